/* Demographic result tables and their charts. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvform.h"
#include "csvout.h"
#include "montecarlo.h"
#include "sha256.h"
#include "output.h"
#include "plot.h"
#include "results.h"
#include "util.h"

static const char *
sex_name(const model *m, size_t s)
{
    return m->spec->sex[s] == 'M' ? "M" : "F";
}

/* Writes v with 6 decimals (persons are fractional in a projection), without "-0". */
static void
put_persons(ofile *f, double v)
{
    if (fabs(v) < 5e-7)
        v = 0;
    ofile_printf(f, "%.6f", v);
}

int
results_write_population(const projection *p, const char *path, diag *d)
{
    const model *m = p->m;
    ofile f;
    int ret = ofile_open(&f, path, d);
    char **qa;

    if (ret != LS_OK)
        return ret;
    qa = csvout_quote_all(m->area, m->n_areas);
    ofile_puts(&f, "year,kern,sex,age,persons\n");
    for (size_t y = 0; y < p->n_years; y++)
        for (size_t a = 0; a < m->n_areas; a++)
            for (size_t s = 0; s < m->n_sexes; s++)
                for (size_t x = 0; x < m->n_ages; x++) {
                    ofile_printf(&f, "%d,%s,%s,%zu,", p->years[y], qa[a], sex_name(m, s),
                                 x * (size_t) m->width);
                    put_persons(&f, p->pop[y * model_cells(m) + model_cell(m, a, s, x)]);
                    ofile_puts(&f, "\n");
                }
    csvout_free_all(qa, m->n_areas);
    return ofile_close(&f, d);
}

int
results_write_components(const projection *p, const char *path, diag *d)
{
    const model *m = p->m;
    ofile f;
    int ret = ofile_open(&f, path, d);
    char **qa;

    if (ret != LS_OK)
        return ret;
    qa = csvout_quote_all(m->area, m->n_areas);
    ofile_puts(&f, "year,kern,sex,population_start,births,deaths,immigration,emigration,"
                   "domestic_in,domestic_out,internal_in,internal_out,population_end,clipped,"
                   "period\n");
    for (size_t t = 0; t < p->step; t++)
        for (size_t a = 0; a < m->n_areas; a++)
            for (size_t s = 0; s < m->n_sexes; s++) {
                const cohort_comp *c = &p->comp[(t * m->n_areas + a) * m->n_sexes + s];
                const double v[] = {c->start,       c->births,       c->deaths,
                                    c->immigration, c->emigration,   c->domestic_in,
                                    c->domestic_out, c->internal_in, c->internal_out,
                                    c->end,         c->clipped};
                ofile_printf(&f, "%d,%s,%s", p->years[t], qa[a], sex_name(m, s));
                for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
                    ofile_puts(&f, ",");
                    put_persons(&f, v[k]);
                }
                ofile_puts(&f, p->opts.hist != NULL && t < p->opts.hist->n_steps ? ",history\n"
                                                                                 : ",forecast\n");
            }
    csvout_free_all(qa, m->n_areas);
    return ofile_close(&f, d);
}

/* ---- housing tables ---- */

/* Sums a [year][area] array over the areas of a level. */
static double
level_sum(const model *m, const double *v, size_t y, int level, size_t index)
{
    double t = 0;
    for (size_t a = 0; a < m->n_areas; a++)
        if (level == 0 || (level == 1 && m->area_tier[a] == index) || (level == 2 && a == index))
            t += v[y * m->n_areas + a];
    return t;
}

/* Iterates over the kernen, then the tiers, then the municipality. */
typedef struct {
    int level; /* 2 kern, 1 tier, 0 municipality */
    size_t index;
    char *name; /* quoted for CSV when it needs it */
    const char *level_name;
} area_ref;

static size_t
area_refs(const model *m, area_ref **out)
{
    const size_t n = m->n_areas + m->n_tiers + 1;
    area_ref *r = xcalloc(n, sizeof *r);
    size_t k = 0;
    for (size_t a = 0; a < m->n_areas; a++)
        r[k++] = (area_ref){2, a, csvout_quote(m->area[a]), "kern"};
    for (size_t t = 0; t < m->n_tiers; t++)
        r[k++] = (area_ref){1, t, csvout_quote(m->tier[t]), "tier"};
    r[k++] = (area_ref){0, 0, csvout_quote(m->spec->municipality), "municipality"};
    *out = r;
    return k;
}

static void
area_refs_free(area_ref *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(r[i].name);
    free(r);
}

