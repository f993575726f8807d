/* resultaten.xlsx / results.xlsx (workbook.h). The sheets and columns are data:
 * wb_sheets below. Cells are read with the CSV reader (csv.c) and written with
 * libxlsxwriter in constant-memory mode, row by row; a text cell is always written as
 * a string (never as a formula), a number as a number. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xlsxwriter.h>

#include "csv.h"
#include "numfmt.h"
#include "report.h"
#include "util.h"
#include "workbook.h"

#define L(nl, en) (lang == LANG_NL ? (nl) : (en))

/* ---------------------------------------------------------------- the table */

/* How a column is shown. Every number keeps its full precision in the cell; the
 * format only decides what is displayed (grouping and decimal sign follow the
 * reader's own Excel or LibreOffice settings). */
enum wb_format {
    WB_AUTO,   /* a column the table does not name: numbers when every cell is one */
    WB_TEXT,   /* text */
    WB_YEAR,   /* 2025: no grouping */
    WB_COUNT,  /* persons, households, dwellings: 1.234 (no decimals shown) */
    WB_DEC1,   /* 1.234,5 */
    WB_DEC3,   /* 1.234,567 */
    WB_RATIO,  /* 2,45 */
    WB_PCT,    /* a share or probability 0..1 shown as 24,3% */
    WB_YEAR1,  /* a mean year: 2027,4 (no grouping) */
    WB_N_FORMATS
};

static const char *const format_code[WB_N_FORMATS] = {
    [WB_AUTO] = "General", [WB_TEXT] = "@",       [WB_YEAR] = "0",        [WB_COUNT] = "#,##0",
    [WB_DEC1] = "#,##0.0", [WB_DEC3] = "#,##0.000", [WB_RATIO] = "0.00", [WB_PCT] = "0.0%",
    [WB_YEAR1] = "0.0",
};

/* A value of a text column and its Dutch word (an entry ending in ':' is a prefix). */
typedef struct {
    const char *csv, *nl;
} wb_word;

typedef struct {
    const char *csv;     /* the column's name in the CSV file */
    const char *nl, *en; /* header */
    enum wb_format format;
    const wb_word *words; /* Dutch words for its values, or NULL */
} wb_column;

typedef struct {
    const char *file;             /* CSV file in the output folder */
    const char *sheet_nl, *sheet_en; /* at most 31 characters, none of []:*?/\ */
    const char *about_nl, *about_en; /* one sentence for the first sheet */
    const wb_column *columns;     /* in the CSV's order or any; ends with a NULL csv */
} wb_sheet;

#define END_COLUMNS {NULL, NULL, NULL, WB_TEXT, NULL}

static const wb_word yes_no[] = {{"yes", "ja"}, {"no", "nee"}, {NULL, NULL}};
static const wb_word views[] = {{"trend", "trend"}, {"housing_led", "woningmarktgestuurd"},
                                {NULL, NULL}};
static const wb_word levels[] = {{"kern", "kern"}, {"tier", "type kern"},
                                 {"municipality", "gemeente"}, {NULL, NULL}};
static const wb_word sexes[] = {{"M", "man"}, {"F", "vrouw"}, {NULL, NULL}};
/* The shipped model's tiers in the report's words (report_plain.c tier_label). */
#define TIER_WORDS(pre, post) {pre "town", "stedelijke kern" post}, \
    {pre "middle", "middelgrote kern" post}, {pre "rural", "kleine kern" post}
static const wb_word scopes[] = {{"municipality", "gemeente"}, TIER_WORDS("tier:", "en"),
                                 {"tier:", "type kern: "}, {"kern:", "kern: "}, {NULL, NULL}};
static const wb_word areas[] = {TIER_WORDS("", "en"), {NULL, NULL}};
static const wb_word tiers[] = {TIER_WORDS("", ""), {NULL, NULL}};
static const wb_word measures[] = {
    {"completions", "opleveringen"}, {"net_stock_growth", "groei woningvoorraad"},
    {"households", "huishoudens"},   {"population", "inwoners"},
    {"regional_beyond_own_need", "regionale bijdrage boven eigen behoefte"},
    {"regional_contribution", "regionale bijdrage"}, {"shortage", "woningtekort"},
    {"cumulative_completions_1jan", "opleveringen opgeteld tot 1 januari"},
    {"dwellings_1jan", "woningvoorraad op 1 januari"},
    {NULL, NULL}};
/* The history (observed.csv, completions.csv, targets.csv, backtest.csv). */
static const wb_word history_words[] = {
    {"forecast", "prognose"},
    {"observed (distributed)", "waargenomen (verdeeld)"},
    {"observed: met", "waargenomen: gehaald"},
    {"observed: the base population", "waargenomen: de startbevolking"},
    {"observed: superseded by finer observations", "waargenomen: vervangen door fijnere"},
    {"observed: not used (no housing)", "waargenomen: niet gebruikt (geen woningen)"},
    {"observed (estimate)", "waargenomen (schatting)"},
    {"observed", "waargenomen"},
    {"history (model)", "geschiedenis (model)"},
    {"history", "geschiedenis"},
    {"partly observed", "deels waargenomen"},
    {"before the base year (trends and estimates)", "voor het basisjaar (trends en schattingen)"},
    {"later than the last observed date (back-test only)", "na de laatste waarneming (terugblik)"},
    {"not observed", "niet waargenomen"},
    {"not observed (births, deaths or flows missing in the period)",
     "niet waargenomen (geboorte, sterfte of migratie ontbreekt in de periode)"},
    {"derived: the observed stock change minus the completions counted and the other change the "
     "model assumes",
     "afgeleid: de waargenomen voorraadgroei min de getelde opleveringen en de overige mutaties "
     "die het model aanneemt"},
    {"derived: the four observed flows", "afgeleid: de vier waargenomen migratiestromen"},
    {"derived: population change minus births plus deaths (includes administrative corrections)",
     "afgeleid: bevolkingsgroei min geboorte plus sterfte (inclusief administratieve correcties)"},
    {"known only after --from", "pas na --from bekend"},
    {"no vintage", "geen datum van bekendmaking"},
    {NULL, NULL}};
static const wb_word roles[] = {{"target", "doel"}, {"comparison", "ter vergelijking, geen doel"},
                                {NULL, NULL}};
/* What observed.csv counts and what a run adjusted to meet it. */
static const wb_word obs_words[] = {
    {"population", "inwoners"}, {"dwellings", "woningvoorraad"}, {"completions", "opleveringen"},
    {"births", "geboorten"}, {"deaths", "sterfte"}, {"mortality", "sterfteniveau"},
    {"fertility", "geboorteniveau"}, {"immigration", "vestiging uit het buitenland"},
    {"emigration", "vertrek naar het buitenland"},
    {"domestic_in", "vestiging uit andere gemeenten"},
    {"domestic_out", "vertrek naar andere gemeenten"}, {"net_migration", "migratiesaldo"},
    {"other_change", "overige voorraadmutaties"}, {NULL, NULL}};
/* uncertainty.csv's inputs and drivers.csv's drivers in words. */
#define PHASE_WORDS(pre, post) {pre "idea", post "visie"}, {pre "soft", post "in voorbereiding"}, \
    {pre "adopted", post "vastgesteld"}, {pre "irrevocable", post "onherroepelijk"}, \
    {pre "permit", post "vergunning"}, {pre "construction", post "in aanbouw"}
static const wb_word unc_words[] = {
    {"fertility_sd", "spreiding van het geboorteniveau"},
    {"mortality_sd", "spreiding van het sterfteniveau"},
    {"migration_in_sd", "spreiding van de vestiging"},
    {"migration_out_sd", "spreiding van het vertrek"},
    {"partial_min_share", "kleinste deel van een plan dat wordt opgeleverd"},
    PHASE_WORDS("phase_probability:", "kans dat een plan doorgaat, fase "),
    PHASE_WORDS("extra_capacity_phase:", "extra plancapaciteit (woningen per plan), fase "),
    {NULL, NULL}};
