/* Drives the cohort engine year by year from a loaded model. This is where model
 * inputs become step inputs; the engine itself only sees arrays. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kernels.h"
#include "lifetable.h"
#include "projection.h"
#include "util.h"

void
projection_opts_init(projection_opts *o)
{
    memset(o, 0, sizeof *o);
    o->override_flow = -1;
    o->fertility_mult = 1;
    o->mortality_mult = 1;
    o->small_mult = 1;
}

/* Survival ratios for the step starting in `year`, into surv. */
static int
compute_survival(const model *m, int year, double *surv, double *qx_work)
{
    const size_t A = m->n_ages, S = m->n_sexes;

    if (m->surv != NULL) {
        const long yi = model_year_index(m->surv_years, m->n_surv_years, year);
        const size_t block = m->n_areas * S * (A + 1);
        memcpy(surv, m->surv + (size_t) (yi < 0 ? 0 : yi) * block, block * sizeof *surv);
        return LS_OK;
    }
    {
        const long ii = m->n_imp_years > 0 ? model_year_index(m->imp_years, m->n_imp_years, year)
                                           : -1;
        for (size_t a = 0; a < m->n_areas; a++)
            for (size_t s = 0; s < S; s++) {
                double *dst = surv + (a * S + s) * (A + 1);
                int ret;
                if (a > 0 && m->smr[a] == m->smr[a - 1]) {
                    memcpy(dst, surv + ((a - 1) * S + s) * (A + 1), (A + 1) * sizeof *dst);
                    continue;
                }
                for (size_t x = 0; x < m->n_qx; x++) {
                    double q = m->qx[s * m->n_qx + x] * m->smr[a];
                    if (ii >= 0)
                        q *= m->imp_ratio[((size_t) ii * S + s) * m->n_qx + x];
                    qx_work[x] = q > 1 ? 1 : q;
                }
                ret = lifetable_survival(qx_work, m->n_qx, m->spec->infant_separation, m->width,
                                         m->open, dst);
                if (ret != LS_OK)
                    return ret;
            }
    }
    return LS_OK;
}

/* Fertility by area for the step starting in `year` (TFR path and level applied). */
static void
compute_fertility(const model *m, int year, double *asfr, double *srb_out)
{
    const size_t A = m->n_ages;
    const long yi = model_year_index(m->asfr_years, m->n_asfr_years, year);
    const double *src = m->asfr + (size_t) (yi < 0 ? 0 : yi) * m->n_areas * A;
    const int rescale = !schedule_is_empty(&m->spec->tfr);
    const double tfr = schedule_at(&m->spec->tfr, year, 0);
    const double srb = schedule_at(&m->spec->srb, year, 1.05);

    for (size_t a = 0; a < m->n_areas; a++) {
        double f = m->fert_level[a];
        if (rescale) {
            double sum = 0;
            for (size_t x = 0; x < A; x++)
                sum += src[a * A + x];
            f *= sum > 0 ? tfr / (m->width * sum) : 0;
        }
        for (size_t x = 0; x < A; x++)
            asfr[a * A + x] = src[a * A + x] * f;
        srb_out[a] = srb;
    }
}

int
projection_cache_build(projection_cache *self, const model *m)
{
    const model_spec *s = m->spec;
    const size_t n_steps = (size_t) ((s->horizon - s->base_year) / s->width);
    const size_t sb = m->n_areas * m->n_sexes * (m->n_ages + 1), fb = m->n_areas * m->n_ages;
    double *qx_work = xcalloc(m->n_qx + 1, sizeof *qx_work);
    int ret = LS_OK;

    memset(self, 0, sizeof *self);
    self->n_steps = n_steps;
    self->surv = xcalloc(n_steps * sb + 1, sizeof *self->surv);
    self->asfr = xcalloc(n_steps * fb + 1, sizeof *self->asfr);
    self->srb = xcalloc(n_steps * m->n_areas + 1, sizeof *self->srb);
    for (size_t t = 0; t < n_steps && ret == LS_OK; t++) {
        const int year = s->base_year + (int) t * s->width;
        ret = compute_survival(m, year, self->surv + t * sb, qx_work);
        compute_fertility(m, year, self->asfr + t * fb, self->srb + t * m->n_areas);
    }
    free(qx_work);
    return ret;
}

