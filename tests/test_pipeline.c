/* The housing pipeline on plans built in C (MODEL.md section 5): expected
 * completions are the planned schedule convolved with the phase's delay
 * distribution times its realisation probability; demolitions fall in the first
 * delivery year after the delay; deliveries outside the projected years are
 * dropped; the calendar year of a completion decides the window it counts in; and
 * one Monte Carlo draw builds a realised plan in full (or a share), late by its
 * drawn delay. Every number below is worked out by hand. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
#include "testlib.h"

/* Arrays are [year][area] with two areas; years 2021..2026 unless said otherwise. */
enum { NA = 2, NY = 6, Y0 = 2021 };

static plan
mkplan(size_t area, int first, int last, double *per_year, double demolitions,
       enum plan_phase ph)
{
    plan p;
    memset(&p, 0, sizeof p);
    p.area = area;
    p.phase = ph;
    p.first = first;
    p.last = last;
    p.per_year = per_year;
    for (int y = first; y <= last; y++)
        p.units += per_year[y - first];
    p.demolitions = demolitions;
    p.total = p.units;
    p.planned_first = first;
    return p;
}

/* A phase with probability p and P(delay = d) = delay[d] for d = 0..max_delay. */
static phase_spec
mkphase(double p, const double *delay, int max_delay)
{
    phase_spec s;
    memset(&s, 0, sizeof s);
    s.given = 1;
    s.probability = p;
    for (int d = 0; d <= max_delay; d++)
        s.delay[d] = delay[d];
    s.max_delay = max_delay;
    return s;
}

static double
at(const double *a, int year, size_t area)
{
    return a[(size_t) (year - Y0) * NA + area];
}

static double
sum(const double *a, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += a[i];
    return s;
}

static void
test_pipeline_expected_convolves_delay_and_probability(void)
{
    /* 100 units planned 50 in 2022 and 50 in 2023, p = 0.8, delay 0 or 1 year with
     * probability 1/2 each:
     *   2022: 50 x 0.8 x 0.5                     = 20
     *   2023: 50 x 0.8 x 0.5 + 50 x 0.8 x 0.5    = 40
     *   2024:                  50 x 0.8 x 0.5    = 20     total 80 = 100 x 0.8 */
    double py[2] = {50, 50}, comp[NY * NA] = {0}, dem[NY * NA] = {0};
    const double delay[2] = {0.5, 0.5};
    phase_spec phases[PHASE_N];
    plan p = mkplan(1, 2022, 2023, py, 0, PHASE_SOFT);

    memset(phases, 0, sizeof phases);
    phases[PHASE_SOFT] = mkphase(0.8, delay, 1);
    pipeline_expected(&p, 1, phases, Y0, NY, NA, comp, dem);
    ASSERT_CLOSE(at(comp, 2021, 1), 0, 1e-15);
    ASSERT_CLOSE(at(comp, 2022, 1), 20, 1e-15);
    ASSERT_CLOSE(at(comp, 2023, 1), 40, 1e-15);
    ASSERT_CLOSE(at(comp, 2024, 1), 20, 1e-15);
    ASSERT_CLOSE(at(comp, 2025, 1), 0, 1e-15);
    ASSERT_CLOSE(sum(comp, NY * NA), 80, 1e-15);
    for (int y = 2021; y <= 2026; y++)
        CU_ASSERT_EQUAL(at(comp, y, 0), 0); /* nothing in the other kern */
    CU_ASSERT_EQUAL(sum(dem, NY * NA), 0);
    /* The function adds to what is there: a second plan in kern 0 with a certain,
     * on-time phase lands beside the first. */
    {
        double py2[1] = {7};
        const double d0[1] = {1};
        plan q = mkplan(0, 2023, 2023, py2, 0, PHASE_PERMIT);
        phases[PHASE_PERMIT] = mkphase(1, d0, 0);
        pipeline_expected(&q, 1, phases, Y0, NY, NA, comp, dem);
        ASSERT_CLOSE(at(comp, 2023, 0), 7, 1e-15);
        ASSERT_CLOSE(at(comp, 2023, 1), 40, 1e-15);
        ASSERT_CLOSE(sum(comp, NY * NA), 87, 1e-15);
    }
}

