/* The model file: YAML read with libyaml, checked against one declarative key
 * table, and translated into a plain model_spec that no other module needs libyaml
 * to read. This is the only file that includes <yaml.h>.
 *
 * Ownership: config_load fills a caller-owned model_spec; config_free releases it
 * and is safe after a failed load. Paths in the spec are already resolved against
 * the model file's directory. */
#ifndef LS_CONFIG_H
#define LS_CONFIG_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "spec.h"

int config_load(model_spec *self, const char *path, diag *d) LS_WARN_UNUSED;
/* Parses a model from memory; path is used for messages and to resolve inputs. */
int config_parse(model_spec *self, const char *buf, size_t len, const char *path,
                 diag *d) LS_WARN_UNUSED;
void config_free(model_spec *self);

/* How a scenario's value for key, under the key table path prefix ("" at the top,
 * "migration.flows[]" inside a flow), merges with its base's (scenariofile.c):
 * sections key by key, keyed lists item by item on *item_key, anything else is
 * replaced. *pattern gets the key's table path (caller frees), *noun what one item
 * of a keyed list is called in messages ("flow"). */
enum config_merge { CONFIG_MERGE_VALUE, CONFIG_MERGE_SECTION, CONFIG_MERGE_LIST };
enum config_merge config_merge_rule(const char *prefix, const char *key, char **pattern,
                                    const char **item_key, const char **noun);
/* The required keys under a table path ("kind, name"), or NULL; caller frees. */
char *config_required_keys(const char *prefix);

/* Prints the documented keys (path, type, range, unit, default, help). */
void config_print_keys(FILE *out);

#endif
