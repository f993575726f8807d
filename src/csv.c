/* CSV tokenising and typed cell access. It does not know what any column means:
 * model.c decides which columns and keys a file must have. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "sha256.h"
#include "util.h"

int
parse_number(const char *s, double *out)
{
    char *end;
    double v;

    while (*s == ' ' || *s == '\t')
        s++;
    if (*s == '\0')
        return -1;
    /* strtod accepts "nan", "inf", hex floats: none of those are data here. */
    for (const char *p = s; *p; p++)
        if ((*p >= 'a' && *p <= 'z' && *p != 'e') || (*p >= 'A' && *p <= 'Z' && *p != 'E'))
            return -1;
    errno = 0;
    v = strtod(s, &end);
    if (end == s)
        return -1;
    while (*end == ' ' || *end == '\t')
        end++;
    if (*end != '\0' || !isfinite(v) || errno == ERANGE)
        return -1;
    *out = v;
    return 0;
}

int
parse_integer(const char *s, long *out)
{
    char *end;
    long v;

    while (*s == ' ' || *s == '\t')
        s++;
    if (*s == '\0')
        return -1;
    errno = 0;
    v = strtol(s, &end, 10);
    if (end == s)
        return -1;
    while (*end == ' ' || *end == '\t')
        end++;
    if (*end != '\0' || errno == ERANGE)
        return -1;
    *out = v;
    return 0;
}

static void
row_push(csv_row *r, size_t *cap, char *text, size_t col)
{
    if (r->n == *cap) {
        *cap = *cap ? 2 * *cap : 8;
        r->field = xreallocarray(r->field, *cap, sizeof *r->field);
    }
    r->field[r->n].text = text;
    r->field[r->n].col = col;
    r->n++;
}

static void
row_free(csv_row *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->field[i].text);
    free(r->field);
    r->field = NULL;
    r->n = 0;
}

void
csv_free(csv_table *self)
{
    if (self == NULL)
        return;
    free(self->name);
    free(self->untold);
    row_free(&self->header);
    for (size_t i = 0; i < self->n_rows; i++)
        row_free(&self->row[i]);
    free(self->row);
    memset(self, 0, sizeof *self);
}

/* The first control character in a field (C0 including tab and line breaks, DEL,
 * and the C1 range U+0080..U+009F), or NULL. No name or number holds one, and one
 * that reached a chart script, a report or a terminal could change what they do. */
static const char *
control_char(const char *s)
{
    for (const unsigned char *p = (const unsigned char *) s; *p; p++)
        if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
            return (const char *) p;
    return NULL;
}

/* Refuses control characters in the cells of a column the program reads, with
 * their place (columns it ignores, such as notes, may hold line breaks). Returns
 * the number found. */
static size_t
check_column_controls(const csv_table *t, size_t col, diag *d)
{
    size_t bad = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        const csv_field *f = &t->row[r].field[col];
        const char *c = control_char(f->text);
        if (c == NULL)
            continue;
        diag_add(d, t->name, t->row[r].line, f->col,
                 "column \"%s\": %s in a value: names and values are plain text on one "
                 "line, found %s",
                 t->header.field[col].text,
                 *c == '\n' ? "a line break" : *c == '\r' ? "a carriage return"
                 : *c == '\t' ? "a tab" : "a control character",
                 diag_quote(f->text));
        bad++;
    }
    return bad;
}

/* Where comments may stand: a line whose first character is '#' is a comment, from
 * the '#' to the end of that line, anywhere in the file (before the header too).
 * Quotes in it mean nothing, so a comment never runs into the next line, and a
 * spreadsheet's "# text,,,," (or ";;;;") is a comment like any other (is_comment
 * below also takes a quoted first cell that starts with '#'). A '#' after blanks, or
 * later in a row, is data. */
static int
is_comment_start(const char *buf, size_t len, size_t pos)
{
    return pos < len && buf[pos] == '#';
}

/* Trims spaces around an unquoted field. */
static char *
trimmed(const char *s, size_t n)
{
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return xstrndup(s, n);
}

/* A comment line: '#' first, or a quoted first cell that starts with "# " (how a
 * spreadsheet saves a comment line that held the separator or a quote: it may split
 * it over several cells). A quoted "#1" is data: that is how landstad writes a name
 * that begins with '#', so that it reads back. */
