#!/usr/bin/env python3
"""Derive the Hardenberg input files of landstad from the public data.

Run from the repository root:

    python3 tools/prepare_hardenberg.py

It reads the raw public data in ../shared/data/ (CBS and other sources; see
that folder's README.md) and writes input/*.csv.  Every output file starts
with '#' comment lines that say what the file is, where its numbers come
from, and what was estimated and how.  doc/DATA.md summarises the files and
the checks.  Standard library only; the result is deterministic.
"""

import bisect
import csv
import math
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), os.pardir))
# The public data; LANDSTAD_SHARED_DATA points elsewhere (e.g. from a git worktree).
DATA = os.environ.get("LANDSTAD_SHARED_DATA") or \
    os.path.normpath(os.path.join(ROOT, os.pardir, "shared", "data"))
OUT = os.path.join(ROOT, "input")

AGES = list(range(0, 101))          # 0..99 single years, 100 = open group 100+
OMEGA = 100
SEXES = ["M", "F"]
CBS_POP_2021 = 61357                # CBS 37230ned, population 31 Dec 2020
CBS_POP_2025 = 63423                # CBS 37230ned, population 31 Dec 2024
DWELLINGS_2021 = 25177              # CBS 81955NED, stock 31 Dec 2020

SCRIPT = "tools/prepare_hardenberg.py"
REPORT = []                         # key numbers, printed at the end


def note(line):
    REPORT.append(line)


# ---------------------------------------------------------------- helpers

def read(name):
    """Read one CSV of ../shared/data as a list of dicts."""
    path = os.path.join(DATA, name)
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def fmt(x, nd):
    s = "%.*f" % (nd, x)
    if s.startswith("-") and float(s) == 0.0:
        s = s[1:]
    return s


def sig(x, n=6):
    """x with n significant digits, plain decimal notation."""
    if x == 0:
        return "0"
    d = n - 1 - int(math.floor(math.log10(abs(x))))
    d = max(d, 0)
    s = "%.*f" % (d, round(x, d))
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def write_csv(name, comments, header, rows):
    """Write input/<name>: '#' comment lines, one header row, data rows."""
    path = os.path.join(OUT, name)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        for c in comments:
            for line in c.split("\n"):
                fh.write(("# " + line).rstrip() + "\n")
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)
    return path


def round_shares(shares, nd=8):
    """Shares written with nd decimals whose written values sum to exactly 1.

    The rounding residual (a few units of the last decimal) goes to the
    largest share.
    """
    unit = 10 ** nd
    ints = {k: int(round(v * unit)) for k, v in shares.items()}
    big = max(ints, key=lambda k: ints[k])
    ints[big] += unit - sum(ints.values())
    return {k: "0.%0*d" % (nd, v) if v < unit else "1." + "0" * nd for k, v in ints.items()}


def largest_remainder(weights, total):
    """Integers proportional to weights that sum exactly to total."""
    s = sum(weights.values())
    raw = {k: total * v / s for k, v in weights.items()}
    out = {k: int(math.floor(v)) for k, v in raw.items()}
    left = total - sum(out.values())
    order = sorted(raw, key=lambda k: (-(raw[k] - out[k]), k))
    for k in order[:left]:
        out[k] += 1
    return out


def natural_spline(xs, ys):
    """Natural cubic spline through (xs, ys); returns a function of x."""
    n = len(xs) - 1
    h = [xs[i + 1] - xs[i] for i in range(n)]
    alpha = [0.0] + [3 / h[i] * (ys[i + 1] - ys[i]) - 3 / h[i - 1] * (ys[i] - ys[i - 1])
                     for i in range(1, n)]
    lo, mu, z = [1.0] + [0.0] * n, [0.0] * (n + 1), [0.0] * (n + 1)
    for i in range(1, n):
        lo[i] = 2 * (xs[i + 1] - xs[i - 1]) - h[i - 1] * mu[i - 1]
        mu[i] = h[i] / lo[i]
        z[i] = (alpha[i] - h[i - 1] * z[i - 1]) / lo[i]
    c = [0.0] * (n + 1)
    b, d = [0.0] * n, [0.0] * n
    for j in range(n - 1, -1, -1):
        c[j] = z[j] - mu[j] * c[j + 1]
        b[j] = (ys[j + 1] - ys[j]) / h[j] - h[j] * (c[j + 1] + 2 * c[j]) / 3
        d[j] = (c[j + 1] - c[j]) / (3 * h[j])

    def f(x):
        j = min(max(bisect.bisect_right(xs, x) - 1, 0), n - 1)
        t = x - xs[j]
        return ys[j] + b[j] * t + c[j] * t ** 2 + d[j] * t ** 3
    return f


def wgs84_to_rd(lat, lon):
    """Approximate RD New (EPSG:28992) x, y in metres from WGS84 lat/lon.

    Polynomial of Schreutelkamp and Strang van Hees ('Benaderingsformules
    voor de transformatie tussen RD- en WGS84-kaartcoordinaten'); error
    below about 1 m inside the Netherlands, far smaller than the
    uncertainty of the village-centre positions themselves.
    """
    dp = 0.36 * (lat - 52.15517440)
    dl = 0.36 * (lon - 5.38720621)
    x = (155000 + 190094.945 * dl - 11832.228 * dp * dl
         - 114.221 * dp ** 2 * dl - 32.391 * dl ** 3 - 0.705 * dp
         - 2.340 * dp ** 3 * dl - 0.608 * dp * dl ** 3
         - 0.008 * dl ** 2 + 0.148 * dp ** 2 * dl ** 3)
    y = (463000 + 309056.544 * dp + 3638.893 * dl ** 2
         + 73.077 * dp ** 2 - 157.984 * dp * dl ** 2 + 59.788 * dp ** 3
         + 0.433 * dl - 6.439 * dp ** 2 * dl ** 2 - 0.032 * dp * dl
         + 0.092 * dl ** 4 - 0.054 * dp * dl ** 4)
    return x, y


# ------------------------------------------------------------ raw inputs

KERNEN = read("hardenberg_kernen.csv")
KERN_NAMES = [k["kern"] for k in KERNEN]
TIER = {k["kern"]: k["tier"] for k in KERNEN}

NLPOP = {}                          # (year, sex, age) -> persons, ages 0..105
for r in read("nl_population_single_age_sex_2010_2025.csv"):
    if r["sex"] in SEXES:
        NLPOP[(int(r["year"]), r["sex"], int(r["age"]))] = int(r["population_1jan"])


def nl_pop_open(year, sex, age):
    """Dutch population on 1 Jan at single age; 100 = every age >= 100 given.

    For 2010-2023 the source's top age is 100 (an open group 100+); for 2024
    and 2025 it gives 100..105, which are summed.
    """
    if age < OMEGA:
        return NLPOP[(year, sex, age)]
    return sum(NLPOP.get((year, sex, a), 0) for a in range(OMEGA, 106))


FLOWS = {int(r["year"]): r for r in read("hardenberg_flows_annual.csv")}


def flow(year, col):
    return float(FLOWS[year][col])


# ------------------------------------------------- 1. kernen.csv (coords)

# Village-centre latitude/longitude (WGS84, decimal degrees), ESTIMATED.
# Hardenberg and Dedemsvaart: Wikipedia infobox coordinates (Dedemsvaart
# 52.600 N 6.467 E checked in an English Wikipedia copy).  The others are the
# compiler's best estimate of each village centre from general knowledge of
# the map, checked against the relative positions that plaatsengids.nl gives
# (e.g. "Ane ligt direct W van Gramsbergen", "Anevelde ligt ZW van
# Gramsbergen", "Holthone ligt N van Gramsbergen", "Sibculo ligt ZW van
# Kloosterhaar", "Schuinesloot ligt N van Slagharen") and the Loozensche
# Linie "halfway between Hardenberg and Gramsbergen" (visithardenberg.nl).
LATLON = {
    "Hardenberg": (52.5760, 6.6190),
    "Dedemsvaart": (52.6000, 6.4670),
    "Bergentheim": (52.5280, 6.6120),
    "Balkbrug": (52.5970, 6.3730),
    "Gramsbergen": (52.6090, 6.6730),
    "Slagharen": (52.6240, 6.5630),
    "Ane": (52.6030, 6.6400),
    "Anerveen": (52.6230, 6.6450),
    "Anevelde": (52.5980, 6.6630),
    "Brucht": (52.5480, 6.5850),
    "Bruchterveld": (52.5350, 6.5450),
    "Collendoorn": (52.5980, 6.5900),
    "De Krim": (52.6380, 6.6220),
    "Den Velde": (52.6150, 6.7050),
    "Diffelen": (52.5480, 6.5120),
    "Heemserveen": (52.5820, 6.5480),
    "Holtheme": (52.5930, 6.7050),
    "Holthone": (52.6370, 6.6720),
    "Hoogenweg": (52.5530, 6.6650),
    "Kloosterhaar": (52.5160, 6.6520),
    "Loozen": (52.5940, 6.6480),
    "Lutten": (52.6180, 6.5050),
    "Mariënberg": (52.5070, 6.5760),
    "Radewijk": (52.5650, 6.7050),
    "Rheeze": (52.5550, 6.5680),
    "Rheezerveen": (52.5430, 6.5320),
    "Schuinesloot": (52.6450, 6.5450),
    "Sibculo": (52.5030, 6.6380),
    "Venebrugge": (52.5770, 6.6830),
}

XY = {}
for k in KERN_NAMES:
    x, y = wgs84_to_rd(*LATLON[k])
    XY[k] = (x / 1000.0, y / 1000.0)


def dist(a, b):
    return math.hypot(XY[a][0] - XY[b][0], XY[a][1] - XY[b][1])


def write_kernen():
    rows = [[k, TIER[k], fmt(XY[k][0], 1), fmt(XY[k][1], 1),
             k_pop] for k, k_pop in
            ((k["kern"], int(k["pop_2021_pc4_total"])) for k in KERNEN)]
    tot = sum(r[4] for r in rows)
    nn = {k: min(dist(k, o) for o in KERN_NAMES if o != k) for k in KERN_NAMES}
    d_hd = dist("Hardenberg", "Dedemsvaart")
    d_hg = dist("Hardenberg", "Gramsbergen")
    d_bb = dist("Hardenberg", "Balkbrug")
    note("kernen: RD Hardenberg %.1f,%.1f; Hardenberg-Dedemsvaart %.1f km, "
         "Hardenberg-Gramsbergen %.1f km, Hardenberg-Balkbrug %.1f km; "
         "nearest-neighbour distances %.1f-%.1f km"
         % (XY["Hardenberg"] + (d_hd, d_hg, d_bb, min(nn.values()),
                                max(nn.values()))))
    comments = [
        "kernen.csv: the 29 kernen (villages) of the municipality of Hardenberg,",
        "their tier, approximate position and 2021 population of their postcode areas.",
        "Written by %s; do not edit by hand." % SCRIPT,
        "",
        "kern, tier, population_2021_pc4: ../shared/data/hardenberg_kernen.csv, i.e. the",
        "  CBS postcode (PC4) tables 83503NED/83502NED for 1 January 2021 (copied in",
        "  github.com/certe-medical-epidemiology/certegis @ 7b7f787a), summed over the",
        "  PC4 areas mapped to each kern.  CBS rounds PC4 counts to multiples of 5.  A PC4",
        "  area is a postal area: it includes the village's countryside (buitengebied).",
        "  Sum of the column: %d (CBS municipal total 1 Jan 2021: %d)." % (tot, CBS_POP_2021),
        "  Tiers (Omgevingsvisie 2021): town = Hardenberg, Dedemsvaart; middle =",
        "  Bergentheim, Balkbrug, Gramsbergen, Slagharen; rural = the other 23.",
        "",
        "x_km, y_km: ESTIMATED Rijksdriehoek (RD New, EPSG:28992) coordinates of the",
        "  village centre in km.  Method: a latitude/longitude of the village centre",
        "  (Wikipedia infobox for the larger places, the compiler's map knowledge checked",
        "  against plaatsengids.nl's descriptions of relative position for the hamlets;",
        "  the values are listed in %s) converted to RD with the" % SCRIPT,
        "  approximate polynomial of Schreutelkamp & Strang van Hees (error < 1 m).",
        "  Accuracy: about +-1 km for towns and villages, +-1-2 km for the dispersed",
        "  buurtschappen (Anerveen, Anevelde, Den Velde, Holtheme, Holthone, Loozen,",
        "  Hoogenweg, Venebrugge, Diffelen, Rheezerveen, Heemserveen), whose 'centre' is",
        "  itself ill defined.  Used only for gravity weights of moves between kernen.",
        "  Checks: straight-line Hardenberg-Dedemsvaart %.1f km (the road distance is" % d_hd,
        "  longer), Hardenberg-Gramsbergen %.1f km, Hardenberg-Balkbrug %.1f km;" % (d_hg, d_bb),
        "  distance to the nearest other kern %.1f-%.1f km." % (min(nn.values()), max(nn.values())),
    ]
    write_csv("kernen.csv", comments,
              ["kern", "tier", "x_km", "y_km", "population_2021_pc4"], rows)


