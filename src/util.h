/* Small helpers shared by every module: allocation that never returns NULL (it
 * prints and exits with status 2 on exhaustion, as tmux's xmalloc does), formatted
 * strings, paths, whole-file reads. */
#ifndef LS_UTIL_H
#define LS_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#include "error.h"

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
/* Room for element n of an array grown one element at a time (geometrically). */
void *xgrowarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) LS_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap);

/* Called by the x* allocators before exiting; the CLI uses it to remove a
 * half-written output folder. */
void util_set_fatal_hook(void (*hook)(void));
void fatal(const char *fmt, ...) LS_PRINTF(1, 2) __attribute__((noreturn));

/* The directory part of path ("." when there is none). Caller frees. */
char *path_dirname(const char *path);
/* dir/rel, unless rel is absolute; ".." and "." segments are collapsed lexically. */
char *path_resolve(const char *dir, const char *rel);

/* Reads a whole file into a NUL-terminated buffer. Returns LS_EIO with errno set on
 * failure; read_file_error() then says why in words. Only regular files are read
 * (a folder, a named pipe or a device is refused before reading, so nothing waits
 * for a writer), and no more than read_file_limit() bytes. Caller frees *buf. */
int read_file(const char *path, char **buf, size_t *len) LS_WARN_UNUSED;
const char *read_file_error(void);
/* 256 MiB, or $LANDSTAD_MAX_INPUT_MB. */
size_t read_file_limit(void);
/* A descriptor open for reading on a regular file, or -1 (errno, read_file_error). */
int open_regular(const char *path);

/* What a file says about itself: the first '#' comment line (without the '#' and
 * leading blanks; "" when there is none) into note, and whether any comment line of
 * its leading comment block mentions an estimate. */
void text_note(const char *buf, size_t len, char *note, size_t size, int *estimated);

/* Levenshtein distance of two short strings (99 when either has 63 bytes or more),
 * for "did you mean". */
size_t edit_distance(const char *a, const char *b);

/* Growable string buffer. */
typedef struct {
    char *s;
    size_t len;
    size_t cap;
} strbuf;
void strbuf_init(strbuf *self);
void strbuf_free(strbuf *self);
void strbuf_add(strbuf *self, const char *s, size_t n);
void strbuf_printf(strbuf *self, const char *fmt, ...) LS_PRINTF(2, 3);

/* Numbers written to CSV: shortest round-trip-ish form with up to 10 significant
 * digits, never "-0" and never exponent notation for ordinary magnitudes. */
void fmt_number(char *buf, size_t size, double x, int digits);

#endif
