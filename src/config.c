/* The model file reader: the only user of libyaml.
 *
 * The accepted shape (see doc/FORMATS.md for the full reference):
 *
 *   name: STR                      title: STR
 *   base_year: YEAR                horizon: YEAR
 *   ages: {width: 1|5, open: INT}
 *   sexes: [M, F] | [F]
 *   geography: {municipality: STR, kernen: FILE | [NAME...], tiers: [NAME...]}
 *   population: FILE
 *   mortality: {survival: FILE | life_table: FILE, infant_separation: NUM,
 *               improvement: FILE, smr: NUM | {NAME: NUM}}
 *   fertility: {asfr: FILE, tfr: NUM | {YEAR: NUM}, level: NUM | {NAME: NUM},
 *               sex_ratio_at_birth: NUM | {YEAR: NUM},
 *               exposure: start_and_survivors|start_and_end_population}
 *   migration: {timing: end|even, flows: [{name, kind, rates|counts|total, profile,
 *               distribution, level, destinations, distance_decay}]}
 *   calibrate: {flow: NAME, from: YEAR, to: YEAR, year: YEAR, population: NUM}
 *   households: {headship: FILE, base: FILE, headship_trend: NUM | {YEAR: NUM},
 *               headship_ratios: constant | FILE}
 *   dwellings: {stock: FILE, vacancy: NUM | {NAME: NUM}, other_change: NUM | {YEAR: NUM}}
 *   pipeline: {plans: FILE, phases: {PHASE: {probability: NUM, delay: {YEARS: NUM},
 *              source: STR}}}
 *   coupling: {movers: FILE, in_movers: FILE, fill_rate: NUM, max_distance_km: NUM}
 *   targets: [{id, measure, scope, window: {annual: [YEAR, YEAR] | from: YEAR,
 *              to: YEAR | at: YEAR}, threshold, source, interpretation, allocation,
 *              view, role}]
 *   output: {plots: BOOL}
 *
 * Checking happens in two passes over the loaded document. The first walks every
 * mapping against the key table below (unknown and duplicate keys, types, ranges,
 * required keys) and records every problem. The second reads the values into the
 * model_spec and checks the rules that span keys (exactly one of, requires). */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#include "config.h"
#include "csv.h"
#include "scenariofile.h"
#include "date.h"
#include "sha256.h"
#include "util.h"
#include "yamlread.h"

const char *const flow_kind_names[FLOW_NKINDS] = {
    "immigration", "emigration", "domestic_in", "domestic_out", "net", "internal"};
const char *const phase_names[PHASE_N] = {"idea",        "soft",   "adopted",
                                          "irrevocable", "permit", "construction"};
const char *const alloc_rule_names[ALLOC_SHARES + 1] = {"household_growth", "population",
                                                        "dwellings", "capacity", "shares"};
const char *const measure_names[MEASURE_N] = {"completions", "net_stock_growth", "households",
                                              "population", "regional_contribution",
                                              "regional_beyond_own_need"};

enum key_type {
    K_MAP,       /* nested mapping */
    K_LIST,      /* sequence of mappings */
    K_INT,       /* integer */
    K_NUM,       /* number */
    K_BOOL,      /* true/false */
    K_STR,       /* free text */
    K_NAME,      /* identifier: letters, digits, _ - . */
    K_FILE,      /* path to a file */
    K_ENUM,      /* one of choices */
    K_PATH,      /* number, or {year: number} */
    K_KEYED,     /* number, or {name: number} */
    K_STR_LIST,  /* [text, ...] */
    K_FILE_LIST, /* file, or [text, ...] */
    K_FILE_WORD, /* one of choices, or a file */
    K_DIST,      /* {years: probability}, summing to 1 */
    K_INT_PAIR,  /* [first, last] */
    K_ALLOC,     /* one of choices, or {kern: number} */
    K_DATE       /* a date (2025-01-01 or 1-1-2025) or a year */
};

static const char *const type_names[] = {
    "mapping", "list of mappings", "integer", "number", "boolean", "text", "name",
    "file", "choice", "number or {year: number}", "number or {kern or tier: number}",
    "list", "file or list", "choice or file", "{years: probability}", "[year, year]",
    "choice or {kern: number}", "date or year"};

typedef struct {
    const char *path;
    enum key_type type;
    double min, max;
    int min_open; /* min is exclusive */
    const char *choices; /* "a|b|c" */
    int required;
    const char *def;
    const char *unit;
    const char *help;
} key_entry;

#define NOLIM -HUGE_VAL, HUGE_VAL, 0
#define YEARS 1800, 2300, 0

