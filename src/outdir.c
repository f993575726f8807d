/* Output folders: locking, ownership checks, the swap into place, and recovery after
 * an interrupted run (output.h says what holds).
 *
 * The swap is one renameat2(RENAME_EXCHANGE) where the file system has it: the new
 * results and the old change places in one step, and the old ones (now under the
 * temporary name) are removed. Elsewhere the old folder is first renamed aside
 * (PARENT/.NAME.old-XXXXXX) and the new one renamed into place; a run killed between
 * the two renames leaves no NAME, and the next run renames the set-aside folder back
 * before anything else. Every leftover is recognised by its name and by what it
 * holds (the marker of a folder being written, or a manifest that accounts for all
 * of it); anything else with such a name is left alone, with a notice. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "manifest.h"
#include "output.h"

/* In a folder being written; removed just before its manifest is written. */
#define WRITING_MARKER ".landstad-writing"
/* Foreign files named in a refusal. */
#define MAX_NAMED 8

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

static int
exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* Splits final into parent and name; refuses names that cannot be swapped (".",
 * "..", "/"). */
static int
split_final(outdir *self, const char *final, diag *d)
{
    size_t n = strlen(final);
    const char *slash;

    while (n > 1 && final[n - 1] == '/')
        n--;
    self->final = xstrndup(final, n);
    slash = strrchr(self->final, '/');
    self->base = xstrdup(slash ? slash + 1 : self->final);
    self->parent = slash == NULL ? xstrdup(".")
                   : slash == self->final ? xstrdup("/")
                                          : xstrndup(self->final, (size_t) (slash - self->final));
    if (self->base[0] == '\0' || strcmp(self->base, ".") == 0 || strcmp(self->base, "..") == 0) {
        diag_add(d, self->final, 0, 0,
                 "name the output folder itself (for example output/run1), not \".\" or \"..\"");
        return LS_EUSAGE;
    }
    return LS_OK;
}

/* ---------------------------------------------------------------- the lock */

static int
lock(outdir *self, diag *d)
{
    self->lock_path = xasprintf("%s/.%s.lock", self->parent, self->base);
    /* The lock file is removed when the run ends; a run that opened it just before
     * finds another file at the path after locking, and tries again. */
    for (int attempt = 0; attempt < 10; attempt++) {
        struct stat a, b;
        int fd = open(self->lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
        if (fd < 0) {
            diag_add(d, self->lock_path, 0, 0, "cannot create the lock of the output folder: %s",
                     strerror(errno));
            return LS_EIO;
        }
        /* A run that was just killed can hold the lock a moment longer (its exit, or
         * a child between fork and exec, on a loaded machine): wait up to a second. */
        int locked = flock(fd, LOCK_EX | LOCK_NB) == 0;
        for (int w = 0; !locked && errno == EWOULDBLOCK && w < 50; w++) {
            nanosleep(&(struct timespec){0, 20000000}, NULL);
            locked = flock(fd, LOCK_EX | LOCK_NB) == 0;
        }
        if (!locked) {
            const int e = errno;
            close(fd);
            if (e == EWOULDBLOCK) {
                diag_add(d, self->final, 0, 0,
                         "another landstad run is writing this folder now; nothing was "
                         "written (try again when it has finished)");
                return LS_EIO;
            }
            diag_add(d, self->lock_path, 0, 0, "cannot lock: %s", strerror(e));
            return LS_EIO;
        }
        if (fstat(fd, &a) == 0 && stat(self->lock_path, &b) == 0 && a.st_ino == b.st_ino
            && a.st_dev == b.st_dev) {
            self->lock_fd = fd;
            return LS_OK;
        }
        close(fd);
    }
    diag_add(d, self->lock_path, 0, 0, "cannot lock: the lock file keeps changing");
    return LS_EIO;
}

static void
unlock(outdir *self)
{
    if (self->lock_path != NULL && self->lock_fd >= 0) {
        unlink(self->lock_path);
        close(self->lock_fd);
        self->lock_fd = -1;
    }
    free(self->lock_path);
    self->lock_path = NULL;
}

/* ---------------------------------------------------------------- ownership */

static int
folder_empty(const char *path)
{
    DIR *dp = opendir(path);
    struct dirent *de;
    int empty = 1;
    if (dp == NULL)
        return 0;
    while ((de = readdir(dp)) != NULL)
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
            empty = 0;
            break;
        }
    closedir(dp);
    return empty;
}

