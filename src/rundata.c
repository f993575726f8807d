/* Reading a finished output folder back (rd_load): run.yaml and the CSV files that
 * the report and the charts are drawn from. Only the files of the folder are read. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv.h"
#include "output.h"
#include "rundata.h"
#include "runrecord.h"
#include "util.h"

int
rd_year(const rd *self, int y)
{
    if (self->n_years == 0 || y < self->y0 || y > self->y1)
        return -1;
    return y - self->y0;
}

static int
kern_index(const rd *r, const char *name, int *cache)
{
    if (*cache >= 0 && (size_t) *cache < r->n_kern && strcmp(r->kern[*cache], name) == 0)
        return *cache;
    for (size_t k = 0; k < r->n_kern; k++)
        if (strcmp(r->kern[k], name) == 0)
            return *cache = (int) k;
    return -1;
}

/* The kern named in a cell, or -1 with a located message. */
static int
row_kern(const rd *r, const csv_table *t, size_t row, int col, int *cache, diag *d)
{
    const int k = kern_index(r, csv_text(t, row, col), cache);
    if (k < 0)
        diag_add(d, t->name, csv_line(t, row), csv_col(t, row, col),
                 "kern %s is not in kernen.csv", diag_quote(csv_text(t, row, col)));
    return k;
}

static int
tier_index(const rd *r, const char *name)
{
    for (size_t t = 0; t < r->n_tier; t++)
        if (strcmp(r->tier[t], name) == 0)
            return (int) t;
    return -1;
}

/* Present (whatever it is: a named pipe or a folder is then refused by the reader
 * with a message, never opened and waited on). */
static int
file_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* Opens dir/file and finds every named column (all missing ones are reported).
 * present NULL: the file is required; else an absent file sets *present = 0 and
 * is not an error. On an error the table is already freed. */
static int
open_csv(csv_table *t, const rd *r, const char *file, const char *const *names, int *cols,
         size_t n, int *present, diag *d)
{
    char *path = xasprintf("%s/%s", r->dir, file);
    int ret = LS_OK;

    memset(t, 0, sizeof *t);
    if (present != NULL) {
        *present = 0;
        if (!file_exists(path))
            goto out;
    }
    if ((ret = csv_read(t, path, path, d)) == LS_OK)
        for (size_t i = 0; i < n; i++) {
            cols[i] = csv_column(t, names[i], 1, d);
            if (cols[i] < 0)
                ret = LS_ECONFIG;
        }
    if (ret != LS_OK)
        csv_free(t);
    else if (present != NULL)
        *present = 1;
out:
    free(path);
    return ret;
}

static int
get_int(const csv_table *t, size_t row, int col, int *out, diag *d)
{
    long v;
    if (csv_integer(t, row, col, &v, d) != LS_OK)
        return LS_ECONFIG;
    if (v < -100000 || v > 100000) {
        diag_add(d, t->name, csv_line(t, row), csv_col(t, row, col),
                 "column \"%s\": %ld is not a year", t->header.field[col].text, v);
        return LS_ECONFIG;
    }
    *out = (int) v;
    return LS_OK;
}

/* An optional number: empty is NAN, "unreachable" is INFINITY. */
static int
get_opt(const csv_table *t, size_t row, int col, double *out, diag *d)
{
    const char *s = csv_text(t, row, col);
    if (*s == '\0') {
        *out = NAN;
        return LS_OK;
    }
    if (strcmp(s, "unreachable") == 0) {
        *out = INFINITY;
        return LS_OK;
    }
    return csv_number(t, row, col, out, d);
}

static char *
dup_text(const csv_table *t, size_t row, int col)
{
    return xstrdup(csv_text(t, row, col));
}

/* run.yaml: the few keys the report shows. An absent run.yaml leaves them NULL; one
 * that is present but malformed is an error. */
static int
read_run_yaml(rd *r, diag *d)
{
    static const struct {
        const char *path;
        size_t off;
    } keys[] = {
        {"version", offsetof(rd, version)},   {"date", offsetof(rd, date)},
        {"command", offsetof(rd, command)},   {"seed", offsetof(rd, seed)},
        {"runs", offsetof(rd, runs)},         {"model.file", offsetof(rd, model_file)},
        {"model.name", offsetof(rd, model_name)}, {"model.title", offsetof(rd, title)},
    };
    char *path = xasprintf("%s/run.yaml", r->dir);
    runrecord *rr = NULL;
    int ret = LS_OK;

    if (!file_exists(path))
        goto out;
    rr = runrecord_alloc();
    ret = runrecord_load(rr, path, d);
    if (ret != LS_OK)
        goto out;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *v = runrecord_text(rr, 0, keys[i].path);
        char **slot = (char **) ((char *) r + keys[i].off);
        int bad = 0;
        for (const unsigned char *q = (const unsigned char *) v; q != NULL && *q; q++)
            bad |= *q < 0x20 || *q == 0x7f;
        if (bad) {
            /* it would reach chart scripts: refused, as in every CSV */
            diag_add(d, path, 0, 0, "%s holds a control character: %s", keys[i].path,
                     diag_quote(v));
            ret = LS_ECONFIG;
        } else if (v != NULL)
            *slot = xstrdup(v);
    }
    {
        const char *v = runrecord_text(rr, 0, "history.last_observed");
        long y;
        if (v != NULL && parse_integer(v, &y) == 0 && y > 1800 && y < 2300)
            r->last_observed = (int) y;
        v = runrecord_text(rr, 0, "history.backtest_from");
        if (v != NULL && parse_integer(v, &y) == 0 && y > 1800 && y < 2300)
            r->bt_from = (int) y;
        v = runrecord_text(rr, 0, "history.extra_capacity_from");
        if (v != NULL && parse_integer(v, &y) == 0 && y > 1800 && y < 2300)
            r->extra_from = (int) y;
    }
