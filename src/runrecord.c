/* The run record: a libyaml document built node by node, written by walking it into
 * emitter events (so that every scalar gets the style its type needs), and read
 * back with libyaml's loader. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <yaml.h>

#include "csv.h"
#include "output.h"
#include "runrecord.h"
#include "sha256.h"
#include "util.h"
#include "yamlread.h"

struct runrecord {
    yaml_document_t doc;
    int root;
};

/* Scalars that are not strings carry one of these tags; they are written plain. */
#define TAG_NUM YAML_FLOAT_TAG
#define TAG_INT YAML_INT_TAG
#define TAG_BOOL YAML_BOOL_TAG
#define TAG_NULL YAML_NULL_TAG

runrecord *
runrecord_alloc(void)
{
    runrecord *self = xcalloc(1, sizeof *self);
    if (!yaml_document_initialize(&self->doc, NULL, NULL, NULL, 1, 1))
        fatal("out of memory (YAML document)");
    self->root = yaml_document_add_mapping(&self->doc, NULL, YAML_BLOCK_MAPPING_STYLE);
    if (self->root == 0)
        fatal("out of memory (YAML document)");
    return self;
}

void
runrecord_free(runrecord *self)
{
    if (self == NULL)
        return;
    yaml_document_delete(&self->doc);
    free(self);
}

rr_node
runrecord_root(const runrecord *self)
{
    return self->root;
}

static yaml_node_t *
node(const runrecord *self, rr_node id)
{
    return id > 0 ? yaml_document_get_node((yaml_document_t *) &self->doc, id) : NULL;
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0. */
static size_t
utf8_seq(const unsigned char *s)
{
    size_t n;
    unsigned cp;
    if (s[0] < 0x80)
        return 1;
    n = s[0] < 0xc2 ? 0 : s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : s[0] <= 0xf4 ? 4 : 0;
    if (n == 0)
        return 0;
    cp = s[0] & (0x7f >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3f);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff))
        || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

/* Text as YAML can hold it: bytes that are not UTF-8 (a file name on a Linux
 * file system may hold any) become U+FFFD. Caller frees. */
static char *
utf8_text(const char *text)
{
    strbuf b;
    strbuf_init(&b);
    for (const unsigned char *p = (const unsigned char *) text; *p;) {
        const size_t n = utf8_seq(p);
        if (n == 0) {
            strbuf_add(&b, "\xef\xbf\xbd", 3);
            p++;
        } else {
            strbuf_add(&b, (const char *) p, n);
            p += n;
        }
    }
    return b.s;
}

static int
add_scalar(runrecord *self, const char *tag, const char *text)
{
    char *clean = utf8_text(text);
    int id = yaml_document_add_scalar(&self->doc, (yaml_char_t *) tag, (yaml_char_t *) clean,
                                      (int) strlen(clean), YAML_ANY_SCALAR_STYLE);
    free(clean);
    if (id == 0)
        fatal("out of memory (YAML document)");
    return id;
}

/* The pair of key in a mapping, or NULL. */
static yaml_node_pair_t *
find_pair(const runrecord *self, rr_node map, const char *key)
{
    yaml_node_t *m = node(self, map);
    if (m == NULL || m->type != YAML_MAPPING_NODE || key == NULL)
        return NULL;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(self, p->key);
        if (k != NULL && k->type == YAML_SCALAR_NODE
            && strcmp((const char *) k->data.scalar.value, key) == 0)
            return p;
    }
    return NULL;
}