static const key_entry keys[] = {
    {"name", K_NAME, NOLIM, NULL, 1, NULL, "", "model name; the default output folder is output/<name>/"},
    {"title", K_STR, NOLIM, NULL, 0, "", "", "free-text title for reports"},
    {"base_year", K_INT, YEARS, NULL, 1, NULL, "year", "the base population is on 1 January of this year"},
    {"horizon", K_INT, YEARS, NULL, 1, NULL, "year", "last 1 January projected"},
    {"ages", K_MAP, NOLIM, NULL, 0, NULL, "", "age groups"},
    {"ages.width", K_INT, 1, 5, 0, NULL, 0, "1", "years", "width of an age group and length of a step: 1 or 5"},
    {"ages.open", K_INT, 1, 150, 0, NULL, 0, "100", "years", "lower bound of the open age group (a multiple of width)"},
    {"sexes", K_STR_LIST, NOLIM, "M|F", 0, "[M, F]", "", "sexes projected: [M, F] or [F] (female only)"},
    {"geography", K_MAP, NOLIM, NULL, 1, NULL, "", "areas"},
    {"geography.municipality", K_STR, NOLIM, NULL, 0, "municipality", "", "name used for municipal totals"},
    {"geography.kernen", K_FILE_LIST, NOLIM, NULL, 1, NULL, "", "kernen: a CSV file (kern,tier[,x_km,y_km]) or a list of names"},
    {"geography.tiers", K_STR_LIST, NOLIM, NULL, 0, NULL, "", "tier names in report order"},
    {"population", K_FILE, NOLIM, NULL, 1, NULL, "persons", "base population CSV: [kern,]sex,age,persons"},
    {"mortality", K_MAP, NOLIM, NULL, 1, NULL, "", "survival or a life table"},
    {"mortality.survival", K_FILE, NOLIM, NULL, 0, NULL, "ratio", "survival ratios CSV: [year,][kern,]sex,age,survival_ratio"},
    {"mortality.life_table", K_FILE, NOLIM, NULL, 0, NULL, "probability", "life table CSV: sex,age,qx (single years)"},
    {"mortality.infant_separation", K_NUM, 0, 1, 0, NULL, 0, "0.1", "years", "a0: part of the first year lived by infants who die"},
    {"mortality.improvement", K_FILE, NOLIM, NULL, 0, NULL, "ratio", "qx improvement CSV: year,sex,age,qx_ratio"},
    {"mortality.smr", K_KEYED, 0, 10, 0, NULL, 0, "1", "ratio", "factor on qx (or on 1 - survival): number or {kern or tier: number}"},
    {"fertility", K_MAP, NOLIM, NULL, 1, NULL, "", "fertility"},
    {"fertility.asfr", K_FILE, NOLIM, NULL, 1, NULL, "births per woman per year", "age schedule CSV: [year,][kern,]age,births_per_woman"},
    {"fertility.tfr", K_PATH, 0, 10, 1, NULL, 0, NULL, "children per woman", "TFR path: the schedule is rescaled to it"},
    {"fertility.level", K_KEYED, 0, 5, 0, NULL, 0, "1", "ratio", "factor on fertility: number or {kern or tier: number}"},
    {"fertility.sex_ratio_at_birth", K_PATH, 0.5, 2, 0, NULL, 0, "1.05", "boys per girl", "sex ratio at birth"},
    {"fertility.exposure", K_ENUM, NOLIM, "start_and_survivors|start_and_end_population", 0, "start_and_survivors", "", "births exposure: mean of the women at the start and either the survivors among them (before the step's end migrants) or the end population (after the step's migration)"},
    {"migration", K_MAP, NOLIM, NULL, 0, NULL, "", "migration flows"},
    {"migration.timing", K_ENUM, NOLIM, "end|even", 0, "end", "", "when in the step migrants move"},
    {"migration.flows", K_LIST, NOLIM, NULL, 0, NULL, "", "list of flows"},
    {"migration.flows[].name", K_NAME, NOLIM, NULL, 1, NULL, "", "unique label"},
    {"migration.flows[].kind", K_ENUM, NOLIM, "immigration|emigration|domestic_in|domestic_out|net|internal", 1, NULL, "", "what the flow is"},
    {"migration.flows[].rates", K_FILE, NOLIM, NULL, 0, NULL, "per person per step", "rates CSV: [year,][kern,]sex,age,rate_per_person"},
    {"migration.flows[].counts", K_FILE, NOLIM, NULL, 0, NULL, "persons per step", "counts CSV: [year,][kern,]sex,age,persons"},
    {"migration.flows[].total", K_PATH, 0, 1e9, 0, NULL, 0, NULL, "persons per year", "total movers, spread by profile and distribution"},
    {"migration.flows[].profile", K_FILE, NOLIM, NULL, 0, NULL, "share", "age-sex profile CSV: sex,age,share"},
    {"migration.flows[].distribution", K_FILE_WORD, NOLIM, "population", 0, "population", "share", "how a total is split over kernen: population or a CSV kern,share"},
    {"migration.flows[].level", K_PATH, 0, 1000, 0, NULL, 0, "1", "ratio", "multiplier on the flow"},
    {"migration.flows[].destinations", K_FILE_WORD, NOLIM, "gravity", 0, "gravity", "share", "internal: gravity or a CSV origin,destination,share"},
    {"migration.flows[].distance_decay", K_NUM, 0, 10, 0, NULL, 0, "2", "power of km", "gravity: share ~ population / distance^decay"},
    {"migration.flows[].trend", K_MAP, NOLIM, NULL, 0, NULL, "", "the flow from the first forecast year on: the mean observed flow of recent years"},
    {"migration.flows[].trend.years", K_INT, 1, 100, 0, NULL, 1, NULL, "years", "mean of the observations in this many calendar years before the forecast starts"},
    {"observed", K_MAP, NOLIM, NULL, 0, NULL, "", "what has been observed: every run reproduces it up to the last observed date"},
    {"observed.file", K_FILE, NOLIM, NULL, 1, NULL, "", "observations CSV: measure,scope,from,to,value,source[,vintage][,estimated]"},
    {"observed.last_observed", K_DATE, NOLIM, NULL, 0, "from the data", "1 January", "where history ends and the forecast starts (default: the latest date the observations reach)"},
    {"observed.absorb", K_MAP, NOLIM, NULL, 0, NULL, "", "which component absorbs an observed total the model would otherwise miss"},
    {"observed.absorb.population", K_NAME, NOLIM, NULL, 0, NULL, "", "flow whose level in the history years is solved so that observed populations are met"},
    {"observed.absorb.dwellings", K_ENUM, NOLIM, "completions|other_change", 0, "completions", "", "what closes an observed stock change: completions or the other change"},
    {"vintages", K_MAP, NOLIM, NULL, 0, NULL, "", "when the input behind each model key was known: {KEY: DATE} (landstad backtest lists the later ones)"},
    {"vintages.*", K_DATE, NOLIM, NULL, 0, NULL, "date", "a model key (e.g. mortality.life_table, migration.flows.NAME) and the date its input was known"},
    {"calibrate", K_MAP, NOLIM, NULL, 0, NULL, "", "shorthand for one observed population absorbed by one flow (use observed: for more)"},
    {"calibrate.flow", K_NAME, NOLIM, NULL, 1, NULL, "", "flow whose level is solved"},
    {"calibrate.from", K_INT, YEARS, NULL, 1, NULL, "year", "first year of the solved level"},
    {"calibrate.to", K_INT, YEARS, NULL, 1, NULL, "year", "last year of the solved level"},
    {"calibrate.year", K_INT, YEARS, NULL, 1, NULL, "year", "1 January of the observed total"},
    {"calibrate.population", K_NUM, 0, 1e10, 1, NULL, 1, NULL, "persons", "observed municipal population"},
    {"households", K_MAP, NOLIM, NULL, 0, NULL, "", "households from headship rates"},
    {"households.headship", K_FILE, NOLIM, NULL, 1, NULL, "per person", "headship CSV: sex,age,headship_rate,institutional_share"},
    {"households.base", K_FILE, NOLIM, NULL, 1, NULL, "households", "base-year households per kern CSV: kern,households (calibrates headship per kern)"},
    {"households.headship_trend", K_PATH, 0, 3, 1, NULL, 0, "1", "ratio", "multiplier on headship rates over time (all ages)"},
    {"households.headship_ratios", K_FILE_WORD, NOLIM, "constant", 0, "constant", "ratio", "change of the headship rates by year, sex and age: constant or a CSV year,sex,age,headship_ratio"},
    {"dwellings", K_MAP, NOLIM, NULL, 0, NULL, "", "dwelling stock"},
    {"dwellings.stock", K_FILE, NOLIM, NULL, 1, NULL, "dwellings", "stock on 1 January of base_year CSV: kern,dwellings"},
    {"dwellings.vacancy", K_KEYED, 0, 0.5, 0, NULL, 0, "0.02", "share of stock", "frictional vacancy: number or {kern or tier: number}"},
    {"dwellings.other_change", K_PATH, -1e6, 1e6, 0, NULL, 0, "0", "dwellings per year", "other net change of the stock (conversions, withdrawals), split by stock share"},
    {"pipeline", K_MAP, NOLIM, NULL, 0, NULL, "", "housing plans and their phases"},
    {"pipeline.plans", K_FILE, NOLIM, NULL, 1, NULL, "dwellings", "plans CSV: plan_id,name,kern,units,segment,phase,first_year,last_year,demolitions"},
    {"pipeline.small_plans", K_MAP, NOLIM, NULL, 0, NULL, "", "small plans and infill beyond the named plans: a yearly rate estimated from observed completions"},
    {"pipeline.small_plans.years", K_INT, 1, 50, 0, NULL, 0, "4", "years", "estimate window when there is no earlier plan snapshot"},
    {"pipeline.small_plans.rate", K_NUM, 0, 1e6, 0, NULL, 0, "estimate", "dwellings a year", "the rate itself, instead of the estimate"},
    {"pipeline.small_plans.sd", K_NUM, 0, 2, 0, NULL, 0, "0", "log ratio", "sd of the rate per Monte Carlo run (lognormal, mean 1)"},
    {"pipeline.small_plans.until", K_INT, YEARS, NULL, 0, "horizon - 1", "year", "last calendar year in which they deliver"},
    {"pipeline.small_plans.source", K_STR, NOLIM, NULL, 1, NULL, "", "where the method and the spread come from"},
    {"pipeline.phases", K_MAP, NOLIM, NULL, 1, NULL, "", "properties of each phase used in plans.csv"},
    {"pipeline.phases.*", K_MAP, NOLIM, NULL, 0, NULL, "", "a phase: idea, soft, adopted, irrevocable, permit or construction"},
    {"pipeline.phases.*.probability", K_NUM, 0, 1, 0, NULL, 1, NULL, "probability", "that a plan in this phase is realised"},
    {"pipeline.phases.*.delay", K_DIST, 0, 1, 0, NULL, 1, NULL, "probability", "distribution of the delay in years: {0: p0, 1: p1, ...}"},
    {"pipeline.phases.*.source", K_STR, NOLIM, NULL, 1, NULL, "", "where the numbers come from"},
    {"coupling", K_MAP, NOLIM, NULL, 0, NULL, "", "the housing-led view"},
    {"coupling.movers", K_FILE, NOLIM, NULL, 0, NULL, "per person", "who moves out of a kern without room: sex,age,rate_per_person (relative propensity)"},
    {"coupling.in_movers", K_FILE, NOLIM, NULL, 0, NULL, "share", "who fills spare homes from outside: sex,age,share"},
    {"coupling.fill_rate", K_NUM, 0, 1, 0, NULL, 0, "1", "share per year", "part of the spare homes filled by extra in-migrants each year"},
    {"coupling.max_distance_km", K_NUM, 0, 1e4, 1, NULL, 0, "unlimited", "km", "households move only to kernen within this distance; beyond, they leave"},
    {"uncertainty", K_MAP, NOLIM, NULL, 0, NULL, "", "what varies between Monte Carlo runs (landstad run --runs N)"},
    {"uncertainty.fertility_sd", K_NUM, 0, 1, 0, NULL, 0, "0.05", "log ratio", "sd of the fertility level (lognormal, mean 1, one draw per run)"},
    {"uncertainty.mortality_sd", K_NUM, 0, 1, 0, NULL, 0, "0.05", "log ratio", "sd of the mortality level on 1 - survival"},
    {"uncertainty.migration_in_sd", K_NUM, 0, 2, 0, NULL, 0, "0.10", "log ratio", "sd of the level of all in-flows"},
    {"uncertainty.migration_out_sd", K_NUM, 0, 2, 0, NULL, 0, "0.10", "log ratio", "sd of the level of all out-flows"},
    {"uncertainty.from", K_INT, YEARS, NULL, 0, "last observed", "year", "levels vary from this year on (not before the last observed date)"},
    {"uncertainty.partial_min_share", K_NUM, 0, 1, 0, NULL, 0, "1", "share", "a realised plan delivers a share drawn uniformly in [this, 1] of its units"},
    {"uncertainty.extra_capacity_phase", K_ENUM, NOLIM, "idea|soft|adopted|irrevocable|permit|construction", 0, "soft", "", "phase of the extra plan capacity the solver adds"},
    {"uncertainty.extra_plan_size", K_NUM, 1, 1e5, 0, NULL, 0, "25", "dwellings", "extra capacity comes in independent plans of this size"},
    {"uncertainty.extra_capacity_from", K_INT, YEARS, NULL, 0, "first forecast year", "year", "first calendar year in which capacity added now could deliver (the solver plans none earlier)"},
    {"uncertainty.source", K_STR, NOLIM, NULL, 0, NULL, "", "where the spreads come from"},
    {"targets", K_LIST, NOLIM, NULL, 0, NULL, "", "targets checked per kern, tier and municipality"},
    {"targets[].id", K_NAME, NOLIM, NULL, 1, NULL, "", "unique label"},
    {"targets[].measure", K_ENUM, NOLIM, "completions|net_stock_growth|households|population|regional_contribution|regional_beyond_own_need", 1, NULL, "", "what is counted"},
    {"targets[].scope", K_STR, NOLIM, NULL, 0, "all", "", "all (municipality, tiers, kernen), municipality, a tier or a kern"},
    {"targets[].window", K_MAP, NOLIM, NULL, 1, NULL, "", "annual: [a, b] (each year), from/to (cumulative, calendar years), or at (1 January)"},
    {"targets[].window.annual", K_INT_PAIR, YEARS, NULL, 0, NULL, "years", "every calendar year a..b"},
    {"targets[].window.from", K_INT, YEARS, NULL, 0, NULL, "year", "cumulative from 1 January of this year"},
    {"targets[].window.to", K_INT, YEARS, NULL, 0, NULL, "year", "cumulative to 31 December of this year"},
    {"targets[].window.at", K_INT, YEARS, NULL, 0, NULL, "year", "stock on 1 January of this year"},
    {"targets[].threshold", K_NUM, 0, 1e10, 0, NULL, 1, NULL, "dwellings, households or persons", "the number that must be reached"},
    {"targets[].source", K_STR, NOLIM, NULL, 1, NULL, "", "where the target comes from"},
    {"targets[].interpretation", K_STR, NOLIM, NULL, 0, NULL, "", "how the window and measure read the source"},
    {"targets[].allocation", K_ALLOC, 0, 1e10, 0, "capacity|household_growth|population|dwellings|shares", 0, "capacity (completion targets), household_growth (others)", "dwellings", "how a municipal target is split over kernen: capacity (expected completions of the plans), household_growth (the need), population, dwellings, shares (a file) or {kern: units} (the rest by the default rule)"},
    {"targets[].shares", K_FILE, NOLIM, NULL, 0, NULL, "", "with allocation: shares, a CSV kern,share whose shares add up to 1 (kernen not listed get 0)"},
    {"targets[].role", K_ENUM, NOLIM, "target|comparison", 0, "target", "", "target: counts as one of the municipality's targets; comparison: shown beside them for comparison only, not counted in the summary, the advice or --precision"},
    {"targets[].view", K_ENUM, NOLIM, "trend|housing_led", 0, "trend", "", "which view a households or population target is checked in"},
    {"output", K_MAP, NOLIM, NULL, 0, NULL, "", "output settings"},
    {"output.plots", K_BOOL, NOLIM, NULL, 0, "true", "", "write plot scripts and render them with gnuplot"},
    /* Scenario files (scenariofile.h): a base model and what changes. */
    {"base", K_FILE, NOLIM, NULL, 0, NULL, "", "scenario: the model file it changes; every other key changes the base's"},
    {"plans", K_LIST, NOLIM, NULL, 0, NULL, "", "scenario: changes to the base's plans, by id (an id not in the list adds a plan)"},
    {"plans[].id", K_STR, NOLIM, NULL, 1, NULL, "", "plan_id of pipeline.plans"},
    {"plans[].delay", K_INT, -50, 50, 0, NULL, 0, "0", "years", "moves the planned delivery years later (negative: earlier)"},
    {"plans[].units", K_NUM, 0, 1e6, 0, NULL, 0, NULL, "dwellings", "new number of units (the schedule is rescaled)"},
    {"plans[].phase", K_STR, NOLIM, NULL, 0, NULL, "", "new phase (the words of plans.csv)"},
    {"plans[].first_year", K_INT, YEARS, NULL, 0, NULL, "year", "new first delivery year (units spread evenly to last_year)"},
    {"plans[].last_year", K_INT, YEARS, NULL, 0, NULL, "year", "new last delivery year"},
    {"plans[].name", K_STR, NOLIM, NULL, 0, NULL, "", "new name"},
    {"plans[].kern", K_STR, NOLIM, NULL, 0, NULL, "", "new kern"},
    {"plans[].segment", K_STR, NOLIM, NULL, 0, NULL, "", "new segment"},
    {"plans[].demolitions", K_NUM, 0, 1e6, 0, NULL, 0, NULL, "dwellings", "new number of demolitions"},
    {"plans[].remove", K_BOOL, NOLIM, NULL, 0, "false", "", "true: the plan is taken off the list"},
    {"add_plans", K_FILE, NOLIM, NULL, 0, NULL, "dwellings", "scenario: plans added from a CSV in the form of pipeline.plans"},
    {"migration_level", K_MAP, NOLIM, NULL, 0, NULL, "", "scenario: one factor on all in-flows (or out-flows), solved to a population change"},
    {"migration_level.flows", K_ENUM, NOLIM, "in|out", 1, NULL, "", "in: immigration and domestic_in flows; out: emigration and domestic_out"},
    {"migration_level.year", K_INT, YEARS, NULL, 1, NULL, "year", "1 January on which the population change is met"},
    {"migration_level.change", K_NUM, -0.9, 10, 0, NULL, 1, NULL, "share", "population in year relative to the run without the factor, minus 1"},
    {"migration_level.over", K_INT_PAIR, YEARS, NULL, 0, NULL, "years", "the years a published change spans: change is rescaled to the years from the start of uncertainty to year"},
    {"migration_level.source", K_STR, NOLIM, NULL, 1, NULL, "", "where the change comes from"},
    {"migration.flows[].remove", K_BOOL, NOLIM, NULL, 0, "false", "", "scenario: true takes the base's flow of this name away"},
    {"targets[].remove", K_BOOL, NOLIM, NULL, 0, "false", "", "scenario: true takes the base's target of this id away"},
};
#define N_KEYS (sizeof keys / sizeof keys[0])

/* Keys (and everything under them) of scenario files only. */
static const char *const scenario_keys[] = {"base", "plans", "add_plans", "migration_level",
                                            "migration.flows[].remove", "targets[].remove"};

static int
is_scenario_key(const key_entry *k)
{
    for (size_t i = 0; i < sizeof scenario_keys / sizeof scenario_keys[0]; i++) {
        const size_t n = strlen(scenario_keys[i]);
        if (strncmp(k->path, scenario_keys[i], n) == 0
            && (k->path[n] == '\0' || k->path[n] == '.' || k->path[n] == '['))
            return 1;
    }
    return 0;
}

/* Keys that once existed, and what replaced them. */
static const struct {
    const char *path, *instead;
} retired[] = {
    {.path = "pipeline.calibrate",
     .instead = "the observed stock goes in the observations file (observed: file), and small "
                "plans and infill in pipeline.small_plans"},
};

static const char *
retired_key(const char *path)
{
    for (size_t i = 0; i < sizeof retired / sizeof retired[0]; i++)
        if (strcmp(retired[i].path, path) == 0)
            return retired[i].instead;
    return NULL;
}

