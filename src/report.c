/* report.html: one self-contained page over the CSV files of an output folder.
 *
 * report_build: read the folder (charts.c: rd_load), write every chart's .dat and
 * .gp (charts_write), render them with gnuplot when asked and present, then write
 * the page: headline cards per municipal target, the target table, the shortfall's
 * causes, the per-kern table sorted by severity, the charts (PNG as data URIs, with
 * their SVG, script and data linked), the estimated inputs and the run record. The
 * page links only files that exist; it is written to report.html.tmp and renamed. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "charts.h"
#include "date.h"
#include "output.h"
#include "plot.h"
#include "report.h"
#include "report_int.h"
#include "report_regional.h"
#include "util.h"
#include "workbook.h"


/* ---------------------------------------------------------------- small helpers */

void
put(strbuf *b, const char *s)
{
    strbuf_add(b, s, strlen(s));
}

/* Text for HTML content and attribute values. */
void
esc(strbuf *b, const char *s)
{
    for (; s != NULL && *s; s++) {
        switch (*s) {
        case '&': put(b, "&amp;"); break;
        case '<': put(b, "&lt;"); break;
        case '>': put(b, "&gt;"); break;
        case '"': put(b, "&quot;"); break;
        case '\'': put(b, "&#39;"); break;
        default: strbuf_add(b, s, 1);
        }
    }
}

static void
base64(strbuf *b, const unsigned char *p, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char out[4];
    size_t i;
    for (i = 0; i + 2 < n; i += 3) {
        const unsigned v = (unsigned) p[i] << 16 | (unsigned) p[i + 1] << 8 | p[i + 2];
        out[0] = tab[v >> 18 & 63];
        out[1] = tab[v >> 12 & 63];
        out[2] = tab[v >> 6 & 63];
        out[3] = tab[v & 63];
        strbuf_add(b, out, 4);
    }
    if (i < n) {
        const unsigned v = (unsigned) p[i] << 16 | (i + 1 < n ? (unsigned) p[i + 1] << 8 : 0);
        out[0] = tab[v >> 18 & 63];
        out[1] = tab[v >> 12 & 63];
        out[2] = i + 1 < n ? tab[v >> 6 & 63] : '=';
        out[3] = '=';
        strbuf_add(b, out, 4);
    }
}

/* The height of a PNG from its header, or 0. */
static unsigned
png_height(const char *buf, size_t len)
{
    const unsigned char *p = (const unsigned char *) buf;
    if (len < 24 || memcmp(p + 12, "IHDR", 4) != 0)
        return 0;
    return (unsigned) p[20] << 24 | (unsigned) p[21] << 16 | (unsigned) p[22] << 8 | p[23];
}

int
exists_in(const char *dir, const char *rel)
{
    char *p = xasprintf("%s/%s", dir, rel);
    struct stat st;
    int ok = stat(p, &st) == 0 && S_ISREG(st.st_mode);
    free(p);
    return ok;
}

/* A count of people, households or dwellings: expected values are not whole, but
 * decimals would suggest a precision the projection does not have. */
const char *
num(char *buf, size_t size, double x, enum report_lang lang)
{
    return fmt_num(buf, size, x, 0, lang);
}

void
report_date_words(strbuf *b, const char *iso, int with_time, enum report_lang lang)
{
    int y, mo, d, h, mi;
    const int n = sscanf(iso, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi);
    char w[48];

    if (n < 3 || mo < 1 || mo > 12 || d < 1 || d > 31) {
        esc(b, iso);
        return;
    }
    put(b, date_words(date_make(y, mo, d), lang == LANG_NL, w, sizeof w));
    if (with_time && n == 5)
        strbuf_printf(b, ", %02d:%02d UTC", h, mi);
}

/* The header line of an input file as a note: without the file's own name in
 * front, and marked as cut off when it stops mid-sentence. */
static void
note_text(strbuf *b, const char *file, const char *note)
{
    const char *base = strrchr(file, '/') != NULL ? strrchr(file, '/') + 1 : file;
    size_t n;
    if (strncmp(note, file, strlen(file)) == 0)
        note += strlen(file);
    else if (strncmp(note, base, strlen(base)) == 0)
        note += strlen(base);
    while (*note == ' ' || *note == ':' || *note == '-')
        note++;
    n = strlen(note);
    while (n > 0 && (note[n - 1] == ' ' || note[n - 1] == ','))
        n--;
    {
        char *t = xstrndup(note, n);
        esc(b, t);
        free(t);
    }
    if (n > 0 && note[n - 1] != '.' && note[n - 1] != ')')
        put(b, "\xe2\x80\xa6");
}

/* ---------------------------------------------------------------- words */

/* "3.000 woningen opleveren in 2022-2029" and friends. */
char *
target_label(const rd_target *t, enum report_lang lang)
{
    char n[64];
    const int annual = strcmp(t->window, "annual") == 0, cum = strcmp(t->window, "cumulative") == 0;
    fmt_num(n, sizeof n, t->required, t->required == floor(t->required) ? 0 : 1, lang);
    if (strcmp(t->measure, "completions") == 0) {
        if (annual)
            return xasprintf(L("%s woningen per jaar opleveren, %d\xe2\x80\x93%d",
                               "Complete %s dwellings a year, %d\xe2\x80\x93%d"),
                             n, t->ws, t->we);
        return xasprintf(L("%s woningen opleveren in %d\xe2\x80\x93%d",
                           "Complete %s dwellings in %d\xe2\x80\x93%d"),
                         n, t->ws, t->we);
    }
    if (strcmp(t->measure, "net_stock_growth") == 0) {
        if (annual)
            return xasprintf(L("Woningvoorraad %s per jaar erbij, %d\xe2\x80\x93%d",
                               "Dwelling stock up %s a year, %d\xe2\x80\x93%d"),
                             n, t->ws, t->we);
        return xasprintf(L("Woningvoorraad %s erbij in %d\xe2\x80\x93%d",
                           "Dwelling stock up %s in %d\xe2\x80\x93%d"),
                         n, t->ws, t->we);
    }
    if (strcmp(t->measure, "regional_beyond_own_need") == 0)
        return xasprintf(L("Regio Zwolle: %s huishoudens van buiten (boven de eigen behoefte) op "
                           "1 januari %d",
                           "Regio Zwolle: %s households from outside (beyond the own need) on 1 "
                           "January %d"),
                         n, t->ws);
    if (strcmp(t->measure, "regional_contribution") == 0)
        return xasprintf(L("Regionale bijdrage boven de trendprognose: %s huishoudens op 1 "
                           "januari %d",
                           "Regional contribution beyond the trend projection: %s households on "
                           "1 January %d"),
                         n, t->ws);
    if (strcmp(t->measure, "population") == 0)
        return xasprintf(L("%s inwoners op 1 januari %d", "%s inhabitants on 1 January %d"), n,
                         t->ws);
    if (strcmp(t->measure, "households") == 0)
        return xasprintf(L("%s huishoudens op 1 januari %d", "%s households on 1 January %d"), n,
                         t->ws);
    if (cum)
        return xasprintf("%s %s, %d\xe2\x80\x93%d", t->measure, n, t->ws, t->we);
    return xasprintf("%s %s, %d", t->measure, n, t->ws);
}

void
esc_label(strbuf *b, const rd_target *t, enum report_lang lang)
{
    char *label = target_label(t, lang);
    esc(b, label);
    free(label);
}

static char *
window_text(const rd_target *t, enum report_lang lang)
{
    if (strcmp(t->window, "annual") == 0)
        return xasprintf(L("elk kalenderjaar %d t/m %d", "every calendar year %d to %d"), t->ws, t->we);
    if (strcmp(t->window, "cumulative") == 0)
        return xasprintf(L("1 januari %d t/m 31 december %d", "1 January %d to 31 December %d"),
                         t->ws, t->we);
    return xasprintf(L("op 1 januari %d", "on 1 January %d"), t->ws);
}

/* The same, short, for tables. */
char *
window_short(const rd_target *t, enum report_lang lang)
{
    if (strcmp(t->window, "annual") == 0)
        return xasprintf(L("%d\xe2\x80\x93%d (elk jaar)", "%d\xe2\x80\x93%d (each year)"), t->ws, t->we);
    if (strcmp(t->window, "cumulative") == 0)
        return xasprintf("%d\xe2\x80\x93%d", t->ws, t->we);
    return xasprintf(L("1-1-%d", "1 Jan %d"), t->ws);
}

static const char *
view_text(const char *view, enum report_lang lang)
{
    return strcmp(view, "housing_led") == 0 ? L("woningmarktgestuurd", "housing-led")
                                            : L("trend", "trend");
}

static const char *
unit_word(const rd_target *t, enum report_lang lang)
{
    if (strcmp(t->measure, "population") == 0)
        return L("inwoners", "inhabitants");
    if (strcmp(t->measure, "households") == 0 || strncmp(t->measure, "regional_", 9) == 0)
        return L("huishoudens", "households");
    return L("woningen", "dwellings");
}

static const char *
scope_text(const rd *r, const rd_target *t, enum report_lang lang, char *buf, size_t size)
{
    (void) r;
    if (t->level == RD_MUNICIPALITY)
        snprintf(buf, size, "%s", L("gemeente", "municipality"));
    else if (t->level == RD_TIER && lang == LANG_NL)
        snprintf(buf, size, "%s", tier_label(t->scope + 5, 1, lang));
    else if (t->level == RD_TIER)
        snprintf(buf, size, "%s %s", L("type", "tier"), t->scope + 5);
    else
        snprintf(buf, size, "%s", t->scope + 5);
    return buf;
}

const char *
extra_text(char *buf, size_t size, double x, enum report_lang lang)
{
    if (isnan(x))
        snprintf(buf, size, "\xe2\x80\x93");
    else if (isinf(x))
        snprintf(buf, size, "%s", L("niet haalbaar", "unreachable"));
    else
        fmt_num(buf, size, x, 0, lang);
    return buf;
}

/* ---------------------------------------------------------------- sections */

