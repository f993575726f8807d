/* The back-test: a run as of an earlier date, scored against what followed. */
#include <config.h>

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "backtest.h"
#include "output.h"
#include "results.h"
#include "results_history.h"
#include "util.h"

int
backtest_scenario(scenario *sc, const char *path, int from, diag *d)
{
    int ret = scenario_load_at(sc, path, from, d);
    if (ret == LS_OK)
        ret = scenario_calibrate(sc, d);
    if (ret == LS_OK)
        ret = scenario_run(sc, d);
    return ret;
}

double
backtest_error(const bt_row *r, int v)
{
    return isnan(r->observed) ? NAN : r->forecast[v] - r->observed;
}

double
backtest_error_pct(const bt_row *r, int v)
{
    return isnan(r->observed) || r->observed == 0 ? NAN : 100 * backtest_error(r, v) / r->observed;
}

static const projection *
view_of(const scenario *sc, int v)
{
    return sc->has_housing ? &sc->h.view[v] : (v == 0 ? &sc->p : NULL);
}

static bt_row *
add_row(backtest *self, const char *measure, const char *scope, int from, int to)
{
    bt_row *r;
    self->row = xreallocarray(self->row, self->n_rows + 1, sizeof *self->row);
    r = &self->row[self->n_rows++];
    memset(r, 0, sizeof *r);
    r->measure = xstrdup(measure);
    r->scope = xstrdup(scope);
    r->from = from;
    r->to = to;
    r->observed = NAN;
    r->forecast[0] = r->forecast[1] = NAN;
    return r;
}

static void
set_text(char **slot, const char *s)
{
    free(*slot);
    *slot = xstrdup(s != NULL ? s : "");
}

/* The forecast of a measure over a period, as an observation of it would read it. */
static void
forecast_of(const scenario *sc, enum obs_measure ms, int from, int to, bt_row *r)
{
    observation o;
    memset(&o, 0, sizeof o);
    o.measure = ms;
    o.scope = OBS_MUNICIPALITY;
    o.from = from;
    o.to = to;
    for (int v = 0; v < BT_VIEWS; v++) {
        const projection *p = view_of(sc, v);
        r->forecast[v] = p != NULL ? results_model_value(&o, &sc->m, p,
                                                         sc->has_housing ? &sc->h : NULL)
                                   : NAN;
    }
}

static const char *
scope_text(const model *m, const observation *o)
{
    return o->scope == OBS_MUNICIPALITY ? "municipality"
           : o->scope == OBS_TIER       ? m->tier[o->index]
                                        : m->area[o->index];
}

/* Every hidden observation inside (from, to]. */
static void
compare_rows(backtest *self, const scenario *sc)
{
    const model *m = &sc->m;
    char buf[16];
    for (size_t i = 0; i < m->n_obs; i++) {
        const observation *o = &m->obs[i];
        bt_row *r;
        if (!o->later || obs_end(o) > self->to || (!obs_is_stock(o->measure) && o->from < self->from))
            continue;
        r = add_row(self, obs_measure_names[o->measure], scope_text(m, o), o->from, o->to);
        r->observed = o->value;
        for (int v = 0; v < BT_VIEWS; v++) {
            const projection *p = view_of(sc, v);
            r->forecast[v] = p != NULL ? results_model_value(o, m, p, sc->has_housing ? &sc->h : NULL)
                                       : NAN;
        }
        set_text(&r->status, o->estimated ? "observed (estimate)" : "observed");
        set_text(&r->vintage, o->has_vintage ? date_format(o->vintage, buf) : "");
        set_text(&r->source, o->source);
    }
}

/* Whether a municipal flow row of measure ms covers calendar year y (any vintage). */
static int
counted(const model *m, enum obs_measure ms, int y, int single)
{
    for (size_t i = 0; i < m->n_obs; i++) {
        const observation *o = &m->obs[i];
        if (o->measure == ms && o->scope == OBS_MUNICIPALITY && o->from <= y && o->to >= y
            && (!single || o->from == o->to))
            return 1;
    }
    return 0;
}

