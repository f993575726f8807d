#!/usr/bin/env python3
"""Convert the published projections in shared/fixtures into landstad models.

Usage:  tools/convert_fixtures.py [FIXTURES_DIR] [--out REPO_ROOT]

FIXTURES_DIR defaults to ../shared/fixtures relative to the repository root.
Writes (relative to REPO_ROOT, default: the repository this script lives in):

  tests/data/wpp-canada/                       UN WPP 2019 engine, Canada 1950-1955
  models/examples/preston-sweden-1993/         Preston et al. (2001) Box 6.2
  models/examples/burkina-faso-females-1960/   popReconstruct, Burkina Faso females

Input values are copied as their source text (no re-formatting); only the layout
changes (wide -> long, renamed columns).  The Preston and Burkina Faso models are
checked by the test suite against the book's published figures
(tests/data/preston-box-6.2/) and a hand computation of the first step
(tests/data/burkina-faso-by-hand/); this script computes no expected results.

Standard library only.
"""

import argparse
import csv
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

WPP_SRC = ("UN WPP 2019 engine: R package ccmppWPP, repository markalava/ccmppWPP, "
           "commit 09739c867fda6d85f6d092592ef2bbb6e3cd2e13")
WPP_DATA = ("data sets wpp_input_example / wpp_output_example (Canada, interpolated "
            "from WPP 2019 estimates)")
PRESTON_SRC = ("Preston, Heuveline & Guillot (2001), Demography, Box 6.2: Sweden 1993; "
               "via markalava/ccmppWPP commit 09739c86, data set sweden_1993_Preston_5x5")
BF_SRC = ("Wheldon et al., popReconstruct: Burkina Faso females, initial estimates; "
          "repository markalava/popReconstruct commit a21c2da4, data set burkina_faso_females")

SEX = {"female": "F", "male": "M", "both": "T"}


# ---------------------------------------------------------------- helpers

def read_csv(path):
    """Rows as dicts of source strings (values are kept as text)."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def write_csv(path, comments, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        for c in comments:
            f.write("# " + c + "\n" if c else "#\n")
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(str(v) for v in r) + "\n")
    print("wrote", os.path.relpath(path, OUT))


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote", os.path.relpath(path, OUT))


def num(s):
    return float(s)


def fmt(x):
    """Computed numbers: shortest repr that round-trips a double."""
    return repr(float(x))


# ---------------------------------------------------------------- WPP Canada

def convert_wpp(fx):
    src = os.path.join(fx, "wpp2019-canada-1x1-1950-1955")
    dst = os.path.join(OUT, "tests", "data", "wpp-canada")
    head = ["Source: " + WPP_SRC + ",",
            WPP_DATA + ".",
            "Converted to landstad long format by tools/convert_fixtures.py;",
            "values unchanged (source text copied).",
            ]

    pop = read_csv(os.path.join(src, "base_population_1950.csv"))
    write_csv(os.path.join(dst, "population_1950.csv"),
              head + ["Population on 1 January 1950; age 100 = open group 100+."],
              ["kern", "sex", "age", "persons"],
              [("Canada", SEX[r["sex"]], r["age_start"], r["pop_1950"]) for r in pop])

    sx = read_csv(os.path.join(src, "survival_ratio_Sx_1950_1954.csv"))
    write_csv(os.path.join(dst, "survival.csv"),
              head + ["Sx applied by the engine (from its output life table); year = start of the step.",
                      "age 0 = births -> age 0; age x = x-1 -> x; age 100 = (99 and 100+) -> 100+."],
              ["year", "sex", "age", "survival_ratio"],
              [(r["time_start"], SEX[r["sex"]], r["age_start"], r["Sx"]) for r in sx])

    asfr = read_csv(os.path.join(src, "asfr_1950_1954.csv"))
    write_csv(os.path.join(dst, "asfr.csv"),
              head + ["Annual age-specific fertility rates, single years 0..100; year = start of the step."],
              ["year", "age", "births_per_woman"],
              [(r["time_start"], r["age_start"], r["asfr"]) for r in asfr])

    mig = read_csv(os.path.join(src, "net_migrant_counts_1950_1954.csv"))
    write_csv(os.path.join(dst, "net_migrants.csv"),
              head + ["Annual net migrants (persons per step), added at the end of the step."],
              ["year", "sex", "age", "persons"],
              [(r["time_start"], SEX[r["sex"]], r["age_start"], r["net_migrants"]) for r in mig])

    srb = read_csv(os.path.join(src, "srb_1950_1954.csv"))

    exp = read_csv(os.path.join(src, "expected_population_1951_1955.csv"))
    write_csv(os.path.join(dst, "expected_population.csv"),
              head + ["Expected output of the engine: population on 1 January of year."],
              ["year", "kern", "sex", "age", "persons"],
              [(r["year"], "Canada", SEX[r["sex"]], r["age_start"], r["pop"]) for r in exp])

    eb = read_csv(os.path.join(src, "expected_births_1950_1954.csv"))
    write_csv(os.path.join(dst, "expected_births.csv"),
              head + ["Expected births during the step that starts on 1 January of year; sex T = both."],
              ["year", "sex", "births"],
              [(r["time_start"], SEX[r["sex"]], r["births"]) for r in eb])

    ed = read_csv(os.path.join(src, "expected_deaths_1950_1954.csv"))
    write_csv(os.path.join(dst, "expected_deaths.csv"),
              head + ["Expected deaths during the step that starts on 1 January of year; sex T = both."],
              ["year", "sex", "deaths"],
              [(r["time_start"], SEX[r["sex"]], r["deaths"]) for r in ed])

    srb_path = ", ".join("%s: %s" % (r["time_start"], r["srb_m_per_f"]) for r in srb)
    write_text(os.path.join(dst, "model.yaml"), f"""\
