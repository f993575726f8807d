/* Scenario files: "what if?" as a small YAML file that names a base model and holds
 * only what changes (doc/FORMATS.md, "Scenario files").
 *
 *   base: ../hardenberg.yaml          # the model file it changes
 *   title: "..."                      # any model key: merged into the base's
 *   households: {headship_ratios: constant}
 *   plans:                            # the base's plan list, by plan_id
 *     - {id: HB-MAR-REST, delay: 2}
 *   add_plans: extra_plans.csv        # more plans, in the form of pipeline.plans
 *   migration_level: {...}            # a solved factor on in- or out-flows
 *
 * The merge works on the YAML documents before any value is read: sections merge
 * key by key; lists of mappings merge item by item on their key (flows by name,
 * targets by id), an item with remove: true takes the base's away and an item the
 * base lacks is added; every other value (scalars, {year: number} paths, {kern:
 * number} maps, delay distributions, lists of names) replaces the base's. The
 * merged document is then checked and read exactly like a model file (config.c),
 * with every message placed in the file its key came from.
 *
 * A scenario's name for files and folders is its file name, never its name: key.
 * (src/scenario.c is something else: one deterministic run of any model.)
 *
 * Ownership: scenariofile_merge fills a caller-initialised-by-it document and an
 * origin array the caller frees; it takes nothing from its inputs. */
#ifndef LS_SCENARIOFILE_H
#define LS_SCENARIOFILE_H

#include <stddef.h>
#include <stdio.h>
#include <yaml.h>

#include "error.h"
#include "levelsolve.h"
#include "runrecord.h"
#include "spec.h"

/* Merges scen (a scenario, whose root holds base:) into base, into *out, which it
 * initialises. origin[id - 1] says for node id of out whether it came from the base
 * (0) or the scenario (1); caller frees. *changes gets one line per change (caller
 * frees each and the array). Problems the merge itself finds (a duplicate key, an item
 * to remove that the base lacks, a new list item without the keys it needs) go to d
 * with the scenario's file; returns how many. */
size_t scenariofile_merge(yaml_document_t *base, yaml_document_t *scen, const char *scen_file,
                          yaml_document_t *out, unsigned char **origin, char ***changes,
                          size_t *n_changes, diag *d);

/* The merged document as YAML text (the resolved model of run.yaml), or NULL when
 * libyaml refused it. Caller frees. */
char *scenariofile_emit(yaml_document_t *doc);

/* The default output folder of a scenario: output/BASE-STEM, with BASE the base's
 * name: key and STEM the scenario's file name without folder and extension
 * (characters outside letters, digits, '-', '_' and '.' become '_'). Caller frees. */
char *scenariofile_default_out(const char *base_name, const char *scenario_path);

/* The file name of path without folder and extension, as used in folder names and
 * tables ("models/scenarios/slip.yaml" -> "slip"). Caller frees. */
char *scenariofile_stem(const char *path);

/* The scenario section of run.yaml: the scenario and its base (files, SHA-256),
 * the changes, the solved migration level (ml, or NULL) and the resolved model.
 * Nothing for a model file. */
void scenariofile_record(runrecord *rr, const model_spec *s, const levelsolve_result *ml);

/* For landstad check: the base and the changes, one a line. */
void scenariofile_print(FILE *out, const model_spec *s, int dutch);

#endif
