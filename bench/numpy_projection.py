#!/usr/bin/python3
"""numpy_projection.py -- a plain, vectorised numpy reference of landstad's trend view.

Benchmark companion: it projects the shipped model (models/hardenberg.yaml) with the
same deterministic cohort-component step as landstad, from the same input files, so
that a benchmark can report landstad's per-run time against a straightforward numpy
implementation, and so that the two can be checked against each other.

Replicated (src/lifetable.c, cohort.c, projection.c, model.c, schedule.c):
  * arrays (kern, sex, age), ages 0..open (open group), sexes in the model's order,
    kernen in the order of the kernen file;
  * survival per step year t: qx(t) = min(1, qx_2022 x smr x qx_ratio(last improvement
    year <= t)); life table with a0 = infant_separation at age 0 and 0.5 otherwise,
    the open group closed with a constant hazard mu = -ln(1 - q_last), T = l_open/mu;
    S[0] = L0/l0, S[x] = L_x/L_{x-1}, S[open] = T/(L_{open-1} + T), also used within
    the open group;
  * births B = 1/2 sum_x asfr(x) (Pf(x) + Nf(x)) with asfr = schedule x TFR(t) /
    sum(schedule) x level, split by the sex ratio at birth, N(0) = B share S[0];
  * migration with `end` timing: rate flows x level(t) x start population (x the
    balanced-gravity origin_mult for the internal flow); total flows: total(t) x
    level(t) x profile x the kern's share of the start population; the calibrated
    level of the calibrate flow in calibrate.from..to (taken from --level or from a
    landstad run.yaml); per-cell clipping as apply_migration; internal in-moves =
    dest^T x applied internal out-moves (balanced gravity on the base population,
    zero diagonal);
  * paths {year: value}: linear between the years given, constant beyond the ends.

Left out: housing, households, the pipeline and the housing-led coupling, Monte Carlo
runs, the calibration solver itself (the level is read, not solved), `even` timing,
`net`/`counts` flows, survival-ratio inputs, per-kern or per-tier smr/levels, year or
kern columns in the input tables (the script stops if the model uses any of them),
the components accounting and all output files.  Reads the YAML with a minimal parser
for the subset the model file uses.

Usage (Debian's numpy, so /usr/bin/python3):
  bench/numpy_projection.py [--model models/hardenberg.yaml] [--level L]
                            [--check DIR] [--runs N]
Prints the load time (inputs, gravity shares, and the survival and fertility arrays of
every step, which landstad also builds once: its projection cache), then
`numpy per-run: X.XXX ms (N runs)` for the year-by-year projection alone.  --check DIR compares
the 1 January populations with DIR/population.csv (a landstad output folder); without
--level the calibrated level is read from DIR/run.yaml (or /tmp/np-ref/run.yaml).
"""

import argparse
import csv
import math
import os
import re
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# ---------------------------------------------------------------- minimal YAML

def _strip_comment(line):
    """Drops a '#' comment that is not inside a quoted scalar."""
    quote = None
    prev = ""  # previous non-blank character outside quotes
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
                prev = ch
            continue
        if ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
        if ch in "\"'" and prev in ("", ":", "-", "[", "{", ","):
            quote = ch
        if not ch.isspace():
            prev = ch
    return line


def _scalar(s):
    s = s.strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "\"'":
        return s[1:-1]
    for conv in (int, float):
        try:
            return conv(s)
        except ValueError:
            pass
    return s


def _flow(s):
    """Parses a flow collection ({k: v, ...}, [a, b], nested) or a plain scalar."""
    pos = 0

    def ws():
        nonlocal pos
        while pos < len(s) and s[pos] in " \t":
            pos += 1

    def atom(stops):
        nonlocal pos
        ws()
        if pos < len(s) and s[pos] in "\"'":
            q = s[pos]
            end = s.index(q, pos + 1)
            v = s[pos + 1:end]
            pos = end + 1
            return v
        start = pos
        while pos < len(s) and s[pos] not in stops:
            pos += 1
        return _scalar(s[start:pos])

    def value(stops):
        nonlocal pos
        ws()
        if pos < len(s) and s[pos] == "{":
            pos += 1
            d = {}
            while True:
                ws()
                if s[pos] == "}":
                    pos += 1
                    return d
                k = atom(":")
                pos += 1  # ':'
                d[k] = value(",}")
                ws()
                if s[pos] == ",":
                    pos += 1
        if pos < len(s) and s[pos] == "[":
            pos += 1
            out = []
            while True:
                ws()
                if s[pos] == "]":
                    pos += 1
                    return out
                out.append(value(",]"))
                ws()
                if s[pos] == ",":
                    pos += 1
        return atom(stops)

    return value("")


