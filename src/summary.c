/* Terminal summaries (summary.h). English is the default; every sentence has its
 * Dutch beside it, and every number goes through fmt_num. */
#include <config.h>

#include <math.h>
#include <string.h>

#include "numfmt.h"
#include "scenariofile.h"
#include "summary.h"
#include "terms.h"

#define L(nl, en) (lang == LANG_NL ? (nl) : (en))

/* A number with d decimals in the language: N(buf, x, d). */
#define N(buf, x, d) fmt_num((buf), sizeof(buf), (x), (d), lang)

void
summary_run(FILE *out, const scenario *sc, enum report_lang lang)
{
    const model *m = &sc->m;
    const model_spec *s = &sc->spec;
    const projection *p = sc->trend;
    const run_info *ri = &sc->ri;
    char b1[48], b2[48], b3[48], b4[48];
    double births = 0, deaths = 0, in = 0, out_ = 0;

    fprintf(out, L("landstad %s: %s, %zu kern%s, %d -> %d (%s, open groep %d+)\n",
                   "landstad %s: %s, %zu kern%s, %d -> %d (%s, open %d+)\n"),
            PACKAGE_VERSION, s->name, m->n_areas, m->n_areas == 1 ? "" : "en", s->base_year,
            p->years[p->n_years - 1],
            s->width == 1 ? L("per leeftijdsjaar", "single years") : L("vijfjaarsgroepen", "5-year groups"),
            s->open);
    if (ri->calibrated) {
        const size_t yi = (size_t) ((s->calibrate_year - s->base_year) / s->width);
        fprintf(out, L("gekalibreerd: niveau van stroom %s %s in %d-%d geeft %s inwoners op 1 januari %d\n",
                       "calibrated: flow %s level %s in %d-%d gives %s on 1 January %d\n"),
                s->calibrate_flow, N(b1, ri->calibrated_level, 6), s->calibrate_from,
                s->calibrate_to, N(b2, projection_total(p, yi), 0), s->calibrate_year);
    }
    if (sc->has_mlevel) {
        const levelsolve_result *r = &sc->mlevel;
        const int inflows = s->mlevel.flows == ML_IN;
        fprintf(out, L("migratieniveau: %s x %s vanaf %d, zodat 1 januari %d %s inwoners heeft (%s%% "
                       "tegen %s zonder)\n",
                       "migration level: %s x %s from %d, so that 1 January %d has %s inhabitants "
                       "(%s%% against %s without)\n"),
                inflows ? L("vestiging", "in-flows") : L("vertrek", "out-flows"), N(b1, r->factor, 4),
                r->start, s->mlevel.year, N(b2, r->target, 0),
                N(b3, 100 * s->mlevel.change * r->rescale, 2), N(b4, r->without, 0));
    }
    /* what is observed and what is forecast */
    if (m->last_observed > s->base_year && m->last_observed < p->years[p->n_years - 1])
        fprintf(out, L("bevolking op 1 januari (tot en met %d waargenomen, daarna verwacht):",
                       "population on 1 January (observed to %d, then forecast):"),
                m->last_observed);
    else
        fputs(L("bevolking op 1 januari (na het basisjaar verwacht):",
                "population on 1 January (forecast after the base year):"),
              out);
    for (size_t y = 0; y < p->n_years; y++) {
        const int yr = p->years[y];
        if (y == 0 || y + 1 == p->n_years || (yr % 5 == 0 && p->n_years > 3))
            fprintf(out, "  %d %s", yr, N(b1, projection_total(p, y), 0));
    }
    fputc('\n', out);
    for (size_t t = 0; t < p->step; t++)
        for (size_t i = 0; i < m->n_areas * m->n_sexes; i++) {
            const cohort_comp *c = &p->comp[t * m->n_areas * m->n_sexes + i];
            births += c->births;
            deaths += c->deaths;
            in += c->immigration + c->domestic_in;
            out_ += c->emigration + c->domestic_out;
        }
    fprintf(out, L("%d-%d: geboorten %s, sterfte %s, vestigers %s, vertrekkers %s\n",
                   "%d-%d: births %s, deaths %s, in-migrants %s, out-migrants %s\n"),
            p->years[0], p->years[p->n_years - 1], N(b1, births, 0), N(b2, deaths, 0), N(b3, in, 0),
            N(b4, out_, 0));
    if (p->clipped > 0)
        fprintf(out, L("afgekapt: %s personen die volgens de kansen of aantallen zouden vertrekken "
                       "of overlijden, waren er niet (zie components.csv, kolom clipped)\n",
                       "clipped: %s persons that rates or counts would have removed were not there "
                       "(see components.csv, column clipped)\n"),
                N(b1, p->clipped, p->clipped >= 0.05 ? 1 : 3));
    else
        fputs(L("afgekapt: niets (geen cel zou negatief zijn geworden)\n",
                "clipped: none (no cell would have gone negative)\n"),
              out);
}

