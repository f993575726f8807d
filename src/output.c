/* Output folders written atomically, checked file writes, and interruption. */
#include <config.h>

#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"

static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
    (void) sig;
    interrupted = 1;
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
}

int
output_interrupted(void)
{
    return interrupted != 0;
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

static int
mkdir_p(const char *path)
{
    char *p = xstrdup(path);
    int ret = 0;

    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            ret = -1;
            break;
        }
        *s = '/';
    }
    if (ret == 0 && mkdir(p, 0777) != 0 && errno != EEXIST)
        ret = -1;
    free(p);
    return ret;
}

int
outdir_begin(outdir *self, const char *final, diag *d)
{
    char *parent, *base, *tmpl;
    const char *slash;
    size_t n = strlen(final);

    memset(self, 0, sizeof *self);
    while (n > 1 && final[n - 1] == '/')
        n--;
    self->final = xstrndup(final, n);
    parent = path_dirname(self->final);
    slash = strrchr(self->final, '/');
    base = xstrdup(slash ? slash + 1 : self->final);
    if (mkdir_p(parent) != 0) {
        diag_add(d, parent, 0, 0, "cannot create the output folder: %s", strerror(errno));
        free(parent);
        free(base);
        return LS_EIO;
    }
    tmpl = xasprintf("%s/.%s.tmp-XXXXXX", parent, base);
    if (mkdtemp(tmpl) == NULL) {
        diag_add(d, parent, 0, 0, "cannot create a temporary folder: %s", strerror(errno));
        free(tmpl);
        free(parent);
        free(base);
        return LS_EIO;
    }
    /* mkdtemp makes the folder private (0700); results are ordinary files. */
    {
        mode_t mask = umask(0);
        umask(mask);
        chmod(tmpl, 0777 & ~mask);
    }
    self->tmp = tmpl;
    free(parent);
    free(base);
    return LS_OK;
}

char *
outdir_path(const outdir *self, const char *name)
{
    return xasprintf("%s/%s", self->tmp, name);
}

int
outdir_commit(outdir *self, diag *d)
{
    struct stat st;
    char *old = NULL;
    int ret = LS_OK;

    if (self->tmp == NULL)
        return LS_ERROR("nothing to commit", LS_EIO);
    if (lstat(self->final, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            diag_add(d, self->final, 0, 0,
                     "exists and is not a folder: choose another --out; nothing was written");
            return LS_EIO;
        }
        old = xasprintf("%s.old-%ld", self->final, (long) getpid());
        remove_tree(old);
        if (rename(self->final, old) != 0) {
            diag_add(d, self->final, 0, 0, "cannot replace the earlier results: %s",
                     strerror(errno));
            ret = LS_EIO;
            goto out;
        }
    }
    if (rename(self->tmp, self->final) != 0) {
        int saved = errno;
        if (old != NULL && rename(old, self->final) != 0)
            diag_add(d, old, 0, 0, "earlier results were kept here: %s", strerror(errno));
        diag_add(d, self->final, 0, 0, "cannot move the results into place: %s",
                 strerror(saved));
        ret = LS_EIO;
        goto out;
    }
    free(self->tmp);
    self->tmp = NULL;
    if (old != NULL)
        remove_tree(old);
out:
    free(old);
    return ret;
}

void
outdir_abort(outdir *self)
{
    if (self->tmp != NULL) {
        remove_tree(self->tmp);
        free(self->tmp);
        self->tmp = NULL;
    }
}

void
outdir_free(outdir *self)
{
    if (self == NULL)
        return;
    outdir_abort(self);
    free(self->final);
    self->final = NULL;
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
