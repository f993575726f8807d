/* Edits, removals and additions of plans by a scenario. Delivery stays spread as the
 * plan had it when only units or a delay change; new delivery years spread the units
 * evenly, as plans.csv does without a schedule. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "planedit.h"
#include "terms.h"
#include "util.h"

static long
find_plan(const model *m, const char *id)
{
    for (size_t i = 0; i < m->n_plans; i++)
        if (strcmp(m->plans[i].id, id) == 0)
            return (long) i;
    return -1;
}

/* The closest plan id, for "did you mean"; NULL when none is close. */
static const char *
closest_id(const model *m, const char *id)
{
    const char *best = NULL;
    size_t best_d = strlen(id) / 3 + 1;
    for (size_t i = 0; i < m->n_plans; i++) {
        const size_t dd = edit_distance(id, m->plans[i].id);
        if (dd < best_d) {
            best_d = dd;
            best = m->plans[i].id;
        }
    }
    return best;
}

/* Units spread evenly over first..last. */
static void
spread(plan *p, int first, int last)
{
    free(p->per_year);
    p->first = first;
    p->last = last;
    p->per_year = xcalloc((size_t) (last - first + 1), sizeof *p->per_year);
    for (int y = first; y <= last; y++)
        p->per_year[y - first] = p->units / (double) (last - first + 1);
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

static int
check_start(const model *m, const plan_change *pc, const plan *p, loc at, diag *d)
{
    if (p->first >= m->spec->base_year)
        return 0;
    diag_add(d, LOC_FILE(m->spec, at), at.line, at.col,
             "plan %s: delivery would start in %d, before the base year %d", diag_quote(pc->id),
             p->first, m->spec->base_year);
    return -1;
}

static int
edit_plan(model *m, plan *p, const plan_change *pc, diag *d)
{
    size_t area = p->area;
    enum plan_phase phase = p->phase;
    int bad = 0;

    if ((pc->given & PC_KERN) && change_kern(m, pc, &area, d) != 0)
        bad = 1;
    if ((pc->given & PC_PHASE) && change_phase(m, pc, &phase, d) != 0)
        bad = 1;
    if (bad)
        return -1;
    p->area = area;
    p->phase = phase;
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
    if (pc->given & PC_UNITS) {
        /* The plan's own spread over its years, rescaled (evenly when it had none). */
        const double old = p->units;
        p->units = pc->units;
        if (old > 0)
            for (int y = p->first; y <= p->last; y++)
                p->per_year[y - p->first] *= pc->units / old;
        else
            spread(p, p->first, p->last);
    }
    if (pc->given & (PC_FIRST | PC_LAST)) {
        const int first = pc->given & PC_FIRST ? pc->first : p->first;
        const int last = pc->given & PC_LAST ? pc->last : p->last;
        if (last < first || last - first > 100) {
            diag_add(d, LOC_FILE(m->spec, pc->years_at), pc->years_at.line, pc->years_at.col,
                     "plan %s: delivery years must satisfy first_year <= last_year (within 100 "
                     "years), found %d..%d",
                     diag_quote(pc->id), first, last);
            return -1;
        }
        spread(p, first, last);
        return check_start(m, pc, p, pc->years_at, d);
    }
    if (pc->given & PC_DELAY) {
        p->first += pc->delay;
        p->last += pc->delay;
        return check_start(m, pc, p, pc->delay_at, d);
    }
    return 0;
}

static int
add_plan(model *m, const plan_change *pc, diag *d)
{
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
    p.units = pc->units;
    p.demolitions = pc->demolitions;
    p.scale = 1;
    spread(&p, pc->first, pc->last);
    if (check_start(m, pc, &p, pc->years_at, d) != 0) {
        plan_free(&p);
        return -1;
    }
    m->plans = xreallocarray(m->plans, m->n_plans + 1, sizeof *m->plans);
    m->plans[m->n_plans++] = p;
    return 0;
}

int
planedit_apply(model *m, diag *d)
{
    const model_spec *s = m->spec;
    const unsigned needed = PC_KERN | PC_UNITS | PC_PHASE | PC_FIRST | PC_LAST;
    const size_t before = diag_count(d);

    for (size_t c = 0; c < s->n_plan_changes; c++) {
        const plan_change *pc = &s->plan_changes[c];
        const long i = find_plan(m, pc->id);
        if (i < 0 && (pc->remove || (pc->given & needed) != needed || (pc->given & PC_DELAY))) {
            const char *near = closest_id(m, pc->id);
            if (near != NULL)
                diag_add(d, LOC_FILE(s, pc->id_at), pc->id_at.line, pc->id_at.col,
                         "plan %s is not in the plan list (%s): did you mean %s?",
                         diag_quote(pc->id), s->plans_file ? s->plans_file : "none",
                         diag_quote(near));
            else
                diag_add(d, LOC_FILE(s, pc->id_at), pc->id_at.line, pc->id_at.col,
                         "plan %s is not in the plan list (%s); a new plan needs kern, units, "
                         "phase, first_year and last_year",
                         diag_quote(pc->id), s->plans_file ? s->plans_file : "none");
        } else if (i < 0)
            (void) add_plan(m, pc, d);
        else if (pc->remove) {
            plan_free(&m->plans[i]);
            memmove(&m->plans[i], &m->plans[i + 1],
                    (m->n_plans - (size_t) i - 1) * sizeof *m->plans);
            m->n_plans--;
        } else
            (void) edit_plan(m, &m->plans[i], pc, d);
    }
    return diag_count(d) > before ? LS_ECONFIG : LS_OK;
}
