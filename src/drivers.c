/* First-order variance shares of the Monte Carlo inputs, from the kept runs. */
#include <config.h>

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "drivers.h"
#include "util.h"

#define MAX_BINS 20
#define BOOTSTRAP 200

typedef struct {
    const double *x;
    size_t i;
} keyed_run;

static int
by_x(const void *a, const void *b)
{
    const keyed_run *p = a, *q = b;
    const double u = p->x[p->i], v = q->x[q->i];
    if (u != v)
        return (u > v) - (u < v);
    return (p->i > q->i) - (p->i < q->i);
}

/* Runs in order of x (ties by run index, so the result never depends on qsort). */
static size_t *
order_by(const double *x, size_t n)
{
    keyed_run *k = xcalloc(n + 1, sizeof *k);
    size_t *o = xcalloc(n + 1, sizeof *o);
    for (size_t i = 0; i < n; i++) {
        k[i].x = x;
        k[i].i = i;
    }
    qsort(k, n, sizeof *k, by_x);
    for (size_t i = 0; i < n; i++)
        o[i] = k[i].i;
    free(k);
    return o;
}

/* bin[i] for every run: one bin per value of x when it has at most MAX_BINS values,
 * else MAX_BINS bins of about equal counts whose edges never split equal values.
 * Returns the number of bins. */
static size_t
make_bins(const double *x, const size_t *o, size_t n, size_t *bin)
{
    size_t distinct = n > 0, b = 0;
    for (size_t k = 1; k < n && distinct <= MAX_BINS; k++)
        distinct += x[o[k]] != x[o[k - 1]];
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && x[o[k]] != x[o[k - 1]]) {
            if (distinct <= MAX_BINS || k >= (b + 1) * n / MAX_BINS)
                b++;
        }
        bin[o[k]] = b;
    }
    return n > 0 ? b + 1 : 0;
}

/* The bias-corrected share with weights w (bootstrap multiplicities; NULL: all 1),
 * from sums per bin in one pass; acc holds 3 x nbins doubles of scratch. */
static double
share_of(const double *y, const size_t *bin, size_t nbins, const unsigned *w, size_t n,
         double *acc)
{
    double *cnt = acc, *sum = acc + nbins, *sq = acc + 2 * nbins;
    double N = 0, tot = 0, tot2 = 0, ssw = 0, sst, ssb;
    size_t used = 0;

    memset(acc, 0, 3 * nbins * sizeof *acc);
    for (size_t i = 0; i < n; i++) {
        const double wi = w != NULL ? w[i] : 1;
        cnt[bin[i]] += wi;
        sum[bin[i]] += wi * y[i];
        sq[bin[i]] += wi * y[i] * y[i];
    }
    for (size_t b = 0; b < nbins; b++) {
        if (!(cnt[b] > 0))
            continue;
        used++;
        N += cnt[b];
        tot += sum[b];
        tot2 += sq[b];
        ssw += fmax(0, sq[b] - sum[b] * sum[b] / cnt[b]);
    }
    sst = N > 0 ? fmax(0, tot2 - tot * tot / N) : 0;
    ssb = sst - ssw;
    /* sums of squares from raw sums lose digits when the spread is tiny against the
     * mean: such an outcome does not vary, and nothing explains it */
    if (!(sst > 1e-9 * (tot2 > 0 ? tot2 : 1)) || N <= (double) used)
        return 0;
    return (ssb - (double) (used - 1) * ssw / (N - (double) used)) / sst;
}

double
drivers_share(const double *x, const double *y, size_t n, double *se)
{
    size_t *o = order_by(x, n), *bin = xcalloc(n + 1, sizeof *bin);
    const size_t nb = make_bins(x, o, n, bin);
    double *acc = xcalloc(3 * nb + 1, sizeof *acc);
    const double s = share_of(y, bin, nb, NULL, n, acc);

    if (se != NULL) {
        gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
        unsigned *w = xcalloc(n + 1, sizeof *w);
        double sum = 0, sum2 = 0;
        if (r == NULL)
            fatal("out of memory (random generator)");
        gsl_rng_set(r, 1);
        for (int k = 0; k < BOOTSTRAP; k++) {
            double v;
            memset(w, 0, n * sizeof *w);
            for (size_t i = 0; i < n; i++)
                w[gsl_rng_uniform_int(r, n)]++;
            v = share_of(y, bin, nb, w, n, acc);
            sum += v;
            sum2 += v * v;
        }
        *se = sqrt(fmax(0, (sum2 - sum * sum / BOOTSTRAP) / (BOOTSTRAP - 1)));
        free(w);
        gsl_rng_free(r);
    }
    free(acc);
    free(o);
    free(bin);
    return s;
}

/* Mean of y and share of met in the runs with x at or below its 10th percentile
 * (high = 0) or at or above its 90th (high = 1). */
