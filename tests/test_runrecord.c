/* run.yaml: every string and number a record holds reads back unchanged (written by
 * libyaml's emitter, read by its parser), sections merge, nesting and syntax errors
 * are refused with their place, and a real run's record carries the run's numbers. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "results.h"
#include "runrecord.h"
#include "scenario.h"
#include "sha256.h"
#include "testlib.h"
#include "util.h"

/* Strings a careless or hostile input may hold, each a possible misreading. */
static const char *const hostile[] = {
    "plain",
    "with \"quotes\" and \\backslash\\",
    "two\nlines",
    "key: value",
    "# not a comment",
    "yes",
    "No",
    "null",
    "~",
    "1.5",
    "0x1F",
    "2021",
    "",
    " leading and trailing ",
    "tab\there",
    "control \x01\x7f end",
    "Mari\xc3\xabnberg",
    "- dash",
    "[1, 2]",
    "{a: b}",
    "&anchor *alias !tag",
    "'single'",
    "a #b",
    "100%",
    "line\r\nend",
    "not UTF-8: \xff\xfe, cut \xc3",
};
#define N_HOSTILE (sizeof hostile / sizeof hostile[0])

static const double numbers[] = {0.1,    1.0 / 3,  1e-300, 1e20,    -2200,  2200,
                                 1.017171613353437, 6.02214076e23, 5e-324, -0.0,
                                 123456789012345678.0, 0.0001234};
#define N_NUMBERS (sizeof numbers / sizeof numbers[0])

static runrecord *
saved_and_loaded(runrecord *rr, const char *file)
{
    char *path = test_tmp(file);
    runrecord *back = runrecord_alloc();
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(runrecord_save(rr, path, &d), LS_OK);
    CU_ASSERT_EQUAL(runrecord_load(back, path, &d), LS_OK);
    if (diag_count(&d) > 0)
        diag_print(&d, stderr);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    diag_free(&d);
    free(path);
    return back;
}

static void
test_strings_round_trip(void)
{
    runrecord *rr = runrecord_alloc(), *back;
    rr_node list = runrecord_list(rr, runrecord_root(rr), "strings");
    rr_node map = runrecord_map(rr, runrecord_root(rr), "by_key");
    rr_node flow = runrecord_map_flow(rr, runrecord_root(rr), "flow");

    for (size_t i = 0; i < N_HOSTILE; i++) {
        char key[16];
        runrecord_str(rr, list, NULL, hostile[i]);
        snprintf(key, sizeof key, "k%zu", i);
        runrecord_str(rr, map, key, hostile[i]);
        runrecord_str(rr, flow, key, hostile[i]);
    }
    runrecord_str(rr, runrecord_root(rr), "nothing", NULL);
    back = saved_and_loaded(rr, "rr-strings.yaml");
    CU_ASSERT_EQUAL(runrecord_count(back, runrecord_get(back, runrecord_root(back), "strings")),
                    N_HOSTILE);
    for (size_t i = 0; i < N_HOSTILE; i++) {
        char path[32];
        const char *v;
        snprintf(path, sizeof path, "strings.%zu", i);
        v = runrecord_text(back, 0, path);
        CU_ASSERT_PTR_NOT_NULL_FATAL(v);
        if (strstr(hostile[i], "not UTF-8") == hostile[i]) {
            /* such bytes become U+FFFD (a path on Linux may hold any bytes) */
            CU_ASSERT_STRING_EQUAL(v, "not UTF-8: \xef\xbf\xbd\xef\xbf\xbd, cut \xef\xbf\xbd");
            continue;
        }
        if (strcmp(v, hostile[i]) != 0)
            fprintf(stderr, "string %zu: wrote [%s], read [%s]\n", i, hostile[i], v);
        CU_ASSERT_STRING_EQUAL(v, hostile[i]);
        snprintf(path, sizeof path, "by_key.k%zu", i);
        CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, path), hostile[i]);
        snprintf(path, sizeof path, "flow.k%zu", i);
        CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, path), hostile[i]);
    }
    /* null is not the string "null" */
    CU_ASSERT_PTR_NULL(runrecord_text(back, 0, "nothing"));
    CU_ASSERT_PTR_NOT_NULL(runrecord_get(back, runrecord_root(back), "nothing"));
    CU_ASSERT_PTR_NULL(runrecord_text(back, 0, "absent.key"));
    CU_ASSERT_PTR_NULL(runrecord_text(back, 0, "strings.99"));
    CU_ASSERT_PTR_NULL(runrecord_text(back, 0, "strings")); /* a list, not a scalar */
    runrecord_free(rr);
    runrecord_free(back);
}

