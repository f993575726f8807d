/* Target checks and the allocation of municipal targets to kernen. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "targets.h"
#include "util.h"

const char *const target_status_names[3] = {"forecast", "partly observed", "observed"};

int
target_year_past(const model *m, int y, int is_stock)
{
    return is_stock ? y <= m->last_observed : y < m->last_observed;
}

int
targets_first_extra_year(const model *m)
{
    const int from = m->spec->extra_capacity_from;
    return from > m->last_observed ? from : m->last_observed;
}

static int
in_scope(const model *m, enum scope_level level, size_t index, size_t area)
{
    switch (level) {
    case LEVEL_MUNICIPALITY:
        return 1;
    case LEVEL_TIER:
        return m->area_tier[area] == index;
    default:
        return area == index;
    }
}

double
target_measure(enum target_measure measure, enum view v, enum scope_level level, size_t index,
               const model *m, const housing *h, int year)
{
    const size_t n = m->n_areas;
    const long y = year - m->spec->base_year;
    double sum = 0;

    if (y < 0 || (size_t) y >= h->n_years)
        return NAN;
    /* A kern's row reads its own column only (the same sum: 0 plus its value). */
    const int one = level == LEVEL_KERN && index < n;
    for (size_t a = one ? index : 0; a < (one ? index + 1 : n); a++) {
        const size_t i = (size_t) y * n + a;
        if (!in_scope(m, level, index, a))
            continue;
        switch (measure) {
        case MEASURE_COMPLETIONS:
            sum += h->completions[i];
            break;
        case MEASURE_NET_STOCK_GROWTH:
            sum += h->completions[i] - h->demolitions[i] + h->other[i];
            break;
        case MEASURE_HOUSEHOLDS:
            sum += h->households[v][i];
            break;
        case MEASURE_POPULATION:
            sum += projection_area_total(&h->view[v], (size_t) y, a);
            break;
        case MEASURE_REGIONAL:
            sum += h->households[VIEW_HOUSING_LED][i] - h->households[VIEW_TREND][i];
            break;
        case MEASURE_REGIONAL_OWN:
            sum += h->households[VIEW_HOUSING_LED][i] - h->households_own[i];
            break;
        default:
            break;
        }
    }
    return sum;
}

/* Shares of kernen in a municipal target. */
static int
allocation(const target_spec *t, const model *m, const housing *h, double *share, diag *d)
{
    const size_t n = m->n_areas;
    const int y0 = m->spec->base_year;
    const size_t last = h->n_years - 1;
    size_t ys = (size_t) (t->from - y0), ye = (size_t) (t->to + 1 - y0);
    double total = 0, fixed = 0;
    int *is_fixed = xcalloc(n, sizeof *is_fixed);
    int ret = LS_OK;

    if (ye > last)
        ye = last;
    if (ys > last)
        ys = last;
    for (size_t a = 0; a < n; a++) {
        double w = 0;
        switch (t->rule) {
        case ALLOC_POPULATION:
            w = projection_area_total(&h->view[VIEW_TREND], ys, a);
            break;
        case ALLOC_DWELLINGS:
            w = h->stock[ys * n + a];
            break;
        case ALLOC_CAPACITY: /* expected completions of the plans in the window */
            for (size_t y = ys; y < ye; y++)
                w += h->completions[y * n + a];
            break;
        case ALLOC_SHARES:
            w = m->target_share != NULL && m->target_share[t - m->spec->targets] != NULL
                    ? m->target_share[t - m->spec->targets][a]
                    : 0;
            break;
        default:
            w = h->households[VIEW_TREND][ye * n + a] - h->households[VIEW_TREND][ys * n + a];
            break;
        }
        share[a] = w > 0 ? w : 0;
    }
    for (size_t i = 0; i < t->explicit_alloc.n; i++) {
        long a = model_area_index(m, t->explicit_alloc.name[i]);
        if (a < 0) {
            diag_add(d, LOC_FILE(m->spec, t->explicit_alloc.at[i]),
                     t->explicit_alloc.at[i].line, t->explicit_alloc.at[i].col,
                     "target %s: allocation names %s, which is not a kern",
                     diag_quote(t->id), diag_quote(t->explicit_alloc.name[i]));
            ret = LS_ECONFIG;
            continue;
        }
        is_fixed[a] = 1;
        fixed += t->explicit_alloc.value[i];
    }
    if (ret != LS_OK)
        goto out;
    if (fixed > t->threshold * (1 + 1e-9)) {
        diag_add(d, LOC_FILE(m->spec, t->where), t->where.line, t->where.col,
                 "target %s: the explicit allocations add up to %g, more than the "
                 "threshold %g",
                 diag_quote(t->id), fixed, t->threshold);
        ret = LS_ECONFIG;
        goto out;
    }
    for (size_t a = 0; a < n; a++)
        if (!is_fixed[a])
            total += share[a];
    if (total <= 0) { /* no kern grows: fall back to the population */
        for (size_t a = 0; a < n; a++)
            if (!is_fixed[a])
                total += share[a] = projection_area_total(&h->view[VIEW_TREND], ys, a);
    }
    for (size_t a = 0; a < n; a++)
        share[a] = is_fixed[a] || total <= 0 ? 0
                                             : share[a] / total * (1 - (t->threshold > 0 ? fixed / t->threshold : 0));
    for (size_t i = 0; i < t->explicit_alloc.n; i++) {
        long a = model_area_index(m, t->explicit_alloc.name[i]);
        share[a] = t->threshold > 0 ? t->explicit_alloc.value[i] / t->threshold : 0;
    }
out:
    free(is_fixed);
    return ret;
}

