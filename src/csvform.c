/* Encoding, separator and decimal sign of a CSV file (see csvform.h). */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "csvform.h"
#include "util.h"

const char *
csv_form_name(enum csv_form form)
{
    switch (form) {
    case CSV_FORM_INTERNATIONAL: return "international";
    case CSV_FORM_DUTCH: return "dutch";
    default: return "undetermined";
    }
}

const char *
csv_encoding_name(enum csv_encoding enc)
{
    switch (enc) {
    case CSV_UTF8_BOM: return "utf-8 with BOM";
    case CSV_WINDOWS_1252: return "windows-1252";
    default: return "utf-8";
    }
}

/* ---------------------------------------------------------------- encoding */

/* Length (2..4) of the valid multibyte UTF-8 sequence at p, or 0. */
static size_t
utf8_multibyte(const unsigned char *p, size_t n)
{
    size_t len;
    unsigned cp;

    if (p[0] >= 0xC2 && p[0] <= 0xDF)
        len = 2, cp = p[0] & 0x1F;
    else if (p[0] >= 0xE0 && p[0] <= 0xEF)
        len = 3, cp = p[0] & 0x0F;
    else if (p[0] >= 0xF0 && p[0] <= 0xF4)
        len = 4, cp = p[0] & 0x07;
    else
        return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return len;
}

/* Windows-1252 0x80..0x9F; 0 where the code page leaves a byte undefined. */
static const unsigned short cp1252_80[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

static void
put_utf8(strbuf *b, unsigned cp)
{
    char u[3];
    if (cp < 0x800) {
        u[0] = (char) (0xC0 | cp >> 6);
        u[1] = (char) (0x80 | (cp & 0x3F));
        strbuf_add(b, u, 2);
    } else {
        u[0] = (char) (0xE0 | cp >> 12);
        u[1] = (char) (0x80 | (cp >> 6 & 0x3F));
        u[2] = (char) (0x80 | (cp & 0x3F));
        strbuf_add(b, u, 3);
    }
}

/* Line and column (bytes, 1-based) of offset pos. */
static void
locate(const char *buf, size_t pos, size_t *line, size_t *col)
{
    size_t start = 0;
    *line = 1;
    for (size_t i = 0; i < pos; i++)
        if (buf[i] == '\n') {
            (*line)++;
            start = i + 1;
        }
    *col = pos - start + 1;
}

int
csv_decode(const char *buf, size_t len, const char *name, char **text, size_t *text_len,
           enum csv_encoding *enc, diag *d)
{
    const unsigned char *u = (const unsigned char *) buf;
    size_t start = 0, bad = (size_t) -1, multi = (size_t) -1;
    strbuf b;

    *text = NULL;
    *text_len = 0;
    *enc = CSV_UTF8;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        start = 3;
        *enc = CSV_UTF8_BOM;
    }
    for (size_t i = start; i < len && (bad == (size_t) -1 || multi == (size_t) -1);) {
        size_t m;
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        m = utf8_multibyte(u + i, len - i);
        if (m == 0) {
            if (bad == (size_t) -1)
                bad = i;
            i++;
        } else {
            if (multi == (size_t) -1)
                multi = i;
            i += m;
        }
    }
    if (bad != (size_t) -1 && (*enc == CSV_UTF8_BOM || multi != (size_t) -1)) {
        size_t l1, c1, l2, c2;
        locate(buf, bad, &l1, &c1);
        if (*enc == CSV_UTF8_BOM)
            diag_add(d, name, l1, c1,
                     "byte 0x%02X is not UTF-8 text, yet the file starts with a UTF-8 "
                     "byte-order mark; save it again as CSV (UTF-8)",
                     u[bad]);
        else {
            locate(buf, multi, &l2, &c2);
            diag_add(d, name, l1, c1,
                     "byte 0x%02X is not UTF-8 text, yet line %zu holds UTF-8 characters, so "
                     "the file is not Windows-1252 either; save it again as CSV (UTF-8)",
                     u[bad], l2);
        }
        return LS_ECONFIG;
    }
    strbuf_init(&b);
    if (bad == (size_t) -1)
        strbuf_add(&b, buf + start, len - start);
    else {
        *enc = CSV_WINDOWS_1252;
        for (size_t i = 0; i < len; i++) {
            unsigned cp = u[i];
            if (cp < 0x80) {
                strbuf_add(&b, buf + i, 1);
                continue;
            }
            if (cp < 0xA0)
                cp = cp1252_80[cp - 0x80];
            if (cp == 0) {
                size_t l, c;
                locate(buf, i, &l, &c);
                diag_add(d, name, l, c,
                         "byte 0x%02X is neither UTF-8 nor Windows-1252 text; save the file "
                         "again as CSV (UTF-8)",
                         u[i]);
                strbuf_free(&b);
                return LS_ECONFIG;
            }
            put_utf8(&b, cp);
        }
    }
    if (b.s == NULL)
        strbuf_add(&b, "", 0);
    *text = b.s;
    *text_len = b.len;
    return LS_OK;
}

