/* compare.csv, drivers.csv and the terminal table of landstad compare. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "comparetext.h"
#include "numfmt.h"
#include "output.h"
#include "results.h"
#include "sha256.h"
#include "util.h"

static const char *const window_names[] = {"annual", "cumulative", "at"};

/* ",x" with the given decimals; "," when NAN; ",unreachable" when infinite. */
static void
put_num(ofile *f, double v, int decimals)
{
    if (isnan(v))
        ofile_puts(f, ",");
    else if (isinf(v))
        ofile_puts(f, ",unreachable");
    else
        ofile_printf(f, ",%.*f", decimals, fabs(v) < 0.5 * pow(10, -decimals) ? 0.0 : v);
}

int
compare_write_csv(const comparison *self, const char *path, diag *d)
{
    ofile f;
    int ret = ofile_open(&f, path, d);

    if (ret != LS_OK)
        return ret;
    ofile_puts(&f, "scenario,file,target,scope,measure,window,window_start,window_end,required,"
                   "expected,met,probability_met,extra_units_needed_p80,extra_units_needed_p90,"
                   "value_mean,expected_diff,met_changed,probability_diff,probability_diff_se,"
                   "value_mean_diff,value_mean_diff_se,extra_p80_diff,extra_p90_diff,runs,seed,role\n");
    for (size_t k = 0; k < self->n; k++) {
        const cmp_item *it = &self->item[k];
        for (size_t r = 0; r < it->n_rows; r++) {
            const cmp_row *x = &it->row[r];
            cmp_diff df;
            if (k > 0)
                compare_diff(self, k, r, &df);
            else
                memset(&df, 0, sizeof df);
            results_csv_text(&f, it->name);
            ofile_puts(&f, ",");
            results_csv_text(&f, it->file);
            ofile_puts(&f, ",");
            results_csv_text(&f, x->target);
            ofile_puts(&f, ",");
            results_csv_text(&f, x->scope);
            ofile_printf(&f, ",%s,%s,%d,%d", measure_names[x->measure], window_names[x->window],
                         x->from, x->to);
            put_num(&f, x->required, 3);
            put_num(&f, x->expected, 3);
            ofile_printf(&f, ",%s", x->met ? "yes" : "no");
            put_num(&f, x->prob, 4);
            put_num(&f, x->extra80, 3);
            put_num(&f, x->extra90, 3);
            put_num(&f, x->mean, 3);
            if (df.has) {
                put_num(&f, df.expected, 3);
                ofile_printf(&f, ",%s", df.met_changed ? "yes" : "no");
                put_num(&f, df.prob, 4);
                put_num(&f, df.prob_se, 4);
                put_num(&f, df.mean, 3);
                put_num(&f, df.mean_se, 3);
                put_num(&f, df.extra80, 3);
                put_num(&f, df.extra90, 3);
            } else
                ofile_puts(&f, ",,,,,,,,");
            if (it->runs > 0)
                ofile_printf(&f, ",%lu,%lu", it->runs, it->seed);
            else
                ofile_puts(&f, ",,");
            ofile_printf(&f, ",%s\n", x->comparison ? "comparison" : "target");
        }
    }
    return ofile_close(&f, d);
}

static const char *const kind_names[] = {[DRIVER_PLAN] = "plan", [DRIVER_LEVEL] = "level"};

void
drivers_write_rows(ofile *f, const char *who, const driver_table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        const driver *x = &t->d[i];
        results_csv_text(f, who);
        ofile_puts(f, ",");
        results_csv_text(f, t->target);
        ofile_printf(f, ",%zu,", i + 1);
        results_csv_text(f, x->id);
        ofile_printf(f, ",%s,", kind_names[x->kind]);
        results_csv_text(f, x->label);
        ofile_printf(f, ",%zu", x->n_plans);
        put_num(f, x->share, 4);
        put_num(f, x->share_se, 4);
        put_num(f, x->low, 3);
        put_num(f, x->high, 3);
        put_num(f, x->p_low, 4);
        put_num(f, x->p_high, 4);
        put_num(f, t->mean, 3);
        put_num(f, t->p_met, 4);
        ofile_printf(f, ",%lu\n", t->runs);
    }
}

const char drivers_csv_header[] = "scenario,target,rank,driver,kind,label,plans,share,share_se,"
                                  "value_low,value_high,p_met_low,p_met_high,value_mean,p_met,"
                                  "runs\n";

