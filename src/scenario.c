/* Load, calibrate, project, check: the deterministic run every front end shares. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "scenario.h"
#include "util.h"

int
scenario_load(scenario *self, const char *path, diag *d)
{
    int ret;

    memset(self, 0, sizeof *self);
    projection_opts_init(&self->po);
    ret = config_load(&self->spec, path, d);
    if (ret != LS_OK)
        return ret;
    return model_load(&self->m, &self->spec, d);
}

int
scenario_check_size(const scenario *self, double limit_gb, diag *d)
{
    const size_t need = model_memory_estimate(&self->m);
    const model *m = &self->m;

    if (need != SIZE_MAX && (double) need / 1073741824.0 <= limit_gb)
        return LS_OK;
    diag_add(d, self->spec.path, 0, 0,
             "the model is too large for this machine: %zu kernen x %zu sexes x %zu age groups "
             "x %d years would need %s%.3g GiB of memory, more than the limit of %.3g GiB (half "
             "the memory, or LANDSTAD_MAX_MEMORY_GB); reduce the kernen, the horizon or "
             "ages.open",
             m->n_areas, m->n_sexes, m->n_ages, self->spec.horizon - self->spec.base_year + 1,
             need == SIZE_MAX ? "more than " : "",
             need == SIZE_MAX ? 1e9 : (double) need / 1073741824.0, limit_gb);
    return LS_ECONFIG;
}

int
scenario_calibrate(scenario *self, diag *d)
{
    const model_spec *s = &self->spec;
    int ret;

    if (s->has_calibrate) {
        ret = projection_calibrate(&self->m, &self->ri.calibrated_level, d);
        if (ret != LS_OK)
            return ret;
        self->ri.calibrated = 1;
        for (size_t k = 0; k < self->m.n_flows; k++)
            if (strcmp(self->m.flows[k].spec->name, s->calibrate_flow) == 0)
                self->po.override_flow = (long) k;
        self->po.override_from = s->calibrate_from;
        self->po.override_to = s->calibrate_to;
        self->po.override_level = self->ri.calibrated_level;
    }
    if (self->m.has_housing && s->has_pipeline_calibrate) {
        ret = housing_calibrate_pipeline(&self->m, &self->ri.pipeline_factor,
                                         &self->ri.pipeline_unscaled, d);
        if (ret != LS_OK)
            return ret;
        self->ri.pipeline_calibrated = 1;
    }
    if (s->mlevel.given) {
        self->flow_mult = xcalloc(self->m.n_flows + 1, sizeof *self->flow_mult);
        ret = levelsolve_migration(&self->m, &self->po, self->flow_mult, &self->mlevel, d);
        if (ret != LS_OK)
            return ret;
        self->has_mlevel = 1;
        self->po.flow_mult = self->flow_mult;
        self->po.mult_from = self->mlevel.start;
    }
    return LS_OK;
}

int
scenario_run(scenario *self, diag *d)
{
    int ret;

    self->has_housing = self->m.has_housing;
    if (self->has_housing) {
        ret = housing_init(&self->h, &self->m);
        if (ret == LS_ECONFIG) {
            diag_add(d, self->spec.path, 0, 0,
                     "a kern with households in households.base has no one who heads a "
                     "household");
            return ret;
        }
        if (ret == LS_OK)
            ret = housing_run(&self->h, &self->po, NULL, NULL);
        self->trend = &self->h.view[VIEW_TREND];
    } else {
        ret = projection_init(&self->p, &self->m, &self->po);
        while (ret == LS_OK && self->p.step < self->p.n_steps) {
            if (output_interrupted())
                return LS_EINTERRUPTED;
            ret = projection_step(&self->p);
        }
        self->trend = &self->p;
    }
    if (ret == LS_OK && output_interrupted())
        ret = LS_EINTERRUPTED;
    if (ret == LS_OK && self->has_housing)
        ret = targets_evaluate(&self->tt, &self->m, &self->h, d);
    return ret;
}

void
scenario_free(scenario *self)
{
    if (self == NULL)
        return;
    targets_free(&self->tt);
    housing_free(&self->h);
    projection_free(&self->p);
    model_free(&self->m);
    config_free(&self->spec);
    free(self->flow_mult);
    memset(self, 0, sizeof *self);
}