# -------------------------------------------- 2. population_2021.csv

GROUPS = [(a, a + 4) for a in range(0, 95, 5)] + [(95, OMEGA)]
POP = {}                             # (kern, sex, age) -> persons 1 Jan 2021


def split_group(year, sex, lo, hi):
    """Shares of each single age in group lo..hi in the Dutch population."""
    ages = list(range(lo, hi + 1))
    w = [nl_pop_open(year, sex, a) for a in ages]
    s = float(sum(w))
    return {a: v / s for a, v in zip(ages, w)}


def build_population():
    rows = read("hardenberg_kern_age_sex_5yr_2021.csv")
    shares = {(s, lo): split_group(2021, s, lo, hi)
              for s in SEXES for lo, hi in GROUPS}
    raw = {}
    for r in rows:
        lo = int(r["age_group"].split("-")[0].rstrip("+"))
        for s, col in (("M", "population_male"), ("F", "population_female")):
            n = int(r[col])
            for a, sh in shares[(s, lo)].items():
                raw[(r["kern"], s, a)] = raw.get((r["kern"], s, a), 0.0) + n * sh
    total_raw = sum(raw.values())
    factor = CBS_POP_2021 / total_raw
    for k in KERN_NAMES:
        for s in SEXES:
            for a in AGES:
                POP[(k, s, a)] = raw.get((k, s, a), 0.0) * factor
    note("population: PC4 age-sex cells sum %d; scale factor %.6f -> %.4f"
         % (total_raw, factor, sum(POP.values())))
    return total_raw, factor


def write_population(total_raw, factor):
    out = [[k, s, a, fmt(POP[(k, s, a)], 4)]
           for k in KERN_NAMES for s in SEXES for a in AGES]
    comments = [
        "population_2021.csv: population on 1 January 2021 by kern, sex and single year",
        "of age (0..99, 100 = open group 100+).  Fractional persons are kept.",
        "Written by %s; do not edit by hand." % SCRIPT,
        "",
        "Source: ../shared/data/hardenberg_kern_age_sex_5yr_2021.csv = CBS postcode tables",
        "  83502NED/83503NED (1 Jan 2021; github.com/certe-medical-epidemiology/certegis",
        "  @ 7b7f787a) summed over the PC4 areas of each kern; 20 five-year groups 0-4 .. 95+,",
        "  by sex, each cell rounded by CBS to a multiple of 5.  A PC4 area includes the",
        "  village's countryside, so 'kern' here means village plus surrounding buitengebied.",
        "",
        "ESTIMATED single years: each five-year group is split over its single ages in",
        "  proportion to the Dutch population of the same sex on 1 Jan 2021 (CBS 03759ned,",
        "  ../shared/data/nl_population_single_age_sex_2010_2025.csv).  The 95+ group is",
        "  split over 95, 96, 97, 98, 99 and the open group 100+ (the source's top age 100 for 2021).",
        "ESTIMATED level: the PC4 age-sex cells sum to %d (the PC4 totals to 61,350);" % total_raw,
        "  every cell is multiplied by one factor %.6f so that the municipal total is" % factor,
        "  %d, the CBS population of 31 Dec 2020 (37230ned; other copies give 61,346)." % CBS_POP_2021,
    ]
    write_csv("population_2021.csv", comments, ["kern", "sex", "age", "persons"], out)


# ---------------------------------------------- 3. life table, 4. improvement

LT = {}                              # (sex, age) -> exact-age qx 2022, ages 0..99
LT_CBS = {}                          # (sex, age) -> qx as CBS publishes them
A0 = {"M": (0.1493, 1.995), "F": (0.1490, 2.055)}   # Andreev-Kingkade a0 = a - b q0
A0_MODEL = 0.143                     # mortality.infant_separation in the model file


def lt_columns(q, a0):
    """The engine's single-year life table (src/lifetable.c): l, L and the open tail.

    L(x) = l(x+1) + a(x) d(x), a(0) = a0, a(x) = 1/2 above; beyond the last age a
    constant hazard mu = -ln(1 - q_last), T = l / mu.
    """
    l = [1.0]
    L = []
    for x, qq in enumerate(q):
        d = l[-1] * qq
        L.append(l[-1] - d + (a0 if x == 0 else 0.5) * d)
        l.append(l[-1] - d)
    return l, L, l[-1] / -math.log1p(-q[-1])


def e0_of(q, a0):
    _, L, tail = lt_columns(q, a0)
    return sum(L) + tail


def survival_ratios(q, a0):
    """S(0) = L0 (births -> age 0), S(x) = L(x)/L(x-1), S(100) = T100/(L99 + T100)."""
    _, L, tail = lt_columns(q, a0)
    Lg = L[:OMEGA] + [sum(L[OMEGA:]) + tail]
    return [Lg[0]] + [Lg[x] / Lg[x - 1] for x in range(1, OMEGA)] + \
        [Lg[OMEGA] / (Lg[OMEGA - 1] + Lg[OMEGA])]


def cohort_deaths(S, pop):
    """Deaths in one year of a 1 January population by age 0..100 (100 = 100+), as the
    engine counts them: those aged x who do not reach x+1 (S(x+1)); births excluded."""
    d = sum(pop[x] * (1 - S[x + 1]) for x in range(0, OMEGA - 1))
    return d + (pop[OMEGA - 1] + pop[OMEGA]) * (1 - S[OMEGA])


def exact_age_qx(cbs):
    """CBS 37360ned publishes the table by age on 31 December: row 0 is the probability
    of dying between birth and the end of the calendar year (exact age 0 to about 1/2),
    row x >= 1 between about exact ages x - 1/2 and x + 1/2 (its lx of row x are the
    survivors at exact age x - 1/2).  The engine wants exact ages x to x + 1.  Survivors
    at whole ages are the geometric mean of the neighbouring half ages:
    l(1) = l(1/2) sqrt(1 - q_1), l(x) = sqrt(l(x - 1/2) l(x + 1/2)), so
    q(0) = 1 - (1 - q_0) sqrt(1 - q_1), q(x) = 1 - sqrt((1 - q_x)(1 - q_x+1)),
    and q(99) = q_99 (the hazard beyond age 99.5 is held)."""
    n = len(cbs)
    q = [1 - (1 - cbs[0]) * math.sqrt(1 - cbs[1])]
    q += [1 - math.sqrt((1 - cbs[x]) * (1 - cbs[x + 1])) for x in range(1, n - 1)]
    q.append(cbs[n - 1])
    return q


def write_life_table():
    rows = read("nl_life_table_2022.csv")
    out = {}
    info = {}
    for s, col in (("M", "male"), ("F", "female")):
        cbs = [float(r["qx_" + col]) for r in rows]
        q = exact_age_qx(cbs)
        for a, (c, v) in enumerate(zip(cbs, q)):
            LT_CBS[(s, a)] = c
            LT[(s, a)] = v
        a0 = A0[s][0] - A0[s][1] * q[0]
        info[s] = dict(doc=float(rows[0]["ex_" + col]), e0=e0_of(q, A0_MODEL),
                       e0_read_as_exact=e0_of(cbs, A0_MODEL), q0=q[0], a0=a0)
        out[s] = q
    note("life table: CBS 2022 e0 M %.2f F %.2f; from the exact-age qx M %.3f F %.3f; "
         "the CBS rows read as exact ages gave M %.3f F %.3f; q0 exact M %.5f F %.5f, "
         "Andreev-Kingkade a0 M %.3f F %.3f"
         % (info["M"]["doc"], info["F"]["doc"], info["M"]["e0"], info["F"]["e0"],
            info["M"]["e0_read_as_exact"], info["F"]["e0_read_as_exact"],
            info["M"]["q0"], info["F"]["q0"], info["M"]["a0"], info["F"]["a0"]))
    comments = [
        "life_table_nl_2022.csv: Dutch period life table 2022, probability of dying",
        "between exact ages x and x+1, by sex, ages 0..99.",
        "Written by %s; do not edit by hand." % SCRIPT,
        "Source: ../shared/data/nl_life_table_2022.csv = CBS 37360ned layout, copied in",
        "  github.com/rcsmit/streamlit_scripts input/overlijdenskansen.csv @ bf23eaf4.",
        "  CBS publishes e0 = 80.10 (men), 83.09 (women) for 2022.",
        "DERIVED: CBS 37360ned gives the table by age on 31 December: its row 0 is the",
        "  probability of dying from birth to the end of the calendar year (about half a",
        "  year), row x the probability between about exact ages x - 1/2 and x + 1/2.  Read",
        "  as exact ages those rows give e0 %.2f / %.2f, half a year too high, and 6%% too"
        % (info["M"]["e0_read_as_exact"], info["F"]["e0_read_as_exact"]),
        "  few deaths.  The qx below are for exact ages: the survivors at whole ages are the",
        "  geometric mean of those at the neighbouring half ages, so",
        "  q(0) = 1 - (1 - q0_CBS) sqrt(1 - q1_CBS), q(x) = 1 - sqrt((1 - qx_CBS)(1 - qx+1_CBS)),",
        "  q(99) = q99_CBS.  With the model's infant_separation %.3f they give e0 %.2f (men)"
        % (A0_MODEL, info["M"]["e0"]),
        "  and %.2f (women), the published values to 0.02 year.  The open group 100+ is"
        % info["F"]["e0"],
        "  closed by the program with the hazard of age 99.",
        "documented e0: M %.2f, F %.2f (a0 %.3f; CBS 37360ned 2022)"
        % (info["M"]["doc"], info["F"]["doc"], A0_MODEL),
    ]
    write_csv("life_table_nl_2022.csv", comments, ["sex", "age", "qx"],
              [[s, a, "%.6f" % out[s][a]] for s in SEXES for a in range(len(out[s]))])
    return info


def write_improvement():
    rows = read("nl_ag2024_projected_qx_2022_2070.csv")
    ag = {(r["sex"], int(r["age"])): r for r in rows}
    out = []
    checks = {}
    for y in range(2021, 2071):
        for s in SEXES:
            for a in range(0, OMEGA):
                if y == 2021:
                    ratio = 1.0
                else:
                    r = ag[(s, a)]
                    ratio = float(r["qx_%d" % y]) / float(r["qx_2022"])
                out.append([y, s, a, sig(ratio, 6)])
                if a in (0, 40, 65, 80, 95) and y in (2030, 2040, 2050):
                    checks[(y, s, a)] = ratio
    note("improvement: ratio 2040/2022 M65 %.4f F65 %.4f M80 %.4f F80 %.4f"
         % (checks[(2040, "M", 65)], checks[(2040, "F", 65)],
            checks[(2040, "M", 80)], checks[(2040, "F", 80)]))
    comments = [
        "mortality_improvement_ag2024.csv: multiplicative improvement of the 2022 death",
        "probabilities, by calendar year, sex and age 0..99: qx(year) = qx_CBS2022 * qx_ratio.",
        "Written by %s; do not edit by hand." % SCRIPT,
        "Source: ../shared/data/nl_ag2024_projected_qx_2022_2070.csv = Actuarieel Genootschap",
        "  projection table AG2024 (github.com/rcsmit/streamlit_scripts @ 063f1c4b).",
        "Derived: qx_ratio = AG2024 qx(year) / AG2024 qx(2022), same sex and age, i.e. only the",
        "  year-on-year improvement of AG2024 is used; the level stays that of the CBS 2022",
        "  table (AG's own levels differ from CBS, e.g. its q0).  6 significant digits.",
        "  AG2024 gives qx to 6 decimals, so at young ages (qx ~ 1e-4 .. 1e-5) the ratios",
        "  carry a rounding noise of a few per cent; the effect on deaths is negligible.",
        "Year 2021: ratio 1 for all ages (ASSUMPTION: AG2024 starts in 2022, so the 2021",
        "  step uses the 2022 CBS table unchanged).",
        "Examples, ratio 2040: men 65 %.4f, women 65 %.4f, men 80 %.4f, women 80 %.4f."
        % (checks[(2040, "M", 65)], checks[(2040, "F", 65)],
           checks[(2040, "M", 80)], checks[(2040, "F", 80)]),
    ]
    write_csv("mortality_improvement_ag2024.csv", comments,
              ["year", "sex", "age", "qx_ratio"], out)


