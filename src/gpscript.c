/* Writing a chart's gnuplot script and data file (gpscript.h). */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpscript.h"
#include "numfmt.h"
#include "output.h"
#include "plot.h"
#include "util.h"

void
gp_open(gpfile *g, const char *name, enum report_lang lang)
{
    g->name = name;
    g->lang = lang;
    strbuf_init(&g->dat);
    strbuf_init(&g->gp);
}

void
gp_close(gpfile *g)
{
    strbuf_free(&g->dat);
    strbuf_free(&g->gp);
}

void
gp_str(strbuf *b, const char *s)
{
    char *q = plot_quote(s);
    strbuf_printf(b, "'%s'", q);
    free(q);
}

/* The common head of every script: a comment, then one pass per output format so
 * that multiplots are re-drawn for the SVG too; last the command set with the title
 * ("set title ", "set label 1 "), its line left open for options. */
void
gp_begin(gpfile *g, const char *title, const char *set, int w, int h)
{
    char *comment = plot_text(title);
    strbuf_printf(&g->gp,
                  "# %s\n"
                  "# Data: %s.dat. Re-make by hand inside this folder: gnuplot %s.gp\n"
                  "do for [fmt in \"png svg\"] {\n"
                  "reset\n"
                  "if (fmt eq \"png\") {\n"
                  "set terminal pngcairo size %d,%d font 'DejaVu Sans,10' noenhanced\n"
                  "set output '%s.png'\n"
                  "} else {\n"
                  "set terminal svg size %d,%d font 'DejaVu Sans,10' noenhanced background rgb 'white'\n"
                  "set output '%s.svg'\n"
                  "}\n"
                  "set encoding utf8\n%s",
                  comment, g->name, g->name, w, h, g->name, w, h, g->name, set);
    free(comment);
    gp_str(&g->gp, title);
}

void
gp_end(gpfile *g)
{
    strbuf_printf(&g->gp, "unset output\n}\n");
}

/* A tic label: a single-quoted gnuplot string that is also a format (% doubled). */
void
gp_tic(strbuf *b, const char *s)
{
    char *q = plot_quote(s);
    strbuf_add(b, "'", 1);
    for (const char *p = q; *p; p++)
        strbuf_add(b, *p == '%' ? "%%" : p, *p == '%' ? 2 : 1);
    strbuf_add(b, "'", 1);
    free(q);
}

/* Display width of a UTF-8 string in characters (for margins). */
int
text_width(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char) *s & 0xc0) != 0x80;
    return n;
}

/* The widest of n names, at least w (margins for kern and tier names). */
int
names_width(char *const *names, size_t n, int w)
{
    for (size_t i = 0; i < n; i++)
        if (text_width(names[i]) > w)
            w = text_width(names[i]);
    return w;
}

/* A string in a .dat file: double-quoted, without double quotes inside. */
void
dat_str(strbuf *b, const char *s)
{
    char *t = plot_text(s);
    strbuf_add(b, "\"", 1);
    for (const char *p = t; *p; p++)
        strbuf_add(b, *p == '"' ? "'" : p, 1);
    strbuf_add(b, "\"", 1);
    free(t);
}

void
dat_num(strbuf *b, double v)
{
    if (isnan(v))
        strbuf_printf(b, " NaN");
    else {
        if (fabs(v) < 0.0005)
            v = 0;
        strbuf_printf(b, " %.3f", v);
    }
}

int
write_text(const char *dir, const char *name, const char *ext, const strbuf *b, diag *d)
{
    char *path = xasprintf("%s/%s.%s", dir, name, ext);
    ofile f;
    int ret = ofile_open(&f, path, d);
    free(path);
    if (ret != LS_OK)
        return ret;
    ofile_puts(&f, b->s != NULL ? b->s : "");
    return ofile_close(&f, d);
}

int
gp_write(gpfile *g, const char *dir, diag *d)
{
    int ret = write_text(dir, g->name, "dat", &g->dat, d);
    if (ret == LS_OK)
        ret = write_text(dir, g->name, "gp", &g->gp, d);
    return ret;
}

double
nice_step(double span, int n)
{
    double raw, mag, f;
    if (!(span > 0) || n < 1)
        return 1;
    raw = span / n;
    mag = pow(10, floor(log10(raw)));
    f = raw / mag;
    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
}

/* A value axis: range rounded out to whole steps and every tick labelled by us.
 * absolute: labels without sign (the men's side of a pyramid). */
void
gp_axis(gpfile *g, const char *ax, double lo, double hi, int n, int absolute, const char *suffix)
{
    double step, a, b;
    int dec;

    if (!(hi > lo)) {
        double m = fabs(hi) > 0 ? fabs(hi) * 0.1 : 1;
        lo -= m;
        hi += m;
    } else if (!absolute) {
        /* keep lines off the frame: a value on a round number gets a step of room */
        const double m = (hi - lo) * 0.02;
        if (lo != 0)
            lo -= m;
        hi += m;
    }
    step = nice_step(hi - lo, n);
    a = floor(lo / step + 1e-9) * step;
    b = ceil(hi / step - 1e-9) * step;
    dec = step >= 1 ? 0 : (int) ceil(-log10(step) - 1e-9);
    strbuf_printf(&g->gp, "set %srange [%.*f:%.*f]\nset %stics (", ax, dec, a, dec, b, ax);
    for (int i = 0;; i++) {
        double v = a + i * step;
        char lab[64];
        if (v > b + step * 1e-6)
            break;
        if (fabs(v) < step * 1e-6)
            v = 0;
        fmt_num(lab, sizeof lab, absolute ? fabs(v) : v, dec, g->lang);
        strbuf_printf(&g->gp, "%s'%s%s' %.*f", i ? ", " : "", lab, suffix, dec, v);
    }
    strbuf_printf(&g->gp, ")\n");
}

/* Year axis: a tick every 1, 2, 5 or 10 years, on round years. */
void
gp_years(gpfile *g, int a, int b, double pad, int maxticks)
{
    int span = b - a, step = 1;
    static const int steps[] = {1, 2, 5, 10, 20, 50};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        step = steps[i];
        if (span / step + 1 <= maxticks)
            break;
    }
    strbuf_printf(&g->gp, "set xrange [%.1f:%.1f]\nset xtics %d format '%%.0f'\n", a - pad,
                  b + pad, step);
    if (step == 5)
        strbuf_printf(&g->gp, "set mxtics 5\n");
}

void
minmax(const double *v, size_t n, double *lo, double *hi)
{
    for (size_t i = 0; i < n; i++) {
        if (isnan(v[i]))
            continue;
        if (v[i] < *lo)
            *lo = v[i];
        if (v[i] > *hi)
            *hi = v[i];
    }
}
