/* The negotiation section of report.html (report_regional.h). */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_regional.h"
#include "numfmt.h"
#include "regional_data.h"
#include "report_regional.h"

#define L(nl, en) (lang == LANG_NL ? (nl) : (en))

/* A planned allocation and the need that differ by more than this share of the larger
 * one, and by at least FLAG_MIN homes, are flagged. */
#define FLAG_SHARE 0.33
#define FLAG_MIN 25

typedef struct {
    strbuf *b;
    const regional_data *rd;
    enum report_lang lang;
    long runs;     /* the run's simulations (0: none or not known) */
    char n[6][48]; /* scratch for numbers */
} sec;

static void
html(strbuf *b, const char *s)
{
    for (; *s != '\0'; s++)
        switch (*s) {
        case '&': strbuf_add(b, "&amp;", 5); break;
        case '<': strbuf_add(b, "&lt;", 4); break;
        case '>': strbuf_add(b, "&gt;", 4); break;
        case '"': strbuf_add(b, "&quot;", 6); break;
        default: strbuf_add(b, s, 1);
        }
}

/* x rounded to whole numbers in scratch slot i. */
static const char *
n0(sec *s, int i, double x)
{
    return fmt_num(s->n[i], sizeof s->n[i], x, 0, s->lang);
}

static const regional_year *
year_of(const regional_data *rd, int year)
{
    for (size_t i = 0; i < rd->n_years; i++)
        if (rd->y[i].year == year)
            return &rd->y[i];
    return NULL;
}

static const regional_year *
last_observed(const regional_data *rd)
{
    const regional_year *y = NULL;
    for (size_t i = 0; i < rd->n_years; i++)
        if (rd->y[i].observed)
            y = &rd->y[i];
    return y;
}

static int
target_year(const regional_data *rd)
{
    return rd->has_own ? rd->own.at : rd->y[rd->n_years - 1].year;
}

static void
what_it_means(sec *s, const char *muni)
{
    const enum report_lang lang = s->lang;
    const double goal = s->rd->has_own ? s->rd->own.required : 1000;

    strbuf_printf(s->b, L("<p>In de Omgevingsvisie stelt %s zich ten doel om tot %d, naast de eigen "
                          "inwoners, minstens <strong>%s huishoudens van buiten</strong> een plaats "
                          "te geven, als bijdrage aan de groei van Regio Zwolle. Dat zijn huishoudens b\xc3\xb3venop de eigen "
                          "woningbehoefte van de gemeente.</p>\n",
                          "<p>In its Omgevingsvisie %s undertakes, by %d, to house at least "
                          "<strong>%s households from outside</strong> as its contribution to the "
                          "growth of Regio Zwolle: households on top of the municipality's own "
                          "housing need.</p>\n"),
                  muni, target_year(s->rd), n0(s, 0, goal));
    strbuf_printf(s->b, L("<p><strong>Hoe het gemeten wordt.</strong> De eigen woningbehoefte "
                          "is het aantal huishoudens dat de gemeente zou hebben als er per leeftijd "
                          "en geslacht evenveel mensen zich vestigden als er vertrekken "
                          "(migratiesaldo nul, binnenland en buitenland samen), met de verwachte "
                          "geboorte, sterfte en huishoudensvorming. Alles wat de gemeente daarboven "
                          "huisvest, telt als \xe2\x80\x9cvan buiten\xe2\x80\x9d. Gerekend vanaf 1 "
                          "januari %d. Huisvest de gemeente minder dan de eigen behoefte, dan is de "
                          "bijdrage negatief; die wordt niet op nul gezet.</p>\n",
                          "<p><strong>How it is measured.</strong> The own need is the number of "
                          "households the municipality would have if, for every age and sex, as "
                          "many people moved in as moved out (zero migration balance, domestic and "
                          "international together), with the expected births, deaths and "
                          "household formation. Everything the municipality houses beyond that "
                          "counts as \xe2\x80\x9c" "from outside\xe2\x80\x9d. Counted from 1 January "
                          "%d. Where it houses fewer than its own need, the contribution is "
                          "negative; it is not set to zero.</p>\n"),
                  s->rd->y[0].year);
}

