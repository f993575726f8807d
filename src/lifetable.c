/* qx to survival ratios. The open interval is closed with a constant hazard equal
 * to the last age's, mu = -ln(1 - q), so that L = l / mu; this avoids inventing a
 * maximum age the data do not give. */
#include <config.h>

#include <math.h>
#include <stdlib.h>

#include "lifetable.h"
#include "util.h"

/* Person-years lived from exact age x to x+1, and the tail T beyond the last age. */
static void
single_year_L(const double *qx, size_t n_qx, double a0, double *L, double *l, double *tail)
{
    l[0] = 1.0;
    for (size_t x = 0; x < n_qx; x++) {
        const double q = qx[x] < 0 ? 0 : (qx[x] > 1 ? 1 : qx[x]);
        const double dx = l[x] * q;
        const double ax = x == 0 ? a0 : 0.5;
        l[x + 1] = l[x] - dx;
        L[x] = l[x + 1] + ax * dx;
    }
    {
        const double q = n_qx > 0 ? qx[n_qx - 1] : 1;
        if (q >= 1 || l[n_qx] <= 0)
            *tail = 0; /* the table is closed */
        else
            *tail = l[n_qx] / -log1p(-q);
    }
}

int
lifetable_survival(const double *qx, size_t n_qx, double a0, int width, int open, double *S)
{
    const size_t n_groups = (size_t) (open / width) + 1;
    double *L = xcalloc(n_qx + 1, sizeof *L), *l = xcalloc(n_qx + 2, sizeof *l);
    double *nL = xcalloc(n_groups, sizeof *nL);
    double tail;
    int ret = LS_OK;

    single_year_L(qx, n_qx, a0, L, l, &tail);
    /* nL of closed groups and T of the open group. */
    for (size_t g = 0; g + 1 < n_groups; g++)
        for (int k = 0; k < width; k++)
            nL[g] += L[g * (size_t) width + (size_t) k];
    for (size_t x = (size_t) open; x < n_qx; x++)
        nL[n_groups - 1] += L[x];
    nL[n_groups - 1] += tail;

    S[0] = nL[0] / (width * l[0]);
    for (size_t g = 1; g + 1 < n_groups; g++) {
        if (nL[g - 1] <= 0) {
            ret = LS_ERROR("no survivors", LS_ENUMERIC);
            goto out;
        }
        S[g] = nL[g] / nL[g - 1];
    }
    if (n_groups >= 2) {
        const double denom = nL[n_groups - 2] + nL[n_groups - 1];
        S[n_groups - 1] = denom > 0 ? nL[n_groups - 1] / denom : 0;
    }
    S[n_groups] = S[n_groups - 1];
    for (size_t g = 0; g <= n_groups; g++)
        if (!isfinite(S[g]) || S[g] < 0 || S[g] > 1 + 1e-12) {
            ret = LS_ERROR("survival ratio not a probability", LS_ENUMERIC);
            break;
        }
out:
    free(L);
    free(l);
    free(nL);
    return ret;
}

double
lifetable_e0(const double *qx, size_t n_qx, double a0)
{
    double *L = xcalloc(n_qx + 1, sizeof *L), *l = xcalloc(n_qx + 2, sizeof *l);
    double tail, e0 = 0;

    single_year_L(qx, n_qx, a0, L, l, &tail);
    for (size_t x = 0; x < n_qx; x++)
        e0 += L[x];
    e0 += tail;
    free(L);
    free(l);
    return e0;
}