static const char css[] =
    ":root{color-scheme:light}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;padding:0 1rem 2rem;font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,"
    "\"Helvetica Neue\",Arial,\"Noto Sans\",sans-serif;line-height:1.45;color:#1b1b1b;background:#fff}\n"
    "header,main,footer,nav{max-width:72rem;margin:0 auto}\n"
    "h1{font-size:1.55rem;margin:1.2rem 0 .3rem}\n"
    "h2{font-size:1.25rem;margin:2.2rem 0 .6rem;padding-top:.4rem;border-top:2px solid #e2e2e2}\n"
    "h3{font-size:1.05rem;margin:1.4rem 0 .4rem}\n"
    "p,li{max-width:48rem}\n"
    ".sub{color:#555;margin:.2rem 0}\n"
    "nav ul{list-style:none;padding:0;margin:.8rem 0;display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.95rem}\n"
    "a{color:#0b5394}\n"
    ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(max(17rem,calc((100% - 1.6rem) / 3)),1fr));gap:.8rem}\n"
    ".card{border:1px solid #d0d0d0;border-left:.45rem solid #888;border-radius:.3rem;padding:.5rem .8rem;background:#fafafa}\n"
    ".card h3{margin:.2rem 0 .3rem;font-size:1rem}\n"
    ".card p{margin:.25rem 0;font-size:.93rem}\n"
    ".card.met{border-left-color:#0b5394}.card.short{border-left-color:#b71c1c}\n"
    ".status{font-weight:700;font-size:1.05rem}\n"
    ".met .status{color:#0b5394}.short .status{color:#b71c1c}\n"
    ".id{color:#666;font-size:.8rem;font-family:ui-monospace,\"DejaVu Sans Mono\",Menlo,Consolas,monospace;word-break:break-all}\n"
    ".tablewrap{overflow-x:auto;margin:.5rem 0 .3rem;-webkit-overflow-scrolling:touch}\n"
    "table{border-collapse:collapse;font-size:.88rem;min-width:100%}\n"
    "caption{text-align:left;font-weight:600;padding:.2rem 0 .4rem}\n"
    "th,td{padding:.28rem .55rem;border-bottom:1px solid #e0e0e0;text-align:left;vertical-align:top}\n"
    "thead th{border-bottom:2px solid #999;background:#f3f3f3;position:sticky;top:0}\n"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\ntd.n{white-space:nowrap}\n"
    "td.short{color:#b71c1c;font-weight:600}td.surplus{color:#0b5394}\n"
    "dl.gloss dt{font-weight:600;margin-top:.5rem}dl.gloss dd{margin:0 0 .3rem}\n"
    "ul.advice li{margin:.5rem 0}\n"
    ".figwrap{overflow-x:auto;-webkit-overflow-scrolling:touch}\n.phone{display:none}\n"
    "@media (max-width:40rem){.figwrap img{max-width:none;width:44rem}.figwrap.wide img{width:auto}"
    ".phone{display:block;font-size:.85rem;color:#555;margin:.2rem 0}}\n"
    "tr.tier td{background:#f7f7f7}\n"
    "tr.grp th{background:#fff;font-size:.95rem;padding-top:.7rem;border-bottom:1px solid #bbb}\n"
    "tr.grp.cmp th{font-weight:600;font-style:italic;color:#444}\n"
    "table.targets tbody td:first-child{min-width:0}\n"
    "@media (max-width:40rem){table.stack,table.stack tbody,table.stack tr,table.stack th,"
    "table.stack td{display:block;min-width:0}table.stack thead{display:none}"
    "table.stack tr{border-bottom:1px solid #d0d0d0;padding:.2rem 0}"
    "table.stack tr.grp{border:0;padding-top:.6rem}"
    "table.stack td{border:0;padding:.1rem .4rem;text-align:right;white-space:normal}"
    "table.stack td::before{content:attr(data-label);float:left;text-align:left;color:#555;"
    "padding-right:1rem}}\n"
    ".muted{color:#666;font-size:.85em}\n.nw{white-space:nowrap}\n"
    "tbody td:first-child{min-width:10rem}\n"
    ".dl{font-size:.88rem;margin:.2rem 0 1rem}\n"
    ".card p.obs{color:#333;border-left:3px solid #555;padding-left:.4rem}\n"
    "td.src{font-size:.8rem;color:#555;min-width:14rem;overflow-wrap:anywhere}\n"
    "figure{margin:1rem 0 2rem}\n"
    "figure img{display:block;max-width:100%;height:auto;border:1px solid #e6e6e6}\n"
    "figcaption{font-size:.92rem;color:#333;margin-top:.4rem}\n"
    ".missing{border:1px dashed #999;padding:1rem;background:#fbfbfb}\n"
    "code{font-family:ui-monospace,\"DejaVu Sans Mono\",Menlo,Consolas,monospace;font-size:.9em;word-break:break-all}\n"
    "dl.rec{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.92rem}\n"
    "dl.rec dt{font-weight:600}dl.rec dd{margin:0;word-break:break-word}\n"
    "footer{margin-top:2rem;color:#666;font-size:.85rem}\n"
    "@media (max-width:40rem){body{padding:0 .6rem 1.5rem}h1{font-size:1.3rem}dl.rec{grid-template-columns:1fr}}\n"
    "@media print{body{padding:0;font-size:10pt}nav,.dl,.noprint,.phone{display:none}"
    "a{color:inherit;text-decoration:none}h2{break-after:avoid}"
    "figure,.card,tr{break-inside:avoid}.tablewrap,.figwrap{overflow:visible}thead th{position:static}"
    "figure img{max-height:24cm;width:auto}}\n";

static void
head(page *p, const char *title)
{
    const enum report_lang lang = p->lang;
    strbuf *b = p->b;
    put(b, "<!DOCTYPE html>\n<html lang=\"");
    put(b, L("nl", "en"));
    put(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"generator\" content=\"landstad\">\n<title>");
    esc(b, title);
    put(b, "</title>\n<style>\n");
    put(b, css);
    put(b, "</style>\n</head>\n<body>\n");
}

/* A link to a file of the folder when it exists, else its name as plain text. */
static void
file_link(page *p, const char *rel, const char *text)
{
    if (exists_in(p->r->dir, rel)) {
        put(p->b, "<a href=\"");
        esc(p->b, rel);
        put(p->b, "\">");
        esc(p->b, text != NULL ? text : rel);
        put(p->b, "</a>");
    } else
        esc(p->b, text != NULL ? text : rel);
}

void
section_begin(page *p, const char *id, const char *title)
{
    strbuf_printf(p->b, "<section id=\"%s\">\n<h2>%s</h2>\n", id, title);
}

/* A line of links to the section's files (those that exist), then its end. */
void
section_end(page *p, const char *const *files, size_t n)
{
    const enum report_lang lang = p->lang;
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        if (!exists_in(p->r->dir, files[i]))
            continue;
        if (!any)
            strbuf_printf(p->b, "<p class=\"dl\">%s ", L("Bestanden:", "Files:"));
        else
            put(p->b, " \xc2\xb7 ");
        file_link(p, files[i], NULL);
        any = 1;
    }
    if (any)
        put(p->b, "</p>\n");
    put(p->b, "</section>\n");
}

/* A table is table_begin, the header cells, table_body, the rows, table_end. */
const char table_begin[] = "<div class=\"tablewrap\">\n<table>\n<thead>\n<tr>",
                  table_body[] = "</tr>\n</thead>\n<tbody>\n",
                  table_end[] = "</tbody>\n</table>\n</div>\n";

/* A right-aligned cell: cls adds classes (" bad"), text is HTML. */
void
td_n(strbuf *b, const char *cls, const char *text)
{
    strbuf_printf(b, "<td class=\"n%s\">%s</td>", cls, text);
}

const char *
yes_no(int yes, enum report_lang lang)
{
    return yes ? L("ja", "yes") : L("nee", "no");
}

/* The colour of a gap or shortage, the same in every table: short red, surplus blue. */
static const char *
sign_class(double v)
{
    return v > 0.5 ? " short" : v < -0.5 ? " surplus" : "";
}

/* Required (unit after it, HTML), expected and gap of a target as three cells. */
static void
target_cells(strbuf *b, const rd_target *t, const char *unit, enum report_lang lang)
{
    char a[64];
    strbuf_printf(b, "<td class=\"n\">%s%s</td>", num(a, sizeof a, t->required, lang), unit);
    td_n(b, "", num(a, sizeof a, t->expected, lang));
    td_n(b, sign_class(t->gap), num(a, sizeof a, t->gap, lang));
}

int
n_runs(const rd *r)
{
    return r->runs != NULL ? atoi(r->runs) : 0;
}

/* Whether a target was already missed in an observed year (or is over and missed). */
int
decided(const rd_target *t)
{
    if (t->status == 2)
        return 1;
    return t->status == 1 && strcmp(t->window, "annual") == 0 && !t->met
           && t->worst_year <= t->obs_to && t->worst_expected < t->required - 1e-9;
}

/* One paragraph: what of a target's window is observed and what is forecast. */
static void
past_parts(page *p, const rd_target *t)
{
    const enum report_lang lang = p->lang;
    strbuf *b = p->b;
    const int annual = strcmp(t->window, "annual") == 0;
    const double n = annual ? t->we - t->ws + 1 : 1;
    char a[64], c[64];

    if (t->status == 0 || isnan(t->obs_part))
        return;
    if (strcmp(t->window, "at") == 0) {
        put(b, L("<p class=\"obs\">Deze datum ligt in het verleden: het getal is waargenomen "
                 "geschiedenis, in elke berekening hetzelfde.</p>\n",
                 "<p class=\"obs\">This date lies in the past: the number is observed history, the "
                 "same in every run.</p>\n"));
        return;
    }
    num(a, sizeof a, t->obs_part * n, lang);
    if (t->status == 2)
        strbuf_printf(b, L("<p class=\"obs\">De periode is voorbij: <strong>waargenomen</strong> %s "
                           "%s (%d\xe2\x80\x93%d).",
                           "<p class=\"obs\">The window is over: <strong>observed</strong> %s %s "
                           "(%d\xe2\x80\x93%d)."),
                      a, unit_word(t, lang), t->ws, t->we);
    else {
        num(c, sizeof c, t->fc_part * n, lang);
        strbuf_printf(b, L("<p class=\"obs\">Waargenomen %d\xe2\x80\x93%d: <strong>%s</strong>; "
                           "prognose %d\xe2\x80\x93%d: %s.",
                           "<p class=\"obs\">Observed %d\xe2\x80\x93%d: <strong>%s</strong>; "
                           "forecast %d\xe2\x80\x93%d: %s."),
                      t->ws, t->obs_to, a, t->obs_to + 1, t->we, c);
    }
    if (decided(t) && t->status == 1) {
        num(a, sizeof a, t->worst_expected, lang);
        strbuf_printf(b, L(" Al gemist: in %d zijn %s %s opgeleverd, minder dan nodig; daar "
                           "verandert geen extra plancapaciteit meer iets aan.",
                           " Already missed: %d completed %s %s, fewer than required; no extra plan "
                           "capacity changes that."),
                      t->worst_year, a, unit_word(t, lang));
    }
    put(b, "</p>\n");
}

