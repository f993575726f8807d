/* A comparison's data: finished runs reduced to copies, and their differences
 * against the base with Monte Carlo standard errors. No files here (compareout.c,
 * comparereport.c). */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "scenariofile.h"
#include "util.h"

void
compare_init(comparison *self)
{
    memset(self, 0, sizeof *self);
}

static void
item_free(cmp_item *it)
{
    free(it->file);
    free(it->name);
    free(it->title);
    free(it->municipality);
    for (size_t i = 0; i < it->n_changes; i++)
        free(it->changes[i]);
    free(it->changes);
    for (size_t r = 0; r < it->n_rows; r++) {
        free(it->row[r].target);
        free(it->row[r].scope);
        free(it->row[r].place);
    }
    free(it->row);
    free(it->cum);
    free(it->cum_p10);
    free(it->cum_p90);
    free(it->value);
    free(it->met);
    for (size_t k = 0; k < it->n_drivers; k++)
        driver_table_free(&it->drivers[k]);
    free(it->drivers);
}

void
compare_free(comparison *self)
{
    if (self == NULL)
        return;
    for (size_t k = 0; k < self->n; k++)
        item_free(&self->item[k]);
    free(self->item);
    memset(self, 0, sizeof *self);
}

static void
copy_rows(cmp_item *it, const scenario *sc, const mc *M)
{
    const target_table *tt = &sc->tt;
    const model *m = &sc->m;

    it->n_rows = tt->n;
    it->row = xcalloc(tt->n + 1, sizeof *it->row);
    for (size_t i = 0; i < tt->n; i++) {
        const target_row *tr = &tt->row[i];
        cmp_row *r = &it->row[i];
        r->target = xstrdup(tr->t->id);
        r->scope = xstrdup(tr->scope);
        r->level = tr->level;
        r->place = xstrdup(tr->level == LEVEL_MUNICIPALITY ? sc->spec.municipality
                           : tr->level == LEVEL_TIER       ? m->tier[tr->index]
                                                           : m->area[tr->index]);
        r->measure = tr->t->measure;
        r->window = tr->t->window;
        r->from = tr->t->from;
        r->to = tr->t->to;
        r->required = tr->required;
        r->expected = tr->expected;
        r->met = tr->met;
        r->prob = r->extra80 = r->extra90 = r->mean = NAN;
        r->kept = -1;
        r->comparison = tr->t->role == ROLE_COMPARISON;
        if (M != NULL) {
            r->prob = M->probability[i];
            r->extra80 = M->extra80[i];
            r->extra90 = M->extra90[i];
            r->mean = M->summary[M->off_rows + i].mean;
        }
    }
    if (M == NULL || M->runs.value == NULL)
        return;
    for (size_t j = 0; j < M->runs.n_rows; j++)
        it->row[M->runs.row[j]].kept = (long) j;
    it->n_kept = M->runs.n_rows;
    it->kept_runs = M->runs.n_runs;
    it->value = xcalloc(M->runs.n_runs * it->n_kept + 1, sizeof *it->value);
    it->met = xcalloc(M->runs.n_runs * it->n_kept + 1, 1);
    memcpy(it->value, M->runs.value, M->runs.n_runs * it->n_kept * sizeof *it->value);
    memcpy(it->met, M->runs.met, M->runs.n_runs * it->n_kept);
}

/* Cumulative municipal completions from the first target year on (the target path's
 * start), deterministic and, with M, the runs' p10 and p90. */
static void
copy_cumulative(cmp_item *it, const scenario *sc, const mc *M)
{
    const model_spec *s = &sc->spec;
    const housing *h = &sc->h;
    const int start = sc->tt.has_path ? sc->tt.path_start : s->base_year;
    const size_t first = (size_t) (start - s->base_year), Y = (size_t) (s->horizon - s->base_year) + 1;
    double c = 0;

    it->cum_from = start;
    it->n_cum = Y - first;
    it->cum = xcalloc(it->n_cum + 1, sizeof *it->cum);
    it->cum_p10 = xcalloc(it->n_cum + 1, sizeof *it->cum_p10);
    it->cum_p90 = xcalloc(it->n_cum + 1, sizeof *it->cum_p90);
    for (size_t i = 0; i < it->n_cum; i++) {
        if (i > 0)
            c += housing_total(h, h->completions, first + i - 1);
        it->cum[i] = c;
        it->cum_p10[i] = it->cum_p90[i] = NAN;
        if (M != NULL) {
            const mc_summary *sm = &M->summary[mc_index_cumulative(M, first + i, 0)];
            it->cum_p10[i] = sm->p10;
            it->cum_p90[i] = sm->p90;
        }
    }
}

