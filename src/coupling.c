/* Housing-led redistribution of households. Nearest first: the destinations of
 * each kern are ranked once by distance; kernen beyond max_distance_km are never
 * destinations. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "coupling.h"
#include "kernels.h"
#include "util.h"

int
coupling_init(coupling *self, const model *m, const households *hh)
{
    const size_t n = m->n_areas, per = m->n_sexes * m->n_ages;
    coupling_flows *f = &self->flows;

    memset(self, 0, sizeof *self);
    self->m = m;
    self->hh = hh;
    self->order = xcalloc(n * n, sizeof *self->order);
    self->by_excess = xcalloc(n, sizeof *self->by_excess);
    self->w = xcalloc(n * per, sizeof *self->w);
    self->wsum = xcalloc(n, sizeof *self->wsum);
    self->wunit = xcalloc(n, sizeof *self->wunit);
    self->src = xcalloc(n, sizeof *self->src);
    self->wrow = xcalloc(n, sizeof *self->wrow);
    self->room = xcalloc(n, sizeof *self->room);
    self->excess = xcalloc(n, sizeof *self->excess);
    self->hh0 = xcalloc(n, sizeof *self->hh0);
    self->pp0 = xcalloc(n, sizeof *self->pp0);
    self->touched = xcalloc(n, sizeof *self->touched);
    self->list = xcalloc(n, sizeof *self->list);
    self->list_hh = xcalloc(n, sizeof *self->list_hh);
    self->list_pp = xcalloc(n, sizeof *self->list_pp);
    f->hh_moved_out = xcalloc(n, sizeof *f->hh_moved_out);
    f->hh_moved_in = xcalloc(n, sizeof *f->hh_moved_in);
    f->hh_left = xcalloc(n, sizeof *f->hh_left);
    f->hh_arrived = xcalloc(n, sizeof *f->hh_arrived);
    f->persons_left = xcalloc(n, sizeof *f->persons_left);
    f->persons_arrived = xcalloc(n, sizeof *f->persons_arrived);
    f->persons_moved = xcalloc(n, sizeof *f->persons_moved);
    memcpy(self->order, m->dist_order, n * n * sizeof *self->order);
    return LS_OK;
}

void
coupling_free(coupling *self)
{
    coupling_flows *f;
    if (self == NULL)
        return;
    f = &self->flows;
    free(self->order);
    free(self->by_excess);
    free(self->w);
    free(self->wsum);
    free(self->wunit);
    free(self->src);
    free(self->wrow);
    free(self->room);
    free(self->excess);
    free(self->hh0);
    free(self->pp0);
    free(self->touched);
    free(self->list);
    free(self->list_hh);
    free(self->list_pp);
    free(f->hh_moved_out);
    free(f->hh_moved_in);
    free(f->hh_left);
    free(f->hh_arrived);
    free(f->persons_left);
    free(f->persons_arrived);
    free(f->persons_moved);
    memset(self, 0, sizeof *self);
}

/* Each kern's households, room and excess as the step left them; the over-full
 * kernen in by_excess, largest excess first. Returns how many there are. */
static size_t
coupling_start(coupling *self, const cohort *c, const double *capacity, double trend)
{
    const size_t n = self->m->n_areas;
    coupling_flows *f = &self->flows;
    size_t n_excess = 0;

    memset(f->hh_moved_out, 0, n * sizeof(double));
    memset(f->hh_moved_in, 0, n * sizeof(double));
    memset(f->hh_left, 0, n * sizeof(double));
    memset(f->hh_arrived, 0, n * sizeof(double));
    memset(f->persons_left, 0, n * sizeof(double));
    memset(f->persons_arrived, 0, n * sizeof(double));
    memset(f->persons_moved, 0, n * sizeof(double));
    households_of_all(self->hh, c->pop, trend, self->hh0, self->no_persons ? NULL : self->pp0);
    for (size_t k = 0; k < n; k++) {
        const double h = self->hh0[k];
        self->touched[k] = 0;
        self->room[k] = capacity[k] - h;
        self->excess[k] = h - capacity[k];
        if (self->excess[k] > 1e-9)
            self->by_excess[n_excess++] = k;
    }
    /* Largest excess first (insertion sort: few kernen, and no shared state). */
    for (size_t i = 1; i < n_excess; i++) {
        const size_t v = self->by_excess[i];
        size_t j = i;
        while (j > 0 && self->excess[self->by_excess[j - 1]] < self->excess[v]) {
            self->by_excess[j] = self->by_excess[j - 1];
            j--;
        }
        self->by_excess[j] = v;
    }
    return n_excess;
}

/* Moves pj persons of the group w from k to j (room there); returns those moved. */
static double
move_to(coupling *self, cohort *c, size_t k, size_t j, const double *w, double pj, double hj,
        const double *capacity, double trend)
{
    const double before = capacity[j] - self->room[j];
    const double moved = cohort_transfer_scaled(c, k, j, w, pj);
    double after;

    self->touched[k] = self->touched[j] = 1;
    /* Exactly as asked (the usual case): the households follow from the group's
     * unit; clipped: count them again. */
    if (moved >= pj * (1 - 1e-12))
        after = before + moved * hj;
    else
        after = households_of(self->hh, c->pop, j, trend, NULL);
    self->flows.hh_moved_in[j] += after - before;
    self->room[j] = capacity[j] - after;
    return moved;
}

