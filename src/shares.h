/* Explicit allocation shares of a target (targets[].allocation: shares): a CSV
 * kern,share whose shares lie in [0, 1] and add up to 1 (within 0.001, so that a
 * split written with three decimals, such as 0.333 three times, is accepted);
 * kernen not listed get 0. Read with the model, so that `landstad check` finds
 * their problems; the engines see only model.target_share. */
#ifndef LS_SHARES_H
#define LS_SHARES_H

#include "model.h"

#define SHARES_TOLERANCE 0.001

/* Fills self->target_share[i] for every target with allocation: shares (NULL for
 * the others). Located messages in d; LS_ECONFIG or LS_EIO on problems. */
int model_load_shares(model *self, diag *d) LS_WARN_UNUSED;

#endif
