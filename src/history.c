/* The history: observations turned into levels, completions and trends. No file or
 * YAML knowledge: the model holds the observations and the plan snapshots. */
#include <config.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "pipeline.h"
#include "projection.h"
#include "util.h"

const char *const hist_status_names[3] = {"model", "observed", "observed (distributed)"};

static int
obs_in_scope(const model *m, const observation *o, size_t a)
{
    switch (o->scope) {
    case OBS_MUNICIPALITY:
        return 1;
    case OBS_TIER:
        return m->area_tier[a] == o->index;
    default:
        return a == o->index;
    }
}

static const char *
obs_file(const model *m, const observation *o)
{
    return o->line > 0 ? m->spec->observed_file : m->spec->path;
}

static size_t
obs_line(const model *m, const observation *o)
{
    return o->line > 0 ? o->line : m->spec->calibrate_at.line;
}

/* ------------------------------------------------------------ dwellings account */

/* Spreads amount over the years flagged in open_[0..n) by key (evenly without one or
 * when the key gives them nothing). */
static void
spread(double *dst, const int *open_, size_t n, const double *key, double amount)
{
    double w = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (open_[i]) {
            w += key != NULL && key[i] > 0 ? key[i] : 0;
            k++;
        }
    for (size_t i = 0; i < n; i++)
        if (open_[i])
            dst[i] = w > 0 ? amount * (key[i] > 0 ? key[i] : 0) / w : amount / (double) k;
}

typedef struct {
    int year;
    double value;
    const observation *o; /* NULL for the model's own stock */
} stock_point;

static int
cmp_point(const void *a, const void *b)
{
    const stock_point *x = a, *y = b;
    return (x->year > y->year) - (x->year < y->year);
}

/* Completions observed as sums over several years: what the single years leave is
 * spread over the others by the key, shortest periods first. */
static int
account_multi_year(const model *m, int y0, int y1, const double *key, int include_later,
                   double *c, enum hist_status *cs, diag *d)
{
    const size_t n = (size_t) (y1 - y0 + 1);
    int *open_ = xcalloc(n, sizeof *open_);
    int ret = LS_OK;

    for (int len = 2; len <= y1 - y0 + 1; len++)
        for (size_t i = 0; i < m->n_obs; i++) {
            const observation *o = &m->obs[i];
            double rem;
            int any = 0;
            if (o->measure != OBS_COMPLETIONS || o->scope != OBS_MUNICIPALITY
                || o->to - o->from + 1 != len || o->from < y0 || o->to > y1
                || (o->later && !include_later))
                continue;
            rem = o->value;
            for (int y = o->from; y <= o->to; y++) {
                const size_t k = (size_t) (y - y0);
                open_[k] = isnan(c[k]);
                any |= open_[k];
                if (!open_[k])
                    rem -= c[k];
            }
            if (!any)
                continue; /* every year is known more finely */
            if (rem < -0.5) {
                diag_add(d, obs_file(m, o), obs_line(m, o), 0,
                         "completions %d-%d (%.0f) are fewer than the single years observed in "
                         "that period (%.0f)",
                         o->from, o->to, o->value, o->value - rem);
                ret = LS_ECONFIG;
                continue;
            }
            {
                double *part = xcalloc(n, sizeof *part);
                spread(part, open_, n, key, rem > 0 ? rem : 0);
                for (size_t k = 0; k < n; k++)
                    if (open_[k]) {
                        c[k] = part[k];
                        cs[k] = HIST_DISTRIBUTED;
                    }
                free(part);
            }
            memset(open_, 0, n * sizeof *open_);
        }
    free(open_);
    return ret;
}

/* One interval between two known stocks: the absorbing component takes what the
 * stock change leaves. */
