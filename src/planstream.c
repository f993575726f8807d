/* Keyed SplitMix64 streams for the plans of a Monte Carlo run. */
#include <config.h>

#include "planstream.h"

uint64_t
planstream_key(const char *id)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *) id; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ULL;
    }
    return h;
}

static uint64_t
mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void
planstream_uniforms(uint64_t run_seed, uint64_t key, double *u, int n)
{
    /* The state: run seed and key mixed, so that neither alone decides it. */
    uint64_t state = mix(run_seed ^ mix(key + 0x632BE59BD9B4E019ULL));
    for (int i = 0; i < n; i++) {
        state += 0x9E3779B97F4A7C15ULL;
        u[i] = (double) (mix(state) >> 11) * 0x1.0p-53;
    }
}
