/* Life tables against arithmetic done by hand (written out below, not computed by
 * the functions under test): lx, Lx with a0 for infants and 1/2 elsewhere, the open
 * tail l/mu with mu = -ln(1 - q), grouping into 5-year ratios, a closed table, and
 * life expectancy at birth. And every shipped life table against the life
 * expectancy its header documents (the published value of its source). */
#include <config.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "lifetable.h"
#include "testlib.h"
#include "util.h"

static void
test_lifetable_three_ages_by_hand(void)
{
    const double qx[3] = {0.1, 0.2, 0.5};
    double S[4];
    /* l0 = 1, d0 = 0.1, l1 = 0.9,  L0 = 0.9 + 0.3 * 0.1 = 0.93
     *         d1 = 0.18, l2 = 0.72, L1 = 0.72 + 0.5 * 0.18 = 0.81
     *         d2 = 0.36, l3 = 0.36, L2 = 0.36 + 0.5 * 0.36 = 0.54
     * tail beyond age 3: l3 / -ln(1 - 0.5) = 0.36 / ln 2; T2 = L2 + tail. */
    const double L0 = 0.93, L1 = 0.81, T2 = 0.54 + 0.36 / log(2.0);

    CU_ASSERT_EQUAL_FATAL(lifetable_survival(qx, 3, 0.3, 1, 2, S), LS_OK);
    ASSERT_CLOSE(S[0], L0 / 1.0, 1e-14);
    ASSERT_CLOSE(S[1], L1 / L0, 1e-14);
    ASSERT_CLOSE(S[2], T2 / (L1 + T2), 1e-14);
    ASSERT_CLOSE(S[3], T2 / (L1 + T2), 1e-14);
    /* Plain numbers as a cross-check of the formulas above. */
    ASSERT_CLOSE(S[1], 0.870967741935484, 1e-12);
    ASSERT_CLOSE(S[2], 0.5666989911244988, 1e-12);
    ASSERT_CLOSE(lifetable_e0(qx, 3, 0.3), 0.93 + 0.81 + 0.54 + 0.36 / log(2.0), 1e-14);
}

static void
test_lifetable_a0_matters_only_for_infants(void)
{
    const double qx[3] = {0.1, 0.2, 0.5};
    double S_lo[4], S_hi[4];

    CU_ASSERT_EQUAL_FATAL(lifetable_survival(qx, 3, 0.05, 1, 2, S_lo), LS_OK);
    CU_ASSERT_EQUAL_FATAL(lifetable_survival(qx, 3, 0.45, 1, 2, S_hi), LS_OK);
    /* L0 = 0.9 + a0 * 0.1 */
    ASSERT_CLOSE(S_lo[0], 0.905, 1e-14);
    ASSERT_CLOSE(S_hi[0], 0.945, 1e-14);
    ASSERT_CLOSE(S_lo[1], 0.81 / 0.905, 1e-14);
    ASSERT_CLOSE(S_hi[1], 0.81 / 0.945, 1e-14);
    ASSERT_CLOSE(S_lo[2], S_hi[2], 1e-14);
}

/* Ages 0-4 with q1, 5-9 with q2, a0 = 0.2. With a constant q and ax = 1/2 a group of
 * five years from exact age x lives 5Lx = lx (1 - q/2) (1 - (1-q)^5) / q; the
 * infants live a0 instead of 1/2 of the year they die in: (a0 - 1/2) q1 less. */
static const double Q1 = 0.0375, Q2 = 0.0625, A0 = 0.2;

static void
grouped_by_hand(double *L0_4, double *L5_9, double *T10)
{
    const double l5 = pow(1 - Q1, 5), l10 = l5 * pow(1 - Q2, 5);
    *L0_4 = (1 - Q1 / 2) * (1 - pow(1 - Q1, 5)) / Q1 + (A0 - 0.5) * Q1;
    *L5_9 = l5 * (1 - Q2 / 2) * (1 - pow(1 - Q2, 5)) / Q2;
    *T10 = l10 / -log(1 - Q2);
}