# UN WPP 2019 engine example: Canada 1950 -> 1955, single years, annual steps.
# Source: {WPP_SRC},
# {WPP_DATA}.
# Converted by tools/convert_fixtures.py. Expected results: expected_*.csv.
name: wpp-canada
title: "Canada 1950-1955 (UN WPP 2019 engine example)"
base_year: 1950
horizon: 1955
ages:
  width: 1
  open: 100
sexes: [F, M]
geography:
  municipality: Canada
  kernen: [Canada]
population: population_1950.csv
mortality:
  survival: survival.csv
fertility:
  asfr: asfr.csv
  level: 1
  sex_ratio_at_birth: {{{srb_path}}}
migration:
  timing: end
  flows:
    - name: net_migration
      kind: net
      counts: net_migrants.csv
output:
  plots: false
""")

    # Self-check: re-project with the conventions of the fixture README (which are
    # FORMATS.md's "end" timing) and compare with the published output.
    P = {(s, int(r["age_start"])): num(r["pop_1950"]) for r in pop for s in [SEX[r["sex"]]]}
    S = {(int(r["time_start"]), SEX[r["sex"]], int(r["age_start"])): num(r["Sx"]) for r in sx}
    F = {(int(r["time_start"]), int(r["age_start"])): num(r["asfr"]) for r in asfr}
    M = {(int(r["time_start"]), SEX[r["sex"]], int(r["age_start"])): num(r["net_migrants"]) for r in mig}
    R = {int(r["time_start"]): num(r["srb_m_per_f"]) for r in srb}
    E = {(int(r["year"]), SEX[r["sex"]], int(r["age_start"])): num(r["pop"]) for r in exp}
    EB = {(int(r["time_start"]), SEX[r["sex"]]): num(r["births"]) for r in eb}
    ED = {(int(r["time_start"]), SEX[r["sex"]]): num(r["deaths"]) for r in ed}
    w = 100
    err = errb = errd = 0.0
    for y in range(1950, 1955):
        N = {}
        for s in "FM":
            for x in range(1, w):
                N[s, x] = P[s, x - 1] * S[y, s, x]
            N[s, w] = (P[s, w - 1] + P[s, w]) * S[y, s, w]
        B = sum(F[y, x] * (P["F", x] + N.get(("F", x), 0.0)) / 2 for x in range(w + 1))
        births = {"F": B / (1 + R[y]), "M": B * R[y] / (1 + R[y])}
        for s in "FM":
            N[s, 0] = births[s] * S[y, s, 0]
            deaths = sum(P[s, x] for x in range(w + 1)) + births[s] - sum(N[s, x] for x in range(w + 1))
            errd = max(errd, abs(deaths - ED[y, s]))
            errb = max(errb, abs(births[s] - EB[y, s]))
        P = {(s, x): N[s, x] + M[y, s, x] for s in "FM" for x in range(w + 1)}
        err = max(err, max(abs(P[k] - E[y + 1, k[0], k[1]]) for k in P))
    print("  wpp-canada self-check: max |pop diff| = %.3g, births %.3g, deaths %.3g"
          % (err, errb, errd))
    assert err < 1e-6 and errb < 1e-6 and errd < 1e-6


# ---------------------------------------------------------------- Preston

def convert_preston(fx):
    src = os.path.join(fx, "preston-sweden-1993-box6.2")
    dst = os.path.join(OUT, "models", "examples", "preston-sweden-1993")
    rows = read_csv(os.path.join(src, "inputs_1993.csv"))
    par = {r["parameter"]: r["value"] for r in read_csv(os.path.join(src, "parameters.csv"))}
    srb_txt = par["srb"]
    omega = 85
    ages = [int(r["age_start"]) for r in rows]
    assert ages == list(range(0, omega + 5, 5))

    # Verify which group each Sx row refers to, from the nLx column.
    for s in "fm":
        L = {int(r["age_start"]): num(r["nLx_" + s]) for r in rows}
        Sx = {int(r["age_start"]): num(r["Sx_" + s]) for r in rows}
        l0 = num(par["l0_radix"])
        assert abs(Sx[0] - L[0] / (5 * l0)) < 1e-6, "row 0 is not 5L0/(5 l0)"
        for x in range(5, omega, 5):
            # survival INTO group x from group x-5
            assert abs(Sx[x] - L[x] / L[x - 5]) < 1e-12, ("Sx row", x)
        assert abs(Sx[omega] - L[omega] / (L[omega - 5] + L[omega])) < 1e-12
    print("  preston: verified Sx row x = 5Lx/5L(x-5); row 0 = 5L0/(5 l0); "
          "row 85 = T85/(5L80+T85)")

    head = ["Source: " + PRESTON_SRC + ".",
            "Converted to landstad long format by tools/convert_fixtures.py; values unchanged.",
            "NOTE: in this data set the male inputs are copies of the female ones.",
            ]
    write_csv(os.path.join(dst, "population_1993.csv"),
              head + ["Population on 1 January 1993, 5-year groups; age 85 = open group 85+."],
              ["kern", "sex", "age", "persons"],
              [("Sweden", S_, r["age_start"], r[col]) for S_, col in (("F", "pop_f_1993"), ("M", "pop_m_1993"))
               for r in rows])
    write_csv(os.path.join(dst, "survival.csv"),
              head + ["Life-table survival ratios (source column Sx), verified against nLx:",
                      "age 0 = 5L0/(5*l0) (births -> 0-4); age x = 5Lx/5L(x-5) (x-5 -> x);",
                      "age 85 = T85/(5L80+T85) (80-84 and 85+ -> 85+)."],
              ["sex", "age", "survival_ratio"],
              [(S_, r["age_start"], r[col]) for S_, col in (("F", "Sx_f"), ("M", "Sx_m")) for r in rows])
    write_csv(os.path.join(dst, "asfr.csv"),
              head + ["Annual age-specific fertility rates (births per woman per year)."],
              ["age", "births_per_woman"],
              [(r["age_start"], r["asfr"]) for r in rows])
    write_csv(os.path.join(dst, "net_migrants.csv"),
              head + ["Net migrants over the whole period 1993-1998 (persons per 5-year step)."],
              ["sex", "age", "persons"],
              [(S_, r["age_start"], r[col]) for S_, col in
               (("F", "net_migrants_f_1993_1998"), ("M", "net_migrants_m_1993_1998")) for r in rows])

    write_text(os.path.join(dst, "model.yaml"), f"""\