/* 1. The households of over-full kern k without a home move out, nearest kern with
 * room first, the rest out of the municipality; w is its group of movers (shares
 * summing to 1). */
static void
move_excess(coupling *self, cohort *c, size_t k, const double *w, double unit,
            const double *capacity, double trend)
{
    const model *m = self->m;
    const households *hh = self->hh;
    const size_t n = m->n_areas;
    coupling_flows *f = &self->flows;
    /* unit: households formed per person of this group, before the kern's own
     * factor (households_unit); the same sum serves every destination. */
    const double hpp = unit * hh->calib[k] * trend;
    double persons;

    if (!(hpp > 0))
        return;
    self->unit = unit;
    persons = self->excess[k] / hpp;
    for (size_t r = 0; r < n && persons > 1e-12; r++) {
        const size_t j = self->order[k * n + r];
        double hj, pj, moved;
        if (j == k || self->room[j] <= 1e-9 || m->dist_km[k * n + j] > m->spec->max_distance_km)
            continue;
        hj = self->unit * hh->calib[j] * trend;
        if (hj <= 0)
            continue;
        pj = self->room[j] / hj;
        if (pj > persons)
            pj = persons;
        moved = move_to(self, c, k, j, w, pj, hj, capacity, trend);
        f->hh_moved_out[k] += moved * hpp;
        f->persons_moved[k] += moved;
        persons -= pj;
    }
    if (persons > 1e-12) {
        const double left = cohort_transfer_scaled(c, k, (size_t) -1, w, persons);
        self->touched[k] = 1;
        f->hh_left[k] += left * hpp;
        f->persons_left[k] += left;
    }
    self->room[k] = capacity[k] - households_of(hh, c->pop, k, trend, NULL);
}

/* 2. Spare homes draw households from outside the municipality. Households per
 * in-mover: households_per_person, its sum over the profile done once. */
static void
fill_room(coupling *self, cohort *c, double trend, double fill_rate)
{
    const model *m = self->m;
    const households *hh = self->hh;
    const double unit_in = households_unit(hh, m->in_movers);
    coupling_flows *f = &self->flows;

    for (size_t k = 0; k < m->n_areas; k++) {
        double hpp, persons, added;
        if (self->room[k] <= 1e-9)
            continue;
        hpp = hh->calib[k] * trend * unit_in;
        if (hpp <= 0)
            continue;
        persons = fill_rate * self->room[k] / hpp;
        added = cohort_add_scaled(c, k, m->in_movers, persons);
        self->touched[k] = 1;
        f->hh_arrived[k] += added * hpp;
        f->persons_arrived[k] += added;
        self->room[k] -= added * hpp;
    }
}

void
coupling_apply(coupling *self, cohort *c, const double *capacity, double trend, double fill_rate)
{
    const size_t per = self->m->n_sexes * self->m->n_ages;
    const size_t n_excess = coupling_start(self, c, capacity, trend);

    /* The movers' shares of every over-full kern at once: no kern with room less than
     * zero receives anyone, so the populations they come from are the ones the step
     * left until their own turn. */
    for (size_t e = 0; e < n_excess; e++) {
        self->src[e] = c->pop + self->by_excess[e] * per;
        self->wrow[e] = self->w + e * per;
    }
    kern_mover_shares(self->m->movers, self->src, self->wrow, self->wsum, n_excess, per);
    households_units(self->hh, (const double *const *) self->wrow, n_excess, self->wunit);
    for (size_t e = 0; e < n_excess; e++)
        if (self->wsum[e] > 0)
            move_excess(self, c, self->by_excess[e], self->wrow[e], self->wunit[e], capacity,
                        trend);
    if (fill_rate > 0)
        fill_room(self, c, trend, fill_rate);
}

void
coupling_households_all(coupling *self, const cohort *c, double trend, double *h,
                        double *persons)
{
    const size_t n = self->m->n_areas;
    size_t k = 0;

    for (size_t a = 0; a < n; a++) {
        if (self->touched[a]) {
            self->list[k++] = a;
            continue;
        }
        h[a] = self->hh0[a];
        if (persons != NULL)
            persons[a] = self->pp0[a];
    }
    households_of_list(self->hh, c->pop, self->list, k, trend, self->src, self->list_hh,
                       persons != NULL ? self->list_pp : NULL);
    for (size_t j = 0; j < k; j++) {
        h[self->list[j]] = self->list_hh[j];
        if (persons != NULL)
            persons[self->list[j]] = self->list_pp[j];
    }
}

double
coupling_households(const coupling *self, const cohort *c, size_t k, double trend,
                    double *persons)
{
    if (self->touched[k])
        return households_of(self->hh, c->pop, k, trend, persons);
    if (persons != NULL)
        *persons = self->pp0[k];
    return self->hh0[k];
}
