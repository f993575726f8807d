/* compare.html: the page and its charts, from a comparison in memory. Styles come
 * from report.c, gnuplot writing from charts.c (gpchart.h), words from
 * comparetext.c. Names from model files reach the page only through
 * report_html_text and the scripts only through gpchart_str/gpchart_tic. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "comparereport.h"
#include "comparetext.h"
#include "gpchart.h"
#include "numfmt.h"
#include "output.h"
#include "plot.h"
#include "report.h"
#include "util.h"
#include "workbook.h"

#define T(id) cmp_text((id), lang)
#define TORNADO_TOP 10

typedef struct {
    const comparison *c;
    enum report_lang lang;
    const char *dir;   /* the plots folder while charting, the page's folder after */
    strbuf *b;
    char **names;      /* chart names made here (chart.name points at them) */
    size_t n_names;
} page;

static void
put(strbuf *b, const char *s)
{
    strbuf_add(b, s, strlen(s));
}

static void
esc(strbuf *b, const char *s)
{
    report_html_text(b, s);
}

/* "3.500 woningen opleveren in 2022-2034"; tic: the two-line chart label. */
static char *
target_words(const cmp_row *x, enum report_lang lang, int tic)
{
    char n[48], a[16], b[16];
    enum cmp_text id;
    fmt_num(n, sizeof n, x->required, 0, lang);
    snprintf(a, sizeof a, "%d", x->from);
    snprintf(b, sizeof b, "%d", x->to);
    if (tic)
        id = x->window == WINDOW_AT ? CT_TIC_AT : x->window == WINDOW_ANNUAL ? CT_TIC_ANNUAL
                                                                              : CT_TIC_PERIOD;
    else
        id = x->measure == MEASURE_COMPLETIONS
                 ? (x->window == WINDOW_ANNUAL ? CT_LABEL_ANNUAL : CT_LABEL_COMPLETIONS)
             : x->measure == MEASURE_NET_STOCK_GROWTH ? CT_LABEL_NET
             : x->measure == MEASURE_HOUSEHOLDS       ? CT_LABEL_HOUSEHOLDS
             : x->measure == MEASURE_POPULATION       ? CT_LABEL_POPULATION
             : x->measure == MEASURE_REGIONAL_OWN     ? CT_LABEL_REGIONAL_OWN
                                                      : CT_LABEL_REGIONAL;
    return cmp_fill(id, lang, n, a, b, NULL);
}

static const char *
unit_of(const cmp_row *x, enum report_lang lang)
{
    return x->measure == MEASURE_POPULATION ? T(CT_UNIT_PERSONS)
           : x->measure == MEASURE_HOUSEHOLDS || x->measure == MEASURE_REGIONAL
               ? T(CT_UNIT_HOUSEHOLDS)
               : T(CT_UNIT_DWELLINGS);
}

/* "[2]" for the table heads; "basis" for the base. */
static void
head_name(strbuf *b, size_t k, const cmp_item *it, enum report_lang lang)
{
    if (k == 0)
        strbuf_printf(b, "%s<br><span class=\"muted\">", T(CT_BASE));
    else
        strbuf_printf(b, "[%zu]<br><span class=\"muted\">", k);
    esc(b, it->name);
    put(b, "</span>");
}

/* ---------------------------------------------------------------- charts */

static void
tic_text(strbuf *b, const char *s)
{
    /* a double-quoted tic label: \n is a line break, % doubled, quotes dropped */
    put(b, "\"");
    for (; *s; s++) {
        if (*s == '\n')
            put(b, "\\n");
        else if (*s == '%')
            put(b, "%%");
        else if (*s == '"' || *s == '\\' || (unsigned char) *s < 0x20)
            put(b, "'");
        else
            strbuf_add(b, s, 1);
    }
    put(b, "\"");
}

