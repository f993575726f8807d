/* The scenario merge: a base model's YAML document and a scenario's become one
 * document, each node remembering the file it came from. What each key is (section,
 * keyed list, value) comes from the key table in config.c; values are not read
 * here, only placed. */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "scenariofile.h"
#include "sha256.h"
#include "util.h"

typedef struct {
    yaml_document_t *out;
    unsigned char *origin;
    size_t cap;
    const char *file; /* the scenario, for messages */
    diag *d;
    size_t errors;
    char **changes;
    size_t n_changes;
} mcx;

static void LS_PRINTF(3, 4)
merr(mcx *x, const yaml_node_t *n, const char *fmt, ...)
{
    va_list ap;
    char *text;

    va_start(ap, fmt);
    text = xvasprintf(fmt, ap);
    va_end(ap);
    diag_add(x->d, x->file, n->start_mark.line + 1, n->start_mark.column + 1, "%s", text);
    free(text);
    x->errors++;
}

static void LS_PRINTF(2, 3)
change(mcx *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    x->changes = xreallocarray(x->changes, x->n_changes + 1, sizeof *x->changes);
    x->changes[x->n_changes++] = xvasprintf(fmt, ap);
    va_end(ap);
}

static yaml_node_t *
node(yaml_document_t *doc, int id)
{
    return yaml_document_get_node(doc, id);
}

static const char *
text_of(const yaml_node_t *n)
{
    return n != NULL && n->type == YAML_SCALAR_NODE ? (const char *) n->data.scalar.value : NULL;
}

/* The value of key in a mapping node of doc, or 0. */
static int
lookup(yaml_document_t *doc, const yaml_node_t *map, const char *key)
{
    if (map == NULL || map->type != YAML_MAPPING_NODE)
        return 0;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        const char *k = text_of(node(doc, p->key));
        if (k != NULL && strcmp(k, key) == 0)
            return p->value;
    }
    return 0;
}

/* Records where a new node of out came from: its marks and its file. */
static void
placed(mcx *x, int id, const yaml_node_t *src, unsigned char org)
{
    yaml_node_t *n;
    if (id == 0)
        fatal("out of memory (YAML document)");
    if ((size_t) id > x->cap) {
        size_t cap = x->cap ? x->cap : 64;
        while (cap < (size_t) id)
            cap *= 2;
        x->origin = xrealloc(x->origin, cap);
        x->cap = cap;
    }
    x->origin[id - 1] = org;
    n = node(x->out, id);
    n->start_mark = src->start_mark;
    n->end_mark = src->end_mark;
}

static int
new_collection(mcx *x, const yaml_node_t *src, unsigned char org)
{
    int id = src->type == YAML_MAPPING_NODE
                 ? yaml_document_add_mapping(x->out, src->tag, src->data.mapping.style)
                 : yaml_document_add_sequence(x->out, src->tag, src->data.sequence.style);
    placed(x, id, src, org);
    return id;
}

static void
append_pair(mcx *x, int map, int key, int value)
{
    if (!yaml_document_append_mapping_pair(x->out, map, key, value))
        fatal("out of memory (YAML document)");
}

static void
append_item(mcx *x, int seq, int item)
{
    if (!yaml_document_append_sequence_item(x->out, seq, item))
        fatal("out of memory (YAML document)");
}

/* A deep copy of node id of doc into out; skip names a mapping key left out (the
 * scenario's remove:). */
