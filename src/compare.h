/* landstad compare: a base model and scenarios side by side. Each finished run (a
 * deterministic run and, with Monte Carlo, its runs kept whole) is reduced to what
 * a comparison needs: every target row (required, expected, met; probability,
 * extra capacity and mean over the runs), the cumulative municipal completions, the
 * value and verdict of every kept row in every run, and the drivers of the
 * municipal targets. Differences against the base are taken run by run: with
 * common random numbers (the same seed for every scenario, so the same draws for
 * the same plans and levels) the standard error of a difference is that of the
 * paired differences, sd(d) / sqrt(runs); with independent draws the same formula
 * gives sqrt((var_a + var_b) / runs).
 *
 * Rows are matched by target id and scope; a target only one side has is shown
 * without a difference. Ownership: the comparison owns copies of everything;
 * compare_free is always safe. */
#ifndef LS_COMPARE_H
#define LS_COMPARE_H

#include <stddef.h>
#include <stdio.h>

#include "drivers.h"
#include "lang.h"
#include "montecarlo.h"
#include "output.h"
#include "runrecord.h"
#include "scenario.h"

typedef struct {
    char *target, *scope; /* target id; "municipality", "tier:NAME" or "kern:NAME" */
    enum scope_level level;
    char *place;          /* the municipality, tier or kern name */
    enum target_measure measure;
    enum window_kind window;
    int from, to;
    double required, expected;
    int met;
    double prob, extra80, extra90, mean; /* NAN without Monte Carlo */
    long kept;            /* column of the row in value and met, or -1 */
    int comparison;       /* role: comparison: shown for comparison only, never counted
                             as a target and given no advice */
} cmp_row;

typedef struct {
    char *file;   /* the model or scenario file, as given */
    char *name;   /* for tables: the scenario's file name without extension, or the
                     base model's name: key */
    char *title;
    char *municipality;
    int base_year, horizon;
    int is_scenario;
    size_t n_changes;
    char **changes;
    size_t n_rows;
    cmp_row *row;
    /* cumulative expected municipal completions from cum_from, on 1 January of
     * cum_from + i (i = 0: nothing yet); MC p10/p90 (NAN without) */
    int cum_from;
    size_t n_cum;
    double *cum, *cum_p10, *cum_p90;
    /* the kept runs (all of them in a comparison): the kept rows' values and verdicts,
     * [kept_runs][n_kept] */
    unsigned long runs, seed, kept_runs;
    size_t n_kept;
    double *value;
    unsigned char *met;
    /* the drivers of each municipal target (MC with at least 20 runs) */
    size_t n_drivers;
    driver_table *drivers;
} cmp_item;

typedef struct {
    size_t n;
    cmp_item *item; /* item[0] is the base */
    unsigned long runs, seed;
    int independent; /* scenario k drew from seed + k */
} comparison;

void compare_init(comparison *self);
void compare_free(comparison *self);
/* Adds a finished run: sc with its Monte Carlo M (NULL without); M must have kept its
 * runs. The first item added is the base. */
void compare_add(comparison *self, const char *file, const scenario *sc, const mc *M);

/* A row's difference against the base. */
typedef struct {
    int has;          /* the base has this target and scope */
    double expected;  /* scenario - base, deterministic */
    int met_changed;  /* the deterministic verdict differs */
    double prob, prob_se; /* P(met) difference and its Monte Carlo standard error */
    double mean, mean_se; /* of the measure's mean over the runs */
    double extra80, extra90;
} cmp_diff;

/* The difference of row r of item k (k >= 1) against the base's same row. */
void compare_diff(const comparison *self, size_t k, size_t r, cmp_diff *out);
/* The row of item it with this target id and scope, or -1. */
long compare_find_row(const cmp_item *it, const char *target, const char *scope);
/* The base's row with the same target and scope as row r of item k, or -1. */
long compare_base_row(const comparison *self, size_t k, size_t r);
/* The municipal targets in the order a reader meets them (the base's, then those the
 * scenarios add), either the counted ones (cmp_only == 0) or those shown for
 * comparison only (cmp_only == 1; a target is what its first row says). *out gets
 * the first row of each; caller frees the array. Returns their number. */
size_t compare_targets(const comparison *self, int cmp_only, const cmp_row ***out);

/* drivers.csv: its header, and the rows of one table (a run's folder has one per
 * municipal target; a comparison's, one per target and model). */
extern const char drivers_csv_header[];
void drivers_write_rows(ofile *f, const char *who, const driver_table *t);

/* drivers.csv of one run with Monte Carlo runs kept (at least 20): the drivers of
 * every municipal target; who names the model in the scenario column. */
int drivers_write_run(const mc *M, const char *who, const char *path, diag *d) LS_WARN_UNUSED;

/* compare.csv and drivers.csv (doc/FORMATS.md). */
int compare_write_csv(const comparison *self, const char *path, diag *d) LS_WARN_UNUSED;
int compare_write_drivers(const comparison *self, const char *path, diag *d) LS_WARN_UNUSED;
/* run.yaml of a comparison: program, runs, seed, random numbers, every model file. */
void compare_record(const comparison *self, runrecord *rr);
/* The side-by-side table of the municipal targets on the terminal. */
void compare_print(FILE *out, const comparison *self, enum report_lang lang);

#endif
