/* The back-test (MODEL.md section 9): the model run with only what was known on
 * 1 January `from` (later observations hidden, so every absorption that used them
 * is off; the plan list of that date; trends from the observations before it),
 * scored against what was observed after it up to 1 January `to`.
 *
 * Rows compare, for every later observation in from..to (and the completions a
 * stock change implies), the observed number with the forecast of both views, in
 * persons (or dwellings) and in %; net migration where its parts were observed.
 * What was not observed is a row with an empty observed value and status "not
 * observed": never filled from the model. The inputs the run used that were known
 * only after `from` (or whose date nobody recorded: vintages, the vintage column of
 * the observations) are listed too.
 *
 * Use: scenario_load_at(sc, path, from), scenario_calibrate, scenario_run (or
 * backtest_scenario), then backtest_compare. Ownership: the back-test owns its rows;
 * the scenario must outlive it; backtest_free is always safe. */
#ifndef LS_BACKTEST_H
#define LS_BACKTEST_H

#include <stddef.h>

#include "error.h"
#include "lang.h"
#include "scenario.h"

enum { BT_VIEWS = 2 };

typedef struct {
    char *measure;            /* population, births, ..., net_migration */
    char *scope;              /* municipality, a tier or a kern */
    int from, to;             /* calendar years; stocks: the 1 January year twice */
    double observed;          /* NAN: not observed */
    double forecast[BT_VIEWS]; /* trend, housing-led (NAN outside the projection) */
    char *status;             /* observed | derived: ... | not observed */
    char *vintage;            /* ISO date or empty */
    char *source;
} bt_row;

typedef struct {
    char *key;      /* model key, or observed.file:LINE for one observation */
    char *what;     /* the file or the figure */
    char *vintage;  /* ISO date or empty */
    char *status;   /* known only after --from | no vintage */
} bt_input;

typedef struct {
    int from, to;
    size_t n_rows;
    bt_row *row;
    size_t n_inputs;
    bt_input *in;
} backtest;

/* Loads the model as of 1 January `from` and runs it (both views). */
int backtest_scenario(scenario *sc, const char *path, int from, diag *d) LS_WARN_UNUSED;
/* Scores the finished scenario sc (loaded as of its from) up to 1 January `to`. */
int backtest_compare(backtest *self, const scenario *sc, int to, diag *d) LS_WARN_UNUSED;
/* backtest.csv: kind,measure,scope,from,to,observed,forecast_trend,error_trend,
 * error_trend_pct,forecast_housing_led,error_housing_led,error_housing_led_pct,
 * status,vintage,source (kind comparison or input). */
int backtest_write(const backtest *self, const char *path, diag *d) LS_WARN_UNUSED;
void backtest_free(backtest *self);

/* Row i's error of view v (forecast - observed) and in % of observed; NAN when
 * not observed. */
double backtest_error(const bt_row *r, int v);
double backtest_error_pct(const bt_row *r, int v);
/* A row's status as the terminal shows it: as it is in English, in Dutch words with
 * LANG_NL (an unknown status as it is). */
const char *backtest_status_words(const char *status, enum report_lang lang);

#endif
