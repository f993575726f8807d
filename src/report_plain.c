/* The sections of report.html written for the policy officer rather than the
 * model's builder: the plan list by name, one recommendation per target for extra
 * plan capacity, "how certain is this?" in words, and the glossary. Everything
 * from the data goes through esc(). */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "report_int.h"
#include "terms.h"

/* ---------------------------------------------------------------- words */

/* The three tiers of kernen in Dutch, one word each (singular, plural). */
static const struct {
    const char *data, *nl, *nl_plural;
} tier_words[] = {
    {.data = "town", .nl = "stedelijke kern", .nl_plural = "stedelijke kernen"},
    {.data = "middle", .nl = "middelgrote kern", .nl_plural = "middelgrote kernen"},
    {.data = "rural", .nl = "kleine kern", .nl_plural = "kleine kernen"},
};

const char *
tier_label(const char *tier, int plural, enum report_lang lang)
{
    for (size_t i = 0; lang == LANG_NL && i < sizeof tier_words / sizeof tier_words[0]; i++)
        if (strcmp(tier, tier_words[i].data) == 0 || strcmp(tier, tier_words[i].nl) == 0 ||
            strcmp(tier, tier_words[i].nl_plural) == 0)
            return plural ? tier_words[i].nl_plural : tier_words[i].nl;
    return tier;
}

/* A phase of plans.csv for people: "in voorbereiding (zacht)", "soft". */
static void
phase_cell(strbuf *b, const char *phase, enum report_lang lang)
{
    for (int k = 0; k < PHASE_N; k++)
        if (strcmp(phase, phase_names[k]) == 0) {
            esc(b, phase_label((enum plan_phase) k, lang));
            strbuf_printf(b, " <span class=\"muted\">(%s)</span>",
                          phase_is_hard((enum plan_phase) k) ? L("hard", "hard")
                                                             : L("zacht", "soft"));
            return;
        }
    esc(b, phase);
}

static double
unc_value(const rd *r, const char *input)
{
    for (size_t i = 0; i < r->n_unc; i++)
        if (strcmp(r->unc[i].input, input) == 0)
            return r->unc[i].value;
    return NAN;
}

/* The phase extra capacity is added in (uncertainty.csv extra_capacity_phase:NAME),
 * or -1. */
static int
extra_phase(const rd *r, double *plan_size)
{
    static const char key[] = "extra_capacity_phase:";
    for (size_t i = 0; i < r->n_unc; i++)
        if (strncmp(r->unc[i].input, key, sizeof key - 1) == 0)
            for (int k = 0; k < PHASE_N; k++)
                if (strcmp(r->unc[i].input + sizeof key - 1, phase_names[k]) == 0) {
                    *plan_size = r->unc[i].value;
                    return k;
                }
    return -1;
}

