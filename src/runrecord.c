/* The run record. Written with plain printf: libyaml is for reading (config.c). */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "output.h"
#include "runrecord.h"
#include "sha256.h"
#include "util.h"

char *
yaml_quote(const char *s)
{
    strbuf b;
    strbuf_init(&b);
    strbuf_add(&b, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char) *s;
        if (c == '"' || c == '\\') {
            strbuf_add(&b, "\\", 1);
            strbuf_add(&b, s, 1);
        } else if (c < 0x20) {
            char e[8];
            snprintf(e, sizeof e, "\\x%02x", c);
            strbuf_add(&b, e, strlen(e));
        } else
            strbuf_add(&b, s, 1);
    }
    strbuf_add(&b, "\"", 1);
    return b.s;
}

static void
put_schedule(ofile *f, const schedule *s)
{
    if (s->n == 0) {
        ofile_puts(f, "null");
        return;
    }
    if (s->n == 1 && s->year[0] == 0) {
        ofile_printf(f, "%.10g", s->value[0]);
        return;
    }
    ofile_puts(f, "{");
    for (size_t i = 0; i < s->n; i++)
        ofile_printf(f, "%s%d: %.10g", i ? ", " : "", s->year[i], s->value[i]);
    ofile_puts(f, "}");
}

static void
put_file(ofile *f, const char *indent, const char *key, const char *path)
{
    char hex[65];
    char *q = yaml_quote(path);
    if (sha256_file(path, hex) != LS_OK)
        strcpy(hex, "unreadable");
    ofile_printf(f, "%s- {%s: %s, sha256: %s}\n", indent, key, q, hex);
    free(q);
}

/* An input table: its hash (of the bytes as read, before any transcoding) and the
 * form it was saved in. */
static void
put_table(ofile *f, const char *path, enum csv_form form, enum csv_encoding enc)
{
    char hex[65];
    char *q = yaml_quote(path);
    if (sha256_file(path, hex) != LS_OK)
        strcpy(hex, "unreadable");
    ofile_printf(f, "  - {file: %s, sha256: %s, form: %s, encoding: %s}\n", q, hex,
                 csv_form_name(form), csv_encoding_name(enc));
    free(q);
}

