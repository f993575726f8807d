/* Households from headship rates (MODEL.md section 4) on a hand example: two kernen,
 * one sex, ages 0, 1, 2+. Headship h = (0, 0.4, 0.6), institutional shares
 * i = (0, 0.1, 0.5), so weights h(1 - i) = (0, 0.36, 0.3) and private shares
 * 1 - i = (1, 0.9, 0.5).
 *   kern 0: persons (10, 50, 20): raw households 0.36 x 50 + 0.3 x 20 = 24,
 *           persons in private households 10 + 45 + 10 = 65; observed 30 households
 *           -> c_0 = 30 / 24 = 1.25
 *   kern 1: persons (5, 30, 40): raw 0.36 x 30 + 0.3 x 40 = 22.8,
 *           private 5 + 27 + 20 = 52; observed 19 -> c_1 = 19 / 22.8 = 5/6 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "household.h"
#include "testlib.h"

static const double H[3] = {0, 0.4, 0.6};
static const double INST[3] = {0, 0.1, 0.5};
static const double POP[6] = {10, 50, 20, 5, 30, 40};
static const double OBS[2] = {30, 19};

static void
test_household_init_weights_and_private_shares(void)
{
    households hh;

    CU_ASSERT_EQUAL_FATAL(households_init(&hh, 2, 1, 3, H, INST), LS_OK);
    ASSERT_CLOSE(hh.weight[0], 0, 1e-15);
    ASSERT_CLOSE(hh.weight[1], 0.36, 1e-15);
    ASSERT_CLOSE(hh.weight[2], 0.3, 1e-15);
    ASSERT_CLOSE(hh.private[0], 1, 1e-15);
    ASSERT_CLOSE(hh.private[1], 0.9, 1e-15);
    ASSERT_CLOSE(hh.private[2], 0.5, 1e-15);
    /* Before calibration the factor is 1: raw households 24 and 22.8. */
    ASSERT_CLOSE(households_of(&hh, POP, 0, 1, NULL), 24, 1e-14);
    ASSERT_CLOSE(households_of(&hh, POP, 1, 1, NULL), 22.8, 1e-14);
    households_free(&hh);
    households_free(&hh); /* twice is safe */
}

static void
test_household_calibrate_makes_base_exact(void)
{
    households hh;
    size_t bad = 99;
    double persons = -1;

    CU_ASSERT_EQUAL_FATAL(households_init(&hh, 2, 1, 3, H, INST), LS_OK);
    CU_ASSERT_EQUAL_FATAL(households_calibrate(&hh, POP, OBS, &bad), LS_OK);
    CU_ASSERT_EQUAL(bad, 99); /* untouched on success */
    ASSERT_CLOSE(hh.calib[0], 1.25, 1e-15);
    ASSERT_CLOSE(hh.calib[1], 5.0 / 6.0, 1e-14);
    ASSERT_CLOSE(households_of(&hh, POP, 0, 1, &persons), 30, 1e-14);
    ASSERT_CLOSE(persons, 65, 1e-14);
    ASSERT_CLOSE(households_of(&hh, POP, 1, 1, &persons), 19, 1e-14);
    ASSERT_CLOSE(persons, 52, 1e-14);
    /* Average household size is derived: 65 / 30 and 52 / 19. */
    ASSERT_CLOSE(persons / households_of(&hh, POP, 1, 1, NULL), 52.0 / 19.0, 1e-14);
    /* Calibrating again (from any earlier factor) gives the same factors. */
    hh.calib[0] = 7;
    CU_ASSERT_EQUAL_FATAL(households_calibrate(&hh, POP, OBS, &bad), LS_OK);
    ASSERT_CLOSE(hh.calib[0], 1.25, 1e-15);
    households_free(&hh);
}