static void
test_lifetable_five_year_groups(void)
{
    double qx[10], S[4], L0_4, L5_9, T10;

    for (int x = 0; x < 10; x++)
        qx[x] = x < 5 ? Q1 : Q2;
    grouped_by_hand(&L0_4, &L5_9, &T10);
    CU_ASSERT_EQUAL_FATAL(lifetable_survival(qx, 10, A0, 5, 10, S), LS_OK);
    ASSERT_CLOSE(S[0], L0_4 / (5 * 1.0), 1e-13);
    ASSERT_CLOSE(S[1], L5_9 / L0_4, 1e-13);
    ASSERT_CLOSE(S[2], T10 / (L5_9 + T10), 1e-13);
    ASSERT_CLOSE(S[3], S[2], 1e-15);
    CU_ASSERT(S[0] < 1 && S[1] < 1 && S[2] < 1);
}

static void
test_lifetable_open_group_inside_the_table(void)
{
    double qx[10], S[3], L0_4, L5_9, T10;

    for (int x = 0; x < 10; x++)
        qx[x] = x < 5 ? Q1 : Q2;
    grouped_by_hand(&L0_4, &L5_9, &T10);
    /* open = 5: the open group sums L5..L9 and the tail. */
    CU_ASSERT_EQUAL_FATAL(lifetable_survival(qx, 10, A0, 5, 5, S), LS_OK);
    ASSERT_CLOSE(S[0], L0_4 / 5, 1e-13);
    ASSERT_CLOSE(S[1], (L5_9 + T10) / (L0_4 + L5_9 + T10), 1e-13);
    ASSERT_CLOSE(S[2], S[1], 1e-15);
}

static void
test_lifetable_q_one_closes_the_table(void)
{
    const double qx[3] = {0.05, 0.3, 1.0};
    double S[4];
    /* l1 = 0.95, L0 = 0.95 + 0.1 * 0.05 = 0.955
     * l2 = 0.665, L1 = 0.665 + 0.5 * 0.285 = 0.8075
     * l3 = 0, L2 = 0.5 * 0.665 = 0.3325, and no tail. */
    CU_ASSERT_EQUAL_FATAL(lifetable_survival(qx, 3, 0.1, 1, 2, S), LS_OK);
    ASSERT_CLOSE(S[0], 0.955, 1e-14);
    ASSERT_CLOSE(S[1], 0.8075 / 0.955, 1e-14);
    ASSERT_CLOSE(S[2], 0.3325 / (0.8075 + 0.3325), 1e-14);
    ASSERT_CLOSE(lifetable_e0(qx, 3, 0.1), 0.955 + 0.8075 + 0.3325, 1e-14);
}

static void
test_lifetable_e0_exact_cases(void)
{
    const double dead[1] = {1.0}, q[1] = {0.125};
    const double mu = -log(1 - 0.125);

    /* Everyone dies in the first year, living a0 of it. */
    ASSERT_CLOSE(lifetable_e0(dead, 1, 0.3), 0.3, 1e-15);
    /* One age, then a constant hazard: L0 = 0.875 + 0.5 * 0.125, tail 0.875 / mu. */
    ASSERT_CLOSE(lifetable_e0(q, 1, 0.5), 0.875 + 0.0625 + 0.875 / mu, 1e-13);
    /* For a constant hazard the tail from 0 would be 1/mu = 7.4888...; the first year
     * lived linearly differs from exp by a little only. */
    ASSERT_CLOSE(lifetable_e0(q, 1, 0.5), 1 / mu, 2e-3);
}

static void
test_lifetable_no_survivors_is_numeric_error(void)
{
    /* Everyone dies in year 0, so L1 = 0 and S[2] = L2 / L1 is undefined. */
    const double qx[4] = {1.0, 0.4, 0.4, 0.4};
    double S[5];

    CU_ASSERT_EQUAL(lifetable_survival(qx, 4, 0.3, 1, 3, S), LS_ENUMERIC);
}

/* ---- every shipped life table against its documented e0 ---- */

/* The first line that is neither a comment nor blank names the columns. */
static int
is_life_table(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[512];
    int yes = 0;

    if (f == NULL)
        return 0;
    while (fgets(line, sizeof line, f) != NULL) {
        if (line[0] == '#' || line[0] == '\n' || line[0] == '\r')
            continue;
        yes = strstr(line, "qx") != NULL && strstr(line, "sex") != NULL
              && strstr(line, "age") != NULL && strstr(line, "qx_ratio") == NULL;
        break;
    }
    fclose(f);
    return yes;
}