_KEY = re.compile(r"^([^\s:'\"{\[][^:]*?):(\s+(.*))?$")


def parse_yaml(text):
    lines = []
    for raw in text.splitlines():
        s = _strip_comment(raw).rstrip()
        if s.strip():
            lines.append([len(s) - len(s.lstrip(" ")), s.strip()])
    pos = 0

    def is_item(i):
        return lines[i][1] == "-" or lines[i][1].startswith("- ")

    def block(ind):
        return seq(ind) if is_item(pos) else mapping(ind)

    def mapping(ind):
        nonlocal pos
        d = {}
        while pos < len(lines) and lines[pos][0] == ind and not is_item(pos):
            m = _KEY.match(lines[pos][1])
            if m is None:
                raise ValueError("cannot parse YAML line: %r" % lines[pos][1])
            key, val = _scalar(m.group(1)), (m.group(3) or "").strip()
            pos += 1
            if val:
                d[key] = _flow(val)
            elif pos < len(lines) and (lines[pos][0] > ind
                                       or (lines[pos][0] == ind and is_item(pos))):
                d[key] = block(lines[pos][0])
            else:
                d[key] = None
        return d

    def seq(ind):
        nonlocal pos
        items = []
        while pos < len(lines) and lines[pos][0] == ind and is_item(pos):
            content = lines[pos][1][1:]
            sub = ind + 1 + len(content) - len(content.lstrip(" "))
            content = content.strip()
            if _KEY.match(content):
                lines[pos] = [sub, content]  # re-read the item as a mapping
                items.append(mapping(sub))
            else:
                items.append(_flow(content))
                pos += 1
        return items

    return block(lines[0][0]) if lines else {}


# ---------------------------------------------------------------- inputs

