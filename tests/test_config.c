/* The model file reader on YAML held in memory: a full model lands in the expected
 * spec fields, defaults are filled, and every kind of mistake gets its exact,
 * located message, all of them in one pass. Input files are not opened here, so
 * their names are made up. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A bare "config.h" would find autoheader's file first (-I. comes before -Isrc). */
#include "../src/config.h"
#include "testlib.h"
#include "util.h"

static const char good_model[] = "name: twee_kernen\n"
                                 "title: \"Two kernen\"\n"
                                 "base_year: 2021\n"
                                 "horizon: 2031\n"
                                 "ages:\n"
                                 "  width: 5\n"
                                 "  open: 20\n"
                                 "sexes: [F, M]\n"
                                 "geography:\n"
                                 "  municipality: Testdorp\n"
                                 "  kernen: [Noord, Zuid]\n"
                                 "  tiers: [town, rural]\n"
                                 "population: ../common/pop.csv\n"
                                 "mortality:\n"
                                 "  life_table: lt.csv\n"
                                 "  infant_separation: 0.15\n"
                                 "  smr: {Noord: 1.125, rural: 0.875}\n"
                                 "fertility:\n"
                                 "  asfr: ./asfr.csv\n"
                                 "  tfr: {2026: 1.43, 2021: 1.57}\n"
                                 "  level: 1.0625\n"
                                 "  sex_ratio_at_birth: 1.055\n"
                                 "migration:\n"
                                 "  timing: even\n"
                                 "  flows:\n"
                                 "    - name: emi\n"
                                 "      kind: emigration\n"
                                 "      rates: emi.csv\n"
                                 "    - name: imm\n"
                                 "      kind: immigration\n"
                                 "      total: {2021: 141, 2030: 173.5}\n"
                                 "      profile: prof.csv\n"
                                 "      distribution: dist.csv\n"
                                 "      level: {2021: 1.0, 2025: 1.25}\n"
                                 "    - name: moves\n"
                                 "      kind: internal\n"
                                 "      counts: /data/moves.csv\n"
                                 "      destinations: gravity\n"
                                 "      distance_decay: 1.75\n"
                                 "calibrate:\n"
                                 "  flow: imm\n"
                                 "  from: 2021\n"
                                 "  to: 2024\n"
                                 "  year: 2026\n"
                                 "  population: 63423\n"
                                 "output:\n"
                                 "  plots: false\n";

/* A small valid model; tests append or substitute lines. Lines 1-8. */
static const char base_model[] = "name: t\n"
                                 "base_year: 2021\n"
                                 "horizon: 2031\n"
                                 "ages: {width: 5, open: 20}\n"
                                 "geography: {kernen: [Noord, Zuid]}\n"
                                 "population: pop.csv\n"
                                 "mortality: {survival: s.csv}\n"
                                 "fertility: {asfr: a.csv}\n";

static int
parse_as(model_spec *m, const char *text, const char *path, diag *d)
{
    return config_parse(m, text, strlen(text), path, d);
}

/* base_model with extra text appended. */
static int
parse_with(model_spec *m, const char *extra, diag *d)
{
    char *text = xasprintf("%s%s", base_model, extra);
    int ret = parse_as(m, text, "m.yaml", d);
    free(text);
    return ret;
}

/* base_model with the first occurrence of from replaced by to. */
static int
parse_replacing(model_spec *m, const char *from, const char *to, diag *d)
{
    const char *at = strstr(base_model, from);
    char *text;
    int ret;

    CU_ASSERT_PTR_NOT_NULL_FATAL(at);
    text = xasprintf("%.*s%s%s", (int) (at - base_model), base_model, to, at + strlen(from));
    ret = parse_as(m, text, "m.yaml", d);
    free(text);
    return ret;
}

/* Asserts that parsing gave exactly one message, equal to want. */
static void
expect_one(int ret, const diag *d, const char *want)
{
    CU_ASSERT_EQUAL(ret, LS_ECONFIG);
    CU_ASSERT_EQUAL(d->n, 1);
    if (d->n >= 1) {
        if (strcmp(d->msg[0], want) != 0)
            fprintf(stderr, "\n    got:  %s\n    want: %s\n", d->msg[0], want);
        CU_ASSERT_STRING_EQUAL(d->msg[0], want);
    }
    for (size_t i = 1; i < d->n; i++)
        fprintf(stderr, "\n    extra: %s\n", d->msg[i]);
}

