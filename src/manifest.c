/* Output-folder manifests: scanning what a run wrote, reading and writing the list,
 * and finding what a folder holds beyond it. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv.h"
#include "csvout.h"
#include "manifest.h"
#include "output.h"
#include "sha256.h"
#include "util.h"

/* An output folder is a few dozen files two levels deep; anything far beyond is not
 * one, and walking it (a home folder given as --out) would take long for nothing. */
#define WALK_MAX_DEPTH 8
#define WALK_MAX_ENTRIES 20000

void
manifest_init(manifest *self)
{
    memset(self, 0, sizeof *self);
}

void
manifest_free(manifest *self)
{
    if (self == NULL)
        return;
    for (size_t i = 0; i < self->n; i++)
        free(self->e[i].path);
    free(self->e);
    memset(self, 0, sizeof *self);
}

void
manifest_add(manifest *self, const char *path, int folder, long long bytes, const char *hex)
{
    manifest_entry *e;
    if (self->n == self->cap) {
        self->cap = self->cap ? 2 * self->cap : 32;
        self->e = xreallocarray(self->e, self->cap, sizeof *self->e);
    }
    e = &self->e[self->n++];
    e->path = xstrdup(path);
    e->folder = folder;
    e->bytes = folder ? 0 : bytes;
    snprintf(e->sha256, sizeof e->sha256, "%s", folder || hex == NULL ? "" : hex);
}

/* ---------------------------------------------------------------- walking */

typedef struct walker walker;
/* Called for every entry below the root (rel is its relative path). Returns 0 to go
 * on, non-zero to stop the walk. */
typedef int (*walk_fn)(walker *w, const char *rel, const struct stat *st);

struct walker {
    const char *root;
    walk_fn fn;
    size_t entries;
    int too_large; /* deeper than WALK_MAX_DEPTH or more than WALK_MAX_ENTRIES */
    int stop;
    void *ctx;
};

static void
walk(walker *w, const char *rel, int depth)
{
    char *abs = rel[0] ? xasprintf("%s/%s", w->root, rel) : xstrdup(w->root);
    DIR *dp = opendir(abs);
    struct dirent *de;

    if (dp == NULL) {
        free(abs);
        return;
    }
    while (!w->stop && (de = readdir(dp)) != NULL) {
        struct stat st;
        char *crel, *cabs;
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (++w->entries > WALK_MAX_ENTRIES) {
            w->too_large = 1;
            w->stop = 1;
            break;
        }
        crel = rel[0] ? xasprintf("%s/%s", rel, de->d_name) : xstrdup(de->d_name);
        cabs = xasprintf("%s/%s", abs, de->d_name);
        if (lstat(cabs, &st) == 0) {
            if (w->fn(w, crel, &st) != 0)
                w->stop = 1;
            else if (S_ISDIR(st.st_mode)) {
                if (depth + 1 >= WALK_MAX_DEPTH) {
                    w->too_large = 1;
                    w->stop = 1;
                } else
                    walk(w, crel, depth + 1);
            }
        }
        free(crel);
        free(cabs);
    }
    closedir(dp);
    free(abs);
}

/* ---------------------------------------------------------------- scanning */

typedef struct {
    manifest *m;
    const char *skip;
    diag *d;
    int ret;
} scan_ctx;

static int
scan_one(walker *w, const char *rel, const struct stat *st)
{
    scan_ctx *c = w->ctx;
    const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
    if (strcmp(rel, MANIFEST_FILE) == 0
        || (c->skip != NULL && strncmp(base, c->skip, strlen(c->skip)) == 0))
        return 0;
    if (S_ISDIR(st->st_mode))
        manifest_add(c->m, rel, 1, 0, NULL);
    else if (S_ISREG(st->st_mode)) {
        char *abs = xasprintf("%s/%s", w->root, rel), hex[65];
        if (sha256_file(abs, hex) != LS_OK) {
            diag_add(c->d, abs, 0, 0, "cannot read back what was written: %s", strerror(errno));
            c->ret = LS_EIO;
            free(abs);
            return 1;
        }
        manifest_add(c->m, rel, 0, (long long) st->st_size, hex);
        free(abs);
    }
    return 0;
}

int
manifest_scan(manifest *self, const char *dir, const char *skip, diag *d)
{
    scan_ctx c = {self, skip, d, LS_OK};
    walker w = {dir, scan_one, 0, 0, 0, &c};
    walk(&w, "", 0);
    if (c.ret == LS_OK && w.too_large) {
        diag_add(d, dir, 0, 0, "more files than an output folder holds");
        c.ret = LS_EIO;
    }
    return c.ret;
}

