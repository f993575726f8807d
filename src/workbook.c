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
#include "date.h"
#include "numfmt.h"
#include "output.h"
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

/* The Dutch text of cell v in row r of t, when it is worked out rather than looked up
 * in words (buf of size bytes may hold it); v itself when there is none. */
typedef const char *(*wb_dutch_fn)(const csv_table *t, size_t r, const char *v, char *buf,
                                   size_t size);

typedef struct {
    const char *csv;     /* the column's name in the CSV file */
    const char *nl, *en; /* header */
    enum wb_format format;
    const wb_word *words; /* Dutch words for its values, or NULL */
    double width;         /* a fixed width (the first sheet); 0: from the header and cells */
    wb_dutch_fn dutch;    /* Dutch text worked out from the row, or NULL */
} wb_column;

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

/* A date of the CSV (2025-01-01) in words: "1 januari 2025". */
static const char *
date_nl(const csv_table *t, size_t r, const char *v, char *buf, size_t size)
{
    ls_date d;
    (void) t;
    (void) r;
    return date_parse(v, 0, &d, NULL) == 0 ? date_words(d, 1, buf, size) : v;
}

/* What a shipped input file holds, in Dutch (the report's words), by the row's file;
 * any other file keeps its own first comment line. */
static const char *
input_note(const csv_table *t, size_t r, const char *v, char *buf, size_t size)
{
    const int c = csv_column(t, "file", 0, NULL);
    const char *nl = c >= 0 ? input_note_nl(csv_text(t, r, c)) : NULL;
    (void) buf;
    (void) size;
    return nl != NULL ? nl : v;
}

typedef struct {
    const char *file;             /* CSV file in the output folder */
    const char *sheet_nl, *sheet_en; /* at most 31 characters, none of []:*?/\ */
    const char *about_nl, *about_en; /* one sentence for the first sheet */
    const wb_column *columns;     /* in the CSV's order or any; ends with a NULL csv */
} wb_sheet;

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
    {"known only after --from", "pas bekend na de startdatum van de terugblik"},
    {"no vintage", "geen datum van bekendmaking"},
    {NULL, NULL}};
static const wb_word roles[] = {{"target", "doel"}, {"comparison", "ter vergelijking, telt niet als doel"},
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
static const wb_word forms[] = {{"dutch", "Nederlandse vorm"}, {"international", "internationale vorm"},
                                {"undetermined", "niet vast te stellen"}, {NULL, NULL}};

/* Columns that mean the same in every file that has them. */
#define YEAR_1JAN {.csv = "year", .nl = "1 januari", .en = "1 January", .format = WB_YEAR}
#define YEAR_CAL {.csv = "year", .nl = "Jaar", .en = "Year", .format = WB_YEAR}
#define AREA {.csv = "kern", .nl = "Gebied", .en = "Area", .format = WB_TEXT, .words = areas}
#define KERN {.csv = "kern", .nl = "Kern", .en = "Kern", .format = WB_TEXT}
#define TIER {.csv = "tier", .nl = "Type kern", .en = "Tier", .format = WB_TEXT, .words = tiers}
#define SEX {.csv = "sex", .nl = "Geslacht", .en = "Sex", .format = WB_TEXT, .words = sexes}
#define LEVEL {.csv = "level", .nl = "Niveau", .en = "Level", .format = WB_TEXT,                \
    .words = levels}
#define VIEW {.csv = "view", .nl = "Variant", .en = "View", .format = WB_TEXT, .words = views}
#define FROM {.csv = "from", .nl = "Van", .en = "From", .format = WB_YEAR}
#define TO {.csv = "to", .nl = "Tot en met", .en = "To", .format = WB_YEAR}
#define SOURCE {.csv = "source", .nl = "Bron", .en = "Source", .format = WB_TEXT}
#define VINTAGE {.csv = "vintage", .nl = "Bekend sinds", .en = "Known since",                   \
    .format = WB_TEXT, .dutch = date_nl}
#define FILE_NAME {.csv = "file", .nl = "Bestand", .en = "File", .format = WB_TEXT}
#define RUNS {.csv = "runs", .nl = "Simulaties", .en = "Runs", .format = WB_COUNT}
#define STATUS {.csv = "status", .nl = "Waargenomen of prognose", .en = "Observed or forecast", \
    .format = WB_TEXT, .words = history_words}
#define TARGET                                                                                 \
    {.csv = "target", .nl = "Doel (code in het modelbestand)", .en = "Target", .format = WB_TEXT}
#define SCOPE {.csv = "scope", .nl = "Gebied", .en = "Scope", .format = WB_TEXT,                \
    .words = scopes}
#define MEASURE {.csv = "measure", .nl = "Maat", .en = "Measure", .format = WB_TEXT,            \
    .words = measures}