/* What the shipped input files hold, in Dutch (their header lines are English). */
static const struct {
    const char *file, *nl;
} input_words[] = {
    {.file = "hardenberg.yaml", .nl = "het model van de gemeente Hardenberg"},
    {.file = "kernen.csv", .nl = "de 29 kernen van de gemeente en hun ligging"},
    {.file = "population_2021.csv", .nl = "de bevolking op 1 januari 2021 per kern, geslacht en "
                                           "leeftijd"},
    {.file = "life_table_nl_2022.csv", .nl = "de Nederlandse sterftetafel 2022: de kans om te "
                                              "overlijden naar leeftijd en geslacht"},
    {.file = "mortality_improvement_ag2024.csv", .nl = "de verwachte daling van de sterftekansen "
                                                        "per kalenderjaar (Prognosetafel AG2024)"},
    {.file = "fertility_nl_schedule.csv", .nl = "het geboortecijfer naar leeftijd van de moeder"},
    {.file = "migration_emigration_rates.csv", .nl = "vertrek naar het buitenland naar leeftijd"},
    {.file = "migration_domestic_out_rates.csv", .nl = "verhuizingen naar andere Nederlandse "
                                                        "gemeenten naar leeftijd"},
    {.file = "migration_immigrants_profile.csv", .nl = "leeftijd en geslacht van mensen die uit "
                                                        "het buitenland komen"},
    {.file = "migration_in_distribution.csv", .nl = "hoe de vestigers over de kernen verdeeld "
                                                     "worden"},
    {.file = "migration_domestic_in_profile.csv", .nl = "leeftijd en geslacht van mensen die uit "
                                                         "andere gemeenten komen"},
    {.file = "migration_internal_rates.csv", .nl = "verhuizingen tussen de kernen van de gemeente"},
    {.file = "observations.csv", .nl = "wat in de gemeente geteld is (bevolking, woningen, "
                                        "opleveringen)"},
    {.file = "headship_nl_2019.csv", .nl = "het aandeel hoofden van een huishouden naar leeftijd "
                                            "en geslacht"},
    {.file = "headship_trend_2021_2050.csv", .nl = "de verwachte verandering daarvan per jaar"},
    {.file = "households_2021_estimate.csv", .nl = "het aantal huishoudens per kern in 2021"},
    {.file = "dwellings_2021_estimate.csv", .nl = "het aantal woningen per kern in 2021"},
    {.file = "plans.csv", .nl = "de woningbouwplannen zoals het team ze bijhoudt"},
    /* the shipped scenarios (models/scenarios/) */
    {.file = "acceleration_2023.yaml", .nl = "scenario: de doelen van het Versnellingsprogramma "
                                              "2023"},
    {.file = "dedemsvaart_120.yaml", .nl = "scenario: 120 woningen extra in Dedemsvaart vanaf 2027 "
                                            "(voorbeeld)"},
    {.file = "headship_constant.yaml", .nl = "scenario: gelijkblijvende huishoudensvorming"},
    {.file = "largest_plan_slips.yaml", .nl = "scenario: het grootste plan twee jaar later"},
    {.file = "migration_high.yaml", .nl = "scenario: migratie aan de bovenkant van de "
                                           "PBL/CBS-bandbreedte"},
    {.file = "migration_low.yaml", .nl = "scenario: migratie aan de onderkant van de "
                                          "PBL/CBS-bandbreedte"},
};

const char *
input_note_nl(const char *file)
{
    const char *base = strrchr(file, '/') != NULL ? strrchr(file, '/') + 1 : file;
    for (size_t i = 0; i < sizeof input_words / sizeof input_words[0]; i++)
        if (strcmp(base, input_words[i].file) == 0)
            return input_words[i].nl;
    return NULL;
}

/* ---------------------------------------------------------------- the plan list */

static int
plan_cmp(const void *a, const void *b)
{
    const rd_plan *x = *(const rd_plan *const *) a, *y = *(const rd_plan *const *) b;
    if (x->in_window != y->in_window)
        return x->in_window > y->in_window ? -1 : 1;
    return strcmp(x->name, y->name);
}

static void
plan_row(page *p, const rd_plan *x)
{
    const enum report_lang lang = p->lang;
    strbuf *b = p->b;
    char a[64];

    put(b, "<tr><td>");
    esc(b, x->name);
    put(b, "</td><td>");
    esc(b, x->kern);
    put(b, "</td><td>");
    phase_cell(b, x->phase, lang);
    put(b, "</td>");
    td_n(b, "", num(a, sizeof a, x->units, lang));
    if (x->first == x->last)
        strbuf_printf(b, "<td class=\"n\">%d</td>", x->first);
    else
        strbuf_printf(b, "<td class=\"n nw\">%d\xe2\x80\x93%d</td>", x->first, x->last);
    td_n(b, "", fmt_pct(a, sizeof a, x->prob, 0, lang));
    td_n(b, "", num(a, sizeof a, x->in_window, lang));
    if (isnan(x->mean_year))
        td_n(b, "", "-");
    else
        strbuf_printf(b, "<td class=\"n\">%d</td>", (int) lround(x->mean_year));
    put(b, "</tr>\n");
}

