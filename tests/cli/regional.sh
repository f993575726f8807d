#!/bin/sh
# The Regio Zwolle account of the shipped model (MODEL-NOTES, "Own need"):
# - regional.csv adds up: households housed = own growth + from outside in every year,
#   and from outside - regional_contribution = households_trend - households_own_need;
#   the years up to the last observed date (1 January 2025) are observed, the rest
#   forecast; the account starts at 0 on 1 January 2021;
# - the own need does not depend on the assumed trend in-migration (in-flows are
#   scaled to the out-flows): with the domestic in-flow's trend replaced by the high end
#   of the defensible range (2,200 a year) from outside stays the same to the
#   thousandth in every year, while today's measure (beyond the trend) moves by more
#   than 1,000 households in 2040;
# - the report carries the negotiation section in Dutch, and in English with --lang en.
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"
out="$builddir/tests/out/regional"
rm -rf "$out"
mkdir -p "$out/models" || exit 99
fail=0
cd "$srcdir" || exit 99
"$LANDSTAD" run models/hardenberg.yaml --out "$out/base" --no-plot --quiet ||
    { echo "FAIL: landstad run models/hardenberg.yaml"; exit 1; }
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    {
        d = $c["households_housed"] - $c["own_growth"] - $c["from_outside"]; if (d < 0) d = -d
        e = ($c["from_outside"] - $c["regional_contribution"]) \
            - ($c["households_trend"] - $c["households_own_need"]); if (e < 0) e = -e
        if (d > 2e-3 || e > 2e-3) { print "FAIL: regional.csv does not add up in " $1; bad = 1 }
        want = ($1 <= 2025) ? "observed" : "forecast"
        if ($c["part"] != want) { print "FAIL: " $1 " is " $c["part"] ", want " want; bad = 1 }
        if ($1 == 2021 && ($c["households_housed"] != 0 || $c["own_growth"] != 0)) {
            print "FAIL: the account does not start at 0 on 1 January 2021"; bad = 1 }
        rows++
    }
    END { if (rows != 20) { print "FAIL: regional.csv has " rows " rows, want 20"; bad = 1 }
          exit bad }' "$out/base/regional.csv" || fail=1

# The high trend in-migration: the domestic in-flow 2,200 a year from 2025 on, no trend.
awk -v dir="$srcdir/input" '
    { gsub(/\.\.\/input/, dir) }
    /^    - name: / { flow = $3 }
    flow == "domestic_in" && /^      trend:/ { next }
    flow == "domestic_in" && /^      total:/ { sub(/2025: [0-9]+/, "2025: 2200") }
    { print }' models/hardenberg.yaml >"$out/models/high.yaml"
grep -q "2025: 2200" "$out/models/high.yaml" || { echo "FAIL: test setup: high variant"; exit 1; }
"$LANDSTAD" run "$out/models/high.yaml" --out "$out/high" --no-plot --quiet ||
    { echo "FAIL: landstad run high.yaml"; exit 1; }
awk -F, 'FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; file++; next }
    file == 1 { o[$1] = $c["from_outside"]; t[$1] = $c["regional_contribution"]; next }
    {
        d = $c["from_outside"] - o[$1]; if (d < 0) d = -d
        if (d > 1e-3) { print "FAIL: from outside moves with the in-migration in " $1; bad = 1 }
        if ($1 == 2040) {
            m = $c["regional_contribution"] - t[$1]
            printf "2040: from outside %.0f in both; beyond the trend %.0f (base) and %.0f (high)\n", o[$1], t[$1], $c["regional_contribution"]
            if (m < 0) m = -m
            if (m < 1000) { print "FAIL: beyond the trend should move by > 1,000, moved " m; bad = 1 }
        }
    }
    END { exit bad }' "$out/base/regional.csv" "$out/high/regional.csv" || fail=1

grep -q '<section id="regio">' "$out/base/report.html" ||
    { echo "FAIL: report.html has no Regio Zwolle section"; fail=1; }
grep -q "eigen woningbehoefte" "$out/base/report.html" ||
    { echo "FAIL: the Dutch section does not explain the own need"; fail=1; }
"$LANDSTAD" plot "$out/base" --lang en >/dev/null 2>&1 || { echo "FAIL: plot --lang en"; fail=1; }
grep -q "Regio Zwolle: the municipality" "$out/base/report.html" ||
    { echo "FAIL: no English section with --lang en"; fail=1; }
exit $fail