void
summary_housing(FILE *out, const scenario *sc, enum report_lang lang)
{
    const housing *h = &sc->h;
    const model *m = &sc->m;
    const model_spec *s = m->spec;
    const size_t last = h->n_years - 1;
    char b1[48], b2[48], b3[48], b4[48];
    double built = 0, shortage = 0;

    for (size_t y = 0; y < last; y++)
        built += housing_total(h, h->completions, y);
    fprintf(out, L("wonen: %s huishoudens en %s woningen op 1 januari %d; ",
                   "housing: %s households and %s dwellings on 1 January %d; "),
            N(b1, housing_total(h, h->households[VIEW_TREND], 0), 0),
            N(b2, housing_total(h, h->stock, 0), 0), s->base_year);
    if (m->last_observed > s->base_year && m->last_observed < s->horizon)
        fprintf(out, L("opleveringen %d-%d (tot en met %d waargenomen, daarna verwacht): %s\n",
                       "completions %d-%d (observed to %d, then forecast): %s\n"),
                s->base_year, s->horizon - 1, m->last_observed - 1, N(b1, built, 0));
    else
        fprintf(out, L("verwachte opleveringen %d-%d: %s\n", "expected completions %d-%d: %s\n"),
                s->base_year, s->horizon - 1, N(b1, built, 0));
    for (size_t a = 0; a < m->n_areas; a++)
        shortage += h->households[VIEW_TREND][last * m->n_areas + a] / (1 - m->vacancy[a])
                    - h->stock[last * m->n_areas + a];
    fprintf(out, L("1 januari %d, trend, naar verwachting: %s huishoudens, %s woningen, woningtekort "
                   "%s (negatief: overschot)\n",
                   "1 January %d, trend: %s households, %s dwellings, shortage %s (negative: surplus)\n"),
            s->horizon, N(b1, housing_total(h, h->households[VIEW_TREND], last), 0),
            N(b2, housing_total(h, h->stock, last), 0), N(b3, shortage, 0));
    fprintf(out, L("woningmarktgestuurd: bijdrage aan de regionale groeiopgave (huishoudens boven "
                   "de trend) op 1 januari %d naar verwachting %s\n",
                   "housing-led: contribution to the regional growth task (households beyond the "
                   "trend) by 1 January %d: %s\n"),
            s->horizon,
            N(b4, housing_total(h, h->households[VIEW_HOUSING_LED], last)
                      - housing_total(h, h->households[VIEW_TREND], last),
              0));
    fprintf(out, L("regionale rekening sinds 1 januari %d: op 1 januari %d naar verwachting %s "
                   "huishoudens erbij, "
                   "waarvan %s eigen groei (migratiesaldo nul) en %s van buiten\n",
                   "regional account since 1 January %d: by 1 January %d %s more households, "
                   "of which %s own growth (zero migration) and %s from outside\n"),
            s->base_year, s->horizon,
            N(b1, housing_total(h, h->households[VIEW_HOUSING_LED], last)
                      - housing_total(h, h->households[VIEW_HOUSING_LED], 0), 0),
            N(b2, housing_total(h, h->households_own, last) - housing_total(h, h->households_own, 0),
              0),
            N(b3, housing_total(h, h->households[VIEW_HOUSING_LED], last)
                      - housing_total(h, h->households_own, last), 0));
}

