/* Word lists for hand-maintained tables (see terms.h for the phase mapping). */
#include <config.h>

#include <ctype.h>
#include <string.h>

#include "terms.h"

const term phase_terms[] = {
    {"idea", PHASE_IDEA},
    {"visie", PHASE_IDEA},
    {"potentieel", PHASE_IDEA},
    {"idee", PHASE_IDEA},
    {"soft", PHASE_SOFT},
    {"zacht", PHASE_SOFT},
    {"in voorbereiding", PHASE_SOFT},
    {"adopted", PHASE_ADOPTED},
    {"hard", PHASE_ADOPTED},
    {"vastgesteld", PHASE_ADOPTED},
    {"vastgesteld maar niet onherroepelijk", PHASE_ADOPTED},
    {"vastgesteld niet onherroepelijk", PHASE_ADOPTED},
    {"vastgesteld maar nog niet onherroepelijk", PHASE_ADOPTED},
    {"vastgesteld nog niet onherroepelijk", PHASE_ADOPTED},
    {"irrevocable", PHASE_IRREVOCABLE},
    {"onherroepelijk", PHASE_IRREVOCABLE},
    {"permit", PHASE_PERMIT},
    {"vergunning", PHASE_PERMIT},
    {"vergund", PHASE_PERMIT},
    {"omgevingsvergunning", PHASE_PERMIT},
    {"construction", PHASE_CONSTRUCTION},
    {"in aanbouw", PHASE_CONSTRUCTION},
    {"in uitvoering", PHASE_CONSTRUCTION},
    {NULL, 0},
};

const term completed_terms[] = {
    {"completed", 1}, {"opgeleverd", 1}, {"gereed", 1},
    {NULL, 0},
};

const term yes_no_terms[] = {
    {"yes", 1}, {"ja", 1}, {"true", 1}, {"waar", 1},
    {"no", 0},  {"nee", 0}, {"false", 0}, {"onwaar", 0},
    {NULL, 0},
};

const char *const phase_choices =
    "idea, soft, adopted, irrevocable, permit, construction (in Dutch: visie, in "
    "voorbereiding, vastgesteld, onherroepelijk, vergunning, in aanbouw; zacht, hard)";
const char *const yes_no_choices = "yes or no (ja or nee)";

static const char *const phase_nl[PHASE_N] = {
    "visie", "in voorbereiding", "vastgesteld", "onherroepelijk", "vergunning", "in aanbouw"};
static const char *const phase_en[PHASE_N] = {"idea", "soft", "adopted", "irrevocable",
                                              "permit", "construction"};

/* Lower case (ASCII), commas as blanks, blanks collapsed and trimmed. */
static void
normalise(const char *s, char *out, size_t size)
{
    size_t o = 0;
    int blank = 1;

    for (; *s && o + 1 < size; s++) {
        unsigned char c = (unsigned char) *s;
        if (c == ',' || isspace(c)) {
            if (!blank)
                out[o++] = ' ';
            blank = 1;
            continue;
        }
        out[o++] = (char) (c < 0x80 ? tolower(c) : c);
        blank = 0;
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
}

int
term_value(const term *set, const char *word)
{
    char w[96];

    if (strlen(word) >= sizeof w)
        return -1;
    normalise(word, w, sizeof w);
    for (const term *t = set; t->word != NULL; t++)
        if (strcmp(t->word, w) == 0)
            return t->value;
    return -1;
}

const char *
phase_label(enum plan_phase p, enum report_lang lang)
{
    if ((int) p < 0 || p >= PHASE_N)
        return "?";
    return lang == LANG_NL ? phase_nl[p] : phase_en[p];
}

int
phase_is_hard(enum plan_phase p)
{
    return p >= PHASE_ADOPTED;
}