static int
account_interval(const model *m, const stock_point *p, const stock_point *q, int y0,
                 const double *key, hist_year *out, diag *d)
{
    const model_spec *s = m->spec;
    const size_t a = (size_t) (p->year - y0), b = (size_t) (q->year - y0);
    const double delta = q->value - p->value;
    const observation *where = q->o != NULL ? q->o : p->o;
    int *open_ = xcalloc(b - a + 1, sizeof *open_);
    double known = 0, *part = xcalloc(b - a + 1, sizeof *part);
    int n_open = 0, all_observed = 1, ret = LS_OK;
    const int by_completions = s->absorb_dwellings == ABSORB_COMPLETIONS;

    for (size_t k = a; k < b; k++) {
        if (isnan(out[k].other)) {
            out[k].other = schedule_at(&s->other_change, y0 + (int) k, 0);
            out[k].o_status = HIST_MODEL;
        }
        if (out[k].o_status != HIST_OBSERVED)
            all_observed = 0;
    }
    /* Completions absorb, unless every year is counted or other change is named. */
    for (size_t k = a; k < b; k++)
        n_open += open_[k - a] = by_completions && isnan(out[k].completions);
    if (n_open > 0) {
        for (size_t k = a; k < b; k++)
            known += (open_[k - a] ? 0 : out[k].completions) + out[k].other;
        if (delta - known < -0.5) {
            diag_add(d, obs_file(m, where), obs_line(m, where), 0,
                     "the stock change from 1 January %d to 1 January %d (%+.0f) leaves %.0f "
                     "completions, fewer than none: set observed.absorb.dwellings: other_change or "
                     "add the completions",
                     p->year, q->year, delta, delta - known);
            ret = LS_ECONFIG;
            goto out;
        }
        spread(part, open_, b - a, key != NULL ? key + a : NULL, delta - known);
        for (size_t k = a; k < b; k++)
            if (open_[k - a]) {
                out[k].completions = part[k - a];
                out[k].c_status = n_open == 1 && all_observed ? HIST_OBSERVED : HIST_DISTRIBUTED;
            }
        goto out;
    }
    /* Other change absorbs: the years whose other change is not observed. */
    for (size_t k = a; k < b; k++) {
        if (isnan(out[k].completions)) {
            out[k].completions = key != NULL ? key[k] : 0;
            out[k].c_status = HIST_MODEL;
        }
        known += out[k].completions;
        n_open += open_[k - a] = out[k].o_status != HIST_OBSERVED;
        if (!open_[k - a])
            known += out[k].other;
    }
    if (n_open == 0) {
        if (fabs(delta - known) > 0.5) {
            diag_add(d, obs_file(m, where), obs_line(m, where), 0,
                     "the stock change from 1 January %d to 1 January %d (%+.0f) contradicts the "
                     "completions and other change observed in between (%+.0f)",
                     p->year, q->year, delta, known);
            ret = LS_ECONFIG;
        }
        goto out;
    }
    spread(part, open_, b - a, NULL, delta - known);
    for (size_t k = a; k < b; k++)
        if (open_[k - a]) {
            int exact = n_open == 1;
            for (size_t j = a; j < b; j++)
                exact &= out[j].c_status == HIST_OBSERVED;
            out[k].other = part[k - a];
            out[k].o_status = exact ? HIST_OBSERVED : HIST_DISTRIBUTED;
        }
out:
    free(open_);
    free(part);
    return ret;
}

int
history_account(const model *m, int y0, int y1, const double *key, int anchor_year,
                double anchor, int include_later, hist_year *out, diag *d)
{
    const model_spec *s = m->spec;
    const size_t n = y1 >= y0 ? (size_t) (y1 - y0 + 1) : 0;
    double *c = xcalloc(n + 1, sizeof *c);
    enum hist_status *cs = xcalloc(n + 1, sizeof *cs);
    stock_point *pt = xcalloc(m->n_obs + 2, sizeof *pt);
    size_t np = 0;
    int ret = LS_OK;

    for (size_t k = 0; k < n; k++) {
        c[k] = NAN;
        out[k].completions = out[k].other = NAN;
        out[k].c_status = out[k].o_status = HIST_MODEL;
    }
    for (size_t i = 0; i < m->n_obs; i++) {
        const observation *o = &m->obs[i];
        if ((o->later && !include_later) || o->scope != OBS_MUNICIPALITY)
            continue;
        if (o->measure == OBS_COMPLETIONS && o->from == o->to && o->from >= y0 && o->from <= y1) {
            c[o->from - y0] = o->value;
            cs[o->from - y0] = HIST_OBSERVED;
        }
        if (o->measure == OBS_DWELLINGS && o->from >= y0 && o->from <= y1 + 1)
            pt[np++] = (stock_point) {o->from, o->value, o};
    }
    if (account_multi_year(m, y0, y1, key, include_later, c, cs, d) != LS_OK)
        ret = LS_ECONFIG;
    for (size_t k = 0; k < n; k++) {
        out[k].completions = c[k];
        out[k].c_status = cs[k];
    }
    if (anchor_year >= y0 && anchor_year <= y1 + 1)
        pt[np++] = (stock_point) {anchor_year, anchor, NULL};
    qsort(pt, np, sizeof *pt, cmp_point);
    for (size_t i = 0; i + 1 < np && ret == LS_OK; i++) {
        if (pt[i].year == pt[i + 1].year) {
            if (fabs(pt[i].value - pt[i + 1].value) > 0.5) {
                const observation *o = pt[i].o != NULL ? pt[i].o : pt[i + 1].o;
                diag_add(d, obs_file(m, o), obs_line(m, o), 0,
                         "dwellings on 1 January %d: %.0f here, but %s says %.0f", pt[i].year,
                         o->value, pt[i].o != NULL && pt[i + 1].o != NULL ? "another row" : "dwellings.stock",
                         pt[i].o == o ? pt[i + 1].value : pt[i].value);
                ret = LS_ECONFIG;
            }
            continue;
        }
        if (account_interval(m, &pt[i], &pt[i + 1], y0, key, out, d) != LS_OK)
            ret = LS_ECONFIG;
    }
    for (size_t k = 0; k < n; k++) {
        if (isnan(out[k].completions)) {
            out[k].completions = key != NULL ? key[k] : 0;
            out[k].c_status = HIST_MODEL;
        }
        if (isnan(out[k].other)) {
            out[k].other = schedule_at(&s->other_change, y0 + (int) k, 0);
            out[k].o_status = HIST_MODEL;
        }
    }
    free(c);
    free(cs);
    free(pt);
    return ret;
}

/* ------------------------------------------------------ small plans and infill */