static int
copy(mcx *x, yaml_document_t *doc, int id, unsigned char org, const char *skip)
{
    yaml_node_t *src = node(doc, id);
    int to;

    if (src->type == YAML_SCALAR_NODE) {
        to = yaml_document_add_scalar(x->out, src->tag, src->data.scalar.value,
                                      (int) src->data.scalar.length, src->data.scalar.style);
        placed(x, to, src, org);
        return to;
    }
    to = new_collection(x, src, org);
    if (src->type == YAML_MAPPING_NODE) {
        const ptrdiff_t n = src->data.mapping.pairs.top - src->data.mapping.pairs.start;
        for (ptrdiff_t i = 0; i < n; i++) {
            /* src may move when doc is out; it never is, but index, do not hold. */
            const yaml_node_pair_t p = node(doc, id)->data.mapping.pairs.start[i];
            const char *k = text_of(node(doc, p.key));
            if (skip != NULL && k != NULL && strcmp(k, skip) == 0)
                continue;
            append_pair(x, to, copy(x, doc, p.key, org, NULL), copy(x, doc, p.value, org, NULL));
        }
    } else {
        const ptrdiff_t n = src->data.sequence.items.top - src->data.sequence.items.start;
        for (ptrdiff_t i = 0; i < n; i++)
            append_item(x, to, copy(x, doc, node(doc, id)->data.sequence.items.start[i], org, NULL));
    }
    return to;
}

/* A short rendering of a scenario's value for the list of changes. */
static char *
brief(yaml_document_t *doc, const yaml_node_t *n)
{
    strbuf b;
    const char *t = text_of(n);

    if (t != NULL)
        return xstrdup(t);
    strbuf_init(&b);
    if (n->type == YAML_MAPPING_NODE) {
        strbuf_add(&b, "{", 1);
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
            const char *k = text_of(node(doc, p->key)), *v = text_of(node(doc, p->value));
            if (b.len > 60 || k == NULL) {
                strbuf_add(&b, "...", 3);
                break;
            }
            strbuf_printf(&b, "%s%s: %s", p > n->data.mapping.pairs.start ? ", " : "", k,
                          v != NULL ? v : "...");
        }
        strbuf_add(&b, "}", 1);
    } else
        strbuf_printf(&b, "(a list of %ld)",
                      (long) (n->data.sequence.items.top - n->data.sequence.items.start));
    return b.s;
}

static int merge_section(mcx *x, yaml_document_t *bd, int bid, yaml_document_t *sd, int sid,
                         const char *prefix, const char *shown, const char *item_key);

static int
is_remove(mcx *x, yaml_document_t *sd, const yaml_node_t *item, const char *shown)
{
    const int id = lookup(sd, item, "remove");
    const char *v = id ? text_of(node(sd, id)) : NULL;

    if (id == 0)
        return 0;
    if (v != NULL && (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0))
        return 1;
    if (v != NULL && (strcmp(v, "false") == 0 || strcmp(v, "no") == 0))
        return 0;
    merr(x, node(sd, id), "%s.remove must be true or false, found %s", shown,
         v != NULL ? diag_quote(v) : "a collection");
    return 0;
}

/* The base items' keys, for messages: "a, b, c". */
static char *
item_names(yaml_document_t *bd, const yaml_node_t *seq, const char *item_key)
{
    strbuf b;
    strbuf_init(&b);
    for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top;
         it++) {
        const char *k = text_of(node(bd, lookup(bd, node(bd, *it), item_key)));
        if (k == NULL)
            continue;
        if (b.len)
            strbuf_add(&b, ", ", 2);
        strbuf_add(&b, k, strlen(k));
    }
    if (b.len == 0)
        strbuf_add(&b, "none", 4);
    return b.s;
}