/* Keys such as years are written as integers. */
static int
is_integer(const char *s)
{
    if (*s == '-')
        s++;
    if (*s == '\0' || (*s == '0' && s[1] != '\0'))
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* Puts value under key in a mapping (replacing an earlier value) or appends it to a
 * list. A key under a list, or none under a mapping, is a programming error. */
static void
attach(runrecord *self, rr_node parent, const char *key, int value)
{
    yaml_node_t *p = node(self, parent);
    yaml_node_pair_t *old;
    int ok = 0;

    if (p == NULL)
        fatal("run record: no parent node for %s", key ? key : "an item");
    if (p->type == YAML_MAPPING_NODE && key != NULL) {
        if ((old = find_pair(self, parent, key)) != NULL) {
            old->value = value;
            return;
        }
        ok = yaml_document_append_mapping_pair(
            &self->doc, parent, add_scalar(self, is_integer(key) ? TAG_INT : YAML_STR_TAG, key),
            value);
    } else if (p->type == YAML_SEQUENCE_NODE && key == NULL)
        ok = yaml_document_append_sequence_item(&self->doc, parent, value);
    else
        fatal("run record: %s under a %s", key ? key : "an item without a key",
              p->type == YAML_MAPPING_NODE ? "mapping" : "list");
    if (!ok)
        fatal("out of memory (YAML document)");
}

static rr_node
collection(runrecord *self, rr_node parent, const char *key, int is_map, int flow)
{
    yaml_node_pair_t *old = find_pair(self, parent, key);
    int id;

    if (old != NULL) {
        yaml_node_t *v = node(self, old->value);
        if (v != NULL && v->type == (is_map ? YAML_MAPPING_NODE : YAML_SEQUENCE_NODE))
            return old->value;
    }
    id = is_map ? yaml_document_add_mapping(&self->doc, NULL,
                                            flow ? YAML_FLOW_MAPPING_STYLE
                                                 : YAML_BLOCK_MAPPING_STYLE)
                : yaml_document_add_sequence(&self->doc, NULL,
                                             flow ? YAML_FLOW_SEQUENCE_STYLE
                                                  : YAML_BLOCK_SEQUENCE_STYLE);
    if (id == 0)
        fatal("out of memory (YAML document)");
    attach(self, parent, key, id);
    return id;
}

rr_node
runrecord_map(runrecord *self, rr_node parent, const char *key)
{
    return collection(self, parent, key, 1, 0);
}

rr_node
runrecord_map_flow(runrecord *self, rr_node parent, const char *key)
{
    return collection(self, parent, key, 1, 1);
}

rr_node
runrecord_list(runrecord *self, rr_node parent, const char *key)
{
    return collection(self, parent, key, 0, 0);
}

rr_node
runrecord_list_flow(runrecord *self, rr_node parent, const char *key)
{
    return collection(self, parent, key, 0, 1);
}

void
runrecord_str(runrecord *self, rr_node parent, const char *key, const char *value)
{
    attach(self, parent, key,
           value != NULL ? add_scalar(self, YAML_STR_TAG, value) : add_scalar(self, TAG_NULL, "null"));
}

void
runrecord_int(runrecord *self, rr_node parent, const char *key, long value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", value);
    attach(self, parent, key, add_scalar(self, TAG_INT, buf));
}

/* YAML 1.1 readers need a '.' in a float with an exponent ("1.0e-05"). */
static void
float_text(char *buf, size_t size, double v, int decimals)
{
    char *e;
    if (isnan(v)) {
        snprintf(buf, size, ".nan");
        return;
    }
    if (isinf(v)) {
        snprintf(buf, size, "%s", v > 0 ? ".inf" : "-.inf");
        return;
    }
    if (v == 0)
        v = 0; /* never -0 */
    if (decimals >= 0) {
        snprintf(buf, size, "%.*f", decimals, v);
        return;
    }
    if (fabs(v) >= 1e-4 && fabs(v) < 1e15) {
        /* the fewest decimals that read back to the same double, never an exponent */
        for (int dec = 0; dec <= 20; dec++) {
            snprintf(buf, size, "%.*f", dec, v);
            if (strtod(buf, NULL) == v)
                return;
        }
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    e = strchr(buf, 'e');
    if (e != NULL && strchr(buf, '.') == NULL && strlen(buf) + 3 < size) {
        memmove(e + 2, e, strlen(e) + 1);
        e[0] = '.';
        e[1] = '0';
    }
}

void
runrecord_num(runrecord *self, rr_node parent, const char *key, double value)
{
    char buf[40];
    float_text(buf, sizeof buf, value, -1);
    attach(self, parent, key, add_scalar(self, TAG_NUM, buf));
}

void
runrecord_fixed(runrecord *self, rr_node parent, const char *key, double value, int decimals)
{
    char buf[360];
    float_text(buf, sizeof buf, value, decimals < 0 ? 0 : decimals > 17 ? 17 : decimals);
    attach(self, parent, key, add_scalar(self, TAG_NUM, buf));
}

void
runrecord_bool(runrecord *self, rr_node parent, const char *key, int value)
{
    attach(self, parent, key, add_scalar(self, TAG_BOOL, value ? "true" : "false"));
}

/* A node of a parsed document copied into the record; plain scalars that read as
 * numbers or booleans keep their type, so that they are written plain again. */
static int
import_node(runrecord *self, yaml_document_t *doc, int id)
{
    yaml_node_t *n = yaml_document_get_node(doc, id);
    int to = 0;

    if (n->type == YAML_SCALAR_NODE) {
        const char *v = (const char *) n->data.scalar.value;
        const char *tag = YAML_STR_TAG;
        double x;
        if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
            if (parse_number(v, &x) == 0)
                tag = TAG_NUM;
            else if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0)
                tag = TAG_BOOL;
        }
        return add_scalar(self, tag, v);
    }
    if (n->type == YAML_MAPPING_NODE) {
        to = yaml_document_add_mapping(&self->doc, NULL, n->data.mapping.style);
        for (ptrdiff_t i = 0; to != 0 && i < n->data.mapping.pairs.top - n->data.mapping.pairs.start; i++) {
            const yaml_node_pair_t p = yaml_document_get_node(doc, id)->data.mapping.pairs.start[i];
            const int k = import_node(self, doc, p.key), v = import_node(self, doc, p.value);
            if (!yaml_document_append_mapping_pair(&self->doc, to, k, v))
                to = 0;
        }
    } else if (n->type == YAML_SEQUENCE_NODE) {
        to = yaml_document_add_sequence(&self->doc, NULL, n->data.sequence.style);
        for (ptrdiff_t i = 0; to != 0 && i < n->data.sequence.items.top - n->data.sequence.items.start; i++) {
            const int item = import_node(self, doc, yaml_document_get_node(doc, id)->data.sequence.items.start[i]);
            if (!yaml_document_append_sequence_item(&self->doc, to, item))
                to = 0;
        }
    }
    if (to == 0)
        fatal("out of memory (YAML document)");
    return to;
}

