/* Dates a person types or Excel writes. */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "date.h"

static int
leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}

int
date_valid(ls_date d)
{
    return d.year >= 1800 && d.year <= 2300 && d.month >= 1 && d.month <= 12 && d.day >= 1
           && d.day <= days_in(d.year, d.month);
}

ls_date
date_make(int year, int month, int day)
{
    ls_date d = {year, month, day};
    return d;
}

ls_date
date_jan1(int year)
{
    return date_make(year, 1, 1);
}

int
date_cmp(ls_date a, ls_date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

int
date_is_jan1(ls_date d)
{
    return d.month == 1 && d.day == 1;
}

int
date_is_dec31(ls_date d)
{
    return d.month == 12 && d.day == 31;
}

char *
date_format(ls_date d, char *buf)
{
    const unsigned y = (unsigned) d.year % 10000u, m = (unsigned) d.month % 13u,
                   dd = (unsigned) d.day % 32u;
    snprintf(buf, 11, "%04u-%02u-%02u", y, m, dd);
    return buf;
}

char *
date_words(ls_date d, int dutch, char *buf, size_t size)
{
    static const char *const nl[] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                                     "juli",    "augustus", "september", "oktober", "november", "december"};
    static const char *const en[] = {"January", "February", "March",     "April",   "May",      "June",
                                     "July",    "August",   "September", "October", "November", "December"};
    const int m = d.month >= 1 && d.month <= 12 ? d.month - 1 : 0;
    snprintf(buf, size, "%d %s %d", d.day, dutch ? nl[m] : en[m], d.year);
    return buf;
}

/* Reads 1..max digits at *p into *v; returns the count read. */
static int
digits(const char **p, int max, int *v)
{
    int n = 0;
    *v = 0;
    while (n < max && isdigit((unsigned char) **p)) {
        *v = *v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return n;
}

int
date_parse(const char *s, int allow_year, ls_date *out, enum date_form *form)
{
    const char *p = s;
    int a, b, c, na, nb, nc;
    char sep;
    ls_date d;
    enum date_form f;

    if (s == NULL)
        return -1;
    while (*p == ' ' || *p == '\t')
        p++;
    na = digits(&p, 4, &a);
    if (na == 0)
        return -1;
    if (*p == '\0' || *p == ' ' || *p == '\t') {
        if (!allow_year || na != 4)
            return -1;
        d = date_jan1(a);
        f = DATE_YEAR_ONLY;
    } else {
        sep = *p;
        if (sep != '-' && sep != '/' && sep != '.')
            return -1;
        p++;
        nb = digits(&p, 2, &b);
        if (nb == 0 || *p != sep)
            return -1;
        p++;
        nc = digits(&p, 4, &c);
        if (nc == 0)
            return -1;
        if (na == 4 && sep == '-' && nc <= 2) {
            d = date_make(a, b, c); /* ISO year-month-day */
            f = DATE_ISO;
        } else if (na <= 2 && nc == 4) {
            d = date_make(c, b, a); /* day-month-year */
            f = DATE_DMY;
        } else
            return -1;
    }
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != '\0' || !date_valid(d))
        return -1;
    *out = d;
    if (form != NULL)
        *form = f;
    return 0;
}
