/* Reading a finished output folder back (rd_load) and drawing its charts as gnuplot
 * scripts with their data (charts_write). The scripts are deterministic (no dates,
 * no versions): the tests compare them with golden files. Tick labels are written
 * by this file, not by gnuplot, so that numbers read the Dutch way (61.357) without
 * depending on the machine's locale. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "charts.h"
#include "gpchart.h"
#include "csv.h"
#include "output.h"
#include "plot.h"
#include "runrecord.h"
#include "util.h"

#define L(nl, en) (lang == LANG_NL ? (nl) : (en))

/* Okabe-Ito colours (readable with colour blindness) and a light band. */
#define C_BLUE "#0072B2"
#define C_ORANGE "#E69F00"
#define C_VERM "#D55E00"
#define C_GREEN "#009E73"
#define C_SKY "#56B4E9"
#define C_GREY "#666666"
#define C_BAND "#c6dbef"
#define C_TARGET "#C00000"

/* ---------------------------------------------------------------- reading */

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
        const char *scope = csv_text(&t, i, c[1]), *met = csv_text(&t, i, c[10]);
        int bad = 0;
        memset(x, 0, sizeof *x);
        bad |= get_int(&t, i, c[3], &x->ws, d) != LS_OK;
        bad |= get_int(&t, i, c[4], &x->we, d) != LS_OK;
        bad |= csv_number(&t, i, c[5], &x->required, d) != LS_OK;
        bad |= csv_number(&t, i, c[6], &x->expected, d) != LS_OK;
        bad |= csv_number(&t, i, c[7], &x->gap, d) != LS_OK;
        bad |= get_int(&t, i, c[11], &x->years_met, d) != LS_OK;
        bad |= get_int(&t, i, c[12], &x->years, d) != LS_OK;
        bad |= get_int(&t, i, c[13], &x->worst_year, d) != LS_OK;
        bad |= csv_number(&t, i, c[14], &x->worst_expected, d) != LS_OK;
        bad |= csv_number(&t, i, c[15], &x->shortfall, d) != LS_OK;
        bad |= get_opt(&t, i, c[16], &x->prob, d) != LS_OK;
        bad |= get_opt(&t, i, c[17], &x->extra80, d) != LS_OK;
        bad |= get_opt(&t, i, c[18], &x->extra90, d) != LS_OK;
        bad |= get_opt(&t, i, c[19], &x->v_mean, d) != LS_OK;
        bad |= get_opt(&t, i, c[20], &x->v_p10, d) != LS_OK;
        bad |= get_opt(&t, i, c[21], &x->v_p50, d) != LS_OK;
        bad |= get_opt(&t, i, c[22], &x->v_p90, d) != LS_OK;
        if (strcmp(met, "yes") != 0 && strcmp(met, "no") != 0) {
            diag_add(d, t.name, csv_line(&t, i), csv_col(&t, i, c[10]),
                     "column \"met\": expected yes or no, found %s", diag_quote(met));
            bad = 1;
        }
        if (bad) {
            ret = LS_ECONFIG;
            continue;
        }
        x->met = strcmp(met, "yes") == 0;
        x->index = -1;
        if (strcmp(scope, "municipality") == 0)
            x->level = RD_MUNICIPALITY;
        else if (strncmp(scope, "tier:", 5) == 0) {
            x->level = RD_TIER;
            x->index = tier_index(r, scope + 5);
        } else if (strncmp(scope, "kern:", 5) == 0) {
            x->level = RD_KERN;
            x->index = kern_index(r, scope + 5, &cache);
        } else {
            diag_add(d, t.name, csv_line(&t, i), csv_col(&t, i, c[1]),
                     "column \"scope\": expected municipality, tier:NAME or kern:NAME, found %s",
                     diag_quote(scope));
            ret = LS_ECONFIG;
            continue;
        }
        x->id = dup_text(&t, i, c[0]);
        x->scope = xstrdup(scope);
        x->measure = dup_text(&t, i, c[2]);
        x->window = dup_text(&t, i, c[8]);
        x->view = dup_text(&t, i, c[9]);
        x->source = dup_text(&t, i, c[23]);
        {
            const int cst = csv_column(&t, "status", 0, NULL),
                      cop = csv_column(&t, "observed_part", 0, NULL),
                      cfp = csv_column(&t, "forecast_part", 0, NULL),
                      cot = csv_column(&t, "observed_to", 0, NULL);
            const char *st = cst >= 0 ? csv_text(&t, i, cst) : "";
            x->status = strcmp(st, "observed") == 0 ? 2 : strcmp(st, "partly observed") == 0 ? 1 : 0;
            x->obs_part = x->fc_part = NAN;
            if ((cop >= 0 && get_opt(&t, i, cop, &x->obs_part, d) != LS_OK)
                || (cfp >= 0 && get_opt(&t, i, cfp, &x->fc_part, d) != LS_OK)
                || (cot >= 0 && *csv_text(&t, i, cot) != '\0'
                    && get_int(&t, i, cot, &x->obs_to, d) != LS_OK))
                ret = LS_ECONFIG;
        }
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

int
rd_load(rd *self, const char *dir, diag *d)
{
    static int (*const rest[])(rd *, diag *) = {
        load_components,  load_pop_summary, load_regional,      load_households,
        load_completions, load_completions_summary, load_targets, load_decomposition,
        load_inputs,      load_observed, load_backtest};
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
        }
        free(rows);
    }
    free(self->obs_pop);
    free(self->obs_dw);
    free(self->obs_compl);
    free(self->obs_pop_status);
    free(self->obs_compl_status);
    memset(self, 0, sizeof *self);
}

/* ---------------------------------------------------------------- gnuplot helpers */

typedef struct {
    const char *name;
    strbuf dat, gp;
    enum report_lang lang;
} gpfile;

static void
gp_open(gpfile *g, const char *name, enum report_lang lang)
{
    g->name = name;
    g->lang = lang;
    strbuf_init(&g->dat);
    strbuf_init(&g->gp);
}

static void
gp_close(gpfile *g)
{
    strbuf_free(&g->dat);
    strbuf_free(&g->gp);
}

static void
gp_str(strbuf *b, const char *s)
{
    char *q = plot_quote(s);
    strbuf_printf(b, "'%s'", q);
    free(q);
}

/* The common head of every script: a comment, then one pass per output format so
 * that multiplots are re-drawn for the SVG too; last the command set with the title
 * ("set title ", "set label 1 "), its line left open for options. */
static void
gp_begin(gpfile *g, const char *title, const char *set, int w, int h)
{
    char *comment = plot_text(title);
    strbuf_printf(&g->gp,
                  "# %s\n"
                  "# Data: %s.dat. Re-make by hand inside this folder: gnuplot %s.gp\n"
                  "do for [fmt in \"png svg\"] {\n"
                  "reset\n"
                  "if (fmt eq \"png\") {\n"
                  "set terminal pngcairo size %d,%d font 'DejaVu Sans,10' noenhanced\n"
                  "set output '%s.png'\n"
                  "} else {\n"
                  "set terminal svg size %d,%d font 'DejaVu Sans,10' noenhanced background rgb 'white'\n"
                  "set output '%s.svg'\n"
                  "}\n"
                  "set encoding utf8\n%s",
                  comment, g->name, g->name, w, h, g->name, w, h, g->name, set);
    free(comment);
    gp_str(&g->gp, title);
}

static void
gp_end(gpfile *g)
{
    strbuf_printf(&g->gp, "unset output\n}\n");
}

/* A tic label: a single-quoted gnuplot string that is also a format (% doubled). */
static void
gp_tic(strbuf *b, const char *s)
{
    char *q = plot_quote(s);
    strbuf_add(b, "'", 1);
    for (const char *p = q; *p; p++)
        strbuf_add(b, *p == '%' ? "%%" : p, *p == '%' ? 2 : 1);
    strbuf_add(b, "'", 1);
    free(q);
}

/* Display width of a UTF-8 string in characters (for margins). */
static int
text_width(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char) *s & 0xc0) != 0x80;
    return n;
}

/* The widest of n names, at least w (margins for kern and tier names). */
static int
names_width(char *const *names, size_t n, int w)
{
    for (size_t i = 0; i < n; i++)
        if (text_width(names[i]) > w)
            w = text_width(names[i]);
    return w;
}

/* A string in a .dat file: double-quoted, without double quotes inside. */
static void
dat_str(strbuf *b, const char *s)
{
    char *t = plot_text(s);
    strbuf_add(b, "\"", 1);
    for (const char *p = t; *p; p++)
        strbuf_add(b, *p == '"' ? "'" : p, 1);
    strbuf_add(b, "\"", 1);
    free(t);
}

static void
dat_num(strbuf *b, double v)
{
    if (isnan(v))
        strbuf_printf(b, " NaN");
    else {
        if (fabs(v) < 0.0005)
            v = 0;
        strbuf_printf(b, " %.3f", v);
    }
}

