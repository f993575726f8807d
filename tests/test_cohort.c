/* The cohort engine on small hand-computed cases: one step of survival, births,
 * the open group, even and end timing, clipping, internal moves and 5-year groups,
 * each checked against numbers worked out on paper, plus the accounting identity. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "cohort.h"
#include "kernels.h"
#include "testlib.h"

/* Per area and sex: end == start + births - deaths + in - out, and the stored end
 * equals the sum of the population cells. */
static void
check_identity(const cohort *c)
{
    for (size_t a = 0; a < c->n_areas; a++)
        for (size_t s = 0; s < c->n_sexes; s++) {
            const cohort_comp *k = &c->comp[a * c->n_sexes + s];
            double sum = 0;
            double rhs = k->start + k->births - k->deaths + k->immigration - k->emigration
                         + k->domestic_in - k->domestic_out + k->internal_in - k->internal_out;
            for (size_t x = 0; x < c->n_ages; x++) {
                double v = c->pop[(a * c->n_sexes + s) * c->n_ages + x];
                CU_ASSERT(v >= 0);
                sum += v;
            }
            ASSERT_CLOSE(k->end, rhs, 1e-12);
            ASSERT_CLOSE(k->end, sum, 1e-12);
        }
}

/* One area, sexes F (0) and M (1), ages 0, 1, 2+. */
static const double S3[4] = {0.99, 0.98, 0.9, 0.7};

static void
setup3(cohort *c, double *surv, double *asfr, double *srb)
{
    const double pop[6] = {100, 80, 50, 90, 70, 40};
    CU_ASSERT_EQUAL_FATAL(cohort_init(c, 1, 2, 3, 1, 0), LS_OK);
    cohort_set_population(c, pop);
    memcpy(surv, S3, sizeof S3);
    memcpy(surv + 4, S3, sizeof S3);
    asfr[0] = 0;
    asfr[1] = 0.5;
    asfr[2] = 0;
    srb[0] = 1.05;
}

static void
test_cohort_one_step_by_hand(void)
{
    cohort c;
    double surv[8], asfr[3], srb[1];
    cohort_input in;
    const double births = 0.5 * (80 + 98) / 2; /* 44.5 */

    setup3(&c, surv, asfr, srb);
    memset(&in, 0, sizeof in);
    in.survival = surv;
    in.asfr = asfr;
    in.srb = srb;
    CU_ASSERT_EQUAL_FATAL(cohort_step(&c, &in), LS_OK);
    ASSERT_CLOSE(c.pop[0], births / 2.05 * 0.99, 1e-14);
    ASSERT_CLOSE(c.pop[1], 98, 1e-14);
    ASSERT_CLOSE(c.pop[2], 80 * 0.9 + 50 * 0.7, 1e-14); /* open group: 107 */
    ASSERT_CLOSE(c.pop[3], births * 1.05 / 2.05 * 0.99, 1e-14);
    ASSERT_CLOSE(c.pop[4], 88.2, 1e-14);
    ASSERT_CLOSE(c.pop[5], 63 + 28, 1e-14);
    ASSERT_CLOSE(c.comp[0].births, births / 2.05, 1e-14);
    ASSERT_CLOSE(c.comp[1].births, births * 1.05 / 2.05, 1e-14);
    /* Deaths: women 230 + births_f - (N_f), men 200 + births_m - N_m. */
    ASSERT_CLOSE(c.comp[0].deaths, 230 + births / 2.05 - (births / 2.05 * 0.99 + 98 + 107), 1e-12);
    ASSERT_CLOSE(c.comp[1].deaths,
                 200 + births * 1.05 / 2.05 - (births * 1.05 / 2.05 * 0.99 + 88.2 + 91), 1e-12);
    check_identity(&c);
    cohort_free(&c);
}

static void
test_cohort_even_timing_by_hand(void)
{
    cohort c;
    double surv[8], asfr[3], srb[1];
    const double imm[6] = {10, 4, 0, 0, 0, 0};
    cohort_input in;
    double n1, births;

    setup3(&c, surv, asfr, srb);
    memset(&in, 0, sizeof in);
    in.survival = surv;
    in.asfr = asfr;
    in.srb = srb;
    in.timing = COHORT_EVEN;
    in.flow[CF_IMMIGRATION] = imm;
    CU_ASSERT_EQUAL_FATAL(cohort_step(&c, &in), LS_OK);
    /* Half at the start: women 105, 82, 50; survive; half added at the end. */
    n1 = 105 * 0.98;
    births = 0.5 * (82 + n1) / 2;
    ASSERT_CLOSE(c.pop[0], births / 2.05 * 0.99 + 5, 1e-13);
    ASSERT_CLOSE(c.pop[1], n1 + 2, 1e-13);
    ASSERT_CLOSE(c.pop[2], 82 * 0.9 + 50 * 0.7, 1e-13);
    ASSERT_CLOSE(c.comp[0].immigration, 14, 1e-14);
    check_identity(&c);
    cohort_free(&c);
}

