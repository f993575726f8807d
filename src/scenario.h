/* One deterministic run of a model, as `landstad run`, `landstad targets`, the tests
 * and the benchmarks all need it: load the model file and its inputs, apply the
 * calibrations (population and pipeline), project (both views when the model has
 * housing) and check the targets. Monte Carlo starts from a finished scenario.
 * The history (history.h) is built once here and shared by every run and view.
 *
 * Ownership: the scenario owns everything it loads and computes; scenario_free is
 * safe after any failure. */
#ifndef LS_SCENARIO_H
#define LS_SCENARIO_H

#include "config.h"
#include "error.h"
#include "housing.h"
#include "levelsolve.h"
#include "model.h"
#include "projection.h"
#include "runrecord.h"
#include "targets.h"

typedef struct {
    model_spec spec;
    model m;
    run_info ri;         /* calibrations, for the run record */
    history hist;        /* what the observations fix up to the last observed date */
    projection_opts po;  /* the deterministic run's options: po.hist = &hist */
    int has_housing;
    projection p;        /* demography-only models */
    housing h;           /* models with households and dwellings */
    target_table tt;
    const projection *trend; /* p, or the housing's trend view */
    /* A scenario file's migration_level (scenariofile.h), solved by scenario_calibrate:
     * po.flow_mult points at flow_mult. */
    int has_mlevel;
    levelsolve_result mlevel;
    double *flow_mult;
} scenario;

/* Reads the model file and every input. LS_EIO when the only problems were
 * unreadable files, LS_ECONFIG otherwise; messages in d. */
int scenario_load(scenario *self, const char *path, diag *d) LS_WARN_UNUSED;
/* The same as of 1 January `present` (landstad backtest --from): observations after
 * it are hidden and the plan list is the one of that date. present 0: as the model
 * file says. */
int scenario_load_at(scenario *self, const char *path, int present, diag *d) LS_WARN_UNUSED;
/* Refuses (LS_ECONFIG, with the numbers in d) a model whose arrays would need more
 * than limit_gb gibibytes. */
int scenario_check_size(const scenario *self, double limit_gb, diag *d) LS_WARN_UNUSED;
/* Builds the history (observations, the calibrate: shorthand, trends, small plans),
 * solves a scenario's migration_level: and sets po: po.hist, and po.mult_from, the
 * year uncertainty starts (the last observed date, or a later uncertainty.from). */
int scenario_calibrate(scenario *self, diag *d) LS_WARN_UNUSED;
/* Projects (polling output_interrupted between steps: LS_EINTERRUPTED) and checks
 * the targets. */
int scenario_run(scenario *self, diag *d) LS_WARN_UNUSED;
void scenario_free(scenario *self);

#endif
