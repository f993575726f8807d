/* Charts per kern: the housing shortage heatmap and households against dwellings. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts_int.h"
#include "numfmt.h"
#include "plot.h"
#include "util.h"

/* The trend shortage of kern k on 1 January of year index y as a percentage of
 * its dwellings, or NAN. */
static double
shortage_pct(const rd *r, size_t k, size_t y)
{
    const double dw = r->dw[k * r->n_years + y], sh = r->shortage[k * r->n_years + y];
    return dw > 0 && !isnan(sh) ? 100 * sh / dw : NAN;
}

/* The colour range: a round value near the 95th percentile of |value|, so that
 * outliers (a tiny kern) do not wash out the rest. */
static double
heat_clip(const rd *r, const size_t *order)
{
    double *abs_v = xcalloc(r->n_kern * r->n_years + 1, sizeof *abs_v), q = 0;
    size_t nv = 0;

    for (size_t i = 0; i < r->n_kern; i++) {
        const size_t k = order[r->n_kern - 1 - i]; /* bottom row first */
        for (size_t y = 0; y < r->n_years; y++) {
            const double p = shortage_pct(r, k, y);
            if (!isnan(p))
                abs_v[nv++] = fabs(p);
        }
    }
    if (nv > 0) {
        for (size_t i = 1; i < nv; i++) /* insertion sort: nv is small */
            for (size_t j = i; j > 0 && abs_v[j - 1] > abs_v[j]; j--) {
                double tmp = abs_v[j];
                abs_v[j] = abs_v[j - 1];
                abs_v[j - 1] = tmp;
            }
        q = abs_v[(size_t) floor(0.95 * (double) (nv - 1))];
    }
    free(abs_v);
    return q <= 5 ? 5 : q <= 10 ? 10 : q <= 15 ? 15 : q <= 20 ? 20 : 25;
}

/* A row per kern from the bottom: year, row, percentage, label, label colour. */
static void
heat_data(const rd *r, gpfile *g, const size_t *order, double clip)
{
    const enum report_lang lang = g->lang;
    strbuf_printf(&g->dat,
                  "# %s: demand minus supply (trend) as %% of the kern's dwellings on 1 January\n"
                  "# year row shortage_pct label text_colour (rows from the bottom; row %d is %s)\n",
                  r->muni, (int) r->n_kern - 1, r->kern[order[0]]);
    for (size_t i = 0; i < r->n_kern; i++) {
        const size_t k = order[r->n_kern - 1 - i];
        strbuf_printf(&g->dat, "# %s\n", r->kern[k]);
        for (size_t y = 0; y < r->n_years; y++) {
            const double p = shortage_pct(r, k, y);
            char lab[32];
            strbuf_printf(&g->dat, "%d %zu", r->y0 + (int) y, i);
            dat_num(&g->dat, p);
            fmt_num(lab, sizeof lab, p, 0, lang);
            strbuf_printf(&g->dat, " \"%s\" %d\n", isnan(p) ? "" : lab,
                          !isnan(p) && fabs(p) > 0.6 * clip ? 0xffffff : 0);
        }
        strbuf_printf(&g->dat, "\n");
    }
}

/* Margins, the year axes and the colour box with its labels. */
static void
heat_axes(const rd *r, gpfile *g, double clip, int H)
{
    const enum report_lang lang = g->lang;
    {
        const int lw = names_width(r->kern, r->n_kern, 0);
        const int rw = names_width(r->tier, r->n_tier, 0);
        const double step = clip <= 5 ? 1 : 5;
        /* bottom: years, then the colour box with its tics and label (pixels) */
        strbuf_printf(&g->gp,
                      " offset 0,0.5\nunset key\nset lmargin %d\nset rmargin %d\n"
                      "set bmargin at screen %.4f\nset tmargin at screen %.4f\n",
                      lw + 2 > 5 ? lw + 2 : 5, rw + 3, 118.0 / H, 1 - 62.0 / H);
        strbuf_printf(&g->gp,
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
            strbuf_printf(&g->gp, "%s'%s%s%%%%' %g", i ? ", " : "", v > 0 ? "+" : "", lab, v);
        }
        strbuf_printf(&g->gp,
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
        gp_str(&g->gp, s);
        free(s);
    }
    strbuf_printf(&g->gp, " font ',9'\n");
}

int
chart_heatmap(const rd *r, const char *dir, enum report_lang lang, chart **cs, size_t *n, diag *d)
{
    gpfile g;
    size_t *order;
    double clip;
    char *title, *caption;
    const int H = 190 + 22 * (int) r->n_kern;

    if (!r->has_housing)
        return LS_OK;
    order = kern_order(r);
    clip = heat_clip(r, order);
    gp_open(&g, "shortage_heatmap", lang);
    heat_data(r, &g, order, clip);
    title = xasprintf(L("Woningtekort (woningbehoefte min woningvoorraad) als %% van de voorraad, "
                        "per kern (trend)",
                        "Housing shortage (demand minus supply) as %% of the stock, per kern (trend)"));
    gp_begin(&g, title, "set title ", 1000, H);
    heat_axes(r, &g, clip, H);
    heat_rows(r, &g, order, 0, r->y0 - 0.5, r->y1 + 0.5);
    if (has_history(r))
        strbuf_printf(&g.gp, "set arrow from %.1f, graph 0 to %.1f, graph 1 nohead lw 2 lc rgb 'black' front\n",
                      r->last_observed + 0.5, r->last_observed + 0.5);
    strbuf_printf(&g.gp,
                  "plot 'shortage_heatmap.dat' using 1:2:3 with image, \\\n"
                  "     '' using 1:2:4:5 with labels tc rgb variable font ',7'\n");
    free(order);
    caption = xstrdup(L("Lees per rij: rood betekent een grotere woningbehoefte dan er woningen "
                        "zijn (tekort), blauw meer woningen dan nodig; waar een rij van blauw naar "
                        "rood verschiet, lopen woningbehoefte en woningvoorraad in die kern uit "
                        "elkaar.",
                        "Read each row: red means more demand than dwellings (shortage), blue more "
                        "dwellings than demand; where a row turns from blue to red, supply and "
                        "demand drift apart in that kern."));
    return chart_done(&g, dir, title, caption, cs, n, d);
}

int
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
    title = xasprintf(L("Huishoudens en woningvoorraad per kern, %d\xe2\x80\x93%d",
                        "Households and dwelling stock per kern, %d\xe2\x80\x93%d"),
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
                          "     '' index %d using 1:3 with lines lw 2 dt 2 lc rgb '" C_ORANGE "'\n",
                          i, i, i);
        }
        strbuf_printf(&g.gp,
                      "# the shared legend, under the title\n"
                      "set origin 0,%.5f\nset size 1,%.5f\nunset title\nunset border\nunset tics\nunset grid\n"
                      "set lmargin 0\nset rmargin 0\nset tmargin 0\nset bmargin 0\n"
                      "set xrange [0:1]\nset yrange [0:1]\n"
                      "set key center center horizontal Left reverse samplen 3 width 3 font ',10'\n"
                      "plot NaN with lines lw 2 lc rgb '" C_BLUE "' title '%s', \\\n"
                      "     NaN with lines lw 2 dt 2 lc rgb '" C_ORANGE "' title '%s', \\\n"
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