void
projection_cache_free(projection_cache *self)
{
    if (self == NULL)
        return;
    free(self->surv);
    free(self->asfr);
    free(self->srb);
    memset(self, 0, sizeof *self);
}

static int flow_slot_of(enum flow_kind kind);

int
projection_init(projection *self, const model *m, const projection_opts *o)
{
    const size_t cells = model_cells(m);
    const model_spec *s = m->spec;
    int last = s->horizon;
    int ret;

    memset(self, 0, sizeof *self);
    self->m = m;
    projection_opts_init(&self->opts);
    if (o != NULL)
        self->opts = *o;
    if (self->opts.last_year > 0 && self->opts.last_year < last)
        last = self->opts.last_year;
    self->n_steps = (size_t) ((last - s->base_year) / s->width);
    self->n_years = self->n_steps + 1;
    self->years = xcalloc(self->n_years, sizeof *self->years);
    for (size_t i = 0; i < self->n_years; i++)
        self->years[i] = s->base_year + (int) i * s->width;
    ret = cohort_init(&self->c, m->n_areas, m->n_sexes, m->n_ages, m->width,
                      (size_t) m->female);
    if (ret != LS_OK)
        return ret;
    self->c.lean = self->opts.totals_only; /* no components kept: none counted */
    if (self->opts.cache != NULL)
        self->cache = self->opts.cache;
    else {
        ret = projection_cache_build(&self->own_cache, m);
        if (ret != LS_OK)
            return ret;
        self->cache = &self->own_cache;
    }
    cohort_set_population(&self->c, m->base_pop);
    self->pop = xcalloc((self->opts.totals_only ? 1 : self->n_years) * cells, sizeof *self->pop);
    memcpy(self->pop, m->base_pop, cells * sizeof *self->pop);
    self->totals = xcalloc(self->n_years * m->n_areas, sizeof *self->totals);
    projection_store(self);
    self->comp = xcalloc(self->n_steps * m->n_areas * m->n_sexes + 1, sizeof *self->comp);
    self->surv = xcalloc(m->n_areas * m->n_sexes * (m->n_ages + 1), sizeof *self->surv);
    self->asfr = xcalloc(m->n_areas * m->n_ages, sizeof *self->asfr);
    for (int k = 0; k < CF_N; k++)
        self->flow[k] = xcalloc(cells, sizeof *self->flow[k]);
    for (size_t i = 0; i < m->n_flows; i++) {
        if (m->flows[i].dest != NULL)
            self->dest = m->flows[i].dest;
        self->used[flow_slot_of(m->flows[i].spec->kind)] = 1;
        if (m->flows[i].spec->kind == FLOW_NET)
            self->used[CF_EMIGRATION] = 1;
    }
    if (self->opts.zero_migration) /* balance_flows may fill it */
        self->used[CF_DOMESTIC_IN] = 1;
    return LS_OK;
}

void
projection_reset(projection *self)
{
    cohort_set_population(&self->c, self->m->base_pop);
    self->step = 0;
    self->clipped = 0;
    projection_store(self);
}

void
projection_free(projection *self)
{
    if (self == NULL)
        return;
    cohort_free(&self->c);
    projection_cache_free(&self->own_cache);
    free(self->years);
    free(self->pop);
    free(self->totals);
    free(self->comp);
    free(self->surv);
    free(self->asfr);
    for (int k = 0; k < CF_N; k++)
        free(self->flow[k]);
    memset(self, 0, sizeof *self);
}

/* This step's survival: the cached ratios, or a copy with the mortality multiplier
 * applied to 1 - S. */
/* Whether this step lies in the history, whose levels replace the run's own. */
static int
in_history(const projection *self)
{
    return self->opts.hist != NULL && self->step < self->opts.hist->n_steps;
}

static const double *
step_survival(projection *self, int year)
{
    const model *m = self->m;
    const size_t per = m->n_sexes * (m->n_ages + 1), n = m->n_areas * per;
    const double *src = self->cache->surv + self->step * n;
    const int hist = in_history(self);
    const double mult = self->opts.mortality_mult;

    if (!hist && (mult == 1 || year < self->opts.mult_from))
        return src;
    for (size_t a = 0; a < m->n_areas; a++) {
        const double k = hist ? history_mort(self->opts.hist, self->step, a) : mult;
        kern_survival_level(self->surv + a * per, src + a * per, k, per);
    }
    return self->surv;
}

