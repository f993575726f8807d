/* The CSV reader on buffers in memory: the accepted syntax (comments, blank lines,
 * quotes, BOM, CRLF, trimming), the exact message for every syntax problem, and
 * typed cell access that rejects anything that is not a plain finite number. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "testlib.h"

/* Parses a NUL-terminated text. */
static int
parse(csv_table *t, const char *text, diag *d)
{
    return csv_parse(t, text, strlen(text), "t.csv", d);
}

static void
test_csv_header_and_rows(void)
{
    csv_table t;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse(&t, "kern,sex,age,persons\nVroomshoop,F,35,127.25\nGramsbergen,M,5,3\n", &d),
                          LS_OK);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    CU_ASSERT_STRING_EQUAL(t.name, "t.csv");
    CU_ASSERT_EQUAL_FATAL(t.header.n, 4);
    CU_ASSERT_EQUAL(t.header.line, 1);
    CU_ASSERT_STRING_EQUAL(t.header.field[3].text, "persons");
    CU_ASSERT_EQUAL(t.header.field[3].col, 14);
    CU_ASSERT_EQUAL_FATAL(t.n_rows, 2);
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 0, 0), "Vroomshoop");
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 0, 3), "127.25");
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 1, 0), "Gramsbergen");
    CU_ASSERT_EQUAL(csv_line(&t, 0), 2);
    CU_ASSERT_EQUAL(csv_line(&t, 1), 3);
    CU_ASSERT_EQUAL(csv_col(&t, 1, 1), 13);
    CU_ASSERT_EQUAL(csv_col(&t, 1, 3), 17);
    CU_ASSERT_EQUAL(csv_column(&t, "age", 1, &d), 2);
    CU_ASSERT_EQUAL(csv_column(&t, "kern", 1, &d), 0);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    csv_free(&t);
    csv_free(&t); /* twice is safe */
    diag_free(&d);
}

static void
test_csv_no_final_newline_and_empty_cells(void)
{
    csv_table t;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse(&t, "a,b,c\n,x,\n7,,9", &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(t.n_rows, 2);
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 0, 0), "");
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 0, 2), "");
    CU_ASSERT_EQUAL(csv_col(&t, 0, 2), 4);
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 1, 2), "9");
    CU_ASSERT_EQUAL(csv_line(&t, 1), 3);
    csv_free(&t);
    diag_free(&d);
}

static void
test_csv_comments_and_blank_lines_anywhere(void)
{
    csv_table t;
    diag d;
    const char *text = "# Source: CBS StatLine 83482NED\n"
                       "\n"
                       "age,qx\n"
                       "# estimated below\n"
                       "0,0.00352\n"
                       "   \n"
                       "\t\n"
                       "1,0.00028\n"
                       "# trailing comment, with a comma\n";

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse(&t, text, &d), LS_OK);
    CU_ASSERT_EQUAL(t.header.line, 3);
    CU_ASSERT_EQUAL_FATAL(t.n_rows, 2);
    CU_ASSERT_EQUAL(csv_line(&t, 0), 5);
    CU_ASSERT_EQUAL(csv_line(&t, 1), 8);
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 1, 1), "0.00028");
    csv_free(&t);
    diag_free(&d);
}

/* A comment is a line whose first character is '#', to the end of that line: an
 * unbalanced quote in it never swallows the rows below; spreadsheet-saved comments
 * ("# text;;;;", "# text,,,") are comments; a '#' after blanks or inside quotes is
 * data. */
