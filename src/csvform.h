/* The forms in which a spreadsheet saves a CSV file, told per file and as a whole:
 * the encoding (UTF-8, with or without byte-order mark, or Windows-1252, which Dutch
 * Excel writes for "CSV (gescheiden door lijstscheidingsteken)"), the separator
 * between columns, and the decimal sign.
 *
 * Two forms: international (',' between columns, decimal point; what landstad itself
 * writes) and Dutch (';' between columns, decimal comma, and a point may group
 * thousands: 1.234 = 1234). The separator in the header row picks the form; the
 * numbers of the whole file must agree with it: a number that can only be read with
 * the other decimal sign ("656.22" in a ';' file) means the form cannot be told,
 * and then every number is read by its only reading and a number with two readings
 * ("1.234", "1,234") is refused with both spelled out. A file with both decimal
 * signs in its numbers is refused. */
#ifndef LS_CSVFORM_H
#define LS_CSVFORM_H

#include <stddef.h>

#include "error.h"

enum csv_form {
    CSV_FORM_INTERNATIONAL, /* ',' between columns, decimal point */
    CSV_FORM_DUTCH,         /* ';' between columns, decimal comma, '.' groups thousands */
    CSV_FORM_UNTOLD         /* cannot be told: numbers with two readings are refused */
};

enum csv_encoding { CSV_UTF8, CSV_UTF8_BOM, CSV_WINDOWS_1252 };

/* Words for run.yaml and inputs.csv: "international", "dutch", "undetermined";
 * "utf-8", "utf-8 with BOM", "windows-1252". */
const char *csv_form_name(enum csv_form form);
const char *csv_encoding_name(enum csv_encoding enc);

/* The file's bytes as UTF-8 text without byte-order mark (always a fresh,
 * NUL-terminated buffer in *text). A file that is valid UTF-8 is UTF-8; one that is
 * not, and holds no UTF-8 character at all, is Windows-1252 and is transcoded;
 * anything else is refused with a located message (LS_ECONFIG). */
int csv_decode(const char *buf, size_t len, const char *name, char **text, size_t *text_len,
               enum csv_encoding *enc, diag *d) LS_WARN_UNUSED;

/* The separator a header line uses: ',' or ';', or 0 when it holds neither
 * (one column) or both outside quotes (*both set). */
char csv_header_separator(const char *line, size_t n, int *both);

/* How a text reads as a number. Returns 0 with *out set; -1 when it is no number in
 * this form; 1 when the form is untold and the text has two readings (both in
 * readings[0]: mark grouping thousands, readings[1]: decimal mark). */
int csv_form_number(enum csv_form form, const char *s, double *out, double readings[2]);
/* The same for whole numbers: a decimal part is refused. */
int csv_form_integer(enum csv_form form, const char *s, long *out, double readings[2]);

#endif
