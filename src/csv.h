/* A small reader for the tidy CSV inputs: header row, comment lines starting with
 * '#', quoted fields, BOM and CRLF tolerated, every field tagged with its line and
 * column so that every complaint can say exactly where it is. Columns are found by
 * name. The table owns all of its strings.
 *
 * It reads the file in either form a spreadsheet saves (csvform.h): international
 * (',' and decimal point) or Dutch (';' and decimal comma), UTF-8 or Windows-1252,
 * told per file; the typed accessors read numbers in the file's form. Excel's
 * trailing empty columns and rows of empty cells are ignored. */
#ifndef LS_CSV_H
#define LS_CSV_H

#include <stddef.h>

#include "csvform.h"
#include "error.h"

typedef struct {
    char *text;
    size_t col; /* 1-based column of the field's first character: bytes in a UTF-8
                 * file, characters (the bytes as saved) in a Windows-1252 one */
} csv_field;

typedef struct {
    size_t line; /* 1-based */
    size_t n;
    csv_field *field;
} csv_row;

typedef struct {
    char *name; /* as shown in messages */
    csv_row header;
    csv_row *row;
    size_t n_rows;
    size_t cap_rows;
    /* csv_read: the file as read (the raw bytes, before any conversion) */
    char sha256[65];
    char note[400];   /* its first comment line */
    int estimated;    /* its comments mention an estimate */
    /* How the file was saved (told by csv_parse): separator (',' or ';', 0 for one
     * column), the form its numbers are read in, and why the form could not be told
     * (CSV_FORM_UNTOLD; for messages). */
    char sep;
    enum csv_form form;
    enum csv_encoding encoding;
    char *untold;
} csv_table;

/* Reads and tokenises path; name is used in messages. On a syntax problem adds
 * located messages to d and returns LS_ECONFIG; an unreadable file adds
 * "NAME: cannot open: strerror" and returns LS_EIO. */
int csv_read(csv_table *self, const char *path, const char *name, diag *d) LS_WARN_UNUSED;
/* Same, from a buffer in memory (used by the fuzzer and tests). */
int csv_parse(csv_table *self, const char *buf, size_t len, const char *name,
              diag *d) LS_WARN_UNUSED;
void csv_free(csv_table *self);

/* Index of the column called name, or -1. With required set, a missing column adds
 * "NAME:LINE: missing column "x" (columns found: a, b, c)". A column that is found
 * but holds a control character (a line break, a tab, ...) in any cell gives one
 * located message per cell and -1: names reach scripts, reports and tables. */
int csv_column(const csv_table *self, const char *name, int required, diag *d);

/* Typed access to one cell, in the file's form; on failure a located message is
 * added and LS_ECONFIG returned (a number with two readings in a file whose form
 * cannot be told: both readings and why). */
int csv_number(const csv_table *self, size_t row, int col, double *out, diag *d);
int csv_integer(const csv_table *self, size_t row, int col, long *out, diag *d);
const char *csv_text(const csv_table *self, size_t row, int col);
size_t csv_line(const csv_table *self, size_t row);
size_t csv_col(const csv_table *self, size_t row, int col);

/* A number written inside a cell (e.g. the units of a schedule "2025:12;2026:8"), in
 * the file's form: 0, -1 not a number, 1 two readings (see csv_number). */
int csv_value(const csv_table *self, const char *s, double *out);

/* Decides the form of a parsed table from its separator and numbers (csvform.c). */
int csv_tell_form(csv_table *self, diag *d) LS_WARN_UNUSED;

/* Parses a decimal number the way every reader here does: no NaN/Inf, no empty
 * string, no trailing garbage. Returns 0 on success. */
int parse_number(const char *s, double *out);
int parse_integer(const char *s, long *out);

#endif