# Sweden 1993 -> 1998: Preston, Heuveline & Guillot (2001), Demography, Box 6.2.
# Inputs via markalava/ccmppWPP commit 09739c86, data set sweden_1993_Preston_5x5.
# Converted by tools/convert_fixtures.py.
# NOTE: in this data set the male inputs are copies of the female ones.
# The inputs describe the single period 1993-1998. Inputs without a year column apply
# to every step, so a later horizon (e.g. 2003) would hold these rates constant.
# The book's published 1998 population and births are in
# tests/data/preston-box-6.2/; the test suite compares this model with them.
name: preston-sweden-1993
title: "Sweden 1993-1998 (Preston et al. 2001, Box 6.2)"
base_year: 1993
horizon: 1998
ages:
  width: 5
  open: 85
sexes: [F, M]
geography:
  municipality: Sweden
  kernen: [Sweden]
population: population_1993.csv
mortality:
  survival: survival.csv          # row x = survival from x-5 into x (verified from nLx)
fertility:
  asfr: asfr.csv                  # annual rates; a 5-year step multiplies by 5
  sex_ratio_at_birth: {srb_txt}
  # Preston's exposure: the women at the start plus half the period's migrants, and
  # the women at the end after survival and migration (Box 6.2).
  exposure: start_and_end_population
migration:
  timing: even                    # half of the period's migrants at the start, half at the end
  flows:
    - name: net_migration
      kind: net
      counts: net_migrants.csv    # persons over the 5-year period
output:
  plots: false