static void
test_csv_comments_never_swallow_rows(void)
{
    csv_table t;
    diag d;
    const char *text = "# source: CBS, \"Bevolking 1 januari\n"
                       "# text;;;;\n"
                       "kern,v\n"
                       "# a note with \"one quote, and a comma\n"
                       "A,1\n"
                       "# text,,\n"
                       "\"#1\",2\n"
                       "B,3\n";

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse(&t, text, &d), LS_OK);
    CU_ASSERT_STRING_EQUAL(t.header.field[0].text, "kern");
    CU_ASSERT_EQUAL(t.header.line, 3);
    CU_ASSERT_EQUAL_FATAL(t.n_rows, 3);
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 0, 0), "A");
    CU_ASSERT_EQUAL(csv_line(&t, 0), 5);
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 1, 0), "#1"); /* quoted: data */
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 2, 0), "B");
    CU_ASSERT_EQUAL(csv_line(&t, 2), 8);
    csv_free(&t);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    /* after blanks a '#' is data: here a row with one field too few */
    CU_ASSERT_EQUAL(parse(&t, "kern,v\n  # not a comment\nA,1\n", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_STRING_EQUAL(d.msg[0], "t.csv:2:1: expected 2 fields as in the header, found 1");
    csv_free(&t);
    diag_free(&d);
}

static void
test_csv_quoted_fields(void)
{
    csv_table t;
    diag d;
    const char *text = "kern,note,v\n"
                       "\"Dalfsen, Oost\",\"he said \"\"hi\"\"\",1\n"
                       "\"two\nline\",\"three\r\nline\ntext\",2\n"
                       "\"\",plain,3\n"
                       "Ommen,x,4\n";

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse(&t, text, &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(t.n_rows, 4);
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 0, 0), "Dalfsen, Oost");
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 0, 1), "he said \"hi\"");
    CU_ASSERT_EQUAL(csv_col(&t, 0, 1), 17);
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 0, 2), "1");
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 1, 0), "two\nline");
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 1, 1), "three\r\nline\ntext");
    CU_ASSERT_EQUAL(csv_line(&t, 1), 3);
    /* The quoted newlines count (CRLF as one): the record ends on line 6, so the
     * next rows are on lines 7 and 8. */
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 2, 0), "");
    CU_ASSERT_EQUAL(csv_line(&t, 2), 7);
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 3, 0), "Ommen");
    CU_ASSERT_EQUAL(csv_line(&t, 3), 8);
    csv_free(&t);
    diag_free(&d);
}

static void
test_csv_line_numbers_after_multiline_field_in_messages(void)
{
    csv_table t;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL(parse(&t, "a,b\n\"x\ny\nz\",1\n2\n", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_STRING_EQUAL(d.msg[0], "t.csv:5:1: expected 2 fields as in the header, found 1");
    csv_free(&t);
    diag_free(&d);
}

static void
test_csv_stray_quote_inside_value_is_text(void)
{
    csv_table t;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse(&t, "a,b\n5\" pipe,2\n3,4\n", &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(t.n_rows, 2);
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 0, 0), "5\" pipe");
    CU_ASSERT_EQUAL(csv_line(&t, 1), 3);
    csv_free(&t);
    diag_free(&d);
}

static void
test_csv_bom_and_crlf(void)
{
    csv_table t;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse(&t, "\xEF\xBB\xBF" "age,qx\r\n# note\r\n0,0.00417\r\n\r\n1,0.00031\r\n", &d),
                          LS_OK);
    CU_ASSERT_EQUAL_FATAL(t.header.n, 2);
    CU_ASSERT_STRING_EQUAL(t.header.field[0].text, "age");
    CU_ASSERT_STRING_EQUAL(t.header.field[1].text, "qx");
    CU_ASSERT_EQUAL(csv_column(&t, "age", 1, &d), 0);
    CU_ASSERT_EQUAL_FATAL(t.n_rows, 2);
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 0, 1), "0.00417");
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 1, 1), "0.00031");
    CU_ASSERT_EQUAL(csv_line(&t, 1), 5);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    csv_free(&t);
    diag_free(&d);
}

static void
test_csv_trims_unquoted_spaces(void)
{
    csv_table t;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse(&t, "age , qx\t\n 3 ,  0.125  \n\"  kept  \",x\n", &d), LS_OK);
    CU_ASSERT_STRING_EQUAL(t.header.field[0].text, "age");
    CU_ASSERT_STRING_EQUAL(t.header.field[1].text, "qx");
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 0, 0), "3");
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 0, 1), "0.125");
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 1, 0), "  kept  ");
    csv_free(&t);
    diag_free(&d);
}