static void
card(page *p, const rd_target *t)
{
    const enum report_lang lang = p->lang;
    strbuf *b = p->b;
    char *win = window_text(t, lang);
    char req[64], exp[64], gap[64], pct[64], a[64], c[64];
    const int annual = strcmp(t->window, "annual") == 0;
    const char *unit = unit_word(t, lang);

    num(req, sizeof req, t->required, lang);
    num(exp, sizeof exp, t->expected, lang);
    num(gap, sizeof gap, fabs(t->gap), lang);
    strbuf_printf(b, "<article class=\"card %s\">\n<h3>", t->met ? "met" : "short");
    esc_label(b, t, lang);
    strbuf_printf(b, "</h3>\n<p class=\"status\">%s</p>\n",
                  decided(t) ? (t->met ? L("Gehaald (waargenomen)", "Met (observed)")
                                       : L("Niet gehaald (waargenomen)", "Not met (observed)"))
                  : t->met   ? L("Naar verwachting gehaald", "Expected to be met")
                             : L("Naar verwachting niet gehaald", "Expected to be missed"));
    if (annual) {
        char worst[64];
        num(worst, sizeof worst, t->worst_expected, lang);
        if (lang == LANG_NL)
            strbuf_printf(b, "<p>Nodig: %s per jaar. Verwacht: gemiddeld <strong>%s</strong> per "
                             "jaar; in %d van de %d jaar genoeg",
                          req, exp, t->years_met, t->years);
        else
            strbuf_printf(b, "<p>Expected <strong>%s</strong> a year on average against %s "
                             "required; %d of %d years met",
                          exp, req, t->years_met, t->years);
        if (t->years_met < t->years)
            strbuf_printf(b, L(", het minst in %d: %s", ", worst year %d: %s"), t->worst_year,
                          worst);
        if (t->shortfall > 0) {
            num(a, sizeof a, t->shortfall, lang);
            strbuf_printf(b, L("; over de hele periode %s %s te weinig", "; %s %s short in all"), a, unit);
        }
        put(b, ".</p>\n");
    } else {
        if (lang == LANG_NL)
            strbuf_printf(b, "<p>Nodig: %s. Verwacht: <strong>%s</strong>, ", req, exp);
        else
            strbuf_printf(b, "<p>Expected <strong>%s</strong> against %s required: ", exp, req);
        if (t->gap > 0) {
            fmt_pct(pct, sizeof pct, t->required != 0 ? t->gap / t->required : NAN, 0, lang);
            strbuf_printf(b, L("<strong>%s %s te weinig</strong> (%s van het doel).</p>\n",
                               "<strong>%s %s short</strong> (%s of the target).</p>\n"),
                          gap, unit, pct);
        } else
            strbuf_printf(b, L("%s %s meer dan nodig.</p>\n", "%s %s more than needed.</p>\n"),
                          gap, unit);
    }
    past_parts(p, t);
    strbuf_printf(b, "<p>%s: ", L("Periode", "Window"));
    esc(b, win);
    /* completions and the regional contribution do not depend on the view */
    if (strcmp(t->measure, "population") == 0 || strcmp(t->measure, "households") == 0)
        strbuf_printf(b, "; %s: %s", L("variant", "projection"), view_text(t->view, lang));
    put(b, ".</p>\n");
    if (!isnan(t->prob)) {
        fmt_pct(pct, sizeof pct, t->prob, 1, lang);
        strbuf_printf(b, L("<p>Kans dat het doel gehaald wordt: <strong>%s</strong>",
                           "<p>Probability of meeting it: <strong>%s</strong>"),
                      pct);
        if (n_runs(p->r) > 0)
            strbuf_printf(b, L(" (%s simulaties)", " (%s simulations)"),
                          num(a, sizeof a, n_runs(p->r), lang));
        if (!isnan(t->v_p10) && !isnan(t->v_p90)) {
            num(a, sizeof a, t->v_p10, lang);
            num(c, sizeof c, t->v_p90, lang);
            strbuf_printf(b, L("; 80%% van de simulaties tussen %s en %s%s",
                               "; 80%% of the simulations between %s and %s%s"),
                          a, c, annual ? L(" per jaar", " a year") : "");
        }
        put(b, ".</p>\n");
        if (!decided(t) && t->extra80 == 0 && t->extra90 == 0)
            put(b, L("<p>Geen extra plancapaciteit nodig, ook niet voor 90% kans.</p>\n",
                     "<p>No extra plan capacity needed, not even for a 90% chance.</p>\n"));
        else if (!decided(t) && (!isnan(t->extra80) || !isnan(t->extra90))) {
            extra_text(a, sizeof a, t->extra80, lang);
            extra_text(c, sizeof c, t->extra90, lang);
            strbuf_printf(b, L("<p>Extra plancapaciteit nodig voor 80%% kans: <strong>%s</strong> "
                               "woningen; voor 90%% kans: <strong>%s</strong>",
                               "<p>Extra plan capacity needed for an 80%% chance: <strong>%s</strong> "
                               "dwellings; for 90%%: <strong>%s</strong>"),
                          a, c);
            if (p->r->extra_from > 0)
                strbuf_printf(b, L(" (op te leveren vanaf %d; een plan dat nu wordt toegevoegd, is "
                                   "niet eerder klaar)",
                                   " (delivering from %d: a plan added now cannot be ready "
                                   "earlier)"),
                              p->r->extra_from);
            put(b, has_advice(p->r) ? L(". Zie het <a href=\"#advies\">advies per doel</a>.</p>\n", ".</p>\n")
                                    : ".</p>\n");
        }
    }
    if (lang != LANG_NL) { /* the Dutch report names targets only in words */
        put(b, "<p class=\"id\">");
        esc(b, t->id);
        put(b, "</p>\n");
    }
    put(b, "</article>\n");
    free(win);
}

/* The completion target every kern is measured against in the per-kern table: the
 * municipal one with the longest window (the latest end on a tie), or -1. */
static int
main_completion_target(const rd *r)
{
    int best = -1;
    for (size_t i = 0; i < r->n_targets; i++) {
        const rd_target *t = &r->t[i];
        int has_kern = 0;
        if (t->level != RD_MUNICIPALITY || strcmp(t->measure, "completions") != 0)
            continue;
        for (size_t j = 0; j < r->n_targets && !has_kern; j++)
            has_kern = r->t[j].level == RD_KERN && strcmp(r->t[j].id, t->id) == 0;
        if (!has_kern)
            continue;
        if (best < 0 || t->we - t->ws > r->t[best].we - r->t[best].ws ||
            (t->we - t->ws == r->t[best].we - r->t[best].ws && t->we > r->t[best].we))
            best = (int) i;
    }
    return best;
}

/* The year whose 1 January shortage the kern table shows beside the horizon: the
 * day after the first cumulative completion target (2030 for "3,000 before 2030"),
 * else the middle of the projection. */
static int
shortage_year(const rd *r)
{
    int y = 0;
    for (size_t i = 0; i < r->n_targets; i++) {
        const rd_target *t = &r->t[i];
        if (t->level == RD_MUNICIPALITY && strcmp(t->measure, "completions") == 0 &&
            strcmp(t->window, "cumulative") == 0 && (y == 0 || t->we + 1 < y))
            y = t->we + 1;
    }
    if (y == 0 || rd_year(r, y) < 0 || y == r->y1)
        y = r->y0 + (r->y1 - r->y0) / 2;
    return y;
}

int
muni_target(const rd_target *t)
{
    return t->level == RD_MUNICIPALITY && !t->comparison;
}

/* The first row of target id at a level (index -1 for the municipality), or NULL. */
const rd_target *
find_target(const rd *r, enum rd_level level, int index, const char *id)
{
    for (size_t j = 0; j < r->n_targets; j++)
        if (r->t[j].level == level && r->t[j].index == index && strcmp(r->t[j].id, id) == 0)
            return &r->t[j];
    return NULL;
}

typedef struct {
    size_t k;
    const rd_target *t;
    double gap, sh_mid, sh_end;
} kern_line;

static int
kern_line_cmp(const void *a, const void *b)
{
    const kern_line *x = a, *y = b;
    const double gx = x->t != NULL ? x->gap : -INFINITY, gy = y->t != NULL ? y->gap : -INFINITY;
    if (gx != gy)
        return gx > gy ? -1 : 1;
    if (x->sh_mid != y->sh_mid)
        return isnan(y->sh_mid) || x->sh_mid > y->sh_mid ? -1 : 1;
    return x->k < y->k ? -1 : x->k > y->k;
}

