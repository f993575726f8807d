/* The CSV reader on buffers in memory: the accepted syntax (comments, blank lines,
 * quotes, BOM, CRLF, trimming), the exact message for every syntax problem, typed
 * cell access that rejects anything that is not a plain finite number, and the two
 * forms a spreadsheet saves (international and Dutch, UTF-8 or Windows-1252), told
 * per file, with numbers of two readings refused where the form cannot be told. */
#include <config.h>

#include <stdio.h>
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
 * ("# text;;;;", "# text,,,", a quoted first cell "# ..." split over cells) are
 * comments; a '#' after blanks, a quoted "#1" (as landstad writes a name) or a '#'
 * later in a row is data. */
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
                       "\"# a spreadsheet's comment\";\" split at its comma\",\n"
                       "\"#1\",2\n"
                       "B,3\n";

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse(&t, text, &d), LS_OK);
    CU_ASSERT_STRING_EQUAL(t.header.field[0].text, "kern");
    CU_ASSERT_EQUAL(t.header.line, 3);
    CU_ASSERT_EQUAL_FATAL(t.n_rows, 3);
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 0, 0), "A");
    CU_ASSERT_EQUAL(csv_line(&t, 0), 5);
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 1, 0), "#1"); /* quoted, no blank after '#': data */
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 2, 0), "B");
    CU_ASSERT_EQUAL(csv_line(&t, 2), 9);
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

/* What Dutch Excel writes: ';' between columns, decimal comma, a point grouping
 * thousands (so 1.234 is 1234 here), and its trailing empty columns and rows. */
static void
test_csv_dutch_form(void)
{
    csv_table t;
    diag d;
    double v = 0;
    long n = 0;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse(&t, "# export\nkern;age;persons;;\nA;1.234;1.234,5;;\n"
                                    ";;;;\nB;5;\"7\";;\n",
                                &d),
                          LS_OK);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    CU_ASSERT_EQUAL(t.sep, ';');
    CU_ASSERT_EQUAL(t.form, CSV_FORM_DUTCH);
    CU_ASSERT_EQUAL(t.encoding, CSV_UTF8);
    CU_ASSERT_EQUAL_FATAL(t.header.n, 3);
    CU_ASSERT_EQUAL_FATAL(t.n_rows, 2);
    CU_ASSERT_EQUAL(csv_line(&t, 1), 5);
    CU_ASSERT_EQUAL(csv_number(&t, 0, 2, &v, &d), LS_OK);
    CU_ASSERT_EQUAL(v, 1234.5);
    CU_ASSERT_EQUAL(csv_integer(&t, 0, 1, &n, &d), LS_OK);
    CU_ASSERT_EQUAL(n, 1234);
    CU_ASSERT_EQUAL(csv_number(&t, 1, 2, &v, &d), LS_OK);
    CU_ASSERT_EQUAL(v, 7);
    CU_ASSERT_EQUAL(diag_count(&d), 0);
    CU_ASSERT_STRING_EQUAL(csv_form_name(t.form), "dutch");
    csv_free(&t);
    diag_free(&d);
}

/* Each form's numbers, read directly: grouping only in threes after a first group
 * of one to three digits that is not 0, one decimal sign. */
