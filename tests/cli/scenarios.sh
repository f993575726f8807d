#!/bin/sh
# Scenario files and landstad compare on the closed-world fixture (tests/data/housing,
# worked out by hand in tests/test_targets.c): P1 brings 10 homes to B in 2022 (permit:
# certain, never late), P2 6 homes to C in 2029 (soft: half the time, and then half of
# it a year late). tests/data/scenario/slip.yaml moves P1 eight years, to 2030: out of
# cum_2022_2028 (10 by 2028, municipality), which the base meets in every run (P1
# alone is 10) and the scenario in none. So: expected 10 -> 0, verdict met -> missed,
# P(met) 1 -> 0, a difference of -1 with standard error 0 (every run the same). Out of
# cum_2022_2029 too (20 by 2029, every scope): the municipality's expected 11.5 (P1's
# 10 and P2's expected 1.5 in 2029) falls by 10, and kern B,
# allocated 20 x 10/42 = 4.76 by population (no kern grows), goes from 10 (met) to 0
# (missed; the page shows its share, 5); A and C miss in both.
#
# Also: a scenario's default output folder is output/BASE-FILE (the base's name:
# and the scenario's file name, not its name: key); run.yaml records the scenario,
# its base, the changes and the resolved model; a run refuses to replace results that
# another model or scenario wrote (exit 2, folder untouched) unless --force; check
# lists the changes; compare's usage errors.
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"
out="$builddir/tests/out/scenarios"
rm -rf "$out"
mkdir -p "$out" || exit 99
src=$(cd "$srcdir" && pwd)
fail=0

failed() {
    echo "FAIL: $*"
    fail=1
}

# The value of column $2 in the row of compare.csv $1 whose first four fields are $3.
csv_field() {
    awk -F, -v key="$3" -v col="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i }
        NR > 1 && $1 "," $3 "," $4 == key { print $c }' "$1"
}

cd "$out" || exit 99

# ---- a scenario on its own, in its default folder ----
if ! "$LANDSTAD" run "$src/tests/data/scenario/slip.yaml" --no-plot --quiet 2>"$out/slip.err"; then
    failed "run slip.yaml"
    cat "$out/slip.err"
fi
dir=output/housing-closed-world-slip
[ -f "$dir/targets.csv" ] || failed "no $dir/targets.csv (default folder from the file name)"
for want in '^scenario:' '^  base: {file: ' '^  resolved_model:' '"plans\[P1\]: delay 8"' \
            '^written_by:'; do
    grep -q "$want" "$dir/run.yaml" || failed "run.yaml lacks $want"
done
got=$(awk -F, '$1 == "cum_2022_2028" && $2 == "municipality" { print $7 "," $11 }' "$dir/targets.csv")
[ "$got" = "0.000,no" ] || failed "slip: cum_2022_2028 expected,met = $got, not 0.000,no"

# ---- another model's folder is refused, untouched; --force replaces it ----
before=$(cksum < "$dir/run.yaml")
"$LANDSTAD" run "$src/tests/data/housing/model.yaml" --out "$dir" --no-plot --quiet \
    >"$out/refuse.out" 2>"$out/refuse.err"
code=$?
[ $code = 2 ] || failed "base into the scenario's folder: exit $code, expected 2"
grep -q "output/housing-closed-world-slip: holds the results of the scenario .*slip.yaml (run.yaml), not of the model .*model.yaml: write elsewhere with --out DIR, or replace them with --force" \
    "$out/refuse.err" || { failed "refusal message"; cat "$out/refuse.err"; }
[ "$(cksum < "$dir/run.yaml")" = "$before" ] || failed "the refused folder changed"
"$LANDSTAD" run "$src/tests/data/housing/model.yaml" --out "$dir" --no-plot --quiet --force \
    || failed "--force did not replace the folder"

