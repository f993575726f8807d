#!/bin/sh
# Results are replaced atomically: a run that fails at load, or is interrupted by
# SIGINT, SIGTERM or SIGHUP at any moment, leaves the earlier results byte-identical, and a
# run that finishes replaces them completely; never a mix, never a temporary or
# set-aside folder left behind. Each signal is caught (exit 130 and a message) by a
# run it interrupts midway.
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"

# One folder per run (kept when something failed), so that two test runs in the
# same build tree cannot trip over each other.
out=$builddir/tests/out/atomic.$$
rm -rf "$out"
mkdir -p "$out" || exit 99
cd "$srcdir" || exit 99

failed=0
fail() {
    echo "FAIL: $*"
    failed=$((failed + 1))
}

# A listing of every entry under a folder with a checksum of every file.
snapshot() {
    (cd "$1" && find . -print | LC_ALL=C sort && find . -type f -exec cksum {} + | LC_ALL=C sort)
}

# No temporary (.NAME.tmp-*) or set-aside (NAME.old-*) folders in $out.
no_leftovers() {
    for t in "$out"/.*.tmp-* "$out"/*.old-*; do
        if [ -e "$t" ]; then
            fail "$1: left $t behind"
            rm -rf "$t"
        fi
    done
}

res=$out/res
ok_model=tests/data/bad/common/ok.yaml

# 1. A good run, then a run that fails at load into the same folder.
"$LANDSTAD" run "$ok_model" --out "$res" --quiet || fail "the ok model does not run"
[ -f "$res/population.csv" ] || fail "no population.csv in $res"
snapshot "$res" >"$out/before"
"$LANDSTAD" run tests/data/bad/csv-nan.yaml --out "$res" --quiet 2>"$out/load.err"
code=$?
[ $code = 3 ] || fail "a model with a NaN cell exited with $code, expected 3"
snapshot "$res" >"$out/after"
cmp -s "$out/before" "$out/after" || fail "a failed load changed $res"
no_leftovers "failed load"

# 2. An existing file where the folder should go is left alone.
echo "precious" >"$out/afile"
"$LANDSTAD" run "$ok_model" --out "$out/afile" --quiet 2>"$out/afile.err"
code=$?
[ $code = 2 ] || fail "--out over a file exited with $code, expected 2"
[ "$(cat "$out/afile")" = precious ] || fail "--out over a file changed the file"
no_leftovers "--out over a file"

# 3. Interruptions. A scratch model in single years up to 2300: it computes for tens
# of milliseconds, then writes its tables and the workbook for about a second.
long=$out/long
mkdir -p "$long"
awk 'BEGIN {
    print "kern,sex,age,persons"
    split("Noord Zuid", k, " "); split("M F", s, " ")
    for (i = 1; i <= 2; i++) for (j = 1; j <= 2; j++) for (a = 0; a <= 100; a++)
        printf "%s,%s,%d,%.2f\n", k[i], s[j], a, 40 + (a * 37 + i * 11 + j * 5) % 97 + (a < 85 ? 60 : 0)
}' >"$long/population.csv"
awk 'BEGIN {
    print "sex,age,survival_ratio"
    split("M F", s, " ")
    for (j = 1; j <= 2; j++) for (a = 0; a <= 100; a++)
        printf "%s,%d,%.6f\n", s[j], a, 1 - (0.0004 + 0.00002 * exp(0.09 * a)) * (j == 1 ? 1.2 : 1)
}' >"$long/survival.csv"
awk 'BEGIN {
    print "age,births_per_woman"
    for (a = 15; a < 50; a++) printf "%d,%.5f\n", a, 0.11 * exp(-((a - 31) / 6) ^ 2)
}' >"$long/asfr.csv"
cat >"$long/long.yaml" <<'EOF'
name: long
base_year: 2020
horizon: 2300
ages: {width: 1, open: 100}
sexes: [M, F]
geography: {municipality: Klein, kernen: [Noord, Zuid]}
population: population.csv
mortality: {survival: survival.csv}
fertility: {asfr: asfr.csv}
output: {plots: false}
EOF
ref=$out/long-ref
t0=$(date +%s.%N)
"$LANDSTAD" run "$long/long.yaml" --out "$ref" --quiet || fail "the long model does not run"
t1=$(date +%s.%N)

# The state of $res after an attempt: "old" (the ok model's results, untouched),
# "new" (a complete run of the long model), or "mixed".
state() {
    snapshot "$res" >"$out/now"
    if cmp -s "$out/before" "$out/now"; then
        echo old
        return
    fi
    (cd "$res" && find . -print | LC_ALL=C sort) >"$out/now.list"
    (cd "$ref" && find . -print | LC_ALL=C sort) >"$out/ref.list"
    if cmp -s "$out/now.list" "$out/ref.list" && cmp -s "$res/population.csv" "$ref/population.csv" \
        && cmp -s "$res/components.csv" "$ref/components.csv" \
        && [ "$(grep -v -e '^date:' -e '^command:' "$res/run.yaml" | cksum)" \
            = "$(grep -v -e '^date:' -e '^command:' "$ref/run.yaml" | cksum)" ]; then
        echo new
        return
    fi
    echo mixed
}

# The moments: before and while the handlers are installed and the model loads
# (milliseconds), then spread over the whole run as fractions of the time T the
# reference run took (computing, the tables, the workbook, the report, the swap), and
# beyond it (the run completes). The three signals share one handler: they take turns,
# so that each is sent early, midway and late.
delays=$(awk -v a="$t0" -v b="$t1" 'BEGIN {
    t = b - a
    printf "0.001 0.005 0.01 0.02 0.04"
    n = split("0.05 0.1 0.2 0.3 0.45 0.6 0.75 0.9 0.97 1.05 1.3", f, " ")
    for (i = 1; i <= n; i++) printf " %.3f", f[i] * t
}')
have_timeout=no
timeout --preserve-status 5 true 2>/dev/null && have_timeout=yes
n_old=0
n_new=0
n_caught=0
attempt=0
caught_INT=0
caught_TERM=0
caught_HUP=0
for delay in $delays; do
    attempt=$((attempt + 1))
    case $((attempt % 3)) in
    0) sig=INT ;;
    1) sig=TERM ;;
    *) sig=HUP ;;
    esac
    if [ "$(state)" != old ]; then
        rm -rf "$res"
        "$LANDSTAD" run "$ok_model" --out "$res" --quiet || fail "the ok model does not run"
        # run.yaml carries the date: the earlier results are these now.
        snapshot "$res" >"$out/before"
    fi
    # (--force: another model's results are in the folder; the signal is the test)
    if [ $have_timeout = yes ]; then
        timeout -s $sig --preserve-status "$delay" \
            "$LANDSTAD" run "$long/long.yaml" --out "$res" --quiet --force 2>"$out/sig.err"
        code=$?
    else
        "$LANDSTAD" run "$long/long.yaml" --out "$res" --quiet --force 2>"$out/sig.err" &
        pid=$!
        sleep "$delay" 2>/dev/null || sleep 1
        kill -s $sig $pid 2>/dev/null
        wait $pid
        code=$?
    fi
    s=$(state)
    case "$s:$code" in
    old:130 | old:143 | old:129)
        n_old=$((n_old + 1))
        # Caught by the handler: exit 130 and a message; else killed before it was
        # installed, with this signal's code.
        case $sig:$code:$([ -s "$out/sig.err" ] && echo said) in
        *:130:said | INT:130: | TERM:143: | HUP:129:) ;;
        *) fail "SIG$sig after ${delay}s: exit code $code" ;;
        esac
        if [ -s "$out/sig.err" ]; then
            n_caught=$((n_caught + 1))
            eval "caught_$sig=\$((caught_$sig + 1))"
            if ! grep -q "^landstad: interrupted; earlier results are untouched$" \
                "$out/sig.err"; then
                fail "SIG$sig after ${delay}s: unexpected message:"
                cat "$out/sig.err"
            fi
        fi
        ;;
    new:0) n_new=$((n_new + 1)) ;;
    *)
        fail "SIG$sig after ${delay}s: results $s with exit code $code"
        cat "$out/sig.err"
        ;;
    esac
    no_leftovers "SIG$sig after ${delay}s"
done
echo "$attempt interrupted runs (the reference run took" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s): $n_old left the" \
    "earlier results ($n_caught caught the signal and said so: INT $caught_INT, TERM" \
    "$caught_TERM, HUP $caught_HUP), $n_new completed"
for sig in INT TERM HUP; do
    eval "n=\$caught_$sig"
    [ "$n" -gt 0 ] || fail "no run caught SIG$sig midway"
done

echo "$failed failed"
if [ $failed = 0 ]; then
    rm -rf "$out"
    exit 0
fi
echo "scratch files kept in $out"
exit 1
