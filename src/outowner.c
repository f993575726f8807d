/* written_by in run.yaml, and the check before a run replaces a folder. */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "outowner.h"
#include "util.h"

/* The real path of a file that was read; the path as given when it cannot be had. */
static char *
real_path(const char *path)
{
    char *r = realpath(path, NULL);
    return r != NULL ? r : xstrdup(path);
}

void
outowner_of_spec(outowner *self, const model_spec *spec, const char *command)
{
    memset(self, 0, sizeof *self);
    self->model = real_path(spec->base_path != NULL ? spec->base_path : spec->path);
    self->scenario = spec->base_path != NULL ? real_path(spec->path) : NULL;
    self->command = command;
}

void
outowner_free(outowner *self)
{
    if (self == NULL)
        return;
    free(self->model);
    free(self->scenario);
    memset(self, 0, sizeof *self);
}

void
outowner_record(const outowner *self, runrecord *rr)
{
    const rr_node w = runrecord_map(rr, runrecord_root(rr), "written_by");
    runrecord_str(rr, w, "command", self->command);
    runrecord_str(rr, w, "model", self->model);
    runrecord_str(rr, w, "scenario", self->scenario);
}

static int
same(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* "the model M", "the scenario S of M", "a compare over M". */
static char *
describe(const char *command, const char *file, const char *scenario)
{
    if (command != NULL && strcmp(command, "compare") == 0)
        return xasprintf("a comparison with base %s", file ? file : "(unknown)");
    if (scenario != NULL)
        return xasprintf("the scenario %s", scenario);
    return xasprintf("the model %s", file ? file : "(unknown)");
}

int
outowner_check(const outowner *self, const char *dir, int force, diag *d)
{
    char *path = xasprintf("%s/run.yaml", dir);
    struct stat st;
    runrecord *rr;
    diag quiet;
    int ret = LS_OK;

    if (force || stat(path, &st) != 0) {
        free(path);
        return LS_OK;
    }
    rr = runrecord_alloc();
    diag_init(&quiet);
    if (runrecord_load(rr, path, &quiet) != LS_OK) {
        diag_add(d, dir, 0, 0,
                 "its run.yaml cannot be read, so it is not known which model wrote these "
                 "results: write elsewhere with --out DIR, or replace them with --force");
        ret = LS_EUSAGE;
    } else {
        const char *cmd = runrecord_text(rr, 0, "written_by.command"),
                   *who = runrecord_text(rr, 0, "written_by.model"),
                   *scen = runrecord_text(rr, 0, "written_by.scenario");
        /* Records from before written_by name no one: they are taken as this run's. */
        if (who != NULL
            && !(same(who, self->model) && same(scen, self->scenario)
                 && same(cmd ? cmd : "run", self->command))) {
            char *theirs = describe(cmd, who, scen), *ours = describe(self->command, self->model,
                                                                         self->scenario);
            diag_add(d, dir, 0, 0,
                     "holds the results of %s (run.yaml), not of %s: write elsewhere with --out "
                     "DIR, or replace them with --force",
                     theirs, ours);
            free(theirs);
            free(ours);
            ret = LS_EUSAGE;
        }
    }
    diag_free(&quiet);
    runrecord_free(rr);
    free(path);
    return ret;
}