static void
test_cohort_end_timing_adds_after_survival(void)
{
    cohort c;
    double surv[8], asfr[3], srb[1];
    const double imm[6] = {10, 4, 0, 0, 0, 0};
    cohort_input in;

    setup3(&c, surv, asfr, srb);
    memset(&in, 0, sizeof in);
    in.survival = surv;
    in.asfr = asfr;
    in.srb = srb;
    in.flow[CF_IMMIGRATION] = imm;
    CU_ASSERT_EQUAL_FATAL(cohort_step(&c, &in), LS_OK);
    ASSERT_CLOSE(c.pop[0], 0.5 * (80 + 98) / 2 / 2.05 * 0.99 + 10, 1e-13);
    ASSERT_CLOSE(c.pop[1], 98 + 4, 1e-13);
    check_identity(&c);
    cohort_free(&c);
}

/* fertility.exposure start_and_end_population (Preston): the end women are counted
 * after the step's end migrants, here the second half of the immigrants (even
 * timing) and, with end timing, emigrants clipped at what is there. The other
 * cells and the flow counts are those of the default convention. */
/* setup3 with an input that counts the end population in the births exposure. */
static void
setup3_end_population(cohort *c, cohort_input *in, double *surv, double *asfr, double *srb)
{
    setup3(c, surv, asfr, srb);
    memset(in, 0, sizeof *in);
    in->survival = surv;
    in->asfr = asfr;
    in->srb = srb;
    in->exposure = COHORT_EXPOSURE_END_POPULATION;
}

static void
test_cohort_end_population_exposure_by_hand(void)
{
    cohort c;
    double surv[8], asfr[3], srb[1];
    const double imm[6] = {10, 4, 0, 0, 0, 0};
    const double emi[6] = {0, 300, 0, 0, 0, 0};
    cohort_input in;
    double births;

    setup3_end_population(&c, &in, surv, asfr, srb);
    in.timing = COHORT_EVEN;
    in.flow[CF_IMMIGRATION] = imm;
    CU_ASSERT_EQUAL_FATAL(cohort_step(&c, &in), LS_OK);
    /* Start after half the migrants: women 105, 82, 50; age 1 at the end: 105 x 0.98
     * survivors + 2 (the second half of 4) = 104.9. */
    births = 0.5 * (82 + 104.9) / 2; /* 46.725; the survivors rule gives 45.7 */
    ASSERT_CLOSE(c.comp[0].births + c.comp[1].births, births, 1e-12);
    ASSERT_CLOSE(c.pop[0], births / 2.05 * 0.99 + 5, 1e-12);
    ASSERT_CLOSE(c.pop[1], 104.9, 1e-12);
    ASSERT_CLOSE(c.comp[0].immigration, 14, 1e-14); /* counted once */
    check_identity(&c);
    cohort_free(&c);

    /* End timing: 300 emigrant women asked at age 1, 98 there: all 98 leave, so the
     * end women at age 1 are 0 and births = 0.5 x (80 + 0) / 2 = 20. */
    setup3_end_population(&c, &in, surv, asfr, srb);
    in.flow[CF_EMIGRATION] = emi;
    CU_ASSERT_EQUAL_FATAL(cohort_step(&c, &in), LS_OK);
    ASSERT_CLOSE(c.comp[0].births + c.comp[1].births, 20, 1e-12);
    ASSERT_CLOSE(c.comp[0].emigration, 98, 1e-12);
    ASSERT_CLOSE(c.comp[0].clipped, 300 - 98, 1e-12); /* counted once */
    CU_ASSERT_EQUAL(c.pop[1], 0);
    check_identity(&c);
    cohort_free(&c);
}

static void
test_cohort_clips_and_counts(void)
{
    cohort c;
    double surv[8], asfr[3] = {0, 0, 0}, srb[1] = {1.05};
    /* Ask 300 emigrants from age 1 of women (98 there after survival) and 20 from
     * the open group of men (91 there). */
    const double emi[6] = {0, 300, 0, 0, 0, 20};
    const double pop[6] = {100, 80, 50, 90, 70, 40};
    cohort_input in;

    CU_ASSERT_EQUAL_FATAL(cohort_init(&c, 1, 2, 3, 1, 0), LS_OK);
    cohort_set_population(&c, pop);
    memcpy(surv, S3, sizeof S3);
    memcpy(surv + 4, S3, sizeof S3);
    memset(&in, 0, sizeof in);
    in.survival = surv;
    in.asfr = asfr;
    in.srb = srb;
    in.flow[CF_EMIGRATION] = emi;
    CU_ASSERT_EQUAL_FATAL(cohort_step(&c, &in), LS_OK);
    CU_ASSERT_EQUAL(c.pop[1], 0);
    ASSERT_CLOSE(c.comp[0].clipped, 300 - 98, 1e-13);
    ASSERT_CLOSE(c.comp[0].emigration, 98, 1e-13);
    ASSERT_CLOSE(c.comp[1].emigration, 20, 1e-13);
    ASSERT_CLOSE(c.comp[1].clipped, 0, 1e-13);
    ASSERT_CLOSE(c.pop[5], 91 - 20, 1e-13);
    check_identity(&c);
    cohort_free(&c);
}

