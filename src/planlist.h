/* Two tables for the report's plain-language sections, written beside the results:
 *
 * plan_list.csv: every named plan of the current plan list that still has dwellings
 * to come, with its phase's realisation probability and what it is expected to
 * deliver (probability x schedule x delay distribution): in the window of the
 * municipal completion targets (from the forecast start to the end of the latest
 * one, the contribution the report sorts by), by the horizon, and its mean
 * delivery year.
 *
 * uncertainty.csv: what the simulations vary (the model's uncertainty section and
 * the realisation probability of each phase), one row per input, so that the report
 * can say it in words. A later table of measured drivers (drivers.csv) sits beside
 * it; the report prefers that one when present. */
#ifndef LS_PLANLIST_H
#define LS_PLANLIST_H

#include "error.h"
#include "model.h"

int planlist_write(const model *m, const char *path, diag *d) LS_WARN_UNUSED;
int uncertainty_write(const model *m, const char *path, diag *d) LS_WARN_UNUSED;

#endif
