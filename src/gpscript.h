/* Writing one chart: its gnuplot script (NAME.gp) and data file (NAME.dat), built
 * in memory and written together. Every string from the data reaches the script
 * through plot_quote (gp_str, gp_tic) and the data file through plot_text
 * (dat_str); tick labels are formatted here in the report's language. */
#ifndef LS_GPSCRIPT_H
#define LS_GPSCRIPT_H

#include <stddef.h>

#include "error.h"
#include "lang.h"
#include "util.h"

typedef struct {
    const char *name;
    strbuf dat, gp;
    enum report_lang lang;
} gpfile;

void gp_open(gpfile *g, const char *name, enum report_lang lang);
void gp_close(gpfile *g);
/* s as a single-quoted gnuplot string. */
void gp_str(strbuf *b, const char *s);
/* The common head of every script, up to the title command (set, e.g. "set title ")
 * and the quoted title, its line left open for options. */
void gp_begin(gpfile *g, const char *title, const char *set, int w, int h);
void gp_end(gpfile *g);
/* A tic label: a single-quoted gnuplot string that is also a format. */
void gp_tic(strbuf *b, const char *s);
/* Display width of a UTF-8 string in characters; the widest of n names, at least w. */
int text_width(const char *s);
int names_width(char *const *names, size_t n, int w);
/* A string and a number in a .dat file. */
void dat_str(strbuf *b, const char *s);
void dat_num(strbuf *b, double v);
int write_text(const char *dir, const char *name, const char *ext, const strbuf *b, diag *d)
    LS_WARN_UNUSED;
/* Writes NAME.dat and NAME.gp into dir. */
int gp_write(gpfile *g, const char *dir, diag *d) LS_WARN_UNUSED;
double nice_step(double span, int n);
/* A value axis ax ("y", "x", "cb") over lo..hi in about n labelled steps. */
void gp_axis(gpfile *g, const char *ax, double lo, double hi, int n, int absolute,
             const char *suffix);
/* A year axis a..b with pad on each side and at most maxticks ticks. */
void gp_years(gpfile *g, int a, int b, double pad, int maxticks);
/* Widens *lo..*hi to the values of v that are not NAN. */
void minmax(const double *v, size_t n, double *lo, double *hi);

#endif