static int
write_text(const char *dir, const char *name, const char *ext, const strbuf *b, diag *d)
{
    char *path = xasprintf("%s/%s.%s", dir, name, ext);
    ofile f;
    int ret = ofile_open(&f, path, d);
    free(path);
    if (ret != LS_OK)
        return ret;
    ofile_puts(&f, b->s != NULL ? b->s : "");
    return ofile_close(&f, d);
}

static int
gp_write(gpfile *g, const char *dir, diag *d)
{
    int ret = write_text(dir, g->name, "dat", &g->dat, d);
    if (ret == LS_OK)
        ret = write_text(dir, g->name, "gp", &g->gp, d);
    return ret;
}

static double
nice_step(double span, int n)
{
    double raw, mag, f;
    if (!(span > 0) || n < 1)
        return 1;
    raw = span / n;
    mag = pow(10, floor(log10(raw)));
    f = raw / mag;
    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
}

/* A value axis: range rounded out to whole steps and every tick labelled by us.
 * absolute: labels without sign (the men's side of a pyramid). */
static void
gp_axis(gpfile *g, const char *ax, double lo, double hi, int n, int absolute, const char *suffix)
{
    double step, a, b;
    int dec;

    if (!(hi > lo)) {
        double m = fabs(hi) > 0 ? fabs(hi) * 0.1 : 1;
        lo -= m;
        hi += m;
    } else if (!absolute) {
        /* keep lines off the frame: a value on a round number gets a step of room */
        const double m = (hi - lo) * 0.02;
        if (lo != 0)
            lo -= m;
        hi += m;
    }
    step = nice_step(hi - lo, n);
    a = floor(lo / step + 1e-9) * step;
    b = ceil(hi / step - 1e-9) * step;
    dec = step >= 1 ? 0 : (int) ceil(-log10(step) - 1e-9);
    strbuf_printf(&g->gp, "set %srange [%.*f:%.*f]\nset %stics (", ax, dec, a, dec, b, ax);
    for (int i = 0;; i++) {
        double v = a + i * step;
        char lab[64];
        if (v > b + step * 1e-6)
            break;
        if (fabs(v) < step * 1e-6)
            v = 0;
        fmt_num(lab, sizeof lab, absolute ? fabs(v) : v, dec, g->lang);
        strbuf_printf(&g->gp, "%s'%s%s' %.*f", i ? ", " : "", lab, suffix, dec, v);
    }
    strbuf_printf(&g->gp, ")\n");
}

/* Year axis: a tick every 1, 2, 5 or 10 years, on round years. */
static void
gp_years(gpfile *g, int a, int b, double pad, int maxticks)
{
    int span = b - a, step = 1;
    static const int steps[] = {1, 2, 5, 10, 20, 50};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        step = steps[i];
        if (span / step + 1 <= maxticks)
            break;
    }
    strbuf_printf(&g->gp, "set xrange [%.1f:%.1f]\nset xtics %d format '%%.0f'\n", a - pad,
                  b + pad, step);
    if (step == 5)
        strbuf_printf(&g->gp, "set mxtics 5\n");
}

static void
minmax(const double *v, size_t n, double *lo, double *hi)
{
    for (size_t i = 0; i < n; i++) {
        if (isnan(v[i]))
            continue;
        if (v[i] < *lo)
            *lo = v[i];
        if (v[i] > *hi)
            *hi = v[i];
    }
}

static chart *
add_chart(chart **c, size_t *n, const char *name, char *title, char *caption)
{
    chart *x;
    *c = xreallocarray(*c, *n + 1, sizeof **c);
    x = &(*c)[(*n)++];
    x->name = name;
    x->title = title;
    x->caption = caption;
    x->rendered = 0;
    return x;
}

/* Ends the script, writes NAME.dat and NAME.gp and adds the chart, which takes
 * title and caption (both freed on a write error). */
static int
chart_done(gpfile *g, const char *dir, char *title, char *caption, chart **cs, size_t *n,
           diag *d)
{
    int ret;

    gp_end(g);
    ret = gp_write(g, dir, d);
    if (ret == LS_OK)
        add_chart(cs, n, g->name, title, caption);
    else {
        free(title);
        free(caption);
    }
    gp_close(g);
    return ret;
}

/* Kernen in report order: by tier (tiers in their order), kernen without a tier last. */
static size_t *
kern_order(const rd *r)
{
    size_t *o = xcalloc(r->n_kern ? r->n_kern : 1, sizeof *o), n = 0;
    for (int t = 0; t <= (int) r->n_tier; t++) {
        const int want = t < (int) r->n_tier ? t : -1;
        for (size_t k = 0; k < r->n_kern; k++)
            if (r->kern_tier[k] == want)
                o[n++] = k;
    }
    return o;
}

/* A municipal completion target with the given window ("annual", "cumulative"),
 * or any window when window is NULL. */
static int
muni_completion(const rd_target *t, const char *window)
{
    return t->level == RD_MUNICIPALITY && strcmp(t->measure, "completions") == 0 &&
           (window == NULL || strcmp(t->window, window) == 0);
}

/* ---------------------------------------------------------------- the charts */

/* Whether the folder has a history to mark (steps before its last observed date). */
static int
has_history(const rd *r)
{
    return r->last_observed > r->y0;
}

/* Where history ends on a time axis: a dotted line at x, "observed" to its left and
 * "forecast" to its right. Stocks end at the last observed 1 January (x = year),
 * flows by calendar year before it (x = year - 0.5). */
static void
gp_history(gpfile *g, const rd *r, double x, double label_y, enum report_lang lang)
{
    if (!has_history(r))
        return;
    strbuf_printf(&g->gp,
                  "set arrow from %.1f, graph 0 to %.1f, graph 1 nohead dt 3 lw 1.5 lc rgb '" C_GREY
                  "' back\n"
                  "set label '%s' at %.1f, graph %.2f right offset char -0.5,0 tc rgb '" C_GREY
                  "' font ',9' front\n"
                  "set label '%s' at %.1f, graph %.2f left offset char 0.5,0 tc rgb '" C_GREY
                  "' font ',9' front\n",
                  x, x, L("\xe2\x86\x90 waargenomen", "\xe2\x86\x90 observed"), x, label_y,
                  L("prognose \xe2\x86\x92", "forecast \xe2\x86\x92"), x, label_y);
}

/* A data block of the points of v (by 1 January year index) whose status is want;
 * returns how many (the block holds one NaN row when none, so indices stay put). */
static int
dat_points(strbuf *dat, const rd *r, const double *v, const unsigned char *status, int want,
           const char *what)
{
    int k = 0;
    strbuf_printf(dat, "\n\n# %s: year value\n", what);
    for (size_t y = 0; v != NULL && y < r->n_years; y++)
        if (!isnan(v[y]) && (status == NULL ? want == 1 : status[y] == want)) {
            strbuf_printf(dat, "%d", r->y0 + (int) y);
            dat_num(dat, v[y]);
            strbuf_printf(dat, "\n");
            k++;
        }
    if (k == 0)
        strbuf_printf(dat, "NaN NaN\n");
    return k;
}