static void
test_csv_wrong_field_count(void)
{
    csv_table t;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL(parse(&t, "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 2);
    CU_ASSERT_STRING_EQUAL(d.msg[0], "t.csv:3:1: expected 3 fields as in the header, found 2");
    /* Too many: the column of the first extra field. */
    CU_ASSERT_STRING_EQUAL(d.msg[1], "t.csv:4:7: expected 3 fields as in the header, found 4");
    /* The good rows are kept. */
    CU_ASSERT_EQUAL(t.n_rows, 2);
    csv_free(&t);
    diag_free(&d);
}

static void
test_csv_unterminated_quote(void)
{
    csv_table t;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL(parse(&t, "kern,persons\nA,12\nB,\"40\n# not a comment\nC,7\n", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_STRING_EQUAL(d.msg[0], "t.csv:3:3: unterminated quoted field");
    csv_free(&t);
    diag_free(&d);
}

static void
test_csv_text_after_closing_quote(void)
{
    csv_table t;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL(parse(&t, "a,b\n\"ab\"c,2\n", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_STRING_EQUAL(d.msg[0], "t.csv:2:5: expected ',' after a quoted field, found 'c'");
    csv_free(&t);
    diag_free(&d);
}

static void
test_csv_semicolon_header(void)
{
    csv_table t;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL(parse(&t, "# export\nkern;age;persons\nA;0;5\n", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_STRING_EQUAL(d.msg[0],
                           "t.csv:2:1: expected comma-separated columns, found ';' in the header "
                           "(a StatLine or spreadsheet export? save it as CSV with commas)");
    csv_free(&t);
    diag_free(&d);
}

static void
test_csv_duplicate_and_empty_column_names(void)
{
    csv_table t;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL(parse(&t, "age,qx,,age\n1,2,3,4\n", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 2);
    CU_ASSERT_STRING_EQUAL(d.msg[0], "t.csv:1:8: empty column name");
    CU_ASSERT_STRING_EQUAL(d.msg[1], "t.csv:1:9: duplicate column \"age\" (header fields 1 and 4)");
    csv_free(&t);
    diag_free(&d);
}

static void
test_csv_empty_file(void)
{
    csv_table t;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL(csv_parse(&t, "", 0, "empty.csv", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_STRING_EQUAL(d.msg[0], "empty.csv: empty file: expected a header row");
    csv_free(&t);
    /* Only comments and blank lines is just as empty. */
    CU_ASSERT_EQUAL(parse(&t, "# nothing yet\n\n  \r\n", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 2);
    CU_ASSERT_STRING_EQUAL(d.msg[1], "t.csv: empty file: expected a header row");
    csv_free(&t);
    /* A header alone is a valid (empty) table. */
    CU_ASSERT_EQUAL(parse(&t, "age,qx\n", &d), LS_OK);
    CU_ASSERT_EQUAL(t.n_rows, 0);
    csv_free(&t);
    diag_free(&d);
}

static void
test_csv_nul_bytes(void)
{
    csv_table t;
    diag d;
    static const char text[] = "a,b\n1\0,2\n";

    diag_init(&d);
    CU_ASSERT_EQUAL(csv_parse(&t, text, sizeof text - 1, "bin.csv", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_STRING_EQUAL(d.msg[0], "bin.csv: not a text file: it contains NUL bytes");
    csv_free(&t);
    diag_free(&d);
}

static void
test_csv_missing_column_lists_found(void)
{
    csv_table t;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse(&t, "# life table\n\nsex,age,q_x,source\nF,0,0.003,CBS\n", &d), LS_OK);
    CU_ASSERT_EQUAL(csv_column(&t, "qx", 0, &d), -1);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    CU_ASSERT_EQUAL(csv_column(&t, "qx", 1, &d), -1);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_STRING_EQUAL(d.msg[0],
                           "t.csv:3:1: missing column \"qx\" (columns found: sex, age, q_x, source)");
    CU_ASSERT_EQUAL(csv_column(&t, "source", 1, &d), 3);
    csv_free(&t);
    diag_free(&d);
}

static void
test_csv_number_rejects_non_numbers(void)
{
    static const char *const want[] = {
        "t.csv:2:3: column \"x\": expected a finite number, found \"nan\"",
        "t.csv:3:3: column \"x\": expected a finite number, found \"inf\"",
        "t.csv:4:3: column \"x\": expected a finite number, found \"1,5\"",
        "t.csv:5:3: column \"x\": expected a finite number, found \"\"",
        "t.csv:6:3: column \"x\": expected a finite number, found \"12abc\"",
        "t.csv:7:3: column \"x\": expected a finite number, found \"0x10\"",
        "t.csv:8:3: column \"x\": expected a finite number, found \"-Infinity\"",
        "t.csv:9:3: column \"x\": expected a finite number, found \"1e999\"",
        "t.csv:10:3: column \"x\": expected a finite number, found \"\"",
        "t.csv:11:4: column \"x\": expected a finite number, found \"NaN\"",
        "t.csv:12:4: column \"x\": expected a finite number, found \"1.2.3\"",
    };
    const size_t n_bad = sizeof want / sizeof want[0];
    csv_table t;
    diag d;
    double v = 17.25;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse(&t, "id,x\n1,nan\n2,inf\n3,\"1,5\"\n4,\"\"\n5,12abc\n6,0x10\n"
                                    "7,-Infinity\n8,1e999\n9,\n10,NaN\n11,1.2.3\n",
                                &d),
                          LS_OK);
    CU_ASSERT_EQUAL_FATAL(t.n_rows, n_bad);
    for (size_t r = 0; r < n_bad; r++) {
        CU_ASSERT_EQUAL(csv_number(&t, r, 1, &v, &d), LS_ECONFIG);
        CU_ASSERT_EQUAL(v, 17.25); /* untouched on failure */
    }
    CU_ASSERT_EQUAL_FATAL(d.n, n_bad);
    for (size_t i = 0; i < n_bad; i++)
        CU_ASSERT_STRING_EQUAL(d.msg[i], want[i]);
    csv_free(&t);
    diag_free(&d);
}

static void
test_csv_number_accepts_plain_decimals(void)
{
    csv_table t;
    diag d;
    double v[5];

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse(&t, "x\n3e-04\n-0.5\n\" 42 \"\n+7.125\n1E3\n", &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(t.n_rows, 5);
    for (size_t r = 0; r < 5; r++)
        CU_ASSERT_EQUAL(csv_number(&t, r, 0, &v[r], &d), LS_OK);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    CU_ASSERT_DOUBLE_EQUAL(v[0], 0.0003, 1e-18);
    CU_ASSERT_EQUAL(v[1], -0.5);
    CU_ASSERT_EQUAL(v[2], 42);
    CU_ASSERT_EQUAL(v[3], 7.125);
    CU_ASSERT_EQUAL(v[4], 1000);
    csv_free(&t);
    diag_free(&d);
}

static void
test_csv_parse_number_directly(void)
{
    double v = 0;

    CU_ASSERT_EQUAL(parse_number(" 42 ", &v), 0);
    CU_ASSERT_EQUAL(v, 42);
    CU_ASSERT_EQUAL(parse_number("\t-2.375e2", &v), 0);
    CU_ASSERT_EQUAL(v, -237.5);
    CU_ASSERT_NOT_EQUAL(parse_number("", &v), 0);
    CU_ASSERT_NOT_EQUAL(parse_number("   ", &v), 0);
    CU_ASSERT_NOT_EQUAL(parse_number("e5", &v), 0);
    CU_ASSERT_NOT_EQUAL(parse_number("1e", &v), 0);
    CU_ASSERT_NOT_EQUAL(parse_number("inf", &v), 0);
    CU_ASSERT_NOT_EQUAL(parse_number("1 2", &v), 0);
    CU_ASSERT_EQUAL(v, -237.5);
}

static void
test_csv_integer_rejects_fractions(void)
{
    csv_table t;
    diag d;
    long v = 1234;

    CU_ASSERT_NOT_EQUAL(parse_integer("1.5", &v), 0);
    CU_ASSERT_NOT_EQUAL(parse_integer("", &v), 0);
    CU_ASSERT_NOT_EQUAL(parse_integer("12abc", &v), 0);
    CU_ASSERT_NOT_EQUAL(parse_integer("99999999999999999999999", &v), 0);
    CU_ASSERT_EQUAL(v, 1234);
    CU_ASSERT_EQUAL(parse_integer(" -17 ", &v), 0);
    CU_ASSERT_EQUAL(v, -17);

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse(&t, "sex,age\nF,1.5\nM,85\n", &d), LS_OK);
    CU_ASSERT_EQUAL(csv_integer(&t, 0, 1, &v, &d), LS_ECONFIG);
    CU_ASSERT_EQUAL(csv_integer(&t, 1, 1, &v, &d), LS_OK);
    CU_ASSERT_EQUAL(v, 85);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_STRING_EQUAL(d.msg[0], "t.csv:2:3: column \"age\": expected an integer, found \"1.5\"");
    csv_free(&t);
    diag_free(&d);
}

static void
test_csv_read_file_and_missing_file(void)
{
    char *path = test_write("csv_read.csv", "kern,x\nBergentheim,0.625\n");
    char *missing = test_tmp("csv_no_such_file.csv");
    csv_table t;
    diag d;
    double v = 0;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(csv_read(&t, path, "in/read.csv", &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(t.n_rows, 1);
    CU_ASSERT_EQUAL(csv_number(&t, 0, 1, &v, &d), LS_OK);
    CU_ASSERT_EQUAL(v, 0.625);
    csv_free(&t);

    remove(missing);
    CU_ASSERT_EQUAL(csv_read(&t, missing, "in/missing.csv", &d), LS_EIO);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_STRING_EQUAL(d.msg[0], "in/missing.csv: cannot read: No such file or directory");
    csv_free(&t);
    diag_free(&d);
    free(path);
    free(missing);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"test_csv_header_and_rows", test_csv_header_and_rows},
        {"test_csv_no_final_newline_and_empty_cells", test_csv_no_final_newline_and_empty_cells},
        {"test_csv_comments_and_blank_lines_anywhere", test_csv_comments_and_blank_lines_anywhere},
        {"test_csv_comments_never_swallow_rows", test_csv_comments_never_swallow_rows},
        {"test_csv_quoted_fields", test_csv_quoted_fields},
        {"test_csv_line_numbers_after_multiline_field_in_messages",
         test_csv_line_numbers_after_multiline_field_in_messages},
        {"test_csv_stray_quote_inside_value_is_text", test_csv_stray_quote_inside_value_is_text},
        {"test_csv_bom_and_crlf", test_csv_bom_and_crlf},
        {"test_csv_trims_unquoted_spaces", test_csv_trims_unquoted_spaces},
        {"test_csv_wrong_field_count", test_csv_wrong_field_count},
        {"test_csv_unterminated_quote", test_csv_unterminated_quote},
        {"test_csv_text_after_closing_quote", test_csv_text_after_closing_quote},
        {"test_csv_semicolon_header", test_csv_semicolon_header},
        {"test_csv_duplicate_and_empty_column_names", test_csv_duplicate_and_empty_column_names},
        {"test_csv_empty_file", test_csv_empty_file},
        {"test_csv_nul_bytes", test_csv_nul_bytes},
        {"test_csv_missing_column_lists_found", test_csv_missing_column_lists_found},
        {"test_csv_number_rejects_non_numbers", test_csv_number_rejects_non_numbers},
        {"test_csv_number_accepts_plain_decimals", test_csv_number_accepts_plain_decimals},
        {"test_csv_parse_number_directly", test_csv_parse_number_directly},
        {"test_csv_integer_rejects_fractions", test_csv_integer_rejects_fractions},
        {"test_csv_read_file_and_missing_file", test_csv_read_file_and_missing_file},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
