/* Subcommands. Each is a row in `commands` below; adding one is adding a row and a
 * function. Exit codes: 0 success, 1 a target missed (with --fail-on-gap),
 * 2 usage or I/O error, 3 invalid model or input, 4 numerical failure. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "csv.h"
#include "housing.h"
#include "model.h"
#include "montecarlo.h"
#include "output.h"
#include "plot.h"
#include "projection.h"
#include "report.h"
#include "results.h"
#include "runrecord.h"
#include "scenario.h"
#include "targets.h"
#include "util.h"

typedef struct {
    const char *name;
    const char *usage;
    const char *summary;
    int (*run)(int argc, char **argv);
} cli_command;

static int cmd_run(int argc, char **argv);
static int cmd_targets(int argc, char **argv);
static int cmd_plot(int argc, char **argv);
static int cmd_check(int argc, char **argv);
static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static const cli_command commands[] = {
    {"run", "run MODEL.yaml [--out DIR] [--runs N [--seed S] [--threads T]] [--lang nl|en] [--no-plot] [--quiet]",
     "project the model (and N Monte Carlo runs); write tables, plots and run.yaml", cmd_run},
    {"targets", "targets MODEL.yaml [--fail-on-gap]",
     "run the model and print the municipal target table", cmd_targets},
    {"plot", "plot OUTDIR [--lang nl|en]",
     "rebuild the charts and report.html from the CSVs of a finished output folder", cmd_plot},
    {"check", "check MODEL.yaml | check --keys | check --inputs",
     "validate a model and its inputs and print a summary; --keys lists every model key, "
     "--inputs every input table",
     cmd_check},
    {"help", "help", "print this help", cmd_help},
    {"version", "version", "print the version", cmd_version},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

/* The output folder of the run in progress, removed by the fatal hook. */
static outdir *active_out;

static void
remove_active_output(void)
{
    if (active_out != NULL)
        outdir_abort(active_out);
}

/* getopt keeps its place inside a cluster of short options between calls: glibc
 * forgets it only with optind = 0 (cli_main may run more than once in a process:
 * tests, fuzzing). */
static void
reset_getopt(void)
{
#ifdef __GLIBC__
    optind = 0;
#else
    optind = 1;
#endif
}

static void
usage(FILE *out)
{
    fprintf(out, "Usage: landstad COMMAND [OPTIONS]\n\n"
                 "landstad projects population by kern, sex and single year of age with a\n"
                 "cohort-component model.\n\nCommands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  landstad %-46s %s\n", commands[i].usage, commands[i].summary);
    fprintf(out, "\nOptions:\n  --help      print this help\n  --version   print the version\n"
                 "\nExit status: 0 success, 1 a target missed (--fail-on-gap), 2 usage or I/O "
                 "error,\n3 invalid model or input, 4 numerical failure.\n");
}

static int
cmd_help(int argc, char **argv)
{
    (void) argc;
    (void) argv;
    usage(stdout);
    return LS_EXIT_OK;
}

static int
cmd_version(int argc, char **argv)
{
    (void) argc;
    (void) argv;
    printf("landstad %s\n", PACKAGE_VERSION);
    return LS_EXIT_OK;
}

/* Exit code for a failed load: 3 if any problem is about content, 2 if the only
 * problems were files that could not be read. */
static int
load_exit(int status)
{
    return status == LS_EIO ? LS_EXIT_USAGE : ls_exit_code(status);
}

static char *
join_args(int argc, char **argv)
{
    strbuf b;
    strbuf_init(&b);
    strbuf_add(&b, "landstad", 8);
    for (int i = 0; i < argc; i++) {
        strbuf_add(&b, " ", 1);
        strbuf_add(&b, argv[i], strlen(argv[i]));
    }
    return b.s;
}

static void
fmt_thousands(char *buf, size_t size, double v)
{
    long long n = llround(v);
    char tmp[32];
    int neg = n < 0, len, j = 0;
    if (neg)
        n = -n;
    len = snprintf(tmp, sizeof tmp, "%lld", n);
    if (neg && (size_t) j + 1 < size)
        buf[j++] = '-';
    for (int i = 0; i < len && (size_t) j + 2 < size; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[j++] = ',';
        buf[j++] = tmp[i];
    }
    buf[j] = '\0';
}