static void
test_cohort_internal_moves_sum_to_zero(void)
{
    /* Three areas, one sex (female-only), two ages; survival 1, no births. */
    cohort c;
    const double pop[6] = {50, 40, 30, 20, 10, 5};
    double surv[9], asfr[6] = {0}, srb[3] = {1.05, 1.05, 1.05};
    const double out[6] = {5, 4, 3, 30, 1, 0}; /* area 1 asks for 30 of age 1: 20 there */
    const double dest[9] = {0, 0.25, 0.75, 0.5, 0, 0.5, 1, 0, 0};
    cohort_input in;
    double tin = 0, tout = 0;

    for (int i = 0; i < 9; i++)
        surv[i] = 1;
    CU_ASSERT_EQUAL_FATAL(cohort_init(&c, 3, 1, 2, 1, 0), LS_OK);
    cohort_set_population(&c, pop);
    memset(&in, 0, sizeof in);
    in.survival = surv;
    in.asfr = asfr;
    in.srb = srb;
    in.flow[CF_INTERNAL_OUT] = out;
    in.dest = dest;
    CU_ASSERT_EQUAL_FATAL(cohort_step(&c, &in), LS_OK);
    /* After survival (S = 1; age 0 empties into age 1 = open): area 0 [0, 90],
     * area 1 [0, 50], area 2 [0, 15]; out at age 0 is 0 there: clipped. */
    for (int a = 0; a < 3; a++) {
        tin += c.comp[a].internal_in;
        tout += c.comp[a].internal_out;
    }
    ASSERT_CLOSE(tin, tout, 1e-13);
    /* Area 1 age 1: 30 asked, 50 present: all go, half to area 0, half to area 2. */
    ASSERT_CLOSE(c.comp[1].internal_out, 30, 1e-13);
    ASSERT_CLOSE(c.pop[1], 90 - 4 + 15 + 0 /* from 2 */, 1e-13);
    ASSERT_CLOSE(c.comp[0].clipped, 5, 1e-13);
    check_identity(&c);
    cohort_free(&c);
}

static void
test_cohort_five_year_groups(void)
{
    /* Female only, width 5, ages 0-4, 5-9, 10+: births are 5 x asfr x exposure. */
    cohort c;
    const double pop[3] = {1000, 800, 600};
    const double surv[4] = {0.95, 0.99, 0.8, 0.6};
    const double asfr[3] = {0, 0.1, 0};
    const double srb[1] = {1.05};
    cohort_input in;
    double n1 = 1000 * 0.99, births = 5 * 0.1 * (800 + n1) / 2;

    CU_ASSERT_EQUAL_FATAL(cohort_init(&c, 1, 1, 3, 5, 0), LS_OK);
    cohort_set_population(&c, pop);
    memset(&in, 0, sizeof in);
    in.survival = surv;
    in.asfr = asfr;
    in.srb = srb;
    CU_ASSERT_EQUAL_FATAL(cohort_step(&c, &in), LS_OK);
    ASSERT_CLOSE(c.pop[0], births / 2.05 * 0.95, 1e-13);
    ASSERT_CLOSE(c.pop[1], n1, 1e-13);
    ASSERT_CLOSE(c.pop[2], 800 * 0.8 + 600 * 0.6, 1e-13);
    /* Female-only: the boys are not tracked, the girls are the births. */
    ASSERT_CLOSE(c.comp[0].births, births / 2.05, 1e-13);
    ASSERT_CLOSE(c.births_female_only_dropped, births * 1.05 / 2.05, 1e-13);
    check_identity(&c);
    cohort_free(&c);
}

static void
test_cohort_closed_population_conserves_total(void)
{
    /* Survival 1, no births, no migration: nothing changes in total. */
    cohort c;
    double pop[2 * 2 * 5], surv[2 * 2 * 6], asfr[2 * 5] = {0}, srb[2] = {1.05, 1.05};
    cohort_input in;
    double before = 0, after = 0;

    for (int i = 0; i < 20; i++)
        before += pop[i] = 10.0 + 2.385 * i;
    for (int i = 0; i < 24; i++)
        surv[i] = 1;
    CU_ASSERT_EQUAL_FATAL(cohort_init(&c, 2, 2, 5, 1, 1), LS_OK);
    cohort_set_population(&c, pop);
    memset(&in, 0, sizeof in);
    in.survival = surv;
    in.asfr = asfr;
    in.srb = srb;
    for (int t = 0; t < 7; t++)
        CU_ASSERT_EQUAL_FATAL(cohort_step(&c, &in), LS_OK);
    for (int i = 0; i < 20; i++)
        after += c.pop[i];
    ASSERT_CLOSE(after, before, 1e-13);
    check_identity(&c);
    cohort_free(&c);
}

