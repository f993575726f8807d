/* The cohort-component engine (MODEL.md section 3): one step of `width` years for
 * any number of areas, one or two sexes and age groups of `width` years whose last
 * group is open. It never sees files or YAML: the caller hands it this step's
 * survival ratios, fertility, sex ratio and migrant counts.
 *
 * Units: persons; asfr in births per woman per year; survival ratios are
 * probabilities; migrant arrays are persons per step (>= 0, one array per kind).
 * Layout of every cell array: [area][sex][age], age fastest.
 *
 * Ownership: cohort_init allocates the state inside a caller-owned struct;
 * cohort_free releases it and is safe after a failed init or twice. */
#ifndef LS_COHORT_H
#define LS_COHORT_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

enum cohort_flow {
    CF_IMMIGRATION,  /* in, from abroad */
    CF_EMIGRATION,   /* out, to abroad */
    CF_DOMESTIC_IN,  /* in, from other municipalities */
    CF_DOMESTIC_OUT, /* out, to other municipalities */
    CF_INTERNAL_OUT, /* out of the origin kern, into kernen by dest shares */
    CF_N
};

enum cohort_timing { COHORT_END, COHORT_EVEN };

/* Which women at the end of the step count in the births exposure (the women at the
 * start always count, after the first half of the migrants with even timing):
 * SURVIVORS, the start women survived to the end, before the step's end migrants
 * (popReconstruct, UN WPP with end timing); END_POPULATION, the women at the end
 * after the step's migration (Preston et al. 2001, Box 6.2; UN WPP with even
 * timing). The youngest group always counts its survivors only: its women are
 * born during the step. */
enum cohort_exposure { COHORT_EXPOSURE_SURVIVORS, COHORT_EXPOSURE_END_POPULATION };

typedef struct {
    const double *survival; /* [area][sex][n_ages + 1]; see lifetable_survival */
    const double *asfr;     /* [area][n_ages] */
    const double *srb;      /* [area] boys per girl */
    enum cohort_timing timing;
    enum cohort_exposure exposure;
    const double *flow[CF_N]; /* NULL when a kind is absent */
    const double *dest;       /* [origin][destination] shares, for CF_INTERNAL_OUT */
    /* Optional: dest transposed with a zero diagonal ([destination][origin]), as
     * cohort_dest_transpose makes it, so that a driver whose shares stay the same
     * transposes them once. */
    const double *dest_t;
    /* One row serves every area: survival is [sex][n_ages + 1], asfr [n_ages]. */
    int survival_shared, asfr_shared;
    /* A lean step with END timing and the SURVIVORS exposure may take its migrants as
     * rates instead of counts (`rates` set; flow[] is then not read): kind k of a
     * cell (sex, age) of area a is rate[k][a * rate_stride[k] + cell] g[k][a], times
     * the cell's population at the start of the step when rate_pop[k] (a flow from
     * rates; else a total's age profile), its in-flows (immigration, domestic in)
     * also times rate_kin[sex][age] when that is given. The same bits as counts. */
    int rates;
    const double *rate[CF_N];  /* NULL when a kind is absent */
    size_t rate_stride[CF_N];  /* cells from one area to the next: S x A, or 0 */
    int rate_pop[CF_N];
    const double *rate_g;      /* [CF_N][area] */
    const double *rate_kin;    /* [sex][age] or NULL */
} cohort_input;

/* Flows of one step for one area and sex, as applied (after clipping). */
typedef struct {
    double start, births, deaths;
    double immigration, emigration, domestic_in, domestic_out, internal_in, internal_out;
    double end;
    double clipped; /* out-migrants requested but not available */
} cohort_comp;

typedef struct {
    size_t n_areas, n_sexes, n_ages;
    int width;
    size_t female; /* index of the female sex */
    size_t male;   /* index of the male sex, or n_sexes when female-only */
    double *pop;   /* current population, [area][sex][age] */
    double *next;  /* scratch for the step */
    double *out_applied; /* scratch: internal out-migrants applied, [area][applied_stride] */
    size_t applied_stride; /* S x A rounded up to whole cache lines */
    double *zero;        /* zeros, standing in for absent flows */
    double *ones;        /* ones, [sex][age]: no balance factor */
    double *leveled;     /* [2][sex][age]: emigration, domestic out rate times level */
    double *dest_t;      /* scratch: destination shares, transposed */
    double *end_women;   /* scratch: the end population for the END_POPULATION exposure */
    cohort_comp *comp;   /* components of the last step, [area][sex] */
    cohort_comp *comp_scratch; /* scratch: components kept while end_women is built */
    double births_female_only_dropped; /* male births not tracked (female-only model) */
    /* Set by a caller that keeps no components (the Monte Carlo): a step then only
     * moves persons (the same bits), and start, births, deaths, migrants and clipped
     * are not counted; the clip pass still reports a non-finite population, and the
     * caller checks the area totals of the end population (projection_step). */
    int lean;
} cohort;

int cohort_init(cohort *self, size_t n_areas, size_t n_sexes, size_t n_ages, int width,
                size_t female) LS_WARN_UNUSED;
void cohort_free(cohort *self);
void cohort_set_population(cohort *self, const double *pop);
/* Advances one step. Returns LS_ENUMERIC if an input is not finite. */
int cohort_step(cohort *self, const cohort_input *in) LS_WARN_UNUSED;
/* Moves persons between areas (or out of the municipality when dest is (size_t)-1)
 * in the current population; used by the housing-led coupling. Amounts are per
 * [sex][age] and are clipped at what exists; the applied numbers are added to the
 * components as internal (or domestic) moves. Returns the persons moved. */
double cohort_transfer(cohort *self, size_t origin, size_t dest, const double *amount);
/* cohort_transfer of the amounts w[i] k (each product rounded once, as an amount array
 * filled with them would hold). */
double cohort_transfer_scaled(cohort *self, size_t origin, size_t dest, const double *w,
                              double k);
/* Adds persons from outside the municipality (per [sex][age], >= 0) to an area of the
 * current population, counted as domestic in-migrants. Returns the persons added. */
double cohort_add(cohort *self, size_t area, const double *amount);
/* cohort_add of the amounts w[i] k. */
double cohort_add_scaled(cohort *self, size_t area, const double *w, double k);
void cohort_print_state(const cohort *self, FILE *out);
/* wt[d][o] = dest[o][d] for o != d, 0 on the diagonal (cohort_input.dest_t). */
void cohort_dest_transpose(const double *dest, size_t n, double *wt);

#endif
