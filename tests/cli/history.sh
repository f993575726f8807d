#!/bin/sh
# History as data on the shipped Hardenberg model (issue 10):
# - 600 Monte Carlo runs (400 of them above a pilot of 200: both summary paths; min and
#   max are exact in both) give identical completions 2021-2024 (every kern) and an
#   identical population (both views) and dwelling stock on 1 January 2025, equal to
#   the observations (CBS: 63,423 inhabitants, 26,307 dwellings, 280 completions in
#   2024, 905.5 in 2021-2023 from the stock change with -1.5 other change a year),
#   while later years do vary;
# - targets.csv marks what is observed and asks no capacity for a decided target;
# - landstad backtest 2021 -> 2025 hides the later observations and scores them,
#   with "not observed" never filled from the model; bad --from/--to exit 2.
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"
out="$builddir/tests/out/history"
rm -rf "$out"
mkdir -p "$out" || exit 1
cd "$srcdir" || exit 1
fail=0

if ! "$LANDSTAD" run models/hardenberg.yaml --runs 600 --mc-pilot 200 --seed 5 --out "$out/mc" \
        --no-plot --quiet > "$out/mc.stdout" 2> "$out/mc.stderr"; then
    echo "FAIL: landstad run models/hardenberg.yaml --runs 600"; cat "$out/mc.stderr"; exit 1
fi
awk -F, '
    FNR == 1 { file++; for (i = 1; i <= NF; i++) col[file, $i] = i; next }
    file == 1 {   # completions_summary.csv
        y = $col[1, "year"]; ms = $col[1, "measure"]; lv = $col[1, "level"]
        lo = $col[1, "min"]; hi = $col[1, "max"]
        if (ms == "completions" && y >= 2021 && y <= 2024) {
            n++
            if (lo != hi) { printf "completions %s %s varies: %s..%s\n", y, $2, lo, hi; bad++ }
            if (lv == "municipality") c[y] = lo
        }
        if (ms == "completions" && y == 2030 && lv == "municipality" && lo == hi) {
            print "completions 2030 do not vary between runs"; bad++
        }
        if (ms == "dwellings_1jan" && y == 2025) {
            if (lo != hi) { printf "stock 2025 %s varies\n", $2; bad++ }
            if (lv == "municipality") stock = lo
        }
        next
    }
    file == 2 {   # population_summary.csv
        if ($col[2, "level"] != "municipality") next
        y = $col[2, "year"]; lo = $col[2, "min"]; hi = $col[2, "max"]
        if (y == 2025) { pop[$col[2, "view"]] = lo; if (lo != hi) { print "population 2025 varies"; bad++ } }
        if (y == 2030 && lo == hi) { print "population 2030 does not vary"; bad++ }
    }
    END {
        d = c[2021] + c[2022] + c[2023] - 905.5
        printf "600 runs: %d kern/level x year completion rows 2021-2024 identical; 2024 %s, 2021-2023 %.3f; stock 1 Jan 2025 %s; population %s (trend) %s (housing-led)\n", n, c[2024], c[2021] + c[2022] + c[2023], stock, pop["trend"], pop["housing_led"]
        if (n != 4 * (29 + 3 + 1) || c[2024] != 280 || d > 0.01 || d < -0.01 || stock != 26307 \
            || pop["trend"] != 63423 || pop["housing_led"] != 63423 || bad > 0) exit 1
    }' "$out/mc/completions_summary.csv" "$out/mc/population_summary.csv" \
    || { echo "FAIL: the history differs between Monte Carlo runs or from the observations"; fail=1; }

# targets.csv: observed and forecast parts; a target missed in an observed year is decided.
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $col["scope"] == "municipality" && $1 == "completions_300_a_year" {
        found = 1
        if ($col["status"] != "partly observed" || $col["probability_met"] + 0 != 0 \
            || $col["extra_units_needed_p80"] != "" || $col["observed_to"] != 2024) {
            print "completions_300_a_year: " $0; exit 1 }
    }
    $col["scope"] == "municipality" && $1 == "completions_3000_before_2030" {
        if ($col["extra_units_needed_p80"] == "" || $col["observed_part"] + 0 < 880) { print "3000: " $0; exit 1 }
    }
    END { if (!found) exit 1 }' "$out/mc/targets.csv" \
    || { echo "FAIL: targets.csv observed parts"; fail=1; }

