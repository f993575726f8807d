/* Housing-led redistribution of households. Nearest first: the destinations of
 * each kern are ranked once by distance; kernen beyond max_distance_km are never
 * destinations. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "coupling.h"
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
    self->w = xcalloc(per, sizeof *self->w);
    self->amount = xcalloc(per, sizeof *self->amount);
    self->room = xcalloc(n, sizeof *self->room);
    self->excess = xcalloc(n, sizeof *self->excess);
    self->hh0 = xcalloc(n, sizeof *self->hh0);
    self->pp0 = xcalloc(n, sizeof *self->pp0);
    self->touched = xcalloc(n, sizeof *self->touched);
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
    free(self->amount);
    free(self->room);
    free(self->excess);
    free(self->hh0);
    free(self->pp0);
    free(self->touched);
    free(f->hh_moved_out);
    free(f->hh_moved_in);
    free(f->hh_left);
    free(f->hh_arrived);
    free(f->persons_left);
    free(f->persons_arrived);
    free(f->persons_moved);
    memset(self, 0, sizeof *self);
}

void
coupling_apply(coupling *self, cohort *c, const double *capacity, double trend, double fill_rate)
{
    const model *m = self->m;
    const households *hh = self->hh;
    const size_t n = m->n_areas, per = m->n_sexes * m->n_ages;
    const double max_km = m->spec->max_distance_km;
    coupling_flows *f = &self->flows;
    size_t n_excess = 0;

    memset(f->hh_moved_out, 0, n * sizeof(double));
    memset(f->hh_moved_in, 0, n * sizeof(double));
    memset(f->hh_left, 0, n * sizeof(double));
    memset(f->hh_arrived, 0, n * sizeof(double));
    memset(f->persons_left, 0, n * sizeof(double));
    memset(f->persons_arrived, 0, n * sizeof(double));
    memset(f->persons_moved, 0, n * sizeof(double));
    for (size_t k = 0; k < n; k++) {
        const double h = households_of(hh, c->pop, k, trend, &self->pp0[k]);
        self->hh0[k] = h;
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

    /* 1. Households without a home move out, nearest kern with room first. */
    for (size_t e = 0; e < n_excess; e++) {
        const size_t k = self->by_excess[e];
        const double *P = c->pop + k * per;
        double W = 0, hpp, persons;
        for (size_t i = 0; i < per; i++)
            W += self->w[i] = m->movers[i] * P[i];
        if (W <= 0)
            continue;
        for (size_t i = 0; i < per; i++)
            self->w[i] /= W;
        /* Households formed per person of this group, before the kern's own factor:
         * the same sum serves every destination. */
        {
            const double unit = households_unit(hh, self->w);
            hpp = unit * hh->calib[k] * trend;
            if (!(hpp > 0))
                continue;
            self->unit = unit;
        }
        persons = self->excess[k] / hpp;
        for (size_t r = 0; r < n && persons > 1e-12; r++) {
            const size_t j = self->order[k * n + r];
            double hj, pj, moved;
            if (j == k || self->room[j] <= 1e-9 || m->dist_km[k * n + j] > max_km)
                continue;
            hj = self->unit * hh->calib[j] * trend;
            if (hj <= 0)
                continue;
            pj = self->room[j] / hj;
            if (pj > persons)
                pj = persons;
            for (size_t i = 0; i < per; i++)
                self->amount[i] = self->w[i] * pj;
            {
                const double before = capacity[j] - self->room[j];
                double after;
                moved = cohort_transfer(c, k, j, self->amount);
                self->touched[k] = self->touched[j] = 1;
                /* Exactly as asked (the usual case): the households follow from the
                 * group's unit; clipped: count them again. */
                if (moved >= pj * (1 - 1e-12))
                    after = before + moved * hj;
                else
                    after = households_of(hh, c->pop, j, trend, NULL);
                f->hh_moved_in[j] += after - before;
                self->room[j] = capacity[j] - after;
            }
            f->hh_moved_out[k] += moved * hpp;
            f->persons_moved[k] += moved;
            persons -= pj;
        }
        if (persons > 1e-12) {
            double left;
            for (size_t i = 0; i < per; i++)
                self->amount[i] = self->w[i] * persons;
            left = cohort_transfer(c, k, (size_t) -1, self->amount);
            self->touched[k] = 1;
            f->hh_left[k] += left * hpp;
            f->persons_left[k] += left;
        }
        self->room[k] = capacity[k] - households_of(hh, c->pop, k, trend, NULL);
    }

    /* 2. Spare homes draw households from outside the municipality. Households per
     * in-mover: households_per_person, its sum over the profile done once. */
    if (fill_rate > 0) {
        const double unit_in = households_unit(hh, m->in_movers);
        for (size_t k = 0; k < n; k++) {
            double hpp, persons, added;
            if (self->room[k] <= 1e-9)
                continue;
            hpp = hh->calib[k] * trend * unit_in;
            if (hpp <= 0)
                continue;
            persons = fill_rate * self->room[k] / hpp;
            for (size_t i = 0; i < per; i++)
                self->amount[i] = m->in_movers[i] * persons;
            added = cohort_add(c, k, self->amount);
            self->touched[k] = 1;
            f->hh_arrived[k] += added * hpp;
            f->persons_arrived[k] += added;
            self->room[k] -= added * hpp;
        }
    }
}

double
coupling_households(const coupling *self, const cohort *c, size_t k, double trend,
                    double *persons)
{
    if (self->touched[k])
        return households_of(self->hh, c->pop, k, trend, persons);
    *persons = self->pp0[k];
    return self->hh0[k];
}
