/* The number formatter shared by the terminal, the report, the charts and the
 * workbook. The digits come from printf in the C locale; grouping and the decimal
 * sign are put in here, so the result never depends on the machine's locale. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"

char *
fmt_num(char *buf, size_t size, double x, int decimals, enum report_lang lang)
{
    const char th = lang == LANG_NL ? '.' : ',', dec = lang == LANG_NL ? ',' : '.';
    char raw[64];
    const char *p, *dot;
    size_t o = 0, nint;

    if (size == 0)
        return buf;
    if (isnan(x)) {
        snprintf(buf, size, "-");
        return buf;
    }
    if (isinf(x)) {
        snprintf(buf, size, "%s", x > 0 ? "\xe2\x88\x9e" : "-\xe2\x88\x9e");
        return buf;
    }
    if (decimals < 0)
        decimals = 0;
    {
        const double scale = pow(10, decimals);
        double v = round(x * scale) / scale;
        if (v == 0)
            v = 0; /* never "-0" */
        snprintf(raw, sizeof raw, "%.*f", decimals, v);
    }
    p = raw;
    if (*p == '-') {
        if (o + 1 < size)
            buf[o++] = '-';
        p++;
    }
    dot = strchr(p, '.');
    nint = dot != NULL ? (size_t) (dot - p) : strlen(p);
    for (size_t i = 0; i < nint; i++) {
        if (i > 0 && (nint - i) % 3 == 0 && o + 1 < size)
            buf[o++] = th;
        if (o + 1 < size)
            buf[o++] = p[i];
    }
    if (dot != NULL) {
        if (o + 1 < size)
            buf[o++] = dec;
        for (const char *q = dot + 1; *q; q++)
            if (o + 1 < size)
                buf[o++] = *q;
    }
    buf[o] = '\0';
    return buf;
}

char *
fmt_pct(char *buf, size_t size, double p, int decimals, enum report_lang lang)
{
    size_t n;
    if (size < 2)
        return fmt_num(buf, size, p, decimals, lang);
    if (isnan(p)) {
        snprintf(buf, size, "-");
        return buf;
    }
    fmt_num(buf, size - 1, p * 100, decimals, lang);
    n = strlen(buf);
    buf[n] = '%';
    buf[n + 1] = '\0';
    return buf;
}
