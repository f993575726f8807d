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
    if (m->width != 1) /* a step is a calendar year here (config.c refuses the rest) */
        return LS_ERROR("housing needs annual steps", LS_ECONFIG);
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
    self->households_own = xcalloc(cells, sizeof(double));
    return LS_OK;
}

static double *
dup_doubles(const double *src, size_t n)
{
    double *d = xcalloc(n, sizeof *d);
    memcpy(d, src, n * sizeof *d);
    return d;
}

/* The prefix applies to a totals-only run under the same history and cache, with no
 * level override (an override may act inside the history). */
static int
prefix_applies(const housing_prefix *x, const projection_opts *o)
{
    return o != NULL && o->hist != NULL && o->totals_only && o->override_flow < 0
           && x->hist == o->hist && x->cache == o->cache && x->cache != NULL;
}

/* Keeps projection p's state at its step k = the history's steps (first time only),
 * with its households and persons in private households per year (persons may be
 * NULL: not kept). */
static void
prefix_keep(housing_prefix *x, const projection *p, const double *hh_year,
            const double *persons, const projection_opts *o)
{
    const size_t n = p->m->n_areas, k = p->step, cells = model_cells(p->m);

    if (o == NULL || o->hist == NULL || !o->totals_only || o->override_flow >= 0
        || o->cache == NULL || k != o->hist->n_steps || prefix_applies(x, o))
        return;
    free(x->pop);
    free(x->totals);
    free(x->households);
    free(x->persons_private);
    x->pop = dup_doubles(p->c.pop, cells);
    x->totals = dup_doubles(p->totals, (k + 1) * n);
    x->households = dup_doubles(hh_year, (k + 1) * n);
    x->persons_private = persons != NULL ? dup_doubles(persons, (k + 1) * n) : NULL;
    x->steps = k;
    x->clipped = p->clipped;
    x->dropped = p->c.births_female_only_dropped;
    x->hist = o->hist;
    x->cache = o->cache;
}

/* Puts p in the kept state: the same bits as stepping through the history. */
static void
prefix_restore(const housing_prefix *x, projection *p, double *hh_year, double *persons)
{
    const size_t n = p->m->n_areas, k = x->steps;

    memcpy(p->c.pop, x->pop, model_cells(p->m) * sizeof(double));
    memcpy(p->totals, x->totals, (k + 1) * n * sizeof(double));
    memcpy(hh_year, x->households, (k + 1) * n * sizeof(double));
    if (persons != NULL && x->persons_private != NULL)
        memcpy(persons, x->persons_private, (k + 1) * n * sizeof(double));
    p->step = k;
    p->clipped = x->clipped;
    p->c.births_female_only_dropped = x->dropped;
}

