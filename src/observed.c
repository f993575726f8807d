/* The observations file: reading and checking it into the model's rows, and
 * setting where history ends. Knows the CSV layout; knows nothing of YAML. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "model.h"
#include "observed.h"
#include "util.h"

const char *const obs_measure_names[OBS_N] = {
    [OBS_POPULATION] = "population",   [OBS_DWELLINGS] = "dwellings",
    [OBS_COMPLETIONS] = "completions", [OBS_BIRTHS] = "births",
    [OBS_DEATHS] = "deaths",           [OBS_IMMIGRATION] = "immigration",
    [OBS_EMIGRATION] = "emigration",   [OBS_DOMESTIC_IN] = "domestic_in",
    [OBS_DOMESTIC_OUT] = "domestic_out"};

int
obs_is_stock(enum obs_measure m)
{
    return m == OBS_POPULATION || m == OBS_DWELLINGS;
}

void
observation_free(observation *o)
{
    free(o->source);
    free(o->source_nl);
    memset(o, 0, sizeof *o);
}

/* Scope text: municipality (or its name), a tier, or a kern. */
static int
parse_scope(const model *m, const char *s, enum obs_scope *scope, size_t *index)
{
    long a;
    if (strcmp(s, "municipality") == 0 || strcmp(s, m->spec->municipality) == 0) {
        *scope = OBS_MUNICIPALITY;
        *index = 0;
        return 0;
    }
    if ((a = model_area_index(m, s)) >= 0) {
        *scope = OBS_KERN;
        *index = (size_t) a;
        return 0;
    }
    for (size_t t = 0; t < m->n_tiers; t++)
        if (strcmp(m->tier[t], s) == 0) {
            *scope = OBS_TIER;
            *index = t;
            return 0;
        }
    return -1;
}

/* from/to of one row. Stocks: a 1 January or a 31 December (the next 1 January) or a
 * year; to empty or the same date. Flows: from a year or a 1 January, to a year or a
 * 31 December (empty: the year of from). Returns 0, or -1 with a message added. */
static int
parse_period(const model *m, const csv_table *t, size_t r, int cf, int ct, observation *o,
             diag *d)
{
    const char *file = m->spec->observed_file;
    const char *fs = csv_text(t, r, cf), *ts = ct >= 0 ? csv_text(t, r, ct) : "";
    ls_date a, b;
    enum date_form fa, fb;
    const int stock = obs_is_stock(o->measure);

    if (date_parse(fs, 1, &a, &fa) != 0) {
        diag_add(d, file, csv_line(t, r), csv_col(t, r, cf),
                 "from must be a year or %s, found %s", DATE_FORMS_TEXT, diag_quote(fs));
        return -1;
    }
    if (stock) {
        if (fa != DATE_YEAR_ONLY && !date_is_jan1(a) && !date_is_dec31(a)) {
            diag_add(d, file, csv_line(t, r), csv_col(t, r, cf),
                     "%s is a number on 1 January (or 31 December): from must be such a date or "
                     "a year, found %s",
                     obs_measure_names[o->measure], diag_quote(fs));
            return -1;
        }
        o->from = o->to = date_is_dec31(a) && fa != DATE_YEAR_ONLY ? a.year + 1 : a.year;
        if (*ts != '\0' && (date_parse(ts, 1, &b, &fb) != 0 || date_cmp(a, b) != 0)) {
            diag_add(d, file, csv_line(t, r), csv_col(t, r, ct),
                     "%s is a number on one date: leave to empty or equal to from, found %s",
                     obs_measure_names[o->measure], diag_quote(ts));
            return -1;
        }
        return 0;
    }
    if (fa != DATE_YEAR_ONLY && !date_is_jan1(a)) {
        diag_add(d, file, csv_line(t, r), csv_col(t, r, cf),
                 "%s counts whole calendar years: from must be a year or a 1 January, found %s",
                 obs_measure_names[o->measure], diag_quote(fs));
        return -1;
    }
    o->from = a.year;
    o->to = a.year;
    if (*ts == '\0')
        return 0;
    if (date_parse(ts, 1, &b, &fb) != 0 || (fb != DATE_YEAR_ONLY && !date_is_dec31(b))
        || b.year < a.year) {
        diag_add(d, file, csv_line(t, r), csv_col(t, r, ct),
                 "to must be a year or a 31 December, not before from (%d), found %s", a.year,
                 diag_quote(ts));
        return -1;
    }
    o->to = b.year;
    return 0;
}

/* Whether two rows give the same measure, scope and period. */
static int
same_slot(const observation *a, const observation *b)
{
    return a->measure == b->measure && a->scope == b->scope && a->index == b->index
           && a->from == b->from && a->to == b->to;
}

