/* Load, calibrate, project, check: the deterministic run every front end shares. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "output.h"
#include "util.h"
#include "scenario.h"
#include "util.h"

/* A model file with errors still names its inputs. Their own problems (unreadable,
 * not CSV, a number that is not one, a control character) do not depend on the
 * model file, so they are reported in the same pass; whatever depends on the model
 * (which rows a table must have, ranges by flow kind) waits for a valid model file,
 * lest one mistake there show as many in the tables. */
static void
check_inputs_anyway(const model_spec *s, diag *d)
{
    static const char *const numeric[] = {
        "year", "age", "persons", "survival_ratio", "qx", "qx_ratio", "births_per_woman",
        "rate_per_person", "share", "households", "dwellings", "units", "demolitions",
        "headship_rate", "institutional_share", "x_km", "y_km", "first_year", "last_year"};
    const char **files = xcalloc(16 + 4 * s->n_flows, sizeof *files);
    size_t n = 0;
    const char *fixed[] = {s->kernen_file,   s->population_file,      s->survival_file,
                           s->life_table_file, s->improvement_file,  s->asfr_file,
                           s->headship_file, s->households_base_file, s->stock_file,
                           s->plans_file,    s->movers_file,          s->in_movers_file};

    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        files[n++] = fixed[i];
    for (size_t k = 0; k < s->n_flows; k++) {
        files[n++] = s->flows[k].file;
        files[n++] = s->flows[k].profile;
        files[n++] = s->flows[k].distribution;
        files[n++] = s->flows[k].destinations;
    }
    for (size_t i = 0; i < n; i++) {
        csv_table t;
        int seen = 0;
        if (files[i] == NULL)
            continue;
        for (size_t j = 0; j < i; j++)
            seen |= files[j] != NULL && strcmp(files[j], files[i]) == 0;
        if (seen || csv_read(&t, files[i], files[i], d) != LS_OK) {
            if (!seen)
                csv_free(&t);
            continue;
        }
        for (size_t c = 0; c < sizeof numeric / sizeof numeric[0]; c++) {
            const int col = csv_column(&t, numeric[c], 0, d);
            double v;
            for (size_t r = 0; col >= 0 && r < t.n_rows; r++)
                (void) csv_number(&t, r, col, &v, d);
        }
        csv_free(&t);
    }
    free(files);
}

int
scenario_load_at(scenario *self, const char *path, int present, diag *d)
{
    int ret;

    memset(self, 0, sizeof *self);
    projection_opts_init(&self->po);
    ret = config_load(&self->spec, path, d);
    if (ret == LS_ECONFIG)
        check_inputs_anyway(&self->spec, d);
    if (ret != LS_OK)
        return ret;
    if (present > 0) {
        if (present < self->spec.base_year || present >= self->spec.horizon) {
            diag_add(d, path, 0, 0,
                     "a back-test must start within base_year..horizon - 1 (%d..%d), found %d",
                     self->spec.base_year, self->spec.horizon - 1, present);
            return LS_EUSAGE;
        }
        self->spec.present = present;
    }
    return model_load(&self->m, &self->spec, d);
}

int
scenario_load(scenario *self, const char *path, diag *d)
{
    return scenario_load_at(self, path, 0, d);
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

    ret = history_build(&self->hist, &self->m, d);
    if (ret != LS_OK)
        return ret;
    self->po.hist = &self->hist;
    self->po.mult_from = s->uncertainty_from > self->hist.last_observed ? s->uncertainty_from
                                                                         : self->hist.last_observed;
    if (s->uncertainty_from_given && s->uncertainty_from < self->hist.last_observed) {
        diag_add(d, s->path, 0, 0,
                 "uncertainty.from (%d) is before the last observed date (1 January %d): what is "
                 "observed does not vary between runs",
                 s->uncertainty_from, self->hist.last_observed);
        return LS_ECONFIG;
    }
    if (s->has_calibrate) {
        long k = -1;
        for (size_t i = 0; i < self->m.n_flows; i++)
            if (strcmp(self->m.flows[i].spec->name, s->calibrate_flow) == 0)
                k = (long) i;
        if (k >= 0) {
            self->ri.calibrated = 1;
            self->ri.calibrated_level =
                schedule_at(&self->m.flows[k].spec->level, s->calibrate_from, 1.0)
                * history_flow(&self->hist, (size_t) (s->calibrate_from - s->base_year),
                               (size_t) k, 0);
        }
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
        if (ret == LS_OK) /* the own need: migration balance zero (regional.h) */
            ret = housing_run_own(&self->h, &self->po);
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
    history_free(&self->hist);
    housing_free(&self->h);
    projection_free(&self->p);
    model_free(&self->m);
    config_free(&self->spec);
    free(self->flow_mult);
    memset(self, 0, sizeof *self);
}