""")


# ---------------------------------------------------------------- Burkina Faso

def wide(path):
    """age_start x year table -> (years, {year: {age: text}})."""
    rows = read_csv(path)
    years = [k for k in rows[0].keys() if k != "age_start"]
    return years, {y: {int(r["age_start"]): r[y] for r in rows} for y in years}


def convert_burkina(fx):
    src = os.path.join(fx, "popreconstruct-burkina-faso-1960-2005")
    dst = os.path.join(OUT, "models", "examples", "burkina-faso-females-1960")
    kern = "Burkina Faso"
    omega = 80
    srb = 1.05
    _, base = wide(os.path.join(src, "baseline_pop_female_1960.csv"))
    base = base["1960"]
    yS, surv = wide(os.path.join(src, "survival_proportions_female_1960_2000_periods.csv"))
    yF, asfr = wide(os.path.join(src, "asfr_female_1960_2000_periods.csv"))
    yM, migr = wide(os.path.join(src, "net_migration_proportions_female_1960_2000_periods.csv"))
    yC, cens = wide(os.path.join(src, "census_counts_female_1975_2005_observed.csv"))
    assert yS == yF == yM == [str(y) for y in range(1960, 2005, 5)]
    assert sorted(base) == list(range(0, omega + 5, 5))
    assert sorted(surv["1960"]) == list(range(0, omega + 10, 5))  # one more row

    head = ["Source: " + BF_SRC + ".",
            "Converted to landstad long format by tools/convert_fixtures.py; values unchanged.",
            ]
    write_csv(os.path.join(dst, "population_1960.csv"),
              head + ["Female population on 1 January 1960; age 80 = open group 80+."],
              ["kern", "sex", "age", "persons"],
              [(kern, "F", x, base[x]) for x in sorted(base)])
    write_csv(os.path.join(dst, "survival.csv"),
              head + ["survival_proportions; year = start of the 5-year period.",
                      "age 0 = births -> 0-4 (5L0/(5*l0)); age x = 5..80: x-5 -> x;",
                      "age 85 = survival within the open group 80+ (one row more than the population)."],
              ["year", "sex", "age", "survival_ratio"],
              [(y, "F", x, surv[y][x]) for y in yS for x in sorted(surv[y])])
    write_csv(os.path.join(dst, "asfr.csv"),
              head + ["Average annual age-specific fertility rates; year = start of the 5-year period."],
              ["year", "age", "births_per_woman"],
              [(y, x, asfr[y][x]) for y in yF for x in sorted(asfr[y])])
    write_csv(os.path.join(dst, "net_migration_rates.csv"),
              head + ["Net migrants over the 5-year period as a proportion of the start population."],
              ["year", "sex", "age", "rate_per_person"],
              [(y, "F", x, migr[y][x]) for y in yM for x in sorted(migr[y])])
    write_csv(os.path.join(dst, "census_counts.csv"),
              ["OBSERVATIONS, not projection outputs: census counts of females used by",
               "popReconstruct as data; the initial estimates are not expected to match them.",
               "Source: " + BF_SRC + "."],
              ["year", "kern", "sex", "age", "persons"],
              [(y, kern, "F", x, cens[y][x]) for y in yC for x in sorted(cens[y])])

    write_text(os.path.join(dst, "model.yaml"), f"""\
# Burkina Faso, females only, 1960 -> 2005: initial estimates of popReconstruct
# (Wheldon et al.), repository markalava/popReconstruct commit a21c2da4,
# data set burkina_faso_females. Converted by tools/convert_fixtures.py.
# census_counts.csv holds observed counts (not projection outputs).  No projection
# of these initial estimates is published; the test suite checks the first step
# against a hand computation (tests/data/burkina-faso-by-hand/).
name: burkina-faso-females-1960
title: "Burkina Faso females 1960-2005 (popReconstruct initial estimates)"
base_year: 1960
horizon: 2005
ages:
  width: 5
  open: 80
sexes: [F]
geography:
  municipality: Burkina Faso
  kernen: [Burkina Faso]
population: population_1960.csv
mortality:
  survival: survival.csv          # rows 0..85: 85 = survival within the open group 80+
fertility:
  asfr: asfr.csv
  sex_ratio_at_birth: 1.05        # popReconstruct's default srb
  # popRecon.ccmp.female's Leslie matrix: the women at the start plus half the
  # migrants, and their survivors at the end (the end migrants not counted).
  exposure: start_and_survivors
migration:
  timing: even                    # popRecon.ccmp.female: half at the start, half at the end
  flows:
    - name: net_migration
      kind: net
      rates: net_migration_rates.csv   # proportion of the start population per 5-year step
output:
  plots: false
""")


def main():
    global OUT
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("fixtures", nargs="?",
                    default=os.path.join(REPO, "..", "shared", "fixtures"))
    ap.add_argument("--out", default=REPO, help="repository root to write into")
    a = ap.parse_args()
    OUT = os.path.abspath(a.out)
    fx = os.path.abspath(a.fixtures)
    if not os.path.isdir(fx):
        sys.exit("fixtures directory not found: " + fx)
    convert_wpp(fx)
    convert_preston(fx)
    convert_burkina(fx)


OUT = REPO

if __name__ == "__main__":
    main()
