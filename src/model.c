/* Reads and checks every input table a model names and lays it out for the
 * engines. Knows the CSV layouts (doc/FORMATS.md); knows nothing of YAML. */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "model.h"
#include "planedit.h"
#include "shares.h"
#include "terms.h"
#include "util.h"

long
model_year_index(const int *years, size_t n, int year)
{
    long best = -1;
    for (size_t i = 0; i < n; i++)
        if (years[i] <= year)
            best = (long) i;
    return best;
}

long
model_area_index(const model *m, const char *name)
{
    for (size_t i = 0; i < m->n_areas; i++)
        if (strcmp(m->area[i], name) == 0)
            return (long) i;
    return -1;
}

static void
note_input(model *m, const char *path)
{
    for (size_t i = 0; i < m->n_inputs; i++)
        if (strcmp(m->inputs[i], path) == 0)
            return;
    m->inputs = xreallocarray(m->inputs, m->n_inputs + 1, sizeof *m->inputs);
    m->input_info = xreallocarray(m->input_info, m->n_inputs + 1, sizeof *m->input_info);
    memset(&m->input_info[m->n_inputs], 0, sizeof *m->input_info);
    m->input_form = xreallocarray(m->input_form, m->n_inputs + 1, sizeof *m->input_form);
    memset(&m->input_form[m->n_inputs], 0, sizeof *m->input_form);
    m->inputs[m->n_inputs++] = xstrdup(path);
}

int
model_input_form(const model *m, size_t i, enum csv_form *form, enum csv_encoding *enc)
{
    if (i >= m->n_inputs || m->input_form == NULL || !m->input_form[i].read)
        return -1;
    *form = m->input_form[i].form;
    *enc = m->input_form[i].encoding;
    return 0;
}

/* csv_read that counts unreadable files, so that a model whose only problem is a
 * missing or unreadable file exits with the I/O status (2), not the invalid-input
 * status (3). */
static int
read_table(model *m, const char *path, csv_table *t, diag *d)
{
    int ret = csv_read(t, path, path, d);
    if (ret == LS_EIO)
        m->n_io_errors++;
    else {
        /* record what was read; a file read twice must have stayed the same */
        note_input(m, path);
        for (size_t i = 0; i < m->n_inputs; i++) {
            model_input *in = &m->input_info[i];
            if (strcmp(m->inputs[i], path) != 0)
                continue;
            if (in->sha256[0] != '\0' && strcmp(in->sha256, t->sha256) != 0) {
                diag_add(d, path, 0, 0, "changed while landstad was reading the model (read "
                                        "twice, with different contents): run again");
                m->n_io_errors++;
                ret = LS_EIO;
            }
            memcpy(in->sha256, t->sha256, sizeof in->sha256);
            memcpy(in->note, t->note, sizeof in->note);
            in->estimated = t->estimated;
        }
    }
    for (size_t i = 0; i < m->n_inputs; i++)
        if (ret == LS_OK && strcmp(m->inputs[i], path) == 0) {
            m->input_form[i].read = 1;
            m->input_form[i].form = t->form;
            m->input_form[i].encoding = t->encoding;
        }
    return ret;
}

void
model_note_input(model *self, const char *path)
{
    note_input(self, path);
}

int
model_read_table(model *self, const char *path, csv_table *t, diag *d)
{
    return read_table(self, path, t, d);
}

/* What one tidy table holds and how it is checked. */
typedef struct {
    const char *value_col;
    int allow_year;   /* optional year column */
    int need_year;    /* year column required */
    int allow_kern;   /* optional kern column */
    int need_kern;    /* kern column required */
    int has_sex;
    int age_max;      /* largest age allowed */
    int age_step;     /* ages must be multiples of this */
    int complete;     /* every cell must be given (see required_slots) */
    double vmin, vmax;
    int vmin_open;
    const char *vunit;
    size_t required_slots; /* with complete: only the first slots are required (0 = all) */
} grid_spec;

typedef struct {
    size_t n_years;
    int *years;
    size_t n_slots; /* age slots per (area, sex) */
    size_t n_sex;
    double *v;      /* [year][area][sex][slot] */
    size_t *seen;   /* line of the row that gave each cell, 0 if none */
} grid;

/* Every input table in one place: what it holds, its columns and rules (printed by
 * `landstad check --inputs`), and for the [year,][kern,][sex,]age tables the numbers
 * the loader checks them with. Ages: "groups" = 0..open in steps of ages.width,
 * "groups+1" = one more row (survival within the open group), "single" = single
 * years. */
typedef struct {
    const char *id, *key, *columns, *rules;
    const char *value_col;
    int year, kern; /* 0 no, 1 optional, 2 required */
    int sex;
    const char *ages;
    int complete;
    double vmin, vmax;
    int vmin_open;
    const char *unit;
} input_schema;

static const input_schema schemas[] = {
    {"kernen", "geography.kernen", "kern,tier[,x_km,y_km]",
     "every kern once; tier one of geography.tiers when given; coordinates in km, both or neither",
     NULL, 0, 0, 0, NULL, 0, 0, 0, 0, ""},
    {"population", "population", "[kern,]sex,age,persons",
     "every kern x sex x age group once (kern optional with one kern); persons >= 0",
     "persons", 0, 1, 1, "groups", 1, 0, HUGE_VAL, 0, "persons"},
    {"survival", "mortality.survival", "[year,][kern,]sex,age,survival_ratio",
     "rows 0 (births) .. open required per year, kern and sex; row open + width (within the "
     "open group) optional; ratios in [0, 1]",
     "survival_ratio", 1, 1, 1, "groups+1", 1, 0, 1, 0, ""},
    {"life_table", "mortality.life_table", "sex,age,qx",
     "single ages 0..at least open - 1, each sex once; qx in [0, 1]; the last qx > 0 (it closes "
     "the table); qx must not fall by more than half between adult ages",
     NULL, 0, 0, 0, NULL, 0, 0, 0, 0, ""},
    {"improvement", "mortality.improvement", "year,sex,age,qx_ratio",
     "single ages of the life table; ratios in [0, 10]; ages not given keep ratio 1",
     "qx_ratio", 2, 0, 1, "single", 0, 0, 10, 0, ""},
    {"asfr", "fertility.asfr", "[year,][kern,]age,births_per_woman",
     "ages not given are 0; rates in [0, 2]", "births_per_woman", 1, 1, 0, "groups", 0, 0, 2, 0,
     "births per woman per year"},
    {"flow_rates", "migration.flows[].rates", "[year,][kern,]sex,age,rate_per_person",
     "complete per year; in [0, 1] for out-flows, [0, 10] for in-flows, [-1, 1] for net",
     "rate_per_person", 1, 1, 1, "groups", 1, 0, 1, 0, "per person per step"},
    {"flow_counts", "migration.flows[].counts", "[year,][kern,]sex,age,persons",
     "complete per year; >= 0 (any sign for net)", "persons", 1, 1, 1, "groups", 1, 0, HUGE_VAL,
     0, "persons"},
    {"profile", "migration.flows[].profile", "sex,age,share",
     "shares in [0, 1] summing to 1 (tolerance 1e-6); missing cells 0", "share", 0, 0, 1,
     "groups", 0, 0, 1, 0, ""},
    {"distribution", "migration.flows[].distribution", "kern,share",
     "shares in [0, 1] summing to 1", NULL, 0, 0, 0, NULL, 0, 0, 0, 0, ""},
    {"destinations", "migration.flows[].destinations", "origin,destination,share",
     "shares in [0, 1], 0 to itself, summing to 1 per origin", NULL, 0, 0, 0, NULL, 0, 0, 0, 0,
     ""},
    {"headship", "households.headship", "sex,age,headship_rate,institutional_share",
     "every sex x age once; both in [0, 1]", "headship_rate", 0, 0, 1, "groups", 1, 0, 1, 0,
     "per person"},
    {"headship_ratios", "households.headship_ratios", "year,sex,age,headship_ratio",
     "every sex x age once per year listed, the first year not after base_year; ratios in "
     "[0, 10], multiplying the headship rates from 1 January of that year",
     "headship_ratio", 2, 0, 1, "groups", 1, 0, 10, 0, "ratio"},
    {"households", "households.base", "kern,households", "every kern once; >= 0", NULL, 0, 0, 0,
     NULL, 0, 0, 0, 0, ""},
    {"dwellings", "dwellings.stock", "kern,dwellings", "every kern once; >= 0", NULL, 0, 0, 0,
     NULL, 0, 0, 0, 0, ""},
    {"plans", "pipeline.plans",
     "plan_id,name,kern,units,segment,phase,first_year,last_year,demolitions[,status_date,built][,schedule]",
     "plan_id unique within a status_date (all rows with one status_date form the plan list of "
     "that 1 January; the latest at or before the forecast start is used); known kern; phase "
     "with an entry in pipeline.phases, or completed (built = units); units and demolitions in "
     "[0, 1000000]; built in [0, units]; first_year <= last_year (without status_date: not "
     "before base_year); schedule YEAR:UNITS;... sums to units",
     NULL, 0, 0, 0, NULL, 0, 0, 0, 0, ""},
    {"movers", "coupling.movers", "sex,age,rate_per_person", "relative propensity in [0, 100]",
     "rate_per_person", 0, 0, 1, "groups", 0, 0, 100, 0, ""},
    {"in_movers", "coupling.in_movers", "sex,age,share", "shares summing to 1", "share", 0, 0, 1,
     "groups", 0, 0, 1, 0, ""},
};

static const input_schema *
schema(const char *id)
{
    for (size_t i = 0; i < sizeof schemas / sizeof schemas[0]; i++)
        if (strcmp(schemas[i].id, id) == 0)
            return &schemas[i];
    fatal("internal error: no input schema %s", id);
}

void
model_print_inputs(FILE *out)
{
    fprintf(out, "Input tables (CSV: header row, '#' comment lines, columns found by name):\n");
    for (size_t i = 0; i < sizeof schemas / sizeof schemas[0]; i++) {
        const input_schema *x = &schemas[i];
        fprintf(out, "\n%s (%s)\n  columns: %s\n  rules:   %s\n", x->id, x->key, x->columns,
                x->rules);
    }
}