/* The municipal stock (dwellings or population) observed on 1 January y, or NAN. */
static double
stock_at(const model *m, enum obs_measure ms, int y)
{
    for (size_t i = 0; i < m->n_obs; i++)
        if (m->obs[i].measure == ms && m->obs[i].scope == OBS_MUNICIPALITY && m->obs[i].from == y)
            return m->obs[i].value;
    return NAN;
}

/* Completions that stock changes imply (the other change as the model assumes it),
 * over the years of each stock interval in from..to that were not counted. */
static void
derived_completions(backtest *self, const scenario *sc, unsigned char *done)
{
    const model *m = &sc->m;
    int a = -1;
    for (int y = self->from; y <= self->to; y++) {
        double sa, sb, known = 0, other = 0;
        int first = 0, last = -1;
        bt_row *r;
        if (isnan(stock_at(m, OBS_DWELLINGS, y)))
            continue;
        if (a < 0) {
            a = y;
            continue;
        }
        sa = stock_at(m, OBS_DWELLINGS, a);
        sb = stock_at(m, OBS_DWELLINGS, y);
        for (int k = a; k < y; k++) {
            other += schedule_at(&m->spec->other_change, k, 0);
            if (counted(m, OBS_COMPLETIONS, k, 1)) {
                for (size_t i = 0; i < m->n_obs; i++)
                    if (m->obs[i].measure == OBS_COMPLETIONS && m->obs[i].scope == OBS_MUNICIPALITY
                        && m->obs[i].from == k && m->obs[i].to == k)
                        known += m->obs[i].value;
            } else {
                if (last < 0)
                    first = k;
                last = k;
            }
        }
        if (last >= 0) {
            r = add_row(self, "completions", "municipality", first, last);
            r->observed = sb - sa - known - other;
            forecast_of(sc, OBS_COMPLETIONS, first, last, r);
            set_text(&r->status, "derived: the observed stock change minus the completions counted "
                                 "and the other change the model assumes");
            set_text(&r->vintage, "");
            set_text(&r->source, "observed dwelling stocks (observations file)");
            for (int k = first; k <= last; k++)
                done[k - self->from] = 1;
        }
        a = y;
    }
}

static double
sum_obs(const model *m, enum obs_measure ms, int a, int b, int *complete)
{
    double s = 0;
    *complete = 1;
    for (int y = a; y <= b; y++) {
        int found = 0;
        for (size_t i = 0; i < m->n_obs && !found; i++) {
            const observation *o = &m->obs[i];
            if (o->measure == ms && o->scope == OBS_MUNICIPALITY && o->from == y && o->to == y) {
                s += o->value;
                found = 1;
            }
        }
        if (!found)
            *complete = 0;
    }
    return s;
}

/* Net migration between two observed populations, where its parts were observed. */
static void
net_migration(backtest *self, const scenario *sc)
{
    const model *m = &sc->m;
    int a = -1;
    for (int y = self->from; y <= self->to; y++) {
        double births, deaths, pa, pb, flows[4];
        int cb, cd, cf = 1, c;
        static const enum obs_measure fl[4] = {OBS_IMMIGRATION, OBS_EMIGRATION, OBS_DOMESTIC_IN,
                                               OBS_DOMESTIC_OUT};
        bt_row *r;
        if (isnan(stock_at(m, OBS_POPULATION, y)))
            continue;
        if (a < 0) {
            a = y;
            continue;
        }
        pa = stock_at(m, OBS_POPULATION, a);
        pb = stock_at(m, OBS_POPULATION, y);
        births = sum_obs(m, OBS_BIRTHS, a, y - 1, &cb);
        deaths = sum_obs(m, OBS_DEATHS, a, y - 1, &cd);
        for (int k = 0; k < 4; k++) {
            flows[k] = sum_obs(m, fl[k], a, y - 1, &c);
            cf &= c;
        }
        r = add_row(self, "net_migration", "municipality", a, y - 1);
        for (int v = 0; v < BT_VIEWS; v++) {
            double s = 0;
            bt_row tmp;
            r->forecast[v] = 0;
            for (int k = 0; k < 4; k++) {
                memset(&tmp, 0, sizeof tmp);
                forecast_of(sc, fl[k], a, y - 1, &tmp);
                s += (k % 2 == 0 ? 1 : -1) * tmp.forecast[v];
            }
            r->forecast[v] = s;
        }
        set_text(&r->vintage, "");
        if (cf) {
            r->observed = flows[0] - flows[1] + flows[2] - flows[3];
            set_text(&r->status, "derived: the four observed flows");
        } else if (cb && cd) {
            r->observed = pb - pa - births + deaths;
            set_text(&r->status, "derived: population change minus births plus deaths "
                                 "(includes administrative corrections)");
        } else
            set_text(&r->status, "not observed (births, deaths or flows missing in the period)");
        set_text(&r->source, "observations file");
        a = y;
    }
}

