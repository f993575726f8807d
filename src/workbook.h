/* The results as an Excel workbook (libxlsxwriter): resultaten.xlsx, or results.xlsx
 * in English, built like report.html from the CSV files of a finished output folder
 * (so `landstad plot OUTDIR` rebuilds it). The first sheet says what every sheet
 * holds, that the CSV files are the machine-readable contract, and where the data
 * come from; then one sheet per CSV file, with headers in the language, numbers
 * stored as numbers with display formats, the header row frozen and an autofilter.
 *
 * What goes where is one table in workbook.c (wb_sheets): a row per CSV file with its
 * sheet name, its description and its columns (header and display format). A CSV
 * file that another part of landstad starts to write gets a sheet by adding a row;
 * a column the table does not name still appears, under its CSV name, as numbers
 * when all its cells are numbers. */
#ifndef LS_WORKBOOK_H
#define LS_WORKBOOK_H

#include "charts.h"
#include "error.h"
#include "lang.h"

/* The workbook's file name in the language: "resultaten.xlsx" or "results.xlsx". */
const char *workbook_name(enum report_lang lang);

/* Writes dir/workbook_name(lang) from the CSV files of the folder r was read from
 * (r: that folder as read by rd_load; r->dir may differ from dir, e.g. when a rebuild
 * writes into a temporary folder). Written to a temporary name and renamed, so a
 * failure leaves an earlier workbook as it was. LS_EIO with a message on a write
 * error, LS_ECONFIG when a CSV file that is present is malformed. */
int workbook_write(const char *dir, const rd *r, enum report_lang lang, diag *d)
    LS_WARN_UNUSED;

/* The sheets the workbook can hold, for tests and documentation: the number of rows
 * in the table, and row i's CSV file name and its sheet name in the language. */
size_t workbook_sheet_count(void);
const char *workbook_sheet_file(size_t i);
const char *workbook_sheet_name(size_t i, enum report_lang lang);

#endif