/* A scenario item the base does not hold: a new item, which must be complete. */
static void
add_item(mcx *x, yaml_document_t *bd, const yaml_node_t *bseq, yaml_document_t *sd, int sid,
         int seq, const char *pattern, const char *item_key, const char *noun, const char *shown)
{
    const yaml_node_t *item = node(sd, sid);
    const char *k = text_of(node(sd, lookup(sd, item, item_key)));
    const char *how = strcmp(item_key, "name") == 0 ? "named" : "with id";
    char *req = config_required_keys(pattern), *names = item_names(bd, bseq, item_key);
    char *sh = xasprintf("%s[%s]", shown, k);
    strbuf missing;

    /* the required keys the item lacks */
    strbuf_init(&missing);
    for (char *r = req, *next; r != NULL && *r; r = next) {
        char *comma = strstr(r, ", ");
        next = comma ? comma + 2 : r + strlen(r);
        if (comma)
            *comma = '\0';
        if (lookup(sd, item, r) == 0) {
            if (missing.len)
                strbuf_add(&missing, ", ", 2);
            strbuf_add(&missing, r, strlen(r));
        }
        if (comma)
            *comma = ',';
    }
    if (is_remove(x, sd, item, sh))
        merr(x, item, "%s: the base has no %s %s %s to remove (its %ss: %s)", shown, noun, how,
             diag_quote(k), noun, names);
    else if (missing.len > 0)
        merr(x, item, "%s: the base has no %s %s %s (its %ss: %s); a new %s also needs %s",
             shown, noun, how, diag_quote(k), noun, names, noun, missing.s);
    else {
        append_item(x, seq, copy(x, sd, sid, 1, "remove"));
        change(x, "%s: adds %s", shown, k);
    }
    strbuf_free(&missing);
    free(sh);
    free(req);
    free(names);
}

/* Lists of mappings: items matched on item_key. */
static int
merge_list(mcx *x, yaml_document_t *bd, int bid, yaml_document_t *sd, int sid,
           const char *pattern, const char *item_key, const char *noun, const char *shown)
{
    const yaml_node_t *bseq = node(bd, bid), *sseq = node(sd, sid);
    const ptrdiff_t nb = bseq->data.sequence.items.top - bseq->data.sequence.items.start;
    const ptrdiff_t ns = sseq->data.sequence.items.top - sseq->data.sequence.items.start;
    unsigned char *used = xcalloc((size_t) ns + 1, 1);
    const int seq = new_collection(x, bseq, 0);

    /* Every scenario item names its base item once. */
    for (ptrdiff_t j = 0; j < ns; j++) {
        const yaml_node_t *it = node(sd, sseq->data.sequence.items.start[j]);
        const char *k = text_of(node(sd, lookup(sd, it, item_key)));
        if (it->type != YAML_MAPPING_NODE || k == NULL) {
            merr(x, it, "each item of %s in a scenario is a mapping with its %s (the key that "
                        "matches it with the base's), found %s",
                 shown, item_key, it->type == YAML_MAPPING_NODE ? "none" : "another value");
            used[j] = 1;
            continue;
        }
        for (ptrdiff_t i = 0; i < j; i++) {
            const char *o = text_of(node(sd, lookup(sd, node(sd, sseq->data.sequence.items.start[i]),
                                                    item_key)));
            if (o != NULL && strcmp(o, k) == 0) {
                merr(x, it, "%s lists %s %s twice (first at line %zu)", shown, item_key,
                     diag_quote(k),
                     (size_t) node(sd, sseq->data.sequence.items.start[i])->start_mark.line + 1);
                used[j] = 1;
                break;
            }
        }
    }
    for (ptrdiff_t i = 0; i < nb; i++) {
        const int bi = node(bd, bid)->data.sequence.items.start[i];
        const char *k = text_of(node(bd, lookup(bd, node(bd, bi), item_key)));
        ptrdiff_t j;
        for (j = 0; k != NULL && j < ns; j++) {
            const int si = sseq->data.sequence.items.start[j];
            const char *o = text_of(node(sd, lookup(sd, node(sd, si), item_key)));
            if (!used[j] && o != NULL && strcmp(o, k) == 0)
                break;
        }
        if (k == NULL || j == ns) {
            append_item(x, seq, copy(x, bd, bi, 0, NULL));
            continue;
        }
        used[j] = 1;
        {
            char *sh = xasprintf("%s[%s]", shown, k);
            const int rm = is_remove(x, sd, node(sd, sseq->data.sequence.items.start[j]), sh);
            free(sh);
            if (rm) {
                change(x, "%s: removes %s", shown, k);
                continue;
            }
        }
        {
            char *p = xasprintf("%s[]", pattern), *sh = xasprintf("%s[%s]", shown, k);
            append_item(x, seq,
                        merge_section(x, bd, bi, sd, sseq->data.sequence.items.start[j], p, sh,
                                      item_key));
            free(p);
            free(sh);
        }
    }
    for (ptrdiff_t j = 0; j < ns; j++)
        if (!used[j]) {
            char *p = xasprintf("%s[]", pattern);
            add_item(x, bd, bseq, sd, sseq->data.sequence.items.start[j], seq, p, item_key, noun,
                     shown);
            free(p);
        }
    free(used);
    return seq;
}

