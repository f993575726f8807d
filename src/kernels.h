/* The hot loops of the Monte Carlo, compiled for several instruction sets and chosen
 * at run time (GCC target_clones), so that the default build runs as fast as one
 * built with -march=native and still runs on any x86-64.
 *
 * Every kernel here keeps the order of its floating-point operations fixed in the
 * source (no reductions the compiler may reorder, no contraction: the build is ISO
 * C, -ffp-contract=off), so every clone gives the same bits as the default one. */
#ifndef LS_KERNELS_H
#define LS_KERNELS_H

#include <stddef.h>

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) \
    && !defined(__SANITIZE_ADDRESS__)
#define LS_CLONES __attribute__((target_clones("default", "avx", "avx2")))
#else
#define LS_CLONES
#endif
/* The moves between kernen: dst[d][i] += sum over o of wt[d][o] src[o][i], for n
 * areas of SA cells, src's rows SS >= SA cells apart (a stride of whole cache lines
 * from an aligned start keeps its loads within lines); wt is the share matrix
 * transposed. Each destination cell sums
 * its origins in order o = 0..n-1 from zero, then is added to dst (the order the
 * reference loop used), blocked over four destinations and eight cells so that one
 * load serves four multiply-adds. */
void kern_moves(const double *wt, const double *src, size_t SS, double *dst, size_t n,
                size_t SA);

/* One clip pass for a run that keeps no components: h times each flow is applied to
 * p (in place), out-flows scaled down to what is there, the internal out-movers
 * written to applied. An absent flow is passed as an array of zeros. Returns the number of cells
 * whose population before the out-flows was not finite (the caller's NaN check:
 * the clip would turn a NaN into 0). */
size_t kern_clip_lean(double *p, double *applied, const double *imm, const double *din,
                      const double *emi, const double *dout, const double *iout, double h,
                      size_t cells);

/* The migrants of one area for a lean step, computed in the clip pass (no flow
 * arrays): flow k of cell i is r[k][i] g[k] b[k][i], where b[k] is the population at
 * the start of the step for a flow from rates and an array of ones for one from a
 * total (r its age profile); the in-flows (k = 0, 1: immigration, domestic in) also
 * times kin[i] (the balance of a zero-migration run; ones otherwise), the out-flows
 * k = 2, 3, 4 (emigration, domestic out, internal out). They are applied to q in place
 * as kern_clip_lean applies flow arrays with h = 1, with the same bits: an absent flow
 * is a zero rate. The division runs only in groups of cells where a flow is clipped.
 * Returns the number of cells whose population before the out-flows is not finite. */
size_t kern_clip_rates(double *q, double *applied, const double *const b[5],
                       const double *const r[5], const double g[5], const double *kin,
                       size_t n);
/* kern_clip_rates for the common shape: the in-flows from totals (no base: r[0], r[1]
 * are age profiles) and the three out-flows from rates on the start population p
 * (b[2] = b[3] = b[4] = p); the same bits with fewer loads. kin NULL: ones. With
 * leveled, r[2] and r[3] already hold r[k][i] g[k] (computed once for all areas that
 * share a row and a level; g[2] and g[3] are not read): the same products. */
size_t kern_clip_rates_tp(double *q, double *applied, const double *p, const double *const r[5],
                          const double g[5], const double *kin, size_t n, int leveled);

/* The sums over kernen of a zero-migration balance, one area at a time:
 * in[i] += r0 g0 b0 + r1 g1 b1 and out[i] += r2 g2 b2 + r3 g3 b3 (each term
 * r[k][i] g[k] b[k][i]), cell by cell; b[0] and b[1] may both be NULL for ones. */
void kern_balance_add(double *in, double *out, const double *const r[4], const double g[4],
                      const double *const b[4], size_t n);

/* The totals of n blocks of `per` cells (per even) in p: each block summed in two
 * lanes, the even cells and the odd ones, then the lanes added: the order the
 * compiler's two-lane vector sum of a 16-byte aligned block gives, four blocks at a
 * time so that the additions overlap. */
void kern_pair_sums(const double *p, size_t per, size_t n, double *t);

/* out[j] = w.v[j] for k rows of `per` cells: the products summed in two lanes (even
 * and odd cells, each in order), the lanes added, then a last odd cell: the order of
 * the default build's two-lane vector sum. Four rows side by side. */
void kern_pair_dots(const double *w, const double *const *v, size_t k, size_t per, double *out);

/* The dot products w.v and u.v, each summed in eight lanes i mod 8, then the tail,
 * then the lanes in order (the households' two sums of one area). */
void kern_dot2(const double *w, const double *u, const double *v, size_t n, double *dw,
               double *du);
/* kern_dot2 of the n areas of `per` cells in v: dw[a] = w.v_a, du[a] = u.v_a, the same
 * bits, two areas at a time; u and du NULL: w.v only. */
void kern_dot2_areas(const double *w, const double *u, const double *v, size_t per, size_t n,
                     double *dw, double *du);
/* kern_dot2_areas of k rows anywhere (rows[j]): dw[j], du[j]. */
void kern_dot2_rows(const double *w, const double *u, const double *const *rows, size_t k,
                    size_t per, double *dw, double *du);

/* d[i] (+)= v[i] g p[i]: a flow from rates (assign when `first`, else add). */
void kern_flow_rates(double *d, const double *v, double g, const double *p, size_t n, int first);
/* dst[i] = 1 - k (1 - src[i]), clamped to [0, 1]: survival with a mortality level. */
void kern_survival_level(double *dst, const double *src, double k, size_t n);
/* dst[i] = src[i] k. */
void kern_scale(double *dst, const double *src, double k, size_t n);
/* Survival and ageing of the n areas x S sexes blocks of A ages of p, in one call:
 * q(0) = 0, q(x) = p(x-1) S(x), and the open group keeps its own survivors,
 * p(A-1) S(A). The survival of area a and sex s is sv + a sv_area + s (A + 1)
 * (sv_area 0: one row for every area). */
void kern_survive_all(double *q, const double *p, const double *sv, size_t sv_area, size_t n,
                      size_t S, size_t A);

/* The births exposure sum of one area: fx[x] (pf[x] + nf[x]) summed in eight lanes
 * x mod 8, the ages after the last whole eight from zero, then the lanes in order. */
double kern_births_sum(const double *fx, const double *pf, const double *nf, size_t A);

/* The shares of movers of k kernen (coupling_apply): w[j][i] = m[i] p[j][i], W[j]
 * their sum from zero in cell order, then w[j][i] /= W[j] unless W[j] <= 0. Four
 * kernen side by side, so that the four sums overlap. */
void kern_mover_shares(const double *m, const double *const *p, double *const *w, double *W,
                       size_t k, size_t per);
/* The moves out of one kern (cohort_transfer) for S blocks of A cells: cell i is asked
 * w[i] k, moves min(asked, po[i]) unless that is <= 0 (a NaN moves), taken from po and
 * added to pd (NULL: they leave); sum[s] is what block s moved, summed from zero in
 * cell order. */
void kern_transfer(double *po, double *pd, const double *w, double k, size_t S, size_t A,
                   double sum[2]);
/* Persons from outside (cohort_add): cell i gets w[i] k where that is > 0; sum[s] as
 * kern_transfer's. */
void kern_add(double *p, const double *w, double k, size_t S, size_t A, double sum[2]);

#endif
