/* The gnuplot charts drawn from the data of a finished output folder (rundata.h;
 * charts_write): every chart is plots/NAME.dat +
 * plots/NAME.gp, a script that sets its own terminals and outputs (NAME.png and
 * NAME.svg) so that `cd plots && gnuplot NAME.gp` re-makes it by hand. report.c
 * builds report.html over the same data. One file per chart family (chart_*.c); the
 * script writing is in gpscript.c. */
#ifndef LS_CHARTS_H
#define LS_CHARTS_H

#include <stddef.h>

#include "error.h"
#include "numfmt.h"
#include "report.h"
#include "rundata.h"

/* One chart written into the plots folder. */
typedef struct {
    const char *name;       /* file stem: NAME.gp, NAME.dat, NAME.png, NAME.svg */
    char *title;            /* heading in the report */
    char *caption;          /* one sentence: what to look for */
    int rendered;           /* set by the caller after plot_render */
} chart;

/* Writes every chart that the data allows into plotdir (which must exist).
 * *out is an array of *n charts in report order. Returns LS_EIO with a message in
 * d on a write error. */
int charts_write(const rd *r, const char *plotdir, enum report_lang lang, chart **out,
                 size_t *n, diag *d) LS_WARN_UNUSED;
void charts_free(chart *c, size_t n);

#endif
