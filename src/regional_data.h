/* What the report's negotiation section reads from an output folder: regional.csv
 * (the account per 1 January), the regional targets and the per-kern rows of the
 * last-ending completion target from targets.csv, and drivers.csv when present.
 * Read-only, from the CSV files (so `landstad plot` rebuilds it).
 *
 * Ownership: regional_data_load fills a caller-owned struct; regional_data_free is
 * always safe. */
#ifndef LS_REGIONAL_DATA_H
#define LS_REGIONAL_DATA_H

#include <stddef.h>

typedef struct {
    int year;
    int observed;  /* part = observed */
    double built, housed, own, outside, beyond_trend;
    double own_p10, own_p90, out_p10, out_p90, bt_p10, bt_p90; /* NAN without runs */
} regional_year;

typedef struct {
    char *id;
    int at;                           /* window: 1 January of this year */
    double required, expected, probability, p10, p90; /* NAN when absent */
    int met;
} regional_target;

typedef struct {
    char *kern, *allocation;
    double required, need, expected, probability; /* probability NAN without runs */
} regional_kern;

typedef struct {
    char *label;  /* a plan's name, or a level's name (fertility, mortality, ...) */
    int level;    /* a level drawn once per run, not a plan */
    double share; /* of the variance of the driven quantity */
} regional_driver;

typedef struct {
    size_t n_years;
    regional_year *y;
    regional_target own, trend; /* regional_beyond_own_need, regional_contribution */
    int has_own, has_trend;
    char *kern_target;            /* id of the target whose per-kern rows are kern[] */
    double kern_threshold;
    int kern_from, kern_to;
    size_t n_kern;
    regional_kern *kern;
    size_t n_drivers;
    regional_driver *drivers;
    long driver_runs;             /* the runs the drivers read (drivers.csv runs), or 0 */
    int runs;                     /* whether the Monte Carlo columns are filled */
} regional_data;

/* 0 when dir holds a regional.csv with the account (own_growth); -1 otherwise (the
 * section is then left out). Never fails a report. */
int regional_data_load(regional_data *self, const char *dir);
void regional_data_free(regional_data *self);

#endif