static const double *
step_fertility(projection *self, int year)
{
    const model *m = self->m;
    const size_t A = m->n_ages, n = m->n_areas * A;
    const double *src = self->cache->asfr + self->step * n;
    const int hist = in_history(self);
    const double mult = self->opts.fertility_mult;

    if (!hist && (mult == 1 || year < self->opts.mult_from))
        return src;
    for (size_t a = 0; a < m->n_areas; a++) {
        const double k = hist ? history_fert(self->opts.hist, self->step, a) : mult;
        kern_scale(self->asfr + a * A, src + a * A, k, A);
    }
    return self->asfr;
}

static const enum cohort_flow flow_slot[FLOW_NKINDS] = {
    CF_IMMIGRATION, CF_EMIGRATION, CF_DOMESTIC_IN, CF_DOMESTIC_OUT, CF_IMMIGRATION,
    CF_INTERNAL_OUT};

static int
flow_slot_of(enum flow_kind kind)
{
    return flow_slot[kind];
}

/* The level of flow k in the step of `year`; *total gets the persons a year of a
 * flow given as a total (the observed trend from the last observed date on). */
static double
flow_level(const projection *self, size_t k, int year, double *total)
{
    const model_flow *f = &self->m->flows[k];
    const history *h = self->opts.hist;
    const int trend = h != NULL && !in_history(self) && year >= h->last_observed;
    double level;

    *total = schedule_at(&f->spec->total, year, 0);
    if (trend && isfinite(h->trend_total[k])) {
        *total = h->trend_total[k];
        level = 1;
    } else if (trend && isfinite(h->trend_level[k]))
        level = h->trend_level[k];
    else if (self->opts.override_flow == (long) k && year >= self->opts.override_from
             && year <= self->opts.override_to)
        level = self->opts.override_level;
    else
        level = schedule_at(&f->spec->level, year, 1.0);
    if (self->opts.flow_mult != NULL && year >= self->opts.mult_from && !in_history(self))
        level *= self->opts.flow_mult[k];
    return level;
}

static void
fill_flows(projection *self, int year)
{
    const model *m = self->m;
    const size_t cells = model_cells(m), A = m->n_ages, S = m->n_sexes;
    const double *P = self->c.pop;
    int fresh[CF_N]; /* a used slot not yet written this step (its old values) */

    for (int k = 0; k < CF_N; k++)
        fresh[k] = self->used[k];
    for (size_t k = 0; k < m->n_flows; k++) {
        const model_flow *f = &m->flows[k];
        double per_year;
        const double level = flow_level(self, k, year, &per_year);
        const int hist = in_history(self);
        double *dst = self->flow[flow_slot[f->spec->kind]];
        double *neg = self->flow[CF_EMIGRATION];
        const int net = f->spec->kind == FLOW_NET;

        if (level == 0)
            continue;
        if (f->spec->source == FLOW_FROM_RATES && !net) {
            /* The common case: the first flow of a slot assigns, saving its memset. */
            const long yi = model_year_index(f->years, f->n_years, year);
            const double *v = f->values + (size_t) (yi < 0 ? 0 : yi) * cells;
            const size_t SA = S * A;
            const int first = fresh[flow_slot[f->spec->kind]];
            for (size_t a = 0; a < m->n_areas; a++) {
                const double g = level * (f->origin_mult != NULL ? f->origin_mult[a] : 1.0)
                                 * (hist ? history_flow(self->opts.hist, self->step, k, a) : 1);
                kern_flow_rates(dst + a * SA, v + a * SA, g, P + a * SA, SA, first);
            }
            fresh[flow_slot[f->spec->kind]] = 0;
            continue;
        }
        for (int j = 0; j < CF_N; j++)
            if (fresh[j] && (j == (int) flow_slot[f->spec->kind] || (net && j == CF_EMIGRATION))) {
                memset(self->flow[j], 0, cells * sizeof *self->flow[j]);
                fresh[j] = 0;
            }
        if (f->spec->source == FLOW_FROM_TOTAL) {
            const double total = per_year * m->width * level;
            /* The start population of each kern is this step's stored total. */
            const double *pa = self->totals + self->step * m->n_areas;
            double pop_total = 0;
            for (size_t a = 0; a < m->n_areas; a++)
                pop_total += pa[a];
            for (size_t a = 0; a < m->n_areas; a++) {
                const double share = f->dist != NULL ? f->dist[a]
                                     : pop_total > 0 ? pa[a] / pop_total
                                                     : 0;
                const double scale =
                    total * share * (hist ? history_flow(self->opts.hist, self->step, k, a) : 1);
                double *da = dst + a * S * A;
                for (size_t i = 0; i < S * A; i++)
                    da[i] += scale * f->profile[i];
            }
            continue;
        }
        {
            const long yi = model_year_index(f->years, f->n_years, year);
            const double *v = f->values + (size_t) (yi < 0 ? 0 : yi) * cells;
            const int rates = f->spec->source == FLOW_FROM_RATES;
            const size_t SA = S * A;
            for (size_t a = 0; a < m->n_areas; a++) {
                const double g = level * (f->origin_mult != NULL ? f->origin_mult[a] : 1.0)
                                 * (hist ? history_flow(self->opts.hist, self->step, k, a) : 1);
                const double *va = v + a * SA, *pa = P + a * SA;
                double *da = dst + a * SA, *na = neg + a * SA;
                if (net) {
                    for (size_t i = 0; i < SA; i++) {
                        const double x = va[i] * g * (rates ? pa[i] : 1.0);
                        if (x < 0)
                            na[i] -= x;
                        else
                            da[i] += x;
                    }
                } else if (rates) {
                    for (size_t i = 0; i < SA; i++)
                        da[i] += va[i] * g * pa[i];
                } else {
                    for (size_t i = 0; i < SA; i++)
                        da[i] += va[i] * g;
                }
            }
        }
    }
    for (int k = 0; k < CF_N; k++)
        if (fresh[k])
            memset(self->flow[k], 0, cells * sizeof *self->flow[k]);
}

