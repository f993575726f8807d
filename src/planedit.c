/* Edits, removals and additions of plans by a scenario, on its own copy of the plan
 * list in use. Delivery of what is still to come keeps the plan's spread when only
 * units or a delay change; new delivery years spread it evenly from the list's status
 * year on, as plans.csv does. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "planedit.h"
#include "terms.h"
#include "util.h"

plan_snapshot *
planedit_list(model *m, diag *d)
{
    plan_snapshot *e = &m->edited;

    if (m->has_edited)
        return e;
    if (m->n_snapshots == 0) {
        /* No plans file: an empty list as of the last observed date. */
        e->date = date_jan1(m->last_observed > 0 ? m->last_observed : m->spec->base_year);
    } else if (m->current_snapshot >= m->n_snapshots) {
        diag_add(d, m->spec->plans_file, 0, 0, "no plan list in use");
        return NULL;
    } else {
        const plan_snapshot *cur = &m->snapshots[m->current_snapshot];
        e->date = cur->date;
        e->line = cur->line;
        e->n = cur->n;
        e->plans = xcalloc(cur->n + 1, sizeof *e->plans);
        for (size_t i = 0; i < cur->n; i++)
            plan_copy(&e->plans[i], &cur->plans[i]);
    }
    m->has_edited = 1;
    m->plans = e->plans;
    m->n_plans = e->n;
    return e;
}

static long
find_plan(const plan_snapshot *l, const char *id)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->plans[i].id, id) == 0)
            return (long) i;
    return -1;
}

/* The closest plan id, for "did you mean"; NULL when none is close. */
static const char *
closest_id(const plan_snapshot *l, const char *id)
{
    const char *best = NULL;
    size_t best_d = strlen(id) / 3 + 1;
    for (size_t i = 0; i < l->n; i++) {
        const size_t dd = edit_distance(id, l->plans[i].id);
        if (dd < best_d) {
            best_d = dd;
            best = l->plans[i].id;
        }
    }
    return best;
}

/* What is still to come (p->units) spread evenly over the planned years first..last,
 * years before the status year sy moved to it (as plans.csv is read). */
static void
spread(plan *p, int first, int last, int sy)
{
    const int f2 = first > sy ? first : sy, l2 = last > sy ? last : sy;
    free(p->per_year);
    p->first = f2;
    p->last = l2;
    p->per_year = xcalloc((size_t) (l2 - f2 + 1), sizeof *p->per_year);
    for (int y = f2; y <= l2; y++)
        p->per_year[y - f2] = p->units / (double) (l2 - f2 + 1);
}

/* Kern and phase of a change (when given) checked and looked up; -1 on a problem. */
static int
change_kern(const model *m, const plan_change *pc, size_t *area, diag *d)
{
    const long a = model_area_index(m, pc->kern);
    if (a < 0) {
        diag_add(d, LOC_FILE(m->spec, pc->kern_at), pc->kern_at.line, pc->kern_at.col,
                 "plan %s: unknown kern %s (not in geography.kernen)", diag_quote(pc->id),
                 diag_quote(pc->kern));
        return -1;
    }
    *area = (size_t) a;
    return 0;
}

static int
change_phase(const model *m, const plan_change *pc, enum plan_phase *phase, diag *d)
{
    const model_spec *s = m->spec;
    const int ph = term_value(phase_terms, pc->phase);
    if (ph < 0) {
        diag_add(d, LOC_FILE(s, pc->phase_at), pc->phase_at.line, pc->phase_at.col,
                 "plan %s: phase must be one of %s, found %s", diag_quote(pc->id), phase_choices,
                 diag_quote(pc->phase));
        return -1;
    }
    if (!s->phase[ph].given) {
        diag_add(d, LOC_FILE(s, pc->phase_at), pc->phase_at.line, pc->phase_at.col,
                 "plan %s: phase %s has no probability and delay in pipeline.phases",
                 diag_quote(pc->id), phase_names[ph]);
        return -1;
    }
    *phase = (enum plan_phase) ph;
    return 0;
}

/* What is still to come may not be delivered before the list's status year. */
static int
check_start(const model *m, const plan_change *pc, const plan *p, int sy, loc at, diag *d)
{
    if (p->first >= sy)
        return 0;
    diag_add(d, LOC_FILE(m->spec, at), at.line, at.col,
             "plan %s: delivery of what is still to come would start in %d, before 1 January %d "
             "(the date of the plan list in use)",
             diag_quote(pc->id), p->first, sy);
    return -1;
}

/* units: the plan's total as in plans.csv; what is still to come is units - built,
 * spread as the plan had it (evenly over its years when nothing was left). */
static int
change_units(const model *m, plan *p, const plan_change *pc, int sy, diag *d)
{
    const double old = p->units, left = pc->units - p->built;
    if (left < 0) {
        diag_add(d, LOC_FILE(m->spec, pc->where), pc->where.line, pc->where.col,
                 "plan %s: units must be at least what was built by 1 January %d (%g), found %g",
                 diag_quote(pc->id), sy, p->built, pc->units);
        return -1;
    }
    p->total = pc->units;
    p->units = left;
    if (old > 0)
        for (int y = p->first; y <= p->last; y++)
            p->per_year[y - p->first] *= left / old;
    else
        spread(p, p->first, p->last, sy);
    if (left > 0)
        p->completed = 0; /* more to build (a completed plan's phase is construction) */
    return 0;
}

