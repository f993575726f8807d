/* Monte Carlo runs, their summaries, target probabilities and the capacity solver.
 * Workers share nothing they write except their own slots; the merge happens after
 * they stop. */
#include <config.h>

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "montecarlo.h"
#include "planstream.h"
#include "util.h"

#define FIXED_SCALE 65536.0
#define MC_BATCH 64 /* runs per batch of histogram counts */

const char *const mc_level_names[MC_N_LEVELS] = {"fertility", "mortality", "migration_in",
                                                 "migration_out", "small_plans"};

uint64_t
mc_stream_seed(unsigned long seed, unsigned long run)
{
    /* splitmix64 of the pair: neighbouring runs get unrelated streams. */
    uint64_t z = (uint64_t) seed * 0x9E3779B97F4A7C15ULL + (uint64_t) run + 0x632BE59BD9B4E019ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return z ? z : 1;
}

void
mc_draw_plan_u(const double u[3], const phase_spec *ph, double partial_min, unsigned char *ok,
               int *delay, double *share)
{
    double cum = 0;
    int d;

    *ok = u[0] < ph->probability;
    for (d = 0; d < ph->max_delay; d++) {
        cum += ph->delay[d];
        if (u[1] < cum)
            break;
    }
    *delay = d;
    *share = partial_min < 1 ? partial_min + (1 - partial_min) * u[2] : 1.0;
}

void
mc_draw_plan(gsl_rng *r, const phase_spec *ph, double partial_min, unsigned char *ok,
             int *delay, double *share)
{
    double u[3];
    u[0] = gsl_rng_uniform(r);
    u[1] = gsl_rng_uniform(r);
    u[2] = gsl_rng_uniform(r);
    mc_draw_plan_u(u, ph, partial_min, ok, delay, share);
}

double
mc_extra_plan_size(const mc *self, size_t row)
{
    const target_row *r = &self->tt->row[row];
    const target_spec *t = r->t;
    /* What the target asks over its whole window: an annual target asks every year. */
    const double need = r->required * (t->window == WINDOW_ANNUAL ? t->to - t->from + 1 : 1);
    double size = self->m->spec->extra_plan_size;

    /* Small targets get proportionally small plans (a tenth of the need, at least 1),
     * so that the answer is not one plan too coarse for a hamlet. */
    if (need > 0 && size > need / 10)
        size = fmax(1, round(need / 10));
    return size;
}

void
mc_chunk_id(size_t c, char *buf, size_t size)
{
    snprintf(buf, size, "extra-%zu", c + 1);
}

/* ---- layout ---- */

size_t
mc_index_population(const mc *self, int view, size_t year, size_t ref)
{
    return self->off_pop + ((size_t) view * self->n_years + year) * self->n_refs + ref;
}

size_t
mc_index_households(const mc *self, int view, size_t year, size_t ref)
{
    return self->off_hh + ((size_t) view * self->n_years + year) * self->n_refs + ref;
}

size_t
mc_index_shortage(const mc *self, size_t year, size_t ref)
{
    return self->off_short + year * self->n_refs + ref;
}

size_t
mc_index_completions(const mc *self, size_t year, size_t ref)
{
    return self->off_comp + year * self->n_refs + ref;
}

size_t
mc_index_cumulative(const mc *self, size_t year, size_t ref)
{
    (void) ref;
    return self->off_cum + year;
}

size_t
mc_index_regional(const mc *self, size_t year)
{
    return self->off_regional + year;
}

static void
runs_init(mc_runs *R, const model *m, const target_table *tt, unsigned long runs,
          unsigned long keep_max)
{
    int all;

    if (keep_max > 0 && keep_max < runs)
        runs = keep_max;
    /* Every row when that fits in about 180 MB, else the municipal rows. */
    all = (double) runs * (double) tt->n <= 2e7;
    R->n_runs = runs;
    R->row = xcalloc(tt->n + 1, sizeof *R->row);
    for (size_t i = 0; i < tt->n; i++)
        if (all || tt->row[i].level == LEVEL_MUNICIPALITY)
            R->row[R->n_rows++] = i;
    R->n_plans = m->n_plans;
    R->value = xcalloc(runs * R->n_rows + 1, sizeof *R->value);
    R->met = xcalloc(runs * R->n_rows + 1, 1);
    R->level = xcalloc(runs * MC_N_LEVELS, sizeof *R->level);
    R->ok = xcalloc(runs * R->n_plans + 1, 1);
    R->delay = xcalloc(runs * R->n_plans + 1, 1);
    R->share = xcalloc(runs * R->n_plans + 1, sizeof *R->share);
}

static void
runs_free(mc_runs *R)
{
    free(R->row);
    free(R->value);
    free(R->met);
    free(R->level);
    free(R->ok);
    free(R->delay);
    free(R->share);
    memset(R, 0, sizeof *R);
}

size_t
mc_index_from_outside(const mc *self, size_t year)
{
    return self->off_own + year;
}

size_t
mc_index_own_growth(const mc *self, size_t year)
{
    return self->off_own + self->n_years + year;
}

size_t
mc_index_stock(const mc *self, size_t year, size_t ref)
{
    return self->off_stock + year * self->n_refs + ref;
}