typedef struct {
    yaml_document_t doc;
    const char *file;
    diag *d;
    int errors;
    const char *buf; /* the file's text, to place reader errors */
    size_t len;
    /* A scenario (scenariofile.h): the merged document's nodes come from its base
     * (origin 0) or the scenario (1); messages and relative paths follow them. */
    unsigned char *origin; /* [node id - 1]; NULL for a model file */
    const char *origin_file[2];
    char *origin_dir[2];
} ycx;

/* Which file a node came from: 0 the model file (or a scenario's base), 1 the
 * scenario. */
static int
node_origin(const ycx *c, const yaml_node_t *n)
{
    if (c->origin == NULL || n == NULL)
        return 0;
    return c->origin[n - c->doc.nodes.start];
}

static const char *
node_file(const ycx *c, const yaml_node_t *n)
{
    return c->origin != NULL ? c->origin_file[node_origin(c, n)] : c->file;
}

static loc
node_loc(const ycx *c, const yaml_node_t *n)
{
    loc l = {n->start_mark.line + 1, n->start_mark.column + 1,
             c->origin != NULL ? node_file(c, n) : NULL};
    return l;
}

static void LS_PRINTF(3, 4)
err_at(ycx *c, const yaml_node_t *n, const char *fmt, ...)
{
    va_list ap;
    char *text;

    va_start(ap, fmt);
    text = xvasprintf(fmt, ap);
    va_end(ap);
    if (n != NULL)
        diag_add(c->d, node_file(c, n), n->start_mark.line + 1, n->start_mark.column + 1, "%s",
                 text);
    else
        diag_add(c->d, c->file, 0, 0, "%s", text);
    free(text);
    c->errors++;
}

static const char *
scalar(const yaml_node_t *n)
{
    return n != NULL && n->type == YAML_SCALAR_NODE ? (const char *) n->data.scalar.value : NULL;
}

static const char *
node_kind(const yaml_node_t *n)
{
    if (n == NULL)
        return "nothing";
    switch (n->type) {
    case YAML_MAPPING_NODE:
        return "a mapping";
    case YAML_SEQUENCE_NODE:
        return "a list";
    case YAML_SCALAR_NODE:
        return n->data.scalar.length == 0 ? "an empty value" : NULL;
    default:
        return "nothing";
    }
}

/* "found X" for messages: the scalar quoted, or the kind of node. */
static const char *
found(const yaml_node_t *n)
{
    const char *k = node_kind(n);
    return k != NULL ? k : diag_quote(scalar(n));
}

static const key_entry *
find_key(const char *path)
{
    for (size_t i = 0; i < N_KEYS; i++)
        if (strcmp(keys[i].path, path) == 0)
            return &keys[i];
    return NULL;
}

/* The entry for key under prefix: the exact path, or prefix.* when the table
 * accepts any name there (e.g. pipeline.phases.*). *matched gets the table path. */
static const key_entry *
find_child(const char *prefix, const char *key, char **matched)
{
    char *path = *prefix ? xasprintf("%s.%s", prefix, key) : xstrdup(key);
    /* A dotted key ("fertility.tfr: 1") is not the nested key: reject it. */
    const key_entry *k = strpbrk(key, ".[") != NULL ? NULL : find_key(path);
    if (k == NULL && *prefix) {
        free(path);
        path = xasprintf("%s.*", prefix);
        k = find_key(path);
    }
    *matched = path;
    return k;
}

/* Parent of a table path: "a.b[].c" -> "a.b[]", "a" -> "". */
static int
is_child(const char *path, const char *parent)
{
    size_t n = strlen(parent);
    const char *rest;

    if (n == 0)
        rest = path;
    else {
        if (strncmp(path, parent, n) != 0 || path[n] != '.')
            return 0;
        rest = path + n + 1;
    }
    return strchr(rest, '.') == NULL;
}

static const char *
leaf(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot ? dot + 1 : path;
}

static int
is_bool(const char *s, int *v)
{
    static const char *const t[] = {"true", "True", "TRUE", "yes", "Yes", "on", NULL};
    static const char *const f[] = {"false", "False", "FALSE", "no", "No", "off", NULL};
    for (int i = 0; t[i]; i++)
        if (strcmp(s, t[i]) == 0) {
            *v = 1;
            return 1;
        }
    for (int i = 0; f[i]; i++)
        if (strcmp(s, f[i]) == 0) {
            *v = 0;
            return 1;
        }
    return 0;
}

static int
is_name(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++)
        if (!(isalnum((unsigned char) *s) || *s == '_' || *s == '-'))
            return 0;
    return 1;
}

static int
in_choices(const char *choices, const char *s)
{
    size_t n = strlen(s);
    const char *p = choices;

    while (p != NULL && *p) {
        const char *bar = strchr(p, '|');
        size_t m = bar ? (size_t) (bar - p) : strlen(p);
        if (m == n && strncmp(p, s, n) == 0)
            return 1;
        p = bar ? bar + 1 : NULL;
    }
    return 0;
}

static void
range_text(const key_entry *k, char *buf, size_t size)
{
    if (isinf(k->min) && isinf(k->max))
        snprintf(buf, size, "any value");
    else if (isinf(k->max))
        snprintf(buf, size, "%s %g", k->min_open ? ">" : ">=", k->min);
    else
        snprintf(buf, size, "in %c%g, %g]", k->min_open ? '(' : '[', k->min, k->max);
}

/* Checks one number against an entry's range; what names the value in messages. */
static void
check_number(ycx *c, const key_entry *k, const yaml_node_t *n, const char *what, int integer)
{
    const char *s = scalar(n);
    double v;
    char r[64];

    if (s == NULL || parse_number(s, &v) != 0) {
        err_at(c, n, "%s must be %s, found %s", what, integer ? "an integer" : "a number",
               found(n));
        return;
    }
    if (integer && (v != floor(v) || fabs(v) > 1e9)) {
        err_at(c, n, "%s must be an integer, found %s", what, diag_quote(s));
        return;
    }
    if (v < k->min || v > k->max || (k->min_open && v == k->min)) {
        range_text(k, r, sizeof r);
        err_at(c, n, "%s must be %s%s%s%s, found %s", what, r, *k->unit ? " (" : "", k->unit,
               *k->unit ? ")" : "", s);
    }
}

static void walk_mapping(ycx *c, yaml_node_t *map, const char *prefix, const char *shown);

/* Text that may run over several lines: where numbers come from, how a target is
 * read. Every other text is a name or a title and stands on one line. */
static int
multiline_key(const char *pattern)
{
    static const char *const free_text[] = {"pipeline.phases.*.source", "uncertainty.source",
                                       "targets[].source", "targets[].interpretation"};
    for (size_t i = 0; i < sizeof free_text / sizeof free_text[0]; i++)
        if (strcmp(pattern, free_text[i]) == 0)
            return 1;
    return 0;
}

/* The first control character of s (a line break and a tab only when !multiline;
 * DEL and U+0080..U+009F always), or NULL. */
static const char *
control_in(const char *s, int multiline)
{
    for (const unsigned char *p = (const unsigned char *) s; p != NULL && *p; p++)
        if ((*p < 0x20 && !(multiline && (*p == '\n' || *p == '\t'))) || *p == 0x7f
            || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
            return (const char *) p;
    return NULL;
}

/* Names and titles reach chart scripts, reports and tables: no control characters. */
static void
check_text(ycx *c, const yaml_node_t *n, const char *path, int multiline)
{
    const char *s = scalar(n);
    if (s != NULL && control_in(s, multiline) != NULL)
        err_at(c, n, "%s must be %s without control characters, found %s", path,
               multiline ? "text" : "text on one line", diag_quote(s));
}

/* path: the key's pattern in the table (for lookups); shown: the key as the user
 * wrote it (for messages), e.g. pipeline.phases.* and pipeline.phases.soft. */
static void
check_value(ycx *c, const key_entry *k, yaml_node_t *n, const char *pattern, const char *path)
{
    const char *s = scalar(n);
    int b;

    switch (k->type) {
    case K_MAP:
        if (n->type != YAML_MAPPING_NODE)
            err_at(c, n, "%s must be a mapping of keys, found %s", path, found(n));
        else
            walk_mapping(c, n, pattern, path);
        break;
    case K_LIST:
        if (n->type != YAML_SEQUENCE_NODE) {
            err_at(c, n, "%s must be a list, found %s", path, found(n));
            break;
        }
        for (yaml_node_item_t *it = n->data.sequence.items.start;
             it < n->data.sequence.items.top; it++) {
            yaml_node_t *item = yaml_document_get_node(&c->doc, *it);
            char *p = xasprintf("%s[]", pattern);
            char *sh = xasprintf("%s[%ld]", path, (long) (it - n->data.sequence.items.start));
            if (item->type != YAML_MAPPING_NODE)
                err_at(c, item, "each item of %s must be a mapping, found %s", path,
                       found(item));
            else
                walk_mapping(c, item, p, sh);
            free(p);
            free(sh);
        }
        break;
    case K_INT:
    case K_NUM:
        check_number(c, k, n, path, k->type == K_INT);
        break;
    case K_BOOL:
        if (s == NULL || !is_bool(s, &b))
            err_at(c, n, "%s must be true or false, found %s", path, found(n));
        break;
    case K_STR:
        if (s == NULL)
            err_at(c, n, "%s must be text, found %s", path, found(n));
        else
            check_text(c, n, path, multiline_key(pattern));
        break;
    case K_NAME:
        if (s == NULL || !is_name(s))
            err_at(c, n, "%s must be a name of letters, digits, '_' or '-', found %s",
                   path, found(n));
        break;
    case K_FILE:
        if (s == NULL || *s == '\0')
            err_at(c, n, "%s must be a file name, found %s", path, found(n));
        break;
    case K_ENUM:
        if (s == NULL || !in_choices(k->choices, s)) {
            char *ch = xstrdup(k->choices);
            for (char *p = ch; *p; p++)
                if (*p == '|')
                    *p = ',';
            err_at(c, n, "%s must be one of {%s}, found %s", path, ch, found(n));
            free(ch);
        }
        break;
    case K_FILE_WORD:
        if (s == NULL || *s == '\0')
            err_at(c, n, "%s must be %s or a file name, found %s", path, k->choices, found(n));
        break;
    case K_PATH:
    case K_KEYED:
        if (n->type == YAML_SCALAR_NODE) {
            check_number(c, k, n, path, 0);
            break;
        }
        if (n->type != YAML_MAPPING_NODE) {
            err_at(c, n, "%s must be a number or a mapping {%s: number}, found %s", path,
                   k->type == K_PATH ? "year" : "kern or tier", found(n));
            break;
        }
        if (n->data.mapping.pairs.start == n->data.mapping.pairs.top)
            err_at(c, n, "%s must not be an empty mapping", path);
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
             p++) {
            yaml_node_t *kn = yaml_document_get_node(&c->doc, p->key);
            yaml_node_t *vn = yaml_document_get_node(&c->doc, p->value);
            const char *ks = scalar(kn);
            char *what;
            long y;
            for (yaml_node_pair_t *q = n->data.mapping.pairs.start; q < p; q++) {
                const char *qs = scalar(yaml_document_get_node(&c->doc, q->key));
                if (ks && qs && strcmp(ks, qs) == 0) {
                    err_at(c, kn, "duplicate key %s in %s (first given at line %zu)",
                           diag_quote(ks), path,
                           (size_t) yaml_document_get_node(&c->doc, q->key)->start_mark.line + 1);
                    break;
                }
            }
            if (ks == NULL) {
                err_at(c, kn, "keys of %s must be %s, found %s", path,
                       k->type == K_PATH ? "years" : "names", found(kn));
                continue;
            }
            if (k->type == K_PATH && (parse_integer(ks, &y) != 0 || y < 1800 || y > 2300)) {
                err_at(c, kn, "keys of %s must be years in [1800, 2300], found %s", path,
                       diag_quote(ks));
                continue;
            }
            what = xasprintf("%s[%s]", path, ks);
            check_number(c, k, vn, what, 0);
            free(what);
        }
        break;
    case K_DIST: {
        double sum = 0;
        int bad = 0;
        if (n->type != YAML_MAPPING_NODE) {
            err_at(c, n, "%s must be a mapping {years: probability}, found %s", path, found(n));
            break;
        }
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
             p++) {
            yaml_node_t *kn = yaml_document_get_node(&c->doc, p->key);
            yaml_node_t *vn = yaml_document_get_node(&c->doc, p->value);
            const char *ks = scalar(kn), *vs = scalar(vn);
            long y;
            double v;
            for (yaml_node_pair_t *q = n->data.mapping.pairs.start; q < p; q++) {
                const char *qs = scalar(yaml_document_get_node(&c->doc, q->key));
                if (ks && qs && strcmp(ks, qs) == 0) {
                    err_at(c, kn, "duplicate key %s in %s (first given at line %zu)",
                           diag_quote(ks), path,
                           (size_t) yaml_document_get_node(&c->doc, q->key)->start_mark.line + 1);
                    bad = 1;
                }
            }
            if (ks == NULL || parse_integer(ks, &y) != 0 || y < 0 || y > MAX_DELAY) {
                err_at(c, kn, "keys of %s must be whole years of delay in [0, %d], found %s",
                       path, MAX_DELAY, found(kn));
                bad = 1;
                continue;
            }
            if (vs == NULL || parse_number(vs, &v) != 0 || v < 0 || v > 1) {
                err_at(c, vn, "%s[%s] must be a probability in [0, 1], found %s", path, ks,
                       found(vn));
                bad = 1;
                continue;
            }
            sum += v;
        }
        if (!bad && fabs(sum - 1) > 1e-6)
            err_at(c, n, "%s must sum to 1 (tolerance 1e-6), found %.9g", path, sum);
        break;
    }
    case K_INT_PAIR: {
        long a, z;
        yaml_node_t *x = NULL, *y = NULL;
        if (n->type == YAML_SEQUENCE_NODE
            && n->data.sequence.items.top - n->data.sequence.items.start == 2) {
            x = yaml_document_get_node(&c->doc, n->data.sequence.items.start[0]);
            y = yaml_document_get_node(&c->doc, n->data.sequence.items.start[1]);
        }
        if (x == NULL || scalar(x) == NULL || scalar(y) == NULL
            || parse_integer(scalar(x), &a) != 0 || parse_integer(scalar(y), &z) != 0) {
            err_at(c, n, "%s must be a list of two years [first, last], found %s", path,
                   n->type == YAML_SEQUENCE_NODE ? "another list" : found(n));
            break;
        }
        if (a < k->min || z > k->max || z < a)
            err_at(c, n, "%s must be [first, last] with %g <= first <= last <= %g, found [%ld, %ld]",
                   path, k->min, k->max, a, z);
        break;
    }
    case K_ALLOC:
        if (s != NULL) {
            if (!in_choices(k->choices, s))
                err_at(c, n, "%s must be one of {%s} or a mapping {kern: units}, found %s",
                       path, "capacity, household_growth, population, dwellings, shares",
                       diag_quote(s));
            break;
        }
        if (n->type != YAML_MAPPING_NODE) {
            err_at(c, n, "%s must be a rule or a mapping {kern: units}, found %s", path, found(n));
            break;
        }
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
             p++) {
            yaml_node_t *kn = yaml_document_get_node(&c->doc, p->key);
            char *what = xasprintf("%s[%s]", path, scalar(kn) ? scalar(kn) : "?");
            check_number(c, k, yaml_document_get_node(&c->doc, p->value), what, 0);
            free(what);
        }
        break;
    case K_DATE: {
        ls_date dt;
        if (s == NULL || date_parse(s, 1, &dt, NULL) != 0)
            err_at(c, n, "%s must be %s (or a year), found %s", path, DATE_FORMS_TEXT, found(n));
        break;
    }
    case K_STR_LIST:
    case K_FILE_LIST:
        if (k->type == K_FILE_LIST && s != NULL) {
            if (*s == '\0')
                err_at(c, n, "%s must be a file name or a list, found an empty value", path);
            break;
        }
        if (n->type != YAML_SEQUENCE_NODE) {
            err_at(c, n, "%s must be a list%s, found %s", path,
                   k->type == K_FILE_LIST ? " or a file name" : "", found(n));
            break;
        }
        if (n->data.sequence.items.start == n->data.sequence.items.top)
            err_at(c, n, "%s must not be an empty list", path);
        for (yaml_node_item_t *it = n->data.sequence.items.start;
             it < n->data.sequence.items.top; it++) {
            yaml_node_t *item = yaml_document_get_node(&c->doc, *it);
            const char *is = scalar(item);
            if (is == NULL || *is == '\0') {
                err_at(c, item, "items of %s must be text, found %s", path, found(item));
                continue;
            }
            if (control_in(is, 0) != NULL) {
                check_text(c, item, path, 0);
                continue;
            }
            if (k->choices != NULL && !in_choices(k->choices, is)) {
                char *ch = xstrdup(k->choices);
                for (char *q = ch; *q; q++)
                    if (*q == '|')
                        *q = ',';
                err_at(c, item, "items of %s must be one of {%s}, found %s", path, ch,
                       diag_quote(is));
                free(ch);
                continue;
            }
            for (yaml_node_item_t *jt = n->data.sequence.items.start; jt < it; jt++) {
                const char *js = scalar(yaml_document_get_node(&c->doc, *jt));
                if (js && strcmp(js, is) == 0) {
                    err_at(c, item, "%s lists %s twice", path, diag_quote(is));
                    break;
                }
            }
        }
        break;
    }
}