static void
test_pipeline_expected_demolitions_in_first_delivery_year(void)
{
    /* The same plan with 10 demolitions: they happen in the first delivery year after
     * the delay, times the probability: 2022 (delay 0): 10 x 0.8 x 0.5 = 4, 2023
     * (delay 1): 4, never in the plan's second delivery year. */
    double py[2] = {50, 50}, comp[NY * NA] = {0}, dem[NY * NA] = {0};
    const double delay[2] = {0.5, 0.5};
    const double late[3] = {0, 0, 1};
    phase_spec phases[PHASE_N];
    plan p = mkplan(0, 2022, 2023, py, 10, PHASE_ADOPTED);

    memset(phases, 0, sizeof phases);
    phases[PHASE_ADOPTED] = mkphase(0.8, delay, 1);
    pipeline_expected(&p, 1, phases, Y0, NY, NA, comp, dem);
    ASSERT_CLOSE(at(dem, 2022, 0), 4, 1e-15);
    ASSERT_CLOSE(at(dem, 2023, 0), 4, 1e-15);
    ASSERT_CLOSE(at(dem, 2024, 0), 0, 1e-15);
    ASSERT_CLOSE(sum(dem, NY * NA), 8, 1e-15);
    /* Always two years late, certain: completions 50 in 2024 and 2025, all 10
     * demolitions in 2024. */
    memset(comp, 0, sizeof comp);
    memset(dem, 0, sizeof dem);
    phases[PHASE_ADOPTED] = mkphase(1, late, 2);
    pipeline_expected(&p, 1, phases, Y0, NY, NA, comp, dem);
    ASSERT_CLOSE(at(comp, 2022, 0), 0, 1e-15);
    ASSERT_CLOSE(at(comp, 2023, 0), 0, 1e-15);
    ASSERT_CLOSE(at(comp, 2024, 0), 50, 1e-15);
    ASSERT_CLOSE(at(comp, 2025, 0), 50, 1e-15);
    ASSERT_CLOSE(at(dem, 2024, 0), 10, 1e-15);
    ASSERT_CLOSE(sum(dem, NY * NA), 10, 1e-15);
}

static void
test_pipeline_expected_drops_deliveries_outside_the_years(void)
{
    /* Projected years 2021..2023 only (3 years): the 20 expected in 2024 are
     * dropped, 20 + 40 = 60 remain. Demolitions of 10 of a plan first delivering in
     * 2023, delay 1 (2024) are dropped; delay 0 (2023) keeps 10 x 0.5 = 5. */
    double py[2] = {50, 50}, py2[1] = {4}, comp[3 * NA] = {0}, dem[3 * NA] = {0};
    const double delay[2] = {0.5, 0.5};
    phase_spec phases[PHASE_N];
    plan p[2];

    memset(phases, 0, sizeof phases);
    phases[PHASE_SOFT] = mkphase(0.8, delay, 1);
    phases[PHASE_IDEA] = mkphase(1, delay, 1);
    p[0] = mkplan(1, 2022, 2023, py, 0, PHASE_SOFT);
    p[1] = mkplan(0, 2023, 2023, py2, 10, PHASE_IDEA);
    pipeline_expected(p, 2, phases, Y0, 3, NA, comp, dem);
    ASSERT_CLOSE(comp[1 * NA + 1], 20, 1e-15);
    ASSERT_CLOSE(comp[2 * NA + 1], 40, 1e-15);
    ASSERT_CLOSE(comp[2 * NA + 0], 2, 1e-15); /* 4 x 0.5; the other 2 fall in 2024 */
    ASSERT_CLOSE(sum(comp, 3 * NA), 62, 1e-15);
    ASSERT_CLOSE(dem[2 * NA + 0], 5, 1e-15);
    ASSERT_CLOSE(sum(dem, 3 * NA), 5, 1e-15);
    /* Years before the first projected one are dropped too: from 2023 on, the 20
     * of 2022 are gone, 40 in 2023 and 20 in 2024 remain. */
    {
        double c2[3 * NA] = {0}, d2[3 * NA] = {0};
        pipeline_expected(p, 1, phases, 2023, 3, NA, c2, d2);
        ASSERT_CLOSE(c2[0 * NA + 1], 40, 1e-15);
        ASSERT_CLOSE(c2[1 * NA + 1], 20, 1e-15);
        ASSERT_CLOSE(sum(c2, 3 * NA), 60, 1e-15);
    }
}

