/* Differences against the base (src/compare.h): paired over the runs, with their
 * Monte Carlo standard errors worked out by hand. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "testlib.h"
#include "util.h"

static void
item(cmp_item *it, const double *value, const unsigned char *met, double expected, double prob)
{
    memset(it, 0, sizeof *it);
    it->n_rows = 1;
    it->row = xcalloc(1, sizeof *it->row);
    it->row[0].target = xstrdup("t");
    it->row[0].scope = xstrdup("municipality");
    it->row[0].place = xstrdup("M");
    it->row[0].expected = expected;
    it->row[0].met = expected >= 3;
    it->row[0].prob = prob;
    it->row[0].mean = 0;
    it->row[0].extra80 = it->row[0].extra90 = NAN;
    it->row[0].kept = 0;
    it->runs = 4;
    it->n_kept = 1;
    it->value = xcalloc(4, sizeof *it->value);
    it->met = xcalloc(4, 1);
    memcpy(it->value, value, 4 * sizeof *value);
    memcpy(it->met, met, 4);
    it->name = xstrdup("x");
    it->file = xstrdup("x.yaml");
    it->title = xstrdup("x");
}

/* Runs 1-4: base values 1, 2, 3, 4 and scenario 2, 2, 5, 5: differences 1, 0, 2, 1,
 * mean 1, variance (0 + 1 + 1 + 0) / 3, standard error sqrt(2/3 / 4) = 0.408248.
 * Met: base 0, 0, 1, 1 and scenario 1, 0, 1, 1: differences 1, 0, 0, 0, mean 0.25,
 * variance (0.5625 + 3 x 0.0625) / 3 = 0.25, standard error sqrt(0.25 / 4) = 0.25. */
static void
test_paired(void)
{
    const double vb[4] = {1, 2, 3, 4}, vs[4] = {2, 2, 5, 5};
    const unsigned char mb[4] = {0, 0, 1, 1}, ms[4] = {1, 0, 1, 1};
    comparison c;
    cmp_diff df;

    compare_init(&c);
    c.n = 2;
    c.item = xcalloc(2, sizeof *c.item);
    item(&c.item[0], vb, mb, 2, 0.5);
    item(&c.item[1], vs, ms, 3.5, 0.75);
    compare_diff(&c, 1, 0, &df);
    CU_ASSERT(df.has);
    ASSERT_CLOSE(df.expected, 1.5, 1e-12);
    CU_ASSERT(df.met_changed);
    ASSERT_CLOSE(df.prob, 0.25, 1e-12);
    ASSERT_CLOSE(df.prob_se, 0.25, 1e-12);
    ASSERT_CLOSE(df.mean_se, sqrt(2.0 / 3 / 4), 1e-12);
    /* a row the base lacks has no difference */
    free(c.item[1].row[0].target);
    c.item[1].row[0].target = xstrdup("other");
    compare_diff(&c, 1, 0, &df);
    CU_ASSERT(!df.has);
    CU_ASSERT_EQUAL(compare_base_row(&c, 1, 0), -1);
    compare_free(&c);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"paired", test_paired},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