/* "2022-2026 each year", "2022-2029 cumulative", "1 Jan 2040". */
static void
window_words(char *buf, size_t size, const target_spec *t, enum report_lang lang)
{
    if (t->window == WINDOW_AT)
        snprintf(buf, size, L("1 jan %d", "1 Jan %d"), t->from);
    else
        snprintf(buf, size, "%d-%d %s", t->from, t->to,
                 t->window == WINDOW_ANNUAL ? L("elk jaar", "each year") : L("samen", "cumulative"));
}

/* The second line of a target: what of its window is observed and what is forecast. */
static void
target_parts(FILE *out, const scenario *sc, const target_row *r, enum report_lang lang)
{
    const target_spec *t = r->t;
    const history *h = &sc->hist;
    const int n = t->window == WINDOW_ANNUAL ? t->to - t->from + 1 : 1;
    char b1[48], b2[48];
    int distributed = 0, counted = 0;

    if (r->status == TARGET_FORECAST)
        return;
    if (t->window == WINDOW_AT) {
        fprintf(out, L("%-28s verleden: 1 januari %d hoort bij de geschiedenis, in elke berekening "
                       "hetzelfde\n",
                       "%-28s past: 1 January %d lies in the history, the same in every run\n"),
                "", t->from);
        return;
    }
    for (int y = t->from; y <= r->observed_to; y++) {
        const size_t k = (size_t) (y - h->base_year);
        if (h->has_dwellings && k < h->n_steps && h->account[k].c_status != HIST_OBSERVED)
            distributed++;
        else
            counted++;
    }
    fprintf(out, L("%-28s waargenomen %d-%d: %s%s", "%-28s observed %d-%d: %s%s"), "", t->from,
            r->observed_to, N(b1, r->observed_part * n, 0),
            distributed == 0 ? ""
            : counted > 0    ? L(" (niet getelde jaren verdeeld uit de voorraadgroei)",
                                 " (years not counted: distributed from the stock change)")
                             : L(" (verdeeld uit de voorraadgroei)",
                                 " (distributed from the stock change)"));
    if (r->status == TARGET_PARTLY_OBSERVED)
        fprintf(out, L("; prognose %d-%d: %s", "; forecast %d-%d: %s"), r->observed_to + 1, t->to,
                N(b2, r->forecast_part * n, 0));
    for (int y = t->from; r->missed_in_past && y <= r->observed_to; y++) {
        const double x = target_measure(t->measure, t->view, r->level, r->index, &sc->m, &sc->h, y);
        if (x < r->required - 1e-9) {
            fprintf(out, L("; gemist in %d (%s, waargenomen)", "; missed in %d (%s, observed)"), y,
                    N(b1, x, 0));
            break;
        }
    }
    fputc('\n', out);
}

int
summary_targets(FILE *out, const scenario *sc, enum report_lang lang)
{
    const target_table *tt = &sc->tt;
    int missed = 0;
    char b1[48], b2[48], b3[48], b4[48];

    fprintf(out, "%-28s %-22s %10s %10s %11s  %s\n", L("doel", "target"), L("periode", "window"),
            L("nodig", "required"), L("verwacht", "expected"), L("achterstand", "gap"),
            L("naar verwachting gehaald", "met"));
    for (size_t i = 0; i < tt->n; i++) {
        const target_row *r = &tt->row[i];
        const target_spec *t = r->t;
        char win[48];
        if (r->level != LEVEL_MUNICIPALITY)
            continue;
        window_words(win, sizeof win, t, lang);
        fprintf(out, "%-28s %-22s %10s %10s %11s  %s", t->id, win, N(b1, r->required, 0),
                N(b2, r->expected, 0), N(b3, r->gap, 0), r->met ? L("ja", "yes") : L("nee", "no"));
        if (t->window == WINDOW_ANNUAL)
            fprintf(out, L(" (%d van %d jaar; laagste %d: %s%s)", " (%d of %d years; worst %d: %s%s)"),
                    r->years_met, r->n_years, r->worst_year, N(b4, r->worst_expected, 0),
                    target_year_past(&sc->m, r->worst_year, 0) ? L(", verleden", ", past") : "");
        else if (r->status == TARGET_OBSERVED)
            fputs(L(" (waargenomen)", " (observed)"), out);
        if (t->role == ROLE_COMPARISON)
            fputs(L(" (ter vergelijking, telt niet als doel)", " (comparison only, not a target)"),
                  out);
        fputc('\n', out);
        target_parts(out, sc, r, lang);
        missed += !r->met && t->role != ROLE_COMPARISON;
    }
    fprintf(out, L("(achterstand = nodig - verwacht: positief is te weinig; jaardoelen tonen het "
                   "gemiddelde per jaar; tot 1 januari %d is het geschiedenis, waargenomen of, waar "
                   "alleen een totaal geteld is, verdeeld)\n",
                   "(gap = required - expected: positive means short; annual targets show the mean "
                   "per year; history up to 1 January %d is observed, distributed where only a "
                   "total was counted)\n"),
            sc->m.last_observed);
    return missed;
}

