/* One cohort-component step: survive and age, add births, apply migration with
 * `end` or `even` timing, clip out-flows at what exists and account for every
 * person, so that P(t+n) = P(t) + B - D + I - E holds per area and sex.
 * It does not compute rates: the driver turns rates into counts first. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cohort.h"
#include "kernels.h"
#include "util.h"

/* Sum of a block, with eight independent lanes so that it vectorises. */
static inline double
block_sum(const double *v, size_t n)
{
    double lane[8] = {0}, t = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int k = 0; k < 8; k++)
            lane[k] += v[i + k];
    for (; i < n; i++)
        t += v[i];
    for (int k = 0; k < 8; k++)
        t += lane[k];
    return t;
}

/* n zeros from a 64-byte boundary. */
static double *
aligned_doubles(size_t n)
{
    const size_t bytes = (n * sizeof(double) + 63) / 64 * 64;
    double *v = aligned_alloc(64, bytes > 0 ? bytes : 64);

    if (v == NULL) {
        fputs("landstad: out of memory\n", stderr);
        abort();
    }
    memset(v, 0, bytes);
    return v;
}

int
cohort_init(cohort *self, size_t n_areas, size_t n_sexes, size_t n_ages, int width,
            size_t female)
{
    const size_t cells = n_areas * n_sexes * n_ages;

    memset(self, 0, sizeof *self);
    if (n_areas == 0 || n_sexes == 0 || n_sexes > 2 || n_ages < 2 || width < 1
        || female >= n_sexes)
        return LS_ERROR("bad cohort dimensions", LS_ECONFIG);
    self->n_areas = n_areas;
    self->n_sexes = n_sexes;
    self->n_ages = n_ages;
    self->width = width;
    self->female = female;
    self->male = n_sexes == 2 ? 1 - female : n_sexes;
    self->pop = xcalloc(cells, sizeof *self->pop);
    self->next = xcalloc(cells, sizeof *self->next);
    /* Each area's row of out-movers starts on a cache line (kern_moves). */
    self->applied_stride = (n_sexes * n_ages + 7) / 8 * 8;
    self->out_applied = aligned_doubles(n_areas * self->applied_stride);
    self->zero = xcalloc(cells, sizeof *self->zero);
    self->ones = xcalloc(n_sexes * n_ages, sizeof *self->ones);
    self->leveled = xcalloc(2 * n_sexes * n_ages, sizeof *self->leveled);
    for (size_t i = 0; i < n_sexes * n_ages; i++)
        self->ones[i] = 1;
    self->dest_t = xcalloc(n_areas * n_areas, sizeof *self->dest_t);
    self->end_women = xcalloc(cells, sizeof *self->end_women);
    self->comp = xcalloc(n_areas * n_sexes, sizeof *self->comp);
    self->comp_scratch = xcalloc(n_areas * n_sexes, sizeof *self->comp_scratch);
    return LS_OK;
}

void
cohort_free(cohort *self)
{
    if (self == NULL)
        return;
    free(self->pop);
    free(self->next);
    free(self->out_applied);
    free(self->zero);
    free(self->ones);
    free(self->leveled);
    free(self->dest_t);
    free(self->end_women);
    free(self->comp);
    free(self->comp_scratch);
    memset(self, 0, sizeof *self);
}

void
cohort_set_population(cohort *self, const double *pop)
{
    memcpy(self->pop, pop, self->n_areas * self->n_sexes * self->n_ages * sizeof *pop);
}

void
cohort_dest_transpose(const double *dest, size_t n, double *wt)
{
    for (size_t o = 0; o < n; o++)
        for (size_t d = 0; d < n; d++)
            wt[d * n + o] = d == o ? 0 : dest[o * n + d];
}

/* Internal in-moves: IN[d] = sum over o of dest[o][d] OUT[o] over blocks of S x A
 * cells (kern_moves); the share matrix is read transposed, with a zero diagonal.
 * With `count`, the moves are added to the components. */
