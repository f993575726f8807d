/* Output folders are owned per file: a run replaces only a folder that is empty or
 * that holds nothing but what landstad wrote (its manifest says so), whatever else
 * is refused with the files named; the folder is locked while a run writes; the
 * leftovers of a run killed at any point (in the middle of writing, between the two
 * renames of the swap, after the swap) are restored or removed by the next run with
 * a notice, and folders that only look like leftovers are left alone; a partial
 * update (landstad plot) replaces only its own entries. */
#include <config.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "manifest.h"
#include "output.h"
#include "testlib.h"
#include "util.h"

static int
exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

static char *
slurp(const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    if (read_file(path, &buf, &len) != LS_OK)
        return NULL;
    return buf;
}

static void
spit(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    fclose(f);
}

static char *
fresh(const char *name)
{
    char *p = test_tmp(name);
    CU_ASSERT_EQUAL_FATAL(remove_tree(p), 0);
    CU_ASSERT_EQUAL_FATAL(mkdir(p, 0777), 0);
    return p;
}

static size_t
count_prefixed(const char *dir, const char *prefix)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    size_t n = 0;
    if (dp == NULL)
        return 0;
    while ((e = readdir(dp)) != NULL)
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    closedir(dp);
    return n;
}

static int
has_msg(const diag *d, const char *text)
{
    for (size_t i = 0; i < d->n; i++)
        if (strstr(d->msg[i], text) != NULL)
            return 1;
    return 0;
}

static void
put(outdir *od, const char *name, const char *text)
{
    char *p = outdir_path(od, name);
    spit(p, text);
    free(p);
}

/* A finished landstad folder: population.csv, plots/a.gp, plots/a.png. */
static void
make_result(const char *final, const char *version)
{
    outdir od;
    diag d;
    char *plots;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(outdir_begin(&od, final, &d, NULL), LS_OK);
    put(&od, "population.csv", version);
    plots = outdir_path(&od, "plots");
    CU_ASSERT_EQUAL_FATAL(mkdir(plots, 0777), 0);
    free(plots);
    put(&od, "plots/a.gp", "set output 'a.png'\n");
    put(&od, "plots/a.png", version);
    CU_ASSERT_EQUAL_FATAL(outdir_commit(&od, &d), LS_OK);
    outdir_free(&od);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    diag_free(&d);
}

/* A run into final: LS_OK when it replaced it, with d holding the refusal otherwise. */
static int
try_run(const char *final, const char *text, diag *d, diag *notes)
{
    outdir od;
    int ret = outdir_begin(&od, final, d, notes);
    if (ret == LS_OK) {
        put(&od, "population.csv", text);
        ret = outdir_commit(&od, d);
    }
    outdir_free(&od);
    return ret;
}

static void
test_manifest_lists_every_file(void)
{
    char *parent = fresh("od_manifest"), *final = xasprintf("%s/r", parent);
    char *mpath = xasprintf("%s/%s", final, MANIFEST_FILE), *text;
    manifest m;
    diag d;

    make_result(final, "v1\n");
    text = slurp(mpath);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    /* SHA-256("v1\n"), computed with sha256sum */
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\npopulation.csv,file,3,"
                                        "2d27fbdf4e8ca207afbfa388ca9172fbcc6c70e534af2476b3b704f87debadcf\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nplots,folder,,\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nplots/a.gp,file,19,"));
    CU_ASSERT_PTR_NULL(strstr(text, ".landstad-writing")); /* the marker is gone */
    free(text);
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(manifest_read(&m, final, &d), LS_OK);
    CU_ASSERT_EQUAL(m.n, 4);
    manifest_free(&m);
    diag_free(&d);
    free(mpath);
    free(final);
    free(parent);
}

static void
test_own_folder_and_empty_folder_are_replaced(void)
{
    char *parent = fresh("od_replace"), *final = xasprintf("%s/r", parent);
    char *pop = xasprintf("%s/population.csv", final), *png = xasprintf("%s/plots/a.png", final);
    char *text;
    diag d;

    diag_init(&d);
    make_result(final, "v1\n");
    CU_ASSERT_EQUAL(try_run(final, "v2\n", &d, NULL), LS_OK);
    text = slurp(pop);
    CU_ASSERT_STRING_EQUAL(text, "v2\n");
    free(text);
    CU_ASSERT(!exists(png)); /* replaced, not merged */
    CU_ASSERT_EQUAL(remove_tree(final), 0);
    CU_ASSERT_EQUAL(mkdir(final, 0777), 0);
    CU_ASSERT_EQUAL(try_run(final, "v3\n", &d, NULL), LS_OK);
    CU_ASSERT_EQUAL(count_prefixed(parent, "."), 2); /* ".", ".." only: no lock, no leftovers */
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    diag_free(&d);
    free(pop);
    free(png);
    free(final);
    free(parent);
}

