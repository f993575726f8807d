/* The Monte Carlo's hot loops (kernels.h). */
#include <config.h>

#include "kernels.h"

#define KD 4 /* destinations per block */

/* Four doubles; the unaligned form for loads and stores anywhere in an array. In a
 * clone without AVX the compiler splits it into two SSE2 halves, lane for lane. */
typedef double v4d __attribute__((vector_size(32)));
typedef double v4du __attribute__((vector_size(32), aligned(8)));

#define load4(p) (*(const v4du *) (p))
typedef double v2d __attribute__((vector_size(16)));
typedef double v2du __attribute__((vector_size(16), aligned(8)));
#define load2(p) (*(const v2du *) (p))
#define add4(p, v) (*(v4du *) (p) = *(const v4du *) (p) + (v))

/* kd destinations d0.. (kd 3 or 4, a constant where it is inlined), cells i..i+7:
 * each cell sums its origins in order from zero, then is added to dst. */
static inline __attribute__((always_inline)) void
moves_kx8(const double *wt, const double *src, size_t SS, double *dst, size_t n, size_t SA,
          size_t d0, size_t i, size_t kd)
{
    const double *w[KD];
    v4d a[KD], b[KD];

    for (size_t k = 0; k < kd; k++) {
        w[k] = wt + (d0 + k) * n;
        a[k] = b[k] = (v4d){0, 0, 0, 0};
    }
    for (size_t o = 0; o < n; o++) {
        const v4d x = load4(src + o * SS + i), y = load4(src + o * SS + i + 4);
        for (size_t k = 0; k < kd; k++) {
            a[k] += w[k][o] * x;
            b[k] += w[k][o] * y;
        }
    }
    for (size_t k = 0; k < kd; k++) {
        add4(dst + (d0 + k) * SA + i, a[k]);
        add4(dst + (d0 + k) * SA + i + 4, b[k]);
    }
}

/* kd destinations d0.. (kd 2 or 3, a constant where it is inlined), cells i..i+15:
 * twelve sums in flight, one broadcast weight serving four vectors. */
static inline __attribute__((always_inline)) void
moves_kx16(const double *wt, const double *src, size_t SS, double *dst, size_t n, size_t SA,
           size_t d0, size_t i, size_t kd)
{
    const double *w[3];
    v4d a[3][4];

    for (size_t k = 0; k < kd; k++) {
        w[k] = wt + (d0 + k) * n;
        for (int v = 0; v < 4; v++)
            a[k][v] = (v4d){0, 0, 0, 0};
    }
    for (size_t o = 0; o < n; o++) {
        const double *s = src + o * SS + i;
        const v4d x0 = load4(s), x1 = load4(s + 4), x2 = load4(s + 8), x3 = load4(s + 12);
        for (size_t k = 0; k < kd; k++) {
            const double c = w[k][o];
            a[k][0] += c * x0;
            a[k][1] += c * x1;
            a[k][2] += c * x2;
            a[k][3] += c * x3;
        }
    }
    for (size_t k = 0; k < kd; k++)
        for (int v = 0; v < 4; v++)
            add4(dst + (d0 + k) * SA + i + 4 * v, a[k][v]);
}

/* One destination, cells i..i+15: four independent sums in flight. */
static inline __attribute__((always_inline)) void
moves_1x16(const double *w, const double *src, size_t SS, double *dst, size_t n, size_t i)
{
    v4d a = {0, 0, 0, 0}, b = a, c = a, e = a;

    for (size_t o = 0; o < n; o++) {
        const double *s = src + o * SS + i;
        a += w[o] * load4(s);
        b += w[o] * load4(s + 4);
        c += w[o] * load4(s + 8);
        e += w[o] * load4(s + 12);
    }
    add4(dst + i, a);
    add4(dst + i + 4, b);
    add4(dst + i + 8, c);
    add4(dst + i + 12, e);
}

