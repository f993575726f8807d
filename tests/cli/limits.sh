#!/bin/sh
# Scale limits: each case either works (time printed) or stops with a clear message
# and exit 3; nothing crashes or overflows silently.
#   1,000 kernen (with moves between all of them), ages.open 120, horizon 2100,
#   100,000 plans; beyond the limits: ages.open 200, horizon 2400, and a model too
#   large for the memory limit. The 1,000 kernen run 2020-2025: the limit is the
#   number of kernen (1,000 x 1,000 moves every year), the horizon has its own case;
#   six years are still 1,212,000 rows of population.csv, more than an Excel sheet
#   holds (1,048,575), so the workbook's too-large-table path runs too.
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"
out="$builddir/tests/out/limits.$$"
rm -rf "$out"
mkdir -p "$out"
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

now() { date +%s.%N; }
timed() { # name expected-exit command...
    name=$1 want=$2
    shift 2
    t0=$(now)
    "$@" >"$out/$name.out" 2>"$out/$name.err"
    code=$?
    t1=$(now)
    printf "%-31s exit %d  %6.2f s\n" "$name" "$code" "$(awk -v a="$t0" -v b="$t1" "BEGIN { print b - a }")"
    [ "$code" = "$want" ] || { fail "$name: exit $code, expected $want"; cat "$out/$name.err"; }
}

# A demographic model with N kernen, open age W, horizon H (survival given).
make_model() { # dir n open horizon
    d=$1 n=$2 w=$3 h=$4
    mkdir -p "$d"
    awk -v n="$n" 'BEGIN { print "kern,tier,x_km,y_km"
        for (i = 0; i < n; i++) printf "K%04d,t%d,%d,%d\n", i, i % 3, (i % 40) * 3, int(i / 40) * 3 }' >"$d/kernen.csv"
    awk -v n="$n" -v w="$w" 'BEGIN { print "kern,sex,age,persons"
        for (i = 0; i < n; i++) for (s = 0; s < 2; s++) for (a = 0; a <= w; a++)
            printf "K%04d,%s,%d,%.1f\n", i, s ? "F" : "M", a, (a < 80 ? 10 : 2) + (i * 7 + a) % 5 }' >"$d/population.csv"
    awk -v w="$w" 'BEGIN { print "sex,age,survival_ratio"
        for (s = 0; s < 2; s++) for (a = 0; a <= w; a++)
            printf "%s,%d,%.6f\n", s ? "F" : "M", a, a == w ? 0.5 : 1 - 0.0005 - 0.00002 * exp(0.09 * a) * (a < 110) }' >"$d/survival.csv"
    awk 'BEGIN { print "age,births_per_woman"; for (a = 18; a < 45; a++) printf "%d,0.06\n", a }' >"$d/asfr.csv"
    awk -v w="$w" 'BEGIN { print "sex,age,rate_per_person"
        for (s = 0; s < 2; s++) for (a = 0; a <= w; a++) printf "%s,%d,0.02\n", s ? "F" : "M", a }' >"$d/moves.csv"
    cat >"$d/model.yaml" <<EOM
name: limits
base_year: 2020
horizon: $h
ages: {width: 1, open: $w}
sexes: [M, F]
geography: {municipality: Groot, kernen: kernen.csv, tiers: [t0, t1, t2]}
population: population.csv
mortality: {survival: survival.csv}
fertility: {asfr: asfr.csv}
migration:
  flows:
    - {name: moves, kind: internal, rates: moves.csv, destinations: gravity, distance_decay: 2}
output: {plots: false}
EOM
}

make_model "$out/k1000" 1000 100 2025
timed "1000 kernen, 2020-2025" 0 "$LANDSTAD" run "$out/k1000/model.yaml" --out "$out/r1" --quiet --no-plot
[ -f "$out/r1/population.csv" ] && {
    rows=$(($(wc -l <"$out/r1/population.csv") - 1))
    [ "$rows" = $((6 * 1000 * 2 * 101)) ] || fail "1000 kernen: $rows population rows"
}
# The workbook names population.csv on its first sheet as too large (1.212.000 rows in
# Dutch), and has no sheet for it.
if command -v python3 >/dev/null 2>&1 && [ -f "$out/r1/resultaten.xlsx" ]; then
    python3 - "$out/r1/resultaten.xlsx" <<'EOP' || fail "1000 kernen: the workbook does not name population.csv as too large"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