static void
walk_mapping(ycx *c, yaml_node_t *map, const char *prefix, const char *shown)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *kn = yaml_document_get_node(&c->doc, p->key);
        yaml_node_t *vn = yaml_document_get_node(&c->doc, p->value);
        const char *ks = scalar(kn);
        const key_entry *k;
        char *path;
        int dup = 0;

        if (ks == NULL) {
            err_at(c, kn, "keys must be plain names, found %s", found(kn));
            continue;
        }
        for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++) {
            const char *qs = scalar(yaml_document_get_node(&c->doc, q->key));
            if (qs != NULL && strcmp(qs, ks) == 0) {
                err_at(c, kn, "duplicate key %s%s%s (first given at line %zu)",
                       diag_quote(ks), *shown ? " in " : "", shown,
                       (size_t) yaml_document_get_node(&c->doc, q->key)->start_mark.line + 1);
                dup = 1;
                break;
            }
        }
        if (dup)
            continue;
        k = find_child(prefix, ks, &path);
        if (k == NULL) {
            char *full = *prefix ? xasprintf("%s.%s", prefix, ks) : xstrdup(ks);
            if (retired_key(full) != NULL) {
                err_at(c, kn, "%s%s%s was retired: %s", shown, *shown ? "." : "", ks,
                       retired_key(full));
                free(full);
                free(path);
                continue;
            }
            free(full);
        }
        if (k == NULL) {
            strbuf known;
            strbuf_init(&known);
            for (size_t i = 0; i < N_KEYS; i++)
                if (is_child(keys[i].path, prefix) && strcmp(leaf(keys[i].path), "*") != 0
                    && (!is_scenario_key(&keys[i]) || c->origin != NULL)) {
                    if (known.len)
                        strbuf_add(&known, ", ", 2);
                    strbuf_add(&known, leaf(keys[i].path), strlen(leaf(keys[i].path)));
                }
            {
                const char *best = NULL;
                size_t best_d = 3;
                for (size_t i = 0; i < N_KEYS; i++)
                    if (is_child(keys[i].path, prefix) && strcmp(leaf(keys[i].path), "*") != 0
                        && (!is_scenario_key(&keys[i]) || c->origin != NULL)) {
                        const size_t dd = edit_distance(ks, leaf(keys[i].path));
                        if (dd < best_d) {
                            best_d = dd;
                            best = leaf(keys[i].path);
                        }
                    }
                if (best != NULL)
                    err_at(c, kn, "unknown key %s%s%s: did you mean \"%s\"? (known keys: %s)",
                           diag_quote(ks), *shown ? " in " : "", shown, best, known.s);
                else
                    err_at(c, kn, "unknown key %s%s%s (known keys: %s)", diag_quote(ks),
                           *shown ? " in " : "", shown, known.s);
            }
            strbuf_free(&known);
        } else if (is_scenario_key(k) && node_origin(c, kn) == 0) {
            char *sh = *shown ? xasprintf("%s.%s", shown, ks) : xstrdup(ks);
            err_at(c, kn, "%s is a key of scenario files (which name their model with base:), "
                          "not of a model file",
                   diag_quote(sh));
            free(sh);
        } else {
            char *sh = *shown ? xasprintf("%s.%s", shown, ks) : xstrdup(ks);
            check_value(c, k, vn, path, sh);
            free(sh);
        }
        free(path);
    }
    for (size_t i = 0; i < N_KEYS; i++) {
        int present = 0;
        if (!keys[i].required || !is_child(keys[i].path, prefix)
            || strcmp(leaf(keys[i].path), "*") == 0)
            continue;
        for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
             p < map->data.mapping.pairs.top; p++) {
            const char *ks = scalar(yaml_document_get_node(&c->doc, p->key));
            if (ks && strcmp(ks, leaf(keys[i].path)) == 0)
                present = 1;
        }
        if (!present)
            err_at(c, map, "missing required key \"%s\"%s%s", leaf(keys[i].path),
                   *shown ? " in " : "", shown);
    }
}

/* ---- second pass: reading values ---- */

static yaml_node_t *
get(ycx *c, yaml_node_t *map, const char *key)
{
    if (map == NULL || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        const char *ks = scalar(yaml_document_get_node(&c->doc, p->key));
        if (ks != NULL && strcmp(ks, key) == 0)
            return yaml_document_get_node(&c->doc, p->value);
    }
    return NULL;
}

static double
num_or(const yaml_node_t *n, double def)
{
    double v;
    const char *s = scalar(n);
    return s != NULL && parse_number(s, &v) == 0 && isfinite(v) ? v : def;
}

/* The default of a key, from the key table: the same number `check --keys` shows. */
static double
key_default(const char *path)
{
    const key_entry *k = find_key(path);
    double v;
    if (k == NULL || k->def == NULL || parse_number(k->def, &v) != 0)
        fatal("internal error: key %s has no numeric default in the table", path);
    return v;
}

/* An integer value the first pass accepted, or def (also for out-of-range values,
 * which the first pass has already reported). */
static int
int_or(const yaml_node_t *n, int def)
{
    double v = num_or(n, NAN);
    return isfinite(v) && v == floor(v) && fabs(v) <= 1e9 ? (int) v : def;
}

/* A file key's value resolved against the folder of the file it was written in. */
static char *
file_or_null(ycx *c, const model_spec *m, yaml_node_t *n)
{
    const char *s = scalar(n);
    if (s == NULL || *s == '\0')
        return NULL;
    return path_resolve(c->origin != NULL ? c->origin_dir[node_origin(c, n)] : m->dir, s);
}

static void
read_path(ycx *c, yaml_node_t *n, schedule *out, double def)
{
    schedule_init(out);
    if (n == NULL) {
        if (!isnan(def))
            schedule_set_constant(out, def);
        return;
    }
    if (n->type == YAML_SCALAR_NODE) {
        schedule_set_constant(out, num_or(n, isnan(def) ? 0 : def));
        return;
    }
    if (n->type != YAML_MAPPING_NODE)
        return;
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        long y;
        const char *ks = scalar(yaml_document_get_node(&c->doc, p->key));
        if (ks != NULL && parse_integer(ks, &y) == 0)
            schedule_set(out, (int) y, num_or(yaml_document_get_node(&c->doc, p->value), 0));
    }
}

static void
read_keyed(ycx *c, yaml_node_t *n, keyed *out, double def)
{
    memset(out, 0, sizeof *out);
    out->scalar = def;
    if (n == NULL)
        return;
    out->where = node_loc(c, n);
    if (n->type == YAML_SCALAR_NODE) {
        out->scalar = num_or(n, def);
        return;
    }
    if (n->type != YAML_MAPPING_NODE)
        return;
    out->is_map = 1;
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = yaml_document_get_node(&c->doc, p->key);
        const char *ks = scalar(kn);
        if (ks == NULL)
            continue;
        out->name = xreallocarray(out->name, out->n + 1, sizeof *out->name);
        out->value = xreallocarray(out->value, out->n + 1, sizeof *out->value);
        out->at = xreallocarray(out->at, out->n + 1, sizeof *out->at);
        out->name[out->n] = xstrdup(ks);
        out->value[out->n] = num_or(yaml_document_get_node(&c->doc, p->value), def);
        out->at[out->n] = node_loc(c, kn);
        out->n++;
    }
}

static void
keyed_free(keyed *k)
{
    for (size_t i = 0; i < k->n; i++)
        free(k->name[i]);
    free(k->name);
    free(k->value);
    free(k->at);
    memset(k, 0, sizeof *k);
}

static char **
read_str_list(ycx *c, yaml_node_t *n, size_t *count)
{
    char **v = NULL;
    size_t k = 0;

    *count = 0;
    if (n == NULL || n->type != YAML_SEQUENCE_NODE)
        return NULL;
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
         it++) {
        const char *s = scalar(yaml_document_get_node(&c->doc, *it));
        if (s == NULL)
            continue;
        v = xreallocarray(v, k + 1, sizeof *v);
        v[k++] = xstrdup(s);
    }
    *count = k;
    return v;
}