/* "a, b (changed since landstad wrote it) and 3 more" */
static char *
foreign_list(const manifest_foreign *f, size_t n)
{
    strbuf b;
    strbuf_init(&b);
    for (size_t i = 0; i < n && i < MAX_NAMED; i++)
        strbuf_printf(&b, "%s%s (%s)", i ? ", " : "", diag_quote(f[i].path), f[i].why);
    if (n > MAX_NAMED)
        strbuf_printf(&b, " and more");
    return b.s;
}

/* Whether landstad wrote everything in dir (or in dir/sub). 1 yes, 0 no (with the
 * foreign entries in *why when why is not NULL), -1 no manifest, -2 malformed. */
static int
owned(const char *dir, const char *sub, char **why, diag *d)
{
    manifest m;
    manifest_foreign *f = NULL;
    size_t n;
    int r = manifest_read(&m, dir, d);

    if (why != NULL)
        *why = NULL;
    if (r == MANIFEST_ABSENT)
        return -1;
    if (r != LS_OK)
        return -2;
    n = manifest_find_foreign(&m, dir, sub, &f, MAX_NAMED + 1);
    if (n > 0 && why != NULL)
        *why = foreign_list(f, n);
    manifest_foreign_free(f, n);
    manifest_free(&m);
    return n == 0;
}

/* A folder left by an interrupted run may be removed: it is being written (marker)
 * or its manifest accounts for all of it. */
static int
leftover_ours(const char *path)
{
    char *marker = xasprintf("%s/%s", path, WRITING_MARKER);
    int ours = exists(marker);
    free(marker);
    if (!ours) {
        diag quiet;
        diag_init(&quiet);
        ours = folder_empty(path) || owned(path, NULL, NULL, &quiet) == 1;
        diag_free(&quiet);
    }
    return ours;
}

/* final may be replaced: absent, empty, or wholly landstad's. */
static int
check_replaceable(const outdir *self, diag *d)
{
    struct stat st;
    char *why = NULL;
    int r;

    if (lstat(self->final, &st) != 0)
        return LS_OK;
    if (!S_ISDIR(st.st_mode)) {
        diag_add(d, self->final, 0, 0,
                 "exists and is not a folder: choose another --out; nothing was written");
        return LS_EIO;
    }
    if (folder_empty(self->final))
        return LS_OK;
    r = owned(self->final, NULL, &why, d);
    if (r == 1)
        return LS_OK;
    if (r == -1)
        diag_add(d, self->final, 0, 0,
                 "holds files that landstad did not write (there is no %s, so it is not a "
                 "landstad output folder, or one written by a landstad version without "
                 "manifests); nothing was written. Choose another --out; if the folder holds "
                 "earlier landstad results you no longer need, delete it yourself",
                 MANIFEST_FILE);
    else if (r == -2)
        diag_add(d, self->final, 0, 0,
                 "its %s cannot be read (see above); nothing was written: choose another --out",
                 MANIFEST_FILE);
    else
        diag_add(d, self->final, 0, 0,
                 "holds files that landstad did not write: %s; nothing was written. Move them "
                 "out of the folder (landstad replaces only what it wrote) or choose another --out",
                 why);
    free(why);
    return LS_EIO;
}

/* ---------------------------------------------------------------- leftovers */

