/* The manifest of an output folder: every file and folder landstad wrote there, with
 * its size and SHA-256, in landstad-manifest.txt at the top of the folder. It is the
 * folder's proof of ownership: a run replaces a folder only when everything in it is
 * accounted for (an edited or added file is not), and `landstad plot` replaces only
 * its own files. */
#ifndef LS_MANIFEST_H
#define LS_MANIFEST_H

#include <stddef.h>

#include "error.h"

#define MANIFEST_FILE "landstad-manifest.txt"

typedef struct {
    char *path;        /* relative to the folder, '/'-separated */
    int folder;
    long long bytes;   /* files */
    char sha256[65];   /* files; "" for folders */
} manifest_entry;

typedef struct {
    manifest_entry *e;
    size_t n, cap;
} manifest;

/* What manifest_read returns when the folder has no manifest (not an error). */
#define MANIFEST_ABSENT 1

void manifest_init(manifest *self);
void manifest_free(manifest *self);
void manifest_add(manifest *self, const char *path, int folder, long long bytes,
                  const char *hex);
/* Adds every file and folder under dir (the manifest itself and names starting with
 * skip_prefix excepted). LS_EIO with a message when one cannot be read. */
int manifest_scan(manifest *self, const char *dir, const char *skip, diag *d) LS_WARN_UNUSED;
/* Reads dir/landstad-manifest.txt: LS_OK, MANIFEST_ABSENT, or LS_ECONFIG/LS_EIO with
 * located messages in d. */
int manifest_read(manifest *self, const char *dir, diag *d) LS_WARN_UNUSED;
int manifest_write(const manifest *self, const char *path, diag *d) LS_WARN_UNUSED;

/* A file or folder under a folder that its manifest does not account for. */
typedef struct {
    char *path;
    const char *why; /* "not written by landstad", "changed since landstad wrote it", ... */
} manifest_foreign;

/* Walks dir/sub (sub NULL: all of dir) and lists up to max entries that self does not
 * account for into *out (caller frees with manifest_foreign_free). A file counts as
 * written by landstad when an entry has its path, size and SHA-256; a folder when an
 * entry is the folder or lies in it; plots/NAME.png and plots/NAME.svg also when
 * plots/NAME.gp is landstad's (the images its own script makes). Returns the number
 * found; a tree too deep or too large to be an output folder is reported as one
 * entry. */
size_t manifest_find_foreign(const manifest *self, const char *dir, const char *sub,
                             manifest_foreign **out, size_t max);
void manifest_foreign_free(manifest_foreign *f, size_t n);

#endif
