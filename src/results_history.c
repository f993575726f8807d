/* observed.csv, and the model's value of an observation (shared with the back-test). */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "results.h"
#include "results_history.h"
#include "runrecord.h"
#include "util.h"

static int
in_scope(const model *m, const observation *o, size_t a)
{
    return o->scope == OBS_MUNICIPALITY || (o->scope == OBS_TIER && m->area_tier[a] == o->index)
           || (o->scope == OBS_KERN && a == o->index);
}

static double
comp_field(const cohort_comp *c, enum obs_measure ms)
{
    switch (ms) {
    case OBS_BIRTHS:
        return c->births;
    case OBS_DEATHS:
        return c->deaths;
    case OBS_IMMIGRATION:
        return c->immigration;
    case OBS_EMIGRATION:
        return c->emigration;
    case OBS_DOMESTIC_IN:
        return c->domestic_in;
    case OBS_DOMESTIC_OUT:
        return c->domestic_out;
    default:
        return NAN;
    }
}

double
results_model_value(const observation *o, const model *m, const projection *p, const housing *h)
{
    const int y0 = m->spec->base_year;
    double v = 0;

    if (obs_is_stock(o->measure)) {
        const long y = o->from - y0;
        if (y < 0 || (size_t) y >= p->n_years || (m->width > 1 && y % m->width != 0))
            return NAN;
        for (size_t a = 0; a < m->n_areas; a++)
            if (in_scope(m, o, a)) {
                if (o->measure == OBS_POPULATION)
                    v += projection_area_total(p, (size_t) (y / m->width), a);
                else if (h != NULL)
                    v += h->stock[(size_t) y * m->n_areas + a];
                else
                    return NAN;
            }
        return v;
    }
    if (o->from < y0 || o->to + 1 > y0 + (int) p->step * m->width || m->width != 1)
        return NAN;
    for (int y = o->from; y <= o->to; y++)
        for (size_t a = 0; a < m->n_areas; a++) {
            if (!in_scope(m, o, a))
                continue;
            if (o->measure == OBS_COMPLETIONS) {
                if (h == NULL)
                    return NAN;
                v += h->completions[(size_t) (y - y0) * m->n_areas + a];
                continue;
            }
            for (size_t s = 0; s < m->n_sexes; s++)
                v += comp_field(&p->comp[((size_t) (y - y0) * m->n_areas + a) * m->n_sexes + s],
                                o->measure);
        }
    return v;
}


static void
put_number(ofile *f, double v)
{
    if (isfinite(v))
        ofile_printf(f, ",%.3f", v);
    else
        ofile_puts(f, ",");
}

static const char *
scope_name(const model *m, const observation *o)
{
    return o->scope == OBS_MUNICIPALITY ? "municipality"
           : o->scope == OBS_TIER       ? m->tier[o->index]
                                        : m->area[o->index];
}

static const hist_solution *
solution_of(const history *hs, const observation *o)
{
    for (size_t i = 0; i < hs->n_sol; i++)
        if (hs->sol[i].obs == o)
            return &hs->sol[i];
    return NULL;
}

/* What the run made of observation o. */
static const char *
row_status(const model *m, const history *hs, const observation *o, const hist_solution *sol)
{
    const int y0 = m->spec->base_year;
    if (o->later)
        return "later than the last observed date (back-test only)";
    if (obs_end(o) <= y0 && !(obs_is_stock(o->measure) && o->from == y0))
        return "before the base year (trends and estimates)";
    if (o->measure == OBS_POPULATION && o->from == y0)
        return "observed: the base population";
    if (o->measure == OBS_DWELLINGS || o->measure == OBS_COMPLETIONS)
        return hs->has_dwellings || o->from == y0 ? "observed: met" : "observed: not used (no housing)";
    if (sol == NULL)
        return "observed: not used";
    return sol->used ? "observed: met" : "observed: superseded by finer observations";
}

static void
put_observation(ofile *f, const model *m, const history *hs, const projection *p,
                const housing *h, const observation *o)
{
    const hist_solution *sol = solution_of(hs, o);
    char date[16];

    ofile_printf(f, "%s,", obs_measure_names[o->measure]);
    results_csv_text(f, scope_name(m, o));
    ofile_printf(f, ",%d,%d", o->from, o->to);
    put_number(f, o->value);
    put_number(f, results_model_value(o, m, p, h));
    ofile_puts(f, ",");
    results_csv_text(f, row_status(m, hs, o, sol));
    ofile_printf(f, ",%s", sol != NULL && sol->used ? sol->component : "");
    put_number(f, sol != NULL && sol->used ? sol->level : NAN);
    ofile_puts(f, ",");
    results_csv_text(f, o->source);
    ofile_printf(f, ",%s,%s,", o->has_vintage ? date_format(o->vintage, date) : "",
                 o->estimated ? "yes" : "no");
    if (o->source_nl != NULL)
        results_csv_text(f, o->source_nl);
    ofile_puts(f, "\n");
}