static const wb_word driver_words[] = {
    {"small_plans", "kleine plannen en inbreiding"}, {"fertility", "geboorteniveau"},
    {"mortality", "sterfteniveau"}, {"migration_in", "vestiging"}, {"migration_out", "vertrek"},
    {NULL, NULL}};
static const wb_word bt_kinds[] = {{"comparison", "vergelijking"}, {"input", "invoer"},
                                   {NULL, NULL}};
static const wb_word windows[] = {{"annual", "elk jaar"}, {"cumulative", "opgeteld"},
                                  {"at", "op 1 januari"}, {NULL, NULL}};
static const wb_word alloc_words[] = {
    {"capacity", "naar plancapaciteit"}, {"household_growth", "naar huishoudensgroei"},
    {"population", "naar inwoners"},     {"dwellings", "naar woningvoorraad"},
    {"shares", "naar vastgestelde aandelen"}, {"explicit", "vastgesteld per kern"},
    {NULL, NULL}};
static const wb_word reach[] = {{"unreachable", "onhaalbaar"}, {NULL, NULL}};
static const wb_word forms[] = {{"dutch", "Nederlands"}, {"international", "internationaal"},
                                {"undetermined", "niet vast te stellen"}, {NULL, NULL}};

#define YEAR_1JAN {"year", "1 januari", "1 January", WB_YEAR, NULL}
#define YEAR_CAL {"year", "Jaar", "Year", WB_YEAR, NULL}
#define AREA {"kern", "Gebied", "Area", WB_TEXT, areas}
#define LEVEL {"level", "Niveau", "Level", WB_TEXT, levels}
#define VIEW {"view", "Variant", "View", WB_TEXT, views}

static const wb_column c_population[] = {
    YEAR_1JAN,
    {"kern", "Kern", "Kern", WB_TEXT, NULL},
    {"sex", "Geslacht", "Sex", WB_TEXT, sexes},
    {"age", "Leeftijd", "Age", WB_YEAR, NULL},
    {"persons", "Personen", "Persons", WB_COUNT, NULL},
    END_COLUMNS};

static const wb_column c_components[] = {
    YEAR_CAL,
    {"kern", "Kern", "Kern", WB_TEXT, NULL},
    {"sex", "Geslacht", "Sex", WB_TEXT, sexes},
    {"population_start", "Bevolking 1 januari", "Population 1 January", WB_COUNT, NULL},
    {"births", "Levend geboren", "Births", WB_COUNT, NULL},
    {"deaths", "Overleden", "Deaths", WB_COUNT, NULL},
    {"immigration", "Immigratie", "Immigration", WB_COUNT, NULL},
    {"emigration", "Emigratie", "Emigration", WB_COUNT, NULL},
    {"domestic_in", "Vestiging uit andere gemeenten", "From other municipalities", WB_COUNT, NULL},
    {"domestic_out", "Vertrek naar andere gemeenten", "To other municipalities", WB_COUNT, NULL},
    {"internal_in", "Verhuisd vanuit andere kern", "Moved in from another kern", WB_COUNT, NULL},
    {"internal_out", "Verhuisd naar andere kern", "Moved out to another kern", WB_COUNT, NULL},
    {"population_end", "Bevolking 1 januari jaar erna", "Population 1 January next year",
     WB_COUNT, NULL},
    {"clipped", "Afgekapt", "Clipped", WB_DEC3, NULL},
    {"period", "Periode", "Period", WB_TEXT, history_words},
    END_COLUMNS};

static const wb_column c_households[] = {
    YEAR_1JAN, AREA, VIEW,
    {"households", "Huishoudens", "Households", WB_COUNT, NULL},
    {"persons_private", "Personen in particuliere huishoudens", "Persons in private households",
     WB_COUNT, NULL},
    {"average_household_size", "Gemiddelde huishoudensgrootte", "Average household size",
     WB_RATIO, NULL},
    {"dwellings", "Woningen", "Dwellings", WB_COUNT, NULL},
    {"dwellings_demand", "Woningbehoefte", "Dwellings needed", WB_COUNT, NULL},
    {"shortage", "Woningtekort (negatief: overschot)", "Shortage (negative: surplus)", WB_COUNT,
     NULL},
    LEVEL,
    {"population", "Inwoners", "Population", WB_COUNT, NULL},
    {"vacancy", "Frictieleegstand", "Frictional vacancy", WB_PCT, NULL},
    END_COLUMNS};

static const wb_column c_completions[] = {
    YEAR_CAL, AREA,
    {"completions", "Opleveringen (verwacht)", "Completions (expected)", WB_COUNT, NULL},
    {"demolitions", "Sloop", "Demolitions", WB_COUNT, NULL},
    {"net_additions", "Netto toevoeging", "Net additions", WB_COUNT, NULL},
    {"other_change", "Overige mutaties", "Other changes", WB_DEC1, NULL},
    LEVEL,
    {"status", "Waargenomen of prognose", "Observed or forecast", WB_TEXT, history_words},
    END_COLUMNS};

static const wb_column c_targets[] = {
    {"target", "Doel (code in het modelbestand)", "Target", WB_TEXT, NULL},
    {"scope", "Gebied", "Scope", WB_TEXT, scopes},
    {"measure", "Maat", "Measure", WB_TEXT, measures},
    {"window_start", "Van", "From", WB_YEAR, NULL},
    {"window_end", "Tot en met", "To", WB_YEAR, NULL},
    {"required", "Nodig", "Required", WB_COUNT, NULL},
    {"expected", "Verwacht", "Expected", WB_COUNT, NULL},
    {"gap", "Achterstand (nodig min verwacht)", "Gap (required minus expected)", WB_COUNT, NULL},
    {"window", "Soort periode", "Window", WB_TEXT, windows},
    {"view", "Variant", "View", WB_TEXT, views},
    {"met", "Naar verwachting gehaald", "Expected to be met", WB_TEXT, yes_no},
    {"years_met", "Jaren gehaald", "Years met", WB_YEAR, NULL},
    {"years", "Jaren", "Years", WB_YEAR, NULL},
    {"worst_year", "Laagste jaar", "Worst year", WB_YEAR, NULL},
    {"worst_expected", "Verwacht in laagste jaar", "Expected in worst year", WB_COUNT, NULL},
    {"shortfall", "Tekort over de jaren", "Shortfall over the years", WB_COUNT, NULL},
    {"probability_met", "Kans dat het doel wordt gehaald", "Probability of meeting it", WB_PCT,
     NULL},
    {"probability_se", "Standaardfout van die kans (simulatie)",
     "Standard error of that probability (simulation)", WB_PCT, NULL},
    {"extra_units_needed_p80", "Extra plancapaciteit voor 80% kans",
     "Extra plan capacity for 80%", WB_COUNT, reach},
    {"extra_units_needed_p90", "Extra plancapaciteit voor 90% kans",
     "Extra plan capacity for 90%", WB_COUNT, reach},
    {"extra_plan_size", "Woningen per extra plan", "Dwellings per extra plan", WB_COUNT, NULL},
    {"value_mean", "Gemiddelde over de simulaties", "Mean over the runs", WB_COUNT, NULL},
    {"value_p10", "P10", "P10", WB_COUNT, NULL},
    {"value_p50", "Mediaan", "Median", WB_COUNT, NULL},
    {"value_p90", "P90", "P90", WB_COUNT, NULL},
    {"status", "Waargenomen of prognose", "Observed or forecast", WB_TEXT, history_words},
    {"observed_part", "Waargenomen deel", "Observed part", WB_COUNT, NULL},
    {"forecast_part", "Prognose deel", "Forecast part", WB_COUNT, NULL},
    {"observed_to", "Waargenomen tot en met", "Observed to", WB_YEAR, NULL},
    {"source", "Bron", "Source", WB_TEXT, NULL},
    {"allocation", "Verdeling over de kernen", "Allocation over the kernen", WB_TEXT,
     alloc_words},
    {"required_need", "Doel bij verdeling naar behoefte", "Target if split by need", WB_COUNT,
     NULL},
    {"role", "Rol", "Role", WB_TEXT, roles},
    END_COLUMNS};

