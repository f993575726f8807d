/* Monte Carlo (MODEL.md section 8): many full simulations (both views) with plan
 * realisation, plan delays, partial realisation and the levels of fertility,
 * mortality and migration drawn per run; quantiles per kern, tier and municipality
 * and year; the probability of meeting each target row; and the extra plan
 * capacity that meets it with 80% and 90% probability.
 *
 * Reproducible: run i draws from its own generator seeded from (seed, i), so the
 * numbers do not depend on the number of threads. Memory does not grow with the
 * number of runs: the first `pilot` runs are kept whole and set the range of a
 * fixed-bin histogram per quantity; later runs only add counts (integers, so the
 * order of threads cannot change them). Means use fixed-point integer sums.
 *
 * Ownership: mc_init allocates inside a caller-owned struct; the model, the
 * deterministic target table and the cache must outlive it; mc_free is always
 * safe. The caller owns nothing it did not pass in. */
#ifndef LS_MONTECARLO_H
#define LS_MONTECARLO_H

#include <gsl/gsl_rng.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "housing.h"
#include "model.h"
#include "projection.h"
#include "targets.h"

#define MC_BINS 1024
#define MC_MAX_CHUNKS 400

typedef struct {
    unsigned long runs;
    unsigned long seed;
    unsigned threads;
    size_t pilot; /* runs kept whole to set histogram ranges (and exact below it) */
    size_t store; /* runs kept for the capacity solver */
    /* Antithetic levels: run 2j+1 takes the negated normal draws of run 2j's levels
     * (fertility, mortality, migration in and out, small plans) and its own plan and
     * chunk draws; the standard errors then come from the J = runs/2 pair means.
     * Needs an even number of runs. */
    int antithetic;
    int keep_runs; /* keep every run's municipal target values and its draws (mc_runs) */
    /* With keep_runs: keep the first keep_max runs only (0: every run), so that memory
     * stays flat in the number of runs (drivers.csv reads the first MC_KEEP_DRIVERS). */
    unsigned long keep_max;
} mc_options;

/* The runs landstad run keeps for drivers.csv: the drivers' shares of 10,000 runs have
 * standard errors of about 0.01 or less, and memory no longer grows with --runs. */
#define MC_KEEP_DRIVERS 10000UL

/* The levels drawn once per run, in mc_runs.level. */
enum { MC_LEVEL_FERTILITY, MC_LEVEL_MORTALITY, MC_LEVEL_MIGRATION_IN, MC_LEVEL_MIGRATION_OUT,
       MC_LEVEL_SMALL_PLANS, MC_N_LEVELS };
extern const char *const mc_level_names[MC_N_LEVELS];

/* With mc_options.keep_runs: every run's draws and the value of every target row
 * (only the municipal rows when runs x rows exceeds 2e7), what compare.h and drivers.h
 * need: differences run by run, and which draw explains which outcome. Arrays are
 * [run][...]. */
typedef struct {
    unsigned long n_runs; /* the runs kept: the first opt.keep_max, or all */
    size_t n_rows;       /* the target rows kept, in table order */
    size_t *row;         /* [n_rows]: their index in the target table */
    double *value;       /* [runs][n_rows] the row's measure (target_row_value) */
    unsigned char *met;  /* [runs][n_rows] */
    double *level;       /* [runs][MC_N_LEVELS] */
    size_t n_plans;
    unsigned char *ok;   /* [runs][n_plans] realised */
    unsigned char *delay; /* [runs][n_plans] years */
    float *share;        /* [runs][n_plans] share of the units delivered */
} mc_runs;

/* One tracked quantity's summary. */
typedef struct {
    double mean, p10, p50, p90, min, max;
} mc_summary;

typedef struct {
    const model *m;
    const target_table *tt;
    mc_options opt;
    projection_opts base; /* the deterministic run's options (calibration) */
    const projection_cache *cache;
    size_t n_refs;        /* kernen + tiers + municipality */
    size_t n_years;
    size_t Q;             /* tracked quantities */
    /* layout offsets into a run's value vector */
    size_t off_pop, off_hh, off_short, off_comp, off_cum, off_regional, off_stock, off_rows;
    /* the own need (a third, zero-migration projection per run) only when a target
     * counts beyond it: municipal households beyond the own need and the own growth
     * since base_year, [n_years] each from off_own */
    int own_need;
    int own_fixed;        /* the levels it depends on do not vary: computed once a worker */
    size_t off_own;
    size_t row_width;     /* values per target row stored for the solver */
    size_t *row_off;      /* [n_rows] */
    /* pilot */
    size_t n_pilot;
    double *pilot;        /* [n_pilot][Q] */
    /* histograms (after the pilot) */
    double *lo, *width;   /* [Q] */
    /* merged statistics */
    uint32_t *hist;       /* [Q][MC_BINS + 2]: underflow, bins, overflow */
    int64_t *sum;         /* [Q], fixed point 2^-16 */
    double *vmin, *vmax;  /* [Q] */
    uint64_t *met;        /* [n_rows] */
    /* solver store */
    size_t n_store;
    double *store_rows;   /* [n_store][row_width] */
    uint16_t *chunk_ok;         /* [n_store][MC_MAX_CHUNKS]: 0, or the share x 65535 */
    unsigned char *chunk_delay; /* [n_store][MC_MAX_CHUNKS] */
    /* the keys of the plans' streams (planstream.h): [n_plans], and [MC_MAX_CHUNKS] of
     * the chunks (mc_chunk_id) */
    uint64_t *plan_key, *chunk_key;
    /* results */
    mc_summary *summary;  /* [Q] */
    double *probability;  /* [n_rows] */
    double *probability_se; /* [n_rows] Monte Carlo standard error of probability */
    uint64_t *pair_half, *pair_both; /* [n_rows] antithetic pairs with one / both met */
    double *extra80, *extra90; /* [n_rows]; NAN when not applicable or already decided by
                                  what was observed, INFINITY when unreachable */
    mc_runs runs;         /* with opt.keep_runs */
    /* threads */
    unsigned long next, done, pilot_done;
    int ranges_ready;
    pthread_mutex_t lock;
    int status;
    void *workers;
} mc;