static void
read_flow(ycx *c, model_spec *m, yaml_node_t *n, flow_spec *f)
{
    yaml_node_t *rates = get(c, n, "rates"), *counts = get(c, n, "counts"),
                *total = get(c, n, "total"), *profile = get(c, n, "profile"),
                *dist = get(c, n, "distribution"), *dest = get(c, n, "destinations"),
                *decay = get(c, n, "distance_decay"), *level = get(c, n, "level");
    const char *kind = scalar(get(c, n, "kind"));
    const char *name = scalar(get(c, n, "name"));
    int sources = (rates != NULL) + (counts != NULL) + (total != NULL);

    memset(f, 0, sizeof *f);
    schedule_init(&f->total);
    schedule_init(&f->level);
    f->where = node_loc(c, n);
    f->name = xstrdup(name ? name : "");
    int known_kind = 0;
    f->kind = FLOW_NET;
    for (int k = 0; kind != NULL && k < FLOW_NKINDS; k++)
        if (strcmp(kind, flow_kind_names[k]) == 0) {
            f->kind = (enum flow_kind) k;
            known_kind = 1;
        }
    if (sources != 1)
        err_at(c, n, "flow %s must have exactly one of rates, counts or total, found %d",
               diag_quote(f->name), sources);
    if (rates != NULL) {
        f->source = FLOW_FROM_RATES;
        f->file = file_or_null(c, m, rates);
    } else if (counts != NULL) {
        f->source = FLOW_FROM_COUNTS;
        f->file = file_or_null(c, m, counts);
    } else if (total != NULL) {
        f->source = FLOW_FROM_TOTAL;
        read_path(c, total, &f->total, NAN);
        if (profile == NULL)
            err_at(c, total, "flow %s: a total needs a profile (sex,age,share)",
                   diag_quote(f->name));
    }
    if (profile != NULL && total == NULL)
        err_at(c, profile, "flow %s: profile is used only with total", diag_quote(f->name));
    if (known_kind && f->kind == FLOW_INTERNAL && f->source == FLOW_FROM_TOTAL)
        err_at(c, total, "flow %s: an internal flow takes rates or counts, not a total",
               diag_quote(f->name));
    if (known_kind && f->kind == FLOW_NET && f->source == FLOW_FROM_TOTAL)
        err_at(c, total, "flow %s: a net flow takes rates or counts, not a total",
               diag_quote(f->name));
    if (known_kind && f->kind != FLOW_INTERNAL && (dest != NULL || decay != NULL))
        err_at(c, dest ? dest : decay,
               "flow %s: destinations and distance_decay apply only to kind internal",
               diag_quote(f->name));
    if (dist != NULL && total == NULL)
        err_at(c, dist, "flow %s: distribution is used only with total", diag_quote(f->name));
    f->profile = file_or_null(c, m, profile);
    if (dist != NULL && scalar(dist) != NULL && strcmp(scalar(dist), "population") != 0)
        f->distribution = file_or_null(c, m, dist);
    if (dest != NULL && scalar(dest) != NULL && strcmp(scalar(dest), "gravity") != 0)
        f->destinations = file_or_null(c, m, dest);
    f->distance_decay = num_or(decay, key_default("migration.flows[].distance_decay"));
    read_path(c, level, &f->level, key_default("migration.flows[].level"));
    if (level != NULL)
        f->level_at = node_loc(c, level);
    if (get(c, n, "trend") != NULL) {
        yaml_node_t *tr = get(c, n, "trend");
        f->trend_at = node_loc(c, tr);
        f->trend_years = int_or(get(c, tr, "years"), 0);
        if (known_kind && (f->kind == FLOW_INTERNAL || f->kind == FLOW_NET))
            err_at(c, tr, "flow %s: a trend from observations needs kind immigration, emigration, "
                          "domestic_in or domestic_out, found %s",
                   diag_quote(f->name), flow_kind_names[f->kind]);
    }
}

static void
read_phases(ycx *c, model_spec *m, yaml_node_t *phases)
{
    if (phases == NULL || phases->type != YAML_MAPPING_NODE)
        return;
    for (yaml_node_pair_t *p = phases->data.mapping.pairs.start;
         p < phases->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = yaml_document_get_node(&c->doc, p->key);
        yaml_node_t *vn = yaml_document_get_node(&c->doc, p->value);
        const char *name = scalar(kn);
        int k;
        phase_spec *ph;
        yaml_node_t *delay;
        if (name == NULL)
            continue;
        for (k = 0; k < PHASE_N; k++)
            if (strcmp(name, phase_names[k]) == 0)
                break;
        if (k == PHASE_N) {
            err_at(c, kn,
                   "unknown phase %s in pipeline.phases (phases: idea, soft, adopted, "
                   "irrevocable, permit, construction)",
                   diag_quote(name));
            continue;
        }
        ph = &m->phase[k];
        if (ph->given)
            continue; /* a duplicate key, reported by the first pass */
        ph->given = 1;
        ph->where = node_loc(c, kn);
        ph->probability = num_or(get(c, vn, "probability"), 1);
        ph->source = xstrdup(scalar(get(c, vn, "source")) ? scalar(get(c, vn, "source")) : "");
        memset(ph->delay, 0, sizeof ph->delay);
        delay = get(c, vn, "delay");
        ph->max_delay = 0;
        if (delay != NULL && delay->type == YAML_MAPPING_NODE) {
            for (yaml_node_pair_t *q = delay->data.mapping.pairs.start;
                 q < delay->data.mapping.pairs.top; q++) {
                long y;
                const char *ks = scalar(yaml_document_get_node(&c->doc, q->key));
                if (ks != NULL && parse_integer(ks, &y) == 0 && y >= 0 && y <= MAX_DELAY) {
                    ph->delay[y] = num_or(yaml_document_get_node(&c->doc, q->value), 0);
                    if (ph->delay[y] > 0 && y > ph->max_delay)
                        ph->max_delay = (int) y;
                }
            }
        } else
            ph->delay[0] = 1;
    }
}

static void
read_target(ycx *c, model_spec *m, yaml_node_t *n, target_spec *t)
{
    yaml_node_t *w = get(c, n, "window"), *annual = get(c, w, "annual"),
                *from = get(c, w, "from"), *to = get(c, w, "to"), *at = get(c, w, "at"),
                *alloc = get(c, n, "allocation");
    const char *s;
    int forms = (annual != NULL) + (from != NULL || to != NULL) + (at != NULL);

    memset(t, 0, sizeof *t);
    t->where = node_loc(c, n);
    t->id = xstrdup((s = scalar(get(c, n, "id"))) ? s : "");
    s = scalar(get(c, n, "measure"));
    for (int k = 0; s != NULL && k < MEASURE_N; k++)
        if (strcmp(s, measure_names[k]) == 0)
            t->measure = (enum target_measure) k;
    t->scope = xstrdup((s = scalar(get(c, n, "scope"))) ? s : "all");
    t->scope_at = get(c, n, "scope") ? node_loc(c, get(c, n, "scope")) : t->where;
    t->threshold = num_or(get(c, n, "threshold"), 0);
    t->source = xstrdup((s = scalar(get(c, n, "source"))) ? s : "");
    t->interpretation = xstrdup((s = scalar(get(c, n, "interpretation"))) ? s : "");
    s = scalar(get(c, n, "view"));
    t->view = s != NULL && strcmp(s, "housing_led") == 0 ? VIEW_HOUSING_LED : VIEW_TREND;
    s = scalar(get(c, n, "role"));
    t->role = s != NULL && strcmp(s, "comparison") == 0 ? ROLE_COMPARISON : ROLE_TARGET;
    /* Completion targets follow the municipality's own plans unless told otherwise. */
    t->rule = t->measure == MEASURE_COMPLETIONS || t->measure == MEASURE_NET_STOCK_GROWTH
                  ? ALLOC_CAPACITY
                  : ALLOC_HOUSEHOLD_GROWTH;
    t->alloc_at = alloc != NULL ? node_loc(c, alloc) : t->where;
    t->shares_file = file_or_null(c, m, get(c, n, "shares"));
    read_keyed(c, NULL, &t->explicit_alloc, 0);
    if (alloc != NULL && (s = scalar(alloc)) != NULL) {
        for (int k = 0; k <= ALLOC_SHARES; k++)
            if (strcmp(s, alloc_rule_names[k]) == 0)
                t->rule = (enum alloc_rule) k;
    } else if (alloc != NULL)
        read_keyed(c, alloc, &t->explicit_alloc, 0);
    if (t->rule == ALLOC_SHARES && t->shares_file == NULL)
        err_at(c, alloc, "target %s: allocation: shares needs shares: FILE (kern,share)",
               diag_quote(t->id));
    if (t->rule != ALLOC_SHARES && t->shares_file != NULL)
        err_at(c, get(c, n, "shares"), "target %s: shares: is read only with allocation: shares",
               diag_quote(t->id));
    if (w != NULL && w->type == YAML_MAPPING_NODE && forms != 1)
        err_at(c, w, "target %s: window must have exactly one of annual, from/to or at",
               diag_quote(t->id));
    if (annual != NULL && annual->type == YAML_SEQUENCE_NODE
        && annual->data.sequence.items.top - annual->data.sequence.items.start == 2) {
        t->window = WINDOW_ANNUAL;
        t->from = int_or(yaml_document_get_node(&c->doc, annual->data.sequence.items.start[0]), 0);
        t->to = int_or(yaml_document_get_node(&c->doc, annual->data.sequence.items.start[1]), 0);
    } else if (from != NULL || to != NULL) {
        t->window = WINDOW_CUMULATIVE;
        t->from = int_or(from, 0);
        t->to = int_or(to, 0);
        if (from == NULL || to == NULL)
            err_at(c, w, "target %s: a cumulative window needs both from and to",
                   diag_quote(t->id));
        else if (t->to < t->from)
            err_at(c, to, "target %s: window.to must not be before window.from (%d), found %d",
                   diag_quote(t->id), t->from, t->to);
    } else if (at != NULL) {
        t->window = WINDOW_AT;
        t->from = t->to = int_or(at, 0);
    }
    if (w != NULL && forms == 1) {
        const int stock = t->measure == MEASURE_HOUSEHOLDS || t->measure == MEASURE_POPULATION
                          || t->measure == MEASURE_REGIONAL || t->measure == MEASURE_REGIONAL_OWN;
        if (stock && t->window != WINDOW_AT)
            err_at(c, w, "target %s: measure %s is a number on 1 January: use window: {at: YEAR}",
                   diag_quote(t->id), measure_names[t->measure]);
        if (!stock && t->window == WINDOW_AT)
            err_at(c, w, "target %s: measure %s counts a flow over years: use window annual or from/to",
                   diag_quote(t->id), measure_names[t->measure]);
        if (m->base_year && m->horizon) {
            const int last = t->window == WINDOW_AT ? m->horizon : m->horizon - 1;
            if (t->from < m->base_year || t->to > last)
                err_at(c, w, "target %s: the window %d..%d must lie within the projection "
                             "(%d..%d for this measure)",
                       diag_quote(t->id), t->from, t->to, m->base_year, last);
        }
    }
    if (alloc != NULL && t->measure != MEASURE_COMPLETIONS && t->measure != MEASURE_NET_STOCK_GROWTH)
        err_at(c, alloc, "target %s: allocation applies to completions and net_stock_growth only",
               diag_quote(t->id));
}

