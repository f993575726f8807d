/* Headship-rate households. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "household.h"
#include "kernels.h"
#include "util.h"

int
households_init(households *self, size_t n_areas, size_t n_sexes, size_t n_ages,
                const double *headship, const double *institutional)
{
    const size_t per = n_sexes * n_ages;

    memset(self, 0, sizeof *self);
    self->n_areas = n_areas;
    self->n_sexes = n_sexes;
    self->n_ages = n_ages;
    self->weight = xcalloc(per, sizeof *self->weight);
    self->private = xcalloc(per, sizeof *self->private);
    self->headship = xcalloc(per, sizeof *self->headship);
    self->calib = xcalloc(n_areas, sizeof *self->calib);
    for (size_t i = 0; i < per; i++) {
        self->private[i] = 1 - institutional[i];
        self->headship[i] = headship[i];
    }
    households_set_ratios(self, NULL);
    for (size_t a = 0; a < n_areas; a++)
        self->calib[a] = 1;
    return LS_OK;
}

void
households_free(households *self)
{
    if (self == NULL)
        return;
    free(self->weight);
    free(self->private);
    free(self->headship);
    free(self->calib);
    memset(self, 0, sizeof *self);
}

void
households_set_ratios(households *self, const double *ratio)
{
    const size_t per = self->n_sexes * self->n_ages;
    for (size_t i = 0; i < per; i++)
        self->weight[i] = self->headship[i] * (ratio != NULL ? ratio[i] : 1.0) * self->private[i];
}

double
households_of(const households *self, const double *pop, size_t area, double trend,
              double *persons)
{
    const size_t per = self->n_sexes * self->n_ages;
    double h;

    if (persons != NULL)
        kern_dot2(self->weight, self->private, pop + area * per, per, &h, persons);
    else
        kern_dot2_areas(self->weight, NULL, pop + area * per, per, 1, &h, NULL);
    return self->calib[area] * trend * h;
}

void
households_of_all(const households *self, const double *pop, double trend, double *h,
                  double *persons)
{
    kern_dot2_areas(self->weight, persons != NULL ? self->private : NULL, pop,
                    self->n_sexes * self->n_ages, self->n_areas, h, persons);
    for (size_t a = 0; a < self->n_areas; a++)
        h[a] = self->calib[a] * trend * h[a];
}

void
households_of_list(const households *self, const double *pop, const size_t *area, size_t k,
                   double trend, const double **rows, double *h, double *persons)
{
    const size_t per = self->n_sexes * self->n_ages;

    for (size_t j = 0; j < k; j++)
        rows[j] = pop + area[j] * per;
    kern_dot2_rows(self->weight, persons != NULL ? self->private : NULL, rows, k, per, h,
                   persons);
    for (size_t j = 0; j < k; j++)
        h[j] = self->calib[area[j]] * trend * h[j];
}

double
households_per_person(const households *self, const double *w, size_t area, double trend)
{
    return self->calib[area] * trend * households_unit(self, w);
}

int
households_calibrate(households *self, const double *pop, const double *target, size_t *bad)
{
    for (size_t a = 0; a < self->n_areas; a++) {
        double raw;
        self->calib[a] = 1;
        raw = households_of(self, pop, a, 1.0, NULL);
        if (raw <= 0) {
            if (target[a] > 0) {
                *bad = a;
                return LS_ERROR("no heads of household", LS_ECONFIG);
            }
            continue;
        }
        self->calib[a] = target[a] / raw;
    }
    return LS_OK;
}

double
households_unit(const households *self, const double *w)
{
    double h;
    kern_pair_dots(self->weight, &w, 1, self->n_sexes * self->n_ages, &h);
    return h;
}

void
households_units(const households *self, const double *const *w, size_t k, double *unit)
{
    kern_pair_dots(self->weight, w, k, self->n_sexes * self->n_ages, unit);
}
