/* The housing pipeline (MODEL.md section 5): plans with a phase, a planned delivery
 * schedule and demolitions become completions per kern and calendar year, either
 * as expected values (schedule convolved with the phase's delay distribution, times
 * its realisation probability) or as one random draw (realised or not, one delay).
 *
 * Units: dwellings; years are calendar years (a completion in year y is delivered
 * between 1 January and 31 December of y). Arrays are [year][area] from year y0.
 * Plans are owned by the model that loaded them. */
#ifndef LS_PIPELINE_H
#define LS_PIPELINE_H

#include <stddef.h>

#include "date.h"
#include "spec.h"

typedef struct {
    char *id;
    char *name;
    char *segment;
    size_t area;
    enum plan_phase phase;
    double units;     /* still to come at the status date (total - built) */
    double total;     /* units of the whole plan, as in plans.csv */
    double built;     /* units built by the status date */
    int completed;    /* phase completed (nothing left; kept for the record) */
    double demolitions;
    int first, last;  /* delivery years of what is still to come */
    double *per_year; /* units in first..last, summing to units */
    int planned_first; /* first_year as in plans.csv (the whole plan) */
    size_t line;      /* in plans.csv, for messages */
} plan;

/* The plan list as it stood on one date: the rows of plans.csv with that
 * status_date (or every row, on base_year, when the file has no status_date). */
typedef struct {
    ls_date date;
    size_t n;
    plan *plans;
    size_t line; /* first row, for messages */
} plan_snapshot;

/* Adds the expected completions and demolitions of every plan to completions and
 * demolitions ([n_years][n_areas], from year y0; the caller zeroes them). Demolitions
 * happen in the first delivery year (after the same delay). Deliveries after the
 * last year are dropped. */
void pipeline_expected(const plan *plans, size_t n, const phase_spec *phases, int y0,
                       size_t n_years, size_t n_areas, double *completions,
                       double *demolitions);

/* The same for one draw: plan i is built when realised[i], delay[i] years late;
 * share[i] (1 = all units) allows partial realisation. */
void pipeline_draw(const plan *plans, size_t n, const unsigned char *realised,
                   const int *delay, const double *share, int y0, size_t n_years,
                   size_t n_areas, double *completions, double *demolitions);

/* Expected units of plan i delivered in calendar years from..to. */
double pipeline_plan_expected_in(const plan *p, const phase_spec *phase, int from, int to);

/* A deep copy of src into dst. */
void plan_copy(plan *dst, const plan *src);
void plan_free(plan *p);
void plan_snapshot_free(plan_snapshot *s);

#endif
