/* Drives the cohort engine year by year from a loaded model. This is where model
 * inputs become step inputs; the engine itself only sees arrays. */
#include <config.h>

#include <math.h>
#include <stdint.h>
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

/* Whether the n rows of `per` values are all equal to the first, bit for bit. */
static int
rows_equal(const double *v, size_t n, size_t per)
{
    for (size_t a = 1; a < n; a++)
        if (memcmp(v, v + a * per, per * sizeof *v) != 0)
            return 0;
    return 1;
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
    self->surv_shared = xcalloc(n_steps + 1, 1);
    self->asfr_shared = xcalloc(n_steps + 1, 1);
    for (size_t t = 0; t < n_steps && ret == LS_OK; t++) {
        const int year = s->base_year + (int) t * s->width;
        ret = compute_survival(m, year, self->surv + t * sb, qx_work);
        compute_fertility(m, year, self->asfr + t * fb, self->srb + t * m->n_areas);
        self->surv_shared[t] = rows_equal(self->surv + t * sb, m->n_areas, sb / m->n_areas);
        self->asfr_shared[t] = rows_equal(self->asfr + t * fb, m->n_areas, m->n_ages);
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
    free(self->surv_shared);
    free(self->asfr_shared);
    memset(self, 0, sizeof *self);
}

static int flow_slot_of(enum flow_kind kind);
static int rates_possible(const projection *self);
static void total_scales(const projection *self, size_t k, double total, double *scale);

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
    if (self->dest != NULL) {
        self->dest_t = xcalloc(m->n_areas * m->n_areas, sizeof *self->dest_t);
        cohort_dest_transpose(self->dest, m->n_areas, self->dest_t);
    }
    self->rates_ok = rates_possible(self);
    self->rate_g = xcalloc(CF_N * m->n_areas, sizeof *self->rate_g);
    self->rate_kin = xcalloc(m->n_sexes * m->n_ages, sizeof *self->rate_kin);
    self->rate_out = xcalloc(m->n_sexes * m->n_ages, sizeof *self->rate_out);
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
    free(self->rate_g);
    free(self->rate_kin);
    free(self->rate_out);
    free(self->dest_t);
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

/* The level of area a in this step (mort: mortality, else fertility). */
static double
step_level(const projection *self, int mort, size_t a)
{
    if (in_history(self))
        return mort ? history_mort(self->opts.hist, self->step, a)
                    : history_fert(self->opts.hist, self->step, a);
    return mort ? self->opts.mortality_mult : self->opts.fertility_mult;
}

/* Whether every area has the same level in this step. */
static int
level_shared(const projection *self, int mort)
{
    const double k0 = step_level(self, mort, 0);
    for (size_t a = 1; a < self->m->n_areas && in_history(self); a++)
        if (step_level(self, mort, a) != k0)
            return 0;
    return 1;
}

/* This step's survival: the cached ratios, or a copy with the mortality level applied
 * to 1 - S; *shared says whether one row serves every area (cohort_input). */
static const double *
step_survival(projection *self, int year, int *shared)
{
    const model *m = self->m;
    const size_t per = m->n_sexes * (m->n_ages + 1), n = m->n_areas * per;
    const double *src = self->cache->surv + self->step * n;
    const int hist = in_history(self);
    const double mult = self->opts.mortality_mult;

    *shared = self->cache->surv_shared[self->step];
    if (!hist && (mult == 1 || year < self->opts.mult_from))
        return src;
    if (*shared && level_shared(self, 1)) {
        kern_survival_level(self->surv, src, step_level(self, 1, 0), per);
        return self->surv;
    }
    *shared = 0;
    for (size_t a = 0; a < m->n_areas; a++)
        kern_survival_level(self->surv + a * per, src + a * per, step_level(self, 1, a), per);
    return self->surv;
}

static const double *
step_fertility(projection *self, int year, int *shared)
{
    const model *m = self->m;
    const size_t A = m->n_ages, n = m->n_areas * A;
    const double *src = self->cache->asfr + self->step * n;
    const int hist = in_history(self);
    const double mult = self->opts.fertility_mult;

    *shared = self->cache->asfr_shared[self->step];
    if (!hist && (mult == 1 || year < self->opts.mult_from))
        return src;
    if (*shared && level_shared(self, 0)) {
        kern_scale(self->asfr, src, step_level(self, 0, 0), A);
        return self->asfr;
    }
    *shared = 0;
    for (size_t a = 0; a < m->n_areas; a++)
        kern_scale(self->asfr + a * A, src + a * A, step_level(self, 0, a), A);
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
            double *scale = self->rate_g; /* scratch here */
            total_scales(self, k, per_year * m->width * level, scale);
            for (size_t a = 0; a < m->n_areas; a++) {
                double *da = dst + a * S * A;
                for (size_t i = 0; i < S * A; i++)
                    da[i] += scale[a] * f->profile[i];
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

/* Whether the steps can take their migrants as rates (projection.rates_ok): a
 * totals-only run, end timing, the survivors' exposure, every flow from rates or a
 * total and none net, at most one flow of each kind. */
static int
rates_possible(const projection *self)
{
    const model *m = self->m;
    int seen[CF_N] = {0};

    if (!self->opts.totals_only || m->spec->timing == TIMING_EVEN
        || m->spec->exposure == EXPOSURE_START_AND_END_POPULATION)
        return 0;
    for (size_t k = 0; k < m->n_flows; k++) {
        const flow_spec *f = m->flows[k].spec;
        if ((f->source != FLOW_FROM_RATES && f->source != FLOW_FROM_TOTAL)
            || f->kind == FLOW_NET || seen[flow_slot[f->kind]]++)
            return 0;
    }
    return 1;
}

/* Flow slot k of area a as rate, level and base (apply_rates' terms); an absent flow
 * is a zero rate on a base of ones, so that it counts +0. */
static void
rate_terms(const projection *self, const cohort_input *in, int k, size_t a, const double **r,
           double *g, const double **b)
{
    const size_t SA = self->m->n_sexes * self->m->n_ages;

    if (in->rate[k] == NULL) {
        *r = self->c.zero;
        *g = 0;
        *b = self->c.ones;
        return;
    }
    *r = in->rate[k] + a * in->rate_stride[k];
    *g = in->rate_g[(size_t) k * self->m->n_areas + a];
    *b = in->rate_pop[k] ? self->c.pop + a * SA : self->c.ones;
}

/* The zero-migration balance of balance_flows as a factor on the in-flows of each sex
 * and age, summed over the kernen in the same order. 0 when a sex and age has
 * out-migrants and no in-migrants to scale (then balance_flows gives it domestic
 * in-migrants kern by kern, which no factor does). */
static int
balance_rates(projection *self, const cohort_input *in)
{
    const size_t SA = self->m->n_sexes * self->m->n_ages, n = self->m->n_areas;
    double *inn = self->rate_kin, *out = self->rate_out;

    memset(inn, 0, SA * sizeof *inn);
    memset(out, 0, SA * sizeof *out);
    for (size_t a = 0; a < n; a++) {
        const double *r[4], *b[4];
        double g[4];
        rate_terms(self, in, CF_IMMIGRATION, a, &r[0], &g[0], &b[0]);
        rate_terms(self, in, CF_DOMESTIC_IN, a, &r[1], &g[1], &b[1]);
        rate_terms(self, in, CF_EMIGRATION, a, &r[2], &g[2], &b[2]);
        rate_terms(self, in, CF_DOMESTIC_OUT, a, &r[3], &g[3], &b[3]);
        /* in-flows from totals: their base is ones (times one left out) */
        if (b[0] == self->c.ones && b[1] == self->c.ones)
            b[0] = b[1] = NULL;
        kern_balance_add(inn, out, r, g, b, SA);
    }
    for (size_t i = 0; i < SA; i++) {
        if (inn[i] <= 0 && out[i] > 0)
            return 0;
        inn[i] = inn[i] <= 0 ? 1 : out[i] / inn[i];
    }
    return 1;
}

/* The persons of a flow given as a total that each area gets this step (times its age
 * profile): fill_flows' shares of `total`. */
static void
total_scales(const projection *self, size_t k, double total, double *scale)
{
    const model *m = self->m;
    const model_flow *f = &m->flows[k];
    const int hist = in_history(self);
    /* The start population of each kern is this step's stored total. */
    const double *pa = self->totals + self->step * m->n_areas;
    double pop_total = 0;

    for (size_t a = 0; a < m->n_areas; a++)
        pop_total += pa[a];
    for (size_t a = 0; a < m->n_areas; a++) {
        const double share = f->dist != NULL ? f->dist[a]
                             : pop_total > 0 ? pa[a] / pop_total
                                             : 0;
        scale[a] = total * share * (hist ? history_flow(self->opts.hist, self->step, k, a) : 1);
    }
}

/* The migrants of this step as rates (cohort_input.rates), with the levels fill_flows
 * gives the counts. 0 when they must be counts after all (balance_rates). */
static int
fill_rates(projection *self, int year, cohort_input *in)
{
    const model *m = self->m;
    const size_t cells = model_cells(m), n = m->n_areas;
    const int hist = in_history(self);

    for (size_t k = 0; k < m->n_flows; k++) {
        const model_flow *f = &m->flows[k];
        const int slot = flow_slot[f->spec->kind];
        const long yi = model_year_index(f->years, f->n_years, year);
        double per_year;
        const double level = flow_level(self, k, year, &per_year);

        if (level == 0)
            continue;
        if (f->spec->source == FLOW_FROM_TOTAL) {
            total_scales(self, k, per_year * m->width * level, self->rate_g + (size_t) slot * n);
            in->rate[slot] = f->profile;
            continue;
        }
        in->rate[slot] = f->values + (size_t) (yi < 0 ? 0 : yi) * cells;
        /* One row for all areas when they are all the same: the same numbers, read from
         * the first-level cache. */
        in->rate_stride[slot] = f->values_shared ? 0 : m->n_sexes * m->n_ages;
        in->rate_pop[slot] = 1;
        for (size_t a = 0; a < n; a++)
            self->rate_g[(size_t) slot * n + a] =
                level * (f->origin_mult != NULL ? f->origin_mult[a] : 1.0)
                * (hist ? history_flow(self->opts.hist, self->step, k, a) : 1);
    }
    if (self->dest == NULL)
        in->rate[CF_INTERNAL_OUT] = NULL;
    in->rate_g = self->rate_g;
    in->rates = 1;
    if (self->opts.zero_migration) {
        if (!balance_rates(self, in)) {
            memset(in->rate, 0, sizeof in->rate);
            in->rates = 0;
            return 0;
        }
        in->rate_kin = self->rate_kin;
    }
    return 1;
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

    /* Blocks of an even number of cells from a 16-byte aligned start (malloc's) are all
     * aligned: their two-lane sums are what the loop below gives in the default build,
     * without its wait on each addition. */
    if (per % 2 == 0 && (uintptr_t) self->c.pop % 16 == 0)
        kern_pair_sums(self->c.pop, per, m->n_areas, t);
    else
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
    memset(&in, 0, sizeof in);
    if (!(self->rates_ok && fill_rates(self, year, &in))) {
        fill_flows(self, year);
        if (self->opts.zero_migration)
            balance_flows(self);
        for (int k = 0; k < CF_N; k++)
            in.flow[k] = self->used[k] ? self->flow[k] : NULL;
    }
    in.survival = step_survival(self, year, &in.survival_shared);
    in.asfr = step_fertility(self, year, &in.asfr_shared);
    in.srb = self->cache->srb + self->step * self->m->n_areas;
    in.timing = self->m->spec->timing == TIMING_EVEN ? COHORT_EVEN : COHORT_END;
    in.exposure = self->m->spec->exposure == EXPOSURE_START_AND_END_POPULATION
                      ? COHORT_EXPOSURE_END_POPULATION
                      : COHORT_EXPOSURE_SURVIVORS;
    in.dest = self->dest;
    in.dest_t = self->dest_t;
    if (self->dest == NULL)
        in.flow[CF_INTERNAL_OUT] = NULL;
    ret = cohort_step(&self->c, &in);
    if (ret != LS_OK)
        return ret;
    for (size_t i = 0; i < self->m->n_areas * self->m->n_sexes; i++)
        self->clipped += self->c.comp[i].clipped;
    self->step++;
    projection_store(self);
    /* A lean step leaves this check to its caller: a NaN or infinity anywhere shows in
     * its area's total. */
    for (size_t a = 0; a < self->m->n_areas && self->c.lean; a++)
        if (!isfinite(self->totals[self->step * self->m->n_areas + a]))
            return LS_ERROR("non-finite population", LS_ENUMERIC);
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