def read_csv(path):
    """Rows of a landstad CSV as dicts (comment and blank lines skipped)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        body = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(body))


def no_year_or_kern(rows, path):
    if rows and ("year" in rows[0] or "kern" in rows[0]):
        sys.exit("%s: year/kern columns are not replicated by this script" % path)


def path_at(p, year, default):
    """schedule_at: a number, or a {year: value} path, linear, constant beyond ends."""
    if p is None:
        return default
    if not isinstance(p, dict):
        return float(p)
    ys = sorted(p)
    if year <= ys[0]:
        return float(p[ys[0]])
    if year >= ys[-1]:
        return float(p[ys[-1]])
    for i in range(1, len(ys)):
        if year <= ys[i]:
            y0, y1 = ys[i - 1], ys[i]
            w = (year - y0) / (y1 - y0)
            return p[y0] + w * (p[y1] - p[y0])


def calibrated_level(run_yaml):
    with open(run_yaml, encoding="utf-8") as fh:
        text = fh.read()
    m = re.search(r"^calibration:\s*\n(?:[ \t]+.*\n)*?[ \t]+level:\s*([-+0-9.eE]+)", text, re.M)
    return float(m.group(1)) if m is not None else None  # None: the model calibrates nothing


def load(model_path, level):
    """Reads the model and its inputs into arrays; everything per run is in project()."""
    mdir = os.path.dirname(os.path.abspath(model_path))
    with open(model_path, encoding="utf-8") as fh:
        y = parse_yaml(fh.read())
    inp = lambda rel: os.path.join(mdir, rel)

    if y["ages"]["width"] != 1:
        sys.exit("only ages.width 1 is replicated")
    if y["migration"].get("timing", "end") != "end":
        sys.exit("only migration timing 'end' is replicated")
    base, horizon, omega = int(y["base_year"]), int(y["horizon"]), int(y["ages"]["open"])
    A = omega + 1
    sexes = list(y["sexes"])
    S = len(sexes)
    si = {s: i for i, s in enumerate(sexes)}
    female = sexes.index("F")
    years = np.arange(base, horizon + 1)
    steps = years[:-1]
    T = len(steps)

    kern_rows = read_csv(inp(y["geography"]["kernen"]))
    kernen = [r["kern"] for r in kern_rows]
    K = len(kernen)
    ki = {k: i for i, k in enumerate(kernen)}
    xy = np.array([[float(r["x_km"]), float(r["y_km"])] for r in kern_rows])

    def grid(rel, col, kern=False):
        rows = read_csv(inp(rel))
        if not kern:
            no_year_or_kern(rows, rel)
        g = np.zeros((K, S, A) if kern else (S, A))
        for r in rows:
            if r["sex"] not in si:
                continue
            a = int(r["age"])
            if kern:
                g[ki[r["kern"]], si[r["sex"]], a] = float(r[col])
            else:
                g[si[r["sex"]], a] = float(r[col])
        return g

    pop0 = grid(y["population"], "persons", kern=True)

    # Mortality: qx (sex, age 0..n_qx-1) and the improvement ratios per step year.
    mort = y["mortality"]
    lt = read_csv(inp(mort["life_table"]))
    no_year_or_kern(lt, mort["life_table"])
    n_qx = max(int(r["age"]) for r in lt) + 1
    if n_qx != omega:
        sys.exit("only a life table with ages 0..open-1 is replicated")
    qx = np.zeros((S, n_qx))
    for r in lt:
        if r["sex"] in si:
            qx[si[r["sex"]], int(r["age"])] = float(r["qx"])
    ratio = np.ones((T, S, n_qx))
    if mort.get("improvement"):
        by_year = {}
        for r in read_csv(inp(mort["improvement"])):
            a = int(r["age"])
            if r["sex"] in si and a < n_qx:
                by_year.setdefault(int(r["year"]), {})[(si[r["sex"]], a)] = float(r["qx_ratio"])
        iy = sorted(by_year)
        for t, yr in enumerate(steps):
            past = [v for v in iy if v <= yr]  # model_year_index: last year <= t
            if past:
                for (s, a), v in by_year[past[-1]].items():
                    ratio[t, s, a] = v
    smr = float(mort.get("smr", 1.0))
    a0 = float(mort["infant_separation"])

    # Fertility.
    fert = y["fertility"]
    sched = np.zeros(A)
    rows = read_csv(inp(fert["asfr"]))
    no_year_or_kern(rows, fert["asfr"])
    for r in rows:
        sched[int(r["age"])] = float(r["births_per_woman"])
    flevel = float(fert.get("level", 1.0))
    tfr = fert.get("tfr")
    ssum = sched.sum()
    fmult = np.array([flevel * (path_at(tfr, yr, 0) / ssum if tfr else 1.0) for yr in steps])
    srb = np.array([path_at(fert.get("sex_ratio_at_birth"), yr, 1.05) for yr in steps])
    birth_share = np.empty((T, S))
    for s in range(S):
        birth_share[:, s] = 1 / (1 + srb) if s == female else srb / (1 + srb)

    # Migration.
    cal = y.get("calibrate") or {}
    rate = {}   # kind -> (S, A) rates x level per step: (T,) levels
    total = {}  # kind -> (profile (S, A), (T,) total x level)
    dist_of = {}  # kind -> (K,) fixed kern shares of a total flow, or None: by population
    dest = origin_mult = None
    for f in y["migration"]["flows"]:
        kind = f["kind"]
        lv = np.array([path_at(f.get("level"), yr, 1.0) for yr in steps])
        if cal and f["name"] == cal["flow"]:
            if level is None:
                sys.exit("flow %s is calibrated: give --level or --check DIR" % f["name"])
            lv[(steps >= int(cal["from"])) & (steps <= int(cal["to"]))] = level
        if kind in rate or kind in total:
            sys.exit("two flows of kind %s are not replicated" % kind)
        if "rates" in f:
            rate[kind] = (grid(f["rates"], "rate_per_person"), lv)
        elif "total" in f:
            dist_of[kind] = None
            if f.get("distribution", "population") != "population":
                # A fixed share per kern (the file's kern,share rows).
                sh = np.zeros(K)
                for r in read_csv(inp(f["distribution"])):
                    sh[ki[r["kern"]]] = float(r["share"])
                dist_of[kind] = sh
            tot = np.array([path_at(f["total"], yr, 0) for yr in steps])
            total[kind] = (grid(f["profile"], "share"), tot * lv)
        else:
            sys.exit("flow %s: only rates or total are replicated" % f["name"])
        if kind == "internal":
            if f.get("destinations", "gravity") != "gravity":
                sys.exit("only gravity destinations are replicated")
            # gravity_shares: balanced gravity on the base population.
            decay = float(f.get("distance_decay", 2.0))
            pk = pop0.sum(axis=(1, 2))
            dist = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))
            dist = np.maximum(dist, 1.0)
            w = pk[None, :] / dist ** decay
            np.fill_diagonal(w, 0.0)
            z = w.sum(axis=1)
            dest = np.where(z[:, None] > 0, w / np.where(z > 0, z, 1)[:, None], 0.0)
            weighted = (pk * z).sum()
            origin_mult = z * pk.sum() / weighted if weighted > 0 else np.ones(K)
    known = {"emigration", "domestic_out", "internal", "immigration", "domestic_in"}
    bad = (set(rate) | set(total)) - known
    if bad:
        sys.exit("flow kinds %s are not replicated" % sorted(bad))

    def per_step(kind):
        """(T, K|1, S, A) per-person multiplier of a rate flow, or None."""
        if kind not in rate:
            return None
        r, lv = rate[kind]
        m = lv[:, None, None, None] * r[None, None]
        if kind == "internal":
            m = m * origin_mult[None, :, None, None]
        return m

    def per_total(kind):
        """(T, S, A) persons of a total flow before the kern's population share."""
        if kind not in total:
            return None
        prof, tl = total[kind]
        return tl[:, None, None] * prof[None]

    for kind in ("immigration", "domestic_in"):
        if kind in rate:
            sys.exit("rate-based %s is not replicated" % kind)
    for kind in ("emigration", "domestic_out", "internal"):
        if kind in total:
            sys.exit("total-based %s is not replicated" % kind)

    m = dict(years=years, steps=steps, kernen=kernen, sexes=sexes, female=female,
             K=K, S=S, A=A, T=T, pop0=pop0, qx=qx, ratio=ratio, smr=smr, a0=a0,
             sched=sched, fmult=fmult, birth_share=birth_share,
             emi=per_step("emigration"), dout=per_step("domestic_out"),
             iout=per_step("internal"), imm=per_total("immigration"),
             din=per_total("domestic_in"),
             imm_dist=dist_of.get("immigration"), din_dist=dist_of.get("domestic_in"),
             destT=None if dest is None else np.ascontiguousarray(dest.T))
    # Survival and fertility of every step are built once, outside the timed runs,
    # as landstad's projection cache is in bench/bench_projection.c.
    m["surv"] = survival(m)                              # (T, S, A)
    m["asfr"] = m["fmult"][:, None] * m["sched"][None]   # (T, A)
    return m