# The back-test.
if ! "$LANDSTAD" backtest models/hardenberg.yaml --from 2021 --to 2025 --out "$out/bt" --no-plot \
        --lang nl > "$out/bt.stdout" 2> "$out/bt.stderr"; then
    echo "FAIL: landstad backtest"; cat "$out/bt.stderr"; exit 1
fi
cat "$out/bt.stdout"
# The Dutch table in the report's words: measures, Afwijking, statuses; CBS's 63,423
# inhabitants on 1 January 2025 observed; no English word left.
grep -q '^wat  *periode  *waargenomen  *trend  *afwijking  *%  *woningmarkt  *afwijking  *%  *status$' "$out/bt.stdout" \
    || { echo "FAIL: backtest --lang nl: header not in the report's words"; fail=1; }
grep -q '^inwoners (1 januari)  *1 jan 2025  *63\.423 .* waargenomen$' "$out/bt.stdout" \
    || { echo "FAIL: backtest --lang nl: no Dutch row for the population of 1 January 2025"; fail=1; }
grep -q '^migratiesaldo  .* niet waargenomen (' "$out/bt.stdout" \
    || { echo "FAIL: backtest --lang nl: net migration not observed, not in Dutch"; fail=1; }
if sed 1d "$out/bt.stdout" | grep -v '^geschreven: ' \
        | grep -w -E -i 'measure|error|observed|derived|not|population|dwellings|completions|deaths|births|verschil' >"$out/bt.english"; then
    echo "FAIL: backtest --lang nl: English (or old) words: $(head -3 "$out/bt.english")"; fail=1
fi
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $1 == "comparison" && $2 == "population" && $4 == 2025 {
        pop = $col["observed"]; f = $col["forecast_trend"]; e = $col["error_trend"]
        if (pop != "63423.000" || f + 0 < 55000 || f + 0 > 70000) { print "population: " $0; bad++ }
        if ((f - pop) - e > 0.01 || (f - pop) - e < -0.01) { print "error is not forecast - observed"; bad++ }
    }
    $1 == "comparison" && $col["status"] == "not observed" {
        nobs++
        if ($col["observed"] != "" || $col["error_trend"] != "") { print "filled: " $0; bad++ }
        if ($col["forecast_trend"] == "") { print "no forecast: " $0; bad++ }
    }
    $1 == "comparison" && $2 == "births" && $4 == 2021 { births = $col["status"] }
    $1 == "comparison" && $2 == "completions" && $4 == 2024 { c24 = $col["observed"] }
    $1 == "input" { inputs[$2] = $col["vintage"] }
    END {
        if (pop == "" || nobs < 5 || births != "not observed" || c24 != "280.000") { print "missing rows"; bad++ }
        if (inputs["mortality.life_table"] != "2023-06-01" || ("geography.kernen" in inputs)) { print "inputs"; bad++ }
        exit bad > 0
    }' "$out/bt/backtest.csv" || { echo "FAIL: backtest.csv"; fail=1; }
grep -q '^  backtest_from: 2021$' "$out/bt/run.yaml" || { echo "FAIL: run.yaml lacks backtest_from"; fail=1; }
grep -q 'terugblik' "$out/bt/report.html" || { echo "FAIL: no back-test section in report.html"; fail=1; }

# Bad --from / --to.
for args in "--from 2019 --to 2025" "--from 2021 --to 2050" "--from 2021" "--from 2021-03-01 --to 2025" \
        "--from 2025 --to 2023"; do
    # shellcheck disable=SC2086
    "$LANDSTAD" backtest models/hardenberg.yaml $args --out "$out/badbt" > "$out/badbt.stdout" 2> "$out/badbt.stderr"
    rc=$?
    if [ $rc -ne 2 ] || [ ! -s "$out/badbt.stderr" ] || [ -e "$out/badbt" ]; then
        echo "FAIL: backtest $args: exit $rc"; fail=1
    else
        echo "backtest $args: exit 2: $(head -n 1 "$out/badbt.stderr")"
    fi
done
exit $fail
