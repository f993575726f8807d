/* Every word of landstad compare that a person reads (the terminal table and
 * compare.html), in Dutch and English, in one table so that it can be read and
 * rewritten in one place. Forecasts are phrased as forecasts. */
#ifndef LS_COMPARETEXT_H
#define LS_COMPARETEXT_H

#include "lang.h"

enum cmp_text {
    CT_PAGE_TITLE,
    CT_INTRO,
    CT_INTRO_RUNS,
    CT_CRN_PAGE,
    CT_INDEPENDENT_PAGE,
    CT_CHARTS,
    CT_INTRO_NO_MC,
    CT_CRN,
    CT_INDEPENDENT,
    CT_BASE,
    CT_SCENARIOS,
    CT_FILE,
    CT_CHANGES,
    CT_NO_CHANGES,
    CT_TARGETS,
    CT_TARGETS_NOTE,
    CT_TARGET,
    CT_MEASURE_EXPECTED,
    CT_MEASURE_CHANGE,
    CT_MEASURE_PROB,
    CT_MEASURE_PROB_CHANGE,
    CT_MEASURE_EXTRA80,
    CT_NOT_IN,
    CT_CUMULATIVE,
    CT_CUMULATIVE_CAPTION,
    CT_CUMULATIVE_Y,
    CT_PROBABILITIES,
    CT_PROBABILITIES_CAPTION,
    CT_KERNEN,
    CT_KERNEN_NOTE,
    CT_KERNEN_NONE,
    CT_KERN,
    CT_SCENARIO,
    CT_VERDICT_BASE,
    CT_VERDICT_SCENARIO,
    CT_MET,
    CT_MISSED,
    CT_DRIVERS,
    CT_DRIVERS_NOTE,
    CT_DRIVERS_CAPTION,
    CT_DRIVER,
    CT_SHARE,
    CT_LOW_HIGH,
    CT_INFILL,
    CT_LEVEL_FERTILITY,
    CT_LEVEL_MORTALITY,
    CT_LEVEL_MIGRATION_IN,
    CT_LEVEL_MIGRATION_OUT,
    CT_FILES,
    CT_TERM_HEAD,
    CT_TERM_TARGETS,
    CT_TERM_KERNEN,
    CT_TERM_NOTE,
    CT_TERM_COMPARISON,
    CT_COMPARISON_HEAD,
    CT_COMPARISON_NOTE,
    CT_LABEL_COMPLETIONS,
    CT_LABEL_ANNUAL,
    CT_LABEL_NET,
    CT_LABEL_HOUSEHOLDS,
    CT_LABEL_POPULATION,
    CT_LABEL_REGIONAL,
    CT_LABEL_REGIONAL_OWN,
    CT_TIC_PERIOD,
    CT_TIC_ANNUAL,
    CT_TIC_AT,
    CT_UNREACHABLE,
    CT_SUB,
    CT_SUB_NO_MC,
    CT_FOOTER,
    CT_TORNADO_TITLE,
    CT_TORNADO_LOW,
    CT_TORNADO_HIGH,
    CT_TORNADO_AXIS,
    CT_UNIT_DWELLINGS,
    CT_UNIT_PERSONS,
    CT_UNIT_HOUSEHOLDS,
    CT_EXPECTED_BASE_SCEN,
    CT_NO_DRIVERS,
    CT_CHART_MISSING,
    CT_PLAN,
    CT_PLANS,
    CT_WORKBOOK_TITLE,
    CT_N_SCENARIOS_ONE,
    CT_N_SCENARIOS,
    CT_N
};

/* The text in lang. */
const char *cmp_text(enum cmp_text id, enum report_lang lang);
/* The text with {1}..{4} replaced by a1..a4 (never a printf format: the words may put
 * them in any order, and no value becomes a format). Caller frees. */
char *cmp_fill(enum cmp_text id, enum report_lang lang, const char *a1, const char *a2,
               const char *a3, const char *a4);
/* "1 scenario" or "5 scenario's". Caller frees. */
char *cmp_scenarios(size_t n, enum report_lang lang);

#endif