/* An extra capacity: "-" when not applicable, "unreachable", or dwellings. */
static const char *
extra_words(char *buf, size_t size, double x, enum report_lang lang)
{
    if (isinf(x))
        return L("onhaalbaar", "unreachable");
    return fmt_num(buf, size, x, 0, lang);
}

void
summary_probabilities(FILE *out, const scenario *sc, const mc *M, enum report_lang lang)
{
    const target_table *tt = &sc->tt;
    char b0[48], b1[48], b2[48], b3[48], e80[48], e90[48];

    fprintf(out, L("\n%s simulaties (seed %lu): kans dat elk doel wordt gehaald\n",
                   "\n%s Monte Carlo runs (seed %lu): probability of meeting each target\n"),
            N(b0, (double) M->opt.runs, 0), M->opt.seed);
    fprintf(out, "%-28s %12s %10s %10s %10s %14s %14s\n", L("doel", "target"), L("kans", "P(met)"),
            "p10", "p50", "p90", L("extra voor 80%", "extra for 80%"),
            L("extra voor 90%", "extra for 90%"));
    for (size_t i = 0; i < tt->n; i++) {
        const target_row *r = &tt->row[i];
        const mc_summary *sm = &M->summary[M->off_rows + i];
        if (r->level != LEVEL_MUNICIPALITY)
            continue;
        const int decided = r->status == TARGET_OBSERVED || r->missed_in_past;
        fprintf(out, "%-28s %12s %10s %10s %10s %14s %14s\n", r->t->id,
                fmt_pct(b0, sizeof b0, M->probability[i], 1, lang), N(b1, sm->p10, 0),
                N(b2, sm->p50, 0), N(b3, sm->p90, 0),
                r->t->role == ROLE_COMPARISON ? "-"
                : decided ? (r->met ? L("gehaald", "met") : L("gemist", "missed"))
                          : extra_words(e80, sizeof e80, M->extra80[i], lang),
                r->t->role == ROLE_COMPARISON ? L("(ter vergelijking)", "(comparison)")
                : decided ? L("(waargenomen)", "(observed)")
                          : extra_words(e90, sizeof e90, M->extra90[i], lang));
    }
    fprintf(out, L("(extra: woningen aan extra plancapaciteit in de fase %s die vanaf %d "
                   "oplevert, alleen in jaren die nog komen; gemist (waargenomen): al beslist door "
                   "wat waargenomen is; p10, p50, p90: de uitkomst van het doel in 10, 50 en 90%% "
                   "van de simulaties)\n",
                   "(extra: dwellings of additional %s-phase plan capacity delivering from %d, "
                   "counted over future years only; missed (observed): decided by what was "
                   "observed; p10, p50, p90: the target's measure in 10, 50 and 90%% of the "
                   "runs)\n"),
            phase_label(sc->spec.extra_phase, lang), targets_first_extra_year(&sc->m));
}

/* ---------------------------------------------------------------- check */

