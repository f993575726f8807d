/* A loaded model: the spec from the model file plus every input table read from
 * CSV, checked and laid out as flat arrays that the engines use directly.
 *
 * Layout: a cell is (area, sex, age group) and arrays are indexed
 * [area][sex][age] with age fastest: index = (area * n_sexes + sex) * n_ages + age.
 * Ages are groups of `width` years, the last one open. Counts are persons; rates
 * are per person per step; survival ratios are probabilities.
 *
 * Ownership: model_load fills a caller-owned struct and takes ownership of nothing;
 * the spec must outlive the model. model_free is safe after a failed load. */
#ifndef LS_MODEL_H
#define LS_MODEL_H

#include <stddef.h>
#include <stdio.h>

#include "csvform.h"
#include "spec.h"
#include "csv.h"
#include "error.h"
#include "observed.h"
#include "pipeline.h"

/* An input as it was read: the SHA-256 of the very bytes parsed (the file may
 * change while a run goes on), its first comment line, and whether its comments
 * mention an estimate. sha256 is "" for a file that could not be read. */
typedef struct {
    char sha256[65];
    char note[400];
    int estimated;
} model_input;

typedef struct {
    const flow_spec *spec;
    /* rates or counts: values[year_index][area][sex][age] */
    size_t n_years;
    int *years;
    double *values;
    /* every area's row of values is the same in every year (kern_clip_rates can read
     * one row for all areas) */
    int values_shared;
    /* total: profile[sex][age] (sums to 1), dist[area] (sums to 1) or NULL */
    double *profile;
    double *dist;
    /* internal: dest[origin][destination], rows sum to 1, zero diagonal, and a factor
     * on the origin's out-rates (1 unless destinations are gravity) */
    double *dest;
    double *origin_mult;
} model_flow;

typedef struct {
    const model_spec *spec;
    size_t n_areas, n_sexes, n_ages;
    int width, open;
    int female; /* index of F among the sexes */
    char **area;
    size_t *area_tier; /* index into tier, or n_tiers when none */
    size_t n_tiers;
    char **tier;
    int has_coords;
    double *x_km, *y_km;
    double *base_pop; /* [area][sex][age] */
    /* mortality: survival ratios given directly ... */
    size_t n_surv_years;
    int *surv_years;
    double *surv; /* [year][area][sex][n_ages + 1] */
    /* ... or a single-year life table */
    size_t n_qx;       /* ages 0..n_qx-1 */
    double *qx;        /* [sex][n_qx] */
    size_t n_imp_years;
    int *imp_years;
    double *imp_ratio; /* [year][sex][n_qx]; ages beyond the file's are 1 */
    double *smr;       /* [area] */
    /* fertility */
    size_t n_asfr_years;
    int *asfr_years;
    double *asfr;       /* [year][area][n_ages], births per woman per year */
    double *fert_level; /* [area] */
    /* migration */
    size_t n_flows;
    model_flow *flows;
    /* housing (when the model has households and dwellings sections) */
    int has_housing;
    double *headship;      /* [sex][age], heads per person in private households */
    double *institutional; /* [sex][age], share living in institutions */
    size_t n_hs_years;     /* headship ratios by year (households.headship_ratios) */
    int *hs_years;
    double *hs_ratio;      /* [year][sex][age]; NULL: constant headship */
    double *hh_base;       /* [area], households on 1 January of base_year */
    double *stock0;        /* [area], dwellings on 1 January of base_year */
    double *vacancy;       /* [area] */
    size_t n_plans;
    plan *plans;           /* the plans a run uses: the current snapshot's (an alias into
                              snapshots), or a scenario's edited copy of them */
    int has_edited;        /* a scenario changed the plans (planedit.h): edited holds them */
    plan_snapshot edited;
    /* plans.csv snapshots, oldest first: the current one is the latest at or before the
     * last observed date, the base one the latest at or before base_year */
    size_t n_snapshots;
    plan_snapshot *snapshots;
    size_t current_snapshot, base_snapshot;
    int has_base_snapshot;
    /* observations (observed: or the calibrate: shorthand); history is the calendar
     * years base_year .. last_observed - 1 */
    size_t n_obs;
    observation *obs;
    int last_observed;
    double **target_share; /* [n_targets]: [area] for allocation: shares, else NULL
                              (shares.h) */
    double *movers;        /* [sex][age], relative propensity to move out of a full kern */
    double *in_movers;     /* [sex][age], shares of those who fill spare homes (sum 1) */
    double *dist_km;       /* [area][area] */
    size_t *dist_order;    /* [area][rank]: kernen by distance from each kern, itself first */
    size_t n_io_errors; /* files that could not be read */
    /* every file read, for the run record: what was read, and how each table was
     * saved */
    size_t n_inputs;
    char **inputs;
    model_input *input_info; /* [n_inputs] */
    struct {
        int read;
        enum csv_form form;
        enum csv_encoding encoding;
    } *input_form; /* [n_inputs] */
} model;

int model_load(model *self, const model_spec *spec, diag *d) LS_WARN_UNUSED;
/* Reads the observations file (observed.c) and sets last_observed. */
int model_load_observations(model *self, diag *d) LS_WARN_UNUSED;
/* For loaders in other files: records an input for the run record, and reads a CSV
 * counting unreadable files (so that their only problem exits with status 2). */
void model_note_input(model *self, const char *path);
int model_read_table(model *self, const char *path, csv_table *t, diag *d) LS_WARN_UNUSED;
void model_free(model *self);

static inline size_t
model_cell(const model *m, size_t area, size_t sex, size_t age)
{
    return (area * m->n_sexes + sex) * m->n_ages + age;
}
static inline size_t
model_cells(const model *m)
{
    return m->n_areas * m->n_sexes * m->n_ages;
}

/* How input i (a CSV table that was read) was saved: its form and encoding. Returns
 * 0, or -1 when input i is not a table that was read. */
int model_input_form(const model *m, size_t i, enum csv_form *form, enum csv_encoding *enc);

/* Prints every input table's columns and rules (landstad check --inputs). */
void model_print_inputs(FILE *out);

/* Bytes a deterministic run of the model needs (both views when housing), or
 * SIZE_MAX when the count itself overflows. */
size_t model_memory_estimate(const model *m);

/* Index of the latest year in years[0..n) that is <= year, or -1. */
long model_year_index(const int *years, size_t n, int year);
/* Area index by name, or -1. */
long model_area_index(const model *m, const char *name);

#endif