int
results_write_households(const housing *h, const char *path, diag *d)
{
    const model *m = h->m;
    area_ref *refs;
    const size_t nr = area_refs(m, &refs);
    double *vac_stock = xcalloc(h->n_years * m->n_areas, sizeof *vac_stock);
    double *demand = xcalloc(h->n_years * m->n_areas, sizeof *demand);
    ofile f;
    int ret = ofile_open(&f, path, d);

    if (ret != LS_OK)
        goto out;
    ofile_puts(&f, "year,kern,view,households,persons_private,average_household_size,dwellings,"
                   "dwellings_demand,shortage,level,population,vacancy\n");
    for (int v = 0; v < VIEW_COUNT; v++) {
        for (size_t y = 0; y < h->n_years; y++)
            for (size_t a = 0; a < m->n_areas; a++) {
                const size_t i = y * m->n_areas + a;
                demand[i] = h->households[v][i] / (1 - m->vacancy[a]);
            }
        for (size_t y = 0; y < h->n_years; y++)
            for (size_t r = 0; r < nr; r++) {
                const double hh = level_sum(m, h->households[v], y, refs[r].level, refs[r].index);
                const double pp = level_sum(m, h->persons_private[v], y, refs[r].level, refs[r].index);
                const double st = level_sum(m, h->stock, y, refs[r].level, refs[r].index);
                const double de = level_sum(m, demand, y, refs[r].level, refs[r].index);
                double pop = 0;
                for (size_t a = 0; a < m->n_areas; a++)
                    if (refs[r].level == 0 || (refs[r].level == 1 && m->area_tier[a] == refs[r].index)
                        || (refs[r].level == 2 && a == refs[r].index))
                        pop += projection_area_total(&h->view[v], y, a);
                ofile_printf(&f, "%d,%s,%s,%.3f,%.3f,%.4f,%.3f,%.3f,%.3f,%s,%.3f,%.4f\n",
                             h->view[v].years[y], refs[r].name,
                             v == VIEW_TREND ? "trend" : "housing_led", hh, pp,
                             hh > 0 ? pp / hh : 0.0, st, de, de - st, refs[r].level_name, pop,
                             st > 0 ? 1 - hh / st : 0.0);
            }
    }
    ret = ofile_close(&f, d);
out:
    area_refs_free(refs, nr);
    free(vac_stock);
    free(demand);
    return ret;
}

/* What completions.csv says of a year: forecast, or in the history observed, observed
 * but spread over kernen or years (distributed), or the model's (not observed). */
static const char *
completion_status(const housing *h, size_t y, int level)
{
    const history *hs = h->hist;
    enum hist_status st;
    if (hs == NULL || !hs->has_dwellings || y >= hs->n_steps)
        return "forecast";
    st = hs->account[y].c_status;
    if (st == HIST_OBSERVED && level != 0)
        st = HIST_DISTRIBUTED; /* a municipal count spread over kernen */
    return st == HIST_MODEL ? "history (model)" : hist_status_names[st];
}

int
results_write_completions(const housing *h, const char *path, diag *d)
{
    const model *m = h->m;
    area_ref *refs;
    const size_t nr = area_refs(m, &refs);
    ofile f;
    int ret = ofile_open(&f, path, d);

    if (ret != LS_OK)
        goto out;
    ofile_puts(&f, "year,kern,completions,demolitions,net_additions,other_change,level,status\n");
    for (size_t y = 0; y + 1 < h->n_years; y++)
        for (size_t r = 0; r < nr; r++) {
            const double c = level_sum(m, h->completions, y, refs[r].level, refs[r].index);
            const double dm = level_sum(m, h->demolitions, y, refs[r].level, refs[r].index);
            const double o = level_sum(m, h->other, y, refs[r].level, refs[r].index);
            ofile_printf(&f, "%d,%s,%.3f,%.3f,%.3f,%.3f,%s,%s\n", m->spec->base_year + (int) y,
                         refs[r].name, c, dm, c - dm, o, refs[r].level_name,
                         completion_status(h, y, refs[r].level));
        }
    ret = ofile_close(&f, d);
out:
    area_refs_free(refs, nr);
    return ret;
}

static void
put_csv_text(ofile *f, const char *s)
{
    char *q = csvout_quote(s);
    ofile_puts(f, q);
    free(q);
}

void
results_csv_text(ofile *f, const char *s)
{
    put_csv_text(f, s);
}

static void
put_optional(ofile *f, double v)
{
    if (isnan(v))
        ofile_puts(f, ",");
    else if (isinf(v))
        ofile_puts(f, ",unreachable");
    else
        ofile_printf(f, ",%.3f", v);
}