/* One destination, cells [i, SA): fewer than sixteen left. */
static inline __attribute__((always_inline)) void
moves_tail(const double *w, const double *src, size_t SS, double *dst, size_t n, size_t SA,
           size_t i)
{
    for (; i + 4 <= SA; i += 4) {
        v4d acc = {0, 0, 0, 0};
        for (size_t o = 0; o < n; o++)
            acc += w[o] * load4(src + o * SS + i);
        add4(dst + i, acc);
    }
    for (; i < SA; i++) {
        double acc = 0;
        for (size_t o = 0; o < n; o++)
            acc += w[o] * src[o * SS + i];
        dst[i] += acc;
    }
}

/* kd destinations d0.. (3 or 4), the last cells [i, SA) (fewer than eight): two at a
 * time in the lanes of a pair, then one. */
static inline __attribute__((always_inline)) void
moves_ktail(const double *wt, const double *src, size_t SS, double *dst, size_t n, size_t SA,
            size_t d0, size_t kd, size_t i)
{
    for (; i + 2 <= SA; i += 2) {
        v2d acc[4] = {{0, 0}, {0, 0}, {0, 0}, {0, 0}};
        for (size_t o = 0; o < n; o++) {
            const v2d x = load2(src + o * SS + i);
            for (size_t k = 0; k < kd; k++)
                acc[k] += wt[(d0 + k) * n + o] * x;
        }
        for (size_t k = 0; k < kd; k++)
            *(v2du *) (dst + (d0 + k) * SA + i) = load2(dst + (d0 + k) * SA + i) + acc[k];
    }
    for (; i < SA; i++) {
        double acc[4] = {0, 0, 0, 0};
        for (size_t o = 0; o < n; o++)
            for (size_t k = 0; k < kd; k++)
                acc[k] += wt[(d0 + k) * n + o] * src[o * SS + i];
        for (size_t k = 0; k < kd; k++)
            dst[(d0 + k) * SA + i] += acc[k];
    }
}

/* Cells in the outer loop: the 8 columns of all origins (n cache lines) stay in the
 * first-level cache while every block of destinations reads them. The destinations
 * go in blocks of four, and of three where four do not divide them (29 = 5 x 4 +
 * 3 x 3); below nine kernen, the ones left over (n mod 4) go sixteen cells at a time. */
