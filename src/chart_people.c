/* Charts of the population: its path, the components of change and the age
 * pyramids (municipality and tiers). */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts_int.h"
#include "numfmt.h"
#include "plot.h"
#include "util.h"

int
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
                      ix, L("80% van de simulaties (trend)", "10-90% of the simulations (trend)"));
        col = 5;
    }
    strbuf_printf(&g.gp,
                  "'population.dat'%s using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc rgb '" C_BLUE
                  "' title '%s'",
                  ix, L("trend", "trend"));
    if (r->has_pop_led)
        strbuf_printf(&g.gp,
                      ", \\\n     ''%s using 1:%d with lines lw 2 dt 2 lc rgb '" C_ORANGE "' title '%s'",
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

int
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

int
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

int
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
