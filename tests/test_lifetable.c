/* Life tables against arithmetic done by hand (written out below, not computed by
 * the functions under test): lx, Lx with a0 for infants and 1/2 elsewhere, the open
 * tail l/mu with mu = -ln(1 - q), grouping into 5-year ratios, a closed table, and
 * life expectancy at birth. */
#include <config.h>

#include <math.h>

#include "lifetable.h"
#include "testlib.h"

static void
test_lifetable_three_ages_by_hand(void)
{
    const double qx[3] = {0.1, 0.2, 0.5};
    double S[4];
    /* l0 = 1, d0 = 0.1, l1 = 0.9,  L0 = 0.9 + 0.3 * 0.1 = 0.93
     *         d1 = 0.18, l2 = 0.72, L1 = 0.72 + 0.5 * 0.18 = 0.81
     *         d2 = 0.36, l3 = 0.36, L2 = 0.36 + 0.5 * 0.36 = 0.54
     * tail beyond age 3: l3 / -ln(1 - 0.5) = 0.36 / ln 2; T2 = L2 + tail. */
    const double L0 = 0.93, L1 = 0.81, T2 = 0.54 + 0.36 / log(2.0);

    CU_ASSERT_EQUAL_FATAL(lifetable_survival(qx, 3, 0.3, 1, 2, S), LS_OK);
    ASSERT_CLOSE(S[0], L0 / 1.0, 1e-14);
    ASSERT_CLOSE(S[1], L1 / L0, 1e-14);
    ASSERT_CLOSE(S[2], T2 / (L1 + T2), 1e-14);
    ASSERT_CLOSE(S[3], T2 / (L1 + T2), 1e-14);
    /* Plain numbers as a cross-check of the formulas above. */
    ASSERT_CLOSE(S[1], 0.870967741935484, 1e-12);
    ASSERT_CLOSE(S[2], 0.5666989911244988, 1e-12);
    ASSERT_CLOSE(lifetable_e0(qx, 3, 0.3), 0.93 + 0.81 + 0.54 + 0.36 / log(2.0), 1e-14);
}

static void
test_lifetable_a0_matters_only_for_infants(void)
{
    const double qx[3] = {0.1, 0.2, 0.5};
    double S_lo[4], S_hi[4];

    CU_ASSERT_EQUAL_FATAL(lifetable_survival(qx, 3, 0.05, 1, 2, S_lo), LS_OK);
    CU_ASSERT_EQUAL_FATAL(lifetable_survival(qx, 3, 0.45, 1, 2, S_hi), LS_OK);
    /* L0 = 0.9 + a0 * 0.1 */
    ASSERT_CLOSE(S_lo[0], 0.905, 1e-14);
    ASSERT_CLOSE(S_hi[0], 0.945, 1e-14);
    ASSERT_CLOSE(S_lo[1], 0.81 / 0.905, 1e-14);
    ASSERT_CLOSE(S_hi[1], 0.81 / 0.945, 1e-14);
    ASSERT_CLOSE(S_lo[2], S_hi[2], 1e-14);
}

/* Ages 0-4 with q1, 5-9 with q2, a0 = 0.2. With a constant q and ax = 1/2 a group of
 * five years from exact age x lives 5Lx = lx (1 - q/2) (1 - (1-q)^5) / q; the
 * infants live a0 instead of 1/2 of the year they die in: (a0 - 1/2) q1 less. */
static const double Q1 = 0.0375, Q2 = 0.0625, A0 = 0.2;

static void
grouped_by_hand(double *L0_4, double *L5_9, double *T10)
{
    const double l5 = pow(1 - Q1, 5), l10 = l5 * pow(1 - Q2, 5);
    *L0_4 = (1 - Q1 / 2) * (1 - pow(1 - Q1, 5)) / Q1 + (A0 - 0.5) * Q1;
    *L5_9 = l5 * (1 - Q2 / 2) * (1 - pow(1 - Q2, 5)) / Q2;
    *T10 = l10 / -log(1 - Q2);
}