# ---------------------------------------------------------------- projection

def survival(m):
    """(T, S, A) survival ratios of every step (lifetable_survival, vectorised)."""
    q = np.minimum(m["qx"][None] * m["smr"] * m["ratio"], 1.0)  # (T, S, n_qx)
    n = q.shape[-1]
    l = np.empty(q.shape[:-1] + (n + 1,))
    l[..., 0] = 1.0
    l[..., 1:] = np.cumprod(1.0 - q, axis=-1)
    d = l[..., :-1] * q
    ax = np.full(n, 0.5)
    ax[0] = m["a0"]
    L = l[..., 1:] + ax * d
    qlast = q[..., -1]
    with np.errstate(divide="ignore", invalid="ignore"):
        tail = np.where((qlast >= 1) | (l[..., -1] <= 0), 0.0, l[..., -1] / -np.log1p(-qlast))
    S = np.empty(q.shape[:-1] + (n + 1,))
    S[..., 0] = L[..., 0]
    S[..., 1:n] = L[..., 1:] / L[..., :-1]
    den = L[..., -1] + tail
    S[..., n] = np.where(den > 0, tail / np.where(den > 0, den, 1), 0.0)
    return S


def project(m):
    """One deterministic trend run: (years, kern, sex, age) populations."""
    K, S, A, T, fem = m["K"], m["S"], m["A"], m["T"], m["female"]
    sv, asfr = m["surv"], m["asfr"]
    out = np.empty((T + 1, K, S, A))
    out[0] = m["pop0"]
    P = m["pop0"]
    emi, dout, iout, imm, din = m["emi"], m["dout"], m["iout"], m["imm"], m["din"]
    destT, bshare = m["destT"], m["birth_share"]
    for t in range(T):
        # Flows from the start population.
        share = P.sum(axis=(1, 2))
        share = share / share.sum()
        want = np.zeros((K, S, A))
        have_in = np.zeros((K, S, A))
        if emi is not None:
            want += emi[t] * P
        if dout is not None:
            want += dout[t] * P
        vn = iout[t] * P if iout is not None else None
        if vn is not None:
            want += vn
        si_, sd_ = (share if m[k] is None else m[k] for k in ("imm_dist", "din_dist"))
        if imm is not None:
            have_in += si_[:, None, None] * imm[t][None]
        if din is not None:
            have_in += sd_[:, None, None] * din[t][None]
        # Survival and ageing; the open group keeps its own survivors.
        s = sv[t]
        N = np.empty((K, S, A))
        N[:, :, 0] = 0.0
        N[:, :, 1:] = P[:, :, :-1] * s[None, :, 1:]
        N[:, :, -1] += P[:, :, -1] * s[None, :, -1]
        # Births: exposure = mean of start and survived women.
        B = 0.5 * ((P[:, fem] + N[:, fem]) @ asfr[t])          # (K,)
        N[:, :, 0] = B[:, None] * (bshare[t] * s[:, 0])[None]
        # Migration at the end, clipped per cell (apply_migration).
        have = N + have_in
        clip = want > have
        f = np.where(clip, np.where(have > 0, have / np.where(clip, want, 1.0), 0.0), 1.0)
        N = np.maximum(have - f * want, 0.0)
        if vn is not None:
            applied = f * vn
            N += (destT @ applied.reshape(K, S * A)).reshape(K, S, A)
        out[t + 1] = N
        P = N
    return out


