/* One full simulation of population and housing: the trend projection, the
 * housing-led projection coupled to the dwellings, households from headship, the
 * dwelling stock from completions, demolitions and other changes, per kern and
 * year. Deterministic runs use expected completions; Monte Carlo passes one draw.
 *
 * Arrays are [year][area] over the projected 1 January years (n_years); flows
 * during calendar year t are stored at index t - base_year (the last is unused).
 * Ownership: housing_init allocates inside a caller-owned struct; the model must
 * outlive it; housing_free is always safe. */
#ifndef LS_HOUSING_H
#define LS_HOUSING_H

#include <stddef.h>

#include "coupling.h"
#include "household.h"
#include "model.h"
#include "projection.h"

enum { VIEW_COUNT = 2 };

/* A view's state after the history's steps, which every Monte Carlo run shares
 * (no level, plan or coupling acts before the last observed date): kept after the
 * first totals-only run and restored in the next ones instead of recomputed. */
typedef struct {
    const history *hist;           /* the history it was computed under (NULL: none kept) */
    const projection_cache *cache;
    size_t steps;
    double *pop, *totals, *households, *persons_private;
    double clipped, dropped;
} housing_prefix;

typedef struct {
    const model *m;
    const history *hist; /* of the last run (NULL: none) */
    housing_prefix prefix[VIEW_COUNT];
    size_t n_years, n_areas;
    households hh;
    coupling cp;
    projection view[VIEW_COUNT]; /* VIEW_TREND, VIEW_HOUSING_LED */
    double *households[VIEW_COUNT];
    double *persons_private[VIEW_COUNT];
    double *stock;       /* dwellings on 1 January */
    double *completions; /* during the calendar year */
    double *demolitions;
    double *other;       /* other net change during the year */
    /* housing-led flows during the year */
    double *hh_moved_out, *hh_moved_in, *hh_left, *hh_arrived;
    double *persons_left, *persons_arrived, *persons_moved;
    /* the own need (housing_run_own): households of the trend projection with a
     * migration balance of zero, [year][area]; zero until it has run */
    projection own;
    double *households_own;
    housing_prefix prefix_own; /* the own need's state after the history */
} housing;

int housing_init(housing *self, const model *m) LS_WARN_UNUSED;
void housing_free(housing *self);

/* Runs both views. completions/demolitions ([n_years][n_areas]) may be NULL for
 * the expected values of the pipeline. With o->hist, the history's completions and
 * other change replace the run's before its last observed date, small plans and
 * infill are added after it (times o->small_mult), and the housing-led view follows
 * the trend view until then. */
int housing_run(housing *self, const projection_opts *o, const double *completions,
                const double *demolitions) LS_WARN_UNUSED;

/* The own need: the trend view again with migration balance zero (o->zero_migration
 * forced on; no coupling), its households per kern and 1 January into
 * households_own. It does not depend on completions, only on o. */
int housing_run_own(housing *self, const projection_opts *o) LS_WARN_UNUSED;

/* Whether 1 January of year index y is still history under o (o->hist): the
 * housing-led view then follows the trend view, and completions are the history's. */
int housing_in_history(const projection_opts *o, size_t y);

/* Households and dwellings at 1 January of year index y, for one area. */
static inline double
housing_capacity(const housing *self, size_t y, size_t area)
{
    return self->stock[y * self->n_areas + area] * (1 - self->m->vacancy[area]);
}

/* Municipal households of a view on 1 January of year index y. */
double housing_total(const housing *self, const double *per_year_area, size_t y);

#endif
