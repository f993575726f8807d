/* libFuzzer harness: a fixed small model whose population table is the fuzz input,
 * so that model.c's table checks (keys, ranges, duplicates, completeness) and, when
 * the table is valid, one projection step see arbitrary data. */
#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../src/config.h"
#include "model.h"
#include "projection.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

static void
put(const char *name, const char *text, size_t len)
{
    char path[128];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (f == NULL)
        abort();
    fwrite(text, 1, len, f);
    fclose(f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char yaml[] =
        "name: fuzz\nbase_year: 2020\nhorizon: 2022\nages: {width: 1, open: 3}\n"
        "geography: {municipality: F, kernen: [A, B]}\npopulation: pop.csv\n"
        "mortality: {survival: surv.csv}\nfertility: {asfr: asfr.csv}\n"
        "migration: {flows: [{name: n, kind: net, rates: pop.csv}]}\n";
    static const char surv[] = "sex,age,survival_ratio\nM,0,0.99\nM,1,0.99\nM,2,0.9\n"
                               "M,3,0.5\nF,0,0.99\nF,1,0.99\nF,2,0.9\nF,3,0.5\n";
    static const char asfr[] = "age,births_per_woman\n1,0.2\n2,0.1\n";
    model_spec s;
    model m;
    diag d;
    char path[128];

    if (dir[0] == '\0') {
        snprintf(dir, sizeof dir, "/tmp/landstad-fuzz-model.%ld", (long) getpid());
        if (mkdir(dir, 0700) != 0 && access(dir, W_OK) != 0)
            abort();
        put("model.yaml", yaml, sizeof yaml - 1);
        put("surv.csv", surv, sizeof surv - 1);
        put("asfr.csv", asfr, sizeof asfr - 1);
    }
    put("pop.csv", (const char *) data, size);
    snprintf(path, sizeof path, "%s/model.yaml", dir);
    diag_init(&d);
    if (config_load(&s, path, &d) == LS_OK && model_load(&m, &s, &d) == LS_OK) {
        projection p;
        if (projection_init(&p, &m, NULL) == LS_OK)
            (void) projection_finish(&p);
        projection_free(&p);
    }
    model_free(&m);
    config_free(&s);
    diag_free(&d);
    return 0;
}