static void
internal_moves(cohort *self, double *p, const cohort_input *in, int count)
{
    const size_t A = self->n_ages, S = self->n_sexes, n = self->n_areas, SA = S * A;
    const double *applied = self->out_applied;
    const double *wt = in->dest_t;

    if (wt == NULL) {
        cohort_dest_transpose(in->dest, n, self->dest_t);
        wt = self->dest_t;
    }
    if (count)
        for (size_t o = 0; o < n; o++) {
            double tot[2] = {0, 0};
            for (size_t s = 0; s < S; s++)
                tot[s] = block_sum(applied + o * self->applied_stride + s * A, A);
            for (size_t dd = 0; dd < n; dd++)
                for (size_t s = 0; s < S; s++)
                    self->comp[dd * S + s].internal_in += tot[s] * wt[dd * n + o];
        }
    kern_moves(wt, applied, self->applied_stride, p, n, SA);
}

/* The births of area a: exposure the mean of the women at the start p (after the
 * first half of the migrants) and at the end (end); the newborn survivors go to the
 * youngest group of q. */
static void
births_area(cohort *self, double *q, const double *p, const double *end, const cohort_input *in,
            size_t a)
{
    const size_t A = self->n_ages, S = self->n_sexes;
    const double *fx = in->asfr + (in->asfr_shared ? 0 : a * A);
    const double *pf = p + (a * S + self->female) * A;
    const double *nf = end + (a * S + self->female) * A;
    const double srb = in->srb[a];
    double births = kern_births_sum(fx, pf, nf, A);

    births *= 0.5;
    births *= self->width;
    for (size_t s = 0; s < S; s++) {
        const double share = s == self->female ? 1.0 / (1.0 + srb) : srb / (1.0 + srb);
        const double *sv = in->survival + ((in->survival_shared ? 0 : a * S) + s) * (A + 1);
        self->comp[a * S + s].births = births * share;
        q[(a * S + s) * A] = births * share * sv[0];
    }
    if (S == 1)
        self->births_female_only_dropped += births * srb / (1.0 + srb);
}

/* kern_clip_rates' order: immigration, domestic in, emigration, domestic out,
 * internal out. */
static const enum cohort_flow rate_order[5] = {CF_IMMIGRATION, CF_DOMESTIC_IN, CF_EMIGRATION,
                                               CF_DOMESTIC_OUT, CF_INTERNAL_OUT};

/* The common shape: every flow there, the in-flows from totals, the out-flows from
 * rates (kern_clip_rates_tp). */
static int
rates_tp(const cohort_input *in)
{
    int tp = 1;
    for (int k = 0; k < 5; k++)
        tp = tp && in->rate[rate_order[k]] != NULL && in->rate_pop[rate_order[k]] == (k >= 2);
    return tp;
}

/* The migrants of area a of a lean step from their rates (cohort_input.rates), applied
 * to the survived population q in one pass (kern_clip_rates); start is the population
 * at the start of the step. Returns the cells that were not finite. */
static size_t
clip_area(cohort *self, double *q, const double *start, const cohort_input *in, size_t a, int tp,
          int leveled)
{
    const size_t n = self->n_areas, SA = self->n_sexes * self->n_ages;
    double *applied = self->out_applied + a * self->applied_stride;
    const double *r[5], *b[5];
    double g[5];

    for (int k = 0; k < 5; k++) {
        const enum cohort_flow f = rate_order[k];
        const double *rk = in->rate[f];
        r[k] = rk != NULL ? rk + a * in->rate_stride[f] : self->zero;
        g[k] = rk != NULL ? in->rate_g[f * n + a] : 0;
        b[k] = rk != NULL && in->rate_pop[f] ? start + a * SA : self->ones;
    }
    if (leveled) {
        r[2] = self->leveled;
        r[3] = self->leveled + SA;
    }
    if (tp)
        return kern_clip_rates_tp(q + a * SA, applied, start + a * SA, r, g, in->rate_kin, SA,
                                  leveled);
    return kern_clip_rates(q + a * SA, applied, b, r, g,
                           in->rate_kin != NULL ? in->rate_kin : self->ones, SA);
}