static const wb_column c_gaps[] = {
    YEAR_1JAN, AREA,
    {"demand_minus_supply", "Woningbehoefte min woningen", "Dwellings needed minus dwellings",
     WB_COUNT, NULL},
    {"cumulative_completions", "Opleveringen opgeteld", "Completions, cumulative", WB_COUNT, NULL},
    {"allocated_target_cumulative", "Toegewezen doel opgeteld", "Allocated target, cumulative",
     WB_COUNT, NULL},
    {"target_gap", "Achterstand op het doel", "Behind the target", WB_COUNT, NULL},
    LEVEL, END_COLUMNS};

static const wb_column c_regional[] = {
    YEAR_1JAN,
    {"households_trend", "Huishoudens, trend", "Households, trend", WB_COUNT, NULL},
    {"households_housing_led", "Huishoudens, woningmarktgestuurd", "Households, housing-led",
     WB_COUNT, NULL},
    {"regional_contribution", "Bijdrage aan de regionale groei (huishoudens)",
     "Contribution to the regional growth (households)", WB_COUNT, NULL},
    {"extra_households_arrived_cumulative", "Extra gevestigde huishoudens, opgeteld",
     "Extra households arrived, cumulative", WB_COUNT, NULL},
    {"households_left_cumulative", "Vertrokken huishoudens, opgeteld",
     "Households left, cumulative", WB_COUNT, NULL},
    {"population_trend", "Inwoners, trend", "Population, trend", WB_COUNT, NULL},
    {"population_housing_led", "Inwoners, woningmarktgestuurd", "Population, housing-led",
     WB_COUNT, NULL},
    {"households_own_need", "Huishoudens bij migratiesaldo nul", "Households, zero migration",
     WB_COUNT, NULL},
    {"completions_cumulative", "Opgeleverde woningen sinds de start", "Completions since the start",
     WB_COUNT, NULL},
    {"households_housed", "Extra gehuisveste huishoudens", "Extra households housed", WB_COUNT,
     NULL},
    {"own_growth", "Waarvan eigen groei", "Of which own growth", WB_COUNT, NULL},
    {"from_outside", "Waarvan van buiten", "Of which from outside", WB_COUNT, NULL},
    {"part", "Waargenomen of prognose", "Observed or forecast", WB_TEXT, history_words},
    {"own_growth_p10", "Eigen groei, p10", "Own growth, p10", WB_COUNT, NULL},
    {"own_growth_p90", "Eigen groei, p90", "Own growth, p90", WB_COUNT, NULL},
    {"from_outside_p10", "Van buiten, p10", "From outside, p10", WB_COUNT, NULL},
    {"from_outside_p90", "Van buiten, p90", "From outside, p90", WB_COUNT, NULL},
    {"regional_contribution_p10", "Bijdrage boven trend, p10", "Beyond the trend, p10", WB_COUNT,
     NULL},
    {"regional_contribution_p90", "Bijdrage boven trend, p90", "Beyond the trend, p90", WB_COUNT,
     NULL},
    END_COLUMNS};

static const wb_column c_decomposition[] = {
    {"target", "Doel", "Target", WB_TEXT, NULL},
    {"window_start", "Van", "From", WB_YEAR, NULL},
    {"window_end", "Tot en met", "To", WB_YEAR, NULL},
    {"required", "Nodig", "Required", WB_COUNT, NULL},
    {"planned_in_window", "Gepland in de periode", "Planned in the window", WB_COUNT, NULL},
    {"after_plan_failure", "Na uitval van plannen", "After plans that fail", WB_COUNT, NULL},
    {"expected", "Verwacht", "Expected", WB_COUNT, NULL},
    {"shortfall", "Achterstand", "Shortfall", WB_COUNT, NULL},
    {"from_capacity_never_planned", "Door te weinig plannen", "From capacity never planned",
     WB_COUNT, NULL},
    {"from_plan_failure", "Door uitval van plannen", "From plans that fail", WB_COUNT, NULL},
    {"from_delay", "Door vertraging", "From delay", WB_COUNT, NULL},
    {"observed_in_window", "Al opgeleverd (waargenomen)", "Already completed (observed)", WB_COUNT,
     NULL},
    {"small_plans_in_window", "Kleine plannen en inbreiding", "Small plans and infill", WB_COUNT,
     NULL},
    END_COLUMNS};

#define SPREAD                                                                                 \
    {"mean", "Gemiddelde", "Mean", WB_COUNT, NULL}, {"p10", "P10", "P10", WB_COUNT, NULL},     \
        {"p50", "Mediaan", "Median", WB_COUNT, NULL}, {"p90", "P90", "P90", WB_COUNT, NULL},   \
        {"min", "Minimum", "Minimum", WB_COUNT, NULL}, {"max", "Maximum", "Maximum", WB_COUNT, NULL}

static const wb_column c_pop_summary[] = {YEAR_1JAN, AREA, VIEW, LEVEL, SPREAD, END_COLUMNS};
static const wb_column c_hh_summary[] = {
    YEAR_1JAN, AREA, VIEW, LEVEL, {"measure", "Maat", "Measure", WB_TEXT, measures}, SPREAD,
    END_COLUMNS};
static const wb_column c_compl_summary[] = {
    {"year", "Jaar", "Year", WB_YEAR, NULL}, AREA, LEVEL,
    {"measure", "Maat", "Measure", WB_TEXT, measures}, SPREAD, END_COLUMNS};

static const wb_column c_observed[] = {
    {"measure", "Maat", "Measure", WB_TEXT, obs_words},
    {"scope", "Gebied", "Scope", WB_TEXT, scopes},
    {"from", "Van", "From", WB_YEAR, NULL},
    {"to", "Tot en met", "To", WB_YEAR, NULL},
    {"value", "Waargenomen", "Observed", WB_COUNT, NULL},
    {"model", "Model", "Model", WB_COUNT, NULL},
    {"status", "Wat de berekening ermee deed", "What the run did with it", WB_TEXT, history_words},
    {"absorbed_by", "Bereikt door bij te stellen", "Met by", WB_TEXT, obs_words},
    {"level", "Niveau (factor)", "Level (factor)", WB_RATIO, NULL},
    {"source", "Bron (zoals in het invoerbestand)", "Source", WB_TEXT, NULL},
    {"source_nl", "Bron", "Source (Dutch)", WB_TEXT, NULL},
    {"vintage", "Bekend sinds", "Known since", WB_TEXT, NULL},
    {"estimated", "Geschat", "Estimated", WB_TEXT, yes_no},
    END_COLUMNS};

