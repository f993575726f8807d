/* Year paths: constants, linear interpolation between the years given, values held
 * before the first and after the last, ordered insertion and replacement. */
#include <config.h>

#include "schedule.h"
#include "testlib.h"

static void
test_schedule_empty_returns_default(void)
{
    schedule s;

    schedule_init(&s);
    CU_ASSERT(schedule_is_empty(&s));
    CU_ASSERT_EQUAL(schedule_at(&s, 2031, 1.0625), 1.0625);
    CU_ASSERT_EQUAL(schedule_at(&s, -5, -3.5), -3.5);
    schedule_free(&s);
    schedule_free(&s); /* twice is safe */
}

static void
test_schedule_constant_everywhere(void)
{
    schedule s;

    schedule_init(&s);
    schedule_set_constant(&s, 1.4375);
    CU_ASSERT(!schedule_is_empty(&s));
    CU_ASSERT_EQUAL(s.n, 1);
    CU_ASSERT_EQUAL(schedule_at(&s, 1800, 9), 1.4375);
    CU_ASSERT_EQUAL(schedule_at(&s, 2024.5, 9), 1.4375);
    CU_ASSERT_EQUAL(schedule_at(&s, 2300, 9), 1.4375);
    /* A constant replaces whatever was there. */
    schedule_set(&s, 2020, 3.25);
    schedule_set(&s, 2030, 0.5);
    schedule_set_constant(&s, 2.125);
    CU_ASSERT_EQUAL(s.n, 1);
    CU_ASSERT_EQUAL(schedule_at(&s, 2025, 9), 2.125);
    schedule_free(&s);
}

static void
test_schedule_interpolates_linearly(void)
{
    schedule s;

    schedule_init(&s);
    schedule_set(&s, 2019, 1.57);
    schedule_set(&s, 2023, 1.43);
    schedule_set(&s, 2035, 1.61);
    CU_ASSERT_EQUAL(s.n, 3);
    ASSERT_CLOSE(schedule_at(&s, 2019, 0), 1.57, 1e-15);
    ASSERT_CLOSE(schedule_at(&s, 2021, 0), 1.50, 1e-15);
    ASSERT_CLOSE(schedule_at(&s, 2022, 0), 1.57 + 0.75 * (1.43 - 1.57), 1e-15);
    ASSERT_CLOSE(schedule_at(&s, 2023, 0), 1.43, 1e-15);
    ASSERT_CLOSE(schedule_at(&s, 2026, 0), 1.43 + 0.25 * (1.61 - 1.43), 1e-15);
    ASSERT_CLOSE(schedule_at(&s, 2035, 0), 1.61, 1e-15);
    schedule_free(&s);
}

static void
test_schedule_holds_before_and_after(void)
{
    schedule s;

    schedule_init(&s);
    schedule_set(&s, 2021, 141);
    schedule_set(&s, 2025, 173);
    CU_ASSERT_EQUAL(schedule_at(&s, 1950, 0), 141);
    CU_ASSERT_EQUAL(schedule_at(&s, 2020.999, 0), 141);
    CU_ASSERT_EQUAL(schedule_at(&s, 2025.001, 0), 173);
    CU_ASSERT_EQUAL(schedule_at(&s, 2299, 0), 173);
    schedule_free(&s);
}

static void
test_schedule_fractional_years(void)
{
    schedule s;

    schedule_init(&s);
    schedule_set(&s, 2020, 10);
    schedule_set(&s, 2030, 35);
    /* Mid-step values, e.g. for a 5-year step centred at 2022.5. */
    ASSERT_CLOSE(schedule_at(&s, 2022.5, 0), 16.25, 1e-14);
    ASSERT_CLOSE(schedule_at(&s, 2029.75, 0), 34.375, 1e-14);
    ASSERT_CLOSE(schedule_at(&s, 2020.1, 0), 10.25, 1e-12);
    schedule_free(&s);
}

static void
test_schedule_set_keeps_order_and_replaces(void)
{
    schedule s, c;

    schedule_init(&s);
    schedule_set(&s, 2030, 3.5);
    schedule_set(&s, 2010, 1.25);
    schedule_set(&s, 2040, 4.75);
    schedule_set(&s, 2020, 2.0);
    schedule_set(&s, 2030, 7.125); /* replaces */
    CU_ASSERT_EQUAL_FATAL(s.n, 4);
    CU_ASSERT_EQUAL(s.year[0], 2010);
    CU_ASSERT_EQUAL(s.year[1], 2020);
    CU_ASSERT_EQUAL(s.year[2], 2030);
    CU_ASSERT_EQUAL(s.year[3], 2040);
    CU_ASSERT_EQUAL(s.value[0], 1.25);
    CU_ASSERT_EQUAL(s.value[1], 2.0);
    CU_ASSERT_EQUAL(s.value[2], 7.125);
    CU_ASSERT_EQUAL(s.value[3], 4.75);
    ASSERT_CLOSE(schedule_at(&s, 2025, 0), (2.0 + 7.125) / 2, 1e-15);
    ASSERT_CLOSE(schedule_at(&s, 2036, 0), 7.125 + 0.6 * (4.75 - 7.125), 1e-15);

    /* A copy is deep: changing it leaves the original alone. */
    schedule_copy(&c, &s);
    CU_ASSERT_EQUAL(c.n, 4);
    schedule_set(&c, 2020, -1);
    CU_ASSERT_EQUAL(s.value[1], 2.0);
    CU_ASSERT_EQUAL(c.value[1], -1);
    schedule_free(&c);
    schedule_free(&s);
}

static void
test_schedule_single_point_is_constant(void)
{
    schedule s;

    schedule_init(&s);
    schedule_set(&s, 2027, 0.8125);
    CU_ASSERT_EQUAL(schedule_at(&s, 2000, 5), 0.8125);
    CU_ASSERT_EQUAL(schedule_at(&s, 2027, 5), 0.8125);
    CU_ASSERT_EQUAL(schedule_at(&s, 2090.5, 5), 0.8125);
    schedule_free(&s);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"test_schedule_empty_returns_default", test_schedule_empty_returns_default},
        {"test_schedule_constant_everywhere", test_schedule_constant_everywhere},
        {"test_schedule_interpolates_linearly", test_schedule_interpolates_linearly},
        {"test_schedule_holds_before_and_after", test_schedule_holds_before_and_after},
        {"test_schedule_fractional_years", test_schedule_fractional_years},
        {"test_schedule_set_keeps_order_and_replaces", test_schedule_set_keeps_order_and_replaces},
        {"test_schedule_single_point_is_constant", test_schedule_single_point_is_constant},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
