/* Subcommands. Each is a row in `commands` below; adding one is adding a row and a
 * function. Exit codes: 0 success, 1 a target missed (with --fail-on-gap),
 * 2 usage or I/O error, 3 invalid model or input, 4 numerical failure. */
#include <config.h>

#include <dirent.h>
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

#include "backtest.h"
#include "cli.h"
#include "compare.h"
#include "comparereport.h"
#include "config.h"
#include "csv.h"
#include "date.h"
#include "housing.h"
#include "model.h"
#include "montecarlo.h"
#include "output.h"
#include "planlist.h"
#include "plot.h"
#include "projection.h"
#include "regional.h"
#include "report.h"
#include "results.h"
#include "results_history.h"
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
static int cmd_backtest(int argc, char **argv);
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
    {"--precision P", "add runs till each municipal probability's std. error < P"},
    {"--antithetic", "mirror the level draws in pairs of runs"},
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
static const cli_option backtest_options[] = {
    {"--from YEAR", "forecast from 1 January YEAR with what was known then"},
    {"--to YEAR", "score it against what was observed up to 1 January YEAR"},
    {"--out DIR", "write into DIR (default output/NAME-backtest-YEAR)"},
    {"--lang nl|en", "Dutch or English; default terminal en, report nl"},
    {"--no-plot", "no charts"},
    {"--force", "replace results that another model or scenario wrote"},
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
    {.name = "backtest", .args = "MODEL.yaml", .options = backtest_options, .run = cmd_backtest,
     .summary = "score a forecast from a past date against what followed"},
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

/* getopt keeps its place inside a cluster of short options between calls: glibc
 * forgets it only with optind = 0 (cli_main may run more than once in a process:
 * tests, fuzzing). It prints nothing itself: each command words its usage errors. */
static void
reset_getopt(void)
{
#ifdef __GLIBC__
    optind = 0;
#else
    optind = 1;
#endif
    opterr = 0;
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
    const backtest *bt; /* landstad backtest: written as backtest.csv */
    enum report_lang term; /* the terminal's language (progress and --precision) */
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

/* An interrupted run: the message and the exit code. */
#define EXIT_INTERRUPTED 130

static int
interrupted(void)
{
    fprintf(stderr, "landstad: interrupted; earlier results are untouched\n");
    return EXIT_INTERRUPTED;
}

/* Loads, calibrates and runs a model. Returns an exit code (0 on success); every
 * problem is printed. */
static int
session_run_at(session *S, const char *model_path, int present, diag *d)
{
    int ret;

    memset(S, 0, sizeof *S);
    ret = scenario_load_at(&S->sc, model_path, present, d);
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
        if (ret == LS_EINTERRUPTED)
            return interrupted();
        if (diag_count(d) == 0)
            fprintf(stderr, "landstad: %s: the projection failed: %s\n", model_path,
                    ls_strerror(ret));
        return ls_exit_code(ret);
    }
    return LS_EXIT_OK;
}

static int
session_run(session *S, const char *model_path, diag *d)
{
    return session_run_at(S, model_path, 0, d);
}

/* One file of the output folder: file is its path in the temporary folder while call
 * writes it. Used inside functions with `char *file`, `int ret` and a label out. */
#define WRITE(name, call)                                                                      \
    do {                                                                                       \
        file = outdir_path(od, name);                                                          \
        ret = call;                                                                            \
        free(file);                                                                            \
        if (ret != LS_OK)                                                                      \
            goto out;                                                                          \
    } while (0)

/* The tables of the Monte Carlo runs; drivers.csv when every run was kept. */
static int
write_mc(session *S, outdir *od, diag *d)
{
    char *file, *who;
    int ret;

    WRITE("uncertainty.csv", uncertainty_write(&S->sc.m, file, d));
    ret = results_write_mc_summaries(&S->mc, od->tmp, d);
    if (ret != LS_OK || S->mc.runs.value == NULL || S->mc.opt.runs < 20)
        goto out;
    who = S->sc.spec.base_path != NULL ? scenariofile_stem(S->sc.spec.path)
                                       : xstrdup(S->sc.spec.name);
    file = outdir_path(od, "drivers.csv");
    ret = drivers_write_run(&S->mc, who, file, d);
    free(file);
    free(who);
out:
    return ret;
}

/* The tables of the housing part: households, dwellings, completions and targets. */
static int
write_housing(session *S, outdir *od, diag *d)
{
    const housing *h = &S->sc.h;
    const mc *M = S->has_mc ? &S->mc : NULL;
    char *file;
    int ret;

    WRITE("population_housing_led.csv",
          results_write_population(&h->view[VIEW_HOUSING_LED], file, d));
    WRITE("components_housing_led.csv",
          results_write_components(&h->view[VIEW_HOUSING_LED], file, d));
    WRITE("households.csv", results_write_households(h, file, d));
    WRITE("completions.csv", results_write_completions(h, file, d));
    WRITE("targets.csv", results_write_targets(&S->sc.tt, &S->sc.m, M, file, d));
    WRITE("gap_decomposition.csv", results_write_gap_decomposition(&S->sc.tt, &S->sc.m, file, d));
    WRITE("plan_list.csv", planlist_write(&S->sc.m, file, d));
    if (S->has_mc && (ret = write_mc(S, od, d)) != LS_OK)
        goto out;
    WRITE("gaps.csv", results_write_gaps(h, &S->sc.tt, file, d));
    WRITE("regional.csv", regional_write(h, M, file, d));
out:
    return ret;
}

/* Every CSV file of S. */
static int
write_tables(session *S, outdir *od, diag *d)
{
    const projection *trend = S->sc.trend;
    char *file;
    int ret;

    WRITE("population.csv", results_write_population(trend, file, d));
    WRITE("kernen.csv", results_write_kernen(&S->sc.m, file, d));
    WRITE("inputs.csv", results_write_inputs(&S->sc.m, file, d));
    WRITE("components.csv", results_write_components(trend, file, d));
    if (S->sc.m.n_obs > 0)
        WRITE("observed.csv",
              results_write_observed(&S->sc.m, &S->sc.hist, trend,
                                     S->sc.has_housing ? &S->sc.h : NULL, file, d));
    if (S->sc.has_housing && (ret = write_housing(S, od, d)) != LS_OK)
        goto out;
    if (S->bt != NULL)
        WRITE("backtest.csv", backtest_write(S->bt, file, d));
out:
    return ret;
}
#undef WRITE

/* run.yaml. Modules with their own part of the record add it between add_run and
 * save. */
static int
write_record(session *S, outdir *od, const outowner *owner, diag *d)
{
    runrecord *rr = runrecord_alloc();
    char *file;
    int ret;

    runrecord_add_run(rr, &S->sc.m, S->sc.trend, &S->sc.ri);
    results_record_history(rr, &S->sc.m, &S->sc.hist, S->sc.po.mult_from);
    scenariofile_record(rr, &S->sc.spec, S->sc.has_mlevel ? &S->sc.mlevel : NULL);
    if (owner != NULL)
        outowner_record(owner, rr);
    file = outdir_path(od, "run.yaml");
    ret = runrecord_save(rr, file, d);
    free(file);
    runrecord_free(rr);
    return ret;
}

static int
write_results(session *S, outdir *od, int render, enum report_lang lang, const outowner *owner,
              diag *d, diag *notes)
{
    report_options ro = {.lang = lang, .render = render, .shown_dir = od->final};
    int ret = write_tables(S, od, d);

    if (ret == LS_OK)
        ret = write_record(S, od, owner, d);
    /* The charts and the report are built from the files just written, exactly as
     * `landstad plot` rebuilds them later. */
    if (ret == LS_OK)
        ret = report_build(od->tmp, &ro, d, notes);
    return ret;
}

/* od is removed if the program has to stop (a fatal error, a signal). */
static void
watch_output(outdir *od)
{
    active_out = od;
    util_set_fatal_hook(remove_active_output);
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
    watch_output(od);
    return LS_EXIT_OK;
}

/* begin_output unless begun, then the model rule (outowner.h): a folder landstad wrote
 * for another model is replaced only with force. Returns an exit code. */
static int
claim_output(outdir *od, const char *outpath, const outowner *owner, int force, diag *d)
{
    int ret;

    if (od->tmp == NULL && (ret = begin_output(od, outpath, d)) != LS_EXIT_OK)
        return ret;
    if (owner != NULL && outowner_check(owner, od->final, force, d) != LS_OK) {
        outdir_abort(od);
        diag_print(d, stderr);
        return LS_EXIT_USAGE;
    }
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
            fprintf(stderr, S->term == LANG_NL ? "\r[%.*s%*s] %lu/%lu simulaties"
                                               : "\r[%.*s%*s] %lu/%lu runs",
                    bar, "========================================", width - bar, "", done,
                    opt->runs);
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

#define PRECISION_CHUNK 1000UL

/* The largest standard error of a municipal target's probability; *row gets it. */
static double
worst_municipal_se(const session *S, size_t *row)
{
    double worst = 0;
    *row = 0;
    for (size_t i = 0; i < S->sc.tt.n; i++)
        if (S->sc.tt.row[i].level == LEVEL_MUNICIPALITY && S->sc.tt.row[i].t->role != ROLE_COMPARISON
            && S->mc.probability_se[i] > worst) {
            worst = S->mc.probability_se[i];
            *row = i;
        }
    return worst;
}

/* --precision: runs in whole chunks until every municipal target's probability has a
 * standard error below P, or `cap` runs. Each try is a whole, reproducible Monte
 * Carlo of N runs; the next N is the estimate of what the worst target needs (its
 * variance per run times N over P squared), rounded up to a chunk, and at least one
 * chunk more. */
static int
session_mc_precise(session *S, mc_options *opt, double P, unsigned long cap, int quiet)
{
    unsigned long N = PRECISION_CHUNK < cap ? PRECISION_CHUNK : cap;
    double worst;
    size_t row;
    int ret;

    for (;;) {
        opt->runs = N;
        ret = session_mc(S, opt);
        if (ret != LS_OK)
            return ret;
        worst = worst_municipal_se(S, &row);
        if (worst < P || N >= cap)
            break;
        {
            const double need = (double) N * (worst / P) * (worst / P);
            unsigned long next = (unsigned long) ceil(need / (double) PRECISION_CHUNK)
                                 * PRECISION_CHUNK;
            if (next < N + PRECISION_CHUNK)
                next = N + PRECISION_CHUNK;
            N = next < cap ? next : cap;
        }
        mc_free(&S->mc);
        projection_cache_free(&S->cache);
        S->has_mc = 0;
    }
    if (!quiet && S->term == LANG_NL) {
        char p_[32], n_[32], w_[32];
        fprintf(stderr, "landstad: --precision %s: %s simulaties%s; grootste standaardfout van de "
                        "kans van een doel van de gemeente %s (%s)%s\n",
                fmt_num(p_, sizeof p_, P, P < 0.001 ? 4 : 3, LANG_NL),
                fmt_num(n_, sizeof n_, (double) N, 0, LANG_NL),
                opt->antithetic ? " (antithetische niveaus)" : "", fmt_num(w_, sizeof w_, worst, 4, LANG_NL),
                S->sc.tt.n > 0 ? S->sc.tt.row[row].t->id : "geen",
                worst < P ? "" : ", niet onder P: de grens van --runs");
    } else if (!quiet)
        fprintf(stderr, "landstad: --precision %g: %lu runs%s; largest standard error of a "
                        "municipal target's probability %.4f (%s)%s\n",
                P, N, opt->antithetic ? " (antithetic levels)" : "", worst,
                S->sc.tt.n > 0 ? S->sc.tt.row[row].t->id : "none",
                worst < P ? "" : ", not below P: the --runs limit");
    return LS_OK;
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

/* An integer option of command cmd (named in the message) in [min, max]. */
static int
parse_count(const char *cmd, const char *opt, const char *text, unsigned long min,
            unsigned long max, unsigned long *out)
{
    long v;
    if (parse_integer(text, &v) != 0 || v < (long) min || (unsigned long) v > max) {
        fprintf(stderr, "landstad: %s: %s must be an integer in [%lu, %lu], found %s\n", cmd, opt,
                min, max, diag_quote(text));
        return -1;
    }
    *out = (unsigned long) v;
    return 0;
}

/* The options of run, backtest and compare that say what is written and where. */
typedef struct {
    const char *out; /* --out DIR; NULL: the command's default */
    enum report_lang lang;
    int lang_given, plots, quiet, force;
} write_options;

/* What run, backtest and compare share: the command line and its write options, the
 * session, the output folder and whose results it holds, and the messages. */
typedef struct {
    write_options w;
    session S;
    outdir od;
    outowner owner;
    diag d, notes;
    char *cmdline, *default_out;
} job;

/* What a command's parser returns after --help: nothing more to do, exit 0. */
#define HELP_SHOWN (-1)

/* Call before the options are parsed: getopt_long reorders argv. */
static void
job_init(job *J, int argc, char **argv)
{
    memset(J, 0, sizeof *J);
    J->w.lang = LANG_NL;
    J->w.plots = 1;
    diag_init(&J->d);
    diag_init(&J->notes);
    J->cmdline = join_args(argc, argv);
}

/* Frees the job; returns the command's exit code (HELP_SHOWN is success). */
static int
job_end(job *J, int code)
{
    active_out = NULL;
    outdir_free(&J->od);
    outowner_free(&J->owner);
    session_free(&J->S);
    diag_free(&J->d);
    diag_free(&J->notes);
    free(J->default_out);
    free(J->cmdline);
    return code == HELP_SHOWN ? LS_EXIT_OK : code;
}

/* The language on the terminal: English unless --lang was given. */
static enum report_lang
job_term(const job *J)
{
    return J->w.lang_given ? J->w.lang : LANG_EN;
}

static void
print_wrote(const job *J)
{
    printf(job_term(J) == LANG_NL ? "geschreven: %s/\n" : "wrote %s/\n", J->od.final);
}

/* The long options of write_options (and --help), for getopt_long. */
#define WRITE_LONG_OPTIONS                                                                     \
    {"out", required_argument, NULL, 'o'}, {"lang", required_argument, NULL, 'l'},             \
        {"no-plot", no_argument, NULL, 'P'}, {"quiet", no_argument, NULL, 'q'},                \
        {"force", no_argument, NULL, 'F'}, {"help", no_argument, NULL, 'h'}

/* Takes an option of write_options: 1 when c is one, -1 when its value is wrong, 0
 * when c is another option. */
static int
write_option(write_options *w, int c, const char *arg)
{
    switch (c) {
    case 'o':
        w->out = arg;
        return 1;
    case 'l':
        w->lang_given = 1;
        return parse_lang(arg, &w->lang) == 0 ? 1 : -1;
    case 'P':
        w->plots = 0;
        return 1;
    case 'q':
        w->quiet = 1;
        return 1;
    case 'F':
        w->force = 1;
        return 1;
    default:
        return 0;
    }
}

/* --seed and --threads of run and compare (cmd); returns as write_option. */
static int
mc_option(const char *cmd, unsigned long *seed, unsigned long *threads, int c, const char *arg)
{
    if (c == 's')
        return parse_count(cmd, "--seed", arg, 0, 4294967295UL, seed) == 0 ? 1 : -1;
    if (c == 't')
        return parse_count(cmd, "--threads", arg, 1, 256, threads) == 0 ? 1 : -1;
    return 0;
}

/* An option getopt_long did not take (':' a missing value). */
static int
option_error(const char *name, int c, char **argv)
{
    return usage_error(name, c == ':' ? "option %s needs a value" : "unknown option %s",
                       argv[optind - 1]);
}

/* Where a model's results go without --out: output/NAME, for a scenario
 * output/BASE-FILE (its base's name and file name); then suffix. */
static char *
default_out(const model_spec *spec, const char *suffix)
{
    char *base = spec->base_path != NULL ? scenariofile_default_out(spec->base_name, spec->path)
                                         : xasprintf("output/%s", spec->name);
    char *out = xasprintf("%s%s", base, suffix);
    free(base);
    return out;
}

/* Claims the output folder, --out or else fallback (which the job takes over), for
 * spec's model before anything is computed that could not be written there. Returns
 * an exit code; problems are printed. */
static int
job_claim(job *J, const model_spec *spec, const char *command, char *fallback)
{
    J->default_out = fallback;
    outowner_of_spec(&J->owner, spec, command);
    return claim_output(&J->od, J->w.out != NULL ? J->w.out : fallback, &J->owner, J->w.force,
                        &J->d);
}

/* Swaps the folder written into place, unless writing (ret) failed or was
 * interrupted; then the folder is as it was. The notes (charts not drawn) are
 * printed when there were charts to draw. Returns an exit code. */
static int
job_commit(job *J, int ret, int plots)
{
    if (ret == LS_OK && output_interrupted())
        ret = LS_EINTERRUPTED;
    if (ret == LS_OK)
        ret = outdir_commit(&J->od, &J->d);
    if (ret != LS_OK) {
        outdir_abort(&J->od);
        diag_print(&J->d, stderr);
        return ret == LS_EINTERRUPTED ? interrupted() : LS_EXIT_USAGE;
    }
    if (plots)
        diag_print(&J->notes, stderr);
    return LS_EXIT_OK;
}

/* Writes every result of the session into the claimed folder, atomically (a
 * temporary folder renamed into place). Returns an exit code; problems are printed. */
static int
job_publish(job *J)
{
    const int plots = J->w.plots && J->S.sc.spec.plots;

    J->S.sc.ri.command_line = J->cmdline;
    return job_commit(J, write_results(&J->S, &J->od, plots, J->w.lang, &J->owner, &J->d,
                                       &J->notes),
                      plots);
}

/* Monte Carlo options: runs from seed on threads (0: every core). */
static void
mc_setup(mc_options *mco, unsigned long runs, unsigned long seed, unsigned long threads)
{
    const long nproc = sysconf(_SC_NPROCESSORS_ONLN);

    memset(mco, 0, sizeof *mco);
    mco->runs = runs;
    mco->seed = seed;
    mco->threads = threads > 0 ? (unsigned) threads : (unsigned) (nproc > 0 ? nproc : 1);
}

/* The Monte Carlo runs of the model at path failed (ret): the message; returns an
 * exit code. */
static int
mc_failed(int ret, const char *path)
{
    if (ret == LS_EINTERRUPTED)
        return interrupted();
    fprintf(stderr, "landstad: %s: the Monte Carlo runs failed: %s\n", path, ls_strerror(ret));
    return ls_exit_code(ret);
}

/* ---------------------------------------------------------------- landstad run */

/* landstad run's options beside write_options. */
typedef struct {
    unsigned long runs, seed, threads, pilot;
    double precision;
    int antithetic;
} run_args;

static int
parse_precision(const char *text, double *out)
{
    char *end = NULL;
    const double p = strtod(text, &end);

    if (end == text || *end != '\0' || !(p > 0 && p < 0.5)) {
        fprintf(stderr, "landstad: run: --precision must be a number in (0, 0.5), found %s\n",
                diag_quote(text));
        return -1;
    }
    *out = p;
    return 0;
}

/* Returns LS_EXIT_OK, an exit code after a message, or HELP_SHOWN. */
static int
run_parse(int argc, char **argv, write_options *w, run_args *a)
{
    static const struct option opts[] = {WRITE_LONG_OPTIONS,
                                         {"runs", required_argument, NULL, 'r'},
                                         {"seed", required_argument, NULL, 's'},
                                         {"threads", required_argument, NULL, 't'},
                                         {"mc-pilot", required_argument, NULL, 'p'},
                                         {"precision", required_argument, NULL, 'x'},
                                         {"antithetic", no_argument, NULL, 'a'},
                                         {NULL, 0, NULL, 0}};
    int c, bad;

    memset(a, 0, sizeof *a);
    a->seed = 1;
    a->pilot = 1000;
    reset_getopt();
    while ((c = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
        if ((bad = write_option(w, c, optarg)) != 0
            || (bad = mc_option("run", &a->seed, &a->threads, c, optarg)) != 0)
            bad = bad < 0;
        else if (c == 'r')
            bad = parse_count("run", "--runs", optarg, 1, 10000000, &a->runs);
        else if (c == 'p') /* advanced: runs kept whole (exact quantiles up to this many) */
            bad = parse_count("run", "--mc-pilot", optarg, 10, 1000000, &a->pilot);
        else if (c == 'x')
            bad = parse_precision(optarg, &a->precision);
        else if (c == 'a')
            a->antithetic = 1;
        else if (c == 'h')
            return command_help("run") == LS_EXIT_OK ? HELP_SHOWN : LS_EXIT_USAGE;
        else
            return option_error("run", c, argv);
        if (bad)
            return LS_EXIT_USAGE;
    }
    if (optind != argc - 1)
        return usage_error("run", "expected one model file, found %d arguments", argc - optind);
    return LS_EXIT_OK;
}

/* --runs against the model that ran: an even number with --antithetic, and a housing
 * part to vary. --precision without --runs may use up to the largest --runs. */
static int
run_check_mc(run_args *a, const session *S, const char *path)
{
    if (a->antithetic && a->runs % 2 != 0)
        return usage_error("run", "--antithetic needs an even number of runs, found %lu", a->runs);
    if (a->precision > 0 && a->runs == 0)
        a->runs = 10000000; /* no limit given: the largest --runs */
    if (a->runs > 0 && !S->sc.has_housing) {
        fprintf(stderr, "landstad: %s: --runs needs a model with households, dwellings and "
                        "pipeline sections (what varies is the pipeline and the levels)\n",
                path);
        return LS_EXIT_USAGE;
    }
    return LS_EXIT_OK;
}

/* The Monte Carlo runs of landstad run; what they were goes into run.yaml. Returns an
 * exit code. */
static int
run_mc(session *S, const run_args *a, const char *path, int quiet)
{
    mc_options mco;
    int ret;

    mc_setup(&mco, a->runs, a->seed, a->threads);
    mco.pilot = a->pilot;
    mco.antithetic = a->antithetic;
    /* drivers.csv needs the runs' draws: about 2 kB a run for Hardenberg, so the first
     * MC_KEEP_DRIVERS runs only */
    mco.keep_runs = S->sc.m.n_plans <= DRIVERS_MAX_PLANS;
    mco.keep_max = MC_KEEP_DRIVERS;
    ret = a->precision > 0 ? session_mc_precise(S, &mco, a->precision, a->runs, quiet)
                           : session_mc(S, &mco);
    if (ret != LS_OK)
        return mc_failed(ret, path);
    S->sc.ri.has_seed = 1;
    S->sc.ri.seed = a->seed;
    S->sc.ri.runs = mco.runs;
    S->sc.ri.threads = mco.threads;
    S->sc.ri.pilot = mco.pilot;
    S->sc.ri.rng_name = "mt19937";
    return LS_EXIT_OK;
}

static void
run_summary(const job *J)
{
    const enum report_lang term = job_term(J);
    const scenario *sc = &J->S.sc;

    summary_run(stdout, sc, term);
    if (sc->has_housing) {
        summary_housing(stdout, sc, term);
        if (sc->tt.n > 0)
            summary_targets(stdout, sc, term);
        if (J->S.has_mc)
            summary_probabilities(stdout, sc, &J->S.mc, term);
    }
    print_wrote(J);
}

static int
cmd_run(int argc, char **argv)
{
    const char *path;
    run_args a;
    job J;
    int code;

    job_init(&J, argc, argv);
    if ((code = run_parse(argc, argv, &J.w, &a)) != LS_EXIT_OK)
        goto out;
    path = argv[optind];
    /* A folder that may not be replaced is refused before any computing. */
    if (J.w.out != NULL && parent_exists(J.w.out)
        && (code = begin_output(&J.od, J.w.out, &J.d)) != LS_EXIT_OK)
        goto out;
    if ((code = session_run(&J.S, path, &J.d)) != LS_EXIT_OK
        || (code = run_check_mc(&a, &J.S, path)) != LS_EXIT_OK)
        goto out;
    /* The folder, and whose results it holds, are checked before the Monte Carlo runs. */
    code = job_claim(&J, &J.S.sc.spec, "run", default_out(&J.S.sc.spec, ""));
    J.S.term = job_term(&J);
    if (code == LS_EXIT_OK && a.runs > 0)
        code = run_mc(&J.S, &a, path, J.w.quiet);
    if (code == LS_EXIT_OK)
        code = job_publish(&J);
    if (code == LS_EXIT_OK && !J.w.quiet)
        run_summary(&J);
out:
    return job_end(&J, code);
}

/* ---------------------------------------------------------------- landstad backtest */

/* --from/--to of landstad backtest: a year, or a 1 January written as a date. */
static int
parse_year_option(const char *opt, const char *text, int *out)
{
    ls_date d;
    if (date_parse(text, 1, &d, NULL) != 0 || !date_is_jan1(d)) {
        fprintf(stderr, "landstad: backtest: %s must be a year or a 1 January (2021, 2021-01-01 "
                        "or 1-1-2021), found %s\n",
                opt, diag_quote(text));
        return -1;
    }
    *out = d.year;
    return 0;
}

/* The back-test table: measures and statuses in the report's words (Dutch with
 * LANG_NL); the first column as wide as its longest measure. */
static void
print_backtest(const backtest *bt, FILE *out, enum report_lang lang)
{
#define L(nl, en) (lang == LANG_NL ? (nl) : (en))
    char b[5][48], per[24], pct[2][24];
    int w = (int) strlen(L("wat", "measure"));

    for (size_t i = 0; i < bt->n_rows; i++) {
        const int n = (int) strlen(report_measure_words(bt->row[i].measure, lang));
        w = n > w ? n : w;
    }
    fprintf(out, L("terugblik: prognose vanaf 1 januari %d met alleen wat toen bekend was, naast wat "
                   "waargenomen is tot 1 januari %d\n",
                   "back-test: forecast from 1 January %d with only what was known then, against "
                   "what was observed up to 1 January %d\n"),
            bt->from, bt->to);
    fprintf(out, "%-*s %-10s %11s %10s %9s %7s %11s %9s %7s  %s\n", w, L("wat", "measure"),
            L("periode", "period"), L("waargenomen", "observed"), "trend", L("afwijking", "error"),
            "%", L("woningmarkt", "housing-led"), L("afwijking", "error"), "%", "status");
    for (size_t i = 0; i < bt->n_rows; i++) {
        const bt_row *r = &bt->row[i];
        if (strcmp(r->measure, "population") == 0 || strcmp(r->measure, "dwellings") == 0)
            snprintf(per, sizeof per, L("1 jan %d", "1 Jan %d"), r->from);
        else if (r->from == r->to)
            snprintf(per, sizeof per, "%d", r->from);
        else
            snprintf(per, sizeof per, "%d-%d", r->from, r->to);
        fmt_num(b[0], sizeof b[0], r->observed, 0, lang);
        for (int v = 0; v < 2; v++) {
            fmt_num(b[1 + 2 * v], sizeof b[1], r->forecast[v], 0, lang);
            b[2 + 2 * v][0] = pct[v][0] = '\0';
            if (!isnan(r->observed) && !isnan(r->forecast[v])) {
                fmt_num(b[2 + 2 * v], sizeof b[2], backtest_error(r, v), 0, lang);
                fmt_num(pct[v], sizeof pct[v], backtest_error_pct(r, v), 1, lang);
                strcat(pct[v], "%");
            }
        }
        fprintf(out, "%-*s %-10s %11s %10s %9s %7s %11s %9s %7s  %s\n", w,
                report_measure_words(r->measure, lang), per, b[0], b[1], b[2], pct[0], b[3], b[4],
                pct[1], backtest_status_words(r->status, lang));
    }
    fprintf(out, L("(afwijking = prognose - waarneming; %zu invoergegevens waren op 1 januari %d nog "
                   "niet bekend of hebben geen datum: zie backtest.csv)\n",
                   "(error = forecast - observed; %zu inputs were known only after 1 January %d "
                   "or have no vintage: see backtest.csv)\n"),
            bt->n_inputs, bt->from);
#undef L
}

/* Returns LS_EXIT_OK, an exit code after a message, or HELP_SHOWN. */
static int
backtest_parse(int argc, char **argv, write_options *w, int *from, int *to)
{
    static const struct option opts[] = {WRITE_LONG_OPTIONS,
                                         {"from", required_argument, NULL, 'f'},
                                         {"to", required_argument, NULL, 't'},
                                         {NULL, 0, NULL, 0}};
    int c, bad;

    *from = *to = 0;
    reset_getopt();
    while ((c = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
        if ((bad = write_option(w, c, optarg)) != 0)
            bad = bad < 0;
        else if (c == 'f')
            bad = parse_year_option("--from", optarg, from);
        else if (c == 't')
            bad = parse_year_option("--to", optarg, to);
        else if (c == 'h')
            return command_help("backtest") == LS_EXIT_OK ? HELP_SHOWN : LS_EXIT_USAGE;
        else
            return option_error("backtest", c, argv);
        if (bad)
            return LS_EXIT_USAGE;
    }
    if (optind != argc - 1 || *from == 0 || *to == 0)
        return usage_error("backtest", "expected one model file, --from and --to");
    return LS_EXIT_OK;
}

static int
cmd_backtest(int argc, char **argv)
{
    int from, to, code;
    char suffix[32];
    backtest bt;
    job J;

    memset(&bt, 0, sizeof bt);
    job_init(&J, argc, argv);
    if ((code = backtest_parse(argc, argv, &J.w, &from, &to)) != LS_EXIT_OK
        || (code = session_run_at(&J.S, argv[optind], from, &J.d)) != LS_EXIT_OK)
        goto out;
    if (backtest_compare(&bt, &J.S.sc, to, &J.d) != LS_OK) {
        diag_print(&J.d, stderr);
        code = LS_EXIT_USAGE;
        goto out;
    }
    J.S.bt = &bt;
    snprintf(suffix, sizeof suffix, "-backtest-%d", from);
    code = job_claim(&J, &J.S.sc.spec, "backtest", default_out(&J.S.sc.spec, suffix));
    if (code == LS_EXIT_OK)
        code = job_publish(&J);
    if (code == LS_EXIT_OK && !J.w.quiet) {
        print_backtest(&bt, stdout, job_term(&J));
        print_wrote(&J);
    }
out:
    backtest_free(&bt);
    return job_end(&J, code);
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

    reset_getopt();
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        if (c == 'f')
            fail_on_gap = 1;
        else if (c == 'l') {
            if (parse_lang(optarg, &lang) != 0)
                return LS_EXIT_USAGE;
        } else if (c == 'h')
            return command_help("targets");
        else
            return option_error("targets", c, argv);
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

    reset_getopt();
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
            return option_error("check", c, argv);
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

/* Returns LS_EXIT_OK when argv names an output folder, an exit code after a message,
 * or HELP_SHOWN. */
static int
plot_parse(int argc, char **argv, enum report_lang *lang)
{
    static const struct option opts[] = {{"lang", required_argument, NULL, 'l'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    struct stat st;
    int c;

    reset_getopt();
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        if (c == 'l') {
            if (parse_lang(optarg, lang) != 0)
                return LS_EXIT_USAGE;
        } else if (c == 'h')
            return command_help("plot") == LS_EXIT_OK ? HELP_SHOWN : LS_EXIT_USAGE;
        else
            return option_error("plot", c, argv);
    }
    if (optind != argc - 1)
        return usage_error("plot", "expected one output folder, found %d arguments", argc - optind);
    if (stat(argv[optind], &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "landstad: %s: not an output folder (%s)\n", argv[optind],
                errno ? strerror(errno) : "not a folder");
        return LS_EXIT_USAGE;
    }
    return LS_EXIT_OK;
}

/* Rebuilds the charts and the report of the output folder dir. They are built in a
 * temporary folder and moved in only when every chart was drawn (or when there were
 * no drawn charts to lose), so a failing gnuplot leaves the earlier charts and
 * report as they were; nothing else in the folder is touched. */
static int
plot_rebuild(outdir *od, const char *dir, enum report_lang lang, diag *d, diag *notes)
{
    /* what plot writes: the report, the charts and the workbook of either language */
    static const char *const entries[] = {"report.html", "plots", "resultaten.xlsx",
                                          "results.xlsx"};
    enum { N_ENTRIES = sizeof entries / sizeof entries[0] };
    report_options ro = {.lang = lang, .render = 1};
    size_t unrendered = 0;
    /* "." and the like: the folder by its real name (it is swapped by name) */
    char *real = realpath(dir, NULL);
    int ret = outdir_begin_update(od, real != NULL ? real : dir, entries, N_ENTRIES, d, notes);

    free(real);
    if (ret == LS_OK) {
        watch_output(od);
        ro.out_dir = od->tmp;
        ro.shown_dir = od->final;
        ro.unrendered = &unrendered;
        ret = report_build(od->final, &ro, d, notes);
    }
    if (ret == LS_OK && unrendered > 0 && has_images(od->final)) {
        diag_add(d, od->final, 0, 0,
                 "%zu chart%s could not be drawn (see above): the earlier charts and "
                 "report.html are kept as they were",
                 unrendered, unrendered == 1 ? "" : "s");
        ret = LS_EIO;
    }
    if (ret == LS_OK && output_interrupted())
        ret = LS_EINTERRUPTED;
    if (ret == LS_OK)
        ret = outdir_commit_update(od, entries, N_ENTRIES, d);
    return ret;
}

static int
cmd_plot(int argc, char **argv)
{
    enum report_lang lang = LANG_NL;
    diag d, notes;
    int ret, code;
    outdir od;

    code = plot_parse(argc, argv, &lang);
    if (code != LS_EXIT_OK)
        return code == HELP_SHOWN ? LS_EXIT_OK : code;
    diag_init(&d);
    diag_init(&notes);
    ret = plot_rebuild(&od, argv[optind], lang, &d, &notes);
    diag_print(&notes, stderr);
    diag_print(&d, stderr);
    if (ret == LS_EINTERRUPTED) {
        fprintf(stderr, "landstad: interrupted; the folder is as it was\n");
        code = EXIT_INTERRUPTED;
    } else if (ret != LS_OK)
        code = ret == LS_EIO ? LS_EXIT_USAGE : ls_exit_code(ret);
    else
        printf("wrote %s/report.html, %s/%s and %s/plots/\n", od.final, od.final,
               workbook_name(lang), od.final);
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

/* ---------------------------------------------------------------- landstad compare */

/* landstad compare's options beside write_options. */
typedef struct {
    unsigned long runs, seed, threads;
    int independent;
} compare_args;

/* Returns LS_EXIT_OK, an exit code after a message, or HELP_SHOWN. */
static int
compare_parse(int argc, char **argv, write_options *w, compare_args *a)
{
    static const struct option opts[] = {WRITE_LONG_OPTIONS,
                                         {"runs", required_argument, NULL, 'r'},
                                         {"seed", required_argument, NULL, 's'},
                                         {"threads", required_argument, NULL, 't'},
                                         {"independent", no_argument, NULL, 'I'},
                                         {NULL, 0, NULL, 0}};
    int c, bad;

    memset(a, 0, sizeof *a);
    a->runs = 1000;
    a->seed = 1;
    reset_getopt();
    while ((c = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
        if ((bad = write_option(w, c, optarg)) != 0
            || (bad = mc_option("compare", &a->seed, &a->threads, c, optarg)) != 0)
            bad = bad < 0;
        else if (c == 'r')
            bad = parse_count("compare", "--runs", optarg, 0, 1000000, &a->runs);
        else if (c == 'I') /* advanced: model k draws from seed + k (what common draws save) */
            a->independent = 1;
        else if (c == 'h')
            return command_help("compare") == LS_EXIT_OK ? HELP_SHOWN : LS_EXIT_USAGE;
        else
            return option_error("compare", c, argv);
        if (bad)
            return LS_EXIT_USAGE;
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
compare_check(char **files, int n, char **base_name, diag *d)
{
    char *base_real = NULL;
    int code = LS_EXIT_OK;

    *base_name = NULL;

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
        } else if (k == 0) {
            base_real = realpath(L.spec.base_path ? L.spec.base_path : files[0], NULL);
            *base_name = L.spec.base_path != NULL ? scenariofile_stem(L.spec.path)
                                                  : xstrdup(L.spec.name);
        }
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

/* Runs every model, with the same draws unless --independent, and adds it to cmp.
 * Returns an exit code. */
static int
compare_runs(comparison *cmp, const compare_args *a, char **files, int n, enum report_lang term,
             diag *d)
{
    int code = LS_EXIT_OK;

    cmp->runs = a->runs;
    cmp->seed = a->seed;
    cmp->independent = a->independent;
    for (int k = 0; k < n && code == LS_EXIT_OK; k++) {
        session S;
        code = session_run(&S, files[k], d);
        S.term = term;
        if (code == LS_EXIT_OK && a->runs > 0) {
            mc_options mco;
            int ret;
            mc_setup(&mco, a->runs, a->independent ? a->seed + (unsigned long) k : a->seed,
                     a->threads);
            mco.keep_runs = 1;
            ret = session_mc(&S, &mco);
            if (ret != LS_OK)
                code = mc_failed(ret, files[k]);
        }
        if (code == LS_EXIT_OK)
            compare_add(cmp, files[k], &S.sc, S.has_mc ? &S.mc : NULL);
        session_free(&S);
    }
    return code;
}

/* Writes the comparison into the folder claimed before the runs and swaps it into
 * place. Returns an exit code; problems are printed. */
static int
compare_publish(job *J, const comparison *cmp)
{
    char *file = outdir_path(&J->od, "compare.csv");
    int ret = compare_write_csv(cmp, file, &J->d);

    free(file);
    if (ret == LS_OK) {
        file = outdir_path(&J->od, "drivers.csv");
        ret = compare_write_drivers(cmp, file, &J->d);
        free(file);
    }
    if (ret == LS_OK) {
        runrecord *rr = runrecord_alloc();
        compare_record(cmp, rr);
        outowner_record(&J->owner, rr);
        file = outdir_path(&J->od, "run.yaml");
        ret = runrecord_save(rr, file, &J->d);
        free(file);
        runrecord_free(rr);
    }
    if (ret == LS_OK)
        ret = comparereport_build(cmp, J->od.tmp, J->w.lang, J->w.plots, &J->d, &J->notes);
    return job_commit(J, ret, J->w.plots);
}

static int
cmd_compare(int argc, char **argv)
{
    char *base_name = NULL, **files;
    compare_args a;
    comparison cmp;
    model_spec fake;
    int code, n;
    job J;

    job_init(&J, argc, argv);
    compare_init(&cmp);
    if ((code = compare_parse(argc, argv, &J.w, &a)) != LS_EXIT_OK)
        goto out;
    files = argv + optind;
    n = argc - optind;
    code = compare_check(files, n, &base_name, &J.d);
    if (code != LS_EXIT_OK) {
        diag_print(&J.d, stderr);
        goto out;
    }
    memset(&fake, 0, sizeof fake);
    fake.path = files[0];
    /* The folder, and whose comparison it holds, are checked before any run. */
    code = job_claim(&J, &fake, "compare",
                     J.w.out != NULL ? NULL : xasprintf("output/%s-compare", base_name));
    if (code == LS_EXIT_OK)
        code = compare_runs(&cmp, &a, files, n, job_term(&J), &J.d);
    if (code == LS_EXIT_OK)
        code = compare_publish(&J, &cmp);
    if (code == LS_EXIT_OK && !J.w.quiet) {
        compare_print(stdout, &cmp, job_term(&J));
        print_wrote(&J);
    }
out:
    free(base_name);
    compare_free(&cmp);
    return job_end(&J, code);
}