static void
headline(page *p)
{
    const enum report_lang lang = p->lang;
    const rd *r = p->r;
    strbuf *b = p->b;
    size_t n = 0, met = 0;
    char a[64];

    for (size_t i = 0; i < r->n_targets; i++)
        if (muni_target(&r->t[i])) {
            n++;
            met += (size_t) r->t[i].met;
        }
    section_begin(p, "kernpunten", L("Kernpunten", "Headline"));
    if (n > 0) {
        strbuf_printf(b, L("<p>Van de %zu doelen voor de gemeente worden er naar verwachting "
                           "<strong>%zu gehaald</strong> en <strong>%zu niet</strong>.",
                           "<p>Of the %zu municipal targets, the expected path "
                           "<strong>meets %zu</strong> and <strong>misses %zu</strong>."),
                      n, met, n - met);
        if (r->has_prob)
            put(b, has_certainty(r) ? L(" De kansen komen uit de simulaties (zie \xe2\x80\x9cHoe zeker is dit?\xe2\x80\x9d).",
                                        " The probabilities come from the simulations (see \xe2\x80\x9cHow certain is this?\xe2\x80\x9d).")
                                    : L(" De kansen komen uit de simulaties.",
                     " The probabilities come from the Monte Carlo simulations."));
        put(b, "</p>\n<div class=\"cards\">\n");
        for (size_t i = 0; i < r->n_targets; i++)
            if (muni_target(&r->t[i]))
                card(p, &r->t[i]);
        put(b, "</div>\n");
    }
    /* Where and when: the municipal shortage over time, the kernen most short. */
    if (r->has_housing) {
        int peak = -1, ym = shortage_year(r);
        const int yi = rd_year(r, ym);
        put(b, "<ul>\n");
        for (size_t y = 0; y < r->n_years; y++)
            if (!isnan(r->muni_shortage[y]) && (peak < 0 || r->muni_shortage[y] > r->muni_shortage[peak]))
                peak = (int) y;
        if (peak >= 0) {
            const double end = r->muni_shortage[r->n_years - 1];
            if (r->muni_shortage[peak] > 0) {
                num(a, sizeof a, r->muni_shortage[peak], lang);
                strbuf_printf(b, L("<li>Woningtekort in de hele gemeente (trend): het grootst op 1 "
                                   "januari %d, <strong>%s</strong> woningen",
                                   "<li>Housing shortage in the whole municipality (trend): largest "
                                   "on 1 January %d, <strong>%s</strong> dwellings"),
                              r->y0 + peak, a);
            } else
                strbuf_printf(b, "%s", L("<li>De gemeente als geheel heeft in geen enkel jaar een "
                                         "woningtekort (trend)",
                                         "<li>The municipality as a whole has no housing shortage "
                                         "in any year (trend)"));
            num(a, sizeof a, fabs(end), lang);
            strbuf_printf(b, L("; op 1 januari %d naar verwachting %s %s.</li>\n",
                               "; on 1 January %d expected: %s %s.</li>\n"),
                          r->y1, end > 0 ? L("een tekort van", "a shortage of")
                                         : L("een overschot van", "a surplus of"),
                          a);
        }
        if (yi >= 0) {
            kern_line *kl = xcalloc(r->n_kern, sizeof *kl);
            size_t nk = 0;
            for (size_t k = 0; k < r->n_kern; k++) {
                const double v = r->shortage[k * r->n_years + (size_t) yi];
                if (!isnan(v) && v > 0.5) /* without a target: sorted by the shortage */
                    kl[nk++] = (kern_line){.k = k, .gap = v, .sh_mid = v};
            }
            qsort(kl, nk, sizeof *kl, kern_line_cmp);
            if (nk > 0) {
                strbuf_printf(b, L("<li>Op 1 januari %d naar verwachting een woningtekort in %zu van "
                                   "de %zu kernen; het grootst in ",
                                   "<li>Shortage on 1 January %d in %zu of %zu kernen; largest in "),
                              ym, nk, r->n_kern);
                for (size_t i = 0; i < nk && i < 3; i++) {
                    if (i > 0)
                        put(b, i + 1 == nk || i == 2 ? L(" en ", " and ") : ", ");
                    esc(b, r->kern[kl[i].k]);
                    strbuf_printf(b, " (%s)", num(a, sizeof a, kl[i].sh_mid, lang));
                }
                put(b, ".</li>\n");
            }
            free(kl);
        }
        {
            const int mt = main_completion_target(r);
            if (mt >= 0) {
                size_t nk = 0, miss = 0;
                for (size_t k = 0; k < r->n_kern; k++) {
                    const rd_target *t = find_target(r, RD_KERN, (int) k, r->t[mt].id);
                    if (t != NULL) {
                        nk++;
                        miss += !t->met;
                    }
                }
                strbuf_printf(b, L("<li>Doel \xe2\x80\x9c", "<li>Target \xe2\x80\x9c"));
                esc_label(b, &r->t[mt], lang);
                if (miss == 0 && lang == LANG_NL)
                    strbuf_printf(b, "\xe2\x80\x9d verdeeld over de kernen: naar verwachting "
                                     "<strong>in alle %zu kernen gehaald</strong> (zie de tabel per "
                                     "kern).</li>\n",
                                  nk);
                else
                    strbuf_printf(b, L("\xe2\x80\x9d verdeeld over de kernen: in <strong>%zu van de %zu</strong> "
                                       "kernen naar verwachting niet gehaald (zie de tabel per kern).</li>\n",
                                       "\xe2\x80\x9d split over the kernen: missed in <strong>%zu of "
                                       "%zu</strong> kernen (see the table per kern).</li>\n"),
                                  miss, nk);
            }
        }
        put(b, "</ul>\n");
    }
    section_end(p, NULL, 0);
}

/* The cell of the targets table that says whether a row is expected to be met. */
static void
met_cell(strbuf *b, const rd_target *t, enum report_lang lang)
{
    put(b, L("<td data-label=\"Naar verwachting gehaald\">",
             "<td data-label=\"Expected to be met\">"));
    put(b, yes_no(t->met, lang));
    if (strcmp(t->window, "annual") == 0)
        strbuf_printf(b, L(": %d van %d jaar", ": %d of %d years"), t->years_met, t->years);
    if (decided(t))
        put(b, t->level == RD_MUNICIPALITY
                   ? L(" <span class=\"muted nw\">(al waargenomen)</span>",
                       " <span class=\"muted nw\">(observed)</span>")
                   : L(" <span class=\"muted nw\">(waargenomen, verdeeld)</span>",
                       " <span class=\"muted nw\">(observed, distributed)</span>"));
    put(b, "</td>");
}

/* One row of the targets table: the municipality or a tier. */
static void
target_row(page *p, const rd_target *t)
{
    const enum report_lang lang = p->lang;
    strbuf *b = p->b;
    const int annual = strcmp(t->window, "annual") == 0;
    char s[256], a[64];

    strbuf_printf(b, "<tr%s><td class=\"nw\" data-label=\"%s\">", t->level == RD_TIER ? " class=\"tier\"" : "",
                  L("Gebied", "Area"));
    esc(b, scope_text(p->r, t, lang, s, sizeof s));
    strbuf_printf(b, "</td><td class=\"n\" data-label=\"%s\">%s%s</td>", L("Nodig", "Required"),
                  num(a, sizeof a, t->required, lang),
                  annual ? L(" <span class=\"muted\">per jaar</span>", " <span class=\"muted\">a year</span>") : "");
    strbuf_printf(b, "<td class=\"n\" data-label=\"%s\">%s</td>", L("Verwacht", "Expected"),
                  num(a, sizeof a, t->expected, lang));
    strbuf_printf(b, "<td class=\"n%s\" data-label=\"%s\">%s</td>", sign_class(t->gap),
                  L("Achterstand", "Gap"), num(a, sizeof a, t->gap, lang));
    met_cell(b, t, lang);
    strbuf_printf(b, "<td class=\"n\" data-label=\"%s\">", L("Al waargenomen", "Observed so far"));
    if (t->status == 2)
        put(b, L("alles", "all"));
    else if (t->status == 1 && strcmp(t->window, "at") != 0)
        strbuf_printf(b, L("%s <span class=\"muted nw\">t/m %d</span>", "%s <span class=\"muted nw\">to %d</span>"),
                      num(a, sizeof a, t->obs_part * (annual ? t->we - t->ws + 1 : 1), lang),
                      t->obs_to);
    else
        put(b, "\xe2\x80\x93");
    put(b, "</td>");
    if (p->r->has_prob) {
        const char *dash = "\xe2\x80\x93";
        char e8[64], e9[64];
        strbuf_printf(b, "<td class=\"n\" data-label=\"%s\">%s</td>", L("Kans", "Probability"),
                      fmt_pct(a, sizeof a, t->prob, 1, lang));
        strbuf_printf(b, "<td class=\"n\" data-label=\"%s\">%s</td>"
                         "<td class=\"n\" data-label=\"%s\">%s</td>",
                      L("Extra voor 80% kans", "Extra for 80%"),
                      t->comparison ? dash : decided(t) ? L("al beslist", "decided")
                                          : extra_text(e8, sizeof e8, t->extra80, lang),
                      L("Extra voor 90% kans", "Extra for 90%"),
                      t->comparison ? dash : decided(t) ? L("al beslist", "decided")
                                          : extra_text(e9, sizeof e9, t->extra90, lang));
    }
    put(b, "</tr>\n");
}

/* The rows of the targets table: per target a heading row, then the municipality and
 * the tiers; comparison == 1 writes the rows shown for comparison only. */
static void
target_rows(page *p, int comparison, int cols)
{
    const enum report_lang lang = p->lang;
    const rd *r = p->r;
    strbuf *b = p->b;

    for (size_t i = 0; i < r->n_targets; i++) {
        const rd_target *t = &r->t[i];
        char *win;
        if (t->level == RD_KERN || t->comparison != comparison)
            continue;
        if (t->level == RD_MUNICIPALITY) {
            /* the label names the years; the heading adds what they mean */
            win = strcmp(t->window, "annual") == 0 ? xstrdup(L("elk kalenderjaar", "every calendar year"))
                  : strcmp(t->window, "cumulative") == 0 ? window_text(t, lang)
                                                          : NULL;
            strbuf_printf(b, "<tr class=\"grp%s\"><th colspan=\"%d\" scope=\"rowgroup\">",
                          comparison ? " cmp" : "", cols);
            if (comparison)
                put(b, L("Ter vergelijking, telt niet als doel: ",
                         "For comparison, not counted as a target: "));
            esc_label(b, t, lang);
            if (win != NULL) {
                put(b, " <span class=\"muted\">(");
                esc(b, win);
                put(b, ")</span>");
            }
            put(b, "</th></tr>\n");
            free(win);
        }
        target_row(p, t);
    }
}

