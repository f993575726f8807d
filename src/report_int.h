/* Shared by the files that write sections of report.html (report.c and the
 * report_*.c files beside it); not used outside them. A section is a function
 * void SECTION(page *p) called from build_page in report.c. */
#ifndef LS_REPORT_INT_H
#define LS_REPORT_INT_H

#include <stddef.h>

#include "charts.h"
#include "util.h"

#define L(nl, en) (lang == LANG_NL ? (nl) : (en))

typedef struct {
    enum report_lang lang;
    const rd *r;
    strbuf *b;
    const char *out; /* where plots/ and report.html are written (r->dir: what is read) */
    int render;      /* charts are rendered */
} page;

void put(strbuf *b, const char *s);
/* Text for HTML content and attribute values. */
void esc(strbuf *b, const char *s);
int exists_in(const char *dir, const char *rel);
/* A whole count in the report's language. */
const char *num(char *buf, size_t size, double x, enum report_lang lang);
/* A target in words ("3.000 woningen opleveren in 2022-2029"); caller frees. */
char *target_label(const rd_target *t, enum report_lang lang);
void esc_label(strbuf *b, const rd_target *t, enum report_lang lang);
char *window_short(const rd_target *t, enum report_lang lang);
void section_begin(page *p, const char *id, const char *title);
/* A line of links to the section's files that exist, then its end. */
void section_end(page *p, const char *const *files, size_t n);
/* A table is table_begin, the header cells, table_body, the rows, table_end. */
extern const char table_begin[], table_body[], table_end[];
/* A right-aligned cell: cls adds classes (" short"), text is HTML. */
void td_n(strbuf *b, const char *cls, const char *text);
const char *yes_no(int yes, enum report_lang lang);
int n_runs(const rd *r);
/* Whether a target was already missed in an observed year (or is over and missed). */
int decided(const rd_target *t);
/* A municipal row of a target proper (not one shown for comparison only): what the
 * summary counts and the advice covers. */
int muni_target(const rd_target *t);
/* The first row of target id at a level (index -1 for the municipality), or NULL. */
const rd_target *find_target(const rd *r, enum rd_level level, int index, const char *id);

/* A count of extra dwellings, "niet haalbaar" or "-". */
const char *extra_text(char *buf, size_t size, double x, enum report_lang lang);

/* report_plain.c: the sections written for the policy officer. */
const char *tier_label(const char *tier, int plural, enum report_lang lang);
/* report_plain.c: the sections written for the policy officer. */
void plan_section(page *p);
/* Whether the folder has what the advice and the certainty sections need. */
int has_advice(const rd *r);
int has_certainty(const rd *r);
void advice_section(page *p);
void certainty_section(page *p);
void glossary_section(page *p);

#endif