/* Each foreign thing in an otherwise landstad folder is named, and nothing changes. */
static void
expect_refused(const char *final, const char *named, const char *why)
{
    char *pop = xasprintf("%s/population.csv", final), *before = slurp(pop), *after;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL(try_run(final, "new\n", &d, NULL), LS_EIO);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    if (!has_msg(&d, named) || !has_msg(&d, why))
        fprintf(stderr, "got: %s\n", d.msg[0]);
    CU_ASSERT(has_msg(&d, named));
    CU_ASSERT(has_msg(&d, why));
    CU_ASSERT(has_msg(&d, "nothing was written"));
    after = slurp(pop);
    CU_ASSERT(before != NULL && after != NULL && strcmp(before, after) == 0);
    free(before);
    free(after);
    free(pop);
    diag_free(&d);
}

static void
test_foreign_files_are_refused(void)
{
    char *parent = fresh("od_foreign"), *final = xasprintf("%s/r", parent), *p;

    make_result(final, "v1\n");
    p = xasprintf("%s/targets.xlsx", final); /* an officer's workbook */
    spit(p, "PK...");
    expect_refused(final, "\"targets.xlsx\" (not written by landstad)", "holds files that landstad did not write");
    remove(p);
    free(p);
    p = xasprintf("%s/population.csv", final); /* edited */
    spit(p, "v1 with a correction\n");
    expect_refused(final, "\"population.csv\" (changed since landstad wrote it)", "Move them out");
    spit(p, "v1\n"); /* same bytes again: landstad's again */
    free(p);
    p = xasprintf("%s/notes", final);
    CU_ASSERT_EQUAL(mkdir(p, 0777), 0);
    expect_refused(final, "\"notes\" (a folder landstad did not write)", "choose another --out");
    rmdir(p);
    free(p);
    p = xasprintf("%s/plots/link", final);
    CU_ASSERT_EQUAL(symlink("/etc/passwd", p), 0);
    expect_refused(final, "\"plots/link\" (a symbolic link", "nothing was written");
    remove(p);
    free(p);
    /* the image a landstad script makes is landstad's even when rendered by hand */
    p = xasprintf("%s/plots/a.svg", final);
    spit(p, "<svg/>");
    {
        diag d;
        diag_init(&d);
        CU_ASSERT_EQUAL(try_run(final, "v2\n", &d, NULL), LS_OK);
        diag_free(&d);
    }
    free(p);
    free(final);
    free(parent);
}

static void
test_folder_without_manifest_is_refused(void)
{
    char *parent = fresh("od_nomanifest"), *final = xasprintf("%s/model", parent);
    char *yaml = xasprintf("%s/model.yaml", final), *text;
    diag d;

    CU_ASSERT_EQUAL(mkdir(final, 0777), 0);
    spit(yaml, "name: x\n");
    diag_init(&d);
    CU_ASSERT_EQUAL(try_run(final, "new\n", &d, NULL), LS_EIO);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT(has_msg(&d, "there is no landstad-manifest.txt"));
    CU_ASSERT(has_msg(&d, "delete it yourself"));
    text = slurp(yaml);
    CU_ASSERT_STRING_EQUAL(text, "name: x\n");
    free(text);
    CU_ASSERT_EQUAL(count_prefixed(parent, ".model."), 0);
    diag_clear(&d);
    /* ".", "..": not folders that can be swapped */
    CU_ASSERT_EQUAL(try_run(".", "x", &d, NULL), LS_EUSAGE);
    CU_ASSERT_EQUAL(try_run("a/..", "x", &d, NULL), LS_EUSAGE);
    diag_free(&d);
    free(yaml);
    free(final);
    free(parent);
}