first = z.read("xl/worksheets/sheet1.xml").decode()
shared = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else ""
wb = z.read("xl/workbook.xml").decode()
text = first + shared
ok = "1.212.000: te veel voor een blad" in text and "population.csv" in text
ok = ok and 'name="Bevolking"' not in wb
print("workbook: %d sheets; population.csv named as too large: %s" % (len(names), ok))
sys.exit(0 if ok else 1)
EOP
fi
make_model "$out/w120" 3 120 2040
timed "ages.open 120" 0 "$LANDSTAD" run "$out/w120/model.yaml" --out "$out/r2" --quiet --no-plot
grep -q ',K0000,F,120,' "$out/r2/population.csv" 2>/dev/null || fail "ages.open 120: no open group rows"
make_model "$out/h2100" 3 100 2100
timed "horizon 2100" 0 "$LANDSTAD" run "$out/h2100/model.yaml" --out "$out/r3" --quiet --no-plot
grep -q '^2100,' "$out/r3/population.csv" 2>/dev/null || fail "horizon 2100: no 2100 rows"

# 100,000 plans on the closed-world housing model.
mkdir -p "$out/plans"
for f in kernen population survival asfr headship households dwellings movers in_movers; do
    cp "$srcdir/tests/data/housing/$f.csv" "$out/plans/"
done
sed 's/^  plans: plans.csv/  plans: plans.csv/' "$srcdir/tests/data/housing/model.yaml" >"$out/plans/model.yaml"
awk 'BEGIN { print "plan_id,name,kern,units,segment,phase,first_year,last_year,demolitions"
    for (i = 0; i < 100000; i++) printf "P%06d,plan %d,%s,%d,owner,%s,%d,%d,0\n", i, i,
        substr("ABC", i % 3 + 1, 1), 1 + i % 7, i % 2 ? "soft" : "permit", 2021 + i % 9, 2022 + i % 9 }' >"$out/plans/plans.csv"
timed "100,000 plans" 0 "$LANDSTAD" run "$out/plans/model.yaml" --out "$out/r4" --quiet --no-plot
# Under the sanitizers (LANDSTAD_SANITIZED, set by make check in an --enable-asan
# build) 20 runs instead of 200: still every one of the 100,000 plans drawn in every run.
mc_runs=200
[ -n "${LANDSTAD_SANITIZED:-}" ] && mc_runs=20
timed "100,000 plans, $mc_runs MC runs" 0 "$LANDSTAD" run "$out/plans/model.yaml" --out "$out/r5" --quiet --no-plot --runs $mc_runs
grep -q "^runs: $mc_runs\$" "$out/r5/run.yaml" 2>/dev/null || fail "100,000 plans: run.yaml does not say runs: $mc_runs"

# Beyond the limits: clear messages, exit 3, no output folder.
sed 's/open: 100}/open: 200}/' "$out/h2100/model.yaml" >"$out/h2100/open200.yaml"
timed "ages.open 200 (refused)" 3 "$LANDSTAD" run "$out/h2100/open200.yaml" --out "$out/r6" --quiet
grep -q "ages.open must be in \[1, 150\]" "$out/ages.open 200 (refused).err" || fail "open 200: message"
sed 's/^horizon: 2100/horizon: 2400/' "$out/h2100/model.yaml" >"$out/h2100/h2400.yaml"
timed "horizon 2400 (refused)" 3 "$LANDSTAD" run "$out/h2100/h2400.yaml" --out "$out/r7" --quiet
grep -q "horizon must be in \[1800, 2300\]" "$out/horizon 2400 (refused).err" || fail "horizon 2400: message"
sed 's/^horizon: 2025/horizon: 2300/' "$out/k1000/model.yaml" >"$out/k1000/big.yaml"
LANDSTAD_MAX_MEMORY_GB=0.5 timed "too large for memory (refused)" 3 "$LANDSTAD" run "$out/k1000/big.yaml" --out "$out/r8" --quiet
grep -q "the model is too large for this machine" "$out/too large for memory (refused).err" || fail "memory: message"
for r in r6 r7 r8; do [ -e "$out/$r" ] && fail "$r: an output folder was left"; done

echo "$failed failed"
[ $failed = 0 ] && rm -rf "$out"
[ $failed = 0 ]