static const wb_column c_backtest[] = {
    {"kind", "Soort", "Kind", WB_TEXT, bt_kinds},
    {"measure", "Maat of invoer", "Measure or input", WB_TEXT, NULL},
    {"scope", "Gebied of bestand", "Scope or file", WB_TEXT, NULL},
    {"from", "Van", "From", WB_YEAR, NULL},
    {"to", "Tot en met", "To", WB_YEAR, NULL},
    {"observed", "Waargenomen", "Observed", WB_COUNT, NULL},
    {"forecast_trend", "Prognose (trend)", "Forecast (trend)", WB_COUNT, NULL},
    {"error_trend", "Afwijking (trend)", "Error (trend)", WB_COUNT, NULL},
    {"error_trend_pct", "Afwijking (trend, %)", "Error (trend, %)", WB_DEC1, NULL},
    {"forecast_housing_led", "Prognose (woningmarktgestuurd)", "Forecast (housing-led)", WB_COUNT,
     NULL},
    {"error_housing_led", "Afwijking (woningmarktgestuurd)", "Error (housing-led)", WB_COUNT,
     NULL},
    {"error_housing_led_pct", "Afwijking (woningmarktgestuurd, %)", "Error (housing-led, %)",
     WB_DEC1, NULL},
    {"status", "Status", "Status", WB_TEXT, history_words},
    {"vintage", "Bekend sinds", "Known since", WB_TEXT, NULL},
    {"source", "Bron", "Source", WB_TEXT, NULL},
    END_COLUMNS};

static const wb_column c_kernen[] = {
    {"kern", "Kern", "Kern", WB_TEXT, NULL},
    {"tier", "Type kern", "Tier", WB_TEXT, tiers},
    {"x_km", "X (km, RD)", "X (km, RD)", WB_DEC1, NULL},
    {"y_km", "Y (km, RD)", "Y (km, RD)", WB_DEC1, NULL},
    END_COLUMNS};

static const wb_column c_inputs[] = {
    {"file", "Bestand", "File", WB_TEXT, NULL},
    {"sha256", "Controlegetal (SHA-256)", "Checksum (SHA-256)", WB_TEXT, NULL},
    {"estimated", "Bevat schattingen", "Holds estimates", WB_TEXT, yes_no},
    {"note", "Eerste commentaarregel van het bestand (Engels)", "Note (first comment line)", WB_TEXT,
     NULL},
    {"form", "Opgeslagen vorm", "Saved form", WB_TEXT, forms},
    {"encoding", "Tekencodering", "Encoding", WB_TEXT, NULL},
    END_COLUMNS};

static const wb_word phases[] = {{"idea", "visie (zacht)"}, {"soft", "in voorbereiding (zacht)"},
                                 {"adopted", "vastgesteld (hard)"},
                                 {"irrevocable", "onherroepelijk (hard)"},
                                 {"permit", "vergunning (hard)"},
                                 {"construction", "in aanbouw (hard)"}, {NULL, NULL}};

static const wb_column c_plan_list[] = {
    {"plan_id", "Plannummer", "Plan id", WB_TEXT, NULL},
    {"name", "Plan", "Plan", WB_TEXT, NULL},
    {"kern", "Kern", "Kern", WB_TEXT, NULL},
    {"tier", "Type kern", "Tier", WB_TEXT, tiers},
    {"phase", "Fase", "Phase", WB_TEXT, phases},
    {"units_to_come", "Woningen nog te bouwen", "Dwellings still to come", WB_COUNT, NULL},
    {"first_year", "Eerste opleverjaar", "First delivery year", WB_YEAR, NULL},
    {"last_year", "Laatste opleverjaar", "Last delivery year", WB_YEAR, NULL},
    {"probability", "Kans dat het plan doorgaat", "Probability the plan goes ahead", WB_PCT, NULL},
    {"window_start", "Doelperiode van", "Target window from", WB_YEAR, NULL},
    {"window_end", "Doelperiode tot en met", "Target window to", WB_YEAR, NULL},
    {"expected_in_window", "Verwacht in de doelperiode", "Expected in the target window",
     WB_DEC1, NULL},
    {"expected_by_horizon", "Verwacht tot de prognosehorizon", "Expected by the horizon", WB_DEC1,
     NULL},
    {"mean_delivery_year", "Gemiddeld opleverjaar (verwacht)", "Mean delivery year (expected)",
     WB_YEAR1, NULL},
    END_COLUMNS};

static const wb_column c_uncertainty[] = {
    {"input", "Invoer", "Input", WB_TEXT, unc_words},
    {"value", "Waarde", "Value", WB_DEC3, NULL},
    END_COLUMNS};

/* Every sheet, in the order of the workbook. Adding a CSV file to the output is
 * adding a row here (and its columns above). */
static const wb_word driver_kinds[] = {{"plan", "plan"}, {"plan_group", "plannen per kern"},
                                       {"level", "niveau"}, {NULL, NULL}};

static const wb_column c_compare[] = {
    {"scenario", "Scenario", "Scenario", WB_TEXT, NULL},
    {"file", "Bestand", "File", WB_TEXT, NULL},
    {"target", "Doel", "Target", WB_TEXT, NULL},
    {"scope", "Gebied", "Scope", WB_TEXT, scopes},
    {"measure", "Maat", "Measure", WB_TEXT, measures},
    {"window", "Soort periode", "Window", WB_TEXT, windows},
    {"window_start", "Van", "From", WB_YEAR, NULL},
    {"window_end", "Tot en met", "To", WB_YEAR, NULL},
    {"required", "Nodig", "Required", WB_COUNT, NULL},
    {"expected", "Verwacht", "Expected", WB_COUNT, NULL},
    {"met", "Naar verwachting gehaald", "Expected to be met", WB_TEXT, yes_no},
    {"probability_met", "Kans dat het doel wordt gehaald", "Probability of meeting it", WB_PCT,
     NULL},
    {"extra_units_needed_p80", "Extra plancapaciteit voor 80% kans",
     "Extra plan capacity for 80%", WB_COUNT, reach},
    {"extra_units_needed_p90", "Extra plancapaciteit voor 90% kans",
     "Extra plan capacity for 90%", WB_COUNT, reach},
    {"value_mean", "Gemiddelde over de simulaties", "Mean over the runs", WB_COUNT, NULL},
    {"expected_diff", "Verschil verwacht met basis", "Expected against the base", WB_COUNT, NULL},
    {"met_changed", "Oordeel anders dan basis", "Verdict differs from the base", WB_TEXT, yes_no},
    {"probability_diff", "Verschil kans met basis", "Probability against the base", WB_PCT, NULL},
    {"probability_diff_se", "Standaardfout verschil kans", "Standard error of that", WB_PCT,
     NULL},
    {"value_mean_diff", "Verschil gemiddelde met basis", "Mean against the base", WB_COUNT, NULL},
    {"value_mean_diff_se", "Standaardfout verschil gemiddelde", "Standard error of that",
     WB_DEC1, NULL},
    {"extra_p80_diff", "Verschil extra capaciteit 80%", "Extra for 80% against the base",
     WB_COUNT, NULL},
    {"extra_p90_diff", "Verschil extra capaciteit 90%", "Extra for 90% against the base",
     WB_COUNT, NULL},
    {"runs", "Simulaties", "Runs", WB_COUNT, NULL},
    {"seed", "Seed", "Seed", WB_YEAR, NULL},
    END_COLUMNS};