int
runrecord_write(const char *path, const model *m, const projection *p, const run_info *ri,
                diag *d)
{
    const model_spec *s = m->spec;
    ofile f;
    char date[64];
    time_t now = time(NULL);
    struct tm tm;
    char *q;
    int ret = ofile_open(&f, path, d);

    if (ret != LS_OK)
        return ret;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    ofile_puts(&f, "# landstad run record: the resolved model, its inputs and the program.\n");
    ofile_printf(&f, "program: landstad\nversion: %s\ndate: %s\n", PACKAGE_VERSION, date);
    q = yaml_quote(ri->command_line ? ri->command_line : "");
    ofile_printf(&f, "command: %s\n", q);
    free(q);
    if (ri->has_seed)
        ofile_printf(&f,
                     "seed: %lu\nrng: %s (one stream per run, seeded from seed and run index "
                     "by splitmix64)\nruns: %lu\nthreads: %u (the results do not depend on "
                     "it)\nquantiles: exact from the runs when runs <= 1000; otherwise a "
                     "1024-bin histogram per quantity over the range of the first 1000 runs "
                     "widened by a quarter on each side, interpolated within the bin\n",
                     ri->seed, ri->rng_name ? ri->rng_name : "mt19937", ri->runs, ri->threads);
    else
        ofile_puts(&f, "seed: null\n");
    ofile_puts(&f, "model:\n");
    q = yaml_quote(s->path);
    ofile_printf(&f, "  file: %s\n", q);
    free(q);
    {
        char hex[65];
        if (sha256_file(s->path, hex) != LS_OK)
            strcpy(hex, "unreadable");
        ofile_printf(&f, "  sha256: %s\n", hex);
    }
    q = yaml_quote(s->name);
    ofile_printf(&f, "  name: %s\n", q);
    free(q);
    q = yaml_quote(s->title);
    ofile_printf(&f, "  title: %s\n", q);
    free(q);
    ofile_printf(&f, "  base_year: %d\n  horizon: %d\n  ages: {width: %d, open: %d}\n",
                 s->base_year, s->horizon, s->width, s->open);
    ofile_printf(&f, "  sexes: [%c%s%c]\n", s->sex[0], s->n_sexes > 1 ? ", " : "",
                 s->n_sexes > 1 ? s->sex[1] : ' ');
    ofile_puts(&f, "  kernen:\n");
    for (size_t a = 0; a < m->n_areas; a++) {
        q = yaml_quote(m->area[a]);
        ofile_printf(&f, "    - {name: %s, tier: %s, smr: %.10g, fertility_level: %.10g}\n", q,
                     m->area_tier[a] < m->n_tiers ? m->tier[m->area_tier[a]] : "null",
                     m->smr[a], m->fert_level[a]);
        free(q);
    }
    ofile_printf(&f, "  mortality: {source: %s, infant_separation: %.10g}\n",
                 s->survival_file ? "survival ratios" : "life table", s->infant_separation);
    ofile_puts(&f, "  fertility:\n    tfr: ");
    put_schedule(&f, &s->tfr);
    ofile_puts(&f, "\n    sex_ratio_at_birth: ");
    put_schedule(&f, &s->srb);
    ofile_printf(&f, "\n  migration:\n    timing: %s\n    flows:\n",
                 s->timing == TIMING_EVEN ? "even" : "end");
    for (size_t k = 0; k < s->n_flows; k++) {
        const flow_spec *fl = &s->flows[k];
        ofile_printf(&f, "      - name: %s\n        kind: %s\n        source: %s\n", fl->name,
                     flow_kind_names[fl->kind],
                     fl->source == FLOW_FROM_RATES    ? "rates"
                     : fl->source == FLOW_FROM_COUNTS ? "counts"
                                                      : "total");
        if (fl->source == FLOW_FROM_TOTAL) {
            ofile_puts(&f, "        total: ");
            put_schedule(&f, &fl->total);
            ofile_puts(&f, "\n");
        }
        ofile_puts(&f, "        level: ");
        put_schedule(&f, &fl->level);
        ofile_puts(&f, "\n");
        if (ri->calibrated && s->has_calibrate && strcmp(fl->name, s->calibrate_flow) == 0)
            ofile_printf(&f, "        calibrated_level: {from: %d, to: %d, level: %.17g}\n",
                         s->calibrate_from, s->calibrate_to, ri->calibrated_level);
    }
    if (ri->calibrated) {
        size_t yi = (size_t) ((s->calibrate_year - s->base_year) / s->width);
        ofile_printf(&f,
                     "calibration:\n  flow: %s\n  from: %d\n  to: %d\n  level: %.17g\n"
                     "  year: %d\n  observed_population: %.10g\n  projected_population: %.6f\n",
                     s->calibrate_flow, s->calibrate_from, s->calibrate_to,
                     ri->calibrated_level, s->calibrate_year, s->calibrate_population,
                     yi < p->n_years ? projection_total(p, yi) : -1.0);
    }
    if (ri->pipeline_calibrated)
        ofile_printf(&f,
                     "pipeline_calibration:\n  year: %d\n  observed_dwellings: %.10g\n"
                     "  expected_before_scaling: %.3f\n  factor_on_plans_marked_calibrate: %.9g\n",
                     s->pipeline_calibrate_year, s->pipeline_calibrate_dwellings,
                     ri->pipeline_unscaled, ri->pipeline_factor);
    ofile_puts(&f, "inputs:\n");
    for (size_t i = 0; i < m->n_inputs; i++) {
        enum csv_form form;
        enum csv_encoding enc;
        if (model_input_form(m, i, &form, &enc) == 0)
            put_table(&f, m->inputs[i], form, enc);
        else
            put_file(&f, "  ", "file", m->inputs[i]);
    }
    ofile_printf(&f, "results:\n  clipped_persons: %.6f\n  population:\n", p->clipped);
    for (size_t y = 0; y < p->n_years; y++)
        ofile_printf(&f, "    %d: %.3f\n", p->years[y], projection_total(p, y));
    return ofile_close(&f, d);
}
