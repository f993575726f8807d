/* Output folders: a commit replaces earlier results completely, an abort leaves
 * them byte-identical and leaves no temporary folder; write errors surface at
 * close; remove_tree and the lexical path helpers. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "testlib.h"

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

/* Writes text into the file name inside the run's temporary folder. */
static void
put(outdir *od, const char *name, const char *text)
{
    char *p = outdir_path(od, name);
    ofile f;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(ofile_open(&f, p, &d), LS_OK);
    ofile_puts(&f, text);
    CU_ASSERT_EQUAL(ofile_close(&f, &d), LS_OK);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    diag_free(&d);
    free(p);
}

/* Entries of dir whose name starts with prefix. */
static size_t
count_prefixed(const char *dir, const char *prefix)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    size_t n = 0;

    if (dp == NULL)
        return 0;
    while ((e = readdir(dp)) != NULL)
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
            n++;
    closedir(dp);
    return n;
}

/* A fresh scratch parent folder for one test. */
static char *
fresh(const char *name)
{
    char *p = test_tmp(name);
    CU_ASSERT_EQUAL_FATAL(remove_tree(p), 0);
    CU_ASSERT_EQUAL_FATAL(mkdir(p, 0777), 0);
    return p;
}

static void
test_output_commit_creates_folder(void)
{
    char *parent = fresh("outdir_commit");
    char *final = xasprintf("%s/deep/er/run1", parent);
    char *file = xasprintf("%s/population.csv", final);
    char *text;
    outdir od;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(outdir_begin(&od, final, &d, NULL), LS_OK);
    CU_ASSERT(exists(od.tmp));
    CU_ASSERT(!exists(final));
    put(&od, "population.csv", "year,persons\n2021,63423\n");
    CU_ASSERT(!exists(file)); /* nothing visible before the commit */
    CU_ASSERT_EQUAL(outdir_commit(&od, &d), LS_OK);
    CU_ASSERT_PTR_NULL(od.tmp);
    text = slurp(file);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_STRING_EQUAL(text, "year,persons\n2021,63423\n");
    free(text);
    outdir_abort(&od); /* after commit: does nothing */
    CU_ASSERT(exists(file));
    outdir_free(&od);
    outdir_free(&od);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    diag_free(&d);
    free(file);
    free(final);
    free(parent);
}

static void
test_output_second_run_replaces_first(void)
{
    char *parent = fresh("outdir_replace");
    char *final = xasprintf("%s/hardenberg/", parent); /* a trailing slash is fine */
    char *old_file = xasprintf("%s/hardenberg/old_only.csv", parent);
    char *kept = xasprintf("%s/hardenberg/population.csv", parent);
    char *text;
    outdir od;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(outdir_begin(&od, final, &d, NULL), LS_OK);
    put(&od, "old_only.csv", "stale\n");
    put(&od, "population.csv", "first\n");
    CU_ASSERT_EQUAL_FATAL(outdir_commit(&od, &d), LS_OK);
    outdir_free(&od);
    CU_ASSERT(exists(old_file));

    CU_ASSERT_EQUAL_FATAL(outdir_begin(&od, final, &d, NULL), LS_OK);
    put(&od, "population.csv", "second\n");
    CU_ASSERT_EQUAL_FATAL(outdir_commit(&od, &d), LS_OK);
    outdir_free(&od);
    CU_ASSERT(!exists(old_file)); /* gone: not merged */
    text = slurp(kept);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_STRING_EQUAL(text, "second\n");
    free(text);
    /* Neither temporary nor set-aside folders remain. */
    CU_ASSERT_EQUAL(count_prefixed(parent, ".hardenberg.tmp-"), 0);
    CU_ASSERT_EQUAL(count_prefixed(parent, "hardenberg.old-"), 0);
    CU_ASSERT_EQUAL(count_prefixed(parent, "hardenberg"), 1);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    diag_free(&d);
    free(kept);
    free(old_file);
    free(final);
    free(parent);
}