/* Emigration and domestic out-migration with one row and one level for all areas (the
 * usual case outside the history): their rate times level, once for all areas, into
 * self->leveled (kern_clip_rates_tp's leveled). */
static int
out_rates_leveled(cohort *self, const cohort_input *in)
{
    const size_t n = self->n_areas, SA = self->n_sexes * self->n_ages;
    const enum cohort_flow f[2] = {CF_EMIGRATION, CF_DOMESTIC_OUT};

    for (int k = 0; k < 2; k++) {
        const double *g = in->rate_g + f[k] * n;
        if (in->rate_stride[f[k]] != 0)
            return 0;
        for (size_t a = 1; a < n; a++)
            if (memcmp(&g[a], &g[0], sizeof *g) != 0)
                return 0;
    }
    for (int k = 0; k < 2; k++)
        kern_scale(self->leveled + k * SA, in->rate[f[k]], in->rate_g[f[k] * n], SA);
    return 1;
}

/* A lean step with its migrants as rates (end timing, the survivors' exposure): area by
 * area survival and ageing, births and the migrants' clip, so that each area's cells
 * stay in the first-level cache from one to the next; then the moves between areas.
 * The same operations as the separate passes of cohort_step, area by area. */
static size_t
step_rates(cohort *self, const double *p, double *q, const cohort_input *in)
{
    const size_t A = self->n_ages, S = self->n_sexes, SA = S * A;
    const size_t sv_area = in->survival_shared ? 0 : S * (A + 1);
    const int tp = rates_tp(in), leveled = tp && out_rates_leveled(self, in);
    size_t bad = 0;

    for (size_t a = 0; a < self->n_areas; a++) {
        kern_survive_all(q + a * SA, p + a * SA, in->survival + a * sv_area, 0, 1, S, A);
        births_area(self, q, p, q, in, a);
        bad += clip_area(self, q, p, in, a, tp, leveled);
    }
    if (in->rate[CF_INTERNAL_OUT] != NULL)
        internal_moves(self, q, in, 0);
    return bad;
}

/* Applies a fraction h of every flow to p (in place), clipping out-flows at what is
 * there after the in-flows, and records what was applied. The loops run over whole
 * (area, sex) blocks of ages so that the compiler can vectorise them. */
static size_t
apply_migration(cohort *self, double *p, const cohort_input *in, double h)
{
    const size_t A = self->n_ages, S = self->n_sexes, n = self->n_areas, SA = S * A;
    const double *z = self->zero;
    const double *imm = in->flow[CF_IMMIGRATION] ? in->flow[CF_IMMIGRATION] : z;
    const double *emi = in->flow[CF_EMIGRATION] ? in->flow[CF_EMIGRATION] : z;
    const double *din = in->flow[CF_DOMESTIC_IN] ? in->flow[CF_DOMESTIC_IN] : z;
    const double *dout = in->flow[CF_DOMESTIC_OUT] ? in->flow[CF_DOMESTIC_OUT] : z;
    const double *iout = in->flow[CF_INTERNAL_OUT];
    const double *ion = iout ? iout : z;
    double *applied = self->out_applied;

    if (h == 0)
        return 0;
    if (self->lean) {
        size_t bad = 0;
        for (size_t a = 0; a < n; a++) {
            const size_t o = a * SA;
            bad += kern_clip_lean(p + o, applied + a * self->applied_stride, imm + o, din + o,
                                  emi + o, dout + o, ion + o, h, SA);
        }
        if (iout != NULL)
            internal_moves(self, p, in, 0);
        return bad;
    }
    for (size_t a = 0; a < n; a++)
        for (size_t s = 0; s < S; s++) {
            cohort_comp *c = &self->comp[a * S + s];
            const size_t base = (a * S + s) * A;
            double *ap = applied + a * self->applied_stride + s * A;
            double si = 0, sd = 0, se = 0, so = 0, sn = 0, clip = 0;
#pragma omp simd reduction(+ : si, sd, se, so, sn, clip)
            for (size_t x = 0; x < A; x++) {
                const size_t i = base + x;
                const double vi = h * imm[i], vd = h * din[i];
                const double ve = h * emi[i], vo = h * dout[i];
                const double vn = h * ion[i];
                const double want = ve + vo + vn;
                const double have = p[i] + vi + vd;
                /* f scales every out-flow of the cell down to what is there. */
                const double f = want > have ? (have > 0 ? have / want : 0) : 1;
                double left;
                clip += want > have ? want - (have > 0 ? have : 0) : 0;
                si += vi;
                sd += vd;
                se += f * ve;
                so += f * vo;
                sn += f * vn;
                ap[x] = f * vn;
                left = have - f * want;
                p[i] = left > 0 ? left : 0; /* 0 when clipped, up to rounding */
            }
            c->immigration += si;
            c->domestic_in += sd;
            c->emigration += se;
            c->domestic_out += so;
            c->internal_out += sn;
            c->clipped += clip;
        }
    if (iout != NULL)
        internal_moves(self, p, in, 1);
    return 0;
}