static int
cmp_plan_id(const void *a, const void *b)
{
    const plan *const *x = a, *const *y = b;
    return strcmp((*x)->id, (*y)->id);
}

/* Units of plan p (in a snapshot of status year sy) built before 1 January y0: from
 * the earlier snapshot when it lists the plan, else by even delivery from its first
 * planned year to the status year. */
static double
built_before(const plan *p, int sy, int y0, plan **prev, size_t n_prev)
{
    const plan key = {.id = p->id}, *kp = &key;
    plan **hit = n_prev > 0 ? bsearch(&kp, prev, n_prev, sizeof *prev, cmp_plan_id) : NULL;
    double share;
    if (hit != NULL)
        return (*hit)->built;
    if (p->planned_first >= sy)
        return 0;
    share = (double) (y0 - p->planned_first) / (double) (sy - p->planned_first);
    return p->built * (share < 0 ? 0 : share > 1 ? 1 : share);
}

/* The yearly rate of small plans and infill as of snapshot si: completions observed
 * in the years before it (since the previous snapshot, or pipeline.small_plans.years)
 * that the named plans do not explain. must: fail with a message when the
 * completions of those years are not known; else give 0. */
static int
small_estimate(const model *m, size_t si, int must, double *rate, int *w0, int *w1,
               double *observed, double *named, diag *d)
{
    const model_spec *s = m->spec;
    const plan_snapshot *sn = &m->snapshots[si], *pv = si > 0 ? &m->snapshots[si - 1] : NULL;
    const int sy = sn->date.year;
    const int y0 = pv != NULL ? pv->date.year : sy - s->small_years, y1 = sy - 1;
    const size_t n = (size_t) (y1 - y0 + 1);
    hist_year *acc = xcalloc(n + 1, sizeof *acc);
    plan **prev = NULL;
    double stock0 = 0, c = 0, nm = 0;
    int ret = LS_OK;
    diag quiet;

    diag_init(&quiet);
    *rate = 0;
    *w0 = y0;
    *w1 = y1;
    for (size_t a = 0; a < m->n_areas; a++)
        stock0 += m->stock0[a];
    if (history_account(m, y0, y1, NULL, s->base_year, stock0, 0, acc, must ? d : &quiet)
        != LS_OK) {
        ret = must ? LS_ECONFIG : LS_OK;
        goto out;
    }
    for (size_t k = 0; k < n; k++) {
        if (acc[k].c_status == HIST_MODEL) {
            if (must) {
                diag_add(d, s->path, s->small_at.line, s->small_at.col,
                         "pipeline.small_plans: the completions of %d are neither observed nor "
                         "implied by observed stocks in %s, so the rate of small plans and infill "
                         "in %d-%d cannot be estimated; add them, or give pipeline.small_plans.rate",
                         y0 + (int) k, s->observed_file ? s->observed_file : "the observations",
                         y0, y1);
                ret = LS_ECONFIG;
            }
            goto out;
        }
        c += acc[k].completions;
    }
    if (pv != NULL) {
        prev = xcalloc(pv->n + 1, sizeof *prev);
        for (size_t i = 0; i < pv->n; i++)
            prev[i] = &pv->plans[i];
        qsort(prev, pv->n, sizeof *prev, cmp_plan_id);
    }
    for (size_t i = 0; i < sn->n; i++)
        nm += sn->plans[i].built - built_before(&sn->plans[i], sy, y0, prev, pv ? pv->n : 0);
    *observed = c;
    *named = nm;
    *rate = (c - nm) / (double) n;
    if (*rate < 0)
        *rate = 0;
out:
    free(prev);
    free(acc);
    diag_free(&quiet);
    return ret;
}

static int
build_small(history *h, const model *m, diag *d)
{
    const model_spec *s = m->spec;
    double stock0 = 0, dummy1, dummy2;
    int w0, w1;

    h->small_share = xcalloc(m->n_areas + 1, sizeof *h->small_share);
    if (!s->has_small_plans || m->n_snapshots == 0)
        return LS_OK;
    h->has_small = 1;
    h->small_to = s->small_until;
    for (size_t a = 0; a < m->n_areas; a++)
        stock0 += m->stock0[a];
    for (size_t a = 0; a < m->n_areas; a++)
        h->small_share[a] = stock0 > 0 ? m->stock0[a] / stock0 : 1.0 / (double) m->n_areas;
    if (isfinite(s->small_rate)) {
        h->small_rate = h->small_base_rate = s->small_rate;
        return LS_OK;
    }
    h->small_estimated = 1;
    if (small_estimate(m, m->current_snapshot, 1, &h->small_rate, &h->small_w0, &h->small_w1,
                       &h->small_observed, &h->small_named, d)
        != LS_OK)
        return LS_ECONFIG;
    if (m->base_snapshot == m->current_snapshot)
        h->small_base_rate = h->small_rate;
    else
        (void) small_estimate(m, m->base_snapshot, 0, &h->small_base_rate, &w0, &w1, &dummy1,
                              &dummy2, d);
    return LS_OK;
}

/* ----------------------------------------------------- dwellings in history */

/* Completions and other change per kern and history year: the municipal account
 * spread over kernen by the expectation as of the base year (the base plan list and
 * the base rate of small plans); kern observations of single years are kept. */