static void
test_cohort_transfer_moves_people(void)
{
    cohort c;
    const double pop[2 * 1 * 2] = {10, 20, 5, 5};
    const double amount[2] = {3, 25};
    double moved;

    CU_ASSERT_EQUAL_FATAL(cohort_init(&c, 2, 1, 2, 1, 0), LS_OK);
    cohort_set_population(&c, pop);
    moved = cohort_transfer(&c, 0, 1, amount);
    ASSERT_CLOSE(moved, 23, 1e-14); /* 25 asked at age 1, 20 there */
    ASSERT_CLOSE(c.pop[0], 7, 1e-14);
    ASSERT_CLOSE(c.pop[1], 0, 1e-14);
    ASSERT_CLOSE(c.pop[2], 8, 1e-14);
    ASSERT_CLOSE(c.pop[3], 25, 1e-14);
    ASSERT_CLOSE(c.comp[0].internal_out, 23, 1e-14);
    ASSERT_CLOSE(c.comp[1].internal_in, 23, 1e-14);
    cohort_free(&c);
}

/* Two sexes of 101 ages (the vector cells and the tail): each sex's moved persons are
 * summed from zero in age order, so the eight 1s after 1e16 are lost (in lanes they
 * would add up to 6 or 8); asked above what is there moves what is there; asked <= 0
 * moves no one; the amounts are w times k. */
static void
test_cohort_transfer_scaled_sums_in_age_order(void)
{
    enum { S = 2, A = 101 };
    double pop[2 * S * A] = {0}, w[S * A] = {0};
    double moved;
    cohort c;

    pop[0] = 2e16;
    w[0] = 5e15;
    for (int x = 1; x <= 8; x++) {
        pop[x] = 10;
        w[x] = 0.5;
    }
    pop[A + 0] = 5, w[A + 0] = 3.5;  /* asks 7, 5 there */
    pop[A + 1] = 4, w[A + 1] = -0.5; /* asks -1 */
    w[A + 2] = 1;                    /* asks 2 of no one */
    pop[A + 100] = 6, w[A + 100] = 1; /* the tail cell: 2 */
    CU_ASSERT_EQUAL_FATAL(cohort_init(&c, 2, S, A, 1, 0), LS_OK);
    cohort_set_population(&c, pop);
    moved = cohort_transfer_scaled(&c, 0, 1, w, 2.0);
    CU_ASSERT_EQUAL(c.comp[0].internal_out, 1e16);
    CU_ASSERT_EQUAL(c.comp[1].internal_out, 7);
    CU_ASSERT_EQUAL(c.comp[2].internal_in, 1e16);
    CU_ASSERT_EQUAL(c.comp[3].internal_in, 7);
    CU_ASSERT_EQUAL(moved, 1e16 + 7);
    CU_ASSERT_EQUAL(c.pop[0], 1e16);
    CU_ASSERT_EQUAL(c.pop[8], 9);
    CU_ASSERT_EQUAL(c.pop[S * A + 8], 1);
    CU_ASSERT_EQUAL(c.pop[A + 0], 0);
    CU_ASSERT_EQUAL(c.pop[S * A + A + 0], 5);
    CU_ASSERT_EQUAL(c.pop[A + 1], 4);
    CU_ASSERT_EQUAL(c.pop[S * A + A + 1], 0);
    CU_ASSERT_EQUAL(c.pop[A + 100], 4);
    CU_ASSERT_EQUAL(c.pop[S * A + A + 100], 2);
    /* Out of the municipality: counted as domestic out-migrants, added nowhere. */
    moved = cohort_transfer_scaled(&c, 0, (size_t) -1, w, 1.0);
    CU_ASSERT_EQUAL(moved, 5e15 + 1);
    CU_ASSERT_EQUAL(c.comp[0].domestic_out, 5e15); /* each 0.5 after 5e15 is lost */
    CU_ASSERT_EQUAL(c.comp[1].domestic_out, 1);    /* the tail cell only */
    CU_ASSERT_EQUAL(c.pop[S * A + 0], 1e16);
    cohort_free(&c);
}

/* A NaN asked moves (the clip before the coupling turned none into 0, so one here is
 * a fault that must show in the totals); an amount that is not > 0 is not added. */
