/* The Monte Carlo's hot loops (kernels.h). */
#include <config.h>

#include "kernels.h"

#define KD 4 /* destinations per block */

/* Four doubles; the unaligned form for loads and stores anywhere in an array. In a
 * clone without AVX the compiler splits it into two SSE2 halves, lane for lane. */
typedef double v4d __attribute__((vector_size(32)));
typedef double v4du __attribute__((vector_size(32), aligned(8)));

#define load4(p) (*(const v4du *) (p))
#define add4(p, v) (*(v4du *) (p) = *(const v4du *) (p) + (v))

/* One destination, cells [i, SA): the rest of the blocked loop. */
static inline __attribute__((always_inline)) void
moves_one(const double *w, const double *src, double *dst, size_t n, size_t SA, size_t i)
{
    for (; i + 4 <= SA; i += 4) {
        v4d acc = {0, 0, 0, 0};
        for (size_t o = 0; o < n; o++)
            acc += w[o] * load4(src + o * SA + i);
        add4(dst + i, acc);
    }
    for (; i < SA; i++) {
        double acc = 0;
        for (size_t o = 0; o < n; o++)
            acc += w[o] * src[o * SA + i];
        dst[i] += acc;
    }
}

LS_CLONES void
kern_moves(const double *wt, const double *src, double *dst, size_t n, size_t SA)
{
    size_t d = 0;

    for (; d + KD <= n; d += KD) {
        const double *w0 = wt + d * n, *w1 = w0 + n, *w2 = w1 + n, *w3 = w2 + n;
        size_t i = 0;
        for (; i + 8 <= SA; i += 8) {
            v4d a0 = {0, 0, 0, 0}, b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0,
                b3 = a0;
            for (size_t o = 0; o < n; o++) {
                const v4d x = load4(src + o * SA + i), y = load4(src + o * SA + i + 4);
                a0 += w0[o] * x;
                b0 += w0[o] * y;
                a1 += w1[o] * x;
                b1 += w1[o] * y;
                a2 += w2[o] * x;
                b2 += w2[o] * y;
                a3 += w3[o] * x;
                b3 += w3[o] * y;
            }
            add4(dst + d * SA + i, a0);
            add4(dst + d * SA + i + 4, b0);
            add4(dst + (d + 1) * SA + i, a1);
            add4(dst + (d + 1) * SA + i + 4, b1);
            add4(dst + (d + 2) * SA + i, a2);
            add4(dst + (d + 2) * SA + i + 4, b2);
            add4(dst + (d + 3) * SA + i, a3);
            add4(dst + (d + 3) * SA + i + 4, b3);
        }
        if (i < SA)
            for (size_t j = 0; j < KD; j++)
                moves_one(wt + (d + j) * n, src, dst + (d + j) * SA, n, SA, i);
    }
    for (; d < n; d++)
        moves_one(wt + d * n, src, dst + d * SA, n, SA, 0);
}

/* The same arithmetic as cohort.c's apply_migration, cell by cell. */
LS_CLONES size_t
kern_clip_lean(double *p, double *applied, const double *imm, const double *din,
               const double *emi, const double *dout, const double *iout, double h,
               size_t cells)
{
    size_t bad = 0;

    for (size_t i = 0; i < cells; i++) {
        const double vi = h * imm[i], vd = h * din[i];
        const double ve = h * emi[i], vo = h * dout[i];
        const double vn = h * iout[i];
        const double want = ve + vo + vn;
        const double have = p[i] + vi + vd;
        const double f = want > have ? (have > 0 ? have / want : 0) : 1;
        const double left = have - f * want;
        bad += !(have - have == 0);
        applied[i] = f * vn;
        p[i] = left > 0 ? left : 0;
    }
    return bad;
}

LS_CLONES void
kern_flow_rates(double *d, const double *v, double g, const double *p, size_t n, int first)
{
    /* Assigning gives what 0 + x gave, except that a -0 stays -0, which no later
     * sum or comparison of the step tells from +0. */
    if (first)
        for (size_t i = 0; i < n; i++)
            d[i] = v[i] * g * p[i];
    else
        for (size_t i = 0; i < n; i++)
            d[i] += v[i] * g * p[i];
}

LS_CLONES void
kern_survival_level(double *dst, const double *src, double k, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const double v = 1 - k * (1 - src[i]);
        dst[i] = v < 0 ? 0 : (v > 1 ? 1 : v);
    }
}

LS_CLONES void
kern_scale(double *dst, const double *src, double k, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = src[i] * k;
}

LS_CLONES void
kern_survive(double *q, const double *p, const double *sv, size_t A)
{
    q[0] = 0;
    for (size_t x = 1; x < A; x++)
        q[x] = p[x - 1] * sv[x];
    q[A - 1] += p[A - 1] * sv[A];
}
