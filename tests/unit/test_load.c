/* test_load.c - unit tests of json_in.c and instance.c: the JSON form with
 * its line numbers and paths, every error of every file reported at once
 * without cascades, the error cap, rank ties, and the example promotion. */
#include "internal.h"
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

/* Loads JSON text as cohort_scenario_load would load a file of that name. */
static int load_text(const char *text, cohort_diag *d, cohort_scenario **s)
{
    raw_scenario raw;
    cohort_diag_init(d);
    *s = NULL;
    int rc = json_parse_scenario_text(text, strlen(text), "s.json", &raw, d);
    if (raw.json_root)
        rc = instance_build(&raw, "s.json", s, d) != COHORT_OK || rc < 0 ? -1 : 0;
    raw_free(&raw);
    if (rc < 0) {
        cohort_scenario_free(*s);
        *s = NULL;
    }
    return rc;
}

static int has_error(const cohort_diag *d, const char *text)
{
    for (int k = 0; k < d->nerrors; k++)
        if (!strcmp(d->errors[k], text))
            return 1;
    printf("\n    missing: %s\n    got:", text);
    for (int k = 0; k < d->nerrors; k++)
        printf("\n      %s", d->errors[k]);
    return 0;
}

static const char GOOD[] =
    "{\n"
    "  \"scenario\": {\"name\": \"t\", \"cohort_size\": {\"max\": 10}},\n"
    "  \"hosts\": [{\"id\": \"H1\", \"kind\": \"state\", \"budget\": 90000}],\n"
    "  \"challenges\": [{\"id\": \"D1\", \"host\": \"H1\", \"needs\": \"developer:1\"}],\n"
    "  \"candidates\": [\n"
    "    {\"id\": \"P1\", \"profile\": \"developer\", \"gender\": \"F\"},\n"
    "    {\"id\": \"P2\", \"profile\": \"designer\", \"monthly_salary\": 3500.5}\n"
    "  ],\n"
    "  \"preferences\": [\n"
    "    {\"candidate\": \"P1\", \"challenge\": \"D1\", \"candidate_rank\": 1, \"jury_rank\": 2},\n"
    "    {\"candidate\": \"P2\", \"challenge\": \"D1\", \"candidate_rank\": 1, \"jury_rank\": 2}\n"
    "  ]\n"
    "}\n";

static void test_json_good_and_ties(void)
{
    cohort_diag d;
    cohort_scenario *s;
    CU_ASSERT_EQUAL(load_text(GOOD, &d, &s), 0);
    CU_ASSERT_EQUAL(d.nerrors, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->ncands, 2);
    CU_ASSERT_EQUAL(s->cands[1].salary, 350050);
    CU_ASSERT_EQUAL(s->hosts[0].budget, 9000000);
    CU_ASSERT_EQUAL(s->cs_max, 10);
    /* a tie: both applicants ranked 2 by the jury, both eligible, equal rank cost */
    CU_ASSERT_EQUAL(s->napps, 2);
    CU_ASSERT_EQUAL(s->apps[0].jrank, s->apps[1].jrank);
    CU_ASSERT(s->apps[0].eligible && s->apps[1].eligible);
    CU_ASSERT_EQUAL(s->apps[0].rcost, s->apps[1].rcost);
    CU_ASSERT_EQUAL(s->apps[0].line, 10);
    cohort_scenario_free(s);
    cohort_diag_clear(&d);
}

