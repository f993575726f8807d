/* libFuzzer harness: the output-folder reader behind `landstad plot` (rd_load, the
 * charts and the report, gnuplot off). The input is a whole folder: files separated
 * by lines "=== NAME", NAME one of the files a finished folder holds. Whatever they
 * hold, the reader must never crash, leak or hang, and the scripts it writes must
 * hold no line that the data began (checked: no control character in a .gp). */
#include <config.h>

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "report.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {
    "kernen.csv",  "population.csv", "components.csv",  "households.csv", "completions.csv",
    "targets.csv", "gap_decomposition.csv", "population_summary.csv", "regional.csv",
    "completions_summary.csv", "inputs.csv", "run.yaml"};
#define N_NAMES (sizeof names / sizeof names[0])

static char dir[64];

static void
put(const char *name, const char *text, size_t len)
{
    char path[160];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (f == NULL)
        abort();
    fwrite(text, 1, len, f);
    fclose(f);
}

/* A .gp line may not hold a control character other than the line end. */
static void
check_scripts(void)
{
    char plots[96];
    DIR *dp;
    struct dirent *de;
    snprintf(plots, sizeof plots, "%s/plots", dir);
    dp = opendir(plots);
    while (dp != NULL && (de = readdir(dp)) != NULL) {
        char path[400], *buf = NULL;
        size_t len = 0;
        const size_t n = strlen(de->d_name);
        if (n < 3 || strcmp(de->d_name + n - 3, ".gp") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", plots, de->d_name);
        if (read_file(path, &buf, &len) == LS_OK)
            for (size_t i = 0; i < len; i++)
                if ((unsigned char) buf[i] < 0x20 && buf[i] != '\n')
                    abort();
        free(buf);
    }
    if (dp != NULL)
        closedir(dp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *) data, *end = p + size;
    report_options ro = {.lang = LANG_NL, .render = 0};
    diag d, notes;

    if (dir[0] == '\0') {
        snprintf(dir, sizeof dir, "/tmp/landstad-fuzz-results.%ld", (long) getpid());
        if (mkdir(dir, 0700) != 0 && access(dir, W_OK) != 0)
            abort();
    }
    for (size_t i = 0; i < N_NAMES; i++) {
        char path[160];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        remove(path);
    }
    /* "=== NAME\n" starts a file; text before the first one is ignored */
    while (p < end) {
        const char *hdr = memmem(p, (size_t) (end - p), "=== ", 4), *nl, *next;
        if (hdr == NULL)
            break;
        nl = memchr(hdr, '\n', (size_t) (end - hdr));
        if (nl == NULL)
            break;
        next = memmem(nl + 1, (size_t) (end - nl - 1), "\n=== ", 5);
        next = next != NULL ? next + 1 : end;
        for (size_t i = 0; i < N_NAMES; i++)
            if ((size_t) (nl - hdr - 4) == strlen(names[i])
                && memcmp(hdr + 4, names[i], strlen(names[i])) == 0)
                put(names[i], nl + 1, (size_t) (next - nl - 1));
        p = next;
    }
    diag_init(&d);
    diag_init(&notes);
    if (report_build(dir, &ro, &d, &notes) == LS_OK)
        check_scripts();
    diag_free(&d);
    diag_free(&notes);
    return 0;
}