# ------------------------------------------------------- 5. fertility schedule

ASFR = {}                            # age -> births per woman per year


def build_fertility():
    rows = [r for r in read("nl_asfr_5yr_2010_2015_derived.csv")
            if r["year"] == "2015" and not r["mother_age_group"].startswith("TFR")]
    groups = [(int(r["mother_age_group"].split("-")[0]), float(r["asfr_per_woman"]))
              for r in rows]
    groups.sort()
    tfr = 5 * sum(f for _, f in groups)
    knots = [15 + 5 * i for i in range(len(groups) + 1)]      # 15 .. 50
    cum = [0.0]
    for _, f in groups:
        cum.append(cum[-1] + 5 * f)
    F = natural_spline([float(k) for k in knots], cum)
    rates = {a: F(a + 1.0) - F(float(a)) for a in range(15, 50)}
    # The spline reproduces the cumulative at every knot, so each five-year
    # group keeps its total; it must also be monotone (no negative rate).
    assert min(rates.values()) > 0, "negative single-year fertility rate"
    # Tails: births to mothers under 15 are counted in the <20 group and births
    # to mothers of 50+ in the 45+ group.  Move small documented shares of those
    # groups' totals to ages 12-14 and 50, keeping each group's total.
    young = {12: 0.0005, 13: 0.0015, 14: 0.0050}
    old50 = 0.05
    g15 = sum(rates[a] for a in range(15, 20))
    g45 = sum(rates[a] for a in range(45, 50))
    for a in range(15, 20):
        rates[a] *= 1.0 - sum(young.values())
    for a, sh in young.items():
        rates[a] = g15 * sh
    for a in range(45, 50):
        rates[a] *= 1.0 - old50
    rates[50] = g45 * old50
    for a in range(12, 51):
        ASFR[a] = max(rates.get(a, 0.0), 0.0)
    s = sum(ASFR.values())
    for a in ASFR:                    # remove round-off; sum = 2015 TFR
        ASFR[a] *= tfr / s
    mab = sum((a + 0.5) * f for a, f in ASFR.items()) / sum(ASFR.values())
    mids = [lo + 2.5 for lo, _ in groups]
    mab_grp = sum(m * f for m, (_, f) in zip(mids, groups)) / sum(f for _, f in groups)
    # Hardenberg's births by age of mother 2010-2015, grouped-midpoint mean.
    hb = [r for r in read("births_by_mother_age_2010_2015.csv")]
    cols = ["mother_lt20", "mother_20_24", "mother_25_29", "mother_30_34",
            "mother_35_39", "mother_40_44", "mother_45plus"]

    def mean_age(region):
        n = [sum(int(r[c]) for r in hb if r["region"] == region) for c in cols]
        return sum((17.5 + 5 * i) * v for i, v in enumerate(n)) / sum(n)
    note("fertility: schedule sum %.5f (2015 TFR %.4f); mean age at birth %.2f "
         "(grouped midpoints %.2f); grouped mean 2010-2015 births NL %.2f, Hardenberg %.2f"
         % (sum(ASFR.values()), tfr, mab, mab_grp, mean_age("Nederland"),
            mean_age("Hardenberg")))
    return tfr, mab, mab_grp, mean_age("Nederland"), mean_age("Hardenberg"), young, old50


def write_fertility(info):
    tfr, mab, mab_grp, mnl, mhb, young, old50 = info
    out = [[a, "%.6f" % ASFR[a]] for a in range(12, 51)]
    comments = [
        "fertility_nl_schedule.csv: Dutch age-specific fertility schedule by single year",
        "of age of the mother (12..50; other ages are 0).  The rates sum to the 2015 TFR,",
        "%.4f; the model rescales the schedule to its TFR path and multiplies by the" % tfr,
        "Hardenberg fertility level (see models/hardenberg.yaml).",
        "Written by %s; do not edit by hand." % SCRIPT,
        "",
        "Source: ../shared/data/nl_asfr_5yr_2010_2015_derived.csv, year 2015: births by",
        "  five-year age group of the mother (CBS 37201) / mean women on 1 Jan 2015 and 2016",
        "  (CBS 03759ned); TFR = 5 x sum = %.4f (CBS published 1.66).  A recent single-year" % tfr,
        "  Dutch ASFR was not found (README 'Not available' item 4).",
        "ESTIMATED single years: natural cubic spline through cumulative fertility at exact",
        "  ages 15, 20, .., 50, then differences; this keeps every five-year group's total",
        "  exactly, and the result is monotone here (every single-year rate > 0, checked).  A",
        "  monotone (Fritsch-Carlson) cubic was tried first but gave visible steps at the group",
        "  boundaries (e.g. 0.004 at 19, 0.009 at 20; a bump at 35-36) because it is only C1;",
        "  the natural spline is C2 and gives a smooth curve.  Tails (ASSUMPTION): the <20 group also holds",
        "  births to mothers under 15 and the 45+ group births to mothers of 50+, so",
        "  %.2f%%, %.2f%%, %.2f%% of the 15-19 total are moved to ages 12, 13, 14 and %.0f%% of the"
        % (100 * young[12], 100 * young[13], 100 * young[14], 100 * old50),
        "  45-49 total to age 50 (Dutch births under 16 were 22 of 164,487 in 2023, CBS 37744ned).",
        "Mean age at birth of this schedule (age x taken as x+0.5): %.2f years (grouped" % mab,
        "  midpoints: %.2f).  Expected for 2022-2023: 31.5-31.8 (CBS 85730NED: mother born in" % mab_grp,
        "  the Netherlands 31.5, born abroad 32.3, in 2022).  The 2015 schedule is therefore",
        "  not too young on this measure and is NOT shifted (shift = 0 years).  Caveat: the",
        "  Dutch mean age rose ~0.08 years a year 2010-2015 in these data, and whether CBS 37201",
        "  counts the mother's age at the birth or on 31 December is not stated in the copy",
        "  used; the two effects are each about half a year and of opposite sign.",
        "  Hardenberg's own births 2010-2015 (CBS 37201) have a grouped mean maternal age of",
        "  %.2f against %.2f for the Netherlands: Hardenberg mothers are younger; the shape is" % (mhb, mnl),
        "  nevertheless the Dutch one (only the level is local).",
    ]
    write_csv("fertility_nl_schedule.csv", comments, ["age", "births_per_woman"], out)


def fertility_level(tfr_sched):
    sup = read("nl_fertility_supplement.csv")

    def val(year, ind):
        for r in sup:
            if r["year"] == str(year) and r["indicator"] == ind and r["mother_age"] == "total" \
                    and r["birth_order"] == "total":
                return float(r["value"])
        raise KeyError((year, ind))
    tfr2019 = val(2019, "TFR")
    gfr2019 = val(2019, "general fertility rate")
    gfr2020 = val(2020, "general fertility rate")
    tfr2020 = tfr2019 * gfr2020 / gfr2019
    women = {a: sum(POP[(k, "F", a)] for k in KERN_NAMES) for a in range(12, 51)}
    expected = sum(ASFR[a] * tfr2020 / tfr_sched * women[a] for a in ASFR)
    births2020 = flow(2020, "births")
    level = births2020 / expected
    se = math.sqrt(births2020) / births2020 * level
    # Cross-check: 2010-2015 births against the Dutch five-year rates of each
    # year applied to Hardenberg's 2021 women moved back (2021-year) years of
    # age (no mortality or migration correction: a rough check only).
    asfr5 = {}
    for r in read("nl_asfr_5yr_2010_2015_derived.csv"):
        if not r["mother_age_group"].startswith("TFR"):
            asfr5[(int(r["year"]), int(r["mother_age_group"].split("-")[0]))] = \
                float(r["asfr_per_woman"])
    wsingle = {a: sum(POP[(k, "F", a)] for k in KERN_NAMES) for a in AGES}
    hb = {int(r["year"]): int(r["births_total"])
          for r in read("births_by_mother_age_2010_2015.csv") if r["region"] == "Hardenberg"}
    cross = {}
    for y in range(2010, 2016):
        back = 2021 - y
        exp = sum(asfr5[(y, lo)] * sum(wsingle[a + back] for a in range(lo, lo + 5))
                  for lo in range(15, 50, 5))
        cross[y] = hb[y] / exp
    cross_mean = sum(cross.values()) / len(cross)
    note("fertility level: TFR2020 est %.4f; expected births %.1f; observed %d; "
         "level %.4f (Poisson SE %.3f); cross-check 2010-2015 levels %s mean %.3f"
         % (tfr2020, expected, births2020, level, se,
            " ".join("%d:%.3f" % kv for kv in sorted(cross.items())), cross_mean))
    return dict(tfr2019=tfr2019, gfr2019=gfr2019, gfr2020=gfr2020, tfr2020=tfr2020,
                expected=expected, births=births2020, level=level, se=se,
                cross=cross, cross_mean=cross_mean)


# ------------------------------------------------------------ mortality SMR

def smr():
    """Mortality ratio of Hardenberg against the Netherlands (indirect standardisation),
    with expected deaths counted as the engine counts them: the exact-age 2022 table's
    survival ratios applied to the 1 January 2021 population by sex and single age."""
    deaths = {int(r["year"]): r for r in read("hardenberg_deaths_2002_2021.csv")}
    e_h = e_nl = 0.0
    for s in SEXES:
        S = survival_ratios([LT[(s, a)] for a in range(OMEGA)], A0_MODEL)
        e_h += cohort_deaths(S, [sum(POP[(k, s, a)] for k in KERN_NAMES) for a in AGES])
        e_nl += cohort_deaths(S, [nl_pop_open(2021, s, a) for a in AGES])
    c = e_h / e_nl
    d_nl_2021 = float(deaths[2021]["deaths_netherlands"])
    d_h_2021 = float(deaths[2021]["deaths_hardenberg"])
    d_nl_1719 = sum(float(deaths[y]["deaths_netherlands"]) for y in (2017, 2018, 2019)) / 3
    d_h_1719 = sum(float(deaths[y]["deaths_hardenberg"]) for y in (2017, 2018, 2019)) / 3
    smr_2021 = d_h_2021 / (c * d_nl_2021)
    smr_1719 = d_h_1719 / (c * d_nl_1719)
    smr_direct = d_h_2021 / e_h
    # Poisson standard errors
    se_2021 = smr_2021 / math.sqrt(d_h_2021)
    se_1719 = smr_1719 / math.sqrt(3 * d_h_1719)
    pooled = (3 * d_h_1719 + d_h_2021) / (c * (3 * d_nl_1719 + d_nl_2021))
    se_pooled = pooled / math.sqrt(3 * d_h_1719 + d_h_2021)
    # Life expectancy of the model's Hardenberg table against AG2024's national one.
    ag = {(r["sex"], int(r["age"])): r for r in read("nl_ag2024_projected_qx_2022_2070.csv")}
    e0 = {}
    for s in SEXES:
        for y in (2022, 2030, 2040):
            ratio = [float(ag[(s, a)]["qx_%d" % y]) / float(ag[(s, a)]["qx_2022"]) for a in range(OMEGA)]
            qh = [min(1.0, LT[(s, a)] * ratio[a] * round(pooled, 3)) for a in range(OMEGA)]
            qa = [float(ag[(s, a)]["qx_%d" % y]) for a in range(121)]
            e0[(s, y)] = (e0_of(qh, A0_MODEL), e0_of(qa, A0_MODEL))
    note("SMR: expected deaths 2021 population x exact-age 2022 table: Hardenberg %.1f, "
         "NL %.0f (observed NL 2021 %.0f, 2017-19 %.0f); c=%.6f; SMR 2021 %.3f (+-%.3f), "
         "2017-19 %.3f (+-%.3f), pooled %.3f (+-%.3f); direct 2021 obs/exp %.3f"
         % (e_h, e_nl, d_nl_2021, d_nl_1719, c, smr_2021, se_2021, smr_1719, se_1719,
            pooled, se_pooled, smr_direct))
    note("e0 Hardenberg (pooled SMR on CBS 2022 x AG2024 improvement) vs AG2024 national: "
         + "; ".join("%s %d %.2f vs %.2f" % (s, y, e0[(s, y)][0], e0[(s, y)][1])
                     for s in SEXES for y in (2022, 2030, 2040)))
    return dict(e_h=e_h, e_nl=e_nl, c=c, smr_2021=smr_2021, smr_1719=smr_1719,
                pooled=pooled, se_pooled=se_pooled, se_2021=se_2021, se_1719=se_1719,
                d_h_1719=d_h_1719, d_nl_1719=d_nl_1719, d_h_2021=d_h_2021,
                d_nl_2021=d_nl_2021, direct=smr_direct, e0=e0)