int
mc_init(mc *self, const model *m, const target_table *tt, const projection_opts *base,
        const projection_cache *cache, const mc_options *opt)
{
    const size_t R = m->n_areas + m->n_tiers + 1;
    const size_t Y = (size_t) (m->spec->horizon - m->spec->base_year) + 1;

    memset(self, 0, sizeof *self);
    self->m = m;
    self->tt = tt;
    self->opt = *opt;
    self->base = *base;
    self->cache = cache;
    if (self->opt.threads == 0)
        self->opt.threads = 1;
    if (self->opt.pilot == 0)
        self->opt.pilot = 1000;
    if (self->opt.store == 0)
        self->opt.store = 5000;
    self->n_refs = R;
    self->n_years = Y;
    self->off_pop = 0;
    self->off_hh = self->off_pop + 2 * Y * R;
    self->off_short = self->off_hh + 2 * Y * R;
    self->off_comp = self->off_short + Y * R;
    self->off_cum = self->off_comp + Y * R;
    self->off_regional = self->off_cum + Y;
    self->off_stock = self->off_regional + Y;
    self->off_own = self->off_stock + Y * R;
    self->off_rows = self->off_own + 2 * Y;
    for (size_t i = 0; i < tt->n; i++)
        self->own_need |= tt->row[i].t->measure == MEASURE_REGIONAL_OWN;
    /* The in-flows are scaled to the out-flows, so their level does not matter. */
    self->own_fixed = m->spec->fertility_sd == 0 && m->spec->mortality_sd == 0
                      && m->spec->migration_out_sd == 0;
    self->Q = self->off_rows + tt->n;
    self->row_off = xcalloc(tt->n + 1, sizeof *self->row_off);
    for (size_t i = 0; i < tt->n; i++) {
        const target_spec *t = tt->row[i].t;
        self->row_off[i] = self->row_width;
        self->row_width += t->window == WINDOW_ANNUAL ? (size_t) (t->to - t->from + 1) : 1;
    }
    self->n_pilot = opt->runs < self->opt.pilot ? opt->runs : self->opt.pilot;
    self->n_store = opt->runs < self->opt.store ? opt->runs : self->opt.store;
    self->pilot = xcalloc(self->n_pilot * self->Q + 1, sizeof *self->pilot);
    self->lo = xcalloc(self->Q, sizeof *self->lo);
    self->width = xcalloc(self->Q, sizeof *self->width);
    self->hist = xcalloc(self->Q * (MC_BINS + 2), sizeof *self->hist);
    self->sum = xcalloc(self->Q, sizeof *self->sum);
    self->vmin = xcalloc(self->Q, sizeof *self->vmin);
    self->vmax = xcalloc(self->Q, sizeof *self->vmax);
    self->met = xcalloc(tt->n + 1, sizeof *self->met);
    self->store_rows = xcalloc(self->n_store * self->row_width + 1, sizeof *self->store_rows);
    self->chunk_ok = xcalloc(self->n_store * MC_MAX_CHUNKS + 1, sizeof *self->chunk_ok);
    self->plan_key = xcalloc(m->n_plans + 1, sizeof *self->plan_key);
    for (size_t i = 0; i < m->n_plans; i++)
        self->plan_key[i] = planstream_key(m->plans[i].id);
    self->chunk_key = xcalloc(MC_MAX_CHUNKS, sizeof *self->chunk_key);
    for (size_t c = 0; c < MC_MAX_CHUNKS; c++) {
        char id[32];
        mc_chunk_id(c, id, sizeof id);
        self->chunk_key[c] = planstream_key(id);
    }
    self->chunk_delay = xcalloc(self->n_store * MC_MAX_CHUNKS + 1, 1);
    self->summary = xcalloc(self->Q, sizeof *self->summary);
    self->probability = xcalloc(tt->n + 1, sizeof *self->probability);
    self->probability_se = xcalloc(tt->n + 1, sizeof *self->probability_se);
    self->pair_half = xcalloc(tt->n + 1, sizeof *self->pair_half);
    self->pair_both = xcalloc(tt->n + 1, sizeof *self->pair_both);
    self->extra80 = xcalloc(tt->n + 1, sizeof *self->extra80);
    self->extra90 = xcalloc(tt->n + 1, sizeof *self->extra90);
    if (opt->keep_runs)
        runs_init(&self->runs, m, tt, opt->runs, opt->keep_max);
    pthread_mutex_init(&self->lock, NULL);
    return LS_OK;
}

void
mc_free(mc *self)
{
    if (self == NULL || self->m == NULL)
        return;
    free(self->row_off);
    free(self->pilot);
    free(self->lo);
    free(self->width);
    free(self->hist);
    free(self->sum);
    free(self->vmin);
    free(self->vmax);
    free(self->met);
    free(self->store_rows);
    free(self->chunk_ok);
    free(self->plan_key);
    free(self->chunk_key);
    free(self->chunk_delay);
    free(self->summary);
    free(self->probability);
    free(self->probability_se);
    free(self->pair_half);
    free(self->pair_both);
    free(self->extra80);
    free(self->extra90);
    runs_free(&self->runs);
    pthread_mutex_destroy(&self->lock);
    memset(self, 0, sizeof *self);
}

/* ---- one run ---- */