static void
test_lifetable_five_year_groups(void)
{
    double qx[10], S[4], L0_4, L5_9, T10;

    for (int x = 0; x < 10; x++)
        qx[x] = x < 5 ? Q1 : Q2;
    grouped_by_hand(&L0_4, &L5_9, &T10);
    CU_ASSERT_EQUAL_FATAL(lifetable_survival(qx, 10, A0, 5, 10, S), LS_OK);
    ASSERT_CLOSE(S[0], L0_4 / (5 * 1.0), 1e-13);
    ASSERT_CLOSE(S[1], L5_9 / L0_4, 1e-13);
    ASSERT_CLOSE(S[2], T10 / (L5_9 + T10), 1e-13);
    ASSERT_CLOSE(S[3], S[2], 1e-15);
    CU_ASSERT(S[0] < 1 && S[1] < 1 && S[2] < 1);
}

static void
test_lifetable_open_group_inside_the_table(void)
{
    double qx[10], S[3], L0_4, L5_9, T10;

    for (int x = 0; x < 10; x++)
        qx[x] = x < 5 ? Q1 : Q2;
    grouped_by_hand(&L0_4, &L5_9, &T10);
    /* open = 5: the open group sums L5..L9 and the tail. */
    CU_ASSERT_EQUAL_FATAL(lifetable_survival(qx, 10, A0, 5, 5, S), LS_OK);
    ASSERT_CLOSE(S[0], L0_4 / 5, 1e-13);
    ASSERT_CLOSE(S[1], (L5_9 + T10) / (L0_4 + L5_9 + T10), 1e-13);
    ASSERT_CLOSE(S[2], S[1], 1e-15);
}

static void
test_lifetable_q_one_closes_the_table(void)
{
    const double qx[3] = {0.05, 0.3, 1.0};
    double S[4];
    /* l1 = 0.95, L0 = 0.95 + 0.1 * 0.05 = 0.955
     * l2 = 0.665, L1 = 0.665 + 0.5 * 0.285 = 0.8075
     * l3 = 0, L2 = 0.5 * 0.665 = 0.3325, and no tail. */
    CU_ASSERT_EQUAL_FATAL(lifetable_survival(qx, 3, 0.1, 1, 2, S), LS_OK);
    ASSERT_CLOSE(S[0], 0.955, 1e-14);
    ASSERT_CLOSE(S[1], 0.8075 / 0.955, 1e-14);
    ASSERT_CLOSE(S[2], 0.3325 / (0.8075 + 0.3325), 1e-14);
    ASSERT_CLOSE(lifetable_e0(qx, 3, 0.1), 0.955 + 0.8075 + 0.3325, 1e-14);
}

static void
test_lifetable_e0_exact_cases(void)
{
    const double dead[1] = {1.0}, q[1] = {0.125};
    const double mu = -log(1 - 0.125);

    /* Everyone dies in the first year, living a0 of it. */
    ASSERT_CLOSE(lifetable_e0(dead, 1, 0.3), 0.3, 1e-15);
    /* One age, then a constant hazard: L0 = 0.875 + 0.5 * 0.125, tail 0.875 / mu. */
    ASSERT_CLOSE(lifetable_e0(q, 1, 0.5), 0.875 + 0.0625 + 0.875 / mu, 1e-13);
    /* For a constant hazard the tail from 0 would be 1/mu = 7.4888...; the first year
     * lived linearly differs from exp by a little only. */
    ASSERT_CLOSE(lifetable_e0(q, 1, 0.5), 1 / mu, 2e-3);
}

static void
test_lifetable_no_survivors_is_numeric_error(void)
{
    /* Everyone dies in year 0, so L1 = 0 and S[2] = L2 / L1 is undefined. */
    const double qx[4] = {1.0, 0.4, 0.4, 0.4};
    double S[5];

    CU_ASSERT_EQUAL(lifetable_survival(qx, 4, 0.3, 1, 3, S), LS_ENUMERIC);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"test_lifetable_three_ages_by_hand", test_lifetable_three_ages_by_hand},
        {"test_lifetable_a0_matters_only_for_infants", test_lifetable_a0_matters_only_for_infants},
        {"test_lifetable_five_year_groups", test_lifetable_five_year_groups},
        {"test_lifetable_open_group_inside_the_table", test_lifetable_open_group_inside_the_table},
        {"test_lifetable_q_one_closes_the_table", test_lifetable_q_one_closes_the_table},
        {"test_lifetable_e0_exact_cases", test_lifetable_e0_exact_cases},
        {"test_lifetable_no_survivors_is_numeric_error",
         test_lifetable_no_survivors_is_numeric_error},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