void
runrecord_yaml(runrecord *self, rr_node parent, const char *key, const char *text)
{
    yaml_parser_t parser;
    yaml_document_t doc;

    if (text == NULL) {
        runrecord_str(self, parent, key, NULL);
        return;
    }
    if (!yaml_parser_initialize(&parser))
        fatal("out of memory (YAML parser)");
    yaml_parser_set_input_string(&parser, (const unsigned char *) text, strlen(text));
    if (yaml_parser_load(&parser, &doc)) {
        if (yaml_document_get_root_node(&doc) != NULL)
            attach(self, parent, key, import_node(self, &doc, 1));
        else
            runrecord_str(self, parent, key, NULL);
        yaml_document_delete(&doc);
    } else
        runrecord_str(self, parent, key, NULL);
    yaml_parser_delete(&parser);
}

/* ---------------------------------------------------------------- writing */

/* A string may be written plain when no YAML reader can take it for anything else:
 * a letter first, then letters, digits and a few marks, and not a YAML 1.1 word
 * (yes, no, on, off, null, ...). Everything else is double-quoted (libyaml escapes
 * what needs it). */
static int
plain_ok(const char *s)
{
    static const char *const words[] = {"y", "n", "yes", "no", "on", "off", "true", "false",
                                        "null", "nan", "inf"};
    size_t n = strlen(s);
    if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return 0;
    if (s[n - 1] == ' ')
        return 0;
    for (const char *p = s; *p; p++) {
        const unsigned char c = (unsigned char) *p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
              || c == '_' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')'
              || (c == ' ' && p[1] != ' ' && p[1] != '#') || c >= 0x80))
            return 0;
    }
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcasecmp(s, words[i]) == 0)
            return 0;
    return 1;
}

static int
write_to_strbuf(void *data, unsigned char *buffer, size_t size)
{
    strbuf_add(data, (const char *) buffer, size);
    return 1;
}

static int
emit(yaml_emitter_t *e, yaml_event_t *ev)
{
    return yaml_emitter_emit(e, ev);
}

