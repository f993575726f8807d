/* The shared CUnit runner (cf. tskit's testlib.c). */
#include <config.h>

#include <CUnit/Basic.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    FILE *f = fopen(p, "w");
    if (f == NULL) {
        fprintf(stderr, "cannot write %s: %s\n", p, strerror(errno));
        exit(99);
    }
    fputs(text, f);
    fclose(f);
    return p;
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