/* Migration balance zero: in-flows scaled per sex and age so that, summed over the
 * kernen, in = out. A sex and age with out-migrants but no in-migrants to scale gets
 * in-migrants equal to its out-migrants kern by kern (domestic in). */
static void
balance_flows(projection *self)
{
    const model *m = self->m;
    const size_t SA = m->n_sexes * m->n_ages, n = m->n_areas;
    double *im = self->flow[CF_IMMIGRATION], *di = self->flow[CF_DOMESTIC_IN];
    const double *em = self->flow[CF_EMIGRATION], *dout = self->flow[CF_DOMESTIC_OUT];

    for (size_t i = 0; i < SA; i++) {
        double in = 0, out = 0, k;
        for (size_t a = 0; a < n; a++) {
            in += (self->used[CF_IMMIGRATION] ? im[a * SA + i] : 0)
                  + (self->used[CF_DOMESTIC_IN] ? di[a * SA + i] : 0);
            out += (self->used[CF_EMIGRATION] ? em[a * SA + i] : 0)
                   + (self->used[CF_DOMESTIC_OUT] ? dout[a * SA + i] : 0);
        }
        if (in <= 0) {
            for (size_t a = 0; a < n && out > 0; a++)
                di[a * SA + i] = (self->used[CF_EMIGRATION] ? em[a * SA + i] : 0)
                                 + (self->used[CF_DOMESTIC_OUT] ? dout[a * SA + i] : 0);
            continue;
        }
        k = out / in;
        for (size_t a = 0; a < n; a++) {
            if (self->used[CF_IMMIGRATION])
                im[a * SA + i] *= k;
            if (self->used[CF_DOMESTIC_IN])
                di[a * SA + i] *= k;
        }
    }
}

void
projection_store(projection *self)
{
    const model *m = self->m;
    const size_t cells = model_cells(m), per = m->n_sexes * m->n_ages;
    double *t = self->totals + self->step * m->n_areas;

    for (size_t a = 0; a < m->n_areas; a++) {
        const double *p = self->c.pop + a * per;
        double sum = 0;
#pragma omp simd reduction(+ : sum)
        for (size_t i = 0; i < per; i++)
            sum += p[i];
        t[a] = sum;
    }
    if (!self->opts.totals_only)
        memcpy(self->pop + self->step * cells, self->c.pop, cells * sizeof *self->pop);
    if (self->step > 0 && !self->opts.totals_only)
        memcpy(self->comp + (self->step - 1) * m->n_areas * m->n_sexes, self->c.comp,
               m->n_areas * m->n_sexes * sizeof *self->comp);
}