static int
is_comment(const char *line, size_t n)
{
    if (n > 0 && line[0] == '#')
        return 1;
    return n > 2 && line[0] == '"' && line[1] == '#'
           && (line[2] == ' ' || line[2] == '\t' || line[2] == '"');
}

/* Column of offset p on the line starting at line_start: bytes, or characters in a
 * file transcoded from Windows-1252 (one byte each as saved). */
static size_t
column_at(const csv_table *self, const char *buf, size_t line_start, size_t p)
{
    size_t col = 1;
    if (self->encoding != CSV_WINDOWS_1252)
        return p - line_start + 1;
    for (size_t i = line_start; i < p; i++)
        col += ((unsigned char) buf[i] & 0xC0) != 0x80;
    return col;
}

static int
all_empty(const csv_row *r, size_t from)
{
    for (size_t i = from; i < r->n; i++)
        if (r->field[i].text[0] != '\0')
            return 0;
    return 1;
}

/* The header row: its separator picks the file's candidate form; trailing empty
 * names (a spreadsheet's used range beyond the table) are dropped. */
static int
take_header(csv_table *self, csv_row *row, diag *d)
{
    const char *name = self->name;

    self->header = *row;
    while (self->header.n > 1 && self->header.field[self->header.n - 1].text[0] == '\0')
        free(self->header.field[--self->header.n].text);
    if (self->sep == 0 && self->header.n == 1 && strchr(self->header.field[0].text, '\t') != NULL) {
        diag_add(d, name, row->line, 1,
                 "the columns are separated by tabs; save the file as CSV (';' or ',' between "
                 "columns)");
        return LS_ECONFIG;
    }
    for (size_t i = 0; i < self->header.n; i++) {
        const csv_field *f = &self->header.field[i];
        if (f->text[0] == '\0')
            diag_add(d, name, row->line, f->col, "empty column name");
        else if (control_char(f->text) != NULL)
            diag_add(d, name, row->line, f->col, "a control character in a column name: %s",
                     diag_quote(f->text));
        for (size_t j = 0; j < i; j++)
            if (strcmp(f->text, self->header.field[j].text) == 0)
                diag_add(d, name, row->line, f->col, "duplicate column %s (header fields %zu and %zu)",
                         diag_quote(f->text), j + 1, i + 1);
    }
    return LS_OK;
}

/* Splits the text into the header and the data rows, with sep between fields once
 * the header has told it. */