double
target_row_value(const target_row *r, const model *m, const housing *h, int *met)
{
    const target_spec *t = r->t;
    double v = 0;
    int all = 1;

    if (t->window == WINDOW_AT) {
        v = target_measure(t->measure, t->view, r->level, r->index, m, h, t->from);
        all = v >= r->required - 1e-9;
    } else {
        for (int y = t->from; y <= t->to; y++) {
            const double x = target_measure(t->measure, t->view, r->level, r->index, m, h, y);
            v += x;
            if (t->window == WINDOW_ANNUAL && x < r->required - 1e-9)
                all = 0;
        }
        if (t->window == WINDOW_ANNUAL)
            v /= (t->to - t->from + 1);
        else
            all = v >= r->required - 1e-9;
    }
    if (met != NULL)
        *met = all;
    return v;
}

static void
add_row(target_table *self, size_t ti, const target_spec *t, enum scope_level level,
        size_t index, const char *name, double required)
{
    target_row *r;
    self->row = xreallocarray(self->row, self->n + 1, sizeof *self->row);
    r = &self->row[self->n++];
    memset(r, 0, sizeof *r);
    r->t = t;
    r->target = ti;
    r->level = level;
    r->index = index;
    r->scope = level == LEVEL_MUNICIPALITY ? xstrdup("municipality")
               : level == LEVEL_TIER       ? xasprintf("tier:%s", name)
                                           : xasprintf("kern:%s", name);
    r->required = required;
    r->required_need = NAN;
}

/* The observed and forecast parts of a row, and whether it is already decided. */
static void
split_past(target_row *r, const model *m, const housing *h)
{
    const target_spec *t = r->t;
    int past = 0, all = 1;

    r->observed_part = 0;
    r->observed_to = 0;
    r->missed_in_past = 0;
    if (t->window == WINDOW_AT) {
        past = all = target_year_past(m, t->from, 1);
        if (past) {
            r->observed_part = r->expected;
            r->observed_to = t->from;
        }
    } else {
        for (int y = t->from; y <= t->to; y++) {
            const double x = target_measure(t->measure, t->view, r->level, r->index, m, h, y);
            if (!target_year_past(m, y, 0)) {
                all = 0;
                continue;
            }
            past++;
            r->observed_part += x;
            r->observed_to = y;
            if (t->window == WINDOW_ANNUAL && x < r->required - 1e-9)
                r->missed_in_past = 1;
        }
        if (t->window == WINDOW_ANNUAL)
            r->observed_part /= (t->to - t->from + 1);
    }
    r->forecast_part = r->expected - r->observed_part;
    r->status = past == 0 ? TARGET_FORECAST : all ? TARGET_OBSERVED : TARGET_PARTLY_OBSERVED;
}