int
results_write_targets(const target_table *tt, const model *m, const void *mcp, const char *path,
                      diag *d)
{
    const mc *M = mcp;
    ofile f;
    int ret = ofile_open(&f, path, d);
    static const char *const windows[] = {"annual", "cumulative", "at"};

    (void) m;
    if (ret != LS_OK)
        return ret;
    ofile_puts(&f, "target,scope,measure,window_start,window_end,required,expected,gap,window,"
                   "view,met,years_met,years,worst_year,worst_expected,shortfall,"
                   "probability_met,probability_se,extra_units_needed_p80,"
                   "extra_units_needed_p90,"
                   "extra_plan_size,value_mean,value_p10,value_p50,value_p90,status,"
                   "observed_part,forecast_part,observed_to,source,allocation,required_need,role\n");
    for (size_t i = 0; i < tt->n; i++) {
        const target_row *r = &tt->row[i];
        const target_spec *t = r->t;
        put_csv_text(&f, t->id);
        ofile_puts(&f, ",");
        put_csv_text(&f, r->scope);
        ofile_printf(&f, ",%s,%d,%d,%.3f,%.3f,%.3f,%s,%s,%s,%d,%d,%d,%.3f,%.3f", measure_names[t->measure],
                     t->from, t->to, r->required, r->expected, r->gap, windows[t->window],
                     t->view == VIEW_TREND ? "trend" : "housing_led", r->met ? "yes" : "no",
                     r->years_met, r->n_years, r->worst_year, r->worst_expected, r->shortfall);
        if (M != NULL) {
            const mc_summary *sm = &M->summary[M->off_rows + i];
            ofile_printf(&f, ",%.4f,%.4f", M->probability[i], M->probability_se[i]);
            put_optional(&f, M->extra80[i]);
            put_optional(&f, M->extra90[i]);
            if (isnan(M->extra80[i]))
                ofile_puts(&f, ",");
            else
                ofile_printf(&f, ",%g", mc_extra_plan_size(M, i));
            ofile_printf(&f, ",%.3f,%.3f,%.3f,%.3f", sm->mean, sm->p10, sm->p50, sm->p90);
        } else
            ofile_puts(&f, ",,,,,,,,,");
        ofile_printf(&f, ",%s,%.3f,%.3f,", target_status_names[r->status], r->observed_part,
                     r->forecast_part);
        if (r->observed_to > 0)
            ofile_printf(&f, "%d", r->observed_to);
        ofile_puts(&f, ",");
        put_csv_text(&f, t->source);
        if (isnan(r->required_need))
            ofile_puts(&f, ",,");
        else
            ofile_printf(&f, ",%s,%.3f",
                         t->explicit_alloc.n > 0 ? "explicit" : alloc_rule_names[t->rule],
                         r->required_need);
        ofile_printf(&f, ",%s\n", t->role == ROLE_COMPARISON ? "comparison" : "target");
    }
    return ofile_close(&f, d);
}

static void
put_summary(ofile *f, const mc_summary *sm)
{
    ofile_printf(f, ",%.3f,%.3f,%.3f,%.3f,%.3f,%.3f\n", sm->mean, sm->p10, sm->p50, sm->p90,
                 sm->min, sm->max);
}

