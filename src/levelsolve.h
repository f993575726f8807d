/* A scenario's migration_level (spec.h): the one factor on every in-flow (or every
 * out-flow) from the year uncertainty starts that makes the population on 1 January
 * of the given year the stated change away from the run without it. Solved with
 * GSL's Brent root finder on the demographic projection (the trend view); the
 * population is monotone in the factor.
 *
 * Ownership: flow_mult is the caller's ([n_flows]). */
#ifndef LS_LEVELSOLVE_H
#define LS_LEVELSOLVE_H

#include "error.h"
#include "model.h"
#include "projection.h"

typedef struct {
    double factor;     /* the solved factor */
    double rescale;    /* (year - start) / (over_to - over_from), or 1 */
    double without;    /* population on 1 January year without the factor */
    double target;     /* the population solved for */
    int start;         /* the first year the factor applies */
} levelsolve_result;

/* Solves m->spec->mlevel on the deterministic options base (calibration applied).
 * On success flow_mult holds the factor on the chosen flows and 1 on the others,
 * to be used with mult_from = res->start. LS_ENUMERIC with a located message when
 * no factor in (0, 100] reaches the target. */
int levelsolve_migration(const model *m, const projection_opts *base, double *flow_mult,
                         levelsolve_result *res, diag *d) LS_WARN_UNUSED;

#endif