static void
finish_row(target_row *r, const model *m, const housing *h)
{
    const target_spec *t = r->t;
    r->expected = target_row_value(r, m, h, &r->met);
    r->gap = r->required - r->expected;
    r->n_years = t->window == WINDOW_AT ? 1 : t->to - t->from + 1;
    r->years_met = 0;
    r->shortfall = 0;
    r->worst_year = t->from;
    r->worst_expected = HUGE_VAL;
    for (int y = t->from; y <= t->to; y++) {
        double x;
        if (t->window != WINDOW_ANNUAL)
            break;
        x = target_measure(t->measure, t->view, r->level, r->index, m, h, y);
        if (x >= r->required - 1e-9)
            r->years_met++;
        else
            r->shortfall += r->required - x;
        if (x < r->worst_expected) {
            r->worst_expected = x;
            r->worst_year = y;
        }
    }
    if (t->window != WINDOW_ANNUAL) {
        r->years_met = r->met;
        r->worst_expected = r->expected;
        r->shortfall = r->gap > 0 ? r->gap : 0;
    }
    split_past(r, m, h);
}

/* Value at index k of a path given at some indices: linear between the nearest
 * given points, flat after the last one. */
static double
path_value(const double *pts, const int *have, size_t n, size_t k)
{
    size_t lo = k, hi = k;
    while (lo > 0 && !have[lo])
        lo--;
    if (!have[lo])
        return 0;
    if (have[k])
        return pts[k];
    while (hi < n && !have[hi])
        hi++;
    if (hi >= n)
        return pts[lo];
    return pts[lo] + (pts[hi] - pts[lo]) * (double) (k - lo) / (double) (hi - lo);
}

static int
municipal_completions(const target_spec *t)
{
    return t->measure == MEASURE_COMPLETIONS
           && (strcmp(t->scope, "all") == 0 || strcmp(t->scope, "municipality") == 0);
}

/* The municipal cumulative completions path that the completion targets imply, as of
 * 1 January of each projected year: 0 before the first window, then through every
 * requirement (annual targets add their threshold each year, a cumulative target
 * its threshold by the end of its window), linear in between, flat after the last. */
static void
build_path(target_table *self, const model *m, const housing *h)
{
    const model_spec *s = m->spec;
    const int y0 = s->base_year;
    const size_t n = h->n_years;
    int start = 0, latest_end = 0;
    const target_spec *latest = NULL;
    double *pts = xcalloc(n + 1, sizeof *pts);
    int *have = xcalloc(n + 1, sizeof *have);
    int *done = xcalloc(s->n_targets + 1, sizeof *done);

    for (size_t i = 0; i < s->n_targets; i++) {
        const target_spec *t = &s->targets[i];
        if (!municipal_completions(t))
            continue;
        if (start == 0 || t->from < start)
            start = t->from;
        if (t->to > latest_end) {
            latest_end = t->to;
            latest = t;
        }
    }
    if (start == 0)
        goto out;
    self->has_path = 1;
    self->path_start = start;
    have[start - y0] = 1;
    /* Targets in order of the end of their window. */
    for (;;) {
        const target_spec *t = NULL;
        size_t ti = 0;
        double base;
        for (size_t i = 0; i < s->n_targets; i++)
            if (!done[i] && municipal_completions(&s->targets[i])
                && (t == NULL || s->targets[i].to < t->to)) {
                t = &s->targets[i];
                ti = i;
            }
        if (t == NULL)
            break;
        done[ti] = 1;
        base = path_value(pts, have, n, (size_t) (t->from - y0));
        for (int y = t->from; y <= t->to; y++) {
            const size_t k = (size_t) (y + 1 - y0);
            double req;
            if (t->window == WINDOW_ANNUAL)
                req = base + t->threshold * (y - t->from + 1);
            else if (y == t->to)
                req = base + t->threshold;
            else
                continue;
            if (k >= n)
                continue;
            pts[k] = have[k] ? fmax(pts[k], req) : req;
            have[k] = 1;
        }
    }
    self->path = xcalloc(n, sizeof *self->path);
    for (size_t k = 0; k < n; k++) {
        self->path[k] = path_value(pts, have, n, k);
        if (k > 0 && self->path[k] < self->path[k - 1])
            self->path[k] = self->path[k - 1];
    }
    /* Kern shares: those of the completion target that ends last. */
    self->kern_share = xcalloc(m->n_areas, sizeof *self->kern_share);
    if (latest != NULL) {
        diag d;
        diag_init(&d);
        if (allocation(latest, m, h, self->kern_share, &d) != LS_OK)
            memset(self->kern_share, 0, m->n_areas * sizeof *self->kern_share);
        diag_free(&d);
    }
out:
    free(pts);
    free(have);
    free(done);
}