static int
chart_cumulative(const page *p, chart **cs, size_t *n, diag *d)
{
    const comparison *c = p->c;
    const enum report_lang lang = p->lang;
    const cmp_item *base = &c->item[0];
    gpchart *g = gpchart_open("compare_cumulative", lang);
    strbuf *dat = gpchart_dat(g), *gp = gpchart_gp(g);
    double hi = 0;
    int xmax = base->cum_from + (int) base->n_cum - 1, ntarget = 0;
    char *title = xstrdup(T(CT_CUMULATIVE)), *caption;

    for (size_t k = 0; k < c->n; k++) {
        const cmp_item *it = &c->item[k];
        strbuf_printf(dat, "# ");
        gpchart_dat_str(dat, it->name);
        strbuf_printf(dat, ": year(1 January) cumulative expected completions since %d\n",
                      it->cum_from);
        for (size_t i = 0; i < it->n_cum; i++) {
            strbuf_printf(dat, "%d", it->cum_from + (int) i);
            gpchart_dat_num(dat, it->cum[i]);
            strbuf_printf(dat, "\n");
            if (it->cum[i] > hi)
                hi = it->cum[i];
        }
        strbuf_printf(dat, "\n\n");
    }
    strbuf_printf(dat, "# the base's cumulative completion targets from %d: year(1 January after "
                       "the window) required\n",
                  base->cum_from);
    for (size_t r = 0; r < base->n_rows; r++) {
        const cmp_row *x = &base->row[r];
        if (x->level != LEVEL_MUNICIPALITY || x->measure != MEASURE_COMPLETIONS
            || x->window != WINDOW_CUMULATIVE || x->from != base->cum_from)
            continue;
        {
            char num[48];
            strbuf_printf(dat, "%d %.3f ", x->to + 1, x->required);
            gpchart_dat_str(dat, fmt_num(num, sizeof num, x->required, 0, lang));
            strbuf_printf(dat, "\n");
        }
        hi = fmax(hi, x->required);
        xmax = x->to + 1 > xmax ? x->to + 1 : xmax;
        ntarget++;
    }
    if (ntarget == 0)
        strbuf_printf(dat, "NaN NaN \"\"\n");
    gpchart_begin(g, title, "set title ", 900, 520);
    strbuf_printf(gp, "\nset ylabel ");
    gpchart_str(gp, T(CT_CUMULATIVE_Y));
    strbuf_printf(gp, "\nset grid lc rgb '#dddddd'\nset key top left Left reverse\n");
    gpchart_years(g, base->cum_from, xmax, 0.3, 12);
    gpchart_axis(g, "y", 0, hi * 1.05, 6, "");
    strbuf_printf(gp, "plot ");
    for (size_t k = 0; k < c->n; k++) {
        char *name = k == 0 ? xasprintf("%s (%s)", c->item[k].name, T(CT_BASE))
                            : xasprintf("[%zu] %s", k, c->item[k].name);
        /* the base thick and whole, scenarios dashed on top, so that a scenario that
         * follows the base stays visible */
        strbuf_printf(gp, "%s'compare_cumulative.dat' index %zu using 1:2 with lines lw %s dt %zu lc rgb '%s' title ",
                      k ? ", \\\n     " : "", k, k == 0 ? "4" : "2", k == 0 ? 1 : k + 1,
                      gpchart_colors[k % GPCHART_N_COLORS]);
        gpchart_str(gp, name);
        free(name);
    }
    strbuf_printf(gp, ", \\\n     '' index %zu using 1:2 with points pt 13 ps 2 lc rgb '#C00000' notitle"
                      ", \\\n     '' index %zu using 1:2:3 with labels right offset char -1.5,0.2 "
                      "tc rgb '#C00000' notitle\n",
                  c->n, c->n);
    {
        char y[16];
        snprintf(y, sizeof y, "%d", base->cum_from);
        caption = cmp_fill(CT_CUMULATIVE_CAPTION, lang, y, NULL, NULL, NULL);
    }
    return gpchart_done(g, p->dir, title, caption, cs, n, d);
}

static int
chart_probability(const page *p, chart **cs, size_t *n, diag *d)
{
    const comparison *c = p->c;
    const enum report_lang lang = p->lang;
    const cmp_row **tg;
    const size_t nt = compare_targets(c, 0, &tg);
    gpchart *g;
    strbuf *dat, *gp;
    char *title, *caption;

    if (c->runs == 0 || nt == 0) {
        free(tg);
        return LS_OK;
    }
    g = gpchart_open("compare_probability", lang);
    dat = gpchart_dat(g);
    gp = gpchart_gp(g);
    strbuf_printf(dat, "# target, then the probability of meeting it in each model (NaN: not "
                       "in that model)\n");
    for (size_t i = 0; i < nt; i++) {
        strbuf_printf(dat, "%zu", i);
        for (size_t k = 0; k < c->n; k++) {
            const long r = compare_find_row(&c->item[k], tg[i]->target, "municipality");
            gpchart_dat_num(dat, r >= 0 ? 100 * c->item[k].row[r].prob : NAN);
        }
        strbuf_printf(dat, "\n");
    }
    title = xstrdup(T(CT_PROBABILITIES));
    gpchart_begin(g, title, "set title ", 900, 520);
    strbuf_printf(gp, "\nset style data histograms\nset style histogram clustered gap 1\n"
                      "set style fill solid 1.0 noborder\nset boxwidth 0.9\n"
                      "set grid ytics lc rgb '#dddddd'\nset key below\nset bmargin 6\n"
                      "set xtics scale 0 font ',9' (");
    for (size_t i = 0; i < nt; i++) {
        char *lab = target_words(tg[i], lang, 1);
        if (i)
            put(gp, ", ");
        tic_text(gp, lab);
        strbuf_printf(gp, " %zu", i);
        free(lab);
    }
    strbuf_printf(gp, ")\nset xrange [-0.6:%.1f]\n", nt - 0.4);
    gpchart_axis(g, "y", 0, 98, 5, "%%"); /* to 100%: the axis adds 2% of room */
    strbuf_printf(gp, "plot ");
    for (size_t k = 0; k < c->n; k++) {
        char *name = k == 0 ? xasprintf("%s (%s)", c->item[k].name, T(CT_BASE))
                            : xasprintf("[%zu] %s", k, c->item[k].name);
        strbuf_printf(gp, "%s'compare_probability.dat' using %zu lc rgb '%s' title ",
                      k ? ", \\\n     " : "", k + 2, gpchart_colors[k % GPCHART_N_COLORS]);
        gpchart_str(gp, name);
        free(name);
    }
    strbuf_printf(gp, "\n");
    free(tg);
    caption = xstrdup(T(CT_PROBABILITIES_CAPTION));
    return gpchart_done(g, p->dir, title, caption, cs, n, d);
}