static int
build_dwellings(history *h, const model *m, diag *d)
{
    const model_spec *s = m->spec;
    const size_t n = m->n_areas, T = h->n_steps;
    const plan_snapshot *bs = &m->snapshots[m->base_snapshot];
    double *key = xcalloc(T * n + 1, sizeof *key), *dem = xcalloc(T * n + 1, sizeof *dem);
    double *mkey = xcalloc(T + 1, sizeof *mkey);
    double stock0 = 0;
    unsigned char *fixed = xcalloc(T * n + 1, 1);
    int ret;

    h->has_dwellings = 1;
    h->completions = xcalloc(T * n + 1, sizeof *h->completions);
    h->other = xcalloc(T * n + 1, sizeof *h->other);
    h->account = xcalloc(T + 1, sizeof *h->account);
    pipeline_expected(bs->plans, bs->n, s->phase, s->base_year, T, n, key, dem);
    for (size_t a = 0; a < n; a++)
        stock0 += m->stock0[a];
    for (size_t t = 0; t < T; t++)
        for (size_t a = 0; a < n; a++) {
            if (h->has_small && s->base_year + (int) t <= h->small_to)
                key[t * n + a] += h->small_base_rate * h->small_share[a];
            mkey[t] += key[t * n + a];
        }
    ret = history_account(m, s->base_year, h->last_observed - 1, mkey, s->base_year, stock0, 0,
                          h->account, d);
    /* Kern observations of a single year are kept as they are. */
    for (size_t i = 0; i < m->n_obs; i++) {
        const observation *o = &m->obs[i];
        if (o->later || o->measure != OBS_COMPLETIONS || o->scope != OBS_KERN || o->from != o->to
            || o->from < s->base_year || o->from >= h->last_observed)
            continue;
        fixed[(size_t) (o->from - s->base_year) * n + o->index] = 1;
        h->completions[(size_t) (o->from - s->base_year) * n + o->index] = o->value;
    }
    for (size_t t = 0; t < T; t++) {
        double left = h->account[t].completions, w = 0;
        int open_ = 0;
        for (size_t a = 0; a < n; a++) {
            if (fixed[t * n + a])
                left -= h->completions[t * n + a];
            else {
                w += key[t * n + a];
                open_++;
            }
            h->other[t * n + a] = stock0 > 0 ? h->account[t].other * m->stock0[a] / stock0 : 0;
        }
        if (left < -0.5 && open_ > 0) {
            diag_add(d, s->observed_file, 0, 0,
                     "completions %d: the kernen observed add up to more than the municipality",
                     s->base_year + (int) t);
            ret = LS_ECONFIG;
        }
        for (size_t a = 0; a < n; a++)
            if (!fixed[t * n + a])
                h->completions[t * n + a] = open_ == 0 ? 0
                                            : w > 0    ? (left > 0 ? left : 0) * key[t * n + a] / w
                                                       : (left > 0 ? left : 0) / open_;
    }
    free(key);
    free(dem);
    free(mkey);
    free(fixed);
    return ret;
}

/* ---------------------------------------------------------- population history */

enum channel { CH_FERT, CH_MORT, CH_FLOW };

typedef struct {
    const observation *o;
    enum channel ch;
    long flow;      /* CH_FLOW: the absorbing flow, or -1 for every flow of the kind */
    int from, to;   /* calendar years */
    size_t cells;
    size_t owned;
    int is_pop;
    double u;
} cons;

typedef struct {
    history *h;
    const model *m;
    projection p;
    cons *c;
    size_t n;
    long *owner[3]; /* [step][area] fert and mort; [step][flow][area] flows */
    size_t j;       /* constraint being solved */
    int status;
} solver;

static enum flow_kind
measure_kind(enum obs_measure ms)
{
    switch (ms) {
    case OBS_IMMIGRATION:
        return FLOW_IMMIGRATION;
    case OBS_EMIGRATION:
        return FLOW_EMIGRATION;
    case OBS_DOMESTIC_IN:
        return FLOW_DOMESTIC_IN;
    default:
        return FLOW_DOMESTIC_OUT;
    }
}

/* Whether constraint c acts on flow k. */
static int
acts_on_flow(const solver *S, const cons *c, size_t k)
{
    if (c->ch != CH_FLOW)
        return 0;
    if (c->flow >= 0)
        return (size_t) c->flow == k;
    return S->m->flows[k].spec->kind == measure_kind(c->o->measure);
}

static long *
owner_cell(const solver *S, enum channel ch, size_t t, size_t k, size_t a)
{
    const history *h = S->h;
    if (ch == CH_FLOW)
        return &S->owner[2][(t * h->n_flows + k) * h->n_areas + a];
    return &S->owner[ch][t * h->n_areas + a];
}

/* The projection step of calendar year y (steps are ages.width years). */
static size_t
step_of(const solver *S, int y)
{
    return (size_t) ((y - S->h->base_year) / S->m->width);
}