/* NAME is PREFIX followed by exactly six characters of mkdtemp's alphabet. */
static int
leftover_name(const char *name, const char *prefix)
{
    const size_t n = strlen(prefix);
    if (strncmp(name, prefix, n) != 0 || strlen(name) != n + 6)
        return 0;
    for (const char *s = name + n; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
            return 0;
    return 1;
}

static void
clean_one(const outdir *self, const char *path, int set_aside, diag *notes)
{
    if (set_aside && !exists(self->final) && leftover_ours(path)) {
        if (rename(path, self->final) == 0) {
            diag_add(notes, self->final, 0, 0,
                     "restored the earlier results, which an interrupted run had set aside "
                     "as %s", path);
            return;
        }
    }
    if (!leftover_ours(path)) {
        diag_add(notes, path, 0, 0,
                 "left alone: named like a temporary folder of landstad, but it holds files "
                 "landstad did not write");
        return;
    }
    if (remove_tree(path) == 0)
        diag_add(notes, path, 0, 0, "removed this %s folder, left behind by an interrupted run",
                 set_aside ? "set-aside" : "temporary");
    else
        diag_add(notes, path, 0, 0, "cannot remove this leftover of an interrupted run: %s",
                 strerror(errno));
}

/* Set-aside folders first: one of them may be the earlier results to restore. */
static void
recover(const outdir *self, diag *notes)
{
    char *tmp_prefix = xasprintf(".%s.tmp-", self->base);
    char *old_prefix = xasprintf(".%s.old-", self->base);

    for (int pass = 0; pass < 2; pass++) {
        DIR *dp = opendir(self->parent);
        struct dirent *de;
        if (dp == NULL)
            break;
        while ((de = readdir(dp)) != NULL) {
            char *path;
            if (!leftover_name(de->d_name, pass == 0 ? old_prefix : tmp_prefix))
                continue;
            path = xasprintf("%s/%s", self->parent, de->d_name);
            if (self->tmp == NULL || strcmp(path, self->tmp) != 0)
                clean_one(self, path, pass == 0, notes);
            free(path);
        }
        closedir(dp);
    }
    free(tmp_prefix);
    free(old_prefix);
}

/* ---------------------------------------------------------------- begin */

static int
make_tmp(outdir *self, diag *d)
{
    char *tmpl = xasprintf("%s/.%s.tmp-XXXXXX", self->parent, self->base), *marker;
    FILE *f;

    if (mkdtemp(tmpl) == NULL) {
        diag_add(d, self->parent, 0, 0, "cannot create a temporary folder: %s", strerror(errno));
        free(tmpl);
        return LS_EIO;
    }
    /* mkdtemp makes the folder private (0700); results are ordinary files. */
    {
        mode_t mask = umask(0);
        umask(mask);
        chmod(tmpl, 0777 & ~mask);
    }
    self->tmp = tmpl;
    marker = xasprintf("%s/%s", tmpl, WRITING_MARKER);
    f = fopen(marker, "w");
    if (f == NULL || fclose(f) != 0) {
        diag_add(d, marker, 0, 0, "cannot write: %s", strerror(errno));
        free(marker);
        return LS_EIO;
    }
    free(marker);
    return LS_OK;
}

static int
prepare(outdir *self, const char *final, diag *d, diag *notes)
{
    int ret;

    memset(self, 0, sizeof *self);
    self->lock_fd = -1;
    if ((ret = split_final(self, final, d)) != LS_OK)
        return ret;
    if (mkdir_p(self->parent) != 0) {
        diag_add(d, self->parent, 0, 0, "cannot create the output folder: %s", strerror(errno));
        return LS_EIO;
    }
    if ((ret = lock(self, d)) != LS_OK)
        return ret;
    {
        diag dropped; /* notes NULL: the caller does not want them */
        diag_init(&dropped);
        recover(self, notes != NULL ? notes : &dropped);
        diag_free(&dropped);
    }
    return LS_OK;
}

int
outdir_begin(outdir *self, const char *final, diag *d, diag *notes)
{
    int ret = prepare(self, final, d, notes);
    if (ret == LS_OK)
        ret = check_replaceable(self, d);
    if (ret == LS_OK)
        ret = make_tmp(self, d);
    if (ret != LS_OK)
        outdir_abort(self);
    return ret;
}

char *
outdir_path(const outdir *self, const char *name)
{
    return xasprintf("%s/%s", self->tmp, name);
}

/* ---------------------------------------------------------------- commit */

static void
sync_path(const char *path, int folder)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : 0));
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Writes the manifest of everything in dir and flushes every file and folder to
 * disk, so that a power cut after the swap cannot leave empty files in place. */
static int
seal(const char *dir, const manifest *extra, diag *d)
{
    manifest m;
    char *marker = xasprintf("%s/%s", dir, WRITING_MARKER), *mpath;
    int ret;

    manifest_init(&m);
    ret = manifest_scan(&m, dir, WRITING_MARKER, d);
    if (ret == LS_OK && extra != NULL)
        for (size_t i = 0; i < extra->n; i++)
            manifest_add(&m, extra->e[i].path, extra->e[i].folder, extra->e[i].bytes,
                         extra->e[i].sha256);
    mpath = xasprintf("%s/%s", dir, MANIFEST_FILE);
    if (ret == LS_OK)
        ret = manifest_write(&m, mpath, d);
    if (ret == LS_OK) {
        for (size_t i = 0; i < m.n; i++) {
            char *p = xasprintf("%s/%s", dir, m.e[i].path);
            sync_path(p, m.e[i].folder);
            free(p);
        }
        sync_path(mpath, 0);
        remove(marker);
        sync_path(dir, 1);
    }
    free(mpath);
    free(marker);
    manifest_free(&m);
    return ret;
}