static int
emit_node(yaml_emitter_t *e, const runrecord *self, int id)
{
    yaml_node_t *n = node(self, id);
    yaml_event_t ev;

    if (n == NULL)
        return 0;
    switch (n->type) {
    case YAML_SCALAR_NODE: {
        const char *text = (const char *) n->data.scalar.value;
        const int is_str = n->tag == NULL || strcmp((const char *) n->tag, YAML_STR_TAG) == 0;
        const yaml_scalar_style_t style = !is_str || plain_ok(text)
                                              ? YAML_PLAIN_SCALAR_STYLE
                                              : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
        return yaml_scalar_event_initialize(&ev, NULL, NULL, n->data.scalar.value,
                                            (int) n->data.scalar.length, 1, 1, style)
               && emit(e, &ev);
    }
    case YAML_SEQUENCE_NODE:
        if (!yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, n->data.sequence.style)
            || !emit(e, &ev))
            return 0;
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
             it++) {
            if (!emit_node(e, self, *it))
                return 0;
        }
        return yaml_sequence_end_event_initialize(&ev) && emit(e, &ev);
    case YAML_MAPPING_NODE:
        if (!yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, n->data.mapping.style)
            || !emit(e, &ev))
            return 0;
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
             p++)
            if (!emit_node(e, self, p->key) || !emit_node(e, self, p->value))
                return 0;
        return yaml_mapping_end_event_initialize(&ev) && emit(e, &ev);
    default:
        return 0;
    }
}

/* The record as YAML text. Returns 0 when libyaml refused an event. */
static int
render(const runrecord *self, strbuf *out)
{
    yaml_emitter_t e;
    yaml_event_t ev;
    int ok;

    if (!yaml_emitter_initialize(&e))
        fatal("out of memory (YAML emitter)");
    yaml_emitter_set_output(&e, write_to_strbuf, out);
    yaml_emitter_set_unicode(&e, 1);
    yaml_emitter_set_width(&e, -1);
    yaml_emitter_set_indent(&e, 2);
    ok = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) && emit(&e, &ev)
         && yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) && emit(&e, &ev)
         && emit_node(&e, self, self->root) && yaml_document_end_event_initialize(&ev, 1)
         && emit(&e, &ev) && yaml_stream_end_event_initialize(&ev) && emit(&e, &ev)
         && yaml_emitter_flush(&e);
    yaml_emitter_delete(&e);
    return ok;
}

int
runrecord_save(const runrecord *self, const char *path, diag *d)
{
    strbuf b;
    ofile f;
    int ret;

    strbuf_init(&b);
    if (!render(self, &b)) {
        diag_add(d, path, 0, 0, "cannot write the run record: the YAML emitter refused it");
        strbuf_free(&b);
        return LS_EIO;
    }
    ret = ofile_open(&f, path, d);
    if (ret == LS_OK) {
        ofile_puts(&f, "# landstad run record: the resolved model, its inputs and the program.\n");
        ofile_puts(&f, b.s);
        ret = ofile_close(&f, d);
    }
    strbuf_free(&b);
    return ret;
}

/* ---------------------------------------------------------------- the run's sections */

static void
put_schedule(runrecord *rr, rr_node parent, const char *key, const schedule *s)
{
    rr_node map;
    if (s->n == 0) {
        runrecord_str(rr, parent, key, NULL);
        return;
    }
    if (s->n == 1 && s->year[0] == 0) {
        runrecord_num(rr, parent, key, s->value[0]);
        return;
    }
    map = runrecord_map_flow(rr, parent, key);
    for (size_t i = 0; i < s->n; i++) {
        char y[16];
        snprintf(y, sizeof y, "%d", s->year[i]);
        runrecord_num(rr, map, y, s->value[i]);
    }
}

/* A file with the SHA-256 of the bytes that were parsed (not of the file now). */
static void
put_file(runrecord *rr, rr_node parent, const char *key, const char *path, const char *hex)
{
    runrecord_str(rr, parent, key, path);
    runrecord_str(rr, parent, "sha256", hex != NULL && hex[0] != '\0' ? hex : "unread");
}