static void
test_pipeline_expected_in_window_edges(void)
{
    /* 30 units planned in 2029. Delay 0: all 30 are completed during 2029, so they
     * count in 2022-2029 and not at all in 2030-2034 ("31 December 2029 vs
     * 1 January 2030": the calendar year decides). With delay {0: 0.25, 1: 0.75},
     * 30 x 0.25 = 7.5 in 2029 and 30 x 0.75 = 22.5 in 2030. */
    double py[1] = {30};
    const double ontime[1] = {1}, split[2] = {0.25, 0.75};
    phase_spec ph = mkphase(1, ontime, 0);
    plan p = mkplan(0, 2029, 2029, py, 0, PHASE_PERMIT);

    ASSERT_CLOSE(pipeline_plan_expected_in(&p, &ph, 2022, 2029), 30, 1e-15);
    ASSERT_CLOSE(pipeline_plan_expected_in(&p, &ph, 2029, 2029), 30, 1e-15);
    CU_ASSERT_EQUAL(pipeline_plan_expected_in(&p, &ph, 2030, 2034), 0);
    CU_ASSERT_EQUAL(pipeline_plan_expected_in(&p, &ph, 2022, 2028), 0);
    ph = mkphase(1, split, 1);
    ASSERT_CLOSE(pipeline_plan_expected_in(&p, &ph, 2022, 2029), 7.5, 1e-15);
    ASSERT_CLOSE(pipeline_plan_expected_in(&p, &ph, 2030, 2034), 22.5, 1e-15);
    ASSERT_CLOSE(pipeline_plan_expected_in(&p, &ph, 2030, 2030), 22.5, 1e-15);
    ASSERT_CLOSE(pipeline_plan_expected_in(&p, &ph, 2022, 2034), 30, 1e-15);
    /* With probability 0.5 everything halves: 3.75 before 2030. */
    ph = mkphase(0.5, split, 1);
    ASSERT_CLOSE(pipeline_plan_expected_in(&p, &ph, 2022, 2029), 3.75, 1e-15);
    /* The two-year plan of the first test: 40 in 2023 alone, 60 in 2022-2023, 20 in
     * 2024-2030. */
    {
        double py2[2] = {50, 50};
        const double half[2] = {0.5, 0.5};
        plan q = mkplan(0, 2022, 2023, py2, 0, PHASE_SOFT);
        ph = mkphase(0.8, half, 1);
        ASSERT_CLOSE(pipeline_plan_expected_in(&q, &ph, 2023, 2023), 40, 1e-15);
        ASSERT_CLOSE(pipeline_plan_expected_in(&q, &ph, 2022, 2023), 60, 1e-15);
        ASSERT_CLOSE(pipeline_plan_expected_in(&q, &ph, 2024, 2030), 20, 1e-15);
    }
}