LS_CLONES void
kern_moves(const double *wt, const double *src, size_t SS, double *dst, size_t n, size_t SA)
{
    const size_t r = n % KD, threes = r == 0 ? 0 : 4 - r;
    const int blocks3 = n >= 9; /* then 3 x threes <= n */
    const size_t n4 = blocks3 ? n - 3 * threes : n - r; /* destinations in blocks of four */
    const size_t nd = blocks3 ? n : n - r;              /* in blocks of four or three */
    size_t i = 0, i16;

    /* Sixteen cells at a time: destinations in threes, the one or two left over. */
    for (; i + 16 <= SA; i += 16) {
        size_t d = 0;
        for (; d + 3 <= n; d += 3)
            moves_kx16(wt, src, SS, dst, n, SA, d, i, 3);
        if (n - d == 2)
            moves_kx16(wt, src, SS, dst, n, SA, d, i, 2);
        else if (n - d == 1)
            moves_1x16(wt + d * n, src, SS, dst + d * SA, n, i);
    }
    i16 = i;
    for (; i + 8 <= SA; i += 8) {
        for (size_t d = 0; d < n4; d += KD)
            moves_kx8(wt, src, SS, dst, n, SA, d, i, KD);
        for (size_t d = n4; d < nd; d += 3)
            moves_kx8(wt, src, SS, dst, n, SA, d, i, 3);
    }
    for (size_t d = 0; d < n4 && i < SA; d += KD)
        moves_ktail(wt, src, SS, dst, n, SA, d, KD, i);
    for (size_t d = n4; d < nd && i < SA; d += 3)
        moves_ktail(wt, src, SS, dst, n, SA, d, 3, i);
    for (size_t d = nd; d < n; d++) {
        size_t j = i16;
        for (; j + 16 <= SA; j += 16)
            moves_1x16(wt + d * n, src, SS, dst + d * SA, n, j);
        moves_tail(wt + d * n, src, SS, dst + d * SA, n, SA, j);
    }
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

static inline __attribute__((always_inline)) void
survive_block(double *q, const double *p, const double *sv, size_t A)
{
    q[0] = 0;
    for (size_t x = 1; x < A; x++)
        q[x] = p[x - 1] * sv[x];
    q[A - 1] += p[A - 1] * sv[A];
}

LS_CLONES void
kern_survive_all(double *q, const double *p, const double *sv, size_t sv_area, size_t n,
                 size_t S, size_t A)
{
    for (size_t a = 0; a < n; a++)
        for (size_t s = 0; s < S; s++)
            survive_block(q + (a * S + s) * A, p + (a * S + s) * A,
                          sv + a * sv_area + s * (A + 1), A);
}

typedef long long v4di __attribute__((vector_size(32)));

/* One cell of kern_clip_rates where a flow is clipped: kern_clip_lean's arithmetic. */
static inline __attribute__((always_inline)) void
clip_cell(double *q, double *applied, double vi, double vd, double ve, double vo, double vn)
{
    const double want = ve + vo + vn;
    const double have = *q + vi + vd;
    const double f = want > have ? (have > 0 ? have / want : 0) : 1;
    const double left = have - f * want;
    *applied = f * vn;
    *q = left > 0 ? left : 0;
}

/* The five flows of four cells (kern_clip_rates' order). */
typedef struct {
    v4d vi, vd, ve, vo, vn;
} flows4;

/* The flows of cells i..i+3: r[k] g[k] b[k], the in-flows times kin. With tp (the
 * common shape of kern_clip_rates_tp) the in-flows' base is ones and the out-flows'
 * is b[2]: neither ones nor the same base is loaded again, and times 1 is the same
 * number; kin is NULL when it is ones (times 1 again). */
static inline __attribute__((always_inline)) void
flows_at(flows4 *f, const double *const r[5], const double g[5], const double *const b[5],
         const double *kin, size_t i, int tp)
{
    if (tp) {
        const v4d p = load4(b[2] + i);
        f->vi = load4(r[0] + i) * g[0];
        f->vd = load4(r[1] + i) * g[1];
        if (kin != NULL) {
            const v4d k = load4(kin + i);
            f->vi *= k;
            f->vd *= k;
        }
        /* tp 2: r[2] and r[3] already hold rate times level */
        f->ve = tp == 2 ? load4(r[2] + i) * p : load4(r[2] + i) * g[2] * p;
        f->vo = tp == 2 ? load4(r[3] + i) * p : load4(r[3] + i) * g[3] * p;
        f->vn = load4(r[4] + i) * g[4] * p;
    } else {
        const v4d k = load4(kin + i);
        f->vi = load4(r[0] + i) * g[0] * load4(b[0] + i) * k;
        f->vd = load4(r[1] + i) * g[1] * load4(b[1] + i) * k;
        f->ve = load4(r[2] + i) * g[2] * load4(b[2] + i);
        f->vo = load4(r[3] + i) * g[3] * load4(b[3] + i);
        f->vn = load4(r[4] + i) * g[4] * load4(b[4] + i);
    }
}

/* The lanes whose population before the out-flows is finite (-1 each). */
#define FINITE_LANES(have) ((have) - (have) == 0)

/* Cells i..i+3 when one of them is clipped: clip_cell lane by lane, the division
 * done in vector (its lanes that are not clipped are not used). Returns the cells
 * whose population before the out-flows is not finite. */
static inline __attribute__((always_inline)) size_t
clip_lanes_full(double *q, double *applied, const flows4 *f)
{
    const v4d one = {1, 1, 1, 1};
    const v4d want = f->ve + f->vo + f->vn;
    const v4d have = load4(q) + f->vi + f->vd;
    const v4di clip = want > have, fin = FINITE_LANES(have);
    const v4d k = (v4d) ((clip & (have > 0) & (v4di) (have / want)) | (~clip & (v4di) one));
    const v4d left = have - k * want;

    *(v4du *) q = (v4d) ((v4di) left & (left > 0));
    *(v4du *) applied = k * f->vn;
    return (size_t) (4 + fin[0] + fin[1] + fin[2] + fin[3]);
}

/* One cell, any case (the tail). */
static inline __attribute__((always_inline)) size_t
clip_rates_cell(double *q, double *applied, const double *const b[5], const double *const r[5],
                const double g[5], const double *kin, size_t i, int tp)
{
    const double bi = tp ? 1 : b[0][i], bd = tp ? 1 : b[1][i];
    const double k = kin != NULL ? kin[i] : 1;
    const double vi = r[0][i] * g[0] * bi * k, vd = r[1][i] * g[1] * bd * k;
    const double have = q[i] + vi + vd;

    const double ge = tp == 2 ? 1 : g[2], go = tp == 2 ? 1 : g[3]; /* times 1: the same */

    clip_cell(q + i, applied + i, vi, vd, r[2][i] * ge * b[2][i], r[3][i] * go * b[3][i],
              r[4][i] * g[4] * b[4][i]);
    return !(have - have == 0);
}

/* Groups of eight cells: when no cell of a group is clipped (have - want >= 0 in every
 * lane) and every population before the out-flows is finite, f = 1 and the results
 * are have - want and the internal out-movers themselves, the same bits as 1 x each;
 * any other group goes through clip_lanes_full, which also counts the cells that are
 * not finite (it gives those the same results as the fast path would). */
static inline __attribute__((always_inline)) size_t
clip_groups(double *q, double *applied, const double *const b[5], const double *const r[5],
            const double gg[5], const double *kin, size_t n, int tp)
{
    /* A copy no store can alias: the levels stay in registers. */
    const double g[5] = {gg[0], gg[1], gg[2], gg[3], gg[4]};
    size_t bad = 0, i = 0;

    for (; i + 8 <= n; i += 8) {
        flows4 f0, f1;
        flows_at(&f0, r, g, b, kin, i, tp);
        flows_at(&f1, r, g, b, kin, i + 4, tp);
        const v4d h0 = load4(q + i) + f0.vi + f0.vd, h1 = load4(q + i + 4) + f1.vi + f1.vd;
        const v4d d0 = h0 - (f0.ve + f0.vo + f0.vn), d1 = h1 - (f1.ve + f1.vo + f1.vn);
        /* clipped, or not finite (h - h is 0 only for a finite h) */
        const v4di c = (d0 < 0) | (d1 < 0) | (h0 - h0 != 0) | (h1 - h1 != 0);

        const v4di c2 = c | __builtin_shufflevector(c, c, 2, 3, 0, 1);
        if ((c2[0] | c2[1]) != 0) {
            bad += clip_lanes_full(q + i, applied + i, &f0);
            bad += clip_lanes_full(q + i + 4, applied + i + 4, &f1);
            continue;
        }
        *(v4du *) (q + i) = (v4d) ((v4di) d0 & (d0 > 0));
        *(v4du *) (q + i + 4) = (v4d) ((v4di) d1 & (d1 > 0));
        *(v4du *) (applied + i) = f0.vn;
        *(v4du *) (applied + i + 4) = f1.vn;
    }
    for (; i < n; i++)
        bad += clip_rates_cell(q, applied, b, r, g, kin, i, tp);
    return bad;
}

LS_CLONES size_t
kern_clip_rates(double *q, double *applied, const double *const b[5], const double *const r[5],
                const double g[5], const double *kin, size_t n)
{
    return clip_groups(q, applied, b, r, g, kin, n, 0);
}

LS_CLONES size_t
kern_clip_rates_tp(double *q, double *applied, const double *p, const double *const r[5],
                   const double g[5], const double *kin, size_t n, int leveled)
{
    const double *const b[5] = {NULL, NULL, p, p, p};
    if (leveled)
        return kin == NULL ? clip_groups(q, applied, b, r, g, NULL, n, 2)
                           : clip_groups(q, applied, b, r, g, kin, n, 2);
    if (kin == NULL)
        return clip_groups(q, applied, b, r, g, NULL, n, 1);
    return clip_groups(q, applied, b, r, g, kin, n, 1);
}

/* kern_dot2's sums of one area: eight lanes i mod 8, the tail, then the lanes. */
static inline __attribute__((always_inline)) void
dot2_finish(const v4d *a0, const v4d *a1, const v4d *b0, const v4d *b1, const double *w,
            const double *u, const double *v, size_t i, size_t n, double *dw, double *du)
{
    double sa = 0, sb = 0;

    for (; i < n; i++) {
        sa += w[i] * v[i];
        if (u != NULL)
            sb += u[i] * v[i];
    }
    for (int k = 0; k < 4; k++) {
        sa += (*a0)[k];
        sb += (*b0)[k];
    }
    for (int k = 0; k < 4; k++) {
        sa += (*a1)[k];
        sb += (*b1)[k];
    }
    *dw = sa;
    if (u != NULL)
        *du = sb;
}

/* Two areas side by side (rows p and q): eight chains of additions where kern_dot2 has
 * four; u NULL (only w.v wanted) is a constant of the inlined body. */
static inline __attribute__((always_inline)) void
dot2_pair(const double *w, const double *u, const double *p, const double *q, size_t per,
          double *dw, double *du)
{
    v4d a0 = {0, 0, 0, 0}, a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0;
    size_t i = 0;

    for (; i + 8 <= per; i += 8) {
        const v4d w0 = load4(w + i), w1 = load4(w + i + 4);
        const v4d x0 = load4(p + i), x1 = load4(p + i + 4);
        const v4d y0 = load4(q + i), y1 = load4(q + i + 4);
        a0 += w0 * x0;
        a1 += w1 * x1;
        c0 += w0 * y0;
        c1 += w1 * y1;
        if (u != NULL) {
            const v4d u0 = load4(u + i), u1 = load4(u + i + 4);
            b0 += u0 * x0;
            b1 += u1 * x1;
            d0 += u0 * y0;
            d1 += u1 * y1;
        }
    }
    dot2_finish(&a0, &a1, &b0, &b1, w, u, p, i, per, dw, du);
    dot2_finish(&c0, &c1, &d0, &d1, w, u, q, i, per, dw + 1, du != NULL ? du + 1 : NULL);
}

/* One row alone (the last of an odd number). */
static inline __attribute__((always_inline)) void
dot2_one(const double *w, const double *u, const double *p, size_t per, double *dw, double *du)
{
    v4d a0 = {0, 0, 0, 0}, a1 = a0, b0 = a0, b1 = a0;
    size_t i = 0;

    for (; i + 8 <= per; i += 8) {
        const v4d x0 = load4(p + i), x1 = load4(p + i + 4);
        a0 += load4(w + i) * x0;
        a1 += load4(w + i + 4) * x1;
        if (u != NULL) {
            b0 += load4(u + i) * x0;
            b1 += load4(u + i + 4) * x1;
        }
    }
    dot2_finish(&a0, &a1, &b0, &b1, w, u, p, i, per, dw, du);
}

LS_CLONES void
kern_dot2(const double *w, const double *u, const double *v, size_t n, double *dw, double *du)
{
    dot2_one(w, u, v, n, dw, du);
}

static inline __attribute__((always_inline)) void
dot2_areas(const double *w, const double *u, const double *v, size_t per, size_t n, double *dw,
           double *du)
{
    size_t a = 0;

    for (; a + 2 <= n; a += 2)
        dot2_pair(w, u, v + a * per, v + (a + 1) * per, per, dw + a, du != NULL ? du + a : NULL);
    for (; a < n; a++)
        dot2_one(w, u, v + a * per, per, dw + a, du != NULL ? du + a : NULL);
}

/* kern_dot2_areas of rows anywhere: rows[j], results in dw[j] (and du[j]). */
static inline __attribute__((always_inline)) void
dot2_rows(const double *w, const double *u, const double *const *rows, size_t k, size_t per,
          double *dw, double *du)
{
    size_t j = 0;

    for (; j + 2 <= k; j += 2)
        dot2_pair(w, u, rows[j], rows[j + 1], per, dw + j, du != NULL ? du + j : NULL);
    for (; j < k; j++)
        dot2_one(w, u, rows[j], per, dw + j, du != NULL ? du + j : NULL);
}

LS_CLONES void
kern_dot2_rows(const double *w, const double *u, const double *const *rows, size_t k, size_t per,
               double *dw, double *du)
{
    if (u == NULL)
        dot2_rows(w, NULL, rows, k, per, dw, NULL);
    else
        dot2_rows(w, u, rows, k, per, dw, du);
}

LS_CLONES void
kern_dot2_areas(const double *w, const double *u, const double *v, size_t per, size_t n,
                double *dw, double *du)
{
    if (u == NULL)
        dot2_areas(w, NULL, v, per, n, dw, NULL);
    else
        dot2_areas(w, u, v, per, n, dw, du);
}

/* kern_balance_add's body; ones (b[0], b[1] NULL: the in-flows from totals) leaves out
 * the times one. */
static inline __attribute__((always_inline)) void
balance_add(double *in, double *out, const double *const r[4], const double g[4],
            const double *const b[4], size_t n, int ones)
{
    const double *r0 = r[0], *r1 = r[1], *r2 = r[2], *r3 = r[3];
    const double *b0 = b[0], *b1 = b[1], *b2 = b[2], *b3 = b[3];
    const double g0 = g[0], g1 = g[1], g2 = g[2], g3 = g[3];
    size_t i = 0;

    for (; i + 4 <= n; i += 4) {
        if (ones)
            add4(in + i, load4(r0 + i) * g0 + load4(r1 + i) * g1);
        else
            add4(in + i,
                 load4(r0 + i) * g0 * load4(b0 + i) + load4(r1 + i) * g1 * load4(b1 + i));
        add4(out + i, load4(r2 + i) * g2 * load4(b2 + i) + load4(r3 + i) * g3 * load4(b3 + i));
    }
    for (; i < n; i++) {
        in[i] += ones ? r0[i] * g0 + r1[i] * g1 : r0[i] * g0 * b0[i] + r1[i] * g1 * b1[i];
        out[i] += r2[i] * g2 * b2[i] + r3[i] * g3 * b3[i];
    }
}

LS_CLONES void
kern_balance_add(double *in, double *out, const double *const r[4], const double g[4],
                 const double *const b[4], size_t n)
{
    if (b[0] == NULL && b[1] == NULL)
        balance_add(in, out, r, g, b, n, 1);
    else
        balance_add(in, out, r, g, b, n, 0);
}


/* The two lanes of `per` cells (per even) from p: {even cells, odd cells}, each in
 * order. */
static inline __attribute__((always_inline)) double
pair_sum1(const double *p, size_t per)
{
    v2d e = {0, 0};
    for (size_t i = 0; i + 2 <= per; i += 2)
        e += load2(p + i);
    return e[0] + e[1];
}

/* w.v in two lanes, {even cells, odd cells}, each in order, then the lanes added. */
static inline __attribute__((always_inline)) double
pair_dot1(const double *w, const double *v, size_t per)
{
    v2d e = {0, 0};
    size_t i = 0;
    double t;

    for (; i + 2 <= per; i += 2)
        e += load2(w + i) * load2(v + i);
    t = e[0] + e[1];
    if (i < per)
        t += w[i] * v[i];
    return t;
}

LS_CLONES void
kern_pair_dots(const double *w, const double *const *v, size_t k, size_t per, double *out)
{
    size_t j = 0;

    for (; j + 4 <= k; j += 4) {
        const double *v0 = v[j], *v1 = v[j + 1], *v2 = v[j + 2], *v3 = v[j + 3];
        v2d e0 = {0, 0}, e1 = e0, e2 = e0, e3 = e0;
        size_t i = 0;
        for (; i + 2 <= per; i += 2) {
            const v2d x = load2(w + i);
            e0 += x * load2(v0 + i);
            e1 += x * load2(v1 + i);
            e2 += x * load2(v2 + i);
            e3 += x * load2(v3 + i);
        }
        out[j] = e0[0] + e0[1];
        out[j + 1] = e1[0] + e1[1];
        out[j + 2] = e2[0] + e2[1];
        out[j + 3] = e3[0] + e3[1];
        if (i < per)
            for (int l = 0; l < 4; l++)
                out[j + l] += w[i] * v[j + l][i];
    }
    for (; j < k; j++)
        out[j] = pair_dot1(w, v[j], per);
}

/* Eight blocks side by side: eight chains of additions, none waiting on another. */
LS_CLONES void
kern_pair_sums(const double *p, size_t per, size_t n, double *t)
{
    size_t a = 0;

    for (; a + 8 <= n; a += 8) {
        const double *q = p + a * per;
        v2d e[8] = {{0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}};
        for (size_t i = 0; i + 2 <= per; i += 2)
            for (int k = 0; k < 8; k++)
                e[k] += load2(q + k * per + i);
        for (int k = 0; k < 8; k++)
            t[a + k] = e[k][0] + e[k][1];
    }
    for (; a < n; a++)
        t[a] = pair_sum1(p + a * per, per);
}

LS_CLONES double
kern_births_sum(const double *fx, const double *pf, const double *nf, size_t A)
{
    v4d l0 = {0, 0, 0, 0}, l1 = l0;
    double t = 0;
    size_t x = 0;

    for (; x + 8 <= A; x += 8) {
        l0 += load4(fx + x) * (load4(pf + x) + load4(nf + x));
        l1 += load4(fx + x + 4) * (load4(pf + x + 4) + load4(nf + x + 4));
    }
    for (; x < A; x++)
        t += fx[x] * (pf[x] + nf[x]);
    for (int k = 0; k < 4; k++)
        t += l0[k];
    for (int k = 0; k < 4; k++)
        t += l1[k];
    return t;
}

/* Four sums, each from zero in cell order, side by side so that none waits on another. */
static inline __attribute__((always_inline)) void
shares4(const double *m, const double *const *p, double *const *w, double *W, size_t per)
{
    const double *p0 = p[0], *p1 = p[1], *p2 = p[2], *p3 = p[3];
    double *w0 = w[0], *w1 = w[1], *w2 = w[2], *w3 = w[3];
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;

    for (size_t i = 0; i < per; i++) {
        const double x0 = m[i] * p0[i], x1 = m[i] * p1[i];
        const double x2 = m[i] * p2[i], x3 = m[i] * p3[i];
        w0[i] = x0;
        w1[i] = x1;
        w2[i] = x2;
        w3[i] = x3;
        s0 += x0;
        s1 += x1;
        s2 += x2;
        s3 += x3;
    }
    W[0] = s0;
    W[1] = s1;
    W[2] = s2;
    W[3] = s3;
}

LS_CLONES void
kern_mover_shares(const double *m, const double *const *p, double *const *w, double *W, size_t k,
                  size_t per)
{
    size_t j = 0;

    for (; j + 4 <= k; j += 4)
        shares4(m, p + j, w + j, W + j, per);
    for (; j < k; j++) {
        double s = 0;
        for (size_t i = 0; i < per; i++)
            s += w[j][i] = m[i] * p[j][i];
        W[j] = s;
    }
    for (j = 0; j < k; j++) {
        double *wj = w[j];
        const double s = W[j];
        if (s <= 0)
            continue;
        for (size_t i = 0; i < per; i++)
            wj[i] /= s;
    }
}

/* Four cells of kern_transfer: the moved persons (0 where none move). */
static inline __attribute__((always_inline)) void
transfer4(double *po, double *pd, const double *w, double k, v4d *moved)
{
    const v4d a = load4(w) * k, o = load4(po);
    const v4di gt = a > o;
    const v4d v = (v4d) ((gt & (v4di) o) | (~gt & (v4di) a));
    const v4di keep = ~(v <= 0); /* a NaN moves */

    *(v4du *) po = (v4d) ((keep & (v4di) (o - v)) | (~keep & (v4di) o));
    if (pd != NULL) {
        const v4d d = load4(pd);
        *(v4du *) pd = (v4d) ((keep & (v4di) (d + v)) | (~keep & (v4di) d));
    }
    *moved = (v4d) (keep & (v4di) v);
}

static inline __attribute__((always_inline)) double
transfer1(double *po, double *pd, double asked)
{
    double v = asked;
    if (v > *po)
        v = *po;
    if (v <= 0)
        return 0;
    *po -= v;
    if (pd != NULL)
        *pd += v;
    return v;
}

LS_CLONES void
kern_transfer(double *po, double *pd, const double *w, double k, size_t S, size_t A,
              double sum[2])
{
    double s0 = 0, s1 = 0;
    size_t x = 0;

    if (S == 2) {
        double *po1 = po + A, *pd1 = pd != NULL ? pd + A : NULL;
        const double *w1 = w + A;
        for (; x + 4 <= A; x += 4) {
            v4d a, b;
            transfer4(po + x, pd ? pd + x : NULL, w + x, k, &a);
            transfer4(po1 + x, pd1 ? pd1 + x : NULL, w1 + x, k, &b);
            for (int l = 0; l < 4; l++) {
                s0 += a[l];
                s1 += b[l];
            }
        }
        for (; x < A; x++) {
            s0 += transfer1(po + x, pd ? pd + x : NULL, w[x] * k);
            s1 += transfer1(po1 + x, pd1 ? pd1 + x : NULL, w1[x] * k);
        }
    } else {
        for (; x + 4 <= A; x += 4) {
            v4d a;
            transfer4(po + x, pd ? pd + x : NULL, w + x, k, &a);
            for (int l = 0; l < 4; l++)
                s0 += a[l];
        }
        for (; x < A; x++)
            s0 += transfer1(po + x, pd ? pd + x : NULL, w[x] * k);
    }
    sum[0] = s0;
    sum[1] = s1;
}

/* Four cells of kern_add: the persons added (0 where the amount is not > 0). */
static inline __attribute__((always_inline)) void
add4_kept(double *p, const double *w, double k, v4d *added)
{
    const v4d a = load4(w) * k, o = load4(p);
    const v4di keep = a > 0;

    *(v4du *) p = (v4d) ((keep & (v4di) (o + a)) | (~keep & (v4di) o));
    *added = (v4d) (keep & (v4di) a);
}

LS_CLONES void
kern_add(double *p, const double *w, double k, size_t S, size_t A, double sum[2])
{
    double s[2] = {0, 0};
    size_t x = 0;

    for (; x + 4 <= A; x += 4)
        for (size_t b = 0; b < S; b++) {
            v4d a;
            add4_kept(p + b * A + x, w + b * A + x, k, &a);
            for (int l = 0; l < 4; l++)
                s[b] += a[l];
        }
    for (; x < A; x++)
        for (size_t b = 0; b < S; b++) {
            const double a = w[b * A + x] * k;
            if (a > 0) {
                p[b * A + x] += a;
                s[b] += a;
            }
        }
    sum[0] = s[0];
    sum[1] = s[1];
}
