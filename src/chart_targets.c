/* The chart of the probability that each target is met. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts_int.h"
#include "numfmt.h"
#include "plot.h"
#include "util.h"

/* The municipal completion targets that have kern rows with a probability: their
 * indices into r->t in *tg (caller frees); returns how many. */
static size_t
prob_targets(const rd *r, size_t **tg)
{
    size_t nt = 0;
    *tg = NULL;
    for (size_t i = 0; i < r->n_targets; i++) {
        const rd_target *t = &r->t[i];
        if (!muni_completion(t, NULL))
            continue;
        for (size_t j = 0; j < r->n_targets; j++)
            if (r->t[j].level == RD_KERN && strcmp(r->t[j].id, t->id) == 0 && !isnan(r->t[j].prob)) {
                *tg = xreallocarray(*tg, nt + 1, sizeof **tg);
                (*tg)[nt++] = i;
                break;
            }
    }
    return nt;
}

/* The data: a row per kern (report order, from the bottom) and the municipality on
 * top, a column per target. */
static void
prob_data(const rd *r, gpfile *g, const size_t *order, const size_t *tg, size_t nt,
          enum report_lang lang)
{
    strbuf_printf(&g->dat, "# probability that each kern meets its share of a municipal completion "
                           "target (Monte Carlo)\n# column row probability label (row %d is the "
                           "municipality)\n",
                  (int) r->n_kern);
    for (size_t row = 0; row <= r->n_kern; row++) {
        /* rows from the bottom; the top row is the municipality */
        const int is_muni_row = row == r->n_kern;
        const size_t k = is_muni_row ? 0 : order[r->n_kern - 1 - row];
        strbuf_printf(&g->dat, "# %s\n", is_muni_row ? r->muni : r->kern[k]);
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
            strbuf_printf(&g->dat, "%zu %zu", c, row);
            dat_num(&g->dat, p);
            strbuf_printf(&g->dat, " \"%s\"\n", isnan(p) ? "" : lab);
        }
        strbuf_printf(&g->dat, "\n");
    }
}

/* The label of column c: the target in a few words, over up to three lines. Caller
 * frees. */
static char *
prob_label(const rd *r, const size_t *tg, size_t nt, size_t c, enum report_lang lang)
{
    const rd_target *t = &r->t[tg[c]];
    char num[64], *lab;
    int twin = 0;

    fmt_num(num, sizeof num, t->required, 0, lang);
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
    return lab;
}

/* A column's tic: a format (% doubled) in double quotes with \n for a line break. */
static void
prob_tic(strbuf *b, const char *lab, size_t c)
{
    strbuf_printf(b, "%s\"", c ? ", " : "");
    for (const char *q = lab; *q; q++) {
        if ((unsigned char) *q < 0x20 && *q != '\n')
            strbuf_add(b, " ", 1); /* ids hold none; never one in a script */
        else if (*q == '\n')
            strbuf_add(b, "\\n", 2);
        else if (*q == '"' || *q == '\\')
            strbuf_add(b, "'", 1);
        else if (*q == '%')
            strbuf_add(b, "%%", 2);
        else
            strbuf_add(b, q, 1);
    }
    strbuf_printf(b, "\" %zu", c);
}

/* The head of the script: size, margins and the column labels on top. */
static void
prob_head(const rd *r, gpfile *g, const char *title, const char *muni_tic, const size_t *tg,
          size_t nt, int *height)
{
    const enum report_lang lang = g->lang;
    const int lw = names_width(r->kern, r->n_kern, text_width(muni_tic));
    const int rw = names_width(r->tier, r->n_tier, 0);
    const int W = 80 + 9 * (lw + rw) + 150 * (int) nt, H = 210 + 21 * ((int) r->n_kern + 1);

    /* the title at the top, then up to three lines of column labels */
    gp_begin(g, title, "set label 1 ", W, H);
    strbuf_printf(&g->gp,
                  " at screen 0.5, screen %.4f center\nunset key\nset lmargin %d\nset rmargin %d\n"
                  "set bmargin at screen %.4f\nset tmargin at screen %.4f\n"
                  "set xrange [-0.5:%.1f]\nunset xtics\nset x2range [-0.5:%.1f]\nset x2tics scale 0 font ',9' (",
                  1 - 18.0 / H, lw + 2, rw + 3, 100.0 / H, 1 - 92.0 / H, nt - 0.5, nt - 0.5);
    for (size_t c = 0; c < nt; c++) {
        char *lab = prob_label(r, tg, nt, c, lang);
        prob_tic(&g->gp, lab, c);
        free(lab);
    }
    *height = H;
}

int
chart_probability(const rd *r, const char *dir, enum report_lang lang, chart **cs, size_t *n,
                  diag *d)
{
    gpfile g;
    size_t *order, *tg, nt;
    int H;
    char *title, *caption, *muni_tic;

    if (!r->has_prob)
        return LS_OK;
    if ((nt = prob_targets(r, &tg)) == 0)
        return LS_OK;
    order = kern_order(r);
    gp_open(&g, "target_probability", lang);
    prob_data(r, &g, order, tg, nt, lang);
    title = xstrdup(L("Kans dat het doel gehaald wordt, per kern", "Probability of meeting the target, per kern"));
    muni_tic = xasprintf(L("gemeente %s", "municipality %s"), r->muni);
    prob_head(r, &g, title, muni_tic, tg, nt, &H);
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