int
results_write_mc_summaries(const void *mcp, const char *dir, diag *d)
{
    const mc *M = mcp;
    const model *m = M->m;
    area_ref *refs;
    const size_t nr = area_refs(m, &refs);
    const int y0 = m->spec->base_year;
    char *path;
    ofile f;
    int ret;

    path = xasprintf("%s/population_summary.csv", dir);
    ret = ofile_open(&f, path, d);
    free(path);
    if (ret != LS_OK)
        goto out;
    ofile_puts(&f, "year,kern,view,level,mean,p10,p50,p90,min,max\n");
    for (int v = 0; v < VIEW_COUNT; v++)
        for (size_t y = 0; y < M->n_years; y++)
            for (size_t r = 0; r < nr; r++) {
                ofile_printf(&f, "%d,%s,%s,%s", y0 + (int) y, refs[r].name,
                             v == VIEW_TREND ? "trend" : "housing_led", refs[r].level_name);
                put_summary(&f, &M->summary[mc_index_population(M, v, y, r)]);
            }
    if ((ret = ofile_close(&f, d)) != LS_OK)
        goto out;

    path = xasprintf("%s/households_summary.csv", dir);
    ret = ofile_open(&f, path, d);
    free(path);
    if (ret != LS_OK)
        goto out;
    ofile_puts(&f, "year,kern,view,level,measure,mean,p10,p50,p90,min,max\n");
    for (int v = 0; v < VIEW_COUNT; v++)
        for (size_t y = 0; y < M->n_years; y++)
            for (size_t r = 0; r < nr; r++) {
                ofile_printf(&f, "%d,%s,%s,%s,households", y0 + (int) y, refs[r].name,
                             v == VIEW_TREND ? "trend" : "housing_led", refs[r].level_name);
                put_summary(&f, &M->summary[mc_index_households(M, v, y, r)]);
            }
    for (size_t y = 0; y < M->n_years; y++)
        for (size_t r = 0; r < nr; r++) {
            ofile_printf(&f, "%d,%s,trend,%s,shortage", y0 + (int) y, refs[r].name,
                         refs[r].level_name);
            put_summary(&f, &M->summary[mc_index_shortage(M, y, r)]);
        }
    for (size_t y = 0; y < M->n_years; y++) {
        ofile_printf(&f, "%d,%s,housing_led,municipality,regional_contribution", y0 + (int) y,
                     refs[nr - 1].name);
        put_summary(&f, &M->summary[mc_index_regional(M, y)]);
    }
    if ((ret = ofile_close(&f, d)) != LS_OK)
        goto out;

    path = xasprintf("%s/completions_summary.csv", dir);
    ret = ofile_open(&f, path, d);
    free(path);
    if (ret != LS_OK)
        goto out;
    ofile_puts(&f, "year,kern,level,measure,mean,p10,p50,p90,min,max\n");
    for (size_t y = 0; y + 1 < M->n_years; y++)
        for (size_t r = 0; r < nr; r++) {
            ofile_printf(&f, "%d,%s,%s,completions", y0 + (int) y, refs[r].name,
                         refs[r].level_name);
            put_summary(&f, &M->summary[mc_index_completions(M, y, r)]);
        }
    /* The dwelling stock on 1 January (the same in every run up to the last observed
     * date). */
    for (size_t y = 0; y < M->n_years; y++)
        for (size_t r = 0; r < nr; r++) {
            ofile_printf(&f, "%d,%s,%s,dwellings_1jan", y0 + (int) y, refs[r].name,
                         refs[r].level_name);
            put_summary(&f, &M->summary[mc_index_stock(M, y, r)]);
        }
    /* Cumulative municipal completions as of 1 January, from the first target year. */
    for (size_t y = 0; y < M->n_years; y++) {
        ofile_printf(&f, "%d,%s,municipality,cumulative_completions_1jan", y0 + (int) y,
                     refs[nr - 1].name);
        put_summary(&f, &M->summary[mc_index_cumulative(M, y, 0)]);
    }
    ret = ofile_close(&f, d);
out:
    area_refs_free(refs, nr);
    return ret;
}

int
results_write_gap_decomposition(const target_table *tt, const model *m, const char *path,
                                diag *d)
{
    const model_spec *s = m->spec;
    ofile f;
    int ret = ofile_open(&f, path, d);

    if (ret != LS_OK)
        return ret;
    ofile_puts(&f, "target,window_start,window_end,required,planned_in_window,"
                   "after_plan_failure,expected,shortfall,from_capacity_never_planned,"
                   "from_plan_failure,from_delay,observed_in_window,small_plans_in_window\n");
    for (size_t i = 0; i < tt->n; i++) {
        const target_row *r = &tt->row[i];
        const target_spec *t = r->t;
        double planned = 0, after_failure = 0, expected = 0, n_years, small = 0;
        /* The named plans count from the last observed date on: before it, what was
         * built is observed (observed_part). */
        const int from = t->from > m->last_observed ? t->from : m->last_observed;
        if (r->level != LEVEL_MUNICIPALITY || t->measure != MEASURE_COMPLETIONS)
            continue;
        n_years = t->window == WINDOW_ANNUAL ? t->to - t->from + 1 : 1;
        for (size_t k = 0; k < m->n_plans; k++) {
            const plan *p = &m->plans[k];
            const phase_spec *ph = &s->phase[p->phase];
            double nominal = 0;
            for (int y = p->first; y <= p->last; y++)
                if (y >= from && y <= t->to)
                    nominal += p->per_year[y - p->first];
            planned += nominal;
            after_failure += ph->probability * nominal;
            expected += pipeline_plan_expected_in(p, ph, from, t->to);
        }
        /* Annual targets: per year, like required and expected in targets.csv. */
        planned /= n_years;
        after_failure /= n_years;
        expected /= n_years;
        small = r->forecast_part - expected; /* the rest of the forecast: small plans */
        put_csv_text(&f, t->id);
        ofile_printf(&f, ",%d,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f\n", t->from,
                     t->to, r->required, planned, after_failure, r->expected,
                     r->required - r->expected,
                     r->required - r->observed_part - small - planned, planned - after_failure,
                     after_failure - expected, r->observed_part, small);
    }
    return ofile_close(&f, d);
}