def project_batch(m, B, rng):
    """B trend runs at once, vectorised across draws: state (kern, run, sex, age), the
    moves one matrix product per step, updates in place where numpy allows. Each run
    has its own fertility and mortality level (lognormal, mean one), as the Monte
    Carlo draws them. Returns the municipal totals (years, run)."""
    K, S, A, T, fem = m["K"], m["S"], m["A"], m["T"], m["female"]
    sv, asfr = m["surv"], m["asfr"]
    fert = np.exp(0.05 * rng.standard_normal(B) - 0.5 * 0.05 ** 2)
    mort = np.exp(0.05 * rng.standard_normal(B) - 0.5 * 0.05 ** 2)
    emi, dout, iout, imm, din = m["emi"], m["dout"], m["iout"], m["imm"], m["din"]
    destT, bshare = m["destT"], m["birth_share"]
    P = np.repeat(m["pop0"][:, None], B, axis=1)           # (K, B, S, A)
    N = np.empty_like(P)
    want = np.empty_like(P)
    have = np.empty_like(P)
    tot = np.empty((T + 1, B))
    tot[0] = P.sum(axis=(0, 2, 3))
    for t in range(T):
        share = P.sum(axis=(1, 2, 3)) / B
        share = share / share.sum()
        want.fill(0.0)
        have.fill(0.0)
        if emi is not None:
            want += emi[t][:, None] * P
        if dout is not None:
            want += dout[t][:, None] * P
        vn = iout[t][:, None] * P if iout is not None else None
        if vn is not None:
            want += vn
        si_, sd_ = (share if m[k] is None else m[k] for k in ("imm_dist", "din_dist"))
        if imm is not None:
            have += (si_[:, None, None] * imm[t][None])[:, None]
        if din is not None:
            have += (sd_[:, None, None] * din[t][None])[:, None]
        s = 1.0 - mort[:, None, None] * (1.0 - sv[t][None])     # (B, S, A+1)
        np.clip(s, 0.0, 1.0, out=s)
        N[..., 0] = 0.0
        np.multiply(P[..., :-1], s[None, :, :, 1:], out=N[..., 1:])
        N[..., -1] += P[..., -1] * s[None, :, :, -1]
        Bt = 0.5 * ((P[:, :, fem] + N[:, :, fem]) @ asfr[t]) * fert[None]   # (K, B)
        N[..., 0] = Bt[:, :, None] * (bshare[t][None] * s[:, :, 0])[None]
        have += N
        clip = want > have
        f = np.where(clip, np.where(have > 0, have / np.where(clip, want, 1.0), 0.0), 1.0)
        np.maximum(have - f * want, 0.0, out=N)
        if vn is not None:
            vn *= f
            N += (destT @ vn.reshape(K, B * S * A)).reshape(K, B, S, A)
        P, N = N, P
        tot[t + 1] = P.sum(axis=(0, 2, 3))
    return tot


def blas_in_use():
    """The BLAS library numpy has loaded (from this process's memory map)."""
    try:
        with open("/proc/self/maps") as f:
            libs = sorted({line.split()[-1] for line in f if "blas" in line.lower()})
        return ", ".join(os.path.basename(x) for x in libs) or "unknown"
    except OSError:
        return "unknown"


# ---------------------------------------------------------------- check