static int
chart_population(const rd *r, const char *dir, enum report_lang lang, chart **cs, size_t *n,
                 diag *d)
{
    gpfile g;
    double lo = INFINITY, hi = -INFINITY;
    int col = 3, n_obs = 0, n_later = 0;
    const char *ix = r->obs_pop != NULL ? " index 0" : "";
    char *title, *caption;

    gp_open(&g, "population", lang);
    strbuf_printf(&g.dat, "# %s: %s\n# year population_trend%s%s\n", r->muni,
                  L("bevolking op 1 januari", "population on 1 January"),
                  r->has_pop_q ? " p10 p90" : "", r->has_pop_led ? " population_housing_led" : "");
    for (size_t y = 0; y < r->n_years; y++) {
        strbuf_printf(&g.dat, "%d", r->y0 + (int) y);
        dat_num(&g.dat, r->pop[y]);
        if (r->has_pop_q) {
            dat_num(&g.dat, r->pop_p10[y]);
            dat_num(&g.dat, r->pop_p90[y]);
        }
        if (r->has_pop_led)
            dat_num(&g.dat, r->pop_led[y]);
        strbuf_printf(&g.dat, "\n");
    }
    minmax(r->pop, r->n_years, &lo, &hi);
    if (r->has_pop_q) {
        minmax(r->pop_p10, r->n_years, &lo, &hi);
        minmax(r->pop_p90, r->n_years, &lo, &hi);
    }
    if (r->has_pop_led)
        minmax(r->pop_led, r->n_years, &lo, &hi);
    if (r->obs_pop != NULL) {
        n_obs = dat_points(&g.dat, r, r->obs_pop, r->obs_pop_status, 1,
                           L("waargenomen", "observed"));
        n_later = dat_points(&g.dat, r, r->obs_pop, r->obs_pop_status, 3,
                             L("waargenomen na de start van de prognose", "observed after the forecast start"));
        minmax(r->obs_pop, r->n_years, &lo, &hi);
    }
    title = xasprintf("%s %s", L("Bevolking op 1 januari,", "Population on 1 January,"), r->muni);
    gp_begin(&g, title, "set title ", 900, 500);
    strbuf_printf(&g.gp, "\nset ylabel '%s'\nset grid lc rgb '#dddddd'\n%s\n",
                  L("inwoners", "inhabitants"),
                  r->has_pop_q || r->has_pop_led || n_obs + n_later > 0
                      ? "set key top left reverse Left"
                      : "unset key");
    gp_years(&g, r->y0, r->y1, 0, 12);
    gp_axis(&g, "y", lo, hi, 6, 0, "");
    gp_history(&g, r, r->last_observed, 0.03, lang);
    strbuf_printf(&g.gp, "plot ");
    if (r->has_pop_q) {
        strbuf_printf(&g.gp,
                      "'population.dat'%s using 1:3:4 with filledcurves fc rgb '" C_BAND
                      "' fs solid 1.0 noborder title '%s', \\\n     ",
                      ix, L("10-90% van de simulaties (trend)", "10-90% of the simulations (trend)"));
        col = 5;
    }
    strbuf_printf(&g.gp,
                  "'population.dat'%s using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc rgb '" C_BLUE
                  "' title '%s'",
                  ix, L("trend", "trend"));
    if (r->has_pop_led)
        strbuf_printf(&g.gp,
                      ", \\\n     ''%s using 1:%d with lines lw 2 dt 2 lc rgb '" C_VERM "' title '%s'",
                      ix, col, L("woningmarktgestuurd (de geplande woningen gevuld)",
                                 "housing-led (the planned dwellings filled)"));
    if (n_obs > 0)
        strbuf_printf(&g.gp,
                      ", \\\n     '' index 1 using 1:2 with points pt 7 ps 1.6 lc rgb 'black' title '%s'",
                      L("waargenomen (CBS)", "observed (CBS)"));
    if (n_later > 0)
        strbuf_printf(&g.gp,
                      ", \\\n     '' index 2 using 1:2 with points pt 6 ps 1.8 lw 2 lc rgb 'black' title '%s'",
                      L("waargenomen na de start (terugblik)", "observed after the start (back-test)"));
    strbuf_printf(&g.gp, "\n");
    caption = xstrdup(r->has_pop_led
                          ? L("De doorgetrokken lijn is de trendprognose, de stippellijn de bevolking "
                              "als de geplande woningen gevuld worden; een brede band betekent veel "
                              "onzekerheid.",
                              "The solid line is the trend projection, the dashed line the population "
                              "when the planned dwellings are filled; a wide band means much "
                              "uncertainty.")
                          : L("De lijn is de prognose van het aantal inwoners op 1 januari.",
                              "The line is the projected number of inhabitants on 1 January."));
    return chart_done(&g, dir, title, caption, cs, n, d);
}

static int
chart_components(const rd *r, const char *dir, enum report_lang lang, chart **cs, size_t *n,
                 diag *d)
{
    gpfile g;
    double lo = 0, hi = 0;
    char *title, *caption;

    if (r->n_cy == 0)
        return LS_OK;
    gp_open(&g, "components", lang);
    strbuf_printf(&g.dat,
                  "# %s: %s\n# year births deaths in_migration out_migration net_change\n"
                  "# in = immigration + domestic_in, out = emigration + domestic_out\n",
                  r->muni,
                  L("bevolkingsontwikkeling per jaar (1 januari tot 1 januari)",
                    "components of change per year (1 January to 1 January)"));
    for (size_t y = 0; y < r->n_cy; y++) {
        strbuf_printf(&g.dat, "%d", r->c0 + (int) y);
        dat_num(&g.dat, r->births[y]);
        dat_num(&g.dat, r->deaths[y]);
        dat_num(&g.dat, r->inflow[y]);
        dat_num(&g.dat, r->outflow[y]);
        dat_num(&g.dat, r->net[y]);
        strbuf_printf(&g.dat, "\n");
        if (r->births[y] + r->inflow[y] > hi)
            hi = r->births[y] + r->inflow[y];
        if (-r->deaths[y] - r->outflow[y] < lo)
            lo = -r->deaths[y] - r->outflow[y];
        if (r->net[y] > hi)
            hi = r->net[y];
        if (r->net[y] < lo)
            lo = r->net[y];
    }
    title = xasprintf("%s, %s", L("Geboorten, sterfte, vestiging en vertrek per jaar",
                                  "Births, deaths, in- and out-migration per year"),
                      r->muni);
    gp_begin(&g, title, "set title ", 900, 520);
    strbuf_printf(&g.gp,
                  "\nset ylabel '%s'\nset xlabel '%s'\nset grid ytics lc rgb '#dddddd'\n"
                  "set xzeroaxis lt -1 lw 1\nset key outside right top vertical Left reverse\n"
                  "set style fill solid 0.9 noborder\nset boxwidth 0.75\n",
                  L("personen (instroom boven nul, uitstroom onder nul)",
                    "persons (inflows above zero, outflows below)"),
                  L("jaar (van 1 januari tot 1 januari)", "year (from 1 January to 1 January)"));
    gp_years(&g, r->c0, r->c0 + (int) r->n_cy - 1, 0.6, 14);
    gp_axis(&g, "y", lo, hi, 8, 0, "");
    gp_history(&g, r, r->last_observed - 0.5, 0.97, lang);
    strbuf_printf(&g.gp,
                  "plot 'components.dat' using 1:($2+$4) with boxes lc rgb '" C_SKY "' title '%s', \\\n"
                  "     '' using 1:2 with boxes lc rgb '" C_GREEN "' title '%s', \\\n"
                  "     '' using 1:(-$3-$5) with boxes lc rgb '" C_ORANGE "' title '%s', \\\n"
                  "     '' using 1:(-$3) with boxes lc rgb '" C_GREY "' title '%s', \\\n"
                  "     '' using 1:6 with linespoints lw 2 pt 7 ps 0.6 lc rgb 'black' title '%s'\n",
                  L("Vestiging", "In-migration"), L("Geboorten", "Births"),
                  L("Vertrek", "Out-migration"), L("Sterfte", "Deaths"),
                  L("Groei (saldo)", "Net change"));
    caption = xstrdup(L("Staven boven nul zijn instroom (geboorten en vestiging), onder nul "
                        "uitstroom (sterfte en vertrek); de zwarte lijn is de groei per jaar.",
                        "Bars above zero are inflows (births, in-migration), below zero outflows "
                        "(deaths, out-migration); the black line is the growth per year."));
    return chart_done(&g, dir, title, caption, cs, n, d);
}

/* One pyramid panel: the data of group grp in indices base, base+1, base+2. */
static void
pyramid_data(const rd *r, gpfile *g, size_t grp, const char *label)
{
    const size_t A = r->n_ages;
    const double *v = &r->pyr[grp * 4 * A];
    const int w = r->age_width;

    strbuf_printf(&g->dat, "# %s: age men_%d women_%d men_%d women_%d\n", label, r->y0, r->y0,
                  r->y1, r->y1);
    for (size_t a = 0; a < A; a++) {
        strbuf_printf(&g->dat, "%d", r->age[a]);
        for (size_t ts = 0; ts < 4; ts++) /* (t * 2 + sex): men and women, base year first */
            dat_num(&g->dat, v[ts * A + a]);
        strbuf_printf(&g->dat, "\n");
    }
    for (int s = 0; s < 2; s++) {
        strbuf_printf(&g->dat, "\n\n# %s: outline of the %s in %d (x = persons%s, y = age)\n",
                      label, s == 0 ? "men" : "women", r->y1, s == 0 ? " negated" : "");
        for (size_t a = 0; a < A; a++) {
            const double x = v[(1 * 2 + (size_t) s) * A + a] * (s == 0 ? -1 : 1);
            strbuf_printf(&g->dat, "%.3f %d\n%.3f %d\n", x == 0 ? 0 : x, r->age[a],
                          x == 0 ? 0 : x, r->age[a] + w);
        }
    }
}

static double
pyramid_max(const rd *r, size_t grp)
{
    double m = 0;
    for (size_t i = 0; i < 4 * r->n_ages; i++)
        if (r->pyr[grp * 4 * r->n_ages + i] > m)
            m = r->pyr[grp * 4 * r->n_ages + i];
    return m;
}

