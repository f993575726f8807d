/* RFC 4180 quoting for the CSV files landstad writes. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "csvout.h"

static int
needs_quotes(const char *s)
{
    const size_t n = strlen(s);
    if (n == 0)
        return 0;
    if (s[0] == '#' || s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
        return 1;
    return strpbrk(s, ",\"\r\n") != NULL;
}

void
csvout_field(strbuf *b, const char *s)
{
    if (s == NULL)
        return;
    if (!needs_quotes(s)) {
        strbuf_add(b, s, strlen(s));
        return;
    }
    strbuf_add(b, "\"", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            strbuf_add(b, "\"\"", 2);
        else
            strbuf_add(b, p, 1);
    }
    strbuf_add(b, "\"", 1);
}

char *
csvout_quote(const char *s)
{
    strbuf b;
    strbuf_init(&b);
    csvout_field(&b, s);
    return b.s;
}

char **
csvout_quote_all(char *const *names, size_t n)
{
    char **q = xcalloc(n > 0 ? n : 1, sizeof *q);
    for (size_t i = 0; i < n; i++)
        q[i] = csvout_quote(names[i]);
    return q;
}

void
csvout_free_all(char **q, size_t n)
{
    if (q == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        free(q[i]);
    free(q);
}