static void
target_table(page *p)
{
    const enum report_lang lang = p->lang;
    const rd *r = p->r;
    strbuf *b = p->b;
    static const char *const files[] = {"targets.csv", "gap_decomposition.csv"};
    const int cols = r->has_prob ? 9 : 6;
    char a[64];
    int any_cmp = 0;

    if (!r->has_targets || r->n_targets == 0)
        return;
    for (size_t i = 0; i < r->n_targets; i++)
        any_cmp |= r->t[i].comparison;
    section_begin(p, "doelen", L("Doelen", "Targets"));
    strbuf_printf(b, "%s",
                  L("<p>Per doel de gemeente en elk type kern. <em>Achterstand</em> = nodig min "
                    "verwacht: positief (rood) is te weinig, negatief (blauw) meer dan nodig. Bij "
                    "jaarlijkse doelen staan gemiddelden per jaar; zo\xe2\x80\x99n doel is pas "
                    "gehaald als het in elk jaar gehaald wordt.</p>\n",
                    "<p>Each target for the municipality and each tier. <em>Gap</em> = required minus "
                    "expected: positive is short. Annual targets show means per year; such a target "
                    "is met only if every year meets it.</p>\n"));
    put(b, "<div class=\"tablewrap\">\n<table class=\"stack targets\">\n<thead>\n<tr>");
    strbuf_printf(b, "<th>%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th>"
                     "<th class=\"n\">%s</th><th>%s</th><th class=\"n\">%s</th>",
                  L("Gebied", "Area"), L("Nodig", "Required"), L("Verwacht", "Expected"),
                  L("Achter&shy;stand", "Gap"),
                  L("Naar verwachting gehaald", "Expected to be met"),
                  L("Al waar&shy;genomen", "Observed so far"));
    if (r->has_prob)
        strbuf_printf(b, "<th class=\"n\">%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th>",
                      L("Kans", "Probability"), L("Extra voor 80% kans", "Extra for 80%"),
                      L("Extra voor 90% kans", "Extra for 90%"));
    put(b, table_body);
    target_rows(p, 0, cols);
    target_rows(p, 1, cols);
    put(b, table_end);
    strbuf_printf(b, "%s", L("<p class=\"muted\">Al waargenomen: wat in de periode al is "
                             "opgeleverd of geteld, tot en met het genoemde jaar; de rest is "
                             "prognose.",
                             "<p class=\"muted\">Observed so far: what the window has already "
                             "completed or counted, to the year given; the rest is forecast."));
    if (any_cmp)
        put(b, L(" Een rij <em>ter vergelijking</em> meet een doel op een andere manier (zoals "
                 "het tot nu toe werd gemeten); die telt niet mee in het aantal gehaalde doelen "
                 "en krijgt geen advies.",
                 " A row <em>for comparison</em> measures a target another way (as it was "
                 "measured until now); it is not counted among the targets met and gets no "
                 "advice."));
    put(b, "</p>\n");
    if (r->has_prob)
        put(b, L("<p class=\"muted\">Kans: het deel van de simulaties waarin het doel gehaald wordt. "
                 "Extra voor 80% of 90% kans: het aantal woningen aan extra zachte plannen waarmee het "
                 "doel met die kans gehaald wordt (zie het advies per doel); die capaciteit telt alleen in jaren die nog komen en waarin een "
                 "plan dat nu wordt toegevoegd nog kan opleveren. <em>Al beslist</em>: wat al "
                 "waargenomen is, bepaalt de uitkomst.</p>\n",
                 "<p class=\"muted\">Probability: the share of the simulations that meet the target. "
                 "Extra 80% and 90%: dwellings of additional (soft) plan capacity that would meet the "
                 "target with 80% or 90% probability; it counts only in years still to come in which a "
                 "plan added now could deliver. <em>Decided</em>: what was observed settles it.</p>\n"));
    if (r->n_decomp > 0) {
        strbuf_printf(b, "<h3>%s</h3>\n%s", L("Waar de achterstand vandaan komt", "Where the shortfall comes from"),
                      L("<p>Per opleveringsdoel: wat er in de periode gepland is, wat overblijft na "
                        "uitval van plannen en wat na vertraging verwacht wordt. De achterstand is de "
                        "som van drie oorzaken: te weinig plannen, uitval van plannen en vertraging; "
                        "een negatief getal werkt in het voordeel.</p>\n",
                        "<p>Per completion target: what is planned in the window, what is left after "
                        "plans fail and what is expected after delay. The shortfall is the sum of three "
                        "causes: capacity never planned, plan failure and delay; a negative number "
                        "helps.</p>\n"));
        if (r->n_decomp > 0 && !isnan(r->dc[0].observed))
            put(b, L("<p>Wat al opgeleverd is, telt als <em>waargenomen</em>; <em>kleine plannen</em> "
                     "zijn kleine plannen en inbreiding buiten de plannenlijst, in het tempo dat de "
                     "waarnemingen laten zien. <em>Gepland</em> zijn de plannen uit de lijst die nog "
                     "moeten komen.</p>\n",
                     "<p>What was already completed counts as <em>observed</em>; <em>small plans</em> "
                     "are small plans and infill beyond the plan list, at the pace the observations "
                     "show. <em>Planned</em> are the listed plans still to come.</p>\n"));
        put(b, table_begin);
        strbuf_printf(b, "<th>%s</th><th class=\"n\">%s</th>", L("Doel", "Target"),
                      L("Nodig", "Required"));
        if (r->n_decomp > 0 && !isnan(r->dc[0].observed))
            strbuf_printf(b, "<th class=\"n\">%s</th><th class=\"n\">%s</th>",
                          L("Waargenomen", "Observed"), L("Kleine plannen", "Small plans"));
        strbuf_printf(b,
                      "<th class=\"n\">%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th>"
                      "<th class=\"n\">%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th>"
                      "<th class=\"n\">%s</th>",
                      L("Gepland", "Planned"), L("Na uitval", "After failure"),
                      L("Verwacht", "Expected"), L("Achterstand", "Shortfall"),
                      L("Door te weinig plannen", "Never planned"),
                      L("Door uitval", "Plan failure"), L("Door vertraging", "Delay"));
        put(b, table_body);
        for (size_t i = 0; i < r->n_decomp; i++) {
            const rd_decomp *x = &r->dc[i];
            const double v[] = {x->required,  x->planned,       x->after_failure, x->expected,
                                x->shortfall, x->never_planned, x->plan_failure,  x->delay};
            const rd_target *t = find_target(r, RD_MUNICIPALITY, -1, x->target);
            put(b, "<tr><td>");
            if (t != NULL)
                esc_label(b, t, lang);
            else
                esc(b, x->target);
            put(b, "</td>");
            td_n(b, "", num(a, sizeof a, v[0], lang));
            if (!isnan(x->observed)) {
                td_n(b, "", num(a, sizeof a, x->observed, lang));
                td_n(b, "", num(a, sizeof a, x->small, lang));
            }
            for (size_t j = 1; j < 8; j++) /* the shortfall in colour */
                td_n(b, j == 4 ? sign_class(v[j]) : "", num(a, sizeof a, v[j], lang));
            put(b, "</tr>\n");
        }
        put(b, table_end);
        put(b, L("<p class=\"muted\">Bij jaarlijkse doelen zijn de getallen gemiddelden per jaar.</p>\n",
                 "<p class=\"muted\">For annual targets the numbers are means per year.</p>\n"));
    }
    section_end(p, files, 2);
}

static void
kern_table(page *p)
{
    const enum report_lang lang = p->lang;
    const rd *r = p->r;
    strbuf *b = p->b;
    static const char *const files[] = {"targets.csv", "households.csv", "gaps.csv",
                                        "completions.csv"};
    const int mt = main_completion_target(r), ym = shortage_year(r);
    const int yi = rd_year(r, ym), ye = (int) r->n_years - 1;
    const int prob = mt >= 0 && r->has_prob;
    kern_line *kl;
    char a[64];

    if (!r->has_housing && mt < 0)
        return;
    kl = xcalloc(r->n_kern, sizeof *kl);
    for (size_t k = 0; k < r->n_kern; k++) {
        kl[k].k = k;
        kl[k].t = mt >= 0 ? find_target(r, RD_KERN, (int) k, r->t[mt].id) : NULL;
        kl[k].gap = kl[k].t != NULL ? kl[k].t->gap : NAN;
        kl[k].sh_mid = r->has_housing && yi >= 0 ? r->shortage[k * r->n_years + (size_t) yi] : NAN;
        kl[k].sh_end = r->has_housing ? r->shortage[k * r->n_years + (size_t) ye] : NAN;
    }
    qsort(kl, r->n_kern, sizeof *kl, kern_line_cmp);
    section_begin(p, "kernen", L("Per kern", "Per kern"));
    put(b, "<p>");
    if (mt >= 0) {
        strbuf_printf(b, L("Het doel \xe2\x80\x9c", "The target \xe2\x80\x9c"));
        esc_label(b, &r->t[mt], lang);
        put(b, L("\xe2\x80\x9d is over de kernen verdeeld (het toegewezen deel); de kernen met de "
                 "grootste achterstand op dat doel staan bovenaan. ",
                 "\xe2\x80\x9d is split over the kernen (the allocated share); the kernen furthest "
                 "short of it come first. "));
    }
    if (r->has_housing)
        strbuf_printf(b, L("<em>Woningtekort</em> = woningbehoefte min woningvoorraad op 1 januari "
                           "(trend); positief (rood) is een tekort, negatief (blauw) een overschot.",
                           "<em>Shortage</em> = demand for dwellings minus the stock on 1 January "
                           "(trend); negative is a surplus."));
    put(b, "</p>\n");
    put(b, table_begin);
    strbuf_printf(b, "<th>%s</th><th>%s</th>", L("Kern", "Kern"), L("Type kern", "Tier"));
    if (mt >= 0) {
        strbuf_printf(b, "<th class=\"n\">%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th>",
                      L("Toegewezen deel van het doel", "Allocated target"), L("Verwacht", "Expected"),
                      L("Achterstand op het doel", "Gap to target"));
        if (prob)
            strbuf_printf(b, "<th class=\"n\">%s</th>", L("Kans", "Probability"));
    }
    if (r->has_housing) {
        if (yi >= 0)
            strbuf_printf(b, L("<th class=\"n\">Woningtekort <span class=\"nw\">1-1-%d</span></th>",
                               "<th class=\"n\">Shortage <span class=\"nw\">1 Jan %d</span></th>"),
                          ym);
        strbuf_printf(b, L("<th class=\"n\">Woningtekort <span class=\"nw\">1-1-%d</span></th>",
                           "<th class=\"n\">Shortage <span class=\"nw\">1 Jan %d</span></th>"),
                      r->y1);
    }
    put(b, table_body);
    for (size_t i = 0; i < r->n_kern; i++) {
        const kern_line *x = &kl[i];
        const int tier = r->kern_tier[x->k];
        put(b, "<tr><td>");
        esc(b, r->kern[x->k]);
        put(b, "</td><td>");
        esc(b, tier >= 0 ? tier_label(r->tier[tier], 0, lang) : "");
        put(b, "</td>");
        if (mt >= 0) {
            if (x->t != NULL) {
                target_cells(b, x->t, "", lang);
                if (prob)
                    td_n(b, "", fmt_pct(a, sizeof a, x->t->prob, 0, lang));
            } else
                for (int j = 0; j < 3 + prob; j++)
                    td_n(b, "", "-");
        }
        if (r->has_housing) {
            for (int j = 0; j < 2; j++) {
                const int y = j == 0 ? yi : ye;
                double v, dw, pc;
                char pcs[64];
                if (y < 0)
                    continue;
                v = r->shortage[x->k * r->n_years + (size_t) y];
                dw = r->dw[x->k * r->n_years + (size_t) y];
                pc = dw > 0 && !isnan(v) ? v / dw : NAN;
                strbuf_printf(b, "<td class=\"n%s\">%s", sign_class(v), num(a, sizeof a, v, lang));
                if (!isnan(pc))
                    strbuf_printf(b, " <span class=\"muted\">(%s)</span>", fmt_pct(pcs, sizeof pcs, pc, 0, lang));
                put(b, "</td>");
            }
        }
        put(b, "</tr>\n");
    }
    put(b, table_end);
    if (r->has_housing)
        put(b, L("<p class=\"muted\">Tussen haakjes: het woningtekort als percentage van de woningvoorraad "
                 "van de kern.</p>\n",
                 "<p class=\"muted\">In brackets: the shortage as a percentage of the kern's "
                 "dwelling stock.</p>\n"));
    section_end(p, files, 4);
    free(kl);
}