/* The flows, completions and stocks no row observed, in runs of years. */
static void
not_observed(backtest *self, const scenario *sc, const unsigned char *done)
{
    static const enum obs_measure flows[] = {OBS_BIRTHS,      OBS_DEATHS,     OBS_IMMIGRATION,
                                             OBS_EMIGRATION,  OBS_DOMESTIC_IN, OBS_DOMESTIC_OUT,
                                             OBS_COMPLETIONS};
    const model *m = &sc->m;
    for (size_t f = 0; f < sizeof flows / sizeof flows[0]; f++) {
        if (flows[f] == OBS_COMPLETIONS && !sc->has_housing)
            continue;
        for (int y = self->from; y < self->to; y++) {
            int z = y;
            bt_row *r;
            if (counted(m, flows[f], y, 0) || (flows[f] == OBS_COMPLETIONS && done[y - self->from]))
                continue;
            while (z + 1 < self->to && !counted(m, flows[f], z + 1, 0)
                   && !(flows[f] == OBS_COMPLETIONS && done[z + 1 - self->from]))
                z++;
            r = add_row(self, obs_measure_names[flows[f]], "municipality", y, z);
            forecast_of(sc, flows[f], y, z, r);
            set_text(&r->status, "not observed");
            set_text(&r->vintage, "");
            set_text(&r->source, "");
            y = z;
        }
    }
    for (int k = 0; k < 2; k++) {
        const enum obs_measure ms = k == 0 ? OBS_POPULATION : OBS_DWELLINGS;
        if (ms == OBS_DWELLINGS && !sc->has_housing)
            continue;
        for (int y = self->from + 1; y <= self->to; y++) {
            bt_row *r;
            if (!isnan(stock_at(m, ms, y)))
                continue;
            r = add_row(self, obs_measure_names[ms], "municipality", y, y);
            forecast_of(sc, ms, y, y, r);
            set_text(&r->status, "not observed");
            set_text(&r->vintage, "");
            set_text(&r->source, "");
        }
    }
}

/* ---- inputs and their vintages ---- */

static const ls_date *
vintage_of(const model_spec *s, const char *key)
{
    for (size_t i = 0; i < s->n_vintages; i++)
        if (strcmp(s->vintages[i].key, key) == 0)
            return &s->vintages[i].date;
    return NULL;
}

static void
check_input(backtest *self, const model_spec *s, const char *key, const char *what)
{
    const ls_date *v = vintage_of(s, key);
    const ls_date from = date_jan1(self->from);
    char buf[16];
    bt_input *in;
    if (v != NULL && date_cmp(*v, from) <= 0)
        return;
    self->in = xreallocarray(self->in, self->n_inputs + 1, sizeof *self->in);
    in = &self->in[self->n_inputs++];
    in->key = xstrdup(key);
    in->what = xstrdup(what != NULL ? what : "");
    in->vintage = xstrdup(v != NULL ? date_format(*v, buf) : "");
    in->status = xstrdup(v != NULL ? "known only after --from" : "no vintage");
}

