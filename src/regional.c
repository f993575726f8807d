/* regional.csv: the account of households housed, own growth and from outside. */
#include <config.h>

#include "output.h"
#include "regional.h"

static void
put_range(ofile *f, const mc *M, size_t q)
{
    if (M == NULL)
        ofile_puts(f, ",,");
    else
        ofile_printf(f, ",%.3f,%.3f", M->summary[q].p10, M->summary[q].p90);
}

int
regional_write(const housing *h, const mc *M, const char *path, diag *d)
{
    const model *m = h->m;
    const mc *own = M != NULL && M->own_need ? M : NULL;
    ofile f;
    double arrived = 0, left = 0, built = 0;
    const double hl0 = housing_total(h, h->households[VIEW_HOUSING_LED], 0);
    const double own0 = housing_total(h, h->households_own, 0);
    int ret = ofile_open(&f, path, d);

    if (ret != LS_OK)
        return ret;
    ofile_puts(&f, "year,households_trend,households_housing_led,regional_contribution,"
                   "extra_households_arrived_cumulative,households_left_cumulative,"
                   "population_trend,population_housing_led,households_own_need,"
                   "completions_cumulative,households_housed,own_growth,from_outside,part,"
                   "own_growth_p10,own_growth_p90,from_outside_p10,from_outside_p90,"
                   "regional_contribution_p10,regional_contribution_p90\n");
    for (size_t y = 0; y < h->n_years; y++) {
        const int year = m->spec->base_year + (int) y;
        const double ht = housing_total(h, h->households[VIEW_TREND], y);
        const double hl = housing_total(h, h->households[VIEW_HOUSING_LED], y);
        const double ho = housing_total(h, h->households_own, y);
        if (y > 0) {
            arrived += housing_total(h, h->hh_arrived, y - 1);
            left += housing_total(h, h->hh_left, y - 1);
            built += housing_total(h, h->completions, y - 1);
        }
        ofile_printf(&f, "%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%s",
                     year, ht, hl, hl - ht, arrived, left,
                     projection_total(&h->view[VIEW_TREND], y),
                     projection_total(&h->view[VIEW_HOUSING_LED], y), ho, built, hl - hl0,
                     ho - own0, hl - ho, year <= m->last_observed ? "observed" : "forecast");
        put_range(&f, own, own != NULL ? mc_index_own_growth(own, y) : 0);
        put_range(&f, own, own != NULL ? mc_index_from_outside(own, y) : 0);
        put_range(&f, M, M != NULL ? mc_index_regional(M, y) : 0);
        ofile_puts(&f, "\n");
    }
    return ofile_close(&f, d);
}