/* Gives every free cell that c covers to c. */
static void
claim(solver *S, size_t j)
{
    cons *c = &S->c[j];
    const history *h = S->h;
    const size_t nk = c->ch == CH_FLOW ? h->n_flows : 1;
    for (size_t t = step_of(S, c->from); t <= step_of(S, c->to); t++)
        for (size_t k = 0; k < nk; k++) {
            if (c->ch == CH_FLOW && !acts_on_flow(S, c, k))
                continue;
            for (size_t a = 0; a < h->n_areas; a++) {
                long *w = owner_cell(S, c->ch, t, k, a);
                if (obs_in_scope(S->m, c->o, a) && *w < 0) {
                    *w = (long) j;
                    c->owned++;
                }
            }
        }
}

static void
set_level(solver *S, size_t j, double u)
{
    cons *c = &S->c[j];
    history *h = S->h;
    const size_t nk = c->ch == CH_FLOW ? h->n_flows : 1;
    c->u = u;
    for (size_t t = step_of(S, c->from); t <= step_of(S, c->to); t++)
        for (size_t k = 0; k < nk; k++)
            for (size_t a = 0; a < h->n_areas; a++) {
                if (*owner_cell(S, c->ch, t, k, a) != (long) j)
                    continue;
                if (c->ch == CH_FERT)
                    h->fert[t * h->n_areas + a] = u;
                else if (c->ch == CH_MORT)
                    h->mort[t * h->n_areas + a] = u;
                else
                    h->flow[(t * h->n_flows + k) * h->n_areas + a] = u;
            }
}

static double
comp_value(const cohort_comp *cc, enum obs_measure ms)
{
    switch (ms) {
    case OBS_BIRTHS:
        return cc->births;
    case OBS_DEATHS:
        return cc->deaths;
    case OBS_IMMIGRATION:
        return cc->immigration;
    case OBS_EMIGRATION:
        return cc->emigration;
    case OBS_DOMESTIC_IN:
        return cc->domestic_in;
    case OBS_DOMESTIC_OUT:
        return cc->domestic_out;
    default:
        return 0;
    }
}

/* The model's value of constraint c in the projection run so far. */
static double
measured(const solver *S, const cons *c)
{
    const model *m = S->m;
    const projection *p = &S->p;
    double v = 0;
    if (c->is_pop) {
        for (size_t a = 0; a < m->n_areas; a++)
            if (obs_in_scope(m, c->o, a))
                v += projection_area_total(p, step_of(S, c->to + 1), a);
        return v;
    }
    for (size_t t = step_of(S, c->from); t <= step_of(S, c->to); t++)
        for (size_t a = 0; a < m->n_areas; a++)
            if (obs_in_scope(m, c->o, a))
                for (size_t s = 0; s < m->n_sexes; s++)
                    v += comp_value(&p->comp[(t * m->n_areas + a) * m->n_sexes + s],
                                    c->o->measure);
    return v;
}

/* Runs the projection from the base year to 1 January `until`. */
static int
run_to(solver *S, int until)
{
    projection_reset(&S->p);
    while (S->p.step < S->p.n_steps && S->h->base_year + (int) S->p.step < until) {
        const int ret = projection_step(&S->p);
        if (ret != LS_OK)
            return ret;
    }
    return LS_OK;
}

static double
residual(double u, void *arg)
{
    solver *S = arg;
    cons *c = &S->c[S->j];
    set_level(S, S->j, u);
    if (run_to(S, c->to + 1) != LS_OK) {
        S->status = LS_ENUMERIC;
        return NAN;
    }
    return measured(S, c) - c->o->value;
}

static const char *
component_name(const solver *S, const cons *c)
{
    if (c->ch == CH_FERT)
        return "fertility";
    if (c->ch == CH_MORT)
        return "mortality";
    if (c->flow >= 0)
        return S->m->flows[c->flow].spec->name;
    return flow_kind_names[measure_kind(c->o->measure)];
}

/* Brent on the level of constraint j. */
static int
solve_one(solver *S, size_t j, diag *d)
{
    cons *c = &S->c[j];
    const model *m = S->m;
    gsl_function F = {residual, S};
    gsl_root_fsolver *rs;
    double lo = 0, hi = c->u > 0 ? 2 * c->u : 2, flo, fhi;
    int status = GSL_CONTINUE, iter = 0;

    S->j = j;
    flo = residual(lo, S);
    fhi = residual(hi, S);
    while (S->status == LS_OK && isfinite(flo) && isfinite(fhi) && flo * fhi > 0 && hi < 1e3) {
        hi *= 2;
        fhi = residual(hi, S);
    }
    if (S->status != LS_OK || !isfinite(flo) || !isfinite(fhi) || flo * fhi > 0) {
        if (c->o->line == 0) /* the calibrate: shorthand */
            diag_add(d, obs_file(m, c->o), obs_line(m, c->o), 0,
                     "calibration failed: no level of flow %s in [0, %g] gives population %.0f on "
                     "1 January %d (level 0 gives %.0f, level %g gives %.0f)",
                     diag_quote(component_name(S, c)), hi, c->o->value, c->to + 1,
                     flo + c->o->value, hi, fhi + c->o->value);
        else
            diag_add(d, obs_file(m, c->o), obs_line(m, c->o), 0,
                     "observed %s %.0f %s%d cannot be met: no level of %s in %d-%d in [0, %g] "
                     "does it (level 0 gives %.0f, level %g gives %.0f)",
                     obs_measure_names[c->o->measure], c->o->value,
                     c->is_pop ? "on 1 January " : "in ", c->is_pop ? c->to + 1 : c->from,
                     component_name(S, c), c->from, c->to, hi, flo + c->o->value, hi,
                     fhi + c->o->value);
        return LS_ENUMERIC;
    }
    if (flo == 0 || fhi == 0) {
        set_level(S, j, flo == 0 ? lo : hi);
        return LS_OK;
    }
    rs = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (rs == NULL)
        fatal("out of memory (root solver)");
    if (gsl_root_fsolver_set(rs, &F, lo, hi) == GSL_SUCCESS)
        do {
            iter++;
            if (gsl_root_fsolver_iterate(rs) != GSL_SUCCESS || S->status != LS_OK)
                break;
            lo = gsl_root_fsolver_x_lower(rs);
            hi = gsl_root_fsolver_x_upper(rs);
            status = gsl_root_test_interval(lo, hi, 0, 1e-13);
        } while (status == GSL_CONTINUE && iter < 300);
    if (status == GSL_SUCCESS)
        set_level(S, j, gsl_root_fsolver_root(rs));
    gsl_root_fsolver_free(rs);
    if (status != GSL_SUCCESS || S->status != LS_OK) {
        diag_add(d, obs_file(m, c->o), obs_line(m, c->o), 0,
                 "matching observed %s did not converge", obs_measure_names[c->o->measure]);
        return LS_ENUMERIC;
    }
    return LS_OK;
}