/* Every input file and every setting of the model that holds data. */
static void
list_inputs(backtest *self, const scenario *sc)
{
    static const struct {
        const char *key;
        size_t off;
    } files[] = {
        {.key = "geography.kernen", .off = offsetof(model_spec, kernen_file)},
        {.key = "population", .off = offsetof(model_spec, population_file)},
        {.key = "mortality.survival", .off = offsetof(model_spec, survival_file)},
        {.key = "mortality.life_table", .off = offsetof(model_spec, life_table_file)},
        {.key = "mortality.improvement", .off = offsetof(model_spec, improvement_file)},
        {.key = "fertility.asfr", .off = offsetof(model_spec, asfr_file)},
        {.key = "households.headship", .off = offsetof(model_spec, headship_file)},
        {.key = "households.base", .off = offsetof(model_spec, households_base_file)},
        {.key = "dwellings.stock", .off = offsetof(model_spec, stock_file)},
        {.key = "pipeline.plans", .off = offsetof(model_spec, plans_file)},
        {.key = "coupling.movers", .off = offsetof(model_spec, movers_file)},
        {.key = "coupling.in_movers", .off = offsetof(model_spec, in_movers_file)},
    };
    const model_spec *s = &sc->spec;
    const model *m = &sc->m;
    const ls_date from = date_jan1(self->from);
    char buf[16];

    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        const char *f = *(char *const *) ((const char *) s + files[i].off);
        if (f != NULL)
            check_input(self, s, files[i].key, f);
    }
    if (s->smr.is_map || s->smr.scalar != 1)
        check_input(self, s, "mortality.smr", "mortality ratio");
    if (s->tfr.n > 0)
        check_input(self, s, "fertility.tfr", "TFR path");
    if (s->fertility_level.is_map || s->fertility_level.scalar != 1)
        check_input(self, s, "fertility.level", "fertility level");
    check_input(self, s, "fertility.sex_ratio_at_birth", "sex ratio at birth");
    for (size_t k = 0; k < s->n_flows; k++) {
        const flow_spec *f = &s->flows[k];
        const char *part = f->source == FLOW_FROM_RATES    ? "rates"
                           : f->source == FLOW_FROM_COUNTS ? "counts"
                                                           : "profile";
        char *key = xasprintf("migration.flows.%s.%s", f->name, part);
        check_input(self, s, key, f->file != NULL ? f->file : f->profile);
        free(key);
        /* Its level or total applies in the history years; with a trend from the
         * observations and no history before --from, it is not used at all. */
        if (f->trend_years > 0 && sc->hist.n_steps == 0)
            continue;
        key = xasprintf("migration.flows.%s", f->name);
        check_input(self, s, key, "level and total in the model file");
        free(key);
    }
    if (m->has_housing) {
        check_input(self, s, "dwellings.vacancy", "frictional vacancy");
        check_input(self, s, "dwellings.other_change", "other stock change");
        check_input(self, s, "pipeline.phases", "realisation and delay by phase");
    }
    /* Observations the run used that were published after --from. */
    for (size_t i = 0; i < m->n_obs; i++) {
        const observation *o = &m->obs[i];
        bt_input *in;
        char *key, *what;
        if (o->later || (o->has_vintage && date_cmp(o->vintage, from) <= 0) || o->line == 0)
            continue;
        key = xasprintf("observed.file:%zu", o->line);
        what = xasprintf("%s %s %d%s", obs_measure_names[o->measure], scope_text(m, o), o->from,
                         o->to != o->from ? "-" : "");
        if (o->to != o->from) {
            char *w2 = xasprintf("%s%d", what, o->to);
            free(what);
            what = w2;
        }
        self->in = xreallocarray(self->in, self->n_inputs + 1, sizeof *self->in);
        in = &self->in[self->n_inputs++];
        in->key = key;
        in->what = what;
        in->vintage = xstrdup(o->has_vintage ? date_format(o->vintage, buf) : "");
        in->status = xstrdup(o->has_vintage ? "known only after --from" : "no vintage");
    }
}