static void
pyramid_plot(const rd *r, gpfile *g, size_t grp, int first_index, int key)
{
    const enum report_lang lang = g->lang;
    const double w = r->age_width;
    const double m = pyramid_max(r, grp);
    const char *f = g->name;
    const int top = r->age[r->n_ages - 1] + r->age_width;
    char t[4][64];

    for (int i = 0; i < 4; i++) /* men and women, base year first */
        if (key)
            snprintf(t[i], sizeof t[i], "title '%s %d'",
                     i % 2 == 0 ? L("mannen", "men") : L("vrouwen", "women"),
                     i < 2 ? r->y0 : r->y1);
        else
            snprintf(t[i], sizeof t[i], "notitle");
    gp_axis(g, "x", -m, m, 4, 1, "");
    strbuf_printf(&g->gp, "set yrange [0:%d]\nset ytics %d nomirror\nset mytics 2\nplot ", top,
                  top <= 10 ? 1 : top <= 40 ? 5 : 10);
    if (r->has_men)
        strbuf_printf(&g->gp,
                      "'%s.dat' index %d using (-$2/2):($1+%g):($2/2):(%g) with boxxyerror "
                      "fs solid 0.55 noborder lc rgb '" C_BLUE "' %s, \\\n     ",
                      f, first_index, w / 2, w / 2, t[0]);
    if (r->has_women)
        strbuf_printf(&g->gp,
                      "'%s.dat' index %d using ($3/2):($1+%g):($3/2):(%g) with boxxyerror "
                      "fs solid 0.55 noborder lc rgb '" C_VERM "' %s, \\\n     ",
                      f, first_index, w / 2, w / 2, t[1]);
    if (r->has_men)
        strbuf_printf(&g->gp, "'%s.dat' index %d using 1:2 with lines lw 1.5 lc rgb '#003a5d' %s%s",
                      f, first_index + 1, t[2], r->has_women ? ", \\\n     " : "");
    if (r->has_women)
        strbuf_printf(&g->gp, "'%s.dat' index %d using 1:2 with lines lw 1.5 lc rgb '#7a2e00' %s",
                      f, first_index + 2, t[3]);
    strbuf_printf(&g->gp, "\n");
}

static int
chart_pyramid(const rd *r, const char *dir, enum report_lang lang, chart **cs, size_t *n, diag *d)
{
    gpfile g;
    char *title, *caption;

    if (r->n_ages == 0)
        return LS_OK;
    gp_open(&g, "pyramid", lang);
    pyramid_data(r, &g, 0, r->muni);
    title = xasprintf(L("Leeftijdsopbouw %s: %d (vlak) en %d (lijn)",
                        "Age structure of %s: %d (bars) and %d (line)"),
                      r->muni, r->y0, r->y1);
    gp_begin(&g, title, "set title ", 820, 720);
    strbuf_printf(&g.gp,
                  "\nset xlabel '%s'\nset ylabel '%s'\nset grid lc rgb '#e4e4e4'\n"
                  "set key top left Left reverse samplen 2\nset xzeroaxis\n",
                  r->has_men && r->has_women ? L("personen per leeftijdsjaar (mannen links, vrouwen rechts)",
                                                 "persons per year of age (men left, women right)")
                                             : L("personen per leeftijdsjaar", "persons per year of age"),
                  L("leeftijd", "age"));
    pyramid_plot(r, &g, 0, 0, 1);
    caption = xasprintf(L("Waar de lijn buiten het vlak ligt, zijn er in %d meer mensen van die "
                          "leeftijd dan in %d: kijk vooral naar de ouderen bovenin.",
                          "Where the line lies outside the bars there are more people of that "
                          "age in %d than in %d: look at the elderly at the top."),
                        r->y1, r->y0);
    return chart_done(&g, dir, title, caption, cs, n, d);
}

static int
chart_pyramid_tiers(const rd *r, const char *dir, enum report_lang lang, chart **cs, size_t *n,
                    diag *d)
{
    gpfile g;
    char *title, *caption, set[64];
    const int T = (int) r->n_tier;

    if (r->n_ages == 0 || T < 2)
        return LS_OK;
    gp_open(&g, "pyramid_tiers", lang);
    for (int t = 0; t < T; t++) {
        if (t > 0)
            strbuf_printf(&g.dat, "\n\n");
        pyramid_data(r, &g, (size_t) (1 + t), r->tier[t]);
    }
    title = xasprintf(L("Leeftijdsopbouw per type kern: %d (vlak) en %d (lijn)",
                        "Age structure by tier: %d (bars) and %d (line)"),
                      r->y0, r->y1);
    snprintf(set, sizeof set, "set multiplot layout %d,%d title ", T <= 3 ? 1 : (T + 2) / 3,
             T <= 3 ? T : 3);
    gp_begin(&g, title, set, T <= 3 ? 400 * T : 1200, T <= 3 ? 620 : 620 * ((T + 2) / 3));
    strbuf_printf(&g.gp, "\nset grid lc rgb '#e4e4e4'\nset xzeroaxis\nset xtics font ',8'\n"
                         "set key top left Left reverse samplen 1.5 font ',8'\n");
    for (int t = 0; t < T; t++) {
        strbuf_printf(&g.gp, "set title ");
        gp_str(&g.gp, r->tier[t]);
        strbuf_printf(&g.gp, "\n");
        if (t == 0)
            strbuf_printf(&g.gp, "set ylabel '%s'\n", L("leeftijd", "age"));
        else
            strbuf_printf(&g.gp, "unset ylabel\n");
        pyramid_plot(r, &g, (size_t) (1 + t), 3 * t, t == 0);
    }
    strbuf_printf(&g.gp, "unset multiplot\n");
    caption = xstrdup(L("Vergelijk de typen kernen: waar de lijn bovenin ver buiten het vlak "
                        "komt, vergrijst dat deel van de gemeente het snelst (elk paneel heeft zijn "
                        "eigen schaal).",
                        "Compare the tiers: where the line reaches far outside the bars at the top, "
                        "that part of the municipality ages fastest (each panel has its own "
                        "scale)."));
    return chart_done(&g, dir, title, caption, cs, n, d);
}

/* First window start of the municipal completion targets (the cumulative path
 * starts there), or the base year. */
static int
completion_start(const rd *r)
{
    int s = 0, found = 0;
    for (size_t i = 0; i < r->n_targets; i++) {
        const rd_target *t = &r->t[i];
        if (muni_completion(t, NULL) && (!found || t->ws < s)) {
            s = t->ws;
            found = 1;
        }
    }
    return found ? s : r->y0;
}