#define WINDOW {.csv = "window", .nl = "Soort periode", .en = "Window", .format = WB_TEXT,      \
    .words = windows}
#define WINDOW_START {.csv = "window_start", .nl = "Van", .en = "From", .format = WB_YEAR}
#define WINDOW_END {.csv = "window_end", .nl = "Tot en met", .en = "To", .format = WB_YEAR}
#define ROLE {.csv = "role", .nl = "Rol", .en = "Role", .format = WB_TEXT, .words = roles}
#define REQUIRED {.csv = "required", .nl = "Nodig", .en = "Required", .format = WB_COUNT}
#define EXPECTED {.csv = "expected", .nl = "Verwacht", .en = "Expected", .format = WB_COUNT}
#define MET {.csv = "met", .nl = "Naar verwachting gehaald", .en = "Expected to be met",        \
    .format = WB_TEXT, .words = yes_no}
#define P_MET {.csv = "probability_met", .nl = "Kans dat het doel wordt gehaald",               \
    .en = "Probability of meeting it", .format = WB_PCT}
#define EXTRA_P80 {.csv = "extra_units_needed_p80", .nl = "Extra plancapaciteit voor 80% kans", \
    .en = "Extra plan capacity for 80%", .format = WB_COUNT, .words = reach}
#define EXTRA_P90 {.csv = "extra_units_needed_p90", .nl = "Extra plancapaciteit voor 90% kans", \
    .en = "Extra plan capacity for 90%", .format = WB_COUNT, .words = reach}
#define VALUE_MEAN {.csv = "value_mean", .nl = "Gemiddelde over de simulaties",                 \
    .en = "Mean over the runs", .format = WB_COUNT}
#define END_COLUMNS {.csv = NULL}

/* The spread over the runs (the *_summary.csv files). */
#define SPREAD                                                                                  \
    {.csv = "mean", .nl = "Gemiddelde", .en = "Mean", .format = WB_COUNT},                      \
    {.csv = "p10", .nl = "P10", .en = "P10", .format = WB_COUNT},                               \
    {.csv = "p50", .nl = "Mediaan", .en = "Median", .format = WB_COUNT},                        \
    {.csv = "p90", .nl = "P90", .en = "P90", .format = WB_COUNT},                               \
    {.csv = "min", .nl = "Minimum", .en = "Minimum", .format = WB_COUNT},                       \
    {.csv = "max", .nl = "Maximum", .en = "Maximum", .format = WB_COUNT}

static const wb_column c_population[] = {
    YEAR_1JAN,
    KERN,
    SEX,
    {.csv = "age", .nl = "Leeftijd", .en = "Age", .format = WB_YEAR},
    {.csv = "persons", .nl = "Personen", .en = "Persons", .format = WB_COUNT},
    END_COLUMNS,
};

static const wb_column c_components[] = {
    YEAR_CAL,
    KERN,
    SEX,
    {.csv = "population_start", .nl = "Bevolking 1 januari", .en = "Population 1 January",
     .format = WB_COUNT},
    {.csv = "births", .nl = "Levend geboren", .en = "Births", .format = WB_COUNT},
    {.csv = "deaths", .nl = "Overleden", .en = "Deaths", .format = WB_COUNT},
    {.csv = "immigration", .nl = "Immigratie", .en = "Immigration", .format = WB_COUNT},
    {.csv = "emigration", .nl = "Emigratie", .en = "Emigration", .format = WB_COUNT},
    {.csv = "domestic_in", .nl = "Vestiging uit andere gemeenten",
     .en = "From other municipalities", .format = WB_COUNT},
    {.csv = "domestic_out", .nl = "Vertrek naar andere gemeenten", .en = "To other municipalities",
     .format = WB_COUNT},
    {.csv = "internal_in", .nl = "Verhuisd vanuit andere kern", .en = "Moved in from another kern",
     .format = WB_COUNT},
    {.csv = "internal_out", .nl = "Verhuisd naar andere kern", .en = "Moved out to another kern",
     .format = WB_COUNT},
    {.csv = "population_end", .nl = "Bevolking 1 januari jaar erna",
     .en = "Population 1 January next year", .format = WB_COUNT},
    {.csv = "clipped", .nl = "Afgekapt", .en = "Clipped", .format = WB_DEC3},
    {.csv = "period", .nl = "Periode", .en = "Period", .format = WB_TEXT, .words = history_words},
    END_COLUMNS,
};