static void
test_config_good_model_fills_spec(void)
{
    model_spec m;
    diag d;
    const flow_spec *f;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse_as(&m, good_model, "models/nl/m.yaml", &d), LS_OK);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    CU_ASSERT_STRING_EQUAL(m.path, "models/nl/m.yaml");
    CU_ASSERT_STRING_EQUAL(m.dir, "models/nl");
    CU_ASSERT_STRING_EQUAL(m.name, "twee_kernen");
    CU_ASSERT_STRING_EQUAL(m.title, "Two kernen");
    CU_ASSERT_EQUAL(m.base_year, 2021);
    CU_ASSERT_EQUAL(m.horizon, 2031);
    CU_ASSERT_EQUAL(m.width, 5);
    CU_ASSERT_EQUAL(m.open, 20);
    CU_ASSERT_EQUAL_FATAL(m.n_sexes, 2);
    CU_ASSERT_EQUAL(m.sex[0], 'F');
    CU_ASSERT_EQUAL(m.sex[1], 'M');
    CU_ASSERT_STRING_EQUAL(m.municipality, "Testdorp");
    CU_ASSERT_PTR_NULL(m.kernen_file);
    CU_ASSERT_EQUAL_FATAL(m.n_kernen_inline, 2);
    CU_ASSERT_STRING_EQUAL(m.kernen_inline[0], "Noord");
    CU_ASSERT_STRING_EQUAL(m.kernen_inline[1], "Zuid");
    CU_ASSERT_EQUAL(m.kernen_at.line, 11);
    CU_ASSERT_EQUAL(m.kernen_at.col, 11);
    CU_ASSERT_EQUAL_FATAL(m.n_tiers, 2);
    CU_ASSERT_STRING_EQUAL(m.tiers[1], "rural");
    /* Paths are resolved against the model's folder. */
    CU_ASSERT_STRING_EQUAL(m.population_file, "models/common/pop.csv");
    CU_ASSERT_PTR_NULL(m.survival_file);
    CU_ASSERT_STRING_EQUAL(m.life_table_file, "models/nl/lt.csv");
    CU_ASSERT_PTR_NULL(m.improvement_file);
    CU_ASSERT_EQUAL(m.infant_separation, 0.15);
    /* smr keyed by kern and tier, with the place of each key. */
    CU_ASSERT(m.smr.is_map);
    CU_ASSERT_EQUAL_FATAL(m.smr.n, 2);
    CU_ASSERT_STRING_EQUAL(m.smr.name[0], "Noord");
    CU_ASSERT_EQUAL(m.smr.value[0], 1.125);
    CU_ASSERT_STRING_EQUAL(m.smr.name[1], "rural");
    CU_ASSERT_EQUAL(m.smr.value[1], 0.875);
    CU_ASSERT_EQUAL(m.smr.at[1].line, 17);
    CU_ASSERT_EQUAL(m.smr.at[1].col, 23);
    CU_ASSERT_STRING_EQUAL(m.asfr_file, "models/nl/asfr.csv");
    /* The TFR path is sorted by year whatever the order written. */
    CU_ASSERT_EQUAL_FATAL(m.tfr.n, 2);
    CU_ASSERT_EQUAL(m.tfr.year[0], 2021);
    CU_ASSERT_EQUAL(m.tfr.value[0], 1.57);
    CU_ASSERT_EQUAL(m.tfr.year[1], 2026);
    CU_ASSERT_EQUAL(m.tfr.value[1], 1.43);
    ASSERT_CLOSE(schedule_at(&m.tfr, 2023.5, 0), 1.50, 1e-14);
    CU_ASSERT(!m.fertility_level.is_map);
    CU_ASSERT_EQUAL(m.fertility_level.scalar, 1.0625);
    CU_ASSERT_EQUAL(schedule_at(&m.srb, 2030, 0), 1.055);
    CU_ASSERT_EQUAL(m.timing, TIMING_EVEN);
    CU_ASSERT_EQUAL_FATAL(m.n_flows, 3);

    f = &m.flows[0];
    CU_ASSERT_STRING_EQUAL(f->name, "emi");
    CU_ASSERT_EQUAL(f->kind, FLOW_EMIGRATION);
    CU_ASSERT_EQUAL(f->source, FLOW_FROM_RATES);
    CU_ASSERT_STRING_EQUAL(f->file, "models/nl/emi.csv");
    CU_ASSERT_EQUAL(schedule_at(&f->level, 2027, 0), 1.0); /* default level */
    CU_ASSERT_EQUAL(f->where.line, 26);

    f = &m.flows[1];
    CU_ASSERT_STRING_EQUAL(f->name, "imm");
    CU_ASSERT_EQUAL(f->kind, FLOW_IMMIGRATION);
    CU_ASSERT_EQUAL(f->source, FLOW_FROM_TOTAL);
    CU_ASSERT_PTR_NULL(f->file);
    CU_ASSERT_EQUAL_FATAL(f->total.n, 2);
    CU_ASSERT_EQUAL(f->total.year[1], 2030);
    CU_ASSERT_EQUAL(f->total.value[1], 173.5);
    ASSERT_CLOSE(schedule_at(&f->total, 2024, 0), 141 + 3 * (173.5 - 141) / 9, 1e-13);
    CU_ASSERT_STRING_EQUAL(f->profile, "models/nl/prof.csv");
    CU_ASSERT_STRING_EQUAL(f->distribution, "models/nl/dist.csv");
    ASSERT_CLOSE(schedule_at(&f->level, 2023, 0), 1.125, 1e-15);
    CU_ASSERT_EQUAL(f->level_at.line, 34);

    f = &m.flows[2];
    CU_ASSERT_STRING_EQUAL(f->name, "moves");
    CU_ASSERT_EQUAL(f->kind, FLOW_INTERNAL);
    CU_ASSERT_EQUAL(f->source, FLOW_FROM_COUNTS);
    CU_ASSERT_STRING_EQUAL(f->file, "/data/moves.csv"); /* absolute stays absolute */
    CU_ASSERT_PTR_NULL(f->destinations);                  /* gravity */
    CU_ASSERT_EQUAL(f->distance_decay, 1.75);

    CU_ASSERT(m.has_calibrate);
    CU_ASSERT_STRING_EQUAL(m.calibrate_flow, "imm");
    CU_ASSERT_EQUAL(m.calibrate_from, 2021);
    CU_ASSERT_EQUAL(m.calibrate_to, 2024);
    CU_ASSERT_EQUAL(m.calibrate_year, 2026);
    CU_ASSERT_EQUAL(m.calibrate_population, 63423);
    CU_ASSERT_EQUAL(m.plots, 0);
    config_free(&m);
    config_free(&m); /* twice is safe */
    diag_free(&d);
}

