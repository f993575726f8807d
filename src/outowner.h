/* Whose results an output folder holds, so that a run never replaces the results
 * of another model: a copied model with the same name:, a scenario pointed at its
 * base's folder, a compare over another base. run.yaml says who wrote the folder
 * (written_by: the real paths of the model file and of the scenario file, and the
 * command); a run into a folder written by another refuses unless told to
 * (--force). This rule is about models; which files a run may replace is the
 * output folder's own rule (output.h), which --force never changes.
 *
 * Ownership: an outowner owns its strings; outowner_free is always safe. */
#ifndef LS_OUTOWNER_H
#define LS_OUTOWNER_H

#include "error.h"
#include "runrecord.h"
#include "spec.h"

typedef struct {
    char *model;    /* real path of the model file (a scenario's base) */
    char *scenario; /* real path of the scenario file, or NULL */
    const char *command; /* "run" or "compare" */
} outowner;

/* The owner a run of spec (a model or a scenario) writes as. */
void outowner_of_spec(outowner *self, const model_spec *spec, const char *command);
void outowner_free(outowner *self);

/* Adds written_by to a run record. */
void outowner_record(const outowner *self, runrecord *rr);

/* LS_OK when dir does not exist, holds no run.yaml, or its run.yaml names the same
 * owner; also when force. Otherwise LS_EUSAGE with a message in d that names both. */
int outowner_check(const outowner *self, const char *dir, int force, diag *d) LS_WARN_UNUSED;

#endif
