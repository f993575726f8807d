/* Allocation, strings, paths and file reading. No model knowledge here. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void (*fatal_hook)(void);

void
util_set_fatal_hook(void (*hook)(void))
{
    fatal_hook = hook;
}

void
fatal(const char *fmt, ...)
{
    va_list ap;

    fputs("landstad: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (fatal_hook != NULL)
        fatal_hook();
    exit(LS_EXIT_USAGE);
}

void *
xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (p == NULL)
        fatal("out of memory (asked for %zu bytes)", size);
    return p;
}

void *
xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (p == NULL)
        fatal("out of memory (asked for %zu x %zu bytes)", n, size);
    return p;
}

void *
xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (q == NULL)
        fatal("out of memory (asked for %zu bytes)", size);
    return q;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
    if (size != 0 && n > (size_t) -1 / size)
        fatal("out of memory (%zu x %zu bytes overflows)", n, size);
    return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
    va_list aq;
    int n;
    char *p;

    va_copy(aq, ap);
    n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0)
        fatal("bad format string");
    p = xmalloc((size_t) n + 1);
    vsnprintf(p, (size_t) n + 1, fmt, ap);
    return p;
}

char *
xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *p;

    va_start(ap, fmt);
    p = xvasprintf(fmt, ap);
    va_end(ap);
    return p;
}

char *
path_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');

    if (slash == NULL)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t) (slash - path));
}

char *
path_resolve(const char *dir, const char *rel)
{
    char *joined;
    char **seg;
    size_t n = 0, cap, i;
    int absolute;
    strbuf out;
    char *save = NULL, *tok;

    if (rel[0] == '/' || dir == NULL || strcmp(dir, ".") == 0 || dir[0] == '\0')
        joined = xstrdup(rel);
    else
        joined = xasprintf("%s/%s", dir, rel);
    absolute = joined[0] == '/';
    cap = strlen(joined) / 2 + 2;
    seg = xcalloc(cap, sizeof *seg);
    for (tok = strtok_r(joined, "/", &save); tok != NULL; tok = strtok_r(NULL, "/", &save)) {
        if (strcmp(tok, ".") == 0)
            continue;
        if (strcmp(tok, "..") == 0 && n > 0 && strcmp(seg[n - 1], "..") != 0) {
            n--;
            continue;
        }
        if (strcmp(tok, "..") == 0 && n == 0 && absolute)
            continue;
        seg[n++] = tok;
    }
    strbuf_init(&out);
    if (absolute)
        strbuf_add(&out, "/", 1);
    for (i = 0; i < n; i++) {
        if (i > 0)
            strbuf_add(&out, "/", 1);
        strbuf_add(&out, seg[i], strlen(seg[i]));
    }
    if (out.len == 0)
        strbuf_add(&out, ".", 1);
    free(seg);
    free(joined);
    return out.s;
}

int
read_file(const char *path, char **buf, size_t *len)
{
    FILE *f = NULL;
    char *data = NULL;
    size_t n = 0, cap = 0, got;
    int ret = LS_OK;

    *buf = NULL;
    *len = 0;
    f = fopen(path, "rb");
    if (f == NULL) {
        ret = LS_ERROR("open failed", LS_EIO);
        goto out;
    }
    for (;;) {
        if (cap - n < 65536) {
            cap = cap ? 2 * cap : 65536;
            data = xrealloc(data, cap + 1);
        }
        got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                ret = LS_ERROR("read failed", LS_EIO);
                goto out;
            }
            break;
        }
    }
    data[n] = '\0';
    *buf = data;
    *len = n;
    data = NULL;
out:
    if (f != NULL) {
        int saved = errno;
        fclose(f);
        errno = saved;
    }
    free(data);
    return ret;
}

void
strbuf_init(strbuf *self)
{
    self->cap = 64;
    self->len = 0;
    self->s = xmalloc(self->cap);
    self->s[0] = '\0';
}

void
strbuf_free(strbuf *self)
{
    free(self->s);
    self->s = NULL;
    self->len = self->cap = 0;
}

void
strbuf_add(strbuf *self, const char *s, size_t n)
{
    if (self->len + n + 1 > self->cap) {
        while (self->len + n + 1 > self->cap)
            self->cap *= 2;
        self->s = xrealloc(self->s, self->cap);
    }
    memcpy(self->s + self->len, s, n);
    self->len += n;
    self->s[self->len] = '\0';
}

void
strbuf_printf(strbuf *self, const char *fmt, ...)
{
    va_list ap;
    char *p;

    va_start(ap, fmt);
    p = xvasprintf(fmt, ap);
    va_end(ap);
    strbuf_add(self, p, strlen(p));
    free(p);
}

void
fmt_number(char *buf, size_t size, double x, int digits)
{
    if (x == 0.0 || fabs(x) < 1e-12)
        x = 0.0; /* no "-0" */
    snprintf(buf, size, "%.*g", digits, x);
    if (strchr(buf, 'e') != NULL && fabs(x) >= 1e-4 && fabs(x) < 1e15)
        snprintf(buf, size, "%.*f", digits, x);
}

/* Levenshtein distance, for "did you mean" (names are short). */
size_t
edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[64], prev, tmp;
    if (la >= 63 || lb >= 63)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t best = prev + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            tmp = row[j];
            row[j] = best;
            prev = tmp;
        }
    }
    return row[lb];
}
