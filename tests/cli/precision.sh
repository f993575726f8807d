#!/bin/sh
# Monte Carlo precision on the shipped Hardenberg model: targets.csv's
# probability_se is the binomial standard error sqrt(p (1 - p) / N) of every
# probability; --precision P stops at a whole number of 1000-run chunks with every
# municipal target's standard error below P; --antithetic keeps the 1/2-thread byte
# identity, needs an even number of runs and, for the population target (driven by
# the levels), gives a standard error below the binomial one; bad values exit 2.
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"
base="$builddir/tests/out/precision"
rm -rf "$base"
mkdir -p "$base" || exit 1
cd "$srcdir" || exit 1
fail=0

run() { # DIR ARGS...
    d=$1
    shift
    if ! "$LANDSTAD" run models/hardenberg.yaml --seed 7 --out "$d" --no-plot --quiet "$@" \
            > "$d.stdout" 2> "$d.stderr"; then
        echo "FAIL: landstad run $*"
        cat "$d.stderr"
        return 1
    fi
}
# column values of targets.csv: ID PROB SE SCOPE per line
cols() {
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
             { print $1, $(c["probability_met"]), $(c["probability_se"]), $2 }' "$1/targets.csv"
}

# binomial_se DIR: probability_se is sqrt(p (1 - p) / N) on every row, N the runs of
# DIR's run.yaml.
binomial_se() {
    n=$(sed -n 's/^runs: //p' "$1/run.yaml")
    cols "$1" | awk -v n="$n" -v where="${1##*/}" '
    { se = sqrt($2 * (1 - $2) / n); d = $3 - se; if (d < 0) d = -d
      if ($3 == "" || d > 6e-5) { printf "FAIL: %s: %s: probability_se %s, sqrt(p(1-p)/%d) = %.5f\n", where, $1, $3, n, se; bad = 1 }
      k++ }
    END { if (k < 5) { print "FAIL: fewer than 5 target rows"; bad = 1 }
          printf "%s: binomial standard error checked on %d rows, %d runs\n", where, k, n; exit bad }' || fail=1
}

# ---- --precision: one chunk is enough for 0.05 (p(1-p) <= 1/4: se <= 0.0159) ----
run "$base/p05" --precision 0.05 --runs 5000 --threads 2 || exit 1
grep -q '^runs: 1000$' "$base/p05/run.yaml" || { echo "FAIL: --precision 0.05 did not stop at 1000 runs: $(grep '^runs:' "$base/p05/run.yaml")"; fail=1; }
# ---- 0.013: 1000 runs leave the targets near p = 1/2 above it, so more chunks ----
run "$base/p013" --precision 0.013 --runs 5000 || exit 1
n=$(sed -n 's/^runs: //p' "$base/p013/run.yaml")
[ $((n % 1000)) -eq 0 ] && [ "$n" -gt 1000 ] || { echo "FAIL: --precision 0.013 took $n runs, expected a multiple of 1000 above 1000"; fail=1; }
cols "$base/p013" | awk '$4 == "municipality" && $3 + 0 >= 0.013 { printf "FAIL: %s: standard error %s not below 0.013\n", $1, $3; bad = 1 } END { exit bad }' || fail=1
echo "--precision 0.013: $n runs"
# ---- the binomial standard error, on both (1000 and more runs) ----
binomial_se "$base/p05"
binomial_se "$base/p013"

# ---- --antithetic ----
run "$base/a1" --runs 400 --antithetic --threads 1 && run "$base/a2" --runs 400 --antithetic --threads 2 || exit 1
for f in targets.csv population_summary.csv; do
    cmp -s "$base/a1/$f" "$base/a2/$f" || { echo "FAIL: --antithetic: $f differs between 1 and 2 threads"; fail=1; }
done
cols "$base/a1" | awk -v n=400 '$1 == "population_65000" { found = 1; se = sqrt($2 * (1 - $2) / n)
      if (!($3 + 0 < se)) { printf "FAIL: antithetic standard error %s not below the binomial %.4f\n", $3, se; bad = 1 }
      else printf "population_65000: antithetic se %s < binomial %.4f\n", $3, se }
    END { if (!found) { print "FAIL: no population_65000 row"; bad = 1 } exit bad }' || fail=1

# ---- bad values ----
expect_usage() { # NAME ARGS...
    name=$1
    shift
    "$LANDSTAD" "$@" > "$base/$name.stdout" 2> "$base/$name.stderr"
    rc=$?
    if [ "$rc" -ne 2 ]; then
        echo "FAIL: $name: exit $rc, expected 2"; fail=1
    elif ! grep -q -- "$name_word" "$base/$name.stderr"; then
        echo "FAIL: $name: the message does not name $name_word: $(cat "$base/$name.stderr")"; fail=1
    fi
    [ ! -e "$base/$name.out" ] || { echo "FAIL: $name wrote results"; fail=1; }
}
name_word=--precision
expect_usage prec0 run models/hardenberg.yaml --precision 0 --out "$base/prec0.out" --no-plot --quiet
expect_usage prechalf run models/hardenberg.yaml --precision 0.5 --out "$base/prechalf.out" --no-plot --quiet
expect_usage precx run models/hardenberg.yaml --precision 1e-2x --out "$base/precx.out" --no-plot --quiet
name_word=--antithetic
expect_usage antiodd run models/hardenberg.yaml --runs 301 --antithetic --out "$base/antiodd.out" --no-plot --quiet
exit $fail