void
plan_section(page *p)
{
    const enum report_lang lang = p->lang;
    const rd *r = p->r;
    strbuf *b = p->b;
    static const char *const files[] = {"plan_list.csv"};
    const rd_plan **o;
    double units = 0, contrib = 0;
    char a[64], c[64];

    if (r->n_plans == 0)
        return;
    o = xcalloc(r->n_plans, sizeof *o);
    for (size_t i = 0; i < r->n_plans; i++) {
        o[i] = &r->plans[i];
        units += r->plans[i].units;
        contrib += r->plans[i].in_window;
    }
    qsort(o, r->n_plans, sizeof *o, plan_cmp);
    section_begin(p, "plannen", L("De plannen", "The plans"));
    strbuf_printf(b,
                  L("<p>De %zu plannen met woningen die nog gebouwd moeten worden, samen <strong>%s "
                    "woningen</strong>. Ze staan in volgorde van wat ze naar verwachting bijdragen "
                    "aan de opleveringsdoelen: de woningen die in %d\xe2\x80\x93%d worden opgeleverd, "
                    "rekening houdend met de kans dat het plan doorgaat en met vertraging. Samen "
                    "naar verwachting <strong>%s woningen</strong> in die periode.</p>\n",
                    "<p>The %zu plans with dwellings still to be built, <strong>%s dwellings</strong> "
                    "in all. They are listed by what they are expected to contribute to the "
                    "completion targets: the dwellings delivered in %d\xe2\x80\x93%d, allowing for "
                    "the probability that the plan goes ahead and for delay. Together <strong>%s "
                    "dwellings</strong> are expected in that window.</p>\n"),
                  r->n_plans, num(a, sizeof a, units, lang), o[0]->ws, o[0]->we,
                  num(c, sizeof c, contrib, lang));
    put(b, table_begin);
    strbuf_printf(b,
                  "<th>%s</th><th>%s</th><th>%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th>"
                  "<th class=\"n\">%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th>",
                  L("Plan", "Plan"), L("Kern", "Kern"), L("Fase", "Phase"),
                  L("Woningen nog te bouwen", "Dwellings to come"),
                  L("Gepland op te leveren", "Planned delivery"),
                  L("Kans dat het doorgaat", "Probability it goes ahead"),
                  lang == LANG_NL ? "Bijdrage aan de doelen" : "Contribution to the targets",
                  L("Verwacht opleverjaar (gemiddeld)", "Expected delivery year (mean)"));
    put(b, table_body);
    for (size_t i = 0; i < r->n_plans; i++)
        plan_row(p, o[i]);
    put(b, table_end);
    put(b, L("<p class=\"muted\">Bijdrage: verwachte oplevering in de periode van de "
             "opleveringsdoelen (aantal maal kans, na vertraging). Verwacht opleverjaar: het "
             "gemiddelde jaar waarin de woningen van het plan naar verwachting klaar zijn. Kleine "
             "plannen en inbreiding staan niet in de lijst; het model telt ze apart mee.</p>\n",
             "<p class=\"muted\">Contribution: expected delivery in the window of the completion "
             "targets (units times probability, after delay). Expected delivery year: the mean "
             "year in which the plan's dwellings are expected to be ready. Small plans and infill "
             "are not listed; the model counts them separately.</p>\n"));
    section_end(p, files, 1);
    free(o);
}

/* ---------------------------------------------------------------- the advice */

/* The years in which extra capacity for t has to deliver. */
static void
advice_years(const rd *r, const rd_target *t, int *from, int *to)
{
    *from = r->extra_from > 0 ? r->extra_from : r->last_observed > 0 ? r->last_observed : r->y0;
    *to = strcmp(t->window, "at") == 0 ? t->ws - 1 : t->we;
}

/* Where: the tiers that fall short of their own share, and those already covered. */
static void
advice_where(page *p, const rd_target *t)
{
    const enum report_lang lang = p->lang;
    const rd *r = p->r;
    strbuf *b = p->b;
    int any = 0, covered = 0, n_short = 0;
    double sum = 0;
    char a[64];

    for (size_t k = 0; k < r->n_tier; k++) {
        const rd_target *x = find_target(r, RD_TIER, (int) k, t->id);
        n_short += x != NULL && !isnan(x->extra80) && x->extra80 > 0;
    }
    for (size_t k = 0; k < r->n_tier; k++) {
        const rd_target *x = find_target(r, RD_TIER, (int) k, t->id);
        if (x == NULL || isnan(x->extra80) || x->extra80 <= 0)
            continue;
        sum += x->extra80;
        /* "in de A (...), de B (...) en de C (...)": the unit said once */
        put(b, any == 0             ? L(" Het tekort zit in de ", " The shortfall lies in the ")
               : any + 1 == n_short ? L(" en de ", " and the ")
                                    : L(", de ", ", the "));
        esc(b, tier_label(r->tier[k], 1, lang));
        if (isinf(x->extra80))
            put(b, L(" (hun eigen deel is met extra plannen niet te halen)",
                     " (their own share cannot be reached with extra plans)"));
        else if (any == 0)
            strbuf_printf(b, L(" (%s woningen nodig om hun eigen deel te halen)",
                               " (%s dwellings needed to meet their own share)"),
                          num(a, sizeof a, x->extra80, lang));
        else
            strbuf_printf(b, " (%s)", num(a, sizeof a, x->extra80, lang));
        any++;
    }
    for (size_t k = 0; k < r->n_tier; k++) {
        const rd_target *x = find_target(r, RD_TIER, (int) k, t->id);
        if (x == NULL || isnan(x->extra80) || x->extra80 > 0)
            continue;
        put(b, covered ? L(" en de ", " and the ") : any ? L("; de ", "; the ") : L(" De ", " The "));
        esc(b, tier_label(r->tier[k], 1, lang));
        covered = 1;
    }
    if (covered)
        put(b, L(" halen hun eigen deel naar verwachting al", " are expected to meet their own share already"));
    if (any || covered)
        put(b, ".");
    if (covered && sum > t->extra80)
        put(b, L(" Samen is dat meer dan voor de hele gemeente nodig is, omdat elders meer wordt "
                 "opgeleverd dan het eigen deel.",
                 " Together that is more than the municipality as a whole needs, because elsewhere "
                 "more is delivered than the own share."));
}