static void
grid_free(grid *g)
{
    free(g->years);
    free(g->v);
    free(g->seen);
    memset(g, 0, sizeof *g);
}

static int
sex_index(const model *m, const char *s)
{
    for (size_t i = 0; i < m->n_sexes; i++)
        if (s[0] == m->spec->sex[i] && s[1] == '\0')
            return (int) i;
    if (strcmp(s, "M") == 0 || strcmp(s, "F") == 0)
        return -2; /* a valid sex the model does not project */
    return -1;
}

static int
int_cmp(const void *a, const void *b)
{
    int x = *(const int *) a, y = *(const int *) b;
    return (x > y) - (x < y);
}

/* The checks of a [year,][kern,][sex,]age table, from its schema and the model's ages. */
static grid_spec
grid_for(const char *id, const model *m)
{
    const input_schema *x = schema(id);
    grid_spec g;
    memset(&g, 0, sizeof g);
    g.value_col = x->value_col;
    g.allow_year = x->year > 0;
    g.need_year = x->year == 2;
    g.allow_kern = x->kern > 0;
    g.need_kern = x->kern == 2 || (x->kern == 1 && m->n_areas > 1 && strcmp(id, "population") == 0);
    g.has_sex = x->sex;
    if (strcmp(x->ages, "single") == 0) {
        g.age_max = (int) m->n_qx - 1;
        g.age_step = 1;
    } else {
        g.age_max = m->open + (strcmp(x->ages, "groups+1") == 0 ? m->width : 0);
        g.age_step = m->width;
    }
    g.complete = x->complete;
    g.vmin = x->vmin;
    g.vmax = x->vmax;
    g.vmin_open = x->vmin_open;
    g.vunit = x->unit;
    g.required_slots = strcmp(x->ages, "groups+1") == 0 ? m->n_ages : 0;
    return g;
}

/* Tables whose missing ages are 0 (fertility, profiles, movers, improvement): each
 * year listed, each kern (with a kern column) and each sex (with a sex column) must
 * have at least one row; a kern or sex left out altogether is a mistake, not zeros. */
static void
check_groups(const model *m, const char *path, const grid *g, int by_year, int by_kern,
             int by_sex, diag *d)
{
    size_t reported = 0;
    const size_t n_areas = by_kern ? m->n_areas : 1;
    for (size_t yi = 0; yi < g->n_years; yi++)
        for (size_t a = 0; a < n_areas; a++)
            for (size_t sx = 0; sx < g->n_sex; sx++) {
                const size_t base = ((yi * m->n_areas + a) * g->n_sex + sx) * g->n_slots;
                int any = 0;
                char ybuf[32] = "", kbuf[160] = "", sbuf[16] = "";
                for (size_t k = 0; k < g->n_slots && !any; k++)
                    any = g->seen[base + k] != 0;
                if (any || reported++ >= 5)
                    continue;
                if (by_year)
                    snprintf(ybuf, sizeof ybuf, " in year %d", g->years[yi]);
                if (by_kern)
                    snprintf(kbuf, sizeof kbuf, " for kern %s", diag_quote(m->area[a]));
                if (by_sex)
                    snprintf(sbuf, sizeof sbuf, " for sex %c", m->spec->sex[sx]);
                {
                    const char *parts[3];
                    size_t np = 0;
                    strbuf each;
                    if (by_kern)
                        parts[np++] = "kern";
                    if (by_sex)
                        parts[np++] = "sex";
                    if (by_year)
                        parts[np++] = "year listed";
                    strbuf_init(&each);
                    for (size_t i = 0; i < np; i++)
                        strbuf_printf(&each, "%s%s", i == 0 ? "" : i + 1 == np ? " and " : ", ",
                                      parts[i]);
                    diag_add(d, path, 0, 0,
                             "no rows%s%s%s: ages not given are 0, but each %s needs at least "
                             "one row",
                             kbuf, sbuf, ybuf, each.s);
                    strbuf_free(&each);
                }
            }
}

/* Reads a table of values by [year,][kern,][sex,]age. */
static int
read_grid(model *m, const char *path, const grid_spec *gs, grid *g, diag *d)
{
    csv_table t;
    int cy, ck, cs, ca, cv;
    size_t before = diag_count(d), n_areas_g, cells;
    size_t *seen;
    int ret;

    memset(g, 0, sizeof *g);
    note_input(m, path);
    ret = read_table(m, path, &t, d);
    if (ret != LS_OK)
        goto out;
    cy = csv_column(&t, "year", gs->need_year, d);
    ck = csv_column(&t, "kern", gs->need_kern, d);
    cs = gs->has_sex ? csv_column(&t, "sex", 1, d) : -1;
    ca = csv_column(&t, "age", 1, d);
    cv = csv_column(&t, gs->value_col, 1, d);
    if (cy >= 0 && !gs->allow_year) {
        diag_add(d, path, t.header.line, t.header.field[cy].col,
                 "column \"year\" is not allowed here: this input does not change over time");
    }
    if (diag_count(d) > before) {
        ret = LS_ECONFIG;
        goto out;
    }
    if (ck < 0 && m->n_areas > 1 && gs->need_kern) {
        ret = LS_ECONFIG;
        goto out;
    }
    /* Years present. */
    if (cy >= 0) {
        for (size_t r = 0; r < t.n_rows; r++) {
            long y;
            if (csv_integer(&t, r, cy, &y, d) != LS_OK)
                continue;
            if (y < 1800 || y > 2300) {
                diag_add(d, path, csv_line(&t, r), csv_col(&t, r, cy),
                         "year must be in [1800, 2300], found %ld", y);
                continue;
            }
            int found = 0;
            for (size_t i = 0; i < g->n_years; i++)
                if (g->years[i] == (int) y)
                    found = 1;
            if (!found) {
                g->years = xreallocarray(g->years, g->n_years + 1, sizeof *g->years);
                g->years[g->n_years++] = (int) y;
            }
        }
        if (g->n_years > 0)
            qsort(g->years, g->n_years, sizeof *g->years, int_cmp);
    }
    if (g->n_years == 0) {
        g->years = xmalloc(sizeof *g->years);
        g->years[0] = -1; /* applies to every year */
        g->n_years = 1;
    }
    n_areas_g = m->n_areas;
    g->n_sex = gs->has_sex ? m->n_sexes : 1;
    g->n_slots = (size_t) (gs->age_max / gs->age_step) + 1;
    cells = g->n_years * n_areas_g * g->n_sex * g->n_slots;
    g->v = xcalloc(cells, sizeof *g->v);
    g->seen = seen = xcalloc(cells, sizeof *seen);
    for (size_t r = 0; r < t.n_rows; r++) {
        long y = -1, age;
        long yi = 0, ai = 0;
        int si = 0;
        double v;
        size_t a_from = 0, a_to = n_areas_g;
        int bad = 0;

        if (cy >= 0) {
            if (csv_form_integer(t.form, csv_text(&t, r, cy), &y, NULL) != 0)
                continue; /* reported above */
            yi = model_year_index(g->years, g->n_years, (int) y);
            if (yi < 0 || g->years[yi] != y)
                continue;
        }
        if (ck >= 0) {
            ai = model_area_index(m, csv_text(&t, r, ck));
            if (ai < 0) {
                diag_add(d, path, csv_line(&t, r), csv_col(&t, r, ck),
                         "unknown kern %s (not in geography.kernen)",
                         diag_quote(csv_text(&t, r, ck)));
                bad = 1;
            } else {
                a_from = (size_t) ai;
                a_to = a_from + 1;
            }
        }
        if (cs >= 0) {
            si = sex_index(m, csv_text(&t, r, cs));
            if (si == -1) {
                diag_add(d, path, csv_line(&t, r), csv_col(&t, r, cs),
                         "sex must be M or F, found %s", diag_quote(csv_text(&t, r, cs)));
                bad = 1;
            } else if (si == -2)
                continue; /* e.g. male rows in a female-only model */
        }
        if (csv_integer(&t, r, ca, &age, d) != LS_OK)
            bad = 1;
        else if (age < 0 || age > gs->age_max || age % gs->age_step != 0) {
            if (gs->age_step > 1)
                diag_add(d, path, csv_line(&t, r), csv_col(&t, r, ca),
                         "age must be a multiple of %d in [0, %d], found %ld", gs->age_step,
                         gs->age_max, age);
            else
                diag_add(d, path, csv_line(&t, r), csv_col(&t, r, ca),
                         "age must be in [0, %d], found %ld", gs->age_max, age);
            bad = 1;
        }
        if (csv_number(&t, r, cv, &v, d) != LS_OK)
            bad = 1;
        else if (v < gs->vmin || v > gs->vmax || (gs->vmin_open && v == gs->vmin)) {
            const char *txt = csv_text(&t, r, cv);
            if (isinf(gs->vmax))
                diag_add(d, path, csv_line(&t, r), csv_col(&t, r, cv),
                         "column \"%s\" must be %s %g%s%s%s, found %s", gs->value_col,
                         gs->vmin_open ? ">" : ">=", gs->vmin, *gs->vunit ? " (" : "",
                         gs->vunit, *gs->vunit ? ")" : "", txt);
            else
                diag_add(d, path, csv_line(&t, r), csv_col(&t, r, cv),
                         "column \"%s\" must be in %c%g, %g]%s%s%s, found %s", gs->value_col,
                         gs->vmin_open ? '(' : '[', gs->vmin, gs->vmax,
                         *gs->vunit ? " (" : "", gs->vunit, *gs->vunit ? ")" : "", txt);
            bad = 1;
        }
        if (bad)
            continue;
        ai = age / gs->age_step;
        for (size_t a = a_from; a < a_to; a++) {
            size_t i = (((size_t) yi * n_areas_g + a) * g->n_sex + (size_t) si) * g->n_slots
                       + (size_t) ai;
            if (seen[i] != 0) {
                if (ck >= 0 || a == a_from)
                    diag_add(d, path, csv_line(&t, r), 1,
                             "duplicate row for%s%s%s%s%s age %ld (first at line %zu)",
                             ck >= 0 ? " kern " : "", ck >= 0 ? m->area[a] : "",
                             cs >= 0 ? ", sex " : "", cs >= 0 ? csv_text(&t, r, cs) : "",
                             cs >= 0 || ck >= 0 ? "," : "", age, seen[i]);
                break;
            }
            seen[i] = csv_line(&t, r);
            g->v[i] = v;
        }
    }
    if (gs->complete && diag_count(d) == before) {
        size_t missing = 0;
        for (size_t i = 0; i < cells; i++) {
            size_t slot = i % g->n_slots, rest = i / g->n_slots;
            if (seen[i] != 0 || (gs->required_slots > 0 && slot >= gs->required_slots))
                continue;
            if (missing < 5) {
                size_t sx = rest % g->n_sex, a = (rest / g->n_sex) % n_areas_g;
                size_t yi = rest / g->n_sex / n_areas_g;
                char ybuf[32] = "";
                if (cy >= 0)
                    snprintf(ybuf, sizeof ybuf, "year %d, ", g->years[yi]);
                diag_add(d, path, 0, 0, "missing row for %skern %s, sex %c, age %zu", ybuf,
                         m->area[a], gs->has_sex ? m->spec->sex[sx] : '-',
                         slot * (size_t) gs->age_step);
            }
            missing++;
        }
        if (missing > 5)
            diag_add(d, path, 0, 0, "... %zu missing rows in all (every %s%s%s age must be given once)",
                     missing, cy >= 0 ? "year x " : "", m->n_areas > 1 ? "kern x " : "",
                     gs->has_sex ? "sex x" : "");
    }
    if (!gs->complete && diag_count(d) == before)
        check_groups(m, path, g, cy >= 0, ck >= 0, cs >= 0, d);
    if (diag_count(d) > before)
        ret = LS_ECONFIG;
out:
    csv_free(&t);
    if (ret != LS_OK)
        grid_free(g);
    return ret;
}