static int
tokenise(csv_table *self, const char *buf, size_t len, diag *d)
{
    const char *name = self->name;
    size_t pos = 0, line = 1;
    int have_header = 0;
    size_t errors_before = diag_count(d);
    int ret = LS_OK;
    char sep = ',';

    while (pos < len) {
        size_t line_start = pos, line_end, p, cap = 0;
        csv_row row;
        int bad = 0;

        line_end = pos;
        /* Find the end of the record: a newline outside quotes. A comment line ends
         * at its own newline, whatever quotes it holds. */
        if (is_comment_start(buf, len, pos)) {
            const char *nl = memchr(buf + pos, '\n', len - pos);
            line_end = nl != NULL ? (size_t) (nl - buf) : len;
        } else {
            /* A quote opens a quoted field only at the start of a field, so a stray
             * quote inside a value cannot swallow the rest of the file. */
            int inq = 0, field_start = 1;
            while (line_end < len) {
                char c = buf[line_end];
                if (inq) {
                    if (c == '"') {
                        if (line_end + 1 < len && buf[line_end + 1] == '"') {
                            line_end += 2;
                            continue;
                        }
                        inq = 0;
                    }
                } else if (c == '"' && field_start) {
                    inq = 1;
                    field_start = 0;
                } else if (c == '\n')
                    break;
                else if (c == sep)
                    field_start = 1;
                else if (c != ' ' && c != '\t')
                    field_start = 0;
                line_end++;
            }
        }
        {
            size_t e = line_end;
            if (e > line_start && buf[e - 1] == '\r')
                e--;
            /* Comments and blank lines. */
            size_t k = line_start;
            while (k < e && (buf[k] == ' ' || buf[k] == '\t'))
                k++;
            if (k == e || is_comment(buf + line_start, e - line_start)) {
                for (size_t q = line_start; q < line_end; q++)
                    if (buf[q] == '\n')
                        line++;
                pos = line_end + 1;
                line++;
                continue;
            }
            if (!have_header) {
                int both;
                self->sep = csv_header_separator(buf + line_start, e - line_start, &both);
                if (both) {
                    diag_add(d, name, line, 1,
                             "the header has both ';' and ',' between names: cannot tell which "
                             "separates the columns");
                    ret = LS_ECONFIG;
                    goto out;
                }
                sep = self->sep; /* 0: one column, never split */
            }
            memset(&row, 0, sizeof row);
            row.line = line;
            p = line_start;
            while (p <= e && !bad) {
                size_t col;
                /* Blanks before a field are not part of it (nor of its column). */
                while (p < e && (buf[p] == ' ' || buf[p] == '\t'))
                    p++;
                col = column_at(self, buf, line_start, p);
                if (p < e && buf[p] == '"') {
                    strbuf fb;
                    size_t q = p + 1;
                    int closed = 0;
                    strbuf_init(&fb);
                    while (q < e) {
                        if (buf[q] == '"') {
                            if (q + 1 < e && buf[q + 1] == '"') {
                                strbuf_add(&fb, "\"", 1);
                                q += 2;
                                continue;
                            }
                            closed = 1;
                            q++;
                            break;
                        }
                        strbuf_add(&fb, buf + q, 1);
                        q++;
                    }
                    if (!closed) {
                        diag_add(d, name, line, col, "unterminated quoted field");
                        strbuf_free(&fb);
                        bad = 1;
                        break;
                    }
                    while (q < e && (buf[q] == ' ' || buf[q] == '\t'))
                        q++;
                    if (q < e && buf[q] != sep) {
                        diag_add(d, name, line, column_at(self, buf, line_start, q),
                                 "expected '%c' after a quoted field, found '%c'", sep, buf[q]);
                        strbuf_free(&fb);
                        bad = 1;
                        break;
                    }
                    row_push(&row, &cap, fb.s, col);
                    p = q + 1;
                } else {
                    size_t q = p;
                    while (q < e && buf[q] != sep)
                        q++;
                    row_push(&row, &cap, trimmed(buf + p, q - p), col);
                    p = q + 1;
                }
            }
            for (size_t q = line_start; q < line_end; q++)
                if (buf[q] == '\n')
                    line++;
        }
        pos = line_end + 1;
        line++;
        if (bad) {
            row_free(&row);
            continue;
        }
        if (!have_header) {
            have_header = 1;
            if ((ret = take_header(self, &row, d)) != LS_OK)
                goto out;
            continue;
        }
        /* A spreadsheet's empty cells beyond the table, and rows of empty cells. */
        if (row.n > self->header.n && all_empty(&row, self->header.n)) {
            while (row.n > self->header.n)
                free(row.field[--row.n].text);
        }
        if (all_empty(&row, 0)) {
            row_free(&row);
            continue;
        }
        if (row.n != self->header.n) {
            diag_add(d, name, row.line, row.n > self->header.n ? row.field[self->header.n].col : 1,
                     "expected %zu fields as in the header, found %zu", self->header.n,
                     row.n);
            row_free(&row);
            continue;
        }
        if (self->n_rows == self->cap_rows) {
            self->cap_rows = self->cap_rows ? 2 * self->cap_rows : 64;
            self->row = xreallocarray(self->row, self->cap_rows, sizeof *self->row);
        }
        self->row[self->n_rows++] = row;
    }
    if (!have_header) {
        diag_add(d, name, 0, 0, "empty file: expected a header row");
        ret = LS_ECONFIG;
        goto out;
    }
    if (diag_count(d) > errors_before)
        ret = LS_ECONFIG;
out:
    return ret;
}

/* What was read is what is recorded: the hash and note of these very bytes. */
static void
record_source(csv_table *self, const char *buf, size_t len)
{
    sha256 h;
    sha256_init(&h);
    sha256_update(&h, buf, len);
    sha256_final(&h, self->sha256);
    {
        /* the note as text: a Windows-1252 table is transcoded as the reader does */
        char *text = NULL;
        size_t n = 0;
        enum csv_encoding enc;
        diag quiet;
        diag_init(&quiet);
        if (csv_decode(buf, len, self->name, &text, &n, &enc, &quiet) == LS_OK)
            text_note(text, n, self->note, sizeof self->note, &self->estimated);
        else
            text_note(buf, len, self->note, sizeof self->note, &self->estimated);
        free(text);
        diag_free(&quiet);
    }
}