static void
advice_one(page *p, const rd_target *t, int phase, double plan_size)
{
    const enum report_lang lang = p->lang;
    strbuf *b = p->b;
    char a[64], c[64];
    int from, to;

    advice_years(p->r, t, &from, &to);
    put(b, "<li><strong>");
    esc_label(b, t, lang);
    put(b, ".</strong> ");
    if (decided(t)) {
        put(b, L("Al gemist in een jaar dat voorbij is (waargenomen); extra plancapaciteit "
                 "verandert daar niets meer aan.",
                 "Already missed in a year that is over (observed); extra plan capacity no longer "
                 "changes that."));
    } else if (isinf(t->extra80)) {
        strbuf_printf(b, L("Met extra plannen die vanaf %d opleveren is dit doel niet met 80%% "
                           "kans te halen.",
                           "With extra plans delivering from %d this target cannot be met with "
                           "an 80%% probability."),
                      from);
    } else if (t->extra80 <= 0) {
        strbuf_printf(b, L("Geen extra plancapaciteit nodig: de kans dat het doel gehaald wordt, is "
                           "nu al %s.",
                           "No extra plan capacity needed: the probability of meeting the target "
                           "is already %s."),
                      fmt_pct(a, sizeof a, t->prob, 0, lang));
    } else {
        num(a, sizeof a, t->extra80, lang);
        if (phase >= 0)
            strbuf_printf(b, L("Voeg <strong>%s woningen</strong> toe aan de plancapaciteit, als %s "
                               "(fase %s)",
                               "Add <strong>%s dwellings</strong> to the plan capacity, as %s "
                               "(phase %s)"),
                          a,
                          phase_is_hard((enum plan_phase) phase) ? L("harde plannen", "hard plans")
                                                                 : L("zachte plannen", "soft plans"),
                          phase_label((enum plan_phase) phase, lang));
        else
            strbuf_printf(b, L("Voeg <strong>%s woningen</strong> toe aan de plancapaciteit",
                               "Add <strong>%s dwellings</strong> to the plan capacity"),
                          a);
        if (to > from)
            strbuf_printf(b, L(" die in %d\xe2\x80\x93%d opleveren", " delivering in %d\xe2\x80\x93%d"),
                          from, to);
        else
            strbuf_printf(b, L(" die in %d opleveren", " delivering in %d"), from);
        if (!isnan(plan_size) && plan_size > 0)
            strbuf_printf(b, L(", in plannen van %s woningen", ", in plans of %s dwellings"),
                          num(c, sizeof c, plan_size, lang));
        strbuf_printf(b, L(". Daarmee wordt het doel naar verwachting met 80%% kans gehaald (nu "
                           "%s); voor 90%% kans zijn %s woningen nodig.",
                           ". That is expected to meet the target with an 80%% probability (now "
                           "%s); a 90%% probability takes %s dwellings."),
                      fmt_pct(a, sizeof a, t->prob, 0, lang), extra_text(c, sizeof c, t->extra90, lang));
        advice_where(p, t);
    }
    put(b, "</li>\n");
}

int
has_advice(const rd *r)
{
    int any = 0;
    for (size_t i = 0; r->has_prob && i < r->n_targets; i++)
        any |= muni_target(&r->t[i]) && (!isnan(r->t[i].extra80) || decided(&r->t[i]));
    return any;
}

