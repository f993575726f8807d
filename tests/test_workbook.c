/* The workbook writer: the sheet table itself (names Excel accepts, unique in each
 * language), a workbook from the report fixture in both languages, and failures
 * that leave an earlier workbook as it was (a malformed CSV, a folder that is not
 * there). The workbook's content is read back from its XML in
 * tests/cli/workbook.sh. */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "charts.h"
#include "output.h"
#include "testlib.h"
#include "util.h"
#include "workbook.h"

static char *
fixture(const char *name)
{
    return test_copy_dir("tests/data/report", name);
}

static void
test_workbook_sheet_table(void)
{
    const size_t n = workbook_sheet_count();

    CU_ASSERT_FATAL(n >= 15);
    for (size_t i = 0; i < n; i++) {
        const char *f = workbook_sheet_file(i);
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        CU_ASSERT(strlen(f) > 4 && strcmp(f + strlen(f) - 4, ".csv") == 0);
        for (int l = 0; l < 2; l++) {
            const enum report_lang lang = l == 0 ? LANG_NL : LANG_EN;
            const char *s = workbook_sheet_name(i, lang);
            CU_ASSERT_PTR_NOT_NULL_FATAL(s);
            /* Excel: 1..31 characters, none of []:*?/\, not starting or ending in '. */
            CU_ASSERT(strlen(s) >= 1 && strlen(s) <= 31);
            CU_ASSERT(strpbrk(s, "[]:*?/\\") == NULL);
            CU_ASSERT(s[0] != '\'' && s[strlen(s) - 1] != '\'');
            CU_ASSERT(strcmp(s, lang == LANG_NL ? "Overzicht" : "Contents") != 0);
            for (size_t j = 0; j < i; j++)
                CU_ASSERT(strcasecmp(s, workbook_sheet_name(j, lang)) != 0);
        }
        for (size_t j = 0; j < i; j++)
            CU_ASSERT(strcmp(f, workbook_sheet_file(j)) != 0);
    }
    CU_ASSERT_PTR_NULL(workbook_sheet_file(n));
    CU_ASSERT_STRING_EQUAL(workbook_name(LANG_NL), "resultaten.xlsx");
    CU_ASSERT_STRING_EQUAL(workbook_name(LANG_EN), "results.xlsx");
}

/* Writes the workbook of dir in lang; returns the status. */
static int
write_book(const char *dir, enum report_lang lang, diag *d)
{
    rd r;
    int ret = rd_load(&r, dir, d);
    if (ret == LS_OK)
        ret = workbook_write(dir, &r, lang, d);
    rd_free(&r);
    return ret;
}

static void
test_workbook_both_languages(void)
{
    char *dir = fixture("workbook_langs");
    char *nl = xasprintf("%s/resultaten.xlsx", dir), *en = xasprintf("%s/results.xlsx", dir);
    char *buf;
    size_t len = 0;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL(write_book(dir, LANG_NL, &d), LS_OK);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    buf = test_slurp(nl, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
    CU_ASSERT(len > 1000 && memcmp(buf, "PK\x03\x04", 4) == 0); /* a zip, as .xlsx are */
    free(buf);
    CU_ASSERT_EQUAL(write_book(dir, LANG_EN, &d), LS_OK);
    buf = test_slurp(en, &len);
    CU_ASSERT_PTR_NOT_NULL(buf);
    free(buf);
    diag_free(&d);
    free(nl);
    free(en);
    free(dir);
}

/* A malformed CSV: a located message, LS_ECONFIG, and the earlier workbook intact
 * with no temporary file left. */
static void
test_workbook_failure_keeps_earlier(void)
{
    char *dir = fixture("workbook_fail");
    char *book = xasprintf("%s/resultaten.xlsx", dir), *tmp = xasprintf("%s/.resultaten.xlsx.tmp", dir);
    char *regional = xasprintf("%s/regional.csv", dir), *before, *after;
    size_t n1 = 0, n2 = 0;
    struct stat st;
    FILE *f;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(write_book(dir, LANG_NL, &d), LS_OK);
    before = test_slurp(book, &n1);
    f = fopen(regional, "a");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("2041,1,2\n", f);
    fclose(f);
    {
        rd r;
        /* rd_load does not read regional.csv's every column; the workbook does. */
        if (rd_load(&r, dir, &d) == LS_OK)
            CU_ASSERT_EQUAL(workbook_write(dir, &r, LANG_NL, &d), LS_ECONFIG);
        rd_free(&r);
    }
    CU_ASSERT_FATAL(diag_count(&d) >= 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg[d.n - 1], "regional.csv:"));
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg[d.n - 1], "expected 8 fields as in the header, found 3"));
    after = test_slurp(book, &n2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(after);
    CU_ASSERT(n1 == n2 && memcmp(before, after, n1) == 0);
    CU_ASSERT(stat(tmp, &st) != 0);
    free(before);
    free(after);
    diag_free(&d);
    free(regional);
    free(tmp);
    free(book);
    free(dir);
}

static void
test_workbook_missing_folder(void)
{
    char *dir = fixture("workbook_gone"), *gone = test_tmp("workbook_gone/not_here");
    rd r;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(rd_load(&r, dir, &d), LS_OK);
    CU_ASSERT_EQUAL(workbook_write(gone, &r, LANG_NL, &d), LS_EIO);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg[0], "cannot write"));
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg[0], "not_here/resultaten.xlsx"));
    rd_free(&r);
    diag_free(&d);
    free(gone);
    free(dir);
}

/* An interrupted run stops the workbook between sheets (it may be written beside
 * gnuplot on a thread of its own): LS_EINTERRUPTED, no workbook, no temporary file.
 * In a child, since the flag is the process's for good. */
static void
test_workbook_interrupted(void)
{
    char *dir = fixture("workbook_interrupted");
    char *book = xasprintf("%s/resultaten.xlsx", dir), *tmp = xasprintf("%s/.resultaten.xlsx.tmp", dir);
    struct stat st;
    int status = 0;
    pid_t pid = fork();

    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) { /* everything freed before _exit: the child runs under valgrind too */
        rd r;
        diag d;
        int code = 10;
        diag_init(&d);
        output_install_signal_handlers();
        raise(SIGINT);
        if (rd_load(&r, dir, &d) == LS_OK) {
            code = workbook_write(dir, &r, LANG_NL, &d) == LS_EINTERRUPTED ? 0 : 11;
            rd_free(&r);
        }
        diag_free(&d);
        free(book);
        free(tmp);
        free(dir);
        _exit(code);
    }
    CU_ASSERT_EQUAL_FATAL(waitpid(pid, &status, 0), pid);
    CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CU_ASSERT(stat(book, &st) != 0);
    CU_ASSERT(stat(tmp, &st) != 0);
    free(book);
    free(tmp);
    free(dir);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"test_workbook_sheet_table", test_workbook_sheet_table},
        {"test_workbook_both_languages", test_workbook_both_languages},
        {"test_workbook_failure_keeps_earlier", test_workbook_failure_keeps_earlier},
        {"test_workbook_missing_folder", test_workbook_missing_folder},
        {"test_workbook_interrupted", test_workbook_interrupted},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