static void
test_numbers_round_trip(void)
{
    runrecord *rr = runrecord_alloc(), *back;
    rr_node n = runrecord_map(rr, runrecord_root(rr), "numbers");
    rr_node years = runrecord_map_flow(rr, runrecord_root(rr), "years");

    for (size_t i = 0; i < N_NUMBERS; i++) {
        char key[16];
        snprintf(key, sizeof key, "n%zu", i);
        runrecord_num(rr, n, key, numbers[i]);
    }
    runrecord_num(rr, n, "nan", NAN);
    runrecord_num(rr, n, "inf", -INFINITY);
    runrecord_fixed(rr, n, "fixed", 61938.25, 3);
    runrecord_int(rr, n, "int", -42);
    runrecord_bool(rr, n, "yes", 1);
    runrecord_num(rr, years, "2021", 213);
    runrecord_num(rr, years, "2025", 176.5);
    back = saved_and_loaded(rr, "rr-numbers.yaml");
    for (size_t i = 0; i < N_NUMBERS; i++) {
        char path[32];
        const char *v;
        snprintf(path, sizeof path, "numbers.n%zu", i);
        v = runrecord_text(back, 0, path);
        CU_ASSERT_PTR_NOT_NULL_FATAL(v);
        CU_ASSERT(strtod(v, NULL) == numbers[i]);
        CU_ASSERT_PTR_NULL(strchr(v, 'e') != NULL && strchr(v, '.') == NULL ? v : NULL);
    }
    /* ordinary magnitudes never in exponent form, and no -0 */
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "numbers.n4"), "-2200");
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "numbers.n9"), "0");
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "numbers.n11"), "0.0001234");
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "numbers.nan"), ".nan");
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "numbers.inf"), "-.inf");
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "numbers.fixed"), "61938.250");
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "numbers.int"), "-42");
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "numbers.yes"), "true");
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "years.2021"), "213");
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "years.2025"), "176.5");
    runrecord_free(rr);
    runrecord_free(back);
}

/* Two modules adding to one section get the same mapping; a repeated key replaces. */
static void
test_sections_merge(void)
{
    runrecord *rr = runrecord_alloc(), *back;
    rr_node a = runrecord_map(rr, runrecord_root(rr), "observations");
    rr_node b;

    runrecord_str(rr, a, "file", "first.csv");
    b = runrecord_map(rr, runrecord_root(rr), "observations");
    CU_ASSERT_EQUAL(a, b);
    runrecord_int(rr, b, "rows", 12);
    runrecord_str(rr, a, "file", "second.csv");
    back = saved_and_loaded(rr, "rr-merge.yaml");
    CU_ASSERT_EQUAL(runrecord_count(back, runrecord_root(back)), 1);
    CU_ASSERT_EQUAL(runrecord_count(back, runrecord_get(back, runrecord_root(back), "observations")), 2);
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "observations.file"), "second.csv");
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "observations.rows"), "12");
    runrecord_free(rr);
    runrecord_free(back);
}

static void
expect_refused(const char *text, const char *where, const char *what)
{
    runrecord *rr = runrecord_alloc();
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL(runrecord_parse(rr, text, strlen(text), "run.yaml", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(diag_count(&d), 1);
    if (strstr(d.msg[0], where) != d.msg[0] || strstr(d.msg[0], what) == NULL)
        fprintf(stderr, "got: %s\n", d.msg[0]);
    CU_ASSERT_PTR_EQUAL(strstr(d.msg[0], where), d.msg[0]);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg[0], what));
    /* a refused record reads as empty */
    CU_ASSERT_PTR_NULL(runrecord_text(rr, 0, "version"));
    diag_free(&d);
    runrecord_free(rr);
}

static void
test_refusals(void)
{
    strbuf deep;
    strbuf_init(&deep);
    strbuf_add(&deep, "version: x\nnest: ", 17);
    for (int i = 0; i < 100000; i++)
        strbuf_add(&deep, "[", 1);
    /* the 64 levels allowed are the root mapping and 63 lists: the 64th list is at
     * column 7 + 63 */
    expect_refused(deep.s, "run.yaml:2:70: ", "nested deeper than 64 levels");
    strbuf_free(&deep);
    expect_refused("version: [1, 2\n", "run.yaml:2:1: ", "YAML syntax");
    expect_refused("- a\n- b\n", "run.yaml:1:1: ", "not a run record");
    expect_refused("a: \xff\n", "run.yaml:1:4: ", "not valid UTF-8");
}