# ----------------------------------------------------------------- migration

MOVES = {int(r["age"]): r for r in read("nl_moves_emigration_rates_single_age_2017.csv")}


def extend_move_rate(col):
    """Rate (fraction) by age 0..100 from the 2017 Dutch % by age 0..74.

    Ages 75..84 are held at the age-74 value; from 85 the rate rises linearly
    to 1.5 times the age-74 value at 90 and is held there to 100 (ASSUMPTION:
    moves to care homes or nearer to children; no data for 75+).
    """
    r = {a: float(MOVES[a][col]) / 100.0 for a in range(0, 75)}
    base = r[74]
    for a in range(75, 101):
        if a <= 84:
            r[a] = base
        elif a < 90:
            r[a] = base * (1.0 + 0.5 * (a - 84) / 6.0)
        else:
            r[a] = base * 1.5
    return r


def emigration_rate():
    """Emigration fraction by age 0..100; ages 74..100 held at the age-73 value."""
    r = {a: float(MOVES[a]["emigration_pct"]) / 100.0 for a in range(0, 74)}
    for a in range(74, 101):
        r[a] = r[73]
    return r


def migration(nat):
    """Derive the migration inputs and the flow totals for the model file."""
    yrs = range(2012, 2017)
    mean = lambda col: sum(flow(y, col) for y in yrs) / 5.0
    dom_in, dom_out = mean("in_from_other_municipality"), mean("out_to_other_municipality")
    imm, emi = mean("immigration"), mean("emigration")
    adm = mean("admin_correction_balance")
    sh_in = dom_in / (dom_in + imm)
    sh_out = dom_out / (dom_out + emi)
    g_in20, g_out20 = flow(2020, "gross_in_total"), flow(2020, "gross_out_total")
    dom_in20, imm20 = g_in20 * sh_in, g_in20 * (1 - sh_in)
    dom_out20, emi20 = g_out20 * sh_out, g_out20 * (1 - sh_out)
    # National mobility: moves between municipalities 2020-2024 vs 2012-2016.
    kc = {(r["region"], int(r["year"])): r for r in read("nl_overijssel_kerncijfers_70072ned_2003_2025.csv")}
    nl_moves = lambda ys: sum(float(kc[("Nederland", y)]["moves_out_to_other_municipality"])
                              for y in ys) / len(ys)
    mob = nl_moves(range(2020, 2025)) / nl_moves(range(2012, 2017))
    ie = read("nl_immigration_emigration_by_age_group.csv")
    nl_emi = {int(r["year"]): float(r["emigration_incl_corrections"]) for r in ie
              if r["age_group_31dec"] == "total"}
    nl_imm = {int(r["year"]): float(r["immigration"]) for r in ie
              if r["age_group_31dec"] == "total"}
    emi_scale = nl_emi[2022] / nl_emi[2015]
    t_dom_out = 0.5 * (dom_out * mob + dom_out20)
    t_emi = 0.5 * (emi * emi_scale + emi20)

    # Rates (shapes) and levels.
    r_between = extend_move_rate("moved_between_municipalities_pct")
    r_within = extend_move_rate("moved_within_municipality_pct")
    r_emi = emigration_rate()
    popsx = {(s, a): sum(POP[(k, s, a)] for k in KERN_NAMES) for s in SEXES for a in AGES}
    base_out = sum(r_between[a] * popsx[(s, a)] for s in SEXES for a in AGES)
    base_emi = sum(r_emi[a] * popsx[(s, a)] for s in SEXES for a in AGES)
    lvl_out = t_dom_out / base_out
    lvl_emi = t_emi / base_emi
    kern_share = 0.25
    internal_total = sum(kern_share * r_within[a] * POP[(k, s, a)]
                         for k in KERN_NAMES for s in SEXES for a in AGES)

    # Implied 2021-2024 flows from the population change 61,357 -> 63,423.
    births_est, deaths_est = nat["births"], nat["deaths"]
    natural = sum(births_est.values()) - sum(deaths_est.values())
    net_2124 = (CBS_POP_2025 - CBS_POP_2021 - natural) / 4.0
    out_2124 = t_dom_out + t_emi
    gin_2124 = net_2124 + out_2124
    imm_2124 = gin_2124 * (1 - sh_in)
    din_2124 = gin_2124 * sh_in
    # Trend 2025+: mean annual net migration over the observed record, each
    # year weighted once: 2012-2016 (observed), 2020 (Urbistat), 2021-2024
    # (implied).  Admin corrections are part of the 2012-2016 net.
    net_rec = [flow(y, "gross_in_total") - flow(y, "gross_out_total") + flow(y, "admin_correction_balance")
               for y in yrs] + [g_in20 - g_out20] + [net_2124] * 4
    net_mean = sum(net_rec) / len(net_rec)
    # Trend 2025+ (ASSUMPTION): the mean gross in-flow over the same ten years.
    # Domestic in-flows of 2012-2016 are scaled by the national mobility ratio
    # (mob), so that they are comparable with the out-rates, which are set at
    # today's mobility; immigration is the plain mean.
    din_rec = [flow(y, "in_from_other_municipality") * mob for y in yrs] + [dom_in20] + [din_2124] * 4
    din_trend = sum(din_rec) / len(din_rec)
    din_unscaled = (sum(flow(y, "in_from_other_municipality") for y in yrs) + dom_in20
                    + 4 * din_2124) / 10.0
    imm_rec = [flow(y, "immigration") for y in yrs] + [imm20] + [imm_2124] * 4
    imm_trend = sum(imm_rec) / len(imm_rec)
    gin_trend = din_trend + imm_trend
    m = dict(dom_in=dom_in, dom_out=dom_out, imm=imm, emi=emi, adm=adm, sh_in=sh_in,
             sh_out=sh_out, g_in20=g_in20, g_out20=g_out20, dom_in20=dom_in20,
             imm20=imm20, dom_out20=dom_out20, emi20=emi20, mob=mob, emi_scale=emi_scale,
             t_dom_out=t_dom_out, t_emi=t_emi, base_out=base_out, base_emi=base_emi,
             lvl_out=lvl_out, lvl_emi=lvl_emi, kern_share=kern_share,
             internal_total=internal_total, natural=natural, net_2124=net_2124,
             out_2124=out_2124, gin_2124=gin_2124, imm_2124=imm_2124, din_2124=din_2124,
             net_rec=net_rec, net_mean=net_mean, imm_trend=imm_trend, gin_trend=gin_trend,
             din_trend=din_trend, din_rec=din_rec, din_unscaled=din_unscaled, births_est=births_est, deaths_est=deaths_est,
             nl_imm=nl_imm, nl_emi=nl_emi)
    note("migration: 2012-16 mean dom_in %.1f dom_out %.1f imm %.1f emi %.1f adm %.1f; "
         "2020 split dom_in %.0f imm %.0f dom_out %.0f emi %.0f; NL mobility ratio %.3f; "
         "emi scale %.3f" % (dom_in, dom_out, imm, emi, adm, dom_in20, imm20, dom_out20,
                             emi20, mob, emi_scale))
    note("migration: targets dom_out %.1f (level %.4f on base %.1f), emi %.1f (level %.4f "
         "on base %.1f); internal moves at 25%% %.0f/yr"
         % (t_dom_out, lvl_out, base_out, t_emi, lvl_emi, base_emi, internal_total))
    note("migration: 2021-24 natural %+.0f, net %.1f/yr, gross out %.0f, gross in %.0f "
         "(imm %.0f, dom_in %.0f); record net mean %.1f; trend gross in %.0f (imm %.1f, "
         "dom_in %.1f from %s; unscaled %.1f)"
         % (natural, net_2124, out_2124, gin_2124, imm_2124, din_2124, net_mean, gin_trend,
            imm_trend, din_trend, [round(x) for x in din_rec], din_unscaled))
    return m, r_between, r_within, r_emi


def natural_2124():
    """ESTIMATED births and deaths in Hardenberg 2021-2024 (not in the data)."""
    sup = read("nl_fertility_supplement.csv")
    nlb = {}
    for r in sup:
        if r["indicator"] in ("live births", "live births (mother's age at 31 Dec)") \
                and r["mother_age"] == "total" and r["birth_order"] == "total":
            nlb[int(r["year"])] = float(r["value"])
    b20 = flow(2020, "births")
    births = {2021: b20, 2022: b20 * nlb[2022] / nlb[2020],
              2023: b20 * nlb[2023] / nlb[2020], 2024: b20 * nlb[2023] / nlb[2020]}
    d21 = flow(2021, "deaths")
    d_later = 0.5 * (flow(2020, "deaths") + d21)
    deaths = {2021: d21, 2022: d_later, 2023: d_later, 2024: d_later}
    return dict(births=births, deaths=deaths, nlb=nlb)


