/* bench_peak: the double-precision peak of one core, measured: multiply-adds per
 * second, fused (FMA, when the CPU has it) and as a separate multiply and add (the
 * arithmetic landstad uses: it is compiled without contraction, so that every
 * instruction set gives the same bits). Independent chains of 4-wide vectors hide the
 * latency: twelve fused chains; for the separate multiply and add the better of two
 * designs (twelve chains of acc x + y, and seven multiply chains beside seven add
 * chains). Prints G multiply-adds per second per core. */
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

/* A multiply and an add on each of twelve chains (acc x + y): a chain waits on the
 * latency of both, so twelve only just fill the pipes. */
__attribute__((target("avx"))) static double
probe_muladd_chain(long iters)
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

/* Multiplies and adds as separate instructions: seven chains of each, more than the
 * latency (3) times the pipes of each kind (2), so that both pipes of each kind stay
 * busy (a chain of acc x + y waits on the latency of both; twelve of them only just
 * fill the pipes, and the machine's noise shows in them). Distinct starts, so that the
 * compiler cannot merge chains. One multiply and one add count as one multiply-add. */
__attribute__((target("avx"))) static double
probe_muladd(long iters)
{
    __m256d m[7], a[7];
    const __m256d x = _mm256_set1_pd(0.999999), y = _mm256_set1_pd(1e-7);
    double out[4], sum = 0;
    for (int c = 0; c < 7; c++) {
        m[c] = _mm256_set1_pd(1.0 + c);
        a[c] = _mm256_set1_pd(0.5 * c);
    }
    for (long i = 0; i < iters; i++)
        for (int c = 0; c < 7; c++) {
            m[c] = _mm256_mul_pd(m[c], x);
            a[c] = _mm256_add_pd(a[c], y);
        }
    for (int c = 1; c < 7; c++) {
        m[0] = _mm256_add_pd(m[0], m[c]);
        a[0] = _mm256_add_pd(a[0], a[c]);
    }
    _mm256_storeu_pd(out, _mm256_add_pd(m[0], a[0]));
    for (int k = 0; k < 4; k++)
        sum += out[k];
    return sum;
}

static double
rate(double (*f)(long), long iters, int per_iter, double *sink)
{
    double best = 0;
    for (int r = 0; r < 10; r++) {
        const double t0 = cpu_now();
        double g;
        *sink += f(iters);
        g = (double) iters * per_iter * 4 / (cpu_now() - t0) / 1e9;
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
        fma = rate(probe_fma, iters, CHAINS, &sink);
    /* The better of the two designs: another program on the core only slows a probe. */
    if (__builtin_cpu_supports("avx")) {
        const double chain = rate(probe_muladd_chain, iters, CHAINS, &sink);
        muladd = rate(probe_muladd, iters, 7, &sink);
        if (chain > muladd)
            muladd = chain;
    }
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