static void
verdict(sec *s)
{
    const enum report_lang lang = s->lang;
    const regional_data *rd = s->rd;
    const regional_year *end = year_of(rd, target_year(rd)), *obs = last_observed(rd);

    if (end == NULL)
        return;
    strbuf_printf(s->b, L("<p>Volgens de prognose wonen er op 1 januari %d <strong>%s</strong> "
                          "huishoudens meer in de gemeente dan op 1 januari %d: %s door eigen "
                          "groei en <strong>%s van buiten</strong>.",
                          "<p>According to the forecast, on 1 January %d the municipality houses "
                          "<strong>%s</strong> more households than on 1 January %d: %s by own "
                          "growth and <strong>%s from outside</strong>."),
                  end->year, n0(s, 0, end->housed), rd->y[0].year, n0(s, 1, end->own),
                  n0(s, 2, end->outside));
    if (rd->has_own) {
        strbuf_printf(s->b, L(" Het doel van %s wordt daarmee naar verwachting <strong>%s</strong>",
                              " The target of %s is thus expected to be <strong>%s</strong>"),
                      n0(s, 0, rd->own.required),
                      rd->own.met ? L("gehaald", "met") : L("niet gehaald", "missed"));
        if (!isnan(rd->own.probability))
            strbuf_printf(s->b, L(" (kans %s; in 80%% van de simulaties tussen %s en %s van "
                                  "buiten)",
                                  " (probability %s; 80%% of the simulations between %s and %s "
                                  "from outside)"),
                          fmt_pct(s->n[1], sizeof s->n[1], rd->own.probability, 0, lang),
                          n0(s, 2, rd->own.p10), n0(s, 3, rd->own.p90));
        strbuf_add(s->b, ".", 1);
    }
    strbuf_add(s->b, "</p>\n", 5);
    if (obs != NULL && obs != end)
        strbuf_printf(s->b, L("<p><strong>Al gerealiseerd</strong> (waargenomen, tot 1 januari "
                              "%d): %s huishoudens erbij, waarvan %s eigen groei en %s van buiten. "
                              "<strong>Nog te gaan</strong> (prognose, tot 1 januari %d): %s "
                              "erbij, waarvan %s van buiten.</p>\n",
                              "<p><strong>Already realised</strong> (observed, to 1 January %d): "
                              "%s more households, of which %s own growth and %s from outside. "
                              "<strong>Still to come</strong> (forecast, to 1 January %d): %s "
                              "more, of which %s from outside.</p>\n"),
                      obs->year, n0(s, 0, obs->housed), n0(s, 1, obs->own),
                      n0(s, 2, obs->outside), end->year, n0(s, 3, end->housed - obs->housed),
                      n0(s, 4, end->outside - obs->outside));
    if (rd->has_trend)
        strbuf_printf(s->b, L("<p class=\"muted\">Ter vergelijking de maat die tot nu toe werd "
                              "gebruikt: huishoudens boven de trendprognose. Daarin zit de "
                              "trendmatige vestiging van buiten al, zodat de uitkomst vooral "
                              "afhangt van de aangenomen vestiging. Op die maat komt de bijdrage "
                              "naar verwachting uit op %s, %s de %s. Deze maat staat er "
                              "alleen ter vergelijking en telt niet als doel.</p>\n",
                              "<p class=\"muted\">For comparison, the measure used until now: "
                              "households beyond the trend projection. That projection already "
                              "contains the trend in-migration, so the result depends mostly on "
                              "the in-migration assumed. On that measure the contribution is "
                              "expected to come to %s, %s %s. It is shown for comparison "
                              "only and does not count as a target.</p>\n"),
                      n0(s, 0, rd->trend.expected),
                      rd->trend.met ? L("boven", "above") : L("onder", "below"),
                      n0(s, 1, rd->trend.required));
}

static void
range_cell(sec *s, double v, double lo, double hi)
{
    const enum report_lang lang = s->lang;
    strbuf_printf(s->b, "<td class=\"n\">%s", n0(s, 0, v));
    if (!isnan(lo) && !isnan(hi) && fabs(hi - lo) >= 0.5) /* observed years have no spread */
        strbuf_printf(s->b, " <span class=\"muted\">(%s %s %s)</span>", n0(s, 1, lo),
                      L("tot", "to"), n0(s, 2, hi));
    strbuf_add(s->b, "</td>", 5);
}

