/* What landstad prints on the terminal after a run and for `landstad check`: the
 * summary, the housing lines, the target table and the Monte Carlo probabilities,
 * in English (the default) or Dutch, every number through numfmt.c so that a
 * language reads the same everywhere (en 63,423 and 57.6; nl 63.423 and 57,6). */
#ifndef LS_SUMMARY_H
#define LS_SUMMARY_H

#include <stdio.h>

#include "lang.h"
#include "montecarlo.h"
#include "scenario.h"

/* After a run: population, flows and clipping (every model). */
void summary_run(FILE *out, const scenario *sc, enum report_lang lang);
/* After a run of a model with housing: households, dwellings, completions. */
void summary_housing(FILE *out, const scenario *sc, enum report_lang lang);
/* The municipal target rows as an aligned table. Returns the number missed. */
int summary_targets(FILE *out, const scenario *sc, enum report_lang lang);
/* With --runs: the probability of each municipal target and the extra capacity. */
void summary_probabilities(FILE *out, const scenario *sc, const mc *M, enum report_lang lang);
/* `landstad check`: what a loaded (not yet run) model holds, the housing part
 * included: plans per phase, capacity, targets and their windows. */
void summary_check(FILE *out, const scenario *sc, enum report_lang lang);

#endif
