/* The shared CUnit runner (cf. tskit's testlib.c). */
#include <config.h>

#include <CUnit/Basic.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "testlib.h"
#include "util.h"

int
test_close(double a, double b, double tol)
{
    double scale = fabs(b) > 1 ? fabs(b) : 1;
    int ok = fabs(a - b) <= tol * scale;
    if (!ok)
        fprintf(stderr, "    not close: %.12g vs %.12g (tol %g)\n", a, b, tol);
    return ok;
}

char *
test_src(const char *rel)
{
    return xasprintf("%s/%s", LANDSTAD_SRCDIR, rel);
}

char *
test_tmp(const char *name)
{
    char *dir = xasprintf("%s/tests/out", LANDSTAD_BUILDDIR);
    char *p;
    mkdir(dir, 0777);
    p = xasprintf("%s/%s", dir, name);
    free(dir);
    return p;
}

char *
test_write(const char *name, const char *text)
{
    char *p = test_tmp(name);
    FILE *f;
    {
        /* name may hold one folder level: "scn/model.yaml" */
        char *dir = path_dirname(p);
        mkdir(dir, 0777);
        free(dir);
    }
    f = fopen(p, "w");
    if (f == NULL) {
        fprintf(stderr, "cannot write %s: %s\n", p, strerror(errno));
        exit(99);
    }
    fputs(text, f);
    fclose(f);
    return p;
}

char *
test_slurp(const char *path, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    if (read_file(path, &buf, &n) != LS_OK)
        return NULL;
    if (len != NULL)
        *len = n;
    return buf;
}

char *
test_copy_dir(const char *src_rel, const char *name)
{
    char *src = test_src(src_rel), *dst = test_tmp(name);
    DIR *dir;
    struct dirent *e;

    remove_tree(dst);
    if (mkdir(dst, 0777) != 0 || (dir = opendir(src)) == NULL) {
        fprintf(stderr, "cannot copy %s to %s: %s\n", src, dst, strerror(errno));
        exit(99);
    }
    while ((e = readdir(dir)) != NULL) {
        char *from, *to, *buf;
        size_t len = 0;
        FILE *f;
        if (e->d_name[0] == '.')
            continue;
        from = xasprintf("%s/%s", src, e->d_name);
        to = xasprintf("%s/%s", dst, e->d_name);
        buf = test_slurp(from, &len);
        f = fopen(to, "wb");
        if (buf == NULL || f == NULL || fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
            fprintf(stderr, "cannot copy %s\n", from);
            exit(99);
        }
        free(buf);
        free(from);
        free(to);
    }
    closedir(dir);
    free(src);
    return dst;
}

int
test_main(CU_TestInfo *tests, int argc, char **argv)
{
    CU_SuiteInfo suites[] = {{"main", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};
    unsigned failures;
    int err;

    if (CU_initialize_registry() != CUE_SUCCESS) {
        fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
        return 99;
    }
    if (CU_register_suites(suites) != CUE_SUCCESS) {
        fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
        CU_cleanup_registry();
        return 99;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    if (argc > 1) {
        CU_pSuite suite = CU_get_suite("main");
        CU_pTest test = CU_get_test(suite, argv[1]);
        if (test == NULL) {
            fprintf(stderr, "no test called %s\n", argv[1]);
            CU_cleanup_registry();
            return 2;
        }
        CU_basic_run_test(suite, test);
    } else
        CU_basic_run_tests();
    failures = CU_get_number_of_failure_records();
    err = CU_get_error();
    CU_cleanup_registry();
    return failures != 0 || err != CUE_SUCCESS ? 1 : 0;
}