/* One item of a scenario's plans: list. */
static void
read_plan_change(ycx *c, model_spec *m, yaml_node_t *n, plan_change *pc)
{
    static const struct {
        const char *key;
        unsigned bit;
    } bits[] = {{"name", PC_NAME},   {"kern", PC_KERN},           {"units", PC_UNITS},
                {"segment", PC_SEGMENT}, {"phase", PC_PHASE},     {"first_year", PC_FIRST},
                {"last_year", PC_LAST},  {"demolitions", PC_DEMOLITIONS}, {"delay", PC_DELAY}};
    yaml_node_t *x;
    const char *s;
    int b = 0;
    strbuf what;

    (void) m;
    memset(pc, 0, sizeof *pc);
    pc->where = node_loc(c, n);
    pc->id = xstrdup((s = scalar(get(c, n, "id"))) ? s : "");
    pc->id_at = get(c, n, "id") ? node_loc(c, get(c, n, "id")) : pc->where;
    for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++)
        if (get(c, n, bits[i].key) != NULL)
            pc->given |= bits[i].bit;
    if ((s = scalar(get(c, n, "remove"))) != NULL && is_bool(s, &b))
        pc->remove = b;
    pc->name = (s = scalar(get(c, n, "name"))) ? xstrdup(s) : NULL;
    pc->kern = (s = scalar(get(c, n, "kern"))) ? xstrdup(s) : NULL;
    pc->segment = (s = scalar(get(c, n, "segment"))) ? xstrdup(s) : NULL;
    pc->phase = (s = scalar(get(c, n, "phase"))) ? xstrdup(s) : NULL;
    pc->units = num_or(get(c, n, "units"), 0);
    pc->demolitions = num_or(get(c, n, "demolitions"), 0);
    pc->first = int_or(get(c, n, "first_year"), 0);
    pc->last = int_or(get(c, n, "last_year"), 0);
    pc->delay = int_or(get(c, n, "delay"), 0);
    pc->kern_at = (x = get(c, n, "kern")) ? node_loc(c, x) : pc->where;
    pc->phase_at = (x = get(c, n, "phase")) ? node_loc(c, x) : pc->where;
    pc->years_at = (x = get(c, n, "first_year")) || (x = get(c, n, "last_year")) ? node_loc(c, x)
                                                                                 : pc->where;
    pc->delay_at = (x = get(c, n, "delay")) ? node_loc(c, x) : pc->where;
    if (pc->remove && pc->given != 0)
        err_at(c, get(c, n, "remove"), "plan %s: remove: true takes no other changes",
               diag_quote(pc->id));
    if ((pc->given & PC_DELAY) && (pc->given & (PC_FIRST | PC_LAST)))
        err_at(c, get(c, n, "delay"),
               "plan %s: give either delay or the delivery years first_year/last_year",
               diag_quote(pc->id));
    if ((pc->given & PC_FIRST) && (pc->given & PC_LAST) && pc->last < pc->first)
        err_at(c, get(c, n, "last_year"),
               "plan %s: last_year must not be before first_year (%d), found %d",
               diag_quote(pc->id), pc->first, pc->last);
    /* The line of the run record and of compare: what this change does. */
    strbuf_init(&what);
    strbuf_printf(&what, "plans[%s]:", pc->id);
    if (pc->remove)
        strbuf_printf(&what, " removed");
    for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++)
        if (pc->given & bits[i].bit) {
            const char *v = scalar(get(c, n, bits[i].key));
            strbuf_printf(&what, " %s %s", bits[i].key, v ? v : "?");
        }
    m->changes = xreallocarray(m->changes, m->n_changes + 1, sizeof *m->changes);
    m->changes[m->n_changes++] = what.s;
}

/* The keys only a scenario has: plans:, add_plans: and migration_level:. */
static void
read_scenario(ycx *c, model_spec *m, yaml_node_t *root)
{
    yaml_node_t *n = get(c, root, "plans"), *ml = get(c, root, "migration_level"), *x;
    const char *s;

    if (n != NULL && n->type == YAML_SEQUENCE_NODE) {
        const size_t k = (size_t) (n->data.sequence.items.top - n->data.sequence.items.start);
        m->plan_changes = xcalloc(k + 1, sizeof *m->plan_changes);
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
             it++) {
            yaml_node_t *item = yaml_document_get_node(&c->doc, *it);
            plan_change *pc = &m->plan_changes[m->n_plan_changes];
            if (item->type != YAML_MAPPING_NODE)
                continue;
            read_plan_change(c, m, item, pc);
            for (size_t j = 0; j < m->n_plan_changes; j++)
                if (*pc->id && strcmp(m->plan_changes[j].id, pc->id) == 0)
                    err_at(c, get(c, item, "id"), "plans lists plan %s twice (first at line %zu)",
                           diag_quote(pc->id), m->plan_changes[j].where.line);
            m->n_plan_changes++;
        }
    }
    if ((x = get(c, root, "add_plans")) != NULL) {
        m->add_plans_file = file_or_null(c, m, x);
        m->add_plans_at = node_loc(c, x);
        if (!m->has_pipeline)
            err_at(c, x, "add_plans needs a pipeline section in the model");
    }
    if (n != NULL && !m->has_pipeline)
        err_at(c, n, "plans needs a pipeline section in the model");
    if (ml != NULL && ml->type == YAML_MAPPING_NODE) {
        migration_level_spec *L = &m->mlevel;
        yaml_node_t *over = get(c, ml, "over");
        L->given = 1;
        L->where = node_loc(c, ml);
        s = scalar(get(c, ml, "flows"));
        L->flows = s != NULL && strcmp(s, "out") == 0 ? ML_OUT : ML_IN;
        L->year = int_or(get(c, ml, "year"), 0);
        L->change = num_or(get(c, ml, "change"), 0);
        L->source = xstrdup((s = scalar(get(c, ml, "source"))) ? s : "");
        if (over != NULL && over->type == YAML_SEQUENCE_NODE
            && over->data.sequence.items.top - over->data.sequence.items.start == 2) {
            L->has_over = 1;
            L->over_from = int_or(yaml_document_get_node(&c->doc, over->data.sequence.items.start[0]), 0);
            L->over_to = int_or(yaml_document_get_node(&c->doc, over->data.sequence.items.start[1]), 0);
            if (L->over_to <= L->over_from)
                err_at(c, over, "migration_level.over must span at least one year, found [%d, %d]",
                       L->over_from, L->over_to);
        }
        if (m->base_year && m->horizon && get(c, ml, "year") != NULL
            && (L->year <= m->uncertainty_from || L->year > m->horizon))
            err_at(c, get(c, ml, "year"),
                   "migration_level.year must be after the year uncertainty starts (%d) and not "
                   "after horizon (%d), found %d",
                   m->uncertainty_from, m->horizon, L->year);
    }
}

/* A date the first pass accepted (a bare year is 1 January). */
static ls_date
date_or(const yaml_node_t *n, ls_date def)
{
    ls_date d;
    return scalar(n) != NULL && date_parse(scalar(n), 1, &d, NULL) == 0 ? d : def;
}

static void
read_observed(ycx *c, model_spec *m, yaml_node_t *n)
{
    yaml_node_t *ab, *lo;
    const char *s;

    if (n == NULL || n->type != YAML_MAPPING_NODE)
        return;
    m->has_observed = 1;
    m->observed_at = node_loc(c, n);
    m->observed_file = file_or_null(c, m, get(c, n, "file"));
    lo = get(c, n, "last_observed");
    if (lo != NULL) {
        const ls_date d = date_or(lo, date_jan1(0));
        m->last_observed_at = node_loc(c, lo);
        if (d.year != 0 && !date_is_jan1(d))
            err_at(c, lo, "observed.last_observed must be a 1 January (the model is annual), "
                          "found %s",
                   diag_quote(scalar(lo)));
        else if (d.year != 0 && m->base_year && m->horizon
                 && (d.year < m->base_year || d.year > m->horizon))
            err_at(c, lo, "observed.last_observed must lie within base_year..horizon (%d..%d), "
                          "found %d",
                   m->base_year, m->horizon, d.year);
        else
            m->last_observed = d.year;
    }
    ab = get(c, n, "absorb");
    if ((s = scalar(get(c, ab, "population"))) != NULL) {
        int found_flow = 0;
        m->absorb_population = xstrdup(s);
        m->absorb_population_at = node_loc(c, get(c, ab, "population"));
        for (size_t j = 0; j < m->n_flows; j++)
            if (strcmp(m->flows[j].name, s) == 0)
                found_flow = 1;
        if (!found_flow)
            err_at(c, get(c, ab, "population"),
                   "observed.absorb.population names no flow in migration.flows, found %s",
                   diag_quote(s));
    }
    s = scalar(get(c, ab, "dwellings"));
    m->absorb_dwellings = s != NULL && strcmp(s, "other_change") == 0 ? ABSORB_OTHER_CHANGE
                                                                      : ABSORB_COMPLETIONS;
    if (m->has_calibrate)
        err_at(c, n, "a model has observed: or the calibrate: shorthand, not both (put the "
                     "calibrate total in the observations file)");
}

/* Whether key names a model key a vintage can be given for. */
static int
vintage_key_known(const model_spec *m, const char *key)
{
    const key_entry *k;
    if (strncmp(key, "migration.flows.", 16) == 0) {
        /* NAME: the flow's level or total; NAME.rates, .counts, .profile, .distribution:
         * its file */
        static const char *const parts[] = {"", ".rates", ".counts", ".profile", ".distribution"};
        for (size_t j = 0; j < m->n_flows; j++) {
            const size_t n = strlen(m->flows[j].name);
            if (strncmp(m->flows[j].name, key + 16, n) != 0)
                continue;
            for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++)
                if (strcmp(key + 16 + n, parts[p]) == 0)
                    return 1;
        }
        return 0;
    }
    k = find_key(key);
    return k != NULL && strncmp(key, "vintages", 8) != 0;
}

static void
read_vintages(ycx *c, model_spec *m, yaml_node_t *n)
{
    if (n == NULL || n->type != YAML_MAPPING_NODE)
        return;
    m->vintages = xcalloc((size_t) (n->data.mapping.pairs.top - n->data.mapping.pairs.start) + 1,
                          sizeof *m->vintages);
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = yaml_document_get_node(&c->doc, p->key);
        yaml_node_t *vn = yaml_document_get_node(&c->doc, p->value);
        const char *ks = scalar(kn);
        vintage_spec *v;
        if (ks == NULL)
            continue;
        if (!vintage_key_known(m, ks)) {
            err_at(c, kn, "vintages: %s is not a model key with an input (e.g. "
                          "mortality.life_table, fertility.tfr, migration.flows.NAME, "
                          "migration.flows.NAME.rates)",
                   diag_quote(ks));
            continue;
        }
        v = &m->vintages[m->n_vintages++];
        v->key = xstrdup(ks);
        v->date = date_or(vn, date_jan1(m->base_year));
        v->at = node_loc(c, kn);
    }
}

static void
read_small_plans(ycx *c, model_spec *m, yaml_node_t *n)
{
    const char *s;
    if (n == NULL || n->type != YAML_MAPPING_NODE)
        return;
    m->has_small_plans = 1;
    m->small_at = node_loc(c, n);
    m->small_years = int_or(get(c, n, "years"), (int) key_default("pipeline.small_plans.years"));
    m->small_rate = num_or(get(c, n, "rate"), NAN);
    m->small_sd = num_or(get(c, n, "sd"), key_default("pipeline.small_plans.sd"));
    m->small_until = int_or(get(c, n, "until"), m->horizon - 1);
    m->small_source = xstrdup((s = scalar(get(c, n, "source"))) ? s : "");
    if (get(c, n, "until") != NULL && m->base_year && m->horizon
        && (m->small_until < m->base_year || m->small_until > m->horizon - 1))
        err_at(c, get(c, n, "until"),
               "pipeline.small_plans.until must lie within base_year..horizon - 1 (%d..%d), "
               "found %d",
               m->base_year, m->horizon - 1, m->small_until);
}

