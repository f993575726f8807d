/* The migration level of a scenario, solved on whole projections. */
#include <config.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <math.h>

#include "levelsolve.h"
#include "util.h"

typedef struct {
    const model *m;
    const projection_opts *base;
    double *flow_mult;
    int start; /* the year the factor starts */
    int status;
} ls_ctx;

static int
chosen(const model *m, size_t k)
{
    const enum flow_kind kind = m->flows[k].spec->kind;
    if (m->spec->mlevel.flows == ML_OUT)
        return kind == FLOW_EMIGRATION || kind == FLOW_DOMESTIC_OUT;
    return kind == FLOW_IMMIGRATION || kind == FLOW_DOMESTIC_IN;
}

static void
set_factor(const model *m, double *flow_mult, double f)
{
    for (size_t k = 0; k < m->n_flows; k++)
        flow_mult[k] = chosen(m, k) ? f : 1.0;
}

/* The population on 1 January mlevel.year with factor f. */
static double
population_with(double f, void *arg)
{
    ls_ctx *c = arg;
    const model_spec *s = c->m->spec;
    projection_opts o = *c->base;
    projection p;
    double r = NAN;

    set_factor(c->m, c->flow_mult, f);
    o.flow_mult = c->flow_mult;
    o.mult_from = c->start;
    o.last_year = s->mlevel.year;
    o.totals_only = 1;
    if (projection_init(&p, c->m, &o) == LS_OK && projection_finish(&p) == LS_OK)
        r = projection_total(&p, p.n_years - 1);
    else
        c->status = LS_ENUMERIC;
    projection_free(&p);
    return r;
}

typedef struct {
    ls_ctx *c;
    double target;
} residual_ctx;

static double
residual(double f, void *arg)
{
    residual_ctx *r = arg;
    return population_with(f, r->c) - r->target;
}

int
levelsolve_migration(const model *m, const projection_opts *base, double *flow_mult,
                     levelsolve_result *res, diag *d)
{
    const model_spec *s = m->spec;
    const migration_level_spec *L = &s->mlevel;
    /* From where uncertainty starts: the last observed date, or a later
     * uncertainty.from (base->mult_from, set by the history). */
    const int start = base->mult_from > s->uncertainty_from ? base->mult_from : s->uncertainty_from;
    ls_ctx c = {m, base, flow_mult, start, LS_OK};
    residual_ctx rc = {&c, 0};
    gsl_function F = {residual, &rc};
    gsl_root_fsolver *solver;
    double lo = 0, hi = 1, flo, fhi;
    int status, iter = 0, ret = LS_OK;

    res->start = start;
    res->rescale = L->has_over ? (double) (L->year - res->start) / (L->over_to - L->over_from) : 1;
    res->without = population_with(1.0, &c);
    res->target = res->without * (1 + L->change * res->rescale);
    rc.target = res->target;
    flo = residual(lo, &rc);
    fhi = residual(hi, &rc);
    while (c.status == LS_OK && isfinite(flo) && isfinite(fhi) && flo * fhi > 0 && hi < 100) {
        lo = hi;
        flo = fhi;
        hi *= 2;
        fhi = residual(hi, &rc);
    }
    if (c.status != LS_OK || !isfinite(flo) || !isfinite(fhi) || flo * fhi > 0) {
        diag_add(d, LOC_FILE(s, L->where), L->where.line, L->where.col,
                 "migration_level: no factor in [0, %g] on the %s-flows gives %.0f inhabitants "
                 "on 1 January %d (without a factor %.0f)",
                 hi, L->flows == ML_OUT ? "out" : "in", res->target, L->year, res->without);
        return LS_ENUMERIC;
    }
    solver = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (solver == NULL)
        fatal("out of memory (root solver)");
    status = gsl_root_fsolver_set(solver, &F, lo, hi);
    while (status == GSL_SUCCESS && c.status == LS_OK) {
        status = gsl_root_fsolver_iterate(solver);
        if (status != GSL_SUCCESS || c.status != LS_OK)
            break;
        status = gsl_root_test_interval(gsl_root_fsolver_x_lower(solver),
                                        gsl_root_fsolver_x_upper(solver), 0, 1e-10);
        if (status == GSL_SUCCESS || ++iter >= 200)
            break;
        status = GSL_SUCCESS;
    }
    if (status != GSL_SUCCESS || c.status != LS_OK) {
        diag_add(d, LOC_FILE(s, L->where), L->where.line, L->where.col,
                 "migration_level: the solver did not converge: %s", gsl_strerror(status));
        ret = LS_ENUMERIC;
    } else {
        res->factor = gsl_root_fsolver_root(solver);
        set_factor(m, flow_mult, res->factor);
    }
    gsl_root_fsolver_free(solver);
    return ret;
}