static int
cmp_cons(const void *a, const void *b)
{
    const cons *x = a, *y = b;
    if (x->is_pop != y->is_pop)
        return x->is_pop - y->is_pop; /* components first */
    if (x->cells != y->cells)
        return x->cells < y->cells ? -1 : 1; /* finer first */
    return x->to - y->to;
}

static size_t
scope_size(const model *m, const observation *o)
{
    size_t k = 0;
    for (size_t a = 0; a < m->n_areas; a++)
        k += obs_in_scope(m, o, a);
    return k;
}

/* The population observed before `o` in the same scope, or the base year. */
static int
previous_population(const model *m, const observation *o)
{
    int y = m->spec->base_year;
    for (size_t i = 0; i < m->n_obs; i++) {
        const observation *q = &m->obs[i];
        if (!q->later && q->measure == OBS_POPULATION && q->scope == o->scope
            && q->index == o->index && q->from < o->from && q->from > y)
            y = q->from;
    }
    return y;
}

static long
absorbing_flow(const model *m, const observation *o)
{
    const char *name = o->line == 0 ? m->spec->calibrate_flow : m->spec->absorb_population;
    for (size_t k = 0; name != NULL && k < m->n_flows; k++)
        if (strcmp(m->flows[k].spec->name, name) == 0)
            return (long) k;
    return -1;
}

/* The constraints of the history's observations; population on the base year is only
 * compared with the base population. */
static int
collect(solver *S, diag *d)
{
    const model *m = S->m;
    const int y0 = S->h->base_year, y1 = S->h->last_observed;
    int ret = LS_OK;

    S->c = xcalloc(m->n_obs + 1, sizeof *S->c);
    for (size_t i = 0; i < m->n_obs; i++) {
        const observation *o = &m->obs[i];
        cons c = {.o = o, .u = 1, .flow = -1};
        if (o->later || o->measure == OBS_DWELLINGS || o->measure == OBS_COMPLETIONS)
            continue;
        if (o->measure == OBS_POPULATION) {
            if (o->from == y0) {
                double base = 0;
                for (size_t a = 0; a < m->n_areas; a++)
                    if (obs_in_scope(m, o, a))
                        for (size_t k = 0; k < m->n_sexes * m->n_ages; k++)
                            base += m->base_pop[a * m->n_sexes * m->n_ages + k];
                if (fabs(base - o->value) > 1) {
                    diag_add(d, obs_file(m, o), obs_line(m, o), 0,
                             "population on 1 January %d: %.0f here, but the base population "
                             "(population:) gives %.0f",
                             y0, o->value, base);
                    ret = LS_ECONFIG;
                }
                continue;
            }
            if (o->from < y0)
                continue; /* before the projection: used for trends only */
            c.is_pop = 1;
            c.ch = CH_FLOW;
            c.flow = absorbing_flow(m, o);
            c.from = o->absorb_to > 0 ? o->absorb_from : previous_population(m, o);
            c.to = o->absorb_to > 0 ? o->absorb_to : o->from - 1;
            if (c.flow < 0) {
                diag_add(d, obs_file(m, o), obs_line(m, o), 0,
                         "population %.0f on 1 January %d is observed, so some component must "
                         "absorb what the model misses: name a flow in observed.absorb.population",
                         o->value, o->from);
                ret = LS_ECONFIG;
                continue;
            }
        } else {
            if (o->from < y0 || o->to >= y1)
                continue; /* not (wholly) in the history: trends and back-tests use it */
            c.from = o->from;
            c.to = o->to;
            c.ch = o->measure == OBS_BIRTHS ? CH_FERT : o->measure == OBS_DEATHS ? CH_MORT : CH_FLOW;
        }
        if ((c.from - y0) % m->width != 0 || (c.to + 1 - y0) % m->width != 0) {
            diag_add(d, obs_file(m, o), obs_line(m, o), 0,
                     "with ages.width %d the model steps %d years at a time: %s %d-%d must cover "
                     "whole steps from base_year %d",
                     m->width, m->width, obs_measure_names[o->measure], c.from, c.to, y0);
            ret = LS_ECONFIG;
            continue;
        }
        c.cells = (size_t) (c.to - c.from + 1) * scope_size(m, o);
        S->c[S->n++] = c;
    }
    qsort(S->c, S->n, sizeof *S->c, cmp_cons);
    return ret;
}