out:
    runrecord_free(rr);
    free(path);
    return ret;
}

static int
load_kernen(rd *r, diag *d)
{
    static const char *const names[] = {"kern", "tier"};
    csv_table t;
    int c[2], ret = open_csv(&t, r, "kernen.csv", names, c, 2, NULL, d);

    if (ret != LS_OK)
        return ret;
    if (t.n_rows == 0) {
        diag_add(d, t.name, t.header.line, 0, "no kernen");
        ret = LS_ECONFIG;
        goto out;
    }
    r->n_kern = t.n_rows;
    r->kern = xcalloc(t.n_rows, sizeof *r->kern);
    r->kern_tier = xcalloc(t.n_rows, sizeof *r->kern_tier);
    r->tier = xcalloc(t.n_rows, sizeof *r->tier);
    for (size_t i = 0; i < t.n_rows; i++) {
        const char *tier = csv_text(&t, i, c[1]);
        r->kern[i] = dup_text(&t, i, c[0]);
        r->kern_tier[i] = -1;
        if (*tier != '\0') {
            int ti = tier_index(r, tier);
            if (ti < 0) {
                r->tier[r->n_tier] = xstrdup(tier);
                ti = (int) r->n_tier++;
            }
            r->kern_tier[i] = ti;
        }
    }
out:
    csv_free(&t);
    return ret;
}

static int
sex_index(const csv_table *t, size_t row, int col, diag *d)
{
    const char *s = csv_text(t, row, col);
    if (strcmp(s, "M") == 0)
        return 0;
    if (strcmp(s, "F") == 0)
        return 1;
    diag_add(d, t->name, csv_line(t, row), csv_col(t, row, col),
             "column \"sex\": expected M or F, found %s", diag_quote(s));
    return -1;
}

static int
load_population(rd *r, diag *d)
{
    static const char *const names[] = {"year", "kern", "sex", "age", "persons"};
    csv_table t;
    int c[5], cache = -1, ret = open_csv(&t, r, "population.csv", names, c, 5, NULL, d);
    size_t cap = 0, G;

    if (ret != LS_OK)
        return ret;
    if (t.n_rows == 0) {
        diag_add(d, t.name, t.header.line, 0, "no rows");
        ret = LS_ECONFIG;
        goto out;
    }
    /* Pass 1: years and ages. */
    for (size_t i = 0; i < t.n_rows; i++) {
        int y, a;
        size_t j;
        if (get_int(&t, i, c[0], &y, d) != LS_OK || get_int(&t, i, c[3], &a, d) != LS_OK) {
            ret = LS_ECONFIG;
            continue;
        }
        if (i == 0 || y < r->y0)
            r->y0 = y;
        if (i == 0 || y > r->y1)
            r->y1 = y;
        for (j = 0; j < r->n_ages && r->age[j] < a; j++)
            ;
        if (j < r->n_ages && r->age[j] == a)
            continue;
        if (r->n_ages == cap) {
            cap = cap ? 2 * cap : 64;
            r->age = xreallocarray(r->age, cap, sizeof *r->age);
        }
        memmove(&r->age[j + 1], &r->age[j], (r->n_ages - j) * sizeof *r->age);
        r->age[j] = a;
        r->n_ages++;
    }
    if (ret != LS_OK)
        goto out;
    r->n_years = (size_t) (r->y1 - r->y0 + 1);
    r->age_width = r->n_ages >= 2 ? r->age[1] - r->age[0] : 1;
    if (r->age_width <= 0)
        r->age_width = 1;
    G = 1 + r->n_tier;
    r->pop = xcalloc(r->n_years, sizeof *r->pop);
    r->pyr = xcalloc(G * 4 * r->n_ages, sizeof *r->pyr);
    /* Pass 2: totals and the two pyramids. */
    for (size_t i = 0; i < t.n_rows; i++) {
        int y, a, k, s;
        double v;
        size_t ai;
        if (get_int(&t, i, c[0], &y, d) != LS_OK || get_int(&t, i, c[3], &a, d) != LS_OK ||
            csv_number(&t, i, c[4], &v, d) != LS_OK) {
            ret = LS_ECONFIG;
            continue;
        }
        if ((k = row_kern(r, &t, i, c[1], &cache, d)) < 0 ||
            (s = sex_index(&t, i, c[2], d)) < 0) {
            ret = LS_ECONFIG;
            continue;
        }
        r->pop[y - r->y0] += v;
        if (s == 0)
            r->has_men = 1;
        else
            r->has_women = 1;
        if (y != r->y0 && y != r->y1)
            continue;
        for (ai = 0; r->age[ai] != a; ai++)
            ;
        for (int tt = 0; tt < 2; tt++) {
            if (y != (tt == 0 ? r->y0 : r->y1))
                continue;
            r->pyr[((0 * 2 + (size_t) tt) * 2 + (size_t) s) * r->n_ages + ai] += v;
            if (r->kern_tier[k] >= 0)
                r->pyr[(((size_t) (1 + r->kern_tier[k]) * 2 + (size_t) tt) * 2 + (size_t) s) *
                           r->n_ages + ai] += v;
        }
    }
out:
    csv_free(&t);
    return ret;
}