static void
test_cohort_transfer_nan_moves_add_skips(void)
{
    enum { S = 2, A = 6 };
    double pop[2 * S * A], w[S * A] = {0};
    cohort c;

    for (int i = 0; i < 2 * S * A; i++)
        pop[i] = 3;
    w[2] = NAN;
    CU_ASSERT_EQUAL_FATAL(cohort_init(&c, 2, S, A, 1, 0), LS_OK);
    cohort_set_population(&c, pop);
    CU_ASSERT(isnan(cohort_transfer_scaled(&c, 0, 1, w, 1.0)));
    CU_ASSERT(isnan(c.pop[2]) && isnan(c.pop[S * A + 2]));
    CU_ASSERT_EQUAL(c.pop[1], 3);
    w[2] = 0;
    w[0] = -1, w[5] = 2, w[A + 5] = NAN, w[A + 4] = 0.25;
    CU_ASSERT_EQUAL(cohort_add_scaled(&c, 1, w, 4.0), 9);
    CU_ASSERT_EQUAL(c.pop[S * A + 0], 3);
    CU_ASSERT_EQUAL(c.pop[S * A + 5], 11);
    CU_ASSERT_EQUAL(c.pop[S * A + A + 5], 3);
    CU_ASSERT_EQUAL(c.pop[S * A + A + 4], 4);
    CU_ASSERT_EQUAL(c.comp[2].domestic_in, 8);
    CU_ASSERT_EQUAL(c.comp[3].domestic_in, 1);
    cohort_free(&c);
}

/* The movers' shares of five kernen (four side by side, one alone): each sum runs
 * from zero in cell order (1e16 then 1s: the 1s are lost), a row with a sum <= 0 is
 * left as the products. */
static void
test_cohort_mover_shares_sum_in_order(void)
{
    enum { K = 5, PER = 9 };
    double m[PER], p[K][PER], w[K][PER], W[K];
    const double *pp[K];
    double *wp[K];

    for (int i = 0; i < PER; i++)
        m[i] = i == 0 ? 2 : 1;
    for (int j = 0; j < K; j++) {
        for (int i = 0; i < PER; i++)
            p[j][i] = i == 0 ? 5e15 : 1;
        pp[j] = p[j];
        wp[j] = w[j];
    }
    p[3][0] = 0, p[3][1] = -2; /* sum -1 */
    kern_mover_shares(m, pp, wp, W, K, PER);
    for (int j = 0; j < K; j++) {
        if (j == 3)
            continue;
        CU_ASSERT_EQUAL(W[j], 1e16);
        CU_ASSERT_EQUAL(w[j][0], 1.0);
        CU_ASSERT_EQUAL(w[j][8], 1e-16);
    }
    CU_ASSERT_EQUAL(W[3], 5);
    CU_ASSERT_EQUAL(w[3][1], -2.0 / 5);
    p[3][1] = -9;
    kern_mover_shares(m, pp, wp, W, K, PER);
    CU_ASSERT_EQUAL(W[3], -2);
    CU_ASSERT_EQUAL(w[3][1], -9);
}

/* The households per person of the coupling's groups: two lanes then a last odd cell,
 * for four rows side by side and one alone (1e16 + 1 - 1e16 + 1 + 3 in order is 4). */
static void
test_cohort_pair_dots_in_two_lanes(void)
{
    const double w[5] = {1, 1, 1, 1, 1}, v[5] = {1e16, 1, -1e16, 1, 3};
    const double *rows[5] = {v, v, v, v, v};
    double out[5];

    kern_pair_dots(w, rows, 5, 5, out);
    for (int j = 0; j < 5; j++)
        CU_ASSERT_EQUAL(out[j], 5); /* (0 + 2) + 3 */
    kern_pair_dots(w, rows, 1, 4, out);
    CU_ASSERT_EQUAL(out[0], 2);
}

/* The moves between kernen for every shape of blocks (fours, threes, the one-row
 * leftovers, the cell tails): each destination cell sums its origins in order from
 * zero and is then added, as the plain triple loop does, to the bit. */
static void
test_cohort_moves_blocks_same_bits(void)
{
    const size_t SAs[] = {1, 2, 7, 8, 9, 15, 16, 17, 24, 31, 33, 202};
    uint64_t x = 88172645463325252u;

    for (size_t n = 1; n <= 30; n += n < 14 ? 1 : 15)
        for (size_t k = 0; k < sizeof SAs / sizeof *SAs; k++) {
            const size_t SA = SAs[k], SS = (SA + 7) / 8 * 8;
            double *wt = calloc(n * n, sizeof *wt), *src = calloc(n * SS, sizeof *src);
            double *dst = calloc(n * SA, sizeof *dst), *ref = calloc(n * SA, sizeof *ref);
            for (size_t i = 0; i < n * n; i++) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                wt[i] = (double) (x % 1000) / 997.0;
            }
            for (size_t i = 0; i < n * SS; i++) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                src[i] = (double) (x % 100000) / 7.0;
            }
            for (size_t i = 0; i < n * SA; i++)
                dst[i] = ref[i] = (double) (i % 13) / 3.0;
            for (size_t d = 0; d < n; d++)
                for (size_t i = 0; i < SA; i++) {
                    double acc = 0;
                    for (size_t o = 0; o < n; o++)
                        acc += wt[d * n + o] * src[o * SS + i];
                    ref[d * SA + i] += acc;
                }
            kern_moves(wt, src, SS, dst, n, SA);
            CU_ASSERT(memcmp(dst, ref, n * SA * sizeof *dst) == 0);
            free(wt);
            free(src);
            free(dst);
            free(ref);
        }
}