static const wb_column c_households[] = {
    YEAR_1JAN,
    AREA,
    VIEW,
    {.csv = "households", .nl = "Huishoudens", .en = "Households", .format = WB_COUNT},
    {.csv = "persons_private", .nl = "Personen in particuliere huishoudens",
     .en = "Persons in private households", .format = WB_COUNT},
    {.csv = "average_household_size", .nl = "Gemiddelde huishoudensgrootte",
     .en = "Average household size", .format = WB_RATIO},
    {.csv = "dwellings", .nl = "Woningen", .en = "Dwellings", .format = WB_COUNT},
    {.csv = "dwellings_demand", .nl = "Woningbehoefte", .en = "Dwellings needed",
     .format = WB_COUNT},
    {.csv = "shortage", .nl = "Woningtekort (negatief: overschot)",
     .en = "Shortage (negative: surplus)", .format = WB_COUNT},
    LEVEL,
    {.csv = "population", .nl = "Inwoners", .en = "Population", .format = WB_COUNT},
    {.csv = "vacancy", .nl = "Frictieleegstand", .en = "Frictional vacancy", .format = WB_PCT},
    END_COLUMNS,
};

static const wb_column c_completions[] = {
    YEAR_CAL,
    AREA,
    {.csv = "completions", .nl = "Opleveringen (verwacht)", .en = "Completions (expected)",
     .format = WB_COUNT},
    {.csv = "demolitions", .nl = "Sloop", .en = "Demolitions", .format = WB_COUNT},
    {.csv = "net_additions", .nl = "Netto toevoeging", .en = "Net additions", .format = WB_COUNT},
    {.csv = "other_change", .nl = "Overige mutaties", .en = "Other changes", .format = WB_DEC1},
    LEVEL,
    STATUS,
    END_COLUMNS,
};

static const wb_column c_targets[] = {
    TARGET,
    SCOPE,
    MEASURE,
    WINDOW_START,
    WINDOW_END,
    REQUIRED,
    EXPECTED,
    {.csv = "gap", .nl = "Achterstand (nodig min verwacht)", .en = "Gap (required minus expected)",
     .format = WB_COUNT},
    WINDOW,
    VIEW,
    MET,
    {.csv = "years_met", .nl = "Jaren gehaald", .en = "Years met", .format = WB_YEAR},
    {.csv = "years", .nl = "Jaren", .en = "Years", .format = WB_YEAR},
    {.csv = "worst_year", .nl = "Laagste jaar", .en = "Worst year", .format = WB_YEAR},
    {.csv = "worst_expected", .nl = "Verwacht in laagste jaar", .en = "Expected in worst year",
     .format = WB_COUNT},
    {.csv = "shortfall", .nl = "Tekort over de jaren", .en = "Shortfall over the years",
     .format = WB_COUNT},
    P_MET,
    {.csv = "probability_se", .nl = "Standaardfout van die kans (simulatie)",
     .en = "Standard error of that probability (simulation)", .format = WB_PCT},
    EXTRA_P80,
    EXTRA_P90,
    {.csv = "extra_plan_size", .nl = "Woningen per extra plan", .en = "Dwellings per extra plan",
     .format = WB_COUNT},
    VALUE_MEAN,
    {.csv = "value_p10", .nl = "P10", .en = "P10", .format = WB_COUNT},
    {.csv = "value_p50", .nl = "Mediaan", .en = "Median", .format = WB_COUNT},
    {.csv = "value_p90", .nl = "P90", .en = "P90", .format = WB_COUNT},
    STATUS,
    {.csv = "observed_part", .nl = "Waargenomen deel", .en = "Observed part", .format = WB_COUNT},
    {.csv = "forecast_part", .nl = "Prognose deel", .en = "Forecast part", .format = WB_COUNT},
    {.csv = "observed_to", .nl = "Waargenomen tot en met", .en = "Observed to", .format = WB_YEAR},
    SOURCE,
    {.csv = "allocation", .nl = "Verdeling over de kernen", .en = "Allocation over the kernen",
     .format = WB_TEXT, .words = alloc_words},
    {.csv = "required_need", .nl = "Doel bij verdeling naar behoefte",
     .en = "Target if split by need", .format = WB_COUNT},
    ROLE,
    END_COLUMNS,
};

static const wb_column c_gaps[] = {
    YEAR_1JAN,
    AREA,
    {.csv = "demand_minus_supply", .nl = "Woningbehoefte min woningen",
     .en = "Dwellings needed minus dwellings", .format = WB_COUNT},
    {.csv = "cumulative_completions", .nl = "Opleveringen opgeteld",
     .en = "Completions, cumulative", .format = WB_COUNT},
    {.csv = "allocated_target_cumulative", .nl = "Toegewezen doel opgeteld",
     .en = "Allocated target, cumulative", .format = WB_COUNT},
    {.csv = "target_gap", .nl = "Achterstand op het doel", .en = "Behind the target",
     .format = WB_COUNT},
    LEVEL,
    END_COLUMNS,
};