static int
load_areas(model *m, diag *d)
{
    const model_spec *s = m->spec;
    size_t before = diag_count(d);

    m->n_tiers = s->n_tiers;
    m->tier = xcalloc(s->n_tiers + 1, sizeof *m->tier);
    for (size_t i = 0; i < s->n_tiers; i++)
        m->tier[i] = xstrdup(s->tiers[i]);
    if (s->kernen_file == NULL) {
        m->n_areas = s->n_kernen_inline;
        m->area = xcalloc(m->n_areas, sizeof *m->area);
        m->area_tier = xcalloc(m->n_areas, sizeof *m->area_tier);
        for (size_t i = 0; i < m->n_areas; i++) {
            m->area[i] = xstrdup(s->kernen_inline[i]);
            m->area_tier[i] = (size_t) -1; /* no tier */
            if (m->area[i][0] == '#')
                diag_add(d, s->path, s->kernen_at.line, s->kernen_at.col,
                         "kern %s begins with '#': a row of a table that begins with it "
                         "reads as a comment; rename the kern",
                         diag_quote(m->area[i]));
        }
        if (diag_count(d) > before)
            return LS_ECONFIG;
        if (m->n_areas == 0) {
            diag_add(d, LOC_FILE(s, s->kernen_at), s->kernen_at.line, s->kernen_at.col,
                     "geography.kernen must name at least one kern");
            return LS_ECONFIG;
        }
        return LS_OK;
    }
    {
        csv_table t;
        int ck, ct, cx, cy;
        int ret;
        note_input(m, s->kernen_file);
        ret = read_table(m, s->kernen_file, &t, d);
        if (ret != LS_OK) {
            csv_free(&t);
            return ret;
        }
        ck = csv_column(&t, "kern", 1, d);
        ct = csv_column(&t, "tier", s->n_tiers > 0, d); /* required with geography.tiers */
        cx = csv_column(&t, "x_km", 0, d);
        cy = csv_column(&t, "y_km", 0, d);
        if (ck < 0) {
            csv_free(&t);
            return LS_ECONFIG;
        }
        if ((cx >= 0) != (cy >= 0))
            diag_add(d, s->kernen_file, t.header.line, 1,
                     "give both x_km and y_km, or neither");
        m->has_coords = cx >= 0 && cy >= 0;
        m->area = xcalloc(t.n_rows + 1, sizeof *m->area);
        m->area_tier = xcalloc(t.n_rows + 1, sizeof *m->area_tier);
        m->x_km = xcalloc(t.n_rows + 1, sizeof *m->x_km);
        m->y_km = xcalloc(t.n_rows + 1, sizeof *m->y_km);
        for (size_t r = 0; r < t.n_rows; r++) {
            const char *name = csv_text(&t, r, ck);
            if (*name == '\0') {
                diag_add(d, s->kernen_file, csv_line(&t, r), csv_col(&t, r, ck),
                         "empty kern name");
                continue;
            }
            if (*name == '#') {
                diag_add(d, s->kernen_file, csv_line(&t, r), csv_col(&t, r, ck),
                         "kern %s begins with '#': a row of a table that begins with it "
                         "reads as a comment; rename the kern",
                         diag_quote(name));
                continue;
            }
            if (model_area_index(m, name) >= 0) {
                diag_add(d, s->kernen_file, csv_line(&t, r), csv_col(&t, r, ck),
                         "kern %s is listed twice", diag_quote(name));
                continue;
            }
            m->area_tier[m->n_areas] = (size_t) -1; /* no tier */
            if (ct >= 0 && (*csv_text(&t, r, ct) != '\0' || s->n_tiers > 0)) {
                /* an empty tier is no tier, unless geography.tiers asks for one */
                const char *tier = csv_text(&t, r, ct);
                size_t k;
                for (k = 0; k < m->n_tiers; k++)
                    if (strcmp(m->tier[k], tier) == 0)
                        break;
                if (k == m->n_tiers) {
                    if (s->n_tiers > 0)
                        diag_add(d, s->kernen_file, csv_line(&t, r), csv_col(&t, r, ct),
                                 "tier %s is not in geography.tiers", diag_quote(tier));
                    else {
                        m->tier = xreallocarray(m->tier, m->n_tiers + 2, sizeof *m->tier);
                        m->tier[m->n_tiers++] = xstrdup(tier);
                    }
                }
                m->area_tier[m->n_areas] = k;
            }
            if (m->has_coords) {
                if (csv_number(&t, r, cx, &m->x_km[m->n_areas], d) != LS_OK
                    || csv_number(&t, r, cy, &m->y_km[m->n_areas], d) != LS_OK)
                    continue;
            }
            m->area[m->n_areas++] = xstrdup(name);
        }
        if (t.n_rows == 0)
            diag_add(d, s->kernen_file, 0, 0, "no kernen listed");
        csv_free(&t);
    }
    return diag_count(d) > before ? LS_ECONFIG : LS_OK;
}

/* Resolves a number-or-map keyed by kern or tier into one value per area. */
static void
resolve_keyed(model *m, const keyed *k, const char *what, double *out, diag *d)
{
    for (size_t a = 0; a < m->n_areas; a++)
        out[a] = k->scalar;
    if (!k->is_map)
        return;
    /* Tiers first, then kernen, so a kern's own value wins. */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < k->n; i++) {
            long ai = model_area_index(m, k->name[i]);
            long ti = -1;
            for (size_t t = 0; t < m->n_tiers; t++)
                if (strcmp(m->tier[t], k->name[i]) == 0)
                    ti = (long) t;
            if (pass == 0 && ti >= 0) {
                for (size_t a = 0; a < m->n_areas; a++)
                    if (m->area_tier[a] == (size_t) ti)
                        out[a] = k->value[i];
            } else if (pass == 1 && ai >= 0)
                out[ai] = k->value[i];
            else if (pass == 1 && ti < 0)
                diag_add(d, LOC_FILE(m->spec, k->at[i]), k->at[i].line, k->at[i].col,
                         "%s names %s, which is neither a kern nor a tier", what,
                         diag_quote(k->name[i]));
        }
}