/* ---------------------------------------------------------------- separator */

char
csv_header_separator(const char *line, size_t n, int *both)
{
    int inq = 0;
    size_t commas = 0, semis = 0;

    for (size_t i = 0; i < n; i++) {
        if (line[i] == '"')
            inq = !inq;
        else if (!inq && line[i] == ',')
            commas++;
        else if (!inq && line[i] == ';')
            semis++;
    }
    *both = commas > 0 && semis > 0;
    if (*both)
        return 0;
    return commas > 0 ? ',' : semis > 0 ? ';' : 0;
}

/* ---------------------------------------------------------------- numbers */

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads s with dec as the decimal sign and group as the thousands separator (groups
 * of three after a first group of one to three digits that does not start with 0).
 * On success writes the plain C form ("-1234.5e3") into out and returns 0, with
 * *has_dec set when a decimal part or an exponent was given. */
static int
reading(const char *s, char dec, char group, char *out, size_t size, int *has_dec)
{
    size_t o = 0, digits = 0, lead = 0;
    int grouped = 0;

    *has_dec = 0;
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s == '+' || *s == '-') {
        if (*s == '-')
            out[o++] = '-';
        s++;
    }
    for (; o + 2 < size; s++) {
        if (is_digit(*s)) {
            out[o++] = *s;
            digits++;
            if (!grouped)
                lead++;
        } else if (*s == group) {
            if (grouped ? digits != 3 : (lead < 1 || lead > 3 || out[o - lead] == '0'))
                return -1;
            grouped = 1;
            digits = 0;
        } else
            break;
    }
    if (grouped && digits != 3)
        return -1;
    if (*s == dec) {
        size_t frac = 0;
        out[o++] = '.';
        for (s++; is_digit(*s) && o + 2 < size; s++, frac++)
            out[o++] = *s;
        if (frac == 0)
            return -1;
        *has_dec = 1;
    } else if (lead == 0 && !grouped)
        return -1;
    if (*s == 'e' || *s == 'E') {
        size_t ed = 0;
        out[o++] = 'e';
        s++;
        if ((*s == '+' || *s == '-') && o + 2 < size)
            out[o++] = *s++;
        for (; is_digit(*s) && o + 2 < size; s++, ed++)
            out[o++] = *s;
        if (ed == 0)
            return -1;
        *has_dec = 1;
    }
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s != '\0' || o + 2 >= size)
        return -1;
    out[o] = '\0';
    return 0;
}

/* The two readings of s: [0] point decimal (comma groups), [1] comma decimal (point
 * groups). ok[i] says whether each reads as a finite number. */
typedef struct {
    int ok[2];
    int has_dec[2];
    char text[2][80];
    int marks; /* any '.' or ',' */
} readings_t;

static void
read_both(const char *s, readings_t *r)
{
    double v;
    r->marks = strchr(s, '.') != NULL || strchr(s, ',') != NULL;
    r->ok[0] = reading(s, '.', ',', r->text[0], sizeof r->text[0], &r->has_dec[0]) == 0
               && parse_number(r->text[0], &v) == 0;
    r->ok[1] = reading(s, ',', '.', r->text[1], sizeof r->text[1], &r->has_dec[1]) == 0
               && parse_number(r->text[1], &v) == 0;
}

/* Which reading a form uses, or -1 when the form is untold and both read. */
static int
pick(enum csv_form form, const readings_t *r)
{
    if (form == CSV_FORM_INTERNATIONAL)
        return r->ok[0] ? 0 : -2;
    if (form == CSV_FORM_DUTCH)
        return r->ok[1] ? 1 : -2;
    if (r->ok[0] && r->ok[1])
        return r->marks ? -1 : 0;
    return r->ok[0] ? 0 : r->ok[1] ? 1 : -2;
}

/* readings[0]: the mark grouping thousands; readings[1]: the mark as decimal sign. */
static void
two_values(const char *s, const readings_t *r, double readings[2])
{
    const int point = strchr(s, '.') != NULL;
    if (readings == NULL)
        return;
    (void) parse_number(r->text[point ? 1 : 0], &readings[0]);
    (void) parse_number(r->text[point ? 0 : 1], &readings[1]);
}

