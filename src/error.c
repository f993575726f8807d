/* Status codes and located diagnostics. Nothing here knows about YAML or CSV; the
 * readers format their own places and hand the text to diag_add. */
#include <config.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "util.h"

/* Per thread: Monte Carlo workers fail on their own without overwriting one another's
 * place. */
static _Thread_local const char *reason_seen;
static _Thread_local const char *file_seen;
static _Thread_local int line_seen;

const char *
ls_strerror(int status)
{
    switch (status) {
    case LS_OK:
        return "success";
    case LS_ENOMEM:
        return "out of memory";
    case LS_EIO:
        return "a file could not be read or written";
    case LS_EUSAGE:
        return "invalid command line";
    case LS_ECONFIG:
        return "invalid model or input data";
    case LS_ENUMERIC:
        return "a numerical method failed";
    case LS_EINTERRUPTED:
        return "interrupted";
    default:
        return "unknown error";
    }
}

int
ls_exit_code(int status)
{
    switch (status) {
    case LS_OK:
        return LS_EXIT_OK;
    case LS_ECONFIG:
        return LS_EXIT_INVALID;
    case LS_ENUMERIC:
        return LS_EXIT_NUMERIC;
    default:
        return LS_EXIT_USAGE;
    }
}

int
ls_error(const char *reason, const char *file, int line, int code)
{
    reason_seen = reason;
    file_seen = file;
    line_seen = line;
    return code;
}

const char *
ls_last_error_reason(void)
{
    return reason_seen ? reason_seen : "";
}

const char *
ls_last_error_place(int *line)
{
    if (line != NULL)
        *line = line_seen;
    return file_seen ? file_seen : "";
}

void
diag_init(diag *self)
{
    memset(self, 0, sizeof *self);
    self->max_kept = 100;
}

void
diag_clear(diag *self)
{
    for (size_t i = 0; i < self->n; i++)
        free(self->msg[i]);
    self->n = 0;
    self->dropped = 0;
}

void
diag_free(diag *self)
{
    if (self == NULL)
        return;
    diag_clear(self);
    free(self->msg);
    self->msg = NULL;
    self->cap = 0;
}

void
diag_add(diag *self, const char *file, size_t line, size_t col, const char *fmt, ...)
{
    va_list ap;
    char *text;
    char *full;

    if (self->n >= self->max_kept) {
        self->dropped++;
        return;
    }
    va_start(ap, fmt);
    text = xvasprintf(fmt, ap);
    va_end(ap);
    if (file == NULL)
        full = text;
    else {
        if (line == 0)
            full = xasprintf("%s: %s", file, text);
        else if (col == 0)
            full = xasprintf("%s:%zu: %s", file, line, text);
        else
            full = xasprintf("%s:%zu:%zu: %s", file, line, col, text);
        free(text);
    }
    if (self->n == self->cap) {
        self->cap = self->cap ? 2 * self->cap : 8;
        self->msg = xrealloc(self->msg, self->cap * sizeof *self->msg);
    }
    self->msg[self->n++] = full;
}

size_t
diag_count(const diag *self)
{
    return self->n + self->dropped;
}

void
diag_print(const diag *self, FILE *out)
{
    for (size_t i = 0; i < self->n; i++)
        fprintf(out, "landstad: %s\n", self->msg[i]);
    if (self->dropped > 0)
        fprintf(out, "landstad: ... and %zu more problems\n", self->dropped);
}

const char *
diag_quote(const char *s)
{
    /* Four rotating buffers per thread, so one message may quote up to four values. */
    static _Thread_local char bufs[4][96];
    static _Thread_local unsigned turn;
    char *buf = bufs[turn++ % 4];
    size_t j = 0;
    const size_t limit = sizeof bufs[0] - 8;

    buf[j++] = '"';
    for (size_t i = 0; s != NULL && s[i] != '\0'; i++) {
        unsigned char c = (unsigned char) s[i];
        if (j >= limit) {
            buf[j++] = '.';
            buf[j++] = '.';
            buf[j++] = '.';
            break;
        }
        if (c == '"' || c == '\\') {
            buf[j++] = '\\';
            buf[j++] = (char) c;
        } else if (c < 0x20 || c == 0x7f) {
            static const char hex[] = "0123456789abcdef";
            buf[j++] = '\\';
            buf[j++] = 'x';
            buf[j++] = hex[c >> 4];
            buf[j++] = hex[c & 15];
        } else
            buf[j++] = (char) c;
    }
    buf[j++] = '"';
    buf[j] = '\0';
    return buf;
}