static int
load_life_table(model *m, diag *d)
{
    const model_spec *s = m->spec;
    csv_table t;
    int cs, ca, cq;
    size_t before = diag_count(d);
    int ret;
    size_t *seen = NULL;
    const size_t max_age = 130;

    note_input(m, s->life_table_file);
    ret = read_table(m, s->life_table_file, &t, d);
    if (ret != LS_OK)
        goto out;
    cs = csv_column(&t, "sex", 1, d);
    ca = csv_column(&t, "age", 1, d);
    cq = csv_column(&t, "qx", 1, d);
    if (diag_count(d) > before)
        goto out;
    /* Find the top age first. */
    m->n_qx = 0;
    for (size_t r = 0; r < t.n_rows; r++) {
        long age;
        if (csv_form_integer(t.form, csv_text(&t, r, ca), &age, NULL) == 0 && age >= 0
            && (size_t) age <= max_age
            && (size_t) age + 1 > m->n_qx)
            m->n_qx = (size_t) age + 1;
    }
    m->qx = xcalloc(m->n_sexes * (m->n_qx + 1), sizeof *m->qx);
    seen = xcalloc(m->n_sexes * (m->n_qx + 1), sizeof *seen);
    for (size_t r = 0; r < t.n_rows; r++) {
        long age;
        double q;
        int si = sex_index(m, csv_text(&t, r, cs));
        int bad = 0;
        if (si == -1) {
            diag_add(d, s->life_table_file, csv_line(&t, r), csv_col(&t, r, cs),
                     "sex must be M or F, found %s", diag_quote(csv_text(&t, r, cs)));
            bad = 1;
        }
        if (csv_integer(&t, r, ca, &age, d) != LS_OK)
            bad = 1;
        else if (age < 0 || (size_t) age > max_age) {
            diag_add(d, s->life_table_file, csv_line(&t, r), csv_col(&t, r, ca),
                     "age must be in [0, %zu], found %ld", max_age, age);
            bad = 1;
        }
        if (csv_number(&t, r, cq, &q, d) != LS_OK)
            bad = 1;
        else if (q < 0 || q > 1) {
            diag_add(d, s->life_table_file, csv_line(&t, r), csv_col(&t, r, cq),
                     "qx must be a probability in [0, 1], found %s", csv_text(&t, r, cq));
            bad = 1;
        }
        if (bad || si < 0)
            continue;
        if (seen[(size_t) si * m->n_qx + (size_t) age]) {
            diag_add(d, s->life_table_file, csv_line(&t, r), 1,
                     "duplicate row for sex %s, age %ld (first at line %zu)",
                     csv_text(&t, r, cs), age, seen[(size_t) si * m->n_qx + (size_t) age]);
            continue;
        }
        seen[(size_t) si * m->n_qx + (size_t) age] = csv_line(&t, r);
        m->qx[(size_t) si * m->n_qx + (size_t) age] = q;
    }
    if (diag_count(d) == before) {
        if (m->n_qx < (size_t) m->open)
            diag_add(d, s->life_table_file, 0, 0,
                     "the life table must give qx for ages 0..%d at least (ages.open - 1), "
                     "found ages up to %zu",
                     m->open - 1, m->n_qx == 0 ? 0 : m->n_qx - 1);
        for (size_t sx = 0; sx < m->n_sexes && diag_count(d) == before; sx++)
            for (size_t a = 0; a < m->n_qx; a++)
                if (!seen[sx * m->n_qx + a]) {
                    diag_add(d, s->life_table_file, 0, 0, "missing row for sex %c, age %zu",
                             s->sex[sx], a);
                    break;
                }
        /* The open age group is closed with the hazard of the last age given. */
        for (size_t sx = 0; sx < m->n_sexes && diag_count(d) == before; sx++)
            if (m->qx[sx * m->n_qx + m->n_qx - 1] <= 0)
                diag_add(d, s->life_table_file, seen[sx * m->n_qx + m->n_qx - 1], 1,
                         "qx at the last age given (%zu, sex %c) must be above 0: it closes the "
                         "table for the open age group, found 0",
                         m->n_qx - 1, s->sex[sx]);
        /* A life table whose mortality falls at old ages is almost surely a typo. */
        for (size_t sx = 0; sx < m->n_sexes && diag_count(d) == before; sx++)
            for (size_t a = 31; a < m->n_qx; a++)
                if (m->qx[sx * m->n_qx + a] + 1e-12 < m->qx[sx * m->n_qx + a - 1]
                    && m->qx[sx * m->n_qx + a] < 0.5 * m->qx[sx * m->n_qx + a - 1]) {
                    diag_add(d, s->life_table_file, seen[sx * m->n_qx + a], 1,
                             "qx for sex %c falls by more than half from age %zu to %zu "
                             "(%g -> %g): a life table must rise at adult ages",
                             s->sex[sx], a - 1, a, m->qx[sx * m->n_qx + a - 1],
                             m->qx[sx * m->n_qx + a]);
                    break;
                }
    }
    if (diag_count(d) > before)
        ret = LS_ECONFIG;
    if (ret == LS_OK && s->improvement_file != NULL) {
        /* Ratios are per single year of age, whatever the model's width. */
        grid_spec gs = grid_for("improvement", m);
        grid g = {0};
        ret = read_grid(m, s->improvement_file, &gs, &g, d);
        if (ret == LS_OK) {
            /* Ages the file does not give keep ratio 1. */
            m->n_imp_years = g.n_years;
            m->imp_years = g.years;
            g.years = NULL;
            m->imp_ratio = xcalloc(g.n_years * m->n_sexes * m->n_qx, sizeof *m->imp_ratio);
            for (size_t y = 0; y < g.n_years; y++)
                for (size_t sx = 0; sx < m->n_sexes; sx++)
                    for (size_t a = 0; a < m->n_qx; a++) {
                        const size_t i = ((y * m->n_areas + 0) * g.n_sex + sx) * g.n_slots + a;
                        m->imp_ratio[(y * m->n_sexes + sx) * m->n_qx + a] =
                            g.seen[i] ? g.v[i] : 1.0;
                    }
            if (m->imp_years[0] < 0) {
                diag_add(d, s->improvement_file, 0, 0, "missing column \"year\"");
                ret = LS_ECONFIG;
            }
        }
        grid_free(&g);
    }
out:
    free(seen);
    csv_free(&t);
    return ret;
}

static int
check_year_coverage(const model *m, const char *path, const int *years, size_t n, diag *d)
{
    if (years[0] >= 0 && years[0] > m->spec->base_year) {
        (void) n;
        diag_add(d, path, 0, 0,
                 "the first year given is %d, but the projection starts in %d: give rows for "
                 "the base year",
                 years[0], m->spec->base_year);
        return LS_ECONFIG;
    }
    return LS_OK;
}

static int
sums_to_one(const double *v, size_t n, double *sum)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += v[i];
    *sum = s;
    return fabs(s - 1.0) <= 1e-6;
}

/* Whether every area's block of each year equals the first area's, bit for bit. */
static int
rows_shared(const double *v, size_t n_years, size_t n_areas, size_t per)
{
    for (size_t y = 0; y < n_years; y++)
        for (size_t a = 1; a < n_areas; a++)
            if (memcmp(v + (y * n_areas + a) * per, v + y * n_areas * per,
                       per * sizeof *v) != 0)
                return 0;
    return 1;
}

static int
load_flow(model *m, const flow_spec *f, model_flow *mf, diag *d)
{
    const model_spec *s = m->spec;
    size_t before = diag_count(d);
    int ret = LS_OK;

    memset(mf, 0, sizeof *mf);
    mf->spec = f;
    if (f->source == FLOW_FROM_RATES || f->source == FLOW_FROM_COUNTS) {
        const int rates = f->source == FLOW_FROM_RATES;
        const int net = f->kind == FLOW_NET;
        /* The schema gives out-flow rates [0, 1]; in-flow rates may exceed 1 (they
         * multiply the destination's population); net values take either sign. */
        grid_spec gs = grid_for(rates ? "flow_rates" : "flow_counts", m);
        if (rates && (f->kind == FLOW_IMMIGRATION || f->kind == FLOW_DOMESTIC_IN))
            gs.vmax = 10;
        grid g = {0};
        if (net)
            gs.vmin = rates ? -1 : -HUGE_VAL;
        if (f->file == NULL)
            return LS_ECONFIG;
        ret = read_grid(m, f->file, &gs, &g, d);
        if (ret == LS_OK)
            ret = check_year_coverage(m, f->file, g.years, g.n_years, d);
        if (ret == LS_OK) {
            mf->n_years = g.n_years;
            mf->years = g.years;
            mf->values = g.v;
            mf->values_shared = rows_shared(g.v, g.n_years, m->n_areas, m->n_sexes * m->n_ages);
            g.years = NULL;
            g.v = NULL;
        }
        grid_free(&g);
    } else if (f->source == FLOW_FROM_TOTAL) {
        grid_spec gs = grid_for("profile", m);
        grid g = {0};
        double sum;
        if (f->profile == NULL)
            return LS_ECONFIG;
        ret = read_grid(m, f->profile, &gs, &g, d);
        if (ret == LS_OK) {
            /* read_grid replicates a kern-less table over areas; keep area 0. */
            mf->profile = xcalloc(m->n_sexes * m->n_ages, sizeof *mf->profile);
            memcpy(mf->profile, g.v, m->n_sexes * m->n_ages * sizeof *mf->profile);
            if (!sums_to_one(mf->profile, m->n_sexes * m->n_ages, &sum)) {
                diag_add(d, f->profile, 0, 0,
                         "the shares must sum to 1 (tolerance 1e-6) over every sex x age, "
                         "found %.9g",
                         sum);
                ret = LS_ECONFIG;
            }
        }
        grid_free(&g);
        if (f->distribution != NULL) {
            csv_table t;
            int ck, cs;
            note_input(m, f->distribution);
            if (read_table(m, f->distribution, &t, d) == LS_OK) {
                ck = csv_column(&t, "kern", 1, d);
                cs = csv_column(&t, "share", 1, d);
                if (ck >= 0 && cs >= 0) {
                    size_t *seen = xcalloc(m->n_areas, sizeof *seen);
                    mf->dist = xcalloc(m->n_areas, sizeof *mf->dist);
                    for (size_t r = 0; r < t.n_rows; r++) {
                        long a = model_area_index(m, csv_text(&t, r, ck));
                        double v;
                        if (a < 0) {
                            diag_add(d, f->distribution, csv_line(&t, r), csv_col(&t, r, ck),
                                     "unknown kern %s", diag_quote(csv_text(&t, r, ck)));
                            continue;
                        }
                        if (csv_number(&t, r, cs, &v, d) != LS_OK)
                            continue;
                        if (v < 0 || v > 1) {
                            diag_add(d, f->distribution, csv_line(&t, r), csv_col(&t, r, cs),
                                     "share must be in [0, 1], found %s", csv_text(&t, r, cs));
                            continue;
                        }
                        if (seen[a]) {
                            diag_add(d, f->distribution, csv_line(&t, r), 1,
                                     "duplicate row for kern %s (first at line %zu)",
                                     m->area[a], seen[a]);
                            continue;
                        }
                        seen[a] = csv_line(&t, r);
                        mf->dist[a] = v;
                    }
                    if (!sums_to_one(mf->dist, m->n_areas, &sum))
                        diag_add(d, f->distribution, 0, 0,
                                 "the shares must sum to 1 (tolerance 1e-6), found %.9g", sum);
                    free(seen);
                }
            }
            csv_free(&t);
        }
    }
    if (f->kind == FLOW_INTERNAL && m->n_areas < 2) {
        diag_add(d, LOC_FILE(s, f->where), f->where.line, f->where.col,
                 "flow %s: internal moves need at least two kernen",
                 diag_quote(f->name));
    } else if (f->kind == FLOW_INTERNAL) {
        mf->dest = xcalloc(m->n_areas * m->n_areas, sizeof *mf->dest);
        if (f->destinations == NULL) {
            if (!m->has_coords)
                diag_add(
                    d, LOC_FILE(s, f->where), f->where.line, f->where.col,
                    "flow %s: gravity destinations need x_km and y_km columns in the "
                    "kernen file",
                    diag_quote(f->name));
        } else {
            csv_table t;
            int co, cd, cs;
            note_input(m, f->destinations);
            if (read_table(m, f->destinations, &t, d) == LS_OK) {
                co = csv_column(&t, "origin", 1, d);
                cd = csv_column(&t, "destination", 1, d);
                cs = csv_column(&t, "share", 1, d);
                if (co >= 0 && cd >= 0 && cs >= 0) {
                    for (size_t r = 0; r < t.n_rows; r++) {
                        long o = model_area_index(m, csv_text(&t, r, co));
                        long de = model_area_index(m, csv_text(&t, r, cd));
                        double v;
                        if (o < 0 || de < 0) {
                            diag_add(d, f->destinations, csv_line(&t, r),
                                     csv_col(&t, r, o < 0 ? co : cd), "unknown kern %s",
                                     diag_quote(csv_text(&t, r, o < 0 ? co : cd)));
                            continue;
                        }
                        if (csv_number(&t, r, cs, &v, d) != LS_OK)
                            continue;
                        if (v < 0 || v > 1 || (o == de && v != 0)) {
                            diag_add(d, f->destinations, csv_line(&t, r), csv_col(&t, r, cs),
                                     o == de ? "a kern cannot move to itself: share must be 0, found %s"
                                             : "share must be in [0, 1], found %s",
                                     csv_text(&t, r, cs));
                            continue;
                        }
                        mf->dest[(size_t) o * m->n_areas + (size_t) de] = v;
                    }
                    for (size_t o = 0; o < m->n_areas; o++) {
                        double sum;
                        if (!sums_to_one(mf->dest + o * m->n_areas, m->n_areas, &sum))
                            diag_add(d, f->destinations, 0, 0,
                                     "shares from origin %s must sum to 1 (tolerance 1e-6), "
                                     "found %.9g",
                                     m->area[o], sum);
                    }
                }
            }
            csv_free(&t);
        }
    }
    if (diag_count(d) > before)
        ret = LS_ECONFIG;
    return ret;
}

