/* The charts rendered by gnuplot (skipped, exit 77, when there is none): every
 * script of the report fixture exits 0 and writes a non-empty PNG and SVG, and
 * report.html embeds exactly those PNGs, byte for byte. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "output.h"
#include "plot.h"
#include "report.h"
#include "testlib.h"
#include "util.h"

static char *dir;

static char *
slurp(const char *path, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    if (read_file(path, &buf, &n) != LS_OK)
        return NULL;
    if (len != NULL)
        *len = n;
    return buf;
}

/* A copy of tests/data/report in the build tree. */
static char *
fixture(const char *name)
{
    char *src = test_src("tests/data/report"), *dst = test_tmp(name);
    DIR *d;
    struct dirent *e;

    remove_tree(dst);
    if (mkdir(dst, 0777) != 0 || (d = opendir(src)) == NULL) {
        fprintf(stderr, "cannot copy %s to %s: %s\n", src, dst, strerror(errno));
        exit(99);
    }
    while ((e = readdir(d)) != NULL) {
        char *from, *to, *buf;
        size_t len;
        FILE *f;
        if (e->d_name[0] == '.')
            continue;
        from = xasprintf("%s/%s", src, e->d_name);
        to = xasprintf("%s/%s", dst, e->d_name);
        if ((buf = slurp(from, &len)) == NULL || (f = fopen(to, "wb")) == NULL ||
            fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
            fprintf(stderr, "cannot copy %s\n", from);
            exit(99);
        }
        free(buf);
        free(from);
        free(to);
    }
    closedir(d);
    free(src);
    return dst;
}

static int
b64(int c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Decodes the base64 text at s up to the closing quote. */
static unsigned char *
decode(const char *s, size_t *n)
{
    const char *end = strchr(s, '"');
    size_t len = end != NULL ? (size_t) (end - s) : 0, o = 0;
    unsigned char *out = xmalloc(len / 4 * 3 + 3);
    for (size_t i = 0; i + 3 < len; i += 4) {
        const int a = b64(s[i]), b = b64(s[i + 1]), c = b64(s[i + 2]), d = b64(s[i + 3]);
        if (a < 0 || b < 0)
            break;
        out[o++] = (unsigned char) (a << 2 | b >> 4);
        if (c >= 0)
            out[o++] = (unsigned char) ((b & 15) << 4 | c >> 2);
        if (d >= 0)
            out[o++] = (unsigned char) ((c & 3) << 6 | d);
    }
    *n = o;
    return out;
}

static void
test_render(void)
{
    report_options o = {.lang = LANG_NL, .render = 1};
    diag d, notes;
    char *plots, *html, *path;
    DIR *pd;
    struct dirent *e;
    size_t n_gp = 0;

    dir = fixture("report-render");
    diag_init(&d);
    diag_init(&notes);
    CU_ASSERT_EQUAL_FATAL(report_build(dir, &o, &d, &notes), LS_OK);
    diag_print(&notes, stderr);
    CU_ASSERT_EQUAL(diag_count(&notes), 0); /* every chart rendered */
    plots = xasprintf("%s/plots", dir);
    path = xasprintf("%s/report.html", dir);
    html = slurp(path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);
    pd = opendir(plots);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pd);
    while ((e = readdir(pd)) != NULL) {
        const size_t len = strlen(e->d_name);
        char *stem, *png, *svg, *anchor, *pngdata;
        const char *at;
        struct stat st;
        size_t png_len = 0;
        if (len < 4 || strcmp(e->d_name + len - 3, ".gp") != 0)
            continue;
        n_gp++;
        /* gnuplot exits 0 on the script as written, by hand too */
        CU_ASSERT_EQUAL(plot_render(plots, e->d_name, &notes), LS_OK);
        stem = xstrndup(e->d_name, len - 3);
        png = xasprintf("%s/%s.png", plots, stem);
        svg = xasprintf("%s/%s.svg", plots, stem);
        CU_ASSERT(stat(png, &st) == 0 && st.st_size > 1000);
        CU_ASSERT(stat(svg, &st) == 0 && st.st_size > 1000);
        /* the page embeds this very PNG */
        anchor = xasprintf("<figure id=\"%s\">", stem);
        at = strstr(html, anchor);
        CU_ASSERT_PTR_NOT_NULL(at);
        if (at != NULL) {
            at = strstr(at, "src=\"data:image/png;base64,");
            CU_ASSERT_PTR_NOT_NULL(at);
        }
        pngdata = slurp(png, &png_len);
        if (at != NULL && pngdata != NULL) {
            size_t n;
            unsigned char *img = decode(at + strlen("src=\"data:image/png;base64,"), &n);
            CU_ASSERT(n == png_len && memcmp(img, pngdata, n) == 0);
            free(img);
        }
        free(pngdata);
        free(anchor);
        free(stem);
        free(png);
        free(svg);
    }
    closedir(pd);
    diag_print(&notes, stderr);
    CU_ASSERT_EQUAL(diag_count(&notes), 0);
    CU_ASSERT_EQUAL(n_gp, 9);
    free(html);
    free(path);
    free(plots);
    diag_free(&d);
    diag_free(&notes);
    free(dir);
}

static CU_TestInfo tests[] = {
    {"render", test_render},
    CU_TEST_INFO_NULL,
};

int
main(int argc, char **argv)
{
    if (plot_gnuplot() == NULL) {
        fprintf(stderr, "gnuplot not found: skipped\n");
        return 77;
    }
    return test_main(tests, argc, argv);
}