static void
figures(page *p, const chart *cs, size_t nc)
{
    const enum report_lang lang = p->lang;
    strbuf *b = p->b;

    section_begin(p, "grafieken", L("Grafieken", "Charts"));
    for (size_t i = 0; i < nc; i++) {
        const chart *c = &cs[i];
        char *png = xasprintf("plots/%s.png", c->name), *svg = xasprintf("plots/%s.svg", c->name);
        char *gp = xasprintf("plots/%s.gp", c->name), *dat = xasprintf("plots/%s.dat", c->name);
        char *path = xasprintf("%s/%s", p->out, png), *buf = NULL;
        size_t len = 0;
        const int have = c->rendered && read_file(path, &buf, &len) == LS_OK && len > 0;

        strbuf_printf(b, "<figure id=\"%s\">\n<h3>", c->name);
        esc(b, c->title);
        put(b, "</h3>\n");
        if (have) {
            /* At phone width the chart keeps a readable size and scrolls sideways. */
            /* Charts with a row or panel per kern (tall) keep their own size on a phone. */
            strbuf_printf(b, "<p class=\"phone\">%s</p>\n<div class=\"figwrap%s\">\n",
                          L("Schuif de grafiek opzij om alles te zien.",
                            "Swipe the chart sideways to see all of it."),
                          png_height(buf, len) >= 800 ? " wide" : "");
            put(b, "<img alt=\"");
            esc(b, c->title);
            put(b, "\" src=\"data:image/png;base64,");
            base64(b, (const unsigned char *) buf, len);
            put(b, "\">\n</div>\n");
        } else {
            strbuf_printf(b, "<p class=\"missing\">%s <code>cd plots &amp;&amp; gnuplot %s.gp</code>%s</p>\n",
                          L("Deze grafiek is niet getekend (gnuplot ontbrak of faalde). Teken hem met",
                            "This chart was not drawn (gnuplot was missing or failed). Draw it with"),
                          c->name,
                          L(", of maak het hele rapport opnieuw met <code>landstad plot MAP</code>.",
                            ", or rebuild the whole report with <code>landstad plot FOLDER</code>."));
        }
        put(b, "<figcaption>");
        esc(b, c->caption);
        put(b, " <span class=\"noprint\">");
        if (have && exists_in(p->out, svg)) {
            file_link(p, svg, L("SVG (scherp inzoomen)", "SVG (zoomable)"));
            put(b, " \xc2\xb7 ");
        }
        file_link(p, gp, L("gnuplot-script", "gnuplot script"));
        put(b, " \xc2\xb7 ");
        file_link(p, dat, L("data", "data"));
        put(b, "</span></figcaption>\n</figure>\n");
        free(buf);
        free(path);
        free(png);
        free(svg);
        free(gp);
        free(dat);
    }
    section_end(p, NULL, 0);
}

static void
assumptions(page *p)
{
    const enum report_lang lang = p->lang;
    const rd *r = p->r;
    strbuf *b = p->b;
    size_t est = 0;
    static const char *const files[] = {"inputs.csv", "run.yaml"};

    section_begin(p, "aannames", L("Aannames en geschatte invoer", "Assumptions and estimated inputs"));
    if (r->has_housing)
        put(b, L("<p><strong>Twee varianten.</strong> <em>Trend</em>: de huishoudens die de "
                 "bevolkingsprognose oplevert, los van de woningen; het woningtekort is dan de "
                 "woningbehoefte min de woningvoorraad. <em>Woningmarktgestuurd</em>: de woningen bepalen waar huishoudens "
                 "wonen; wie geen woning vindt, verhuist naar een kern met ruimte of vertrekt, en lege "
                 "woningen trekken huishoudens aan.</p>\n",
                 "<p><strong>Two views.</strong> <em>Trend</em>: the households the population "
                 "projection produces, regardless of the dwellings; the shortage is demand minus "
                 "stock. <em>Housing-led</em>: the dwellings decide where households live; who finds "
                 "no dwelling moves to a kern with room or leaves, and empty dwellings draw "
                 "households in.</p>\n"));
    for (size_t i = 0; i < r->n_inputs; i++)
        est += (size_t) r->in[i].estimated;
    if (r->n_inputs > 0) {
        strbuf_printf(b, L("<p>%zu van de %zu invoerbestanden bevatten geschatte getallen (niet "
                           "rechtstreeks gepubliceerd). Hoe ze geschat zijn, staat (in het Engels) "
                           "in de kopregels van elk bestand en in het modelbestand.</p>\n",
                           "<p>%zu of the %zu input files hold estimated numbers (not published as "
                           "such). How they were estimated is written in each file's header lines "
                           "and in the model file.</p>\n"),
                      est, r->n_inputs);
        if (est > 0) {
            put(b, "<ul>\n");
            for (size_t i = 0; i < r->n_inputs; i++) {
                if (!r->in[i].estimated)
                    continue;
                put(b, "<li><code>");
                esc(b, r->in[i].file);
                put(b, "</code>");
                if (lang == LANG_NL) { /* the files' own header lines are English */
                    if (input_note_nl(r->in[i].file) != NULL) {
                        put(b, ": ");
                        esc(b, input_note_nl(r->in[i].file));
                    }
                } else if (*r->in[i].note) {
                    put(b, ": ");
                    note_text(b, r->in[i].file, r->in[i].note);
                }
                put(b, "</li>\n");
            }
            put(b, "</ul>\n");
        }
    }
    section_end(p, files, 2);
}

static void
record(page *p)
{
    const enum report_lang lang = p->lang;
    const rd *r = p->r;
    strbuf *b = p->b;
    static const char *const files[] = {"run.yaml", "inputs.csv"};
    struct {
        const char *k;
        const char *v;
    } rows[] = {
        {L("Modelbestand", "Model file"), r->model_file},
        {L("Titel", "Title"), r->title},
        {L("Programma", "Program"), r->version},
        {L("Datum", "Date"), r->date},
        {L("Opdracht", "Command"), r->command},
        {L("Simulaties", "Simulations"), r->runs},
        {L("Startgetal van de simulaties (seed)", "Seed"), r->seed},
    };

    section_begin(p, "verantwoording", L("Verantwoording van de berekening", "Run record"));
    put(b, "<dl class=\"rec\">\n");
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (rows[i].v == NULL)
            continue;
        put(b, "<dt>");
        esc(b, rows[i].k);
        put(b, "</dt><dd>");
        if (i == 2)
            put(b, "landstad ");
        if (i == 0 || i == 4) {
            put(b, "<code>");
            esc(b, rows[i].v);
            put(b, "</code>");
        } else if (i == 3)
            report_date_words(b, rows[i].v, 1, lang);
        else
            esc(b, rows[i].v);
        put(b, "</dd>\n");
    }
    if (r->runs == NULL)
        strbuf_printf(b, "<dt>%s</dt><dd>%s</dd>\n", L("Simulaties", "Simulations"),
                      L("geen (alleen de verwachting)", "none (the expected path only)"));
    put(b, "</dl>\n");
    if (r->n_inputs > 0) {
        strbuf_printf(b, "<h3>%s</h3>\n", L("Invoerbestanden en hun controlegetal (SHA-256)",
                                             "Input files and their SHA-256"));
        put(b, table_begin);
        strbuf_printf(b, "<th>%s</th><th>%s</th><th>%s</th>", L("Bestand", "File"),
                      L("Geschat", "Estimated"), "SHA-256");
        put(b, table_body);
        for (size_t i = 0; i < r->n_inputs; i++) {
            put(b, "<tr><td><code>");
            esc(b, r->in[i].file);
            strbuf_printf(b, "</code></td><td>%s</td><td><code>", yes_no(r->in[i].estimated, lang));
            esc(b, r->in[i].sha256);
            put(b, "</code></td></tr>\n");
        }
        put(b, table_end);
    }
    section_end(p, files, 2);
}

static void
file_list(page *p)
{
    const enum report_lang lang = p->lang;
    strbuf *b = p->b;
    static const struct {
        const char *f, *nl, *en;
    } files[] = {
        {"resultaten.xlsx", "alle tabellen hieronder als Excel-werkmap, met getallen als getallen",
         "every table below as an Excel workbook (Dutch)"},
        {"results.xlsx", "alle tabellen hieronder als Excel-werkmap (Engels)",
         "every table below as an Excel workbook, numbers as numbers"},
        {"targets.csv", "elk doel per gemeente, type kern en kern", "every target per municipality, tier and kern"},
        {"gaps.csv", "per jaar en kern: woningbehoefte min woningvoorraad, opleveringen tegen het "
                     "toegewezen doelpad",
         "per year and kern: demand minus supply, completions against the allocated target path"},
        {"households.csv", "huishoudens, woningen, woningbehoefte en woningtekort per kern, type kern "
                           "en jaar",
         "households, dwellings, demand and shortage per kern, tier and year"},
        {"completions.csv", "verwachte opleveringen en sloop per jaar en kern",
         "expected completions and demolitions per year and kern"},
        {"gap_decomposition.csv", "het tekort per opleveringsdoel naar oorzaak",
         "the shortfall of each completion target by cause"},
        {"regional.csv", "de bijdrage aan de regionale groeiopgave per jaar",
         "the contribution to the regional growth task per year"},
        {"population.csv", "bevolking per jaar, kern, geslacht en leeftijd (trend)",
         "population per year, kern, sex and age (trend)"},
        {"population_housing_led.csv", "idem, woningmarktgestuurd", "the same, housing-led"},
        {"components.csv", "geboorten, sterfte en verhuizingen per jaar, kern en geslacht",
         "births, deaths and moves per year, kern and sex"},
        {"components_housing_led.csv", "idem, woningmarktgestuurd", "the same, housing-led"},
        {"population_summary.csv", "spreiding van de bevolking over de simulaties",
         "spread of the population over the simulations"},
        {"households_summary.csv", "spreiding van huishoudens en tekort over de simulaties",
         "spread of households and shortage over the simulations"},
        {"completions_summary.csv", "spreiding van de opleveringen over de simulaties",
         "spread of the completions over the simulations"},
        {"kernen.csv", "de kernen, hun type en ligging", "the kernen, their tier and location"},
        {"inputs.csv", "de invoerbestanden, hun controlegetal en of ze geschat zijn",
         "the input files, their checksum and whether they were estimated"},
        {"run.yaml", "de volledige verantwoording van de berekening", "the full run record"},
    };

    section_begin(p, "bestanden", L("Alle tabellen", "All tables"));
    put(b, "<ul>\n");
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        if (!exists_in(p->r->dir, files[i].f) && !exists_in(p->out, files[i].f))
            continue;
        put(b, "<li>");
        file_link(p, files[i].f, NULL);
        put(b, ": ");
        esc(b, L(files[i].nl, files[i].en));
        put(b, "</li>\n");
    }
    put(b, "</ul>\n");
    put(b, L("<p>De grafieken staan ook los in de map <code>plots</code>, als PNG, SVG en als "
             "gnuplot-script met data.</p>\n",
             "<p>The charts are also in the folder <code>plots</code>, as PNG, SVG and as a gnuplot "
             "script with data.</p>\n"));
    section_end(p, NULL, 0);
}

