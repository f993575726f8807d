/* The gnuplot writing of charts.c for charts on other pages (compare.html): the same
 * terminals, fonts, number formats, colours and file layout (NAME.dat + NAME.gp
 * rendered to NAME.png and NAME.svg). Strings reach a script only through
 * gpchart_str, gpchart_tic and gpchart_dat_str, which escape them.
 *
 * Ownership: gpchart_open allocates; gpchart_done writes, frees and hands title and
 * caption to the chart list. */
#ifndef LS_GPCHART_H
#define LS_GPCHART_H

#include "charts.h"
#include "util.h"

typedef struct gpchart gpchart;

gpchart *gpchart_open(const char *name, enum report_lang lang);
strbuf *gpchart_dat(gpchart *c);
strbuf *gpchart_gp(gpchart *c);
/* The script's head (terminals, outputs) and `set` followed by the quoted title; the
 * line is left open for options. */
void gpchart_begin(gpchart *c, const char *title, const char *set, int w, int h);
/* A value axis ("x", "y") from lo to hi in about n round steps, labelled with the
 * language's number format and suffix. */
void gpchart_axis(gpchart *c, const char *ax, double lo, double hi, int n, const char *suffix);
void gpchart_years(gpchart *c, int a, int b, double pad, int maxticks);
void gpchart_str(strbuf *b, const char *s);
void gpchart_tic(strbuf *b, const char *s);
void gpchart_dat_str(strbuf *b, const char *s);
void gpchart_dat_num(strbuf *b, double v);
int gpchart_text_width(const char *s);
int gpchart_done(gpchart *c, const char *dir, char *title, char *caption, chart **cs, size_t *n,
                 diag *d) LS_WARN_UNUSED;

#define GPCHART_N_COLORS 8
extern const char *const gpchart_colors[GPCHART_N_COLORS];

#endif
