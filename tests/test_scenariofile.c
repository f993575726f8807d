/* Scenario files (src/scenariofile.h): the merge rules, where messages point, paths,
 * each kind of change to the plan list, and a solved migration level, all against
 * hand-worked values.
 *
 * The plan changes run on the closed-world fixture tests/data/housing (see
 * tests/test_targets.c): P1 10 units in B, permit (p 1, no delay), 2022; P2 6 units in
 * C, soft (p 0.5, delay 0 or 1 year with 0.5 each), 2029, 2 demolitions. Expected
 * completions: B 10 in 2022; C 1.5 in 2029 and 1.5 in 2030. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "model.h"
#include "pipeline.h"
#include "scenario.h"
#include "scenariofile.h"
#include "testlib.h"
#include "util.h"

/* A scenario file in the scratch folder whose base is a source-tree model. */
static char *
write_scenario(const char *name, const char *base_rel, const char *body)
{
    char *base = test_src(base_rel);
    char *text = xasprintf("base: %s\n%s", base, body);
    char *path = test_write(name, text);
    free(base);
    free(text);
    return path;
}

/* Expected completions per year of area a (2021 + i), from the loaded plans. */
static void
expected_completions(const scenario *sc, double *comp, double *dem, size_t years)
{
    const model *m = &sc->m;
    memset(comp, 0, years * m->n_areas * sizeof *comp);
    memset(dem, 0, years * m->n_areas * sizeof *dem);
    pipeline_expected(m->plans, m->n_plans, sc->spec.phase, sc->spec.base_year, years,
                      m->n_areas, comp, dem);
}

static int
load(scenario *sc, const char *path, diag *d)
{
    const int ret = scenario_load(sc, path, d);
    if (ret != LS_OK)
        diag_print(d, stderr);
    return ret;
}

static long
plan_index(const model *m, const char *id)
{
    for (size_t i = 0; i < m->n_plans; i++)
        if (strcmp(m->plans[i].id, id) == 0)
            return (long) i;
    return -1;
}

/* ---------------------------------------------------------------- plan changes */

static void
test_delay(void)
{
    char *path = write_scenario("scn-delay.yaml", "tests/data/housing/model.yaml",
                                "plans:\n  - {id: P1, delay: 2}\n");
    scenario sc;
    diag d;
    double comp[11 * 3], dem[11 * 3];

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(load(&sc, path, &d), LS_OK);
    expected_completions(&sc, comp, dem, 11);
    /* B (area 1): 10 in 2024 instead of 2022; C untouched */
    ASSERT_CLOSE(comp[(2022 - 2021) * 3 + 1], 0, 1e-12);
    ASSERT_CLOSE(comp[(2024 - 2021) * 3 + 1], 10, 1e-12);
    ASSERT_CLOSE(comp[(2029 - 2021) * 3 + 2], 1.5, 1e-12);
    ASSERT_CLOSE(comp[(2030 - 2021) * 3 + 2], 1.5, 1e-12);
    CU_ASSERT_EQUAL(sc.m.plans[plan_index(&sc.m, "P1")].first, 2024);
    CU_ASSERT_STRING_EQUAL(sc.spec.base_name, "housing-closed-world");
    scenario_free(&sc);
    diag_free(&d);
    free(path);
}

static void
test_units_phase_remove(void)
{
    char *path = write_scenario("scn-units.yaml", "tests/data/housing/model.yaml",
                                "plans:\n  - {id: P2, units: 12, phase: vergunning}\n"
                                "  - {id: P1, remove: true}\n");
    scenario sc;
    diag d;
    double comp[11 * 3], dem[11 * 3];

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(load(&sc, path, &d), LS_OK);
    CU_ASSERT_EQUAL(sc.m.n_plans, 1);
    CU_ASSERT_EQUAL(plan_index(&sc.m, "P1"), -1);
    expected_completions(&sc, comp, dem, 11);
    /* P2 now 12 units in the permit phase (p 1, no delay; the Dutch word): all in 2029 */
    ASSERT_CLOSE(comp[(2029 - 2021) * 3 + 2], 12, 1e-12);
    ASSERT_CLOSE(comp[(2030 - 2021) * 3 + 2], 0, 1e-12);
    ASSERT_CLOSE(comp[(2022 - 2021) * 3 + 1], 0, 1e-12);
    /* its 2 demolitions come with it, in the first delivery year */
    ASSERT_CLOSE(dem[(2029 - 2021) * 3 + 2], 2, 1e-12);
    scenario_free(&sc);
    diag_free(&d);
    free(path);
}