static void
print_summary(const scenario *sc, const projection *p, const run_info *ri, const char *outpath)
{
    const model *m = &sc->m;
    const model_spec *s = &sc->spec;
    char b1[32], b2[32];
    double births = 0, deaths = 0, in = 0, out = 0;

    printf("landstad %s: %s, %zu kern%s, %d -> %d (%s, open %d+)\n", PACKAGE_VERSION, s->name,
           m->n_areas, m->n_areas == 1 ? "" : "en", s->base_year, p->years[p->n_years - 1],
           s->width == 1 ? "single years" : "5-year groups", s->open);
    if (ri->calibrated)
        printf("calibrated: flow %s level %.6f in %d-%d gives %s on 1 January %d\n",
               s->calibrate_flow, ri->calibrated_level, s->calibrate_from, s->calibrate_to,
               (fmt_thousands(b1, sizeof b1,
                              projection_total(p, (size_t) ((s->calibrate_year - s->base_year)
                                                            / s->width))),
                b1),
               s->calibrate_year);
    printf("population on 1 January:");
    for (size_t y = 0; y < p->n_years; y++) {
        const int yr = p->years[y];
        if (y == 0 || y + 1 == p->n_years || (yr % 5 == 0 && p->n_years > 3)) {
            fmt_thousands(b1, sizeof b1, projection_total(p, y));
            printf("  %d %s", yr, b1);
        }
    }
    printf("\n");
    for (size_t t = 0; t < p->step; t++)
        for (size_t i = 0; i < m->n_areas * m->n_sexes; i++) {
            const cohort_comp *c = &p->comp[t * m->n_areas * m->n_sexes + i];
            births += c->births;
            deaths += c->deaths;
            in += c->immigration + c->domestic_in;
            out += c->emigration + c->domestic_out;
        }
    fmt_thousands(b1, sizeof b1, births);
    fmt_thousands(b2, sizeof b2, deaths);
    printf("%d-%d: births %s, deaths %s", p->years[0], p->years[p->n_years - 1], b1, b2);
    fmt_thousands(b1, sizeof b1, in);
    fmt_thousands(b2, sizeof b2, out);
    printf(", in-migrants %s, out-migrants %s\n", b1, b2);
    if (p->clipped > 0)
        printf("clipped: %.3f persons that rates or counts would have removed were not there "
               "(see components.csv, column clipped)\n",
               p->clipped);
    else
        printf("clipped: none (no cell would have gone negative)\n");
    if (outpath != NULL)
        printf("wrote %s/ (population.csv, components.csv, run.yaml, plots/)\n", outpath);
}

/* Everything one run computes: the deterministic scenario and, with --runs, the
 * Monte Carlo. */
typedef struct {
    scenario sc;
    int has_mc;
    projection_cache cache;
    mc mc;
} session;

static void
session_free(session *S)
{
    if (S->has_mc)
        mc_free(&S->mc);
    projection_cache_free(&S->cache);
    scenario_free(&S->sc);
}

/* The memory a run may use: LANDSTAD_MAX_MEMORY_GB, else half the machine's. */
static double
memory_limit_gb(void)
{
    const char *env = getenv("LANDSTAD_MAX_MEMORY_GB");
    const double v = env != NULL ? atof(env) : 0;
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);

    if (v > 0)
        return v;
    return pages > 0 && page > 0 ? (double) pages * (double) page / 2 / 1073741824.0 : 8.0;
}

/* Loads, calibrates and runs a model. Returns an exit code (0 on success); every
 * problem is printed. */
static int
session_run(session *S, const char *model_path, diag *d)
{
    int ret;

    memset(S, 0, sizeof *S);
    ret = scenario_load(&S->sc, model_path, d);
    if (ret != LS_OK) {
        diag_print(d, stderr);
        return load_exit(ret);
    }
    ret = scenario_check_size(&S->sc, memory_limit_gb(), d);
    if (ret == LS_OK)
        ret = scenario_calibrate(&S->sc, d);
    if (ret == LS_OK)
        ret = scenario_run(&S->sc, d);
    if (ret != LS_OK) {
        diag_print(d, stderr);
        if (ret == LS_EINTERRUPTED) {
            fprintf(stderr, "landstad: interrupted; earlier results are untouched\n");
            return 130;
        }
        if (diag_count(d) == 0)
            fprintf(stderr, "landstad: %s: the projection failed: %s\n", model_path,
                    ls_strerror(ret));
        return ls_exit_code(ret);
    }
    return LS_EXIT_OK;
}

static const char *const window_word[] = {"each year", "cumulative", "on 1 Jan"};