/* s cut to at most n characters, with an ellipsis when cut (chart labels). */
static char *
shortened(char *s, int n)
{
    int chars = 0;
    for (char *q = s; *q; q++)
        if (((unsigned char) *q & 0xc0) != 0x80 && ++chars > n) {
            char *t;
            *q = '\0';
            t = xasprintf("%s\xe2\x80\xa6", s);
            free(s);
            return t;
        }
    return s;
}

/* The people's name of a driver. */
static char *
driver_words(const driver *x, enum report_lang lang)
{
    static const enum cmp_text levels[MC_N_LEVELS] = {
        CT_LEVEL_FERTILITY, CT_LEVEL_MORTALITY, CT_LEVEL_MIGRATION_IN, CT_LEVEL_MIGRATION_OUT,
        CT_INFILL};
    if (x->kind == DRIVER_LEVEL)
        for (int k = 0; k < MC_N_LEVELS; k++)
            if (strcmp(x->id, mc_level_names[k]) == 0)
                return xstrdup(T(levels[k]));
    return xstrdup(x->label);
}

static int
chart_tornado(page *p, const driver_table *t, const cmp_row *x, size_t idx, chart **cs,
              size_t *n, diag *d)
{
    const enum report_lang lang = p->lang;
    const size_t top = t->n < TORNADO_TOP ? t->n : TORNADO_TOP;
    char *name = xasprintf("compare_drivers_%zu", idx), *what = target_words(x, lang, 0);
    gpchart *g = gpchart_open(name, lang);
    strbuf *dat = gpchart_dat(g), *gp = gpchart_gp(g);
    double lo = 0, hi = 0;
    char *title = cmp_fill(CT_TORNADO_TITLE, lang, what, NULL, NULL, NULL), *caption, *axis;
    int lw = 10;

    strbuf_printf(dat, "# drivers of %s, largest share first: row low-mean high-mean share\n",
                  t->target);
    for (size_t i = 0; i < top; i++) {
        const driver *v = &t->d[i];
        const double a = v->low - t->mean, b = v->high - t->mean;
        strbuf_printf(dat, "%zu", top - 1 - i);
        gpchart_dat_num(dat, a);
        gpchart_dat_num(dat, b);
        gpchart_dat_num(dat, v->share);
        strbuf_printf(dat, "\n");
        lo = fmin(lo, fmin(a, b));
        hi = fmax(hi, fmax(a, b));
    }
    for (size_t i = 0; i < top; i++) {
        char *w = shortened(driver_words(&t->d[i], lang), 40);
        lw = gpchart_text_width(w) + 7 > lw ? gpchart_text_width(w) + 7 : lw;
        free(w);
    }
    gpchart_begin(g, title, "set title ", 900, 120 + 34 * (int) top);
    axis = cmp_fill(CT_TORNADO_AXIS, lang, unit_of(x, lang), NULL, NULL, NULL);
    strbuf_printf(gp, "\nset xlabel ");
    gpchart_str(gp, axis);
    free(axis);
    strbuf_printf(gp, "\nset grid xtics lc rgb '#dddddd'\nset key below\nset bmargin 5\n"
                      "set lmargin %d\nset style fill solid 1.0 noborder\nset yrange [-0.7:%.1f]\n"
                      "set ytics scale 0 font ',9' (",
                  lw, top - 0.3);
    for (size_t i = 0; i < top; i++) {
        char *w = shortened(driver_words(&t->d[i], lang), 40), pct[32], *lab;
        fmt_pct(pct, sizeof pct, fmax(0, t->d[i].share), 0, lang);
        lab = xasprintf("%s (%s)", w, pct);
        if (i)
            put(gp, ", ");
        gpchart_tic(gp, lab);
        strbuf_printf(gp, " %zu", top - 1 - i);
        free(w);
        free(lab);
    }
    strbuf_printf(gp, ")\n");
    gpchart_axis(g, "x", lo, hi, 6, "");
    strbuf_printf(gp, "set arrow from 0, graph 0 to 0, graph 1 nohead lc rgb '#333333' front\n"
                      "plot '%s.dat' using (($2)/2):1:(($2)/2 < 0 ? -($2)/2 : ($2)/2):(0.35) "
                      "with boxxyerror lc rgb '%s' title ",
                  name, gpchart_colors[3]);
    gpchart_str(gp, T(CT_TORNADO_LOW));
    strbuf_printf(gp, ", \\\n     '' using (($3)/2):1:(($3)/2 < 0 ? -($3)/2 : ($3)/2):(0.35) "
                      "with boxxyerror lc rgb '%s' title ",
                  gpchart_colors[0]);
    gpchart_str(gp, T(CT_TORNADO_HIGH));
    strbuf_printf(gp, "\n");
    caption = xstrdup(T(CT_DRIVERS_CAPTION));
    free(what);
    p->names = xreallocarray(p->names, p->n_names + 1, sizeof *p->names);
    p->names[p->n_names++] = name; /* chart.name points at it until the page is done */
    return gpchart_done(g, p->dir, title, caption, cs, n, d);
}

