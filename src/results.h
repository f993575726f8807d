/* Result tables: population.csv, components.csv and the housing, target and Monte
 * Carlo tables (the charts are report.c's, built from these files). The table layouts are a
 * contract (README, "Outputs"): columns may be added, never renamed. */
#ifndef LS_RESULTS_H
#define LS_RESULTS_H

#include "error.h"
#include "housing.h"
#include "output.h"
#include "projection.h"
#include "targets.h"

int results_write_population(const projection *p, const char *path, diag *d) LS_WARN_UNUSED;
int results_write_components(const projection *p, const char *path, diag *d) LS_WARN_UNUSED;

/* kernen.csv (kern,tier,x_km,y_km) and inputs.csv (file,sha256,estimated,note):
 * what the charts and the report need to know about the geography and the inputs
 * without the model file. estimated = yes when the input's comment lines mention an
 * estimate; note = its first comment line. */
int results_write_kernen(const model *m, const char *path, diag *d) LS_WARN_UNUSED;
int results_write_inputs(const model *m, const char *path, diag *d) LS_WARN_UNUSED;

/* Housing tables (README, "Outputs"): households.csv, completions.csv,
 * targets.csv, gaps.csv (regional.csv: regional.h). */
int results_write_households(const housing *h, const char *path, diag *d) LS_WARN_UNUSED;
int results_write_completions(const housing *h, const char *path, diag *d) LS_WARN_UNUSED;
struct mc; /* montecarlo.h */
/* targets.csv; with Monte Carlo results (mc not NULL) it gains probability_met,
 * extra_units_needed_p80 and extra_units_needed_p90 and the quantiles of the value. */
int results_write_targets(const target_table *tt, const model *m, const void *mc,
                          const char *path, diag *d) LS_WARN_UNUSED;
/* Monte Carlo summaries: population_summary.csv, households_summary.csv,
 * completions_summary.csv. */
int results_write_mc_summaries(const void *mc, const char *dir, diag *d) LS_WARN_UNUSED;
/* gap_decomposition.csv: for municipal completion targets, how much of the expected
 * shortfall comes from capacity never planned, plan failure and delay. */
int results_write_gap_decomposition(const target_table *tt, const model *m, const char *path,
                                    diag *d) LS_WARN_UNUSED;
int results_write_gaps(const housing *h, const target_table *tt, const char *path, diag *d)
    LS_WARN_UNUSED;

/* One text field of a CSV row, quoted when it needs to be: every table writes its free
 * text through this. */
void results_csv_text(ofile *f, const char *s);

#endif