static int
read_row(model *m, const csv_table *t, size_t r, const int *col, observation *o, diag *d)
{
    const char *file = m->spec->observed_file;
    const char *ms = csv_text(t, r, col[0]), *sc = csv_text(t, r, col[1]);
    int k;

    memset(o, 0, sizeof *o);
    o->line = csv_line(t, r);
    for (k = 0; k < OBS_N; k++)
        if (strcmp(ms, obs_measure_names[k]) == 0)
            break;
    if (k == OBS_N) {
        diag_add(d, file, o->line, csv_col(t, r, col[0]),
                 "measure must be one of population, dwellings, completions, births, deaths, "
                 "immigration, emigration, domestic_in, domestic_out, found %s",
                 diag_quote(ms));
        return -1;
    }
    o->measure = (enum obs_measure) k;
    if (parse_scope(m, sc, &o->scope, &o->index) != 0) {
        diag_add(d, file, o->line, csv_col(t, r, col[1]),
                 "scope must be municipality, a tier or a kern, found %s", diag_quote(sc));
        return -1;
    }
    if (parse_period(m, t, r, col[2], col[3], o, d) != 0)
        return -1;
    if (csv_number(t, r, col[4], &o->value, d) != LS_OK)
        return -1;
    if (o->value < 0 || o->value > 1e9) {
        diag_add(d, file, o->line, csv_col(t, r, col[4]),
                 "value must be in [0, 1000000000] (a count), found %s", csv_text(t, r, col[4]));
        return -1;
    }
    o->source = xstrdup(csv_text(t, r, col[5]));
    if (*o->source == '\0') {
        diag_add(d, file, o->line, csv_col(t, r, col[5]),
                 "every observation needs a source, found an empty one");
        return -1;
    }
    if (col[8] >= 0 && *csv_text(t, r, col[8]) != '\0')
        o->source_nl = xstrdup(csv_text(t, r, col[8]));
    if (col[6] >= 0 && *csv_text(t, r, col[6]) != '\0') {
        if (date_parse(csv_text(t, r, col[6]), 1, &o->vintage, NULL) != 0) {
            diag_add(d, file, o->line, csv_col(t, r, col[6]),
                     "vintage must be %s (the date the figure was known), found %s",
                     DATE_FORMS_TEXT, diag_quote(csv_text(t, r, col[6])));
            return -1;
        }
        o->has_vintage = 1;
    }
    if (col[7] >= 0) {
        const char *e = csv_text(t, r, col[7]);
        if (strcmp(e, "yes") == 0)
            o->estimated = 1;
        else if (strcmp(e, "no") != 0 && *e != '\0') {
            diag_add(d, file, o->line, csv_col(t, r, col[7]), "estimated must be yes or no, found %s",
                     diag_quote(e));
            return -1;
        }
    }
    return 0;
}

/* The calibrate: shorthand as one observation. */
static void
add_calibrate_row(model *m)
{
    const model_spec *s = m->spec;
    observation *o;
    m->obs = xreallocarray(m->obs, m->n_obs + 1, sizeof *m->obs);
    o = &m->obs[m->n_obs++];
    memset(o, 0, sizeof *o);
    o->measure = OBS_POPULATION;
    o->scope = OBS_MUNICIPALITY;
    o->from = o->to = s->calibrate_year;
    o->value = s->calibrate_population;
    o->source = xstrdup("calibrate: block of the model file");
    o->absorb_from = s->calibrate_from;
    o->absorb_to = s->calibrate_to;
}

static void
set_last_observed(model *m, diag *d)
{
    const model_spec *s = m->spec;
    int end = s->base_year;

    for (size_t i = 0; i < m->n_obs; i++)
        if (obs_end(&m->obs[i]) > end)
            end = obs_end(&m->obs[i]);
    if (s->present > 0)
        end = s->present;
    else if (s->last_observed > 0)
        end = s->last_observed;
    if (end > s->horizon) {
        diag_add(d, s->observed_file ? s->observed_file : s->path, 0, 0,
                 "the observations reach 1 January %d, beyond the horizon %d: move the horizon "
                 "or set observed.last_observed",
                 end, s->horizon);
        end = s->horizon;
    }
    if ((end - s->base_year) % s->width != 0) {
        diag_add(d, s->path, s->last_observed_at.line, s->last_observed_at.col,
                 "the last observed date (1 January %d) must be a projected year (base_year + a "
                 "multiple of %d)",
                 end, s->width);
    }
    m->last_observed = end;
    for (size_t i = 0; i < m->n_obs; i++)
        m->obs[i].later = obs_end(&m->obs[i]) > end;
}

int
model_load_observations(model *m, diag *d)
{
    static const char *const names[] = {"measure", "scope", "from", "to", "value", "source",
                                        "vintage", "estimated", "source_nl"};
    static const int required[] = {1, 1, 1, 0, 1, 1, 0, 0, 0};
    const model_spec *s = m->spec;
    const size_t before = diag_count(d);
    csv_table t;
    int col[9];

    memset(&t, 0, sizeof t);
    if (s->has_calibrate)
        add_calibrate_row(m);
    if (s->observed_file != NULL) {
        model_note_input(m, s->observed_file);
        if (model_read_table(m, s->observed_file, &t, d) != LS_OK)
            goto out;
        for (int c = 0; c < 9; c++)
            col[c] = csv_column(&t, names[c], required[c], d);
        if (diag_count(d) > before)
            goto out;
        m->obs = xreallocarray(m->obs, m->n_obs + t.n_rows + 1, sizeof *m->obs);
        for (size_t r = 0; r < t.n_rows; r++) {
            observation o;
            int dup = 0;
            if (read_row(m, &t, r, col, &o, d) != 0) {
                observation_free(&o);
                continue;
            }
            for (size_t j = 0; j < m->n_obs && !dup; j++)
                if (same_slot(&m->obs[j], &o)) {
                    diag_add(d, s->observed_file, o.line, 1,
                             "a second %s for the same scope and period (first at line %zu)",
                             obs_measure_names[o.measure], m->obs[j].line);
                    dup = 1;
                }
            if (dup)
                observation_free(&o);
            else
                m->obs[m->n_obs++] = o;
        }
    }
    set_last_observed(m, d);
out:
    csv_free(&t);
    return diag_count(d) > before ? LS_ECONFIG : LS_OK;
}