static void
test_pipeline_draw_realised_delays_and_share(void)
{
    /* P0: kern 0, 50 + 50 units in 2022-2023, 10 demolitions, realised 2 years late
     *     -> 50 in 2024, 50 in 2025, 10 demolitions in 2024 (in full, whatever its
     *     phase's probability: a draw has no probabilities).
     * P1: kern 1, 40 units in 2022, not realised -> nothing.
     * P2: kern 1, 30 units in 2023, 5 demolitions, realised on time with share 0.4
     *     -> 12 in 2023 and 2 demolitions in 2023. */
    double py0[2] = {50, 50}, py1[1] = {40}, py2[1] = {30};
    double comp[NY * NA] = {0}, dem[NY * NA] = {0};
    plan p[3];
    const unsigned char realised[3] = {1, 0, 1};
    const int delay[3] = {2, 0, 0};
    const double share[3] = {1, 1, 0.4};

    p[0] = mkplan(0, 2022, 2023, py0, 10, PHASE_SOFT);
    p[1] = mkplan(1, 2022, 2022, py1, 0, PHASE_PERMIT);
    p[2] = mkplan(1, 2023, 2023, py2, 5, PHASE_IDEA);
    pipeline_draw(p, 3, realised, delay, share, Y0, NY, NA, comp, dem);
    ASSERT_CLOSE(at(comp, 2022, 0), 0, 1e-15);
    ASSERT_CLOSE(at(comp, 2024, 0), 50, 1e-15);
    ASSERT_CLOSE(at(comp, 2025, 0), 50, 1e-15);
    ASSERT_CLOSE(at(dem, 2024, 0), 10, 1e-15);
    ASSERT_CLOSE(at(comp, 2022, 1), 0, 1e-15);
    ASSERT_CLOSE(at(comp, 2023, 1), 12, 1e-15);
    ASSERT_CLOSE(at(dem, 2023, 1), 2, 1e-15);
    ASSERT_CLOSE(sum(comp, NY * NA), 112, 1e-15);
    ASSERT_CLOSE(sum(dem, NY * NA), 12, 1e-15);
    /* Without shares every realised plan is built in full: P2 gives 30 and 5. */
    memset(comp, 0, sizeof comp);
    memset(dem, 0, sizeof dem);
    pipeline_draw(p, 3, realised, delay, NULL, Y0, NY, NA, comp, dem);
    ASSERT_CLOSE(at(comp, 2023, 1), 30, 1e-15);
    ASSERT_CLOSE(at(dem, 2023, 1), 5, 1e-15);
    ASSERT_CLOSE(sum(comp, NY * NA), 130, 1e-15);
    /* A delay past the last projected year (2026) drops the plan: P0 five years late
     * would deliver in 2027-2028. */
    {
        const int far[3] = {5, 0, 0};
        const unsigned char only0[3] = {1, 0, 0};
        memset(comp, 0, sizeof comp);
        memset(dem, 0, sizeof dem);
        pipeline_draw(p, 3, only0, far, NULL, Y0, NY, NA, comp, dem);
        CU_ASSERT_EQUAL(sum(comp, NY * NA), 0);
        CU_ASSERT_EQUAL(sum(dem, NY * NA), 0);
        /* Four years late: 2026 is projected (50), 2027 is not. */
        {
            const int four[3] = {4, 0, 0};
            pipeline_draw(p, 3, only0, four, NULL, Y0, NY, NA, comp, dem);
            ASSERT_CLOSE(at(comp, 2026, 0), 50, 1e-15);
            ASSERT_CLOSE(sum(comp, NY * NA), 50, 1e-15);
            ASSERT_CLOSE(at(dem, 2026, 0), 10, 1e-15);
        }
    }
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"test_pipeline_expected_convolves_delay_and_probability",
         test_pipeline_expected_convolves_delay_and_probability},
        {"test_pipeline_expected_demolitions_in_first_delivery_year",
         test_pipeline_expected_demolitions_in_first_delivery_year},
        {"test_pipeline_expected_drops_deliveries_outside_the_years",
         test_pipeline_expected_drops_deliveries_outside_the_years},
        {"test_pipeline_expected_in_window_edges", test_pipeline_expected_in_window_edges},
        {"test_pipeline_draw_realised_delays_and_share", test_pipeline_draw_realised_delays_and_share},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
