/* Life tables: single-year death probabilities qx -> survival ratios for age groups
 * of width n (MODEL.md section 3). Pure functions on caller-owned arrays. */
#ifndef LS_LIFETABLE_H
#define LS_LIFETABLE_H

#include <stddef.h>

#include "error.h"

/* qx: ages 0..n_qx-1 (single years; a probability each). a0: the part of the first
 * year lived by infants who die. Ages at and beyond n_qx follow the hazard of the
 * last age; a qx of 1 closes the table. width: group width (1 or 5); open: lower
 * bound of the open group (multiple of width, open <= n_qx).
 * S gets n_groups + 1 values, n_groups = open / width + 1:
 *   S[0] = nL0 / (n * l0)               survival of the step's births,
 *   S[k] = nL(k n) / nL((k-1) n)        k = 1 .. n_groups - 2,
 *   S[n_groups - 1] = T(open) / (nL(open - n) + T(open))  into the open group,
 *   S[n_groups] = the same, within the open group.
 * Returns LS_ENUMERIC if the table leaves no survivors where a ratio is needed. */
int lifetable_survival(const double *qx, size_t n_qx, double a0, int width, int open,
                       double *S) LS_WARN_UNUSED;

/* Life expectancy at birth of qx (same closing rule), for reports and tests. */
double lifetable_e0(const double *qx, size_t n_qx, double a0);

#endif