static int
chart_cumulative(const rd *r, const char *dir, enum report_lang lang, chart **cs, size_t *n,
                 diag *d)
{
    gpfile g;
    const int S = completion_start(r);
    int xmax = r->y1, ntarget = 0, n_hist = 0;
    double cum = 0, lo = 0, hi = 0;
    char *title, *caption, num[64];

    if (!r->has_completions || rd_year(r, S) < 0)
        return LS_OK;
    gp_open(&g, "completions_cumulative", lang);
    strbuf_printf(&g.dat, "# %s: %s %d\n# year(1 January) expected%s\n", r->muni,
                  L("opleveringen cumulatief vanaf", "cumulative completions since"), S,
                  r->has_cum_q ? " p10 p90" : "");
    for (int y = S; y <= r->y1; y++) {
        if (y > S && !isnan(r->compl[rd_year(r, y - 1)]))
            cum += r->compl[rd_year(r, y - 1)];
        strbuf_printf(&g.dat, "%d", y);
        dat_num(&g.dat, cum);
        if (cum > hi)
            hi = cum;
        if (r->has_cum_q) {
            dat_num(&g.dat, r->cum_p10[rd_year(r, y)]);
            dat_num(&g.dat, r->cum_p90[rd_year(r, y)]);
            minmax(&r->cum_p90[rd_year(r, y)], 1, &lo, &hi);
        }
        strbuf_printf(&g.dat, "\n");
    }
    strbuf_printf(&g.dat, "\n\n# cumulative targets: year(1 January after the window) required "
                          "window_start label\n");
    for (size_t i = 0; i < r->n_targets; i++) {
        const rd_target *t = &r->t[i];
        char *lab;
        int seen = 0;
        if (!muni_completion(t, "cumulative"))
            continue;
        for (size_t j = 0; j < i; j++) /* the same target twice (another allocation): once */
            seen |= muni_completion(&r->t[j], "cumulative") && r->t[j].ws == t->ws &&
                    r->t[j].we == t->we && r->t[j].required == t->required;
        if (seen)
            continue;
        fmt_num(num, sizeof num, t->required, 0, lang);
        lab = xasprintf(L("doel %s (%d-%d)", "target %s (%d-%d)"), num, t->ws, t->we);
        strbuf_printf(&g.dat, "%d %.3f %d ", t->we + 1, t->required, t->ws);
        dat_str(&g.dat, lab);
        strbuf_printf(&g.dat, "\n");
        free(lab);
        if (t->required > hi)
            hi = t->required;
        if (t->we + 1 > xmax)
            xmax = t->we + 1;
        ntarget++;
    }
    if (ntarget == 0)
        strbuf_printf(&g.dat, "NaN NaN NaN \"\"\n");
    if (has_history(r)) {
        /* The path up to the last observed date is history: points. */
        double c = 0;
        strbuf_printf(&g.dat, "\n\n# %s: year(1 January) cumulative\n",
                      L("waargenomen", "observed"));
        for (int y = S; y <= r->last_observed && y <= r->y1; y++) {
            if (y > S && !isnan(r->compl[rd_year(r, y - 1)]))
                c += r->compl[rd_year(r, y - 1)];
            strbuf_printf(&g.dat, "%d", y);
            dat_num(&g.dat, c);
            strbuf_printf(&g.dat, "\n");
            n_hist++;
        }
        if (n_hist == 0)
            strbuf_printf(&g.dat, "NaN NaN\n");
    }
    title = xasprintf(L("Opleveringen cumulatief vanaf %d, %s", "Cumulative completions since %d, %s"),
                      S, r->muni);
    gp_begin(&g, title, "set title ", 900, 520);
    strbuf_printf(&g.gp,
                  "\nset ylabel '%s'\nset xlabel '%s'\nset grid lc rgb '#dddddd'\n"
                  "set key top left Left reverse\nset style textbox opaque noborder margins 2,1\n",
                  L("woningen opgeleverd sinds 1 januari", "dwellings completed since 1 January"),
                  L("stand op 1 januari", "as of 1 January"));
    strbuf_printf(&g.gp, "# (the path starts at the first completion target's window start)\n");
    gp_years(&g, S, xmax, 0.3, 12);
    gp_axis(&g, "y", lo, hi * 1.08, 6, 0, "");
    if (r->last_observed > S)
        gp_history(&g, r, r->last_observed, 0.55, lang);
    strbuf_printf(&g.gp, "plot ");
    if (r->has_cum_q)
        strbuf_printf(&g.gp,
                      "'completions_cumulative.dat' index 0 using 1:3:4 with filledcurves fc rgb '" C_BAND
                      "' fs solid 1.0 noborder title '%s', \\\n     ",
                      L("10-90% van de simulaties", "10-90% of the simulations"));
    strbuf_printf(&g.gp,
                  "'completions_cumulative.dat' index 0 using 1:2 with linespoints lw 2.5 pt 7 ps 0.6 lc rgb '" C_BLUE
                  "' title '%s', \\\n"
                  "     '' index 1 using 3:2:($1-$3):(0) with vectors nohead dt 2 lw 1.5 lc rgb '" C_TARGET
                  "' notitle, \\\n"
                  "     '' index 1 using 1:2 with points pt 13 ps 2 lc rgb '" C_TARGET "' title '%s', \\\n"
                  "     '' index 1 using 1:2:4 with labels boxed right offset char -1.5,1 tc rgb '" C_TARGET
                  "' notitle",
                  L("verwacht", "expected"),
                  L("doel (te halen aan het eind van de doelperiode)",
                    "target (to be reached at the end of its window)"));
    if (n_hist > 0)
        strbuf_printf(&g.gp,
                      ", \\\n     '' index 2 using 1:2 with points pt 7 ps 1.5 lc rgb 'black' title '%s'",
                      L("waargenomen (deels verdeeld)", "observed (partly distributed)"));
    strbuf_printf(&g.gp, "\n");
    caption = xstrdup(r->has_cum_q
                          ? L("Ligt de blauwe lijn bij een ruit lager dan de ruit, dan wordt dat doel "
                              "niet gehaald; de band laat zien waar 80% van de simulaties uitkomt.",
                              "Where the blue line passes below a diamond, that target is missed; "
                              "the band shows where 80% of the simulations end up.")
                          : L("Ligt de blauwe lijn bij een ruit lager dan de ruit, dan wordt dat doel "
                              "niet gehaald.",
                              "Where the blue line passes below a diamond, that target is missed."));
    return chart_done(&g, dir, title, caption, cs, n, d);
}

static int
chart_annual(const rd *r, const char *dir, enum report_lang lang, chart **cs, size_t *n, diag *d)
{
    gpfile g;
    int first = -1, last = -1, nannual = 0, n_obs[3] = {0, 0, 0};
    double lo = 0, hi = 0;
    char *title, *caption, num[64], key_target[160];

    if (!r->has_completions)
        return LS_OK;
    snprintf(key_target, sizeof key_target, "%s",
             L("doel per jaar in de doelperiode", "annual target within its window"));
    for (size_t y = 0; y < r->n_years; y++)
        if (!isnan(r->compl[y])) {
            if (first < 0)
                first = (int) y;
            last = (int) y;
        }
    for (size_t i = 0; i < r->n_targets; i++)
        nannual += muni_completion(&r->t[i], "annual");
    gp_open(&g, "completions_annual", lang);
    strbuf_printf(&g.dat,
                  "# %s: %s\n# year completions colour(0xRRGGBB: blue met, orange short, grey outside "
                  "an annual target)%s\n",
                  r->muni, L("opleveringen per jaar", "completions per year"),
                  r->has_compl_q ? " p10 p90" : "");
    for (int y = first; y <= last && first >= 0; y++) {
        const double v = r->compl[y];
        int colour = nannual ? 0xb8c9d6 : 0x0072b2;
        for (size_t i = 0; i < r->n_targets; i++) {
            const rd_target *t = &r->t[i];
            if (!muni_completion(t, "annual") || r->y0 + y < t->ws || r->y0 + y > t->we)
                continue;
            colour = v + 1e-9 >= t->required ? 0x0072b2 : 0xe69f00;
        }
        strbuf_printf(&g.dat, "%d", r->y0 + y);
        dat_num(&g.dat, v);
        strbuf_printf(&g.dat, " %d", colour);
        minmax(&v, 1, &lo, &hi);
        if (r->has_compl_q) {
            dat_num(&g.dat, r->compl_p10[y]);
            dat_num(&g.dat, r->compl_p90[y]);
            minmax(&r->compl_p90[y], 1, &lo, &hi);
        }
        strbuf_printf(&g.dat, "\n");
    }
    strbuf_printf(&g.dat, "\n\n# annual targets: from to required\n");
    for (size_t i = 0; i < r->n_targets; i++) {
        const rd_target *t = &r->t[i];
        if (!muni_completion(t, "annual"))
            continue;
        strbuf_printf(&g.dat, "%.2f %.2f %.3f\n", t->ws - 0.45, t->we + 0.45, t->required);
        if (t->required > hi)
            hi = t->required;
        if (nannual == 1) { /* the one target is named in the key */
            fmt_num(num, sizeof num, t->required, 0, lang);
            snprintf(key_target, sizeof key_target,
                     L("doel: %s per jaar in %d-%d", "target: %s a year in %d-%d"), num, t->ws,
                     t->we);
        }
    }
    if (nannual == 0)
        strbuf_printf(&g.dat, "NaN NaN NaN\n");
    if (r->obs_compl != NULL) {
        static const char *const what[3][2] = {
            {"geteld (CBS)", "counted (CBS)"},
            {"waargenomen, verdeeld over de jaren", "observed, distributed over the years"},
            {"waargenomen na de start (terugblik)", "observed after the start (back-test)"}};
        for (int k = 0; k < 3; k++)
            n_obs[k] = dat_points(&g.dat, r, r->obs_compl, r->obs_compl_status, k + 1,
                                  L(what[k][0], what[k][1]));
        minmax(r->obs_compl, r->n_years, &lo, &hi);
    }
    title = xasprintf(L("Opleveringen per jaar, %s", "Completions per year, %s"), r->muni);
    gp_begin(&g, title, "set title ", 900, 480);
    strbuf_printf(&g.gp,
                  "\nset ylabel '%s'\nset grid ytics lc rgb '#dddddd'\nset key top right Left reverse\n"
                  "set style fill solid 0.9 noborder\nset boxwidth 0.7\n",
                  L("woningen opgeleverd in het jaar", "dwellings completed in the year"));
    gp_years(&g, r->y0 + (first < 0 ? 0 : first), r->y0 + (last < 0 ? 0 : last), 0.6, 14);
    gp_axis(&g, "y", lo, hi * 1.15, 6, 0, "");
    gp_history(&g, r, r->last_observed - 0.5, 0.96, lang);
    strbuf_printf(&g.gp, "plot 'completions_annual.dat' index 0 using 1:2:3 with boxes lc rgb variable notitle");
    if (nannual)
        strbuf_printf(&g.gp,
                      ", \\\n     NaN with boxes lc rgb '" C_BLUE "' title '%s'"
                      ", \\\n     NaN with boxes lc rgb '" C_ORANGE "' title '%s'"
                      ", \\\n     NaN with boxes lc rgb '#b8c9d6' title '%s'",
                      L("doeljaar, gehaald", "target year, met"),
                      L("doeljaar, niet gehaald", "target year, missed"),
                      L("overige jaren", "other years"));
    if (r->has_compl_q)
        strbuf_printf(&g.gp,
                      ", \\\n     '' index 0 using 1:4:(0):($5-$4) with vectors heads size screen 0.006,90 lw 1 lc rgb '#333333' title '%s'",
                      L("10-90% van de simulaties", "10-90% of the simulations"));
    if (nannual)
        strbuf_printf(&g.gp,
                      ", \\\n     'completions_annual.dat' index 1 using 1:3:($2-$1):(0) with vectors nohead lw 3 lc rgb '" C_TARGET
                      "' notitle"
                      ", \\\n     NaN with lines lw 3 lc rgb '" C_TARGET "' title '%s'",
                      key_target);
    {
        static const char *const style[3] = {"pt 7 ps 1.5", "pt 6 ps 1.5 lw 2", "pt 9 ps 1.8"};
        static const char *const key[3][2] = {
            {"geteld (CBS)", "counted (CBS)"},
            {"waargenomen, verdeeld (alleen het totaal is geteld)",
             "observed, distributed (only the total was counted)"},
            {"waargenomen na de start (terugblik)", "observed after the start (back-test)"}};
        for (int k = 0; k < 3; k++)
            if (n_obs[k] > 0)
                strbuf_printf(&g.gp,
                              ", \\\n     'completions_annual.dat' index %d using 1:2 with points %s lc rgb 'black' title '%s'",
                              k + 2, style[k], L(key[k][0], key[k][1]));
    }
    strbuf_printf(&g.gp, "\n");
    caption = xstrdup(nannual ? L("Oranje staven zijn jaren binnen de doelperiode waarin minder wordt "
                                  "opgeleverd dan de rode lijn vraagt.",
                                  "Orange bars are years within the target window that complete "
                                  "fewer dwellings than the red line asks for.")
                              : L("Het aantal woningen dat elk jaar wordt opgeleverd.",
                                  "The number of dwellings completed each year."));
    return chart_done(&g, dir, title, caption, cs, n, d);
}

