/* Reading YAML safely, shared by the model loader and the run-record reader:
 * pathological nesting is refused while parsing (before any tree is built), and
 * parser errors become located messages. */
#ifndef LS_YAMLREAD_H
#define LS_YAMLREAD_H

#include <stddef.h>

#include "error.h"

/* Deeper nesting than this is refused: a model file needs about six levels. */
#define YAMLREAD_MAX_DEPTH 64

/* Parses buf as a stream of events and refuses (LS_ECONFIG, one located message
 * "nested deeper than N levels") when mappings and lists nest deeper than
 * max_depth. Syntax errors are left to the caller's own parse (LS_OK). */
int yamlread_check_depth(const char *buf, size_t len, const char *name, int max_depth,
                         diag *d) LS_WARN_UNUSED;

#endif
