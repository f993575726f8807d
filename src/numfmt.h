/* Numbers for people, the same in the terminal, the report, the charts and the
 * workbook's texts: thousands grouped and the decimal sign of the language (nl 63.423
 * and 57,6; en 63,423 and 57.6). Never "-0"; NAN is "-", infinities are "∞". The
 * numbers written to CSV files are another matter (util.h: fmt_number). */
#ifndef LS_NUMFMT_H
#define LS_NUMFMT_H

#include <stddef.h>

#include "lang.h"

/* x rounded to decimals places. Returns buf. */
char *fmt_num(char *buf, size_t size, double x, int decimals, enum report_lang lang);
/* A probability 0..1 as a percentage ("19,8%" in Dutch, "19.8%" in English). */
char *fmt_pct(char *buf, size_t size, double p, int decimals, enum report_lang lang);

#endif
