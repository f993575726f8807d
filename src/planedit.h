/* A scenario's changes to the plan list (the scenario key plans:, spec.h
 * plan_change, and add_plans:), applied to a copy of the plan list a run uses (the
 * current snapshot of plans.csv, model.h): edits and removals of plans by id, and new
 * plans for ids the list does not hold. The snapshots themselves stay as read, so
 * that the history (what was built, how observed completions spread over kernen)
 * is the base's in every scenario.
 *
 * A change applies to what is still to come at the list's status date: a delay
 * moves the undelivered units, a removal drops them (what was built stays built),
 * units are the plan's total as in plans.csv (at least what was built). Every
 * problem is placed in the scenario file; the list is left as far as it could be
 * changed.
 *
 * Units and years as in pipeline.h. The plans belong to the model. */
#ifndef LS_PLANEDIT_H
#define LS_PLANEDIT_H

#include "error.h"
#include "model.h"

/* The scenario's own copy of the plan list in use (made on the first call, and
 * m->plans pointed at it); NULL with a message in d when the model has no plan list
 * for its last observed date. */
plan_snapshot *planedit_list(model *m, diag *d);

/* Applies m->spec's plan changes to planedit_list(m), in the order given. */
int planedit_apply(model *m, diag *d) LS_WARN_UNUSED;

#endif