typedef struct {
    mc *mc;
    housing h;
    gsl_rng *r;
    double *comp, *dem, *flow_mult, *v, *agg;
    unsigned char *ok;
    int *delay;
    double *share;
    uint32_t *hist;
    double *batch;  /* [MC_BATCH][Q]: runs waiting for their histogram counts */
    size_t n_batch;
    int64_t *sum;
    double *vmin, *vmax;
    uint64_t *met;
    unsigned char *run_met, *prev_met; /* [n_rows] this run's and its pair's */
    uint64_t *pair_half, *pair_both;
    pthread_t thread;
    int status;
    int own_done; /* the own need of this worker's housing is the one of these levels */
} worker;

/* Spreads a per-kern vector over refs: kernen, tiers, municipality. */
static void
refs_from(const model *m, const double *v, double *out)
{
    const size_t n = m->n_areas, T = m->n_tiers;
    double all = 0; /* in a register: the same sum, without a store and load each kern */

    memset(out, 0, (n + T + 1) * sizeof *out);
    for (size_t a = 0; a < n; a++) {
        const double x = v[a];
        out[a] = x;
        if (m->area_tier[a] < T)
            out[n + m->area_tier[a]] += x;
        all += x;
    }
    out[n + T] = all;
}

/* sign -1: the antithetic draw (the same normal, negated). */
static double
lognormal_mean_one(gsl_rng *r, double sd, double sign)
{
    return sd > 0 ? exp(sd * (sign * gsl_ran_gaussian_ziggurat(r, 1.0)) - 0.5 * sd * sd) : 1.0;
}

/* A run's draws and municipal target values, in its own slots. */
static void
keep_run(mc *M, const worker *w, unsigned long idx, double fert, double mort, double min_,
         double mout, double small)
{
    mc_runs *R = &M->runs;
    double *lv = R->level + idx * MC_N_LEVELS;

    lv[MC_LEVEL_FERTILITY] = fert;
    lv[MC_LEVEL_MORTALITY] = mort;
    lv[MC_LEVEL_MIGRATION_IN] = min_;
    lv[MC_LEVEL_MIGRATION_OUT] = mout;
    lv[MC_LEVEL_SMALL_PLANS] = small;
    for (size_t i = 0; i < R->n_plans; i++) {
        R->ok[idx * R->n_plans + i] = w->ok[i];
        R->delay[idx * R->n_plans + i] = (unsigned char) w->delay[i];
        R->share[idx * R->n_plans + i] = (float) w->share[i];
    }
    for (size_t j = 0; j < R->n_rows; j++) {
        R->value[idx * R->n_rows + j] = w->v[M->off_rows + R->row[j]];
        R->met[idx * R->n_rows + j] = w->run_met[R->row[j]];
    }
}