/* Puts the folder src in the place of dst, which exists. On success *aside is where
 * the old dst now is (to be removed). Without RENAME_EXCHANGE the old dst is first
 * renamed to old_tmpl (made unique by mkdtemp). */
static int
swap_in(const char *src, const char *dst, const char *old_tmpl, char **aside, diag *d)
{
    char *old;
#ifdef RENAME_EXCHANGE
    /* LANDSTAD_NO_RENAME_EXCHANGE: the two-rename way (tests; odd file systems) */
    if (getenv("LANDSTAD_NO_RENAME_EXCHANGE") != NULL)
        errno = ENOSYS;
    else if (renameat2(AT_FDCWD, src, AT_FDCWD, dst, RENAME_EXCHANGE) == 0) {
        *aside = xstrdup(src);
        return LS_OK;
    }
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
        diag_add(d, dst, 0, 0, "cannot replace the earlier results: %s", strerror(errno));
        return LS_EIO;
    }
#endif
    old = xstrdup(old_tmpl);
    if (mkdtemp(old) == NULL || rmdir(old) != 0 || rename(dst, old) != 0) {
        diag_add(d, dst, 0, 0, "cannot replace the earlier results: %s", strerror(errno));
        free(old);
        return LS_EIO;
    }
    if (rename(src, dst) != 0) {
        const int saved = errno;
        if (rename(old, dst) != 0)
            diag_add(d, old, 0, 0, "the earlier results were kept here: %s", strerror(errno));
        diag_add(d, dst, 0, 0, "cannot move the results into place: %s", strerror(saved));
        free(old);
        return LS_EIO;
    }
    *aside = old;
    return LS_OK;
}

int
outdir_commit(outdir *self, diag *d)
{
    char *aside = NULL;
    int ret;

    if (self->tmp == NULL)
        return LS_ERROR("nothing to commit", LS_EIO);
    if ((ret = check_replaceable(self, d)) != LS_OK)
        return ret;
    if ((ret = seal(self->tmp, NULL, d)) != LS_OK)
        return ret;
    if (exists(self->final)) {
        char *tmpl = xasprintf("%s/.%s.old-XXXXXX", self->parent, self->base);
        ret = swap_in(self->tmp, self->final, tmpl, &aside, d);
        free(tmpl);
    }
    else if (rename(self->tmp, self->final) != 0) {
        diag_add(d, self->final, 0, 0, "cannot move the results into place: %s", strerror(errno));
        ret = LS_EIO;
    }
    if (ret != LS_OK)
        return ret;
    sync_path(self->parent, 1);
    free(self->tmp);
    self->tmp = NULL;
    if (aside != NULL && remove_tree(aside) != 0)
        diag_add(d, aside, 0, 0, "the earlier results could not be removed (the next run "
                                 "will): %s", strerror(errno));
    free(aside);
    return LS_OK;
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
    unlock(self);
    free(self->final);
    free(self->parent);
    free(self->base);
    self->final = self->parent = self->base = NULL;
}

/* ---------------------------------------------------------------- partial updates */