static void
copy_drivers(cmp_item *it, const mc *M)
{
    const mc_runs *R = &M->runs;
    it->drivers = xcalloc(R->n_rows + 1, sizeof *it->drivers);
    for (size_t j = 0; j < R->n_rows; j++)
        if (M->tt->row[R->row[j]].level == LEVEL_MUNICIPALITY
            && drivers_compute(&it->drivers[it->n_drivers], M, j) == LS_OK)
            it->n_drivers++;
}

void
compare_add(comparison *self, const char *file, const scenario *sc, const mc *M)
{
    cmp_item *it;
    const model_spec *s = &sc->spec;

    self->item = xreallocarray(self->item, self->n + 1, sizeof *self->item);
    it = &self->item[self->n++];
    memset(it, 0, sizeof *it);
    it->file = xstrdup(file);
    it->is_scenario = s->base_path != NULL;
    it->name = it->is_scenario ? scenariofile_stem(s->path) : xstrdup(s->name);
    it->title = xstrdup(s->title);
    it->municipality = xstrdup(s->municipality);
    it->base_year = s->base_year;
    it->horizon = s->horizon;
    it->n_changes = s->n_changes;
    it->changes = xcalloc(s->n_changes + 1, sizeof *it->changes);
    for (size_t i = 0; i < s->n_changes; i++)
        it->changes[i] = xstrdup(s->changes[i]);
    copy_rows(it, sc, M);
    copy_cumulative(it, sc, M);
    if (M != NULL) {
        it->runs = M->opt.runs;
        it->seed = M->opt.seed;
        if (M->runs.value != NULL)
            copy_drivers(it, M);
    }
}

long
compare_find_row(const cmp_item *it, const char *target, const char *scope)
{
    for (size_t r = 0; r < it->n_rows; r++)
        if (strcmp(it->row[r].target, target) == 0 && strcmp(it->row[r].scope, scope) == 0)
            return (long) r;
    return -1;
}

long
compare_base_row(const comparison *self, size_t k, size_t r)
{
    const cmp_row *x = &self->item[k].row[r];
    return compare_find_row(&self->item[0], x->target, x->scope);
}

size_t
compare_targets(const comparison *self, int cmp_only, const cmp_row ***out)
{
    size_t n = 0, seen = 0;
    const char **ids = NULL;

    *out = NULL;
    for (size_t k = 0; k < self->n; k++)
        for (size_t r = 0; r < self->item[k].n_rows; r++) {
            const cmp_row *x = &self->item[k].row[r];
            size_t i;
            if (x->level != LEVEL_MUNICIPALITY)
                continue;
            for (i = 0; i < seen && strcmp(ids[i], x->target) != 0; i++)
                ;
            if (i < seen)
                continue;
            ids = xreallocarray(ids, seen + 1, sizeof *ids);
            ids[seen++] = x->target;
            if (!x->comparison != !cmp_only)
                continue;
            *out = xreallocarray(*out, n + 1, sizeof **out);
            (*out)[n++] = x;
        }
    free(ids);
    return n;
}

/* Mean and standard error of the run-by-run differences of kept columns a (item k)
 * and b (the base); value or met. */
static void
paired(const cmp_item *it, long a, const cmp_item *base, long b, int met, double *mean,
       double *se)
{
    const unsigned long n = it->kept_runs < base->kept_runs ? it->kept_runs : base->kept_runs;
    double s = 0, s2 = 0;
    for (unsigned long i = 0; i < n; i++) {
        const double x = met ? (double) it->met[i * it->n_kept + (size_t) a]
                                   - (double) base->met[i * base->n_kept + (size_t) b]
                             : it->value[i * it->n_kept + (size_t) a]
                                   - base->value[i * base->n_kept + (size_t) b];
        s += x;
        s2 += x * x;
    }
    *mean = n > 0 ? s / (double) n : NAN;
    *se = n > 1 ? sqrt(fmax(0, (s2 - s * s / (double) n) / (double) (n - 1)) / (double) n) : NAN;
}

void
compare_diff(const comparison *self, size_t k, size_t r, cmp_diff *out)
{
    const cmp_item *it = &self->item[k], *base = &self->item[0];
    const long b = compare_base_row(self, k, r);
    const cmp_row *x = &it->row[r], *y;

    memset(out, 0, sizeof *out);
    out->expected = out->prob = out->prob_se = out->mean = out->mean_se = NAN;
    out->extra80 = out->extra90 = NAN;
    if (b < 0)
        return;
    y = &base->row[b];
    out->has = 1;
    out->expected = x->expected - y->expected;
    out->met_changed = x->met != y->met;
    out->prob = x->prob - y->prob;
    out->mean = x->mean - y->mean;
    out->extra80 = x->extra80 - y->extra80;
    out->extra90 = x->extra90 - y->extra90;
    if (x->kept >= 0 && y->kept >= 0 && it->runs > 1 && base->runs > 1) {
        double m;
        paired(it, x->kept, base, y->kept, 1, &m, &out->prob_se);
        paired(it, x->kept, base, y->kept, 0, &m, &out->mean_se);
    }
}
