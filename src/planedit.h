/* A scenario's changes to the plan list (the scenario key plans:, spec.h
 * plan_change), applied to the plans a model has read: edits and removals of plans
 * by id, and new plans for ids the list does not hold. Every problem is placed in
 * the scenario file; the list is left as far as it could be changed.
 *
 * Units and years as in pipeline.h. The plans belong to the model. */
#ifndef LS_PLANEDIT_H
#define LS_PLANEDIT_H

#include "error.h"
#include "model.h"

/* Applies m->spec's plan changes to m->plans, in the order given. */
int planedit_apply(model *m, diag *d) LS_WARN_UNUSED;

#endif