static const wb_column c_regional[] = {
    YEAR_1JAN,
    {.csv = "households_trend", .nl = "Huishoudens, trend", .en = "Households, trend",
     .format = WB_COUNT},
    {.csv = "households_housing_led", .nl = "Huishoudens, woningmarktgestuurd",
     .en = "Households, housing-led", .format = WB_COUNT},
    {.csv = "regional_contribution", .nl = "Bijdrage aan de regionale groei (huishoudens)",
     .en = "Contribution to the regional growth (households)", .format = WB_COUNT},
    {.csv = "extra_households_arrived_cumulative", .nl = "Extra gevestigde huishoudens, opgeteld",
     .en = "Extra households arrived, cumulative", .format = WB_COUNT},
    {.csv = "households_left_cumulative", .nl = "Vertrokken huishoudens, opgeteld",
     .en = "Households left, cumulative", .format = WB_COUNT},
    {.csv = "population_trend", .nl = "Inwoners, trend", .en = "Population, trend",
     .format = WB_COUNT},
    {.csv = "population_housing_led", .nl = "Inwoners, woningmarktgestuurd",
     .en = "Population, housing-led", .format = WB_COUNT},
    {.csv = "households_own_need", .nl = "Huishoudens bij migratiesaldo nul",
     .en = "Households, zero migration", .format = WB_COUNT},
    {.csv = "completions_cumulative", .nl = "Opgeleverde woningen sinds de start",
     .en = "Completions since the start", .format = WB_COUNT},
    {.csv = "households_housed", .nl = "Extra gehuisveste huishoudens",
     .en = "Extra households housed", .format = WB_COUNT},
    {.csv = "own_growth", .nl = "Waarvan eigen groei", .en = "Of which own growth",
     .format = WB_COUNT},
    {.csv = "from_outside", .nl = "Waarvan van buiten", .en = "Of which from outside",
     .format = WB_COUNT},
    {.csv = "part", .nl = "Waargenomen of prognose", .en = "Observed or forecast",
     .format = WB_TEXT, .words = history_words},
    {.csv = "own_growth_p10", .nl = "Eigen groei, p10", .en = "Own growth, p10",
     .format = WB_COUNT},
    {.csv = "own_growth_p90", .nl = "Eigen groei, p90", .en = "Own growth, p90",
     .format = WB_COUNT},
    {.csv = "from_outside_p10", .nl = "Van buiten, p10", .en = "From outside, p10",
     .format = WB_COUNT},
    {.csv = "from_outside_p90", .nl = "Van buiten, p90", .en = "From outside, p90",
     .format = WB_COUNT},
    {.csv = "regional_contribution_p10", .nl = "Bijdrage boven trend, p10",
     .en = "Beyond the trend, p10", .format = WB_COUNT},
    {.csv = "regional_contribution_p90", .nl = "Bijdrage boven trend, p90",
     .en = "Beyond the trend, p90", .format = WB_COUNT},
    END_COLUMNS,
};

static const wb_column c_decomposition[] = {
    TARGET,
    WINDOW_START,
    WINDOW_END,
    REQUIRED,
    {.csv = "planned_in_window", .nl = "Gepland in de periode", .en = "Planned in the window",
     .format = WB_COUNT},
    {.csv = "after_plan_failure", .nl = "Na uitval van plannen", .en = "After plans that fail",
     .format = WB_COUNT},
    EXPECTED,
    {.csv = "shortfall", .nl = "Achterstand", .en = "Shortfall", .format = WB_COUNT},
    {.csv = "from_capacity_never_planned", .nl = "Door te weinig plannen",
     .en = "From capacity never planned", .format = WB_COUNT},
    {.csv = "from_plan_failure", .nl = "Door uitval van plannen", .en = "From plans that fail",
     .format = WB_COUNT},
    {.csv = "from_delay", .nl = "Door vertraging", .en = "From delay", .format = WB_COUNT},
    {.csv = "observed_in_window", .nl = "Al opgeleverd (waargenomen)",
     .en = "Already completed (observed)", .format = WB_COUNT},
    {.csv = "small_plans_in_window", .nl = "Kleine plannen en inbreiding",
     .en = "Small plans and infill", .format = WB_COUNT},
    END_COLUMNS,
};

static const wb_column c_pop_summary[] = {
    YEAR_1JAN,
    AREA,
    VIEW,
    LEVEL,
    SPREAD,
    END_COLUMNS,
};
static const wb_column c_hh_summary[] = {
    YEAR_1JAN,
    AREA,
    VIEW,
    LEVEL,
    MEASURE,
    SPREAD,
    END_COLUMNS,
};
static const wb_column c_compl_summary[] = {
    YEAR_CAL,
    AREA,
    LEVEL,
    MEASURE,
    SPREAD,
    END_COLUMNS,
};

