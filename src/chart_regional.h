/* The negotiation section's chart: the Regio Zwolle account per 1 January as stacked
 * bars, own growth below and from outside on top (below the axis when negative),
 * the observed years apart from the forecast, the 80% band of from outside when
 * there are runs, and the 1,000 on its date. plots/regional_account.dat and .gp,
 * rendered when asked and gnuplot is present. */
#ifndef LS_CHART_REGIONAL_H
#define LS_CHART_REGIONAL_H

#include "lang.h"
#include "regional_data.h"

/* Returns 1 when plots/regional_account.svg was rendered, 0 otherwise (the script
 * and data are still written when the folder allows). */
int chart_regional_write(const regional_data *rd, const char *plotdir, const char *muni,
                         int render, enum report_lang lang);

#endif