static void
check_demography(FILE *out, const scenario *sc, enum report_lang lang)
{
    const model *m = &sc->m;
    const model_spec *s = &sc->spec;
    const char *plural = lang == LANG_EN && s->width != 1 ? "s" : "";
    double total = 0;
    char b[48];

    for (size_t i = 0; i < model_cells(m); i++)
        total += m->base_pop[i];
    fprintf(out, L("%s: geldig\n", "%s: valid\n"), s->path);
    fprintf(out, L("  model      %s (%s)\n", "  model      %s (%s)\n"), s->name, s->title);
    fprintf(out, L("  jaren      1 januari %d -> %d, stappen van %d jaar%s\n",
                   "  years      1 January %d -> %d, steps of %d year%s\n"),
            s->base_year, s->horizon, s->width, plural);
    fprintf(out, L("  leeftijden %zu groepen van %d jaar%s, open groep %d+\n",
                   "  ages       %zu groups of %d year%s, open group %d+\n"),
            m->n_ages, s->width, plural, s->open);
    if (s->n_sexes == 2)
        fprintf(out, L("  geslachten %c, %c\n", "  sexes      %c, %c\n"), s->sex[0], s->sex[1]);
    else
        fputs(L("  geslachten alleen F\n", "  sexes      F only\n"), out);
    fprintf(out, L("  gebied     %s: %zu kern%s", "  geography  %s: %zu kern%s"), s->municipality,
            m->n_areas, m->n_areas == 1 ? "" : "en");
    if (m->n_tiers > 0) {
        fputs(" (", out);
        for (size_t t = 0; t < m->n_tiers; t++) {
            size_t k = 0;
            for (size_t a = 0; a < m->n_areas; a++)
                k += m->area_tier[a] == t;
            fprintf(out, "%s%s %zu", t ? ", " : "", m->tier[t], k);
        }
        fputc(')', out);
    }
    fprintf(out, L("\n  bevolking  %s op 1 januari %d\n", "\n  population %s on 1 January %d\n"),
            N(b, total, 0), s->base_year);
    fprintf(out, L("  sterfte    %s\n", "  mortality  %s\n"),
            s->survival_file ? L("overlevingskansen gegeven", "survival ratios given")
            : m->n_imp_years ? L("sterftetafel met verbetering", "life table with improvement")
                             : L("sterftetafel", "life table"));
    fprintf(out, L("  geboorte   %s%s; blootstelling %s\n", "  fertility  %s%s; births exposure %s\n"),
            s->tfr.n ? L("leeftijdspatroon geschaald op een TFR-pad", "schedule rescaled to a TFR path")
                     : L("leeftijdspatroon zoals gegeven", "schedule as given"),
            s->fertility_level.is_map || s->fertility_level.scalar != 1
                ? L(", met niveaufactoren", ", with level factors") : "",
            s->exposure == EXPOSURE_START_AND_END_POPULATION ? "start_and_end_population"
                                                             : "start_and_survivors");
    fprintf(out, L("  migratie   moment %s, %zu stro%s\n", "  migration  timing %s, %zu flow%s\n"),
            s->timing == TIMING_EVEN ? "even" : "end", s->n_flows,
            lang == LANG_NL ? (s->n_flows == 1 ? "om" : "men") : (s->n_flows == 1 ? "" : "s"));
    for (size_t k = 0; k < s->n_flows; k++)
        fprintf(out, "    %-20s %-13s %s\n", s->flows[k].name, flow_kind_names[s->flows[k].kind],
                s->flows[k].source == FLOW_FROM_RATES    ? L("kansen", "rates")
                : s->flows[k].source == FLOW_FROM_COUNTS ? L("aantallen", "counts")
                                                         : L("totaal x profiel", "total x profile"));
    if (s->has_calibrate)
        fprintf(out, L("  kalibratie niveau van %s in %d-%d op %s inwoners op 1 januari %d\n",
                       "  calibrate  %s level %d-%d to %s persons on 1 January %d\n"),
                s->calibrate_flow, s->calibrate_from, s->calibrate_to,
                N(b, s->calibrate_population, 0), s->calibrate_year);
}

/* Nominal plan capacity (units as in plans.csv, before probability and delay)
 * planned in calendar years from..to within a target's scope, and its hard part. */
static double
planned_in(const model *m, const target_spec *t, double *hard)
{
    const int all = strcmp(t->scope, "all") == 0 || strcmp(t->scope, "municipality") == 0;
    double sum = 0;

    *hard = 0;
    for (size_t i = 0; i < m->n_plans; i++) {
        const plan *p = &m->plans[i];
        const size_t tier = m->area_tier[p->area];
        double u = 0;
        if (!all && strcmp(m->area[p->area], t->scope) != 0
            && !(tier < m->n_tiers && strcmp(m->tier[tier], t->scope) == 0))
            continue;
        for (int y = p->first; y <= p->last; y++)
            if (y >= t->from && y <= t->to)
                u += p->per_year[y - p->first];
        sum += u;
        if (phase_is_hard(p->phase))
            *hard += u;
    }
    return sum;
}

