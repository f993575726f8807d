#!/bin/sh
# The published projections in tests/data and models/examples, run through the
# landstad program exactly as a user would, compared cell by cell with published
# figures (UN WPP Canada; Preston et al. 2001 Box 6.2, rounded to whole persons) or,
# where nothing is published (popReconstruct's Burkina Faso initial estimates), with
# a hand computation of the first step (tests/data/burkina-faso-by-hand/).
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"
out="$builddir/tests/out/examples"
rm -rf "$out"
mkdir -p "$out"
fail=0

compare() { # name expected.csv result-folder tolerance [column]
    awk -F, -v tol="$4" -v name="$1" -v col="${5:-persons}" '
        FNR == 1 { file++ }
        /^#/ { next }
        file == 1 && $1 == "year" { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
        file == 1 { want[$1 "," $2 "," $3 "," $4] = $c; next }
        $1 != "year" { got[$1 "," $2 "," $3 "," $4] = $5 }
        END {
            n = 0; worst = 0
            for (k in want) {
                n++
                if (!(k in got)) { print name ": no result for " k; bad = 1; continue }
                d = got[k] - want[k]; if (d < 0) d = -d
                if (d > worst) worst = d
            }
            printf "%s: %d cells, largest absolute error %.3g persons\n", name, n, worst
            if (n == 0 || worst > tol || bad) exit 1
        }' "$2" "$3/population.csv"
}

run() { # name model
    if ! "$LANDSTAD" run "$2" --out "$out/$1" --no-plot --quiet; then
        echo "FAIL: landstad run $2"
        fail=1
        return 1
    fi
}

run canada "$srcdir/tests/data/wpp-canada/model.yaml" &&
    { compare canada "$srcdir/tests/data/wpp-canada/expected_population.csv" "$out/canada" 1e-6 || fail=1; }
run preston "$srcdir/models/examples/preston-sweden-1993/model.yaml" &&
    { compare preston "$srcdir/tests/data/preston-box-6.2/population_1998.csv" "$out/preston" 1 || fail=1; }
run burkina "$srcdir/models/examples/burkina-faso-females-1960/model.yaml" &&
    { compare burkina "$srcdir/tests/data/burkina-faso-by-hand/population_1965.csv" "$out/burkina" 1e-3 \
          persons_start_and_survivors || fail=1; }
# A female-only model writes only F rows.
if [ -f "$out/burkina/population.csv" ] && grep -q ',M,' "$out/burkina/population.csv"; then
    echo "FAIL: female-only model wrote male rows"; fail=1
fi
exit $fail