/* The history's yearly dwellings figures that no single row gave. */
static void
put_derived(ofile *f, const model *m, const history *hs)
{
    const int y0 = m->spec->base_year;
    for (size_t t = 0; hs->has_dwellings && t < hs->n_steps; t++) {
        const hist_year *a = &hs->account[t];
        const int y = y0 + (int) t;
        int direct = 0;
        for (size_t i = 0; i < m->n_obs; i++)
            direct |= !m->obs[i].later && m->obs[i].measure == OBS_COMPLETIONS
                      && m->obs[i].scope == OBS_MUNICIPALITY && m->obs[i].from == y
                      && m->obs[i].to == y;
        if (!direct && a->c_status != HIST_MODEL)
            ofile_printf(f, "completions,municipality,%d,%d,%.3f,%.3f,%s,,,"
                            "closed from the observed dwelling stocks (observed.absorb.dwellings),,%s,"
                            "afgeleid uit de waargenomen woningvoorraad\n",
                         y, y, a->completions, a->completions, hist_status_names[a->c_status],
                         a->c_status == HIST_DISTRIBUTED ? "yes" : "no");
        if (a->o_status != HIST_MODEL)
            ofile_printf(f, "other_change,municipality,%d,%d,%.3f,%.3f,%s,,,"
                            "closed from the observed dwelling stocks and completions,,%s,"
                            "afgeleid uit de waargenomen woningvoorraad en opleveringen\n",
                         y, y, a->other, a->other, hist_status_names[a->o_status],
                         a->o_status == HIST_DISTRIBUTED ? "yes" : "no");
    }
}

int
results_write_observed(const model *m, const history *hs, const projection *trend,
                       const housing *h, const char *path, diag *d)
{
    ofile f;
    int ret = ofile_open(&f, path, d);

    if (ret != LS_OK)
        return ret;
    ofile_puts(&f, "measure,scope,from,to,value,model,status,absorbed_by,level,source,vintage,"
                   "estimated,source_nl\n");
    for (size_t i = 0; i < m->n_obs; i++)
        put_observation(&f, m, hs, trend, h, &m->obs[i]);
    put_derived(&f, m, hs);
    return ofile_close(&f, d);
}

/* ---- run.yaml ---- */

static void
record_solved(runrecord *rr, rr_node sec, const model *m, const history *hs)
{
    rr_node list = runrecord_list(rr, sec, "solved");
    for (size_t i = 0; i < hs->n_sol; i++) {
        const hist_solution *s = &hs->sol[i];
        rr_node x = runrecord_map_flow(rr, list, NULL);
        runrecord_str(rr, x, "measure", obs_measure_names[s->obs->measure]);
        runrecord_str(rr, x, "scope", scope_name(m, s->obs));
        runrecord_int(rr, x, "observed_from", s->obs->from);
        runrecord_int(rr, x, "observed_to", s->obs->to);
        runrecord_num(rr, x, "observed", s->obs->value);
        runrecord_str(rr, x, "absorbed_by", s->used ? s->component : NULL);
        runrecord_int(rr, x, "from", s->from);
        runrecord_int(rr, x, "to", s->to);
        runrecord_num(rr, x, "level", s->level);
        runrecord_fixed(rr, x, "model", s->achieved, 6);
        runrecord_bool(rr, x, "used", s->used);
    }
}

static void
record_dwellings(runrecord *rr, rr_node sec, const model *m, const history *hs)
{
    rr_node list;
    if (!hs->has_dwellings)
        return;
    list = runrecord_list(rr, sec, "dwellings");
    for (size_t t = 0; t < hs->n_steps; t++) {
        rr_node x = runrecord_map_flow(rr, list, NULL);
        runrecord_int(rr, x, "year", m->spec->base_year + (int) t);
        runrecord_fixed(rr, x, "completions", hs->account[t].completions, 3);
        runrecord_str(rr, x, "completions_status", hist_status_names[hs->account[t].c_status]);
        runrecord_fixed(rr, x, "other_change", hs->account[t].other, 3);
        runrecord_str(rr, x, "other_change_status", hist_status_names[hs->account[t].o_status]);
    }
}