static const wb_column c_observed[] = {
    {.csv = "measure", .nl = "Maat", .en = "Measure", .format = WB_TEXT, .words = obs_words},
    {.csv = "scope", .nl = "Gebied", .en = "Scope", .format = WB_TEXT, .words = scopes},
    FROM,
    TO,
    {.csv = "value", .nl = "Waargenomen", .en = "Observed", .format = WB_COUNT},
    {.csv = "model", .nl = "Model", .en = "Model", .format = WB_COUNT},
    {.csv = "status", .nl = "Wat de berekening ermee deed", .en = "What the run did with it",
     .format = WB_TEXT, .words = history_words},
    {.csv = "absorbed_by", .nl = "Bereikt door bij te stellen", .en = "Met by", .format = WB_TEXT,
     .words = obs_words},
    {.csv = "level", .nl = "Niveau (factor)", .en = "Level (factor)", .format = WB_RATIO},
    {.csv = "source", .nl = "Bron (zoals in het invoerbestand)", .en = "Source", .format = WB_TEXT},
    VINTAGE,
    {.csv = "estimated", .nl = "Geschat", .en = "Estimated", .format = WB_TEXT, .words = yes_no},
    {.csv = "source_nl", .nl = "Bron", .en = "Source (Dutch)", .format = WB_TEXT},
    END_COLUMNS,
};

/* backtest.csv's measure: the report's words for a measure; an input's key (a key of the
 * model file) as it is, a line of the observations file as such. */
static const char *
bt_measure_nl(const csv_table *t, size_t r, const char *v, char *buf, size_t size)
{
    const int kind = csv_column(t, "kind", 0, NULL);
    if (kind >= 0 && strcmp(csv_text(t, r, kind), "comparison") == 0)
        return report_measure_words(v, LANG_NL);
    if (strncmp(v, "observed.file:", 14) == 0) {
        snprintf(buf, size, "waarnemingen, regel %s", v + 14);
        return buf;
    }
    return v;
}

/* backtest.csv's scope: the municipality or a tier in words, what an input is
 * ("TFR path"), or a hidden observation ("population municipality 2021"). */
static const char *
bt_scope_nl(const csv_table *t, size_t r, const char *v, char *buf, size_t size)
{
    static const wb_word inputs[] = {
        {"mortality ratio", "sterfteverhouding"}, {"TFR path", "TFR-pad"},
        {"fertility level", "geboorteniveau"}, {"sex ratio at birth", "geslachtsverhouding bij geboorte"},
        {"level and total in the model file", "niveau en totaal in het modelbestand"},
        {"frictional vacancy", "frictieleegstand"}, {"other stock change", "overige voorraadmutaties"},
        {"realisation and delay by phase", "kans en vertraging per planfase"}, {NULL, NULL}};
    const char *sp = strchr(v, ' '), *last = strrchr(v, ' ');
    const int key = csv_column(t, "measure", 0, NULL);

    if (strcmp(v, "municipality") == 0)
        return "gemeente";
    if (key >= 0 && strncmp(csv_text(t, r, key), "observed.file:", 14) == 0 && sp != NULL
        && last > sp) {
        /* "MEASURE SCOPE YEARS" */
        char measure[64], scope[128], tmp[160];
        snprintf(measure, sizeof measure, "%.*s", (int) (sp - v), v);
        snprintf(scope, sizeof scope, "%.*s", (int) (last - sp - 1), sp + 1);
        snprintf(buf, size, "%s, %s, %s", report_measure_words(measure, LANG_NL),
                 strcmp(scope, "municipality") == 0 ? "gemeente" : word_for(areas, scope, tmp, sizeof tmp),
                 last + 1);
        return buf;
    }
    v = word_for(inputs, v, buf, size);
    return word_for(areas, v, buf, size);
}

static const wb_column c_backtest[] = {
    {.csv = "kind", .nl = "Soort", .en = "Kind", .format = WB_TEXT, .words = bt_kinds},
    {.csv = "measure", .nl = "Maat of invoer", .en = "Measure or input", .format = WB_TEXT,
     .dutch = bt_measure_nl},
    {.csv = "scope", .nl = "Gebied of bestand", .en = "Scope or file", .format = WB_TEXT,
     .dutch = bt_scope_nl},
    FROM,
    TO,
    {.csv = "observed", .nl = "Waargenomen", .en = "Observed", .format = WB_COUNT},
    {.csv = "forecast_trend", .nl = "Prognose (trend)", .en = "Forecast (trend)",
     .format = WB_COUNT},
    {.csv = "error_trend", .nl = "Afwijking (trend)", .en = "Error (trend)", .format = WB_COUNT},
    {.csv = "error_trend_pct", .nl = "Afwijking (trend, %)", .en = "Error (trend, %)",
     .format = WB_DEC1},
    {.csv = "forecast_housing_led", .nl = "Prognose (woningmarktgestuurd)",
     .en = "Forecast (housing-led)", .format = WB_COUNT},
    {.csv = "error_housing_led", .nl = "Afwijking (woningmarktgestuurd)",
     .en = "Error (housing-led)", .format = WB_COUNT},
    {.csv = "error_housing_led_pct", .nl = "Afwijking (woningmarktgestuurd, %)",
     .en = "Error (housing-led, %)", .format = WB_DEC1},
    {.csv = "status", .nl = "Status", .en = "Status", .format = WB_TEXT, .words = history_words},
    VINTAGE,
    SOURCE,
    END_COLUMNS,
};