static void
test_add(void)
{
    char *csv = test_write("scn-add-plans.csv",
                           "plan_id,name,kern,units,segment,phase,first_year,last_year,demolitions\n"
                           "P4,C extra,C,5,mixed,permit,2025,2025,0\n");
    char *body = xasprintf("plans:\n  - {id: P3, kern: A, units: 8, phase: permit, "
                           "first_year: 2023, last_year: 2024}\nadd_plans: %s\n", csv);
    char *path = write_scenario("scn-add.yaml", "tests/data/housing/model.yaml", body);
    scenario sc;
    diag d;
    double comp[11 * 3], dem[11 * 3];

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(load(&sc, path, &d), LS_OK);
    CU_ASSERT_EQUAL(sc.m.n_plans, 4);
    expected_completions(&sc, comp, dem, 11);
    /* P3: 8 units evenly over 2023-2024 in A (area 0); P4: 5 in C in 2025 */
    ASSERT_CLOSE(comp[(2023 - 2021) * 3 + 0], 4, 1e-12);
    ASSERT_CLOSE(comp[(2024 - 2021) * 3 + 0], 4, 1e-12);
    ASSERT_CLOSE(comp[(2025 - 2021) * 3 + 2], 5, 1e-12);
    ASSERT_CLOSE(comp[(2022 - 2021) * 3 + 1], 10, 1e-12);
    scenario_free(&sc);
    diag_free(&d);
    free(path);
    free(body);
    free(csv);
}

/* ------------------------------------------------- plan lists (status_date, built) */

/* The plan of id in the list a run uses, or NULL. */
static const plan *
plan_of(const model *m, const char *id)
{
    const long i = plan_index(m, id);
    return i >= 0 ? &m->plans[i] : NULL;
}

/* tests/data/history: the list in use is that of 1 January 2023 (the last observed
 * date is 1 January 2024), where P3 (A, permit: certain, no delay) has 4 of its 10
 * units built and its 6 still to come spread over 2023-2025, 2 a year; P1 and P2 are
 * completed. Each change applies to what is still to come. */
