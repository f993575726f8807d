/* The charts of a finished output folder (charts_write) in report order, and the
 * helpers that several chart families share. The scripts are deterministic (no
 * dates, no versions): the tests compare them with golden files. Tick labels are
 * written by gpscript.c, not by gnuplot, so that numbers read the Dutch way (61.357)
 * without depending on the machine's locale. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts_int.h"
#include "numfmt.h"
#include "gpchart.h"
#include "plot.h"
#include "util.h"


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
int
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
size_t *
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
int
muni_completion(const rd_target *t, const char *window)
{
    return t->level == RD_MUNICIPALITY && strcmp(t->measure, "completions") == 0 &&
           (window == NULL || strcmp(t->window, window) == 0);
}

/* Whether the folder has a history to mark (steps before its last observed date). */
int
has_history(const rd *r)
{
    return r->last_observed > r->y0;
}

/* Where history ends on a time axis: a dotted line at x, "observed" to its left and
 * "forecast" to its right. Stocks end at the last observed 1 January (x = year),
 * flows by calendar year before it (x = year - 0.5). */
void
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
int
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


/* The kern rows of a heatmap in report order, with a line above each tier and its
 * name to the right; extra_top rows above them are left for the caller. */
void
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

int
charts_write(const rd *r, const char *plotdir, enum report_lang lang, chart **out, size_t *n,
             diag *d)
{
    static chart_fn *const fns[] = {chart_cumulative,  chart_annual,     chart_probability,
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