static const wb_column c_kernen[] = {
    KERN,
    TIER,
    {.csv = "x_km", .nl = "X (km, RD)", .en = "X (km, RD)", .format = WB_DEC1},
    {.csv = "y_km", .nl = "Y (km, RD)", .en = "Y (km, RD)", .format = WB_DEC1},
    END_COLUMNS,
};

static const wb_column c_inputs[] = {
    FILE_NAME,
    {.csv = "sha256", .nl = "Controlegetal (SHA-256)", .en = "Checksum (SHA-256)",
     .format = WB_TEXT},
    {.csv = "estimated", .nl = "Bevat schattingen", .en = "Holds estimates", .format = WB_TEXT,
     .words = yes_no},
    {.csv = "note", .nl = "Wat het bestand bevat", .en = "Note (first comment line)",
     .format = WB_TEXT, .dutch = input_note},
    {.csv = "form", .nl = "Opgeslagen vorm", .en = "Saved form", .format = WB_TEXT, .words = forms},
    {.csv = "encoding", .nl = "Tekencodering", .en = "Encoding", .format = WB_TEXT},
    END_COLUMNS,
};

static const wb_word phases[] = {{"idea", "visie (zacht)"}, {"soft", "in voorbereiding (zacht)"},
                                 {"adopted", "vastgesteld (hard)"},
                                 {"irrevocable", "onherroepelijk (hard)"},
                                 {"permit", "vergunning (hard)"},
                                 {"construction", "in aanbouw (hard)"}, {NULL, NULL}};

static const wb_column c_plan_list[] = {
    {.csv = "plan_id", .nl = "Plannummer", .en = "Plan id", .format = WB_TEXT},
    {.csv = "name", .nl = "Plan", .en = "Plan", .format = WB_TEXT},
    KERN,
    TIER,
    {.csv = "phase", .nl = "Fase", .en = "Phase", .format = WB_TEXT, .words = phases},
    {.csv = "units_to_come", .nl = "Woningen nog te bouwen", .en = "Dwellings still to come",
     .format = WB_COUNT},
    {.csv = "first_year", .nl = "Eerste opleverjaar", .en = "First delivery year",
     .format = WB_YEAR},
    {.csv = "last_year", .nl = "Laatste opleverjaar", .en = "Last delivery year",
     .format = WB_YEAR},
    {.csv = "probability", .nl = "Kans dat het plan doorgaat",
     .en = "Probability the plan goes ahead", .format = WB_PCT},
    {.csv = "window_start", .nl = "Doelperiode van", .en = "Target window from", .format = WB_YEAR},
    {.csv = "window_end", .nl = "Doelperiode tot en met", .en = "Target window to",
     .format = WB_YEAR},
    {.csv = "expected_in_window", .nl = "Verwacht in de doelperiode",
     .en = "Expected in the target window", .format = WB_DEC1},
    {.csv = "expected_by_horizon", .nl = "Verwacht tot de prognosehorizon",
     .en = "Expected by the horizon", .format = WB_DEC1},
    {.csv = "mean_delivery_year", .nl = "Gemiddeld opleverjaar (verwacht)",
     .en = "Mean delivery year (expected)", .format = WB_YEAR1},
    END_COLUMNS,
};

static const wb_column c_uncertainty[] = {
    {.csv = "input", .nl = "Invoer", .en = "Input", .format = WB_TEXT, .words = unc_words},
    {.csv = "value", .nl = "Waarde", .en = "Value", .format = WB_DEC3},
    END_COLUMNS,
};

/* The first sheet's table of contents. */
static const wb_column c_contents[] = {
    {.nl = "Blad", .en = "Sheet", .width = 26},
    {.nl = "Bestand", .en = "File", .width = 38},
    {.nl = "Inhoud", .en = "What it holds", .width = 86},
    {.nl = "Rijen", .en = "Rows", .width = 12},
};
#define N_CONTENTS (sizeof c_contents / sizeof c_contents[0])

static const wb_word driver_kinds[] = {{"plan", "plan"}, {"plan_group", "plannen per kern"},
                                       {"level", "niveau"}, {NULL, NULL}};

