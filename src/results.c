/* Demographic result tables and their charts. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "plot.h"
#include "results.h"
#include "util.h"

static const char *
sex_name(const model *m, size_t s)
{
    return m->spec->sex[s] == 'M' ? "M" : "F";
}

/* Writes v with 6 decimals (persons are fractional in a projection), without "-0". */
static void
put_persons(ofile *f, double v)
{
    if (fabs(v) < 5e-7)
        v = 0;
    ofile_printf(f, "%.6f", v);
}

int
results_write_population(const projection *p, const char *path, diag *d)
{
    const model *m = p->m;
    ofile f;
    int ret = ofile_open(&f, path, d);

    if (ret != LS_OK)
        return ret;
    ofile_puts(&f, "year,kern,sex,age,persons\n");
    for (size_t y = 0; y < p->n_years; y++)
        for (size_t a = 0; a < m->n_areas; a++)
            for (size_t s = 0; s < m->n_sexes; s++)
                for (size_t x = 0; x < m->n_ages; x++) {
                    ofile_printf(&f, "%d,%s,%s,%zu,", p->years[y], m->area[a], sex_name(m, s),
                                 x * (size_t) m->width);
                    put_persons(&f, p->pop[y * model_cells(m) + model_cell(m, a, s, x)]);
                    ofile_puts(&f, "\n");
                }
    return ofile_close(&f, d);
}

int
results_write_components(const projection *p, const char *path, diag *d)
{
    const model *m = p->m;
    ofile f;
    int ret = ofile_open(&f, path, d);

    if (ret != LS_OK)
        return ret;
    ofile_puts(&f, "year,kern,sex,population_start,births,deaths,immigration,emigration,"
                   "domestic_in,domestic_out,internal_in,internal_out,population_end,clipped\n");
    for (size_t t = 0; t < p->step; t++)
        for (size_t a = 0; a < m->n_areas; a++)
            for (size_t s = 0; s < m->n_sexes; s++) {
                const cohort_comp *c = &p->comp[(t * m->n_areas + a) * m->n_sexes + s];
                const double v[] = {c->start,       c->births,       c->deaths,
                                    c->immigration, c->emigration,   c->domestic_in,
                                    c->domestic_out, c->internal_in, c->internal_out,
                                    c->end,         c->clipped};
                ofile_printf(&f, "%d,%s,%s", p->years[t], m->area[a], sex_name(m, s));
                for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
                    ofile_puts(&f, ",");
                    put_persons(&f, v[k]);
                }
                ofile_puts(&f, "\n");
            }
    return ofile_close(&f, d);
}