/* The record of a real run holds the run's own numbers. */
static void
test_run_record_of_a_run(void)
{
    char *mpath = test_src("tests/data/wpp-canada/model.yaml"), *path = test_tmp("rr-run.yaml");
    scenario sc;
    runrecord *back = runrecord_alloc();
    run_info ri;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(scenario_load(&sc, mpath, &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(scenario_calibrate(&sc, &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(scenario_run(&sc, &d), LS_OK);
    ri = sc.ri;
    ri.command_line = "landstad run \"model: x\"\n# y";
    ri.has_seed = 1;
    ri.seed = 4294967295UL;
    ri.runs = 300;
    ri.threads = 2;
    ri.pilot = 1000;
    CU_ASSERT_EQUAL_FATAL(runrecord_write(path, &sc.m, sc.trend, &ri, &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(runrecord_load(back, path, &d), LS_OK);
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "program"), "landstad");
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "version"), PACKAGE_VERSION);
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "command"), ri.command_line);
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "seed"), "4294967295");
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "runs"), "300");
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "model.name"), sc.spec.name);
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "model.file"), sc.spec.path);
    CU_ASSERT_EQUAL(atoi(runrecord_text(back, 0, "model.base_year")), sc.spec.base_year);
    CU_ASSERT_EQUAL(atoi(runrecord_text(back, 0, "model.ages.width")), sc.spec.width);
    CU_ASSERT_EQUAL(runrecord_count(back, runrecord_get(back, runrecord_root(back), "inputs")),
                    sc.m.n_inputs);
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "inputs.0.file"), sc.m.inputs[0]);
    CU_ASSERT_EQUAL(strlen(runrecord_text(back, 0, "inputs.0.sha256")), 64);
    for (size_t y = 0; y < sc.trend->n_years; y++) {
        char key[48];
        snprintf(key, sizeof key, "results.population.%d", sc.trend->years[y]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(runrecord_text(back, 0, key));
        CU_ASSERT(fabs(strtod(runrecord_text(back, 0, key), NULL) - projection_total(sc.trend, y))
                  <= 0.0005);
    }
    runrecord_free(back);
    scenario_free(&sc);
    diag_free(&d);
    free(mpath);
    free(path);
}

/* Copies tests/data/wpp-canada/NAME to dir/NAME. */
static void
copy_in(const char *dir, const char *name)
{
    char *src = xasprintf("tests/data/wpp-canada/%s", name), *from = test_src(src);
    char *to = xasprintf("%s/%s", dir, name), *buf = NULL;
    size_t len = 0;
    FILE *f;
    CU_ASSERT_EQUAL_FATAL(read_file(from, &buf, &len), LS_OK);
    f = fopen(to, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fwrite(buf, 1, len, f);
    fclose(f);
    free(buf);
    free(src);
    free(from);
    free(to);
}

/* An input changed after it was read: the record and inputs.csv keep the hash of
 * the bytes the run used. */
static void
test_hash_of_what_was_read(void)
{
    static const char *const files[] = {"model.yaml", "population_1950.csv", "survival.csv",
                                        "asfr.csv", "net_migrants.csv"};
    char *dir = test_tmp("rr-changed"), *model_path, *pop, *rec = test_tmp("rr-changed.yaml");
    char *inputs = test_tmp("rr-changed-inputs.csv"), *text;
    char before[65], before_model[65], after[65];
    scenario sc;
    runrecord *back = runrecord_alloc();
    diag d;
    FILE *f;

    mkdir(dir, 0777);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        copy_in(dir, files[i]);
    model_path = xasprintf("%s/model.yaml", dir);
    pop = xasprintf("%s/population_1950.csv", dir);
    CU_ASSERT_EQUAL_FATAL(sha256_file(pop, before), LS_OK);
    CU_ASSERT_EQUAL_FATAL(sha256_file(model_path, before_model), LS_OK);
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(scenario_load(&sc, model_path, &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(scenario_calibrate(&sc, &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(scenario_run(&sc, &d), LS_OK);
    /* someone saves the files while the run is going on */
    f = fopen(pop, "a");
    fputs("# edited\n", f);
    fclose(f);
    f = fopen(model_path, "a");
    fputs("# edited\n", f);
    fclose(f);
    CU_ASSERT_EQUAL_FATAL(sha256_file(pop, after), LS_OK);
    CU_ASSERT(strcmp(before, after) != 0);
    CU_ASSERT_EQUAL_FATAL(runrecord_write(rec, &sc.m, sc.trend, &sc.ri, &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(results_write_inputs(&sc.m, inputs, &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(runrecord_load(back, rec, &d), LS_OK);
    CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, "model.sha256"), before_model);
    for (size_t i = 0; i < runrecord_count(back, runrecord_get(back, runrecord_root(back), "inputs")); i++) {
        char key[64];
        snprintf(key, sizeof key, "inputs.%zu.file", i);
        if (strcmp(runrecord_text(back, 0, key), pop) == 0) {
            snprintf(key, sizeof key, "inputs.%zu.sha256", i);
            CU_ASSERT_STRING_EQUAL(runrecord_text(back, 0, key), before);
        }
    }
    text = NULL;
    {
        size_t len;
        CU_ASSERT_EQUAL_FATAL(read_file(inputs, &text, &len), LS_OK);
    }
    CU_ASSERT_PTR_NOT_NULL(strstr(text, before));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, before_model));
    CU_ASSERT_PTR_NULL(strstr(text, after));
    free(text);
    runrecord_free(back);
    scenario_free(&sc);
    diag_free(&d);
    free(model_path);
    free(pop);
    free(rec);
    free(inputs);
    free(dir);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"strings_round_trip", test_strings_round_trip},
        {"numbers_round_trip", test_numbers_round_trip},
        {"sections_merge", test_sections_merge},
        {"refusals", test_refusals},
        {"run_record_of_a_run", test_run_record_of_a_run},
        {"hash_of_what_was_read", test_hash_of_what_was_read},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