static void
test_config_defaults(void)
{
    static const char text[] = "name: kaal\n"
                               "base_year: 2019\n"
                               "horizon: 2024\n"
                               "geography: {kernen: regio.csv}\n"
                               "population: p.csv\n"
                               "mortality: {life_table: lt.csv}\n"
                               "fertility: {asfr: a.csv}\n";
    model_spec m;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse_as(&m, text, "m.yaml", &d), LS_OK);
    CU_ASSERT_STRING_EQUAL(m.title, "kaal");
    CU_ASSERT_EQUAL(m.width, 1);
    CU_ASSERT_EQUAL(m.open, 100);
    CU_ASSERT_EQUAL_FATAL(m.n_sexes, 2);
    CU_ASSERT_EQUAL(m.sex[0], 'M');
    CU_ASSERT_EQUAL(m.sex[1], 'F');
    CU_ASSERT_STRING_EQUAL(m.kernen_file, "regio.csv");
    CU_ASSERT_EQUAL(m.n_kernen_inline, 0);
    CU_ASSERT_EQUAL(m.infant_separation, 0.1);
    CU_ASSERT(!m.smr.is_map);
    CU_ASSERT_EQUAL(m.smr.scalar, 1.0);
    CU_ASSERT(schedule_is_empty(&m.tfr));
    CU_ASSERT_EQUAL(m.fertility_level.scalar, 1.0);
    CU_ASSERT_EQUAL(schedule_at(&m.srb, 2022, 0), 1.05);
    CU_ASSERT_EQUAL(m.timing, TIMING_END);
    CU_ASSERT_EQUAL(m.n_flows, 0);
    CU_ASSERT(!m.has_calibrate);
    CU_ASSERT_EQUAL(m.plots, 1);
    config_free(&m);
    diag_free(&d);
}