static void
test_lock_keeps_a_second_run_out(void)
{
    char *parent = fresh("od_lock"), *final = xasprintf("%s/r", parent), *tmp;
    outdir a;
    diag d, notes;

    diag_init(&d);
    diag_init(&notes);
    CU_ASSERT_EQUAL_FATAL(outdir_begin(&a, final, &d, NULL), LS_OK);
    tmp = xstrdup(a.tmp);
    /* the second run neither writes nor cleans up the first one's temporary folder */
    CU_ASSERT_EQUAL(try_run(final, "second\n", &d, &notes), LS_EIO);
    CU_ASSERT(has_msg(&d, "another landstad run is writing this folder now"));
    CU_ASSERT_EQUAL(diag_count(&notes), 0);
    CU_ASSERT(exists(tmp));
    put(&a, "population.csv", "first\n");
    CU_ASSERT_EQUAL(outdir_commit(&a, &d), LS_OK);
    outdir_free(&a);
    diag_clear(&d);
    CU_ASSERT_EQUAL(try_run(final, "third\n", &d, &notes), LS_OK);
    CU_ASSERT_EQUAL(count_prefixed(parent, ".r.lock"), 0);
    diag_free(&d);
    diag_free(&notes);
    free(tmp);
    free(final);
    free(parent);
}

/* The states a SIGKILL can leave, built by hand, and what the next run makes of them. */
static void
test_recovery_after_a_kill(void)
{
    char *parent = fresh("od_recover"), *final = xasprintf("%s/r", parent);
    char *aside = xasprintf("%s/.r.old-Ab12Cd", parent), *pop = xasprintf("%s/population.csv", final);
    char *writing = xasprintf("%s/.r.tmp-Zz99yy", parent), *swapped = xasprintf("%s/.r.tmp-Qq11ww", parent);
    char *alike = xasprintf("%s/.r.tmp-Mine01", parent), *p, *text;
    diag d, notes;

    diag_init(&d);
    diag_init(&notes);
    /* killed between the two renames: the earlier results are set aside, r is gone */
    make_result(final, "earlier\n");
    CU_ASSERT_EQUAL(rename(final, aside), 0);
    /* killed while writing: a temporary folder with the marker */
    CU_ASSERT_EQUAL(mkdir(writing, 0777), 0);
    p = xasprintf("%s/.landstad-writing", writing);
    spit(p, "");
    free(p);
    p = xasprintf("%s/population.csv", writing);
    spit(p, "half");
    free(p);
    /* a folder named like a leftover that holds someone's files */
    CU_ASSERT_EQUAL(mkdir(alike, 0777), 0);
    p = xasprintf("%s/mine.txt", alike);
    spit(p, "mine");
    free(p);
    {
        /* the next run, interrupted before it writes anything: the earlier results
         * are back in place */
        outdir od;
        CU_ASSERT_EQUAL_FATAL(outdir_begin(&od, final, &d, &notes), LS_OK);
        outdir_free(&od);
    }
    text = slurp(pop);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_STRING_EQUAL(text, "earlier\n");
    free(text);
    CU_ASSERT(has_msg(&notes, "restored the earlier results"));
    CU_ASSERT(has_msg(&notes, "removed this temporary folder, left behind by an interrupted run"));
    CU_ASSERT(has_msg(&notes, "left alone"));
    CU_ASSERT(!exists(aside));
    CU_ASSERT(!exists(writing));
    CU_ASSERT(exists(alike));
    /* killed after the swap, before the old results were removed: they sit under the
     * temporary name with their manifest */
    make_result(swapped, "older\n");
    diag_clear(&notes);
    CU_ASSERT_EQUAL(try_run(final, "newest\n", &d, &notes), LS_OK);
    CU_ASSERT(!exists(swapped));
    CU_ASSERT(has_msg(&notes, ".r.tmp-Qq11ww: removed this temporary folder"));
    text = slurp(pop);
    CU_ASSERT_STRING_EQUAL(text, "newest\n");
    free(text);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    diag_free(&d);
    diag_free(&notes);
    free(alike);
    free(writing);
    free(swapped);
    free(aside);
    free(pop);
    free(final);
    free(parent);
}