static const char *
measure_words(enum target_measure k, enum report_lang lang)
{
    static const char *const nl[MEASURE_N] = {"opleveringen", "groei woningvoorraad",
                                              "huishoudens", "inwoners", "regionale bijdrage",
                                              "regionale bijdrage boven eigen behoefte"};
    return lang == LANG_NL ? nl[k] : measure_names[k];
}

static void
check_targets(FILE *out, const scenario *sc, enum report_lang lang)
{
    const model_spec *s = &sc->spec;
    char b1[48], b2[48], b3[48], b4[48];

    if (s->n_targets == 0)
        return;
    fprintf(out, L("  doelen     %zu\n", "  targets    %zu\n"), s->n_targets);
    for (size_t i = 0; i < s->n_targets; i++) {
        const target_spec *t = &s->targets[i];
        const int years = t->to - t->from + 1;
        fprintf(out, "    %-28s %s %s", t->id, measure_words(t->measure, lang),
                N(b1, t->threshold, t->threshold == floor(t->threshold) ? 0 : 1));
        if (t->window == WINDOW_ANNUAL)
            fprintf(out, L(" per jaar, %d-%d", " a year, %d-%d"), t->from, t->to);
        else if (t->window == WINDOW_CUMULATIVE)
            fprintf(out, " in %d-%d", t->from, t->to);
        else
            fprintf(out, L(" op 1 januari %d", " on 1 January %d"), t->from);
        if (strcmp(t->scope, "all") != 0)
            fprintf(out, " [%s]", t->scope);
        if (t->measure == MEASURE_COMPLETIONS && t->window != WINDOW_AT && sc->m.n_plans > 0) {
            double hard, planned = planned_in(&sc->m, t, &hard);
            const double need = t->threshold * (t->window == WINDOW_ANNUAL ? years : 1);
            fprintf(out, L("; gepland %s (%s), waarvan hard %s", "; planned %s (%s), of which hard %s"),
                    N(b2, planned, 0), need > 0 ? fmt_pct(b3, sizeof b3, planned / need, 0, lang) : "-",
                    N(b4, hard, 0));
        }
        fputc('\n', out);
    }
}

static void
check_plans(FILE *out, const scenario *sc, enum report_lang lang)
{
    const model *m = &sc->m;
    const model_spec *s = &sc->spec;
    size_t count[PHASE_N] = {0};
    double units[PHASE_N] = {0}, total = 0, hard = 0;
    int first = 0, last = 0;
    char b1[48], b2[48], b3[48];

    for (size_t i = 0; i < m->n_plans; i++) {
        const plan *p = &m->plans[i];
        if (p->completed)
            continue; /* in the list for the record: nothing left to build */
        count[p->phase]++;
        units[p->phase] += p->units;
        total += p->units;
        hard += phase_is_hard(p->phase) ? p->units : 0;
        if (i == 0 || p->first < first)
            first = p->first;
        if (i == 0 || p->last > last)
            last = p->last;
    }
    fprintf(out, L("  plannen    %zu plannen, %s woningen gepland in %d-%d (%s)\n",
                   "  plans      %zu plans, %s dwellings planned for %d-%d (%s)\n"),
            m->n_plans, N(b1, total, 0), first, last, s->plans_file);
    fprintf(out, "    %-18s %7s %10s %10s %14s\n", L("fase", "phase"), L("plannen", "plans"),
            L("woningen", "dwellings"), L("kans", "realised"), L("vertraging (jr)", "delay (years)"));
    for (int k = 0; k < PHASE_N; k++) {
        const phase_spec *ph = &s->phase[k];
        double delay = 0;
        if (count[k] == 0 && !ph->given)
            continue;
        for (int dd = 0; dd <= ph->max_delay; dd++)
            delay += dd * ph->delay[dd];
        fprintf(out, "    %-18s %7zu %10s %10s %14s\n", phase_label((enum plan_phase) k, lang),
                count[k], N(b1, units[k], 0),
                ph->given ? fmt_pct(b2, sizeof b2, ph->probability, 0, lang) : "-",
                ph->given ? N(b3, delay, 1) : "-");
    }
    fprintf(out, L("    harde plancapaciteit (vastgesteld of verder) %s woningen, zachte %s\n",
                   "    hard plan capacity (adopted or later) %s dwellings, soft %s\n"),
            N(b1, hard, 0), N(b2, total - hard, 0));
}