/* Balanced gravity: flows between kernen proportional to pop(o) pop(d) / dist^decay
 * (distances below 1 km count as 1 km), so that at the base population every pair of
 * kernen exchanges as many movers each way and moves between kernen do not by
 * themselves empty villages or fill them. Destination shares follow from the flows
 * and the origin's out-rate is scaled by origin_mult so the municipal number of
 * moves equals what the rates give on average. */
static void
gravity_shares(model *m, model_flow *mf)
{
    const size_t n = m->n_areas, per = m->n_sexes * m->n_ages;
    double *pop = xcalloc(n, sizeof *pop), *z = xcalloc(n, sizeof *z);
    double total = 0, weighted = 0;

    for (size_t a = 0; a < n; a++)
        for (size_t i = 0; i < per; i++)
            pop[a] += m->base_pop[a * per + i];
    for (size_t o = 0; o < n; o++) {
        for (size_t de = 0; de < n; de++) {
            double w = 0;
            if (de != o) {
                double dx = m->x_km[o] - m->x_km[de], dy = m->y_km[o] - m->y_km[de];
                double dist = sqrt(dx * dx + dy * dy);
                if (dist < 1)
                    dist = 1;
                w = pop[de] / pow(dist, mf->spec->distance_decay);
            }
            mf->dest[o * n + de] = w;
            z[o] += w;
        }
        for (size_t de = 0; de < n; de++)
            mf->dest[o * n + de] = z[o] > 0 ? mf->dest[o * n + de] / z[o] : 0;
        total += pop[o];
        weighted += pop[o] * z[o];
    }
    mf->origin_mult = xcalloc(n, sizeof *mf->origin_mult);
    for (size_t o = 0; o < n; o++)
        mf->origin_mult[o] = weighted > 0 ? z[o] * total / weighted : 1;
    free(pop);
    free(z);
}

/* Reads a kern,VALUE table with every kern exactly once. */
static double *
read_per_kern(model *m, const char *path, const char *col, double vmin, double vmax, diag *d)
{
    csv_table t;
    size_t before = diag_count(d);
    double *v = NULL;
    size_t *seen = NULL;

    note_input(m, path);
    if (read_table(m, path, &t, d) != LS_OK)
        goto out;
    {
        int ck = csv_column(&t, "kern", 1, d), cv = csv_column(&t, col, 1, d);
        if (ck < 0 || cv < 0)
            goto out;
        v = xcalloc(m->n_areas, sizeof *v);
        seen = xcalloc(m->n_areas, sizeof *seen);
        for (size_t r = 0; r < t.n_rows; r++) {
            long a = model_area_index(m, csv_text(&t, r, ck));
            double x;
            if (a < 0) {
                diag_add(d, path, csv_line(&t, r), csv_col(&t, r, ck),
                         "unknown kern %s (not in geography.kernen)",
                         diag_quote(csv_text(&t, r, ck)));
                continue;
            }
            if (csv_number(&t, r, cv, &x, d) != LS_OK)
                continue;
            if (x < vmin || x > vmax) {
                diag_add(d, path, csv_line(&t, r), csv_col(&t, r, cv),
                         "column \"%s\" must be in [%g, %g], found %s", col, vmin, vmax,
                         csv_text(&t, r, cv));
                continue;
            }
            if (seen[a]) {
                diag_add(d, path, csv_line(&t, r), 1,
                         "duplicate row for kern %s (first at line %zu)", m->area[a], seen[a]);
                continue;
            }
            seen[a] = csv_line(&t, r);
            v[a] = x;
        }
        for (size_t a = 0; a < m->n_areas && diag_count(d) == before; a++)
            if (!seen[a])
                diag_add(d, path, 0, 0, "missing row for kern %s (every kern must be given once)",
                         m->area[a]);
    }
out:
    free(seen);
    csv_free(&t);
    if (diag_count(d) > before) {
        free(v);
        v = NULL;
    }
    return v;
}

/* Parses "2022:40;2023:55" into per-year units over first..last (units in the
 * form of the file t). */
static int
parse_schedule(const csv_table *t, const char *text, plan *p)
{
    char *copy = xstrdup(text), *save = NULL, *tok;
    int ret = 0, n = 0;
    int years[64];
    double units[64];

    for (tok = strtok_r(copy, ";", &save); tok != NULL && ret == 0;
         tok = strtok_r(NULL, ";", &save)) {
        char *colon = strchr(tok, ':');
        long y;
        double u;
        if (colon == NULL || n == 64) {
            ret = -1;
            break;
        }
        *colon = '\0';
        if (parse_integer(tok, &y) != 0 || csv_value(t, colon + 1, &u) != 0 || u < 0
            || y < 1800 || y > 2300)
            ret = -1;
        else {
            years[n] = (int) y;
            units[n] = u;
            n++;
        }
    }
    free(copy);
    if (ret != 0 || n == 0)
        return -1;
    p->first = p->last = years[0];
    for (int i = 1; i < n; i++) {
        if (years[i] < p->first)
            p->first = years[i];
        if (years[i] > p->last)
            p->last = years[i];
    }
    if (p->last - p->first > 100)
        return -1;
    p->per_year = xcalloc((size_t) (p->last - p->first + 1), sizeof *p->per_year);
    for (int i = 0; i < n; i++)
        p->per_year[years[i] - p->first] += units[i];
    return 0;
}

/* Spreads what is still to come of a plan (units - built) over its planned years from
 * the status year on: planned years already past move to the status year. With a
 * schedule, its entries from the status year on keep their proportions. */
static void
spread_remaining(plan *p, int status_year)
{
    const int first = p->first, last = p->last;
    const int f2 = first > status_year ? first : status_year;
    const int l2 = last > status_year ? last : status_year;
    double *v = xcalloc((size_t) (l2 - f2 + 1), sizeof *v);
    double later = 0;

    for (int y = f2; y <= last; y++)
        later += p->per_year[y - first];
    for (int y = f2; y <= l2; y++) {
        if (later > 0)
            v[y - f2] = y <= last ? p->units * p->per_year[y - first] / later : 0;
        else
            v[y - f2] = p->units / (double) (l2 - f2 + 1);
    }
    free(p->per_year);
    p->per_year = v;
    p->first = f2;
    p->last = l2;
}

/* Column indices of plans.csv. */
typedef struct {
    int id, name, kern, units, seg, phase, first, last, dem, sched, status, built;
} plan_cols;

/* The columns of a plans table (those FORMATS requires are required). */
static void
plan_columns(const csv_table *t, plan_cols *c, diag *d)
{
    c->id = csv_column(t, "plan_id", 1, d);
    c->name = csv_column(t, "name", 1, d);
    c->kern = csv_column(t, "kern", 1, d);
    c->units = csv_column(t, "units", 1, d);
    c->seg = csv_column(t, "segment", 1, d);
    c->phase = csv_column(t, "phase", 1, d);
    c->sched = csv_column(t, "schedule", 0, d);
    c->first = csv_column(t, "first_year", c->sched < 0, d);
    c->last = csv_column(t, "last_year", c->sched < 0, d);
    c->dem = csv_column(t, "demolitions", 1, d);
    c->status = csv_column(t, "status_date", 0, d);
    c->built = csv_column(t, "built", 0, d);
}

/* Reads one row of file into p (status date in *status: the row's status_date, else
 * dflt). Returns 0, or -1 with messages. */