static void
test_partial_update(void)
{
    static const char *const names[] = {"report.html", "plots"};
    char *parent = fresh("od_update"), *final = xasprintf("%s/r", parent), *p, *text;
    outdir od;
    manifest m;
    diag d;

    diag_init(&d);
    make_result(final, "v1\n");
    p = xasprintf("%s/mine.docx", final); /* foreign, but not where plot writes */
    spit(p, "doc");
    free(p);
    CU_ASSERT_EQUAL_FATAL(outdir_begin_update(&od, final, names, 2, &d, NULL), LS_OK);
    p = outdir_path(&od, "plots");
    CU_ASSERT_EQUAL(mkdir(p, 0777), 0);
    free(p);
    put(&od, "plots/b.gp", "set output 'b.png'\n");
    put(&od, "report.html", "<html>new</html>\n");
    CU_ASSERT_EQUAL(outdir_commit_update(&od, names, 2, &d), LS_OK);
    outdir_free(&od);
    p = xasprintf("%s/plots/a.png", final);
    CU_ASSERT(!exists(p)); /* the old plots/ was replaced as a whole */
    free(p);
    p = xasprintf("%s/mine.docx", final);
    text = slurp(p);
    CU_ASSERT_STRING_EQUAL(text, "doc"); /* untouched */
    free(text);
    free(p);
    CU_ASSERT_EQUAL_FATAL(manifest_read(&m, final, &d), LS_OK);
    {
        int pop = 0, b = 0, a = 0, report = 0;
        for (size_t i = 0; i < m.n; i++) {
            pop += strcmp(m.e[i].path, "population.csv") == 0;
            b += strcmp(m.e[i].path, "plots/b.gp") == 0;
            a += strcmp(m.e[i].path, "plots/a.gp") == 0;
            report += strcmp(m.e[i].path, "report.html") == 0;
        }
        CU_ASSERT(pop == 1 && b == 1 && a == 0 && report == 1);
    }
    manifest_free(&m);
    CU_ASSERT_EQUAL(count_prefixed(parent, ".r."), 0);
    /* an update that writes only the report: plots/ stays, and stays landstad's */
    CU_ASSERT_EQUAL_FATAL(outdir_begin_update(&od, final, names, 2, &d, NULL), LS_OK);
    put(&od, "report.html", "<html>newer</html>\n");
    CU_ASSERT_EQUAL(outdir_commit_update(&od, names, 2, &d), LS_OK);
    outdir_free(&od);
    p = xasprintf("%s/plots/b.gp", final);
    CU_ASSERT(exists(p));
    free(p);
    CU_ASSERT_EQUAL_FATAL(manifest_read(&m, final, &d), LS_OK);
    {
        manifest_foreign *f = NULL;
        const size_t nf = manifest_find_foreign(&m, final, "plots", &f, 4);
        CU_ASSERT_EQUAL(nf, 0);
        manifest_foreign_free(f, nf);
    }
    manifest_free(&m);
    /* a file of someone else's in plots/ stops the update */
    p = xasprintf("%s/plots/notes.txt", final);
    spit(p, "mine");
    CU_ASSERT_EQUAL(outdir_begin_update(&od, final, names, 2, &d, NULL), LS_EIO);
    CU_ASSERT(has_msg(&d, "\"plots/notes.txt\" (not written by landstad)"));
    outdir_free(&od);
    CU_ASSERT(exists(p));
    free(p);
    diag_free(&d);
    free(final);
    free(parent);
}

/* Where the file system cannot exchange two names in one step. */
static void
test_two_renames(void)
{
    static const char *const names[] = {"report.html", "plots"};
    char *parent = fresh("od_tworenames"), *final = xasprintf("%s/r", parent), *p, *text;
    outdir od;
    diag d;

    diag_init(&d);
    setenv("LANDSTAD_NO_RENAME_EXCHANGE", "1", 1);
    make_result(final, "v1\n");
    CU_ASSERT_EQUAL(try_run(final, "v2\n", &d, NULL), LS_OK);
    p = xasprintf("%s/population.csv", final);
    text = slurp(p);
    CU_ASSERT_STRING_EQUAL(text, "v2\n");
    free(text);
    free(p);
    make_result(final, "v3\n");
    CU_ASSERT_EQUAL_FATAL(outdir_begin_update(&od, final, names, 2, &d, NULL), LS_OK);
    p = outdir_path(&od, "plots");
    CU_ASSERT_EQUAL(mkdir(p, 0777), 0);
    free(p);
    put(&od, "plots/b.gp", "x\n");
    CU_ASSERT_EQUAL(outdir_commit_update(&od, names, 2, &d), LS_OK);
    outdir_free(&od);
    p = xasprintf("%s/plots/b.gp", final);
    CU_ASSERT(exists(p));
    free(p);
    unsetenv("LANDSTAD_NO_RENAME_EXCHANGE");
    CU_ASSERT_EQUAL(count_prefixed(parent, ".r."), 0);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    diag_free(&d);
    free(final);
    free(parent);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"manifest_lists_every_file", test_manifest_lists_every_file},
        {"own_folder_and_empty_folder_are_replaced", test_own_folder_and_empty_folder_are_replaced},
        {"foreign_files_are_refused", test_foreign_files_are_refused},
        {"folder_without_manifest_is_refused", test_folder_without_manifest_is_refused},
        {"lock_keeps_a_second_run_out", test_lock_keeps_a_second_run_out},
        {"recovery_after_a_kill", test_recovery_after_a_kill},
        {"partial_update", test_partial_update},
        {"two_renames", test_two_renames},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