static void
test_output_abort_keeps_earlier_results(void)
{
    char *parent = fresh("outdir_abort");
    char *final = xasprintf("%s/res", parent);
    char *file = xasprintf("%s/res/population.csv", parent);
    char *text, *tmp;
    outdir od;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(outdir_begin(&od, final, &d, NULL), LS_OK);
    put(&od, "population.csv", "kern,persons\nDedemsvaart,12876.5\n");
    CU_ASSERT_EQUAL_FATAL(outdir_commit(&od, &d), LS_OK);
    outdir_free(&od);

    CU_ASSERT_EQUAL_FATAL(outdir_begin(&od, final, &d, NULL), LS_OK);
    tmp = xstrdup(od.tmp);
    CU_ASSERT_EQUAL(count_prefixed(parent, ".res.tmp-"), 1);
    put(&od, "population.csv", "half a fi");
    put(&od, "extra.csv", "x\n");
    outdir_abort(&od);
    CU_ASSERT(!exists(tmp));
    outdir_abort(&od); /* twice is safe */
    outdir_free(&od);
    CU_ASSERT_EQUAL(count_prefixed(parent, ".res.tmp-"), 0);
    text = slurp(file);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_STRING_EQUAL(text, "kern,persons\nDedemsvaart,12876.5\n");
    free(text);
    text = xasprintf("%s/res/extra.csv", parent);
    CU_ASSERT(!exists(text));
    free(text);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    diag_free(&d);
    free(tmp);
    free(file);
    free(final);
    free(parent);
}

static void
test_output_commit_over_a_file_is_refused(void)
{
    char *parent = fresh("outdir_file");
    char *final = xasprintf("%s/taken", parent);
    char *w, *text, *msg;
    outdir od;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(outdir_begin(&od, final, &d, NULL), LS_OK);
    /* a file appears where the folder should go while the run computes */
    w = test_write("outdir_file/taken", "not a folder\n");
    CU_ASSERT_EQUAL(outdir_commit(&od, &d), LS_EIO);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    msg = xasprintf("%s: exists and is not a folder: choose another --out; nothing was written",
                    final);
    CU_ASSERT_STRING_EQUAL(d.msg[0], msg);
    free(msg);
    text = slurp(final);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_STRING_EQUAL(text, "not a folder\n");
    free(text);
    outdir_free(&od);
    CU_ASSERT_EQUAL(count_prefixed(parent, ".taken.tmp-"), 0);
    diag_free(&d);
    free(w);
    free(final);
    free(parent);
}

static void
test_output_begin_reports_unwritable_parent(void)
{
    char *parent = fresh("outdir_blocked");
    char *blocker = test_write("outdir_blocked/file", "x");
    char *final = xasprintf("%s/file/sub/run", parent);
    char *msg;
    outdir od;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL(outdir_begin(&od, final, &d, NULL), LS_EIO);
    CU_ASSERT_PTR_NULL(od.tmp);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    msg = xasprintf("%s/file/sub: cannot create the output folder: Not a directory", parent);
    CU_ASSERT_STRING_EQUAL(d.msg[0], msg);
    free(msg);
    outdir_free(&od);
    diag_free(&d);
    free(final);
    free(blocker);
    free(parent);
}

static void
test_output_write_error_to_dev_full(void)
{
    ofile f;
    diag d;

    if (access("/dev/full", W_OK) != 0) {
        fprintf(stderr, "    (no /dev/full here; skipped)\n");
        return;
    }
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(ofile_open(&f, "/dev/full", &d), LS_OK);
    /* More than a stdio buffer, so some writes fail before the close. */
    for (int i = 0; i < 5000; i++)
        ofile_printf(&f, "%d,Balkbrug,%.3f\n", 2021 + i % 20, i * 1.125);
    CU_ASSERT_EQUAL(ofile_close(&f, &d), LS_EIO);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_STRING_EQUAL(d.msg[0], "/dev/full: cannot write: No space left on device");
    /* A small write only fails at the flush in close. */
    CU_ASSERT_EQUAL_FATAL(ofile_open(&f, "/dev/full", &d), LS_OK);
    ofile_puts(&f, "year\n");
    CU_ASSERT_EQUAL(ofile_close(&f, &d), LS_EIO);
    CU_ASSERT_EQUAL_FATAL(d.n, 2);
    CU_ASSERT_STRING_EQUAL(d.msg[1], "/dev/full: cannot write: No space left on device");
    diag_free(&d);
}