static const wb_column c_compare[] = {
    {.csv = "scenario", .nl = "Scenario", .en = "Scenario", .format = WB_TEXT},
    FILE_NAME,
    TARGET,
    SCOPE,
    MEASURE,
    WINDOW,
    WINDOW_START,
    WINDOW_END,
    REQUIRED,
    EXPECTED,
    MET,
    P_MET,
    EXTRA_P80,
    EXTRA_P90,
    VALUE_MEAN,
    {.csv = "expected_diff", .nl = "Verschil verwacht met basis", .en = "Expected against the base",
     .format = WB_COUNT},
    {.csv = "met_changed", .nl = "Oordeel anders dan basis", .en = "Verdict differs from the base",
     .format = WB_TEXT, .words = yes_no},
    {.csv = "probability_diff", .nl = "Verschil kans met basis",
     .en = "Probability against the base", .format = WB_PCT},
    {.csv = "probability_diff_se", .nl = "Standaardfout verschil kans",
     .en = "Standard error of that", .format = WB_PCT},
    {.csv = "value_mean_diff", .nl = "Verschil gemiddelde met basis", .en = "Mean against the base",
     .format = WB_COUNT},
    {.csv = "value_mean_diff_se", .nl = "Standaardfout verschil gemiddelde",
     .en = "Standard error of that", .format = WB_DEC1},
    {.csv = "extra_p80_diff", .nl = "Verschil extra capaciteit 80%",
     .en = "Extra for 80% against the base", .format = WB_COUNT},
    {.csv = "extra_p90_diff", .nl = "Verschil extra capaciteit 90%",
     .en = "Extra for 90% against the base", .format = WB_COUNT},
    RUNS,
    {.csv = "seed", .nl = "Seed", .en = "Seed", .format = WB_YEAR},
    ROLE,
    END_COLUMNS,
};

static const wb_column c_drivers[] = {
    {.csv = "scenario", .nl = "Model", .en = "Model", .format = WB_TEXT},
    TARGET,
    {.csv = "rank", .nl = "Rang", .en = "Rank", .format = WB_YEAR},
    {.csv = "driver", .nl = "Onzekerheid", .en = "Input", .format = WB_TEXT, .words = driver_words},
    {.csv = "kind", .nl = "Soort", .en = "Kind", .format = WB_TEXT, .words = driver_kinds},
    {.csv = "label", .nl = "Omschrijving", .en = "Label", .format = WB_TEXT, .words = driver_words},
    {.csv = "plans", .nl = "Plannen", .en = "Plans", .format = WB_COUNT},
    {.csv = "share", .nl = "Verklaard deel van de variantie",
     .en = "Share of the variance explained", .format = WB_PCT},
    {.csv = "share_se", .nl = "Standaardfout", .en = "Standard error", .format = WB_PCT},
    {.csv = "value_low", .nl = "Uitkomst als laag (onderste tiende)",
     .en = "Outcome when low (bottom tenth)", .format = WB_COUNT},
    {.csv = "value_high", .nl = "Uitkomst als hoog (bovenste tiende)",
     .en = "Outcome when high (top tenth)", .format = WB_COUNT},
    {.csv = "p_met_low", .nl = "Kans gehaald als laag", .en = "P(met) when low", .format = WB_PCT},
    {.csv = "p_met_high", .nl = "Kans gehaald als hoog", .en = "P(met) when high",
     .format = WB_PCT},
    {.csv = "value_mean", .nl = "Gemiddelde uitkomst", .en = "Mean outcome", .format = WB_COUNT},
    {.csv = "p_met", .nl = "Kans gehaald", .en = "P(met)", .format = WB_PCT},
    RUNS,
    END_COLUMNS,
};

/* Every sheet, in the order of the workbook. Adding a CSV file to the output is
 * adding a row here (and its columns above). */
static const wb_sheet wb_sheets[] = {
    {.file = "compare.csv", .sheet_nl = "Scenario's vergeleken", .sheet_en = "Scenarios compared",
     .columns = c_compare,
     .about_nl = "Elk doel in het basismodel en in elk scenario, met het verschil met de basis "
                 "en de onzekerheid van dat verschil.",
     .about_en = "Every target in the base model and in every scenario, with the difference "
                 "from the base and the uncertainty of that difference."},
    {.file = "targets.csv", .sheet_nl = "Doelen", .sheet_en = "Targets", .columns = c_targets,
     .about_nl = "Elk doel voor de gemeente, elk type kern en elke kern: nodig, verwacht, "
                 "achterstand en of het naar verwachting wordt gehaald; met simulaties ook de kans "
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
    wb_dutch_fn dutch;
    int numeric;
    double width;
} col_plan;

/* The text a cell shows: the CSV's in English; in Dutch worked out from the row or
 * looked up in the column's words. */
static const char *
shown(const col_plan *c, const csv_table *t, size_t r, const char *v, enum report_lang lang,
      char *buf, size_t size)
{
    if (lang != LANG_NL)
        return v;
    return c->dutch != NULL ? c->dutch(t, r, v, buf, size) : word_for(c->words, v, buf, size);
}

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
                cp[i].dutch = c->dutch;
            }
        cp[i].numeric = cp[i].format != WB_TEXT;
        for (size_t r = 0; r < t->n_rows; r++) {
            const char *v = csv_text(t, r, (int) i);
            char buf[256];
            size_t n;
            if (*v == '\0')
                continue;
            /* as wide as the text shown */
            n = text_chars(shown(&cp[i], t, r, v, lang, buf, sizeof buf));
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
                             shown(&cp[i], t, r, v, b->lang, buf, sizeof buf), b->fmt[WB_TEXT]);
        }
    return e;
}

