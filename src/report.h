/* Charts and the HTML report, built from the CSV files of a finished output folder
 * (so that `landstad plot OUTDIR` can rebuild them after a user edits a CSV or a
 * .gp script). Every chart is written as plots/NAME.dat + plots/NAME.gp and
 * rendered to plots/NAME.png and plots/NAME.svg when gnuplot is present; without
 * gnuplot the run still succeeds and a notice says how to render them.
 * report.html embeds the PNGs as data URIs and links the CSVs beside it.
 *
 * The engines are not needed: only csv.c, plot.c and the files in the folder. */
#ifndef LS_REPORT_H
#define LS_REPORT_H

#include "error.h"
#include "lang.h"
#include "util.h"

typedef struct {
    enum report_lang lang;
    int render; /* run gnuplot (else only .gp/.dat are written) */
    const char *shown_dir; /* the folder named in notices (NULL: the one written) */
    const char *out_dir;   /* where plots/ and report.html go (NULL: the folder read) */
    size_t *unrendered;    /* when not NULL: set to the number of charts without an image */
} report_options;

/* Writes the charts into dir/plots, dir/report.html and the workbook (workbook.h).
 * Problems with gnuplot go to notes (never fatal); a missing or malformed CSV that a
 * chart needs is an error added to d (LS_ECONFIG), as is a write error (LS_EIO). */
int report_build(const char *dir, const report_options *opt, diag *d, diag *notes)
    LS_WARN_UNUSED;

/* For other pages in the report's style (compare.html): the style sheet, text
 * escaped for HTML content and attributes, and base64 for data URIs. */
const char *report_style(void);
void report_html_text(strbuf *b, const char *s);
void report_base64(strbuf *b, const unsigned char *p, size_t n);
/* What a shipped input file holds, in Dutch (by its file name), or NULL: the report's
 * and the workbook's list of inputs. */
const char *input_note_nl(const char *file);
/* A run.yaml date (2026-12-02 or 2026-12-02T01:23:32Z) in words: "2 december 2026"
 * (with the time: "2 december 2026, 01:23 UTC"); anything else as it is, escaped. */
void report_date_words(strbuf *b, const char *iso, int with_time, enum report_lang lang);
/* A measure of observed.csv and backtest.csv (population, completions, domestic_in,
 * ...) as the report's back-test names it; an unknown one as it is. */
const char *report_measure_words(const char *measure, enum report_lang lang);

#endif
