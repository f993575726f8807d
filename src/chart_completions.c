/* Charts of completions against the municipal targets: the cumulative path and
 * the completions per year. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts_int.h"
#include "numfmt.h"
#include "plot.h"
#include "util.h"

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

/* The expected path from 1 January S (block 0), widening *hi. */
static void
cumulative_path(const rd *r, gpfile *g, int S, double *lo, double *hi)
{
    double cum = 0;
    for (int y = S; y <= r->y1; y++) {
        if (y > S && !isnan(r->compl[rd_year(r, y - 1)]))
            cum += r->compl[rd_year(r, y - 1)];
        strbuf_printf(&g->dat, "%d", y);
        dat_num(&g->dat, cum);
        if (cum > *hi)
            *hi = cum;
        if (r->has_cum_q) {
            dat_num(&g->dat, r->cum_p10[rd_year(r, y)]);
            dat_num(&g->dat, r->cum_p90[rd_year(r, y)]);
            minmax(&r->cum_p90[rd_year(r, y)], 1, lo, hi);
        }
        strbuf_printf(&g->dat, "\n");
    }
}

/* The cumulative targets (block 1), each once; returns how many, widening *hi and
 * *xmax. */
static int
cumulative_targets(const rd *r, gpfile *g, double *hi, int *xmax)
{
    const enum report_lang lang = g->lang;
    int ntarget = 0;
    char num[64];
    strbuf_printf(&g->dat, "\n\n# cumulative targets: year(1 January after the window) required "
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
        lab = xasprintf(L("doel %s (%d\xe2\x80\x93%d)", "target %s (%d-%d)"), num, t->ws, t->we);
        strbuf_printf(&g->dat, "%d %.3f %d ", t->we + 1, t->required, t->ws);
        dat_str(&g->dat, lab);
        strbuf_printf(&g->dat, "\n");
        free(lab);
        if (t->required > *hi)
            *hi = t->required;
        if (t->we + 1 > *xmax)
            *xmax = t->we + 1;
        ntarget++;
    }
    if (ntarget == 0)
        strbuf_printf(&g->dat, "NaN NaN NaN \"\"\n");
    return ntarget;
}

/* The observed path up to the last observed date (block 2); returns its points. */
static int
cumulative_history(const rd *r, gpfile *g, int S)
{
    const enum report_lang lang = g->lang;
    int n_hist = 0;
    if (has_history(r)) {
        /* The path up to the last observed date is history: points. */
        double c = 0;
        strbuf_printf(&g->dat, "\n\n# %s: year(1 January) cumulative\n",
                      L("waargenomen", "observed"));
        for (int y = S; y <= r->last_observed && y <= r->y1; y++) {
            if (y > S && !isnan(r->compl[rd_year(r, y - 1)]))
                c += r->compl[rd_year(r, y - 1)];
            strbuf_printf(&g->dat, "%d", y);
            dat_num(&g->dat, c);
            strbuf_printf(&g->dat, "\n");
            n_hist++;
        }
        if (n_hist == 0)
            strbuf_printf(&g->dat, "NaN NaN\n");
    }
    return n_hist;
}

