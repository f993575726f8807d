#!/bin/sh
# The command line itself: version, help, usage errors and their exit codes, the
# key listing, and `check` on a valid model.
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"

# One folder per run (kept when something failed), so that two test runs in the
# same build tree cannot trip over each other.
out=$builddir/tests/out/usage.$$
rm -rf "$out"
mkdir -p "$out" || exit 99
cd "$srcdir" || exit 99

failed=0
fail() {
    echo "FAIL: $*"
    failed=$((failed + 1))
}

# expect CODE NAME ARGS...: runs landstad ARGS, keeps stdout/stderr in $out/NAME.*
expect() {
    want=$1
    name=$2
    shift 2
    "$LANDSTAD" "$@" >"$out/$name.out" 2>"$out/$name.err"
    code=$?
    if [ "$code" != "$want" ]; then
        fail "landstad $*: exit code $code, expected $want"
        sed 's/^/    stderr: /' "$out/$name.err"
    fi
}

# same_text FILE TEXT: the file holds exactly TEXT and a newline.
same_text() {
    printf '%s\n' "$2" >"$1.want"
    if ! cmp -s "$1.want" "$1"; then
        fail "$1 differs from what was expected:"
        diff -u "$1.want" "$1" | sed 's/^/    /'
    fi
}

# contains FILE TEXT
contains() {
    if ! grep -q -e "$2" "$1"; then
        fail "$1 does not contain \"$2\":"
        sed 's/^/    /' "$1"
    fi
}

empty() {
    if [ -s "$1" ]; then
        fail "$1 should be empty:"
        sed 's/^/    /' "$1"
    fi
}

expect 0 version --version
same_text "$out/version.out" "landstad 0.1.0"
empty "$out/version.err"
expect 0 version-cmd version
same_text "$out/version-cmd.out" "landstad 0.1.0"

expect 0 help --help
contains "$out/help.out" "^Usage: landstad COMMAND"
contains "$out/help.out" "^  run MODEL.yaml  "
contains "$out/help.out" "^  check MODEL.yaml  "
contains "$out/help.out" "2 usage or I/O"
empty "$out/help.err"
# Every line under 80 columns (characters, not bytes), and every option that a
# command's parser accepts explained on a line of its own.
long=$(LC_ALL=C.UTF-8 awk 'length($0) > 79' "$out/help.out")
[ -z "$long" ] || fail "--help lines over 79 columns: $long"
for opt in --out --runs --seed --threads --mc-pilot --lang --no-plot --quiet --fail-on-gap \
    --keys --inputs --force --independent; do
    contains "$out/help.out" "^    $opt[ A-Z|nle]*  [A-Za-z]"
done
expect 0 help-cmd help
cmp -s "$out/help.out" "$out/help-cmd.out" || fail "landstad help differs from landstad --help"

expect 2 no-args
empty "$out/no-args.out"
contains "$out/no-args.err" "^Usage: landstad COMMAND"
cmp -s "$out/help.out" "$out/no-args.err" || fail "usage on stderr differs from --help"

expect 2 unknown-command frobnicate
same_text "$out/unknown-command.err" 'landstad: unknown command "frobnicate" (try landstad --help)'
empty "$out/unknown-command.out"

expect 2 run-no-model run
same_text "$out/run-no-model.err" 'landstad: run: expected one model file, found 0 arguments
Usage: landstad run MODEL.yaml [OPTIONS] (landstad run --help explains)'

expect 2 run-two-models run tests/data/bad/common/ok.yaml tests/data/bad/common/ok.yaml \
    --out "$out/never"
contains "$out/run-two-models.err" "found 2 arguments"
[ -e "$out/never" ] && fail "run with two models wrote $out/never"

expect 2 run-unknown-option run tests/data/bad/common/ok.yaml --bogus --out "$out/never"
same_text "$out/run-unknown-option.err" 'landstad: run: unknown option --bogus
Usage: landstad run MODEL.yaml [OPTIONS] (landstad run --help explains)'
[ -e "$out/never" ] && fail "run with an unknown option wrote $out/never"

# A bad count names the command it was given to.
expect 2 compare-bad-runs compare tests/data/housing/model.yaml tests/data/scenario/slip.yaml \
    --runs abc --out "$out/never"
same_text "$out/compare-bad-runs.err" 'landstad: compare: --runs must be an integer in [0, 1000000], found "abc"'
expect 2 compare-bad-threads compare tests/data/housing/model.yaml tests/data/scenario/slip.yaml \
    --threads 0 --out "$out/never"
