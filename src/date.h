/* Calendar dates as users write them: ISO 8601 (2025-01-01) and the day-month-year
 * form Dutch Excel writes (1-1-2025, 01-01-2025, 1/1/2025), checked against the
 * calendar. A bare year (2025) is accepted where a caller allows it and means
 * 1 January of that year. No time zones and no times: landstad is annual.
 *
 * Every reader of a date a person edits (plans.csv status_date, observations,
 * vintages, the model file) goes through date_parse, so the accepted forms are the
 * same everywhere. */
#ifndef LS_DATE_H
#define LS_DATE_H

#include <stddef.h>

typedef struct {
    int year, month, day; /* 1-based month and day; year 1800..2300 */
} ls_date;

enum date_form {
    DATE_ISO,       /* 2025-01-01 */
    DATE_DMY,       /* 1-1-2025, 01-01-2025, 1/1/2025, 1.1.2025 */
    DATE_YEAR_ONLY  /* 2025 (only with allow_year) */
};

/* Parses s (leading and trailing blanks ignored). With allow_year, a bare year is
 * 1 January of that year. Returns 0 on success (*form, when not NULL, tells which
 * form was read) and -1 for anything else: another layout, a month 13, 30 February,
 * a year outside 1800..2300. */
int date_parse(const char *s, int allow_year, ls_date *out, enum date_form *form);

/* The text every message quotes for what date_parse accepts. */
#define DATE_FORMS_TEXT "a date as 2025-01-01 or 1-1-2025"

ls_date date_make(int year, int month, int day);
/* 1 January of year. */
ls_date date_jan1(int year);
int date_cmp(ls_date a, ls_date b);
int date_is_jan1(ls_date d);
int date_is_dec31(ls_date d);
int date_valid(ls_date d);
/* ISO text into buf (at least 11 bytes). Returns buf. */
char *date_format(ls_date d, char *buf);
/* In words, as the report and workbook write it: "1 januari 2025" (dutch) or
 * "1 January 2025", into buf (at least 24 bytes). Returns buf. */
char *date_words(ls_date d, int dutch, char *buf, size_t size);

#endif
