/* plots/regional_account.{dat,gp}: own growth and from outside, stacked. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "chart_regional.h"
#include "error.h"
#include "output.h"
#include "plot.h"
#include "util.h"

#define L(nl, en) (lang == LANG_NL ? (nl) : (en))

static int
write_data(const regional_data *rd, const char *path)
{
    diag d;
    ofile f;
    int ret;

    diag_init(&d);
    ret = ofile_open(&f, path, &d);
    if (ret == LS_OK) {
        ofile_puts(&f, "# year own_growth from_outside observed(1/0) outside_p10 outside_p90\n");
        for (size_t i = 0; i < rd->n_years; i++) {
            const regional_year *y = &rd->y[i];
            ofile_printf(&f, "%d %.3f %.3f %d %.3f %.3f\n", y->year, y->own, y->outside,
                         y->observed, isnan(y->out_p10) ? y->outside : y->out_p10,
                         isnan(y->out_p90) ? y->outside : y->out_p90);
        }
        ret = ofile_close(&f, &d);
    }
    diag_free(&d);
    return ret;
}

static void
write_script(const regional_data *rd, ofile *f, const char *muni, enum report_lang lang)
{
    const regional_year *last = &rd->y[rd->n_years - 1];
    int last_obs = 0;
    char *title = plot_quote(muni);

    for (size_t i = 0; i < rd->n_years; i++)
        if (rd->y[i].observed)
            last_obs = rd->y[i].year;
    ofile_puts(f, "# regional_account.gp: gnuplot regional_account.gp (inside this folder)\n"
                  "do for [fmt in \"png svg\"] {\nreset\nif (fmt eq \"png\") {\n"
                  "set terminal pngcairo size 900,460 font 'DejaVu Sans,10' noenhanced\n"
                  "set output 'regional_account.png'\n} else {\n"
                  "set terminal svg size 900,460 font 'DejaVu Sans,10' noenhanced background rgb 'white'\n"
                  "set output 'regional_account.svg'\n}\nset encoding utf8\n");
    ofile_printf(f, "set title '%s: %s'\n", title,
                 L("extra gehuisveste huishoudens sinds 1 januari 2021",
                   "extra households housed since 1 January 2021"));
    ofile_printf(f, "set ylabel '%s'\n", L("huishoudens (op 1 januari)", "households (1 January)"));
    ofile_printf(f, "set xrange [%d.4:%d.6]\nset xtics 2 format '%%.0f'\n", rd->y[0].year,
                 last->year);
    ofile_puts(f, "set grid ytics lc rgb '#dddddd'\nset key top left Left reverse\n"
                  "set style fill solid 0.9 noborder\nset xzeroaxis lt -1\n");
    if (last_obs > 0)
        ofile_printf(f,
                     "set arrow from %d.5, graph 0 to %d.5, graph 1 nohead dt 3 lw 1.5 lc rgb '#666666' back\n"
                     "set label '%s' at %d.5, graph 1.025 right offset char -0.5,0 tc rgb '#666666' font ',9' front\n"
                     "set label '%s' at %d.5, graph 1.025 left offset char 0.5,0 tc rgb '#666666' font ',9' front\n",
                     last_obs, last_obs, L("\xe2\x86\x90 waargenomen", "\xe2\x86\x90 observed"),
                     last_obs, L("prognose \xe2\x86\x92", "forecast \xe2\x86\x92"), last_obs);
    ofile_printf(f,
                 "plot 'regional_account.dat' using 1:($2/2):($1-0.35):($1+0.35):(0):2 with boxxyerror lc rgb '#9ecae1' title '%s', \\\n"
                 "     'regional_account.dat' using 1:($2+$3/2):($1-0.35):($1+0.35):2:($2+$3) with boxxyerror lc rgb '#08519c' title '%s'",
                 L("eigen groei (migratiesaldo nul)", "own growth (zero migration)"),
                 L("van buiten (bijdrage aan de regio)", "from outside (regional contribution)"));
    if (rd->runs)
        ofile_printf(f, ", \\\n     'regional_account.dat' using 1:($2+$3):($2+$5):($2+$6) with yerrorbars pt 0 lw 1.2 lc rgb '#333333' title '%s'",
                     L("van buiten: 80% van de simulaties", "from outside: 80% of the simulations"));
    if (rd->has_own && !isnan(rd->own.required))
        for (size_t i = 0; i < rd->n_years; i++)
            if (rd->y[i].year == rd->own.at)
                ofile_printf(f, ", \\\n     '+' using (%d-0.45):(%.3f):(0.9):(0) every ::0::0 with vectors nohead lw 3 lc rgb '#C00000' title '%s'",
                             rd->y[i].year, rd->y[i].own + rd->own.required,
                             L("doel: eigen groei + 1.000 van buiten",
                               "target: own growth + 1,000 from outside"));
    ofile_puts(f, "\nunset output\n}\n");
    free(title);
}

int
chart_regional_write(const regional_data *rd, const char *plotdir, const char *muni,
                     int render, enum report_lang lang)
{
    char *dat = xasprintf("%s/regional_account.dat", plotdir);
    char *gp = xasprintf("%s/regional_account.gp", plotdir);
    diag d, notes;
    ofile f;
    int ok = 0;

    diag_init(&d);
    diag_init(&notes);
    if (rd->n_years == 0 || write_data(rd, dat) != LS_OK || ofile_open(&f, gp, &d) != LS_OK)
        goto out;
    write_script(rd, &f, muni, lang);
    if (ofile_close(&f, &d) != LS_OK)
        goto out;
    ok = render && plot_gnuplot() != NULL
         && plot_render(plotdir, "regional_account.gp", &notes) == LS_OK;
out:
    diag_free(&d);
    diag_free(&notes);
    free(dat);
    free(gp);
    return ok;
}