/* Rows of a kern-by-something heatmap: kern order[i] is drawn at y = n_kern-1-i
 * (extra_top rows above them), with a line above each tier and its name at the
 * right. */
static void
heat_rows(const rd *r, gpfile *g, const size_t *order, int extra_top, double xl, double xr)
{
    const int rows = (int) r->n_kern + extra_top;
    strbuf_printf(&g->gp, "set yrange [-0.5:%d.5]\nset ytics scale 0 (", rows - 1);
    for (size_t i = 0; i < r->n_kern; i++) {
        strbuf_printf(&g->gp, "%s", i ? ", " : "");
        gp_tic(&g->gp, r->kern[order[i]]);
        strbuf_printf(&g->gp, " %d", (int) r->n_kern - 1 - (int) i);
    }
    strbuf_printf(&g->gp, ")\n");
    for (size_t i = 0; i < r->n_kern; i++) {
        const int tier = r->kern_tier[order[i]];
        size_t j = i;
        if (i > 0 && r->kern_tier[order[i - 1]] == tier)
            continue;
        while (j + 1 < r->n_kern && r->kern_tier[order[j + 1]] == tier)
            j++;
        /* group i..j: a line above it and its name to the right */
        if (i > 0 || extra_top)
            strbuf_printf(&g->gp, "set arrow from %.1f,%.1f to %.1f,%.1f nohead lw 2 lc rgb 'black' front\n",
                          xl, (double) r->n_kern - 1 - (double) i + 0.5, xr,
                          (double) r->n_kern - 1 - (double) i + 0.5);
        if (tier >= 0) {
            strbuf_printf(&g->gp, "set label ");
            gp_str(&g->gp, r->tier[tier]);
            strbuf_printf(&g->gp, " at graph 1.015, first %.1f left font ',9'\n",
                          (double) r->n_kern - 1 - (double) (i + j) / 2);
        }
    }
}

/* The trend shortage of kern k on 1 January of year index y as a percentage of
 * its dwellings, or NAN. */
static double
shortage_pct(const rd *r, size_t k, size_t y)
{
    const double dw = r->dw[k * r->n_years + y], sh = r->shortage[k * r->n_years + y];
    return dw > 0 && !isnan(sh) ? 100 * sh / dw : NAN;
}

static int
chart_heatmap(const rd *r, const char *dir, enum report_lang lang, chart **cs, size_t *n, diag *d)
{
    gpfile g;
    size_t *order;
    double *abs_v, clip;
    size_t nv = 0;
    char *title, *caption;
    const int H = 190 + 22 * (int) r->n_kern;

    if (!r->has_housing)
        return LS_OK;
    order = kern_order(r);
    abs_v = xcalloc(r->n_kern * r->n_years + 1, sizeof *abs_v);
    gp_open(&g, "shortage_heatmap", lang);
    strbuf_printf(&g.dat,
                  "# %s: demand minus supply (trend) as %% of the kern's dwellings on 1 January\n"
                  "# year row shortage_pct label text_colour (rows from the bottom; row %d is %s)\n",
                  r->muni, (int) r->n_kern - 1, r->kern[order[0]]);
    for (size_t i = 0; i < r->n_kern; i++) {
        const size_t k = order[r->n_kern - 1 - i]; /* bottom row first */
        for (size_t y = 0; y < r->n_years; y++) {
            const double p = shortage_pct(r, k, y);
            if (!isnan(p))
                abs_v[nv++] = fabs(p);
        }
    }
    /* Clip at a round value near the 95th percentile of |value|: outliers (a tiny
     * kern) must not wash out the rest. */
    {
        double q = 0;
        if (nv > 0) {
            for (size_t i = 1; i < nv; i++) /* insertion sort: nv is small */
                for (size_t j = i; j > 0 && abs_v[j - 1] > abs_v[j]; j--) {
                    double tmp = abs_v[j];
                    abs_v[j] = abs_v[j - 1];
                    abs_v[j - 1] = tmp;
                }
            q = abs_v[(size_t) floor(0.95 * (double) (nv - 1))];
        }
        clip = q <= 5 ? 5 : q <= 10 ? 10 : q <= 15 ? 15 : q <= 20 ? 20 : 25;
    }
    free(abs_v);
    for (size_t i = 0; i < r->n_kern; i++) {
        const size_t k = order[r->n_kern - 1 - i];
        strbuf_printf(&g.dat, "# %s\n", r->kern[k]);
        for (size_t y = 0; y < r->n_years; y++) {
            const double p = shortage_pct(r, k, y);
            char lab[32];
            strbuf_printf(&g.dat, "%d %zu", r->y0 + (int) y, i);
            dat_num(&g.dat, p);
            fmt_num(lab, sizeof lab, p, 0, lang);
            strbuf_printf(&g.dat, " \"%s\" %d\n", isnan(p) ? "" : lab,
                          !isnan(p) && fabs(p) > 0.6 * clip ? 0xffffff : 0);
        }
        strbuf_printf(&g.dat, "\n");
    }
    title = xasprintf(L("Woningtekort (vraag min aanbod) als %% van de voorraad, per kern (trend)",
                        "Housing shortage (demand minus supply) as %% of the stock, per kern (trend)"));
    gp_begin(&g, title, "set title ", 1000, H);
    {
        const int lw = names_width(r->kern, r->n_kern, 0);
        const int rw = names_width(r->tier, r->n_tier, 0);
        const double step = clip <= 5 ? 1 : 5;
        /* bottom: years, then the colour box with its tics and label (pixels) */
        strbuf_printf(&g.gp,
                      " offset 0,0.5\nunset key\nset lmargin %d\nset rmargin %d\n"
                      "set bmargin at screen %.4f\nset tmargin at screen %.4f\n",
                      lw + 2 > 5 ? lw + 2 : 5, rw + 3, 118.0 / H, 1 - 62.0 / H);
        strbuf_printf(&g.gp,
                      "set xtics scale 0 %s format '%%.0f' font ',9'\nset x2tics scale 0 %s format '%%.0f' font ',9'\n"
                      "set xrange [%.1f:%.1f]\nset x2range [%.1f:%.1f]\nset ytics font ',9'\n"
                      "set palette defined (-1 '#2166ac', -0.5 '#92c5de', 0 '#f7f7f7', 0.5 '#f4a582', 1 '#b2182b')\n"
                      "set cbrange [%.0f:%.0f]\nset cbtics font ',9' (",
                      r->n_years > 25 ? "5" : "1", r->n_years > 25 ? "5" : "1", r->y0 - 0.5,
                      r->y1 + 0.5, r->y0 - 0.5, r->y1 + 0.5, -clip, clip);
        for (int i = 0; -clip + i * step <= clip + 1e-9; i++) {
            const double v = -clip + i * step;
            char lab[32];
            fmt_num(lab, sizeof lab, v, 0, lang);
            strbuf_printf(&g.gp, "%s'%s%s%%%%' %g", i ? ", " : "", v > 0 ? "+" : "", lab, v);
        }
        strbuf_printf(&g.gp,
                      ")\nset colorbox horizontal user origin screen 0.2, screen %.4f size screen 0.6, screen %.4f\n"
                      "set cblabel ",
                      54.0 / H, 12.0 / H);
    }
    {
        char lab[32];
        char *s;
        fmt_num(lab, sizeof lab, clip, 0, lang);
        s = xasprintf(L("blauw = overschot, rood = tekort, in %% van de woningvoorraad van de kern (kleur afgekapt op \xc2\xb1%s%%)",
                        "blue = surplus, red = shortage, as %% of the kern's dwelling stock (colour clipped at \xc2\xb1%s%%)"),
                      lab);
        gp_str(&g.gp, s);
        free(s);
    }
    strbuf_printf(&g.gp, " font ',9'\n");
    heat_rows(r, &g, order, 0, r->y0 - 0.5, r->y1 + 0.5);
    if (has_history(r))
        strbuf_printf(&g.gp, "set arrow from %.1f, graph 0 to %.1f, graph 1 nohead lw 2 lc rgb 'black' front\n",
                      r->last_observed + 0.5, r->last_observed + 0.5);
    strbuf_printf(&g.gp,
                  "plot 'shortage_heatmap.dat' using 1:2:3 with image, \\\n"
                  "     '' using 1:2:4:5 with labels tc rgb variable font ',7'\n");
    free(order);
    caption = xstrdup(L("Lees per rij: rood betekent meer woningvraag dan woningen (tekort), blauw "
                        "meer woningen dan vraag; waar een rij van blauw naar rood verschiet, lopen "
                        "vraag en aanbod in die kern uit elkaar.",
                        "Read each row: red means more demand than dwellings (shortage), blue more "
                        "dwellings than demand; where a row turns from blue to red, supply and "
                        "demand drift apart in that kern."));
    return chart_done(&g, dir, title, caption, cs, n, d);
}