static void
test_csv_form_readings(void)
{
    static const struct {
        enum csv_form form;
        const char *s;
        int ret;
        double v;
    } cases[] = {
        {CSV_FORM_DUTCH, "1.234.567", 0, 1234567},  {CSV_FORM_DUTCH, "-1.234,5", 0, -1234.5},
        {CSV_FORM_DUTCH, "0,025", 0, 0.025},        {CSV_FORM_DUTCH, "1,5E-03", 0, 0.0015},
        {CSV_FORM_DUTCH, "0.025", -1, 0},           {CSV_FORM_DUTCH, "12.34", -1, 0},
        {CSV_FORM_DUTCH, "1.2345", -1, 0},          {CSV_FORM_DUTCH, "1234.567", -1, 0},
        {CSV_FORM_DUTCH, "1,", -1, 0},              {CSV_FORM_INTERNATIONAL, "1,234,567.5", 0, 1234567.5},
        {CSV_FORM_INTERNATIONAL, "1.048", 0, 1.048}, {CSV_FORM_INTERNATIONAL, "1,23", -1, 0},
        {CSV_FORM_INTERNATIONAL, "0,123", -1, 0},   {CSV_FORM_INTERNATIONAL, "1.2.3", -1, 0},
        {CSV_FORM_UNTOLD, "656.22", 0, 656.22},     {CSV_FORM_UNTOLD, "0,7", 0, 0.7},
        {CSV_FORM_UNTOLD, "1.234,5", 0, 1234.5},    {CSV_FORM_UNTOLD, "42", 0, 42},
        {CSV_FORM_UNTOLD, "1.048", 1, 0},           {CSV_FORM_UNTOLD, "1,048", 1, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double v = -99, r[2] = {0, 0};
        const int ret = csv_form_number(cases[i].form, cases[i].s, &v, r);
        CU_ASSERT_EQUAL(ret, cases[i].ret);
        if (ret != cases[i].ret)
            fprintf(stderr, "case %zu (%s): %d\n", i, cases[i].s, ret);
        if (cases[i].ret == 0)
            CU_ASSERT_DOUBLE_EQUAL(v, cases[i].v, 1e-12);
        if (cases[i].ret == 1) {
            CU_ASSERT_EQUAL(r[0], 1048);
            CU_ASSERT_DOUBLE_EQUAL(r[1], 1.048, 1e-12);
        }
    }
    {
        long n = -1;
        double r[2];
        CU_ASSERT_EQUAL(csv_form_integer(CSV_FORM_DUTCH, "2.025", &n, r), 0);
        CU_ASSERT_EQUAL(n, 2025);
        CU_ASSERT_EQUAL(csv_form_integer(CSV_FORM_INTERNATIONAL, "2.025", &n, r), -1);
        CU_ASSERT_EQUAL(csv_form_integer(CSV_FORM_DUTCH, "3,0", &n, r), -1);
        CU_ASSERT_EQUAL(csv_form_integer(CSV_FORM_UNTOLD, "2.025", &n, r), 1);
        CU_ASSERT_EQUAL(n, 2025);
    }
}

/* A ';' file with decimal points (LibreOffice in an English locale, ';' chosen):
 * the form cannot be told, so numbers with one reading are read and one with two
 * is refused, with both readings and the reason. */
static void
test_csv_untold_form_refuses_two_readings(void)
{
    csv_table t;
    diag d;
    double v = 0;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse(&t, "k;v\nA;656.22\nB;1.048\nC;7\n", &d), LS_OK);
    CU_ASSERT_EQUAL(t.form, CSV_FORM_UNTOLD);
    CU_ASSERT_EQUAL(csv_number(&t, 0, 1, &v, &d), LS_OK);
    CU_ASSERT_EQUAL(v, 656.22);
    CU_ASSERT_EQUAL(csv_number(&t, 2, 1, &v, &d), LS_OK);
    CU_ASSERT_EQUAL(v, 7);
    CU_ASSERT_EQUAL(csv_number(&t, 1, 1, &v, &d), LS_ECONFIG);
    CU_ASSERT_EQUAL(v, 7);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_STRING_EQUAL(d.msg[0],
                           "t.csv:3:3: column \"v\": \"1.048\" can mean 1048 (the point grouping "
                           "thousands, as in the Dutch form) or a number between 1 and 2 (a decimal "
                           "point); the file's form cannot be told: it has ';' between columns (the "
                           "Dutch form) but a decimal point at line 2 (\"656.22\"); save it again as "
                           "CSV in one form (';' and decimal commas, or ',' and decimal points)");
    csv_free(&t);
    /* ',' with quoted decimal commas (LibreOffice in a Dutch locale, ',' chosen). */
    CU_ASSERT_EQUAL_FATAL(parse(&t, "k,v\nA,\"0,7\"\nB,\"1,234\"\n", &d), LS_OK);
    CU_ASSERT_EQUAL(csv_number(&t, 0, 1, &v, &d), LS_OK);
    CU_ASSERT_EQUAL(v, 0.7);
    CU_ASSERT_EQUAL(csv_number(&t, 1, 1, &v, &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 2);
    CU_ASSERT_STRING_EQUAL(d.msg[1],
                           "t.csv:3:3: column \"v\": \"1,234\" can mean 1234 (the comma grouping "
                           "thousands, as in the international form) or a number between 1 and 2 "
                           "(a decimal comma); the file's form cannot be told: it has ',' between "
                           "columns (the international form) but a decimal comma at line 2 "
                           "(\"0,7\"); save it again as CSV in one form (';' and decimal commas, or "
                           "',' and decimal points)");
    csv_free(&t);
    diag_free(&d);
}

/* One column: no separator tells, so the numbers decide, or nothing does. */
static void
test_csv_one_column(void)
{
    csv_table t;
    diag d;
    double v = 0;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse(&t, "v\n0,5\n1.048\n", &d), LS_OK);
    CU_ASSERT_EQUAL(t.sep, 0);
    CU_ASSERT_EQUAL(t.form, CSV_FORM_DUTCH);
    CU_ASSERT_EQUAL(csv_number(&t, 1, 0, &v, &d), LS_OK);
    CU_ASSERT_EQUAL(v, 1048);
    csv_free(&t);
    CU_ASSERT_EQUAL_FATAL(parse(&t, "v\n0.5\n1.048\n", &d), LS_OK);
    CU_ASSERT_EQUAL(t.form, CSV_FORM_INTERNATIONAL);
    CU_ASSERT_EQUAL(csv_number(&t, 1, 0, &v, &d), LS_OK);
    CU_ASSERT_EQUAL(v, 1.048);
    csv_free(&t);
    CU_ASSERT_EQUAL_FATAL(parse(&t, "v\n12\n1.048\n", &d), LS_OK);
    CU_ASSERT_EQUAL(t.form, CSV_FORM_UNTOLD);
    CU_ASSERT_EQUAL(csv_number(&t, 1, 0, &v, &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg[0], "it has a single column, so no separator tells"));
    CU_ASSERT_EQUAL(diag_count(&d), 1);
    csv_free(&t);
    diag_free(&d);
}