void
advice_section(page *p)
{
    const enum report_lang lang = p->lang;
    const rd *r = p->r;
    strbuf *b = p->b;
    static const char *const files[] = {"targets.csv"};
    double plan_size = NAN;
    const int phase = extra_phase(r, &plan_size);

    if (!has_advice(r))
        return;
    section_begin(p, "advies", L("Hoeveel extra plancapaciteit? Advies per doel",
                                 "How much extra plan capacity? Advice per target"));
    put(b, L("<p>Per doel van de gemeente: hoeveel woningen er aan plannen bij moeten om het doel met "
             "80% kans te halen, wanneer ze moeten worden opgeleverd, in welke fase ze worden "
             "toegevoegd en in welke kernen het tekort zit.</p>\n<ul class=\"advice\">\n",
             "<p>For each municipal target: how many dwellings of plans have to be added to meet it "
             "with an 80% probability, when they have to be delivered, in which phase they are "
             "added and in which kernen the shortfall lies.</p>\n<ul class=\"advice\">\n"));
    for (size_t i = 0; i < r->n_targets; i++)
        if (muni_target(&r->t[i]) && (!isnan(r->t[i].extra80) || decided(&r->t[i])))
            advice_one(p, &r->t[i], phase, plan_size);
    put(b, "</ul>\n");
    section_end(p, files, 1);
}

/* ---------------------------------------------------------------- how certain */

/* The mean of v over the forecast years (from the last observed year on). */
static double
forecast_mean(const rd *r, const double *v, size_t n)
{
    double s = 0;
    size_t k = 0;
    for (size_t i = 0; v != NULL && i < n; i++)
        if (r->c0 + (int) i >= r->last_observed && !isnan(v[i])) {
            s += v[i];
            k++;
        }
    return k > 0 ? s / k : NAN;
}

typedef struct {
    const char *nl, *en;
    double persons; /* persons a year that one standard deviation moves */
    double sd;
} driver;

static int
driver_cmp(const void *a, const void *b)
{
    const driver *x = a, *y = b;
    return x->persons > y->persons ? -1 : x->persons < y->persons;
}

/* What varies in the population, ranked by the persons a year one standard
 * deviation moves (flow times its spread). A table of measured drivers from the
 * simulations (drivers.csv of a later version) replaces this ranking here. */
static void
certainty_population(page *p)
{
    const enum report_lang lang = p->lang;
    const rd *r = p->r;
    strbuf *b = p->b;
    driver dv[] = {
        {.nl = "vestiging", .en = "in-migration",
         .persons = forecast_mean(r, r->inflow, r->n_cy), .sd = unc_value(r, "migration_in_sd")},
        {.nl = "vertrek", .en = "out-migration",
         .persons = forecast_mean(r, r->outflow, r->n_cy), .sd = unc_value(r, "migration_out_sd")},
        {.nl = "geboorten", .en = "births", .persons = forecast_mean(r, r->births, r->n_cy),
         .sd = unc_value(r, "fertility_sd")},
        {.nl = "sterfte", .en = "deaths", .persons = forecast_mean(r, r->deaths, r->n_cy),
         .sd = unc_value(r, "mortality_sd")},
    };
    const size_t n = sizeof dv / sizeof dv[0];
    char a[64], c[64];

    for (size_t i = 0; i < n; i++)
        dv[i].persons = isnan(dv[i].persons) || isnan(dv[i].sd) ? 0 : dv[i].persons * dv[i].sd;
    qsort(dv, n, sizeof *dv, driver_cmp);
    put(b, L("<p><strong>Bevolking en huishoudens.</strong> Elke simulatie kiest een eigen niveau "
             "voor het geboortecijfer, de sterfte, de vestiging en het vertrek. Gemeten in "
             "mensen per jaar weegt het zwaarst: ",
             "<p><strong>Population and households.</strong> Each simulation draws its own level "
             "of fertility, mortality, in-migration and out-migration. Measured in persons a year, "
             "the largest is: "));
    for (size_t i = 0; i < n; i++) {
        if (dv[i].persons <= 0)
            continue;
        if (i > 0)
            put(b, i + 1 == n ? L(" en ", " and ") : ", ");
        esc(b, L(dv[i].nl, dv[i].en));
        strbuf_printf(b, " (\xc2\xb1%s, %s %s %s)", fmt_pct(a, sizeof a, dv[i].sd, 0, lang),
                      L("ongeveer", "about"), num(c, sizeof c, dv[i].persons, lang),
                      L("personen per jaar", "persons a year"));
    }
    put(b, ".</p>\n");
    if (r->has_pop_q && r->n_years > 0 && !isnan(r->pop_p10[r->n_years - 1])) {
        num(a, sizeof a, r->pop_p10[r->n_years - 1], lang);
        num(c, sizeof c, r->pop_p90[r->n_years - 1], lang);
        if (lang == LANG_NL)
            strbuf_printf(b, "<p>In 8 van de 10 simulaties telt de gemeente op 1 januari %d tussen "
                             "<strong>%s</strong> en <strong>%s</strong> inwoners.</p>\n",
                          r->y1, a, c);
        else
            strbuf_printf(b, "<p>In 8 of 10 simulations the municipality has between <strong>%s"
                             "</strong> and <strong>%s</strong> inhabitants on 1 January %d.</p>\n",
                          a, c, r->y1);
    }
}