/* The value of one key both files give. */
static int
merge_value(mcx *x, yaml_document_t *bd, int bv, yaml_document_t *sd, int sv, const char *prefix,
            const char *key, const char *shown)
{
    const yaml_node_t *b = node(bd, bv), *s = node(sd, sv);
    const char *item_key = NULL, *noun = NULL;
    char *pattern = NULL, *text;
    const enum config_merge rule = config_merge_rule(prefix, key, &pattern, &item_key, &noun);
    int id;

    if (rule == CONFIG_MERGE_SECTION && b->type == YAML_MAPPING_NODE
        && s->type == YAML_MAPPING_NODE)
        id = merge_section(x, bd, bv, sd, sv, pattern, shown, NULL);
    else if (rule == CONFIG_MERGE_LIST && b->type == YAML_SEQUENCE_NODE
             && s->type == YAML_SEQUENCE_NODE)
        id = merge_list(x, bd, bv, sd, sv, pattern, item_key, noun, shown);
    else {
        id = copy(x, sd, sv, 1, NULL);
        text = brief(sd, s);
        /* a scenario's title names it; it changes no result */
        if (strcmp(shown, "title") != 0)
            change(x, "%s: %s", shown, text);
        free(text);
    }
    free(pattern);
    return id;
}

/* Sections: key by key, the base's order first, then the keys only the scenario
 * gives. In a list item (item_key not NULL) the scenario's remove: is not a key of
 * the result, and the key that matched the item is no change. */
static int
merge_section(mcx *x, yaml_document_t *bd, int bid, yaml_document_t *sd, int sid,
              const char *prefix, const char *shown, const char *item_key)
{
    const int list_item = item_key != NULL;
    const ptrdiff_t nb = node(bd, bid)->data.mapping.pairs.top - node(bd, bid)->data.mapping.pairs.start;
    const ptrdiff_t ns = node(sd, sid)->data.mapping.pairs.top - node(sd, sid)->data.mapping.pairs.start;
    unsigned char *used = xcalloc((size_t) ns + 1, 1);
    const int map = new_collection(x, node(bd, bid), 0);

    for (ptrdiff_t j = 0; j < ns; j++) {
        const yaml_node_pair_t p = node(sd, sid)->data.mapping.pairs.start[j];
        const char *k = text_of(node(sd, p.key));
        if (k == NULL || (list_item && strcmp(k, "remove") == 0)) {
            used[j] = k != NULL; /* a key that is not text is left to the model's check */
            continue;
        }
        for (ptrdiff_t i = 0; i < j; i++) {
            const char *o = text_of(node(sd, node(sd, sid)->data.mapping.pairs.start[i].key));
            if (o != NULL && strcmp(o, k) == 0) {
                merr(x, node(sd, p.key), "duplicate key %s%s%s (first given at line %zu)",
                     diag_quote(k), *shown ? " in " : "", shown,
                     (size_t) node(sd, node(sd, sid)->data.mapping.pairs.start[i].key)->start_mark.line + 1);
                used[j] = 1;
                break;
            }
        }
    }
    for (ptrdiff_t i = 0; i < nb; i++) {
        const yaml_node_pair_t p = node(bd, bid)->data.mapping.pairs.start[i];
        const char *k = text_of(node(bd, p.key));
        ptrdiff_t j;
        for (j = 0; k != NULL && j < ns; j++) {
            const char *o = text_of(node(sd, node(sd, sid)->data.mapping.pairs.start[j].key));
            if (!used[j] && o != NULL && strcmp(o, k) == 0)
                break;
        }
        if (k == NULL || j == ns || (list_item && strcmp(k, item_key) == 0)) {
            if (k != NULL && j < ns)
                used[j] = 1;
            append_pair(x, map, copy(x, bd, p.key, 0, NULL), copy(x, bd, p.value, 0, NULL));
        } else {
            const yaml_node_pair_t q = node(sd, sid)->data.mapping.pairs.start[j];
            char *sh = *shown ? xasprintf("%s.%s", shown, k) : xstrdup(k);
            used[j] = 1;
            append_pair(x, map, copy(x, bd, p.key, 0, NULL),
                        merge_value(x, bd, p.value, sd, q.value, prefix, k, sh));
            free(sh);
        }
    }
    for (ptrdiff_t j = 0; j < ns; j++) {
        const yaml_node_pair_t q = node(sd, sid)->data.mapping.pairs.start[j];
        const char *k = text_of(node(sd, q.key));
        char *text;
        if (used[j])
            continue;
        append_pair(x, map, copy(x, sd, q.key, 1, NULL), copy(x, sd, q.value, 1, NULL));
        if (k == NULL || (!*shown && (strcmp(k, "base") == 0 || strcmp(k, "plans") == 0
                                      || strcmp(k, "add_plans") == 0 || strcmp(k, "title") == 0)))
            continue; /* not a change of the model's keys (config.c lists plan changes) */
        text = brief(sd, node(sd, q.value));
        change(x, "%s%s%s: %s", shown, *shown ? "." : "", k, text);
        free(text);
    }
    free(used);
    return map;
}