int
compare_write_drivers(const comparison *self, const char *path, diag *d)
{
    ofile f;
    int ret = ofile_open(&f, path, d);

    if (ret != LS_OK)
        return ret;
    ofile_puts(&f, drivers_csv_header);
    for (size_t k = 0; k < self->n; k++)
        for (size_t j = 0; j < self->item[k].n_drivers; j++)
            drivers_write_rows(&f, self->item[k].name, &self->item[k].drivers[j]);
    return ofile_close(&f, d);
}

/* ---------------------------------------------------------------- the terminal */

#define COL 11

/* One line of the table: a label and a cell per item. what: 0 expected, 1 its change,
 * 2 P(met), 3 its change with the standard error (percentage points). */
static void
print_line(FILE *out, const comparison *self, const char *target, int what, const char *label,
           enum report_lang lang)
{
    fprintf(out, "  %-24s", label);
    for (size_t k = 0; k < self->n; k++) {
        const long r = compare_find_row(&self->item[k], target, "municipality");
        char cell[96] = "", a[32], b[32];
        if (r >= 0) {
            const cmp_row *x = &self->item[k].row[r];
            cmp_diff df;
            if (k > 0)
                compare_diff(self, k, (size_t) r, &df);
            else
                memset(&df, 0, sizeof df);
            if (what == 0)
                fmt_num(cell, sizeof cell, x->expected, 0, lang);
            else if (what == 2)
                fmt_pct(cell, sizeof cell, x->prob, 1, lang);
            else if (df.has && what == 1)
                snprintf(cell, sizeof cell, "%s%s", df.expected > 0.5 ? "+" : "",
                         fmt_num(a, sizeof a, df.expected, 0, lang));
            else if (df.has && what == 3 && !isnan(df.prob)) {
                fmt_num(a, sizeof a, 100 * df.prob, 1, lang);
                fmt_num(b, sizeof b, 100 * df.prob_se, 1, lang);
                snprintf(cell, sizeof cell, "%s%s\xc2\xb1%s", df.prob > 0.0005 ? "+" : "", a,
                         isnan(df.prob_se) ? "?" : b);
            }
        } else if (what == 0 || what == 2)
            snprintf(cell, sizeof cell, "-");
        /* "±" is two bytes and one column */
        fprintf(out, " %*s", COL + (strstr(cell, "\xc2\xb1") != NULL), cell);
    }
    fputc('\n', out);
}

/* Kernen whose deterministic verdict differs from the base's, one line per scenario. */
static void
print_kernen(FILE *out, const comparison *self, enum report_lang lang)
{
    fprintf(out, "%s\n", cmp_text(CT_TERM_KERNEN, lang));
    for (size_t k = 1; k < self->n; k++) {
        const cmp_item *it = &self->item[k];
        size_t shown = 0, total = 0;
        fprintf(out, "  [%zu]", k);
        for (size_t r = 0; r < it->n_rows; r++) {
            cmp_diff df;
            if (it->row[r].level != LEVEL_KERN || it->row[r].comparison)
                continue;
            compare_diff(self, k, r, &df);
            if (!df.has || !df.met_changed)
                continue;
            total++;
            if (shown++ < 4)
                fprintf(out, "%s %s %s (%s)", shown > 1 ? ";" : "", it->row[r].place,
                        it->row[r].target,
                        cmp_text(it->row[r].met ? CT_MET : CT_MISSED, lang));
        }
        if (total == 0)
            fprintf(out, " %s", cmp_text(CT_KERNEN_NONE, lang));
        else if (total > shown)
            fprintf(out, lang == LANG_NL ? "; en nog %zu" : "; and %zu more", total - shown);
        fputc('\n', out);
    }
}

/* "base" or "[k]". */
static void
column_head(char *h, size_t size, size_t k, enum report_lang lang)
{
    if (k == 0)
        snprintf(h, size, "%s", cmp_text(CT_BASE, lang));
    else
        snprintf(h, size, "[%u]", (unsigned) (k % 100000));
}

/* The lines of each target in rows: its id, then expected, P(met) and their changes. */
static void
print_targets(FILE *out, const comparison *self, const cmp_row *const *rows, size_t n,
              enum report_lang lang)
{
    for (size_t i = 0; i < n; i++) {
        const char *id = rows[i]->target;
        fprintf(out, "%s\n", id);
        print_line(out, self, id, 0, cmp_text(CT_MEASURE_EXPECTED, lang), lang);
        if (self->n > 1)
            print_line(out, self, id, 1, cmp_text(CT_MEASURE_CHANGE, lang), lang);
        if (self->runs > 0) {
            print_line(out, self, id, 2, cmp_text(CT_MEASURE_PROB, lang), lang);
            if (self->n > 1)
                print_line(out, self, id, 3, cmp_text(CT_MEASURE_PROB_CHANGE, lang), lang);
        }
    }
}