/* The municipal target rows as an aligned table. Returns the number missed. */
static int
print_targets(const session *S, FILE *out)
{
    const target_table *tt = &S->sc.tt;
    int missed = 0;
    char b1[32], b2[32], b3[32];

    fprintf(out, "%-28s %-22s %10s %10s %10s  %s\n", "target", "window", "required",
            "expected", "gap", "met");
    for (size_t i = 0; i < tt->n; i++) {
        const target_row *r = &tt->row[i];
        const target_spec *t = r->t;
        char win[40];
        if (r->level != LEVEL_MUNICIPALITY)
            continue;
        if (t->window == WINDOW_AT)
            snprintf(win, sizeof win, "1 Jan %d", t->from);
        else
            snprintf(win, sizeof win, "%d-%d %s", t->from, t->to, window_word[t->window]);
        fmt_thousands(b1, sizeof b1, r->required);
        fmt_thousands(b2, sizeof b2, r->expected);
        fmt_thousands(b3, sizeof b3, r->gap);
        if (t->window == WINDOW_ANNUAL)
            fprintf(out, "%-28s %-22s %10s %10s %10s  %s (%d of %d years; worst %d: %.0f)\n",
                    t->id, win, b1, b2, b3, r->met ? "yes" : "no", r->years_met, r->n_years,
                    r->worst_year, r->worst_expected);
        else
            fprintf(out, "%-28s %-22s %10s %10s %10s  %s\n", t->id, win, b1, b2, b3,
                    r->met ? "yes" : "no");
        missed += !r->met;
    }
    fprintf(out, "(gap = required - expected: positive means short; annual targets show the "
                 "mean per year)\n");
    return missed;
}

static void
print_housing_summary(const session *S)
{
    const housing *h = &S->sc.h;
    const model *m = &S->sc.m;
    const size_t last = h->n_years - 1;
    char b1[32], b2[32], b3[32];
    double built = 0;

    for (size_t y = 0; y < last; y++)
        built += housing_total(h, h->completions, y);
    fmt_thousands(b1, sizeof b1, housing_total(h, h->households[VIEW_TREND], 0));
    fmt_thousands(b2, sizeof b2, housing_total(h, h->stock, 0));
    printf("housing: %s households and %s dwellings on 1 January %d; ", b1, b2,
           m->spec->base_year);
    if (S->sc.ri.pipeline_calibrated) {
        fmt_thousands(b3, sizeof b3, S->sc.ri.pipeline_unscaled);
        printf("plans marked calibrate scaled by %.4f (expected stock on 1 January %d was %s, "
               "observed %.0f); ",
               S->sc.ri.pipeline_factor, m->spec->pipeline_calibrate_year, b3,
               m->spec->pipeline_calibrate_dwellings);
    }
    fmt_thousands(b1, sizeof b1, built);
    printf("expected completions %d-%d: %s\n", m->spec->base_year, m->spec->horizon - 1, b1);
    fmt_thousands(b1, sizeof b1, housing_total(h, h->households[VIEW_TREND], last));
    fmt_thousands(b2, sizeof b2, housing_total(h, h->stock, last));
    {
        double shortage = 0;
        for (size_t a = 0; a < m->n_areas; a++)
            shortage += h->households[VIEW_TREND][last * m->n_areas + a] / (1 - m->vacancy[a])
                        - h->stock[last * m->n_areas + a];
        fmt_thousands(b3, sizeof b3, shortage);
    }
    printf("1 January %d, trend: %s households, %s dwellings, shortage %s (negative: surplus)\n",
           m->spec->horizon, b1, b2, b3);
    fmt_thousands(b1, sizeof b1,
                  housing_total(h, h->households[VIEW_HOUSING_LED], last)
                      - housing_total(h, h->households[VIEW_TREND], last));
    printf("housing-led: contribution to the regional growth task (households beyond the trend) "
           "by 1 January %d: %s\n",
           m->spec->horizon, b1);
}