int
csv_parse(csv_table *self, const char *buf, size_t len, const char *name, diag *d)
{
    char *text = NULL;
    size_t n = 0;
    int ret;

    memset(self, 0, sizeof *self);
    self->name = xstrdup(name);
    if (memchr(buf, '\0', len) != NULL) {
        diag_add(d, name, 0, 0, "not a text file: it contains NUL bytes");
        return LS_ECONFIG;
    }
    ret = csv_decode(buf, len, name, &text, &n, &self->encoding, d);
    if (ret == LS_OK)
        ret = tokenise(self, text, n, d);
    if (ret == LS_OK)
        ret = csv_tell_form(self, d);
    free(text);
    return ret;
}

int
csv_read(csv_table *self, const char *path, const char *name, diag *d)
{
    char *buf = NULL;
    size_t len = 0;
    int ret;

    memset(self, 0, sizeof *self);
    ret = read_file(path, &buf, &len);
    if (ret != LS_OK) {
        diag_add(d, name, 0, 0, "cannot read: %s", read_file_error());
        self->name = xstrdup(name);
        goto out;
    }
    ret = csv_parse(self, buf, len, name, d);
    record_source(self, buf, len);
out:
    free(buf);
    return ret;
}

int
csv_column(const csv_table *self, const char *name, int required, diag *d)
{
    for (size_t i = 0; i < self->header.n; i++)
        if (strcmp(self->header.field[i].text, name) == 0)
            return check_column_controls(self, i, d) == 0 ? (int) i : -1;
    if (required) {
        strbuf found;
        strbuf_init(&found);
        for (size_t i = 0; i < self->header.n; i++) {
            if (i > 0)
                strbuf_add(&found, ", ", 2);
            strbuf_add(&found, self->header.field[i].text, strlen(self->header.field[i].text));
        }
        diag_add(d, self->name, self->header.line, 1,
                 "missing column \"%s\" (columns found: %s)", name, found.s);
        strbuf_free(&found);
    }
    return -1;
}

const char *
csv_text(const csv_table *self, size_t row, int col)
{
    return self->row[row].field[col].text;
}

size_t
csv_line(const csv_table *self, size_t row)
{
    return self->row[row].line;
}

size_t
csv_col(const csv_table *self, size_t row, int col)
{
    return self->row[row].field[col].col;
}

/* "column "x": "1.234" can mean 1234 (...) or a number between 1 and 2 (...); why". */
static void
two_readings(const csv_table *self, size_t row, int col, const double readings[2], diag *d)
{
    const csv_field *f = &self->row[row].field[col];
    const int point = strchr(f->text, '.') != NULL;
    const double lo = floor(readings[1]);

    diag_add(d, self->name, self->row[row].line, f->col,
             "column \"%s\": %s can mean %.15g (the %s grouping thousands, as in the %s form) "
             "or a number between %.0f and %.0f (a decimal %s); the file's form cannot be "
             "told: %s; save it again as CSV in one form (';' and decimal commas, or ',' and "
             "decimal points)",
             self->header.field[col].text, diag_quote(f->text), readings[0],
             point ? "point" : "comma", point ? "Dutch" : "international", lo, lo + 1,
             point ? "point" : "comma", self->untold != NULL ? self->untold : "");
}

int
csv_number(const csv_table *self, size_t row, int col, double *out, diag *d)
{
    const csv_field *f = &self->row[row].field[col];
    double readings[2];
    const int r = csv_form_number(self->form, f->text, out, readings);

    if (r == 1) {
        two_readings(self, row, col, readings, d);
        return LS_ECONFIG;
    }
    if (r != 0) {
        diag_add(d, self->name, self->row[row].line, f->col,
                 "column \"%s\": expected a finite number, found %s",
                 self->header.field[col].text, diag_quote(f->text));
        return LS_ECONFIG;
    }
    return LS_OK;
}

int
csv_integer(const csv_table *self, size_t row, int col, long *out, diag *d)
{
    const csv_field *f = &self->row[row].field[col];
    double readings[2];
    const int r = csv_form_integer(self->form, f->text, out, readings);

    if (r == 1) {
        two_readings(self, row, col, readings, d);
        return LS_ECONFIG;
    }
    if (r != 0) {
        diag_add(d, self->name, self->row[row].line, f->col,
                 "column \"%s\": expected an integer, found %s",
                 self->header.field[col].text, diag_quote(f->text));
        return LS_ECONFIG;
    }
    return LS_OK;
}

int
csv_value(const csv_table *self, const char *s, double *out)
{
    return csv_form_number(self->form, s, out, NULL);
}