/* ---------------------------------------------------------------- reading and writing */

static int
by_path(const void *a, const void *b)
{
    const manifest_entry *x = a, *y = b;
    const int c = strcmp(x->path, y->path);
    return c != 0 ? c : strcmp(x->sha256, y->sha256);
}

int
manifest_write(const manifest *self, const char *path, diag *d)
{
    ofile f;
    strbuf b;
    int ret = ofile_open(&f, path, d);

    if (ret != LS_OK)
        return ret;
    if (self->n > 1)
        qsort(self->e, self->n, sizeof *self->e, by_path);
    strbuf_init(&b);
    strbuf_printf(&b, "# landstad %s: the files and folders here that landstad wrote. A run "
                      "replaces this folder only while it holds nothing else; landstad plot "
                      "replaces only report.html and plots/.\npath,kind,bytes,sha256\n",
                  PACKAGE_VERSION);
    for (size_t i = 0; i < self->n; i++) {
        const manifest_entry *e = &self->e[i];
        csvout_field(&b, e->path);
        if (e->folder)
            strbuf_printf(&b, ",folder,,\n");
        else
            strbuf_printf(&b, ",file,%lld,%s\n", e->bytes, e->sha256);
    }
    ofile_puts(&f, b.s);
    strbuf_free(&b);
    return ofile_close(&f, d);
}

