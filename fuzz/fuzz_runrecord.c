/* libFuzzer harness: the run-record reader (libyaml with the depth limit) on
 * arbitrary bytes, and the writer on what it read: a record that was read must be
 * written again and read back to the same texts. */
#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runrecord.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const keys[] = {"version", "date", "command", "seed", "runs",
                                   "model.file", "model.name", "model.title", "inputs.0.file"};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    runrecord *rr = runrecord_alloc(), *copy = NULL, *back = NULL;
    diag d;

    if (path[0] == '\0')
        snprintf(path, sizeof path, "/tmp/landstad-fuzz-rr.%ld.yaml", (long) getpid());
    diag_init(&d);
    if (runrecord_parse(rr, (const char *) data, size, "run.yaml", &d) == LS_OK) {
        /* the scalars found, written into a fresh record and read back */
        copy = runrecord_alloc();
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            char k[8];
            snprintf(k, sizeof k, "k%zu", i);
            runrecord_str(copy, runrecord_root(copy), k, runrecord_text(rr, 0, keys[i]));
        }
        back = runrecord_alloc();
        if (runrecord_save(copy, path, &d) == LS_OK && runrecord_load(back, path, &d) == LS_OK)
            for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
                char k[8];
                const char *a = runrecord_text(rr, 0, keys[i]), *b;
                snprintf(k, sizeof k, "k%zu", i);
                b = runrecord_text(back, 0, k);
                if ((a == NULL) != (b == NULL) || (a != NULL && strcmp(a, b) != 0))
                    abort();
            }
        else
            abort();
    }
    runrecord_free(rr);
    runrecord_free(copy);
    runrecord_free(back);
    diag_free(&d);
    return 0;
}
