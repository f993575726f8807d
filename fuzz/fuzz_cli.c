/* libFuzzer harness: the command line. The input is argv (arguments separated by
 * newlines) for cli_main, run inside a scratch folder that holds two small models
 * (m.yaml: demography; h.yaml: housing with targets) and a finished output folder
 * (out/). Absolute paths and ".." are turned into plain names, so that nothing
 * outside the scratch folder is touched, and Monte Carlo sizes are capped so that
 * one input stays fast. Every option, every refusal and every command must return
 * an exit code and never crash, leak or hang. */
#include <config.h>

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARGS 24

static void
put(const char *name, const char *text)
{
    FILE *f = fopen(name, "w");
    if (f == NULL)
        abort();
    fputs(text, f);
    fclose(f);
}

static void
setup(void)
{
    char dir[64];
    int null = open("/dev/null", O_WRONLY);
    snprintf(dir, sizeof dir, "/tmp/landstad-fuzz-cli.%ld", (long) getpid());
    if ((mkdir(dir, 0700) != 0 && access(dir, W_OK) != 0) || chdir(dir) != 0)
        abort();
    put("m.yaml", "name: m\nbase_year: 2020\nhorizon: 2022\nages: {width: 1, open: 2}\n"
                  "sexes: [F]\ngeography: {municipality: M, kernen: [A, B]}\n"
                  "population: pop.csv\nmortality: {survival: surv.csv}\n"
                  "fertility: {asfr: asfr.csv}\noutput: {plots: false}\n");
    put("pop.csv", "kern,sex,age,persons\nA,F,0,10\nA,F,1,10\nA,F,2,20\nB,F,0,5\nB,F,1,5\nB,F,2,9\n");
    put("surv.csv", "sex,age,survival_ratio\nF,0,0.99\nF,1,0.99\nF,2,0.95\n");
    put("asfr.csv", "age,births_per_woman\n1,0.3\n");
    put("h.yaml", "name: h\nbase_year: 2020\nhorizon: 2023\nages: {width: 1, open: 2}\n"
                  "sexes: [F]\ngeography: {municipality: M, kernen: kernen.csv}\n"
                  "population: pop.csv\nmortality: {survival: surv.csv}\n"
                  "fertility: {asfr: asfr.csv}\nhouseholds: {headship: head.csv, base: hh.csv}\n"
                  "dwellings: {stock: dw.csv, vacancy: 0.02}\n"
                  "pipeline:\n  plans: plans.csv\n  phases:\n"
                  "    permit: {probability: 0.9, delay: {0: 0.5, 1: 0.5}, source: fuzz}\n"
                  "targets:\n  - {id: t, measure: completions, scope: all, "
                  "window: {from: 2021, to: 2022}, threshold: 5, source: fuzz}\n"
                  "output: {plots: false}\n");
    put("kernen.csv", "kern,tier,x_km,y_km\nA,,0,0\nB,,3,4\n");
    put("head.csv", "sex,age,headship_rate,institutional_share\nF,0,0,0\nF,1,0.1,0\nF,2,0.5,0.01\n");
    put("hh.csv", "kern,households\nA,12\nB,6\n");
    put("dw.csv", "kern,dwellings\nA,12\nB,7\n");
    put("plans.csv", "plan_id,name,kern,units,segment,phase,first_year,last_year,demolitions\n"
                     "P1,x,A,4,owner,permit,2021,2022,0\n");
    if (null >= 0) /* stderr stays: run.sh passes -close_fd_mask=3 */
        close(null);
    setenv("LANDSTAD_GNUPLOT", "/nonexistent/gnuplot", 1); /* fast: scripts only */
    {
        char *argv[] = {"landstad", "run", "h.yaml", "--out", "out", "--quiet", NULL};
        if (cli_main(6, argv) != 0)
            abort();
    }
}

/* The first n characters of arg name a size option (getopt takes any unambiguous
 * prefix: --ru is --runs). */
static int
sized(const char *arg, size_t n)
{
    static const char *const opts[] = {"--runs", "--mc-pilot", "--threads"};
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
        if (n >= 3 && n <= strlen(opts[i]) && strncmp(arg, opts[i], n) == 0)
            return 1;
    return 0;
}

/* Keeps the fuzzer inside the scratch folder and each input fast. */
static void
tame(char **argv, int argc)
{
    for (int i = 0; i < argc; i++) {
        for (char *s = argv[i]; *s; s++)
            if (s[0] == '.' && s[1] == '.')
                s[0] = s[1] = '_';
        if (argv[i][0] == '/' || argv[i][0] == '~')
            argv[i][0] = 'x';
        if (i > 0 && sized(argv[i - 1], strlen(argv[i - 1])) && strlen(argv[i]) > 2)
            argv[i][2] = '\0';
        {
            char *eq = strchr(argv[i], '=');
            if (eq != NULL && sized(argv[i], (size_t) (eq - argv[i])) && strlen(eq + 1) > 2)
                eq[3] = '\0';
        }
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    char *buf, *argv[MAX_ARGS + 2];
    int argc = 1;

    if (!ready) {
        setup();
        ready = 1;
    }
    buf = xstrndup((const char *) data, size);
    argv[0] = "landstad";
    for (char *p = buf, *nl; argc <= MAX_ARGS; p = nl + 1) {
        nl = strchr(p, '\n');
        argv[argc++] = p;
        if (nl == NULL)
            break;
        *nl = '\0';
    }
    argv[argc] = NULL;
    tame(argv + 1, argc - 1);
    (void) cli_main(argc, argv);
    free(buf);
    return 0;
}
