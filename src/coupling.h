/* The housing-led view (MODEL.md section 6): after each demographic step, the
 * dwellings decide how many households live in each kern. Households beyond a
 * kern's room (stock x (1 - vacancy)) move, with their members chosen by a movers'
 * age profile, to the nearest kernen with room, or leave the municipality; spare
 * homes draw households from outside with an in-movers' profile. Persons are
 * conserved: every move is a transfer in the cohort state, and the components
 * record it (internal or domestic moves).
 *
 * Units: households, persons, dwellings. Ownership: coupling_init allocates inside a
 * caller-owned struct; the model and households must outlive it. */
#ifndef LS_COUPLING_H
#define LS_COUPLING_H

#include <stddef.h>

#include "cohort.h"
#include "household.h"
#include "model.h"

/* What one step of coupling did, per kern. Households are counted with the
 * headship of the kern they are counted in. */
typedef struct {
    double *hh_moved_out;  /* households that moved to another kern */
    double *hh_moved_in;   /* households that arrived from another kern */
    double *hh_left;       /* households that left the municipality */
    double *hh_arrived;    /* households that came from outside */
    double *persons_left, *persons_arrived, *persons_moved;
} coupling_flows;

typedef struct {
    const model *m;
    const households *hh;
    size_t *order; /* [origin][rank]: destinations by distance */
    size_t *by_excess;
    double *room, *excess;
    /* The movers' shares of each over-full kern (rows of n_sexes x n_ages, in
     * by_excess order), their sums before normalising, their households per person
     * (households_unit), and the rows' addresses. */
    double *w, *wsum, *wunit;
    const double **src;
    double **wrow;
    double unit; /* households per person of the moving group, before kern factors */
    /* Each kern's households and persons in private households as the step left
     * them, before the coupling, and whether the coupling moved anyone in or out of
     * it: an untouched kern counts the same after (coupling_households). */
    double *hh0, *pp0;
    unsigned char *touched;
    size_t *list;             /* scratch: the touched kernen */
    double *list_hh, *list_pp; /* scratch: their households and persons */
    int no_persons; /* set by the caller: persons (pp0) not wanted, not counted */
    coupling_flows flows;
} coupling;

int coupling_init(coupling *self, const model *m, const households *hh) LS_WARN_UNUSED;
void coupling_free(coupling *self);
/* Fits the households of c to capacity[k] (households the dwellings can hold). */
void coupling_apply(coupling *self, cohort *c, const double *capacity, double trend,
                    double fill_rate);
/* Kern k's households (and persons in private households) after the last
 * coupling_apply, for the same trend: households_of, counted again only for a kern
 * the coupling touched. persons may be NULL (and must be with no_persons). */
double coupling_households(const coupling *self, const cohort *c, size_t k, double trend,
                           double *persons);
/* coupling_households of every kern: h[k] (and persons[k] unless NULL), the kernen
 * counted again two at a time (in the coupling's scratch: not const). */
void coupling_households_all(coupling *self, const cohort *c, double trend, double *h,
                             double *persons);

#endif
