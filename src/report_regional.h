/* The report's negotiation section (Regio Zwolle): what the 1,000 households mean,
 * how they are measured (own need by migration balance zero), the account per year
 * as a stacked chart and a table, the range, what it depends on most (drivers.csv),
 * and per kern the planned allocation beside the need with the disagreements
 * flagged. Written in Dutch or English; left out when regional.csv has no account.
 * One printable page. */
#ifndef LS_REPORT_REGIONAL_H
#define LS_REPORT_REGIONAL_H

#include "lang.h"
#include "util.h"

/* Appends the section to b. dir: the folder read; out: where plots/ is written. */
void report_regional_section(strbuf *b, const char *dir, const char *out, const char *muni,
                             long runs, int render, enum report_lang lang);
/* Whether dir has what the section needs (the page's table of contents links it). */
int report_regional_present(const char *dir);

#endif