size_t
scenariofile_merge(yaml_document_t *base, yaml_document_t *scen, const char *scen_file,
                   yaml_document_t *out, unsigned char **origin, char ***changes,
                   size_t *n_changes, diag *d)
{
    mcx x;
    const yaml_node_t *broot = yaml_document_get_root_node(base),
                      *sroot = yaml_document_get_root_node(scen);

    memset(&x, 0, sizeof x);
    x.out = out;
    x.file = scen_file;
    x.d = d;
    if (!yaml_document_initialize(out, NULL, NULL, NULL, 1, 1))
        fatal("out of memory (YAML document)");
    /* Both roots are mappings: config.c checked them. Node 1 is a root. */
    merge_section(&x, base, (int) (broot - base->nodes.start) + 1, scen,
                  (int) (sroot - scen->nodes.start) + 1, "", "", NULL);
    *origin = x.origin;
    *changes = x.changes;
    *n_changes = x.n_changes;
    return x.errors;
}

char *
scenariofile_stem(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    const char *dot = strrchr(name, '.');
    char *stem = xstrndup(name, dot != NULL && dot != name ? (size_t) (dot - name) : strlen(name));

    for (char *p = stem; *p; p++)
        if (!(isalnum((unsigned char) *p) || *p == '-' || *p == '_' || *p == '.'))
            *p = '_';
    if (*stem == '\0' || *stem == '.') {
        free(stem);
        stem = xstrdup("scenario");
    }
    return stem;
}

char *
scenariofile_default_out(const char *base_name, const char *scenario_path)
{
    char *stem = scenariofile_stem(scenario_path);
    char *out = xasprintf("output/%s-%s", base_name, stem);
    free(stem);
    return out;
}

/* ---------------------------------------------------------------- the merged model as text */

static int
write_to(void *data, unsigned char *buffer, size_t size)
{
    strbuf_add(data, (const char *) buffer, size);
    return 1;
}