static void
account_table(sec *s)
{
    const enum report_lang lang = s->lang;
    const regional_data *rd = s->rd;

    strbuf_printf(s->b, L("<div class=\"tablewrap\">\n<table>\n<caption>De rekening per jaar, "
                          "opgeteld sinds 1 januari %d</caption>\n",
                          "<div class=\"tablewrap\">\n<table>\n<caption>The account per year, "
                          "counted from 1 January %d</caption>\n"),
                  rd->n_years > 0 ? rd->y[0].year : 0);
    strbuf_printf(s->b, "<thead>\n<tr>"
                        "<th>%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th>"
                        "<th class=\"n\">%s</th><th class=\"n\">%s</th><th>%s</th></tr>\n"
                        "</thead>\n<tbody>\n",
                  L("1 januari", "1 January"), L("Opgeleverde woningen", "Homes completed"),
                  L("Extra huishoudens", "Extra households"), L("Eigen groei", "Own growth"),
                  L("Van buiten", "From outside"), L("Waargenomen of prognose", "Kind"));
    for (size_t i = 1; i < rd->n_years; i++) {
        const regional_year *y = &rd->y[i];
        strbuf_printf(s->b, "<tr><td>%d</td><td class=\"n\">%s</td><td class=\"n\">%s</td>",
                      y->year, n0(s, 3, y->built), n0(s, 4, y->housed));
        range_cell(s, y->own, y->own_p10, y->own_p90);
        range_cell(s, y->outside, y->out_p10, y->out_p90);
        strbuf_printf(s->b, "<td>%s</td></tr>\n",
                      y->observed ? L("waargenomen", "observed") : L("prognose", "forecast"));
    }
    strbuf_printf(s->b, "</tbody>\n</table>\n</div>\n");
    if (rd->runs)
        strbuf_printf(s->b, "<p class=\"muted\">%s</p>\n",
                      L("Tussen haakjes: de marge waarbinnen 80% van de simulaties valt.",
                        "In brackets: the range that holds 80% of the simulations."));
}

/* A level as a reader knows it; a plan keeps its own name. */
static const char *
level_words(const char *id, enum report_lang lang)
{
    static const struct {
        const char *id, *nl, *en;
    } words[] = {
        {"fertility", "het geboortecijfer", "the fertility level"},
        {"mortality", "de sterfte", "the mortality level"},
        {"migration_in", "de vestiging van buiten", "in-migration"},
        {"migration_out", "het vertrek", "out-migration"},
        {"small_plans", "de kleine plannen en inbreiding samen", "small plans and infill together"},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(words[i].id, id) == 0)
            return L(words[i].nl, words[i].en);
    return id;
}

