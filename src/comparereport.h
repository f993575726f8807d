/* compare.html and its charts: the targets of the base and its scenarios side by side
 * (differences highlighted when they are more than two Monte Carlo standard errors),
 * the cumulative completions of every model in one chart, the probability of each
 * municipal target as bars, the kernen whose verdict changes, and what the base's
 * targets depend on most (a tornado chart and a table per target). In the report's
 * style; every word from comparetext.c. */
#ifndef LS_COMPAREREPORT_H
#define LS_COMPAREREPORT_H

#include "compare.h"
#include "error.h"
#include "lang.h"

/* Writes dir/plots/ (rendered when render and gnuplot is present; problems become
 * notes) and dir/compare.html. */
int comparereport_build(const comparison *cmp, const char *dir, enum report_lang lang, int render,
                        diag *d, diag *notes) LS_WARN_UNUSED;

#endif
