/* Status codes, their messages, and the list of located diagnostics.
 *
 * Every function that can fail returns an int status: 0 (LS_OK) or one of the
 * negative LS_E* codes below. Messages a user sees are gathered in a diag list
 * (file:line:col: text) so that one run reports every problem it found. */
#ifndef LS_ERROR_H
#define LS_ERROR_H

#include <stddef.h>
#include <stdio.h>

#if defined(__GNUC__)
#define LS_WARN_UNUSED __attribute__((warn_unused_result))
#define LS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define LS_WARN_UNUSED
#define LS_PRINTF(f, a)
#endif

enum {
    LS_OK = 0,
    LS_ENOMEM = -1,      /* out of memory */
    LS_EIO = -2,         /* a file could not be read or written */
    LS_EUSAGE = -3,      /* bad command line */
    LS_ECONFIG = -4,     /* invalid model file or input data */
    LS_ENUMERIC = -5,    /* a numerical method failed */
    LS_EINTERRUPTED = -6 /* the run was interrupted by a signal */
};
#define LS_NUM_ERRORS 7

/* Exit codes of the landstad program (documented in the README). */
enum {
    LS_EXIT_OK = 0,
    LS_EXIT_TARGET_MISSED = 1,
    LS_EXIT_USAGE = 2,
    LS_EXIT_INVALID = 3,
    LS_EXIT_NUMERIC = 4
};

const char *ls_strerror(int status);
int ls_exit_code(int status);

/* Records where an error was first detected (a breakpoint on ls_error catches every
 * failure) and returns code, so it can be used as `ret = LS_ERROR("why", LS_EIO)`. */
int ls_error(const char *reason, const char *file, int line, int code);
#define LS_ERROR(reason, code) ls_error((reason), __FILE__, __LINE__, (code))
/* The reason, source file and line of the calling thread's last LS_ERROR. */
const char *ls_last_error_reason(void);
const char *ls_last_error_place(int *line);

/* A growing list of located messages, printed together as
 * "landstad: FILE:LINE:COL: message". The list owns its strings. */
typedef struct {
    char **msg;
    size_t n;
    size_t cap;
    size_t max_kept; /* messages beyond this are counted, not kept */
    size_t dropped;
} diag;

void diag_init(diag *self);
void diag_free(diag *self);
/* line 0 omits line and column; col 0 omits the column. file NULL omits the place. */
void diag_add(diag *self, const char *file, size_t line, size_t col, const char *fmt, ...)
    LS_PRINTF(5, 6);
size_t diag_count(const diag *self);
void diag_print(const diag *self, FILE *out);
void diag_clear(diag *self);

/* A printable rendering of a user's value for messages: quoted, control characters
 * escaped, truncated to a readable length. Returns a pointer to a static buffer. */
const char *diag_quote(const char *s);

#endif