# A copied model with the same name: is another model.
mkdir -p copy && cp "$src"/tests/data/housing/* copy/ || exit 99
"$LANDSTAD" run "$src/tests/data/housing/model.yaml" --no-plot --quiet || failed "base run"
"$LANDSTAD" run copy/model.yaml --no-plot --quiet 2>"$out/copy.err"
code=$?
[ $code = 2 ] || failed "copied model into the original's folder: exit $code, expected 2"
grep -q "holds the results of the model" "$out/copy.err" || failed "copy: no refusal message"

# ---- check lists the changes ----
"$LANDSTAD" check "$src/tests/data/scenario/slip.yaml" >"$out/check.out" || failed "check slip.yaml"
grep -q "^  scenario   of .*tests/data/housing/model.yaml; 1 change$" "$out/check.out" \
    || failed "check: no scenario line"
grep -q "^    plans\[P1\]: delay 8$" "$out/check.out" || failed "check: no change line"

# ---- compare ----
"$LANDSTAD" compare "$src/tests/data/housing/model.yaml" "$src/tests/data/scenario/slip.yaml" \
    "$src/tests/data/scenario/vacancy.yaml" --runs 30 --threads 2 --no-plot >"$out/cmp.out" \
    2>"$out/cmp.err" || { failed "compare"; cat "$out/cmp.err"; }
c=output/housing-closed-world-compare
for f in compare.csv drivers.csv compare.html run.yaml; do
    [ -s "$c/$f" ] || failed "compare: no $c/$f"
done
key=slip,cum_2022_2028,municipality
for pair in expected_diff=-10.000 met_changed=yes probability_met=0.0000 \
            probability_diff=-1.0000 probability_diff_se=0.0000; do
    got=$(csv_field "$c/compare.csv" "${pair%%=*}" "$key")
    [ "$got" = "${pair#*=}" ] || failed "compare.csv $key ${pair%%=*} = $got, not ${pair#*=}"
done
got=$(csv_field "$c/compare.csv" expected_diff slip,cum_2022_2029,municipality)
[ "$got" = "-10.000" ] || failed "slip changes cum_2022_2029 by $got, not -10.000"
got=$(csv_field "$c/compare.csv" met_changed slip,cum_2022_2029,kern:B)
[ "$got" = "yes" ] || failed "slip: kern B's verdict on cum_2022_2029 changed: $got, not yes"
# P2 alone decides cum_2022_2029 (P1 is certain): the base's first driver, all of it.
got=$(awk -F, '$1 == "housing-closed-world" && $2 == "cum_2022_2029" && $3 == 1 { print $4 "," $8 }' "$c/drivers.csv")
[ "$got" = "P2,1.0000" ] || failed "drivers.csv: first driver of cum_2022_2029 is $got, not P2,1.0000"
grep -q '^  P(met) .* 100\.0% .*  0\.0% ' "$out/cmp.out" || failed "terminal: no P(met) line 100% -> 0%"
grep -q -- '-100\.0±0\.0' "$out/cmp.out" || failed "terminal: no -100.0±0.0"
grep -q '^  \[1\]   slip ' "$out/cmp.out" || failed "terminal: no legend line for [1] slip"
grep -q '<html lang="nl">' "$c/compare.html" || failed "compare.html is not Dutch by default"
grep -q '^  \[1\] B cum_2022_2029 (missed)$' "$out/cmp.out" || failed "terminal: kern B not listed"
grep -q 'B</td><td>5 woningen opleveren in 2022-2029' "$c/compare.html" \
    || failed "compare.html: kern B's verdict change not listed"

"$LANDSTAD" compare "$src/tests/data/housing/model.yaml" "$src/tests/data/scenario/slip.yaml" \
    --runs 0 --no-plot --lang en --out cmp-en --quiet || failed "compare --runs 0 --lang en"
grep -q '<html lang="en">' cmp-en/compare.html || failed "compare.html --lang en is not English"

# ---- a row for comparison only (role: comparison) is shown apart and not counted ----
# cum_2022_2030 (13 by 2030; P(met) about 1/2, so it gets extra capacity for 80% and a
# driver table when it counts) marked role: comparison in the base and its scenario.
mkdir -p cmpw/housing cmpw/scenario && cp "$src"/tests/data/housing/* cmpw/housing/ \
    && cp "$src/tests/data/scenario/slip.yaml" cmpw/scenario/ || exit 99
sed 's/id: cum_2022_2030, /id: cum_2022_2030, role: comparison, /' \
    "$src/tests/data/housing/model.yaml" > cmpw/housing/model.yaml || exit 99
grep -q 'role: comparison' cmpw/housing/model.yaml || { failed "the model edit did not apply"; exit 1; }
"$LANDSTAD" compare cmpw/housing/model.yaml cmpw/scenario/slip.yaml --runs 30 --no-plot \
    --out cmpw/out >"$out/cmpw.out" 2>"$out/cmpw.err" || { failed "compare with role: comparison"; cat "$out/cmpw.err"; }
# the terminal: every counted target under the heading, then the comparison row apart
awk '/^for comparison, not counted as a target:$/ { apart = NR }
     /^cum_2022_2030$/ { at = NR }
     /^(cum_2022_2029|cum_2022_2028|annual_2022_2023|explicit_b|regional_2022|population_2022)$/ { if (NR > last) last = NR }
     END { exit !(apart > last && at == apart + 1) }' "$out/cmpw.out" \
    || { failed "terminal: cum_2022_2030 not shown apart, after the counted targets"; cat "$out/cmpw.out"; }
got=$(csv_field cmpw/out/compare.csv role slip,cum_2022_2030,municipality),$(csv_field cmpw/out/compare.csv role housing-closed-world,cum_2022_2028,municipality)
[ "$got" = "comparison,target" ] || failed "compare.csv role: $got, not comparison,target"
# compare.html: the last target block, labelled, without the advice row or a driver chart
h=cmpw/out/compare.html
last=$(grep -o '<tr class="tier"><td colspan="3">.*' "$h" | tail -n 1)
case $last in
*'<em>Ter vergelijking, telt niet als doel:</em> <strong>13 woningen opleveren in 2022-2030'*) ;;
*) failed "compare.html: the last target block is not cum_2022_2030 for comparison: $last" ;;
esac
[ "$(grep -c '<em>Ter vergelijking' "$h")" = 1 ] || failed "compare.html: not exactly one row for comparison"
n=$(awk '/cum_2022_2030/ { f = 1 } f && /extra plancapaciteit/ { n++ } END { print n + 0 }' "$h")
[ "$n" = 0 ] || failed "compare.html: extra capacity (advice) for the comparison row"
! grep -q 'Waar het van afhangt: 13 woningen opleveren in 2022-2030' "$h" \
    || failed "compare.html: a driver chart for the comparison row"
# ... where the same row as a target has both (the plain compare above)
awk '/cum_2022_2030/ { f = 1 } f && /<tr class="tier"/ && !/cum_2022_2030/ { f = 0 } f && /extra plancapaciteit/ { n++ } END { exit !n }' \
    "$c/compare.html" || failed "compare.html: cum_2022_2030 as a target has no extra capacity row"
grep -q 'Waar het van afhangt: 13 woningen opleveren in 2022-2030' "$c/compare.html" \
    || failed "compare.html: no driver chart for cum_2022_2030 as a target"

# ---- compare's usage ----
"$LANDSTAD" compare "$src/tests/data/housing/model.yaml" >/dev/null 2>"$out/u1.err"
[ $? = 2 ] || failed "compare with one file: exit code not 2"
grep -q "expected a base model and at least one scenario, found 1 file" "$out/u1.err" \
    || failed "compare with one file: message"
"$LANDSTAD" compare "$src/tests/data/bad/common/ok.yaml" "$src/tests/data/scenario/slip.yaml" \
    >/dev/null 2>"$out/u2.err"
[ $? = 3 ] || failed "compare on a model without housing: exit code not 3"

[ $fail = 0 ] && rm -rf "$out"
exit $fail