/* Measures as a policy officer reads them. */
static const char *
measure_text(const char *ms, enum report_lang lang)
{
    static const struct {
        const char *key, *nl, *en;
    } words[] = {
        {"population", "inwoners (1 januari)", "population (1 January)"},
        {"dwellings", "woningvoorraad (1 januari)", "dwelling stock (1 January)"},
        {"completions", "opgeleverde woningen", "completions"},
        {"other_change", "overige voorraadmutaties", "other stock change"},
        {"births", "geboorten", "births"},
        {"deaths", "sterfte", "deaths"},
        {"immigration", "immigratie", "immigration"},
        {"emigration", "emigratie", "emigration"},
        {"domestic_in", "vestiging uit andere gemeenten", "moves in from other municipalities"},
        {"domestic_out", "vertrek naar andere gemeenten", "moves out to other municipalities"},
        {"net_migration", "migratiesaldo", "net migration"},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(words[i].key, ms) == 0)
            return L(words[i].nl, words[i].en);
    return ms;
}

const char *
report_measure_words(const char *measure, enum report_lang lang)
{
    return measure_text(measure, lang);
}

static void
period_text(strbuf *b, const rd_row *row, enum report_lang lang)
{
    if (strcmp(row->measure, "population") == 0 || strcmp(row->measure, "dwellings") == 0)
        strbuf_printf(b, L("1-1-%d", "1 Jan %d"), row->from);
    else if (row->from == row->to)
        strbuf_printf(b, "%d", row->from);
    else
        strbuf_printf(b, "%d\xe2\x80\x93%d", row->from, row->to);
}

/* What already happened: the observations every run reproduces. */
static void
history_section(page *p)
{
    const enum report_lang lang = p->lang;
    const rd *r = p->r;
    strbuf *b = p->b;
    static const char *const files[] = {"observed.csv", "run.yaml"};
    char a[64];
    size_t shown = 0;

    if (r->n_ob == 0)
        return;
    section_begin(p, "waarnemingen", L("Wat al gebeurd is", "What already happened"));
    if (r->last_observed > r->y0)
        strbuf_printf(b, L("<p>Tot <strong>1 januari %d</strong> is dit geschiedenis: elke berekening "
                           "volgt de waarnemingen hieronder, ook elke simulatie, en de twee varianten "
                           "(trend en woningmarktgestuurd) zijn tot die datum gelijk. De prognose en haar onzekerheid "
                           "beginnen daar, omdat daar de gegevens ophouden. Waar alleen een totaal "
                           "geteld is, is het verdeeld over jaren en kernen zoals het model het "
                           "verwachtte: <em>waargenomen (verdeeld)</em>, geen telling per jaar of kern.</p>\n",
                           "<p>Up to <strong>1 January %d</strong> this is history: every run, every "
                           "simulation too, follows the observations below, and the two views are the "
                           "same until that date. The forecast and its uncertainty start there, because "
                           "that is where the data end. Where only a total was counted, it is spread "
                           "over years and kernen as the model expected: <em>observed "
                           "(distributed)</em>, not a count per year or kern.</p>\n"),
                      r->last_observed);
    else
        strbuf_printf(b, L("<p>De prognose begint op 1 januari %d, het begin van de berekening: "
                           "hieronder de waarnemingen van die datum.%s</p>\n",
                           "<p>The forecast starts on 1 January %d, where the projection starts: "
                           "below, the observations of that date.%s</p>\n"),
                      r->y0, r->n_bt > 0 ? L(" Wat daarna waargenomen is, staat in de terugblik.",
                                             " What was observed later is in the back-test.")
                                         : "");
    put(b, table_begin);
    strbuf_printf(b, "<th>%s</th><th>%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th><th>%s</th>"
                     "<th>%s</th>",
                  L("Wat", "What"), L("Periode", "Period"), L("Waargenomen", "Observed"),
                  L("Model", "Model"), L("Hoe", "How"), L("Bron", "Source"));
    put(b, table_body);
    for (size_t i = 0; i < r->n_ob; i++) {
        const rd_row *row = &r->ob[i];
        const int distributed = strstr(row->status, "distributed") != NULL;
        if (strncmp(row->status, "observed", 8) != 0 || strcmp(row->scope, "municipality") != 0)
            continue;
        put(b, "<tr><td>");
        esc(b, measure_text(row->measure, lang));
        put(b, "</td><td class=\"nw\">");
        period_text(b, row, lang);
        put(b, "</td>");
        td_n(b, "", num(a, sizeof a, row->value, lang));
        td_n(b, "", isnan(row->model) ? "" : num(a, sizeof a, row->model, lang));
        put(b, "<td>");
        if (distributed)
            put(b, L("waargenomen (verdeeld): het totaal volgt uit de woningvoorraad",
                     "observed (distributed): the total follows from the dwelling stock"));
        else if (strstr(row->status, "base population") != NULL)
            put(b, L("de startbevolking", "the base population"));
        else if (strstr(row->status, "superseded") != NULL)
            put(b, L("vervangen door fijnere waarnemingen", "replaced by finer observations"));
        else if (*row->extra != '\0') {
            put(b, L("bereikt door ", "met by adjusting "));
            esc(b, strcmp(row->extra, "mortality") == 0   ? L("het sterfteniveau", "mortality")
                   : strcmp(row->extra, "fertility") == 0 ? L("het geboorteniveau", "fertility")
                                                          : measure_text(row->extra, lang));
            put(b, L(" bij te stellen", ""));
        } else
            put(b, L("waargenomen", "observed"));
        put(b, "</td><td class=\"src\">");
        if (lang == LANG_NL && row->source_nl != NULL && *row->source_nl != '\0')
            esc(b, row->source_nl); /* the input's own Dutch description */
        else if (strncmp(row->source, "closed from the observed dwelling stocks", 40) == 0)
            put(b, L("afgeleid uit de waargenomen woningvoorraad",
                     "derived from the observed dwelling stock"));
        else
            esc(b, row->source);
        put(b, "</td></tr>\n");
        shown++;
    }
    put(b, table_end);
    if (shown == 0)
        put(b, L("<p class=\"muted\">Geen waarnemingen binnen de prognoseperiode.</p>\n",
                 "<p class=\"muted\">No observations within the projection.</p>\n"));
    section_end(p, files, 2);
}

/* A back-test folder: the forecast as of an earlier date against what followed. */
static void
backtest_section(page *p)
{
    const enum report_lang lang = p->lang;
    const rd *r = p->r;
    strbuf *b = p->b;
    static const char *const files[] = {"backtest.csv"};
    char a[64];
    const int from = r->bt_from > 0 ? r->bt_from : r->y0;

    if (r->n_bt == 0)
        return;
    section_begin(p, "terugblik", L("Terugblik: hoe goed was de prognose?",
                                    "Back-test: how good was the forecast?"));
    strbuf_printf(b, L("<p>Deze berekening gebruikt alleen wat op <strong>1 januari %d</strong> "
                       "bekend was: latere waarnemingen zijn verborgen en de planlijst is die van "
                       "die datum. Hieronder de prognose naast wat er daarna werkelijk gebeurde. "
                       "<em>Niet waargenomen</em> betekent dat er geen telling is; die cijfers "
                       "worden nooit uit het model ingevuld. %zu invoergegevens waren op die datum "
                       "nog niet bekend (zie <code>backtest.csv</code>).</p>\n",
                       "<p>This run uses only what was known on <strong>1 January %d</strong>: later "
                       "observations are hidden and the plan list is the one of that date. Below, "
                       "the forecast beside what actually happened after it. <em>Not observed</em> "
                       "means there is no count; those numbers are never filled in from the model. "
                       "%zu inputs were not yet known on that date (see "
                       "<code>backtest.csv</code>).</p>\n"),
                  from, r->n_bt_inputs);
    put(b, table_begin);
    strbuf_printf(b, "<th>%s</th><th>%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th>"
                     "<th class=\"n\">%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th>",
                  L("Wat", "What"), L("Periode", "Period"), L("Waargenomen", "Observed"),
                  L("Prognose (trend)", "Forecast (trend)"), L("Afwijking", "Error"),
                  L("Prognose (woningmarkt)", "Forecast (housing-led)"), L("Afwijking", "Error"));
    put(b, table_body);
    for (size_t i = 0; i < r->n_bt; i++) {
        const rd_row *row = &r->bt[i];
        const int observed = !isnan(row->value);
        put(b, "<tr><td>");
        esc(b, measure_text(row->measure, lang));
        put(b, "</td><td class=\"nw\">");
        period_text(b, row, lang);
        put(b, "</td>");
        td_n(b, observed ? "" : " muted", observed ? num(a, sizeof a, row->value, lang)
                                                   : L("niet waargenomen", "not observed"));
        for (int v = 0; v < 2; v++) {
            const double f = v == 0 ? row->model : row->model2;
            td_n(b, "", isnan(f) ? "" : num(a, sizeof a, f, lang));
            if (observed && !isnan(f) && row->value != 0)
                td_n(b, "", fmt_pct(a, sizeof a, (f - row->value) / row->value, 1, lang));
            else
                td_n(b, "", "");
        }
        put(b, "</tr>\n");
    }
    put(b, table_end);
    put(b, L("<p class=\"muted\">Afwijking = prognose min waarneming, in procenten van de "
             "waarneming. Opgeleverde woningen die alleen uit de verandering van de woningvoorraad "
             "volgen, rekenen met de overige mutaties zoals het model ze aanneemt.</p>\n",
             "<p class=\"muted\">Error = forecast minus observation, in per cent of the "
             "observation. Completions that follow only from the change of the dwelling stock use "
             "the other stock change the model assumes.</p>\n"));
    section_end(p, files, 1);
}