/* ---------------------------------------------------------------- the page */

static void
section_begin(page *p, const char *id, const char *title)
{
    strbuf_printf(p->b, "<section id=\"%s\">\n<h2>", id);
    esc(p->b, title);
    put(p->b, "</h2>\n");
}

static void
intro(page *p)
{
    const comparison *c = p->c;
    const enum report_lang lang = p->lang;
    char runs[48];

    fmt_num(runs, sizeof runs, (double) c->runs, 0, lang);
    put(p->b, "<header>\n<h1>");
    esc(p->b, T(CT_PAGE_TITLE));
    put(p->b, ": ");
    esc(p->b, c->item[0].title);
    put(p->b, "</h1>\n<p class=\"sub\">");
    {
        char seed[32], *sub, *nsc = cmp_scenarios(c->n - 1, lang);
        snprintf(seed, sizeof seed, "%lu", c->seed);
        sub = cmp_fill(c->runs > 0 ? CT_SUB : CT_SUB_NO_MC, lang, c->item[0].file, nsc, runs, seed);
        free(nsc);
        esc(p->b, sub);
        free(sub);
    }
    put(p->b, "</p>\n</header>\n<nav><ul>");
    strbuf_printf(p->b, "<li><a href=\"#scenarios\">%s</a></li>", T(CT_SCENARIOS));
    strbuf_printf(p->b, "<li><a href=\"#doelen\">%s</a></li>", T(CT_TARGETS));
    strbuf_printf(p->b, "<li><a href=\"#grafieken\">%s</a></li>", T(CT_CHARTS));
    strbuf_printf(p->b, "<li><a href=\"#kernen\">%s</a></li>", T(CT_KERNEN));
    strbuf_printf(p->b, "<li><a href=\"#afhankelijk\">%s</a></li>", T(CT_DRIVERS));
    strbuf_printf(p->b, "<li><a href=\"#bestanden\">%s</a></li>", T(CT_FILES));
    put(p->b, "</ul></nav>\n<main>\n<section id=\"inleiding\">\n<p>");
    esc(p->b, T(CT_INTRO));
    if (c->runs > 0) {
        char *t = cmp_fill(CT_INTRO_RUNS, lang, runs, NULL, NULL, NULL);
        put(p->b, " ");
        esc(p->b, t);
        free(t);
        put(p->b, "</p>\n<p>");
        esc(p->b, T(c->independent ? CT_INDEPENDENT_PAGE : CT_CRN_PAGE));
    }
    put(p->b, "</p>\n");
    put(p->b, "</section>\n");
}