static void test_json_errors_with_lines(void)
{
    const char text[] =
        "{\n"
        "  \"scenario\": {\"duration_months\": \"10\",\n"
        "                \"cofinancing\": {\"rates\": {\"state\": 1.5}}},\n"
        "  \"hosts\": [{\"id\": \"H1\", \"kind\": \"ministry\"}],\n"
        "  \"challenges\": [{\"id\": \"D1\", \"host\": \"H9\"}],\n"
        "  \"candidates\": [{\"id\": \"P1\", \"profile\": \"developer\", \"name\": [1]}],\n"
        "  \"preferences\": [{\"candidate\": \"P1\", \"challenge\": \"D1\", \"jury_rank\": 0}]\n"
        "}\n";
    cohort_diag d;
    cohort_scenario *s;
    CU_ASSERT_EQUAL(load_text(text, &d, &s), -1);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT(has_error(&d, "s.json:6: field 'name': got an array (expected a text or a number)"));
    CU_ASSERT(has_error(&d, "s.json:2: field 'scenario.duration_months': got the text \"10\" "
                            "(expected a whole number of months, 1 to 120)"));
    CU_ASSERT(has_error(&d, "s.json:3: field 'scenario.cofinancing.rates.state': 1.5 is out of "
                            "range (expected a rate between 0 and 1)"));
    CU_ASSERT(has_error(&d, "s.json:4: field 'kind': \"ministry\" is not a host kind (expected "
                            "state, local, health or other)"));
    CU_ASSERT(has_error(&d, "s.json:5: field 'host': unknown host \"H9\" (expected an id of "
                            "hosts)"));
    /* the candidate row with a bad value is left out: P1 is then not reported as unknown */
    CU_ASSERT(has_error(&d, "s.json:7: field 'jury_rank': 0 is out of range (expected a rank 1, "
                            "2, 3... or empty when the jury declined)"));
    CU_ASSERT_EQUAL(d.nerrors, 6);
    cohort_diag_clear(&d);
}

static void test_json_syntax(void)
{
    cohort_diag d;
    cohort_scenario *s;
    CU_ASSERT_EQUAL(load_text("{\n \"hosts\": [\n  {\"id\": \"H1\",}\n ]\n}\n", &d, &s), -1);
    CU_ASSERT_EQUAL(d.nerrors, 1);
    CU_ASSERT(has_error(&d, "s.json:3: field 'hosts[0]': invalid JSON (expected a JSON value "
                            "here: check commas, quotes and brackets)"));
    cohort_diag_clear(&d);
    CU_ASSERT_EQUAL(load_text("{\"hosts\": []} x", &d, &s), -1);
    CU_ASSERT(has_error(&d, "s.json:1: field 'file': text after the end of the JSON document "
                            "(expected nothing after its closing bracket)"));
    cohort_diag_clear(&d);
    CU_ASSERT_EQUAL(load_text("{\"a\": 1,\n \"a\": 2, \"hosts\": [], \"challenges\": [], "
                              "\"candidates\": [], \"preferences\": []}", &d, &s), -1);
    CU_ASSERT(has_error(&d, "s.json:2: field 'a': the key appears twice in the same object "
                            "(expected each key once)"));
    cohort_diag_clear(&d);
}

static void test_json_deep_nesting(void)
{
    /* deeper than the scanner ever recurses for lines, within cJSON's limit */
    size_t depth = 900;
    char *text = malloc(depth * 2 + 64);
    size_t n = (size_t)sprintf(text, "{\"x\": ");
    memset(text + n, '[', depth);
    memset(text + n + depth, ']', depth);
    strcpy(text + n + 2 * depth, "}");
    cohort_diag d;
    cohort_scenario *s;
    CU_ASSERT_EQUAL(load_text(text, &d, &s), -1); /* the tables are missing */
    CU_ASSERT(has_error(&d, "s.json:1: field 'hosts': missing (expected an array of hosts)"));
    cohort_diag_clear(&d);
    free(text);
}