static int
write_results(session *S, outdir *od, int render, enum report_lang lang, diag *d, diag *notes)
{
    char *file;
    int ret;
    const projection *trend = S->sc.trend;

#define WRITE(name, call)                                                                      \
    do {                                                                                       \
        file = outdir_path(od, name);                                                          \
        ret = call;                                                                            \
        free(file);                                                                            \
        if (ret != LS_OK)                                                                      \
            goto out;                                                                          \
    } while (0)
    WRITE("population.csv", results_write_population(trend, file, d));
    WRITE("kernen.csv", results_write_kernen(&S->sc.m, file, d));
    WRITE("inputs.csv", results_write_inputs(&S->sc.m, file, d));
    WRITE("components.csv", results_write_components(trend, file, d));
    if (S->sc.has_housing) {
        WRITE("population_housing_led.csv",
              results_write_population(&S->sc.h.view[VIEW_HOUSING_LED], file, d));
        WRITE("components_housing_led.csv",
              results_write_components(&S->sc.h.view[VIEW_HOUSING_LED], file, d));
        WRITE("households.csv", results_write_households(&S->sc.h, file, d));
        WRITE("completions.csv", results_write_completions(&S->sc.h, file, d));
        WRITE("targets.csv", results_write_targets(&S->sc.tt, &S->sc.m, S->has_mc ? &S->mc : NULL,
                                                   file, d));
        WRITE("gap_decomposition.csv", results_write_gap_decomposition(&S->sc.tt, &S->sc.m, file, d));
        if (S->has_mc) {
            ret = results_write_mc_summaries(&S->mc, od->tmp, d);
            if (ret != LS_OK)
                goto out;
        }
        WRITE("gaps.csv", results_write_gaps(&S->sc.h, &S->sc.tt, file, d));
        WRITE("regional.csv", results_write_regional(&S->sc.h, file, d));
    }
#undef WRITE
    {
        /* Modules with their own part of the record add it between add_run and save. */
        runrecord *rr = runrecord_alloc();
        runrecord_add_run(rr, &S->sc.m, trend, &S->sc.ri);
        file = outdir_path(od, "run.yaml");
        ret = runrecord_save(rr, file, d);
        free(file);
        runrecord_free(rr);
        if (ret != LS_OK)
            goto out;
    }
    /* The charts and the report are built from the files just written, exactly as
     * `landstad plot` rebuilds them later. */
    {
        report_options ro = {.lang = lang, .render = render, .shown_dir = od->final};
        ret = report_build(od->tmp, &ro, d, notes);
    }
out:
    return ret;
}

/* Whether the folder that would hold path exists (then it can be locked and
 * checked before any computing). */
static int
parent_exists(const char *path)
{
    char *parent = path_dirname(path);
    struct stat st;
    const int ok = stat(parent, &st) == 0 && S_ISDIR(st.st_mode);
    free(parent);
    return ok;
}

/* Locks and checks the output folder and creates the temporary one; notices about
 * leftovers of interrupted runs are printed at once. Returns an exit code. */
static int
begin_output(outdir *od, const char *path, diag *d)
{
    diag notes;
    int ret;

    diag_init(&notes);
    ret = outdir_begin(od, path, d, &notes);
    diag_print(&notes, stderr);
    diag_free(&notes);
    if (ret != LS_OK) {
        diag_print(d, stderr);
        return LS_EXIT_USAGE;
    }
    active_out = od;
    util_set_fatal_hook(remove_active_output);
    return LS_EXIT_OK;
}

/* Runs the Monte Carlo part with a progress bar on stderr when it is a terminal. */
static int
session_mc(session *S, const mc_options *opt)
{
    const int tty = isatty(STDERR_FILENO);
    int ret;
    unsigned long last = (unsigned long) -1;

    ret = projection_cache_build(&S->cache, &S->sc.m);
    if (ret == LS_OK)
        ret = mc_init(&S->mc, &S->sc.m, &S->sc.tt, &S->sc.po, &S->cache, opt);
    if (ret != LS_OK)
        return ret;
    S->has_mc = 1;
    ret = mc_start(&S->mc);
    if (ret != LS_OK)
        return ret;
    for (;;) {
        const unsigned long done = mc_progress(&S->mc);
        if (output_interrupted())
            mc_cancel(&S->mc);
        if (tty && done != last) {
            const int width = 40, bar = (int) (width * done / opt->runs);
            fprintf(stderr, "\r[%.*s%*s] %lu/%lu runs", bar,
                    "========================================", width - bar, "", done, opt->runs);
            last = done;
        }
        if (done >= opt->runs || output_interrupted() || mc_status(&S->mc) != LS_OK)
            break;
        {
            struct timespec ts = {0, 20000000};
            nanosleep(&ts, NULL);
        }
    }
    ret = mc_finish(&S->mc);
    if (tty)
        fprintf(stderr, "\r%*s\r", 70, "");
    return ret;
}