static int
read_plan_row(model *m, const char *file, const csv_table *t, size_t r, const plan_cols *c,
              ls_date dflt, plan *p, ls_date *status, diag *d)
{
    const model_spec *s = m->spec;
    const char *ph = csv_text(t, r, c->phase);
    const char *sched = c->sched >= 0 ? csv_text(t, r, c->sched) : "";
    long a, first = 0, last = 0;
    int phase = -1, bad = 0;

    memset(p, 0, sizeof *p);
    p->line = csv_line(t, r);
    *status = dflt;
    if (c->status >= 0) {
        const char *st = csv_text(t, r, c->status);
        if (date_parse(st, 0, status, NULL) != 0 || !date_is_jan1(*status)) {
            diag_add(d, file, p->line, csv_col(t, r, c->status),
                     "status_date must be a 1 January (the plan list at the start of a year), "
                     "as 2025-01-01 or 1-1-2025, found %s",
                     diag_quote(st));
            bad = 1;
        }
    }
    p->id = xstrdup(csv_text(t, r, c->id));
    p->name = xstrdup(c->name >= 0 ? csv_text(t, r, c->name) : p->id);
    p->segment = xstrdup(c->seg >= 0 ? csv_text(t, r, c->seg) : "");
    if (*p->id == '\0') {
        diag_add(d, file, p->line, csv_col(t, r, c->id), "empty plan_id");
        bad = 1;
    }
    a = model_area_index(m, csv_text(t, r, c->kern));
    if (a < 0) {
        diag_add(d, file, p->line, csv_col(t, r, c->kern),
                 "unknown kern %s (not in geography.kernen)", diag_quote(csv_text(t, r, c->kern)));
        bad = 1;
    } else
        p->area = (size_t) a;
    phase = term_value(phase_terms, ph);
    if (term_value(completed_terms, ph) >= 0) {
        p->completed = 1;
        p->phase = PHASE_CONSTRUCTION; /* nothing is left to draw */
    } else if (phase < 0) {
        diag_add(d, file, p->line, csv_col(t, r, c->phase), "phase must be one of %s%s, found %s",
                 phase_choices, c->built >= 0 ? ", or completed (opgeleverd)" : "",
                 diag_quote(ph));
        bad = 1;
    } else if (!s->phase[phase].given) {
        if (strcmp(ph, phase_names[phase]) == 0)
            diag_add(d, file, p->line, csv_col(t, r, c->phase),
                     "phase %s has no probability and delay in pipeline.phases of %s", ph, s->path);
        else
            diag_add(d, file, p->line, csv_col(t, r, c->phase),
                     "phase %s (%s) has no probability and delay in pipeline.phases of %s",
                     diag_quote(ph), phase_names[phase], s->path);
        bad = 1;
    } else
        p->phase = (enum plan_phase) phase;
    if (csv_number(t, r, c->units, &p->total, d) != LS_OK)
        bad = 1;
    else if (p->total < 0 || p->total > 1e6) {
        diag_add(d, file, p->line, csv_col(t, r, c->units),
                 "units must be in [0, 1000000] dwellings, found %s", csv_text(t, r, c->units));
        bad = 1;
    }
    if (c->built >= 0 && *csv_text(t, r, c->built) != '\0') {
        if (csv_number(t, r, c->built, &p->built, d) != LS_OK)
            bad = 1;
        else if (!bad && (p->built < 0 || p->built > p->total)) {
            diag_add(d, file, p->line, csv_col(t, r, c->built),
                     "built must be in [0, units] (%g), found %s", p->total,
                     csv_text(t, r, c->built));
            bad = 1;
        }
    }
    if (!bad && p->completed && p->built != p->total) {
        diag_add(d, file, p->line, csv_col(t, r, c->phase),
                 "phase completed needs built = units (%g), found built %g", p->total, p->built);
        bad = 1;
    }
    p->units = p->total - p->built;
    if (c->dem >= 0) { /* an empty cell is an error, not 0 */
        if (csv_number(t, r, c->dem, &p->demolitions, d) != LS_OK)
            bad = 1;
        else if (p->demolitions < 0 || p->demolitions > 1e6) {
            diag_add(d, file, p->line, csv_col(t, r, c->dem),
                     "demolitions must be in [0, 1000000] dwellings, found %s",
                     csv_text(t, r, c->dem));
            bad = 1;
        }
    }
    if (*sched != '\0') {
        if (parse_schedule(t, sched, p) != 0) {
            diag_add(d, file, p->line, csv_col(t, r, c->sched),
                     "schedule must read YEAR:UNITS;YEAR:UNITS... (units >= 0), found %s",
                     diag_quote(sched));
            bad = 1;
        } else if (!bad) {
            double sum = 0;
            for (int y = p->first; y <= p->last; y++)
                sum += p->per_year[y - p->first];
            if (sum > p->total * (1 + 1e-9) + 1e-9 || sum < p->total * (1 - 1e-9) - 1e-9) {
                diag_add(d, file, p->line, csv_col(t, r, c->sched),
                         "the schedule adds up to %g units, but units says %g", sum, p->total);
                bad = 1;
            }
        }
    } else if (csv_integer(t, r, c->first, &first, d) != LS_OK
               || csv_integer(t, r, c->last, &last, d) != LS_OK)
        bad = 1;
    else if (first < 1800 || last > 2300 || last < first || last - first > 100) {
        diag_add(d, file, p->line, csv_col(t, r, c->last),
                 "delivery years must satisfy first_year <= last_year (within 100 years), "
                 "found %ld..%ld",
                 first, last);
        bad = 1;
    } else {
        p->first = (int) first;
        p->last = (int) last;
        p->per_year = xcalloc((size_t) (last - first + 1), sizeof *p->per_year);
        for (long y = first; y <= last; y++)
            p->per_year[y - first] = p->total / (double) (last - first + 1);
    }
    if (!bad && c->status < 0 && p->first < dflt.year) {
        if (dflt.year == s->base_year)
            diag_add(d, file, p->line, csv_col(t, r, c->first),
                     "delivery starts in %d, before the base year %d: give the plan's "
                     "remaining units from %d on (or give status_date and built)",
                     p->first, s->base_year, s->base_year);
        else
            diag_add(d, file, p->line, csv_col(t, r, c->first),
                     "delivery starts in %d, before the date of the plan list in use (1 "
                     "January %d): give the plan's remaining units from %d on",
                     p->first, dflt.year, dflt.year);
        bad = 1;
    }
    if (bad)
        return -1;
    p->planned_first = p->first;
    spread_remaining(p, status->year);
    return 0;
}

/* The snapshot of date, created when new (snapshots stay sorted by date). */
static plan_snapshot *
snapshot_of(model *m, ls_date date, size_t line)
{
    size_t i = 0;
    while (i < m->n_snapshots && date_cmp(m->snapshots[i].date, date) < 0)
        i++;
    if (i < m->n_snapshots && date_cmp(m->snapshots[i].date, date) == 0)
        return &m->snapshots[i];
    m->snapshots = xreallocarray(m->snapshots, m->n_snapshots + 1, sizeof *m->snapshots);
    memmove(m->snapshots + i + 1, m->snapshots + i,
            (m->n_snapshots - i) * sizeof *m->snapshots);
    m->n_snapshots++;
    memset(&m->snapshots[i], 0, sizeof m->snapshots[i]);
    m->snapshots[i].date = date;
    m->snapshots[i].line = line;
    return &m->snapshots[i];
}

/* The current snapshot (latest at or before the last observed date) and the base one
 * (latest at or before base_year). */
static int
choose_snapshots(model *m, diag *d)
{
    const model_spec *s = m->spec;
    const ls_date now = date_jan1(m->last_observed), base = date_jan1(s->base_year);
    long cur = -1, b = -1;
    char buf[16];

    for (size_t i = 0; i < m->n_snapshots; i++) {
        if (date_cmp(m->snapshots[i].date, now) <= 0)
            cur = (long) i;
        if (date_cmp(m->snapshots[i].date, base) <= 0)
            b = (long) i;
    }
    if (cur < 0) {
        diag_add(d, s->plans_file, m->n_snapshots ? m->snapshots[0].line : 0, 0,
                 "no plan list with a status_date on or before %s (the forecast starts then); "
                 "the earliest is %s",
                 date_format(now, buf),
                 m->n_snapshots ? date_format(m->snapshots[0].date, buf + 0) : "none");
        return LS_ECONFIG;
    }
    m->current_snapshot = (size_t) cur;
    m->base_snapshot = b >= 0 ? (size_t) b : (size_t) cur;
    m->has_base_snapshot = b >= 0;
    m->plans = m->snapshots[cur].plans;
    m->n_plans = m->snapshots[cur].n;
    return LS_OK;
}

static int
load_plans(model *m, diag *d)
{
    const model_spec *s = m->spec;
    csv_table t;
    size_t before = diag_count(d);
    plan_cols c;
    /* (plan index + 1, snapshot) by hash of plan_id and status date */
    size_t *seen_id = NULL, *seen_snap = NULL, hsize, hmask;

    model_note_input(m, s->plans_file);
    if (read_table(m, s->plans_file, &t, d) != LS_OK)
        goto out;
    plan_columns(&t, &c, d);
    if (diag_count(d) > before)
        goto out;
    for (hsize = 16; hsize < 2 * t.n_rows; hsize *= 2)
        ;
    hmask = hsize - 1;
    seen_id = xcalloc(hsize, sizeof *seen_id);
    seen_snap = xcalloc(hsize, sizeof *seen_snap);
    for (size_t r = 0; r < t.n_rows; r++) {
        plan p;
        ls_date status;
        plan_snapshot *sn;
        size_t h = 5381, code;
        int dup = 0;

        if (read_plan_row(m, s->plans_file, &t, r, &c, date_jan1(s->base_year), &p, &status,
                          d)
            != 0) {
            plan_free(&p);
            continue;
        }
        /* Open addressing on (id, status date): plan lists can have 100,000 rows. */
        code = (size_t) (status.year * 400 + status.month * 32 + status.day);
        for (const char *q = p.id; *q; q++)
            h = h * 33 + (unsigned char) *q;
        h = h * 33 + code;
        sn = snapshot_of(m, status, p.line);
        for (h &= hmask; seen_id[h] != 0; h = (h + 1) & hmask)
            if (seen_snap[h] == code && strcmp(sn->plans[seen_id[h] - 1].id, p.id) == 0) {
                diag_add(d, s->plans_file, p.line, csv_col(&t, r, c.id),
                         "duplicate plan_id %s (first at line %zu)", diag_quote(p.id),
                         sn->plans[seen_id[h] - 1].line);
                dup = 1;
                break;
            }
        if (dup) {
            plan_free(&p);
            continue;
        }
        sn->plans = xgrowarray(sn->plans, sn->n, sizeof *sn->plans);
        sn->plans[sn->n++] = p;
        seen_id[h] = sn->n;
        seen_snap[h] = code;
    }
    if (m->n_snapshots == 0)
        snapshot_of(m, date_jan1(s->base_year), 0); /* an empty list */
    if (diag_count(d) == before)
        (void) choose_snapshots(m, d);
out:
    free(seen_id);
    free(seen_snap);
    csv_free(&t);
    return diag_count(d) > before ? LS_ECONFIG : LS_OK;
}

