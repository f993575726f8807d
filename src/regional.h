/* The Regio Zwolle account (MODEL.md section 7, doc/MODEL-NOTES.md "Own need"):
 * the households the municipality houses from base_year on, split into its own
 * growth (eigen woningbehoefte: the trend projection with a migration balance of
 * zero, housing_run_own) and the households from outside (everything beyond that own
 * need, negative when fewer are housed than the own need). Today's measure, beyond
 * the trend projection, is kept beside it as regional_contribution.
 *
 * regional.csv, one row per 1 January: the columns of before (households_trend ..
 * population_housing_led) and then households_own_need, completions_cumulative,
 * households_housed, own_growth, from_outside, part (observed up to the last observed
 * date, then forecast) and, with Monte Carlo runs that compute the own need, the p10
 * and p90 of own_growth, from_outside and regional_contribution (empty otherwise). */
#ifndef LS_REGIONAL_H
#define LS_REGIONAL_H

#include "error.h"
#include "housing.h"
#include "montecarlo.h"

/* mc may be NULL (no runs). */
int regional_write(const housing *h, const mc *M, const char *path, diag *d) LS_WARN_UNUSED;

#endif
