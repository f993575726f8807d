/* Checked file writes, removing trees, and interruption (the output folders
 * themselves are in outdir.c). */
#include <config.h>

#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"

/* Set by the handler, read by any thread (the workbook's too): a lock-free atomic, which
 * a signal handler may store to. */
static atomic_int interrupted;
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "a signal handler may store only lock-free atomics");

static void
on_signal(int sig)
{
    (void) sig;
    atomic_store(&interrupted, 1);
}

void
output_install_signal_handlers(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

int
output_interrupted(void)
{
    return atomic_load(&interrupted) != 0;
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void) sb;
    (void) flag;
    (void) ftw;
    return remove(path) != 0 && errno != ENOENT ? -1 : 0;
}

int
remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int
ofile_open(ofile *self, const char *path, diag *d)
{
    memset(self, 0, sizeof *self);
    self->path = xstrdup(path);
    self->f = fopen(path, "w");
    if (self->f == NULL) {
        diag_add(d, path, 0, 0, "cannot write: %s", strerror(errno));
        free(self->path); /* callers do not close a file that did not open */
        self->path = NULL;
        return LS_EIO;
    }
    return LS_OK;
}

void
ofile_printf(ofile *self, const char *fmt, ...)
{
    va_list ap;

    if (self->f == NULL || self->err)
        return;
    va_start(ap, fmt);
    if (vfprintf(self->f, fmt, ap) < 0)
        self->err = errno ? errno : EIO;
    va_end(ap);
}

void
ofile_puts(ofile *self, const char *s)
{
    if (self->f == NULL || self->err)
        return;
    if (fputs(s, self->f) == EOF)
        self->err = errno ? errno : EIO;
}

int
ofile_close(ofile *self, diag *d)
{
    int ret = LS_OK;

    if (self->f != NULL) {
        if (fflush(self->f) != 0 && !self->err)
            self->err = errno ? errno : EIO;
        if (ferror(self->f) && !self->err)
            self->err = EIO;
        if (fclose(self->f) != 0 && !self->err)
            self->err = errno ? errno : EIO;
        self->f = NULL;
        if (self->err) {
            diag_add(d, self->path, 0, 0, "cannot write: %s", strerror(self->err));
            ret = LS_EIO;
        }
    }
    free(self->path);
    self->path = NULL;
    return ret;
}
