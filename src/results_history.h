/* observed.csv: every observation of the model with what the run made of it (met in
 * the history, superseded by finer rows, before the base year, or later than the
 * last observed date), and the history's derived figures marked "observed
 * (distributed)" where a total was spread over years or kernen. Columns:
 *
 *   measure,scope,from,to,value,model,status,absorbed_by,level,source,vintage,estimated
 *
 * from/to are calendar years for flows and the 1 January year for stocks; model is
 * the run's value for the same measure, scope and period (empty outside the
 * projection). */
#ifndef LS_RESULTS_HISTORY_H
#define LS_RESULTS_HISTORY_H

#include "error.h"
#include "history.h"
#include "housing.h"
#include "projection.h"

/* The run's value of observation o in the trend view p (and the housing h, NULL
 * without housing): NAN when its period lies outside the projection. */
double results_model_value(const observation *o, const model *m, const projection *p,
                           const housing *h);

int results_write_observed(const model *m, const history *hs, const projection *trend,
                           const housing *h, const char *path, diag *d) LS_WARN_UNUSED;

/* The history section of run.yaml: last_observed, the observations file and what it
 * fixed (levels solved, the dwellings account), the trends, small plans and infill,
 * the plan lists used, the vintages and where uncertainty starts. */
struct runrecord;
void results_record_history(struct runrecord *rr, const model *m, const history *hs,
                            int uncertainty_from);

#endif