same_text "$out/compare-bad-threads.err" 'landstad: compare: --threads must be an integer in [1, 256], found "0"'
expect 2 run-bad-seed run tests/data/bad/common/ok.yaml --seed -1 --out "$out/never"
same_text "$out/run-bad-seed.err" 'landstad: run: --seed must be an integer in [0, 4294967295], found "-1"'
[ -e "$out/never" ] && fail "a bad count wrote $out/never"

expect 0 run-help run --help
contains "$out/run-help.out" "^Usage: landstad run MODEL.yaml \\[OPTIONS\\]$"
contains "$out/run-help.out" "^  --runs N  *also N Monte Carlo runs"
for cmd in targets plot check; do
    expect 0 "$cmd-help" "$cmd" --help
    contains "$out/$cmd-help.out" "^Usage: landstad $cmd "
    contains "$out/$cmd-help.out" "^  --lang nl|en "
done
expect 2 check-unknown-option check --bogus
contains "$out/check-unknown-option.err" "^landstad: check: unknown option --bogus$"

expect 2 run-missing-model run tests/data/no_such_model.yaml --out "$out/never"
same_text "$out/run-missing-model.err" \
    "landstad: tests/data/no_such_model.yaml: cannot read the model file: No such file or directory"

expect 2 check-no-model check
contains "$out/check-no-model.err" "^landstad: check: expected one model file"
expect 2 check-missing-model check tests/data/no_such_model.yaml
same_text "$out/check-missing-model.err" \
    "landstad: tests/data/no_such_model.yaml: cannot read the model file: No such file or directory"

expect 0 keys check --keys
for key in name base_year horizon ages.width ages.open sexes geography.kernen population \
    mortality.survival mortality.life_table fertility.asfr fertility.tfr migration.flows \
    'migration.flows\[\].kind' calibrate.flow output.plots; do
    contains "$out/keys.out" "^$key "
done
empty "$out/keys.err"

expect 0 check-canada check tests/data/wpp-canada/model.yaml
empty "$out/check-canada.err"
contains "$out/check-canada.out" "^tests/data/wpp-canada/model.yaml: valid$"
contains "$out/check-canada.out" "1 January 1950 -> 1955"
contains "$out/check-canada.out" "population 13,733,398 on 1 January 1950"
contains "$out/check-canada.out" "net_migration *net *counts"

# Numbers on the terminal read one way per language: English 13,733,398 and 57.6,
# Dutch 13.733.398 and 57,6 (never "57.593" beside "63,423").
expect 0 check-canada-nl check tests/data/wpp-canada/model.yaml --lang nl
contains "$out/check-canada-nl.out" "^tests/data/wpp-canada/model.yaml: geldig$"
contains "$out/check-canada-nl.out" "bevolking  13.733.398 op 1 januari 1950"
expect 2 check-lang-fr check tests/data/wpp-canada/model.yaml --lang fr
contains "$out/check-lang-fr.err" "^landstad: --lang must be nl or en"
expect 0 run-en run models/hardenberg.yaml --out "$out/h-en" --no-plot
expect 0 run-nl run models/hardenberg.yaml --out "$out/h-nl" --no-plot --lang nl
# Every number of five or more digits is grouped and decimals use the language's
# sign (the version line, years, year ranges and file names aside).
for lang in en nl; do
    f=$out/run-$lang.out
    [ -s "$f" ] || { fail "run --lang $lang printed nothing"; continue; }
    sed -e 1d -e 's,[^ ]*/[^ ]*,,g' -e 's/[A-Za-z_./-]*\.csv//g' "$f" >"$f.numbers"
    bad=$(grep -o -E '(^|[^0-9.,_])[0-9]{5,}' "$f.numbers")
    [ -z "$bad" ] || fail "run --lang $lang: ungrouped numbers: $bad"
done
grep -q '^clipped: [0-9]*\.[0-9] persons' "$out/run-en.out" || fail "run: clipped not as 57.6"
grep -q '^afgekapt: [0-9]*,[0-9] personen' "$out/run-nl.out" || fail "run --lang nl: clipped not as 57,6"
# The same numbers in both languages, in the same order, with the signs swapped.
nums() { sed -e 1d -e 's,[^ ]*/[^ ]*,,g' "$1" | grep -o -E '[0-9]([0-9.,]*[0-9])?'; } # not in paths
nums "$out/run-en.out" | tr ',.' '.,' >"$out/run-en.nums"
nums "$out/run-nl.out" >"$out/run-nl.nums"
[ "$(wc -l <"$out/run-en.nums")" -gt 40 ] || fail "run: too few numbers on the terminal"
cmp -s "$out/run-en.nums" "$out/run-nl.nums" ||
    fail "English and Dutch terminal numbers differ: $(diff "$out/run-en.nums" "$out/run-nl.nums" | head -5)"