static int
edit_plan(model *m, plan *p, const plan_change *pc, int sy, diag *d)
{
    size_t area = p->area;
    enum plan_phase phase = p->phase;
    int bad = 0;

    if ((pc->given & PC_KERN) && change_kern(m, pc, &area, d) != 0)
        bad = 1;
    if ((pc->given & PC_PHASE) && change_phase(m, pc, &phase, d) != 0)
        bad = 1;
    if ((pc->given & (PC_DELAY | PC_FIRST | PC_LAST | PC_PHASE)) && p->completed
        && !(pc->given & PC_UNITS)) {
        diag_add(d, LOC_FILE(m->spec, pc->where), pc->where.line, pc->where.col,
                 "plan %s is completed on 1 January %d (built = units = %g): nothing is left "
                 "to come",
                 diag_quote(pc->id), sy, p->built);
        bad = 1;
    }
    if (bad)
        return -1;
    p->area = area;
    if (pc->given & PC_NAME) {
        free(p->name);
        p->name = xstrdup(pc->name);
    }
    if (pc->given & PC_SEGMENT) {
        free(p->segment);
        p->segment = xstrdup(pc->segment);
    }
    if (pc->given & PC_DEMOLITIONS)
        p->demolitions = pc->demolitions;
    if ((pc->given & PC_UNITS) && change_units(m, p, pc, sy, d) != 0)
        return -1;
    if (pc->given & PC_PHASE)
        p->phase = phase;
    if (pc->given & (PC_FIRST | PC_LAST)) {
        const int first = pc->given & PC_FIRST ? pc->first : p->planned_first;
        const int last = pc->given & PC_LAST ? pc->last : p->last;
        if (last < first || last - first > 100) {
            diag_add(d, LOC_FILE(m->spec, pc->years_at), pc->years_at.line, pc->years_at.col,
                     "plan %s: delivery years must satisfy first_year <= last_year (within 100 "
                     "years), found %d..%d",
                     diag_quote(pc->id), first, last);
            return -1;
        }
        p->planned_first = first;
        spread(p, first, last, sy);
    }
    if (pc->given & PC_DELAY) {
        p->first += pc->delay;
        p->last += pc->delay;
        p->planned_first += pc->delay;
        return check_start(m, pc, p, sy, pc->delay_at, d);
    }
    return 0;
}

static int
add_plan(model *m, plan_snapshot *l, const plan_change *pc, diag *d)
{
    const int sy = l->date.year;
    plan p;
    int bad = 0;

    memset(&p, 0, sizeof p);
    if (change_kern(m, pc, &p.area, d) != 0)
        bad = 1;
    if (change_phase(m, pc, &p.phase, d) != 0)
        bad = 1;
    if (pc->last < pc->first)
        bad = 1; /* reported by the model file's check */
    if (bad)
        return -1;
    p.id = xstrdup(pc->id);
    p.name = xstrdup(pc->given & PC_NAME ? pc->name : pc->id);
    p.segment = xstrdup(pc->given & PC_SEGMENT ? pc->segment : "");
    p.units = p.total = pc->units;
    p.demolitions = pc->demolitions;
    p.planned_first = pc->first;
    p.first = pc->first;
    p.last = pc->last;
    /* A new plan has built nothing: it cannot deliver before the list's date. */
    if (check_start(m, pc, &p, sy, pc->years_at, d) != 0) {
        plan_free(&p);
        return -1;
    }
    spread(&p, pc->first, pc->last, sy);
    l->plans = xreallocarray(l->plans, l->n + 1, sizeof *l->plans);
    l->plans[l->n++] = p;
    return 0;
}

static void
unknown_plan(const model_spec *s, const plan_snapshot *l, const plan_change *pc, diag *d)
{
    const char *near = closest_id(l, pc->id);
    char date[16];
    date_format(l->date, date);
    if (near != NULL)
        diag_add(d, LOC_FILE(s, pc->id_at), pc->id_at.line, pc->id_at.col,
                 "plan %s is not in the plan list in use (%s of %s): did you mean %s?",
                 diag_quote(pc->id), s->plans_file ? s->plans_file : "none", date,
                 diag_quote(near));
    else
        diag_add(d, LOC_FILE(s, pc->id_at), pc->id_at.line, pc->id_at.col,
                 "plan %s is not in the plan list in use (%s of %s); a new plan needs kern, "
                 "units, phase, first_year and last_year",
                 diag_quote(pc->id), s->plans_file ? s->plans_file : "none", date);
}

int
planedit_apply(model *m, diag *d)
{
    const model_spec *s = m->spec;
    const unsigned needed = PC_KERN | PC_UNITS | PC_PHASE | PC_FIRST | PC_LAST;
    const size_t before = diag_count(d);
    plan_snapshot *l = planedit_list(m, d);

    if (l == NULL)
        return LS_ECONFIG;
    for (size_t c = 0; c < s->n_plan_changes; c++) {
        const plan_change *pc = &s->plan_changes[c];
        const long i = find_plan(l, pc->id);
        if (i < 0 && (pc->remove || (pc->given & needed) != needed || (pc->given & PC_DELAY)))
            unknown_plan(s, l, pc, d);
        else if (i < 0)
            (void) add_plan(m, l, pc, d);
        else if (pc->remove) {
            /* What is still to come goes; what was built is in the observations. */
            plan_free(&l->plans[i]);
            memmove(&l->plans[i], &l->plans[i + 1], (l->n - (size_t) i - 1) * sizeof *l->plans);
            l->n--;
        } else
            (void) edit_plan(m, &l->plans[i], pc, l->date.year, d);
    }
    m->plans = l->plans;
    m->n_plans = l->n;
    return diag_count(d) > before ? LS_ECONFIG : LS_OK;
}
