/* Writing results safely: a run writes into a fresh temporary folder beside the
 * target and renames it into place only when everything was written, so a failed
 * or interrupted run never leaves a half-written folder over good results.
 * Also the checked file writer every table goes through. */
#ifndef LS_OUTPUT_H
#define LS_OUTPUT_H

#include <stdio.h>

#include "error.h"
#include "util.h"

typedef struct {
    char *final;   /* the folder the user asked for */
    char *tmp;     /* where this run writes */
} outdir;

/* Creates the temporary folder (and the parent of final when missing). */
int outdir_begin(outdir *self, const char *final, diag *d) LS_WARN_UNUSED;
/* Replaces final with the temporary folder. */
int outdir_commit(outdir *self, diag *d) LS_WARN_UNUSED;
/* Removes the temporary folder; safe to call twice or after commit. */
void outdir_abort(outdir *self);
void outdir_free(outdir *self);
/* path inside the temporary folder; caller frees. */
char *outdir_path(const outdir *self, const char *name);

/* Removes a folder tree. Returns 0 on success. */
int remove_tree(const char *path);

/* A file being written; every error is remembered and reported at close. */
typedef struct {
    FILE *f;
    char *path;
    int err;
} ofile;

int ofile_open(ofile *self, const char *path, diag *d) LS_WARN_UNUSED;
void ofile_printf(ofile *self, const char *fmt, ...) LS_PRINTF(2, 3);
void ofile_puts(ofile *self, const char *s);
/* Closes and reports any write error (disk full, ...) as "cannot write PATH: why". */
int ofile_close(ofile *self, diag *d) LS_WARN_UNUSED;

/* Signals: SIGINT/SIGTERM set a flag the long loops poll. */
void output_install_signal_handlers(void);
int output_interrupted(void);

#endif