static const wb_column c_drivers[] = {
    {"scenario", "Model", "Model", WB_TEXT, NULL},
    {"target", "Doel", "Target", WB_TEXT, NULL},
    {"rank", "Rang", "Rank", WB_YEAR, NULL},
    {"driver", "Onzekerheid", "Input", WB_TEXT, driver_words},
    {"kind", "Soort", "Kind", WB_TEXT, driver_kinds},
    {"label", "Omschrijving", "Label", WB_TEXT, driver_words},
    {"plans", "Plannen", "Plans", WB_COUNT, NULL},
    {"share", "Verklaard deel van de variantie", "Share of the variance explained", WB_PCT,
     NULL},
    {"share_se", "Standaardfout", "Standard error", WB_PCT, NULL},
    {"value_low", "Uitkomst als laag (onderste tiende)", "Outcome when low (bottom tenth)",
     WB_COUNT, NULL},
    {"value_high", "Uitkomst als hoog (bovenste tiende)", "Outcome when high (top tenth)",
     WB_COUNT, NULL},
    {"p_met_low", "Kans gehaald als laag", "P(met) when low", WB_PCT, NULL},
    {"p_met_high", "Kans gehaald als hoog", "P(met) when high", WB_PCT, NULL},
    {"value_mean", "Gemiddelde uitkomst", "Mean outcome", WB_COUNT, NULL},
    {"p_met", "Kans gehaald", "P(met)", WB_PCT, NULL},
    {"runs", "Simulaties", "Runs", WB_COUNT, NULL},
    END_COLUMNS};

static const wb_sheet wb_sheets[] = {
    {.file = "compare.csv", .sheet_nl = "Scenario's vergeleken", .sheet_en = "Scenarios compared",
     .columns = c_compare,
     .about_nl = "Elk doel in het basismodel en in elk scenario, met het verschil met de basis "
                 "en de onzekerheid van dat verschil.",
     .about_en = "Every target in the base model and in every scenario, with the difference "
                 "from the base and the uncertainty of that difference."},
    {.file = "targets.csv", .sheet_nl = "Doelen", .sheet_en = "Targets", .columns = c_targets,
     .about_nl = "Elk doel voor de gemeente, elk type kern en elke kern: vereist, verwacht, "
                 "verschil en of het naar verwachting wordt gehaald; met simulaties ook de kans "
                 "en de extra plancapaciteit.",
     .about_en = "Every target for the municipality, each tier and each kern: required, "
                 "expected, gap and whether it is expected to be met; with simulations also the "
                 "probability and the extra plan capacity."},
    {.file = "gap_decomposition.csv", .sheet_nl = "Tekort naar oorzaak",
     .sheet_en = "Shortfall by cause", .columns = c_decomposition,
     .about_nl = "Het tekort op elk opleveringsdoel van de gemeente, verdeeld over te weinig "
                 "plannen, uitval van plannen en vertraging.",
     .about_en = "The shortfall of each municipal completion target, split into capacity never "
                 "planned, plans that fail and delay."},
    {.file = "plan_list.csv", .sheet_nl = "Plannenlijst", .sheet_en = "Plan list",
     .columns = c_plan_list,
     .about_nl = "Elk plan met woningen die nog moeten komen: kern, fase, aantal, de kans dat het "
                 "doorgaat en wat het naar verwachting oplevert in de doelperiode.",
     .about_en = "Every plan with dwellings still to come: kern, phase, units, the probability it "
                 "goes ahead and what it is expected to deliver in the target window."},
    {.file = "uncertainty.csv", .sheet_nl = "Onzekerheid", .sheet_en = "Uncertainty",
     .columns = c_uncertainty,
     .about_nl = "Wat de simulaties laten vari\xc3\xabren: de spreiding van geboorte, sterfte en "
                 "verhuizingen en de kans per planfase.",
     .about_en = "What the simulations vary: the spread of fertility, mortality and migration and "
                 "the probability per plan phase."},
    {.file = "completions.csv", .sheet_nl = "Opleveringen", .sheet_en = "Completions",
     .columns = c_completions,
     .about_nl = "Verwachte opleveringen, sloop en overige mutaties per jaar, per kern, type kern "
                 "en voor de gemeente.",
     .about_en = "Expected completions, demolitions and other changes per year, per kern, tier "
                 "and for the municipality."},
    {.file = "households.csv", .sheet_nl = "Huishoudens en woningen",
     .sheet_en = "Households and dwellings", .columns = c_households,
     .about_nl = "Huishoudens, woningen, woningbehoefte en woningtekort op 1 januari van elk "
                 "jaar, in beide varianten (trend en woningmarktgestuurd).",
     .about_en = "Households, dwellings, dwellings needed and shortage on 1 January of every "
                 "year, in both views (trend and housing-led)."},
    {.file = "gaps.csv", .sheet_nl = "Vraag en aanbod", .sheet_en = "Demand and supply",
     .columns = c_gaps,
     .about_nl = "Per jaar en kern: woningbehoefte min woningen, en de opleveringen opgeteld "
                 "tegenover het toegewezen doel.",
     .about_en = "Per year and kern: dwellings needed minus dwellings, and cumulative "
                 "completions against the allocated target."},
    {.file = "regional.csv", .sheet_nl = "Regionale bijdrage", .sheet_en = "Regional contribution",
     .columns = c_regional,
     .about_nl = "De rekening voor Regio Zwolle: de extra gehuisveste huishoudens sinds de start, "
                 "waarvan eigen groei (migratiesaldo nul) en van buiten; daarnaast de oude maat, "
                 "huishoudens boven de trendprognose.",
     .about_en = "The Regio Zwolle account: the extra households housed since the start, of "
                 "which own growth (zero migration) and from outside; beside it the old measure, "
                 "households beyond the trend projection."},
    {.file = "population.csv", .sheet_nl = "Bevolking", .sheet_en = "Population",
     .columns = c_population,
     .about_nl = "Bevolking op 1 januari per kern, geslacht en leeftijd (trend).",
     .about_en = "Population on 1 January per kern, sex and age (trend)."},
    {.file = "population_housing_led.csv", .sheet_nl = "Bevolking woningmarktgestuurd",
     .sheet_en = "Population housing-led", .columns = c_population,
     .about_nl = "Hetzelfde in de woningmarktgestuurde variant: de woningen bepalen waar "
                 "huishoudens wonen.",
     .about_en = "The same in the housing-led view: the dwellings decide where households "
                 "live."},
    {.file = "components.csv", .sheet_nl = "Bevolkingsontwikkeling", .sheet_en = "Components",
     .columns = c_components,
     .about_nl = "Geboorte, sterfte en verhuizingen per jaar, kern en geslacht (trend).",
     .about_en = "Births, deaths and moves per year, kern and sex (trend)."},
    {.file = "components_housing_led.csv", .sheet_nl = "Bevolkingsontw. woningmarkt",
     .sheet_en = "Components housing-led", .columns = c_components,
     .about_nl = "Hetzelfde in de woningmarktgestuurde variant.",
     .about_en = "The same in the housing-led view."},
    {.file = "population_summary.csv", .sheet_nl = "Spreiding bevolking",
     .sheet_en = "Population spread", .columns = c_pop_summary,
     .about_nl = "Spreiding van de bevolking over de simulaties: gemiddelde, P10, mediaan, P90.",
     .about_en = "Spread of the population over the runs: mean, p10, median, p90."},
    {.file = "households_summary.csv", .sheet_nl = "Spreiding huishoudens",
     .sheet_en = "Households spread", .columns = c_hh_summary,
     .about_nl = "Spreiding van huishoudens, woningtekort en regionale bijdrage over de "
                 "simulaties.",
     .about_en = "Spread of households, shortage and regional contribution over the runs."},
    {.file = "completions_summary.csv", .sheet_nl = "Spreiding opleveringen",
     .sheet_en = "Completions spread", .columns = c_compl_summary,
     .about_nl = "Spreiding van de opleveringen over de simulaties.",
     .about_en = "Spread of the completions over the runs."},
    {.file = "observed.csv", .sheet_nl = "Waarnemingen", .sheet_en = "Observations",
     .columns = c_observed,
     .about_nl = "Elke waarneming met de waarde van de berekening en wat ermee gebeurde; tot de "
                 "laatste waarneming volgt elke berekening ze, verdeeld waar alleen een totaal "
                 "geteld is.",
     .about_en = "Every observation with the run's value and what was done with it; up to the "
                 "last observation every run follows them, distributed where only a total was "
                 "counted."},
    {.file = "backtest.csv", .sheet_nl = "Terugblik", .sheet_en = "Back-test",
     .columns = c_backtest,
     .about_nl = "De prognose vanaf een eerdere datum naast wat daarna waargenomen is, en de "
                 "invoer die toen nog niet bekend was.",
     .about_en = "The forecast from an earlier date beside what was observed after it, and the "
                 "inputs not yet known then."},
    {.file = "kernen.csv", .sheet_nl = "Kernen", .sheet_en = "Kernen", .columns = c_kernen,
     .about_nl = "De kernen, hun type en hun ligging.",
     .about_en = "The kernen, their tier and their location."},
    {.file = "drivers.csv", .sheet_nl = "Waar het van afhangt", .sheet_en = "What it depends on",
     .columns = c_drivers,
     .about_nl = "Per doel van de gemeente de onzekerheden (plannen, kleine plannen per kern, "
                 "geboorte, sterfte, migratie) naar het deel van de spreiding dat ze verklaren.",
     .about_en = "For each municipal target the uncertain inputs (plans, small plans per kern, "
                 "fertility, mortality, migration) ranked by the part of the spread they "
                 "explain."},
    {.file = "inputs.csv", .sheet_nl = "Invoer", .sheet_en = "Inputs", .columns = c_inputs,
     .about_nl = "Elk invoerbestand met zijn controlegetal, of het schattingen bevat, en hoe het "
                 "was opgeslagen.",
     .about_en = "Every input file with its checksum, whether it holds estimates, and how it "
                 "was saved."},
};
#define N_SHEETS (sizeof wb_sheets / sizeof wb_sheets[0])

