/* bench_peak: the double-precision peak of one core, measured: multiply-adds per
 * second, fused (FMA, when the CPU has it) and as a separate multiply and add (the
 * arithmetic landstad uses: it is compiled without contraction, so that every
 * instruction set gives the same bits). Twelve independent accumulator chains of
 * 4-wide vectors hide the latency. Prints G multiply-adds per second per core. */
#include <config.h>

#include <stdio.h>
#include <time.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define CHAINS 12

static double
cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double) t.tv_sec + (double) t.tv_nsec * 1e-9;
}

__attribute__((target("avx2,fma"))) static double
probe_fma(long iters)
{
    __m256d acc[CHAINS], x = _mm256_set1_pd(0.999999), y = _mm256_set1_pd(1e-7);
    double out[4], sum = 0;
    for (int c = 0; c < CHAINS; c++)
        acc[c] = _mm256_set1_pd(1.0 + c);
    for (long i = 0; i < iters; i++)
        for (int c = 0; c < CHAINS; c++)
            acc[c] = _mm256_fmadd_pd(acc[c], x, y);
    for (int c = 1; c < CHAINS; c++)
        acc[0] = _mm256_add_pd(acc[0], acc[c]);
    _mm256_storeu_pd(out, acc[0]);
    for (int k = 0; k < 4; k++)
        sum += out[k];
    return sum;
}

__attribute__((target("avx"))) static double
probe_muladd(long iters)
{
    __m256d acc[CHAINS], x = _mm256_set1_pd(0.999999), y = _mm256_set1_pd(1e-7);
    double out[4], sum = 0;
    for (int c = 0; c < CHAINS; c++)
        acc[c] = _mm256_set1_pd(1.0 + c);
    for (long i = 0; i < iters; i++)
        for (int c = 0; c < CHAINS; c++)
            acc[c] = _mm256_add_pd(_mm256_mul_pd(acc[c], x), y);
    for (int c = 1; c < CHAINS; c++)
        acc[0] = _mm256_add_pd(acc[0], acc[c]);
    _mm256_storeu_pd(out, acc[0]);
    for (int k = 0; k < 4; k++)
        sum += out[k];
    return sum;
}

/* Best of five: the peak is what the core can do when it gets the time. */
static double
rate(double (*f)(long), long iters, double *sink)
{
    double best = 0;
    for (int r = 0; r < 5; r++) {
        const double t0 = cpu_now();
        double g;
        *sink += f(iters);
        g = (double) iters * CHAINS * 4 / (cpu_now() - t0) / 1e9;
        if (g > best)
            best = g;
    }
    return best;
}

int
main(void)
{
    const long iters = 20000000;
    double sink = 0, fma = 0, muladd = 0;
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        fma = rate(probe_fma, iters, &sink);
    if (__builtin_cpu_supports("avx"))
        muladd = rate(probe_muladd, iters, &sink);
    printf("fma_g_per_s=%.2f muladd_g_per_s=%.2f check=%.3g\n", fma, muladd, sink > 0 ? 1.0 : 0.0);
    return 0;
}
#else
int
main(void)
{
    printf("fma_g_per_s=0 muladd_g_per_s=0 check=0\n");
    return 0;
}
#endif