static void
test_cohort_rejects_bad_dimensions(void)
{
    cohort c;
    CU_ASSERT_EQUAL(cohort_init(&c, 0, 2, 10, 1, 0), LS_ECONFIG);
    cohort_free(&c);
    CU_ASSERT_EQUAL(cohort_init(&c, 1, 3, 10, 1, 0), LS_ECONFIG);
    cohort_free(&c);
    cohort_free(&c); /* twice is safe */
}

static void
test_cohort_non_finite_input_is_numeric_error(void)
{
    cohort c;
    double surv[8], asfr[3], srb[1];
    cohort_input in;

    setup3(&c, surv, asfr, srb);
    surv[1] = NAN;
    memset(&in, 0, sizeof in);
    in.survival = surv;
    in.asfr = asfr;
    in.srb = srb;
    CU_ASSERT_EQUAL(cohort_step(&c, &in), LS_ENUMERIC);
    cohort_free(&c);
}

/* Internal moves large enough for every path of the engine: 3 kernen x 2 sexes x 101
 * ages = 202 cells per kern, so each destination is built in three 64-cell blocks,
 * one 8-cell block and two single cells. Survival 1 and no births: after ageing,
 * every cell of ages 1..99 holds 100 and the open group 200 (100 + 100); age 0 is
 * empty. Kern o sends c_o = 1, 2, 4 persons out of every cell (none of age 0 is
 * there: clipped), by the shares 0 -> (0, 1/4, 3/4), 1 -> (1/2, 0, 1/2), 2 -> (1, 0, 0):
 *   kern 0 keeps 100 - 1 and receives 2/2 + 4 = 5:       104
 *   kern 1 keeps 100 - 2 and receives 1/4:                98.25
 *   kern 2 keeps 100 - 4 and receives 3/4 + 2/2 = 1.75:   97.75
 * (the open group: 100 more each). */
/* The blocked moves kernel (4 destinations x 8 cells, then the tails) on 6 kernen of
 * 21 cells, so that every part of it runs: a 4-kern block, 2 kernen left over, two
 * 8-cell groups and 5 cells left over. The weights are a cycle (kern d receives all
 * of kern d + 1), so by hand dst[d][i] = 0.5 (its start) + src[(d + 1) % 6][i], and
 * src[o][i] = 1000 o + i makes every cell's origin visible. */
static void
test_cohort_moves_kernel_every_lane(void)
{
    enum { N = 6, SA = 21 };
    double wt[N * N] = {0}, src[N * SA], dst[N * SA];
    for (size_t d = 0; d < N; d++)
        wt[d * N + (d + 1) % N] = 1;
    for (size_t o = 0; o < N; o++)
        for (size_t i = 0; i < SA; i++) {
            src[o * SA + i] = 1000.0 * (double) o + (double) i;
            dst[o * SA + i] = 0.5;
        }
    kern_moves(wt, src, SA, dst, N, SA);
    for (size_t d = 0; d < N; d++)
        for (size_t i = 0; i < SA; i++) {
            const double want = 0.5 + 1000.0 * (double) ((d + 1) % N) + (double) i;
            if (dst[d * SA + i] != want) {
                fprintf(stderr, "    kern %zu cell %zu: %.15g, want %g\n", d, i, dst[d * SA + i],
                        want);
                CU_FAIL("moves kernel: a destination cell lost or misplaced");
            }
        }
}

/* The clip pass from rates against the one from flow arrays (kern_clip_lean with the
 * flows computed beforehand as the driver did), bit for bit, on 29 cells: three groups
 * of eight and five left over. Clipped cells in the first group (four lanes, and a
 * cell with nobody there), none in the second (the fast path: with a flow of 0 and a
 * population that is not finite, counted), one lane in the third, one in the tail. */
