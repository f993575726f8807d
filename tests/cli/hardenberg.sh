#!/bin/sh
# The shipped Hardenberg model end to end: it runs, meets the observed 1 January 2025
# total within 1%, has every kern x sex x age x year once, never a negative cell,
# and the accounting identity P(t+1) = P(t) + B - D + I - E holds in every kern,
# sex and year; internal moves sum to zero over the municipality.
set -u
: "${LANDSTAD:?}" "${srcdir:?}" "${builddir:?}"
out="$builddir/tests/out/hardenberg"
rm -rf "$out"
cd "$srcdir" || exit 1
if ! "$LANDSTAD" run models/hardenberg.yaml --out "$out" --no-plot > "$builddir/tests/out/hardenberg.stdout"; then
    echo "FAIL: landstad run models/hardenberg.yaml"; exit 1
fi
cat "$builddir/tests/out/hardenberg.stdout"
fail=0
for f in population.csv components.csv run.yaml plots/population.gp plots/pyramid.dat; do
    [ -s "$out/$f" ] || { echo "FAIL: missing $f"; fail=1; }
done

awk -F, 'NR > 1 { n++; if ($5 < 0) neg++; if ($1 == 2025) t += $5; seen[$1 "," $2 "," $3 "," $4]++ }
    END {
        dup = 0; for (k in seen) if (seen[k] != 1) dup++
        printf "rows %d (expect %d), negative %d, duplicated %d, 1 Jan 2025 total %.1f (CBS 63,423)\n",
            n, 20 * 29 * 2 * 101, neg, dup, t
        rel = (t - 63423) / 63423; if (rel < 0) rel = -rel
        if (n != 20 * 29 * 2 * 101 || neg > 0 || dup > 0 || rel > 0.01) exit 1
    }' "$out/population.csv" || { echo "FAIL: population.csv checks"; fail=1; }

awk -F, 'NR > 1 {
        rhs = $4 + $5 - $6 + $7 - $8 + $9 - $10 + $11 - $12
        d = $13 - rhs; if (d < 0) d = -d
        if (d > worst) worst = d
        iin[$1] += $11; iout[$1] += $12; rows++
    }
    END {
        for (y in iin) { d = iin[y] - iout[y]; if (d < 0) d = -d; if (d > wi) wi = d }
        printf "components: %d rows, largest identity residual %.2g, largest internal imbalance %.2g\n", rows, worst, wi
        # 6-decimal rounding of 13 columns bounds the residual at about 1e-5
        if (rows != 19 * 29 * 2 || worst > 1e-4 || wi > 1e-3) exit 1
    }' "$out/components.csv" || { echo "FAIL: accounting identity"; fail=1; }

# population_end of a step is the next year's population, kern by kern.
awk -F, 'FNR == 1 { file++; next }
    file == 1 { pop[$1 + 0 "," $2 "," $3] += $5; next }
    { key = ($1 + 1) "," $2 "," $3; d = pop[key] - $13; if (d < 0) d = -d; if (d > w) w = d }
    END { printf "population_end vs next year: largest difference %.2g\n", w; if (w > 1e-3) exit 1 }' \
    "$out/population.csv" "$out/components.csv" || { echo "FAIL: components do not chain"; fail=1; }
exit $fail
