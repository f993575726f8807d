/* SHA-256 against the FIPS 180-4 examples, lengths around the padding boundary,
 * updates in odd-sized pieces, and whole files. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sha256.h"
#include "testlib.h"

static void
digest(const void *data, size_t n, char hex[65])
{
    sha256 s;
    sha256_init(&s);
    sha256_update(&s, data, n);
    sha256_final(&s, hex);
}

static void
test_sha256_fips_vectors(void)
{
    static const char two_blocks[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    static const char four_blocks[] =
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
        "klmnopqrlmnopqrsmnopqrstnopqrstu";
    char hex[65];

    digest("", 0, hex);
    CU_ASSERT_STRING_EQUAL(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    digest("abc", 3, hex);
    CU_ASSERT_STRING_EQUAL(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    digest(two_blocks, strlen(two_blocks), hex);
    CU_ASSERT_STRING_EQUAL(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    digest(four_blocks, strlen(four_blocks), hex);
    CU_ASSERT_STRING_EQUAL(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void
test_sha256_million_a(void)
{
    char *a = malloc(1000000);
    char hex[65];
    sha256 s;

    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    memset(a, 'a', 1000000);
    digest(a, 1000000, hex);
    CU_ASSERT_STRING_EQUAL(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    /* The same in pieces of 997 bytes (a prime, so pieces straddle every block edge). */
    sha256_init(&s);
    for (size_t off = 0; off < 1000000; off += 997)
        sha256_update(&s, a + off, 1000000 - off < 997 ? 1000000 - off : 997);
    sha256_final(&s, hex);
    CU_ASSERT_STRING_EQUAL(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(a);
}

/* Message i of length n: bytes (37 k + 11) mod 256; digests from Python's hashlib. */
static void
test_sha256_padding_boundaries(void)
{
    static const struct {
        size_t n;
        const char *hex;
    } cases[] = {
        {55, "2900465fcb533e05a158fd2b3be0e5e3b03740d83060aa3580e0d98a96bf2384"},
        {56, "31454ff48ef36af2f08fd511bdc37d9d5855ac23e992e5ff5445cb6b7674a674"},
        {63, "5f6401b96532c36de4e65beec0409b69b1d181864c8009b7a04f43e5d56350d1"},
        {64, "94eb5de4943613fd048dc93393ab06877405faa39c11f53e9386083339833e7e"},
        {65, "fc518669b6eb4b4dd91827ecacef86689c725bd5bab888fd3b26dbb196eec954"},
        {119, "b0dc41b1a384e2f1203f0351b38fbeaafceef577ce1191d5bfc25da39f721eae"},
    };
    unsigned char msg[119];
    char hex[65];

    for (size_t k = 0; k < sizeof msg; k++)
        msg[k] = (unsigned char) ((k * 37 + 11) % 256);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        digest(msg, cases[i].n, hex);
        CU_ASSERT_STRING_EQUAL(hex, cases[i].hex);
    }
}

static void
test_sha256_odd_chunks_give_same_digest(void)
{
    static const char two_blocks[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    const size_t n = strlen(two_blocks);
    static const size_t pieces[] = {1, 3, 7, 13, 0, 31};
    char hex[65];
    sha256 s;
    size_t off = 0, k = 0;

    sha256_init(&s);
    while (off < n) {
        size_t take = pieces[k++ % 6];
        if (take > n - off)
            take = n - off;
        sha256_update(&s, two_blocks + off, take);
        off += take;
    }
    sha256_final(&s, hex);
    CU_ASSERT_STRING_EQUAL(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CU_ASSERT_EQUAL(strlen(hex), 64);
}

static void
test_sha256_file(void)
{
    char *text = malloc(20001), *path, *missing;
    char hex[65] = "unchanged";

    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    /* 20 000 bytes: more than two reads of the 8 KiB buffer. */
    for (size_t i = 0; i < 20000; i++)
        text[i] = (char) ('a' + (i * 7) % 26);
    text[20000] = '\0';
    path = test_write("sha256_input.txt", text);
    CU_ASSERT_EQUAL(sha256_file(path, hex), LS_OK);
    CU_ASSERT_STRING_EQUAL(hex, "c2ce8491d36670d37a43f312ed52819c874d43fd0fa15d1cbeb32c8736ab3161");
    free(path);

    path = test_write("sha256_empty.txt", "");
    CU_ASSERT_EQUAL(sha256_file(path, hex), LS_OK);
    CU_ASSERT_STRING_EQUAL(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    free(path);

    missing = test_tmp("sha256_no_such_file.txt");
    remove(missing);
    CU_ASSERT_EQUAL(sha256_file(missing, hex), LS_EIO);
    free(missing);
    free(text);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"test_sha256_fips_vectors", test_sha256_fips_vectors},
        {"test_sha256_million_a", test_sha256_million_a},
        {"test_sha256_padding_boundaries", test_sha256_padding_boundaries},
        {"test_sha256_odd_chunks_give_same_digest", test_sha256_odd_chunks_give_same_digest},
        {"test_sha256_file", test_sha256_file},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