static void
test_cohort_clip_from_rates_same_bits(void)
{
    enum { N = 29 };
    double q1[N], q2[N], ap1[N], ap2[N], p[N], kin[N], ones[N], r[5][N], f[5][N];
    const double g[5] = {0.3, 1.7, 0.9, 1.1, 0.45};
    const double *rr[5], *bb[5];
    size_t bad1, bad2;

    for (size_t i = 0; i < N; i++) {
        p[i] = 10 + 3.0 * (double) i;
        q1[i] = q2[i] = 0.97 * p[i];
        kin[i] = 0.8 + 0.01 * (double) i;
        ones[i] = 1;
        for (int k = 0; k < 5; k++)
            r[k][i] = 0.01 * (double) (k + 1) + 0.001 * (double) i;
    }
    for (size_t i = 0; i < 4; i++) /* clipped: the first group */
        r[4][i] = 2.5;
    q1[6] = q2[6] = 0; /* nobody there, out-flows asked: clipped to 0 */
    r[0][6] = r[1][6] = 0;
    r[1][9] = 0;       /* a flow of 0 (second group) */
    q1[11] = q2[11] = INFINITY; /* not finite: counted (second group) */
    r[2][21] = 3.0;    /* clipped: one lane of the third group */
    r[3][27] = 4.0;    /* clipped: the tail */
    for (int k = 0; k < 5; k++) {
        rr[k] = r[k];
        bb[k] = k == 1 ? ones : p; /* flow 1 from a total: its profile times g */
        for (size_t i = 0; i < N; i++)
            f[k][i] = r[k][i] * g[k] * bb[k][i] * (k < 2 ? kin[i] : 1);
    }
    bad1 = kern_clip_lean(q1, ap1, f[0], f[1], f[2], f[3], f[4], 1.0, N);
    bad2 = kern_clip_rates(q2, ap2, bb, rr, g, kin, N);
    CU_ASSERT_EQUAL(bad1, 1);
    CU_ASSERT_EQUAL(bad2, bad1);
    CU_ASSERT_EQUAL(q2[6], 0);
    CU_ASSERT_EQUAL(ap2[6], 0);
    CU_ASSERT(q2[0] == 0 && ap2[0] > 0); /* clipped: everyone there leaves */
    {
        /* The in-flows from totals, the out-flows from rates: kern_clip_rates_tp. */
        double q3[N], ap3[N], q4[N], ap4[N];
        const double *bt[5] = {ones, ones, p, p, p};
        for (size_t i = 0; i < N; i++)
            q3[i] = q4[i] = 0.97 * p[i] * (i == 6 ? 0 : 1) + (i == 11 ? INFINITY : 0);
        CU_ASSERT_EQUAL(kern_clip_rates(q3, ap3, bt, rr, g, kin, N),
                        kern_clip_rates_tp(q4, ap4, p, rr, g, kin, N, 0));
        CU_ASSERT(memcmp(q3, q4, sizeof q3) == 0);
        CU_ASSERT(memcmp(ap3, ap4, sizeof ap3) == 0);
        CU_ASSERT(q4[0] == 0 && ap4[0] > 0);
        {
            /* leveled: emigration and domestic out as rate times level, g[2] and g[3]
             * not read (NaN here), the same bits */
            double q5[N], ap5[N], rg[2][N];
            const double gn[5] = {g[0], g[1], NAN, NAN, g[4]};
            const double *rl[5] = {r[0], r[1], rg[0], rg[1], r[4]};
            for (size_t i = 0; i < N; i++) {
                q5[i] = 0.97 * p[i] * (i == 6 ? 0 : 1) + (i == 11 ? INFINITY : 0);
                rg[0][i] = r[2][i] * g[2];
                rg[1][i] = r[3][i] * g[3];
            }
            CU_ASSERT_EQUAL(kern_clip_rates_tp(q5, ap5, p, rl, gn, kin, N, 1), 1);
            CU_ASSERT(memcmp(q5, q4, sizeof q5) == 0);
            CU_ASSERT(memcmp(ap5, ap4, sizeof ap5) == 0);
        }
    }
    for (size_t i = 0; i < N; i++)
        if (memcmp(&q1[i], &q2[i], sizeof q1[i]) != 0 || memcmp(&ap1[i], &ap2[i], sizeof ap1[i]) != 0) {
            fprintf(stderr, "    cell %zu: %.17g / %.17g, from flows %.17g / %.17g\n", i, q2[i],
                    ap2[i], q1[i], ap1[i]);
            CU_FAIL("clip from rates differs from the clip of the flows");
        }
}

/* Area totals in two lanes (even and odd cells), whose order shows: 1e16 + 1 is 1e16
 * in double, so the sum of (1e16, 1, -1e16, 1) is 2 in lanes (1e16 - 1e16 = 0, and
 * 1 + 1), 1 in order. Five blocks: four together and one left over. */
static void
test_cohort_pair_sums_in_two_lanes(void)
{
    enum { NB = 5, PER = 6 };
    double v[NB * PER], t[NB];

    for (size_t a = 0; a < NB; a++) {
        double *b = v + a * PER;
        b[0] = 1e16;
        b[1] = 1;
        b[2] = -1e16;
        b[3] = 1;
        b[4] = (double) a;
        b[5] = 0.5;
    }
    kern_pair_sums(v, PER, NB, t);
    for (size_t a = 0; a < NB; a++)
        CU_ASSERT_EQUAL(t[a], (double) a + 2.5); /* (1e16 - 1e16 + a) + (1 + 1 + 0.5) */
}

