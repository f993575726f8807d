/* Observations (MODEL.md section 9): what has been counted, as data. One row per
 * measure, scope and period of the observations file (doc/FORMATS.md):
 *
 *   measure,scope,from,to,value,source[,source_nl][,vintage][,estimated]
 *
 * Stocks (population, dwellings) are numbers on a 1 January; flows (completions,
 * births, deaths, the four migration flows) are sums over whole calendar years
 * from..to. Scope is the municipality, a tier or a kern. A row whose period ends
 * after the present is `later`: no run uses it, landstad backtest scores against it.
 *
 * Ownership: the model owns the rows (model_free releases them). */
#ifndef LS_OBSERVED_H
#define LS_OBSERVED_H

#include <stddef.h>

#include "date.h"
#include "error.h"

enum obs_measure {
    OBS_POPULATION,
    OBS_DWELLINGS,
    OBS_COMPLETIONS,
    OBS_BIRTHS,
    OBS_DEATHS,
    OBS_IMMIGRATION,
    OBS_EMIGRATION,
    OBS_DOMESTIC_IN,
    OBS_DOMESTIC_OUT,
    OBS_N
};
extern const char *const obs_measure_names[OBS_N];

/* Population and dwellings are stocks on a 1 January; the rest are flows. */
int obs_is_stock(enum obs_measure m);

enum obs_scope { OBS_MUNICIPALITY, OBS_TIER, OBS_KERN };

typedef struct {
    enum obs_measure measure;
    enum obs_scope scope;
    size_t index;       /* tier or kern index */
    int from, to;       /* flows: calendar years; stocks: from = to = year of the 1 January */
    double value;
    char *source;
    char *source_nl;    /* the source in Dutch (column source_nl), or NULL */
    int has_vintage;
    ls_date vintage;    /* when the figure was known */
    int estimated;      /* the row says it is an estimate */
    size_t line;        /* in the file; 0 for the calibrate: shorthand */
    int later;          /* after the present: hidden from runs */
    int absorb_from, absorb_to; /* calibrate: shorthand: the years its flow absorbs it */
} observation;

/* The year after which an observation is complete: a stock's year, a flow's to + 1. */
static inline int
obs_end(const observation *o)
{
    return obs_is_stock(o->measure) ? o->from : o->to + 1;
}

void observation_free(observation *o);

#endif