/* The slot of id in seen (open addressing, plan index + 1): where it is, or the
 * empty slot it would take. */
static size_t
id_slot(const size_t *seen, size_t hmask, const plan *plans, const char *id)
{
    size_t h = 5381;
    for (const char *q = id; *q; q++)
        h = h * 33 + (unsigned char) *q;
    for (h &= hmask; seen[h] != 0; h = (h + 1) & hmask)
        if (strcmp(plans[seen[h] - 1].id, id) == 0)
            break;
    return h;
}

/* A scenario's add_plans: rows in the form of pipeline.plans, added to the
 * scenario's copy of the plan list in use (planedit.h); a row's status_date, when the
 * file has the column, must be that list's. A plan_id may appear once in the list and
 * the file together. */
static int
load_add_plans(model *m, const char *path, diag *d)
{
    const size_t before = diag_count(d);
    plan_snapshot *sn = planedit_list(m, d);
    csv_table t;
    plan_cols c;
    size_t *seen = NULL, hsize, hmask, n0;
    char b1[16], b2[16];

    if (sn == NULL)
        return LS_ECONFIG;
    n0 = sn->n;
    model_note_input(m, path);
    if (read_table(m, path, &t, d) != LS_OK)
        goto out;
    plan_columns(&t, &c, d);
    if (diag_count(d) > before)
        goto out;
    for (hsize = 16; hsize < 2 * (n0 + t.n_rows); hsize *= 2)
        ;
    hmask = hsize - 1;
    seen = xcalloc(hsize, sizeof *seen); /* plan index + 1 by hash of plan_id */
    for (size_t i = 0; i < n0; i++)
        seen[id_slot(seen, hmask, sn->plans, sn->plans[i].id)] = i + 1;
    for (size_t r = 0; r < t.n_rows; r++) {
        plan p;
        ls_date status;
        size_t h;

        if (read_plan_row(m, path, &t, r, &c, sn->date, &p, &status, d) != 0) {
            plan_free(&p);
            continue;
        }
        h = id_slot(seen, hmask, sn->plans, p.id);
        if (date_cmp(status, sn->date) != 0)
            diag_add(d, path, p.line, csv_col(&t, r, c.status),
                     "status_date %s: added plans join the plan list in use, of %s",
                     date_format(status, b1), date_format(sn->date, b2));
        else if (seen[h] != 0 && seen[h] - 1 < n0)
            diag_add(d, path, p.line, csv_col(&t, r, c.id),
                     "plan_id %s is already in %s (line %zu): change it under plans: instead",
                     diag_quote(p.id), m->spec->plans_file ? m->spec->plans_file : "",
                     sn->plans[seen[h] - 1].line);
        else if (seen[h] != 0)
            diag_add(d, path, p.line, csv_col(&t, r, c.id),
                     "duplicate plan_id %s (first at line %zu)", diag_quote(p.id),
                     sn->plans[seen[h] - 1].line);
        else {
            sn->plans = xreallocarray(sn->plans, sn->n + 1, sizeof *sn->plans);
            sn->plans[sn->n++] = p;
            seen[h] = sn->n;
            continue;
        }
        plan_free(&p);
    }
    m->plans = sn->plans;
    m->n_plans = sn->n;
out:
    free(seen);
    csv_free(&t);
    return diag_count(d) > before ? LS_ECONFIG : LS_OK;
}

static double *
read_sex_age(model *m, const char *path, const char *schema_id, int must_sum_one, diag *d)
{
    grid_spec gs = grid_for(schema_id, m);
    grid g = {0};
    double *v = NULL;
    if (read_grid(m, path, &gs, &g, d) == LS_OK) {
        double sum = 0;
        v = xcalloc(m->n_sexes * m->n_ages, sizeof *v);
        memcpy(v, g.v, m->n_sexes * m->n_ages * sizeof *v);
        if (must_sum_one && !sums_to_one(v, m->n_sexes * m->n_ages, &sum)) {
            diag_add(d, path, 0, 0,
                     "the shares must sum to 1 (tolerance 1e-6) over every sex x age, found %.9g",
                     sum);
            free(v);
            v = NULL;
        }
    }
    grid_free(&g);
    return v;
}

/* Whether a CSV reads cleanly and has the three columns (a quiet probe). */
static int
header_has(const char *path, const char *a, const char *b, const char *c)
{
    csv_table t;
    diag q;
    int ok;
    diag_init(&q);
    ok = csv_read(&t, path, path, &q) == LS_OK && csv_column(&t, a, 0, &q) >= 0
         && csv_column(&t, b, 0, &q) >= 0 && csv_column(&t, c, 0, &q) >= 0;
    csv_free(&t);
    diag_free(&q);
    return ok;
}

static int
load_housing(model *m, diag *d)
{
    const model_spec *s = m->spec;
    size_t before = diag_count(d);
    const size_t per = m->n_sexes * m->n_ages;

    m->has_housing = 1;
    {
        grid_spec gs = grid_for("headship", m);
        grid g = {0};
        grid_spec gi = gs;
        grid g2 = {0};
        gi.value_col = "institutional_share";
        gi.vunit = "share";
        if (s->headship_file != NULL && read_grid(m, s->headship_file, &gs, &g, d) == LS_OK) {
            m->headship = xcalloc(per, sizeof *m->headship);
            memcpy(m->headship, g.v, per * sizeof *m->headship);
        }
        /* The second column is checked even when the first has problems: all in one pass.
         * (Problems of the file itself, such as a missing sex column, show once.) */
        if (s->headship_file != NULL && (m->headship != NULL || header_has(s->headship_file, "sex", "age", "institutional_share"))
            && read_grid(m, s->headship_file, &gi, &g2, d) == LS_OK) {
            m->institutional = xcalloc(per, sizeof *m->institutional);
            memcpy(m->institutional, g2.v, per * sizeof *m->institutional);
        }
        grid_free(&g2);
        grid_free(&g);
    }
    if (s->headship_ratios_file != NULL) {
        grid_spec gs = grid_for("headship_ratios", m);
        grid g = {0};
        if (read_grid(m, s->headship_ratios_file, &gs, &g, d) == LS_OK
            && check_year_coverage(m, s->headship_ratios_file, g.years, g.n_years, d) == LS_OK) {
            /* read_grid replicates a kern-less table over areas; keep area 0 of each year. */
            m->n_hs_years = g.n_years;
            m->hs_years = g.years;
            g.years = NULL;
            m->hs_ratio = xcalloc(g.n_years * per, sizeof *m->hs_ratio);
            for (size_t y = 0; y < m->n_hs_years; y++)
                memcpy(m->hs_ratio + y * per, g.v + y * m->n_areas * per, per * sizeof *m->hs_ratio);
        }
        grid_free(&g);
    }
    if (s->households_base_file != NULL)
        m->hh_base = read_per_kern(m, s->households_base_file, "households", 0, 1e8, d);
    if (s->stock_file != NULL)
        m->stock0 = read_per_kern(m, s->stock_file, "dwellings", 0, 1e8, d);
    m->vacancy = xcalloc(m->n_areas, sizeof *m->vacancy);
    resolve_keyed(m, &s->vacancy, "dwellings.vacancy", m->vacancy, d);
    {
        /* A scenario's changes apply to a plan list that read without problems. */
        const size_t plans_before = diag_count(d);
        int plans_ok;
        if (s->plans_file != NULL)
            load_plans(m, d);
        plans_ok = diag_count(d) == plans_before;
        if (s->add_plans_file != NULL && plans_ok)
            load_add_plans(m, s->add_plans_file, d);
        if (s->n_plan_changes > 0 && plans_ok) {
            int ret = planedit_apply(m, d);
            (void) ret; /* the problems are in d */
        }
    }
    if (s->movers_file != NULL)
        m->movers = read_sex_age(m, s->movers_file, "movers", 0, d);
    else {
        m->movers = xcalloc(per, sizeof *m->movers);
        for (size_t i = 0; i < per; i++)
            m->movers[i] = 1;
    }
    if (s->in_movers_file != NULL)
        m->in_movers = read_sex_age(m, s->in_movers_file, "in_movers", 1, d);
    else if (m->base_pop != NULL) {
        double tot = 0;
        m->in_movers = xcalloc(per, sizeof *m->in_movers);
        for (size_t a = 0; a < m->n_areas; a++)
            for (size_t i = 0; i < per; i++)
                m->in_movers[i] += m->base_pop[a * per + i];
        for (size_t i = 0; i < per; i++)
            tot += m->in_movers[i];
        for (size_t i = 0; i < per; i++)
            m->in_movers[i] = tot > 0 ? m->in_movers[i] / tot : 0;
    }
    m->dist_km = xcalloc(m->n_areas * m->n_areas, sizeof *m->dist_km);
    for (size_t o = 0; o < m->n_areas; o++)
        for (size_t k = 0; k < m->n_areas; k++) {
            double dx = m->has_coords ? m->x_km[o] - m->x_km[k] : 0;
            double dy = m->has_coords ? m->y_km[o] - m->y_km[k] : 0;
            m->dist_km[o * m->n_areas + k] = sqrt(dx * dx + dy * dy);
        }
    /* Destinations by distance (ties by index), for nearest-first moves. */
    m->dist_order = xcalloc(m->n_areas * m->n_areas, sizeof *m->dist_order);
    for (size_t o = 0; o < m->n_areas; o++) {
        size_t *ord = m->dist_order + o * m->n_areas;
        const double *dd = m->dist_km + o * m->n_areas;
        for (size_t k = 0; k < m->n_areas; k++) {
            size_t j = k;
            while (j > 0 && (dd[ord[j - 1]] > dd[k] || (dd[ord[j - 1]] == dd[k] && ord[j - 1] > k))) {
                ord[j] = ord[j - 1];
                j--;
            }
            ord[j] = k;
        }
    }
    if (!m->has_coords && m->n_areas > 1 && isfinite(s->max_distance_km))
        diag_add(d, s->path, 0, 0,
                 "coupling.max_distance_km needs x_km and y_km columns in the kernen file");
    return diag_count(d) > before ? LS_ECONFIG : LS_OK;
}