static void
build_page(page *p, const chart *cs, size_t nc)
{
    const enum report_lang lang = p->lang;
    const rd *r = p->r;
    strbuf *b = p->b;
    const char *name = r->title != NULL ? r->title : r->muni;
    const int housing = r->has_housing || r->has_targets;
    char *title = housing ? xasprintf(L("Woningbouw en bevolking %s %d\xe2\x80\x93%d",
                                        "Housing and population %s %d\xe2\x80\x93%d"),
                                      r->muni, r->y0, r->y1)
                          : xasprintf(L("Bevolking %s %d\xe2\x80\x93%d", "Population %s %d\xe2\x80\x93%d"),
                                      r->muni, r->y0, r->y1);

    head(p, title);
    put(b, "<header>\n<h1>");
    esc(b, title);
    put(b, "</h1>\n<p class=\"sub\">");
    esc(b, name);
    strbuf_printf(b, L(" \xc2\xb7 prognose van 1 januari %d tot 1 januari %d", " \xc2\xb7 projection from 1 January %d to 1 January %d"),
                  r->y0, r->y1);
    if (n_runs(r) > 0)
    {
        char nr[64];
        strbuf_printf(b, L(" \xc2\xb7 %s simulaties", " \xc2\xb7 %s simulations"),
                      num(nr, sizeof nr, n_runs(r), lang));
    }
    if (r->bt_from > 0)
        strbuf_printf(b, L(" \xc2\xb7 terugblik: alleen wat op 1 januari %d bekend was",
                           " \xc2\xb7 back-test: only what was known on 1 January %d"),
                      r->bt_from);
    if (r->version != NULL) {
        put(b, " \xc2\xb7 landstad ");
        esc(b, r->version);
    }
    if (r->date != NULL && strlen(r->date) >= 10) {
        put(b, " \xc2\xb7 <span class=\"nw\">");
        report_date_words(b, r->date, 0, lang);
        put(b, "</span>");
    }
    put(b, "</p>\n</header>\n<nav>\n<ul>\n");
    if (housing) { /* in the order of the page */
        strbuf_printf(b, "<li><a href=\"#kernpunten\">%s</a></li>\n", L("Kernpunten", "Headline"));
        if (report_regional_present(r->dir))
            strbuf_printf(b, "<li><a href=\"#regio\">%s</a></li>\n", "Regio Zwolle");
        if (r->has_targets && r->n_targets > 0)
            strbuf_printf(b, "<li><a href=\"#doelen\">%s</a></li>\n", L("Doelen", "Targets"));
        if (r->n_ob > 0)
            strbuf_printf(b, "<li><a href=\"#waarnemingen\">%s</a></li>\n",
                          L("Waarnemingen", "Observations"));
        if (r->n_bt > 0)
            strbuf_printf(b, "<li><a href=\"#terugblik\">%s</a></li>\n", L("Terugblik", "Back-test"));
        strbuf_printf(b, "<li><a href=\"#kernen\">%s</a></li>\n", L("Per kern", "Per kern"));
        if (r->n_plans > 0)
            strbuf_printf(b, "<li><a href=\"#plannen\">%s</a></li>\n", L("Plannen", "Plans"));
        if (has_advice(r))
            strbuf_printf(b, "<li><a href=\"#advies\">%s</a></li>\n", L("Advies", "Advice"));
        if (has_certainty(r))
            strbuf_printf(b, "<li><a href=\"#zekerheid\">%s</a></li>\n",
                          L("Hoe zeker?", "How certain?"));
    }
    strbuf_printf(b, "<li><a href=\"#grafieken\">%s</a></li>\n", L("Grafieken", "Charts"));
    strbuf_printf(b, "<li><a href=\"#aannames\">%s</a></li>\n", L("Aannames", "Assumptions"));
    strbuf_printf(b, "<li><a href=\"#verantwoording\">%s</a></li>\n", L("Verantwoording", "Run record"));
    strbuf_printf(b, "<li><a href=\"#bestanden\">%s</a></li>\n", L("Tabellen", "Tables"));
    strbuf_printf(b, "<li><a href=\"#begrippen\">%s</a></li>\n", L("Begrippen", "Glossary"));
    put(b, "</ul>\n</nav>\n<main>\n");
    if (housing) {
        headline(p);
        report_regional_section(b, r->dir, p->out, r->muni,
                                r->runs != NULL ? strtol(r->runs, NULL, 10) : 0, p->render, lang);
        target_table(p);
        history_section(p);
        backtest_section(p);
        kern_table(p);
        plan_section(p);
        advice_section(p);
        certainty_section(p);
    } else
        put(b, L("<p>Dit model heeft geen woningen of doelen: het rapport toont de bevolking.</p>\n",
                 "<p>This model has no dwellings or targets: the report shows the population.</p>\n"));
    figures(p, cs, nc);
    assumptions(p);
    record(p);
    file_list(p);
    glossary_section(p);
    put(b, "</main>\n<footer>\n<p>");
    put(b, L("Gemaakt door landstad uit de CSV-bestanden in deze map; opnieuw te maken met ",
             "Made by landstad from the CSV files in this folder; rebuild it with "));
    put(b, "<code>landstad plot ");
    put(b, L("MAP", "FOLDER"));
    put(b, "</code>.</p>\n</footer>\n</body>\n</html>\n");
    free(title);
}

/* ---------------------------------------------------------------- entry */

/* The workbook is written on a thread of its own while gnuplot draws the charts (in
 * processes of its own, so the two overlap on a machine with two cores). It reads
 * the folder's tables and r, which neither side changes; its messages go to its own
 * list, added to the caller's after the join. Signals stay with the thread that waits
 * for gnuplot. With no charts to draw it is written in the join, where it always was:
 * a thread would only add its own memory. */
typedef struct {
    const char *dir;
    const rd *r;
    enum report_lang lang;
    diag d;
    int ret;
    pthread_t thread;
    int started, deferred;
} workbook_job;

static void *
workbook_thread(void *arg)
{
    workbook_job *j = arg;
    j->ret = workbook_write(j->dir, j->r, j->lang, &j->d);
    return NULL;
}

static void
workbook_start(workbook_job *j, const char *dir, const rd *r, enum report_lang lang,
               int threaded)
{
    sigset_t all, old;

    j->dir = dir;
    j->r = r;
    j->lang = lang;
    j->ret = LS_OK;
    j->started = 0;
    diag_init(&j->d);
    if (threaded) {
        sigfillset(&all);
        pthread_sigmask(SIG_BLOCK, &all, &old);
        j->started = pthread_create(&j->thread, NULL, workbook_thread, j) == 0;
        pthread_sigmask(SIG_SETMASK, &old, NULL);
    }
    j->deferred = !j->started; /* no thread (wanted or to be had): in the join */
}

/* Waits for the workbook (or, with `write`, writes one that was deferred); its
 * messages join d. Returns its status. */
static int
workbook_join(workbook_job *j, diag *d, int write)
{
    if (j->started)
        pthread_join(j->thread, NULL);
    else if (j->deferred && write)
        workbook_thread(j);
    j->started = j->deferred = 0;
    for (size_t i = 0; i < j->d.n; i++)
        diag_add(d, NULL, 0, 0, "%s", j->d.msg[i]);
    d->dropped += j->d.dropped;
    diag_free(&j->d);
    return j->ret;
}

static int
write_page(const char *dir, const strbuf *b, diag *d)
{
    char *tmp = xasprintf("%s/report.html.tmp", dir), *fin = xasprintf("%s/report.html", dir);
    ofile f;
    int ret = ofile_open(&f, tmp, d);

    if (ret == LS_OK) {
        ofile_puts(&f, b->s);
        ret = ofile_close(&f, d);
    }
    if (ret == LS_OK && rename(tmp, fin) != 0) {
        diag_add(d, NULL, 0, 0, "cannot write %s: %s", fin, strerror(errno));
        ret = LS_EIO;
    }
    if (ret != LS_OK)
        remove(tmp);
    free(tmp);
    free(fin);
    return ret;
}

int
report_build(const char *dir, const report_options *opt, diag *d, diag *notes)
{
    const enum report_lang lang = opt != NULL ? opt->lang : LANG_NL;
    const int render = opt != NULL ? opt->render : 1;
    const char *out_dir = opt != NULL && opt->out_dir != NULL ? opt->out_dir : dir;
    rd r;
    chart *cs = NULL;
    size_t nc = 0;
    char *plotdir = xasprintf("%s/plots", out_dir);
    strbuf html;
    page p;
    workbook_job wb;
    int ret, wb_live = 0;

    strbuf_init(&html);
    ret = rd_load(&r, dir, d);
    if (ret != LS_OK)
        goto out;
    /* Charts and tables name the tiers in the report's language (a chart per tier
     * shows all its kernen: the plural). */
    for (size_t i = 0; i < r.n_tier; i++)
        if (tier_label(r.tier[i], 1, lang) != r.tier[i]) {
            char *t = xstrdup(tier_label(r.tier[i], 1, lang));
            free(r.tier[i]);
            r.tier[i] = t;
        }
    workbook_start(&wb, out_dir, &r, lang, render && plot_gnuplot() != NULL);
    wb_live = 1;
    if (mkdir(plotdir, 0777) != 0 && errno != EEXIST) {
        diag_add(d, NULL, 0, 0, "cannot create %s: %s", plotdir, strerror(errno));
        ret = LS_EIO;
        goto out;
    }
    if ((ret = charts_write(&r, plotdir, lang, &cs, &nc, d)) != LS_OK)
        goto out;
    if (render && plot_gnuplot() != NULL) {
        for (size_t i = 0; i < nc; i++) {
            char *script = xasprintf("%s.gp", cs[i].name);
            const int r2 = plot_render(plotdir, script, notes);
            free(script);
            cs[i].rendered = r2 == LS_OK;
            if (r2 == LS_EINTERRUPTED) {
                ret = r2;
                goto out;
            }
            if (r2 == PLOT_TIMED_OUT) /* a gnuplot that hangs once hangs on every chart */
                break;
        }
    } else {
        /* Images from an earlier rendering no longer match the data just written. */
        for (size_t i = 0; i < nc; i++) {
            char *png = xasprintf("%s/%s.png", plotdir, cs[i].name);
            char *svg = xasprintf("%s/%s.svg", plotdir, cs[i].name);
            remove(png);
            remove(svg);
            free(png);
            free(svg);
        }
        if (render && nc > 0) {
            /* Name the folder the user will see (a run writes into a temporary one). */
            const char *shown = opt != NULL && opt->shown_dir != NULL ? opt->shown_dir : dir;
            diag_add(notes, NULL, 0, 0,
                     "gnuplot not found: wrote %zu chart scripts with their data to %s/plots; "
                     "render them with `cd %s/plots && for f in *.gp; do gnuplot \"$f\"; done` "
                     "after installing gnuplot (Debian: gnuplot-nox), then `landstad plot %s` "
                     "to put them in report.html",
                     nc, shown, shown, shown);
        }
    }
    p.lang = lang;
    p.r = &r;
    p.b = &html;
    p.out = out_dir;
    p.render = render;
    /* The workbook first, so that the page can link it. */
    wb_live = 0;
    if ((ret = workbook_join(&wb, d, 1)) != LS_OK)
        goto out;
    build_page(&p, cs, nc);
    ret = write_page(out_dir, &html, d);
    if (opt != NULL && opt->unrendered != NULL) {
        *opt->unrendered = 0;
        for (size_t i = 0; i < nc; i++)
            *opt->unrendered += !cs[i].rendered;
    }
out:
    if (wb_live) /* a failure or an interruption while the workbook was written */
        workbook_join(&wb, d, 0);
    strbuf_free(&html);
    charts_free(cs, nc);
    rd_free(&r);
    free(plotdir);
    return ret;
}

/* ---------------------------------------------------------------- for other pages */

const char *
report_style(void)
{
    return css;
}

void
report_html_text(strbuf *b, const char *s)
{
    esc(b, s);
}

void
report_base64(strbuf *b, const unsigned char *p, size_t n)
{
    base64(b, p, n);
}
