/* The words a person types into the tables they maintain (the plan list first),
 * in English or in Dutch: plan phases after the Monitor Plancapaciteit, and yes/no.
 * Matching ignores case, commas and repeated blanks ("Vastgesteld, niet
 * onherroepelijk" is "vastgesteld niet onherroepelijk"). A table that needs another
 * word list adds a term array here; doc/FORMATS.md lists them all.
 *
 * Mapping of the model's phases (MODEL.md section 5) to the Monitor's words: hard
 * plan capacity = onherroepelijk (irrevocable) and vastgesteld maar niet
 * onherroepelijk (adopted); zacht = in voorbereiding (soft) and visie or potentieel
 * (idea). The model keeps its finer phases: vergunning (permit) and in aanbouw
 * (construction) beside them. The bare words "hard" and "zacht" name the earliest
 * phase of their class (adopted, soft): a plan known only to be hard is counted as
 * at least adopted, never as further along. */
#ifndef LS_TERMS_H
#define LS_TERMS_H

#include "lang.h"
#include "spec.h"

typedef struct {
    const char *word;
    int value;
} term;

/* The value of word in set (terminated by a NULL word), or -1. */
int term_value(const term *set, const char *word);

extern const term phase_terms[]; /* value: enum plan_phase */
extern const term yes_no_terms[]; /* 1 yes, 0 no; also Excel's TRUE/FALSE, WAAR/ONWAAR */
/* A plan that is finished (plans.csv phase with built = units): completed, opgeleverd,
 * gereed. */
extern const term completed_terms[];

/* "the English words (or in Dutch: ...)" for messages. */
extern const char *const phase_choices;
extern const char *const yes_no_choices;

/* A phase for people: nl "in voorbereiding", en "soft". */
const char *phase_label(enum plan_phase p, enum report_lang lang);
/* Whether a phase counts as hard plan capacity (adopted or later). */
int phase_is_hard(enum plan_phase p);

#endif