static void
test_config_female_only(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse_with(&m, "sexes: [F]\n", &d), LS_OK);
    CU_ASSERT_EQUAL(m.n_sexes, 1);
    CU_ASSERT_EQUAL(m.sex[0], 'F');
    config_free(&m);
    diag_free(&d);
}

static void
test_config_unknown_top_level_key(void)
{
    model_spec m;
    diag d;
    static const char prefix[] = "m.yaml:9:1: unknown key \"horizn\": did you mean \"horizon\"? (known keys:";

    diag_init(&d);
    CU_ASSERT_EQUAL(parse_with(&m, "horizn: 2035\n", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_EQUAL(strncmp(d.msg[0], prefix, strlen(prefix)), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg[0], " base_year, "));
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg[0], " horizon, "));
    CU_ASSERT_EQUAL(d.msg[0][strlen(d.msg[0]) - 1], ')');
    config_free(&m);
    diag_free(&d);
}

static void
test_config_unknown_nested_key(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_with(&m, "migration:\n  timming: end\n", &d), &d,
               "m.yaml:10:3: unknown key \"timming\" in migration: did you mean \"timing\"? (known keys: timing, flows)");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_duplicate_key(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_with(&m, "horizon: 2036\n", &d), &d,
               "m.yaml:9:1: duplicate key \"horizon\" (first given at line 3)");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_duplicate_key_in_path(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_replacing(&m, "{asfr: a.csv}", "{asfr: a.csv, tfr: {2021: 1.5, 2021: 1.6}}", &d),
               &d, "m.yaml:8:43: duplicate key \"2021\" in fertility.tfr (first given at line 8)");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_wrong_type(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_replacing(&m, "width: 5", "width: one", &d), &d,
               "m.yaml:4:15: ages.width must be an integer, found \"one\"");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_mapping_where_file_expected(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_replacing(&m, "population: pop.csv", "population: [a.csv, b.csv]", &d), &d,
               "m.yaml:6:13: population must be a file name, found a list");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_negative_tfr_is_located(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_replacing(&m, "{asfr: a.csv}", "{asfr: a.csv, tfr: {2021: 1.5, 2030: -1.6}}", &d),
               &d, "m.yaml:8:49: fertility.tfr[2030] must be in (0, 10] (children per woman), found -1.6");
    config_free(&m);
    diag_free(&d);
    diag_init(&d);
    /* Zero is outside (0, 10] too; a plain number is a constant path. */
    expect_one(parse_replacing(&m, "{asfr: a.csv}", "{asfr: a.csv, tfr: 0}", &d), &d,
               "m.yaml:8:31: fertility.tfr must be in (0, 10] (children per woman), found 0");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_path_keys_must_be_years(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_replacing(&m, "{asfr: a.csv}",
                               "{asfr: a.csv, sex_ratio_at_birth: {2021: 1.05, 1700: 1.04}}", &d),
               &d,
               "m.yaml:8:59: keys of fertility.sex_ratio_at_birth must be years in [1800, 2300], "
               "found \"1700\"");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_keyed_value_out_of_range(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_replacing(&m, "{survival: s.csv}", "{survival: s.csv, smr: {Noord: 11.5}}", &d),
               &d, "m.yaml:7:43: mortality.smr[Noord] must be in [0, 10] (ratio), found 11.5");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_horizon_before_base_year(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_replacing(&m, "horizon: 2031", "horizon: 2016", &d), &d,
               "m.yaml:3:10: horizon must be after base_year (2021), found 2016");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_horizon_off_the_step(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_replacing(&m, "horizon: 2031", "horizon: 2033", &d), &d,
               "m.yaml:3:10: horizon - base_year must be a multiple of ages.width (5), found 12");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_width_not_one_or_five(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    /* 2021 -> 2031 is a multiple of 2, so only the width is wrong. */
    expect_one(parse_replacing(&m, "width: 5", "width: 2", &d), &d,
               "m.yaml:4:15: ages.width must be 1 or 5, found 2");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_open_not_multiple_of_width(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_replacing(&m, "open: 20", "open: 22", &d), &d,
               "m.yaml:4:24: ages.open must be a multiple of ages.width (5), found 22");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_missing_required_key(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_replacing(&m, "population: pop.csv\n", "", &d), &d,
               "m.yaml:1:1: missing required key \"population\"");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_missing_nested_key(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_replacing(&m, "{asfr: a.csv}", "{level: 1.2}", &d), &d,
               "m.yaml:8:12: missing required key \"asfr\" in fertility");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_mortality_needs_exactly_one_source(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_replacing(&m, "{survival: s.csv}", "{smr: 1.1}", &d), &d,
               "m.yaml:7:12: mortality must have exactly one of survival or life_table");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_flow_with_two_sources(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_with(&m,
                          "migration:\n"
                          "  flows:\n"
                          "    - name: saldo\n"
                          "      kind: net\n"
                          "      rates: r.csv\n"
                          "      counts: c.csv\n",
                          &d),
               &d, "m.yaml:11:7: flow \"saldo\" must have exactly one of rates, counts or total, found 2");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_total_without_profile(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_with(&m,
                          "migration:\n"
                          "  flows:\n"
                          "    - name: imm\n"
                          "      kind: immigration\n"
                          "      total: {2021: 141}\n",
                          &d),
               &d, "m.yaml:13:14: flow \"imm\": a total needs a profile (sex,age,share)");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_internal_flow_with_total(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_with(&m,
                          "migration:\n"
                          "  flows:\n"
                          "    - name: verhuizing\n"
                          "      kind: internal\n"
                          "      total: 120\n"
                          "      profile: p.csv\n",
                          &d),
               &d, "m.yaml:13:14: flow \"verhuizing\": an internal flow takes rates or counts, not a total");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_duplicate_flow_name(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_with(&m,
                          "migration:\n"
                          "  flows:\n"
                          "    - {name: a, kind: net, rates: r.csv}\n"
                          "    - {name: a, kind: net, rates: q.csv}\n",
                          &d),
               &d, "m.yaml:12:14: flow name \"a\" is used twice (first at line 11)");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_calibrate_flow_names_no_flow(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_with(&m,
                          "migration:\n"
                          "  flows:\n"
                          "    - {name: binnen, kind: domestic_in, rates: r.csv}\n"
                          "calibrate: {flow: buiten, from: 2021, to: 2024, year: 2026, population: 1000}\n",
                          &d),
               &d, "m.yaml:12:19: calibrate.flow names no flow in migration.flows, found \"buiten\"");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_yaml_syntax_error(void)
{
    model_spec m;
    diag d;
    static const char prefix[] = "m.yaml:10:1: YAML syntax: ";

    diag_init(&d);
    CU_ASSERT_EQUAL(parse_with(&m, "sexes: [M, F\n", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_EQUAL(strncmp(d.msg[0], prefix, strlen(prefix)), 0);
    /* libyaml 0.2.5's words, with the line where the list was opened. */
    CU_ASSERT_STRING_EQUAL(d.msg[0], "m.yaml:10:1: YAML syntax: did not find expected ',' or ']' "
                                     "while parsing a flow sequence (line 9)");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_second_document(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_with(&m, "---\nname: u\n", &d), &d,
               "m.yaml:10:1: a model file holds one YAML document, found a second one");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_empty_file(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_as(&m, "", "m.yaml", &d), &d,
               "m.yaml: empty model file: expected a mapping with name, base_year, ...");
    config_free(&m);
    /* Comments only are just as empty. */
    diag_clear(&d);
    expect_one(parse_as(&m, "# nothing here yet\n\n", "m.yaml", &d), &d,
               "m.yaml: empty model file: expected a mapping with name, base_year, ...");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_scalar_instead_of_mapping(void)
{
    model_spec m;
    diag d;

    diag_init(&d);
    expect_one(parse_as(&m, "# a model\nhardenberg\n", "m.yaml", &d), &d,
               "m.yaml:2:1: the model file must be a mapping of keys, found \"hardenberg\"");
    config_free(&m);
    diag_clear(&d);
    expect_one(parse_as(&m, "- name: t\n", "m.yaml", &d), &d,
               "m.yaml:1:1: the model file must be a mapping of keys, found a list");
    config_free(&m);
    diag_free(&d);
}

static void
test_config_non_utf8_byte(void)
{
    model_spec m;
    diag d;
    char prefix[64];
    size_t lines = 0;

    /* The bad byte is the 11th of the line after base_model. */
    for (const char *q = base_model; *q; q++)
        lines += *q == '\n';
    snprintf(prefix, sizeof prefix, "m.yaml:%zu:11: not valid UTF-8 text: ", lines + 1);

    diag_init(&d);
    CU_ASSERT_EQUAL(parse_with(&m, "title: caf\xe9\n", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_EQUAL(strncmp(d.msg[0], prefix, strlen(prefix)), 0);
    /* The offset of the bad byte: base_model is 174 bytes, "title: caf" 10 more. */
    CU_ASSERT_EQUAL(strlen(base_model), 174);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg[0], "(byte 184 of the file)"));
    config_free(&m);
    diag_free(&d);
}

static void
test_config_many_problems_in_one_pass(void)
{
    model_spec m;
    diag d;
    char *text;

    diag_init(&d);
    /* ages.width of the wrong type (line 4), horizon before base_year (3), two unknown
     * keys (9, 10), a bad flow kind (14) and a flow without a source (13). */
    text = xasprintf("%.*s2011%s"
                     "plot: yes\n"
                     "fertility.tfr: 1.5\n"
                     "migration:\n"
                     "  flows:\n"
                     "    - name: x\n"
                     "      kind: nett\n",
                     (int) (strstr(base_model, "2031") - base_model), base_model,
                     strstr(base_model, "2031") + 4);
    memcpy(strstr(text, "width: 5"), "width: Q", 8);
    CU_ASSERT_EQUAL(parse_as(&m, text, "m.yaml", &d), LS_ECONFIG);
    CU_ASSERT(d.n >= 6);
    {
        static const char *const want[] = {
            "m.yaml:4:15: ages.width must be an integer, found \"Q\"",
            "m.yaml:9:1: unknown key \"plot\" (known keys:",
            "m.yaml:10:1: unknown key \"fertility.tfr\" (known keys:",
            "m.yaml:14:13: migration.flows[0].kind must be one of {immigration,emigration,"
            "domestic_in,domestic_out,net,internal}, found \"nett\"",
            "m.yaml:3:10: horizon must be after base_year (2021), found 2011",
            "m.yaml:13:7: flow \"x\" must have exactly one of rates, counts or total, found 0",
        };
        for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
            int hit = 0;
            for (size_t j = 0; j < d.n; j++)
                if (strncmp(d.msg[j], want[i], strlen(want[i])) == 0)
                    hit = 1;
            if (!hit)
                fprintf(stderr, "\n    not reported: %s\n", want[i]);
            CU_ASSERT(hit);
        }
    }
    CU_ASSERT_EQUAL(d.n, 6);
    free(text);
    config_free(&m);
    diag_free(&d);
}

static void
test_config_load_missing_file(void)
{
    char *path = test_tmp("config_no_such_model.yaml");
    char *want = xasprintf("%s: cannot read the model file: No such file or directory", path);
    model_spec m;
    diag d;

    remove(path);
    diag_init(&d);
    CU_ASSERT_EQUAL(config_load(&m, path, &d), LS_EIO);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_STRING_EQUAL(d.msg[0], want);
    config_free(&m);
    diag_free(&d);
    free(want);
    free(path);
}

static void
test_config_load_reads_a_file(void)
{
    char *path = test_write("config_model.yaml", good_model);
    model_spec m;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load(&m, path, &d), LS_OK);
    CU_ASSERT_EQUAL(m.n_flows, 3);
    CU_ASSERT_EQUAL(strncmp(m.asfr_file, m.dir, strlen(m.dir)), 0);
    config_free(&m);
    diag_free(&d);
    free(path);
}

static void
test_config_print_keys_lists_every_key(void)
{
    char *buf = NULL, *known, *p;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    model_spec m;
    diag d;
    static const char *const must[] = {"name",      "title",     "base_year",
                                       "horizon",   "ages",      "ages.width",
                                       "ages.open", "sexes",     "geography",
                                       "population", "mortality", "fertility",
                                       "fertility.tfr", "migration", "migration.flows[].kind",
                                       "calibrate", "output"};

    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    config_print_keys(f);
    fclose(f);
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++) {
        char *line = xasprintf("\n%s ", must[i]);
        if (strstr(buf, line) == NULL)
            fprintf(stderr, "\n    key %s not listed\n", must[i]);
        CU_ASSERT_PTR_NOT_NULL(strstr(buf, line));
        free(line);
    }
    /* Every top-level key the reader knows (from its unknown-key message) is listed. */
    diag_init(&d);
    CU_ASSERT_EQUAL(parse_with(&m, "zzz: 1\n", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    known = xstrdup(strstr(d.msg[0], "(known keys: ") + strlen("(known keys: "));
    known[strlen(known) - 1] = '\0';
    for (char *save = NULL, *k = strtok_r(known, ", ", &save); k != NULL;
         k = strtok_r(NULL, ", ", &save)) {
        char *line = xasprintf("\n%s ", k);
        p = strstr(buf, line);
        if (p == NULL)
            fprintf(stderr, "\n    key %s not listed\n", k);
        CU_ASSERT_PTR_NOT_NULL(p);
        free(line);
    }
    free(known);
    config_free(&m);
    diag_free(&d);
    free(buf);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"test_config_good_model_fills_spec", test_config_good_model_fills_spec},
        {"test_config_defaults", test_config_defaults},
        {"test_config_female_only", test_config_female_only},
        {"test_config_unknown_top_level_key", test_config_unknown_top_level_key},
        {"test_config_unknown_nested_key", test_config_unknown_nested_key},
        {"test_config_duplicate_key", test_config_duplicate_key},
        {"test_config_duplicate_key_in_path", test_config_duplicate_key_in_path},
        {"test_config_wrong_type", test_config_wrong_type},
        {"test_config_mapping_where_file_expected", test_config_mapping_where_file_expected},
        {"test_config_negative_tfr_is_located", test_config_negative_tfr_is_located},
        {"test_config_path_keys_must_be_years", test_config_path_keys_must_be_years},
        {"test_config_keyed_value_out_of_range", test_config_keyed_value_out_of_range},
        {"test_config_horizon_before_base_year", test_config_horizon_before_base_year},
        {"test_config_horizon_off_the_step", test_config_horizon_off_the_step},
        {"test_config_width_not_one_or_five", test_config_width_not_one_or_five},
        {"test_config_open_not_multiple_of_width", test_config_open_not_multiple_of_width},
        {"test_config_missing_required_key", test_config_missing_required_key},
        {"test_config_missing_nested_key", test_config_missing_nested_key},
        {"test_config_mortality_needs_exactly_one_source",
         test_config_mortality_needs_exactly_one_source},
        {"test_config_flow_with_two_sources", test_config_flow_with_two_sources},
        {"test_config_total_without_profile", test_config_total_without_profile},
        {"test_config_internal_flow_with_total", test_config_internal_flow_with_total},
        {"test_config_duplicate_flow_name", test_config_duplicate_flow_name},
        {"test_config_calibrate_flow_names_no_flow", test_config_calibrate_flow_names_no_flow},
        {"test_config_yaml_syntax_error", test_config_yaml_syntax_error},
        {"test_config_second_document", test_config_second_document},
        {"test_config_empty_file", test_config_empty_file},
        {"test_config_scalar_instead_of_mapping", test_config_scalar_instead_of_mapping},
        {"test_config_non_utf8_byte", test_config_non_utf8_byte},
        {"test_config_many_problems_in_one_pass", test_config_many_problems_in_one_pass},
        {"test_config_load_missing_file", test_config_load_missing_file},
        {"test_config_load_reads_a_file", test_config_load_reads_a_file},
        {"test_config_print_keys_lists_every_key", test_config_print_keys_lists_every_key},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