void
compare_print(FILE *out, const comparison *self, enum report_lang lang)
{
    const cmp_row **rows, **cmp_rows;
    const size_t n = compare_targets(self, 0, &rows), n_cmp = compare_targets(self, 1, &cmp_rows);
    char b[48], seed[32], *head, *nsc = cmp_scenarios(self->n - 1, lang);

    snprintf(seed, sizeof seed, "%lu", self->seed);
    if (self->runs > 0)
        head = cmp_fill(CT_TERM_HEAD, lang, nsc, fmt_num(b, sizeof b, (double) self->runs, 0, lang),
                        seed, cmp_text(self->independent ? CT_INDEPENDENT : CT_CRN, lang));
    else
        head = cmp_fill(CT_INTRO_NO_MC, lang, nsc, NULL, NULL, NULL);
    fprintf(out, "%s\n", head);
    free(head);
    free(nsc);
    for (size_t k = 0; k < self->n; k++) {
        char h[16];
        column_head(h, sizeof h, k, lang);
        fprintf(out, "  %-5s %-24s %s\n", h, self->item[k].name, self->item[k].title);
    }
    fprintf(out, "\n%-26s", cmp_text(CT_TERM_TARGETS, lang));
    for (size_t k = 0; k < self->n; k++) {
        char h[16];
        column_head(h, sizeof h, k, lang);
        fprintf(out, " %*s", COL, h);
    }
    fputc('\n', out);
    print_targets(out, self, rows, n, lang);
    if (n_cmp > 0) {
        fprintf(out, "%s\n", cmp_text(CT_TERM_COMPARISON, lang));
        print_targets(out, self, cmp_rows, n_cmp, lang);
    }
    fprintf(out, "%s\n", cmp_text(CT_TERM_NOTE, lang));
    if (self->n > 1)
        print_kernen(out, self, lang);
    free(rows);
    free(cmp_rows);
}

void
compare_record(const comparison *self, runrecord *rr)
{
    const rr_node root = runrecord_root(rr);
    rr_node list;
    char hex[65];

    runrecord_str(rr, root, "program", "landstad");
    runrecord_str(rr, root, "version", PACKAGE_VERSION);
    runrecord_str(rr, root, "command", "compare");
    runrecord_int(rr, root, "runs", (long) self->runs);
    runrecord_int(rr, root, "seed", (long) self->seed);
    runrecord_str(rr, root, "random_numbers",
                  self->independent ? "independent: model k draws from seed + k"
                                    : "common: every model draws from the same seed");
    list = runrecord_list(rr, root, "models");
    for (size_t k = 0; k < self->n; k++) {
        const rr_node m = runrecord_map(rr, list, NULL);
        runrecord_str(rr, m, "name", self->item[k].name);
        runrecord_str(rr, m, "file", self->item[k].file);
        runrecord_str(rr, m, "sha256",
                      sha256_file(self->item[k].file, hex) == LS_OK ? hex : "unreadable");
        runrecord_bool(rr, m, "base", k == 0);
        runrecord_int(rr, m, "seed", (long) self->item[k].seed);
    }
}

int
drivers_write_run(const mc *M, const char *who, const char *path, diag *d)
{
    ofile f;
    int ret = ofile_open(&f, path, d);

    if (ret != LS_OK)
        return ret;
    ofile_puts(&f, drivers_csv_header);
    {
        /* The municipal rows, computed side by side on the run's threads, written in
         * their order. */
        size_t *rows = xcalloc(M->runs.n_rows + 1, sizeof *rows), k = 0;
        driver_table *t;
        int *status;

        for (size_t j = 0; j < M->runs.n_rows; j++)
            if (M->tt->row[M->runs.row[j]].level == LEVEL_MUNICIPALITY)
                rows[k++] = j;
        t = xcalloc(k + 1, sizeof *t);
        status = xcalloc(k + 1, sizeof *status);
        drivers_compute_rows(t, status, M, rows, k, M->opt.threads);
        for (size_t i = 0; i < k; i++) {
            if (status[i] == LS_OK)
                drivers_write_rows(&f, who, &t[i]);
            driver_table_free(&t[i]);
        }
        free(status);
        free(t);
        free(rows);
    }
    return ofile_close(&f, d);
}