static void
tail_means(const double *x, const double *y, const unsigned char *met, size_t stride, size_t n,
           int high, double *mean, double *p)
{
    size_t *o = order_by(x, n), k = 0;
    const double q = x[o[high ? (size_t) ceil(0.9 * (double) (n - 1)) : (size_t) floor(0.1 * (double) (n - 1))]];
    double sy = 0, sm = 0;

    for (size_t i = 0; i < n; i++)
        if (high ? x[i] >= q : x[i] <= q) {
            sy += y[i];
            sm += met[i * stride];
            k++;
        }
    *mean = k ? sy / (double) k : NAN;
    *p = k ? sm / (double) k : NAN;
    free(o);
}

/* Units plan p delivers in calendar years a..b in a run (realised ok, delay, share). */
static double
delivered(const plan *p, int ok, int delay, double share, int a, int b)
{
    double u = 0;
    if (!ok)
        return 0;
    for (int y = p->first; y <= p->last; y++)
        if (y + delay >= a && y + delay <= b)
            u += p->per_year[y - p->first];
    return u * share;
}

static driver *
add_driver(driver_table *t, const char *id, const char *label, enum driver_kind kind)
{
    driver *d;
    t->d = xreallocarray(t->d, t->n + 1, sizeof *t->d);
    d = &t->d[t->n++];
    memset(d, 0, sizeof *d);
    d->id = xstrdup(id);
    d->label = xstrdup(label);
    d->kind = kind;
    return d;
}

static int
by_share(const void *a, const void *b)
{
    const driver *p = a, *q = b;
    if (p->share != q->share)
        return (p->share < q->share) - (p->share > q->share);
    return strcmp(p->id, q->id);
}

/* x[run] of every driver: each plan, then the levels (small plans and infill only
 * when the model has them). Returns the drivers' x as one array [n_drivers][runs];
 * the drivers are added to t. */
static double *
driver_inputs(driver_table *t, const mc *M, int a, int b)
{
    const model *m = M->m;
    const mc_runs *R = &M->runs;
    const unsigned long N = M->opt.runs;
    const size_t n_levels = m->spec->has_small_plans ? MC_N_LEVELS : MC_LEVEL_SMALL_PLANS;
    double *x;

    for (size_t i = 0; i < m->n_plans; i++) {
        add_driver(t, m->plans[i].id, m->plans[i].name, DRIVER_PLAN);
        t->d[i].n_plans = 1;
    }
    for (size_t k = 0; k < n_levels; k++)
        add_driver(t, mc_level_names[k], mc_level_names[k], DRIVER_LEVEL);
    x = xcalloc(t->n * N + 1, sizeof *x);
    for (unsigned long r = 0; r < N; r++) {
        for (size_t i = 0; i < m->n_plans; i++) {
            const size_t c = r * R->n_plans + i;
            x[i * N + r] = delivered(&m->plans[i], R->ok[c], R->delay[c], R->share[c], a, b);
        }
        for (size_t k = 0; k < n_levels; k++)
            x[(m->n_plans + k) * N + r] = R->level[r * MC_N_LEVELS + k];
    }
    return x;
}

int
drivers_compute(driver_table *self, const mc *M, size_t j)
{
    const mc_runs *R = &M->runs;
    const unsigned long N = M->opt.runs;
    const target_row *row;
    const target_spec *t;
    double *x, *y, sy = 0, syy = 0, sm = 0;
    int a, b;

    memset(self, 0, sizeof *self);
    if (R->value == NULL || j >= R->n_rows || N < 20 || M->m->n_plans > DRIVERS_MAX_PLANS)
        return LS_EUSAGE;
    self->row = R->row[j];
    self->runs = N;
    row = &M->tt->row[self->row];
    t = row->t;
    self->target = xstrdup(t->id);
    /* Deliveries that count: in the window, or before the 1 January a stock is read. */
    a = t->window == WINDOW_AT ? M->m->spec->base_year : t->from;
    b = t->window == WINDOW_AT ? t->from - 1 : t->to;
    y = xcalloc(N + 1, sizeof *y);
    for (unsigned long r = 0; r < N; r++) {
        y[r] = R->value[r * R->n_rows + j];
        sy += y[r];
        syy += y[r] * y[r];
        sm += R->met[r * R->n_rows + j];
    }
    self->mean = sy / (double) N;
    self->sd = sqrt(fmax(0, (syy - sy * sy / (double) N) / (double) (N - 1)));
    self->p_met = sm / (double) N;
    x = driver_inputs(self, M, a, b);
    for (size_t k = 0; k < self->n; k++) {
        driver *d = &self->d[k];
        const double *xk = x + k * N;
        d->share = drivers_share(xk, y, N, &d->share_se);
        tail_means(xk, y, R->met + j, R->n_rows, N, 0, &d->low, &d->p_low);
        tail_means(xk, y, R->met + j, R->n_rows, N, 1, &d->high, &d->p_high);
    }
    qsort(self->d, self->n, sizeof *self->d, by_share);
    free(x);
    free(y);
    return LS_OK;
}

void
driver_table_free(driver_table *self)
{
    if (self == NULL)
        return;
    for (size_t k = 0; k < self->n; k++) {
        free(self->d[k].id);
        free(self->d[k].label);
    }
    free(self->d);
    free(self->target);
    memset(self, 0, sizeof *self);
}
