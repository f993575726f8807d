/* run.yaml: what was run, on which inputs (SHA-256), by which program version, when,
 * with which resolved settings, so that a run can be repeated and audited.
 *
 * A run record is a YAML document built in memory and written with libyaml's
 * emitter, and read back with libyaml's parser. Any module can add its own section
 * without touching the emitter:
 *
 *     runrecord *rr = runrecord_alloc();
 *     runrecord_add_run(rr, m, p, ri);            // program, model, inputs, results
 *     rr_node obs = runrecord_map(rr, runrecord_root(rr), "observations");
 *     runrecord_str(rr, obs, "file", path);
 *     runrecord_int(rr, obs, "rows", 120);
 *     ret = runrecord_save(rr, "out/run.yaml", d);
 *     runrecord_free(rr);
 *
 * Under a mapping the key names the entry; under a list the key must be NULL and the
 * value is appended. runrecord_map and runrecord_list return the existing node when
 * the mapping already has that key (so two modules may add to one section). A string
 * value NULL is written as null. Numbers are written so that they read back to the
 * same double (runrecord_num) or with a fixed number of decimals (runrecord_fixed).
 *
 * Reading: runrecord_load, then runrecord_text(rr, 0, "model.name") or a walk with
 * runrecord_get / runrecord_count / runrecord_item. A dotted path starts at the root
 * when node is 0; a list item is addressed by its index ("inputs.2.file"). */
#ifndef LS_RUNRECORD_H
#define LS_RUNRECORD_H

#include <stddef.h>

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

typedef struct runrecord runrecord;
/* A mapping, list or scalar in the record; 0 is "none". */
typedef int rr_node;

runrecord *runrecord_alloc(void);
void runrecord_free(runrecord *self);
/* The top-level mapping. */
rr_node runrecord_root(const runrecord *self);

/* ---- building ---- */
rr_node runrecord_map(runrecord *self, rr_node parent, const char *key);
/* A mapping written on one line ({name: x, tier: y}). */
rr_node runrecord_map_flow(runrecord *self, rr_node parent, const char *key);
rr_node runrecord_list(runrecord *self, rr_node parent, const char *key);
rr_node runrecord_list_flow(runrecord *self, rr_node parent, const char *key);
void runrecord_str(runrecord *self, rr_node parent, const char *key, const char *value);
void runrecord_int(runrecord *self, rr_node parent, const char *key, long value);
void runrecord_num(runrecord *self, rr_node parent, const char *key, double value);
void runrecord_fixed(runrecord *self, rr_node parent, const char *key, double value,
                     int decimals);
void runrecord_bool(runrecord *self, rr_node parent, const char *key, int value);
/* A whole YAML text (one document) as a value under parent, e.g. a resolved model;
 * null when text is NULL or does not parse. */
void runrecord_yaml(runrecord *self, rr_node parent, const char *key, const char *text);

/* The sections every run writes: program, version, date, command, seed and Monte
 * Carlo settings, the resolved model, calibrations, inputs with their SHA-256 and
 * the population totals. */
void runrecord_add_run(runrecord *self, const model *m, const projection *p,
                       const run_info *ri);

/* Writes the record (a comment line, then the document). */
int runrecord_save(const runrecord *self, const char *path, diag *d) LS_WARN_UNUSED;
/* The whole run record of a run in one call (alloc, add_run, save, free). */
int runrecord_write(const char *path, const model *m, const projection *p,
                    const run_info *ri, diag *d) LS_WARN_UNUSED;

/* ---- reading ---- */
/* Parses path (a fresh record: call on one just allocated). Located messages in d;
 * LS_EIO when it cannot be read, LS_ECONFIG when it is not a run record. */
int runrecord_load(runrecord *self, const char *path, diag *d) LS_WARN_UNUSED;
int runrecord_parse(runrecord *self, const char *buf, size_t len, const char *name,
                    diag *d) LS_WARN_UNUSED;
/* The value of key in a mapping, or 0. */
rr_node runrecord_get(const runrecord *self, rr_node map, const char *key);
/* Entries of a list or mapping (0 for a scalar). */
size_t runrecord_count(const runrecord *self, rr_node node);
rr_node runrecord_item(const runrecord *self, rr_node list, size_t i);
/* The scalar at a dotted path from node (0: the root); NULL when absent, not a
 * scalar, or null. */
const char *runrecord_text(const runrecord *self, rr_node node, const char *path);

#endif