int
projection_step(projection *self)
{
    const int year = self->years[self->step];
    cohort_input in;
    int ret;

    if (self->step >= self->n_steps)
        return LS_ERROR("projection past its horizon", LS_ENUMERIC);
    fill_flows(self, year);
    if (self->opts.zero_migration)
        balance_flows(self);
    memset(&in, 0, sizeof in);
    in.survival = step_survival(self, year);
    in.asfr = step_fertility(self, year);
    in.srb = self->cache->srb + self->step * self->m->n_areas;
    in.timing = self->m->spec->timing == TIMING_EVEN ? COHORT_EVEN : COHORT_END;
    in.exposure = self->m->spec->exposure == EXPOSURE_START_AND_END_POPULATION
                      ? COHORT_EXPOSURE_END_POPULATION
                      : COHORT_EXPOSURE_SURVIVORS;
    for (int k = 0; k < CF_N; k++)
        in.flow[k] = self->used[k] ? self->flow[k] : NULL;
    in.dest = self->dest;
    if (self->dest == NULL)
        in.flow[CF_INTERNAL_OUT] = NULL;
    ret = cohort_step(&self->c, &in);
    if (ret != LS_OK)
        return ret;
    for (size_t i = 0; i < self->m->n_areas * self->m->n_sexes; i++)
        self->clipped += self->c.comp[i].clipped;
    self->step++;
    projection_store(self);
    return LS_OK;
}

int
projection_finish(projection *self)
{
    while (self->step < self->n_steps) {
        int ret = projection_step(self);
        if (ret != LS_OK)
            return ret;
    }
    return LS_OK;
}

double
projection_total(const projection *self, size_t year_index)
{
    const double *t = self->totals + year_index * self->m->n_areas;
    double sum = 0;
    for (size_t a = 0; a < self->m->n_areas; a++)
        sum += t[a];
    return sum;
}

double
projection_area_total(const projection *self, size_t year_index, size_t area)
{
    return self->totals[year_index * self->m->n_areas + area];
}

double
projection_flow_at_level_one(const projection *self, size_t k)
{
    const model *m = self->m;
    const model_flow *f = &m->flows[k];
    const int year = self->years[self->step];
    const size_t cells = model_cells(m), SA = m->n_sexes * m->n_ages;
    const double *P = self->c.pop;
    double sum = 0;

    if (f->spec->source == FLOW_FROM_TOTAL)
        return schedule_at(&f->spec->total, year, 0) * m->width;
    {
        const long yi = model_year_index(f->years, f->n_years, year);
        const double *v = f->values + (size_t) (yi < 0 ? 0 : yi) * cells;
        for (size_t a = 0; a < m->n_areas; a++) {
            const double g = f->origin_mult != NULL ? f->origin_mult[a] : 1.0;
            for (size_t i = 0; i < SA; i++)
                sum += v[a * SA + i] * g
                       * (f->spec->source == FLOW_FROM_RATES ? P[a * SA + i] : 1.0);
        }
    }
    return sum;
}

/* ---- calibration: the calibrate: shorthand is a history with one observation ---- */

int
projection_calibrate(const model *m, double *level, diag *d)
{
    const model_spec *s = m->spec;
    history h;
    long flow = -1;
    int ret;

    for (size_t k = 0; k < m->n_flows; k++)
        if (strcmp(m->flows[k].spec->name, s->calibrate_flow) == 0)
            flow = (long) k;
    if (flow < 0 || !s->has_calibrate)
        return LS_ERROR("no such flow", LS_ECONFIG);
    ret = history_build(&h, m, d);
    if (ret == LS_OK) {
        const size_t t = (size_t) (s->calibrate_from - s->base_year);
        *level = schedule_at(&m->flows[flow].spec->level, s->calibrate_from, 1.0)
                 * history_flow(&h, t, (size_t) flow, 0);
    }
    history_free(&h);
    return ret;
}
