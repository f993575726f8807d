/* libFuzzer harness: the model-file loader (libyaml + the key table + the
 * cross-key rules) on arbitrary bytes. It must never crash, leak or hang. */
#include <config.h>

#include <stddef.h>
#include <stdint.h>

#include "../src/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    model_spec m;
    diag d;

    diag_init(&d);
    (void) config_parse(&m, (const char *) data, size, "fuzz/dir/model.yaml", &d);
    config_free(&m);
    diag_free(&d);
    return 0;
}
