/* observed.csv, and the model's value of an observation (shared with the back-test). */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "results_history.h"
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
put_text(ofile *f, const char *s)
{
    const int quote = strpbrk(s, ",\"\n\r") != NULL;
    ofile_puts(f, quote ? "\"" : "");
    for (; *s; s++) {
        const char c[2] = {*s, 0};
        ofile_puts(f, *s == '"' ? "\"\"" : c);
    }
    ofile_puts(f, quote ? "\"" : "");
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
    put_text(f, scope_name(m, o));
    ofile_printf(f, ",%d,%d", o->from, o->to);
    put_number(f, o->value);
    put_number(f, results_model_value(o, m, p, h));
    ofile_puts(f, ",");
    put_text(f, row_status(m, hs, o, sol));
    ofile_printf(f, ",%s", sol != NULL && sol->used ? sol->component : "");
    put_number(f, sol != NULL && sol->used ? sol->level : NAN);
    ofile_puts(f, ",");
    put_text(f, o->source);
    ofile_printf(f, ",%s,%s\n", o->has_vintage ? date_format(o->vintage, date) : "",
                 o->estimated ? "yes" : "no");
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
                            "closed from the observed dwelling stocks (observed.absorb.dwellings),,%s\n",
                         y, y, a->completions, a->completions, hist_status_names[a->c_status],
                         a->c_status == HIST_DISTRIBUTED ? "yes" : "no");
        if (a->o_status != HIST_MODEL)
            ofile_printf(f, "other_change,municipality,%d,%d,%.3f,%.3f,%s,,,"
                            "closed from the observed dwelling stocks and completions,,%s\n",
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
                   "estimated\n");
    for (size_t i = 0; i < m->n_obs; i++)
        put_observation(&f, m, hs, trend, h, &m->obs[i]);
    put_derived(&f, m, hs);
    return ofile_close(&f, d);
}