static void
drivers(sec *s)
{
    const enum report_lang lang = s->lang;
    const regional_data *rd = s->rd;

    strbuf_printf(s->b, "<h3>%s</h3>\n", L("Waar de uitkomst het meest van afhangt",
                                           "What the result depends on most"));
    if (rd->n_drivers == 0) {
        strbuf_printf(s->b, "<p class=\"muted\">%s</p>\n",
                      L("Alleen te bepalen met simulaties (landstad run ... --runs N).",
                        "Only known with simulations (landstad run ... --runs N)."));
        return;
    }
    strbuf_printf(s->b, "%s", L("<p>Het aantal huishoudens van buiten verschilt per simulatie. "
                                "Zo groot is het deel van die spreiding dat elk van deze "
                                "onzekerheden op zichzelf verklaart:</p>\n<ol>\n",
                                "<p>The households from outside differ between the "
                                "simulations. This is the part of that spread each of these "
                                "uncertainties explains on its own:</p>\n<ol>\n"));
    for (size_t i = 0; i < rd->n_drivers && i < 5; i++) {
        const regional_driver *x = &rd->drivers[i];
        strbuf_printf(s->b, "<li>%s", x->level ? "" : L("het plan ", "the plan "));
        html(s->b, x->level ? level_words(x->label, lang) : x->label);
        strbuf_printf(s->b, ": %s</li>\n",
                      fmt_pct(s->n[0], sizeof s->n[0], x->share > 0 ? x->share : 0, 0, lang));
    }
    if (rd->driver_runs > 0 && rd->driver_runs < s->runs) /* drivers.csv reads the first ones */
        strbuf_printf(s->b, L("</ol>\n<p class=\"muted\">Bron: drivers.csv (per onzekerheid het "
                              "deel van de spreiding dat zij op zichzelf verklaart, uit de eerste "
                              "%s van de %s simulaties).</p>\n",
                              "</ol>\n<p class=\"muted\">Source: drivers.csv (first-order variance "
                              "shares from the first %s of the %s simulations).</p>\n"),
                      fmt_num(s->n[0], sizeof s->n[0], (double) rd->driver_runs, 0, lang),
                      fmt_num(s->n[1], sizeof s->n[1], (double) s->runs, 0, lang));
    else
        strbuf_printf(s->b, "</ol>\n<p class=\"muted\">%s</p>\n",
                      L("Bron: drivers.csv (per onzekerheid het deel van de spreiding dat zij op "
                        "zichzelf verklaart, uit de simulaties).",
                        "Source: drivers.csv (first-order variance shares from the simulations)."));
}

static int
disagrees(const regional_kern *k)
{
    const double hi = fmax(k->required, k->need);
    return fabs(k->required - k->need) >= FLAG_MIN && fabs(k->required - k->need) > FLAG_SHARE * hi;
}

static void
kern_table(sec *s)
{
    const enum report_lang lang = s->lang;
    const regional_data *rd = s->rd;
    size_t flagged = 0;

    if (rd->n_kern == 0)
        return;
    for (size_t i = 0; i < rd->n_kern; i++)
        flagged += disagrees(&rd->kern[i]);
    strbuf_printf(s->b, "<h3>%s</h3>\n", L("Per kern: wat de plannen toewijzen en wat de behoefte is",
                                           "Per kern: what the plans allocate and what the need is"));
    strbuf_printf(s->b, L("<p>Het doel van %s woningen in %d\xe2\x80\x93%d is over de kernen "
                          "verdeeld naar <strong>%s</strong>. Daarnaast staat wat elke kern zou "
                          "krijgen bij een verdeling naar de verwachte groei van het aantal "
                          "huishoudens (de behoefte). In %zu kernen verschillen die twee "
                          "duidelijk (meer dan een derde en minstens %d woningen). Daar ligt "
                          "een keuze: de plannen bijstellen of de verdeling.</p>\n",
                          "<p>The target of %s homes in %d\xe2\x80\x93%d is split over the kernen "
                          "<strong>%s</strong>. Beside it: what each kern would get if the target "
                          "were split by the expected growth in households (the need). In %zu "
                          "kernen the two differ clearly (by more than a third and at least %d "
                          "homes). There lies a choice: adjust the plans or the split.</p>\n"),
                  n0(s, 0, rd->kern_threshold), rd->kern_from, rd->kern_to,
                  strcmp(rd->kern[0].allocation, "capacity") == 0
                      ? L("de verwachte oplevering van de plannen per kern",
                          "by the expected completions of the plans in each kern")
                  : strcmp(rd->kern[0].allocation, "shares") == 0
                      ? L("de door de gemeente vastgestelde aandelen",
                          "by the shares the council set")
                      : L("de groei van het aantal huishoudens", "by household growth"),
                  flagged, FLAG_MIN);
    strbuf_printf(s->b, "<div class=\"tablewrap\">\n<table>\n<thead>\n<tr><th>%s</th>"
                        "<th class=\"n\">%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th>",
                  L("Kern", "Kern"), L("Toegewezen", "Allocated"), L("Naar behoefte", "By need"),
                  L("Verwacht opgeleverd", "Expected completions"));
    if (rd->runs)
        strbuf_printf(s->b, "<th class=\"n\">%s</th>", L("Kans dat het deel gehaald wordt", "Probability met"));
    strbuf_printf(s->b, "<th>%s</th></tr>\n</thead>\n<tbody>\n", L("Signaal", "Flag"));
    for (size_t i = 0; i < rd->n_kern; i++) {
        const regional_kern *k = &rd->kern[i];
        strbuf_printf(s->b, "<tr><td>");
        html(s->b, k->kern);
        strbuf_printf(s->b, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td>",
                      n0(s, 0, k->required), n0(s, 1, k->need), n0(s, 2, k->expected));
        if (rd->runs)
            strbuf_printf(s->b, "<td class=\"n\">%s</td>",
                          isnan(k->probability) ? "-"
                                                : fmt_pct(s->n[3], sizeof s->n[3], k->probability,
                                                          0, lang));
        strbuf_printf(s->b, "<td>%s</td></tr>\n",
                      !disagrees(k)            ? ""
                      : k->need > k->required ? L("behoefte groter dan de plannen",
                                                  "need larger than the plans")
                                              : L("plannen groter dan de behoefte",
                                                  "plans larger than the need"));
    }
    strbuf_printf(s->b, "</tbody>\n</table>\n</div>\n");
}

