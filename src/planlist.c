/* plan_list.csv and uncertainty.csv (planlist.h). */
#include <config.h>

#include <math.h>
#include <stdlib.h>

#include "csvout.h"
#include "output.h"
#include "planlist.h"
#include "util.h"

static void
put_field(ofile *f, const char *s)
{
    strbuf b;
    strbuf_init(&b);
    csvout_field(&b, s != NULL ? s : "");
    ofile_puts(f, b.s != NULL ? b.s : "");
    strbuf_free(&b);
}

/* The window the plans are measured in: from the forecast start (or the first
 * municipal completion target's start, when later) to the end of the latest one;
 * without such targets the forecast to the horizon. */
static void
target_window(const model *m, int *from, int *to)
{
    const model_spec *s = m->spec;
    int a = 0, b = 0;
    for (size_t i = 0; i < s->n_targets; i++) {
        const target_spec *t = &s->targets[i];
        if (t->measure != MEASURE_COMPLETIONS)
            continue;
        if (a == 0 || t->from < a)
            a = t->from;
        if (t->to > b)
            b = t->to;
    }
    *from = m->last_observed > s->base_year ? m->last_observed : s->base_year;
    if (a > *from)
        *from = a;
    *to = b > 0 ? b : s->horizon - 1;
}

int
planlist_write(const model *m, const char *path, diag *d)
{
    const model_spec *s = m->spec;
    const int start = m->last_observed > s->base_year ? m->last_observed : s->base_year;
    int from, to;
    ofile f;
    int ret = ofile_open(&f, path, d);

    if (ret != LS_OK)
        return ret;
    target_window(m, &from, &to);
    ofile_puts(&f, "plan_id,name,kern,tier,phase,units_to_come,first_year,last_year,probability,"
                   "window_start,window_end,expected_in_window,expected_by_horizon,"
                   "mean_delivery_year\n");
    for (size_t i = 0; i < m->n_plans; i++) {
        const plan *p = &m->plans[i];
        const phase_spec *ph = &s->phase[p->phase];
        double total = 0, year_sum = 0;
        if (p->completed || !(p->units > 0))
            continue;
        for (int y = start; y < s->horizon; y++) {
            const double e = pipeline_plan_expected_in(p, ph, y, y);
            total += e;
            year_sum += e * y;
        }
        put_field(&f, p->id);
        ofile_puts(&f, ",");
        put_field(&f, p->name);
        ofile_puts(&f, ",");
        put_field(&f, m->area[p->area]);
        ofile_puts(&f, ",");
        put_field(&f, m->area_tier[p->area] < m->n_tiers ? m->tier[m->area_tier[p->area]] : "");
        ofile_printf(&f, ",%s,%.3f,%d,%d,%.4f,%d,%d,%.3f,%.3f,", phase_names[p->phase], p->units,
                     p->first, p->last, ph->probability, from, to,
                     pipeline_plan_expected_in(p, ph, from, to), total);
        if (total > 0)
            ofile_printf(&f, "%.2f", year_sum / total);
        ofile_puts(&f, "\n");
    }
    return ofile_close(&f, d);
}

int
uncertainty_write(const model *m, const char *path, diag *d)
{
    const model_spec *s = m->spec;
    const struct {
        const char *input;
        double value;
    } rows[] = {
        {.input = "fertility_sd", .value = s->fertility_sd},
        {.input = "mortality_sd", .value = s->mortality_sd},
        {.input = "migration_in_sd", .value = s->migration_in_sd},
        {.input = "migration_out_sd", .value = s->migration_out_sd},
        {.input = "partial_min_share", .value = s->partial_min_share},
    };
    ofile f;
    int ret = ofile_open(&f, path, d);

    if (ret != LS_OK)
        return ret;
    ofile_puts(&f, "input,value\n");
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        ofile_printf(&f, "%s,%.4f\n", rows[i].input, rows[i].value);
    if (m->has_housing)
        for (int k = 0; k < PHASE_N; k++)
            if (s->phase[k].given)
                ofile_printf(&f, "phase_probability:%s,%.4f\n", phase_names[k],
                             s->phase[k].probability);
    if (m->has_housing) /* the value: the size of each extra plan */
        ofile_printf(&f, "extra_capacity_phase:%s,%.4f\n", phase_names[s->extra_phase],
                     s->extra_plan_size);
    return ofile_close(&f, d);
}