static int
run_one(worker *w, unsigned long idx)
{
    mc *M = w->mc;
    const model *m = M->m;
    const model_spec *s = m->spec;
    const size_t n = m->n_areas, Y = M->n_years;
    housing *h = &w->h;
    projection_opts o = M->base;
    const uint64_t run_seed = mc_stream_seed(M->opt.seed, idx);
    double fert, mort, min_, mout;
    const int anti = M->opt.antithetic && (idx & 1);
    const double sign = anti ? -1.0 : 1.0;
    int ret;

    /* An antithetic run reads its levels from its pair's stream, negated. */
    gsl_rng_set(w->r, (unsigned long) mc_stream_seed(M->opt.seed, anti ? idx - 1 : idx));
    /* Draw order is part of the reproducibility contract: the levels from the run's
     * stream; every plan and every chunk from its own (planstream.h), keyed by the run
     * itself (an antithetic run has its own plan draws). */
    fert = lognormal_mean_one(w->r, s->fertility_sd, sign);
    mort = lognormal_mean_one(w->r, s->mortality_sd, sign);
    min_ = lognormal_mean_one(w->r, s->migration_in_sd, sign);
    mout = lognormal_mean_one(w->r, s->migration_out_sd, sign);
    /* Small plans and infill: one level per run, drawn only when the model has them
     * (so that models without keep their streams). */
    o.small_mult = s->has_small_plans ? lognormal_mean_one(w->r, s->small_sd, sign) : 1.0;
    for (size_t i = 0; i < m->n_plans; i++) {
        double u[3];
        planstream_uniforms(run_seed, M->plan_key[i], u, 3);
        mc_draw_plan_u(u, &s->phase[m->plans[i].phase], s->partial_min_share, &w->ok[i],
                       &w->delay[i], &w->share[i]);
    }
    for (size_t k = 0; k < m->n_flows; k++) {
        const enum flow_kind kind = m->flows[k].spec->kind;
        w->flow_mult[k] = kind == FLOW_INTERNAL                                 ? 1.0
                          : kind == FLOW_EMIGRATION || kind == FLOW_DOMESTIC_OUT ? mout
                                                                                 : min_;
        /* A scenario's solved migration level (levelsolve.h) is part of every run. */
        if (M->base.flow_mult != NULL)
            w->flow_mult[k] *= M->base.flow_mult[k];
    }
    o.fertility_mult = fert;
    o.mortality_mult = mort;
    o.flow_mult = w->flow_mult;
    o.mult_from = M->base.mult_from; /* the last observed date or later */
    o.cache = M->cache;
    o.totals_only = 1;
    memset(w->comp, 0, Y * n * sizeof *w->comp);
    memset(w->dem, 0, Y * n * sizeof *w->dem);
    pipeline_draw(m->plans, m->n_plans, w->ok, w->delay, w->share, s->base_year, Y, n, w->comp,
                  w->dem);
    ret = housing_run(h, &o, w->comp, w->dem);
    if (ret == LS_OK && M->own_need && !(M->own_fixed && w->own_done)) {
        /* The own need depends on the levels of this run, not on its plans. */
        ret = housing_run_own(h, &o);
        w->own_done = ret == LS_OK;
    }
    if (ret != LS_OK)
        return ret;

    /* The tracked values of this run. */
    for (size_t y = 0; y < Y; y++) {
        double *pa = w->agg;
        for (int v = 0; v < VIEW_COUNT; v++) {
            for (size_t a = 0; a < n; a++)
                pa[a] = projection_area_total(&h->view[v], y, a);
            refs_from(m, pa, w->v + mc_index_population(M, v, y, 0));
            refs_from(m, h->households[v] + y * n, w->v + mc_index_households(M, v, y, 0));
        }
        for (size_t a = 0; a < n; a++)
            pa[a] = h->households[VIEW_TREND][y * n + a] / (1 - m->vacancy[a])
                    - h->stock[y * n + a];
        refs_from(m, pa, w->v + mc_index_shortage(M, y, 0));
        refs_from(m, h->completions + y * n, w->v + mc_index_completions(M, y, 0));
        refs_from(m, h->stock + y * n, w->v + mc_index_stock(M, y, 0));
        w->v[mc_index_regional(M, y)] = housing_total(h, h->households[VIEW_HOUSING_LED], y)
                                        - housing_total(h, h->households[VIEW_TREND], y);
        if (M->own_need) {
            const double own = housing_total(h, h->households_own, y);
            w->v[mc_index_from_outside(M, y)] =
                housing_total(h, h->households[VIEW_HOUSING_LED], y) - own;
            w->v[mc_index_own_growth(M, y)] = own - housing_total(h, h->households_own, 0);
        }
    }
    {
        /* Cumulative municipal completions from the first target year, as of 1 January. */
        const int start = M->tt->has_path ? M->tt->path_start : s->base_year;
        double c = 0;
        for (size_t y = 0; y < Y; y++) {
            if (y > 0 && s->base_year + (int) y - 1 >= start)
                c += housing_total(h, h->completions, y - 1);
            w->v[mc_index_cumulative(M, y, 0)] = c;
        }
    }
    for (size_t i = 0; i < M->tt->n; i++) {
        const target_row *row = &M->tt->row[i];
        int met;
        const double val = target_row_value(row, m, h, &met);
        w->v[M->off_rows + i] = val;
        w->met[i] += met;
        w->run_met[i] = (unsigned char) met;
        if (idx < M->n_store) {
            double *dst = M->store_rows + idx * M->row_width + M->row_off[i];
            if (row->t->window == WINDOW_ANNUAL)
                for (int y = row->t->from; y <= row->t->to; y++)
                    dst[y - row->t->from] = target_measure(row->t->measure, row->t->view,
                                                           row->level, row->index, m, h, y);
            else
                dst[0] = val;
        }
    }
    if (M->opt.keep_runs && idx < M->runs.n_runs)
        keep_run(M, w, idx, fert, mort, min_, mout, o.small_mult);
    if (idx < M->n_store && s->phase[s->extra_phase].given) {
        uint16_t *ok = M->chunk_ok + idx * MC_MAX_CHUNKS;
        unsigned char *dl = M->chunk_delay + idx * MC_MAX_CHUNKS;
        for (size_t c = 0; c < MC_MAX_CHUNKS; c++) {
            int d;
            double sh, u[3];
            unsigned char realised;
            planstream_uniforms(run_seed, M->chunk_key[c], u, 3);
            mc_draw_plan_u(u, &s->phase[s->extra_phase], s->partial_min_share, &realised, &d,
                           &sh);
            dl[c] = (unsigned char) d;
            /* The share is folded into ok: 0 when not realised, else share x 65535 (at
             * least 1, so a realised chunk never reads as unrealised). */
            ok[c] = realised ? (uint16_t) (lround(sh * 65535) > 0 ? lround(sh * 65535) : 1) : 0;
        }
    }
    return LS_OK;
}

/* ---- statistics ---- */

static void
hist_add(uint32_t *hist, const double *lo, const double *width, size_t Q, const double *v)
{
    for (size_t q = 0; q < Q; q++) {
        const double x = (v[q] - lo[q]) / width[q];
        size_t b;
        if (!(x >= 0))
            b = 0;
        else if (x >= MC_BINS)
            b = MC_BINS + 1;
        else
            b = (size_t) x + 1;
        hist[q * (MC_BINS + 2) + b]++;
    }
}

/* Counts the batched runs: quantity by quantity, so that each histogram row is
 * touched once per batch rather than once per run (integer counts: the same). */
static void
hist_flush(worker *w)
{
    mc *M = w->mc;
    for (size_t q = 0; q < M->Q; q++) {
        uint32_t *row = w->hist + q * (MC_BINS + 2);
        const double lo = M->lo[q], width = M->width[q];
        for (size_t r = 0; r < w->n_batch; r++) {
            const double x = (w->batch[r * M->Q + q] - lo) / width;
            row[!(x >= 0) ? 0 : x >= MC_BINS ? MC_BINS + 1 : (size_t) x + 1]++;
        }
    }
    w->n_batch = 0;
}