static void
scenario_cards(page *p)
{
    const comparison *c = p->c;
    const enum report_lang lang = p->lang;

    section_begin(p, "scenarios", T(CT_SCENARIOS));
    put(p->b, "<div class=\"cards\">\n");
    for (size_t k = 0; k < c->n; k++) {
        const cmp_item *it = &c->item[k];
        put(p->b, "<div class=\"card\">\n<h3>");
        if (k == 0)
            strbuf_printf(p->b, "%s: ", T(CT_BASE));
        else
            strbuf_printf(p->b, "[%zu] ", k);
        esc(p->b, it->name);
        put(p->b, "</h3>\n<p>");
        esc(p->b, it->title);
        put(p->b, "</p>\n<p class=\"id\">");
        esc(p->b, it->file);
        put(p->b, "</p>\n");
        if (k > 0) {
            strbuf_printf(p->b, "<p class=\"muted\">%s:</p>\n<ul class=\"muted\">\n",
                          T(it->n_changes ? CT_CHANGES : CT_NO_CHANGES));
            for (size_t i = 0; i < it->n_changes; i++) {
                /* the title is on the card already */
                if (strncmp(it->changes[i], "title:", 6) == 0)
                    continue;
                put(p->b, "<li><code>");
                esc(p->b, it->changes[i]);
                put(p->b, "</code></li>\n");
            }
            put(p->b, "</ul>\n");
        }
        put(p->b, "</div>\n");
    }
    put(p->b, "</div>\n</section>\n");
}

/* One cell of the side-by-side table. what: 0 expected, 1 P(met), 2 extra for 80%. */
static void
table_cell(page *p, size_t k, const char *target, int what)
{
    const comparison *c = p->c;
    const enum report_lang lang = p->lang;
    const long r = compare_find_row(&c->item[k], target, "municipality");
    char v[48], dv[48], se[48];
    const char *cls = "";
    cmp_diff df;
    const cmp_row *x;

    if (r < 0) {
        strbuf_printf(p->b, "<td class=\"n muted\">%s</td>", T(CT_NOT_IN));
        return;
    }
    x = &c->item[k].row[r];
    memset(&df, 0, sizeof df);
    if (k > 0)
        compare_diff(c, k, (size_t) r, &df);
    if (what == 0) {
        fmt_num(v, sizeof v, x->expected, 0, lang);
        if (df.has && fabs(df.expected) >= 0.5) {
            fmt_num(dv, sizeof dv, df.expected, 0, lang);
            cls = df.expected > 0 ? " good" : " bad";
        }
    } else if (what == 1) {
        fmt_pct(v, sizeof v, x->prob, 1, lang);
        if (df.has && !isnan(df.prob)) {
            fmt_num(dv, sizeof dv, 100 * df.prob, 1, lang);
            /* highlighted only when more than two standard errors from nothing */
            if (!isnan(df.prob_se) && fabs(df.prob) > 2 * df.prob_se && fabs(df.prob) > 0)
                cls = df.prob > 0 ? " good" : " bad";
        }
    } else {
        if (isinf(x->extra80))
            snprintf(v, sizeof v, "%s", T(CT_UNREACHABLE));
        else
            fmt_num(v, sizeof v, x->extra80, 0, lang);
        if (df.has && isfinite(df.extra80) && fabs(df.extra80) >= 0.5) {
            fmt_num(dv, sizeof dv, df.extra80, 0, lang);
            cls = df.extra80 < 0 ? " good" : " bad";
        }
    }
    strbuf_printf(p->b, "<td class=\"n%s\">%s", cls, v);
    if (*cls) {
        const int plus = (what == 0 && df.expected > 0) || (what == 1 && df.prob > 0)
                         || (what == 2 && df.extra80 > 0);
        strbuf_printf(p->b, "<br><span class=\"muted\">(%s%s", plus ? "+" : "", dv);
        if (what == 1 && !isnan(df.prob_se)) {
            fmt_num(se, sizeof se, 100 * df.prob_se, 1, lang);
            strbuf_printf(p->b, " \xc2\xb1 %s", se);
        }
        put(p->b, ")</span>");
    } else if (what == 1 && df.has && !isnan(df.prob)) {
        fmt_num(se, sizeof se, 100 * df.prob_se, 1, lang);
        strbuf_printf(p->b, "<br><span class=\"muted\">(%s \xc2\xb1 %s)</span>", dv,
                      isnan(df.prob_se) ? "?" : se);
    }
    put(p->b, "</td>");
}

/* The rows of one target in the side-by-side table: a heading, then expected, P(met)
 * and, for a counted target, the extra capacity for 80% (the advice). */
