/* What drives each target: the uncertain inputs of the Monte Carlo runs ranked by how
 * much of a target's outcome they explain.
 *
 * The inputs are each plan's fate (realised, its delay, its share), summarised per run
 * as the units it delivers inside the target's window; the fertility, mortality and
 * migration levels; and the level of small plans and infill (pipeline.small_plans:
 * one draw per run for all of them together, so that the many tiny ones do not fill
 * the ranking with noise).
 *
 * The measure is the first-order variance share (the main-effect Sobol' index)
 * S = Var(E[Y | X]) / Var(Y) of the target's measure Y (target_row_value) for each
 * input X, estimated from the same runs by the conditional means of Y within bins of
 * X: one bin per value when X takes at most 20 values (a plan delivers nothing, or
 * its units with one of a few delays), otherwise 20 bins of equal counts. The
 * between-bin sum of squares overstates S by about (bins - 1) / runs for an input
 * that does nothing; the estimate removes that bias: S = (SSB - (B - 1) SSW / (n - B))
 * / SST. The inputs are independent, so the shares add up to at most 1 and each reads
 * as "the part of the spread this input explains on its own". Its standard error is
 * the spread of S over 200 bootstrap resamples of the runs (fixed bins, seed 1).
 * Beside it: the mean of Y and P(met) in the runs where the input is in its bottom
 * and top tenth (for a plan: not delivered / delivered in full), which the tornado
 * chart draws.
 *
 * Engines only: plain arrays in, a table out. Ownership: the table owns its strings;
 * driver_table_free is always safe. */
#ifndef LS_DRIVERS_H
#define LS_DRIVERS_H

#include <stddef.h>

#include "montecarlo.h"

enum driver_kind { DRIVER_PLAN, DRIVER_LEVEL };

typedef struct {
    char *id;    /* plan_id, or a level name (mc_level_names) */
    char *label; /* the plan's name, or the level, for people */
    enum driver_kind kind;
    size_t n_plans;       /* plans in it (1 for a plan, 0 for a level) */
    double share, share_se; /* first-order variance share (bias-corrected, may be < 0) */
    double low, high;     /* mean of the measure with the input in its bottom, top tenth */
    double p_low, p_high; /* P(met) there */
} driver;

typedef struct {
    size_t row;       /* the target row (index in the target table) */
    char *target;     /* its target id */
    double mean, sd;  /* of the measure over the runs */
    double p_met;
    unsigned long runs;
    size_t n;
    driver *d;        /* sorted by share, largest first */
} driver_table;

/* Plans above which no ranking is computed: every plan is an input, and each costs
 * a sort and 200 bootstrap passes over the runs (100,000 plans would take hours). The
 * 200 resamples are drawn once for all inputs of a target and read by each. */
#define DRIVERS_MAX_PLANS 2000

/* The drivers of kept row j (M->runs.row[j]) of a finished Monte Carlo with keep_runs.
 * Needs at least 20 runs and at most DRIVERS_MAX_PLANS plans; returns LS_EUSAGE
 * otherwise. */
int drivers_compute(driver_table *self, const mc *M, size_t j) LS_WARN_UNUSED;
/* drivers_compute for the k kept rows j[0..k-1] on up to `threads` threads, into
 * t[0..k-1] with each status in status[0..k-1]; the same tables as one by one (each
 * row has its own resamples). */
void drivers_compute_rows(driver_table *t, int *status, const mc *M, const size_t *j, size_t k,
                          unsigned threads);
void driver_table_free(driver_table *self);

/* The first-order share of y explained by x over n values (the estimator above),
 * and with se != NULL its bootstrap standard error. Exposed for tests. */
double drivers_share(const double *x, const double *y, size_t n, double *se);

#endif
