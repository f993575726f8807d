/* Fields of the CSV files landstad writes, quoted per RFC 4180 when they need it, so
 * that every name reads back as it was (csv.c's reader, spreadsheets, pandas). */
#ifndef LS_CSVOUT_H
#define LS_CSVOUT_H

#include "util.h"

/* Appends s as one CSV field: as is when it is safe, else in double quotes with
 * every quote doubled. Quoted: a comma, quote, CR or LF, a leading or trailing
 * blank (the reader trims unquoted blanks), a leading '#' (a comment line when it
 * is the first field), and the empty string is left empty. */
void csvout_field(strbuf *b, const char *s);
/* The same as a new string. Caller frees. */
char *csvout_quote(const char *s);
/* n quoted copies of names (for tables that repeat the same names). Free with
 * csvout_free_all(q, n). */
char **csvout_quote_all(char *const *names, size_t n);
void csvout_free_all(char **q, size_t n);

#endif
