/* Allocation, strings, paths and file reading. No model knowledge here. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* Makes room for element n of an array of n elements grown only by this function: the
 * capacity doubles at every power of two, so n appends cost O(n) copying in all. */
void *
xgrowarray(void *p, size_t n, size_t size)
{
    if (n != 0 && (n & (n - 1)) != 0)
        return p; /* room left: the capacity is the next power of two */
    return xreallocarray(p, n == 0 ? 1 : 2 * n, size);
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

/* Why the calling thread's last read_file or open_regular failed, when errno alone
 * does not say it clearly. */
static _Thread_local const char *read_why;

const char *
read_file_error(void)
{
    return read_why != NULL ? read_why : strerror(errno);
}

size_t
read_file_limit(void)
{
    const char *env = getenv("LANDSTAD_MAX_INPUT_MB");
    char *end;
    double mb = env != NULL ? strtod(env, &end) : 0;
    if (env != NULL && end != env && *end == '\0' && mb >= 1 && mb <= 1048576)
        return (size_t) (mb * 1048576.0);
    return (size_t) 256 * 1048576;
}

int
open_regular(const char *path)
{
    struct stat st;
    /* O_NONBLOCK: opening a named pipe without a writer must not wait */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);

    read_why = NULL;
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0) {
        const int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        read_why = S_ISDIR(st.st_mode)    ? "a folder, not a file"
                   : S_ISFIFO(st.st_mode) ? "a named pipe (FIFO), not a file: landstad reads only regular files"
                   : S_ISSOCK(st.st_mode) ? "a socket, not a file: landstad reads only regular files"
                                          : "a device, not a file: landstad reads only regular files";
        close(fd);
        errno = EINVAL;
        return -1;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

int
read_file(const char *path, char **buf, size_t *len)
{
    const size_t limit = read_file_limit();
    char *data = NULL;
    size_t n = 0, cap = 0;
    int fd, ret = LS_OK;

    *buf = NULL;
    *len = 0;
    fd = open_regular(path);
    if (fd < 0)
        return LS_ERROR("open failed", LS_EIO);
    for (;;) {
        ssize_t got;
        if (cap - n < 65536) {
            cap = cap ? 2 * cap : 65536;
            data = xrealloc(data, cap + 1);
        }
        got = read(fd, data + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            ret = LS_ERROR("read failed", LS_EIO);
            goto out;
        }
        if (got == 0)
            break;
        n += (size_t) got;
        if (n > limit) {
            static _Thread_local char why[128];
            snprintf(why, sizeof why,
                     "larger than %zu MiB, the limit for a file landstad reads "
                     "(LANDSTAD_MAX_INPUT_MB sets it)",
                     limit / 1048576);
            read_why = why;
            errno = EFBIG;
            ret = LS_ERROR("file too large", LS_EIO);
            goto out;
        }
    }
    data[n] = '\0';
    *buf = data;
    *len = n;
    data = NULL;
out:
    {
        int saved = errno;
        close(fd);
        errno = saved;
    }
    free(data);
    return ret;
}

void
text_note(const char *buf, size_t len, char *note, size_t size, int *estimated)
{
    size_t pos = 0;

    if (size > 0)
        note[0] = '\0';
    *estimated = 0;
    if (len >= 3 && (unsigned char) buf[0] == 0xEF && (unsigned char) buf[1] == 0xBB
        && (unsigned char) buf[2] == 0xBF)
        pos = 3;
    while (pos < len && buf[pos] == '#') {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        const size_t end = nl != NULL ? (size_t) (nl - buf) : len;
        size_t t = pos + 1;
        while (t < end && buf[t] == ' ')
            t++;
        if (size > 0 && note[0] == '\0' && t < end) {
            size_t n = end - t < size - 1 ? end - t : size - 1;
            memcpy(note, buf + t, n);
            note[n] = '\0';
            for (char *q = note; *q; q++)
                if ((unsigned char) *q < 0x20)
                    *q = ' ';
        }
        for (size_t q = t; q + 8 <= end; q++)
            if (strncasecmp(buf + q, "estimate", 8) == 0)
                *estimated = 1;
        pos = end + 1;
    }
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