static void
read_spec(ycx *c, model_spec *m, yaml_node_t *root)
{
    yaml_node_t *ages = get(c, root, "ages"), *geo = get(c, root, "geography"),
                *mort = get(c, root, "mortality"), *fert = get(c, root, "fertility"),
                *mig = get(c, root, "migration"), *cal = get(c, root, "calibrate"),
                *outp = get(c, root, "output"), *n;
    const char *s;

    m->root_at = node_loc(c, root);
    m->name = xstrdup((s = scalar(get(c, root, "name"))) ? s : "model");
    m->title = xstrdup((s = scalar(get(c, root, "title"))) ? s : m->name);
    m->base_year = int_or(get(c, root, "base_year"), 0);
    m->horizon = int_or(get(c, root, "horizon"), 0);
    m->width = int_or(get(c, ages, "width"), (int) key_default("ages.width"));
    m->open = int_or(get(c, ages, "open"), (int) key_default("ages.open"));
    n = get(c, ages, "width");
    if (m->width < 1 || m->width > 5)
        m->width = 0; /* reported by the first pass */
    if (n != NULL && m->width != 0 && m->width != 1 && m->width != 5) {
        err_at(c, n, "ages.width must be 1 or 5, found %d", m->width);
        m->width = 0;
    } else if (m->width > 0 && m->open > 0 && m->open % m->width != 0)
        err_at(c, get(c, ages, "open") ? get(c, ages, "open") : root,
               "ages.open must be a multiple of ages.width (%d), found %d", m->width, m->open);
    if (m->base_year && m->horizon) {
        if (m->horizon <= m->base_year)
            err_at(c, get(c, root, "horizon"), "horizon must be after base_year (%d), found %d",
                   m->base_year, m->horizon);
        else if (m->width > 0 && (m->horizon - m->base_year) % m->width != 0)
            err_at(c, get(c, root, "horizon"),
                   "horizon - base_year must be a multiple of ages.width (%d), found %d",
                   m->width, m->horizon - m->base_year);
    }
    n = get(c, root, "sexes");
    if (n == NULL) {
        m->n_sexes = 2;
        m->sex[0] = 'M';
        m->sex[1] = 'F';
    } else {
        size_t k;
        int other = 0;
        char **v = read_str_list(c, n, &k);
        m->n_sexes = 0;
        for (size_t i = 0; i < k; i++) {
            if (m->n_sexes < 2 && (strcmp(v[i], "M") == 0 || strcmp(v[i], "F") == 0))
                m->sex[m->n_sexes++] = v[i][0];
            else
                other = 1; /* reported by the first pass */
            free(v[i]);
        }
        free(v);
        if (!other && m->n_sexes == 1 && m->sex[0] == 'M')
            err_at(c, n, "sexes must include F (births need women), found [M]");
    }
    m->municipality = xstrdup((s = scalar(get(c, geo, "municipality"))) ? s : "municipality");
    n = get(c, geo, "kernen");
    if (n != NULL) {
        m->kernen_at = node_loc(c, n);
        if (n->type == YAML_SCALAR_NODE)
            m->kernen_file = file_or_null(c, m, n);
        else
            m->kernen_inline = read_str_list(c, n, &m->n_kernen_inline);
    }
    n = get(c, geo, "tiers");
    if (n != NULL)
        m->tiers_at = node_loc(c, n);
    m->tiers = read_str_list(c, n, &m->n_tiers);
    m->population_file = file_or_null(c, m, get(c, root, "population"));

    m->survival_file = file_or_null(c, m, get(c, mort, "survival"));
    m->life_table_file = file_or_null(c, m, get(c, mort, "life_table"));
    m->improvement_file = file_or_null(c, m, get(c, mort, "improvement"));
    m->infant_separation = num_or(get(c, mort, "infant_separation"), key_default("mortality.infant_separation"));
    read_keyed(c, get(c, mort, "smr"), &m->smr, key_default("mortality.smr"));
    if (mort != NULL && (m->survival_file != NULL) == (m->life_table_file != NULL))
        err_at(c, mort, "mortality must have exactly one of survival or life_table");
    if (m->survival_file != NULL && m->life_table_file == NULL) {
        if ((n = get(c, mort, "improvement")) != NULL)
            err_at(c, n, "mortality.improvement applies to a life_table, not to survival ratios");
        if ((n = get(c, mort, "infant_separation")) != NULL)
            err_at(c, n, "mortality.infant_separation applies to a life_table, not to survival ratios");
    }

    m->asfr_file = file_or_null(c, m, get(c, fert, "asfr"));
    read_path(c, get(c, fert, "tfr"), &m->tfr, NAN);
    read_keyed(c, get(c, fert, "level"), &m->fertility_level, key_default("fertility.level"));
    read_path(c, get(c, fert, "sex_ratio_at_birth"), &m->srb, key_default("fertility.sex_ratio_at_birth"));
    s = scalar(get(c, fert, "exposure"));
    m->exposure = s != NULL && strcmp(s, "start_and_end_population") == 0
                      ? EXPOSURE_START_AND_END_POPULATION
                      : EXPOSURE_START_AND_SURVIVORS;

    s = scalar(get(c, mig, "timing"));
    m->timing = s != NULL && strcmp(s, "even") == 0 ? TIMING_EVEN : TIMING_END;
    n = get(c, mig, "flows");
    if (n != NULL && n->type == YAML_SEQUENCE_NODE) {
        size_t k = (size_t) (n->data.sequence.items.top - n->data.sequence.items.start);
        m->flows = xcalloc(k, sizeof *m->flows);
        for (yaml_node_item_t *it = n->data.sequence.items.start;
             it < n->data.sequence.items.top; it++) {
            yaml_node_t *item = yaml_document_get_node(&c->doc, *it);
            if (item->type != YAML_MAPPING_NODE)
                continue;
            read_flow(c, m, item, &m->flows[m->n_flows]);
            for (size_t j = 0; j < m->n_flows; j++)
                if (strcmp(m->flows[j].name, m->flows[m->n_flows].name) == 0)
                    err_at(c, get(c, item, "name"),
                           "flow name %s is used twice (first at line %zu)",
                           diag_quote(m->flows[j].name), m->flows[j].where.line);
            m->n_flows++;
        }
    }

    if (cal != NULL && cal->type == YAML_MAPPING_NODE) {
        int found_flow = 0;
        m->has_calibrate = 1;
        m->calibrate_at = node_loc(c, cal);
        m->calibrate_flow = xstrdup((s = scalar(get(c, cal, "flow"))) ? s : "");
        m->calibrate_from = int_or(get(c, cal, "from"), 0);
        m->calibrate_to = int_or(get(c, cal, "to"), 0);
        m->calibrate_year = int_or(get(c, cal, "year"), 0);
        m->calibrate_population = num_or(get(c, cal, "population"), 0);
        for (size_t j = 0; j < m->n_flows; j++)
            if (strcmp(m->flows[j].name, m->calibrate_flow) == 0)
                found_flow = 1;
        if (s != NULL && !found_flow)
            err_at(c, get(c, cal, "flow"), "calibrate.flow names no flow in migration.flows, found %s",
                   diag_quote(s));
        if (get(c, cal, "to") != NULL && get(c, cal, "from") != NULL
            && m->calibrate_to < m->calibrate_from)
            err_at(c, get(c, cal, "to"), "calibrate.to must not be before calibrate.from (%d), found %d",
                   m->calibrate_from, m->calibrate_to);
        if (get(c, cal, "from") == NULL || get(c, cal, "to") == NULL || get(c, cal, "year") == NULL)
            ; /* a missing key is reported by the first pass */
        else if (m->calibrate_year <= m->calibrate_to || m->calibrate_year <= m->base_year
            || m->calibrate_year > m->horizon || m->calibrate_from < m->base_year)
            err_at(c, get(c, cal, "year") ? get(c, cal, "year") : cal,
                   "calibrate.year must be after calibrate.to and within base_year..horizon "
                   "(%d..%d), and calibrate.from not before base_year; found from %d, to %d, year %d",
                   m->base_year, m->horizon, m->calibrate_from, m->calibrate_to,
                   m->calibrate_year);
    }
    read_observed(c, m, get(c, root, "observed"));
    read_vintages(c, m, get(c, root, "vintages"));
    n = get(c, root, "households");
    if (n != NULL) {
        m->has_households = 1;
        m->headship_file = file_or_null(c, m, get(c, n, "headship"));
        m->households_base_file = file_or_null(c, m, get(c, n, "base"));
        read_path(c, get(c, n, "headship_trend"), &m->headship_trend, key_default("households.headship_trend"));
        s = scalar(get(c, n, "headship_ratios"));
        if (s != NULL && strcmp(s, "constant") != 0)
            m->headship_ratios_file = file_or_null(c, m, get(c, n, "headship_ratios"));
    } else
        schedule_set_constant(&m->headship_trend, 1.0);
    n = get(c, root, "dwellings");
    read_keyed(c, get(c, n, "vacancy"), &m->vacancy, key_default("dwellings.vacancy"));
    read_path(c, get(c, n, "other_change"), &m->other_change, key_default("dwellings.other_change"));
    if (n != NULL) {
        m->has_dwellings = 1;
        m->stock_file = file_or_null(c, m, get(c, n, "stock"));
    }
    /* Plans, completions, households and targets run by calendar year; a 5-year step
     * has no year in between (housing.c indexes both by year). */
    if (m->width == 5 && (m->has_households || m->has_dwellings || get(c, root, "pipeline")))
        err_at(c, get(c, ages, "width"),
               "ages.width must be 1 in a model with households, dwellings or pipeline "
               "sections (plans, completions and targets are counted by calendar year), found 5");
    n = get(c, root, "pipeline");
    if (n != NULL) {
        m->has_pipeline = 1;
        m->pipeline_at = node_loc(c, n);
        m->plans_file = file_or_null(c, m, get(c, n, "plans"));
        read_phases(c, m, get(c, n, "phases"));
        read_small_plans(c, m, get(c, n, "small_plans"));
    }
    n = get(c, root, "coupling");
    m->movers_file = file_or_null(c, m, get(c, n, "movers"));
    m->in_movers_file = file_or_null(c, m, get(c, n, "in_movers"));
    m->fill_rate = num_or(get(c, n, "fill_rate"), key_default("coupling.fill_rate"));
    m->max_distance_km = num_or(get(c, n, "max_distance_km"), HUGE_VAL);
    if ((m->has_pipeline || m->has_dwellings) && !(m->has_households && m->has_dwellings)) {
        yaml_node_t *at = get(c, root, "pipeline") ? get(c, root, "pipeline") : get(c, root, "dwellings");
        err_at(c, at, "housing needs both a households and a dwellings section");
    }
    n = get(c, root, "uncertainty");
    m->fertility_sd = num_or(get(c, n, "fertility_sd"), key_default("uncertainty.fertility_sd"));
    m->mortality_sd = num_or(get(c, n, "mortality_sd"), key_default("uncertainty.mortality_sd"));
    m->migration_in_sd = num_or(get(c, n, "migration_in_sd"), key_default("uncertainty.migration_in_sd"));
    m->migration_out_sd = num_or(get(c, n, "migration_out_sd"), key_default("uncertainty.migration_out_sd"));
    m->partial_min_share = num_or(get(c, n, "partial_min_share"), key_default("uncertainty.partial_min_share"));
    m->uncertainty_from_given = get(c, n, "from") != NULL;
    m->uncertainty_from = int_or(get(c, n, "from"), m->base_year);
    m->extra_capacity_from = int_or(get(c, n, "extra_capacity_from"), 0);
    m->extra_plan_size = num_or(get(c, n, "extra_plan_size"), key_default("uncertainty.extra_plan_size"));
    m->uncertainty_source = xstrdup((s = scalar(get(c, n, "source"))) ? s : "");
    m->extra_phase = PHASE_SOFT;
    s = scalar(get(c, n, "extra_capacity_phase"));
    for (int k = 0; s != NULL && k < PHASE_N; k++)
        if (strcmp(s, phase_names[k]) == 0)
            m->extra_phase = (enum plan_phase) k;
    if (s != NULL && m->has_pipeline && !m->phase[m->extra_phase].given)
        err_at(c, get(c, n, "extra_capacity_phase"),
               "uncertainty.extra_capacity_phase names phase %s, which has no entry in "
               "pipeline.phases",
               diag_quote(s));
    n = get(c, root, "targets");
    if (n != NULL && n->type == YAML_SEQUENCE_NODE) {
        size_t k = (size_t) (n->data.sequence.items.top - n->data.sequence.items.start);
        m->targets = xcalloc(k + 1, sizeof *m->targets);
        for (yaml_node_item_t *it = n->data.sequence.items.start;
             it < n->data.sequence.items.top; it++) {
            yaml_node_t *item = yaml_document_get_node(&c->doc, *it);
            if (item->type != YAML_MAPPING_NODE)
                continue;
            read_target(c, m, item, &m->targets[m->n_targets]);
            for (size_t j = 0; j < m->n_targets; j++)
                if (strcmp(m->targets[j].id, m->targets[m->n_targets].id) == 0)
                    err_at(c, get(c, item, "id"), "target id %s is used twice (first at line %zu)",
                           diag_quote(m->targets[j].id), m->targets[j].where.line);
            if (!m->has_dwellings && (m->targets[m->n_targets].measure != MEASURE_POPULATION))
                err_at(c, item, "target %s: measure %s needs the households, dwellings and pipeline sections",
                       diag_quote(m->targets[m->n_targets].id),
                       measure_names[m->targets[m->n_targets].measure]);
            m->n_targets++;
        }
    }
    {
        int b = 1;
        s = scalar(get(c, outp, "plots"));
        if (s != NULL && is_bool(s, &b))
            m->plots = b;
        else
            m->plots = 1;
    }
    if (c->origin != NULL)
        read_scenario(c, m, root);
}

