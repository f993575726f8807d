/* Plans to completions. No file or YAML knowledge: model.c reads plans.csv. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
#include "util.h"

static void
add_plan(const plan *p, double weight, int delay, int y0, size_t n_years, size_t n_areas,
         double *completions, double *demolitions)
{
    for (int y = p->first; y <= p->last; y++) {
        const long t = (long) y + delay - y0;
        if (t < 0 || (size_t) t >= n_years)
            continue;
        completions[(size_t) t * n_areas + p->area] += weight * p->per_year[y - p->first];
    }
    if (p->demolitions > 0) {
        const long t = (long) p->first + delay - y0;
        if (t >= 0 && (size_t) t < n_years)
            demolitions[(size_t) t * n_areas + p->area] += weight * p->demolitions;
    }
}

void
pipeline_expected(const plan *plans, size_t n, const phase_spec *phases, int y0,
                  size_t n_years, size_t n_areas, double *completions, double *demolitions)
{
    for (size_t i = 0; i < n; i++) {
        const phase_spec *ph = &phases[plans[i].phase];
        for (int d = 0; d <= ph->max_delay; d++)
            if (ph->delay[d] > 0)
                add_plan(&plans[i], ph->probability * ph->delay[d], d, y0, n_years, n_areas,
                         completions, demolitions);
    }
}

void
pipeline_draw(const plan *plans, size_t n, const unsigned char *realised, const int *delay,
              const double *share, int y0, size_t n_years, size_t n_areas,
              double *completions, double *demolitions)
{
    for (size_t i = 0; i < n; i++)
        if (realised[i])
            add_plan(&plans[i], share != NULL ? share[i] : 1.0, delay[i], y0, n_years, n_areas,
                     completions, demolitions);
}

double
pipeline_plan_expected_in(const plan *p, const phase_spec *ph, int from, int to)
{
    double sum = 0;
    for (int d = 0; d <= ph->max_delay; d++)
        for (int y = p->first; y <= p->last; y++)
            if (y + d >= from && y + d <= to)
                sum += ph->probability * ph->delay[d] * p->per_year[y - p->first];
    return sum;
}

void
plan_snapshot_free(plan_snapshot *s)
{
    for (size_t i = 0; i < s->n; i++)
        plan_free(&s->plans[i]);
    free(s->plans);
    memset(s, 0, sizeof *s);
}

void
plan_copy(plan *dst, const plan *src)
{
    *dst = *src;
    dst->id = xstrdup(src->id);
    dst->name = xstrdup(src->name);
    dst->segment = xstrdup(src->segment);
    dst->per_year = xcalloc((size_t) (src->last - src->first + 1), sizeof *dst->per_year);
    memcpy(dst->per_year, src->per_year,
           (size_t) (src->last - src->first + 1) * sizeof *dst->per_year);
}

void
plan_free(plan *p)
{
    free(p->id);
    free(p->name);
    free(p->segment);
    free(p->per_year);
    memset(p, 0, sizeof *p);
}