/* The rendered SVG inline (its XML prologue dropped), so that the page stays one
 * self-contained file that prints; nothing when it was not rendered. */
static void
inline_svg(sec *s, const char *out)
{
    char *path = xasprintf("%s/plots/regional_account.svg", out);
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;

    free(path);
    if (f == NULL)
        return;
    for (;;) {
        size_t got;
        if (n + 4096 > cap)
            buf = xrealloc(buf, cap = 2 * cap + 4096);
        got = fread(buf + n, 1, cap - n - 1, f);
        if (got == 0)
            break;
        n += got;
    }
    fclose(f);
    if (buf != NULL) {
        const char *svg;
        buf[n] = '\0';
        svg = strstr(buf, "<svg");
        if (svg != NULL) {
            strbuf_printf(s->b, "<figure class=\"regional\">\n");
            strbuf_add(s->b, svg, strlen(svg));
            strbuf_printf(s->b, "<figcaption>%s</figcaption>\n</figure>\n",
                          s->lang == LANG_NL
                              ? "Extra gehuisveste huishoudens sinds 1 januari 2021: lichtblauw de "
                                "eigen groei, donkerblauw van buiten. Links van de stippellijn "
                                "waargenomen, rechts prognose."
                              : "Extra households housed since 1 January 2021: light blue own "
                                "growth, dark blue from outside. Left of the dotted line observed, "
                                "right forecast.");
        }
    }
    free(buf);
}

int
report_regional_present(const char *dir)
{
    regional_data rd;
    if (regional_data_load(&rd, dir) != 0)
        return 0;
    regional_data_free(&rd);
    return 1;
}

void
report_regional_section(strbuf *b, const char *dir, const char *out, const char *muni,
                        long runs, int render, enum report_lang lang)
{
    regional_data rd;
    sec s;
    char *plotdir;

    if (regional_data_load(&rd, dir) != 0)
        return;
    memset(&s, 0, sizeof s);
    s.b = b;
    s.rd = &rd;
    s.lang = lang;
    s.runs = runs;
    plotdir = xasprintf("%s/plots", out);
    /* One page the negotiators can print. */
    strbuf_printf(b, "<style>@media print{#regio{break-before:page;break-after:page}"
                     "#regio figure svg{max-height:9cm;width:100%%;height:auto}}"
                     "#regio figure svg{max-width:100%%;height:auto}</style>\n");
    strbuf_printf(b, "<section id=\"regio\">\n<h2>%s</h2>\n",
                  L("Regio Zwolle: de bijdrage van de gemeente", "Regio Zwolle: the municipality's contribution"));
    what_it_means(&s, muni != NULL ? muni : "");
    verdict(&s);
    if (chart_regional_write(&rd, plotdir, muni != NULL ? muni : "", render, lang))
        inline_svg(&s, out);
    account_table(&s);
    drivers(&s);
    kern_table(&s);
    strbuf_printf(b, "</section>\n");
    free(plotdir);
    regional_data_free(&rd);
}