static int
load_components(rd *r, diag *d)
{
    static const char *const names[] = {"year",        "births",       "deaths",
                                        "immigration", "emigration",   "domestic_in",
                                        "domestic_out", "population_start", "population_end"};
    csv_table t;
    int c[9], ymax = 0, ret = open_csv(&t, r, "components.csv", names, c, 9, NULL, d);

    if (ret != LS_OK)
        return ret;
    for (size_t i = 0; i < t.n_rows; i++) {
        int y;
        if (get_int(&t, i, c[0], &y, d) != LS_OK) {
            ret = LS_ECONFIG;
            continue;
        }
        if (i == 0 || y < r->c0)
            r->c0 = y;
        if (i == 0 || y > ymax)
            ymax = y;
    }
    if (ret != LS_OK || t.n_rows == 0)
        goto out;
    r->n_cy = (size_t) (ymax - r->c0 + 1);
    r->births = xcalloc(r->n_cy, sizeof *r->births);
    r->deaths = xcalloc(r->n_cy, sizeof *r->deaths);
    r->inflow = xcalloc(r->n_cy, sizeof *r->inflow);
    r->outflow = xcalloc(r->n_cy, sizeof *r->outflow);
    r->net = xcalloc(r->n_cy, sizeof *r->net);
    for (size_t i = 0; i < t.n_rows; i++) {
        int y = 0;
        double v[9] = {0};
        size_t yi;
        int bad = get_int(&t, i, c[0], &y, d) != LS_OK;
        for (int j = 1; j < 9; j++)
            if (csv_number(&t, i, c[j], &v[j], d) != LS_OK)
                bad = 1;
        if (bad) {
            ret = LS_ECONFIG;
            continue;
        }
        yi = (size_t) (y - r->c0);
        r->births[yi] += v[1];
        r->deaths[yi] += v[2];
        r->inflow[yi] += v[3] + v[5];
        r->outflow[yi] += v[4] + v[6];
        r->net[yi] += v[8] - v[7];
    }
out:
    csv_free(&t);
    return ret;
}