static void
add_program(runrecord *rr, const run_info *ri)
{
    const rr_node root = rr->root;
    char date[64];
    time_t now = time(NULL);
    struct tm tm;

    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    runrecord_str(rr, root, "program", "landstad");
    runrecord_str(rr, root, "version", PACKAGE_VERSION);
    runrecord_str(rr, root, "date", date);
    runrecord_str(rr, root, "command", ri->command_line ? ri->command_line : "");
    if (!ri->has_seed) {
        runrecord_str(rr, root, "seed", NULL);
        return;
    }
    runrecord_int(rr, root, "seed", (long) ri->seed);
    runrecord_str(rr, root, "rng", ri->rng_name ? ri->rng_name : "mt19937");
    runrecord_str(rr, root, "rng_streams",
                  "one stream per run, seeded from seed and run index by splitmix64");
    runrecord_int(rr, root, "runs", (long) ri->runs);
    runrecord_int(rr, root, "threads", (long) ri->threads);
    runrecord_bool(rr, root, "threads_change_results", 0);
    runrecord_int(rr, root, "pilot", (long) ri->pilot);
    {
        char *q = xasprintf("exact from the runs when runs <= %lu; otherwise a 1024-bin "
                            "histogram per quantity over the range of the first %lu runs "
                            "widened by a quarter on each side, interpolated within the bin",
                            ri->pilot, ri->pilot);
        runrecord_str(rr, root, "quantiles", q);
        free(q);
    }
}

static void
add_flows(runrecord *rr, rr_node mig, const model_spec *s, const run_info *ri)
{
    static const char *const sources[] = {[FLOW_FROM_RATES] = "rates",
                                          [FLOW_FROM_COUNTS] = "counts",
                                          [FLOW_FROM_TOTAL] = "total"};
    rr_node flows = runrecord_list(rr, mig, "flows");

    for (size_t k = 0; k < s->n_flows; k++) {
        const flow_spec *fl = &s->flows[k];
        rr_node f = runrecord_map(rr, flows, NULL);
        runrecord_str(rr, f, "name", fl->name);
        runrecord_str(rr, f, "kind", flow_kind_names[fl->kind]);
        runrecord_str(rr, f, "source", sources[fl->source]);
        if (fl->source == FLOW_FROM_TOTAL)
            put_schedule(rr, f, "total", &fl->total);
        put_schedule(rr, f, "level", &fl->level);
        if (ri->calibrated && s->has_calibrate && strcmp(fl->name, s->calibrate_flow) == 0) {
            rr_node c = runrecord_map_flow(rr, f, "calibrated_level");
            runrecord_int(rr, c, "from", s->calibrate_from);
            runrecord_int(rr, c, "to", s->calibrate_to);
            runrecord_num(rr, c, "level", ri->calibrated_level);
        }
    }
}

static void
add_model(runrecord *rr, const model *m, const run_info *ri)
{
    const model_spec *s = m->spec;
    rr_node mod = runrecord_map(rr, rr->root, "model"), x, kernen;

    put_file(rr, mod, "file", s->path, s->sha256);
    runrecord_str(rr, mod, "name", s->name);
    runrecord_str(rr, mod, "title", s->title);
    runrecord_int(rr, mod, "base_year", s->base_year);
    runrecord_int(rr, mod, "horizon", s->horizon);
    x = runrecord_map_flow(rr, mod, "ages");
    runrecord_int(rr, x, "width", s->width);
    runrecord_int(rr, x, "open", s->open);
    x = runrecord_list_flow(rr, mod, "sexes");
    for (size_t i = 0; i < s->n_sexes; i++) {
        char sex[2] = {s->sex[i], '\0'};
        runrecord_str(rr, x, NULL, sex);
    }
    kernen = runrecord_list(rr, mod, "kernen");
    for (size_t a = 0; a < m->n_areas; a++) {
        rr_node k = runrecord_map_flow(rr, kernen, NULL);
        runrecord_str(rr, k, "name", m->area[a]);
        runrecord_str(rr, k, "tier", m->area_tier[a] < m->n_tiers ? m->tier[m->area_tier[a]] : NULL);
        runrecord_num(rr, k, "smr", m->smr[a]);
        runrecord_num(rr, k, "fertility_level", m->fert_level[a]);
    }
    x = runrecord_map_flow(rr, mod, "mortality");
    runrecord_str(rr, x, "source", s->survival_file ? "survival ratios" : "life table");
    runrecord_num(rr, x, "infant_separation", s->infant_separation);
    x = runrecord_map(rr, mod, "fertility");
    put_schedule(rr, x, "tfr", &s->tfr);
    put_schedule(rr, x, "sex_ratio_at_birth", &s->srb);
    runrecord_str(rr, x, "exposure",
                  s->exposure == EXPOSURE_START_AND_END_POPULATION ? "start_and_end_population"
                                                                   : "start_and_survivors");
    x = runrecord_map(rr, mod, "migration");
    runrecord_str(rr, x, "timing", s->timing == TIMING_EVEN ? "even" : "end");
    add_flows(rr, x, s, ri);
}

