/* Piecewise-linear year paths. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "schedule.h"
#include "util.h"

void
schedule_init(schedule *self)
{
    memset(self, 0, sizeof *self);
}

void
schedule_free(schedule *self)
{
    if (self == NULL)
        return;
    free(self->year);
    free(self->value);
    memset(self, 0, sizeof *self);
}

void
schedule_copy(schedule *dst, const schedule *src)
{
    schedule_init(dst);
    for (size_t i = 0; i < src->n; i++)
        schedule_set(dst, src->year[i], src->value[i]);
}

void
schedule_set_constant(schedule *self, double value)
{
    schedule_free(self);
    schedule_set(self, 0, value);
}

void
schedule_set(schedule *self, int year, double value)
{
    size_t i = 0;

    while (i < self->n && self->year[i] < year)
        i++;
    if (i < self->n && self->year[i] == year) {
        self->value[i] = value;
        return;
    }
    self->year = xreallocarray(self->year, self->n + 1, sizeof *self->year);
    self->value = xreallocarray(self->value, self->n + 1, sizeof *self->value);
    memmove(self->year + i + 1, self->year + i, (self->n - i) * sizeof *self->year);
    memmove(self->value + i + 1, self->value + i, (self->n - i) * sizeof *self->value);
    self->year[i] = year;
    self->value[i] = value;
    self->n++;
}

int
schedule_is_empty(const schedule *self)
{
    return self->n == 0;
}

double
schedule_at(const schedule *self, double year, double def)
{
    size_t i;

    if (self->n == 0)
        return def;
    if (year <= self->year[0])
        return self->value[0];
    if (year >= self->year[self->n - 1])
        return self->value[self->n - 1];
    for (i = 1; i < self->n; i++)
        if (year <= self->year[i])
            break;
    {
        const double y0 = self->year[i - 1], y1 = self->year[i];
        const double w = (year - y0) / (y1 - y0);
        return self->value[i - 1] + w * (self->value[i] - self->value[i - 1]);
    }
}