/* Sums (fixed point), minimum and maximum of every run; counts in the histograms
 * only once the ranges exist (the pilot's values are added at the end). */
static void
stats_add(worker *w, const double *v, int histogram)
{
    mc *M = w->mc;
    for (size_t q = 0; q < M->Q; q++) {
        w->sum[q] += (int64_t) llround(v[q] * FIXED_SCALE);
        if (v[q] < w->vmin[q])
            w->vmin[q] = v[q];
        if (v[q] > w->vmax[q])
            w->vmax[q] = v[q];
    }
    if (histogram) {
        memcpy(w->batch + w->n_batch * M->Q, v, M->Q * sizeof *v);
        if (++w->n_batch == MC_BATCH)
            hist_flush(w);
    }
}

static int
cmp_double(const void *a, const void *b)
{
    const double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

/* Ranges from the pilot: its span widened by a quarter on each side. */
static void
build_ranges(mc *M)
{
    for (size_t q = 0; q < M->Q; q++) {
        double lo = HUGE_VAL, hi = -HUGE_VAL, span;
        for (size_t i = 0; i < M->n_pilot; i++) {
            const double x = M->pilot[i * M->Q + q];
            if (x < lo)
                lo = x;
            if (x > hi)
                hi = x;
        }
        span = hi - lo;
        if (!(span > 0))
            span = fabs(hi) > 1 ? fabs(hi) * 1e-3 : 1e-3;
        M->lo[q] = lo - 0.25 * span;
        M->width[q] = 1.5 * span / MC_BINS;
    }
}

static void
wait_for_ranges(mc *M)
{
    for (;;) {
        int ready;
        pthread_mutex_lock(&M->lock);
        ready = M->ranges_ready || M->status != LS_OK;
        pthread_mutex_unlock(&M->lock);
        if (ready)
            return;
        {
            struct timespec ts = {0, 200000};
            nanosleep(&ts, NULL);
        }
    }
}

/* One claimed run: 0 to go on, 1 to stop. */
static int
worker_run(worker *w, unsigned long idx)
{
    mc *M = w->mc;

    /* Runs after the pilot need the histogram ranges, which the pilot sets. */
    if (idx >= M->n_pilot) {
        int stop;
        wait_for_ranges(M);
        pthread_mutex_lock(&M->lock);
        stop = M->status != LS_OK;
        pthread_mutex_unlock(&M->lock);
        if (stop)
            return 1;
    }
    w->status = run_one(w, idx);
    if (w->status != LS_OK) {
        pthread_mutex_lock(&M->lock);
        M->status = w->status;
        pthread_mutex_unlock(&M->lock);
        return 1;
    }
    if (idx < M->n_pilot)
        memcpy(M->pilot + idx * M->Q, w->v, M->Q * sizeof *w->v);
    stats_add(w, w->v, idx >= M->n_pilot);
    pthread_mutex_lock(&M->lock);
    M->done++;
    if (idx < M->n_pilot && ++M->pilot_done == M->n_pilot && M->n_pilot < M->opt.runs) {
        build_ranges(M);
        M->ranges_ready = 1;
    }
    pthread_mutex_unlock(&M->lock);
    return 0;
}

static void *
worker_main(void *arg)
{
    worker *w = arg;
    mc *M = w->mc;
    /* Antithetic pairs are claimed together, so one worker sees both halves. */
    const unsigned long step = M->opt.antithetic ? 2 : 1;

    for (;;) {
        unsigned long idx;
        pthread_mutex_lock(&M->lock);
        idx = M->next < M->opt.runs && M->status == LS_OK ? M->next : M->opt.runs;
        if (idx < M->opt.runs)
            M->next += step;
        pthread_mutex_unlock(&M->lock);
        if (idx >= M->opt.runs || worker_run(w, idx))
            break;
        if (step == 2 && idx + 1 < M->opt.runs) {
            memcpy(w->prev_met, w->run_met, M->tt->n);
            if (worker_run(w, idx + 1))
                break;
            for (size_t i = 0; i < M->tt->n; i++) {
                const int k = w->prev_met[i] + w->run_met[i];
                w->pair_half[i] += k == 1;
                w->pair_both[i] += k == 2;
            }
        }
    }
    hist_flush(w);
    return NULL;
}

static void
worker_free(worker *w)
{
    housing_free(&w->h);
    if (w->r != NULL)
        gsl_rng_free(w->r);
    free(w->comp);
    free(w->dem);
    free(w->flow_mult);
    free(w->v);
    free(w->agg);
    free(w->ok);
    free(w->delay);
    free(w->share);
    free(w->hist);
    free(w->batch);
    free(w->sum);
    free(w->vmin);
    free(w->vmax);
    free(w->met);
    free(w->run_met);
    free(w->prev_met);
    free(w->pair_half);
    free(w->pair_both);
    memset(w, 0, sizeof *w);
}

int
mc_start(mc *self)
{
    const model *m = self->m;
    const size_t Y = self->n_years, n = m->n_areas;

    worker *workers;

    self->next = 0;
    self->done = 0;
    self->pilot_done = 0;
    self->ranges_ready = 0;
    self->status = LS_OK;
    workers = xcalloc(self->opt.threads, sizeof *workers);
    self->workers = workers;
    for (unsigned t = 0; t < self->opt.threads; t++) {
        worker *w = &workers[t];
        int ret;
        w->mc = self;
        ret = housing_init(&w->h, m);
        if (ret != LS_OK) {
            for (unsigned u = 0; u <= t; u++)
                worker_free(&workers[u]);
            free(workers);
            self->workers = NULL;
            return ret;
        }
        w->r = gsl_rng_alloc(gsl_rng_mt19937);
        if (w->r == NULL)
            fatal("out of memory (random generator)");
        w->comp = xcalloc(Y * n, sizeof *w->comp);
        w->dem = xcalloc(Y * n, sizeof *w->dem);
        w->flow_mult = xcalloc(m->n_flows + 1, sizeof *w->flow_mult);
        w->v = xcalloc(self->Q, sizeof *w->v);
        w->agg = xcalloc(Y * n + self->n_refs, sizeof *w->agg);
        w->ok = xcalloc(m->n_plans + 1, 1);
        w->delay = xcalloc(m->n_plans + 1, sizeof *w->delay);
        w->share = xcalloc(m->n_plans + 1, sizeof *w->share);
        w->hist = xcalloc(self->Q * (MC_BINS + 2), sizeof *w->hist);
        w->batch = xcalloc(MC_BATCH * self->Q, sizeof *w->batch);
        w->sum = xcalloc(self->Q, sizeof *w->sum);
        w->vmin = xcalloc(self->Q, sizeof *w->vmin);
        w->vmax = xcalloc(self->Q, sizeof *w->vmax);
        for (size_t q = 0; q < self->Q; q++) {
            w->vmin[q] = HUGE_VAL;
            w->vmax[q] = -HUGE_VAL;
        }
        w->met = xcalloc(self->tt->n + 1, sizeof *w->met);
        w->run_met = xcalloc(self->tt->n + 1, 1);
        w->prev_met = xcalloc(self->tt->n + 1, 1);
        w->pair_half = xcalloc(self->tt->n + 1, sizeof *w->pair_half);
        w->pair_both = xcalloc(self->tt->n + 1, sizeof *w->pair_both);
    }
    for (unsigned t = 0; t < self->opt.threads; t++)
        if (pthread_create(&workers[t].thread, NULL, worker_main, &workers[t]) != 0)
            fatal("cannot start a thread");
    return LS_OK;
}

int
mc_status(mc *self)
{
    int st;
    pthread_mutex_lock(&self->lock);
    st = self->status;
    pthread_mutex_unlock(&self->lock);
    return st;
}

unsigned long
mc_progress(mc *self)
{
    unsigned long d;
    pthread_mutex_lock(&self->lock);
    d = self->done;
    pthread_mutex_unlock(&self->lock);
    return d;
}

void
mc_cancel(mc *self)
{
    pthread_mutex_lock(&self->lock);
    if (self->status == LS_OK)
        self->status = LS_EINTERRUPTED;
    pthread_mutex_unlock(&self->lock);
}

/* Quantile by linear interpolation between order statistics (R's type 7). */
double
mc_quantile_exact(const double *sorted, size_t n, double p)
{
    const double h = (double) (n - 1) * p;
    const size_t i = (size_t) floor(h);
    if (i + 1 >= n)
        return sorted[n - 1];
    return sorted[i] + (h - (double) i) * (sorted[i + 1] - sorted[i]);
}

/* Reorders x[lo..hi] so that x[k] is what a sort would put there, with nothing
 * larger before it and nothing smaller after it (Hoare's partition, median of three;
 * no NaN in x). */
static void
select_kth(double *x, ptrdiff_t lo, ptrdiff_t hi, ptrdiff_t k)
{
    while (hi > lo) {
        const ptrdiff_t mid = lo + (hi - lo) / 2;
        ptrdiff_t i = lo, j = hi;
        double t, pv;

#define SWAP_X(a, b) (t = x[a], x[a] = x[b], x[b] = t)
        if (x[mid] < x[lo])
            SWAP_X(mid, lo);
        if (x[hi] < x[lo])
            SWAP_X(hi, lo);
        if (x[hi] < x[mid])
            SWAP_X(hi, mid);
        pv = x[mid];
        while (i <= j) {
            while (x[i] < pv)
                i++;
            while (x[j] > pv)
                j--;
            if (i <= j) {
                SWAP_X(i, j);
                i++;
                j--;
            }
        }
#undef SWAP_X
        /* x[lo..j] <= pv <= x[i..hi]; between them, pv itself */
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return;
    }
}

int
mc_quantiles_select(double *x, size_t n, const double *p, size_t k, double *out)
{
    ptrdiff_t lo = 0;

    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (isnan(x[i]))
            return 0;
    for (size_t q = 0; q < k; q++) {
        const double h = (double) (n - 1) * p[q];
        const size_t i = (size_t) floor(h);
        double next;

        if (i + 1 >= n) {
            select_kth(x, lo, (ptrdiff_t) n - 1, (ptrdiff_t) n - 1);
            out[q] = x[n - 1];
            continue;
        }
        select_kth(x, lo, (ptrdiff_t) n - 1, (ptrdiff_t) i);
        next = x[i + 1]; /* the smallest after x[i] */
        for (size_t j = i + 2; j < n; j++)
            next = x[j] < next ? x[j] : next;
        out[q] = x[i] + (h - (double) i) * (next - x[i]);
        lo = (ptrdiff_t) i;
    }
    return 1;
}

double
mc_quantile_hist(const uint32_t *h, double lo, double width, double vmin, double vmax,
                 uint64_t total, double p)
{
    const double target = p * (double) total;
    double cum = 0;
    for (size_t b = 0; b < MC_BINS + 2; b++) {
        const double c = h[b];
        if (c > 0 && cum + c >= target) {
            double x;
            if (b == 0)
                return vmin;
            if (b == MC_BINS + 1)
                return vmax;
            x = lo + width * ((double) (b - 1) + (target - cum) / c);
            return x < vmin ? vmin : (x > vmax ? vmax : x);
        }
        cum += c;
    }
    return vmax;
}

/* Per-row contribution of one extra chunk (size units) in a stored run. */
static int
solve_row(mc *M, size_t i, double size, double level, double *k80, double *k90)
{
    const model *m = M->m;
    const model_spec *s = m->spec;
    const target_row *row = &M->tt->row[i];
    const target_spec *t = row->t;
    const size_t S = M->n_store;
    int *ks = xcalloc(S + 1, sizeof *ks);
    const int unreachable = MC_MAX_CHUNKS + 1;
    const int first = targets_first_extra_year(m);
    int a, b, nyears;
    double per_household = 1;

    if (t->measure == MEASURE_REGIONAL || t->measure == MEASURE_REGIONAL_OWN) {
        double vs = 0, st = 0;
        for (size_t k = 0; k < m->n_areas; k++) {
            vs += m->vacancy[k] * m->stock0[k];
            st += m->stock0[k];
        }
        per_household = (1 - (st > 0 ? vs / st : 0)) * s->fill_rate;
        a = s->base_year;
        b = t->from - 1; /* delivered before 1 January of the target year */
    } else {
        a = t->from;
        b = t->to;
    }
    /* Extra capacity delivers only in years still to come that a plan added now can
     * reach: never in the past, never before uncertainty.extra_capacity_from. */
    if (a < first)
        a = first;
    nyears = b - a + 1;
    for (size_t r = 0; r < S; r++) {
        const double *vals = M->store_rows + r * M->row_width + M->row_off[i];
        const uint16_t *ok = M->chunk_ok + r * MC_MAX_CHUNKS;
        const unsigned char *dl = M->chunk_delay + r * MC_MAX_CHUNKS;
        int k = 0;
        if (nyears <= 0) {
            /* Nothing can be added in time: met as it is, or out of reach. */
            double worst = HUGE_VAL;
            const int ny = t->window == WINDOW_ANNUAL ? t->to - t->from + 1 : 1;
            for (int y = 0; y < ny; y++)
                worst = fmin(worst, vals[y]);
            ks[r] = worst >= level - 1e-9 ? 0 : unreachable;
        } else if (t->window == WINDOW_ANNUAL) {
            /* Every year of the window must reach the level; each extra plan is
             * planned evenly over the window and slips by its delay. */
            const int ny = t->to - t->from + 1;
            double *add = xcalloc((size_t) ny, sizeof *add);
            for (;;) {
                int all = 1;
                for (int y = 0; y < ny; y++)
                    if (vals[y] + add[y] < level - 1e-9)
                        all = 0;
                if (all || k >= MC_MAX_CHUNKS) {
                    ks[r] = all ? k : unreachable;
                    break;
                }
                if (ok[k])
                    for (int y = a; y <= b; y++) {
                        const int when = y + dl[k] - t->from;
                        if (when >= 0 && when < ny)
                            add[when] += size / nyears * (ok[k] / 65535.0);
                    }
                k++;
            }
            free(add);
        } else {
            double v = vals[0];
            while (v < level - 1e-9 && k < MC_MAX_CHUNKS) {
                if (ok[k]) {
                    int in = 0;
                    for (int y = a; y <= b; y++)
                        if (y + dl[k] <= b)
                            in++;
                    v += size * per_household * (ok[k] / 65535.0) * in / nyears;
                }
                k++;
            }
            ks[r] = v >= level - 1e-9 ? k : unreachable;
        }
    }
    {
        /* Counting sort: the counts are small integers in [0, unreachable]. */
        int *sorted = ks;
        size_t *count = xcalloc((size_t) unreachable + 1, sizeof *count), at = 0;
        for (size_t x = 0; x < S; x++)
            count[ks[x]]++;
        for (int v = 0; v <= unreachable; v++)
            for (size_t c = 0; c < count[v]; c++)
                sorted[at++] = v;
        free(count);
        {
            const size_t i80 = (size_t) ceil(0.8 * (double) S) - 1;
            const size_t i90 = (size_t) ceil(0.9 * (double) S) - 1;
            *k80 = sorted[i80] >= unreachable ? INFINITY : sorted[i80] * size;
            *k90 = sorted[i90] >= unreachable ? INFINITY : sorted[i90] * size;
        }
    }
    free(ks);
    return LS_OK;
}

/* The standard error of a probability, as the sampling design makes it: binomial,
 * sqrt(p (1 - p) / N), for independent runs; for antithetic pairs the spread of the J
 * pair means m (0, 1/2 or 1) around p, sqrt(s^2 / J) with s^2 = J / (J - 1) (E m^2 - p^2). */
double
mc_probability_se(const mc *self, size_t row)
{
    const double N = (double) self->opt.runs, p = (double) self->met[row] / N;
    if (self->opt.antithetic && self->opt.runs >= 4) {
        const double J = (double) (self->opt.runs / 2);
        const double m2 = (0.25 * (double) self->pair_half[row] + (double) self->pair_both[row]) / J;
        const double s2 = J / (J - 1) * (m2 - p * p);
        return s2 > 0 ? sqrt(s2 / J) : 0;
    }
    return sqrt(p * (1 - p) / N);
}

int
mc_finish(mc *self)
{
    const size_t Q = self->Q;
    const uint64_t N = self->opt.runs;
    worker *workers = self->workers;
    int ret = LS_OK;

    for (unsigned t = 0; t < self->opt.threads; t++)
        pthread_join(workers[t].thread, NULL);
    if (self->status != LS_OK)
        ret = self->status;
    /* Merge: integer counts and sums, so the thread order does not matter. */
    for (size_t q = 0; q < Q; q++) {
        self->vmin[q] = HUGE_VAL;
        self->vmax[q] = -HUGE_VAL;
    }
    for (unsigned t = 0; t < self->opt.threads && ret == LS_OK; t++) {
        worker *w = &workers[t];
        for (size_t i = 0; i < Q * (MC_BINS + 2); i++)
            self->hist[i] += w->hist[i];
        for (size_t q = 0; q < Q; q++) {
            self->sum[q] += w->sum[q];
            if (w->vmin[q] < self->vmin[q])
                self->vmin[q] = w->vmin[q];
            if (w->vmax[q] > self->vmax[q])
                self->vmax[q] = w->vmax[q];
        }
        for (size_t i = 0; i < self->tt->n; i++) {
            self->met[i] += w->met[i];
            self->pair_half[i] += w->pair_half[i];
            self->pair_both[i] += w->pair_both[i];
        }
    }
    if (ret == LS_OK) {
        double *col = xcalloc(self->n_pilot + 1, sizeof *col);
        for (size_t q = 0; q < Q; q++) {
            mc_summary *sm = &self->summary[q];
            for (size_t i = 0; i < self->n_pilot; i++)
                col[i] = self->pilot[i * Q + q];
            sm->min = self->vmin[q];
            sm->max = self->vmax[q];
            /* The fixed-point sum can put a mean a rounding step outside [min, max]. */
            sm->mean = (double) self->sum[q] / FIXED_SCALE / (double) N;
            if (sm->mean < sm->min)
                sm->mean = sm->min;
            if (sm->mean > sm->max)
                sm->mean = sm->max;
            if (N <= self->n_pilot) {
                /* Every run is at hand: exact quantiles (by selection; a sort when a
                 * value is NaN). */
                static const double p[3] = {0.1, 0.5, 0.9};
                double v[3];
                if (!mc_quantiles_select(col, self->n_pilot, p, 3, v)) {
                    qsort(col, self->n_pilot, sizeof *col, cmp_double);
                    for (int k = 0; k < 3; k++)
                        v[k] = mc_quantile_exact(col, self->n_pilot, p[k]);
                }
                sm->p10 = v[0];
                sm->p50 = v[1];
                sm->p90 = v[2];
            } else {
                uint32_t *h = self->hist + q * (MC_BINS + 2);
                for (size_t i = 0; i < self->n_pilot; i++)
                    hist_add(h, self->lo + q, self->width + q, 1, &col[i]);
                sm->p10 = mc_quantile_hist(h, self->lo[q], self->width[q], sm->min, sm->max, N, 0.1);
                sm->p50 = mc_quantile_hist(h, self->lo[q], self->width[q], sm->min, sm->max, N, 0.5);
                sm->p90 = mc_quantile_hist(h, self->lo[q], self->width[q], sm->min, sm->max, N, 0.9);
            }
        }
        free(col);
        for (size_t i = 0; i < self->tt->n; i++) {
            self->probability[i] = (double) self->met[i] / (double) N;
            self->probability_se[i] = mc_probability_se(self, i);
        }
        /* The capacity solver. */
        for (size_t i = 0; i < self->tt->n; i++) {
            const target_row *row = &self->tt->row[i];
            const enum target_measure ms = row->t->measure;
            self->extra80[i] = self->extra90[i] = NAN;
            if (self->n_store == 0 || !self->m->spec->phase[self->m->spec->extra_phase].given)
                continue;
            /* A target already decided by what was observed needs no capacity. */
            if (row->status == TARGET_OBSERVED || row->missed_in_past)
                continue;
            if (ms == MEASURE_COMPLETIONS || ms == MEASURE_NET_STOCK_GROWTH
                || ms == MEASURE_REGIONAL || ms == MEASURE_REGIONAL_OWN) {
                solve_row(self, i, mc_extra_plan_size(self, i), row->required,
                          &self->extra80[i], &self->extra90[i]);
            }
        }
    }
    for (unsigned t = 0; t < self->opt.threads; t++)
        worker_free(&workers[t]);
    free(workers);
    self->workers = NULL;
    return ret;
}