static int
chart_households(const rd *r, const char *dir, enum report_lang lang, chart **cs, size_t *n,
                 diag *d)
{
    gpfile g;
    size_t *order;
    const int N = (int) r->n_kern;
    int cols, rows;
    char *title, *caption;

    if (!r->has_housing)
        return LS_OK;
    cols = N <= 3 ? N : N <= 8 ? 3 : N <= 15 ? 4 : 5;
    rows = (N + cols - 1) / cols;
    order = kern_order(r);
    gp_open(&g, "households_kernen", lang);
    strbuf_printf(&g.dat, "# households and dwellings on 1 January per kern; one block per kern\n"
                          "# year households_trend households_housing_led dwellings\n");
    for (int i = 0; i < N; i++) {
        const size_t k = order[i];
        strbuf_printf(&g.dat, "%s# index %d: %s\n", i ? "\n\n" : "", i, r->kern[k]);
        for (size_t y = 0; y < r->n_years; y++) {
            strbuf_printf(&g.dat, "%d", r->y0 + (int) y);
            dat_num(&g.dat, r->hh_trend[k * r->n_years + y]);
            dat_num(&g.dat, r->hh_led[k * r->n_years + y]);
            dat_num(&g.dat, r->dw[k * r->n_years + y]);
            strbuf_printf(&g.dat, "\n");
        }
    }
    title = xasprintf(L("Huishoudens en woningvoorraad per kern, %d-%d",
                        "Households and dwelling stock per kern, %d-%d"),
                      r->y0, r->y1);
    {
        /* Panels placed by hand (pixels): the title and one shared legend on top. */
        const int PW = 232, PH = 196, TOP = cols >= 4 ? 62 : 104, PAD = 8;
        const int W = PW * cols + 2 * PAD, H = PH * rows + TOP + PAD;
        gp_begin(&g, title, "set multiplot title ", W, H);
        strbuf_printf(&g.gp,
                      " font ',12'\n"
                      "unset key\nset grid lc rgb '#e4e4e4'\nset tics font ',8'\n"
                      "set title font ',10' offset 0,-0.7\n"
                      "set lmargin 6.5\nset rmargin 1.5\nset tmargin 1.6\nset bmargin 1.6\n"
                      "set size %.5f,%.5f\n",
                      (double) PW / W, (double) PH / H);
        if (has_history(r))
            strbuf_printf(&g.gp, "set arrow from %d, graph 0 to %d, graph 1 nohead dt 3 lw 1.2 "
                                 "lc rgb '" C_GREY "' back\n",
                          r->last_observed, r->last_observed);
        for (int i = 0; i < N; i++) {
            const size_t k = order[i];
            double lo = INFINITY, hi = -INFINITY;
            minmax(&r->hh_trend[k * r->n_years], r->n_years, &lo, &hi);
            minmax(&r->hh_led[k * r->n_years], r->n_years, &lo, &hi);
            minmax(&r->dw[k * r->n_years], r->n_years, &lo, &hi);
            if (!isfinite(lo)) {
                lo = 0;
                hi = 1;
            }
            strbuf_printf(&g.gp, "set origin %.5f,%.5f\nset title ",
                          (double) (PAD + PW * (i % cols)) / W,
                          (double) (H - TOP - PH * (i / cols + 1)) / H);
            gp_str(&g.gp, r->kern[k]);
            strbuf_printf(&g.gp, "\n");
            gp_years(&g, r->y0, r->y1, 0, 4);
            gp_axis(&g, "y", lo, hi, 3, 0, "");
            strbuf_printf(&g.gp,
                          "plot 'households_kernen.dat' index %d using 1:4 with lines lw 2 lc rgb '#444444', \\\n"
                          "     '' index %d using 1:2 with lines lw 2 lc rgb '" C_BLUE "', \\\n"
                          "     '' index %d using 1:3 with lines lw 2 dt 2 lc rgb '" C_VERM "'\n",
                          i, i, i);
        }
        strbuf_printf(&g.gp,
                      "# the shared legend, under the title\n"
                      "set origin 0,%.5f\nset size 1,%.5f\nunset title\nunset border\nunset tics\nunset grid\n"
                      "set lmargin 0\nset rmargin 0\nset tmargin 0\nset bmargin 0\n"
                      "set xrange [0:1]\nset yrange [0:1]\n"
                      "set key center center horizontal Left reverse samplen 3 width 3 font ',10'\n"
                      "plot NaN with lines lw 2 lc rgb '" C_BLUE "' title '%s', \\\n"
                      "     NaN with lines lw 2 dt 2 lc rgb '" C_VERM "' title '%s', \\\n"
                      "     NaN with lines lw 2 lc rgb '#444444' title '%s'\n"
                      "unset multiplot\n",
                      (double) (H - TOP) / H, (TOP - 34.0) / H, L("Huishoudens (trend)", "Households (trend)"),
                      L("Huishoudens (woningmarktgestuurd)", "Households (housing-led)"),
                      L("Woningvoorraad", "Dwelling stock"));
    }
    free(order);
    caption = xstrdup(L("Ligt de blauwe lijn (huishoudens volgens de trend) boven de stippellijn "
                        "(huishoudens die in de geplande woningen passen), dan wordt er in die kern "
                        "te weinig gebouwd; de grijze lijn is de woningvoorraad. Elke kern heeft "
                        "zijn eigen schaal.",
                        "Where the blue line (households in the trend) lies above the dashed one "
                        "(households that fit in the planned dwellings), the kern builds too "
                        "little; the grey line is the dwelling stock. Each kern has its own "
                        "scale."));
    return chart_done(&g, dir, title, caption, cs, n, d);
}