/* The women at the end of the step that the births exposure counts: the survived
 * population q (births not yet added), or, for END_POPULATION, q after the rest of
 * the step's migrants. The migrants are applied to a copy with the components put
 * back afterwards, so the real end migration (after births) is unchanged; the cells
 * above the youngest group come out exactly as it will leave them. */
static const double *
end_population(cohort *self, const double *q, const cohort_input *in, double h)
{
    const size_t cells = self->n_areas * self->n_sexes * self->n_ages;
    const size_t nc = self->n_areas * self->n_sexes;

    if (in->exposure != COHORT_EXPOSURE_END_POPULATION)
        return q;
    memcpy(self->end_women, q, cells * sizeof *q);
    memcpy(self->comp_scratch, self->comp, nc * sizeof *self->comp);
    apply_migration(self, self->end_women, in, 1.0 - h);
    memcpy(self->comp, self->comp_scratch, nc * sizeof *self->comp);
    /* The youngest group is born in the step: its survivors only (zero here). */
    for (size_t i = 0; i < nc; i++)
        self->end_women[i * self->n_ages] = q[i * self->n_ages];
    return self->end_women;
}

int
cohort_step(cohort *self, const cohort_input *in)
{
    const size_t A = self->n_ages, S = self->n_sexes, n = self->n_areas;
    const double h = in->timing == COHORT_EVEN ? 0.5 : 0.0;
    double *p = self->pop, *q = self->next;
    const double *end;
    int ret = LS_OK;

    size_t bad;

    if (in->rates && (!self->lean || h != 0 || in->exposure != COHORT_EXPOSURE_SURVIVORS))
        return LS_ERROR("migrants as rates need a lean step with end timing", LS_ECONFIG);
    memset(self->comp, 0, n * S * sizeof *self->comp);
    if (!self->lean)
        for (size_t a = 0; a < n; a++)
            for (size_t s = 0; s < S; s++)
                self->comp[a * S + s].start = block_sum(p + (a * S + s) * A, A);

    if (in->rates) {
        if (step_rates(self, p, q, in) > 0) {
            ret = LS_ERROR("non-finite population", LS_ENUMERIC);
            goto out;
        }
        goto swap; /* the caller checks the totals (see cohort.lean) */
    }

    /* 1. The first half of the migrants (even timing). */
    bad = apply_migration(self, p, in, h);

    /* 2. Survival and ageing: q(x) = p(x-1) S(x); the open group also keeps its own
     *    survivors. */
    kern_survive_all(q, p, in->survival, in->survival_shared ? 0 : S * (A + 1), n, S, A);

    /* 3. Births: exposure is the mean of the women at the start (after the first half
     *    of the migrants) and the women at the end: the survivors, or the end
     *    population after the rest of the migrants (see cohort.h). */
    end = end_population(self, q, in, h);
    for (size_t a = 0; a < n; a++)
        births_area(self, q, p, end, in, a);

    /* 4. Deaths: whatever entered the step (start population after the first half of
     *    migration, plus births) and did not survive it. A lean step counts none:
     *    its clip passes report a non-finite population instead. */
    for (size_t a = 0; a < n && !self->lean; a++)
        for (size_t s = 0; s < S; s++) {
            const double before = block_sum(p + (a * S + s) * A, A);
            const double after = block_sum(q + (a * S + s) * A, A);
            self->comp[a * S + s].deaths = before + self->comp[a * S + s].births - after;
            /* Checked here: the clipping below would turn a NaN into 0. */
            if (!isfinite(after) || !isfinite(before)) {
                ret = LS_ERROR("non-finite population", LS_ENUMERIC);
                goto out;
            }
        }

    /* 5. The (rest of the) migrants at the end. */
    bad += apply_migration(self, q, in, 1.0 - h);
    if (bad > 0) {
        ret = LS_ERROR("non-finite population", LS_ENUMERIC);
        goto out;
    }
    if (self->lean) /* the caller checks the totals (see cohort.lean) */
        goto swap;

    /* A NaN or infinity anywhere shows in its block's total. */
    for (size_t a = 0; a < n; a++)
        for (size_t s = 0; s < S; s++) {
            const double t = block_sum(q + (a * S + s) * A, A);
            self->comp[a * S + s].end = t;
            if (!isfinite(t)) {
                ret = LS_ERROR("non-finite population", LS_ENUMERIC);
                goto out;
            }
        }
swap:
    self->pop = q;
    self->next = p;
out:
    return ret;
}