/* "the Dutch form, Windows-1252" for a table not saved as landstad writes them. */
static void
form_words(FILE *out, enum csv_form form, enum csv_encoding enc, enum report_lang lang)
{
    fprintf(out, "%s, %s",
            form == CSV_FORM_DUTCH           ? L("Nederlandse vorm", "Dutch form")
            : form == CSV_FORM_INTERNATIONAL ? L("internationale vorm", "international form")
                                             : L("vorm niet vast te stellen", "form not told"),
            enc == CSV_WINDOWS_1252 ? "Windows-1252"
            : enc == CSV_UTF8_BOM   ? L("UTF-8 met BOM", "UTF-8 with BOM")
                                    : "UTF-8");
}

static void
check_inputs(FILE *out, const scenario *sc, enum report_lang lang)
{
    const model *m = &sc->m;
    int first = 1;

    fprintf(out, L("  invoer     %zu bestanden", "  inputs     %zu files"), m->n_inputs);
    for (size_t i = 0; i < m->n_inputs; i++) {
        enum csv_form form;
        enum csv_encoding enc;
        if (model_input_form(m, i, &form, &enc) != 0
            || (form == CSV_FORM_INTERNATIONAL && enc == CSV_UTF8))
            continue;
        fprintf(out, "%s%s (", first ? L("; anders opgeslagen: ", "; saved otherwise: ") : ", ",
                m->inputs[i]);
        form_words(out, form, enc, lang);
        fputc(')', out);
        first = 0;
    }
    fputc('\n', out);
}

/* The observations and the plan lists. */
static void
check_history(FILE *out, const scenario *sc, enum report_lang lang)
{
    const model *m = &sc->m;
    char d1[16];
    size_t later = 0;

    for (size_t i = 0; i < m->n_obs; i++)
        later += (size_t) m->obs[i].later;
    if (m->n_obs > 0)
        fprintf(out, L("  waarnemingen %zu regels; geschiedenis tot 1 januari %d (daar begint de "
                       "prognose)%s\n",
                       "  observed   %zu rows; history up to 1 January %d (the forecast starts "
                       "there)%s\n"),
                m->n_obs, m->last_observed,
                later > 0 ? L("; latere regels verborgen", "; later rows hidden") : "");
    if (m->n_snapshots > 1 || (m->n_snapshots == 1 && m->snapshots[0].line > 0))
        fprintf(out, L("  planlijsten %zu; gebruikt wordt die van %s (%zu plannen)\n",
                       "  plan lists %zu; using the one of %s (%zu plans)\n"),
                m->n_snapshots, date_format(m->snapshots[m->current_snapshot].date, d1),
                m->n_plans);
}

void
summary_check(FILE *out, const scenario *sc, enum report_lang lang)
{
    const model *m = &sc->m;
    char b1[48], b2[48], b3[48];

    check_demography(out, sc, lang);
    scenariofile_print(out, &sc->spec, lang == LANG_NL);
    if (m->has_housing) {
        double hh = 0, dw = 0, vac = 0;
        for (size_t a = 0; a < m->n_areas; a++) {
            hh += m->hh_base[a];
            dw += m->stock0[a];
            vac += m->stock0[a] * m->vacancy[a];
        }
        fprintf(out, L("  huishoudens %s op 1 januari %d\n", "  households %s on 1 January %d\n"),
                N(b1, hh, 0), sc->spec.base_year);
        fprintf(out, L("  woningen   %s op 1 januari %d, frictieleegstand %s\n",
                       "  dwellings  %s on 1 January %d, frictional vacancy %s\n"),
                N(b2, dw, 0), sc->spec.base_year,
                dw > 0 ? fmt_pct(b3, sizeof b3, vac / dw, 1, lang) : "-");
        if (sc->spec.has_pipeline)
            check_plans(out, sc, lang);
    }
    check_history(out, sc, lang);
    check_targets(out, sc, lang);
    check_inputs(out, sc, lang);
}