grep -E -q '(^|[ (])[0-9]+,[0-9]{1,2}([^0-9]|$)' "$out/run-en.out.numbers" &&
    fail "English output with a decimal comma: $(grep -E '[0-9]+,[0-9]{1,2}([^0-9]|$)' "$out/run-en.out.numbers")"
grep -E -q '(^|[ (])[0-9]+\.[0-9]{1,2}([^0-9]|$)' "$out/run-nl.out.numbers" &&
    fail "Dutch output with a decimal point: $(grep -E '[0-9]+\.[0-9]{1,2}([^0-9]|$)' "$out/run-nl.out.numbers")"
# The Dutch terminal in the report's words (Nodig, Achterstand), forecasts as forecasts,
# and no English word left (target ids such as completions_300_a_year aside: -w).
grep -q '^doel  *periode  *nodig  *verwacht  *achterstand  naar verwachting gehaald$' "$out/run-nl.out" \
    || fail "run --lang nl: no Dutch target table header (nodig, achterstand)"
grep -q '^(achterstand = nodig - verwacht: positief is te weinig;' "$out/run-nl.out" \
    || fail "run --lang nl: the gap note is not in the report's words"
grep -q '^bevolking op 1 januari (tot en met 2025 waargenomen, daarna verwacht): ' "$out/run-nl.out" \
    || fail "run --lang nl: the population line does not tell observed from forecast"
grep -q 'ja (ter vergelijking, telt niet als doel)$' "$out/run-nl.out" \
    || fail "run --lang nl: the comparison row not in the report's words"
english='required|expected|gap|observed|forecast|target|completions|households|dwellings|shortage|surplus|births|deaths|population|runs|comparison|vereist|verschil'
if grep -v -E '^(landstad [0-9]|geschreven: )' "$out/run-nl.out" | grep -w -E -i "$english" >"$out/run-nl.english"; then
    fail "run --lang nl: English (or old) words on the Dutch terminal: $(head -3 "$out/run-nl.english")"
fi
expect 0 check-nl check models/hardenberg.yaml --lang nl
expect 0 check-en check models/hardenberg.yaml
contains "$out/check-nl.out" "^  plannen    [0-9.]* plannen, [0-9.]* woningen"
contains "$out/check-en.out" "^  targets    [0-9]*$"
nums "$out/check-en.out" | tr ',.' '.,' >"$out/check-en.nums"
nums "$out/check-nl.out" >"$out/check-nl.nums"
cmp -s "$out/check-en.nums" "$out/check-nl.nums" ||
    fail "check: English and Dutch numbers differ: $(diff "$out/check-en.nums" "$out/check-nl.nums" | head -5)"
# The plans per phase agree with the plan list itself (count and units per phase).
if command -v python3 >/dev/null 2>&1; then
    python3 - input/plans.csv >"$out/phases.want" <<'EOF'
import csv, sys
rows = list(csv.DictReader(l for l in open(sys.argv[1], encoding="utf-8") if not l.startswith("#")))
if rows and "status_date" in rows[0]:
    # the plan list a run uses: the latest (the shipped lists are 2021 and 2025)
    day = lambda d: tuple(int(x) for x in (d.split("-") if len(d.split("-")[0]) == 4 else d.split("-")[::-1]))
    latest = max((r["status_date"] for r in rows), key=day)
    rows = [r for r in rows if r["status_date"] == latest]
for ph in ["idea", "soft", "adopted", "irrevocable", "permit", "construction"]:
    sel = [r for r in rows if r["phase"] == ph]
    if sel:
        left = sum(float(r["units"]) - float(r.get("built") or 0) for r in sel)
        print("%s %d %s" % (ph, len(sel), format(round(left), ",")))
EOF
    sed -n 's/^    \(idea\|soft\|adopted\|irrevocable\|permit\|construction\)  *\([0-9]*\)  *\([0-9,]*\) .*/\1 \2 \3/p' \
        "$out/check-en.out" >"$out/phases.got"
    [ -s "$out/phases.want" ] && cmp -s "$out/phases.want" "$out/phases.got" ||
        fail "check: plans per phase differ from input/plans.csv: $(diff "$out/phases.want" "$out/phases.got")"
fi

echo "$failed failed"
if [ $failed = 0 ]; then
    rm -rf "$out"
    exit 0
fi
echo "scratch files kept in $out"
exit 1