static int
is_under(const char *path, const char *name)
{
    const size_t n = strlen(name);
    return strncmp(path, name, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

int
outdir_begin_update(outdir *self, const char *final, const char *const *names, size_t n,
                    diag *d, diag *notes)
{
    struct stat st;
    int ret = prepare(self, final, d, notes);

    if (ret != LS_OK)
        goto out;
    if (lstat(self->final, &st) != 0 || !S_ISDIR(st.st_mode)) {
        diag_add(d, self->final, 0, 0, "not an output folder (%s)",
                 errno ? strerror(errno) : "not a folder");
        ret = LS_EIO;
        goto out;
    }
    for (size_t i = 0; i < n && ret == LS_OK; i++) {
        char *why = NULL;
        const int r = owned(self->final, names[i], &why, d);
        if (r == -1)
            diag_add(d, self->final, 0, 0,
                     "not a landstad output folder (no %s): landstad changes only folders it "
                     "wrote; a folder from a landstad version without manifests: run the model "
                     "again into a new folder",
                     MANIFEST_FILE);
        else if (r == 0)
            diag_add(d, self->final, 0, 0,
                     "holds files that landstad did not write where it would write: %s; "
                     "nothing was changed. Move them out of the folder first",
                     why);
        if (r != 1)
            ret = r == -2 ? LS_ECONFIG : LS_EIO;
        free(why);
    }
    if (ret == LS_OK)
        ret = make_tmp(self, d);
out:
    if (ret != LS_OK)
        outdir_abort(self);
    return ret;
}

/* The manifest of final while the entries move: the old one plus what the temporary
 * folder holds (both versions of a moving file are landstad's), or, when done, the
 * old one without the moved entries, plus the new ones. */
static int
write_final_manifest(const outdir *self, const manifest *old, const manifest *fresh,
                     const char *const *names, size_t n, int done, diag *d)
{
    manifest m;
    char *staged = xasprintf("%s/%s", self->tmp, MANIFEST_FILE);
    char *dst = xasprintf("%s/%s", self->final, MANIFEST_FILE);
    int ret;

    manifest_init(&m);
    for (size_t i = 0; i < old->n; i++) {
        int moved = 0;
        for (size_t k = 0; done && k < n; k++) {
            /* replaced: an entry that was written this time (an entry not written this
             * time, the workbook of the other language, stays as it was) */
            int written = 0;
            for (size_t j = 0; j < fresh->n && !written; j++)
                written = is_under(fresh->e[j].path, names[k]);
            moved |= written && is_under(old->e[i].path, names[k]);
        }
        if (!moved)
            manifest_add(&m, old->e[i].path, old->e[i].folder, old->e[i].bytes, old->e[i].sha256);
    }
    for (size_t i = 0; i < fresh->n; i++)
        manifest_add(&m, fresh->e[i].path, fresh->e[i].folder, fresh->e[i].bytes,
                     fresh->e[i].sha256);
    ret = manifest_write(&m, staged, d);
    if (ret == LS_OK) {
        sync_path(staged, 0);
        if (rename(staged, dst) != 0) {
            diag_add(d, dst, 0, 0, "cannot write: %s", strerror(errno));
            ret = LS_EIO;
        }
    }
    manifest_free(&m);
    free(staged);
    free(dst);
    return ret;
}

int
outdir_commit_update(outdir *self, const char *const *names, size_t n, diag *d)
{
    manifest old, fresh;
    int ret;

    manifest_init(&fresh);
    if (self->tmp == NULL)
        return LS_ERROR("nothing to commit", LS_EIO);
    if ((ret = manifest_read(&old, self->final, d)) != LS_OK)
        return ret == MANIFEST_ABSENT ? LS_EIO : ret;
    for (size_t i = 0; i < n && ret == LS_OK; i++) {
        char *why = NULL;
        if (owned(self->final, names[i], &why, d) != 1) {
            diag_add(d, self->final, 0, 0, "changed while landstad was writing: %s",
                     why ? why : "");
            ret = LS_EIO;
        }
        free(why);
    }
    if (ret == LS_OK)
        ret = manifest_scan(&fresh, self->tmp, WRITING_MARKER, d);
    if (ret == LS_OK) {
        for (size_t i = 0; i < fresh.n; i++) {
            char *p = xasprintf("%s/%s", self->tmp, fresh.e[i].path);
            sync_path(p, fresh.e[i].folder);
            free(p);
        }
        ret = write_final_manifest(self, &old, &fresh, names, n, 0, d);
    }
    for (size_t i = 0; i < n && ret == LS_OK; i++) {
        char *src = xasprintf("%s/%s", self->tmp, names[i]);
        char *dst = xasprintf("%s/%s", self->final, names[i]);
        char *aside = NULL;
        struct stat st;
        if (lstat(src, &st) != 0)
            ; /* not written this time: the old one stays */
        else if (S_ISDIR(st.st_mode) && exists(dst)) {
            /* the old folder goes into the temporary one, removed with it */
            char *tmpl = xasprintf("%s/.old-XXXXXX", self->tmp);
            ret = swap_in(src, dst, tmpl, &aside, d);
            free(tmpl);
        } else if (rename(src, dst) != 0) { /* a file replaces a file in one step */
            diag_add(d, dst, 0, 0, "cannot move into place: %s", strerror(errno));
            ret = LS_EIO;
        }
        free(aside); /* inside the temporary folder either way */
        free(src);
        free(dst);
    }
    if (ret == LS_OK)
        ret = write_final_manifest(self, &old, &fresh, names, n, 1, d);
    if (ret == LS_OK)
        sync_path(self->final, 1);
    manifest_free(&old);
    manifest_free(&fresh);
    return ret;
}