int
results_write_demography_plots(const projection *p, const char *plotdir, int render, diag *d,
                               diag *notes)
{
    const model *m = p->m;
    const size_t A = m->n_ages, S = m->n_sexes, cells = model_cells(m);
    const int y0 = p->years[0], y1 = p->years[p->n_years - 1];
    char *path;
    char *title = plot_quote(m->spec->title);
    char *muni = plot_quote(m->spec->municipality);
    ofile f;
    int ret;

    /* Municipal population by year. */
    path = xasprintf("%s/population.dat", plotdir);
    ret = ofile_open(&f, path, d);
    free(path);
    if (ret != LS_OK)
        goto out;
    ofile_puts(&f, "# year population (1 January, whole municipality)\n");
    for (size_t y = 0; y < p->n_years; y++)
        ofile_printf(&f, "%d %.3f\n", p->years[y], projection_total(p, y));
    if ((ret = ofile_close(&f, d)) != LS_OK)
        goto out;
    path = xasprintf("%s/population.gp", plotdir);
    ret = ofile_open(&f, path, d);
    free(path);
    if (ret != LS_OK)
        goto out;
    ofile_printf(&f,
                 "# Population of %s on 1 January, %d-%d. Re-make: gnuplot population.gp\n"
                 "set encoding utf8\n"
                 "set title '%s: bevolking op 1 januari'\n"
                 "set xlabel 'jaar'\nset ylabel 'inwoners'\n"
                 "set grid\nset key off\nset format y '%%.0f'\n"
                 "set xrange [%d:%d]\n"
                 "set terminal pngcairo size 900,540 font 'DejaVu Sans,11'\n"
                 "set output 'population.png'\n"
                 "plot 'population.dat' using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#1f5f8b'\n"
                 "set terminal svg size 900,540 font 'DejaVu Sans,11'\n"
                 "set output 'population.svg'\n"
                 "replot\n",
                 m->spec->title, y0, y1, muni, y0, y1);
    if ((ret = ofile_close(&f, d)) != LS_OK)
        goto out;

    /* Pyramid: base year against horizon, municipality, men left. */
    path = xasprintf("%s/pyramid.dat", plotdir);
    ret = ofile_open(&f, path, d);
    free(path);
    if (ret != LS_OK)
        goto out;
    ofile_printf(&f, "# age male_%d female_%d male_%d female_%d (men negative)\n", y0, y0, y1, y1);
    for (size_t x = 0; x < A; x++) {
        double v[2][2] = {{0, 0}, {0, 0}};
        for (int k = 0; k < 2; k++) {
            const size_t y = k == 0 ? 0 : p->n_years - 1;
            for (size_t a = 0; a < m->n_areas; a++)
                for (size_t s = 0; s < S; s++)
                    v[k][m->spec->sex[s] == 'M' ? 0 : 1] +=
                        p->pop[y * cells + model_cell(m, a, s, x)];
        }
        ofile_printf(&f, "%zu %.3f %.3f %.3f %.3f\n", x * (size_t) m->width, -v[0][0], v[0][1],
                     -v[1][0], v[1][1]);
    }
    if ((ret = ofile_close(&f, d)) != LS_OK)
        goto out;
    path = xasprintf("%s/pyramid.gp", plotdir);
    ret = ofile_open(&f, path, d);
    free(path);
    if (ret != LS_OK)
        goto out;
    ofile_printf(&f,
                 "# Age pyramid of %s, %d (bars) against %d (lines). Re-make: gnuplot pyramid.gp\n"
                 "set encoding utf8\n"
                 "set title '%s: leeftijdsopbouw %d (vlak) en %d (lijn); mannen links, vrouwen rechts'\n"
                 "set xlabel 'personen per leeftijdsjaar'\nset ylabel 'leeftijd'\n"
                 "set grid\nset key top right\n"
                 "set yrange [-1:%d]\n"
                 "set format x '%%.0f'\n"
                 "set style fill solid 0.6 noborder\n"
                 "set terminal pngcairo size 900,700 font 'DejaVu Sans,11'\n"
                 "set output 'pyramid.png'\n"
                 "plot 'pyramid.dat' using (0):1:2:(0) with vectors nohead lw %d lc rgb '#7fa7c9' title 'mannen %d', \\\n"
                 "     '' using (0):1:3:(0) with vectors nohead lw %d lc rgb '#e3a07a' title 'vrouwen %d', \\\n"
                 "     '' using 4:1 with steps lw 2 lc rgb '#1f5f8b' title 'mannen %d', \\\n"
                 "     '' using 5:1 with steps lw 2 lc rgb '#b5532a' title 'vrouwen %d'\n"
                 "set terminal svg size 900,700 font 'DejaVu Sans,11'\n"
                 "set output 'pyramid.svg'\n"
                 "replot\n",
                 m->spec->title, y0, y1, muni, y0, y1, m->open + m->width, m->width == 1 ? 3 : 12,
                 y0, m->width == 1 ? 3 : 12, y0, y1, y1);
    if ((ret = ofile_close(&f, d)) != LS_OK)
        goto out;
    if (render) {
        (void) plot_render(plotdir, "population.gp", notes);
        (void) plot_render(plotdir, "pyramid.gp", notes);
    }
out:
    free(title);
    free(muni);
    return ret;
}