static int
solve_population(history *h, const model *m, diag *d)
{
    solver S;
    projection_opts po;
    const size_t T = h->n_steps, n = m->n_areas, F = m->n_flows;
    int ret;
    double worst = HUGE_VAL;

    memset(&S, 0, sizeof S);
    S.h = h;
    S.m = m;
    ret = collect(&S, d);
    if (ret != LS_OK || S.n == 0)
        goto out;
    S.owner[0] = xcalloc(T * n, sizeof(long));
    S.owner[1] = xcalloc(T * n, sizeof(long));
    S.owner[2] = xcalloc(T * F * n + 1, sizeof(long));
    for (size_t i = 0; i < T * n; i++)
        S.owner[0][i] = S.owner[1][i] = -1;
    for (size_t i = 0; i < T * F * n; i++)
        S.owner[2][i] = -1;
    for (size_t j = 0; j < S.n; j++)
        claim(&S, j);
    for (size_t j = 0; j < S.n; j++)
        if (S.c[j].is_pop && S.c[j].owned == 0) {
            diag_add(d, obs_file(m, S.c[j].o), obs_line(m, S.c[j].o), 0,
                     "population %.0f on 1 January %d cannot be absorbed by flow %s: that flow is "
                     "itself observed in every year %d-%d; name another flow in "
                     "observed.absorb.population",
                     S.c[j].o->value, S.c[j].o->from, component_name(&S, &S.c[j]), S.c[j].from,
                     S.c[j].to);
            ret = LS_ECONFIG;
        }
    if (ret != LS_OK)
        goto out;
    projection_opts_init(&po);
    po.hist = h;
    po.last_year = h->last_observed;
    ret = projection_init(&S.p, m, &po);
    for (int sweep = 0; ret == LS_OK && sweep < 60 && worst > 1e-9; sweep++) {
        worst = 0;
        for (size_t j = 0; j < S.n && ret == LS_OK; j++)
            if (S.c[j].owned > 0)
                ret = solve_one(&S, j, d);
        if (ret == LS_OK)
            ret = run_to(&S, h->last_observed);
        for (size_t j = 0; j < S.n && ret == LS_OK; j++) {
            const double r = fabs(measured(&S, &S.c[j]) - S.c[j].o->value)
                             / fmax(1, S.c[j].o->value);
            if (S.c[j].owned > 0 && r > worst)
                worst = r;
        }
    }
    if (ret == LS_OK && worst > 1e-9) {
        diag_add(d, m->spec->observed_file ? m->spec->observed_file : m->spec->path, 0, 0,
                 "the observations cannot all be met at once (largest relative miss %.3g): check "
                 "rows that contradict each other",
                 worst);
        ret = LS_ENUMERIC;
    }
    if (ret == LS_OK) {
        h->sol = xcalloc(S.n, sizeof *h->sol);
        for (size_t j = 0; j < S.n; j++) {
            hist_solution *r = &h->sol[h->n_sol++];
            r->obs = S.c[j].o;
            r->from = S.c[j].from;
            r->to = S.c[j].to;
            r->component = component_name(&S, &S.c[j]);
            r->level = S.c[j].u;
            r->achieved = measured(&S, &S.c[j]);
            r->used = S.c[j].owned > 0;
        }
    }
out:
    projection_free(&S.p);
    for (int k = 0; k < 3; k++)
        free(S.owner[k]);
    free(S.c);
    return ret;
}

/* --------------------------------------------------------------------- trends */

/* Mean of the observed yearly municipal values of measure ms in y0..y1 (visible rows;
 * a multi-year sum counts as its mean for each year no single-year row gives). */
static double
observed_mean(const model *m, enum obs_measure ms, int y0, int y1, int *years)
{
    const size_t n = (size_t) (y1 - y0 + 1);
    double *v = xcalloc(n, sizeof *v), sum = 0;
    int *len = xcalloc(n, sizeof *len);

    for (size_t i = 0; i < m->n_obs; i++) {
        const observation *o = &m->obs[i];
        const int l = o->to - o->from + 1;
        if (o->later || o->measure != ms || o->scope != OBS_MUNICIPALITY)
            continue;
        for (int y = o->from; y <= o->to; y++)
            if (y >= y0 && y <= y1 && (len[y - y0] == 0 || l < len[y - y0])) {
                v[y - y0] = o->value / l;
                len[y - y0] = l;
            }
    }
    *years = 0;
    for (size_t k = 0; k < n; k++)
        if (len[k] > 0) {
            sum += v[k];
            (*years)++;
        }
    free(v);
    free(len);
    return *years > 0 ? sum / *years : NAN;
}