int
model_load(model *self, const model_spec *spec, diag *d)
{
    size_t before = diag_count(d);
    int ret = LS_OK;

    memset(self, 0, sizeof *self);
    self->spec = spec;
    self->width = spec->width;
    self->open = spec->open;
    self->n_sexes = spec->n_sexes;
    self->n_ages = (size_t) (spec->open / spec->width) + 1;
    self->female = spec->sex[0] == 'F' ? 0 : 1;
    ret = load_areas(self, d);
    if (ret != LS_OK) {
        if (ret != LS_EIO)
            ret = LS_ECONFIG;
        goto out;
    }

    /* Base population. */
    {
        grid_spec gs = grid_for("population", self);
        grid g = {0};
        if (spec->population_file != NULL && read_grid(self, spec->population_file, &gs, &g, d) == LS_OK) {
            self->base_pop = g.v;
            g.v = NULL;
        }
        grid_free(&g);
    }
    /* Mortality. */
    self->smr = xcalloc(self->n_areas, sizeof *self->smr);
    resolve_keyed(self, &spec->smr, "mortality.smr", self->smr, d);
    if (spec->survival_file != NULL) {
        /* Rows 0..open are required; the within-open row (open + width) is optional. */
        grid_spec gs = grid_for("survival", self);
        grid g = {0};
        if (read_grid(self, spec->survival_file, &gs, &g, d) == LS_OK) {
            const size_t slots = g.n_slots;
            self->n_surv_years = g.n_years;
            self->surv_years = g.years;
            g.years = NULL;
            self->surv = g.v;
            g.v = NULL;
            for (size_t y = 0; y < self->n_surv_years; y++)
                for (size_t a = 0; a < self->n_areas; a++)
                    for (size_t sx = 0; sx < self->n_sexes; sx++) {
                        const size_t i = ((y * self->n_areas + a) * self->n_sexes + sx) * slots;
                        if (!g.seen[i + slots - 1])
                            self->surv[i + slots - 1] = self->surv[i + slots - 2];
                    }
            if (check_year_coverage(self, spec->survival_file, self->surv_years,
                                    self->n_surv_years, d) != LS_OK)
                ret = LS_ECONFIG;
        }
        grid_free(&g);
    } else if (spec->life_table_file != NULL) {
        if (load_life_table(self, d) == LS_OK && self->n_imp_years > 0)
            check_year_coverage(self, spec->improvement_file, self->imp_years,
                                self->n_imp_years, d);
    }
    /* Fertility. */
    {
        grid_spec gs = grid_for("asfr", self);
        grid g = {0};
        if (spec->asfr_file != NULL && read_grid(self, spec->asfr_file, &gs, &g, d) == LS_OK) {
            self->n_asfr_years = g.n_years;
            self->asfr_years = g.years;
            self->asfr = g.v;
            g.years = NULL;
            g.v = NULL;
            check_year_coverage(self, spec->asfr_file, self->asfr_years, self->n_asfr_years, d);
            if (!schedule_is_empty(&spec->tfr))
                for (size_t y = 0; y < self->n_asfr_years; y++)
                    for (size_t a = 0; a < self->n_areas; a++) {
                        double sum = 0;
                        for (size_t k = 0; k < self->n_ages; k++)
                            sum += self->asfr[(y * self->n_areas + a) * self->n_ages + k];
                        if (sum <= 0)
                            diag_add(d, spec->asfr_file, 0, 0,
                                     "fertility.tfr rescales the schedule, but the schedule "
                                     "for kern %s sums to 0",
                                     self->area[a]);
                    }
        }
        grid_free(&g);
    }
    self->fert_level = xcalloc(self->n_areas, sizeof *self->fert_level);
    resolve_keyed(self, &spec->fertility_level, "fertility.level", self->fert_level, d);
    /* Migration. */
    self->flows = xcalloc(spec->n_flows + 1, sizeof *self->flows);
    for (size_t i = 0; i < spec->n_flows; i++) {
        if (load_flow(self, &spec->flows[i], &self->flows[i], d) == LS_OK
            && spec->flows[i].kind == FLOW_INTERNAL && spec->flows[i].destinations == NULL
            && self->base_pop != NULL && self->has_coords)
            gravity_shares(self, &self->flows[i]);
        self->n_flows++;
    }
    {
        size_t internal = 0;
        for (size_t i = 0; i < spec->n_flows; i++)
            if (spec->flows[i].kind == FLOW_INTERNAL && ++internal == 2)
                diag_add(
                    d, LOC_FILE(spec, spec->flows[i].where), spec->flows[i].where.line,
                    spec->flows[i].where.col,
                    "only one flow of kind internal is allowed, found a second one (%s)",
                    diag_quote(spec->flows[i].name));
    }
    if (model_load_observations(self, d) != LS_OK)
        ret = LS_ECONFIG;
    /* The housing tables are checked even when the population is not (all problems in
     * one pass); load_housing needs no population. */
    if (spec->has_households && spec->has_dwellings)
        load_housing(self, d);
    /* Target scopes and allocations name tiers and kernen: check them here, so that
     * `landstad check` finds them too. */
    for (size_t i = 0; i < spec->n_targets; i++) {
        const target_spec *t = &spec->targets[i];
        int ok = strcmp(t->scope, "all") == 0 || strcmp(t->scope, "municipality") == 0
                 || model_area_index(self, t->scope) >= 0;
        for (size_t k = 0; k < self->n_tiers && !ok; k++)
            ok = strcmp(self->tier[k], t->scope) == 0;
        if (!ok)
            diag_add(
                d, LOC_FILE(spec, t->scope_at), t->scope_at.line, t->scope_at.col,
                "target %s: scope must be all, municipality, a tier or a kern, found %s",
                diag_quote(t->id), diag_quote(t->scope));
        for (size_t k = 0; k < t->explicit_alloc.n; k++)
            if (model_area_index(self, t->explicit_alloc.name[k]) < 0)
                diag_add(d, LOC_FILE(spec, t->explicit_alloc.at[k]), t->explicit_alloc.at[k].line, t->explicit_alloc.at[k].col,
                         "target %s: allocation names %s, which is not a kern", diag_quote(t->id),
                         diag_quote(t->explicit_alloc.name[k]));
    }
    if (self->n_areas > 0 && model_load_shares(self, d) != LS_OK)
        ret = LS_ECONFIG; /* its messages are counted below (LS_EIO when unreadable) */
    if (diag_count(d) > before)
        ret = self->n_io_errors == diag_count(d) - before ? LS_EIO : LS_ECONFIG;
out:
    return ret;
}

void
model_free(model *self)
{
    if (self == NULL)
        return;
    for (size_t i = 0; i < self->n_areas; i++)
        free(self->area[i]);
    free(self->area);
    free(self->area_tier);
    for (size_t i = 0; self->target_share != NULL && i < self->spec->n_targets; i++)
        free(self->target_share[i]);
    free(self->target_share);
    for (size_t i = 0; i < self->n_tiers; i++)
        free(self->tier[i]);
    free(self->tier);
    free(self->x_km);
    free(self->y_km);
    free(self->base_pop);
    free(self->surv_years);
    free(self->surv);
    free(self->qx);
    free(self->imp_years);
    free(self->imp_ratio);
    free(self->smr);
    free(self->asfr_years);
    free(self->asfr);
    free(self->fert_level);
    for (size_t i = 0; i < self->n_flows; i++) {
        model_flow *f = &self->flows[i];
        free(f->years);
        free(f->values);
        free(f->profile);
        free(f->dist);
        free(f->dest);
        free(f->origin_mult);
    }
    free(self->flows);
    free(self->hs_years);
    free(self->hs_ratio);
    free(self->headship);
    free(self->institutional);
    free(self->hh_base);
    free(self->stock0);
    free(self->vacancy);
    for (size_t i = 0; i < self->n_snapshots; i++)
        plan_snapshot_free(&self->snapshots[i]);
    plan_snapshot_free(&self->edited);
    free(self->snapshots);
    for (size_t i = 0; i < self->n_obs; i++)
        observation_free(&self->obs[i]);
    free(self->obs);
    free(self->movers);
    free(self->in_movers);
    free(self->dist_km);
    free(self->dist_order);
    for (size_t i = 0; i < self->n_inputs; i++)
        free(self->inputs[i]);
    free(self->inputs);
    free(self->input_info);
    free(self->input_form);
    memset(self, 0, sizeof *self);
}

/* a * b, or SIZE_MAX on overflow (which then stays SIZE_MAX). */
static size_t
mul_sat(size_t a, size_t b)
{
    size_t r;
    if (a == SIZE_MAX || b == SIZE_MAX || __builtin_mul_overflow(a, b, &r))
        return SIZE_MAX;
    return r;
}

static size_t
add_sat(size_t a, size_t b)
{
    size_t r;
    if (a == SIZE_MAX || b == SIZE_MAX || __builtin_add_overflow(a, b, &r))
        return SIZE_MAX;
    return r;
}

size_t
model_memory_estimate(const model *m)
{
    const model_spec *s = m->spec;
    const size_t years = (size_t) ((s->horizon - s->base_year) / s->width) + 1;
    const size_t cells = mul_sat(mul_sat(m->n_areas, m->n_sexes), m->n_ages);
    const size_t views = m->has_housing ? 2 : 1;
    size_t b = 0;

    /* population history and cohort components of each view */
    b = add_sat(b, mul_sat(mul_sat(views, years), mul_sat(cells, sizeof(double))));
    b = add_sat(b, mul_sat(mul_sat(views, years),
                           mul_sat(mul_sat(m->n_areas, m->n_sexes), 12 * sizeof(double))));
    /* life-table cache and per-step scratch (flows, survival) */
    b = add_sat(b, mul_sat(years, mul_sat(cells + m->n_areas * m->n_sexes, sizeof(double))));
    b = add_sat(b, mul_sat(12, mul_sat(cells, sizeof(double))));
    /* kern x kern tables: destinations, distances, order */
    b = add_sat(b, mul_sat(mul_sat(m->n_areas, m->n_areas), 4 * sizeof(double)));
    /* housing arrays per year and kern */
    if (m->has_housing)
        b = add_sat(b, mul_sat(mul_sat(years, m->n_areas), 16 * sizeof(double)));
    return b;
}