static void
add_calibrations(runrecord *rr, const model *m, const projection *p, const run_info *ri)
{
    const model_spec *s = m->spec;
    rr_node c;

    if (ri->calibrated) {
        const size_t yi = (size_t) ((s->calibrate_year - s->base_year) / s->width);
        c = runrecord_map(rr, rr->root, "calibration");
        runrecord_str(rr, c, "flow", s->calibrate_flow);
        runrecord_int(rr, c, "from", s->calibrate_from);
        runrecord_int(rr, c, "to", s->calibrate_to);
        runrecord_num(rr, c, "level", ri->calibrated_level);
        runrecord_int(rr, c, "year", s->calibrate_year);
        runrecord_num(rr, c, "observed_population", s->calibrate_population);
        runrecord_fixed(rr, c, "projected_population",
                        yi < p->n_years ? projection_total(p, yi) : -1.0, 6);
    }
}

void
runrecord_add_run(runrecord *rr, const model *m, const projection *p, const run_info *ri)
{
    rr_node x;

    add_program(rr, ri);
    add_model(rr, m, ri);
    add_calibrations(rr, m, p, ri);
    x = runrecord_list(rr, rr->root, "inputs");
    for (size_t i = 0; i < m->n_inputs; i++) {
        /* The hash is of the bytes as read; a table also says how it was saved. */
        const rr_node in = runrecord_map_flow(rr, x, NULL);
        enum csv_form form;
        enum csv_encoding enc;
        put_file(rr, in, "file", m->inputs[i], m->input_info[i].sha256);
        if (model_input_form(m, i, &form, &enc) == 0) {
            runrecord_str(rr, in, "form", csv_form_name(form));
            runrecord_str(rr, in, "encoding", csv_encoding_name(enc));
        }
    }
    x = runrecord_map(rr, rr->root, "results");
    runrecord_fixed(rr, x, "clipped_persons", p->clipped, 6);
    x = runrecord_map(rr, x, "population");
    for (size_t y = 0; y < p->n_years; y++) {
        char yr[16];
        snprintf(yr, sizeof yr, "%d", p->years[y]);
        runrecord_fixed(rr, x, yr, projection_total(p, y), 3);
    }
}

int
runrecord_write(const char *path, const model *m, const projection *p, const run_info *ri,
                diag *d)
{
    runrecord *rr = runrecord_alloc();
    int ret;
    runrecord_add_run(rr, m, p, ri);
    ret = runrecord_save(rr, path, d);
    runrecord_free(rr);
    return ret;
}

/* ---------------------------------------------------------------- reading */

static void
parse_error(const yaml_parser_t *p, const char *name, const char *buf, size_t len, diag *d)
{
    const char *problem = p->problem ? p->problem : "malformed YAML";
    if (p->error == YAML_READER_ERROR) {
        size_t line = 1, col = 1;
        for (size_t i = 0; i < p->problem_offset && i < len; i++) {
            if (buf[i] == '\n') {
                line++;
                col = 1;
            } else
                col++;
        }
        diag_add(d, name, line, col, "not valid UTF-8 text: %s", problem);
    } else
        diag_add(d, name, p->problem_mark.line + 1, p->problem_mark.column + 1,
                 "YAML syntax: %s%s%s", problem, p->context ? " " : "",
                 p->context ? p->context : "");
}