def check(m, res, folder):
    K, S, A = m["K"], m["S"], m["A"]
    ki = {k: i for i, k in enumerate(m["kernen"])}
    si = {s: i for i, s in enumerate(m["sexes"])}
    yi = {int(y): i for i, y in enumerate(m["years"])}
    ref = np.full(res.shape, np.nan)
    with open(os.path.join(folder, "population.csv"), encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(ln for ln in fh if not ln.startswith("#")):
            ref[yi[int(r["year"])], ki[r["kern"]], si[r["sex"]], int(r["age"])] = float(r["persons"])
    if np.isnan(ref).any():
        sys.exit("%s/population.csv does not cover every year x kern x sex x age" % folder)
    diff = np.abs(res - ref)
    i = np.unravel_index(np.argmax(diff), diff.shape)
    tot, rtot = res.sum(axis=(1, 2, 3)), ref.sum(axis=(1, 2, 3))
    rel = np.abs(tot - rtot) / rtot
    j = int(np.argmax(rel))
    print("check against %s/population.csv (%d cells, %d years):"
          % (folder, diff.size, len(m["years"])))
    print("  largest absolute difference per cell: %.3g persons (%d, %s, %s, age %d)"
          % (diff[i], m["years"][i[0]], m["kernen"][i[1]], m["sexes"][i[2]], i[3]))
    print("  largest relative difference of the municipal total: %.3g (%d: %.6f vs %.6f)"
          % (rel[j], m["years"][j], tot[j], rtot[j]))
    ok = diff.max() < 1e-6
    print("  %s (tolerance 1e-6 persons per cell)" % ("AGREES" if ok else "DIFFERS"))
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=os.path.join(ROOT, "models", "hardenberg.yaml"))
    ap.add_argument("--level", type=float, default=None,
                    help="calibrated level of the calibrate flow (default: from run.yaml)")
    ap.add_argument("--check", metavar="DIR", help="a landstad output folder to compare with")
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--sweep", metavar="B1,B2,...",
                    help="also time runs vectorised across draws at these batch sizes")
    a = ap.parse_args()

    level = a.level
    if level is None:
        for cand in ([os.path.join(a.check, "run.yaml")] if a.check else []) + ["/tmp/np-ref/run.yaml"]:
            if os.path.exists(cand):
                level = calibrated_level(cand)
                if level is not None:
                    print("calibrated level %.12g from %s" % (level, cand))
                break

    t0 = time.perf_counter()
    m = load(a.model, level)
    t1 = time.perf_counter()
    print("numpy load: %.3f ms" % ((t1 - t0) * 1e3))

    res = project(m)  # warm-up, and the result checked below
    runs = max(1, a.runs)
    t0 = time.perf_counter()
    for _ in range(runs):
        project(m)
    t1 = time.perf_counter()
    print("numpy per-run: %.3f ms (%d runs)" % ((t1 - t0) * 1e3 / runs, runs))
    tot = res.sum(axis=(1, 2, 3))
    print("municipal total 1 January %d: %.3f, %d: %.3f"
          % (m["years"][0], tot[0], m["years"][-1], tot[-1]))
    if a.sweep:
        rng = np.random.default_rng(1)
        print("numpy batch sweep (state kern x run x sex x age; BLAS: %s; threads: %s):"
              % (blas_in_use(), os.environ.get("OPENBLAS_NUM_THREADS", "default")))
        best = None
        for B in [int(x) for x in a.sweep.split(",")]:
            reps = max(1, 256 // B)
            project_batch(m, B, rng)
            t0 = time.process_time()
            for _ in range(reps):
                project_batch(m, B, rng)
            ms = (time.process_time() - t0) * 1e3 / (reps * B)
            best = ms if best is None or ms < best else best
            print("  batch %4d: %.3f ms CPU per run (%d runs)" % (B, ms, reps * B))
        print("numpy best per-run: %.3f ms CPU" % best)
    if a.check and has_history(a.model):
        # The history (observed stocks and flows met by solved levels, estimated trends)
        # is not replicated here: the same arithmetic per step, other inputs.
        print("check against %s skipped: the model has observations (observed:), whose "
              "history this reference does not replicate; it times the same steps" % a.check)
    elif a.check and not check(m, res, a.check):
        return 1
    return 0


def has_history(model_path):
    with open(model_path, encoding="utf-8") as fh:
        return re.search(r"^observed:", fh.read(), re.M) is not None


if __name__ == "__main__":
    sys.exit(main())
