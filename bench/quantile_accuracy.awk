# Compare the p10/p50/p90 columns of two pasted summary files (same layout): the
# largest absolute difference, and the largest relative to the p10-p90 width.
NR == 1 { n = NF / 2; for (i = 1; i <= n; i++) if ($i == "p10") c = i; next }
{
    w = $(c + 2 + n) - $(c + n); if (w < 0) w = -w
    for (k = 0; k < 3; k++) {
        d = $(c + k) - $(c + k + n); if (d < 0) d = -d
        if (d > worst) { worst = d; where = $1 " " $2 " " $3 }
        if (w > 1 && d / w > rel) rel = d / w
    }
}
END { printf "%s: largest |histogram - exact| %.3f (at %s); largest relative to the p10-p90 width %.4f\n", f, worst, where, rel }
