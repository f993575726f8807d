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
contains "$out/help.out" "^  landstad run MODEL.yaml"
contains "$out/help.out" "^  landstad check MODEL.yaml"
contains "$out/help.out" "2 usage or I/O"
empty "$out/help.err"
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
Usage: landstad run MODEL.yaml [--out DIR] [--runs N [--seed S] [--threads T]] [--lang nl|en] [--no-plot] [--quiet]'

expect 2 run-two-models run tests/data/bad/common/ok.yaml tests/data/bad/common/ok.yaml \
    --out "$out/never"
contains "$out/run-two-models.err" "found 2 arguments"
[ -e "$out/never" ] && fail "run with two models wrote $out/never"

expect 2 run-unknown-option run tests/data/bad/common/ok.yaml --bogus --out "$out/never"
same_text "$out/run-unknown-option.err" 'landstad: run: unknown option --bogus
Usage: landstad run MODEL.yaml [--out DIR] [--runs N [--seed S] [--threads T]] [--lang nl|en] [--no-plot] [--quiet]'
[ -e "$out/never" ] && fail "run with an unknown option wrote $out/never"

expect 0 run-help run --help
same_text "$out/run-help.out" "Usage: landstad run MODEL.yaml [--out DIR] [--runs N [--seed S] [--threads T]] [--lang nl|en] [--no-plot] [--quiet]"

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

echo "$failed failed"
if [ $failed = 0 ]; then
    rm -rf "$out"
    exit 0
fi
echo "scratch files kept in $out"
exit 1
