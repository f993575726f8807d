/* Year-indexed parameter paths: a value given at a few years, interpolated linearly
 * between them and held constant before the first and after the last (cf. msprime's
 * rate_map). Years are calendar years; values carry the unit of whatever they
 * describe. The schedule owns its arrays. */
#ifndef LS_SCHEDULE_H
#define LS_SCHEDULE_H

#include <stddef.h>

typedef struct {
    size_t n;
    int *year;     /* strictly increasing */
    double *value;
} schedule;

void schedule_init(schedule *self);
void schedule_free(schedule *self);
void schedule_copy(schedule *dst, const schedule *src);
/* A schedule that is value everywhere. */
void schedule_set_constant(schedule *self, double value);
/* Inserts or replaces the point at year, keeping the years sorted. */
void schedule_set(schedule *self, int year, double value);
/* Value at a (possibly fractional) year; def when the schedule is empty. */
double schedule_at(const schedule *self, double year, double def);
int schedule_is_empty(const schedule *self);

#endif
