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

/* Prints the documented keys (path, type, range, unit, default, help). */
void config_print_keys(FILE *out);

#endif
