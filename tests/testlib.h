/* Shared CUnit runner and helpers for the unit tests: one suite per program, run
 * all tests or the one named in argv[1], and a non-zero exit when any failed
 * (CUnit's basic interface does not report failures through its return value). */
#ifndef LS_TESTLIB_H
#define LS_TESTLIB_H

#include <CUnit/CUnit.h>
#include <stddef.h>

int test_main(CU_TestInfo *tests, int argc, char **argv);

/* |a - b| <= tol * max(1, |b|): a relative tolerance with an absolute floor. */
#define ASSERT_CLOSE(a, b, tol) CU_ASSERT(test_close((a), (b), (tol)))
int test_close(double a, double b, double tol);

/* Paths: the source tree (read-only under distcheck) and a scratch folder in the
 * build tree. Callers free the result. */
char *test_src(const char *rel);
char *test_tmp(const char *name);
/* Writes text into a scratch file (name may start with one folder, created when
 * missing) and returns its path. Caller frees. */
char *test_write(const char *name, const char *text);
/* A whole file (NULL when unreadable); *len set when not NULL. Caller frees. */
char *test_slurp(const char *path, size_t *len);
/* A fresh copy of the source folder src_rel (its files, not sub-folders) as the
 * scratch folder name; returns its path. Caller frees. */
char *test_copy_dir(const char *src_rel, const char *name);

#endif