static void
test_household_of_applies_trend_and_calibration(void)
{
    households hh;
    size_t bad;
    double persons = -1;
    /* A later population: kern 0 has 100 persons aged 1 only, kern 1 is unchanged. */
    const double later[6] = {0, 100, 0, 5, 30, 40};

    CU_ASSERT_EQUAL_FATAL(households_init(&hh, 2, 1, 3, H, INST), LS_OK);
    CU_ASSERT_EQUAL_FATAL(households_calibrate(&hh, POP, OBS, &bad), LS_OK);
    /* Trend 1.1 multiplies the headship rates: 33 and 20.9; persons do not change. */
    ASSERT_CLOSE(households_of(&hh, POP, 0, 1.1, &persons), 33, 1e-14);
    ASSERT_CLOSE(persons, 65, 1e-14);
    ASSERT_CLOSE(households_of(&hh, POP, 1, 1.1, NULL), 20.9, 1e-14);
    /* 1.25 x 0.36 x 100 = 45 households of 90 persons in private households. */
    ASSERT_CLOSE(households_of(&hh, later, 0, 1, &persons), 45, 1e-14);
    ASSERT_CLOSE(persons, 90, 1e-14);
    ASSERT_CLOSE(households_of(&hh, later, 1, 1, NULL), 19, 1e-14);
    households_free(&hh);
}

static void
test_household_per_person_of_a_profile(void)
{
    households hh;
    size_t bad;
    const double half[3] = {0, 0.5, 0.5}, old[3] = {0, 0, 1}, young[3] = {1, 0, 0};

    CU_ASSERT_EQUAL_FATAL(households_init(&hh, 2, 1, 3, H, INST), LS_OK);
    CU_ASSERT_EQUAL_FATAL(households_calibrate(&hh, POP, OBS, &bad), LS_OK);
    /* Half aged 1, half 2+: 0.5 x 0.36 + 0.5 x 0.3 = 0.33 per person, times c_k:
     * 1.25 x 0.33 = 0.4125 in kern 0, 5/6 x 0.33 = 0.275 in kern 1. */
    ASSERT_CLOSE(households_per_person(&hh, half, 0, 1), 0.4125, 1e-14);
    ASSERT_CLOSE(households_per_person(&hh, half, 1, 1), 0.275, 1e-14);
    /* All 2+: 1.25 x 0.3 = 0.375; with trend 2: 0.75. Children head nothing. */
    ASSERT_CLOSE(households_per_person(&hh, old, 0, 1), 0.375, 1e-14);
    ASSERT_CLOSE(households_per_person(&hh, old, 0, 2), 0.75, 1e-14);
    CU_ASSERT_EQUAL(households_per_person(&hh, young, 0, 1), 0);
    households_free(&hh);
}

static void
test_household_calibrate_without_heads_is_config_error(void)
{
    /* Three kernen: kern 1 has only children and no target (fine, factor stays 1);
     * kern 2 has only children and a target of 7: no factor can make 0 heads into 7
     * households, so LS_ECONFIG with kern 2 in *bad. */
    households hh;
    size_t bad = 99;
    const double pop[9] = {10, 50, 20, 8, 0, 0, 3, 0, 0};
    const double target[3] = {30, 0, 7};

    CU_ASSERT_EQUAL_FATAL(households_init(&hh, 3, 1, 3, H, INST), LS_OK);
    CU_ASSERT_EQUAL(households_calibrate(&hh, pop, target, &bad), LS_ECONFIG);
    CU_ASSERT_EQUAL(bad, 2);
    ASSERT_CLOSE(hh.calib[0], 1.25, 1e-15);
    ASSERT_CLOSE(hh.calib[1], 1, 1e-15);
    /* Without the target in kern 2 it succeeds, and the kernen without heads count
     * 0 households but still all their persons. */
    {
        const double ok[3] = {30, 0, 0};
        double persons = -1;
        bad = 99;
        CU_ASSERT_EQUAL(households_calibrate(&hh, pop, ok, &bad), LS_OK);
        CU_ASSERT_EQUAL(bad, 99);
        CU_ASSERT_EQUAL(households_of(&hh, pop, 2, 1, &persons), 0);
        ASSERT_CLOSE(persons, 3, 1e-15);
    }
    households_free(&hh);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"test_household_init_weights_and_private_shares", test_household_init_weights_and_private_shares},
        {"test_household_calibrate_makes_base_exact", test_household_calibrate_makes_base_exact},
        {"test_household_of_applies_trend_and_calibration", test_household_of_applies_trend_and_calibration},
        {"test_household_per_person_of_a_profile", test_household_per_person_of_a_profile},
        {"test_household_calibrate_without_heads_is_config_error",
         test_household_calibrate_without_heads_is_config_error},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