static void
test_plan_lists(void)
{
    static const char *const bodies[] = {
        "plans:\n  - {id: P3, delay: 2}\n",
        "plans:\n  - {id: P3, units: 13}\n",
        "plans:\n  - {id: P3, first_year: 2020, last_year: 2026}\n",
        "plans:\n  - {id: P3, remove: true}\n",
    };
    char *bpath = test_src("tests/data/history/model.yaml");
    scenario base, sc;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(load(&base, bpath, &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(scenario_calibrate(&base, &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(base.m.n_plans, 3);
    for (size_t k = 0; k < sizeof bodies / sizeof bodies[0]; k++) {
        char name[32], *path;
        const plan *p, *orig;
        snprintf(name, sizeof name, "scn-lists-%zu.yaml", k);
        path = write_scenario(name, "tests/data/history/model.yaml", bodies[k]);
        CU_ASSERT_EQUAL_FATAL(load(&sc, path, &d), LS_OK);
        CU_ASSERT_EQUAL_FATAL(scenario_calibrate(&sc, &d), LS_OK);
        p = plan_of(&sc.m, "P3");
        switch (k) {
        case 0: /* 2 a year over 2025-2027 */
            CU_ASSERT_FATAL(p != NULL);
            CU_ASSERT_EQUAL(p->first, 2025);
            CU_ASSERT_EQUAL(p->last, 2027);
            ASSERT_CLOSE(p->per_year[0], 2, 1e-12);
            ASSERT_CLOSE(p->per_year[2], 2, 1e-12);
            ASSERT_CLOSE(p->units, 6, 1e-12);
            break;
        case 1: /* 13 in all, 4 built: 9 to come, 3 a year over 2023-2025 */
            CU_ASSERT_FATAL(p != NULL);
            ASSERT_CLOSE(p->total, 13, 1e-12);
            ASSERT_CLOSE(p->built, 4, 1e-12);
            ASSERT_CLOSE(p->units, 9, 1e-12);
            CU_ASSERT_EQUAL(p->first, 2023);
            ASSERT_CLOSE(p->per_year[0], 3, 1e-12);
            ASSERT_CLOSE(p->per_year[2], 3, 1e-12);
            break;
        case 2: /* planned 2020-2026: the 6 to come over 2023-2026, 1.5 a year */
            CU_ASSERT_FATAL(p != NULL);
            CU_ASSERT_EQUAL(p->first, 2023);
            CU_ASSERT_EQUAL(p->last, 2026);
            ASSERT_CLOSE(p->per_year[0], 1.5, 1e-12);
            ASSERT_CLOSE(p->per_year[3], 1.5, 1e-12);
            break;
        default: /* gone from the list in use; P1 and P2 stay */
            CU_ASSERT(p == NULL);
            CU_ASSERT_EQUAL(sc.m.n_plans, 2);
            break;
        }
        /* The plan lists as read, and so the history, are the base's. */
        orig = NULL;
        for (size_t i = 0; i < sc.m.snapshots[sc.m.current_snapshot].n; i++)
            if (strcmp(sc.m.snapshots[sc.m.current_snapshot].plans[i].id, "P3") == 0)
                orig = &sc.m.snapshots[sc.m.current_snapshot].plans[i];
        CU_ASSERT_FATAL(orig != NULL);
        CU_ASSERT_EQUAL(orig->first, 2023);
        ASSERT_CLOSE(orig->units, 6, 1e-12);
        CU_ASSERT_EQUAL(sc.hist.n_steps, base.hist.n_steps);
        for (size_t i = 0; i < base.hist.n_steps * base.m.n_areas; i++)
            ASSERT_CLOSE(sc.hist.completions[i], base.hist.completions[i], 1e-9);
        ASSERT_CLOSE(sc.hist.small_rate, base.hist.small_rate, 1e-12);
        scenario_free(&sc);
        free(path);
    }
    scenario_free(&base);
    diag_free(&d);
    free(bpath);
}

static void
test_unknown_plan(void)
{
    char *path = write_scenario("scn-unknown-plan.yaml", "tests/data/housing/model.yaml",
                                "plans:\n  - {id: P11, delay: 1}\n  - {id: Q9, remove: true}\n");
    scenario sc;
    diag d;
    char *want;

    diag_init(&d);
    CU_ASSERT_EQUAL(scenario_load(&sc, path, &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(diag_count(&d), 2);
    want = xasprintf("%s:3:10: plan \"P11\" is not in the plan list", path);
    CU_ASSERT_NSTRING_EQUAL(d.msg[0], want, strlen(want));
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg[0], "did you mean \"P1\"?"));
    free(want);
    want = xasprintf("%s:4:10: plan \"Q9\" is not in the plan list", path);
    CU_ASSERT_NSTRING_EQUAL(d.msg[1], want, strlen(want));
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg[1], "a new plan needs kern, units"));
    free(want);
    scenario_free(&sc);
    diag_free(&d);
    free(path);
}

/* ---------------------------------------------------------------- key changes */

/* A base written here, so that every key and line is known. */
static const char base_text[] =
    "name: b\n"                              /* 1 */
    "base_year: 2020\n"                      /* 2 */
    "horizon: 2030\n"                        /* 3 */
    "ages: {width: 5, open: 20}\n"           /* 4 */
    "geography: {municipality: M, kernen: [N, Z]}\n"
    "population: pop.csv\n"                  /* 6 */
    "mortality: {survival: surv.csv}\n"
    "fertility:\n"                           /* 8 */
    "  asfr: asfr.csv\n"
    "  tfr: {2020: 1.6, 2025: 1.7}\n"        /* 10 */
    "  level: 1.1\n"
    "migration:\n"
    "  flows:\n"
    "    - {name: a, kind: net, counts: net.csv, level: 2}\n"   /* 14 */
    "    - {name: b, kind: net, counts: net2.csv}\n"
    "targets:\n"
    "  - {id: p1, measure: population, scope: municipality, window: {at: 2030}, "
    "threshold: 10, source: s}\n"            /* 17 */
    "  - {id: p2, measure: population, scope: municipality, window: {at: 2025}, "
    "threshold: 20, source: s}\n";

static void
test_merge_rules(void)
{
    char *base = test_write("scn-base/base.yaml", base_text);
    char *text = xasprintf("base: %s\n"
                           "fertility: {tfr: {2030: 1.2}}\n"
                           "migration:\n  flows:\n    - {name: b, level: 0.5}\n"
                           "    - {name: c, kind: net, counts: net3.csv}\n"
                           "targets:\n  - {id: p1, remove: true}\n  - {id: p2, threshold: 25}\n",
                           base);
    char *path = test_write("scn-sub/merge.yaml", text);
    char *want_a = test_tmp("scn-base/net.csv"), *want_c = test_tmp("scn-sub/net3.csv");
    model_spec s;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load(&s, path, &d), LS_OK);
    /* a {year: number} path is replaced whole, a scalar beside it is kept */
    CU_ASSERT_EQUAL(s.tfr.n, 1);
    ASSERT_CLOSE(schedule_at(&s.tfr, 2020, 0), 1.2, 1e-12);
    ASSERT_CLOSE(s.fertility_level.scalar, 1.1, 1e-12);
    /* flows by name: a as it was, b with a new level and its base's counts, c new */
    CU_ASSERT_EQUAL_FATAL(s.n_flows, 3);
    CU_ASSERT_STRING_EQUAL(s.flows[0].name, "a");
    ASSERT_CLOSE(schedule_at(&s.flows[0].level, 2020, 0), 2, 1e-12);
    CU_ASSERT_STRING_EQUAL(s.flows[0].file, want_a);
    CU_ASSERT_STRING_EQUAL(s.flows[1].name, "b");
    ASSERT_CLOSE(schedule_at(&s.flows[1].level, 2020, 0), 0.5, 1e-12);
    /* a path the scenario writes is read from the scenario's folder */
    CU_ASSERT_STRING_EQUAL(s.flows[2].file, want_c);
    /* targets by id: p1 removed, p2 with a new threshold */
    CU_ASSERT_EQUAL_FATAL(s.n_targets, 1);
    CU_ASSERT_STRING_EQUAL(s.targets[0].id, "p2");
    ASSERT_CLOSE(s.targets[0].threshold, 25, 1e-12);
    CU_ASSERT_EQUAL(s.targets[0].from, 2025);
    /* the record of what changed */
    CU_ASSERT_EQUAL(s.n_changes, 5);
    CU_ASSERT_STRING_EQUAL(s.changes[0], "fertility.tfr: {2030: 1.2}");
    CU_ASSERT_STRING_EQUAL(s.changes[1], "migration.flows[b].level: 0.5");
    CU_ASSERT_STRING_EQUAL(s.changes[2], "migration.flows: adds c");
    CU_ASSERT_STRING_EQUAL(s.changes[3], "targets: removes p1");
    CU_ASSERT_STRING_EQUAL(s.changes[4], "targets[p2].threshold: 25");
    CU_ASSERT_PTR_NOT_NULL(s.resolved_yaml);
    CU_ASSERT_PTR_NOT_NULL(strstr(s.resolved_yaml, "threshold: 25"));
    CU_ASSERT_PTR_NULL(strstr(s.resolved_yaml, "id: p1"));
    config_free(&s);
    diag_free(&d);
    free(base);
    free(text);
    free(path);
    free(want_a);
    free(want_c);
}

/* Messages are placed in the file the key came from. */
static void
test_messages_located(void)
{
    char *bad_base, *base, *text, *path, *want;
    model_spec s;
    diag d;

    /* line 11 of the base: a fertility level out of range */
    bad_base = xstrdup(base_text);
    memcpy(strstr(bad_base, "level: 1.1"), "level: 9.1", 10);
    base = test_write("scn-base/bad-base.yaml", bad_base);
    text = xasprintf("base: %s\nfertility:\n  levl: 3\n"
                     "migration:\n  flows:\n    - {name: x, level: 2}\n"
                     "targets:\n  - {id: nope, remove: true}\n",
                     base);
    path = test_write("scn-sub/located.yaml", text);
    diag_init(&d);
    CU_ASSERT_EQUAL(config_load(&s, path, &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(diag_count(&d), 4);
    /* the merge's own messages first, then the model's check in key order */
    want = xasprintf("%s:6:7: migration.flows: the base has no flow named \"x\" (its flows: a, "
                     "b); a new flow also needs kind",
                     path);
    CU_ASSERT_STRING_EQUAL(d.msg[0], want);
    free(want);
    want = xasprintf("%s:8:5: targets: the base has no target with id \"nope\" to remove (its "
                     "targets: p1, p2)",
                     path);
    CU_ASSERT_STRING_EQUAL(d.msg[1], want);
    free(want);
    want = xasprintf("%s:11:10: fertility.level must be in [0, 5] (ratio), found 9.1", base);
    CU_ASSERT_STRING_EQUAL(d.msg[2], want);
    free(want);
    want = xasprintf("%s:3:3: unknown key \"levl\" in fertility: did you mean \"level\"?", path);
    CU_ASSERT_NSTRING_EQUAL(d.msg[3], want, strlen(want));
    free(want);
    config_free(&s);
    diag_free(&d);
    free(bad_base);
    free(base);
    free(text);
    free(path);
}

static void
test_scenario_keys_in_a_model(void)
{
    char *text = xasprintf("%splans:\n  - {id: x, delay: 1}\n", base_text);
    char *path = test_write("scn-base/model-with-plans.yaml", text), *want;
    model_spec s;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL(config_load(&s, path, &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(diag_count(&d), 1);
    want = xasprintf("%s:19:1: \"plans\" is a key of scenario files (which name their model with "
                     "base:), not of a model file",
                     path);
    CU_ASSERT_STRING_EQUAL(d.msg[0], want);
    free(want);
    config_free(&s);
    diag_free(&d);
    free(text);
    free(path);
}

static void
test_names(void)
{
    char *s = scenariofile_stem("models/scenarios/slip two.yaml");
    char *o = scenariofile_default_out("hardenberg", "../x/low.yaml");
    CU_ASSERT_STRING_EQUAL(s, "slip_two");
    CU_ASSERT_STRING_EQUAL(o, "output/hardenberg-low");
    free(s);
    free(o);
}

/* ---------------------------------------------------------------- migration_level */

/* One kern, women only, survival 1, no births: 100 women and 10 immigrants a year, so
 * 1 January 2030 has 100 + 10 x 10 = 200 without a factor. A factor f on the
 * immigrants from 2025 (steps 2025..2029) gives 150 + 50 f. A change of +10% over
 * [2010, 2030], rescaled to (2030 - 2025) / 20 = 0.25, asks for 205: f = 1.1. */
static void
test_migration_level(void)
{
    char *pop = test_write("scn-tiny/pop.csv", "sex,age,persons\nF,0,0\nF,1,0\nF,2,100\n");
    char *surv = test_write("scn-tiny/surv.csv", "sex,age,survival_ratio\nF,0,1\nF,1,1\nF,2,1\n");
    char *asfr = test_write("scn-tiny/asfr.csv", "age,births_per_woman\n1,0\n");
    char *prof = test_write("scn-tiny/prof.csv", "sex,age,share\nF,2,1\n");
    char *base = test_write("scn-tiny/tiny.yaml",
                            "name: tiny\nbase_year: 2020\nhorizon: 2030\nages: {width: 1, open: 2}\n"
                            "sexes: [F]\ngeography: {municipality: T, kernen: [K]}\n"
                            "population: pop.csv\nmortality: {survival: surv.csv}\n"
                            "fertility: {asfr: asfr.csv}\n"
                            "migration:\n  flows:\n    - {name: in, kind: immigration, total: 10, "
                            "profile: prof.csv}\nuncertainty: {from: 2025}\n");
    char *text = xasprintf("base: %s\nmigration_level: {flows: in, year: 2030, change: 0.1, "
                           "over: [2010, 2030], source: test}\n",
                           base);
    char *path = test_write("scn-tiny/more.yaml", text);
    scenario sc;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(load(&sc, path, &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(scenario_calibrate(&sc, &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(scenario_run(&sc, &d), LS_OK);
    CU_ASSERT(sc.has_mlevel);
    ASSERT_CLOSE(sc.mlevel.without, 200, 1e-9);
    ASSERT_CLOSE(sc.mlevel.rescale, 0.25, 1e-12);
    ASSERT_CLOSE(sc.mlevel.target, 205, 1e-9);
    ASSERT_CLOSE(sc.mlevel.factor, 1.1, 1e-8);
    ASSERT_CLOSE(projection_total(sc.trend, 10), 205, 1e-6);
    ASSERT_CLOSE(projection_total(sc.trend, 5), 150, 1e-9); /* 2025: before the factor */
    scenario_free(&sc);
    diag_free(&d);
    free(pop);
    free(surv);
    free(asfr);
    free(prof);
    free(base);
    free(text);
    free(path);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"delay", test_delay},
        {"units_phase_remove", test_units_phase_remove},
        {"add", test_add},
        {"plan_lists", test_plan_lists},
        {"unknown_plan", test_unknown_plan},
        {"merge_rules", test_merge_rules},
        {"messages_located", test_messages_located},
        {"scenario_keys_in_a_model", test_scenario_keys_in_a_model},
        {"names", test_names},
        {"migration_level", test_migration_level},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
