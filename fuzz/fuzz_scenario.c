/* libFuzzer harness: the fuzz input is a scenario file over a fixed small base model
 * with housing and two plans, so that the merge (scenariofile.c), the key table, the
 * scenario keys and, when the scenario is valid, the plan changes (planedit.c) on
 * the loaded model see arbitrary data. */
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

static void
put(const char *name, const char *text)
{
    char path[128];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (f == NULL)
        abort();
    fputs(text, f);
    fclose(f);
}

/* The closed world of tests/data/housing, written once. */
static void
write_base(void)
{
    strcpy(dir, "/tmp/landstad-fuzz-scenario-XXXXXX");
    if (mkdtemp(dir) == NULL)
        abort();
    put("base.yaml",
        "name: base\nbase_year: 2021\nhorizon: 2031\nages: {width: 1, open: 2}\nsexes: [F]\n"
        "geography: {municipality: M, kernen: kernen.csv, tiers: [town, rural]}\n"
        "population: population.csv\nmortality: {survival: survival.csv}\n"
        "fertility: {asfr: asfr.csv}\n"
        "migration:\n  flows:\n    - {name: in, kind: immigration, total: 2, profile: in_movers.csv}\n"
        "households: {headship: headship.csv, base: households.csv}\n"
        "dwellings: {stock: dwellings.csv, vacancy: 0}\n"
        "pipeline:\n  plans: plans.csv\n  phases:\n"
        "    permit: {probability: 1, delay: {0: 1}, source: t}\n"
        "    soft: {probability: 0.5, delay: {0: 0.5, 1: 0.5}, source: t}\n"
        "targets:\n  - {id: c, measure: completions, scope: all, window: {from: 2022, to: 2029}, "
        "threshold: 20, source: t}\n");
    put("kernen.csv", "kern,tier,x_km,y_km\nA,town,0,0\nB,rural,3,4\nC,rural,30,40\n");
    put("population.csv", "kern,sex,age,persons\nA,F,0,0\nA,F,1,0\nA,F,2,24\nB,F,0,0\nB,F,1,0\n"
                          "B,F,2,10\nC,F,0,0\nC,F,1,0\nC,F,2,8\n");
    put("survival.csv", "sex,age,survival_ratio\nF,0,1\nF,1,1\nF,2,1\n");
    put("asfr.csv", "age,births_per_woman\n1,0\n");
    put("in_movers.csv", "sex,age,share\nF,2,1\n");
    put("headship.csv", "sex,age,headship_rate,institutional_share\nF,0,0,0\nF,1,0,0\nF,2,0.5,0\n");
    put("households.csv", "kern,households\nA,12\nB,5\nC,4\n");
    put("dwellings.csv", "kern,dwellings\nA,10\nB,20\nC,3\n");
    put("plans.csv", "plan_id,name,kern,units,segment,phase,first_year,last_year,demolitions\n"
                     "P1,B extension,B,10,owner,permit,2022,2022,0\n"
                     "P2,C infill,C,6,mixed,soft,2029,2029,2\n");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128];
    model_spec s;
    model m;
    diag d;

    if (dir[0] == '\0')
        write_base();
    snprintf(path, sizeof path, "%s/scenario.yaml", dir);
    diag_init(&d);
    if (config_parse(&s, (const char *) data, size, path, &d) == LS_OK) {
        memset(&m, 0, sizeof m);
        (void) model_load(&m, &s, &d);
        model_free(&m);
    }
    config_free(&s);
    diag_free(&d);
    return 0;
}