size_t
workbook_sheet_count(void)
{
    return N_SHEETS;
}

const char *
workbook_sheet_file(size_t i)
{
    return i < N_SHEETS ? wb_sheets[i].file : NULL;
}

const char *
workbook_sheet_name(size_t i, enum report_lang lang)
{
    return i < N_SHEETS ? L(wb_sheets[i].sheet_nl, wb_sheets[i].sheet_en) : NULL;
}

const char *
workbook_name(enum report_lang lang)
{
    return L("resultaten.xlsx", "results.xlsx");
}

/* ---------------------------------------------------------------- writing */

#define XL_MAX_ROWS 1048576u
#define XL_MAX_COLS 16384u
#define XL_MAX_TEXT 32767u

typedef struct {
    lxw_workbook *wb;
    lxw_format *fmt[WB_N_FORMATS];
    lxw_format *head, *title, *bold, *wrap, *link, *top, *top_count;
    enum report_lang lang;
} book;

/* What became of one sheet, for the first sheet. */
typedef struct {
    int present, too_big;
    size_t rows;
} sheet_result;

static const char *
word_for(const wb_word *words, const char *s, char *buf, size_t size)
{
    for (const wb_word *w = words; w != NULL && w->csv != NULL; w++) {
        const size_t n = strlen(w->csv);
        if (n > 0 && w->csv[n - 1] == ':' && strncmp(s, w->csv, n) == 0) {
            snprintf(buf, size, "%s%s", w->nl, s + n);
            return buf;
        }
        if (strcmp(s, w->csv) == 0)
            return w->nl;
    }
    return s;
}

/* Characters of a UTF-8 string. */
static size_t
text_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char) *s & 0xC0) != 0x80;
    return n;
}

/* A string for a cell: Excel holds at most 32,767 characters; cut at a character. */
static lxw_error
put_text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
    char *cut;
    size_t n = strlen(s);
    lxw_error e;

    if (n <= XL_MAX_TEXT)
        return worksheet_write_string(ws, r, c, s, f);
    n = XL_MAX_TEXT;
    while (n > 0 && ((unsigned char) s[n] & 0xC0) == 0x80)
        n--;
    cut = xstrndup(s, n);
    e = worksheet_write_string(ws, r, c, cut, f);
    free(cut);
    return e;
}

/* Printed: A4 landscape, the header row on every page, and one page wide when that
 * keeps the text readable (at most about 220 characters across). */
static void
print_setup(lxw_worksheet *ws, int header_row, double total_width)
{
    worksheet_set_paper(ws, 9);
    worksheet_set_landscape(ws);
    if (total_width <= 220)
        worksheet_fit_to_pages(ws, 1, 0);
    if (header_row)
        worksheet_repeat_rows(ws, 0, 0);
}

/* One CSV column as the sheet shows it. */
typedef struct {
    const char *header;
    enum wb_format format;
    const wb_word *words;
    int numeric;
    double width;
} col_plan;

/* Matches the CSV's columns to the table's (unknown ones keep their CSV name and are
 * numbers when every cell is one), and sizes them from the header and the cells. */
static col_plan *
plan_columns(const wb_sheet *s, const csv_table *t, enum report_lang lang)
{
    col_plan *cp = xcalloc(t->header.n, sizeof *cp);

    for (size_t i = 0; i < t->header.n; i++) {
        const char *name = t->header.field[i].text;
        size_t longest = 4, word = 0;
        double x;
        cp[i].header = name;
        cp[i].format = WB_AUTO;
        for (const wb_column *c = s->columns; c != NULL && c->csv != NULL; c++)
            if (strcmp(c->csv, name) == 0) {
                cp[i].header = L(c->nl, c->en);
                cp[i].format = c->format;
                cp[i].words = c->words;
            }
        cp[i].numeric = cp[i].format != WB_TEXT;
        for (size_t r = 0; r < t->n_rows; r++) {
            const char *v = csv_text(t, r, (int) i);
            size_t n = text_chars(v);
            if (*v == '\0')
                continue;
            if (cp[i].format == WB_AUTO && cp[i].numeric && csv_value(t, v, &x) != 0)
                cp[i].numeric = 0;
            if (n > longest)
                longest = n;
        }
        /* A header may wrap, but not inside a word. */
        for (const char *h = cp[i].header;; h++) {
            if (*h == ' ' || *h == '\0') {
                if (word > longest)
                    longest = word;
                word = 0;
                if (*h == '\0')
                    break;
            } else
                word += ((unsigned char) *h & 0xC0) != 0x80;
        }
        cp[i].width = longest > 50 ? 50 : (double) longest + 2;
    }
    return cp;
}

static lxw_error
write_cells(book *b, lxw_worksheet *ws, const csv_table *t, const col_plan *cp)
{
    char buf[256];
    lxw_error e = LXW_NO_ERROR;

    for (size_t r = 0; r < t->n_rows && e == LXW_NO_ERROR; r++)
        for (size_t i = 0; i < t->header.n && e == LXW_NO_ERROR; i++) {
            const char *v = csv_text(t, r, (int) i);
            double x;
            if (*v == '\0')
                continue;
            if (cp[i].numeric && csv_value(t, v, &x) == 0)
                e = worksheet_write_number(ws, (lxw_row_t) r + 1, (lxw_col_t) i, x,
                                           b->fmt[cp[i].format]);
            else
                e = put_text(ws, (lxw_row_t) r + 1, (lxw_col_t) i,
                             b->lang == LANG_NL ? word_for(cp[i].words, v, buf, sizeof buf) : v,
                             b->fmt[WB_TEXT]);
        }
    return e;
}

/* One CSV file as a sheet. An absent file is no sheet; one too large for Excel is
 * named on the first sheet only. */
