/* The plain types of a model specification: what a model file says, after parsing
 * and checking, as ordinary C structs. config.c fills them from YAML; tests and
 * other front ends may fill them in C. Engines and the model loader read them and
 * need to know nothing of YAML or of the config module.
 *
 * Ownership: a model_spec owns its strings and arrays; config_free releases one. */
#ifndef LS_SPEC_H
#define LS_SPEC_H

#include <stddef.h>

#include "date.h"
#include "schedule.h"

typedef struct {
    size_t line, col; /* 1-based; 0 when unknown */
    const char *file; /* NULL: the model file (model_spec.path); in a scenario, the file
                         the key came from (its base or the scenario), owned by the spec */
} loc;

/* The file of a place in a model: l.file, or the model file itself. */
#define LOC_FILE(spec, l) ((l).file != NULL ? (l).file : (spec)->path)

/* A number, or a map from kern or tier name to a number. */
typedef struct {
    double scalar;
    int is_map;
    size_t n;
    char **name;
    double *value;
    loc *at;
    loc where;
} keyed;

enum flow_kind {
    FLOW_IMMIGRATION,
    FLOW_EMIGRATION,
    FLOW_DOMESTIC_IN,
    FLOW_DOMESTIC_OUT,
    FLOW_NET,
    FLOW_INTERNAL,
    FLOW_NKINDS
};
extern const char *const flow_kind_names[FLOW_NKINDS];

enum flow_source { FLOW_FROM_RATES, FLOW_FROM_COUNTS, FLOW_FROM_TOTAL };

enum timing { TIMING_END, TIMING_EVEN };

/* fertility.exposure: which women at the end of a step count in the births exposure
 * (see cohort.h); the women at the start always count. */
enum exposure { EXPOSURE_START_AND_SURVIVORS, EXPOSURE_START_AND_END_POPULATION };

typedef struct {
    char *name;
    enum flow_kind kind;
    enum flow_source source;
    char *file;         /* rates or counts file */
    schedule total;     /* persons per year, with profile and distribution */
    char *profile;      /* sex,age,share */
    char *distribution; /* kern,share file; NULL means "population" */
    schedule level;     /* multiplier, default 1 */
    char *destinations; /* internal: origin,destination,share file; NULL = gravity */
    double distance_decay;
    loc where;
    loc level_at;
    int trend_years;    /* trend: {years: N}: the level from the first forecast year is the
                           mean observed flow of the N years before it (0 = none) */
    loc trend_at;
} flow_spec;

/* Phases of a housing plan, from early to late (MODEL.md section 5). */
enum plan_phase {
    PHASE_IDEA,
    PHASE_SOFT,
    PHASE_ADOPTED,
    PHASE_IRREVOCABLE,
    PHASE_PERMIT,
    PHASE_CONSTRUCTION,
    PHASE_N
};
extern const char *const phase_names[PHASE_N];
#define MAX_DELAY 15

typedef struct {
    int given;
    double probability;          /* that a plan in this phase is realised */
    double delay[MAX_DELAY + 1]; /* P(delay = d years), sums to 1 */
    int max_delay;
    char *source;
    loc where;
} phase_spec;

enum target_measure {
    MEASURE_COMPLETIONS,
    MEASURE_NET_STOCK_GROWTH,
    MEASURE_HOUSEHOLDS,
    MEASURE_POPULATION,
    MEASURE_REGIONAL,     /* regional_contribution: housing-led minus trend households */
    MEASURE_REGIONAL_OWN, /* regional_beyond_own_need: housing-led minus own-need households */
    MEASURE_N
};
extern const char *const measure_names[MEASURE_N];

enum window_kind { WINDOW_ANNUAL, WINDOW_CUMULATIVE, WINDOW_AT };
/* How a municipal target is split over kernen: capacity = the expected completions of
 * the plans in each kern over the window (the deterministic run; the default for
 * completion targets), household_growth = the trend view's household growth (the
 * need view; the default otherwise), shares = a kern,share file (the council's own
 * split). */
enum alloc_rule { ALLOC_HOUSEHOLD_GROWTH, ALLOC_POPULATION, ALLOC_DWELLINGS, ALLOC_CAPACITY,
                  ALLOC_SHARES };
extern const char *const alloc_rule_names[ALLOC_SHARES + 1];
enum view { VIEW_TREND, VIEW_HOUSING_LED };
/* target: a target of the municipality (counted in the summary, the advice and the
 * --precision stopping rule); comparison: computed and shown beside the targets, for
 * comparison only (an older way of measuring one of them, say). */
enum target_role { ROLE_TARGET, ROLE_COMPARISON };

typedef struct {
    char *id;
    enum target_measure measure;
    char *scope; /* "all", "municipality", a tier or a kern */
    enum window_kind window;
    int from, to; /* annual and cumulative: calendar years; at: from == to */
    double threshold;
    char *source;
    char *interpretation;
    enum alloc_rule rule;
    keyed explicit_alloc; /* {kern: units}; is_map when given */
    char *shares_file;    /* allocation: shares: kern,share (model.h target_share) */
    loc alloc_at;
    enum view view;
    enum target_role role;
    loc where;
    loc scope_at;
} target_spec;

/* One change a scenario makes to its base's plan list (the scenario key plans:),
 * applied to the plans read from pipeline.plans: the plan with that id is edited or
 * removed; an id the list does not hold is a new plan, which must give kern, units,
 * phase and its delivery years. */
enum {
    PC_NAME = 1 << 0,
    PC_KERN = 1 << 1,
    PC_UNITS = 1 << 2,
    PC_SEGMENT = 1 << 3,
    PC_PHASE = 1 << 4,
    PC_FIRST = 1 << 5,
    PC_LAST = 1 << 6,
    PC_DEMOLITIONS = 1 << 7,
    PC_DELAY = 1 << 8
};