double
cohort_transfer_scaled(cohort *self, size_t origin, size_t dest, const double *w, double k)
{
    const size_t A = self->n_ages, S = self->n_sexes;
    const int leaves = dest == (size_t) -1;
    double sum[2], moved = 0;

    kern_transfer(self->pop + origin * S * A, leaves ? NULL : self->pop + dest * S * A, w, k, S,
                  A, sum);
    for (size_t s = 0; s < S; s++) {
        if (leaves) {
            self->comp[origin * S + s].domestic_out += sum[s];
        } else {
            self->comp[origin * S + s].internal_out += sum[s];
            self->comp[dest * S + s].internal_in += sum[s];
            self->comp[dest * S + s].end += sum[s];
        }
        self->comp[origin * S + s].end -= sum[s];
        moved += sum[s];
    }
    return moved;
}

/* amount times 1 is amount, bit for bit. */
double
cohort_transfer(cohort *self, size_t origin, size_t dest, const double *amount)
{
    return cohort_transfer_scaled(self, origin, dest, amount, 1.0);
}

double
cohort_add_scaled(cohort *self, size_t area, const double *w, double k)
{
    const size_t A = self->n_ages, S = self->n_sexes;
    double sum[2], added = 0;

    kern_add(self->pop + area * S * A, w, k, S, A, sum);
    for (size_t s = 0; s < S; s++) {
        self->comp[area * S + s].domestic_in += sum[s];
        self->comp[area * S + s].end += sum[s];
        added += sum[s];
    }
    return added;
}

double
cohort_add(cohort *self, size_t area, const double *amount)
{
    return cohort_add_scaled(self, area, amount, 1.0);
}

void
cohort_print_state(const cohort *self, FILE *out)
{
    fprintf(out, "cohort: %zu areas x %zu sexes x %zu ages, width %d\n", self->n_areas,
            self->n_sexes, self->n_ages, self->width);
    for (size_t a = 0; a < self->n_areas; a++)
        for (size_t s = 0; s < self->n_sexes; s++) {
            const cohort_comp *c = &self->comp[a * self->n_sexes + s];
            fprintf(out,
                    "  area %zu sex %zu: start %.3f births %.3f deaths %.3f imm %.3f emi %.3f "
                    "din %.3f dout %.3f iin %.3f iout %.3f end %.3f clipped %.3f\n",
                    a, s, c->start, c->births, c->deaths, c->immigration, c->emigration,
                    c->domestic_in, c->domestic_out, c->internal_in, c->internal_out, c->end,
                    c->clipped);
        }
}
