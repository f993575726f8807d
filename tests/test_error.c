/* Status codes and the diagnostics list: every code has its own sentence and exit
 * code, diag_add places messages in GNU format, diag_print prefixes the program
 * name and summarises what it dropped, and diag_quote makes any value printable. */
#include <config.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "testlib.h"

static const int all_codes[LS_NUM_ERRORS] = {LS_OK,     LS_ENOMEM,   LS_EIO,         LS_EUSAGE,
                                            LS_ECONFIG, LS_ENUMERIC, LS_EINTERRUPTED};

/* Everything diag_print writes, as one string the caller frees. */
static char *
printed(const diag *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    diag_print(d, f);
    fclose(f);
    return buf;
}

static void
test_error_every_code_has_distinct_text(void)
{
    const char *unknown = ls_strerror(-4711);

    for (size_t i = 0; i < LS_NUM_ERRORS; i++) {
        const char *t = ls_strerror(all_codes[i]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        CU_ASSERT(strlen(t) > 0);
        CU_ASSERT_STRING_NOT_EQUAL(t, unknown);
        for (size_t j = 0; j < i; j++)
            CU_ASSERT_STRING_NOT_EQUAL(t, ls_strerror(all_codes[j]));
    }
    CU_ASSERT(strlen(unknown) > 0);
    /* The codes themselves are distinct, negative and in a dense range. */
    for (size_t i = 1; i < LS_NUM_ERRORS; i++) {
        CU_ASSERT(all_codes[i] < 0);
        CU_ASSERT(all_codes[i] > -LS_NUM_ERRORS);
    }
}

static void
test_error_exit_codes(void)
{
    CU_ASSERT_EQUAL(ls_exit_code(LS_OK), 0);
    CU_ASSERT_EQUAL(ls_exit_code(LS_ECONFIG), 3);
    CU_ASSERT_EQUAL(ls_exit_code(LS_ENUMERIC), 4);
    CU_ASSERT_EQUAL(ls_exit_code(LS_EIO), 2);
    CU_ASSERT_EQUAL(ls_exit_code(LS_EUSAGE), 2);
    CU_ASSERT_EQUAL(LS_EXIT_INVALID, 3);
    CU_ASSERT_EQUAL(LS_EXIT_NUMERIC, 4);
    CU_ASSERT_EQUAL(LS_EXIT_USAGE, 2);
    /* Every failure maps to a failing exit code. */
    for (size_t i = 1; i < LS_NUM_ERRORS; i++)
        CU_ASSERT(ls_exit_code(all_codes[i]) != 0);
}

static void
test_error_ls_error_returns_code_and_keeps_reason(void)
{
    CU_ASSERT_EQUAL(LS_ERROR("disk on fire", LS_EIO), LS_EIO);
    CU_ASSERT_STRING_EQUAL(ls_last_error_reason(), "disk on fire");
    CU_ASSERT_EQUAL(LS_ERROR("bad matrix", LS_ENUMERIC), LS_ENUMERIC);
    CU_ASSERT_STRING_EQUAL(ls_last_error_reason(), "bad matrix");
}

static void *
fail_in_thread(void *arg)
{
    (void) arg;
    (void) LS_ERROR("in the worker", LS_ENUMERIC);
    return (void *) ls_last_error_reason();
}

/* A worker's error does not overwrite the main thread's (nor its place). */
static void
test_error_state_is_per_thread(void)
{
    pthread_t t;
    void *seen = NULL;
    int line = 0, here;

    here = __LINE__ + 1;
    CU_ASSERT_EQUAL(LS_ERROR("in main", LS_EIO), LS_EIO);
    CU_ASSERT_EQUAL_FATAL(pthread_create(&t, NULL, fail_in_thread, NULL), 0);
    CU_ASSERT_EQUAL(pthread_join(t, &seen), 0);
    CU_ASSERT_STRING_EQUAL((const char *) seen, "in the worker");
    CU_ASSERT_STRING_EQUAL(ls_last_error_reason(), "in main");
    CU_ASSERT_PTR_NOT_NULL(strstr(ls_last_error_place(&line), "test_error.c"));
    CU_ASSERT_EQUAL(line, here);
}

static void
test_error_diag_add_formats_places(void)
{
    diag d;

    diag_init(&d);
    diag_add(&d, "m.yaml", 17, 9, "value %d is %s", 42, "odd");
    diag_add(&d, "pop.csv", 388, 0, "row %zu", (size_t) 7);
    diag_add(&d, "pop.csv", 0, 23, "whole file");
    diag_add(&d, NULL, 5, 3, "no place at all");
    CU_ASSERT_EQUAL_FATAL(d.n, 4);
    CU_ASSERT_EQUAL(diag_count(&d), 4);
    CU_ASSERT_STRING_EQUAL(d.msg[0], "m.yaml:17:9: value 42 is odd");
    CU_ASSERT_STRING_EQUAL(d.msg[1], "pop.csv:388: row 7");
    CU_ASSERT_STRING_EQUAL(d.msg[2], "pop.csv: whole file");
    CU_ASSERT_STRING_EQUAL(d.msg[3], "no place at all");
    diag_free(&d);
    diag_free(&d); /* twice is safe */
}

static void
test_error_diag_print_prefixes_program(void)
{
    diag d;
    char *out;

    diag_init(&d);
    diag_add(&d, "a.csv", 3, 14, "first");
    diag_add(&d, NULL, 0, 0, "second");
    out = printed(&d);
    CU_ASSERT_STRING_EQUAL(out, "landstad: a.csv:3:14: first\nlandstad: second\n");
    free(out);
    diag_clear(&d);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    out = printed(&d);
    CU_ASSERT_STRING_EQUAL(out, "");
    free(out);
    diag_free(&d);
}

static void
test_error_diag_overflow_is_counted(void)
{
    diag d;
    char *out;

    diag_init(&d);
    d.max_kept = 3;
    for (int i = 0; i < 11; i++)
        diag_add(&d, "x.csv", (size_t) i + 1, 0, "problem %d", i);
    CU_ASSERT_EQUAL(d.n, 3);
    CU_ASSERT_EQUAL(d.dropped, 8);
    CU_ASSERT_EQUAL(diag_count(&d), 11);
    out = printed(&d);
    CU_ASSERT_STRING_EQUAL(out, "landstad: x.csv:1: problem 0\n"
                                "landstad: x.csv:2: problem 1\n"
                                "landstad: x.csv:3: problem 2\n"
                                "landstad: ... and 8 more problems\n");
    free(out);
    diag_clear(&d);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    diag_add(&d, NULL, 0, 0, "again");
    CU_ASSERT_EQUAL(d.n, 1);
    diag_free(&d);
}

static void
test_error_diag_keeps_a_hundred_by_default(void)
{
    diag d;

    diag_init(&d);
    for (int i = 0; i < 250; i++)
        diag_add(&d, NULL, 0, 0, "p%d", i);
    CU_ASSERT_EQUAL(d.n, 100);
    CU_ASSERT_EQUAL(diag_count(&d), 250);
    CU_ASSERT_STRING_EQUAL(d.msg[99], "p99");
    diag_free(&d);
}

static void
test_error_diag_quote_escapes(void)
{
    CU_ASSERT_STRING_EQUAL(diag_quote("plain"), "\"plain\"");
    CU_ASSERT_STRING_EQUAL(diag_quote(""), "\"\"");
    CU_ASSERT_STRING_EQUAL(diag_quote(NULL), "\"\"");
    CU_ASSERT_STRING_EQUAL(diag_quote("say \"hi\""), "\"say \\\"hi\\\"\"");
    CU_ASSERT_STRING_EQUAL(diag_quote("back\\slash"), "\"back\\\\slash\"");
    CU_ASSERT_STRING_EQUAL(diag_quote("tab\there\n"), "\"tab\\x09here\\x0a\"");
    CU_ASSERT_STRING_EQUAL(diag_quote("\x7f\x1b"), "\"\\x7f\\x1b\"");
    /* UTF-8 passes through unchanged. */
    CU_ASSERT_STRING_EQUAL(diag_quote("Ommen-Dalfsen \xc3\xa9"), "\"Ommen-Dalfsen \xc3\xa9\"");
}

static void
test_error_diag_quote_truncates(void)
{
    char longs[301], esc[101];
    const char *q;

    memset(longs, 'k', 300);
    longs[300] = '\0';
    q = diag_quote(longs);
    CU_ASSERT(strlen(q) < 100);
    CU_ASSERT(strlen(q) > 40);
    CU_ASSERT_EQUAL(q[0], '"');
    CU_ASSERT_EQUAL(strncmp(q + 1, longs, 20), 0);
    CU_ASSERT_STRING_EQUAL(q + strlen(q) - 4, "...\"");

    /* Escapes near the limit must not overrun the buffer. */
    memset(esc, '\n', 100);
    esc[100] = '\0';
    q = diag_quote(esc);
    CU_ASSERT(strlen(q) < 100);
    CU_ASSERT_EQUAL(strncmp(q, "\"\\x0a\\x0a", 9), 0);
    CU_ASSERT_STRING_EQUAL(q + strlen(q) - 4, "...\"");
}

static void
test_error_diag_quote_rotates_buffers(void)
{
    /* One message may quote up to four values. */
    const char *a = diag_quote("alpha"), *b = diag_quote("beta"), *c = diag_quote("gamma"),
               *e = diag_quote("delta");
    CU_ASSERT_STRING_EQUAL(a, "\"alpha\"");
    CU_ASSERT_STRING_EQUAL(b, "\"beta\"");
    CU_ASSERT_STRING_EQUAL(c, "\"gamma\"");
    CU_ASSERT_STRING_EQUAL(e, "\"delta\"");
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"test_error_every_code_has_distinct_text", test_error_every_code_has_distinct_text},
        {"test_error_exit_codes", test_error_exit_codes},
        {"test_error_ls_error_returns_code_and_keeps_reason",
         test_error_ls_error_returns_code_and_keeps_reason},
        {"test_error_state_is_per_thread", test_error_state_is_per_thread},
        {"test_error_diag_add_formats_places", test_error_diag_add_formats_places},
        {"test_error_diag_print_prefixes_program", test_error_diag_print_prefixes_program},
        {"test_error_diag_overflow_is_counted", test_error_diag_overflow_is_counted},
        {"test_error_diag_keeps_a_hundred_by_default", test_error_diag_keeps_a_hundred_by_default},
        {"test_error_diag_quote_escapes", test_error_diag_quote_escapes},
        {"test_error_diag_quote_truncates", test_error_diag_quote_truncates},
        {"test_error_diag_quote_rotates_buffers", test_error_diag_quote_rotates_buffers},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