def write_migration(m, r_between, r_within, r_emi):
    common_src = [
        "Source of the age shape: ../shared/data/nl_moves_emigration_rates_single_age_2017.csv =",
        "  CBS Statistische Trends 2020 'Een analyse van het verhuisgedrag van zestigers',",
        "  figure 1: Dutch persons moving in 2017 as % of the mean population at that age,",
        "  single ages 0..74 (emigration 0..73).",
    ]
    ext = [
        "ESTIMATED ages 75..100 (no data): held at the age-74 value for 75..84, then a gentle",
        "  linear rise to 1.5 x the age-74 value at 90, held to 100 (moves to care homes or",
        "  nearer to children).",
        "ASSUMPTION: the same rates for men and women (the source is for both sexes).",
    ]
    rows = [[s, a, sig(r_between[a], 6)] for s in SEXES for a in AGES]
    write_csv("migration_domestic_out_rates.csv", [
        "migration_domestic_out_rates.csv: age profile of moves from Hardenberg to other Dutch",
        "municipalities, as a fraction of the population at each age (per year).",
        "Written by %s; do not edit by hand." % SCRIPT] + common_src + [
        "  Column used: moved_between_municipalities_pct / 100 (peak 13.45% at age 24)."] + ext + [
        "The model multiplies these rates by a level (models/hardenberg.yaml, domestic_out):",
        "  level = %.4f, chosen so that the rates applied to the 1 Jan 2021 population give" % m["lvl_out"],
        "  %.0f moves out a year (shape-only total %.1f).  Target %.0f = mean of" % (m["t_dom_out"], m["base_out"], m["t_dom_out"]),
        "  (a) the 2012-2016 mean out-to-other-municipality flow %.1f (CBS 37230ned, exact)" % m["dom_out"],
        "      x %.3f, the rise in Dutch between-municipality moves 2012-2016 -> 2020-2024" % m["mob"],
        "      (CBS 70072ned, ../shared/data/nl_overijssel_kerncijfers_70072ned_2003_2025.csv), and",
        "  (b) 2020: Urbistat gross out 1,956 (domestic + abroad) x the 2012-2016 domestic",
        "      share %.4f = %.0f." % (m["sh_out"], m["dom_out20"]),
    ], ["sex", "age", "rate_per_person"], rows)

    rows = [[s, a, sig(r_emi[a], 6)] for s in SEXES for a in AGES]
    write_csv("migration_emigration_rates.csv", [
        "migration_emigration_rates.csv: age profile of emigration (moves abroad) from",
        "Hardenberg, as a fraction of the population at each age (per year).",
        "Written by %s; do not edit by hand." % SCRIPT] + common_src + [
        "  Column used: emigration_pct / 100.",
        "ESTIMATED ages 74..100 (no data; the % falls from 0.21 at 65 to 0.11 at 71-73):",
        "  held at the age-73 value, 0.0011.",
        "ASSUMPTION: the same rates for men and women.",
        "The model multiplies these rates by a level (models/hardenberg.yaml, emigration):",
        "  level = %.4f, chosen so that the rates applied to the 1 Jan 2021 population give" % m["lvl_emi"],
        "  %.0f emigrants a year (shape-only total %.1f).  Target = mean of" % (m["t_emi"], m["base_emi"]),
        "  (a) the 2012-2016 mean emigration %.1f (CBS 37230ned) x %.3f, the rise in Dutch" % (m["emi"], m["emi_scale"]),
        "      emigration 2015 -> 2022 (CBS 84484NED/03742: 149,509 -> 179,310), and",
        "  (b) 2020: Urbistat gross out 1,956 x the 2012-2016 abroad share %.4f = %.0f." % (1 - m["sh_out"], m["emi20"]),
        "  CBS's administrative corrections (net %.1f a year in 2012-2016) are not modelled." % m["adm"],
    ], ["sex", "age", "rate_per_person"], rows)

    rows = [[s, a, sig(m["kern_share"] * r_within[a], 6)] for s in SEXES for a in AGES]
    write_csv("migration_internal_rates.csv", [
        "migration_internal_rates.csv: moves from one kern to ANOTHER kern inside the",
        "municipality of Hardenberg, as a fraction of the kern's population at each age.",
        "Written by %s; do not edit by hand." % SCRIPT] + common_src + [
        "  Column used: moved_within_municipality_pct / 100 (Dutch average municipality).",
        "ESTIMATED: rate = Dutch within-municipality move rate x %.2f.  ASSUMPTION: a quarter" % m["kern_share"],
        "  of the moves inside Hardenberg cross a kern boundary.  Reasoning: 53% of the",
        "  population lives in the two towns, where most moves stay inside the town; moves",
        "  from the villages (small stocks, few new homes) more often go to another kern,",
        "  mostly to the towns.  No published figure; plausible range 15-35%.",
    ] + ext + [
        "Applied to the 2021 population this gives about %.0f moves between kernen a year." % m["internal_total"],
        "Destinations: gravity, share(o,d) ~ pop(d) / dist(o,d)^2 (kernen.csv positions).",
    ], ["sex", "age", "rate_per_person"], rows)

    # Movers' profile: Dutch between-municipality rate x Dutch population 2021.
    w = {(s, a): r_between[a] * nl_pop_open(2021, s, a) for s in SEXES for a in AGES}
    tot = sum(w.values())
    prof = {k: v / tot for k, v in w.items()}
    mean_age = sum((a + 0.5) * v for (s, a), v in prof.items())
    txt = round_shares(prof)
    rows = [[s, a, txt[(s, a)]] for s in SEXES for a in AGES]
    chk = sum(int(r[2][2:]) for r in rows) / 1e8
    note("movers profile: sum %.9f, mean age %.1f, share 18-34 %.3f"
         % (chk, mean_age, sum(v for (s, a), v in prof.items() if 18 <= a <= 34)))
    write_csv("migration_movers_profile.csv", [
        "migration_movers_profile.csv: age-sex distribution of people moving INTO Hardenberg",
        "from other Dutch municipalities (domestic_in), also the movers' profile; all 202",
        "shares sum to 1 (8 decimals; the written values sum to exactly %.8f; the rounding" % chk,
        "residual, below 1e-7, was put on the largest share).",
        "Written by %s; do not edit by hand." % SCRIPT,
        "Derived: share(s,x) ~ Dutch between-municipality move rate at age x (2017, CBS",
        "  Statistische Trends 2020 figure 1; ages 75..100 extended as in",
        "  migration_domestic_out_rates.csv) x Dutch population of sex s, age x on 1 Jan 2021",
        "  (CBS 03759ned; 100 = the open group 100+), normalised to sum 1.  Mean age %.1f." % mean_age,
        "ASSUMPTION: in-movers to Hardenberg have the Dutch movers' age-sex mix (no local data).",
    ], ["sex", "age", "share"], rows)

    # Immigrants: base = Dutch emigration rate x Dutch population (international
    # movers' shape), 10-year groups 0-39 reshaped to the CBS immigration mix.
    ie = read("nl_immigration_emigration_by_age_group.csv")
    grp_imm = {}
    for g in ("0-9", "10-19", "20-29", "30-39"):
        vals = [float(r["immigration"]) for r in ie
                if r["age_group_31dec"] == g and r["year"] in ("2017", "2018", "2019", "2020")]
        grp_imm[int(g.split("-")[0])] = sum(vals) / len(vals)
    base = {(s, a): r_emi[a] * nl_pop_open(2021, s, a) for s in SEXES for a in AGES}
    under40 = sum(v for (s, a), v in base.items() if a < 40)
    gtot = sum(grp_imm.values())
    for lo in grp_imm:
        cur = sum(v for (s, a), v in base.items() if lo <= a < lo + 10)
        f = (grp_imm[lo] / gtot) * under40 / cur
        for s in SEXES:
            for a in range(lo, lo + 10):
                base[(s, a)] *= f
    tot = sum(base.values())
    iprof = {k: v / tot for k, v in base.items()}
    txt = round_shares(iprof)
    rows = [[s, a, txt[(s, a)]] for s in SEXES for a in AGES]
    ichk = sum(int(r[2][2:]) for r in rows) / 1e8
    imean = sum((a + 0.5) * v for (s, a), v in iprof.items())
    note("immigrants profile: sum %.9f, mean age %.1f, share 40+ %.3f; group mix 0-39 %s"
         % (ichk, imean, sum(v for (s, a), v in iprof.items() if a >= 40),
            {k: round(v / gtot, 3) for k, v in grp_imm.items()}))
    write_csv("migration_immigrants_profile.csv", [
        "migration_immigrants_profile.csv: age-sex distribution of immigrants (from abroad)",
        "arriving in Hardenberg; all 202 shares sum to 1 (8 decimals; the written values sum",
        "to exactly %.8f, rounding residual on the largest share)." % ichk,
        "Written by %s; do not edit by hand." % SCRIPT,
        "ESTIMATED.  Base shape: Dutch emigration rate by age 2017 (CBS Statistische Trends",
        "  2020 figure 1; ages 74..100 held at the age-73 value) x Dutch population by sex and",
        "  age on 1 Jan 2021 (CBS 03759ned), i.e. the age mix of international movers.",
        "  Ages 0-39 reshaped: the four 10-year groups 0-9, 10-19, 20-29, 30-39 get the",
        "  relative sizes of Dutch immigration by age group, mean of 2017-2020 (CBS projection",
        "  83792NED: %s), keeping their combined share of the base."
        % ", ".join("%d-%d %.0f" % (lo, lo + 9, v) for lo, v in sorted(grp_imm.items())),
        "  No age data for 40+; the sex split follows the Dutch population (ASSUMPTION).",
        "  Mean age %.1f." % imean,
    ], ["sex", "age", "share"], rows)
    return prof, iprof


# ------------------------------------------------------ migration by age and tier

NET_MAX_CENTRE = 60          # transition centres above this carry no net migration


def nl_net_rates():
    """Dutch net migration a year per person by sex and five-year group, 2012-2019,
    from the change of each cohort (CBS 03759ned) beyond survival (exact-age 2022
    table).  Groups 50+ are set to 0: there the residual is the difference between
    the 2012-2019 and the 2022 mortality, not migration."""
    out = {}
    for s in SEXES:
        for lo in range(0, 100, 5):
            if lo >= 50:
                out[(s, lo)] = 0.0
                continue
            r = []
            for y in range(2012, 2020):
                num = sum(NLPOP[(y + 1, s, a + 1)] for a in range(lo, lo + 5))
                den = sum(NLPOP[(y, s, a)] * (1 - LT[(s, a)]) for a in range(lo, lo + 5))
                r.append(num / den - 1)
            out[(s, lo)] = sum(r) / len(r)
    return out


def net_rate_by_age(groups_pop, nl_net):
    """Net migration a year per person by sex and single age 0..100 of an area, from
    its five-year age structure on 1 Jan 2021 against the Dutch one (the cohort-ratio
    method): between groups g and g+5 the area's share of the Dutch cohort changes by
    ln(R(g+5) / R(g)) / 5 a year, R = area / Netherlands; plus the Dutch net rate of
    those ages.  Smoothed 1-4-1 over the transitions; placed at the transition's centre
    age g + 5 and interpolated over single ages; none above NET_MAX_CENTRE."""
    rate = {}
    for s in SEXES:
        R = {lo: groups_pop[(s, lo)] / sum(nl_pop_open(2021, s, a) for a in AGES if lo <= a <= (lo + 4 if lo < 95 else OMEGA))
             for lo in range(0, 100, 5)}
        centres = list(range(5, NET_MAX_CENTRE + 5, 5))
        raw = [math.log(R[c] / R[c - 5]) / 5 + 0.5 * (nl_net[(s, c - 5)] + nl_net[(s, c)])
               for c in centres]
        sm = [raw[0]] + [(raw[i - 1] + 4 * raw[i] + raw[i + 1]) / 6 for i in range(1, len(raw) - 1)] + [raw[-1]]
        pts = dict(zip(centres, sm))
        pts[NET_MAX_CENTRE + 5] = 0.0
        for a in AGES:
            if a <= 5:
                v = pts[5]
            elif a >= NET_MAX_CENTRE + 5:
                v = 0.0
            else:
                lo = a // 5 * 5
                v = pts[lo] + (pts[lo + 5] - pts[lo]) * (a - lo) / 5.0
            rate[(s, a)] = v
    return rate


def write_migration_profiles(m, r_between, r_emi, iprof):
    nl_net = nl_net_rates()
    kg = read("hardenberg_kern_age_sex_5yr_2021.csv")
    gp = {}
    for r in kg:
        lo = int(r["age_group"].split("-")[0].rstrip("+"))
        for s, c in (("M", "population_male"), ("F", "population_female")):
            for key in ("all", r["tier"]):
                gp[(key, s, lo)] = gp.get((key, s, lo), 0.0) + float(r[c])
    tiers = ("town", "middle", "rural")
    area_kerns = {"all": KERN_NAMES}
    for t in tiers:
        area_kerns[t] = [k for k in KERN_NAMES if TIER[k] == t]
    imm_trend = m["imm_trend"]
    res = {}
    for area in ("all",) + tiers:
        rate = net_rate_by_age({(s, lo): gp[(area, s, lo)] for s in SEXES for lo in range(0, 100, 5)}, nl_net)
        pop = {(s, a): sum(POP[(k, s, a)] for k in area_kerns[area]) for s in SEXES for a in AGES}
        out = {k: m["lvl_out"] * r_between[k[1]] * v + m["lvl_emi"] * r_emi[k[1]] * v for k, v in pop.items()}
        net = {k: rate[k] * pop[k] for k in pop}
        res[area] = dict(rate=rate, pop=pop, out=out, net=net)
    # Domestic in-movers' profile: what arrives at each age so that, with the out-flows
    # (Dutch shapes) and the immigrants, the municipal net by age is the estimated one.
    a = res["all"]
    raw = {k: a["out"][k] - imm_trend * iprof[k] + a["net"][k] for k in a["pop"]}
    neg = -sum(min(0.0, v) for v in raw.values())
    raw = {k: max(0.0, v) for k, v in raw.items()}
    tot = sum(raw.values())
    dprof = {k: v / tot for k, v in raw.items()}
    txt = round_shares(dprof)
    rows = [[s, x, txt[(s, x)]] for s in SEXES for x in AGES]
    chk = sum(int(r[2][2:]) for r in rows) / 1e8
    groups = [(lo, lo + 4) for lo in range(0, 65, 5)]
    net5 = ", ".join("%d-%d %+.0f" % (lo, hi, sum(a["net"][(s, x)] for s in SEXES for x in range(lo, hi + 1)))
                     for lo, hi in groups)
    rate5 = {s: ", ".join("%d %+.2f%%" % (c, 100 * a["rate"][(s, c)]) for c in range(5, 65, 5)) for s in SEXES}
    mean_age = sum((x + 0.5) * v for (s, x), v in dprof.items())
    note("net migration by age (cohort-ratio, per year, 2021 structure): total %+.0f; %s; "
         "in-profile mean age %.1f, negatives clipped %.1f" % (sum(a["net"].values()), net5, mean_age, neg))
    write_csv("migration_domestic_in_profile.csv", [
        "migration_domestic_in_profile.csv: age-sex distribution of people moving INTO",
        "Hardenberg from other Dutch municipalities (domestic_in; also who fills spare homes",
        "in the housing-led view); all 202 shares sum to 1 (8 decimals; the written values",
        "sum to exactly %.8f, rounding residual on the largest share)." % chk,
        "Written by %s; do not edit by hand." % SCRIPT,
        "ESTIMATED: no flows by age exist for Hardenberg.  (1) Net migration by age, from the",
        "  1 Jan 2021 age structure against the Dutch one (cohort-ratio method): between two",
        "  five-year groups the municipality's share of the Dutch cohort changes by",
        "  ln(R(g+5)/R(g))/5 a year (R = Hardenberg / Netherlands, CBS PC4 groups and 03759ned),",
        "  plus the Dutch net rate of those ages 2012-2019 (cohort change beyond survival,",
        "  03759ned; none from 50 on); smoothed 1-4-1, at the transition's centre age,",
        "  interpolated over single ages, none above %d (there the ratio reflects mortality" % NET_MAX_CENTRE,
        "  and old cohorts, not today's moves).  Assumes the pattern relative to the Netherlands",
        "  was stable for the cohorts alive in 2021.  Net a year per person at centre ages:",
        "  men %s;" % rate5["M"],
        "  women %s." % rate5["F"],
        "  On the 2021 population: %s persons a year (total %+.0f): the loss" % (net5, sum(a["net"].values())),
        "  of young adults (women leave at 17-22, men at 18-27) and the gain of families.",
        "(2) In-movers at age x = out-movers (domestic out-rates and emigration rates, Dutch",
        "  shapes, at their levels) + the net of (1) - immigrants (their profile x %.0f), on" % imm_trend,
        "  the 2021 population; %.1f persons of negative values set to 0; normalised." % neg,
        "  So with the model's out-flows the net by age has the shape of (1); a different total",
        "  in-flow adds or removes movers in the Dutch out-movers' mix.  Mean age %.1f." % mean_age,
        "  (The Dutch movers' mix is migration_movers_profile.csv.)",
    ], ["sex", "age", "share"], rows)
    # Where in-movers settle: tier shares from the same method per tier.
    need = {t: sum(res[t]["out"].values()) + sum(res[t]["net"].values()) for t in tiers}
    shares = {t: need[t] / sum(need.values()) for t in tiers}
    popt = {t: sum(res[t]["pop"].values()) for t in tiers}
    popsh = {t: popt[t] / sum(popt.values()) for t in tiers}
    dist = {}
    for t in tiers:
        for k in area_kerns[t]:
            dist[k] = shares[t] * POPK[k] / popt[t]
    dtxt = round_shares(dist)
    note("in-movers by tier (need = out + net, 2021): %s; population shares %s"
         % ({t: round(v, 4) for t, v in shares.items()}, {t: round(v, 4) for t, v in popsh.items()}))
    write_csv("migration_in_distribution.csv", [
        "migration_in_distribution.csv: share of the municipality's in-movers (domestic_in and",
        "immigration) that settles in each kern, in the trend view.",
        "Written by %s; do not edit by hand." % SCRIPT,
        "ESTIMATED, a demographic assumption (where homes become available decides only in",
        "  the housing-led view).  Per tier, the in-movers the 2021 structure implies: the",
        "  tier's out-movers (the model's out-rates on its 2021 population) plus its net",
        "  migration estimated as in migration_domestic_in_profile.csv from the tier's own",
        "  five-year structure against the Dutch one.  Tier shares: %s (population shares"
        % ", ".join("%s %.4f" % (t, shares[t]) for t in tiers),
        "  %s).  Within a tier, by the kern's 2021 population."
        % ", ".join("%s %.4f" % (t, popsh[t]) for t in tiers),
        "  Net a year from the structure: %s."
        % ", ".join("%s %+.0f" % (t, sum(res[t]["net"].values())) for t in tiers),
    ], ["kern", "share"], [[k, dtxt[k]] for k in KERN_NAMES])
    return dprof, shares