int
runrecord_parse(runrecord *self, const char *buf, size_t len, const char *name, diag *d)
{
    yaml_parser_t parser;
    yaml_node_t *root;
    int ret = LS_OK;

    yaml_document_delete(&self->doc);
    memset(&self->doc, 0, sizeof self->doc);
    self->root = 0;
    ret = yamlread_check_depth(buf, len, name, YAMLREAD_MAX_DEPTH, d);
    if (ret != LS_OK) {
        yaml_document_initialize(&self->doc, NULL, NULL, NULL, 1, 1);
        return ret;
    }
    if (!yaml_parser_initialize(&parser))
        fatal("out of memory (YAML parser)");
    yaml_parser_set_input_string(&parser, (const unsigned char *) buf, len);
    if (!yaml_parser_load(&parser, &self->doc)) {
        parse_error(&parser, name, buf, len, d);
        yaml_document_initialize(&self->doc, NULL, NULL, NULL, 1, 1);
        ret = LS_ECONFIG;
        goto out;
    }
    root = yaml_document_get_root_node(&self->doc);
    if (root == NULL || root->type != YAML_MAPPING_NODE) {
        diag_add(d, name, root ? root->start_mark.line + 1 : 0,
                 root ? root->start_mark.column + 1 : 0,
                 "not a run record: expected a mapping of keys (program, version, ...)");
        ret = LS_ECONFIG;
        goto out;
    }
    self->root = 1; /* the loader adds the root first */
out:
    yaml_parser_delete(&parser);
    return ret;
}

int
runrecord_load(runrecord *self, const char *path, diag *d)
{
    char *buf = NULL;
    size_t len = 0;
    int ret = read_file(path, &buf, &len);

    if (ret != LS_OK) {
        diag_add(d, path, 0, 0, "cannot read: %s", read_file_error());
        return LS_EIO;
    }
    ret = runrecord_parse(self, buf, len, path, d);
    free(buf);
    return ret;
}

rr_node
runrecord_get(const runrecord *self, rr_node map, const char *key)
{
    yaml_node_pair_t *p = find_pair(self, map, key);
    return p != NULL ? p->value : 0;
}

size_t
runrecord_count(const runrecord *self, rr_node id)
{
    yaml_node_t *n = node(self, id);
    if (n == NULL)
        return 0;
    if (n->type == YAML_SEQUENCE_NODE)
        return (size_t) (n->data.sequence.items.top - n->data.sequence.items.start);
    if (n->type == YAML_MAPPING_NODE)
        return (size_t) (n->data.mapping.pairs.top - n->data.mapping.pairs.start);
    return 0;
}

rr_node
runrecord_item(const runrecord *self, rr_node list, size_t i)
{
    yaml_node_t *n = node(self, list);
    if (n == NULL || n->type != YAML_SEQUENCE_NODE || i >= runrecord_count(self, list))
        return 0;
    return n->data.sequence.items.start[i];
}

const char *
runrecord_text(const runrecord *self, rr_node from, const char *path)
{
    rr_node at = from > 0 ? from : self->root;
    const char *seg = path;
    yaml_node_t *n;

    while (at > 0 && seg != NULL && *seg != '\0') {
        const char *dot = strchr(seg, '.');
        char *key = dot ? xstrndup(seg, (size_t) (dot - seg)) : xstrdup(seg);
        n = node(self, at);
        if (n != NULL && n->type == YAML_SEQUENCE_NODE) {
            char *end;
            unsigned long i = strtoul(key, &end, 10);
            at = *key != '\0' && *end == '\0' ? runrecord_item(self, at, i) : 0;
        } else
            at = runrecord_get(self, at, key);
        free(key);
        seg = dot ? dot + 1 : NULL;
    }
    n = node(self, at);
    if (n == NULL || n->type != YAML_SCALAR_NODE)
        return NULL;
    if (n->tag != NULL && strcmp((const char *) n->tag, TAG_NULL) == 0)
        return NULL;
    if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
        const char *v = (const char *) n->data.scalar.value;
        if (*v == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 || strcmp(v, "Null") == 0
            || strcmp(v, "NULL") == 0)
            return NULL;
    }
    return (const char *) n->data.scalar.value;
}