/* "# documented e0: M 80.10, F 83.09 (a0 0.143; source)": 1 when found. */
static int
documented_e0(const char *path, double *m, double *f, double *a0)
{
    FILE *fh = fopen(path, "r");
    char line[512];
    int found = 0;

    if (fh == NULL)
        return 0;
    while (!found && fgets(line, sizeof line, fh) != NULL) {
        const char *p = strstr(line, "documented e0:");
        if (line[0] == '#' && p != NULL)
            found = sscanf(p, "documented e0: M %lf, F %lf (a0 %lf", m, f, a0) == 3;
    }
    fclose(fh);
    return found;
}

static int n_tables;

static void
check_life_table(const char *path)
{
    csv_table t;
    diag d;
    double doc[2], a0, q[2][131];
    size_t n[2] = {0, 0};

    n_tables++;
    if (!documented_e0(path, &doc[0], &doc[1], &a0)) {
        fprintf(stderr, "    %s: no '# documented e0: M .., F .. (a0 ..' line\n", path);
        CU_FAIL("a shipped life table does not document its e0");
        return;
    }
    diag_init(&d);
    CU_ASSERT_FATAL(csv_read(&t, path, path, &d) == LS_OK);
    {
        int cs = csv_column(&t, "sex", 1, &d), ca = csv_column(&t, "age", 1, &d);
        int cq = csv_column(&t, "qx", 1, &d);
        for (size_t r = 0; r < t.n_rows; r++) {
            long age;
            double v;
            int s = csv_text(&t, r, cs)[0] == 'M' ? 0 : 1;
            CU_ASSERT_FATAL(parse_integer(csv_text(&t, r, ca), &age) == 0 && age >= 0 && age < 131);
            CU_ASSERT_FATAL(parse_number(csv_text(&t, r, cq), &v) == 0);
            CU_ASSERT_FATAL((size_t) age == n[s]); /* ages in order, from 0 */
            q[s][n[s]++] = v;
        }
    }
    for (int s = 0; s < 2; s++) {
        double e0 = lifetable_e0(q[s], n[s], a0);
        fprintf(stderr, "    %s %c: e0 %.3f, documented %.2f\n", path, s ? 'F' : 'M', e0, doc[s]);
        /* Half a year off means the qx are on another age grid (CBS gives ages on
         * 31 December): the documented value is the published one. */
        CU_ASSERT(fabs(e0 - doc[s]) < 0.05);
    }
    csv_free(&t);
    diag_free(&d);
}

static void
scan(const char *dir)
{
    DIR *dh = opendir(dir);
    struct dirent *e;

    if (dh == NULL)
        return;
    while ((e = readdir(dh)) != NULL) {
        char *path;
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.')
            continue;
        path = xasprintf("%s/%s", dir, e->d_name);
        /* tests/data/bad holds inputs that are wrong on purpose. */
        if (strcmp(e->d_name, "bad") == 0)
            ;
        else if (len > 4 && strcmp(e->d_name + len - 4, ".csv") == 0) {
            if (is_life_table(path))
                check_life_table(path);
        } else
            scan(path); /* not a directory: opendir fails */
        free(path);
    }
    closedir(dh);
}

static void
test_lifetable_shipped_tables_give_their_documented_e0(void)
{
    const char *dirs[] = {"input", "models", "tests/data"};
    n_tables = 0;
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        char *d = test_src(dirs[i]);
        scan(d);
        free(d);
    }
    CU_ASSERT(n_tables >= 1); /* input/life_table_nl_2022.csv at least */
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"test_lifetable_three_ages_by_hand", test_lifetable_three_ages_by_hand},
        {"test_lifetable_a0_matters_only_for_infants", test_lifetable_a0_matters_only_for_infants},
        {"test_lifetable_five_year_groups", test_lifetable_five_year_groups},
        {"test_lifetable_open_group_inside_the_table", test_lifetable_open_group_inside_the_table},
        {"test_lifetable_q_one_closes_the_table", test_lifetable_q_one_closes_the_table},
        {"test_lifetable_e0_exact_cases", test_lifetable_e0_exact_cases},
        {"test_lifetable_no_survivors_is_numeric_error",
         test_lifetable_no_survivors_is_numeric_error},
        {"test_lifetable_shipped_tables_give_their_documented_e0",
         test_lifetable_shipped_tables_give_their_documented_e0},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
