/* Reads the negotiation section's inputs from an output folder. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "regional_data.h"
#include "util.h"

/* The number in row r of column name, or NAN (missing column or empty cell). */
static double
cell(const csv_table *t, size_t r, const char *name)
{
    diag quiet;
    double v = NAN;
    int c;

    diag_init(&quiet);
    c = csv_column(t, name, 0, &quiet);
    if (c >= 0 && csv_text(t, r, c) != NULL && csv_text(t, r, c)[0] != '\0'
        && csv_number(t, r, c, &v, &quiet) != LS_OK)
        v = NAN;
    diag_free(&quiet);
    return v;
}

static const char *
text(const csv_table *t, size_t r, const char *name)
{
    diag quiet;
    int c;
    const char *s;

    diag_init(&quiet);
    c = csv_column(t, name, 0, &quiet);
    diag_free(&quiet);
    s = c >= 0 ? csv_text(t, r, c) : NULL;
    return s != NULL ? s : "";
}

static int
read_table(csv_table *t, const char *dir, const char *file)
{
    char *path = xasprintf("%s/%s", dir, file);
    diag quiet;
    int ret;

    diag_init(&quiet);
    ret = csv_read(t, path, file, &quiet);
    diag_free(&quiet);
    free(path);
    if (ret != LS_OK)
        csv_free(t);
    return ret;
}

static int
load_account(regional_data *self, const char *dir)
{
    csv_table t;

    if (read_table(&t, dir, "regional.csv") != LS_OK)
        return -1;
    if (t.n_rows == 0 || isnan(cell(&t, 0, "own_growth"))) {
        csv_free(&t);
        return -1;
    }
    self->y = xcalloc(t.n_rows, sizeof *self->y);
    for (size_t r = 0; r < t.n_rows; r++) {
        regional_year *y = &self->y[self->n_years++];
        y->year = (int) cell(&t, r, "year");
        y->observed = strcmp(text(&t, r, "part"), "observed") == 0;
        y->built = cell(&t, r, "completions_cumulative");
        y->housed = cell(&t, r, "households_housed");
        y->own = cell(&t, r, "own_growth");
        y->outside = cell(&t, r, "from_outside");
        y->beyond_trend = cell(&t, r, "regional_contribution");
        y->own_p10 = cell(&t, r, "own_growth_p10");
        y->own_p90 = cell(&t, r, "own_growth_p90");
        y->out_p10 = cell(&t, r, "from_outside_p10");
        y->out_p90 = cell(&t, r, "from_outside_p90");
        y->bt_p10 = cell(&t, r, "regional_contribution_p10");
        y->bt_p90 = cell(&t, r, "regional_contribution_p90");
        self->runs |= !isnan(y->out_p10);
    }
    csv_free(&t);
    return 0;
}

static void
set_target(regional_target *x, const csv_table *t, size_t r)
{
    x->id = xstrdup(text(t, r, "id")[0] ? text(t, r, "id") : text(t, r, "target"));
    x->at = (int) cell(t, r, "window_start");
    x->required = cell(t, r, "required");
    x->expected = cell(t, r, "expected");
    x->probability = cell(t, r, "probability_met");
    x->p10 = cell(t, r, "value_p10");
    x->p90 = cell(t, r, "value_p90");
    x->met = strcmp(text(t, r, "met"), "yes") == 0;
}

/* The regional targets, and the kern rows of the allocated completion target whose
 * window ends last. */