typedef struct {
    char *id;
    unsigned given; /* PC_* bits of the keys the change gives */
    int remove;
    char *name, *kern, *segment, *phase; /* phase as written (Dutch words allowed) */
    double units, demolitions;
    int first, last;
    int delay; /* years added to the delivery years */
    loc where, id_at, kern_at, phase_at, years_at, delay_at;
} plan_change;

/* migration_level: (scenario) one factor on every in-flow (or out-flow) from the
 * year uncertainty starts, solved so that the population on 1 January `year` is
 * (1 + change x rescale) times what it is without the factor; rescale is
 * (year - start) / (over_to - over_from) when over is given (a published change over
 * other years), else 1. */
enum ml_flows { ML_IN, ML_OUT };
typedef struct {
    int given;
    enum ml_flows flows;
    int year;
    double change;
    int has_over, over_from, over_to;
    char *source;
    loc where;
} migration_level_spec;

/* vintages: {KEY: DATE}: when the input behind a model key was known. */
typedef struct {
    char *key;
    ls_date date;
    loc at;
} vintage_spec;

/* How the dwellings accounting closes an observed stock change. */
enum absorb_dwellings { ABSORB_COMPLETIONS, ABSORB_OTHER_CHANGE };

typedef struct {
    char *path; /* the model file as given */
    char *dir;  /* its directory (where it really is, when it is reached by a symlink) */
    char sha256[65];  /* config_load: of the bytes parsed */
    char note[400];   /* its first comment line */
    int estimated;    /* its comments mention an estimate */
    char *name;
    char *title;
    int base_year, horizon;
    int width; /* years per age group and per step */
    int open;  /* lower bound of the open age group */
    size_t n_sexes;
    char sex[2]; /* 'M', 'F' in the order given */
    char *municipality;
    char *kernen_file;
    size_t n_kernen_inline;
    char **kernen_inline;
    loc kernen_at;
    size_t n_tiers;
    char **tiers;
    loc tiers_at;
    char *population_file;
    /* mortality */
    char *survival_file;
    char *life_table_file;
    char *improvement_file;
    double infant_separation;
    keyed smr;
    /* fertility */
    char *asfr_file;
    schedule tfr;
    keyed fertility_level;
    schedule srb;
    enum exposure exposure;
    /* migration */
    enum timing timing;
    size_t n_flows;
    flow_spec *flows;
    /* calibration */
    int has_calibrate;
    char *calibrate_flow;
    int calibrate_from, calibrate_to, calibrate_year;
    double calibrate_population;
    loc calibrate_at;
    /* observed: (history up to the last observed date) */
    int has_observed;
    char *observed_file;
    int last_observed;          /* 1 January of this year; 0 = from the data */
    loc last_observed_at;
    char *absorb_population;    /* flow absorbing observed population totals, or NULL */
    loc absorb_population_at;
    enum absorb_dwellings absorb_dwellings;
    loc observed_at;
    /* The forecast starts on 1 January of this year when > 0 (landstad backtest
     * --from): later observations are hidden, the plan list is the one of that date. */
    int present;
    size_t n_vintages;
    vintage_spec *vintages;
    /* households */
    int has_households;
    char *headship_file;
    char *households_base_file;
    schedule headship_trend;
    char *headship_ratios_file; /* year,sex,age,headship_ratio; NULL = constant headship */
    /* dwellings */
    int has_dwellings;
    char *stock_file;
    keyed vacancy;
    schedule other_change; /* dwellings per year, municipality */
    /* pipeline */
    int has_pipeline;
    char *plans_file;
    phase_spec phase[PHASE_N];
    loc pipeline_at;
    /* small plans and infill beyond the named plans (pipeline.small_plans) */
    int has_small_plans;
    int small_years;            /* estimate window without an earlier plan snapshot */
    double small_rate;          /* dwellings a year when given; NAN = estimate */
    double small_sd;            /* lognormal sd of the rate per Monte Carlo run */
    int small_until;            /* last calendar year delivered */
    char *small_source;
    loc small_at;
    /* coupling */
    char *movers_file;    /* sex,age,rate_per_person: who moves out of a full kern */
    char *in_movers_file; /* sex,age,share: who fills spare homes */
    double fill_rate;
    double max_distance_km;
    /* uncertainty (Monte Carlo) */
    double fertility_sd, mortality_sd, migration_in_sd, migration_out_sd;
    double partial_min_share;
    int uncertainty_from;
    int uncertainty_from_given;
    enum plan_phase extra_phase;
    double extra_plan_size;
    int extra_capacity_from;    /* first calendar year extra capacity can deliver (0 = the
                                   first forecast year) */
    char *uncertainty_source;
    /* targets */
    size_t n_targets;
    target_spec *targets;
    /* output */
    int plots;
    loc root_at;
    /* scenario: a file with base: MODEL.yaml whose keys change the base's (all NULL and
     * 0 for a model file; see scenariofile.h) */
    char *base_path;   /* the base model file, resolved against the scenario's folder */
    char *base_name;   /* the base's name: key */
    char base_sha256[65]; /* of the base's bytes as parsed */
    char *resolved_yaml; /* the merged model as YAML text (for run.yaml) */
    size_t n_changes;  /* what the scenario changes, one line each ("fertility.level") */
    char **changes;
    size_t n_plan_changes;
    plan_change *plan_changes;
    char *add_plans_file; /* plans added from a CSV in the form of pipeline.plans */
    loc add_plans_at;
    migration_level_spec mlevel;
} model_spec;

#endif
