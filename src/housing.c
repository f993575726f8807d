/* Both views of one scenario, year by year. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "housing.h"
#include "util.h"

/* The headship rates of 1 January of `year` (households.headship_ratios). */
static void
set_headship_year(housing *self, int year)
{
    const model *m = self->m;
    const long yi = model_year_index(m->hs_years, m->n_hs_years, year);
    households_set_ratios(&self->hh, m->hs_ratio != NULL && yi >= 0
                                         ? m->hs_ratio + (size_t) yi * m->n_sexes * m->n_ages
                                         : NULL);
}

int
housing_init(housing *self, const model *m)
{
    const size_t n_years = (size_t) ((m->spec->horizon - m->spec->base_year) / m->width) + 1;
    const size_t cells = n_years * m->n_areas;
    size_t bad = 0;
    int ret;

    memset(self, 0, sizeof *self);
    self->m = m;
    self->n_years = n_years;
    self->n_areas = m->n_areas;
    if (!m->has_housing || m->headship == NULL || m->institutional == NULL
        || m->hh_base == NULL || m->stock0 == NULL)
        return LS_ERROR("no housing inputs", LS_ECONFIG);
    ret = households_init(&self->hh, m->n_areas, m->n_sexes, m->n_ages, m->headship,
                          m->institutional);
    if (ret != LS_OK)
        return ret;
    set_headship_year(self, m->spec->base_year);
    ret = households_calibrate(&self->hh, m->base_pop, m->hh_base, &bad);
    if (ret != LS_OK)
        return ret;
    ret = coupling_init(&self->cp, m, &self->hh);
    if (ret != LS_OK)
        return ret;
    for (int v = 0; v < VIEW_COUNT; v++) {
        self->households[v] = xcalloc(cells, sizeof(double));
        self->persons_private[v] = xcalloc(cells, sizeof(double));
    }
    self->stock = xcalloc(cells, sizeof(double));
    self->completions = xcalloc(cells, sizeof(double));
    self->demolitions = xcalloc(cells, sizeof(double));
    self->other = xcalloc(cells, sizeof(double));
    self->hh_moved_out = xcalloc(cells, sizeof(double));
    self->hh_moved_in = xcalloc(cells, sizeof(double));
    self->hh_left = xcalloc(cells, sizeof(double));
    self->hh_arrived = xcalloc(cells, sizeof(double));
    self->persons_left = xcalloc(cells, sizeof(double));
    self->persons_arrived = xcalloc(cells, sizeof(double));
    self->persons_moved = xcalloc(cells, sizeof(double));
    return LS_OK;
}

void
housing_free(housing *self)
{
    if (self == NULL)
        return;
    households_free(&self->hh);
    coupling_free(&self->cp);
    for (int v = 0; v < VIEW_COUNT; v++) {
        projection_free(&self->view[v]);
        free(self->households[v]);
        free(self->persons_private[v]);
    }
    free(self->stock);
    free(self->completions);
    free(self->demolitions);
    free(self->other);
    free(self->hh_moved_out);
    free(self->hh_moved_in);
    free(self->hh_left);
    free(self->hh_arrived);
    free(self->persons_left);
    free(self->persons_arrived);
    free(self->persons_moved);
    memset(self, 0, sizeof *self);
}

double
housing_total(const housing *self, const double *per_year_area, size_t y)
{
    double t = 0;
    for (size_t a = 0; a < self->n_areas; a++)
        t += per_year_area[y * self->n_areas + a];
    return t;
}

static void
count_households(housing *self, int v, size_t y, const double *pop, double trend)
{
    for (size_t a = 0; a < self->n_areas; a++) {
        const size_t i = y * self->n_areas + a;
        self->households[v][i] =
            households_of(&self->hh, pop, a, trend, &self->persons_private[v][i]);
    }
}