/* Each node as an event, in the style it was written in. */
static int
emit_node(yaml_emitter_t *e, yaml_document_t *doc, int id)
{
    yaml_node_t *n = node(doc, id);
    yaml_event_t ev;

    switch (n->type) {
    case YAML_SCALAR_NODE:
        return yaml_scalar_event_initialize(&ev, NULL, NULL, n->data.scalar.value,
                                            (int) n->data.scalar.length, 1, 1,
                                            n->data.scalar.style)
               && yaml_emitter_emit(e, &ev);
    case YAML_SEQUENCE_NODE:
        if (!yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, n->data.sequence.style)
            || !yaml_emitter_emit(e, &ev))
            return 0;
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
             it++)
            if (!emit_node(e, doc, *it))
                return 0;
        return yaml_sequence_end_event_initialize(&ev) && yaml_emitter_emit(e, &ev);
    case YAML_MAPPING_NODE:
        if (!yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, n->data.mapping.style)
            || !yaml_emitter_emit(e, &ev))
            return 0;
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++)
            if (!emit_node(e, doc, p->key) || !emit_node(e, doc, p->value))
                return 0;
        return yaml_mapping_end_event_initialize(&ev) && yaml_emitter_emit(e, &ev);
    default:
        return 0;
    }
}

char *
scenariofile_emit(yaml_document_t *doc)
{
    yaml_emitter_t e;
    yaml_event_t ev;
    strbuf b;
    int ok;

    strbuf_init(&b);
    if (!yaml_emitter_initialize(&e))
        fatal("out of memory (YAML emitter)");
    yaml_emitter_set_output(&e, write_to, &b);
    yaml_emitter_set_unicode(&e, 1);
    yaml_emitter_set_width(&e, 100);
    ok = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) && yaml_emitter_emit(&e, &ev)
         && yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1)
         && yaml_emitter_emit(&e, &ev) && emit_node(&e, doc, 1)
         && yaml_document_end_event_initialize(&ev, 1) && yaml_emitter_emit(&e, &ev)
         && yaml_stream_end_event_initialize(&ev) && yaml_emitter_emit(&e, &ev)
         && yaml_emitter_flush(&e);
    yaml_emitter_delete(&e);
    if (!ok) {
        strbuf_free(&b);
        return NULL;
    }
    return b.s;
}

/* ---------------------------------------------------------------- the run record */

void
scenariofile_record(runrecord *rr, const model_spec *s, const levelsolve_result *ml)
{
    rr_node sc, x;
    char hex[65];

    if (s->base_path == NULL)
        return;
    sc = runrecord_map(rr, runrecord_root(rr), "scenario");
    runrecord_str(rr, sc, "file", s->path);
    runrecord_str(rr, sc, "sha256", sha256_file(s->path, hex) == LS_OK ? hex : "unreadable");
    x = runrecord_map_flow(rr, sc, "base");
    runrecord_str(rr, x, "file", s->base_path);
    runrecord_str(rr, x, "sha256", s->base_sha256);
    x = runrecord_list(rr, sc, "changes");
    for (size_t i = 0; i < s->n_changes; i++)
        runrecord_str(rr, x, NULL, s->changes[i]);
    if (ml != NULL) {
        x = runrecord_map(rr, sc, "migration_level");
        runrecord_str(rr, x, "flows", s->mlevel.flows == ML_OUT ? "out" : "in");
        runrecord_int(rr, x, "from", ml->start);
        runrecord_int(rr, x, "year", s->mlevel.year);
        runrecord_num(rr, x, "change", s->mlevel.change);
        runrecord_num(rr, x, "rescale", ml->rescale);
        runrecord_fixed(rr, x, "population_without", ml->without, 3);
        runrecord_fixed(rr, x, "population_solved_for", ml->target, 3);
        runrecord_num(rr, x, "factor", ml->factor);
    }
    runrecord_yaml(rr, sc, "resolved_model", s->resolved_yaml);
}

void
scenariofile_print(FILE *out, const model_spec *s, int dutch)
{
    if (s->base_path == NULL)
        return;
    fprintf(out, dutch ? "  scenario   op basis van %s; %zu wijziging%s\n"
                       : "  scenario   of %s; %zu change%s\n",
            s->base_path, s->n_changes,
            s->n_changes == 1 ? "" : (dutch ? "en" : "s"));
    for (size_t i = 0; i < s->n_changes; i++)
        fprintf(out, "    %s\n", s->changes[i]);
}
