/* libFuzzer harness: the CSV reader and its typed cell access on arbitrary bytes. */
#include <config.h>

#include <stddef.h>
#include <stdint.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    csv_table t;
    diag d;

    diag_init(&d);
    if (csv_parse(&t, (const char *) data, size, "fuzz.csv", &d) == LS_OK) {
        int c = csv_column(&t, "persons", 1, &d);
        for (size_t r = 0; r < t.n_rows; r++)
            for (size_t k = 0; k < t.header.n; k++) {
                double v;
                long i;
                (void) csv_number(&t, r, (int) k, &v, &d);
                (void) csv_integer(&t, r, (int) k, &i, &d);
                (void) csv_line(&t, r);
                (void) csv_col(&t, r, (int) k);
            }
        (void) c;
    }
    csv_free(&t);
    diag_free(&d);
    return 0;
}