int
backtest_compare(backtest *self, const scenario *sc, int to, diag *d)
{
    const model_spec *s = &sc->spec;
    const int from = sc->m.last_observed;
    unsigned char *done;

    memset(self, 0, sizeof *self);
    self->from = from;
    self->to = to;
    if (to <= from || to > s->horizon) {
        diag_add(d, s->path, 0, 0,
                 "a back-test from %d must end after it and not after the horizon (%d..%d), "
                 "found %d",
                 from, from + 1, s->horizon, to);
        return LS_EUSAGE;
    }
    done = xcalloc((size_t) (to - from + 1), 1);
    compare_rows(self, sc);
    if (sc->has_housing)
        derived_completions(self, sc, done);
    net_migration(self, sc);
    not_observed(self, sc, done);
    list_inputs(self, sc);
    free(done);
    return LS_OK;
}

/* A text field after a comma. */
static void
put_text(ofile *f, const char *s)
{
    ofile_puts(f, ",");
    results_csv_text(f, s);
}

static void
put_num(ofile *f, double v, int decimals)
{
    if (isfinite(v))
        ofile_printf(f, ",%.*f", decimals, v);
    else
        ofile_puts(f, ",");
}

int
backtest_write(const backtest *self, const char *path, diag *d)
{
    ofile f;
    int ret = ofile_open(&f, path, d);

    if (ret != LS_OK)
        return ret;
    ofile_puts(&f, "kind,measure,scope,from,to,observed,forecast_trend,error_trend,"
                   "error_trend_pct,forecast_housing_led,error_housing_led,error_housing_led_pct,"
                   "status,vintage,source\n");
    for (size_t i = 0; i < self->n_rows; i++) {
        const bt_row *r = &self->row[i];
        ofile_printf(&f, "comparison,%s", r->measure);
        put_text(&f, r->scope);
        ofile_printf(&f, ",%d,%d", r->from, r->to);
        put_num(&f, r->observed, 3);
        for (int v = 0; v < BT_VIEWS; v++) {
            put_num(&f, r->forecast[v], 3);
            put_num(&f, backtest_error(r, v), 3);
            put_num(&f, backtest_error_pct(r, v), 2);
        }
        put_text(&f, r->status);
        put_text(&f, r->vintage);
        put_text(&f, r->source);
        ofile_puts(&f, "\n");
    }
    for (size_t i = 0; i < self->n_inputs; i++) {
        const bt_input *in = &self->in[i];
        ofile_printf(&f, "input,%s", in->key);
        put_text(&f, in->what);
        ofile_printf(&f, ",%d,,,,,,,,", self->from);
        put_text(&f, in->status);
        put_text(&f, in->vintage);
        put_text(&f, "used although not known on 1 January of from");
        ofile_puts(&f, "\n");
    }
    return ofile_close(&f, d);
}

void
backtest_free(backtest *self)
{
    if (self == NULL)
        return;
    for (size_t i = 0; i < self->n_rows; i++) {
        free(self->row[i].measure);
        free(self->row[i].scope);
        free(self->row[i].status);
        free(self->row[i].vintage);
        free(self->row[i].source);
    }
    free(self->row);
    for (size_t i = 0; i < self->n_inputs; i++) {
        free(self->in[i].key);
        free(self->in[i].what);
        free(self->in[i].vintage);
        free(self->in[i].status);
    }
    free(self->in);
    memset(self, 0, sizeof *self);
}

const char *
backtest_status_words(const char *status, enum report_lang lang)
{
    static const struct {
        const char *en, *nl;
    } words[] = {
        {"observed", "waargenomen"},
        {"observed (estimate)", "waargenomen (schatting)"},
        {"not observed", "niet waargenomen"},
        {"not observed (births, deaths or flows missing in the period)",
         "niet waargenomen (geboorten, sterfte of een migratiestroom ontbreekt in de periode)"},
        {"derived: the observed stock change minus the completions counted and the other change "
         "the model assumes",
         "afgeleid: de waargenomen groei van de woningvoorraad min de getelde opleveringen en de "
         "overige mutaties die het model aanneemt"},
        {"derived: the four observed flows", "afgeleid: de vier waargenomen migratiestromen"},
        {"derived: population change minus births plus deaths (includes administrative "
         "corrections)",
         "afgeleid: bevolkingsgroei min geboorten plus sterfte (met administratieve correcties)"},
    };
    if (lang == LANG_NL)
        for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
            if (strcmp(words[i].en, status) == 0)
                return words[i].nl;
    return status;
}