/* What varies in the completions: whether each plan goes ahead and its delay; the
 * dwellings expected to fall away, hard and soft plans apart. */
static void
certainty_plans(page *p)
{
    const enum report_lang lang = p->lang;
    const rd *r = p->r;
    strbuf *b = p->b;
    double lost[2] = {0, 0}, units[2] = {0, 0};
    char a[64], c[64], e[64], f[64];

    if (r->n_plans == 0)
        return;
    for (size_t i = 0; i < r->n_plans; i++) {
        const rd_plan *x = &r->plans[i];
        int hard = 0;
        for (int k = 0; k < PHASE_N; k++)
            if (strcmp(x->phase, phase_names[k]) == 0)
                hard = phase_is_hard((enum plan_phase) k);
        units[hard] += x->units;
        lost[hard] += x->units * (1 - x->prob);
    }
    num(a, sizeof a, lost[0], lang);
    num(c, sizeof c, units[0], lang);
    num(e, sizeof e, lost[1], lang);
    num(f, sizeof f, units[1], lang);
    strbuf_printf(b,
                  L("<p><strong>Opleveringen.</strong> In elke simulatie gaat elk plan door of niet, "
                    "met de kans van zijn fase, en loopt het al dan niet vertraging op. Dat weegt "
                    "het zwaarst bij de zachte plannen: van hun %s woningen vallen er naar "
                    "verwachting %s weg, van de %s woningen in harde plannen %s. De onzekerheid "
                    "over de bevolking speelt bij de opleveringsdoelen geen rol.</p>\n",
                    "<p><strong>Completions.</strong> In each simulation every plan goes ahead or "
                    "not, with the probability of its phase, and may be delayed. That weighs most "
                    "for the soft plans: of their %s dwellings %s are expected to fall away, of the "
                    "%s dwellings in hard plans %s. The uncertainty about the population plays no "
                    "part in the completion targets.</p>\n"),
                  c, a, f, e);
}

int
has_certainty(const rd *r)
{
    return r->has_prob && r->n_unc > 0;
}

void
certainty_section(page *p)
{
    const enum report_lang lang = p->lang;
    const rd *r = p->r;
    strbuf *b = p->b;
    static const char *const files[] = {"uncertainty.csv"};
    char a[64];

    if (!has_certainty(r))
        return;
    section_begin(p, "zekerheid", L("Hoe zeker is dit?", "How certain is this?"));
    strbuf_printf(b,
                  L("<p>De prognose is %s keer doorgerekend (simulaties), elke keer met andere "
                    "toevallige uitkomsten voor wat onzeker is. De <em>kans</em> bij een doel is "
                    "het deel van de simulaties waarin het doel gehaald wordt.</p>\n",
                    "<p>The projection was run %s times (simulations), each time with other random "
                    "outcomes for what is uncertain. The <em>probability</em> of a target is the "
                    "share of the simulations in which it is met.</p>\n"),
                  num(a, sizeof a, n_runs(r), lang));
    certainty_plans(p);
    certainty_population(p);
    section_end(p, files, 1);
}

/* ---------------------------------------------------------------- glossary */