int
targets_evaluate(target_table *self, const model *m, const housing *h, diag *d)
{
    const model_spec *s = m->spec;
    const size_t n = m->n_areas;
    double *share = xcalloc(n, sizeof *share), *need = xcalloc(n, sizeof *need);
    size_t before = diag_count(d);

    memset(self, 0, sizeof *self);
    for (size_t ti = 0; ti < s->n_targets; ti++) {
        const target_spec *t = &s->targets[ti];
        const int flow = t->measure == MEASURE_COMPLETIONS || t->measure == MEASURE_NET_STOCK_GROWTH;
        const int all = strcmp(t->scope, "all") == 0;
        long kern = model_area_index(m, t->scope);
        long tier = -1;
        for (size_t k = 0; k < m->n_tiers; k++)
            if (strcmp(m->tier[k], t->scope) == 0)
                tier = (long)k;
        if (!all && strcmp(t->scope, "municipality") != 0 && kern < 0 && tier < 0) {
            diag_add(
                d, LOC_FILE(s, t->scope_at), t->scope_at.line, t->scope_at.col,
                "target %s: scope must be all, municipality, a tier or a kern, found %s",
                diag_quote(t->id), diag_quote(t->scope));
            continue;
        }
        if (kern >= 0 && !all) {
            add_row(self, ti, t, LEVEL_KERN, (size_t) kern, m->area[kern], t->threshold);
            continue;
        }
        if (tier >= 0 && !all) {
            add_row(self, ti, t, LEVEL_TIER, (size_t) tier, m->tier[tier], t->threshold);
            continue;
        }
        add_row(self, ti, t, LEVEL_MUNICIPALITY, 0, NULL, t->threshold);
        if (!all || !flow)
            continue;
        if (allocation(t, m, h, share, d) != LS_OK)
            continue;
        {
            /* The need view beside it: the same target split by household growth. */
            target_spec tn = *t;
            diag quiet;
            diag_init(&quiet);
            memset(&tn.explicit_alloc, 0, sizeof tn.explicit_alloc);
            tn.rule = ALLOC_HOUSEHOLD_GROWTH;
            if (allocation(&tn, m, h, need, &quiet) != LS_OK)
                memset(need, 0, n * sizeof *need);
            diag_free(&quiet);
        }
        for (size_t k = 0; k < m->n_tiers; k++) {
            double req = 0, rn = 0;
            for (size_t a = 0; a < n; a++)
                if (m->area_tier[a] == k) {
                    req += share[a] * t->threshold;
                    rn += need[a] * t->threshold;
                }
            add_row(self, ti, t, LEVEL_TIER, k, m->tier[k], req);
            self->row[self->n - 1].required_need = rn;
        }
        for (size_t a = 0; a < n; a++) {
            add_row(self, ti, t, LEVEL_KERN, a, m->area[a], share[a] * t->threshold);
            self->row[self->n - 1].required_need = need[a] * t->threshold;
        }
    }
    for (size_t i = 0; i < self->n; i++)
        finish_row(&self->row[i], m, h);
    build_path(self, m, h);
    free(share);
    free(need);
    return diag_count(d) > before ? LS_ECONFIG : LS_OK;
}

void
targets_free(target_table *self)
{
    if (self == NULL)
        return;
    for (size_t i = 0; i < self->n; i++)
        free(self->row[i].scope);
    free(self->row);
    free(self->path);
    free(self->kern_share);
    memset(self, 0, sizeof *self);
}
