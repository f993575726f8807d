/* run.yaml: what was run, on which inputs (SHA-256), by which program version, when,
 * with which resolved settings, so that a run can be repeated and audited. */
#ifndef LS_RUNRECORD_H
#define LS_RUNRECORD_H

#include "error.h"
#include "model.h"
#include "projection.h"

typedef struct {
    const char *command_line;
    int calibrated;
    double calibrated_level;
    int has_seed;
    unsigned long seed;
    const char *rng_name;
    unsigned long runs;
    unsigned threads;
    unsigned long pilot;
} run_info;

int runrecord_write(const char *path, const model *m, const projection *p,
                    const run_info *ri, diag *d) LS_WARN_UNUSED;

/* A YAML double-quoted scalar for s. Caller frees. */
char *yaml_quote(const char *s);

#endif