static int
safe_rel_path(const char *p)
{
    if (*p == '\0' || *p == '/')
        return 0;
    for (const char *s = p; *s; s++)
        if ((unsigned char) *s < 0x20 || *s == 0x7f)
            return 0;
    for (const char *s = p; s != NULL; s = strchr(s, '/') ? strchr(s, '/') + 1 : NULL) {
        const size_t n = strchr(s, '/') ? (size_t) (strchr(s, '/') - s) : strlen(s);
        if (n == 0 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
            return 0;
    }
    return 1;
}

static int
is_hex64(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return 0;
    return n == 64;
}

int
manifest_read(manifest *self, const char *dir, diag *d)
{
    static const char *const cols[] = {"path", "kind", "bytes", "sha256"};
    char *path = xasprintf("%s/%s", dir, MANIFEST_FILE);
    struct stat st;
    csv_table t;
    int c[4], ret;

    manifest_init(self);
    memset(&t, 0, sizeof t);
    if (lstat(path, &st) != 0 && errno == ENOENT) {
        free(path);
        return MANIFEST_ABSENT;
    }
    ret = csv_read(&t, path, path, d);
    for (size_t i = 0; ret == LS_OK && i < 4; i++)
        if ((c[i] = csv_column(&t, cols[i], 1, d)) < 0)
            ret = LS_ECONFIG;
    for (size_t r = 0; ret == LS_OK && r < t.n_rows; r++) {
        const char *p = csv_text(&t, r, c[0]), *kind = csv_text(&t, r, c[1]);
        const char *sha = csv_text(&t, r, c[3]);
        long bytes = 0;
        if (!safe_rel_path(p)) {
            diag_add(d, path, csv_line(&t, r), csv_col(&t, r, c[0]),
                     "not a path inside the folder: %s", diag_quote(p));
            ret = LS_ECONFIG;
        } else if (strcmp(kind, "folder") == 0)
            manifest_add(self, p, 1, 0, NULL);
        else if (strcmp(kind, "file") == 0 && csv_integer(&t, r, c[2], &bytes, d) == LS_OK
                 && bytes >= 0 && is_hex64(sha))
            manifest_add(self, p, 0, bytes, sha);
        else {
            diag_add(d, path, csv_line(&t, r), csv_col(&t, r, c[1]),
                     "expected kind file (with bytes and a SHA-256) or folder");
            ret = LS_ECONFIG;
        }
    }
    csv_free(&t);
    free(path);
    if (ret != LS_OK)
        manifest_free(self);
    return ret;
}

/* ---------------------------------------------------------------- ownership */

typedef struct {
    const manifest *m;
    manifest_foreign *out;
    size_t n, max;
    char *cached_path; /* the last file hashed, to hash a .gp once for .png and .svg */
    char cached_hex[65];
} foreign_ctx;

static int
hash_cached(foreign_ctx *c, const char *abs, char hex[65])
{
    if (c->cached_path != NULL && strcmp(c->cached_path, abs) == 0) {
        memcpy(hex, c->cached_hex, 65);
        return LS_OK;
    }
    if (sha256_file(abs, hex) != LS_OK)
        return LS_EIO;
    free(c->cached_path);
    c->cached_path = xstrdup(abs);
    memcpy(c->cached_hex, hex, 65);
    return LS_OK;
}

/* 1 when the manifest has this file with this size and content; -1 when it has the
 * path with other content; 0 when it does not have the path. */
static int
file_known(foreign_ctx *c, const char *root, const char *rel, long long bytes)
{
    int seen = 0;
    char hex[65] = "";
    for (size_t i = 0; i < c->m->n; i++) {
        const manifest_entry *e = &c->m->e[i];
        if (e->folder || strcmp(e->path, rel) != 0)
            continue;
        seen = 1;
        if (e->bytes != bytes)
            continue;
        if (hex[0] == '\0') {
            char *abs = xasprintf("%s/%s", root, rel);
            int ok = hash_cached(c, abs, hex) == LS_OK;
            free(abs);
            if (!ok)
                return -1;
        }
        if (strcmp(hex, e->sha256) == 0)
            return 1;
    }
    return seen ? -1 : 0;
}

static int
folder_known(const manifest *m, const char *rel)
{
    const size_t n = strlen(rel);
    for (size_t i = 0; i < m->n; i++)
        if (strncmp(m->e[i].path, rel, n) == 0 && (m->e[i].path[n] == '\0' || m->e[i].path[n] == '/'))
            return 1;
    return 0;
}

/* plots/NAME.png or .svg whose plots/NAME.gp is landstad's. */
static int
chart_image(foreign_ctx *c, const char *root, const char *rel)
{
    const char *dot = strrchr(rel, '.');
    char *gp;
    struct stat st;
    int ok = 0;
    if (strncmp(rel, "plots/", 6) != 0 || strchr(rel + 6, '/') != NULL || dot == NULL
        || (strcmp(dot, ".png") != 0 && strcmp(dot, ".svg") != 0))
        return 0;
    gp = xasprintf("%.*s.gp", (int) (dot - rel), rel);
    {
        char *abs = xasprintf("%s/%s", root, gp);
        if (lstat(abs, &st) == 0 && S_ISREG(st.st_mode))
            ok = file_known(c, root, gp, (long long) st.st_size) == 1;
        free(abs);
    }
    free(gp);
    return ok;
}

static int
foreign_one(walker *w, const char *rel, const struct stat *st)
{
    foreign_ctx *c = w->ctx;
    const char *why = NULL;

    if (strcmp(rel, MANIFEST_FILE) == 0)
        return 0;
    if (S_ISDIR(st->st_mode)) {
        if (!folder_known(c->m, rel))
            why = "a folder landstad did not write";
    } else if (S_ISREG(st->st_mode)) {
        const int k = file_known(c, w->root, rel, (long long) st->st_size);
        if (k < 0)
            why = "changed since landstad wrote it";
        else if (k == 0 && !chart_image(c, w->root, rel))
            why = "not written by landstad";
    } else
        why = S_ISLNK(st->st_mode) ? "a symbolic link landstad did not make"
                                   : "not a regular file";
    if (why != NULL && c->n < c->max) {
        c->out = xreallocarray(c->out, c->n + 1, sizeof *c->out);
        c->out[c->n].path = xstrdup(rel);
        c->out[c->n].why = why;
        c->n++;
    }
    return c->n >= c->max;
}

size_t
manifest_find_foreign(const manifest *self, const char *dir, const char *sub,
                      manifest_foreign **out, size_t max)
{
    foreign_ctx c = {self, NULL, 0, max > 0 ? max : 1, NULL, ""};
    walker w = {dir, foreign_one, 0, 0, 0, &c};
    struct stat st;

    if (sub == NULL)
        walk(&w, "", 0);
    else {
        char *abs = xasprintf("%s/%s", dir, sub);
        if (lstat(abs, &st) == 0 && foreign_one(&w, sub, &st) == 0 && S_ISDIR(st.st_mode))
            walk(&w, sub, 1);
        free(abs);
    }
    if (w.too_large && c.n < c.max) {
        c.out = xreallocarray(c.out, c.n + 1, sizeof *c.out);
        c.out[c.n].path = xstrdup(sub != NULL ? sub : ".");
        c.out[c.n].why = "more files or deeper folders than an output folder has";
        c.n++;
    }
    free(c.cached_path);
    *out = c.out;
    return c.n;
}

void
manifest_foreign_free(manifest_foreign *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(f[i].path);
    free(f);
}
