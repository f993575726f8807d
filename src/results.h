/* Result tables and charts of the demographic projection: population.csv,
 * components.csv, and the population and pyramid plots. The table layouts are a
 * contract (README, "Outputs"): columns may be added, never renamed. */
#ifndef LS_RESULTS_H
#define LS_RESULTS_H

#include "error.h"
#include "housing.h"
#include "projection.h"
#include "targets.h"

int results_write_population(const projection *p, const char *path, diag *d) LS_WARN_UNUSED;
int results_write_components(const projection *p, const char *path, diag *d) LS_WARN_UNUSED;
/* Writes plots/population.{dat,gp} and plots/pyramid.{dat,gp} into plotdir and
 * renders them when render is set; rendering problems go to notes. */
int results_write_demography_plots(const projection *p, const char *plotdir, int render,
                                   diag *d, diag *notes) LS_WARN_UNUSED;

/* Housing tables (README, "Outputs"): households.csv, completions.csv,
 * targets.csv, gaps.csv, regional.csv. */
int results_write_households(const housing *h, const char *path, diag *d) LS_WARN_UNUSED;
int results_write_completions(const housing *h, const char *path, diag *d) LS_WARN_UNUSED;
int results_write_targets(const target_table *tt, const model *m, const char *path, diag *d)
    LS_WARN_UNUSED;
int results_write_gaps(const housing *h, const target_table *tt, const char *path, diag *d)
    LS_WARN_UNUSED;
int results_write_regional(const housing *h, const char *path, diag *d) LS_WARN_UNUSED;

#endif