# ---------------------------------------------------------------- households

HEAD = {}                            # (sex, age) -> (headship_rate, institutional_share)
HEAD_K = [0.0]                       # the allowance k for other household members


def build_headship():
    rows = read("nl_household_position_age_sex_2019.csv")
    raw = 0.0
    other = 0.0
    for r in rows:
        raw += float(r["living_alone"]) + float(r["cohabiting"]) / 2 + float(r["single_parent"])
        if int(r["age_lo"]) >= 15:       # children are never counted as heads
            other += float(r["other_member"])
    ref = {r["region"] + r["indicator"] + r["year"]: float(r["value"])
           for r in read("regional_households_dwellings_reference.csv")}
    nl_hh_2019 = ref["Nederland" + "private_households" + "2019"]
    k_other = (nl_hh_2019 - raw) / other
    HEAD_K[0] = k_other
    for r in rows:
        lo = int(r["age_lo"])
        hi = OMEGA if lo == 95 else lo + 4
        priv = float(r["private_total_derived"])
        heads = (float(r["living_alone"]) + float(r["cohabiting"]) / 2
                 + float(r["single_parent"])
                 + (k_other * float(r["other_member"]) if lo >= 15 else 0.0))
        h = heads / priv
        inst = float(r["rate_institutional"])
        for a in range(lo, hi + 1):
            HEAD[(r["sex"], a)] = (h, inst)
    # Check on the Dutch 2019 single-age population.
    check = sum(nl_pop_open(2019, s, a) * (1 - HEAD[(s, a)][1]) * HEAD[(s, a)][0]
                for s in SEXES for a in AGES)
    note("headship: NL 2019 raw heads %.0f, other members %.0f, allowance k %.4f "
         "(%.0f households = %.2f%%), check on single ages %.0f vs CBS %.0f"
         % (raw, other, k_other, k_other * other, 100 * k_other * other / nl_hh_2019,
            check, nl_hh_2019))
    return dict(raw=raw, other=other, k=k_other, nl=nl_hh_2019, check=check)


def write_headship(hinfo):
    out = [[s, a, "%.5f" % HEAD[(s, a)][0], "%.5f" % HEAD[(s, a)][1]] for s in SEXES for a in AGES]
    write_csv("headship_nl_2019.csv", [
        "headship_nl_2019.csv: household reference persons per person living in a private",
        "household (headship_rate), and the share of the population living in an institution",
        "(institutional_share), by sex and single year of age (0..99, 100 = 100+).",
        "Written by %s; do not edit by hand." % SCRIPT,
        "Source: ../shared/data/nl_household_position_age_sex_2019.csv: Netherlands, 1 Jan 2019,",
        "  persons by position in the household (CBS 71488ned, exact) by sex and five-year age",
        "  group; population from CBS 03759ned; institutional = population - private (derived).",
        "Derived: headship = (living alone + cohabiting / 2 + parent in single-parent household",
        "  + k x other household member aged 15+) / persons in private households.",
        "  k = %.4f: ESTIMATED allowance for other multi-person households (people sharing" % hinfo["k"],
        "  without a partner or child relation), chosen so that the rates reproduce the CBS",
        "  number of private households in 2019 (70072ned: %s).  Without it the positions give" % format(int(hinfo["nl"]), ","),
        "  %s households; the allowance adds %s (%.2f%% of households)."
        % (format(int(round(hinfo["raw"])), ","), format(int(round(hinfo["k"] * hinfo["other"])), ","),
           100 * hinfo["k"] * hinfo["other"] / hinfo["nl"]),
        "  institutional_share = rate_institutional of the source.",
        "ESTIMATED single ages: step functions, each age takes the value of its five-year",
        "  group (95+ for 95..100).  Households therefore jump slightly at group boundaries.",
        "Check: applied to the Dutch population of 1 Jan 2019 by single age these rates give",
        "  %s private households (CBS 70072ned 2019: %s)." % (format(int(round(hinfo["check"])), ","),
                                                           format(int(hinfo["nl"]), ",")),
    ], ["sex", "age", "headship_rate", "institutional_share"], out)


# Twenterand (GM1700) population on 1 January by the age groups of CBS 70072ned, copied
# from github.com/leme-leme/vjenne data/cbs/leeftijdsopbouw_twenterand.json at commit
# eb56d76529bc76616d12eb2802794d57bb1a3d10 (the same repository as
# ../shared/data/twenterand_kerncijfers_2003_2025.csv): 0-4, 5-9, 10-14, 15-19, 20-24,
# 25-44, 45-64, 65-79, 80+.  Used only to take the age-structure change out of
# Twenterand's fall in household size.
TW_GROUPS = [(0, 4), (5, 9), (10, 14), (15, 19), (20, 24), (25, 44), (45, 64), (65, 79), (80, 200)]
TW_AGES = {2010: [2198, 2466, 2212, 2056, 1986, 8898, 8990, 3696, 1078],
           2025: [1661, 1869, 2167, 2251, 2212, 7693, 9059, 5509, 1692]}
HEADSHIP_YEARS = range(2021, 2051)
POSITIONS = ("child_living_at_home", "living_alone", "cohabiting", "single_parent", "other_member")


def households_per_person_change(region, years):
    """ln of (households / population) from years[0] to years[1] for a region, and the
    part of it that the change of the age structure explains at the Dutch 2019 rates."""
    kc = {(r["region"], int(r["year"])): r for r in read("nl_overijssel_kerncijfers_70072ned_2003_2025.csv")}
    tw = {int(r["year"]): r for r in read("twenterand_kerncijfers_2003_2025.csv")}
    y0, y1 = years

    def hpp_nl_rates(y, groups=None):
        """Households per person at the 2019 rates, on the Dutch structure of year y, or
        on broad groups whose inside follows the Dutch structure."""
        if groups is None:
            hh = sum(nl_pop_open(y, s, a) * (1 - HEAD[(s, a)][1]) * HEAD[(s, a)][0]
                     for s in SEXES for a in AGES)
            return hh / sum(nl_pop_open(y, s, a) for s in SEXES for a in AGES)
        hh = n = 0.0
        for (lo, hi), count in zip(TW_GROUPS, groups):
            ages = [a for a in AGES if lo <= a <= hi]
            gp = sum(nl_pop_open(y, s, a) for s in SEXES for a in ages)
            gh = sum(nl_pop_open(y, s, a) * (1 - HEAD[(s, a)][1]) * HEAD[(s, a)][0]
                     for s in SEXES for a in ages)
            hh += count * gh / gp
            n += count
        return hh / n

    if region == "Twenterand":
        obs = [float(tw[y]["private_households"]) / float(tw[y]["population_1jan"]) for y in years]
        comp = [hpp_nl_rates(y, TW_AGES[y]) for y in years]
    else:   # Overijssel: no ages in the data; the Dutch age-structure change stands in
        obs = [float(kc[(region, y)]["private_households"]) / float(kc[(region, y)]["population_1jan"])
               for y in years]
        comp = [hpp_nl_rates(y) for y in years]
    return math.log(obs[1] / obs[0]), math.log(comp[1] / comp[0])