static void
parser_error(ycx *c, const yaml_parser_t *p)
{
    const char *problem = p->problem ? p->problem : "malformed YAML";
    if (p->error == YAML_READER_ERROR) {
        size_t line = 1, col = 1;
        for (size_t i = 0; i < p->problem_offset && i < c->len; i++) {
            if (c->buf[i] == '\n') {
                line++;
                col = 1;
            } else
                col++;
        }
        diag_add(c->d, c->file, line, col, "not valid UTF-8 text: %s (byte %zu of the file)",
                 problem, p->problem_offset);
    } else if (p->context != NULL)
        diag_add(c->d, c->file, p->problem_mark.line + 1, p->problem_mark.column + 1,
                 "YAML syntax: %s %s (line %zu)", problem, p->context,
                 p->context_mark.line + 1);
    else
        diag_add(c->d, c->file, p->problem_mark.line + 1, p->problem_mark.column + 1,
                 "YAML syntax: %s", problem);
    c->errors++;
}

/* The folder relative paths start from: the model file's own, as written, unless
 * symbolic links make that a different place than where the file really is (a
 * link to the model file, or a linked folder before a ".."); then the real one. */
static char *
model_dir(const char *path)
{
    char *real = realpath(path, NULL), *lexical = path_dirname(path), *rdir, *rlex;
    int same;

    if (real == NULL)
        return lexical;
    rdir = path_dirname(real);
    {
        /* lexically collapsed from the current folder, as path_resolve does */
        char *cwd = getcwd(NULL, 0);
        rlex = cwd != NULL ? path_resolve(cwd, lexical) : xstrdup(lexical);
        free(cwd);
    }
    same = strcmp(rdir, rlex) == 0;
    free(real);
    free(rlex);
    if (same) {
        free(rdir);
        return lexical;
    }
    free(lexical);
    return rdir;
}

/* Loads the one YAML document of c->buf into c->doc. Returns 0, or -1 with the
 * problem reported (there is then no document). A second document is an error
 * counted in c->errors; the first is kept. */
static int
load_document(ycx *c)
{
    yaml_parser_t parser;
    int ok;

    if (yamlread_check_depth(c->buf, c->len, c->file, YAMLREAD_MAX_DEPTH, c->d) != LS_OK) {
        c->errors++;
        return -1;
    }
    if (!yaml_parser_initialize(&parser))
        fatal("out of memory (YAML parser)");
    yaml_parser_set_input_string(&parser, (const unsigned char *) c->buf, c->len);
    ok = yaml_parser_load(&parser, &c->doc);
    if (!ok)
        parser_error(c, &parser);
    else if (yaml_document_get_root_node(&c->doc) != NULL) {
        /* A second document in the same file is almost certainly a mistake. */
        yaml_document_t extra;
        if (yaml_parser_load(&parser, &extra)) {
            yaml_node_t *r2 = yaml_document_get_root_node(&extra);
            if (r2 != NULL) {
                diag_add(c->d, c->file, r2->start_mark.line + 1, r2->start_mark.column + 1,
                         "a model file holds one YAML document, found a second one");
                c->errors++;
            }
            yaml_document_delete(&extra);
        } else
            parser_error(c, &parser);
    }
    yaml_parser_delete(&parser);
    return ok ? 0 : -1;
}

/* A scenario (its root has base:): reads the base model and replaces c->doc by the
 * merged document (scenariofile.h), whose nodes carry their file in c->origin. */
static int
load_scenario(ycx *c, model_spec *self, yaml_node_t **root)
{
    yaml_node_t *bn = get(c, *root, "base"), *broot;
    const char *bs = scalar(bn);
    yaml_document_t merged;
    ycx b;
    char *buf = NULL;
    size_t len = 0;
    int ret = LS_ECONFIG;

    if (bs == NULL || *bs == '\0') {
        err_at(c, bn, "base must be the file name of the model the scenario changes, found %s",
               found(bn));
        return LS_ECONFIG;
    }
    self->base_path = path_resolve(self->dir, bs);
    if (read_file(self->base_path, &buf, &len) != LS_OK) {
        err_at(c, bn, "cannot read the base model %s: %s", self->base_path, read_file_error());
        return LS_EIO;
    }
    {
        sha256 h;
        sha256_init(&h);
        sha256_update(&h, buf, len);
        sha256_final(&h, self->base_sha256);
    }
    memset(&b, 0, sizeof b);
    b.file = self->base_path;
    b.d = c->d;
    b.buf = buf;
    b.len = len;
    if (load_document(&b) != 0) {
        free(buf);
        return LS_ECONFIG;
    }
    broot = yaml_document_get_root_node(&b.doc);
    if (broot == NULL || broot->type != YAML_MAPPING_NODE)
        err_at(c, bn, "the base %s is not a model file (a mapping of keys)", diag_quote(bs));
    else if (get(&b, broot, "base") != NULL)
        err_at(c, bn, "the base %s is itself a scenario (it has base:); a scenario changes a "
                      "model file",
               diag_quote(bs));
    else if (b.errors == 0) {
        const char *name = scalar(get(&b, broot, "name"));
        self->base_name = xstrdup(name != NULL && is_name(name) ? name : "model");
        c->errors += scenariofile_merge(&b.doc, &c->doc, c->file, &merged, &c->origin,
                                        &self->changes, &self->n_changes, c->d);
        yaml_document_delete(&c->doc);
        c->doc = merged;
        c->origin_file[0] = self->base_path;
        c->origin_file[1] = self->path;
        c->origin_dir[0] = model_dir(self->base_path);
        c->origin_dir[1] = xstrdup(self->dir);
        *root = yaml_document_get_root_node(&c->doc);
        ret = LS_OK;
    }
    yaml_document_delete(&b.doc);
    free(buf);
    return ret;
}

int
config_parse(model_spec *self, const char *buf, size_t len, const char *path, diag *d)
{
    ycx c;
    int have_doc = 0, ret = LS_OK;
    yaml_node_t *root;

    memset(self, 0, sizeof *self);
    memset(&c, 0, sizeof c);
    schedule_init(&self->tfr);
    schedule_init(&self->srb);
    schedule_init(&self->headship_trend);
    schedule_init(&self->other_change);
    self->path = xstrdup(path);
    self->dir = model_dir(path);
    c.file = path;
    c.d = d;
    c.buf = buf;
    c.len = len;
    if (load_document(&c) != 0) {
        ret = LS_ECONFIG;
        goto out;
    }
    have_doc = 1;
    root = yaml_document_get_root_node(&c.doc);
    if (root == NULL) {
        diag_add(d, path, 0, 0, "empty model file: expected a mapping with name, base_year, ...");
        ret = LS_ECONFIG;
        goto out;
    }
    if (root->type != YAML_MAPPING_NODE) {
        err_at(&c, root, "the model file must be a mapping of keys, found %s", found(root));
        ret = LS_ECONFIG;
        goto out;
    }
    if (get(&c, root, "base") != NULL && (ret = load_scenario(&c, self, &root)) != LS_OK)
        goto out;
    walk_mapping(&c, root, "", "");
    read_spec(&c, self, root);
    if (c.errors > 0)
        ret = LS_ECONFIG;
    else if (c.origin != NULL)
        self->resolved_yaml = scenariofile_emit(&c.doc);
out:
    if (have_doc)
        yaml_document_delete(&c.doc);
    free(c.origin);
    free(c.origin_dir[0]);
    free(c.origin_dir[1]);
    return ret;
}

int
config_load(model_spec *self, const char *path, diag *d)
{
    char *buf = NULL;
    size_t len = 0;
    int ret;

    ret = read_file(path, &buf, &len);
    if (ret != LS_OK) {
        memset(self, 0, sizeof *self);
        diag_add(d, path, 0, 0, "cannot read the model file: %s", read_file_error());
        return LS_EIO;
    }
    ret = config_parse(self, buf, len, path, d);
    {
        sha256 h;
        sha256_init(&h);
        sha256_update(&h, buf, len);
        sha256_final(&h, self->sha256);
        text_note(buf, len, self->note, sizeof self->note, &self->estimated);
    }
    free(buf);
    return ret;
}

void
config_free(model_spec *self)
{
    if (self == NULL)
        return;
    free(self->path);
    free(self->dir);
    free(self->name);
    free(self->title);
    free(self->municipality);
    free(self->kernen_file);
    for (size_t i = 0; i < self->n_kernen_inline; i++)
        free(self->kernen_inline[i]);
    free(self->kernen_inline);
    for (size_t i = 0; i < self->n_tiers; i++)
        free(self->tiers[i]);
    free(self->tiers);
    free(self->population_file);
    free(self->survival_file);
    free(self->life_table_file);
    free(self->improvement_file);
    keyed_free(&self->smr);
    free(self->asfr_file);
    schedule_free(&self->tfr);
    keyed_free(&self->fertility_level);
    schedule_free(&self->srb);
    for (size_t i = 0; i < self->n_flows; i++) {
        flow_spec *f = &self->flows[i];
        free(f->name);
        free(f->file);
        schedule_free(&f->total);
        free(f->profile);
        free(f->distribution);
        schedule_free(&f->level);
        free(f->destinations);
    }
    free(self->flows);
    free(self->calibrate_flow);
    free(self->observed_file);
    free(self->absorb_population);
    for (size_t i = 0; i < self->n_vintages; i++)
        free(self->vintages[i].key);
    free(self->vintages);
    free(self->small_source);
    free(self->headship_file);
    free(self->households_base_file);
    free(self->headship_ratios_file);
    schedule_free(&self->headship_trend);
    free(self->stock_file);
    keyed_free(&self->vacancy);
    schedule_free(&self->other_change);
    free(self->plans_file);
    for (int k = 0; k < PHASE_N; k++)
        free(self->phase[k].source);
    free(self->movers_file);
    free(self->in_movers_file);
    free(self->uncertainty_source);
    for (size_t i = 0; i < self->n_targets; i++) {
        target_spec *t = &self->targets[i];
        free(t->id);
        free(t->scope);
        free(t->source);
        free(t->interpretation);
        keyed_free(&t->explicit_alloc);
        free(t->shares_file);
    }
    free(self->targets);
    free(self->base_path);
    free(self->base_name);
    free(self->resolved_yaml);
    for (size_t i = 0; i < self->n_changes; i++)
        free(self->changes[i]);
    free(self->changes);
    for (size_t i = 0; i < self->n_plan_changes; i++) {
        plan_change *pc = &self->plan_changes[i];
        free(pc->id);
        free(pc->name);
        free(pc->kern);
        free(pc->segment);
        free(pc->phase);
    }
    free(self->plan_changes);
    free(self->add_plans_file);
    free(self->mlevel.source);
    memset(self, 0, sizeof *self);
}

/* Keyed lists: the key that matches a scenario's items with the base's. */
static const struct {
    const char *path, *item_key, *noun;
} keyed_lists[] = {{"migration.flows", "name", "flow"}, {"targets", "id", "target"},
                   {"plans", "id", "plan change"}};

enum config_merge
config_merge_rule(const char *prefix, const char *key, char **pattern, const char **item_key,
                  const char **noun)
{
    const key_entry *k = find_child(prefix, key, pattern);

    *item_key = NULL;
    *noun = NULL;
    if (k == NULL)
        return CONFIG_MERGE_VALUE;
    if (k->type == K_MAP)
        return CONFIG_MERGE_SECTION;
    if (k->type == K_LIST)
        for (size_t i = 0; i < sizeof keyed_lists / sizeof keyed_lists[0]; i++)
            if (strcmp(keyed_lists[i].path, *pattern) == 0) {
                *item_key = keyed_lists[i].item_key;
                *noun = keyed_lists[i].noun;
                return CONFIG_MERGE_LIST;
            }
    return CONFIG_MERGE_VALUE;
}

char *
config_required_keys(const char *prefix)
{
    strbuf b;
    strbuf_init(&b);
    for (size_t i = 0; i < N_KEYS; i++)
        if (keys[i].required && is_child(keys[i].path, prefix)) {
            if (b.len)
                strbuf_add(&b, ", ", 2);
            strbuf_add(&b, leaf(keys[i].path), strlen(leaf(keys[i].path)));
        }
    return b.s;
}

void
config_print_keys(FILE *out)
{
    fprintf(out, "%-36s %-34s %-22s %-10s %s\n", "key", "type", "range", "default", "unit: help");
    for (size_t i = 0; i < N_KEYS; i++) {
        const key_entry *k = &keys[i];
        char r[64] = "";
        if (k->type == K_INT || k->type == K_NUM || k->type == K_PATH || k->type == K_KEYED)
            range_text(k, r, sizeof r);
        else if (k->choices)
            snprintf(r, sizeof r, "%s", k->choices);
        fprintf(out, "%-36s %-34s %-22s %-10s %s%s%s%s\n", k->path, type_names[k->type], r,
                k->def ? k->def : (k->required ? "(required)" : "-"), k->unit,
                *k->unit ? ": " : "", k->help, "");
    }
}