static void
test_output_open_failure_is_reported(void)
{
    char *dir = fresh("ofile_missing");
    char *path = xasprintf("%s/no/such/dir/x.csv", dir);
    char *msg = xasprintf("%s: cannot write: No such file or directory", path);
    ofile f;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL(ofile_open(&f, path, &d), LS_EIO);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_STRING_EQUAL(d.msg[0], msg);
    CU_ASSERT_EQUAL(ofile_close(&f, &d), LS_OK); /* frees, reports nothing more */
    CU_ASSERT_EQUAL(d.n, 1);
    diag_free(&d);
    free(msg);
    free(path);
    free(dir);
}

static void
test_output_remove_tree_nested(void)
{
    char *root = fresh("rmtree");
    char *p;
    const char *dirs[] = {"a", "a/b", "a/b/c", "a/d"};
    const char *files[] = {"a/f1", "a/b/f2", "a/b/c/f3", "a/d/.hidden", "top"};

    for (size_t i = 0; i < 4; i++) {
        p = xasprintf("%s/%s", root, dirs[i]);
        CU_ASSERT_EQUAL(mkdir(p, 0777), 0);
        free(p);
    }
    for (size_t i = 0; i < 5; i++) {
        char *rel = xasprintf("rmtree/%s", files[i]);
        free(test_write(rel, "data\n"));
        free(rel);
    }
    p = xasprintf("%s/a/link", root);
    CU_ASSERT_EQUAL(symlink("../top", p), 0); /* a link is removed, not followed */
    free(p);
    p = xasprintf("%s/a", root);
    CU_ASSERT_EQUAL(remove_tree(p), 0);
    CU_ASSERT(!exists(p));
    free(p);
    p = xasprintf("%s/top", root);
    CU_ASSERT(exists(p));
    free(p);
    CU_ASSERT_EQUAL(remove_tree(root), 0);
    CU_ASSERT(!exists(root));
    CU_ASSERT_EQUAL(remove_tree(root), 0); /* missing is fine */
    free(root);
}

static void
check_resolve(const char *dir, const char *rel, const char *want)
{
    char *got = path_resolve(dir, rel);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "    path_resolve(%s, %s) = %s, want %s\n", dir ? dir : "NULL", rel,
                got, want);
    CU_ASSERT_STRING_EQUAL(got, want);
    free(got);
}

static void
test_output_path_resolve(void)
{
    check_resolve("models", "a/b/../c", "models/a/c");
    check_resolve("models", "./x.csv", "models/x.csv");
    check_resolve("models/nl", "../../input/kernen.csv", "input/kernen.csv");
    check_resolve("models", "../../input/kernen.csv", "../input/kernen.csv");
    check_resolve("..", "../x", "../../x");
    check_resolve(".", "a//b/./c", "a/b/c");
    check_resolve(NULL, "x.csv", "x.csv");
    check_resolve("", "x.csv", "x.csv");
    check_resolve("models", "/abs/./p/../q.csv", "/abs/q.csv");
    check_resolve("/srv/land", "../in/x.csv", "/srv/in/x.csv");
    check_resolve("/", "../../etc", "/etc");
    check_resolve("a", "..", ".");
    check_resolve("tests/data/bad", "common/pop.csv", "tests/data/bad/common/pop.csv");
}

static void
test_output_path_dirname(void)
{
    char *p;

    p = path_dirname("models/hardenberg.yaml");
    CU_ASSERT_STRING_EQUAL(p, "models");
    free(p);
    p = path_dirname("m.yaml");
    CU_ASSERT_STRING_EQUAL(p, ".");
    free(p);
    p = path_dirname("/m.yaml");
    CU_ASSERT_STRING_EQUAL(p, "/");
    free(p);
    p = path_dirname("/srv/a/b.yaml");
    CU_ASSERT_STRING_EQUAL(p, "/srv/a");
    free(p);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"test_output_commit_creates_folder", test_output_commit_creates_folder},
        {"test_output_second_run_replaces_first", test_output_second_run_replaces_first},
        {"test_output_abort_keeps_earlier_results", test_output_abort_keeps_earlier_results},
        {"test_output_commit_over_a_file_is_refused", test_output_commit_over_a_file_is_refused},
        {"test_output_begin_reports_unwritable_parent", test_output_begin_reports_unwritable_parent},
        {"test_output_write_error_to_dev_full", test_output_write_error_to_dev_full},
        {"test_output_open_failure_is_reported", test_output_open_failure_is_reported},
        {"test_output_remove_tree_nested", test_output_remove_tree_nested},
        {"test_output_path_resolve", test_output_path_resolve},
        {"test_output_path_dirname", test_output_path_dirname},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