int mc_init(mc *self, const model *m, const target_table *tt, const projection_opts *base,
            const projection_cache *cache, const mc_options *opt) LS_WARN_UNUSED;
void mc_free(mc *self);

/* Starts the runs on opt.threads threads and returns; mc_progress tells how many
 * are done; mc_finish waits, merges and computes the results. */
int mc_start(mc *self) LS_WARN_UNUSED;
unsigned long mc_progress(mc *self);
/* LS_OK while the runs go well; the first failure otherwise. */
int mc_status(mc *self);
int mc_finish(mc *self) LS_WARN_UNUSED;
/* Asks the workers to stop after their current run (the results are then not
 * computed; mc_finish returns LS_EINTERRUPTED). */
void mc_cancel(mc *self);

/* One plan's fate in a run: realised with the phase's probability, delayed by a
 * draw from its delay distribution, and (when partial_min < 1) delivering a share
 * drawn uniformly in [partial_min, 1]. Always consumes three uniforms. */
void mc_draw_plan(gsl_rng *r, const phase_spec *ph, double partial_min, unsigned char *ok,
                  int *delay, double *share);
/* The same from three given uniforms u (a plan's own stream, planstream.h). */
void mc_draw_plan_u(const double u[3], const phase_spec *ph, double partial_min,
                    unsigned char *ok, int *delay, double *share);

/* The size of the extra plans the capacity solver adds for target row `row`:
 * uncertainty.extra_plan_size, or a tenth of what the target asks over its window
 * when that is smaller (at least 1). Appending extra80 / size such plans, in the
 * extra-capacity phase, planned evenly over the window and with the ids mc_chunk_id
 * gives, reproduces the answer. */
double mc_extra_plan_size(const mc *self, size_t row);
/* The plan_id whose stream chunk c (0-based) of the solver draws from: "extra-" and
 * c + 1, so that the appended plans meet the very draws the solver used. */
void mc_chunk_id(size_t c, char *buf, size_t size);

/* Quantile p of n sorted values, interpolated between order statistics (R's type
 * 7: h = (n - 1) p). */
double mc_quantile_exact(const double *sorted, size_t n, double p);
/* The same quantiles p[0..k-1] (ascending) of n unsorted values, by selection, not a
 * sort: x is reordered. The order statistics are the sorted array's, so the results
 * are its bits. Returns 0 (x unchanged) when a value is NaN, where a sort's order is
 * not defined. */
int mc_quantiles_select(double *x, size_t n, const double *p, size_t k, double *out);
/* Quantile p of a histogram h[MC_BINS + 2] (underflow, MC_BINS bins of `width`
 * from lo, overflow) of `total` values between vmin and vmax: linear within the bin
 * where the cumulative count reaches p x total; vmin and vmax for the outer bins. */
double mc_quantile_hist(const uint32_t *h, double lo, double width, double vmin, double vmax,
                        uint64_t total, double p);

/* The Monte Carlo standard error of probability[row], as the sampling design makes
 * it (binomial; from the pair means with antithetic levels). */
double mc_probability_se(const mc *self, size_t row);

/* The per-run stream seed of run i. */
uint64_t mc_stream_seed(unsigned long seed, unsigned long run);

/* Index helpers for the value vector: ref = kern index, n_areas + tier, or
 * n_areas + n_tiers for the municipality. */
size_t mc_index_population(const mc *self, int view, size_t year, size_t ref);
size_t mc_index_households(const mc *self, int view, size_t year, size_t ref);
size_t mc_index_shortage(const mc *self, size_t year, size_t ref);
size_t mc_index_completions(const mc *self, size_t year, size_t ref);
size_t mc_index_cumulative(const mc *self, size_t year, size_t ref);
size_t mc_index_regional(const mc *self, size_t year);
/* Households beyond the own need (from outside) and the own growth since base_year,
 * municipality, 1 January of year index `year` (only with own_need). */
size_t mc_index_from_outside(const mc *self, size_t year);
size_t mc_index_own_growth(const mc *self, size_t year);
/* The dwelling stock on 1 January. */
size_t mc_index_stock(const mc *self, size_t year, size_t ref);

#endif