static void
prefix_free(housing_prefix *x)
{
    free(x->pop);
    free(x->totals);
    free(x->households);
    free(x->persons_private);
    memset(x, 0, sizeof *x);
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
        prefix_free(&self->prefix[v]);
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
    projection_free(&self->own);
    prefix_free(&self->prefix_own);
    free(self->households_own);
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

int
housing_in_history(const projection_opts *o, size_t y)
{
    return o != NULL && o->hist != NULL && y <= o->hist->n_steps;
}

/* Starts view projection p for options o: reuses its memory when the cache and the
 * storage are the same, otherwise builds it anew. */
static int
start_view(projection *p, const model *m, const projection_opts *o)
{
    if (p->m != NULL && o->cache != NULL && p->opts.cache == o->cache
        && p->opts.totals_only == o->totals_only) {
        p->opts = *o;
        projection_reset(p);
        return LS_OK;
    }
    projection_free(p);
    return projection_init(p, m, o);
}

int
housing_run_own(housing *self, const projection_opts *o)
{
    const model *m = self->m;
    const int y0 = m->spec->base_year;
    projection_opts zo;
    projection *p = &self->own;
    double persons;
    int ret;

    if (o != NULL)
        zo = *o;
    else
        projection_opts_init(&zo);
    zo.zero_migration = 1;
    ret = start_view(p, m, &zo);
    if (ret != LS_OK)
        return ret;
    set_headship_year(self, y0);
    for (size_t a = 0; a < self->n_areas; a++)
        self->households_own[a] = households_of(&self->hh, p->c.pop, a,
                                                schedule_at(&m->spec->headship_trend, y0, 1),
                                                &persons);
    if (prefix_applies(&self->prefix_own, &zo))
        prefix_restore(&self->prefix_own, p, self->households_own, NULL);
    while (p->step < p->n_steps) {
        const size_t y = p->step + 1;
        const int year = y0 + (int) y * m->width;
        ret = projection_step(p);
        if (ret != LS_OK)
            return ret;
        set_headship_year(self, year);
        households_of_all(&self->hh, p->c.pop, schedule_at(&m->spec->headship_trend, year, 1),
                          self->households_own + y * self->n_areas, NULL);
        prefix_keep(&self->prefix_own, p, self->households_own, NULL, &zo);
    }
    return LS_OK;
}

/* Small plans and infill: the history's rate from its last observed date on, split
 * over kernen by the base stock. */
static void
add_small_plans(housing *self, const projection_opts *o)
{
    const history *h = o != NULL ? o->hist : NULL;
    const size_t n = self->n_areas;
    const int y0 = self->m->spec->base_year;

    if (h == NULL || !h->has_small)
        return;
    for (size_t y = h->n_steps; y + 1 < self->n_years && y0 + (int) y <= h->small_to; y++)
        for (size_t a = 0; a < n; a++)
            self->completions[y * n + a] += h->small_rate * o->small_mult * h->small_share[a];
}

/* The history's completions and other change replace the run's own before its last
 * observed date (demolitions are in the observed other change). */
static void
apply_history(housing *self, const projection_opts *o)
{
    const history *h = o != NULL ? o->hist : NULL;
    const size_t n = self->n_areas;

    if (h == NULL || !h->has_dwellings)
        return;
    for (size_t y = 0; y < h->n_steps && y + 1 < self->n_years; y++)
        for (size_t a = 0; a < n; a++) {
            self->completions[y * n + a] = h->completions[y * n + a];
            self->demolitions[y * n + a] = 0;
            self->other[y * n + a] = h->other[y * n + a];
        }
}

/* The households of view v in year y; a totals-only run (the Monte Carlo) keeps no
 * persons in private households. */
static void
count_households(housing *self, int v, size_t y, const double *pop, double trend, int lean)
{
    const size_t i = y * self->n_areas;
    households_of_all(&self->hh, pop, trend, self->households[v] + i,
                      lean ? NULL : self->persons_private[v] + i);
}

int
housing_run(housing *self, const projection_opts *o, const double *completions,
            const double *demolitions)
{
    const model *m = self->m;
    const size_t n = self->n_areas, N = self->n_years, cells = N * n;
    const int y0 = m->spec->base_year;
    double *capacity = xcalloc(n, sizeof *capacity);
    const int lean = o != NULL && o->totals_only;
    int ret = LS_OK;

    self->hist = o != NULL ? o->hist : NULL;
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
    add_small_plans(self, o);
    memcpy(self->stock, m->stock0, n * sizeof(double));
    {
        double s0 = 0;
        for (size_t a = 0; a < n; a++)
            s0 += m->stock0[a];
        for (size_t y = 0; y + 1 < N; y++) {
            const double other = schedule_at(&m->spec->other_change, y0 + (int) y, 0);
            for (size_t a = 0; a < n; a++)
                self->other[y * n + a] = s0 > 0 ? other * m->stock0[a] / s0 : 0;
        }
        apply_history(self, o);
        for (size_t y = 0; y + 1 < N; y++)
            for (size_t a = 0; a < n; a++) {
                const size_t i = y * n + a;
                const double next =
                    self->stock[i] + self->completions[i] - self->demolitions[i] + self->other[i];
                self->stock[i + n] = next > 0 ? next : 0;
            }
    }

    /* Demand: the two views. */
    for (int v = 0; v < VIEW_COUNT; v++) {
        projection *p = &self->view[v];
        if (o != NULL)
            ret = start_view(p, m, o);
        else {
            projection_free(p);
            ret = projection_init(p, m, o);
        }
        if (ret != LS_OK)
            goto out;
        set_headship_year(self, y0);
        count_households(self, v, 0, p->pop, schedule_at(&m->spec->headship_trend, y0, 1), lean);
        if (prefix_applies(&self->prefix[v], o))
            prefix_restore(&self->prefix[v], p, self->households[v], self->persons_private[v]);
        while (p->step < p->n_steps) {
            const size_t y = p->step + 1;
            const int year = y0 + (int) y * m->width;
            const double trend = schedule_at(&m->spec->headship_trend, year, 1);
            ret = projection_step(p);
            if (ret != LS_OK)
                goto out;
            set_headship_year(self, year);
            /* History is one: the views part only after the last observed date. */
            if (v == VIEW_HOUSING_LED && !housing_in_history(o, y)) {
                const coupling_flows *f = &self->cp.flows;
                for (size_t a = 0; a < n; a++)
                    capacity[a] = housing_capacity(self, y, a);
                self->cp.no_persons = lean;
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
            if (v == VIEW_HOUSING_LED && !housing_in_history(o, y))
                coupling_households_all(&self->cp, &p->c, trend, self->households[v] + y * n,
                                        lean ? NULL : self->persons_private[v] + y * n);
            else
                count_households(self, v, y, p->c.pop, trend, lean);
            prefix_keep(&self->prefix[v], p, self->households[v], self->persons_private[v], o);
        }
    }
out:
    free(capacity);
    return ret;
}