static void
target_block(page *p, const cmp_row *x)
{
    const comparison *c = p->c;
    const enum report_lang lang = p->lang;
    const enum cmp_text labels[3] = {CT_MEASURE_EXPECTED, CT_MEASURE_PROB, CT_MEASURE_EXTRA80};
    char *w = target_words(x, lang, 0);

    strbuf_printf(p->b, "<tr class=\"tier\"><td colspan=\"%zu\">", c->n + 1);
    if (x->comparison) {
        put(p->b, "<em>");
        esc(p->b, T(CT_COMPARISON_HEAD));
        put(p->b, "</em> ");
    }
    put(p->b, "<strong>");
    esc(p->b, w);
    put(p->b, "</strong> <span class=\"id\">");
    esc(p->b, x->target);
    put(p->b, "</span></td></tr>\n");
    free(w);
    for (int what = 0; what < 3; what++) {
        if ((what > 0 && c->runs == 0) || (what == 2 && x->comparison))
            break;
        if (what == 2 && isnan(x->extra80) && c->runs > 0) {
            int any = 0;
            for (size_t k = 0; k < c->n; k++) {
                const long r = compare_find_row(&c->item[k], x->target, "municipality");
                any |= r >= 0 && !isnan(c->item[k].row[r].extra80);
            }
            if (!any)
                break;
        }
        put(p->b, "<tr><td>");
        esc(p->b, T(labels[what]));
        put(p->b, "</td>");
        for (size_t k = 0; k < c->n; k++)
            table_cell(p, k, x->target, what);
        put(p->b, "</tr>\n");
    }
}

static void
targets_section(page *p)
{
    const comparison *c = p->c;
    const enum report_lang lang = p->lang;
    const cmp_row **tg, **cmp;
    const size_t nt = compare_targets(c, 0, &tg), n_cmp = compare_targets(c, 1, &cmp);

    section_begin(p, "doelen", T(CT_TARGETS));
    put(p->b, "<p>");
    esc(p->b, T(CT_TARGETS_NOTE));
    put(p->b, "</p>\n<div class=\"tablewrap\">\n<table>\n<thead>\n<tr><th>");
    esc(p->b, T(CT_TARGET));
    put(p->b, "</th>");
    for (size_t k = 0; k < c->n; k++) {
        put(p->b, "<th class=\"n\">");
        head_name(p->b, k, &c->item[k], lang);
        put(p->b, "</th>");
    }
    put(p->b, "</tr>\n</thead>\n<tbody>\n");
    for (size_t i = 0; i < nt; i++)
        target_block(p, tg[i]);
    for (size_t i = 0; i < n_cmp; i++)
        target_block(p, cmp[i]);
    put(p->b, "</tbody>\n</table>\n</div>\n");
    if (n_cmp > 0) {
        put(p->b, "<p class=\"muted\">");
        esc(p->b, T(CT_COMPARISON_NOTE));
        put(p->b, "</p>\n");
    }
    put(p->b, "</section>\n");
    free(tg);
    free(cmp);
}

static void
figure(page *p, const chart *ch)
{
    const enum report_lang lang = p->lang;
    char *path = xasprintf("%s/plots/%s.png", p->dir, ch->name), *buf = NULL;
    size_t len = 0;
    const int have = ch->rendered && read_file(path, &buf, &len) == LS_OK && len > 0;

    strbuf_printf(p->b, "<figure id=\"%s\">\n<h3>", ch->name);
    esc(p->b, ch->title);
    put(p->b, "</h3>\n");
    if (have) {
        put(p->b, "<img alt=\"");
        esc(p->b, ch->title);
        put(p->b, "\" src=\"data:image/png;base64,");
        report_base64(p->b, (const unsigned char *) buf, len);
        put(p->b, "\">\n");
    } else
        strbuf_printf(p->b, "<p class=\"missing\">%s <code>cd plots &amp;&amp; gnuplot %s.gp</code>.</p>\n",
                      T(CT_CHART_MISSING), ch->name);
    put(p->b, "<figcaption>");
    esc(p->b, ch->caption);
    strbuf_printf(p->b, " <span class=\"noprint\"><a href=\"plots/%s.gp\">gnuplot</a> \xc2\xb7 "
                        "<a href=\"plots/%s.dat\">data</a></span></figcaption>\n</figure>\n",
                  ch->name, ch->name);
    free(buf);
    free(path);
}