/* The columns of the first sheet: their fixed widths, text. */
static void
fixed_columns(col_plan *cp, const wb_column *c, size_t n, enum report_lang lang)
{
    for (size_t i = 0; i < n; i++) {
        memset(&cp[i], 0, sizeof cp[i]);
        cp[i].header = L(c[i].nl, c[i].en);
        cp[i].format = WB_TEXT;
        cp[i].width = c[i].width;
    }
}

/* Sets every column's width (a number column also gets its format). Returns the
 * lines its header needs at the most; *total gets the sum of the widths. */
static double
set_columns(book *b, lxw_worksheet *ws, const col_plan *cp, size_t n, double *total)
{
    double lines = 1;

    *total = 0;
    for (size_t i = 0; i < n; i++) {
        const double need = ceil((double) text_chars(cp[i].header) / (cp[i].width - 1));
        if (need > lines)
            lines = need;
        *total += cp[i].width;
        worksheet_set_column(ws, (lxw_col_t) i, (lxw_col_t) i, cp[i].width,
                             cp[i].numeric ? b->fmt[cp[i].format] : NULL);
    }
    return lines;
}

/* The header row: every column's header in row. */
static lxw_error
write_header(book *b, lxw_worksheet *ws, lxw_row_t row, const col_plan *cp, size_t n)
{
    lxw_error e = LXW_NO_ERROR;

    for (size_t i = 0; i < n && e == LXW_NO_ERROR; i++)
        e = put_text(ws, row, (lxw_col_t) i, cp[i].header, b->head);
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
    double lines, total;
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
    lines = set_columns(b, ws, cp, t.header.n, &total);
    worksheet_set_row(ws, 0, 15 * (lines > 4 ? 4 : lines) + 3, NULL);
    e = write_header(b, ws, 0, cp, t.header.n);
    if (e == LXW_NO_ERROR)
        e = write_cells(b, ws, &t, cp);
    worksheet_freeze_panes(ws, 1, 0);
    print_setup(ws, 1, total);
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
contents_table(book *b, lxw_worksheet *ws, lxw_row_t *row, const col_plan *cp,
               const sheet_result *res)
{
    const enum report_lang lang = b->lang;
    lxw_error e = write_header(b, ws, *row, cp, N_CONTENTS);
    char n[48];

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

static lxw_error write_sources(book *b, lxw_worksheet *ws, lxw_row_t row, const rd *r,
                               const sheet_result *res);

static lxw_error
write_contents(book *b, lxw_worksheet *ws, const rd *r, const sheet_result *res)
{
    const enum report_lang lang = b->lang;
    col_plan cp[N_CONTENTS];
    lxw_row_t row = 0;
    double total;
    lxw_error e;
    char *t;
    strbuf date;

    fixed_columns(cp, c_contents, N_CONTENTS, lang);
    set_columns(b, ws, cp, N_CONTENTS, &total);
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
        e = contents_table(b, ws, &row, cp, res);
    if (e == LXW_NO_ERROR)
        e = write_sources(b, ws, row + 1, r, res);
    return e;
}

/* Where the data come from: the record, the model file, the command and the inputs
 * with estimates, from row on. */
static lxw_error
write_sources(book *b, lxw_worksheet *ws, lxw_row_t row, const rd *r, const sheet_result *res)
{
    const enum report_lang lang = b->lang;
    lxw_error e = worksheet_write_string(ws, row++, 0, L("Waar de gegevens vandaan komen",
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
                        "wat het bevat; de invoerbestanden zelf zeggen in hun "
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
    for (size_t i = 0; i < N_SHEETS && ret == LS_OK; i++) {
        /* An interrupted run stops between sheets (the workbook may be written on a
         * thread beside gnuplot: report.c). */
        if (output_interrupted()) {
            ret = LS_EINTERRUPTED;
            break;
        }
        ret = write_sheet(&b, &wb_sheets[i], r->dir, &res[i], d);
    }
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
