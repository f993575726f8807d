/* The projection driver: turns a loaded model into the inputs of each cohort step
 * (survival from life tables, fertility scaled to the TFR path, migration rates
 * into counts), runs the steps and keeps every year's population and every step's
 * components. Housing coupling and Monte Carlo drive it one step at a time.
 *
 * Ownership: projection_init allocates inside a caller-owned struct and keeps a
 * pointer to the model, which must outlive it; projection_free is always safe. */
#ifndef LS_PROJECTION_H
#define LS_PROJECTION_H

#include <stddef.h>

#include "cohort.h"
#include "error.h"
#include "history.h"
#include "model.h"

/* Survival, fertility and sex ratio of every step, computed once from the model
 * (life tables are the costly part) and shared read-only, e.g. by Monte Carlo
 * threads. Arrays are [step][area][sex][n_ages + 1], [step][area][n_ages],
 * [step][area]. */
typedef struct {
    size_t n_steps;
    double *surv;
    double *asfr;
    double *srb;
    /* [step]: every area's row of the step is the same (bit for bit), so that one
     * row serves them all. */
    unsigned char *surv_shared, *asfr_shared;
} projection_cache;

int projection_cache_build(projection_cache *self, const model *m) LS_WARN_UNUSED;
void projection_cache_free(projection_cache *self);

/* Adjustments a caller may make without touching the model. */
typedef struct {
    /* Replace flow `override_flow`'s level by override_level in years from..to. */
    long override_flow; /* -1: none */
    int override_from, override_to;
    double override_level;
    /* Multipliers on the whole run (1 = as the model says). */
    double fertility_mult;
    double mortality_mult; /* on 1 - survival */
    double *flow_mult;     /* [n_flows] or NULL */
    int mult_from;         /* the three multipliers apply to steps from this year on */
    int last_year;         /* stop after this 1 January (0 = horizon) */
    const projection_cache *cache; /* NULL: the projection builds its own */
    int totals_only;       /* keep area totals per year, not every cell (Monte Carlo) */
    /* The history (history.h): its multipliers replace the model's levels in the
     * years before its last observed date, and its trend levels apply from then on.
     * NULL: none. */
    const history *hist;
    double small_mult;     /* multiplier on the small-plans rate (housing; 1 = as estimated) */
    /* Migration balance zero (the own need, regional.h): in every step the in-flows
     * (immigration and domestic in, together) are scaled, for each sex and age, so
     * that the municipality's in-migrants equal its out-migrants (emigration and
     * domestic out). Moves between kernen stay as they are. */
    int zero_migration;
} projection_opts;

void projection_opts_init(projection_opts *o);

typedef struct {
    const model *m;
    projection_opts opts;
    size_t n_steps, n_years;
    int *years;          /* 1 January of each stored year */
    size_t step;         /* steps done */
    cohort c;
    double *pop;         /* [n_years][cells]; only the base year with opts.totals_only */
    double *totals;      /* [n_years][area] */
    cohort_comp *comp;   /* [n_steps][area][sex] */
    double clipped;
    /* per-step scratch */
    projection_cache own_cache;
    const projection_cache *cache;
    double *surv, *asfr, *flow[CF_N];
    int used[CF_N]; /* which flow arrays this model fills */
    /* A totals-only run whose flows are all rates, one a kind, with end timing and
     * the survivors' exposure: its steps take the migrants as rates (cohort_input). */
    int rates_ok;
    double *rate_g;   /* [CF_N][area] */
    double *rate_kin; /* [sex][age]: the zero-migration balance */
    double *rate_out; /* [sex][age]: scratch for it */
    const double *dest;
    double *dest_t; /* dest transposed (cohort_input.dest_t) */
} projection;

int projection_init(projection *self, const model *m, const projection_opts *o)
    LS_WARN_UNUSED;
void projection_free(projection *self);
/* Back to the base year, keeping the options and the memory (Monte Carlo reuses
 * one projection for many runs). */
void projection_reset(projection *self);
/* Advances one step and stores the new population. */
int projection_step(projection *self) LS_WARN_UNUSED;
/* Runs every remaining step. */
int projection_finish(projection *self) LS_WARN_UNUSED;
/* After a coupling changed the cohort state, store it again as this year's result. */
void projection_store(projection *self);

double projection_total(const projection *self, size_t year_index);
double projection_area_total(const projection *self, size_t year_index, size_t area);

/* Solves the calibrate block: the level of the named flow in from..to that gives
 * the observed municipal population in `year` (the history with that one
 * observation; *level is the flow's level times the solved multiplier). */
int projection_calibrate(const model *m, double *level, diag *d) LS_WARN_UNUSED;

/* Persons flow k would move in the step starting at the current state at level 1
 * (rates times the current population, or the counts), municipal total. */
double projection_flow_at_level_one(const projection *self, size_t k);

#endif