static double *
nan_array(size_t n)
{
    double *v = xcalloc(n, sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = NAN;
    return v;
}

/* A per-year series of an optional file: the rows at level "municipality" (when the
 * file has a level column) whose key column holds one of the wanted texts give a
 * year and one or two numbers, kept at the year's index in arrays of n_years that
 * are NAN where no row gives one. */
typedef struct {
    const char *file;
    const char *names[6]; /* "year" first; looked up (missing ones reported) in order */
    int v[2];             /* the numbers' columns (indices into names); v[1] -1: one */
    int level, key;       /* the level's and the key's columns, or -1 */
    struct {
        const char *text; /* the key's text; unused without a key column */
        double **v[2];    /* where the arrays of the numbers go */
        int *flag;        /* set when a row is kept; NULL ends the list */
    } out[2];
} series;

static int
read_series(rd *r, const series *s, diag *d)
{
    const size_t nv = s->v[1] < 0 ? 1 : 2;
    csv_table t;
    size_t nc = 0, nout = 0;
    int c[6], present, ret;

    while (nc < 6 && s->names[nc] != NULL)
        nc++;
    ret = open_csv(&t, r, s->file, s->names, c, nc, &present, d);
    if (ret != LS_OK || !present)
        return ret;
    for (; nout < 2 && s->out[nout].flag != NULL; nout++)
        for (size_t j = 0; j < nv; j++)
            *s->out[nout].v[j] = nan_array(r->n_years);
    for (size_t i = 0; i < t.n_rows; i++) {
        int y, yi;
        double v[2];
        size_t o = 0;
        if (s->level >= 0 && strcmp(csv_text(&t, i, c[s->level]), "municipality") != 0)
            continue;
        while (s->key >= 0 && o < nout &&
               strcmp(csv_text(&t, i, c[s->key]), s->out[o].text) != 0)
            o++;
        if (o == nout)
            continue;
        /* one message a row: its first bad cell */
        if (get_int(&t, i, c[0], &y, d) != LS_OK ||
            csv_number(&t, i, c[s->v[0]], &v[0], d) != LS_OK ||
            (nv == 2 && csv_number(&t, i, c[s->v[1]], &v[1], d) != LS_OK)) {
            ret = LS_ECONFIG;
            continue;
        }
        if ((yi = rd_year(r, y)) < 0)
            continue;
        for (size_t j = 0; j < nv; j++)
            (*s->out[o].v[j])[yi] = v[j];
        *s->out[o].flag = 1;
    }
    csv_free(&t);
    return ret;
}

static int
load_pop_summary(rd *r, diag *d)
{
    const series s = {"population_summary.csv", {"year", "view", "level", "p10", "p90"},
                      {3, 4}, 2, 1, {{"trend", {&r->pop_p10, &r->pop_p90}, &r->has_pop_q}}};
    return read_series(r, &s, d);
}

static int
load_regional(rd *r, diag *d)
{
    const series s = {"regional.csv", {"year", "population_housing_led"}, {1, -1}, -1, -1,
                      {{NULL, {&r->pop_led, NULL}, &r->has_pop_led}}};
    return read_series(r, &s, d);
}

static int
load_households(rd *r, diag *d)
{
    static const char *const names[] = {"year", "kern", "view", "households", "dwellings",
                                        "shortage", "level"};
    csv_table t;
    int c[7], present, cache = -1;
    int ret = open_csv(&t, r, "households.csv", names, c, 7, &present, d);
    const size_t KY = r->n_kern * r->n_years;

    if (ret != LS_OK || !present)
        return ret;
    r->hh_trend = nan_array(KY);
    r->hh_led = nan_array(KY);
    r->dw = nan_array(KY);
    r->shortage = nan_array(KY);
    r->muni_shortage = nan_array(r->n_years);
    r->muni_dw = nan_array(r->n_years);
    for (size_t i = 0; i < t.n_rows; i++) {
        const char *level = csv_text(&t, i, c[6]), *view = csv_text(&t, i, c[2]);
        int y, yi, trend = strcmp(view, "trend") == 0;
        double hh, dw, sh;
        if (strcmp(level, "tier") == 0)
            continue;
        if (get_int(&t, i, c[0], &y, d) != LS_OK || csv_number(&t, i, c[3], &hh, d) != LS_OK ||
            csv_number(&t, i, c[4], &dw, d) != LS_OK || csv_number(&t, i, c[5], &sh, d) != LS_OK) {
            ret = LS_ECONFIG;
            continue;
        }
        if ((yi = rd_year(r, y)) < 0)
            continue;
        if (strcmp(level, "municipality") == 0) {
            if (r->muni == NULL)
                r->muni = dup_text(&t, i, c[1]);
            if (trend) {
                r->muni_shortage[yi] = sh;
                r->muni_dw[yi] = dw;
            }
        } else if (strcmp(level, "kern") == 0) {
            const int k = row_kern(r, &t, i, c[1], &cache, d);
            size_t at;
            if (k < 0) {
                ret = LS_ECONFIG;
                continue;
            }
            at = (size_t) k * r->n_years + (size_t) yi;
            if (trend) {
                r->hh_trend[at] = hh;
                r->dw[at] = dw;
                r->shortage[at] = sh;
            } else if (strcmp(view, "housing_led") == 0)
                r->hh_led[at] = hh;
        } else {
            diag_add(d, t.name, csv_line(&t, i), csv_col(&t, i, c[6]),
                     "column \"level\": expected kern, tier or municipality, found %s",
                     diag_quote(level));
            ret = LS_ECONFIG;
        }
    }
    r->has_housing = ret == LS_OK;
    csv_free(&t);
    return ret;
}

/* observed.csv (optional): the municipal observations the charts draw as points. */
static int
load_observed(rd *r, diag *d)
{
    static const char *const names[] = {"measure", "scope", "from", "to", "value", "status"};
    csv_table t;
    int c[6], present, ret = open_csv(&t, r, "observed.csv", names, c, 6, &present, d);

    if (ret != LS_OK || !present)
        return ret;
    r->obs_pop = nan_array(r->n_years);
    r->obs_dw = nan_array(r->n_years);
    r->obs_compl = nan_array(r->n_years);
    r->obs_pop_status = xcalloc(r->n_years + 1, 1);
    r->obs_compl_status = xcalloc(r->n_years + 1, 1);
    r->ob = xcalloc(t.n_rows + 1, sizeof *r->ob);
    for (size_t i = 0; i < t.n_rows; i++) {
        const char *ms = csv_text(&t, i, c[0]), *st = csv_text(&t, i, c[5]);
        const int later = strncmp(st, "later", 5) == 0;
        const int cm = csv_column(&t, "model", 0, NULL), ca = csv_column(&t, "absorbed_by", 0, NULL);
        const int cs = csv_column(&t, "source", 0, NULL);
        int from, to, yi;
        double v;
        rd_row *row;
        if (get_int(&t, i, c[2], &from, d) != LS_OK || get_int(&t, i, c[3], &to, d) != LS_OK
            || csv_number(&t, i, c[4], &v, d) != LS_OK) {
            ret = LS_ECONFIG;
            continue;
        }
        row = &r->ob[r->n_ob++];
        row->measure = xstrdup(ms);
        row->scope = dup_text(&t, i, c[1]);
        row->status = xstrdup(st);
        row->extra = xstrdup(ca >= 0 ? csv_text(&t, i, ca) : "");
        row->source = xstrdup(cs >= 0 ? csv_text(&t, i, cs) : "");
        row->source_nl = csv_column(&t, "source_nl", 0, NULL) >= 0
                             ? dup_text(&t, i, csv_column(&t, "source_nl", 0, NULL)) : NULL;
        row->from = from;
        row->to = to;
        row->value = v;
        row->model = row->model2 = NAN;
        if (cm >= 0 && get_opt(&t, i, cm, &row->model, d) != LS_OK)
            ret = LS_ECONFIG;
        if (strcmp(csv_text(&t, i, c[1]), "municipality") != 0 || strncmp(st, "before", 6) == 0)
            continue;
        if ((yi = rd_year(r, from)) < 0)
            continue;
        if (strcmp(ms, "population") == 0) {
            r->obs_pop[yi] = v;
            r->obs_pop_status[yi] = later ? 3 : 1;
        } else if (strcmp(ms, "dwellings") == 0)
            r->obs_dw[yi] = v;
        else if (strcmp(ms, "completions") == 0 && from == to) {
            r->obs_compl[yi] = v;
            r->obs_compl_status[yi] = later                          ? 3
                                      : strstr(st, "distributed") != NULL ? 2
                                                                          : 1;
        }
    }
    csv_free(&t);
    return ret;
}

/* backtest.csv (optional): the comparison rows and the count of late inputs. */
static int
load_backtest(rd *r, diag *d)
{
    static const char *const names[] = {"kind", "measure", "scope", "from", "to", "observed",
                                        "forecast_trend", "forecast_housing_led", "status",
                                        "source"};
    enum { N = sizeof names / sizeof names[0] };
    csv_table t;
    int c[N], present, ret = open_csv(&t, r, "backtest.csv", names, c, N, &present, d);

    if (ret != LS_OK || !present)
        return ret;
    r->bt = xcalloc(t.n_rows + 1, sizeof *r->bt);
    for (size_t i = 0; i < t.n_rows; i++) {
        rd_row *row;
        if (strcmp(csv_text(&t, i, c[0]), "input") == 0) {
            r->n_bt_inputs++;
            continue;
        }
        row = &r->bt[r->n_bt];
        memset(row, 0, sizeof *row);
        if (get_int(&t, i, c[3], &row->from, d) != LS_OK
            || get_int(&t, i, c[4], &row->to, d) != LS_OK || get_opt(&t, i, c[5], &row->value, d) != LS_OK
            || get_opt(&t, i, c[6], &row->model, d) != LS_OK
            || get_opt(&t, i, c[7], &row->model2, d) != LS_OK) {
            ret = LS_ECONFIG;
            continue;
        }
        row->measure = dup_text(&t, i, c[1]);
        row->scope = dup_text(&t, i, c[2]);
        row->status = dup_text(&t, i, c[8]);
        row->extra = xstrdup("");
        row->source = dup_text(&t, i, c[9]);
        r->n_bt++;
    }
    csv_free(&t);
    return ret;
}

static int
load_completions(rd *r, diag *d)
{
    const series s = {"completions.csv", {"year", "completions", "level"}, {1, -1}, 2, -1,
                      {{NULL, {&r->compl, NULL}, &r->has_completions}}};
    return read_series(r, &s, d);
}

static int
load_completions_summary(rd *r, diag *d)
{
    const series s = {
        "completions_summary.csv", {"year", "level", "measure", "p10", "p90"}, {3, 4}, 1, 2,
        {{"completions", {&r->compl_p10, &r->compl_p90}, &r->has_compl_q},
         {"cumulative_completions_1jan", {&r->cum_p10, &r->cum_p90}, &r->has_cum_q}}};
    return read_series(r, &s, d);
}

/* The numbers of row i of targets.csv (c: the columns named in load_targets) and
 * whether it was met; every problem is reported. Returns LS_OK or LS_ECONFIG. */
static int
target_numbers(const csv_table *t, size_t i, const int *c, rd_target *x, diag *d)
{
    const char *met = csv_text(t, i, c[10]);
    int bad = 0;

    bad |= get_int(t, i, c[3], &x->ws, d) != LS_OK;
    bad |= get_int(t, i, c[4], &x->we, d) != LS_OK;
    bad |= csv_number(t, i, c[5], &x->required, d) != LS_OK;
    bad |= csv_number(t, i, c[6], &x->expected, d) != LS_OK;
    bad |= csv_number(t, i, c[7], &x->gap, d) != LS_OK;
    bad |= get_int(t, i, c[11], &x->years_met, d) != LS_OK;
    bad |= get_int(t, i, c[12], &x->years, d) != LS_OK;
    bad |= get_int(t, i, c[13], &x->worst_year, d) != LS_OK;
    bad |= csv_number(t, i, c[14], &x->worst_expected, d) != LS_OK;
    bad |= csv_number(t, i, c[15], &x->shortfall, d) != LS_OK;
    bad |= get_opt(t, i, c[16], &x->prob, d) != LS_OK;
    bad |= get_opt(t, i, c[17], &x->extra80, d) != LS_OK;
    bad |= get_opt(t, i, c[18], &x->extra90, d) != LS_OK;
    bad |= get_opt(t, i, c[19], &x->v_mean, d) != LS_OK;
    bad |= get_opt(t, i, c[20], &x->v_p10, d) != LS_OK;
    bad |= get_opt(t, i, c[21], &x->v_p50, d) != LS_OK;
    bad |= get_opt(t, i, c[22], &x->v_p90, d) != LS_OK;
    if (strcmp(met, "yes") != 0 && strcmp(met, "no") != 0) {
        diag_add(d, t->name, csv_line(t, i), csv_col(t, i, c[10]),
                 "column \"met\": expected yes or no, found %s", diag_quote(met));
        bad = 1;
    }
    x->met = strcmp(met, "yes") == 0;
    return bad ? LS_ECONFIG : LS_OK;
}

/* The scope of row i (column col): the municipality, tier:NAME or kern:NAME. */
static int
target_scope(const rd *r, const csv_table *t, size_t i, int col, int *cache, rd_target *x,
             diag *d)
{
    const char *scope = csv_text(t, i, col);

    x->index = -1;
    if (strcmp(scope, "municipality") == 0)
        x->level = RD_MUNICIPALITY;
    else if (strncmp(scope, "tier:", 5) == 0) {
        x->level = RD_TIER;
        x->index = tier_index(r, scope + 5);
    } else if (strncmp(scope, "kern:", 5) == 0) {
        x->level = RD_KERN;
        x->index = kern_index(r, scope + 5, cache);
    } else {
        diag_add(d, t->name, csv_line(t, i), csv_col(t, i, col),
                 "column \"scope\": expected municipality, tier:NAME or kern:NAME, found %s",
                 diag_quote(scope));
        return LS_ECONFIG;
    }
    return LS_OK;
}

/* How much of the window of row i is past: the columns status, observed_part,
 * forecast_part and observed_to (absent from folders written before them). */
static int
target_past(const csv_table *t, size_t i, rd_target *x, diag *d)
{
    const int cst = csv_column(t, "status", 0, NULL),
              cop = csv_column(t, "observed_part", 0, NULL),
              cfp = csv_column(t, "forecast_part", 0, NULL),
              cot = csv_column(t, "observed_to", 0, NULL);
    const char *st = cst >= 0 ? csv_text(t, i, cst) : "";

    x->status = strcmp(st, "observed") == 0 ? 2 : strcmp(st, "partly observed") == 0 ? 1 : 0;
    x->obs_part = x->fc_part = NAN;
    if ((cop >= 0 && get_opt(t, i, cop, &x->obs_part, d) != LS_OK)
        || (cfp >= 0 && get_opt(t, i, cfp, &x->fc_part, d) != LS_OK)
        || (cot >= 0 && *csv_text(t, i, cot) != '\0'
            && get_int(t, i, cot, &x->obs_to, d) != LS_OK))
        return LS_ECONFIG;
    return LS_OK;
}

/* Whether row i says it is a comparison row (the role column; without it, a target). */
static int
target_is_comparison(const csv_table *t, size_t i)
{
    const int c = csv_column(t, "role", 0, NULL);
    return c >= 0 && strcmp(csv_text(t, i, c), "comparison") == 0;
}

static int
load_targets(rd *r, diag *d)
{
    static const char *const names[] = {
        "target", "scope", "measure", "window_start", "window_end", "required", "expected",
        "gap", "window", "view", "met", "years_met", "years", "worst_year", "worst_expected",
        "shortfall", "probability_met", "extra_units_needed_p80", "extra_units_needed_p90",
        "value_mean", "value_p10", "value_p50", "value_p90", "source"};
    enum { N = sizeof names / sizeof names[0] };
    csv_table t;
    int c[N], present, cache = -1;
    int ret = open_csv(&t, r, "targets.csv", names, c, N, &present, d);

    if (ret != LS_OK || !present)
        return ret;
    r->t = xcalloc(t.n_rows ? t.n_rows : 1, sizeof *r->t);
    for (size_t i = 0; i < t.n_rows; i++) {
        rd_target *x = &r->t[r->n_targets];
        memset(x, 0, sizeof *x);
        if (target_numbers(&t, i, c, x, d) != LS_OK
            || target_scope(r, &t, i, c[1], &cache, x, d) != LS_OK) {
            ret = LS_ECONFIG;
            continue;
        }
        x->id = dup_text(&t, i, c[0]);
        x->scope = dup_text(&t, i, c[1]);
        x->measure = dup_text(&t, i, c[2]);
        x->window = dup_text(&t, i, c[8]);
        x->view = dup_text(&t, i, c[9]);
        x->source = dup_text(&t, i, c[23]);
        if (target_past(&t, i, x, d) != LS_OK)
            ret = LS_ECONFIG;
        x->comparison = target_is_comparison(&t, i);
        if (!isnan(x->prob))
            r->has_prob = 1;
        r->n_targets++;
    }
    r->has_targets = 1;
    csv_free(&t);
    return ret;
}

static int
load_decomposition(rd *r, diag *d)
{
    static const char *const names[] = {
        "target", "window_start", "window_end", "required", "planned_in_window",
        "after_plan_failure", "expected", "shortfall", "from_capacity_never_planned",
        "from_plan_failure", "from_delay"};
    enum { N = sizeof names / sizeof names[0] };
    csv_table t;
    int c[N], present;
    int ret = open_csv(&t, r, "gap_decomposition.csv", names, c, N, &present, d);

    if (ret != LS_OK || !present)
        return ret;
    r->dc = xcalloc(t.n_rows ? t.n_rows : 1, sizeof *r->dc);
    for (size_t i = 0; i < t.n_rows; i++) {
        rd_decomp *x = &r->dc[r->n_decomp];
        double *v[] = {&x->required, &x->planned, &x->after_failure, &x->expected,
                       &x->shortfall, &x->never_planned, &x->plan_failure, &x->delay};
        int bad = 0;
        bad |= get_int(&t, i, c[1], &x->ws, d) != LS_OK;
        bad |= get_int(&t, i, c[2], &x->we, d) != LS_OK;
        for (size_t j = 0; j < 8; j++)
            bad |= csv_number(&t, i, c[3 + j], v[j], d) != LS_OK;
        if (bad) {
            ret = LS_ECONFIG;
            continue;
        }
        x->target = dup_text(&t, i, c[0]);
        {
            const int co = csv_column(&t, "observed_in_window", 0, NULL),
                      cs = csv_column(&t, "small_plans_in_window", 0, NULL);
            x->observed = x->small = NAN;
            if ((co >= 0 && get_opt(&t, i, co, &x->observed, d) != LS_OK)
                || (cs >= 0 && get_opt(&t, i, cs, &x->small, d) != LS_OK))
                ret = LS_ECONFIG;
        }
        r->n_decomp++;
    }
    csv_free(&t);
    return ret;
}

static int
load_inputs(rd *r, diag *d)
{
    static const char *const names[] = {"file", "sha256", "estimated", "note"};
    csv_table t;
    int c[4], present, ret = open_csv(&t, r, "inputs.csv", names, c, 4, &present, d);

    if (ret != LS_OK || !present)
        return ret;
    r->in = xcalloc(t.n_rows ? t.n_rows : 1, sizeof *r->in);
    for (size_t i = 0; i < t.n_rows; i++) {
        rd_input *x = &r->in[r->n_inputs++];
        x->file = dup_text(&t, i, c[0]);
        x->sha256 = dup_text(&t, i, c[1]);
        x->note = dup_text(&t, i, c[3]);
        x->estimated = strcmp(csv_text(&t, i, c[2]), "yes") == 0;
    }
    csv_free(&t);
    return ret;
}

/* plan_list.csv (optional): the named plans still to come. */
static int
load_plans(rd *r, diag *d)
{
    static const char *const names[] = {
        "plan_id",     "name",   "kern",       "tier",         "phase",
        "units_to_come", "first_year", "last_year", "probability", "window_start",
        "window_end",  "expected_in_window", "expected_by_horizon", "mean_delivery_year"};
    enum { N = sizeof names / sizeof names[0] };
    csv_table t;
    int c[N], present;
    int ret = open_csv(&t, r, "plan_list.csv", names, c, N, &present, d);

    if (ret != LS_OK || !present)
        return ret;
    r->plans = xcalloc(t.n_rows ? t.n_rows : 1, sizeof *r->plans);
    for (size_t i = 0; i < t.n_rows; i++) {
        rd_plan *x = &r->plans[r->n_plans];
        int bad = 0;
        bad |= csv_number(&t, i, c[5], &x->units, d) != LS_OK;
        bad |= get_int(&t, i, c[6], &x->first, d) != LS_OK;
        bad |= get_int(&t, i, c[7], &x->last, d) != LS_OK;
        bad |= csv_number(&t, i, c[8], &x->prob, d) != LS_OK;
        bad |= get_int(&t, i, c[9], &x->ws, d) != LS_OK;
        bad |= get_int(&t, i, c[10], &x->we, d) != LS_OK;
        bad |= csv_number(&t, i, c[11], &x->in_window, d) != LS_OK;
        bad |= csv_number(&t, i, c[12], &x->by_horizon, d) != LS_OK;
        bad |= get_opt(&t, i, c[13], &x->mean_year, d) != LS_OK;
        if (bad) {
            ret = LS_ECONFIG;
            continue;
        }
        x->id = dup_text(&t, i, c[0]);
        x->name = dup_text(&t, i, c[1]);
        x->kern = dup_text(&t, i, c[2]);
        x->tier = dup_text(&t, i, c[3]);
        x->phase = dup_text(&t, i, c[4]);
        r->n_plans++;
    }
    csv_free(&t);
    return ret;
}

/* uncertainty.csv (optional): what the simulations vary. */
static int
load_uncertainty(rd *r, diag *d)
{
    static const char *const names[] = {"input", "value"};
    csv_table t;
    int c[2], present, ret = open_csv(&t, r, "uncertainty.csv", names, c, 2, &present, d);

    if (ret != LS_OK || !present)
        return ret;
    r->unc = xcalloc(t.n_rows ? t.n_rows : 1, sizeof *r->unc);
    for (size_t i = 0; i < t.n_rows; i++) {
        rd_unc *x = &r->unc[r->n_unc];
        if (csv_number(&t, i, c[1], &x->value, d) != LS_OK) {
            ret = LS_ECONFIG;
            continue;
        }
        x->input = dup_text(&t, i, c[0]);
        r->n_unc++;
    }
    csv_free(&t);
    return ret;
}

int
rd_load(rd *self, const char *dir, diag *d)
{
    static int (*const rest[])(rd *, diag *) = {
        load_components,  load_pop_summary, load_regional,      load_households,
        load_completions, load_completions_summary, load_targets, load_decomposition,
        load_inputs,      load_observed, load_backtest, load_plans, load_uncertainty};
    int ret, run_ret;

    memset(self, 0, sizeof *self);
    self->dir = xstrdup(dir);
    run_ret = read_run_yaml(self, d);
    if ((ret = load_kernen(self, d)) != LS_OK)
        return ret;
    if ((ret = load_population(self, d)) != LS_OK)
        return ret;
    /* The rest depend only on kernen and years: report every file's problems (the
     * status is the last failure's). */
    for (size_t i = 0; i < sizeof rest / sizeof rest[0]; i++) {
        const int r2 = rest[i](self, d);
        if (r2 != LS_OK)
            ret = r2;
    }
    if (self->muni == NULL) /* a demography-only model: no municipal rows */
        self->muni = xstrdup(self->n_kern == 1           ? self->kern[0]
                             : self->title != NULL      ? self->title
                             : self->model_name != NULL ? self->model_name
                                                        : "");
    return ret != LS_OK ? ret : run_ret;
}

void
rd_free(rd *self)
{
    char **strs[] = {&self->dir,   &self->version,    &self->date,       &self->command,
                     &self->seed,  &self->runs,       &self->model_file, &self->model_name,
                     &self->title, &self->muni};
    double **arrs[] = {&self->pop,       &self->pyr,       &self->births,    &self->deaths,
                       &self->inflow,    &self->outflow,   &self->net,       &self->pop_p10,
                       &self->pop_p90,   &self->pop_led,   &self->hh_trend,  &self->hh_led,
                       &self->dw,        &self->shortage,  &self->muni_shortage,
                       &self->muni_dw,   &self->compl,     &self->compl_p10, &self->compl_p90,
                       &self->cum_p10,   &self->cum_p90};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        free(*strs[i]);
    for (size_t i = 0; i < sizeof arrs / sizeof arrs[0]; i++)
        free(*arrs[i]);
    for (size_t k = 0; k < self->n_kern; k++)
        free(self->kern[k]);
    for (size_t t = 0; t < self->n_tier; t++)
        free(self->tier[t]);
    free(self->kern);
    free(self->tier);
    free(self->kern_tier);
    free(self->age);
    for (size_t i = 0; i < self->n_targets; i++) {
        rd_target *x = &self->t[i];
        free(x->id);
        free(x->scope);
        free(x->measure);
        free(x->window);
        free(x->view);
        free(x->source);
    }
    free(self->t);
    for (size_t i = 0; i < self->n_decomp; i++)
        free(self->dc[i].target);
    free(self->dc);
    for (size_t i = 0; i < self->n_inputs; i++) {
        free(self->in[i].file);
        free(self->in[i].sha256);
        free(self->in[i].note);
    }
    free(self->in);
    for (size_t k = 0; k < 2; k++) {
        rd_row *rows = k == 0 ? self->ob : self->bt;
        const size_t n = k == 0 ? self->n_ob : self->n_bt;
        for (size_t i = 0; i < n; i++) {
            free(rows[i].measure);
            free(rows[i].scope);
            free(rows[i].status);
            free(rows[i].extra);
            free(rows[i].source);
            free(rows[i].source_nl);
        }
        free(rows);
    }
    free(self->obs_pop);
    free(self->obs_dw);
    free(self->obs_compl);
    free(self->obs_pop_status);
    free(self->obs_compl_status);
    for (size_t i = 0; i < self->n_plans; i++) {
        rd_plan *x = &self->plans[i];
        char **strs2[] = {&x->id, &x->name, &x->kern, &x->tier, &x->phase};
        for (size_t j = 0; j < sizeof strs2 / sizeof strs2[0]; j++)
            free(*strs2[j]);
    }
    free(self->plans);
    for (size_t i = 0; i < self->n_unc; i++)
        free(self->unc[i].input);
    free(self->unc);
    memset(self, 0, sizeof *self);
}