static int
print_probabilities(const session *S, FILE *out)
{
    const target_table *tt = &S->sc.tt;
    const mc *M = &S->mc;

    fprintf(out, "\n%lu Monte Carlo runs (seed %lu): probability of meeting each target\n",
            M->opt.runs, M->opt.seed);
    fprintf(out, "%-28s %12s %10s %10s %10s %12s %12s\n", "target", "P(met)", "p10", "p50",
            "p90", "extra for 80%", "extra for 90%");
    for (size_t i = 0; i < tt->n; i++) {
        const target_row *r = &tt->row[i];
        const mc_summary *sm = &M->summary[M->off_rows + i];
        char e80[32], e90[32];
        if (r->level != LEVEL_MUNICIPALITY)
            continue;
        if (isnan(M->extra80[i]))
            snprintf(e80, sizeof e80, "-");
        else if (isinf(M->extra80[i]))
            snprintf(e80, sizeof e80, "unreachable");
        else
            snprintf(e80, sizeof e80, "%.0f", M->extra80[i]);
        if (isnan(M->extra90[i]))
            snprintf(e90, sizeof e90, "-");
        else if (isinf(M->extra90[i]))
            snprintf(e90, sizeof e90, "unreachable");
        else
            snprintf(e90, sizeof e90, "%.0f", M->extra90[i]);
        fprintf(out, "%-28s %11.1f%% %10.0f %10.0f %10.0f %12s %12s\n", r->t->id,
                100 * M->probability[i], sm->p10, sm->p50, sm->p90, e80, e90);
    }
    fprintf(out, "(extra: dwellings of additional %s-phase plan capacity; p10-p90: the target's "
                 "measure)\n",
            phase_names[S->sc.spec.extra_phase]);
    return 0;
}

static int
parse_lang(const char *text, enum report_lang *lang)
{
    if (strcmp(text, "nl") == 0)
        *lang = LANG_NL;
    else if (strcmp(text, "en") == 0)
        *lang = LANG_EN;
    else {
        fprintf(stderr, "landstad: --lang must be nl or en, found %s\n", diag_quote(text));
        return -1;
    }
    return 0;
}

static int
parse_count(const char *opt, const char *text, unsigned long min, unsigned long max,
            unsigned long *out)
{
    long v;
    if (parse_integer(text, &v) != 0 || v < (long) min || (unsigned long) v > max) {
        fprintf(stderr, "landstad: run: %s must be an integer in [%lu, %lu], found %s\n", opt,
                min, max, diag_quote(text));
        return -1;
    }
    *out = (unsigned long) v;
    return 0;
}

