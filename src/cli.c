/* Subcommands. Each is a row in `commands` below; adding one is adding a row and a
 * function. Exit codes: 0 success, 1 a target missed (with --fail-on-gap),
 * 2 usage or I/O error, 3 invalid model or input, 4 numerical failure. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
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
#include "compare.h"
#include "comparereport.h"
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
#include "outowner.h"
#include "runrecord.h"
#include "scenario.h"
#include "scenariofile.h"
#include "summary.h"
#include "targets.h"
#include "util.h"
#include "workbook.h"

typedef struct {
    const char *flag; /* "--out DIR" */
    const char *help; /* one line; the whole help stays under 80 columns */
} cli_option;

typedef struct {
    const char *name;
    const char *args;    /* what follows the name: "MODEL.yaml" */
    const char *summary; /* one line */
    const cli_option *options; /* terminated by a NULL flag; NULL when none */
    int (*run)(int argc, char **argv);
} cli_command;

static int cmd_run(int argc, char **argv);
static int cmd_targets(int argc, char **argv);
static int cmd_plot(int argc, char **argv);
static int cmd_check(int argc, char **argv);
static int cmd_compare(int argc, char **argv);
static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static const cli_option run_options[] = {
    {"--out DIR", "write into DIR (default output/NAME; a scenario:"},
    {"", "output/BASE-FILE, its base's name and file name)"},
    {"--force", "replace results that another model or scenario wrote"},
    {"--runs N", "also N Monte Carlo runs (plans, delays and levels vary)"},
    {"--seed S", "seed of the Monte Carlo runs (default 1)"},
    {"--threads T", "threads for the Monte Carlo runs (default: every core)"},
    {"--mc-pilot N", "runs kept whole for exact quantiles (default 1000)"},
    {"--lang nl|en", "Dutch or English; default terminal en, report nl"},
    {"--no-plot", "no charts (tables, report and workbook are written)"},
    {"--quiet", "print nothing when all goes well"},
    {NULL, NULL},
};
static const cli_option targets_options[] = {
    {"--fail-on-gap", "exit with status 1 when a target is missed"},
    {"--lang nl|en", "Dutch or English on the terminal (default en)"},
    {NULL, NULL},
};
static const cli_option compare_options[] = {
    {"--runs N", "Monte Carlo runs per model (default 1000; 0: none)"},
    {"--seed S", "seed of the runs, the same for every model (default 1)"},
    {"--out DIR", "write into DIR (default output/BASE-compare)"},
    {"--lang nl|en", "Dutch or English; default terminal en, page nl"},
    {"--threads T", "threads for the Monte Carlo runs (default: every core)"},
    {"--no-plot", "no charts (tables and page are written)"},
    {"--force", "replace a comparison another base model wrote"},
    {"--independent", "own draws per model (shows what common draws save)"},
    {"--quiet", "print nothing when all goes well"},
    {NULL, NULL},
};
static const cli_option plot_options[] = {
    {"--lang nl|en", "Dutch or English report and workbook (default nl)"},
    {NULL, NULL},
};
static const cli_option check_options[] = {
    {"--lang nl|en", "Dutch or English on the terminal (default en)"},
    {"--keys", "list every key a model file may hold (no model)"},
    {"--inputs", "list every input table, its columns and rules"},
    {NULL, NULL},
};