static int
write_sheet(book *b, const wb_sheet *s, const char *dir, sheet_result *res, diag *d)
{
    const enum report_lang lang = b->lang;
    char *path = xasprintf("%s/%s", dir, s->file);
    struct stat st;
    csv_table t;
    col_plan *cp = NULL;
    lxw_worksheet *ws;
    lxw_error e = LXW_NO_ERROR;
    double lines = 1;
    int ret = LS_OK;

    memset(res, 0, sizeof *res);
    memset(&t, 0, sizeof t);
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        goto out;
    if ((ret = csv_read(&t, path, path, d)) != LS_OK)
        goto out;
    res->present = 1;
    res->rows = t.n_rows;
    if (t.n_rows + 1 > XL_MAX_ROWS || t.header.n > XL_MAX_COLS) {
        res->too_big = 1;
        goto out;
    }
    ws = workbook_add_worksheet(b->wb, L(s->sheet_nl, s->sheet_en));
    if (ws == NULL) {
        diag_add(d, NULL, 0, 0, "internal error: sheet %s for %s", L(s->sheet_nl, s->sheet_en),
                 s->file);
        ret = LS_EIO;
        goto out;
    }
    cp = plan_columns(s, &t, lang);
    for (size_t i = 0; i < t.header.n; i++) {
        const double need = ceil((double) text_chars(cp[i].header) / (cp[i].width - 1));
        if (need > lines)
            lines = need;
        worksheet_set_column(ws, (lxw_col_t) i, (lxw_col_t) i, cp[i].width,
                             cp[i].numeric ? b->fmt[cp[i].format] : NULL);
    }
    worksheet_set_row(ws, 0, 15 * (lines > 4 ? 4 : lines) + 3, NULL);
    for (size_t i = 0; i < t.header.n && e == LXW_NO_ERROR; i++)
        e = put_text(ws, 0, (lxw_col_t) i, cp[i].header, b->head);
    if (e == LXW_NO_ERROR)
        e = write_cells(b, ws, &t, cp);
    worksheet_freeze_panes(ws, 1, 0);
    {
        double total = 0;
        for (size_t i = 0; i < t.header.n; i++)
            total += cp[i].width;
        print_setup(ws, 1, total);
    }
    if (e == LXW_NO_ERROR && t.header.n > 0)
        e = worksheet_autofilter(ws, 0, 0, (lxw_row_t) t.n_rows, (lxw_col_t) (t.header.n - 1));
    if (e != LXW_NO_ERROR) {
        diag_add(d, NULL, 0, 0, "cannot write the sheet for %s: %s", path, lxw_strerror(e));
        ret = LS_EIO;
    }
out:
    free(cp);
    csv_free(&t);
    free(path);
    return ret;
}

/* ---------------------------------------------------------------- first sheet */

/* A paragraph across columns A..D, wrapped, with a row height for its length. */
static lxw_error
paragraph(book *b, lxw_worksheet *ws, lxw_row_t row, const char *text)
{
    const double chars_per_line = 150;
    const double lines = ceil((double) text_chars(text) / chars_per_line);
    worksheet_set_row(ws, row, 15 * (lines < 1 ? 1 : lines) + 2, NULL);
    return worksheet_merge_range(ws, row, 0, row, 3, text, b->wrap);
}

static lxw_error
contents_table(book *b, lxw_worksheet *ws, lxw_row_t *row, const sheet_result *res)
{
    const enum report_lang lang = b->lang;
    lxw_error e = LXW_NO_ERROR;
    char n[48];

    static const char *const head_nl[] = {"Blad", "Bestand", "Inhoud", "Rijen"};
    static const char *const head_en[] = {"Sheet", "File", "What it holds", "Rows"};
    for (lxw_col_t c = 0; c < 4 && e == LXW_NO_ERROR; c++)
        e = worksheet_write_string(ws, *row, c, L(head_nl[c], head_en[c]), b->head);
    (*row)++;
    for (size_t i = 0; i < N_SHEETS && e == LXW_NO_ERROR; i++) {
        const wb_sheet *s = &wb_sheets[i];
        const char *name = L(s->sheet_nl, s->sheet_en);
        if (!res[i].present)
            continue;
        if (res[i].too_big)
            e = worksheet_write_string(ws, *row, 0, name, b->top);
        else {
            char *url = xasprintf("internal:'%s'!A1", name);
            e = worksheet_write_url_opt(ws, *row, 0, url, b->link, name, NULL);
            free(url);
        }
        if (e == LXW_NO_ERROR)
            e = worksheet_write_string(ws, *row, 1, s->file, b->top);
        if (e == LXW_NO_ERROR)
            e = worksheet_write_string(ws, *row, 2, L(s->about_nl, s->about_en), b->wrap);
        if (e == LXW_NO_ERROR && res[i].too_big) {
            snprintf(n, sizeof n, L("%s: te veel voor een blad", "%s: too many for a sheet"),
                     fmt_num(n + 24, sizeof n - 24, (double) res[i].rows, 0, lang));
            e = worksheet_write_string(ws, *row, 3, n, b->wrap);
        } else if (e == LXW_NO_ERROR)
            e = worksheet_write_number(ws, *row, 3, (double) res[i].rows, b->top_count);
        worksheet_set_row(ws, *row, 15 * ceil(text_chars(L(s->about_nl, s->about_en)) / 95.0) + 2,
                          NULL);
        (*row)++;
    }
    return e;
}

/* Whether the folder held the CSV file of that sheet. */
static int
has_sheet(const sheet_result *res, const char *file)
{
    for (size_t i = 0; i < N_SHEETS; i++)
        if (strcmp(wb_sheets[i].file, file) == 0)
            return res[i].present;
    return 0;
}