static void
kernen_table(page *p)
{
    const comparison *c = p->c;
    const enum report_lang lang = p->lang;
    size_t shown = 0;

    section_begin(p, "kernen", T(CT_KERNEN));
    put(p->b, "<p>");
    esc(p->b, T(CT_KERNEN_NOTE));
    put(p->b, "</p>\n");
    for (size_t k = 1; k < c->n; k++) {
        const cmp_item *it = &c->item[k];
        for (size_t r = 0; r < it->n_rows; r++) {
            const cmp_row *x = &it->row[r];
            const long b = compare_base_row(c, k, r);
            char e0[48], e1[48], *w;
            if (x->level != LEVEL_KERN || x->comparison || b < 0
                || c->item[0].row[b].met == x->met)
                continue;
            if (shown++ == 0)
                strbuf_printf(p->b, "<div class=\"tablewrap\">\n<table>\n<thead>\n<tr><th>%s</th>"
                                    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th class=\"n\">%s"
                                    "</th></tr>\n</thead>\n<tbody>\n",
                              T(CT_KERN), T(CT_TARGET), T(CT_SCENARIO), T(CT_VERDICT_BASE),
                              T(CT_VERDICT_SCENARIO), T(CT_EXPECTED_BASE_SCEN));
            w = target_words(x, lang, 0);
            put(p->b, "<tr><td>");
            esc(p->b, x->place);
            put(p->b, "</td><td>");
            esc(p->b, w);
            strbuf_printf(p->b, "</td><td>[%zu] ", k);
            esc(p->b, it->name);
            strbuf_printf(p->b, "</td><td class=\"%s\">%s</td><td class=\"%s\">%s</td>",
                          c->item[0].row[b].met ? "good" : "bad",
                          T(c->item[0].row[b].met ? CT_MET : CT_MISSED), x->met ? "good" : "bad",
                          T(x->met ? CT_MET : CT_MISSED));
            strbuf_printf(p->b, "<td class=\"n\">%s \xe2\x86\x92 %s</td></tr>\n",
                          fmt_num(e0, sizeof e0, c->item[0].row[b].expected, 0, lang),
                          fmt_num(e1, sizeof e1, x->expected, 0, lang));
            free(w);
        }
    }
    if (shown > 0)
        put(p->b, "</tbody>\n</table>\n</div>\n");
    else
        strbuf_printf(p->b, "<p><strong>%s</strong></p>\n", T(CT_KERNEN_NONE));
    put(p->b, "</section>\n");
}

static void
driver_table_html(page *p, const driver_table *t)
{
    const enum report_lang lang = p->lang;
    const size_t top = t->n < TORNADO_TOP ? t->n : TORNADO_TOP;

    strbuf_printf(p->b, "<div class=\"tablewrap\">\n<table>\n<thead>\n<tr><th>%s</th><th class=\"n\">"
                        "%s</th><th class=\"n\">%s</th></tr>\n</thead>\n<tbody>\n",
                  T(CT_DRIVER), T(CT_SHARE), T(CT_LOW_HIGH));
    for (size_t i = 0; i < top; i++) {
        const driver *x = &t->d[i];
        char *w = driver_words(x, lang), s1[32], s2[32], a[32], b[32];
        put(p->b, "<tr><td>");
        esc(p->b, w);
        if (x->kind != DRIVER_LEVEL) {
            put(p->b, " <span class=\"id\">");
            esc(p->b, x->id);
            put(p->b, "</span>");
        }
        strbuf_printf(p->b, "</td><td class=\"n\">%s \xc2\xb1 %s</td><td class=\"n\">%s / %s</td></tr>\n",
                      fmt_pct(s1, sizeof s1, fmax(0, x->share), 1, lang),
                      fmt_pct(s2, sizeof s2, x->share_se, 1, lang),
                      fmt_pct(a, sizeof a, x->p_low, 0, lang), fmt_pct(b, sizeof b, x->p_high, 0, lang));
        free(w);
    }
    put(p->b, "</tbody>\n</table>\n</div>\n");
}

/* charts: [0] cumulative, [1] probability when there, then one tornado per driver
 * table of the base. */