static void
record_trends(runrecord *rr, rr_node sec, const model *m, const history *hs)
{
    rr_node list = 0;
    for (size_t k = 0; k < m->n_flows; k++) {
        const flow_spec *f = m->flows[k].spec;
        rr_node x;
        if (f->trend_years <= 0)
            continue;
        if (list == 0)
            list = runrecord_list(rr, sec, "trends");
        x = runrecord_map_flow(rr, list, NULL);
        runrecord_str(rr, x, "flow", f->name);
        runrecord_int(rr, x, "window_years", f->trend_years);
        runrecord_int(rr, x, "observed_years", hs->trend_years[k]);
        runrecord_fixed(rr, x, "mean_per_year", hs->trend_mean[k], 3);
        if (isfinite(hs->trend_total[k]))
            runrecord_fixed(rr, x, "total_per_year", hs->trend_total[k], 3);
        if (isfinite(hs->trend_level[k]))
            runrecord_num(rr, x, "level", hs->trend_level[k]);
    }
}

static void
record_plans(runrecord *rr, rr_node sec, const model *m, const history *hs)
{
    char buf[16];
    rr_node x, list;
    if (m->n_snapshots == 0)
        return;
    x = runrecord_map(rr, sec, "plan_lists");
    runrecord_str(rr, x, "used", date_format(m->snapshots[m->current_snapshot].date, buf));
    runrecord_int(rr, x, "plans", (long) m->n_plans);
    runrecord_str(rr, x, "base", m->has_base_snapshot
                                     ? date_format(m->snapshots[m->base_snapshot].date, buf)
                                     : NULL);
    list = runrecord_list_flow(rr, x, "all");
    for (size_t i = 0; i < m->n_snapshots; i++)
        runrecord_str(rr, list, NULL, date_format(m->snapshots[i].date, buf));
    if (!hs->has_small)
        return;
    x = runrecord_map(rr, sec, "small_plans");
    runrecord_fixed(rr, x, "rate_per_year", hs->small_rate, 3);
    runrecord_bool(rr, x, "estimated", hs->small_estimated);
    if (hs->small_estimated) {
        runrecord_int(rr, x, "estimate_from", hs->small_w0);
        runrecord_int(rr, x, "estimate_to", hs->small_w1);
        runrecord_fixed(rr, x, "observed_completions", hs->small_observed, 3);
        runrecord_fixed(rr, x, "named_plans_built", hs->small_named, 3);
    }
    runrecord_fixed(rr, x, "rate_as_of_base_year", hs->small_base_rate, 3);
    runrecord_num(rr, x, "sd", m->spec->small_sd);
    runrecord_int(rr, x, "until", hs->small_to);
    runrecord_str(rr, x, "source", m->spec->small_source);
}

void
results_record_history(runrecord *rr, const model *m, const history *hs, int uncertainty_from)
{
    const model_spec *s = m->spec;
    rr_node sec = runrecord_map(rr, runrecord_root(rr), "history");
    size_t used = 0, before = 0, later = 0;
    char buf[16];

    runrecord_int(rr, sec, "last_observed", hs->last_observed);
    runrecord_int(rr, sec, "uncertainty_from", uncertainty_from);
    runrecord_int(rr, sec, "extra_capacity_from",
                  s->extra_capacity_from > hs->last_observed ? s->extra_capacity_from
                                                            : hs->last_observed);
    if (s->present > 0)
        runrecord_int(rr, sec, "backtest_from", s->present);
    for (size_t i = 0; i < m->n_obs; i++) {
        const observation *o = &m->obs[i];
        later += o->later;
        before += !o->later && obs_end(o) <= s->base_year;
        used += !o->later && obs_end(o) > s->base_year;
    }
    {
        rr_node x = runrecord_map(rr, sec, "observations");
        runrecord_str(rr, x, "file", s->observed_file);
        runrecord_int(rr, x, "rows", (long) m->n_obs);
        runrecord_int(rr, x, "in_history", (long) used);
        runrecord_int(rr, x, "up_to_base_year", (long) before);
        runrecord_int(rr, x, "later_hidden", (long) later);
        runrecord_str(rr, x, "absorb_population", s->absorb_population);
        runrecord_str(rr, x, "absorb_dwellings",
                      s->absorb_dwellings == ABSORB_COMPLETIONS ? "completions" : "other_change");
    }
    record_solved(rr, sec, m, hs);
    record_dwellings(rr, sec, m, hs);
    record_trends(rr, sec, m, hs);
    record_plans(rr, sec, m, hs);
    if (s->n_vintages > 0) {
        rr_node x = runrecord_map(rr, sec, "vintages");
        for (size_t i = 0; i < s->n_vintages; i++)
            runrecord_str(rr, x, s->vintages[i].key, date_format(s->vintages[i].date, buf));
    }
}