static const struct {
    const char *nl, *nl_text, *en, *en_text;
} glossary[] = {
    {.nl = "Woningtekort", .en = "Housing shortage",
     .nl_text = "Het aantal huishoudens dat een woning nodig heeft (met de normale leegstand "
                "erbij) min het aantal woningen, op 1 januari. Negatief: een overschot.",
     .en_text = "The households needing a dwelling (plus normal vacancy) minus the dwellings, on "
                "1 January. Negative: a surplus."},
    {.nl = "Achterstand op het doel", .en = "Gap to the target",
     .nl_text = "Wat een doel vraagt min wat naar verwachting gebeurt. Positief: te weinig; "
                "negatief: meer dan nodig.",
     .en_text = "What a target requires minus what is expected. Positive: short; negative: more "
                "than needed."},
    {.nl = "Plancapaciteit", .en = "Plan capacity",
     .nl_text = "Het aantal woningen in plannen die nog gebouwd moeten worden.",
     .en_text = "The dwellings in plans still to be built."},
    {.nl = "Harde plannen", .en = "Hard plans",
     .nl_text = "Plannen met een vastgesteld of onherroepelijk bestemmingsplan (of "
                "omgevingsplan), een vergunning of al in aanbouw.",
     .en_text = "Plans with an adopted or irrevocable zoning plan, a permit, or under "
                "construction."},
    {.nl = "Zachte plannen", .en = "Soft plans",
     .nl_text = "Plannen in voorbereiding of nog een visie: er is nog geen vastgesteld plan.",
     .en_text = "Plans in preparation or still an idea: no adopted plan yet."},
    {.nl = "Kans", .en = "Probability",
     .nl_text = "Het deel van de simulaties waarin iets gebeurt, bijvoorbeeld dat een doel "
                "gehaald wordt of dat een plan doorgaat.",
     .en_text = "The share of the simulations in which something happens, such as a target "
                "being met or a plan going ahead."},
    {.nl = "Simulatie", .en = "Simulation",
     .nl_text = "Eén doorrekening van de prognose met toevallige uitkomsten voor wat onzeker "
                "is.",
     .en_text = "One run of the projection with random outcomes for what is uncertain."},
    {.nl = "Prognose", .en = "Forecast",
     .nl_text = "Wat naar verwachting gebeurt; geen zekerheid.",
     .en_text = "What is expected to happen; not a certainty."},
    {.nl = "Waargenomen", .en = "Observed",
     .nl_text = "Geteld door CBS of de gemeente: geschiedenis, in elke simulatie gelijk.",
     .en_text = "Counted by CBS or the municipality: history, the same in every simulation."},
    {.nl = "Trend", .en = "Trend",
     .nl_text = "De variant waarin de huishoudens uit de bevolkingsprognose volgen, los van het "
                "aantal woningen.",
     .en_text = "The households that follow from the population projection, regardless of the "
                "dwellings."},
    {.nl = "Woningmarktgestuurd", .en = "Housing-led",
     .nl_text = "De variant waarin de woningen bepalen waar huishoudens kunnen wonen.",
     .en_text = "The dwellings decide where households can live."},
    {.nl = "Kern", .en = "Kern",
     .nl_text = "Een stad of dorp in de gemeente, met het omliggende buitengebied.",
     .en_text = "A town or village of the municipality with its surrounding countryside."},
    {.nl = "Ter vergelijking", .en = "For comparison",
     .nl_text = "Een rij die een doel op een andere manier meet, zoals het tot nu toe werd "
                "gemeten. Die telt niet als doel: niet in het aantal gehaalde doelen en niet in "
                "het advies.",
     .en_text = "A row that measures a target another way, as it was measured until now. It does "
                "not count as a target: not among the targets met and not in the advice."},
    {.nl = "80% van de simulaties", .en = "80% of the simulations",
     .nl_text = "De bandbreedte: in 8 van de 10 simulaties ligt de uitkomst daartussen.",
     .en_text = "The range: in 8 of 10 simulations the outcome lies within it."},
};

void
glossary_section(page *p)
{
    const enum report_lang lang = p->lang;
    strbuf *b = p->b;

    section_begin(p, "begrippen", L("Begrippenlijst", "Glossary"));
    put(b, "<dl class=\"gloss\">\n");
    for (size_t i = 0; i < sizeof glossary / sizeof glossary[0]; i++) {
        put(b, "<dt>");
        esc(b, L(glossary[i].nl, glossary[i].en));
        put(b, "</dt><dd>");
        esc(b, L(glossary[i].nl_text, glossary[i].en_text));
        put(b, "</dd>\n");
    }
    put(b, "</dl>\n");
    section_end(p, NULL, 0);
}
