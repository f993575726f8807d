/* Writing results safely.
 *
 * A run writes into a fresh temporary folder beside the target (PARENT/.NAME.tmp-XXXXXX)
 * and swaps it into place only when everything was written, so a failed or
 * interrupted run never leaves a half-written folder over good results. Ownership is
 * per file: the folder carries a manifest (manifest.h) of what landstad wrote, and a
 * run replaces a folder only when it is empty or holds nothing else; no option
 * overrides this. The output folder is locked (PARENT/.NAME.lock) for the whole run,
 * so that cleaning up after an interrupted run never touches a live run's temporary
 * folder. After SIGKILL or a power cut at any point, the next run restores the earlier
 * results if they had been set aside, and removes the leftovers with a notice.
 *
 * Also the checked file writer every table goes through, and interruption. */
#ifndef LS_OUTPUT_H
#define LS_OUTPUT_H

#include <stdio.h>

#include "error.h"
#include "util.h"

typedef struct {
    char *final;   /* the folder the user asked for */
    char *parent;  /* its parent folder, and its name there */
    char *base;
    char *tmp;     /* where this run writes */
    int lock_fd;   /* -1 when not locked */
    char *lock_path;
} outdir;

/* Locks final, cleans up after interrupted runs (notices in notes), checks that
 * final may be replaced (else LS_EIO naming the files landstad did not write), and
 * creates the temporary folder (and the parent of final when missing). */
int outdir_begin(outdir *self, const char *final, diag *d, diag *notes) LS_WARN_UNUSED;
/* Checks final again, writes the manifest, flushes everything to disk and swaps the
 * temporary folder into place. */
int outdir_commit(outdir *self, diag *d) LS_WARN_UNUSED;
/* Removes the temporary folder; safe to call twice or after commit. */
void outdir_abort(outdir *self);
/* Aborts what is not committed and unlocks. */
void outdir_free(outdir *self);
/* path inside the temporary folder; caller frees. */
char *outdir_path(const outdir *self, const char *name);

/* Updating part of a finished folder (landstad plot): final must carry a manifest,
 * and the entries named (files or folders, e.g. "report.html", "plots") must be
 * landstad's or absent. The caller writes them into the temporary folder; commit
 * moves each one that was written over the old one and updates the manifest. The
 * rest of the folder is not touched. */
int outdir_begin_update(outdir *self, const char *final, const char *const *names, size_t n,
                        diag *d, diag *notes) LS_WARN_UNUSED;
int outdir_commit_update(outdir *self, const char *const *names, size_t n,
                         diag *d) LS_WARN_UNUSED;

/* Removes a folder tree (never following symbolic links). Returns 0 on success. */
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

/* Signals: SIGINT, SIGTERM and SIGHUP set a flag the long loops poll. */
void output_install_signal_handlers(void);
int output_interrupted(void);

#endif