static int
cmd_run(int argc, char **argv)
{
    static const struct option opts[] = {{"out", required_argument, NULL, 'o'},
                                         {"no-plot", no_argument, NULL, 'P'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"runs", required_argument, NULL, 'r'},
                                         {"seed", required_argument, NULL, 's'},
                                         {"threads", required_argument, NULL, 't'},
                                         {"mc-pilot", required_argument, NULL, 'p'},
                                         {"lang", required_argument, NULL, 'l'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *outpath = NULL;
    char *default_out = NULL, *cmdline = NULL;
    unsigned long runs = 0, seed = 1, threads = 0, pilot = 1000;
    enum report_lang lang = LANG_NL;
    mc_options mco;
    int plots = 1, quiet = 0, c, ret, code = LS_EXIT_OK;
    diag d, notes;
    session S;
    outdir od;

    memset(&S, 0, sizeof S);
    memset(&od, 0, sizeof od);
    diag_init(&d);
    diag_init(&notes);
    cmdline = join_args(argc, argv);
    reset_getopt();
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
        switch (c) {
        case ':':
            fprintf(stderr, "landstad: run: option %s needs a value\nUsage: landstad %s\n",
                    argv[optind - 1], commands[0].usage);
            code = LS_EXIT_USAGE;
            goto out;
        case 'o':
            outpath = optarg;
            break;
        case 'P':
            plots = 0;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'r':
            if (parse_count("--runs", optarg, 1, 10000000, &runs) != 0) {
                code = LS_EXIT_USAGE;
                goto out;
            }
            break;
        case 's':
            if (parse_count("--seed", optarg, 0, 4294967295UL, &seed) != 0) {
                code = LS_EXIT_USAGE;
                goto out;
            }
            break;
        case 'l':
            if (parse_lang(optarg, &lang) != 0) {
                code = LS_EXIT_USAGE;
                goto out;
            }
            break;
        case 'p':
            /* Advanced: runs kept whole (exact quantiles up to this many runs). */
            if (parse_count("--mc-pilot", optarg, 10, 1000000, &pilot) != 0) {
                code = LS_EXIT_USAGE;
                goto out;
            }
            break;
        case 't':
            if (parse_count("--threads", optarg, 1, 256, &threads) != 0) {
                code = LS_EXIT_USAGE;
                goto out;
            }
            break;
        case 'h':
            printf("Usage: landstad %s\n", commands[0].usage);
            code = LS_EXIT_OK;
            goto out;
        default:
            fprintf(stderr, "landstad: run: unknown option %s\nUsage: landstad %s\n",
                    argv[optind - 1], commands[0].usage);
            code = LS_EXIT_USAGE;
            goto out;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "landstad: run: expected one model file, found %d arguments\n"
                        "Usage: landstad %s\n",
                argc - optind, commands[0].usage);
        code = LS_EXIT_USAGE;
        goto out;
    }
    /* A folder that may not be replaced is refused before any computing. */
    if (outpath != NULL && parent_exists(outpath)
        && (code = begin_output(&od, outpath, &d)) != LS_EXIT_OK)
        goto out;
    code = session_run(&S, argv[optind], &d);
    if (code != LS_EXIT_OK)
        goto out;
    if (runs > 0 && !S.sc.has_housing) {
        fprintf(stderr, "landstad: %s: --runs needs a model with households, dwellings and "
                        "pipeline sections (what varies is the pipeline and the levels)\n",
                argv[optind]);
        code = LS_EXIT_USAGE;
        goto out;
    }
    if (runs > 0) {
        long nproc = sysconf(_SC_NPROCESSORS_ONLN);
        memset(&mco, 0, sizeof mco);
        mco.runs = runs;
        mco.seed = seed;
        mco.threads = threads > 0 ? (unsigned) threads : (unsigned) (nproc > 0 ? nproc : 1);
        mco.pilot = pilot;
        ret = session_mc(&S, &mco);
        if (ret != LS_OK) {
            if (ret == LS_EINTERRUPTED)
                fprintf(stderr, "landstad: interrupted; earlier results are untouched\n");
            else
                fprintf(stderr, "landstad: %s: the Monte Carlo runs failed: %s\n", argv[optind],
                        ls_strerror(ret));
            code = ret == LS_EINTERRUPTED ? 130 : ls_exit_code(ret);
            goto out;
        }
        S.sc.ri.has_seed = 1;
        S.sc.ri.seed = seed;
        S.sc.ri.runs = runs;
        S.sc.ri.threads = mco.threads;
        S.sc.ri.pilot = mco.pilot;
        S.sc.ri.rng_name = "mt19937";
    }
    if (outpath == NULL) {
        default_out = xasprintf("output/%s", S.sc.spec.name);
        outpath = default_out;
    }
    if (od.tmp == NULL && (code = begin_output(&od, outpath, &d)) != LS_EXIT_OK)
        goto out;
    S.sc.ri.command_line = cmdline;
    ret = write_results(&S, &od, plots && S.sc.spec.plots, lang, &d, &notes);
    if (ret == LS_OK && output_interrupted())
        ret = LS_EINTERRUPTED;
    if (ret == LS_OK)
        ret = outdir_commit(&od, &d);
    if (ret != LS_OK) {
        outdir_abort(&od);
        diag_print(&d, stderr);
        if (ret == LS_EINTERRUPTED)
            fprintf(stderr, "landstad: interrupted; earlier results are untouched\n");
        code = ret == LS_EINTERRUPTED ? 130 : LS_EXIT_USAGE;
        goto out;
    }
    if (plots && S.sc.spec.plots)
        diag_print(&notes, stderr);
    if (!quiet) {
        print_summary(&S.sc, S.sc.trend, &S.sc.ri, NULL);
        if (S.sc.has_housing) {
            print_housing_summary(&S);
            if (S.sc.tt.n > 0)
                print_targets(&S, stdout);
            if (S.has_mc)
                print_probabilities(&S, stdout);
        }
        printf("wrote %s/\n", od.final);
    }
out:
    active_out = NULL;
    outdir_free(&od);
    session_free(&S);
    diag_free(&d);
    diag_free(&notes);
    free(default_out);
    free(cmdline);
    return code;
}

static int
cmd_targets(int argc, char **argv)
{
    static const struct option opts[] = {{"fail-on-gap", no_argument, NULL, 'f'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int fail_on_gap = 0, c, code;
    diag d;
    session S;

    reset_getopt();
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'f')
            fail_on_gap = 1;
        else if (c == 'h') {
            printf("Usage: landstad %s\n", "targets MODEL.yaml [--fail-on-gap]");
            return LS_EXIT_OK;
        } else {
            fprintf(stderr, "landstad: targets: unknown option %s\nUsage: landstad targets "
                            "MODEL.yaml [--fail-on-gap]\n",
                    argv[optind - 1]);
            return LS_EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "landstad: targets: expected one model file, found %d arguments\n",
                argc - optind);
        return LS_EXIT_USAGE;
    }
    diag_init(&d);
    code = session_run(&S, argv[optind], &d);
    if (code == LS_EXIT_OK) {
        if (!S.sc.has_housing || S.sc.tt.n == 0) {
            fprintf(stderr, "landstad: %s: the model has no targets (add a targets: list with "
                            "households, dwellings and pipeline sections)\n",
                    argv[optind]);
            code = LS_EXIT_INVALID;
        } else {
            int missed = print_targets(&S, stdout);
            if (fail_on_gap && missed > 0)
                code = LS_EXIT_TARGET_MISSED;
        }
    }
    session_free(&S);
    diag_free(&d);
    return code;
}

static int
cmd_check(int argc, char **argv)
{
    scenario L;
    diag d;
    int ret, code = LS_EXIT_OK;

    if (argc == 2 && strcmp(argv[1], "--keys") == 0) {
        config_print_keys(stdout);
        return LS_EXIT_OK;
    }
    if (argc == 2 && strcmp(argv[1], "--inputs") == 0) {
        model_print_inputs(stdout);
        return LS_EXIT_OK;
    }
    if (argc != 2 || argv[1][0] == '-') {
        fprintf(stderr, "landstad: check: expected one model file\nUsage: landstad %s\n",
                commands[3].usage);
        return LS_EXIT_USAGE;
    }
    diag_init(&d);
    ret = scenario_load(&L, argv[1], &d);
    if (ret != LS_OK) {
        diag_print(&d, stderr);
        code = load_exit(ret);
        goto out;
    }
    {
        const model *m = &L.m;
        const model_spec *s = &L.spec;
        double total = 0;
        char b[32];
        for (size_t i = 0; i < model_cells(m); i++)
            total += m->base_pop[i];
        fmt_thousands(b, sizeof b, total);
        printf("%s: valid\n", s->path);
        printf("  model      %s (%s)\n", s->name, s->title);
        printf("  years      1 January %d -> %d, steps of %d year%s\n", s->base_year, s->horizon,
               s->width, s->width == 1 ? "" : "s");
        printf("  ages       %zu groups of %d year%s, open group %d+\n", m->n_ages, s->width,
               s->width == 1 ? "" : "s", s->open);
        if (s->n_sexes == 2)
            printf("  sexes      %c, %c\n", s->sex[0], s->sex[1]);
        else
            printf("  sexes      F only\n");
        printf("  geography  %s: %zu kern%s", s->municipality, m->n_areas,
               m->n_areas == 1 ? "" : "en");
        if (m->n_tiers > 0) {
            printf(" (");
            for (size_t t = 0; t < m->n_tiers; t++) {
                size_t k = 0;
                for (size_t a = 0; a < m->n_areas; a++)
                    k += m->area_tier[a] == t;
                printf("%s%s %zu", t ? ", " : "", m->tier[t], k);
            }
            printf(")");
        }
        printf("\n  population %s on 1 January %d\n", b, s->base_year);
        printf("  mortality  %s\n", s->survival_file ? "survival ratios given" :
               (m->n_imp_years ? "life table with improvement" : "life table"));
        printf("  fertility  %s%s; births exposure %s\n",
               s->tfr.n ? "schedule rescaled to a TFR path" : "schedule as given",
               s->fertility_level.is_map || s->fertility_level.scalar != 1 ? ", with level factors" : "",
               s->exposure == EXPOSURE_START_AND_END_POPULATION ? "start_and_end_population"
                                                                : "start_and_survivors");
        printf("  migration  timing %s, %zu flow%s\n", s->timing == TIMING_EVEN ? "even" : "end",
               s->n_flows, s->n_flows == 1 ? "" : "s");
        for (size_t k = 0; k < s->n_flows; k++)
            printf("    %-20s %-13s %s\n", s->flows[k].name, flow_kind_names[s->flows[k].kind],
                   s->flows[k].source == FLOW_FROM_RATES    ? "rates"
                   : s->flows[k].source == FLOW_FROM_COUNTS ? "counts"
                                                            : "total x profile");
        if (s->has_calibrate)
            printf("  calibrate  %s level %d-%d to %.0f persons on 1 January %d\n",
                   s->calibrate_flow, s->calibrate_from, s->calibrate_to,
                   s->calibrate_population, s->calibrate_year);
        printf("  inputs     %zu files\n", m->n_inputs);
    }
out:
    scenario_free(&L);
    diag_free(&d);
    return code;
}

/* Whether dir/plots holds a rendered chart. */
static int
has_images(const char *dir)
{
    char *plots = xasprintf("%s/plots", dir);
    DIR *dp = opendir(plots);
    struct dirent *de;
    int found = 0;

    while (dp != NULL && !found && (de = readdir(dp)) != NULL) {
        const char *dot = strrchr(de->d_name, '.');
        found = dot != NULL && (strcmp(dot, ".png") == 0 || strcmp(dot, ".svg") == 0);
    }
    if (dp != NULL)
        closedir(dp);
    free(plots);
    return found;
}

/* Rebuilds the charts and the report of a finished output folder. They are built in
 * a temporary folder and moved in only when every chart was drawn (or when there
 * were no drawn charts to lose), so a failing gnuplot leaves the earlier charts and
 * report as they were; nothing else in the folder is touched. */
static int
cmd_plot(int argc, char **argv)
{
    static const struct option opts[] = {{"lang", required_argument, NULL, 'l'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    static const char *const entries[] = {"report.html", "plots"};
    report_options ro = {.lang = LANG_NL, .render = 1};
    size_t unrendered = 0;
    diag d, notes;
    int c, ret, code = LS_EXIT_OK;
    struct stat st;
    outdir od;

    reset_getopt();
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        if (c == 'l') {
            if (parse_lang(optarg, &ro.lang) != 0)
                return LS_EXIT_USAGE;
        } else if (c == 'h') {
            printf("Usage: landstad plot OUTDIR [--lang nl|en]\n");
            return LS_EXIT_OK;
        } else {
            fprintf(stderr, "landstad: plot: %s %s\nUsage: landstad plot OUTDIR [--lang nl|en]\n",
                    c == ':' ? "option needs a value:" : "unknown option", argv[optind - 1]);
            return LS_EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "landstad: plot: expected one output folder, found %d arguments\n"
                        "Usage: landstad plot OUTDIR [--lang nl|en]\n",
                argc - optind);
        return LS_EXIT_USAGE;
    }
    if (stat(argv[optind], &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "landstad: %s: not an output folder (%s)\n", argv[optind],
                errno ? strerror(errno) : "not a folder");
        return LS_EXIT_USAGE;
    }
    diag_init(&d);
    diag_init(&notes);
    {
        /* "." and the like: the folder by its real name (it is swapped by name) */
        char *real = realpath(argv[optind], NULL);
        ret = outdir_begin_update(&od, real != NULL ? real : argv[optind], entries, 2, &d,
                                  &notes);
        free(real);
    }
    if (ret == LS_OK) {
        active_out = &od;
        util_set_fatal_hook(remove_active_output);
        ro.out_dir = od.tmp;
        ro.shown_dir = od.final;
        ro.unrendered = &unrendered;
        ret = report_build(od.final, &ro, &d, &notes);
    }
    if (ret == LS_OK && unrendered > 0 && has_images(od.final)) {
        diag_add(&d, od.final, 0, 0,
                 "%zu chart%s could not be drawn (see above): the earlier charts and "
                 "report.html are kept as they were",
                 unrendered, unrendered == 1 ? "" : "s");
        ret = LS_EIO;
    }
    if (ret == LS_OK && output_interrupted())
        ret = LS_EINTERRUPTED;
    if (ret == LS_OK)
        ret = outdir_commit_update(&od, entries, 2, &d);
    diag_print(&notes, stderr);
    diag_print(&d, stderr);
    if (ret == LS_EINTERRUPTED) {
        fprintf(stderr, "landstad: interrupted; the folder is as it was\n");
        code = 130;
    } else if (ret != LS_OK)
        code = ret == LS_EIO ? LS_EXIT_USAGE : ls_exit_code(ret);
    else
        printf("wrote %s/report.html and %s/plots/\n", od.final, od.final);
    active_out = NULL;
    outdir_free(&od);
    diag_free(&d);
    diag_free(&notes);
    return code;
}

int
cli_main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    output_install_signal_handlers();
    if (argc < 2) {
        usage(stderr);
        return LS_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return cmd_help(argc - 1, argv + 1);
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
        return cmd_version(argc - 1, argv + 1);
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "landstad: unknown command %s (try landstad --help)\n", diag_quote(argv[1]));
    return LS_EXIT_USAGE;
}