static void
load_targets(regional_data *self, const char *dir)
{
    csv_table t;
    int best_to = 0;

    if (read_table(&t, dir, "targets.csv") != LS_OK)
        return;
    for (size_t r = 0; r < t.n_rows; r++) {
        const char *ms = text(&t, r, "measure"), *scope = text(&t, r, "scope");
        if (strcmp(scope, "municipality") == 0) {
            if (strcmp(ms, "regional_beyond_own_need") == 0 && !self->has_own) {
                set_target(&self->own, &t, r);
                self->has_own = 1;
            } else if (strcmp(ms, "regional_contribution") == 0 && !self->has_trend) {
                set_target(&self->trend, &t, r);
                self->has_trend = 1;
            }
        }
        if (strcmp(ms, "completions") == 0 && strncmp(scope, "kern:", 5) == 0
            && text(&t, r, "allocation")[0] != '\0' && cell(&t, r, "window_end") > best_to)
            best_to = (int) cell(&t, r, "window_end");
    }
    for (size_t r = 0; best_to > 0 && r < t.n_rows; r++) {
        const char *id = text(&t, r, "target"), *scope = text(&t, r, "scope");
        if (strcmp(text(&t, r, "measure"), "completions") != 0
            || (int) cell(&t, r, "window_end") != best_to || text(&t, r, "allocation")[0] == '\0')
            continue;
        if (self->kern_target == NULL) {
            self->kern_target = xstrdup(id);
            self->kern_from = (int) cell(&t, r, "window_start");
            self->kern_to = best_to;
            self->kern = xcalloc(t.n_rows, sizeof *self->kern);
        }
        if (strcmp(self->kern_target, id) != 0 || strncmp(scope, "kern:", 5) != 0)
            continue;
        {
            regional_kern *k = &self->kern[self->n_kern++];
            k->kern = xstrdup(scope + 5);
            k->allocation = xstrdup(text(&t, r, "allocation"));
            k->required = cell(&t, r, "required");
            k->need = cell(&t, r, "required_need");
            k->expected = cell(&t, r, "expected");
            k->probability = cell(&t, r, "probability_met");
        }
    }
    for (size_t r = 0; self->kern_target != NULL && r < t.n_rows; r++)
        if (strcmp(text(&t, r, "target"), self->kern_target) == 0
            && strcmp(text(&t, r, "scope"), "municipality") == 0)
            self->kern_threshold = cell(&t, r, "required");
    csv_free(&t);
}

/* The drivers of the own-need target (drivers.csv, from the Monte Carlo runs), in
 * the order of their rank. */
static void
load_drivers(regional_data *self, const char *dir)
{
    csv_table t;

    if (!self->has_own || read_table(&t, dir, "drivers.csv") != LS_OK)
        return;
    self->drivers = xcalloc(t.n_rows + 1, sizeof *self->drivers);
    for (size_t r = 0, first = 0; r < t.n_rows; r++) {
        const double share = cell(&t, r, "share");
        regional_driver *x;
        /* one scenario: the first one that has the target */
        if (strcmp(text(&t, r, "target"), self->own.id) != 0 || isnan(share)
            || (self->n_drivers > 0
                && strcmp(text(&t, r, "scenario"), text(&t, first, "scenario")) != 0))
            continue;
        if (self->n_drivers == 0) {
            const double runs = cell(&t, r, "runs");
            first = r;
            self->driver_runs = isfinite(runs) && runs > 0 ? (long) runs : 0;
        }
        x = &self->drivers[self->n_drivers++];
        x->label = xstrdup(text(&t, r, "label")[0] ? text(&t, r, "label") : text(&t, r, "driver"));
        x->share = share;
        x->level = strcmp(text(&t, r, "kind"), "level") == 0;
    }
    csv_free(&t);
}

int
regional_data_load(regional_data *self, const char *dir)
{
    memset(self, 0, sizeof *self);
    self->own.probability = self->trend.probability = NAN;
    if (load_account(self, dir) != 0) {
        regional_data_free(self);
        return -1;
    }
    load_targets(self, dir);
    load_drivers(self, dir);
    return 0;
}

void
regional_data_free(regional_data *self)
{
    if (self == NULL)
        return;
    free(self->y);
    free(self->own.id);
    free(self->trend.id);
    free(self->kern_target);
    for (size_t i = 0; i < self->n_kern; i++) {
        free(self->kern[i].kern);
        free(self->kern[i].allocation);
    }
    free(self->kern);
    for (size_t i = 0; i < self->n_drivers; i++)
        free(self->drivers[i].label);
    free(self->drivers);
    memset(self, 0, sizeof *self);
}