static const cli_command commands[] = {
    {.name = "run", .args = "MODEL.yaml", .options = run_options, .run = cmd_run,
     .summary = "project; write tables, charts, report and workbook"},
    {.name = "targets", .args = "MODEL.yaml", .options = targets_options, .run = cmd_targets,
     .summary = "run the model and print the municipal target table"},
    {.name = "compare", .args = "BASE.yaml SCENARIO.yaml...", .options = compare_options,
     .run = cmd_compare, .summary = "a model and its scenarios side by side"},
    {.name = "plot", .args = "OUTDIR", .options = plot_options, .run = cmd_plot,
     .summary = "rebuild charts, report and workbook from OUTDIR's CSVs"},
    {.name = "check", .args = "MODEL.yaml", .options = check_options, .run = cmd_check,
     .summary = "validate a model and its inputs; print a summary"},
    {.name = "help", .args = "", .run = cmd_help, .summary = "print this help (also --help)"},
    {.name = "version", .args = "", .run = cmd_version,
     .summary = "print the version (also --version)"},
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

static const cli_command *
command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static void
command_lines(FILE *out, const cli_command *c, const char *indent)
{
    char head[48];
    snprintf(head, sizeof head, "%s%s%s", c->name, *c->args ? " " : "", c->args);
    if (strlen(head) > 19) /* a long synopsis gets its own line */
        fprintf(out, "%s%s\n%s%-19s %s\n", indent, head, indent, "", c->summary);
    else
        fprintf(out, "%s%-19s %s\n", indent, head, c->summary);
    for (const cli_option *o = c->options; o != NULL && o->flag != NULL; o++)
        fprintf(out, "%s  %-17s %s\n", indent, o->flag, o->help);
}

static void
usage(FILE *out)
{
    fprintf(out, "Usage: landstad COMMAND [OPTIONS]\n\n"
                 "landstad projects population and households per kern (village) by sex and\n"
                 "single year of age, and checks housing targets against the plan list.\n\n"
                 "Commands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        command_lines(out, &commands[i], "  ");
    fprintf(out, "\nExit status: 0 success, 1 a target missed (--fail-on-gap), 2 usage or I/O\n"
                 "error, 3 invalid model or input, 4 numerical failure, 130 interrupted.\n");
}

/* landstad CMD --help */
static int
command_help(const char *name)
{
    const cli_command *c = command(name);
    printf("Usage: landstad %s %s%s\n\n", c->name, c->args, c->options ? " [OPTIONS]" : "");
    command_lines(stdout, c, "");
    return LS_EXIT_OK;
}

/* A usage error: the message, then where the options are explained. */
static int usage_error(const char *name, const char *fmt, ...) LS_PRINTF(2, 3);

static int
usage_error(const char *name, const char *fmt, ...)
{
    const cli_command *c = command(name);
    va_list ap;
    fprintf(stderr, "landstad: %s: ", name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nUsage: landstad %s %s%s (landstad %s --help explains)\n", c->name, c->args,
            c->options ? " [OPTIONS]" : "", c->name);
    return LS_EXIT_USAGE;
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

static int
write_results(session *S, outdir *od, int render, enum report_lang lang, const outowner *owner,
              diag *d, diag *notes)
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
            if (S->mc.runs.value != NULL && S->mc.opt.runs >= 20) {
                char *who = S->sc.spec.base_path != NULL ? scenariofile_stem(S->sc.spec.path)
                                                         : xstrdup(S->sc.spec.name);
                file = outdir_path(od, "drivers.csv");
                ret = drivers_write_run(&S->mc, who, file, d);
                free(file);
                free(who);
                if (ret != LS_OK)
                    goto out;
            }
        }
        WRITE("gaps.csv", results_write_gaps(&S->sc.h, &S->sc.tt, file, d));
        WRITE("regional.csv", results_write_regional(&S->sc.h, file, d));
    }
#undef WRITE
    {
        /* Modules with their own part of the record add it between add_run and save. */
        runrecord *rr = runrecord_alloc();
        runrecord_add_run(rr, &S->sc.m, trend, &S->sc.ri);
        scenariofile_record(rr, &S->sc.spec, S->sc.has_mlevel ? &S->sc.mlevel : NULL);
        outowner_record(owner, rr);
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
        report_options ro = {lang, render, od->final};
        ret = report_build(od->tmp, &ro, d, notes);
    }
out:
    return ret;
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
                                         {"force", no_argument, NULL, 'F'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *outpath = NULL;
    char *default_out = NULL, *cmdline = NULL;
    unsigned long runs = 0, seed = 1, threads = 0, pilot = 1000;
    enum report_lang lang = LANG_NL;
    mc_options mco;
    int plots = 1, quiet = 0, lang_given = 0, force = 0, c, ret, code = LS_EXIT_OK;
    diag d, notes;
    session S;
    outdir od;
    outowner owner;

    memset(&S, 0, sizeof S);
    memset(&od, 0, sizeof od);
    memset(&owner, 0, sizeof owner);
    diag_init(&d);
    diag_init(&notes);
    cmdline = join_args(argc, argv);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
        switch (c) {
        case ':':
            code = usage_error("run", "option %s needs a value", argv[optind - 1]);
            goto out;
        case 'o':
            outpath = optarg;
            break;
        case 'P':
            plots = 0;
            break;
        case 'F':
            force = 1;
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
            lang_given = 1;
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
            code = command_help("run");
            goto out;
        default:
            code = usage_error("run", "unknown option %s", argv[optind - 1]);
            goto out;
        }
    }
    if (optind != argc - 1) {
        code = usage_error("run", "expected one model file, found %d arguments", argc - optind);
        goto out;
    }
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
        /* drivers.csv needs every run's draws: about 2 kB a run for Hardenberg */
        mco.keep_runs = runs <= 200000;
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
        default_out = S.sc.spec.base_path != NULL
                          ? scenariofile_default_out(S.sc.spec.base_name, S.sc.spec.path)
                          : xasprintf("output/%s", S.sc.spec.name);
        outpath = default_out;
    }
    outowner_of_spec(&owner, &S.sc.spec, "run");
    if (outowner_check(&owner, outpath, force, &d) != LS_OK) {
        diag_print(&d, stderr);
        code = LS_EXIT_USAGE;
        goto out;
    }
    ret = outdir_begin(&od, outpath, &d);
    if (ret != LS_OK) {
        diag_print(&d, stderr);
        code = LS_EXIT_USAGE;
        goto out;
    }
    active_out = &od;
    util_set_fatal_hook(remove_active_output);
    S.sc.ri.command_line = cmdline;
    ret = write_results(&S, &od, plots && S.sc.spec.plots, lang, &owner, &d, &notes);
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
        const enum report_lang term = lang_given ? lang : LANG_EN;
        summary_run(stdout, &S.sc, term);
        if (S.sc.has_housing) {
            summary_housing(stdout, &S.sc, term);
            if (S.sc.tt.n > 0)
                summary_targets(stdout, &S.sc, term);
            if (S.has_mc)
                summary_probabilities(stdout, &S.sc, &S.mc, term);
        }
        printf(term == LANG_NL ? "geschreven: %s/\n" : "wrote %s/\n", od.final);
    }
