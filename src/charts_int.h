/* Shared by the chart families (chart_*.c) and charts.c; not used outside them. */
#ifndef LS_CHARTS_INT_H
#define LS_CHARTS_INT_H

#include "charts.h"
#include "gpscript.h"

#define L(nl, en) (lang == LANG_NL ? (nl) : (en))

/* Okabe-Ito colours (readable with colour blindness) and a light band. */
#define C_BLUE "#0072B2"
#define C_ORANGE "#E69F00"
#define C_VERM "#D55E00"
#define C_GREEN "#009E73"
#define C_SKY "#56B4E9"
#define C_GREY "#666666"
#define C_BAND "#c6dbef"
#define C_TARGET "#000000" /* targets black: red and blue mean short and surplus */
#define C_SHORT "#B2182B"  /* the heatmap's red: short, in every chart */

/* Ends the script, writes NAME.dat and NAME.gp and adds the chart, which takes
 * title and caption (both freed on a write error). */
int chart_done(gpfile *g, const char *dir, char *title, char *caption, chart **cs, size_t *n,
               diag *d) LS_WARN_UNUSED;
/* Kernen in report order (caller frees). */
size_t *kern_order(const rd *r);
/* A municipal completion target with the given window, or any when window is NULL. */
int muni_completion(const rd_target *t, const char *window);
/* Whether the folder has a history to mark, and the line where it ends. */
int has_history(const rd *r);
void gp_history(gpfile *g, const rd *r, double x, double label_y, enum report_lang lang);
/* A data block of the points of v whose status is want; returns how many. */
int dat_points(strbuf *dat, const rd *r, const double *v, const unsigned char *status, int want,
               const char *what);
/* The kern rows of a heatmap (by tier) with extra_top rows above them. */
void heat_rows(const rd *r, gpfile *g, const size_t *order, int extra_top, double xl, double xr);

/* The chart families, each adding zero or more charts to *cs. */
typedef int chart_fn(const rd *r, const char *dir, enum report_lang lang, chart **cs, size_t *n,
                     diag *d);
chart_fn chart_population, chart_components, chart_pyramid, chart_pyramid_tiers;
chart_fn chart_cumulative, chart_annual;
chart_fn chart_heatmap, chart_households;
chart_fn chart_probability;

#endif
