/* Every plan's own random stream, for common random numbers (compare.h): in Monte
 * Carlo run r, plan P draws its fate (realised, delay, share: three uniforms) from a
 * stream keyed by (seed, r, P's plan_id) alone. Adding, removing, reordering or
 * changing one plan therefore leaves every other plan's draws in every run as they
 * were, and a plan a scenario changes (its phase, units or years) meets the same
 * uniforms as in the base, so its outcome moves monotonically with the change. The
 * levels (fertility, mortality, migration, small plans) and the capacity solver's
 * chunks draw from the run's own stream (mc_stream_seed) in an order that does not
 * depend on the plans.
 *
 * The stream is SplitMix64 (Steele, Lea and Flood 2014) started from a state mixed from
 * the run's seed and the id's 64-bit FNV-1a hash; its outputs are turned into doubles
 * in [0, 1) from their top 53 bits. Two ids with the same hash would share a stream
 * (about 1 in 10^19 for a pair). */
#ifndef LS_PLANSTREAM_H
#define LS_PLANSTREAM_H

#include <stdint.h>

/* The key of a plan_id (64-bit FNV-1a of its bytes). */
uint64_t planstream_key(const char *id);

/* The n uniforms in [0, 1) of the plan with key in the run whose stream seed is
 * run_seed (mc_stream_seed(seed, run)). */
void planstream_uniforms(uint64_t run_seed, uint64_t key, double *u, int n);

#endif
