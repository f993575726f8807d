/* The data of a finished output folder, read back from its CSV files and run.yaml
 * (rd_load) for the charts and the report.
 *
 * Only the files of the folder are read (no model, no engines). A file that a
 * section needs but that is absent turns that section off (a demography-only model
 * has no households.csv); a file that is present but malformed is a located error. */
#ifndef LS_RUNDATA_H
#define LS_RUNDATA_H

#include <stddef.h>

#include "error.h"

enum rd_level { RD_MUNICIPALITY, RD_TIER, RD_KERN };

typedef struct {
    char *id, *scope, *measure, *window, *view, *source;
    enum rd_level level;
    int index;              /* tier or kern index; -1 for the municipality */
    int ws, we;             /* window start and end (calendar years) */
    double required, expected, gap;
    int met, years_met, years, worst_year;
    double worst_expected, shortfall;
    double prob;            /* NAN without Monte Carlo */
    double extra80, extra90; /* NAN when absent, INFINITY when unreachable */
    double v_mean, v_p10, v_p50, v_p90; /* NAN without Monte Carlo */
    /* how much of the window is past (targets.csv status; 0 when absent) */
    int status;             /* 0 forecast, 1 partly observed, 2 observed */
    double obs_part, fc_part; /* in the unit of expected */
    int obs_to;             /* last past year in the window, 0 when none */
    int comparison;         /* role comparison: shown for comparison, not a target */
} rd_target;

/* A row of observed.csv or backtest.csv as the report shows it. */
typedef struct {
    char *measure, *scope, *status, *extra, *source;
    char *source_nl;        /* observed.csv: the source in Dutch, or NULL */
    int from, to;
    double value, model;    /* observed.csv: value, model; backtest.csv: observed, trend */
    double model2;          /* backtest.csv: housing-led (NAN otherwise) */
} rd_row;

typedef struct {
    char *target;
    int ws, we;
    double required, planned, after_failure, expected, shortfall;
    double never_planned, plan_failure, delay;
    double observed, small; /* NAN when the file predates them */
} rd_decomp;

typedef struct {
    char *file, *sha256, *note;
    int estimated;
} rd_input;

/* A row of plan_list.csv. */
typedef struct {
    char *id, *name, *kern, *tier, *phase;
    double units, prob, in_window, by_horizon, mean_year; /* mean_year NAN when none */
    int first, last, ws, we;
} rd_plan;

/* A row of uncertainty.csv (or of a drivers table, when a later version writes one). */
typedef struct {
    char *input;
    double value;
} rd_unc;

typedef struct {
    char *dir;
    /* run.yaml (any may be NULL) */
    char *version, *date, *command, *seed, *runs, *model_file, *model_name, *title;
    /* kernen.csv; tiers in order of first appearance (a kern without a tier has -1) */
    size_t n_kern, n_tier;
    char **kern, **tier;
    int *kern_tier;
    char *muni;             /* the municipality's name */
    /* population.csv: 1 January of years y0..y1 */
    int y0, y1;
    size_t n_years;
    double *pop;            /* [n_years] municipal total */
    size_t n_ages;
    int *age;               /* lower bounds, ascending */
    int age_width;
    int has_men, has_women;
    /* [((group * 2 + t) * 2 + sex) * n_ages + a]; group 0 = municipality, 1 + tier;
     * t 0 = base year, 1 = horizon; sex 0 = M, 1 = F */
    double *pyr;
    /* components.csv, municipal flows from 1 January c0 + i to the next */
    int c0;
    size_t n_cy;
    double *births, *deaths, *inflow, *outflow, *net;
    /* population_summary.csv (municipality, trend) and regional.csv */
    int has_pop_q, has_pop_led;
    double *pop_p10, *pop_p90, *pop_led; /* [n_years] */
    /* households.csv: [k * n_years + y] */
    int has_housing;
    double *hh_trend, *hh_led, *dw, *shortage;
    double *muni_shortage, *muni_dw; /* [n_years] */
    /* completions.csv: municipal completions in calendar years y0..y1-1 */
    int has_completions;
    double *compl;           /* [n_years] (last unused) */
    int has_compl_q, has_cum_q;
    double *compl_p10, *compl_p90; /* [n_years] by calendar year */
    double *cum_p10, *cum_p90;     /* [n_years] by 1 January */
    int has_targets, has_prob;
    size_t n_targets;
    rd_target *t;
    size_t n_decomp;
    rd_decomp *dc;
    size_t n_inputs;
    rd_input *in;
    /* history (run.yaml history.last_observed and observed.csv); last_observed 0 when
     * the folder has none. [n_years], NAN where nothing was observed: stocks on
     * 1 January, completions by calendar year with obs_compl_status 1 counted,
     * 2 distributed (a total spread over years), 3 later than the last observed date
     * (what a back-test is scored against) */
    int last_observed;
    double *obs_pop, *obs_dw, *obs_compl;
    unsigned char *obs_pop_status, *obs_compl_status;
    size_t n_ob;            /* observed.csv, every row */
    rd_row *ob;
    size_t n_bt;            /* backtest.csv comparison rows (a back-test folder) */
    rd_row *bt;
    size_t n_bt_inputs;     /* backtest.csv input rows */
    int bt_from;            /* run.yaml history.backtest_from, 0 when none */
    int extra_from;         /* run.yaml history.extra_capacity_from, 0 when none */
    size_t n_plans;         /* plan_list.csv, 0 when absent */
    rd_plan *plans;
    size_t n_unc;           /* uncertainty.csv, 0 when absent */
    rd_unc *unc;
} rd;

/* Reads dir's CSV files and run.yaml. On failure adds located messages to d and
 * returns LS_ECONFIG (malformed or incomplete data) or LS_EIO. */
int rd_load(rd *self, const char *dir, diag *d) LS_WARN_UNUSED;
void rd_free(rd *self);
/* Index of year y in the 1 January years, or -1. */
int rd_year(const rd *self, int y);

#endif