static void
test_csv_refuses_mixed_signs_and_separators(void)
{
    csv_table t;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL(parse(&t, "k,v\nA,0.5\nB,\"0,7\"\nC,\"1,5\"\n", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_STRING_EQUAL(d.msg[0],
                           "t.csv:3:3: \"0,7\" has a decimal comma, but line 2 has a decimal point "
                           "(\"0.5\") (and 1 more numbers like it): a file uses one decimal sign; "
                           "save it again as CSV in one form (';' between columns and decimal "
                           "commas, or ',' and decimal points)");
    csv_free(&t);
    CU_ASSERT_EQUAL(parse(&t, "k;v,w\nA;1,2\n", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 2);
    CU_ASSERT_STRING_EQUAL(d.msg[1], "t.csv:1:1: the header has both ';' and ',' between names: "
                                     "cannot tell which separates the columns");
    csv_free(&t);
    CU_ASSERT_EQUAL(parse(&t, "k\tv\nA\t1\n", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 3);
    CU_ASSERT_STRING_EQUAL(d.msg[2], "t.csv:1:1: the columns are separated by tabs; save the file "
                                     "as CSV (';' or ',' between columns)");
    csv_free(&t);
    CU_ASSERT_EQUAL(parse(&t, "a;b\n\"x\"y;2\n", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 4);
    CU_ASSERT_STRING_EQUAL(d.msg[3], "t.csv:2:4: expected ';' after a quoted field, found 'y'");
    csv_free(&t);
    diag_free(&d);
}

/* Windows-1252 (Dutch Excel's plain "CSV"): transcoded to UTF-8, columns counted
 * as saved; bytes the code page leaves undefined, and files that mix encodings,
 * are refused. */
static void
test_csv_windows_1252(void)
{
    csv_table t;
    diag d;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(parse(&t, "kern;x\nMari\xebnberg;\x80 1;z\n", &d), LS_ECONFIG);
    /* "Mariënberg;€ 1;z": three fields where the header has two; the third starts at
     * character 17 as saved (byte 20 in UTF-8). */
    CU_ASSERT_EQUAL(t.encoding, CSV_WINDOWS_1252);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_STRING_EQUAL(d.msg[0], "t.csv:2:16: expected 2 fields as in the header, found 3");
    csv_free(&t);
    CU_ASSERT_EQUAL_FATAL(parse(&t, "kern;x\nMari\xebnberg;\x80 1\n", &d), LS_OK);
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 0, 0), "Mari\xc3\xabnberg");
    CU_ASSERT_STRING_EQUAL(csv_text(&t, 0, 1), "\xe2\x82\xac 1");
    CU_ASSERT_EQUAL(csv_col(&t, 0, 1), 12);
    CU_ASSERT_STRING_EQUAL(csv_encoding_name(t.encoding), "windows-1252");
    csv_free(&t);
    CU_ASSERT_EQUAL(parse(&t, "kern\nA\x81\n", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 2);
    CU_ASSERT_STRING_EQUAL(d.msg[1], "t.csv:2:2: byte 0x81 is neither UTF-8 nor Windows-1252 text; "
                                     "save the file again as CSV (UTF-8)");
    csv_free(&t);
    CU_ASSERT_EQUAL(parse(&t, "kern\nMari\xc3\xabnberg\nMari\xebnberg\n", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 3);
    CU_ASSERT_STRING_EQUAL(d.msg[2], "t.csv:3:5: byte 0xEB is not UTF-8 text, yet line 2 holds "
                                     "UTF-8 characters, so the file is not Windows-1252 either; "
                                     "save it again as CSV (UTF-8)");
    csv_free(&t);
    CU_ASSERT_EQUAL(parse(&t, "\xef\xbb\xbfkern\nMari\xebnberg\n", &d), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(d.n, 4);
    CU_ASSERT_STRING_EQUAL(d.msg[3], "t.csv:2:5: byte 0xEB is not UTF-8 text, yet the file starts "
                                     "with a UTF-8 byte-order mark; save it again as CSV (UTF-8)");
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
        "t.csv:4:3: column \"x\": expected a finite number, found \"1,5,7\"",
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
    CU_ASSERT_EQUAL_FATAL(parse(&t, "id,x\n1,nan\n2,inf\n3,\"1,5,7\"\n4,\"\"\n5,12abc\n6,0x10\n"
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
        {"test_csv_dutch_form", test_csv_dutch_form},
        {"test_csv_form_readings", test_csv_form_readings},
        {"test_csv_untold_form_refuses_two_readings", test_csv_untold_form_refuses_two_readings},
        {"test_csv_one_column", test_csv_one_column},
        {"test_csv_refuses_mixed_signs_and_separators", test_csv_refuses_mixed_signs_and_separators},
        {"test_csv_windows_1252", test_csv_windows_1252},
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