static void
test_cohort_internal_moves_in_every_block(void)
{
    enum { N = 3, S = 2, A = 101 };
    const double c_out[N] = {1, 2, 4}, want[N] = {104, 98.25, 97.75};
    const double dest[N * N] = {0, 0.25, 0.75, 0.5, 0, 0.5, 1, 0, 0};
    double *pop = calloc(N * S * A, sizeof *pop), *out = calloc(N * S * A, sizeof *out);
    double *surv = calloc(N * S * (A + 1), sizeof *surv), asfr[N * A] = {0}, srb[N] = {1, 1, 1};
    double total = 0;
    cohort c;
    cohort_input in;

    for (size_t i = 0; i < N * S * A; i++) {
        pop[i] = 100;
        out[i] = c_out[i / (S * A)];
    }
    for (size_t i = 0; i < N * S * (A + 1); i++)
        surv[i] = 1;
    CU_ASSERT_EQUAL_FATAL(cohort_init(&c, N, S, A, 1, 0), LS_OK);
    cohort_set_population(&c, pop);
    memset(&in, 0, sizeof in);
    in.survival = surv;
    in.asfr = asfr;
    in.srb = srb;
    in.flow[CF_INTERNAL_OUT] = out;
    in.dest = dest;
    CU_ASSERT_EQUAL_FATAL(cohort_step(&c, &in), LS_OK);
    for (size_t d = 0; d < N; d++)
        for (size_t s = 0; s < S; s++) {
            const double *p = c.pop + (d * S + s) * A;
            CU_ASSERT_EQUAL(p[0], 0);
            for (size_t x = 1; x + 1 < A; x++)
                if (fabs(p[x] - want[d]) > 1e-12) {
                    fprintf(stderr, "    kern %zu sex %zu age %zu: %.15g, want %g\n", d, s, x,
                            p[x], want[d]);
                    CU_FAIL("internal moves of a cell");
                }
            ASSERT_CLOSE(p[A - 1], want[d] + 100, 1e-12);
            /* out of 100 cells (ages 1..100); age 0 asked c_d and had nobody */
            ASSERT_CLOSE(c.comp[d * S + s].internal_out, 100 * c_out[d], 1e-12);
            ASSERT_CLOSE(c.comp[d * S + s].clipped, c_out[d], 1e-12);
            for (size_t x = 0; x < A; x++)
                total += p[x];
        }
    ASSERT_CLOSE(c.comp[0].internal_in, 100 * 5.0, 1e-12);
    ASSERT_CLOSE(c.comp[2].internal_in, 100 * 0.25, 1e-12);
    ASSERT_CLOSE(c.comp[4].internal_in, 100 * 1.75, 1e-12);
    /* nobody is lost: 3 kernen x 2 sexes x (99 x 100 + 200) */
    ASSERT_CLOSE(total, N * S * (99.0 * 100 + 200), 1e-12);
    check_identity(&c);
    cohort_free(&c);
    free(pop);
    free(out);
    free(surv);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"test_cohort_one_step_by_hand", test_cohort_one_step_by_hand},
        {"test_cohort_even_timing_by_hand", test_cohort_even_timing_by_hand},
        {"test_cohort_end_timing_adds_after_survival", test_cohort_end_timing_adds_after_survival},
        {"test_cohort_end_population_exposure_by_hand", test_cohort_end_population_exposure_by_hand},
        {"test_cohort_clips_and_counts", test_cohort_clips_and_counts},
        {"test_cohort_internal_moves_sum_to_zero", test_cohort_internal_moves_sum_to_zero},
        {"test_cohort_internal_moves_in_every_block", test_cohort_internal_moves_in_every_block},
        {"test_cohort_moves_kernel_every_lane", test_cohort_moves_kernel_every_lane},
        {"test_cohort_clip_from_rates_same_bits", test_cohort_clip_from_rates_same_bits},
        {"test_cohort_pair_sums_in_two_lanes", test_cohort_pair_sums_in_two_lanes},
        {"test_cohort_five_year_groups", test_cohort_five_year_groups},
        {"test_cohort_closed_population_conserves_total", test_cohort_closed_population_conserves_total},
        {"test_cohort_transfer_moves_people", test_cohort_transfer_moves_people},
        {"test_cohort_transfer_scaled_sums_in_age_order", test_cohort_transfer_scaled_sums_in_age_order},
        {"test_cohort_transfer_nan_moves_add_skips", test_cohort_transfer_nan_moves_add_skips},
        {"test_cohort_mover_shares_sum_in_order", test_cohort_mover_shares_sum_in_order},
        {"test_cohort_pair_dots_in_two_lanes", test_cohort_pair_dots_in_two_lanes},
        {"test_cohort_moves_blocks_same_bits", test_cohort_moves_blocks_same_bits},
        {"test_cohort_rejects_bad_dimensions", test_cohort_rejects_bad_dimensions},
        {"test_cohort_non_finite_input_is_numeric_error", test_cohort_non_finite_input_is_numeric_error},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