int
results_write_gaps(const housing *h, const target_table *tt, const char *path, diag *d)
{
    const model *m = h->m;
    area_ref *refs;
    const size_t nr = area_refs(m, &refs), n = m->n_areas;
    double *demand = xcalloc(h->n_years * n, sizeof *demand);
    double *cum = xcalloc(h->n_years * n, sizeof *cum);
    double *alloc = xcalloc(h->n_years * n, sizeof *alloc);
    const int y0 = m->spec->base_year;
    ofile f;
    int ret;

    for (size_t y = 0; y < h->n_years; y++)
        for (size_t a = 0; a < n; a++) {
            const size_t i = y * n + a;
            demand[i] = h->households[VIEW_TREND][i] / (1 - m->vacancy[a]);
            if (tt->has_path) {
                /* Completions from the first target year to the end of the year before. */
                if (y > 0 && y0 + (int) y - 1 >= tt->path_start)
                    cum[i] = cum[i - n] + h->completions[i - n];
                else if (y > 0)
                    cum[i] = cum[i - n];
                alloc[i] = tt->path[y] * tt->kern_share[a];
            }
        }
    ret = ofile_open(&f, path, d);
    if (ret != LS_OK)
        goto out;
    ofile_puts(&f, "year,kern,demand_minus_supply,cumulative_completions,"
                   "allocated_target_cumulative,target_gap,level\n");
    for (size_t y = 0; y < h->n_years; y++)
        for (size_t r = 0; r < nr; r++) {
            const double dm = level_sum(m, demand, y, refs[r].level, refs[r].index);
            const double st = level_sum(m, h->stock, y, refs[r].level, refs[r].index);
            const double c = level_sum(m, cum, y, refs[r].level, refs[r].index);
            const double t = refs[r].level == 0 && tt->has_path
                                 ? tt->path[y]
                                 : level_sum(m, alloc, y, refs[r].level, refs[r].index);
            ofile_printf(&f, "%d,%s,%.3f,%.3f,%.3f,%.3f,%s\n", y0 + (int) y, refs[r].name,
                         dm - st, c, t, t - c, refs[r].level_name);
        }
    ret = ofile_close(&f, d);
out:
    area_refs_free(refs, nr);
    free(demand);
    free(cum);
    free(alloc);
    return ret;
}

int
results_write_kernen(const model *m, const char *path, diag *d)
{
    ofile f;
    int ret = ofile_open(&f, path, d);

    if (ret != LS_OK)
        return ret;
    ofile_puts(&f, "kern,tier,x_km,y_km\n");
    for (size_t a = 0; a < m->n_areas; a++) {
        put_csv_text(&f, m->area[a]);
        ofile_puts(&f, ",");
        put_csv_text(&f, m->area_tier[a] < m->n_tiers ? m->tier[m->area_tier[a]] : "");
        if (m->has_coords)
            ofile_printf(&f, ",%.3f,%.3f\n", m->x_km[a], m->y_km[a]);
        else
            ofile_puts(&f, ",,\n");
    }
    return ofile_close(&f, d);
}

int
results_write_inputs(const model *m, const char *path, diag *d)
{
    ofile f;
    int ret = ofile_open(&f, path, d);

    if (ret != LS_OK)
        return ret;
    ofile_puts(&f, "file,sha256,estimated,note,form,encoding\n");
    /* what was read, not what the files hold now */
    for (size_t i = 0; i <= m->n_inputs; i++) {
        const char *file = i == 0 ? m->spec->path : m->inputs[i - 1];
        const char *hex = i == 0 ? m->spec->sha256 : m->input_info[i - 1].sha256;
        const char *note = i == 0 ? m->spec->note : m->input_info[i - 1].note;
        const int est = i == 0 ? m->spec->estimated : m->input_info[i - 1].estimated;
        enum csv_form form;
        enum csv_encoding enc;
        const int table = i > 0 && model_input_form(m, i - 1, &form, &enc) == 0;
        put_csv_text(&f, file);
        ofile_printf(&f, ",%s,%s,", hex[0] != '\0' ? hex : "unread", est ? "yes" : "no");
        put_csv_text(&f, note);
        ofile_printf(&f, ",%s,%s\n", table ? csv_form_name(form) : "",
                     table ? csv_encoding_name(enc) : "");
    }
    return ofile_close(&f, d);
}
