/* History (MODEL.md section 9): what the observations fix from the base year up to
 * the last observed date, computed once from the deterministic model and then
 * applied unchanged in every run, deterministic and Monte Carlo, and in both views.
 *
 * - Births, deaths and migration flows observed in a period: the level of that
 *   component in those years (per kern) is solved so that the model meets the count.
 * - Populations observed on a 1 January: the level of the absorbing flow
 *   (observed.absorb.population) in the years since the previous population
 *   observation is solved so that the total is met.
 * - Dwellings: completions and other change per calendar year from observed
 *   completions and observed stocks; what a stock change leaves open is absorbed by
 *   completions (or by other change, observed.absorb.dwellings).
 * Aggregated figures (municipal totals, multi-year sums) are spread over kernen and
 * years in proportion to the model's own deterministic expectation; finer
 * observations (a kern, a single year) win over coarser ones. Solving uses GSL's
 * Brent root finder on the projection itself, one unknown at a time, sweeping until
 * every observation is met.
 *
 * It also derives from the observations what starts at the last observed date: the
 * trend level of flows with `trend` and the yearly rate of small plans and infill.
 *
 * Units: multipliers on the model's levels; persons; dwellings. Arrays are indexed
 * by history step (calendar year base_year + step). Ownership: history_build fills a
 * caller-owned struct; the model must outlive it; history_free is always safe. */
#ifndef LS_HISTORY_H
#define LS_HISTORY_H

#include <stddef.h>

#include "error.h"
#include "model.h"

enum hist_status {
    HIST_MODEL,       /* not observed: the model's value (the same in every run) */
    HIST_OBSERVED,    /* measured, or exactly implied by measured numbers */
    HIST_DISTRIBUTED  /* an aggregate spread by the model's expectation */
};
extern const char *const hist_status_names[3];

/* What one observation did. */
typedef struct {
    const observation *obs;
    int from, to;          /* calendar years whose level was solved */
    const char *component; /* "fertility", "mortality", a flow name */
    double level;          /* the solved multiplier on the model's level */
    double achieved;       /* the model's value after solving */
    int used;              /* 0: every year and kern it covers has a finer observation */
} hist_solution;

/* The municipal dwellings account of one calendar year. */
typedef struct {
    double completions, other;
    enum hist_status c_status, o_status;
} hist_year;

typedef struct {
    int base_year, last_observed;
    size_t n_steps, n_areas, n_flows;
    double *fert;        /* [n_steps][n_areas] multiplier on fertility */
    double *mort;        /* [n_steps][n_areas] multiplier on 1 - survival */
    double *flow;        /* [n_steps][n_flows][n_areas] multiplier on a flow's level */
    size_t n_sol;
    hist_solution *sol;
    /* dwellings (models with housing) */
    int has_dwellings;
    double *completions; /* [n_steps][n_areas] during the calendar year */
    double *other;       /* [n_steps][n_areas] */
    hist_year *account;  /* [n_steps] municipal */
    /* from the last observed date on, [n_flows] (NAN when the flow has no trend) */
    double *trend_total; /* persons a year (flows given as a total) */
    double *trend_level; /* multiplier on rates or counts */
    double *trend_mean;  /* the mean observed flow */
    int *trend_years;    /* how many observed years it averages */
    /* small plans and infill (pipeline.small_plans) */
    int has_small;
    double small_rate;   /* dwellings a year, from last_observed to small_to */
    double *small_share; /* [n_areas] by the base stock */
    int small_to;
    int small_estimated; /* 1: estimated from observations; 0: given */
    int small_w0, small_w1;          /* the estimate's calendar years */
    double small_observed, small_named; /* completions in them: all, named plans */
    double small_base_rate;          /* the same estimate as of the base year (history key) */
} history;

/* Solves the history of model m (its last_observed, observations and plans). */
int history_build(history *self, const model *m, diag *d) LS_WARN_UNUSED;
void history_free(history *self);

/* Multipliers for step t (calendar year base_year + t) and area a; 1 outside history. */
static inline double
history_fert(const history *h, size_t t, size_t a)
{
    return h != NULL && t < h->n_steps ? h->fert[t * h->n_areas + a] : 1.0;
}
static inline double
history_mort(const history *h, size_t t, size_t a)
{
    return h != NULL && t < h->n_steps ? h->mort[t * h->n_areas + a] : 1.0;
}
static inline double
history_flow(const history *h, size_t t, size_t k, size_t a)
{
    return h != NULL && t < h->n_steps ? h->flow[(t * h->n_flows + k) * h->n_areas + a] : 1.0;
}

/* The municipal completions and other change of calendar years y0..y1 from the
 * visible observations: observed where counted, else closed from observed stocks
 * (the absorbing component takes what the stock change leaves, spread by key[y -
 * y0] or evenly when key is NULL), else key (status HIST_MODEL; 0 without key).
 * anchor_year > 0 adds the model's own stock (anchor) on 1 January of that year as a
 * known stock. include_later also uses the rows after the last observed date (the
 * back-test scores against them).
 * Returns LS_ECONFIG with a located message when the numbers contradict. */
int history_account(const model *m, int y0, int y1, const double *key, int anchor_year,
                    double anchor, int include_later, hist_year *out, diag *d) LS_WARN_UNUSED;

#endif
