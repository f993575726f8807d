/* Dates as users write them: ISO and the day-month-year form Dutch Excel writes,
 * checked against the calendar (leap years, month lengths). */
#include <config.h>

#include <string.h>

#include "date.h"
#include "testlib.h"

static void
test_date_forms(void)
{
    ls_date d;
    enum date_form f;
    CU_ASSERT_EQUAL(date_parse("2025-01-01", 0, &d, &f), 0);
    CU_ASSERT(d.year == 2025 && d.month == 1 && d.day == 1 && f == DATE_ISO);
    CU_ASSERT_EQUAL(date_parse("1-1-2025", 0, &d, &f), 0);
    CU_ASSERT(d.year == 2025 && d.month == 1 && d.day == 1 && f == DATE_DMY);
    CU_ASSERT_EQUAL(date_parse("31-12-2024", 0, &d, NULL), 0);
    CU_ASSERT(d.year == 2024 && d.month == 12 && d.day == 31);
    CU_ASSERT_EQUAL(date_parse(" 05/03/2021 ", 0, &d, NULL), 0); /* day first, not March 5th US */
    CU_ASSERT(d.year == 2021 && d.month == 3 && d.day == 5);
    CU_ASSERT_EQUAL(date_parse("5.3.2021", 0, &d, NULL), 0);
    CU_ASSERT(d.month == 3 && d.day == 5);
    CU_ASSERT_EQUAL(date_parse("2021", 1, &d, &f), 0);
    CU_ASSERT(d.year == 2021 && d.month == 1 && d.day == 1 && f == DATE_YEAR_ONLY);
}

static void
test_date_rejects(void)
{
    static const char *const bad[] = {
        "2021",        /* a bare year where a date is needed (allow_year 0 below) */
        "2023-02-29",  /* not a leap year */
        "29-2-2100",   /* centuries are not leap years unless divisible by 400 */
        "2021-13-01", "2021-00-10", "32-1-2021", "0-1-2021", "2021-1-1x", "1-1-21",
        "2021/01/01",  /* year first only with '-' (ISO) */
        "1-1-2025 12:00", "", "  ", "1--2025", "12021-01-01", "1-1-1700"};
    ls_date d;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const int r = date_parse(bad[i], 0, &d, NULL);
        CU_ASSERT_EQUAL(r, -1);
        if (r != -1)
            fprintf(stderr, "    accepted %s\n", bad[i]);
    }
    CU_ASSERT_EQUAL(date_parse("2024-02-29", 0, &d, NULL), 0);
    CU_ASSERT_EQUAL(date_parse("29-2-2000", 0, &d, NULL), 0);
    CU_ASSERT_EQUAL(date_parse("2021", 0, &d, NULL), -1);
    CU_ASSERT_EQUAL(date_parse(NULL, 1, &d, NULL), -1);
}

static void
test_date_order_and_text(void)
{
    char buf[16];
    ls_date a = date_make(2024, 12, 31), b = date_jan1(2025);
    CU_ASSERT(date_cmp(a, b) < 0);
    CU_ASSERT(date_cmp(b, a) > 0);
    CU_ASSERT(date_cmp(b, b) == 0);
    CU_ASSERT(date_cmp(date_make(2025, 2, 1), date_make(2025, 1, 31)) > 0);
    CU_ASSERT(date_is_dec31(a) && !date_is_jan1(a) && date_is_jan1(b));
    CU_ASSERT_STRING_EQUAL(date_format(date_make(2025, 3, 7), buf), "2025-03-07");
    {
        /* in words, day without a leading zero: the first and last month */
        char w[32];
        CU_ASSERT_STRING_EQUAL(date_words(date_make(2025, 1, 1), 1, w, sizeof w), "1 januari 2025");
        CU_ASSERT_STRING_EQUAL(date_words(date_make(2013, 7, 1), 1, w, sizeof w), "1 juli 2013");
        CU_ASSERT_STRING_EQUAL(date_words(date_make(2026, 12, 31), 0, w, sizeof w),
                               "31 December 2026");
    }
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"test_date_forms", test_date_forms},
        {"test_date_rejects", test_date_rejects},
        {"test_date_order_and_text", test_date_order_and_text},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