static int
build_trends(history *h, const model *m, diag *d)
{
    const model_spec *s = m->spec;
    const int P = h->last_observed;
    projection p;
    projection_opts po;
    int ret = LS_OK, any = 0;

    for (size_t k = 0; k < m->n_flows; k++)
        any |= m->flows[k].spec->trend_years > 0;
    if (!any)
        return LS_OK;
    projection_opts_init(&po);
    po.hist = h;
    po.last_year = P < s->horizon ? P + s->width : P;
    ret = projection_init(&p, m, &po);
    while (ret == LS_OK && p.step < p.n_steps && s->base_year + (int) p.step < P)
        ret = projection_step(&p);
    for (size_t k = 0; k < m->n_flows && ret == LS_OK; k++) {
        const flow_spec *f = m->flows[k].spec;
        const enum obs_measure ms = f->kind == FLOW_IMMIGRATION  ? OBS_IMMIGRATION
                                    : f->kind == FLOW_EMIGRATION ? OBS_EMIGRATION
                                    : f->kind == FLOW_DOMESTIC_IN ? OBS_DOMESTIC_IN
                                                                  : OBS_DOMESTIC_OUT;
        double mean, one;
        if (f->trend_years <= 0)
            continue;
        for (size_t j = 0; j < m->n_flows; j++)
            if (j != k && m->flows[j].spec->kind == f->kind) {
                diag_add(d, s->path, f->trend_at.line, f->trend_at.col,
                         "flow %s: a trend from observations needs it to be the only flow of "
                         "kind %s (the observations count them together), found %s too",
                         diag_quote(f->name), flow_kind_names[f->kind],
                         diag_quote(m->flows[j].spec->name));
                ret = LS_ECONFIG;
            }
        mean = observed_mean(m, ms, P - f->trend_years, P - 1, &h->trend_years[k]);
        if (isnan(mean)) {
            diag_add(d, s->path, f->trend_at.line, f->trend_at.col,
                     "flow %s: trend.years %d: no observation of %s in %d-%d in the observations",
                     diag_quote(f->name), f->trend_years, obs_measure_names[ms],
                     P - f->trend_years, P - 1);
            ret = LS_ECONFIG;
            continue;
        }
        h->trend_mean[k] = mean;
        if (f->source == FLOW_FROM_TOTAL) {
            h->trend_total[k] = mean;
            continue;
        }
        one = projection_flow_at_level_one(&p, k) / s->width;
        if (!(one > 0)) {
            diag_add(d, s->path, f->trend_at.line, f->trend_at.col,
                     "flow %s: its rates move no one on 1 January %d, so no level meets the "
                     "observed mean %.0f a year",
                     diag_quote(f->name), P, mean);
            ret = LS_ECONFIG;
            continue;
        }
        h->trend_level[k] = mean / one;
    }
    projection_free(&p);
    return ret;
}

/* --------------------------------------------------------------------- driver */

int
history_build(history *self, const model *m, diag *d)
{
    const model_spec *s = m->spec;
    const size_t before = diag_count(d);
    size_t T, n = m->n_areas, F = m->n_flows;
    int ret = LS_OK;

    memset(self, 0, sizeof *self);
    self->base_year = s->base_year;
    self->last_observed = m->last_observed > 0 ? m->last_observed : s->base_year;
    T = self->n_steps = (size_t) ((self->last_observed - s->base_year) / s->width);
    self->n_areas = n;
    self->n_flows = F;
    self->fert = xcalloc(T * n + 1, sizeof *self->fert);
    self->mort = xcalloc(T * n + 1, sizeof *self->mort);
    self->flow = xcalloc(T * F * n + 1, sizeof *self->flow);
    for (size_t i = 0; i < T * n; i++)
        self->fert[i] = self->mort[i] = 1;
    for (size_t i = 0; i < T * F * n; i++)
        self->flow[i] = 1;
    self->trend_total = xcalloc(F + 1, sizeof *self->trend_total);
    self->trend_level = xcalloc(F + 1, sizeof *self->trend_level);
    self->trend_mean = xcalloc(F + 1, sizeof *self->trend_mean);
    self->trend_years = xcalloc(F + 1, sizeof *self->trend_years);
    for (size_t k = 0; k < F; k++)
        self->trend_total[k] = self->trend_level[k] = self->trend_mean[k] = NAN;
    if (m->has_housing && m->stock0 != NULL) {
        if (build_small(self, m, d) != LS_OK)
            ret = LS_ECONFIG;
        if (ret == LS_OK && T > 0 && s->width == 1 && build_dwellings(self, m, d) != LS_OK)
            ret = LS_ECONFIG;
    }
    if (ret == LS_OK && T > 0)
        ret = solve_population(self, m, d);
    if (ret == LS_OK)
        ret = build_trends(self, m, d);
    if (ret == LS_OK && diag_count(d) > before)
        ret = LS_ECONFIG;
    return ret;
}

void
history_free(history *self)
{
    if (self == NULL)
        return;
    free(self->fert);
    free(self->mort);
    free(self->flow);
    free(self->sol);
    free(self->completions);
    free(self->other);
    free(self->account);
    free(self->trend_total);
    free(self->trend_level);
    free(self->trend_mean);
    free(self->trend_years);
    free(self->small_share);
    memset(self, 0, sizeof *self);
}
