/* Households from headship rates (MODEL.md section 4): households = c_k x trend x
 * sum over sex and age of h(s, x) x (1 - institutional share) x persons, with c_k a
 * per-kern factor calibrated so that the base year matches the estimated households.
 * Average household size = persons in private households / households, derived.
 *
 * Units: rates per person; households; persons. Arrays [sex][age] and population
 * [area][sex][age]. Ownership: households_init allocates inside a caller-owned
 * struct; households_free is always safe. */
#ifndef LS_HOUSEHOLD_H
#define LS_HOUSEHOLD_H

#include <stddef.h>

#include "error.h"

typedef struct {
    size_t n_areas, n_sexes, n_ages;
    double *weight;   /* [sex][age]: headship x ratio x (1 - institutional share) */
    double *private;  /* [sex][age]: 1 - institutional share */
    double *headship; /* [sex][age]: the base headship rates */
    double *calib;    /* [area] */
} households;

int households_init(households *self, size_t n_areas, size_t n_sexes, size_t n_ages,
                    const double *headship, const double *institutional) LS_WARN_UNUSED;
void households_free(households *self);

/* Multiplies the base headship rates by ratio[sex][age] (NULL: by 1) from now on:
 * the change of headship by age over time. Calibrate with the base year's ratios. */
void households_set_ratios(households *self, const double *ratio);

/* Sets c_k so that the households of pop equal target[k] in every kern. Returns
 * LS_ECONFIG (and the kern in *bad) when a kern with a target has no one who heads
 * a household. */
int households_calibrate(households *self, const double *pop, const double *target,
                         size_t *bad) LS_WARN_UNUSED;

/* Households in kern `area` of pop (trend multiplies the headship rates); the
 * persons in private households go to *persons when not NULL. */
double households_of(const households *self, const double *pop, size_t area, double trend,
                     double *persons);
/* households_of of every area at once, the same bits: h[a], and persons[a] the
 * persons in private households (persons NULL: not counted). */
void households_of_all(const households *self, const double *pop, double trend, double *h,
                       double *persons);
/* households_of of the k areas area[j], the same bits: h[j] (and persons[j] unless
 * NULL); rows is scratch for k pointers. */
void households_of_list(const households *self, const double *pop, const size_t *area, size_t k,
                        double trend, const double **rows, double *h, double *persons);

/* Households formed per person by a group of movers with age-sex shares w (sum 1)
 * in kern `area`. */
double households_per_person(const households *self, const double *w, size_t area,
                             double trend);

/* The same before the kern's factor and the trend: sum of headship x w. */
double households_unit(const households *self, const double *w);
/* households_unit of k groups w[0..k-1] at once, the same bits. */
void households_units(const households *self, const double *const *w, size_t k, double *unit);

#endif