static void
build_page(page *p, const chart *cs, size_t nc, size_t n_fixed)
{
    const comparison *c = p->c;
    const enum report_lang lang = p->lang;
    const cmp_item *base = &c->item[0];

    put(p->b, "<!DOCTYPE html>\n<html lang=\"");
    put(p->b, lang == LANG_NL ? "nl" : "en");
    put(p->b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              "<meta name=\"generator\" content=\"landstad\">\n<title>");
    esc(p->b, T(CT_PAGE_TITLE));
    put(p->b, "</title>\n<style>\n");
    put(p->b, report_style());
    put(p->b, "</style>\n</head>\n<body>\n");
    intro(p);
    scenario_cards(p);
    targets_section(p);
    section_begin(p, "grafieken", T(CT_CHARTS));
    for (size_t i = 0; i < n_fixed && i < nc; i++)
        figure(p, &cs[i]);
    put(p->b, "</section>\n");
    kernen_table(p);
    section_begin(p, "afhankelijk", T(CT_DRIVERS));
    put(p->b, "<p>");
    esc(p->b, T(base->n_drivers > 0 ? CT_DRIVERS_NOTE : CT_NO_DRIVERS));
    put(p->b, "</p>\n");
    for (size_t j = 0, i = n_fixed; j < base->n_drivers && i < nc; j++)
        if (!base->row[base->drivers[j].row].comparison) {
            figure(p, &cs[i++]);
            driver_table_html(p, &base->drivers[j]);
        }
    put(p->b, "</section>\n");
    section_begin(p, "bestanden", T(CT_FILES));
    strbuf_printf(p->b, "<p class=\"dl\"><a href=\"%s\">%s</a> \xc2\xb7 "
                        "<a href=\"compare.csv\">compare.csv</a> \xc2\xb7 "
                        "<a href=\"drivers.csv\">drivers.csv</a> \xc2\xb7 <a href=\"run.yaml\">run.yaml</a> "
                        "\xc2\xb7 <a href=\"plots/\">plots/</a></p>\n</section>\n</main>\n<footer>",
                  workbook_name(lang), workbook_name(lang));
    {
        char *f = cmp_fill(CT_FOOTER, lang, PACKAGE_VERSION, NULL, NULL, NULL);
        esc(p->b, f);
        free(f);
    }
    put(p->b, "</footer>\n</body>\n</html>\n");
}

static int
write_page(const char *dir, const strbuf *b, diag *d)
{
    char *path = xasprintf("%s/compare.html", dir);
    ofile f;
    int ret = ofile_open(&f, path, d);
    free(path);
    if (ret != LS_OK)
        return ret;
    ofile_puts(&f, b->s);
    return ofile_close(&f, d);
}

/* resultaten.xlsx of the comparison's folder: workbook.c reads the folder's CSV files
 * (compare.csv, drivers.csv) and needs only a few words about the models. */
static int
compare_workbook(const comparison *c, const char *dir, enum report_lang lang, diag *d)
{
    const cmp_item *base = &c->item[0];
    char runs[32];
    rd r;
    int ret;

    memset(&r, 0, sizeof r);
    snprintf(runs, sizeof runs, "%lu", c->runs);
    r.dir = (char *) dir;
    r.title = cmp_fill(CT_WORKBOOK_TITLE, lang, base->title, NULL, NULL, NULL);
    r.muni = base->municipality;
    r.model_file = base->file;
    r.version = (char *) PACKAGE_VERSION;
    r.runs = c->runs > 0 ? runs : NULL;
    r.y0 = base->base_year;
    r.y1 = base->horizon;
    ret = workbook_write(dir, &r, lang, d);
    free(r.title);
    return ret;
}

int
comparereport_build(const comparison *cmp, const char *dir, enum report_lang lang, int render,
                    diag *d, diag *notes)
{
    char *plotdir = xasprintf("%s/plots", dir);
    chart *cs = NULL;
    size_t nc = 0, n_fixed;
    strbuf html;
    page p;
    int ret = LS_OK;

    memset(&p, 0, sizeof p);
    p.c = cmp;
    p.lang = lang;
    p.dir = plotdir;
    strbuf_init(&html);
    if (mkdir(plotdir, 0777) != 0 && errno != EEXIST) {
        diag_add(d, NULL, 0, 0, "cannot create %s: %s", plotdir, strerror(errno));
        ret = LS_EIO;
        goto out;
    }
    ret = chart_cumulative(&p, &cs, &nc, d);
    if (ret == LS_OK)
        ret = chart_probability(&p, &cs, &nc, d);
    n_fixed = nc;
    for (size_t j = 0; ret == LS_OK && j < cmp->item[0].n_drivers; j++) {
        const driver_table *t = &cmp->item[0].drivers[j];
        const cmp_row *x = &cmp->item[0].row[t->row];
        if (!x->comparison) /* what the targets depend on: the counted ones */
            ret = chart_tornado(&p, t, x, j, &cs, &nc, d);
    }
    if (ret != LS_OK)
        goto out;
    if (render && plot_gnuplot() != NULL)
        for (size_t i = 0; i < nc; i++) {
            char *script = xasprintf("%s.gp", cs[i].name);
            cs[i].rendered = plot_render(plotdir, script, notes) == LS_OK;
            free(script);
        }
    p.dir = dir;
    p.b = &html;
    /* The workbook first, so that the page can link it. */
    ret = compare_workbook(cmp, dir, lang, d);
    if (ret != LS_OK)
        goto out;
    build_page(&p, cs, nc, n_fixed);
    ret = write_page(dir, &html, d);
out:
    strbuf_free(&html);
    charts_free(cs, nc);
    for (size_t i = 0; i < p.n_names; i++)
        free(p.names[i]);
    free(p.names);
    free(plotdir);
    return ret;
}