def headship_trend():
    """ESTIMATED change of headship by sex and age, 2021-2050 (see write_headship_trend)."""
    rows = read("nl_household_position_age_sex_2019.csv")
    tot = {(r["region"], int(r["year_1jan"]), r["position"]): float(r["persons"])
           for r in read("household_position_totals.csv")}
    obs_name = {"child_living_at_home": "child_living_at_home", "living_alone": "living_alone",
                "cohabiting": "cohabiting_total", "single_parent": "parent_in_single_parent_household",
                "other_member": "other_household_member"}
    # (1) Speed: the fall in household size in Overijssel and Twenterand 2010-2025 that
    #     the age structure does not explain, per year.
    fit = {}
    for region in ("Overijssel", "Twenterand"):
        total, comp = households_per_person_change(region, (2010, 2025))
        fit[region] = dict(total=total, comp=comp, resid=(total - comp) / 15.0)
    nl_total, nl_comp = households_per_person_change("Nederland", (2010, 2025))
    fit["Nederland"] = dict(total=nl_total, comp=nl_comp, resid=(nl_total - nl_comp) / 15.0)
    speed = 0.5 * (fit["Overijssel"]["resid"] + fit["Twenterand"]["resid"])
    # (2) Age pattern: how the Dutch population moved between positions 2019 -> 2025
    #     beyond its age structure (CBS 71488ned 2019 by age and 2025 totals).
    def grp(y, s, lo):
        hi = lo + 4 if lo < 95 else 200
        return sum(NLPOP.get((y, s, a), 0) for a in range(lo, hi + 1))
    share0 = {}
    for r in rows:
        priv = float(r["private_total_derived"])
        share0[(r["sex"], int(r["age_lo"]))] = {p: float(r[p]) / priv for p in POSITIONS}

    def national_shares(g, y):
        """Shares of the positions among the Dutch private population of year y when
        every sex-age group shifts its 2019 mix at the rates g (per year)."""
        out = dict.fromkeys(POSITIONS, 0.0)
        for r in rows:
            key = (r["sex"], int(r["age_lo"]))
            w = {p: share0[key][p] * math.exp(g[p] * (y - 2019)) for p in POSITIONS}
            n = sum(w.values())
            priv = grp(y, r["sex"], key[1]) * float(r["private_total_derived"]) / float(r["population_03759ned"])
            for p in POSITIONS:
                out[p] += priv * w[p] / n
        t = sum(out.values())
        return {p: v / t for p, v in out.items()}
    obs = {p: tot[("Nederland", 2025, obs_name[p])] for p in POSITIONS}
    obs_share = {p: v / sum(obs.values()) for p, v in obs.items()}
    g = dict.fromkeys(POSITIONS, 0.0)
    for _ in range(200):     # fit the 2025 mix of positions among private persons
        sh = national_shares(g, 2025)
        for p in POSITIONS:
            g[p] += math.log(obs_share[p] / sh[p]) / 6.0
    weight = {"child_living_at_home": 0.0, "living_alone": 1.0, "cohabiting": 0.5,
              "single_parent": 1.0, "other_member": HEAD_K[0]}

    def h(s, lo, t, lam):
        sh = share0[(s, lo)]
        w = {p: sh[p] * math.exp(lam * g[p] * (t - 2019)) for p in POSITIONS}
        n = sum(w.values())
        return sum(weight[p] * w[p] for p in POSITIONS) / n if n > 0 else 0.0

    def ratios(lam, t):
        return {(s, lo): (h(s, lo, t, lam) / h(s, lo, 2021, lam) if h(s, lo, 2021, lam) > 0 else 1.0)
                for (s, lo) in share0}

    def hh_change(lam):
        """ln(households 2040 / 2021) at Hardenberg's 2021 structure, per year."""
        r = ratios(lam, 2040)
        base = new = 0.0
        for k in KERN_NAMES:
            for s in SEXES:
                for a in AGES:
                    x = POP[(k, s, a)] * (1 - HEAD[(s, a)][1]) * HEAD[(s, a)][0]
                    base += x
                    new += x * r[(s, min(a // 5 * 5, 95))]
        return math.log(new / base) / 19.0
    # The change rises with lambda up to about 4 (beyond, the young who stay at home
    # outweigh the rest): solve on [0, 3], where it is monotone.
    lo_l, hi_l = 0.0, 3.0
    assert hh_change(lo_l) < speed < hh_change(hi_l)
    for _ in range(100):
        mid = 0.5 * (lo_l + hi_l)
        if hh_change(mid) < speed:
            lo_l = mid
        else:
            hi_l = mid
    lam = 0.5 * (lo_l + hi_l)
    table = {t: ratios(lam, t) for t in HEADSHIP_YEARS}
    nat = hh_change(1.0)
    # Cross-check of the young: Dutch headship at single ages 20 and 21, 2010 and 2018
    # (the CBS 37620 fragments give every position for those ages and years).
    frag = {(int(r["year_1jan"]), int(r["age"])): r
            for r in read("nl_household_position_single_age_37620_fragments.csv")
            if r["age"].isdigit() and 20 <= int(r["age"]) <= 21 and r["year_1jan"] in ("2010", "2018")}
    young = {}
    for a in (20, 21):
        hs = []
        for y in (2010, 2018):
            r = frag[(y, a)]
            hs.append((float(r["living_alone"]) + float(r["cohabiting"]) / 2 + float(r["single_parent"])
                       + HEAD_K[0] * float(r["other_member"])) / float(r["private_total"]))
        young[a] = math.log(hs[1] / hs[0]) / 8.0
    note("headship trend: residual fall of household size net of age structure 2010-2025, "
         "per year: Overijssel %.4f%%, Twenterand %.4f%%, NL %.4f%% (total NL %.4f, age "
         "structure %.4f); speed %.4f%%/yr; position trends 2019-2025 %s; lambda %.3f; "
         "at lambda 1 (the national pattern) %.4f%%/yr"
         % (100 * fit["Overijssel"]["resid"], 100 * fit["Twenterand"]["resid"],
            100 * fit["Nederland"]["resid"], nl_total, nl_comp, 100 * speed,
            {p: round(100 * v, 3) for p, v in g.items()}, lam, 100 * nat))
    return dict(fit=fit, speed=speed, g=g, lam=lam, table=table, nat=nat, young=young)


def write_headship_trend(ht):
    out = []
    for t in HEADSHIP_YEARS:
        for s in SEXES:
            for a in AGES:
                out.append([t, s, a, "%.6f" % ht["table"][t][(s, min(a // 5 * 5, 95))]])
    t40 = ht["table"][2040]
    ex = ", ".join("%s %d-%d %.3f" % (s, lo, lo + 4, t40[(s, lo)])
                   for s in SEXES for lo in (20, 30, 45, 65, 80))
    f = ht["fit"]
    write_csv("headship_trend_2021_2050.csv", [
        "headship_trend_2021_2050.csv: ESTIMATED change of the headship rates by year, sex",
        "and age: headship(year) = headship_nl_2019 x headship_ratio, ratio 1 in 2021 (the",
        "base year, calibrated per kern to the 2021 households).",
        "Written by %s; do not edit by hand." % SCRIPT,
        "Why: constant headship keeps the household size of every age group at its 2019",
        "  level; the fall in household size that is not ageing then stops.  No age-specific",
        "  household forecast could be retrieved (CBS 85085NED/37888ned pages give totals and",
        "  single age groups only), so the trend is ESTIMATED from the observed series:",
        "(1) Speed, fitted to the observed fall in households per person 2010-2025 net of",
        "  age-structure change (CBS 70072ned, 03759ned; the 2019 Dutch headship rates on each",
        "  year's age structure give the part that ageing explains):",
        "  Overijssel %+.2f%% in all, %+.2f%% from age structure (the Dutch one: no ages in the"
        % (100 * f["Overijssel"]["total"], 100 * f["Overijssel"]["comp"]),
        "  data) -> %.3f%% a year; Twenterand %+.2f%%, %+.2f%% from its own age groups (70072ned"
        % (100 * f["Overijssel"]["resid"], 100 * f["Twenterand"]["total"], 100 * f["Twenterand"]["comp"]),
        "  via leme-leme/vjenne @ eb56d765, inside the groups the Dutch structure) -> %.3f%% a"
        % (100 * f["Twenterand"]["resid"]),
        "  year.  Mean: %.3f%% more households per person a year at a fixed age structure."
        % (100 * ht["speed"]),
        "  (The Netherlands: %+.2f%% in all, %+.2f%% from ageing -> %.3f%% a year: the regions"
        % (100 * f["Nederland"]["total"], 100 * f["Nederland"]["comp"], 100 * f["Nederland"]["resid"]),
        "  fell faster; Twenterand's broad groups may leave some ageing in its residual.)",
        "(2) Age pattern: the Dutch shift between positions in the household 2019 -> 2025",
        "  beyond the age structure: each sex-age group keeps its 2019 mix of positions",
        "  (CBS 71488ned) and shifts it at one rate per position, fitted so that on the",
        "  2025 population (03759ned) the mix of the Dutch private population is that of the",
        "  2025 totals of 71488ned; relative rates a year: %s."
        % ", ".join("%s %+.2f%%" % (p.replace("_", " "), 100 * v) for p, v in ht["g"].items()),
        "  The shift of (2) runs at these rates",
        "  times %.2f (so that the speed is that of (1)); headship = living alone + cohabiting"
        % ht["lam"],
        "  / 2 + single parent + 0.1859 x other member, per person in a private household.",
        "  More living alone and fewer partners raise headship most at ages 25-80; more",
        "  young adults at home lower it a little below 25.  The institutional share is held",
        "  at 2019 (its 2025 count includes reception centres).",
        "Ratios 2040: %s." % ex,
        "Cross-check of the young: Dutch headship at age 20 changed %+.2f%% a year and at 21"
        % (100 * ht["young"][20]),
        "  %+.2f%% a year from 2010 to 2018 (CBS 37620, every position at those ages); this file"
        % (100 * ht["young"][21]),
        "  has 20-24 at %+.2f%% (men) and %+.2f%% (women) a year to 2040."
        % (100 * math.log(t40[("M", 20)]) / 19, 100 * math.log(t40[("F", 20)]) / 19),
        "  From 2050 on the 2050 ratios hold.  Constant headship is households.headship_ratios:",
        "  constant in the model file.",
    ], ["year", "sex", "age", "headship_ratio"], out)


def households(hinfo):
    nlrate = {}
    private = {}
    for k in KERN_NAMES:
        nlrate[k] = sum(POP[(k, s, a)] * (1 - HEAD[(s, a)][1]) * HEAD[(s, a)][0]
                        for s in SEXES for a in AGES)
        private[k] = sum(POP[(k, s, a)] * (1 - HEAD[(s, a)][1]) for s in SEXES for a in AGES)
    tot_nl = sum(nlrate.values())
    tw = {int(r["year"]): r for r in read("twenterand_kerncijfers_2003_2025.csv")}
    ref = {r["region"] + r["indicator"] + r["year"]: float(r["value"])
           for r in read("regional_households_dwellings_reference.csv")}
    kc = {(r["region"], int(r["year"])): r for r in read("nl_overijssel_kerncijfers_70072ned_2003_2025.csv")}
    tw_ratio = float(tw[2021]["private_households"]) / float(tw[2021]["dwelling_stock_1jan_82550NED"])
    ov_ratio = float(kc[("Overijssel", 2021)]["private_households"]) / ref["Overijssel" + "dwelling_stock_1jan" + "2021"]
    ratio = 0.5 * (tw_ratio + ov_ratio)
    muni = int(round(DWELLINGS_2021 * ratio))
    factor = muni / tot_nl
    hh = largest_remainder({k: nlrate[k] * factor for k in KERN_NAMES}, muni)
    priv_tot = sum(private.values())
    avg = priv_tot / muni
    tw_avg = float(tw[2021]["avg_household_size"])
    ov_avg = float(kc[("Overijssel", 2021)]["avg_household_size"])
    tw_ppd = float(tw[2021]["population_1jan"]) / float(tw[2021]["dwelling_stock_1jan_82550NED"])
    note("households: NL-rate total %.0f (avg %.3f); Twenterand hh/dw %.4f, Overijssel %.4f; "
         "municipal estimate %d; factor %.4f; private pop %.0f; avg size %.3f; institutional %.0f"
         % (tot_nl, priv_tot / tot_nl, tw_ratio, ov_ratio, muni, factor, priv_tot, avg,
            CBS_POP_2021 - priv_tot))
    out = [[k, hh[k]] for k in KERN_NAMES]
    write_csv("households_2021_estimate.csv", [
        "households_2021_estimate.csv: ESTIMATED number of private households per kern on",
        "1 January 2021.  No count exists (README 'Not available' items 1-2).",
        "Written by %s; do not edit by hand." % SCRIPT,
        "Method: (1) each kern's population (population_2021.csv) times (1 - institutional",
        "  share) times the Dutch 2019 headship rates (headship_nl_2019.csv), by sex and age,",
        "  gives %s households for the municipality (average size %.2f): the Dutch," % (format(int(round(tot_nl)), ","), priv_tot / tot_nl),
        "  largely urban, propensity to live alone.  (2) All kernen are scaled by one factor,",
        "  %.4f, to a municipal estimate of %s households, which is the dwelling stock" % (factor, format(muni, ",")),
        "  (25,177 on 31 Dec 2020, CBS 81955NED) x %.4f, the mean of the households-per-dwelling" % ratio,
        "  ratios on 1 Jan 2021 of Twenterand (%.4f: 13,253 / 13,847, CBS 70072ned/82550NED) and" % tw_ratio,
        "  of Overijssel (%.4f: 512,031 / 514,993, CBS 70072ned).  (3) Integers by largest" % ov_ratio,
        "  remainder.  Justification: Hardenberg's persons per dwelling (2.44 at end 2020) equal",
        "  Twenterand's (%.2f), its rural comparator next door, but it has two towns with more" % tw_ppd,
        "  one-person households; Overijssel (2.24 persons per household) includes the cities.",
        "  Result: average private household size %.2f (%s persons in private households);" % (avg, format(int(round(priv_tot)), ",")),
        "  Twenterand %.2f, Overijssel %.2f in 2021.  It lies inside the bracket of" % (tw_avg, ov_avg),
        "  ../shared/data/hardenberg_households_2021_estimate_derived.csv, 24,109 (Oldebroek 2025",
        "  rates) to 27,353 (Dutch 2019 rates), and below the dwelling stock, leaving %.1f%% of" % (100 * (1 - ratio)),
        "  dwellings without a private household (vacancy, second homes; nearby municipalities",
        "  have 2-3% vacancy).  Uncertainty of the municipal figure: roughly +-3%.",
        "Assumption: all kernen have the same ratio of actual to Dutch-rate households, so",
        "  kernen differ only by their age-sex structure.",
    ], ["kern", "households"], out)
    return hh, muni, avg, tot_nl, ratio


def write_dwellings(hh):
    dw = largest_remainder({k: float(hh[k]) for k in KERN_NAMES}, DWELLINGS_2021)
    tiers = {}
    for k in KERN_NAMES:
        tiers[TIER[k]] = tiers.get(TIER[k], 0) + dw[k]
    note("dwellings: total %d; by tier %s" % (sum(dw.values()), tiers))
    write_csv("dwellings_2021_estimate.csv", [
        "dwellings_2021_estimate.csv: ESTIMATED dwelling stock per kern on 1 January 2021.",
        "Only the municipal total is published (README 'Not available' item 1).",
        "Written by %s; do not edit by hand." % SCRIPT,
        "Municipal total: 25,177 dwellings on 31 Dec 2020 (CBS 81955NED, via",
        "  ../shared/data/overijssel_dwelling_stock_newbuild_2012_2016_2020_2024.csv).",
        "Method: the total is shared out in proportion to the estimated private households",
        "  per kern (households_2021_estimate.csv), integers by largest remainder, so every",
        "  kern has the same households-per-dwelling ratio.  ASSUMPTION: vacancy, second",
        "  homes and non-household dwellings are spread like the households (likely",
        "  somewhat more dwellings per household in the countryside in reality).",
        "By tier: town %d, middle %d, rural %d (sum %d)."
        % (tiers["town"], tiers["middle"], tiers["rural"], sum(dw.values())),
    ], ["kern", "dwellings"], [[k, dw[k]] for k in KERN_NAMES])
    return dw, tiers


# ------------------------------------------------- plans and observations
#
# input/plans.csv (the plan lists) and input/observations.csv (what has been
# counted) are tables the team maintains by hand each year (README, "Updating the
# model"); this script no longer writes them.  It checks them: every observation
# that cites a file of ../shared/data must equal that file's figure, and the plan
# lists must be complete and consistent.  It also prints what the named plans built
# between the lists, against the observed completions (the model's rate of small
# plans and infill, pipeline.small_plans).

PHASES = ["idea", "soft", "adopted", "irrevocable", "permit", "construction", "completed"]
SEGMENTS = ["social_rent", "mid_rent", "owner", "mixed"]


def observation_rows():
    """The observations the public data give: (measure, from, to, value)."""
    rows = []

    def add(measure, frm, to, value):
        rows.append((measure, str(frm), str(to), int(value)))

    for r in read("hardenberg_population_37230ned_points.csv"):
        add("population", "%d-12-31" % int(r["date"][:4]), "", r["population"])
    for r in read("overijssel_dwelling_stock_newbuild_2012_2016_2020_2024.csv"):
        if r["municipality"] != "Hardenberg":
            continue
        y = int(r["year"])
        add("dwellings", "%d-01-01" % y, "", r["dwelling_stock_begin_1jan"])
        add("dwellings", "%d-12-31" % y, "", r["dwelling_stock_end_31dec"])
        add("completions", y, y, r["new_build"])
    for r in read("hardenberg_completions_reported.csv"):
        if r["year"] in ("2017", "2018"):
            add("completions", r["year"], r["year"], r["new_homes"])
    for r in read("births_by_mother_age_2010_2015.csv"):
        if r["region"] == "Hardenberg" and int(r["year"]) < 2012:
            add("births", r["year"], r["year"], r["births_total"])
    annual = read("hardenberg_flows_annual.csv")
    cols = (("births", "births"), ("deaths", "deaths"),
            ("domestic_in", "in_from_other_municipality"),
            ("domestic_out", "out_to_other_municipality"),
            ("immigration", "immigration"), ("emigration", "emigration"))
    fl = [x for x in annual if 2012 <= int(x["year"]) <= 2016]
    for r in annual:
        y = int(r["year"])
        if 2012 <= y <= 2016:
            for m, c in cols:
                add(m, y, y, r[c])
        if y == 2020:
            # ESTIMATE: the gross in- and out-flows split by the 2012-2016 shares
            si = (sum(int(x["in_from_other_municipality"]) for x in fl)
                  / sum(int(x["in_from_other_municipality"]) + int(x["immigration"]) for x in fl))
            so = (sum(int(x["out_to_other_municipality"]) for x in fl)
                  / sum(int(x["out_to_other_municipality"]) + int(x["emigration"]) for x in fl))
            gin, gout = int(r["gross_in_total"]), int(r["gross_out_total"])
            add("births", y, y, r["births"])
            add("domestic_in", y, y, round(gin * si))
            add("immigration", y, y, gin - round(gin * si))
            add("domestic_out", y, y, round(gout * so))
            add("emigration", y, y, gout - round(gout * so))
    for r in read("hardenberg_deaths_2002_2021.csv"):
        y = int(r["year"])
        if y < 2012 or y > 2016:
            add("deaths", y, y, r["deaths_hardenberg"])
    return rows


def load_table(name):
    with open(os.path.join(OUT, name), encoding="utf-8") as fh:
        return list(csv.DictReader([l for l in fh if not l.startswith("#") and l.strip()]))


def check_observations():
    """Every row citing ../shared/data equals the data; returns the problems."""
    want = {(m, f, t): v for m, f, t, v in observation_rows()}
    bad, seen = [], set()
    for r in load_table("observations.csv"):
        if "shared/data/" not in r["source"] or r["scope"] != "municipality":
            continue                    # a row the team added later
        key = (r["measure"], r["from"], r["to"])
        seen.add(key)
        if key not in want:
            bad.append("observations.csv: %s %s-%s is not in ../shared/data" % key)
        elif abs(float(r["value"]) - want[key]) > 1e-9:
            bad.append("observations.csv: %s %s-%s is %s, ../shared/data says %d"
                       % (key + (r["value"], want[key])))
    for key in sorted(set(want) - seen):
        bad.append("observations.csv lacks %s %s-%s" % key)
    print("check observations.csv against ../shared/data: %d rows, %d problems"
          % (len(seen), len(bad)))
    return bad


def check_plans():
    """The plan lists: known kernen and phases, built <= units, one row per plan and
    list; prints what the named plans built between the lists."""
    bad, lists = [], {}
    for r in load_table("plans.csv"):
        lists.setdefault(r["status_date"], {})
        if r["plan_id"] in lists[r["status_date"]]:
            bad.append("plans.csv: %s twice in the list of %s" % (r["plan_id"], r["status_date"]))
        lists[r["status_date"]][r["plan_id"]] = r
        if r["kern"] not in KERN_NAMES or r["phase"] not in PHASES or r["segment"] not in SEGMENTS:
            bad.append("plans.csv: %s: kern, phase or segment unknown" % r["plan_id"])
        if not 0 <= float(r["built"]) <= float(r["units"]):
            bad.append("plans.csv: %s: built outside [0, units]" % r["plan_id"])
        if (r["phase"] == "completed") != (float(r["built"]) == float(r["units"])):
            bad.append("plans.csv: %s: completed exactly when built = units" % r["plan_id"])
    dates = sorted(lists, key=lambda d: d.split("-")[::-1] if len(d.split("-")[0]) < 4 else d.split("-"))
    for a, b in zip(dates, dates[1:]):
        named = sum(float(p["built"]) - float(lists[a].get(k, {"built": 0})["built"])
                    for k, p in lists[b].items())
        note("plans: the named plans built %.0f homes between the lists of %s and %s" % (named, a, b))
    for d in dates:
        rest = sum(float(p["units"]) - float(p["built"]) for p in lists[d].values())
        note("plans: list of %s: %d plans, %.0f homes still to come" % (d, len(lists[d]), rest))
    print("check plans.csv: %d lists, %d problems" % (len(lists), len(bad)))
    return bad


# ---------------------------------------------------------------------- checks

POPK = {}


def verify(dw):
    """Read the written files back and check them."""
    ok = True

    def load(name):
        with open(os.path.join(OUT, name), encoding="utf-8") as fh:
            lines = [l for l in fh if not l.startswith("#") and l.strip()]
        return list(csv.DictReader(lines))

    def fail(msg):
        nonlocal ok
        ok = False
        print("CHECK FAILED: " + msg)

    pop = load("population_2021.csv")
    keys = [(r["kern"], r["sex"], int(r["age"])) for r in pop]
    if len(keys) != len(set(keys)) or set(keys) != {(k, s, a) for k in KERN_NAMES for s in SEXES for a in AGES}:
        fail("population: not every kern x sex x age exactly once")
    tot = sum(float(r["persons"]) for r in pop)
    if abs(tot - CBS_POP_2021) > 0.05:
        fail("population total %.4f" % tot)
    print("check population total: %.2f (target %d), %d rows" % (tot, CBS_POP_2021, len(pop)))
    d = load("dwellings_2021_estimate.csv")
    dsum = sum(int(r["dwellings"]) for r in d)
    if dsum != DWELLINGS_2021:
        fail("dwellings %d" % dsum)
    print("check dwellings total: %d (target %d)" % (dsum, DWELLINGS_2021))
    for name in ("migration_movers_profile.csv", "migration_immigrants_profile.csv"):
        pr = load(name)
        s = sum(float(r["share"]) for r in pr)
        if abs(s - 1) > 1e-6 or len(pr) != 202:
            fail("%s sum %.9f rows %d" % (name, s, len(pr)))
        print("check %s: sum %.9f, %d rows" % (name, s, len(pr)))
    for name in os.listdir(OUT):
        if not name.endswith(".csv"):
            continue
        for r in load(name):
            for k, v in r.items():
                if k in ("kern", "sex", "tier", "plan_id", "name", "segment", "phase", "calibrate",
                         "status_date", "measure", "scope", "from", "to", "vintage",
                         "estimated", "source"):
                    continue
                try:
                    x = float(v)
                except (TypeError, ValueError):
                    fail("%s: %s=%r not a number" % (name, k, v))
                    continue
                if math.isnan(x) or math.isinf(x):
                    fail("%s: %s=%r" % (name, k, v))
    print("check no NaN/Inf/empty numeric cells in input/*.csv: done")
    for problem in check_observations() + check_plans():
        fail(problem)
    for name, cols in (("migration_domestic_out_rates.csv", ("sex", "age")),
                       ("migration_emigration_rates.csv", ("sex", "age")),
                       ("migration_internal_rates.csv", ("sex", "age")),
                       ("headship_nl_2019.csv", ("sex", "age"))):
        rr = load(name)
        ks = {(r["sex"], int(r["age"])) for r in rr}
        if len(rr) != 202 or len(ks) != 202:
            fail(name + " not complete")
    imp = load("mortality_improvement_ag2024.csv")
    if len(imp) != 50 * 2 * 100:
        fail("improvement rows %d" % len(imp))
    fert = load("fertility_nl_schedule.csv")
    print("check fertility schedule sum: %.5f" % sum(float(r["births_per_woman"]) for r in fert))
    hh = load("households_2021_estimate.csv")
    print("check households total: %d" % sum(int(r["households"]) for r in hh))
    return ok


def main():
    if not os.path.isdir(DATA):
        sys.exit("prepare_hardenberg: data folder not found: %s" % DATA)
    os.makedirs(OUT, exist_ok=True)
    write_kernen()
    total_raw, factor = build_population()
    for k in KERN_NAMES:
        POPK[k] = sum(POP[(k, s, a)] for s in SEXES for a in AGES)
    write_population(total_raw, factor)
    lt_info = write_life_table()
    write_improvement()
    finfo = build_fertility()
    write_fertility(finfo)
    flev = fertility_level(finfo[0])
    sm = smr()
    nat = natural_2124()
    m, rb, rw, re_ = migration(nat)
    prof, iprof = write_migration(m, rb, rw, re_)
    write_migration_profiles(m, rb, re_, iprof)
    hinfo = build_headship()
    write_headship(hinfo)
    write_headship_trend(headship_trend())
    hh, muni, avg, tot_nl, ratio = households(hinfo)
    dw, tiers = write_dwellings(hh)
    ok = verify(dw)
    print()
    print("Derived numbers:")
    for line in REPORT:
        print("  " + line)
    print("  natural 2021-24: births %s, deaths %s"
          % ({y: round(v) for y, v in nat["births"].items()},
             {y: round(v) for y, v in nat["deaths"].items()}))
    print("  net migration record %s" % [round(x) for x in m["net_rec"]])
    if not ok:
        sys.exit(1)
    print("All checks passed.")


if __name__ == "__main__":
    main()