static void test_folder_all_errors_at_once(void)
{
    /* a syntax error in one file, content errors in others: all reported,
       nothing about the ids of the broken file */
    char *src = path_join(SOURCE_DIR, "data/eig5");
    char *dir = copy_scenario(src, "load");
    free(src);
    char *p = path_join(dir, "hosts.csv");
    char *hosts = read_file(p, NULL);
    char *nl = strchr(hosts, '\n');
    nl = strchr(nl + 1, '\n'); /* after the first host */
    size_t keep = (size_t)(nl - hosts) + 1;
    char *broken = malloc(strlen(hosts) + 64);
    memcpy(broken, hosts, keep);
    strcpy(broken + keep, "extra,Extra host,state,,0,one value,too many\n");
    strcat(broken, nl + 1);
    write_file(p, broken);
    free(p);
    p = path_join(dir, "scenario.json");
    write_file(p, "{\"duration_months\": 0}\n");
    free(p);
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_scenario *s = NULL;
    CU_ASSERT_EQUAL(cohort_scenario_load(dir, &s, &d), COHORT_EINPUT);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT_EQUAL(d.nerrors, 2);
    char want[512];
    snprintf(want, sizeof want, "%s/hosts.csv:3: field 'column 6': the row has 7 values but "
             "the header has 5 columns (expected 5 values: is there a comma too many, or a "
             "value that needs \"quotes\"?)", dir);
    CU_ASSERT(has_error(&d, want));
    snprintf(want, sizeof want, "%s/scenario.json:1: field 'duration_months': 0 is out of range "
             "(expected a whole number of months, 1 to 120)", dir);
    CU_ASSERT(has_error(&d, want));
    cohort_diag_clear(&d);
    free(hosts);
    free(broken);
    remove_tree(dir);
    free(dir);
}

static void test_error_cap(void)
{
    sbuf b;
    sb_init(&b);
    sb_puts(&b, "{\"hosts\": [{\"id\": \"H1\", \"kind\": \"state\"}],\n"
                " \"challenges\": [{\"id\": \"D1\", \"host\": \"H1\"}],\n"
                " \"candidates\": [{\"id\": \"P1\", \"profile\": \"developer\"}],\n"
                " \"preferences\": [\n");
    for (int k = 0; k < 150; k++)
        sb_printf(&b, "%s  {\"candidate\": \"P%d\", \"challenge\": \"D1\"}\n", k ? "," : "",
                  k + 2);
    sb_puts(&b, "]}\n");
    cohort_diag d;
    cohort_scenario *s;
    CU_ASSERT_EQUAL(load_text(b.s, &d, &s), -1);
    CU_ASSERT_EQUAL(d.nerrors, DIAG_MAX_ERRORS);
    CU_ASSERT_EQUAL(d.errors_dropped, 150 - DIAG_MAX_ERRORS);
    CU_ASSERT(has_error(&d, "s.json:5: field 'candidate': unknown candidate \"P2\" (expected an "
                            "id of candidates)"));
    cohort_diag_clear(&d);
    sb_free(&b);
}

static void test_example_and_missing(void)
{
    char *p = path_join(SOURCE_DIR, "data/eig5");
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_scenario *s = NULL;
    CU_ASSERT_EQUAL(cohort_scenario_load(p, &s, &d), COHORT_OK);
    CU_ASSERT_EQUAL(d.nerrors, 0);
    CU_ASSERT_PTR_NOT_NULL(s);
    CU_ASSERT(s && s->ncands > 0 && s->nchals > 0 && s->napps > 0);
    cohort_scenario_free(s);
    free(p);
    p = path_join(SOURCE_DIR, "data/example.json");
    s = NULL;
    CU_ASSERT_EQUAL(cohort_scenario_load(p, &s, &d), COHORT_OK);
    cohort_scenario_free(s);
    free(p);
    s = NULL;
    CU_ASSERT_EQUAL(cohort_scenario_load("/nonexistent/scenario", &s, &d), COHORT_EINPUT);
    CU_ASSERT(has_error(&d, "/nonexistent/scenario:1: field 'file': no such file or folder "
                            "(expected a scenario folder or a JSON file)"));
    CU_ASSERT_PTR_NULL(s);
    cohort_diag_clear(&d);
    cohort_diag_clear(NULL); /* harmless */
}

int main(void)
{
    static const test_case cases[] = {
        {"JSON form, rank ties", test_json_good_and_ties},
        {"JSON errors with lines and paths", test_json_errors_with_lines},
        {"JSON syntax, trailing text, duplicate keys", test_json_syntax},
        {"deep nesting", test_json_deep_nesting},
        {"every error of every file at once", test_folder_all_errors_at_once},
        {"error cap", test_error_cap},
        {"example promotion, missing path", test_example_and_missing},
        {NULL, NULL}};
    return run_suite("load", cases);
}
