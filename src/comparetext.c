/* The words of landstad compare. Dutch as a civil servant writes it: plain, short,
 * forecasts as forecasts ("naar verwachting", "de kans"). */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "comparetext.h"
#include "util.h"

typedef struct {
    const char *nl, *en;
} text_pair;

static const text_pair texts[CT_N] = {
    [CT_PAGE_TITLE] = {"Scenario's vergeleken", "Scenarios compared"},
    [CT_INTRO] = {"Wat gebeurt er met de woningbouwdoelen als er iets anders loopt dan in het "
                  "basismodel? Elk scenario is het basismodel met een paar wijzigingen.",
                  "What happens to the housing targets if something goes differently from the "
                  "base model? Each scenario is the base model with a few changes."},
    [CT_INTRO_RUNS] = {"Alle modellen zijn {1} keer doorgerekend met toeval in de plannen, hun "
                       "vertraging, de geboorte, de sterfte en de migratie.",
                       "Every model was run {1} times with chance in the plans, their delays, "
                       "births, deaths and migration."},
    [CT_CRN_PAGE] = {"Elk model krijgt dezelfde trekkingen voor dezelfde plannen en niveaus. Een "
                     "verschil tussen twee modellen komt dus door het scenario en niet door "
                     "toeval.",
                     "Every model gets the same draws for the same plans and levels, so a "
                     "difference between two models comes from the scenario, not from chance."},
    [CT_INDEPENDENT_PAGE] = {"Elk model krijgt eigen trekkingen; een verschil tussen twee modellen "
                             "bevat daardoor ook toeval.",
                             "Each model gets its own draws, so a difference between two models "
                             "also holds chance."},
    [CT_CHARTS] = {"Grafieken", "Charts"},
    [CT_INTRO_NO_MC] = {"landstad compare: het basismodel en {1}, zonder simulaties",
                        "landstad compare: the base model and {1}, without Monte Carlo "
                        "runs"},
    [CT_CRN] = {"dezelfde trekkingen voor dezelfde plannen en niveaus in elk model",
                "the same draws for the same plans and levels in every model"},
    [CT_INDEPENDENT] = {"eigen trekkingen per model", "independent draws per model"},
    [CT_BASE] = {"basis", "base"},
    [CT_SCENARIOS] = {"De scenario's", "The scenarios"},
    [CT_FILE] = {"bestand", "file"},
    [CT_CHANGES] = {"wijzigingen ten opzichte van het basismodel",
                    "changes against the base model"},
    [CT_NO_CHANGES] = {"geen wijzigingen", "no changes"},
    [CT_TARGETS] = {"De doelen naast elkaar", "The targets side by side"},
    [CT_TARGETS_NOTE] = {"Verwacht: de uitkomst van de berekening zonder toeval (bij een jaardoel "
                         "het gemiddelde per jaar). Kans: het deel van de simulaties waarin het "
                         "doel wordt gehaald. Tussen haakjes het verschil met de basis; bij de "
                         "kans in procentpunten, met de onzekerheid van de simulatie (± één "
                         "standaardfout). Een verschil kleiner dan twee standaardfouten kan "
                         "toeval zijn.",
                         "Expected: the result of the run without chance (for an annual target "
                         "the mean per year). Probability: the share of the runs in which the "
                         "target is met. In brackets the difference from the base; for the "
                         "probability in percentage points, with the Monte Carlo uncertainty (± "
                         "one standard error). A difference smaller than two standard errors may "
                         "be chance."},
    [CT_TARGET] = {"doel", "target"},
    [CT_MEASURE_EXPECTED] = {"verwacht", "expected"},
    [CT_MEASURE_CHANGE] = {"  verschil met de basis", "  against the base"},
    [CT_MEASURE_PROB] = {"kans gehaald", "P(met)"},
    [CT_MEASURE_PROB_CHANGE] = {"  verschil (procentpunt)", "  against the base (pt)"},
    [CT_MEASURE_EXTRA80] = {"extra plancapaciteit voor 80%", "extra plan capacity for 80%"},
    [CT_NOT_IN] = {"niet in dit model", "not in this model"},
    [CT_CUMULATIVE] = {"Opgeleverde woningen opgeteld", "Completions added up"},
    [CT_CUMULATIVE_CAPTION] = {"De verwachte opleveringen vanaf {1} opgeteld, per model. De "
                               "stippen zijn de doelen van de gemeente.",
                               "The expected completions from {1} added up, per model. The dots "
                               "are the municipality's targets."},
    [CT_CUMULATIVE_Y] = {"woningen", "dwellings"},
    [CT_PROBABILITIES] = {"Kans dat een doel wordt gehaald", "Probability of meeting each target"},
    [CT_PROBABILITIES_CAPTION] = {"Per doel een staaf per model. Hoe hoger de staaf, hoe groter "
                                  "de kans dat het doel wordt gehaald.",
                                  "One bar per model for each target. The higher the bar, the "
                                  "likelier the target is met."},
    [CT_KERNEN] = {"Kernen waar het oordeel verandert", "Kernen whose verdict changes"},
    [CT_KERNEN_NOTE] = {"Een kern haalt zijn deel van een doel naar verwachting wel of niet. Hier "
                        "staan de kernen waar dat in een scenario anders uitvalt dan in de basis.",
                        "A kern is expected to meet its share of a target or not. These are the "
                        "kernen where a scenario turns out differently from the base."},
    [CT_KERNEN_NONE] = {"geen", "none"},
    [CT_KERN] = {"kern", "kern"},
    [CT_SCENARIO] = {"scenario", "scenario"},
    [CT_VERDICT_BASE] = {"basis", "base"},
    [CT_VERDICT_SCENARIO] = {"scenario", "scenario"},
    [CT_MET] = {"gehaald", "met"},
    [CT_MISSED] = {"niet gehaald", "missed"},
    [CT_DRIVERS] = {"Waar de doelen het meest van afhangen", "What the targets depend on most"},
    [CT_DRIVERS_NOTE] = {"Welke onzekerheden bepalen of een doel wordt gehaald? Per doel van het "
                         "basismodel staan de onzekerheden die het meeste verklaren van de "
                         "spreiding in de uitkomst: het deel van de variantie dat elke "
                         "onzekerheid op zichzelf verklaart, met zijn standaardfout. Kleine "
                         "plannen en inbreiding tellen samen als één onzekerheid. De balken tonen "
                         "de uitkomst als het plan tegenvalt (links) of meevalt (rechts).",
                         "Which uncertainties decide whether a target is met? For each target of "
                         "the base model, the uncertainties that explain most of the spread in "
                         "the outcome: the share of the variance each explains on its own, with "
                         "its standard error. Small plans and infill count together as one. The "
                         "bars show the outcome when the input turns out low (left) or high "
                         "(right)."},
    [CT_DRIVERS_CAPTION] = {"Uitkomst als de onzekerheid tegenvalt of meevalt, tegen het "
                            "gemiddelde; tussen haakjes het verklaarde deel van de variantie.",
                            "The outcome when the input turns out low or high, against the mean; "
                            "in brackets the share of the variance it explains."},
    [CT_DRIVER] = {"onzekerheid", "input"},
    [CT_SHARE] = {"verklaard deel", "share explained"},
    [CT_LOW_HIGH] = {"kans gehaald als het tegenvalt / meevalt", "P(met) when low / high"},
    [CT_INFILL] = {"kleine plannen en inbreiding", "small plans and infill"},
    [CT_LEVEL_FERTILITY] = {"geboortecijfer", "fertility"},
    [CT_LEVEL_MORTALITY] = {"sterftecijfer", "mortality"},
    [CT_LEVEL_MIGRATION_IN] = {"vestiging", "in-migration"},
    [CT_LEVEL_MIGRATION_OUT] = {"vertrek", "out-migration"},
    [CT_FILES] = {"Bestanden", "Files"},
    [CT_TERM_HEAD] = {"landstad compare: het basismodel en {1}, elk {2} simulaties "
                      "(seed {3}; {4})",
                      "landstad compare: the base model and {1}, {2} Monte Carlo runs "
                      "each (seed {3}; {4})"},
    [CT_TERM_TARGETS] = {"doel van de gemeente", "municipal target"},
    [CT_TERM_KERNEN] = {"kernen waar het verwachte oordeel anders is dan in de basis:",
                        "kernen whose expected verdict differs from the base's:"},
    [CT_TERM_NOTE] = {"(verwacht: de berekening zonder toeval, bij jaardoelen per jaar; kans: het "
                      "deel van de simulaties waarin het doel gehaald wordt; verschil in "
                      "procentpunten ± standaardfout van de simulatie)",
                      "(expected: the run without chance, annual targets per year; P(met): over "
                      "the runs; change in percentage points ± Monte Carlo standard error)"},
    [CT_TERM_COMPARISON] = {"ter vergelijking, telt niet als doel:",
                            "for comparison, not counted as a target:"},
    [CT_COMPARISON_HEAD] = {"Ter vergelijking, telt niet als doel:",
                            "For comparison, not counted as a target:"},
    [CT_COMPARISON_NOTE] = {"Een rij ter vergelijking meet een doel op een andere manier (zoals "
                            "het tot nu toe werd gemeten); die telt niet als doel en krijgt geen "
                            "advies.",
                            "A row for comparison measures a target another way (as it was "
                            "measured until now); it does not count as a target and gets no "
                            "advice."},
    [CT_LABEL_COMPLETIONS] = {"{1} woningen opleveren in {2}-{3}", "{1} completions in {2}-{3}"},
    [CT_LABEL_ANNUAL] = {"{1} woningen per jaar opleveren in {2}-{3}",
                         "{1} completions a year in {2}-{3}"},
    [CT_LABEL_NET] = {"{1} woningen netto erbij in {2}-{3}", "{1} dwellings net added in {2}-{3}"},
    [CT_LABEL_HOUSEHOLDS] = {"{1} huishoudens op 1 januari {2}", "{1} households on 1 January {2}"},
    [CT_LABEL_POPULATION] = {"{1} inwoners op 1 januari {2}", "{1} inhabitants on 1 January {2}"},
    [CT_LABEL_REGIONAL] = {"Regionale bijdrage boven de trendprognose: {1} huishoudens op 1 "
                           "januari {2}",
                           "Regional contribution beyond the trend projection: {1} households on "
                           "1 January {2}"},
    [CT_LABEL_REGIONAL_OWN] = {"Regio Zwolle: {1} huishoudens van buiten (boven de eigen "
                               "behoefte) op 1 januari {2}",
                               "Regio Zwolle: {1} households from outside (beyond the own need) "
                               "on 1 January {2}"},
    [CT_TIC_PERIOD] = {"{1}\n{2}-{3}", "{1}\n{2}-{3}"},
    [CT_TIC_ANNUAL] = {"{1} per jaar\n{2}-{3}", "{1} a year\n{2}-{3}"},
    [CT_TIC_AT] = {"{1}\n1-1-{2}", "{1}\n1 Jan {2}"},
    [CT_UNREACHABLE] = {"onhaalbaar", "unreachable"},
    [CT_SUB] = {"Basismodel {1} \xc2\xb7 {2} \xc2\xb7 {3} simulaties per model (seed {4})",
                "Base model {1} \xc2\xb7 {2} \xc2\xb7 {3} Monte Carlo runs per model (seed {4})"},
    [CT_SUB_NO_MC] = {"Basismodel {1} \xc2\xb7 {2} \xc2\xb7 zonder simulaties",
                      "Base model {1} \xc2\xb7 {2} \xc2\xb7 without Monte Carlo runs"},
    [CT_FOOTER] = {"Gemaakt met landstad {1}.", "Made with landstad {1}."},
    [CT_TORNADO_TITLE] = {"Waar het van afhangt: {1}", "What it depends on: {1}"},
    [CT_TORNADO_LOW] = {"laag (onderste tiende)", "low (bottom tenth)"},
    [CT_TORNADO_HIGH] = {"hoog (bovenste tiende)", "high (top tenth)"},
    [CT_TORNADO_AXIS] = {"verschil met het gemiddelde ({1})", "difference from the mean ({1})"},
    [CT_UNIT_DWELLINGS] = {"woningen", "dwellings"},
    [CT_UNIT_PERSONS] = {"inwoners", "inhabitants"},
    [CT_UNIT_HOUSEHOLDS] = {"huishoudens", "households"},
    [CT_EXPECTED_BASE_SCEN] = {"verwacht: basis \xe2\x86\x92 scenario",
                               "expected: base \xe2\x86\x92 scenario"},
    [CT_NO_DRIVERS] = {"Zonder simulaties (of met minder dan 20) is niet te zeggen waar de doelen "
                       "van afhangen.",
                       "Without Monte Carlo runs (or with fewer than 20) there is nothing to say "
                       "about what the targets depend on."},
    [CT_CHART_MISSING] = {"Deze grafiek is niet getekend (gnuplot ontbrak of faalde). Teken hem "
                          "met",
                          "This chart was not drawn (gnuplot was missing or failed). Draw it "
                          "with"},
    [CT_PLAN] = {"plan", "plan"},
    [CT_PLANS] = {"plannen", "plans"},
    [CT_N_SCENARIOS_ONE] = {"1 scenario", "1 scenario"},
    [CT_N_SCENARIOS] = {"{1} scenario's", "{1} scenarios"},
    [CT_WORKBOOK_TITLE] = {"scenario's vergeleken, {1}", "scenarios compared, {1}"},
};

const char *
cmp_text(enum cmp_text id, enum report_lang lang)
{
    const text_pair *t = &texts[id];
    return lang == LANG_NL ? t->nl : t->en;
}

char *
cmp_fill(enum cmp_text id, enum report_lang lang, const char *a1, const char *a2, const char *a3,
         const char *a4)
{
    const char *const args[4] = {a1, a2, a3, a4};
    const char *t = cmp_text(id, lang);
    strbuf b;

    strbuf_init(&b);
    for (; *t; t++) {
        if (t[0] == '{' && t[1] >= '1' && t[1] <= '4' && t[2] == '}') {
            const char *a = args[t[1] - '1'];
            if (a != NULL)
                strbuf_add(&b, a, strlen(a));
            t += 2;
        } else
            strbuf_add(&b, t, 1);
    }
    return b.s;
}

char *
cmp_scenarios(size_t n, enum report_lang lang)
{
    char num[32];
    snprintf(num, sizeof num, "%zu", n);
    return n == 1 ? xstrdup(cmp_text(CT_N_SCENARIOS_ONE, lang))
                  : cmp_fill(CT_N_SCENARIOS, lang, num, NULL, NULL, NULL);
}