static lxw_error
write_contents(book *b, lxw_worksheet *ws, const rd *r, const sheet_result *res)
{
    const enum report_lang lang = b->lang;
    lxw_row_t row = 0;
    lxw_error e;
    char *t;
    strbuf date;

    worksheet_set_column(ws, 0, 0, 26, NULL);
    worksheet_set_column(ws, 1, 1, 38, NULL);
    worksheet_set_column(ws, 2, 2, 86, NULL);
    worksheet_set_column(ws, 3, 3, 12, NULL);
    t = xasprintf(L("Resultaten %s", "Results %s"), r->title != NULL ? r->title : r->muni);
    worksheet_set_row(ws, row, 21, NULL);
    e = worksheet_write_string(ws, row++, 0, t, b->title);
    free(t);
    strbuf_init(&date);
    if (r->date != NULL && strlen(r->date) >= 10)
        report_date_words(&date, r->date, 0, lang);
    t = xasprintf(L("Prognose van 1 januari %d tot 1 januari %d, berekend met landstad %s op %s%s%s%s",
                    "Projection from 1 January %d to 1 January %d, made with landstad %s on %s%s%s%s"),
                  r->y0, r->y1, r->version != NULL ? r->version : "?",
                  date.len > 0 ? date.s : "?", r->runs != NULL ? L(", met ", ", with ") : "",
                  r->runs != NULL ? r->runs : "", r->runs != NULL ? L(" simulaties", " runs") : "");
    strbuf_free(&date);
    if (e == LXW_NO_ERROR)
        e = worksheet_write_string(ws, row++, 0, t, NULL);
    free(t);
    row++;
    if (e == LXW_NO_ERROR)
        e = paragraph(b, ws, row++,
                      L("Deze werkmap is de leesversie van de CSV-bestanden in dezelfde map; elk blad "
                        "hieronder is een van die bestanden. Getallen staan als getallen in de "
                        "cellen: rekenen, sorteren en filteren kan direct. Voor verdere verwerking "
                        "door programma's zijn de CSV-bestanden de afspraak: UTF-8, een komma tussen "
                        "de kolommen en een punt als decimaalteken (1234.5). Open een CSV-bestand in "
                        "Excel daarom via Gegevens > Uit tekst/CSV met die instellingen, niet door "
                        "erop te dubbelklikken.",
                        "This workbook is the readable copy of the CSV files in the same folder; "
                        "every sheet below is one of them. Numbers are stored as numbers: they can "
                        "be summed, sorted and filtered at once. For further processing by programs "
                        "the CSV files are the contract: UTF-8, a comma between columns and a point "
                        "as the decimal sign (1234.5)."));
    row++;
    if (e == LXW_NO_ERROR)
        e = contents_table(b, ws, &row, res);
    row++;
    if (e == LXW_NO_ERROR)
        e = worksheet_write_string(ws, row++, 0, L("Waar de gegevens vandaan komen",
                                                   "Where the data come from"), b->bold);
    if (e == LXW_NO_ERROR && has_sheet(res, "compare.csv")) /* a comparison's folder */
        e = paragraph(b, ws, row++,
                      L("run.yaml in deze map noemt elk vergeleken model met zijn controlegetal "
                        "(SHA-256); elk model heeft zijn eigen invoer en zijn eigen run.yaml. De "
                        "toelichting staat in compare.html.",
                        "run.yaml in this folder names every model compared with its checksum "
                        "(SHA-256); each model has its own inputs and run.yaml. The explanation is "
                        "in compare.html."));
    else if (e == LXW_NO_ERROR)
        e = paragraph(b, ws, row++,
                      L("Het blad Invoer noemt elk invoerbestand met zijn controlegetal (SHA-256) en "
                        "zijn eerste commentaarregel; de invoerbestanden zelf zeggen in hun "
                        "commentaar waar elk getal vandaan komt en wat geschat is. De volledige "
                        "verantwoording van de berekening (model, instellingen, kalibraties) staat "
                        "in run.yaml, de toelichting in report.html, beide in deze map.",
                        "The sheet Inputs names every input file with its checksum (SHA-256) and its "
                        "first comment line; the input files themselves say in their comments where "
                        "every number comes from and what was estimated. The full record of the run "
                        "(model, settings, calibrations) is in run.yaml, the explanation in "
                        "report.html, both in this folder."));
    if (e == LXW_NO_ERROR && r->model_file != NULL) {
        e = worksheet_write_string(ws, row, 0, L("Modelbestand", "Model file"), NULL);
        if (e == LXW_NO_ERROR)
            e = worksheet_write_string(ws, row, 1, r->model_file, NULL);
        row++;
    }
    if (e == LXW_NO_ERROR && r->command != NULL) {
        e = worksheet_write_string(ws, row, 0, L("Opdracht", "Command"), NULL);
        if (e == LXW_NO_ERROR)
            e = put_text(ws, row, 1, r->command, NULL);
        row++;
    }
    for (size_t i = 0, first = 1; i < r->n_inputs && e == LXW_NO_ERROR; i++) {
        if (!r->in[i].estimated)
            continue;
        if (first)
            e = worksheet_write_string(ws, row, 0, L("Invoer met schattingen", "Inputs with estimates"),
                                       NULL);
        first = 0;
        if (e == LXW_NO_ERROR)
            e = worksheet_write_string(ws, row, 1, r->in[i].file, NULL);
        if (e == LXW_NO_ERROR)
            e = put_text(ws, row, 2,
                         lang == LANG_NL && input_note_nl(r->in[i].file) != NULL
                             ? input_note_nl(r->in[i].file)
                             : r->in[i].note,
                         NULL);
        row++;
    }
    return e;
}

/* ---------------------------------------------------------------- entry */


static void
add_formats(book *b)
{
    for (int k = 0; k < WB_N_FORMATS; k++) {
        b->fmt[k] = workbook_add_format(b->wb);
        format_set_num_format(b->fmt[k], format_code[k]);
    }
    /* Years read best centred; text keeps a little distance from a number on its
     * left. */
    format_set_align(b->fmt[WB_YEAR], LXW_ALIGN_CENTER);
    format_set_indent(b->fmt[WB_TEXT], 1);
    b->head = workbook_add_format(b->wb);
    format_set_bold(b->head);
    format_set_text_wrap(b->head);
    format_set_align(b->head, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(b->head, 0xDDEBF7);
    format_set_bottom(b->head, LXW_BORDER_THIN);
    b->title = workbook_add_format(b->wb);
    format_set_bold(b->title);
    format_set_font_size(b->title, 14);
    b->bold = workbook_add_format(b->wb);
    format_set_bold(b->bold);
    b->wrap = workbook_add_format(b->wb);
    format_set_text_wrap(b->wrap);
    format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
    b->link = workbook_add_format(b->wb);
    format_set_underline(b->link, LXW_UNDERLINE_SINGLE);
    format_set_font_color(b->link, LXW_COLOR_BLUE);
    format_set_align(b->link, LXW_ALIGN_VERTICAL_TOP);
    b->top = workbook_add_format(b->wb);
    format_set_align(b->top, LXW_ALIGN_VERTICAL_TOP);
    b->top_count = workbook_add_format(b->wb);
    format_set_num_format(b->top_count, format_code[WB_COUNT]);
    format_set_align(b->top_count, LXW_ALIGN_VERTICAL_TOP);
}

int
workbook_write(const char *dir, const rd *r, enum report_lang lang, diag *d)
{
    char *fin = xasprintf("%s/%s", dir, workbook_name(lang));
    char *tmp = xasprintf("%s/.%s.tmp", dir, workbook_name(lang));
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
    lxw_doc_properties props;
    sheet_result res[N_SHEETS];
    lxw_worksheet *contents;
    book b;
    lxw_error e;
    int ret = LS_OK;

    memset(&b, 0, sizeof b);
    b.lang = lang;
    {
        /* libxlsxwriter reports an unwritable file on stderr itself: try it first. */
        FILE *probe = fopen(tmp, "wb");
        if (probe == NULL || fclose(probe) != 0) {
            diag_add(d, NULL, 0, 0, "cannot write %s: %s", fin, strerror(errno));
            ret = LS_EIO;
            goto out;
        }
    }
    b.wb = workbook_new_opt(tmp, &opt);
    if (b.wb == NULL) {
        diag_add(d, NULL, 0, 0, "cannot write %s: %s", fin, strerror(errno ? errno : ENOMEM));
        ret = LS_EIO;
        goto out;
    }
    memset(&props, 0, sizeof props);
    props.title = (char *) L("Resultaten van landstad", "Results of landstad");
    props.author = (char *) "landstad " PACKAGE_VERSION;
    props.comments = (char *) L("Leesversie van de CSV-bestanden in deze map",
                                "Readable copy of the CSV files in this folder");
    workbook_set_properties(b.wb, &props);
    add_formats(&b);
    contents = workbook_add_worksheet(b.wb, L("Overzicht", "Contents"));
    print_setup(contents, 0, 170);
    for (size_t i = 0; i < N_SHEETS && ret == LS_OK; i++)
        ret = write_sheet(&b, &wb_sheets[i], r->dir, &res[i], d);
    if (ret == LS_OK && (e = write_contents(&b, contents, r, res)) != LXW_NO_ERROR) {
        diag_add(d, NULL, 0, 0, "cannot write %s: %s", fin, lxw_strerror(e));
        ret = LS_EIO;
    }
    e = workbook_close(b.wb); /* also frees it, whatever happened */
    if (ret == LS_OK && e != LXW_NO_ERROR) {
        diag_add(d, NULL, 0, 0, "cannot write %s: %s", fin, lxw_strerror(e));
        ret = LS_EIO;
    }
    if (ret == LS_OK && rename(tmp, fin) != 0) {
        diag_add(d, NULL, 0, 0, "cannot write %s: %s", fin, strerror(errno));
        ret = LS_EIO;
    }
out:
    if (ret != LS_OK)
        remove(tmp);
    free(tmp);
    free(fin);
    return ret;
}
