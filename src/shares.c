/* allocation: shares: the council's own split of a target over the kernen. */
#include <config.h>

#include <math.h>
#include <stdlib.h>

#include "shares.h"
#include "util.h"

static int
load_one(model *self, const target_spec *t, double *share, diag *d)
{
    csv_table tab;
    const size_t before = diag_count(d);
    int ck, cs, ret = model_read_table(self, t->shares_file, &tab, d);
    int *seen = xcalloc(self->n_areas + 1, sizeof *seen);
    double sum = 0;

    if (ret != LS_OK)
        goto out;
    ck = csv_column(&tab, "kern", 1, d);
    cs = csv_column(&tab, "share", 1, d);
    for (size_t r = 0; ck >= 0 && cs >= 0 && r < tab.n_rows; r++) {
        const long a = model_area_index(self, csv_text(&tab, r, ck));
        double v;
        if (a < 0) {
            diag_add(d, t->shares_file, csv_line(&tab, r), csv_col(&tab, r, ck),
                     "target %s: kern must be one of the model's kernen, found %s",
                     diag_quote(t->id), diag_quote(csv_text(&tab, r, ck)));
            continue;
        }
        if (seen[a]++) {
            diag_add(d, t->shares_file, csv_line(&tab, r), csv_col(&tab, r, ck),
                     "target %s: kern %s is listed twice", diag_quote(t->id),
                     diag_quote(self->area[a]));
            continue;
        }
        if (csv_number(&tab, r, cs, &v, d) != LS_OK)
            continue;
        if (v < 0 || v > 1) {
            diag_add(d, t->shares_file, csv_line(&tab, r), csv_col(&tab, r, cs),
                     "target %s: share must be in [0, 1], found %g", diag_quote(t->id), v);
            continue;
        }
        share[a] = v;
        sum += v;
    }
    if (diag_count(d) == before && fabs(sum - 1) > SHARES_TOLERANCE + 1e-12) {
        /* Located at the share column of the last row: where a missing or extra row
         * would be. */
        const size_t r = tab.n_rows > 0 ? tab.n_rows - 1 : 0;
        diag_add(d, t->shares_file, tab.n_rows > 0 ? csv_line(&tab, r) : tab.header.line,
                 tab.n_rows > 0 ? csv_col(&tab, r, cs) : 1,
                 "target %s: the shares must add up to 1 (within %g), found %.6g over %zu "
                 "kernen",
                 diag_quote(t->id), SHARES_TOLERANCE, sum, tab.n_rows);
    }
    ret = diag_count(d) > before ? LS_ECONFIG : LS_OK;
    csv_free(&tab);
out:
    free(seen);
    return ret;
}

int
model_load_shares(model *self, diag *d)
{
    const model_spec *s = self->spec;
    int ret = LS_OK;

    self->target_share = xcalloc(s->n_targets + 1, sizeof *self->target_share);
    for (size_t i = 0; i < s->n_targets; i++) {
        const target_spec *t = &s->targets[i];
        int r;
        if (t->rule != ALLOC_SHARES || t->shares_file == NULL)
            continue;
        self->target_share[i] = xcalloc(self->n_areas + 1, sizeof(double));
        r = load_one(self, t, self->target_share[i], d);
        if (r != LS_OK)
            ret = r;
    }
    return ret;
}
