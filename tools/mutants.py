#!/usr/bin/env python3
"""Plants each mutant below in the source (one at a time), rebuilds, runs the test
suite and reports which tests go red. A mutant that no test kills is a hole in the
tests. Not part of `make check` (it takes about a minute per mutant).

    tools/mutants.py [--tests "tests/test_x tests/cli/y.sh"] [ID ...]

Run from a configured build tree (./configure --enable-tests). The source is
restored after every mutant, also on Ctrl-C.
"""
import argparse
import os
import re
import subprocess
import sys

# id, file, original text (must occur exactly once), mutated text, what it breaks
MUTANTS = [
    ("capacity-plus-vacancy", "src/housing.h",
     "* (1 - self->m->vacancy[area])", "* (1 + self->m->vacancy[area])",
     "dwellings hold households * (1 + vacancy) instead of (1 - vacancy)"),
    ("growth-from-base-year", "src/targets.c",
     "- h->households[VIEW_TREND][ys * n + a];", "- h->households[VIEW_TREND][a];",
     "household growth of the allocation measured from the base year, not the window start"),
    ("mortality-multiplier-inverted", "src/montecarlo.c",
     "o.mortality_mult = mort;", "o.mortality_mult = 1 / mort;",
     "Monte Carlo mortality level drawn as 1/X (mean exp(sd^2), not 1)"),
    ("histogram-quantile-bin", "src/montecarlo.c",
     "x = lo + width * ((double) (b - 1) +", "x = lo + width * ((double) b +",
     "histogram quantile one bin off"),
    ("exact-quantile-index", "src/montecarlo.c",
     "const double h = (double) (n - 1) * p;", "const double h = (double) n * p;",
     "exact quantile from n p instead of (n - 1) p"),
    ("internal-block-lost", "src/kernels.c",
     "        add4(dst + (d0 + k) * SA + i + 4, b[k]);\n",
     "",
     "internal in-moves of the second 4-cell group of every 8-cell block lost (not conserved)"),
    ("internal-three-block-lost", "src/kernels.c",
     "        for (size_t d = n4; d < nd; d += 3)\n            moves_kx8",
     "        for (size_t d = n4; d + 3 < nd; d += 3)\n            moves_kx8",
     "the last block of three destinations gets no in-moves (29 kernen: blocks of three)"),
    ("internal-tail-lost", "src/kernels.c",
     "    for (size_t d = nd; d < n; d++) {",
     "    for (size_t d = nd; d + 1 < n; d++) {",
     "internal in-moves to the last kern outside the 4-kern blocks lost"),
    ("open-group-survival", "src/kernels.c",
     "q[A - 1] += p[A - 1] * sv[A];", "q[A - 1] += p[A - 1] * sv[A - 1];",
     "the open group survives with the ratio of the group below it"),
    ("lean-clip-balance-dropped", "src/kernels.c",
     "        f->vn = load4(r[4] + i) * g[4] * p;",
     "        f->vn = load4(r[4] + i) * g[4] * p * k;",
     "the Monte Carlo's clip from rates scales the internal out-movers by the balance too"),
    ("lean-clip-full-no-division", "src/kernels.c",
     "    *(v4du *) applied = k * f->vn;",
     "    *(v4du *) applied = f->vn;",
     "a clipped cell's internal out-movers not scaled down to what is there"),
    ("coupling-destination-not-recounted", "src/coupling.c",
     "    self->touched[k] = self->touched[j] = 1;",
     "    self->touched[k] = 1;",
     "a kern that received households keeps its count from before the coupling"),
    ("clip-fast-path-nan-uncounted", "src/kernels.c",
     "const v4di c = (d0 < 0) | (d1 < 0) | (h0 - h0 != 0) | (h1 - h1 != 0);",
     "const v4di c = (d0 < 0) | (d1 < 0);",
     "a NaN in a group where nothing is clipped becomes 0 unnoticed (no numeric error)"),
    ("transfer-sum-in-lanes", "src/kernels.c",
     "                s0 += a[l];\n                s1 += b[l];",
     "                s0 += a[3 - l];\n                s1 += b[3 - l];",
     "the coupling's moved persons summed out of age order (other bits than the reference)"),
    ("leveled-rows-swapped", "src/cohort.c",
     "        r[3] = self->leveled + SA;",
     "        r[3] = self->leveled;",
     "domestic out-migration read from emigration's rate-times-level row"),
    ("workbook-thread-messages-lost", "src/report.c",
     '        diag_add(d, NULL, 0, 0, "%s", j->d.msg[i]);',
     "        (void) d;",
     "the workbook's messages, written on its own thread, not passed on to the run's"),
    ("workbook-thread-status-ignored", "src/report.c",
     "    if ((ret = workbook_join(&wb, d, 1)) != LS_OK)",
     "    if (workbook_join(&wb, d, 1) != LS_OK && 0)",
     "a failed workbook (its own thread) no longer fails the report"),
    ("drivers-rows-unmapped", "src/drivers.c",
     "w->status[i] = drivers_compute(&w->t[i], w->M, w->j[i]);",
     "w->status[i] = drivers_compute(&w->t[i], w->M, i);",
     "the drivers computed side by side for the i-th kept row, not the i-th row asked for"),
    ("drivers-read-every-run", "src/drivers.c",
     "    const unsigned long N = R->n_runs;\n    const target_row *row;",
     "    const unsigned long N = M->opt.runs;\n    const target_row *row;",
     "drivers.csv reads as many runs as were run, not the ones kept (the first 10,000)"),
    ("keep-every-run", "src/montecarlo.c",
     "    if (M->opt.keep_runs && idx < M->runs.n_runs)",
     "    if (M->opt.keep_runs)",
     "runs beyond the kept ones written past the end of the kept arrays"),
    ("workbook-deferred-never-written", "src/report.c",
     "    else if (j->deferred && write)",
     "    else if (j->deferred && write && 0)",
     "with no charts to draw the workbook (written in the join) is not written at all"),
    ("workbook-ignores-interrupt", "src/workbook.c",
     "        if (output_interrupted()) {",
     "        if (output_interrupted() && 0) {",
     "an interrupted run writes the whole workbook (on its thread beside gnuplot) before it stops"),
    ("select-next-off-by-one", "src/montecarlo.c",
     "        for (size_t j = i + 2; j < n; j++)",
     "        for (size_t j = i + 2; j + 1 < n; j++)",
     "the exact quantiles' upper order statistic misses the last value"),
    ("bootstrap-counts-lost", "src/drivers.c",
     "const double wi = s->w[k];",
     "const double wi = 1;",
     "a driver's bootstrap forgets how often each run was drawn (its standard error too small)"),
    ("bootstrap-skips-non-finite", "src/drivers.c",
     "resample_draw(&s, r, n, !finite);",
     "resample_draw(&s, r, n, 0);",
     "resamples leave out the undrawn runs also when an outcome is not finite"),
    ("transfer-nan-stays", "src/kernels.c",
     "const v4di keep = ~(v <= 0); /* a NaN moves */",
     "const v4di keep = v > 0; /* a NaN moves */",
     "a NaN asked in the coupling's vector cells no longer moves (the fault hides)"),
    ("mover-shares-divide-nonpositive", "src/kernels.c",
     "        if (s <= 0)\n            continue;\n        for (size_t i = 0; i < per; i++)\n            wj[i] /= s;",
     "        for (size_t i = 0; i < per; i++)\n            wj[i] /= s;",
     "the movers' shares of a kern with no movers divided by a sum <= 0"),
    ("births-per-year-not-step", "src/cohort.c",
     "        births *= self->width;\n", "",
     "births of a 5-year step counted for one year"),
    ("sex-ratio-swapped", "src/cohort.c",
     "s == self->female ? 1.0 / (1.0 + srb) : srb / (1.0 + srb)",
     "s == self->female ? srb / (1.0 + srb) : 1.0 / (1.0 + srb)",
     "boys and girls swapped at birth"),
    ("delay-one-year-late", "src/pipeline.c",
     "const long t = (long) y + delay - y0;", "const long t = (long) y + delay + 1 - y0;",
     "completions one year later than planned plus delay"),
    ("demolitions-added", "src/housing.c",
     "self->completions[i] - self->demolitions[i] + self->other[i]",
     "self->completions[i] + self->demolitions[i] + self->other[i]",
     "demolitions add to the stock"),
    ("other-change-even-split", "src/housing.c",
     "self->other[y * n + a] = s0 > 0 ? other * m->stock0[a] / s0 : 0;",
     "self->other[y * n + a] = other / (double) n;",
     "other stock change split evenly instead of by stock"),
    ("institutions-ignored", "src/household.c",
     "(ratio != NULL ? ratio[i] : 1.0) * self->private[i];",
     "(ratio != NULL ? ratio[i] : 1.0);",
     "heads of household counted in institutions too"),
    ("headship-trend-year", "src/housing.c",
     "const double trend = schedule_at(&m->spec->headship_trend, year, 1);",
     "const double trend = schedule_at(&m->spec->headship_trend, year - 1, 1);",
     "the headship trend of the year before"),
    ("annual-target-year-dropped", "src/targets.c",
     "        if (x >= r->required - 1e-9)\n            r->years_met++;",
     "        if (x > r->required + 1e-9)\n            r->years_met++;",
     "an annual target's year that reaches the threshold exactly counts as missed"),
    # Demography (issue 13): each must turn a check against published or hand-computed
    # figures red (tests/cli/netherlands_demography.sh, hardenberg_demography.sh, the
    # hand cases of test_cohort, test_lifetable, test_projection and test_housing).
    ("fertility-times-1.2", "src/cohort.c",
     "        births *= self->width;\n", "        births *= 1.2 * self->width;\n",
     "births 20% too many"),
    ("survival-one-age-off", "src/lifetable.c",
     "const double q = qx[x] < 0 ? 0 : (qx[x] > 1 ? 1 : qx[x]);",
     "const size_t xx = x + 1 < n_qx ? x + 1 : x;\n"
     "        const double q = qx[xx] < 0 ? 0 : (qx[xx] > 1 ? 1 : qx[xx]);",
     "the death probability of age x + 1 used at age x"),
    ("exposure-options-swapped", "src/cohort.c",
     "if (in->exposure != COHORT_EXPOSURE_END_POPULATION)",
     "if (in->exposure == COHORT_EXPOSURE_END_POPULATION)",
     "the births exposure counts the end women before migration where it should after, and v.v."),
    ("tfr-of-the-year-before", "src/projection.c",
     "const double tfr = schedule_at(&m->spec->tfr, year, 0);",
     "const double tfr = schedule_at(&m->spec->tfr, year - 1, 0);",
     "the TFR path read one year late"),
    ("headship-ratios-year-before", "src/housing.c",
     "model_year_index(m->hs_years, m->n_hs_years, year);",
     "model_year_index(m->hs_years, m->n_hs_years, year - 1);",
     "the headship ratios of the year before (the trend from the wrong base year)"),
    ("in-movers-by-population", "src/projection.c",
     "const double share = f->dist != NULL ? f->dist[a]",
     "const double share = f->dist != NULL && a > 1000 ? f->dist[a]",
     "a flow's distribution file ignored: in-movers spread by population"),
    ("in-movers-profile-age-off", "src/projection.c",
     "                    da[i] += scale[a] * f->profile[i];",
     "                    da[i] += scale[a] * (i % A + 1 < A ? f->profile[i + 1] : 0);",
     "in-movers placed one year of age younger than their profile"),
]

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tests", default=None, help="tests to run (default: all of make check)")
    ap.add_argument("--build", default=os.getcwd())
    ap.add_argument("ids", nargs="*")
    a = ap.parse_args()
    todo = [x for x in MUTANTS if not a.ids or x[0] in a.ids]
    results = []
    for mid, rel, old, new, what in todo:
        path = os.path.join(ROOT, rel)
        orig = open(path).read()
        if old is None:
            results.append((mid, what, "not planted (no such code)"))
            continue
        if orig.count(old) != 1:
            results.append((mid, what, "not planted: the original occurs %d times" % orig.count(old)))
            continue
        try:
            open(path, "w").write(orig.replace(old, new))
            b = run(["make", "-j2", "-C", a.build], cwd=a.build)
            if b.returncode != 0:
                results.append((mid, what, "does not build"))
                continue
            cmd = ["make", "-j2", "-C", a.build, "check"]
            if a.tests:
                cmd.append("TESTS=" + a.tests)
            t = run(cmd, cwd=a.build)
            failed = sorted(set(re.findall(r"^(?:FAIL|ERROR): (\S+)", t.stdout, re.M)))
            results.append((mid, what, ", ".join(failed) if failed else "SURVIVED"))
        finally:
            open(path, "w").write(orig)
        print("%-30s %s" % (mid, results[-1][2]), flush=True)
    run(["make", "-j2", "-C", a.build], cwd=a.build)
    print()
    print("| mutant | what it breaks | killed by |")
    print("|---|---|---|")
    for mid, what, res in results:
        print("| %s | %s | %s |" % (mid, what, res))
    return 1 if any(r[2] == "SURVIVED" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