int
csv_form_number(enum csv_form form, const char *s, double *out, double readings[2])
{
    readings_t r;
    int k;

    if (form == CSV_FORM_INTERNATIONAL && strchr(s, ',') == NULL) {
        /* The common case (every file landstad writes): one reading. */
        char plain[80];
        int has_dec;
        return reading(s, '.', ',', plain, sizeof plain, &has_dec) == 0
                       && parse_number(plain, out) == 0
                   ? 0
                   : -1;
    }
    read_both(s, &r);
    k = pick(form, &r);
    if (k == -1) {
        two_values(s, &r, readings);
        return 1;
    }
    if (k < 0)
        return -1;
    return parse_number(r.text[k], out) == 0 ? 0 : -1;
}

int
csv_form_integer(enum csv_form form, const char *s, long *out, double readings[2])
{
    readings_t r;
    int k;

    read_both(s, &r);
    k = pick(form, &r);
    if (k == -1) {
        two_values(s, &r, readings);
        return 1;
    }
    if (k < 0 || r.has_dec[k])
        return -1;
    return parse_integer(r.text[k], out) == 0 ? 0 : -1;
}

/* ---------------------------------------------------------------- the file's form */

/* The first number of a file that only reads with one decimal sign. */
typedef struct {
    size_t line, col, count;
    const char *text;
} evidence;

static void
note_evidence(evidence *e, const csv_table *t, size_t r, size_t c)
{
    if (e->count++ == 0) {
        e->line = t->row[r].line;
        e->col = t->row[r].field[c].col;
        e->text = t->row[r].field[c].text;
    }
}

static void
mixed_signs(const csv_table *t, const evidence *here, const char *here_sign,
            const evidence *there, const char *there_sign, diag *d)
{
    char more[64] = "";
    if (here->count > 1)
        snprintf(more, sizeof more, " (and %zu more numbers like it)", here->count - 1);
    diag_add(d, t->name, here->line, here->col,
             "%s has a decimal %s, but line %zu has a decimal %s (%s)%s: a file uses one "
             "decimal sign; save it again as CSV in one form (';' between columns and "
             "decimal commas, or ',' and decimal points)",
             diag_quote(here->text), here_sign, there->line, there_sign, diag_quote(there->text),
             more);
}

int
csv_tell_form(csv_table *self, diag *d)
{
    evidence point = {0, 0, 0, NULL}, comma = {0, 0, 0, NULL};

    for (size_t r = 0; r < self->n_rows; r++)
        for (size_t c = 0; c < self->row[r].n; c++) {
            readings_t x;
            const char *s = self->row[r].field[c].text;
            if (strpbrk(s, ".,") == NULL)
                continue;
            read_both(s, &x);
            if (x.ok[0] && !x.ok[1])
                note_evidence(&point, self, r, c);
            else if (x.ok[1] && !x.ok[0])
                note_evidence(&comma, self, r, c);
        }
    free(self->untold);
    self->untold = NULL;
    if (point.count > 0 && comma.count > 0) {
        const int comma_is_odd = self->sep == ',' || (self->sep != ';' && comma.line > point.line);
        if (comma_is_odd)
            mixed_signs(self, &comma, "comma", &point, "point", d);
        else
            mixed_signs(self, &point, "point", &comma, "comma", d);
        return LS_ECONFIG;
    }
    if (self->sep == ',' && comma.count == 0)
        self->form = CSV_FORM_INTERNATIONAL;
    else if (self->sep == ';' && point.count == 0)
        self->form = CSV_FORM_DUTCH;
    else if (self->sep == 0 && point.count > 0)
        self->form = CSV_FORM_INTERNATIONAL;
    else if (self->sep == 0 && comma.count > 0)
        self->form = CSV_FORM_DUTCH;
    else {
        self->form = CSV_FORM_UNTOLD;
        if (self->sep == ';')
            self->untold = xasprintf("it has ';' between columns (the Dutch form) but a decimal "
                                     "point at line %zu (%s)",
                                     point.line, diag_quote(point.text));
        else if (self->sep == ',')
            self->untold = xasprintf("it has ',' between columns (the international form) but a "
                                     "decimal comma at line %zu (%s)",
                                     comma.line, diag_quote(comma.text));
        else
            self->untold = xstrdup("it has a single column, so no separator tells");
    }
    return LS_OK;
}