static int
chart_probability(const rd *r, const char *dir, enum report_lang lang, chart **cs, size_t *n,
                  diag *d)
{
    gpfile g;
    size_t *order, *tg = NULL, nt = 0;
    int any = 0, W, H;
    char *title, *caption, *muni_tic;

    if (!r->has_prob)
        return LS_OK;
    /* The municipal completion targets that have kern rows with a probability. */
    for (size_t i = 0; i < r->n_targets; i++) {
        const rd_target *t = &r->t[i];
        if (!muni_completion(t, NULL))
            continue;
        for (size_t j = 0; j < r->n_targets; j++)
            if (r->t[j].level == RD_KERN && strcmp(r->t[j].id, t->id) == 0 && !isnan(r->t[j].prob)) {
                tg = xreallocarray(tg, nt + 1, sizeof *tg);
                tg[nt++] = i;
                any = 1;
                break;
            }
    }
    if (!any)
        return LS_OK;
    order = kern_order(r);
    gp_open(&g, "target_probability", lang);
    strbuf_printf(&g.dat, "# probability that each kern meets its share of a municipal completion "
                          "target (Monte Carlo)\n# column row probability label (row %d is the "
                          "municipality)\n",
                  (int) r->n_kern);
    for (size_t row = 0; row <= r->n_kern; row++) {
        /* rows from the bottom; the top row is the municipality */
        const int is_muni_row = row == r->n_kern;
        const size_t k = is_muni_row ? 0 : order[r->n_kern - 1 - row];
        strbuf_printf(&g.dat, "# %s\n", is_muni_row ? r->muni : r->kern[k]);
        for (size_t c = 0; c < nt; c++) {
            const rd_target *t = &r->t[tg[c]];
            double p = NAN;
            char lab[32];
            if (is_muni_row)
                p = t->prob;
            else
                for (size_t j = 0; j < r->n_targets; j++)
                    if (r->t[j].level == RD_KERN && r->t[j].index == (int) k &&
                        strcmp(r->t[j].id, t->id) == 0)
                        p = r->t[j].prob;
            fmt_pct(lab, sizeof lab, p, 0, lang);
            strbuf_printf(&g.dat, "%zu %zu", c, row);
            dat_num(&g.dat, p);
            strbuf_printf(&g.dat, " \"%s\"\n", isnan(p) ? "" : lab);
        }
        strbuf_printf(&g.dat, "\n");
    }
    title = xstrdup(L("Kans dat het doel gehaald wordt, per kern", "Probability of meeting the target, per kern"));
    muni_tic = xasprintf(L("gemeente %s", "municipality %s"), r->muni);
    {
        const int lw = names_width(r->kern, r->n_kern, text_width(muni_tic));
        const int rw = names_width(r->tier, r->n_tier, 0);
        W = 80 + 9 * (lw + rw) + 150 * (int) nt;
        H = 210 + 21 * ((int) r->n_kern + 1);
        /* the title at the top, then up to three lines of column labels */
        gp_begin(&g, title, "set label 1 ", W, H);
        strbuf_printf(&g.gp,
                      " at screen 0.5, screen %.4f center\nunset key\nset lmargin %d\nset rmargin %d\n"
                      "set bmargin at screen %.4f\nset tmargin at screen %.4f\n"
                      "set xrange [-0.5:%.1f]\nunset xtics\nset x2range [-0.5:%.1f]\nset x2tics scale 0 font ',9' (",
                      1 - 18.0 / H, lw + 2, rw + 3, 100.0 / H, 1 - 92.0 / H, nt - 0.5, nt - 0.5);
    }
    for (size_t c = 0; c < nt; c++) {
        const rd_target *t = &r->t[tg[c]];
        char num[64], *lab;
        fmt_num(num, sizeof num, t->required, 0, lang);
        int twin = 0;
        for (size_t c2 = 0; c2 < nt; c2++) {
            const rd_target *u = &r->t[tg[c2]];
            twin |= c2 != c && u->ws == t->ws && u->we == t->we && u->required == t->required &&
                    strcmp(u->window, t->window) == 0;
        }
        if (strcmp(t->window, "annual") == 0)
            lab = xasprintf(L("%s per jaar\n%d-%d", "%s a year\n%d-%d"), num, t->ws, t->we);
        else
            lab = xasprintf(L("%s woningen\n%d-%d", "%s dwellings\n%d-%d"), num, t->ws, t->we);
        if (twin) { /* two targets that read the same: name them */
            char *l2 = xasprintf("%s\n(%s)", lab, t->id);
            free(lab);
            lab = l2;
        }
        if (t->status > 0) { /* what of the window is history */
            char *l2 = t->status == 2 ? xasprintf(L("%s\n(waargenomen)", "%s\n(observed)"), lab)
                                      : xasprintf(L("%s\n(t/m %d waargenomen)", "%s\n(to %d observed)"),
                                                  lab, t->obs_to);
            free(lab);
            lab = l2;
        }
        /* a tic label is a format: % doubled; a line break is \n inside double quotes */
        strbuf_printf(&g.gp, "%s\"", c ? ", " : "");
        for (const char *q = lab; *q; q++) {
            if ((unsigned char) *q < 0x20 && *q != '\n')
                strbuf_add(&g.gp, " ", 1); /* ids hold none; never one in a script */
            else if (*q == '\n')
                strbuf_add(&g.gp, "\\n", 2);
            else if (*q == '"' || *q == '\\')
                strbuf_add(&g.gp, "'", 1);
            else if (*q == '%')
                strbuf_add(&g.gp, "%%", 2);
            else
                strbuf_add(&g.gp, q, 1);
        }
        strbuf_printf(&g.gp, "\" %zu", c);
        free(lab);
    }
    strbuf_printf(&g.gp,
                  ")\nset ytics font ',9'\n"
                  "set palette defined (0 '#d6604d', 0.25 '#f4a582', 0.5 '#f7f7f7', 0.75 '#92c5de', 1 '#4393c3')\n"
                  "set cbrange [0:1]\nset cbtics ('0%%%%' 0, '25%%%%' 0.25, '50%%%%' 0.5, '75%%%%' 0.75, '100%%%%' 1) font ',9'\n"
                  "set colorbox horizontal user origin screen 0.25, screen %.4f size screen 0.5, screen %.4f\n"
                  "set cblabel '%s' font ',9'\n",
                  60.0 / H, 12.0 / H,
                  L("kans dat de kern zijn deel van het doel haalt", "probability that the kern meets its share"));
    heat_rows(r, &g, order, 1, -0.5, nt - 0.5);
    for (size_t c = 1; c < nt; c++)
        strbuf_printf(&g.gp, "set arrow from %.1f,-0.5 to %.1f,%.1f nohead lw 3 lc rgb 'white' front\n",
                      c - 0.5, c - 0.5, r->n_kern + 0.5);
    strbuf_printf(&g.gp, "set ytics add (");
    gp_tic(&g.gp, muni_tic);
    strbuf_printf(&g.gp, " %zu)\n", r->n_kern);
    free(muni_tic);
    strbuf_printf(&g.gp, "plot 'target_probability.dat' using 1:2:3 with image, \\\n"
                         "     '' using 1:2:4 with labels font ',8'\n");
    free(order);
    free(tg);
    caption = xstrdup(L("Het getal is de kans (in procenten van de simulaties) dat de kern zijn deel "
                        "van het doel haalt; rood is onwaarschijnlijk, blauw waarschijnlijk.",
                        "The number is the probability (share of the simulations) that the kern "
                        "meets its share of the target; red is unlikely, blue likely."));
    return chart_done(&g, dir, title, caption, cs, n, d);
}

int
charts_write(const rd *r, const char *plotdir, enum report_lang lang, chart **out, size_t *n,
             diag *d)
{
    typedef int (*chart_fn)(const rd *, const char *, enum report_lang, chart **, size_t *, diag *);
    static const chart_fn fns[] = {chart_cumulative,  chart_annual,     chart_probability,
                                   chart_heatmap,     chart_households, chart_population,
                                   chart_components,  chart_pyramid,    chart_pyramid_tiers};
    *out = NULL;
    *n = 0;
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        int ret = fns[i](r, plotdir, lang, out, n, d);
        if (ret != LS_OK)
            return ret;
    }
    return LS_OK;
}

void
charts_free(chart *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(c[i].title);
        free(c[i].caption);
    }
    free(c);
}

/* ---------------------------------------------------------------- for other pages */

struct gpchart {
    gpfile g;
};

gpchart *
gpchart_open(const char *name, enum report_lang lang)
{
    gpchart *c = xcalloc(1, sizeof *c);
    gp_open(&c->g, name, lang);
    return c;
}

strbuf *
gpchart_dat(gpchart *c)
{
    return &c->g.dat;
}

strbuf *
gpchart_gp(gpchart *c)
{
    return &c->g.gp;
}

void
gpchart_begin(gpchart *c, const char *title, const char *set, int w, int h)
{
    gp_begin(&c->g, title, set, w, h);
}

void
gpchart_axis(gpchart *c, const char *ax, double lo, double hi, int n, const char *suffix)
{
    gp_axis(&c->g, ax, lo, hi, n, 0, suffix);
}

void
gpchart_years(gpchart *c, int a, int b, double pad, int maxticks)
{
    gp_years(&c->g, a, b, pad, maxticks);
}

void
gpchart_str(strbuf *b, const char *s)
{
    gp_str(b, s);
}

void
gpchart_tic(strbuf *b, const char *s)
{
    gp_tic(b, s);
}

void
gpchart_dat_str(strbuf *b, const char *s)
{
    dat_str(b, s);
}

void
gpchart_dat_num(strbuf *b, double v)
{
    dat_num(b, v);
}

int
gpchart_text_width(const char *s)
{
    return text_width(s);
}

int
gpchart_done(gpchart *c, const char *dir, char *title, char *caption, chart **cs, size_t *n,
             diag *d)
{
    const int ret = chart_done(&c->g, dir, title, caption, cs, n, d);
    free(c);
    return ret;
}

const char *const gpchart_colors[GPCHART_N_COLORS] = {C_BLUE, C_ORANGE, C_GREEN, C_VERM,
                                                      C_SKY,  C_GREY,   "#CC79A7", "#000000"};