static void
cumulative_plot(const rd *r, gpfile *g, int n_hist)
{
    const enum report_lang lang = g->lang;
    strbuf_printf(&g->gp, "plot ");
    if (r->has_cum_q)
        strbuf_printf(&g->gp,
                      "'completions_cumulative.dat' index 0 using 1:3:4 with filledcurves fc rgb '" C_BAND
                      "' fs solid 1.0 noborder title '%s', \\\n     ",
                      L("80% van de simulaties", "10-90% of the simulations"));
    strbuf_printf(&g->gp,
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
        strbuf_printf(&g->gp,
                      ", \\\n     '' index 2 using 1:2 with points pt 7 ps 1.5 lc rgb 'black' title '%s'",
                      L("waargenomen (deels verdeeld)", "observed (partly distributed)"));
    strbuf_printf(&g->gp, "\n");
}

int
chart_cumulative(const rd *r, const char *dir, enum report_lang lang, chart **cs, size_t *n,
                 diag *d)
{
    gpfile g;
    const int S = completion_start(r);
    int xmax = r->y1, n_hist;
    double lo = 0, hi = 0;
    char *title, *caption;

    if (!r->has_completions || rd_year(r, S) < 0)
        return LS_OK;
    gp_open(&g, "completions_cumulative", lang);
    strbuf_printf(&g.dat, "# %s: %s %d\n# year(1 January) expected%s\n", r->muni,
                  L("opleveringen opgeteld vanaf", "cumulative completions since"), S,
                  r->has_cum_q ? " p10 p90" : "");
    cumulative_path(r, &g, S, &lo, &hi);
    cumulative_targets(r, &g, &hi, &xmax);
    n_hist = cumulative_history(r, &g, S);
    title = xasprintf(L("Opleveringen opgeteld vanaf %d, %s", "Cumulative completions since %d, %s"),
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
    cumulative_plot(r, &g, n_hist);
    caption = xstrdup(r->has_cum_q
                          ? L("Ligt de blauwe lijn bij een ruit lager dan de ruit, dan wordt dat doel "
                              "naar verwachting niet gehaald; de band laat zien waar 80% van de "
                              "simulaties uitkomt.",
                              "Where the blue line passes below a diamond, that target is missed; "
                              "the band shows where 80% of the simulations end up.")
                          : L("Ligt de blauwe lijn bij een ruit lager dan de ruit, dan wordt dat doel "
                              "naar verwachting niet gehaald.",
                              "Where the blue line passes below a diamond, that target is missed."));
    return chart_done(&g, dir, title, caption, cs, n, d);
}

/* What the annual chart's parts share: the years drawn (indices, -1 none), the
 * value range, the number of annual targets, the observed points per kind and
 * the key's name for the target line. */
typedef struct {
    int first, last, nannual, n_obs[3];
    double lo, hi;
    char key_target[160];
} annual;

/* Block 0: a bar per year, coloured by whether it meets the annual target. */
static void
annual_bars(const rd *r, gpfile *g, annual *a)
{
    const enum report_lang lang = g->lang;
    strbuf_printf(&g->dat,
                  "# %s: %s\n# year completions colour(0xRRGGBB: blue met, red short, grey outside "
                  "an annual target)%s\n",
                  r->muni, L("opleveringen per jaar", "completions per year"),
                  r->has_compl_q ? " p10 p90" : "");
    for (int y = a->first; y <= a->last && a->first >= 0; y++) {
        const double v = r->compl[y];
        int colour = a->nannual ? 0xb8c9d6 : 0x0072b2;
        for (size_t i = 0; i < r->n_targets; i++) {
            const rd_target *t = &r->t[i];
            if (!muni_completion(t, "annual") || r->y0 + y < t->ws || r->y0 + y > t->we)
                continue;
            colour = v + 1e-9 >= t->required ? 0x0072b2 : 0xb2182b;
        }
        strbuf_printf(&g->dat, "%d", r->y0 + y);
        dat_num(&g->dat, v);
        strbuf_printf(&g->dat, " %d", colour);
        minmax(&v, 1, &a->lo, &a->hi);
        if (r->has_compl_q) {
            dat_num(&g->dat, r->compl_p10[y]);
            dat_num(&g->dat, r->compl_p90[y]);
            minmax(&r->compl_p90[y], 1, &a->lo, &a->hi);
        }
        strbuf_printf(&g->dat, "\n");
    }
}

/* Block 1: the annual targets; blocks 2-4: the observed points by kind. */
static void
annual_targets(const rd *r, gpfile *g, annual *a)
{
    const enum report_lang lang = g->lang;
    char num[64];
    strbuf_printf(&g->dat, "\n\n# annual targets: from to required\n");
    for (size_t i = 0; i < r->n_targets; i++) {
        const rd_target *t = &r->t[i];
        if (!muni_completion(t, "annual"))
            continue;
        strbuf_printf(&g->dat, "%.2f %.2f %.3f\n", t->ws - 0.45, t->we + 0.45, t->required);
        if (t->required > a->hi)
            a->hi = t->required;
        if (a->nannual == 1) { /* the one target is named in the key */
            fmt_num(num, sizeof num, t->required, 0, lang);
            snprintf(a->key_target, sizeof a->key_target,
                     L("doel: %s per jaar in %d\xe2\x80\x93%d", "target: %s a year in %d-%d"), num, t->ws,
                     t->we);
        }
    }
    if (a->nannual == 0)
        strbuf_printf(&g->dat, "NaN NaN NaN\n");
    if (r->obs_compl != NULL) {
        static const char *const what[3][2] = {
            {"geteld (CBS)", "counted (CBS)"},
            {"waargenomen, verdeeld over de jaren", "observed, distributed over the years"},
            {"waargenomen na de start (terugblik)", "observed after the start (back-test)"}};
        for (int k = 0; k < 3; k++)
            a->n_obs[k] = dat_points(&g->dat, r, r->obs_compl, r->obs_compl_status, k + 1,
                                     L(what[k][0], what[k][1]));
        minmax(r->obs_compl, r->n_years, &a->lo, &a->hi);
    }
}

/* The plot command: bars, their key, the simulations' range, targets, points. */
static void
annual_plot(gpfile *g, const annual *a, int has_q)
{
    const enum report_lang lang = g->lang;
    strbuf_printf(&g->gp, "plot 'completions_annual.dat' index 0 using 1:2:3 with boxes lc rgb variable notitle");
    if (a->nannual)
        strbuf_printf(&g->gp,
                      ", \\\n     NaN with boxes lc rgb '" C_BLUE "' title '%s'"
                      ", \\\n     NaN with boxes lc rgb '" C_SHORT "' title '%s'"
                      ", \\\n     NaN with boxes lc rgb '#b8c9d6' title '%s'",
                      L("doeljaar, genoeg", "target year, met"),
                      L("doeljaar, te weinig", "target year, short"),
                      L("overige jaren", "other years"));
    if (has_q)
        strbuf_printf(&g->gp,
                      ", \\\n     '' index 0 using 1:4:(0):($5-$4) with vectors heads size screen 0.006,90 lw 1 lc rgb '#333333' title '%s'",
                      L("80% van de simulaties", "10-90% of the simulations"));
    if (a->nannual)
        strbuf_printf(&g->gp,
                      ", \\\n     'completions_annual.dat' index 1 using 1:3:($2-$1):(0) with vectors nohead lw 3 lc rgb '" C_TARGET
                      "' notitle"
                      ", \\\n     NaN with lines lw 3 lc rgb '" C_TARGET "' title '%s'",
                      a->key_target);
    {
        static const char *const style[3] = {"pt 7 ps 1.5", "pt 6 ps 1.5 lw 2", "pt 9 ps 1.8"};
        static const char *const key[3][2] = {
            {"geteld (CBS)", "counted (CBS)"},
            {"waargenomen, verdeeld (alleen het totaal is geteld)",
             "observed, distributed (only the total was counted)"},
            {"waargenomen na de start (terugblik)", "observed after the start (back-test)"}};
        for (int k = 0; k < 3; k++)
            if (a->n_obs[k] > 0)
                strbuf_printf(&g->gp,
                              ", \\\n     'completions_annual.dat' index %d using 1:2 with points %s lc rgb 'black' title '%s'",
                              k + 2, style[k], L(key[k][0], key[k][1]));
    }
    strbuf_printf(&g->gp, "\n");
}

int
chart_annual(const rd *r, const char *dir, enum report_lang lang, chart **cs, size_t *n, diag *d)
{
    gpfile g;
    annual a = {.first = -1, .last = -1};
    char *title, *caption;

    if (!r->has_completions)
        return LS_OK;
    snprintf(a.key_target, sizeof a.key_target, "%s",
             L("doel per jaar in de doelperiode", "annual target within its window"));
    for (size_t y = 0; y < r->n_years; y++)
        if (!isnan(r->compl[y])) {
            if (a.first < 0)
                a.first = (int) y;
            a.last = (int) y;
        }
    for (size_t i = 0; i < r->n_targets; i++)
        a.nannual += muni_completion(&r->t[i], "annual");
    gp_open(&g, "completions_annual", lang);
    annual_bars(r, &g, &a);
    annual_targets(r, &g, &a);
    title = xasprintf(L("Opleveringen per jaar, %s", "Completions per year, %s"), r->muni);
    gp_begin(&g, title, "set title ", 900, 480);
    strbuf_printf(&g.gp,
                  "\nset ylabel '%s'\nset grid ytics lc rgb '#dddddd'\nset key top right Left reverse\n"
                  "set style fill solid 0.9 noborder\nset boxwidth 0.7\n",
                  L("woningen opgeleverd in het jaar", "dwellings completed in the year"));
    gp_years(&g, r->y0 + (a.first < 0 ? 0 : a.first), r->y0 + (a.last < 0 ? 0 : a.last), 0.6, 14);
    gp_axis(&g, "y", a.lo, a.hi * 1.15, 6, 0, "");
    gp_history(&g, r, r->last_observed - 0.5, 0.96, lang);
    annual_plot(&g, &a, r->has_compl_q);
    caption = xstrdup(a.nannual ? L("Rode staven zijn jaren binnen de doelperiode waarin minder wordt "
                                    "opgeleverd (of naar verwachting wordt opgeleverd) dan de zwarte "
                                    "lijn vraagt; blauwe staven halen het doel.",
                                    "Red bars are years within the target window that complete (or "
                                    "are expected to complete) fewer dwellings than the black line "
                                    "asks for; blue bars meet it.")
                                : L("Het aantal woningen dat elk jaar wordt opgeleverd.",
                                    "The number of dwellings completed each year."));
    return chart_done(&g, dir, title, caption, cs, n, d);
}

/* Rows of a kern-by-something heatmap: kern order[i] is drawn at y = n_kern-1-i
 * (extra_top rows above them), with a line above each tier and its name at the
 * right. */