out:
    active_out = NULL;
    outdir_free(&od);
    outowner_free(&owner);
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
                                         {"lang", required_argument, NULL, 'l'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    enum report_lang lang = LANG_EN;
    int fail_on_gap = 0, c, code;
    diag d;
    session S;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        if (c == 'f')
            fail_on_gap = 1;
        else if (c == 'l') {
            if (parse_lang(optarg, &lang) != 0)
                return LS_EXIT_USAGE;
        } else if (c == 'h')
            return command_help("targets");
        else
            return usage_error("targets", c == ':' ? "option %s needs a value" : "unknown option %s",
                               argv[optind - 1]);
    }
    if (optind != argc - 1) {
        return usage_error("targets", "expected one model file, found %d arguments", argc - optind);
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
            int missed = summary_targets(stdout, &S.sc, lang);
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
    static const struct option opts[] = {{"keys", no_argument, NULL, 'k'},
                                         {"inputs", no_argument, NULL, 'i'},
                                         {"lang", required_argument, NULL, 'l'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    enum report_lang lang = LANG_EN;
    scenario L;
    diag d;
    int c, ret, code = LS_EXIT_OK;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        if (c == 'k') {
            config_print_keys(stdout);
            return LS_EXIT_OK;
        } else if (c == 'i') {
            model_print_inputs(stdout);
            return LS_EXIT_OK;
        } else if (c == 'l') {
            if (parse_lang(optarg, &lang) != 0)
                return LS_EXIT_USAGE;
        } else if (c == 'h')
            return command_help("check");
        else
            return usage_error("check", c == ':' ? "option %s needs a value" : "unknown option %s",
                               argv[optind - 1]);
    }
    if (optind != argc - 1)
        return usage_error("check", "expected one model file, found %d arguments", argc - optind);
    diag_init(&d);
    ret = scenario_load(&L, argv[optind], &d);
    if (ret != LS_OK) {
        diag_print(&d, stderr);
        code = load_exit(ret);
    } else
        summary_check(stdout, &L, lang);
    scenario_free(&L);
    diag_free(&d);
    return code;
}

/* Rebuilds the charts and the report of a finished output folder in place. The
 * report is written to report.html.tmp and renamed, so a failure leaves the earlier
 * report as it was. */
static int
cmd_plot(int argc, char **argv)
{
    static const struct option opts[] = {{"lang", required_argument, NULL, 'l'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    report_options ro = {LANG_NL, 1, NULL};
    diag d, notes;
    int c, ret, code = LS_EXIT_OK;
    struct stat st;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        if (c == 'l') {
            if (parse_lang(optarg, &ro.lang) != 0)
                return LS_EXIT_USAGE;
        } else if (c == 'h')
            return command_help("plot");
        else
            return usage_error("plot", c == ':' ? "option %s needs a value" : "unknown option %s",
                               argv[optind - 1]);
    }
    if (optind != argc - 1) {
        return usage_error("plot", "expected one output folder, found %d arguments", argc - optind);
    }
    if (stat(argv[optind], &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "landstad: %s: not an output folder (%s)\n", argv[optind],
                errno ? strerror(errno) : "not a folder");
        return LS_EXIT_USAGE;
    }
    diag_init(&d);
    diag_init(&notes);
    ret = report_build(argv[optind], &ro, &d, &notes);
    diag_print(&d, stderr);
    diag_print(&notes, stderr);
    if (ret != LS_OK)
        code = ret == LS_EIO ? LS_EXIT_USAGE : ls_exit_code(ret);
    else
        printf("wrote %s/report.html, %s/%s and %s/plots/\n", argv[optind], argv[optind],
               workbook_name(ro.lang), argv[optind]);
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

/* ---------------------------------------------------------------- landstad compare */

typedef struct {
    unsigned long runs, seed, threads;
    const char *out;
    enum report_lang lang;
    int lang_given, plots, quiet, force, independent;
} compare_args;

static int
compare_parse(int argc, char **argv, compare_args *a)
{
    static const struct option opts[] = {{"runs", required_argument, NULL, 'r'},
                                         {"seed", required_argument, NULL, 's'},
                                         {"threads", required_argument, NULL, 't'},
                                         {"out", required_argument, NULL, 'o'},
                                         {"lang", required_argument, NULL, 'l'},
                                         {"no-plot", no_argument, NULL, 'P'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"force", no_argument, NULL, 'F'},
                                         {"independent", no_argument, NULL, 'I'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int c;

    memset(a, 0, sizeof *a);
    a->runs = 1000;
    a->seed = 1;
    a->lang = LANG_NL;
    a->plots = 1;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'r':
            if (parse_count("--runs", optarg, 0, 1000000, &a->runs) != 0)
                return LS_EXIT_USAGE;
            break;
        case 's':
            if (parse_count("--seed", optarg, 0, 4294967295UL, &a->seed) != 0)
                return LS_EXIT_USAGE;
            break;
        case 't':
            if (parse_count("--threads", optarg, 1, 256, &a->threads) != 0)
                return LS_EXIT_USAGE;
            break;
        case 'o':
            a->out = optarg;
            break;
        case 'l':
            if (parse_lang(optarg, &a->lang) != 0)
                return LS_EXIT_USAGE;
            a->lang_given = 1;
            break;
        case 'P':
            a->plots = 0;
            break;
        case 'q':
            a->quiet = 1;
            break;
        case 'F':
            a->force = 1;
            break;
        case 'I':
            /* Advanced: scenario k draws from seed + k (to measure what common random
             * numbers save). */
            a->independent = 1;
            break;
        case 'h':
            return command_help("compare") == LS_EXIT_OK ? -1 : LS_EXIT_USAGE;
        case ':':
            return usage_error("compare", "option %s needs a value", argv[optind - 1]);
        default:
            return usage_error("compare", "unknown option %s", argv[optind - 1]);
        }
    }
    if (argc - optind < 2)
        return usage_error("compare", "expected a base model and at least one scenario, found %d "
                                      "file%s",
                           argc - optind, argc - optind == 1 ? "" : "s");
    return LS_EXIT_OK;
}

/* Every file checked before anything runs, so that all problems show at once; a
 * scenario must change the base given first. */
static int
compare_check(char **files, int n, diag *d)
{
    char *base_real = NULL;
    int code = LS_EXIT_OK;

    for (int k = 0; k < n; k++) {
        scenario L;
        const int ret = scenario_load(&L, files[k], d);
        if (ret != LS_OK) {
            const int c = load_exit(ret);
            code = code == LS_EXIT_OK || c == LS_EXIT_INVALID ? c : code;
        } else if (!L.m.has_housing) {
            diag_add(d, files[k], 0, 0, "compare needs a model with households, dwellings and "
                                        "pipeline sections (it compares the housing targets)");
            code = LS_EXIT_INVALID;
        } else if (k == 0)
            base_real = realpath(L.spec.base_path ? L.spec.base_path : files[0], NULL);
        else if (L.spec.base_path != NULL && base_real != NULL) {
            char *real = realpath(L.spec.base_path, NULL);
            if (real != NULL && strcmp(real, base_real) != 0) {
                diag_add(d, files[k], 0, 0, "is a scenario of %s, not of the base %s", L.spec.base_path,
                         files[0]);
                code = LS_EXIT_USAGE;
            }
            free(real);
        }
        scenario_free(&L);
    }
    free(base_real);
    return code;
}

static int
compare_write(const comparison *cmp, const compare_args *a, const char *outpath,
              const outowner *owner, diag *d, diag *notes)
{
    outdir od;
    char *file;
    int ret;

    ret = outdir_begin(&od, outpath, d);
    if (ret != LS_OK)
        return ret;
    active_out = &od;
    util_set_fatal_hook(remove_active_output);
    file = outdir_path(&od, "compare.csv");
    ret = compare_write_csv(cmp, file, d);
    free(file);
    if (ret == LS_OK) {
        file = outdir_path(&od, "drivers.csv");
        ret = compare_write_drivers(cmp, file, d);
        free(file);
    }
    if (ret == LS_OK) {
        runrecord *rr = runrecord_alloc();
        compare_record(cmp, rr);
        outowner_record(owner, rr);
        file = outdir_path(&od, "run.yaml");
        ret = runrecord_save(rr, file, d);
        free(file);
        runrecord_free(rr);
    }
    if (ret == LS_OK)
        ret = comparereport_build(cmp, od.tmp, a->lang, a->plots, d, notes);
    if (ret == LS_OK && output_interrupted())
        ret = LS_EINTERRUPTED;
    if (ret == LS_OK)
        ret = outdir_commit(&od, d);
    if (ret != LS_OK)
        outdir_abort(&od);
    active_out = NULL;
    outdir_free(&od);
    return ret;
}

static int
cmd_compare(int argc, char **argv)
{
    compare_args a;
    comparison cmp;
    outowner owner;
    char *default_out = NULL;
    const char *outpath;
    diag d, notes;
    int code, ret, n;
    char **files;

    code = compare_parse(argc, argv, &a);
    if (code != LS_EXIT_OK)
        return code < 0 ? LS_EXIT_OK : code;
    files = argv + optind;
    n = argc - optind;
    diag_init(&d);
    diag_init(&notes);
    compare_init(&cmp);
    memset(&owner, 0, sizeof owner);
    code = compare_check(files, n, &d);
    if (code != LS_EXIT_OK) {
        diag_print(&d, stderr);
        goto out;
    }
    cmp.runs = a.runs;
    cmp.seed = a.seed;
    cmp.independent = a.independent;
    for (int k = 0; k < n && code == LS_EXIT_OK; k++) {
        session S;
        code = session_run(&S, files[k], &d);
        if (code == LS_EXIT_OK && a.runs > 0) {
            const long nproc = sysconf(_SC_NPROCESSORS_ONLN);
            mc_options mco;
            memset(&mco, 0, sizeof mco);
            mco.runs = a.runs;
            mco.seed = a.independent ? a.seed + (unsigned long) k : a.seed;
            mco.threads = a.threads > 0 ? (unsigned) a.threads : (unsigned) (nproc > 0 ? nproc : 1);
            mco.keep_runs = 1;
            ret = session_mc(&S, &mco);
            if (ret != LS_OK) {
                if (ret == LS_EINTERRUPTED)
                    fprintf(stderr, "landstad: interrupted; earlier results are untouched\n");
                else
                    fprintf(stderr, "landstad: %s: the Monte Carlo runs failed: %s\n", files[k],
                            ls_strerror(ret));
                code = ret == LS_EINTERRUPTED ? 130 : ls_exit_code(ret);
            }
        }
        if (code == LS_EXIT_OK)
            compare_add(&cmp, files[k], &S.sc, S.has_mc ? &S.mc : NULL);
        session_free(&S);
    }
    if (code != LS_EXIT_OK)
        goto out;
    if (a.out == NULL)
        default_out = xasprintf("output/%s-compare", cmp.item[0].name);
    outpath = a.out != NULL ? a.out : default_out;
    {
        model_spec fake;
        memset(&fake, 0, sizeof fake);
        fake.path = files[0];
        outowner_of_spec(&owner, &fake, "compare");
    }
    if (outowner_check(&owner, outpath, a.force, &d) != LS_OK) {
        diag_print(&d, stderr);
        code = LS_EXIT_USAGE;
        goto out;
    }
    ret = compare_write(&cmp, &a, outpath, &owner, &d, &notes);
    if (ret != LS_OK) {
        diag_print(&d, stderr);
        if (ret == LS_EINTERRUPTED)
            fprintf(stderr, "landstad: interrupted; earlier results are untouched\n");
        code = ret == LS_EINTERRUPTED ? 130 : LS_EXIT_USAGE;
        goto out;
    }
    if (a.plots)
        diag_print(&notes, stderr);
    if (!a.quiet) {
        compare_print(stdout, &cmp, a.lang_given ? a.lang : LANG_EN);
        printf(a.lang_given && a.lang == LANG_NL ? "geschreven: %s/\n" : "wrote %s/\n", outpath);
    }
out:
    compare_free(&cmp);
    outowner_free(&owner);
    free(default_out);
    diag_free(&d);
    diag_free(&notes);
    return code;
}
