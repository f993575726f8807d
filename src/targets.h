/* Targets as data (MODEL.md section 7): each target of the model file is checked
 * for the municipality, each tier and each kern (or the one scope it names):
 * required, expected, gap = required - expected (positive = short), met.
 * Municipal completion targets are allocated to kernen by a stated rule (share of
 * projected household growth in the window by default; explicit numbers per kern
 * override), so every kern has its own target and gap.
 *
 * Windows: annual a..b = each calendar year; cumulative from..to = 1 January of
 * from to 31 December of to; at = 1 January of that year.
 *
 * Windows partly in the past (before the model's last observed date) count the
 * history as observed (observed_part) and the rest as forecast (forecast_part); a
 * window wholly in the past is observed fact: met or missed, nothing to solve.
 * Ownership: the table owns its rows and strings; targets_free is always safe. */
#ifndef LS_TARGETS_H
#define LS_TARGETS_H

#include <stddef.h>

#include "error.h"
#include "housing.h"
#include "model.h"

enum scope_level { LEVEL_MUNICIPALITY, LEVEL_TIER, LEVEL_KERN };

/* How much of a target's window lies in the past. */
enum target_status {
    TARGET_FORECAST,         /* all of it is still to come */
    TARGET_PARTLY_OBSERVED,  /* it began before the last observed date */
    TARGET_OBSERVED          /* it is over: observed fact */
};
extern const char *const target_status_names[3];

typedef struct {
    const target_spec *t;
    size_t target;         /* index in the spec */
    enum scope_level level;
    size_t index;          /* tier or kern */
    char *scope;           /* "municipality", "tier:NAME", "kern:NAME" */
    double required;       /* per year for annual windows */
    /* kern and tier rows of a municipal completion target: what the need view
     * (allocation by trend household growth) would ask, beside what the target's own
     * allocation asks; NAN for other rows */
    double required_need;
    double expected;       /* mean per year for annual windows */
    double gap;            /* required - expected */
    int met;               /* every year for annual windows */
    int years_met, n_years;
    int worst_year;
    double worst_expected;
    double shortfall;      /* sum over years of max(0, required - expected) */
    /* past and future: observed_part + forecast_part = expected (per year for annual
     * windows); observed_to is the last past calendar year in the window (or, for a
     * number on 1 January, that year) and 0 when none is */
    enum target_status status;
    double observed_part, forecast_part;
    int observed_to;
    int missed_in_past;    /* annual: a past year is already below the threshold */
} target_row;

typedef struct {
    size_t n;
    target_row *row;
    /* cumulative completions target path of the municipality, as of 1 January of
     * each projected year, and each kern's share of it */
    int has_path;
    int path_start;        /* first calendar year counted */
    double *path;          /* [n_years] */
    double *kern_share;    /* [n_areas] */
} target_table;

/* Builds the rows, their requirements (allocations use the trend view of h) and
 * their expected values from h. */
int targets_evaluate(target_table *self, const model *m, const housing *h, diag *d)
    LS_WARN_UNUSED;
void targets_free(target_table *self);

/* Expected value of a row in run h (same meaning as row.expected); for annual
 * windows also whether every year met its requirement. */
double target_row_value(const target_row *r, const model *m, const housing *h, int *met);

/* Whether calendar year y (flows) or 1 January of y (stocks, is_stock) is past:
 * before the model's last observed date. */
int target_year_past(const model *m, int y, int is_stock);

/* The first calendar year in which capacity added now can deliver: the later of the
 * last observed date and uncertainty.extra_capacity_from. */
int targets_first_extra_year(const model *m);

/* Value of a measure for one scope in calendar year y (flows) or on 1 January of
 * year y (stocks). */
double target_measure(enum target_measure measure, enum view v, enum scope_level level,
                      size_t index, const model *m, const housing *h, int year);

#endif