int
housing_run(housing *self, const projection_opts *o, const double *completions,
            const double *demolitions)
{
    const model *m = self->m;
    const size_t n = self->n_areas, N = self->n_years, cells = N * n;
    const int y0 = m->spec->base_year;
    double *capacity = xcalloc(n, sizeof *capacity);
    int ret = LS_OK;

    /* Supply: completions, demolitions and the stock on every 1 January. */
    if (completions != NULL) {
        memcpy(self->completions, completions, cells * sizeof(double));
        memcpy(self->demolitions, demolitions, cells * sizeof(double));
    } else {
        memset(self->completions, 0, cells * sizeof(double));
        memset(self->demolitions, 0, cells * sizeof(double));
        pipeline_expected(m->plans, m->n_plans, m->spec->phase, y0, N, n, self->completions,
                          self->demolitions);
    }
    memcpy(self->stock, m->stock0, n * sizeof(double));
    {
        double s0 = 0;
        for (size_t a = 0; a < n; a++)
            s0 += m->stock0[a];
        for (size_t y = 0; y + 1 < N; y++) {
            const double other = schedule_at(&m->spec->other_change, y0 + (int) y, 0);
            for (size_t a = 0; a < n; a++) {
                const size_t i = y * n + a;
                double next;
                self->other[i] = s0 > 0 ? other * m->stock0[a] / s0 : 0;
                next = self->stock[i] + self->completions[i] - self->demolitions[i] + self->other[i];
                self->stock[i + n] = next > 0 ? next : 0;
            }
        }
    }

    /* Demand: the two views. */
    for (int v = 0; v < VIEW_COUNT; v++) {
        projection *p = &self->view[v];
        if (p->m != NULL && o != NULL && o->cache != NULL && p->opts.cache == o->cache
            && p->opts.totals_only == o->totals_only) {
            /* Same cache and storage: reuse the memory, take the new multipliers. */
            p->opts = *o;
            projection_reset(p);
        } else {
            projection_free(p);
            ret = projection_init(p, m, o);
            if (ret != LS_OK)
                goto out;
        }
        set_headship_year(self, y0);
        count_households(self, v, 0, p->pop, schedule_at(&m->spec->headship_trend, y0, 1));
        while (p->step < p->n_steps) {
            const size_t y = p->step + 1;
            const int year = y0 + (int) y * m->width;
            const double trend = schedule_at(&m->spec->headship_trend, year, 1);
            ret = projection_step(p);
            if (ret != LS_OK)
                goto out;
            set_headship_year(self, year);
            if (v == VIEW_HOUSING_LED) {
                const coupling_flows *f = &self->cp.flows;
                for (size_t a = 0; a < n; a++)
                    capacity[a] = housing_capacity(self, y, a);
                coupling_apply(&self->cp, &p->c, capacity, trend, m->spec->fill_rate);
                projection_store(p);
                for (size_t a = 0; a < n; a++) {
                    const size_t i = (y - 1) * n + a;
                    self->hh_moved_out[i] = f->hh_moved_out[a];
                    self->hh_moved_in[i] = f->hh_moved_in[a];
                    self->hh_left[i] = f->hh_left[a];
                    self->hh_arrived[i] = f->hh_arrived[a];
                    self->persons_left[i] = f->persons_left[a];
                    self->persons_arrived[i] = f->persons_arrived[a];
                    self->persons_moved[i] = f->persons_moved[a];
                }
            }
            count_households(self, v, y, p->c.pop, trend);
        }
    }
out:
    free(capacity);
    return ret;
}

int
housing_calibrate_pipeline(model *m, double *factor, double *unscaled, diag *d)
{
    const model_spec *s = m->spec;
    const int y0 = s->base_year, yc = s->pipeline_calibrate_year;
    const size_t n = m->n_areas, years = (size_t) (yc - y0);
    double *comp = xcalloc(years * n + 1, sizeof *comp), *dem = xcalloc(years * n + 1, sizeof *dem);
    double fixed = 0, scaled = 0, other = 0, stock0 = 0;
    int ret = LS_OK;

    for (size_t a = 0; a < n; a++)
        stock0 += m->stock0[a];
    for (size_t y = 0; y < years; y++)
        other += schedule_at(&s->other_change, y0 + (int) y, 0);
    for (int pass = 0; pass < 2; pass++) {
        double net = 0;
        memset(comp, 0, years * n * sizeof *comp);
        memset(dem, 0, years * n * sizeof *dem);
        for (size_t i = 0; i < m->n_plans; i++)
            if (m->plans[i].calibrate == pass)
                pipeline_expected(&m->plans[i], 1, s->phase, y0, years, n, comp, dem);
        for (size_t i = 0; i < years * n; i++)
            net += comp[i] - dem[i];
        if (pass == 0)
            fixed = net;
        else
            scaled = net;
    }
    *unscaled = stock0 + fixed + scaled + other;
    if (scaled <= 0) {
        diag_add(
            d, LOC_FILE(s, s->pipeline_calibrate_at), s->pipeline_calibrate_at.line,
            s->pipeline_calibrate_at.col,
            "pipeline.calibrate: no plan marked calibrate=yes in %s delivers before %d",
            s->plans_file, yc);
        ret = LS_ECONFIG;
        goto out;
    }
    *factor = (s->pipeline_calibrate_dwellings - stock0 - fixed - other) / scaled;
    if (*factor < 0) {
        diag_add(
            d, LOC_FILE(s, s->pipeline_calibrate_at), s->pipeline_calibrate_at.line,
            s->pipeline_calibrate_at.col,
            "pipeline.calibrate: the plans not marked calibrate=yes already give %.0f "
            "dwellings on 1 January %d, more than the observed %.0f",
            stock0 + fixed + other, yc, s->pipeline_calibrate_dwellings);
        ret = LS_ENUMERIC;
        goto out;
    }
    for (size_t i = 0; i < m->n_plans; i++) {
        plan *p = &m->plans[i];
        if (!p->calibrate)
            continue;
        p->scale = *factor;
        p->units *= *factor;
        p->demolitions *= *factor;
        for (int y = p->first; y <= p->last; y++)
            p->per_year[y - p->first] *= *factor;
    }
out:
    free(comp);
    free(dem);
    return ret;
}
