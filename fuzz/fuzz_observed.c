/* libFuzzer harness: the history fixture (tests/data/history) with its observations
 * file and its plan lists taken from the fuzz input, so that the observations reader,
 * the plan lists with status dates and the history built from them (levels solved,
 * the dwellings account) see arbitrary data. The input is the observations CSV, then
 * optionally a line "=== plans" and the plans CSV (otherwise the fixture's plans). */
#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../src/config.h"
#include "history.h"
#include "model.h"

#ifndef FUZZ_TOP
#define FUZZ_TOP "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];
static char *fixture_plans;
static size_t fixture_plans_len;

static void
put(const char *name, const char *text, size_t len)
{
    char path[128];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (f == NULL)
        abort();
    if (len > 0 && fwrite(text, 1, len, f) != len)
        abort();
    fclose(f);
}

/* Reads a fixture file whole (abort on failure: the harness is broken, not the input). */
static char *
slurp(const char *name, size_t *len)
{
    char path[512];
    FILE *f;
    char *buf;
    long n;
    snprintf(path, sizeof path, "%s/tests/data/history/%s", FUZZ_TOP, name);
    f = fopen(path, "rb");
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0)
        abort();
    rewind(f);
    buf = malloc((size_t) n + 1);
    if (buf == NULL || fread(buf, 1, (size_t) n, f) != (size_t) n)
        abort();
    fclose(f);
    *len = (size_t) n;
    return buf;
}

static void
setup(void)
{
    static const char *const files[] = {"asfr.csv",     "dwellings.csv", "headship.csv",
                                        "households.csv", "kernen.csv",  "model.yaml",
                                        "population.csv", "profile.csv", "survival.csv"};
    snprintf(dir, sizeof dir, "/tmp/landstad-fuzz-observed.%ld", (long) getpid());
    if (mkdir(dir, 0700) != 0 && access(dir, W_OK) != 0)
        abort();
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        size_t len;
        char *text = slurp(files[i], &len);
        put(files[i], text, len);
        free(text);
    }
    fixture_plans = slurp("plans.csv", &fixture_plans_len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char sep[] = "\n=== plans\n";
    const char *text = (const char *) data;
    const char *cut = NULL;
    model_spec s;
    model m;
    diag d;
    char path[128];

    if (dir[0] == '\0')
        setup();
    for (size_t i = 0; i + sizeof sep - 1 <= size && cut == NULL; i++)
        if (memcmp(text + i, sep, sizeof sep - 1) == 0)
            cut = text + i;
    if (cut != NULL) {
        const size_t head = (size_t) (cut - text) + 1, rest = size - head - (sizeof sep - 2);
        put("observations.csv", text, head);
        put("plans.csv", cut + sizeof sep - 1, rest);
    } else {
        put("observations.csv", text, size);
        put("plans.csv", fixture_plans, fixture_plans_len);
    }
    snprintf(path, sizeof path, "%s/model.yaml", dir);
    diag_init(&d);
    if (config_load(&s, path, &d) == LS_OK && model_load(&m, &s, &d) == LS_OK) {
        history h;
        (void) history_build(&h, &m, &d);
        history_free(&h);
    }
    model_free(&m);
    config_free(&s);
    diag_free(&d);
    return 0;
}
