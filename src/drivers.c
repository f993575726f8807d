/* First-order variance shares of the Monte Carlo inputs, from the kept runs. */
#include <config.h>

#include <gsl/gsl_rng.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "drivers.h"
#include "util.h"

#define MAX_BINS 20
/* The memory the rows computed side by side may hold together (drivers_compute_rows). */
#define DRIVERS_THREAD_BYTES (512.0 * 1024 * 1024)
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
make_bins(const double *x, const size_t *o, size_t n, unsigned char *bin)
{
    size_t distinct = n > 0, b = 0;
    for (size_t k = 1; k < n && distinct <= MAX_BINS; k++)
        distinct += x[o[k]] != x[o[k - 1]];
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && x[o[k]] != x[o[k - 1]]) {
            if (distinct <= MAX_BINS || k >= (b + 1) * n / MAX_BINS)
                b++;
        }
        bin[o[k]] = (unsigned char) b;
    }
    return n > 0 ? b + 1 : 0;
}

/* The bias-corrected share from the sums per bin (cnt, sum, sq: nbins each). */
static double
share_from_bins(const double *acc, size_t nbins)
{
    const double *cnt = acc, *sum = acc + nbins, *sq = acc + 2 * nbins;
    double N = 0, tot = 0, tot2 = 0, ssw = 0, sst, ssb;
    size_t used = 0;

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

/* The share with every run once; acc holds 3 x nbins doubles of scratch. */
static double
share_of(const double *y, const unsigned char *bin, size_t nbins, size_t n, double *acc)
{
    double *cnt = acc, *sum = acc + nbins, *sq = acc + 2 * nbins;

    memset(acc, 0, 3 * nbins * sizeof *acc);
    for (size_t i = 0; i < n; i++) {
        cnt[bin[i]] += 1;
        sum[bin[i]] += 1 * y[i];
        sq[bin[i]] += 1 * y[i] * y[i];
    }
    return share_from_bins(acc, nbins);
}

/* One bootstrap resample: the runs drawn at least once (run[k], drawn w[k] times), in
 * run order. Leaving out the runs drawn 0 times changes no sum (each would add +0 or
 * -0 to a sum that is never -0) while y is finite; with a y that is not, every run is
 * listed, so that 0 x inf still makes its NaN. */
typedef struct {
    size_t *run;
    unsigned *w, *count;
    size_t n;
} resample;

static void
resample_draw(resample *s, gsl_rng *r, size_t n, int all)
{
    memset(s->count, 0, n * sizeof *s->count);
    for (size_t i = 0; i < n; i++)
        s->count[gsl_rng_uniform_int(r, n)]++;
    s->n = 0;
    for (size_t i = 0; i < n; i++)
        if (s->count[i] > 0 || all) {
            s->run[s->n] = i;
            s->w[s->n++] = s->count[i];
        }
}

/* The share of the resample: the same sums, in run order, as with every run weighted. */
static double
share_resampled(const double *y, const unsigned char *bin, size_t nbins, const resample *s,
                double *acc)
{
    double *cnt = acc, *sum = acc + nbins, *sq = acc + 2 * nbins;

    memset(acc, 0, 3 * nbins * sizeof *acc);
    for (size_t k = 0; k < s->n; k++) {
        const size_t i = s->run[k], b = bin[i];
        const double wi = s->w[k];
        cnt[b] += wi;
        sum[b] += wi * y[i];
        sq[b] += wi * y[i] * y[i];
    }
    return share_from_bins(acc, nbins);
}

/* The x of one input, binned: its runs in order of x (until binned_sorted_free), each
 * run's bin (at most MAX_BINS, so a byte a run). */
typedef struct {
    size_t *order, nbins;
    unsigned char *bin;
    double sum, sum2; /* of the resampled shares */
} binned;

static void
binned_init(binned *b, const double *x, size_t n)
{
    b->order = order_by(x, n);
    b->bin = xcalloc(n + 1, sizeof *b->bin);
    b->nbins = make_bins(x, b->order, n, b->bin);
    b->sum = b->sum2 = 0;
}

static void
binned_sorted_free(binned *b)
{
    free(b->order);
    b->order = NULL;
}

static void
binned_free(binned *b)
{
    binned_sorted_free(b);
    free(b->bin);
}

/* The shares of k inputs (bins b[0..k-1]) of y over n runs, and with se != NULL their
 * bootstrap standard errors: BOOTSTRAP resamples (seed 1), each drawn once and read by
 * every input, so that each input sees the resamples it would see alone. */
static void
shares_of(binned *b, size_t k, const double *y, size_t n, double *share, double *se)
{
    size_t nb = 1;
    double *acc;
    int finite = 1;

    for (size_t j = 0; j < k; j++)
        nb = b[j].nbins > nb ? b[j].nbins : nb;
    for (size_t i = 0; i < n; i++)
        finite &= isfinite(y[i]) != 0;
    acc = xcalloc(3 * nb + 1, sizeof *acc);
    for (size_t j = 0; j < k; j++)
        share[j] = share_of(y, b[j].bin, b[j].nbins, n, acc);
    if (se != NULL) {
        gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
        resample s = {.run = xcalloc(n + 1, sizeof *s.run), .w = xcalloc(n + 1, sizeof *s.w),
                      .count = xcalloc(n + 1, sizeof *s.count)};
        if (r == NULL)
            fatal("out of memory (random generator)");
        gsl_rng_set(r, 1);
        for (int t = 0; t < BOOTSTRAP; t++) {
            resample_draw(&s, r, n, !finite);
            for (size_t j = 0; j < k; j++) {
                const double v = share_resampled(y, b[j].bin, b[j].nbins, &s, acc);
                b[j].sum += v;
                b[j].sum2 += v * v;
            }
        }
        for (size_t j = 0; j < k; j++)
            se[j] = sqrt(fmax(0, (b[j].sum2 - b[j].sum * b[j].sum / BOOTSTRAP) / (BOOTSTRAP - 1)));
        free(s.run);
        free(s.w);
        free(s.count);
        gsl_rng_free(r);
    }
    free(acc);
}

double
drivers_share(const double *x, const double *y, size_t n, double *se)
{
    binned b;
    double s;

    binned_init(&b, x, n);
    shares_of(&b, 1, y, n, &s, se);
    binned_free(&b);
    return s;
}

/* Mean of y and share of met in the runs with x at or below its 10th percentile
 * (high = 0) or at or above its 90th (high = 1). */
static void
tail_means(const double *x, const size_t *o, const double *y, const unsigned char *met,
           size_t stride, size_t n, int high, double *mean, double *p)
{
    size_t k = 0;
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
    const unsigned long N = R->n_runs;
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
    const unsigned long N = R->n_runs;
    const target_row *row;
    const target_spec *t;
    double *x, *y, *share, sy = 0, syy = 0, sm = 0;
    binned *bins;
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
    bins = xcalloc(self->n + 1, sizeof *bins);
    share = xcalloc(2 * self->n + 1, sizeof *share);
    for (size_t k = 0; k < self->n; k++) {
        driver *d = &self->d[k];
        const double *xk = x + k * N;
        binned_init(&bins[k], xk, N);
        tail_means(xk, bins[k].order, y, R->met + j, R->n_rows, N, 0, &d->low, &d->p_low);
        tail_means(xk, bins[k].order, y, R->met + j, R->n_rows, N, 1, &d->high, &d->p_high);
        binned_sorted_free(&bins[k]);
    }
    shares_of(bins, self->n, y, N, share, share + self->n);
    for (size_t k = 0; k < self->n; k++) {
        self->d[k].share = share[k];
        self->d[k].share_se = share[self->n + k];
        binned_free(&bins[k]);
    }
    qsort(self->d, self->n, sizeof *self->d, by_share);
    free(bins);
    free(share);
    free(x);
    free(y);
    return LS_OK;
}

/* drivers_compute_rows: the rows share one counter, each thread takes the next. */
typedef struct {
    driver_table *t;
    int *status;
    const mc *M;
    const size_t *j;
    size_t k;
    atomic_size_t next;
} rows_job;

static void *
rows_worker(void *arg)
{
    rows_job *w = arg;

    for (size_t i; (i = atomic_fetch_add(&w->next, 1)) < w->k;)
        w->status[i] = drivers_compute(&w->t[i], w->M, w->j[i]);
    return NULL;
}

void
drivers_compute_rows(driver_table *t, int *status, const mc *M, const size_t *j, size_t k,
                     unsigned threads)
{
    rows_job w = {.t = t, .status = status, .M = M, .j = j, .k = k};
    /* A row in flight holds its inputs' x (8 bytes a run each), order (8) and bins (1):
     * no more rows at once than fit in DRIVERS_THREAD_BYTES together. */
    const double row_bytes = (double) (M->m->n_plans + MC_N_LEVELS + 1) * 17.0
                             * (double) (M->runs.n_runs + 1);
    const double fit = floor(DRIVERS_THREAD_BYTES / row_bytes);
    size_t nt = threads < k ? threads : k, started = 0;
    pthread_t *th;

    if (fit < (double) nt)
        nt = fit < 1 ? 1 : (size_t) fit;

    atomic_init(&w.next, 0);
    th = xcalloc(nt + 1, sizeof *th);
    for (size_t i = 1; i < nt; i++) /* this thread is the first */
        if (pthread_create(&th[started], NULL, rows_worker, &w) == 0)
            started++;
    rows_worker(&w);
    for (size_t i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    free(th);
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
