/* test_params.c - cohort_scenario_set (src/params.c): overriding a key in a
 * loaded scenario must give exactly the scenario that loading the edited
 * files gives (same parameters, same outputs byte for byte), setting is
 * absolute, and a refused value leaves the scenario untouched. Also the
 * key/value listing and its scenario.json round trip. */
#define _GNU_SOURCE
#include "internal.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static cohort_scenario *load(const char *path)
{
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_scenario *s = NULL;
    int rc = cohort_scenario_load(path, &s, &d);
    if (rc)
        for (int k = 0; k < d.nerrors; k++)
            printf("\n  load %s: %s", path, d.errors[k]);
    cohort_diag_clear(&d);
    return rc ? NULL : s;
}

/* The four outputs concatenated, solved without the conflict finder. */
static char *outputs(const cohort_scenario *s)
{
    cohort_solve_opts so;
    cohort_solve_opts_init(&so);
    so.explain_infeasible = 0;
    so.time_limit = 30;
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_result *r = NULL;
    int rc = cohort_solve(s, &so, &r, &d);
    cohort_diag_clear(&d);
    if (rc != COHORT_OK && rc != COHORT_INFEASIBLE)
        return strdup("solver failed");
    sbuf o[NOUTPUTS], all;
    render_outputs(s, r, 0, o);
    sb_init(&all);
    for (int k = 0; k < NOUTPUTS; k++) {
        sb_printf(&all, "==== %s\n", OUTPUT_NAMES[k]);
        sb_putn(&all, o[k].s, o[k].len);
        sb_free(&o[k]);
    }
    cohort_result_free(r);
    return sb_take(&all);
}

static char *kv_text(const cohort_scenario *s)
{
    kvlist kv;
    kv_init(&kv);
    params_to_kv(s, &kv);
    sbuf b;
    sb_init(&b);
    for (int k = 0; k < kv.n; k++)
        sb_printf(&b, "%s=%s\n", kv.keys[k], kv.vals[k]);
    kv_free(&kv);
    return sb_take(&b);
}

/* Sets a dotted path in a JSON object (creating objects on the way); the
 * value is a number, or removes the key when NULL. "diversity.0.x" indexes
 * the array. */
static void json_set(cJSON *root, const char *path, const char *value)
{
    char *p = strdup(path), *save = NULL, *seg = strtok_r(p, ".", &save);
    cJSON *o = root;
    for (;;) {
        char *next = strtok_r(NULL, ".", &save);
        if (!next) {
            if (cJSON_IsArray(o))
                break;
            cJSON_DeleteItemFromObjectCaseSensitive(o, seg);
            if (value)
                cJSON_AddItemToObject(o, seg, cJSON_CreateRaw(value));
            break;
        }
        cJSON *c = cJSON_IsArray(o) ? cJSON_GetArrayItem(o, atoi(seg))
                                    : cJSON_GetObjectItemCaseSensitive(o, seg);
        if (!c)
            c = cJSON_AddObjectToObject(o, seg);
        o = c;
        seg = next;
    }
    free(p);
}

/* A copy of eig5 whose scenario.json has the given edits applied. */
static char *edited_copy(const char *const *paths, const char *const *values, int n)
{
    char *dir = copy_scenario(EIG5, "params");
    char *sj = path_join(dir, "scenario.json");
    cJSON *root = read_json(sj);
    for (int k = 0; k < n; k++)
        json_set(root, paths[k], values[k]);
    char *text = cJSON_Print(root);
    write_file(sj, text);
    free(text);
    cJSON_Delete(root);
    free(sj);
    return dir;
}

typedef struct setcase {
    const char *key, *value;
    const char *json_path, *json_value; /* NULL json_value: remove the key */
} setcase;

static const setcase CASES[] = {
    {"cofinancing.envelope", "900000", "cofinancing.envelope", "900000"},
    {"cofinancing.envelope", "650000.5", "cofinancing.envelope", "650000.5"},
    {"cofinancing.envelope", "none", "cofinancing.envelope", NULL},
    {"cofinancing.rates.state", "0.5", "cofinancing.rates.state", "0.5"},
    {"cofinancing.rates.local", "0.25", "cofinancing.rates.local", "0.25"},
    {"duration_months", "12", "duration_months", "12"},
    {"employer_cost_factor", "1.5", "employer_cost_factor", "1.5"},
    {"default_monthly_salary", "4200", "default_monthly_salary", "4200"},
    {"team_size.max", "2", "team_size.max", "2"},
    {"team_size.min", "3", "team_size.min", "3"},
    {"min_distinct_profiles", "1", "min_distinct_profiles", "1"},
    {"cohort_size.max", "38", "cohort_size.max", "38"},
    {"cohort_size.min", "none", "cohort_size.min", NULL},
    {"profile_quotas.designer.min", "10", "profile_quotas.designer.min", "10"},
    {"profile_quotas.data_scientist.max", "5", "profile_quotas.data_scientist.max", "5"},
    {"profile_quotas.developer.max_share", "0.3", "profile_quotas.developer.max_share", "0.3"},
    {"diversity.0.min_share", "0.45", "diversity.0.min_share", "0.45"},
    {"diversity.gender.max_share", "0.6", "diversity.0.max_share", "0.6"},
    {"objective.jury_weight", "2.5", "objective.jury_weight", "2.5"},
    {"objective.candidate_weight", "0.125", "objective.candidate_weight", "0.125"},
    {NULL, NULL, NULL, NULL},
};

static void test_set_equals_edited_files(void)
{
    for (const setcase *c = CASES; c->key; c++) {
        cohort_scenario *a = load(EIG5);
        CU_ASSERT_PTR_NOT_NULL_FATAL(a);
        cohort_diag d;
        cohort_diag_init(&d);
        int rc = cohort_scenario_set(a, c->key, c->value, &d);
        if (rc)
            printf("\n  set %s=%s: %s", c->key, c->value, d.nerrors ? d.errors[0] : "?");
        CU_ASSERT_EQUAL(rc, COHORT_OK);
        cohort_diag_clear(&d);
        char *dir = edited_copy(&c->json_path, &c->json_value, 1);
        cohort_scenario *b = load(dir);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        char *ka = kv_text(a), *kb = kv_text(b);
        if (strcmp(ka, kb))
            printf("\n  %s=%s: parameters differ:\n%s\n--- vs files:\n%s", c->key, c->value, ka,
                   kb);
        CU_ASSERT_STRING_EQUAL(ka, kb);
        char *oa = outputs(a), *ob = outputs(b);
        if (strcmp(oa, ob))
            printf("\n  %s=%s: outputs differ from the edited files'", c->key, c->value);
        CU_ASSERT_STRING_EQUAL(oa, ob);
        free(ka);
        free(kb);
        free(oa);
        free(ob);
        cohort_scenario_free(a);
        cohort_scenario_free(b);
        remove_tree(dir);
        free(dir);
    }
}

/* a host budget lives in hosts.csv */
static void test_host_budget(void)
{
    cohort_scenario *a = load(EIG5);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(cohort_scenario_set(a, "hosts.minint.budget", "150000", NULL), COHORT_OK);
    char *dir = copy_scenario(EIG5, "params");
    char *hp = path_join(dir, "hosts.csv");
    char *t = read_file(hp, NULL);
    char *at = strstr(t, ",state,200000,");
    CU_ASSERT_PTR_NOT_NULL_FATAL(at);
    memcpy(at, ",state,150000,", 14);
    write_file(hp, t);
    cohort_scenario *b = load(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    char *oa = outputs(a), *ob = outputs(b);
    CU_ASSERT_STRING_EQUAL(oa, ob);
    /* and 'none' lifts the limit: the budget row disappears from the model */
    CU_ASSERT_EQUAL(cohort_scenario_set(a, "hosts.minint.budget", "none", NULL), COHORT_OK);
    CU_ASSERT_EQUAL(a->hosts[sm_get(&a->host_ix, "minint")].budget, -1);
    free(oa);
    free(ob);
    free(t);
    free(hp);
    cohort_scenario_free(a);
    cohort_scenario_free(b);
    remove_tree(dir);
    free(dir);
}

/* setting is absolute: the result depends on the values, not on the order
 * or on what was set before */
static void test_set_is_absolute(void)
{
    cohort_scenario *a = load(EIG5);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(cohort_scenario_set(a, "cofinancing.envelope", "500000", NULL), 0);
    CU_ASSERT_EQUAL(cohort_scenario_set(a, "objective.jury_weight", "2", NULL), 0);
    CU_ASSERT_EQUAL(cohort_scenario_set(a, "duration_months", "7", NULL), 0);
    CU_ASSERT_EQUAL(cohort_scenario_set(a, "team_size.max", "2", NULL), 0);
    CU_ASSERT_EQUAL(cohort_scenario_set(a, "cofinancing.envelope", "700000", NULL), 0);
    CU_ASSERT_EQUAL(cohort_scenario_set(a, "duration_months", "10", NULL), 0);
    CU_ASSERT_EQUAL(cohort_scenario_set(a, "team_size.max", "3", NULL), 0);
    const char *path = "objective.jury_weight", *val = "2";
    char *dir = edited_copy(&path, &val, 1);
    cohort_scenario *b = load(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    char *ka = kv_text(a), *kb = kv_text(b), *oa = outputs(a), *ob = outputs(b);
    CU_ASSERT_STRING_EQUAL(ka, kb);
    CU_ASSERT_STRING_EQUAL(oa, ob);
    /* challenges with their own max_team keep it when team_size.max moves */
    CU_ASSERT_EQUAL(cohort_scenario_set(a, "team_size.max", "3", NULL), 0);
    int batid = sm_get(&a->chal_ix, "batid");
    CU_ASSERT_EQUAL(a->chals[batid].max_team, 2);
    free(ka);
    free(kb);
    free(oa);
    free(ob);
    cohort_scenario_free(a);
    cohort_scenario_free(b);
    remove_tree(dir);
    free(dir);
}

typedef struct badcase {
    const char *key, *value, *says;
} badcase;

static const badcase BAD[] = {
    {"foo.bar", "1", "not a numeric scenario key"},
    {"name", "x", "not a numeric scenario key"},
    {"duration_months", "abc", "not a whole number"},
    {"duration_months", "1.5", "not a whole number"},
    {"duration_months", "0", "out of range"},
    {"duration_months", "121", "out of range"},
    {"cofinancing.envelope", "1.234", "more than 2 decimals"},
    {"cofinancing.envelope", "-5", "out of range"},
    {"cofinancing.envelope", "12k", "not a number"},
    {"cofinancing.rates.state", "1.5", "out of range"},
    {"cofinancing.rates.nope", "0.1", "unknown host kind"},
    {"employer_cost_factor", "0", "out of range"},
    {"team_size.min", "4", "minimum above its maximum"},
    {"team_size.max", "1", "minimum above its maximum"},
    {"profile_quotas.designer.max", "3", "below min"},
    {"profile_quotas.wizard.min", "1", "unknown profile"},
    {"profile_quotas.designer.most", "1", "unknown quota field"},
    {"hosts.nope.budget", "1", "unknown host"},
    {"hosts.minint.budget", "x", "not a number"},
    {"diversity.5.min_share", "0.1", "no diversity entry"},
    {"diversity.age.min_share", "0.1", "no diversity entry"},
    {"diversity.0.max_share", "0.2", "below min_share"},
    {"cohort_size.min", "50", "below min"},
    {"objective.jury_weight", "0.1234567", "too many decimals"},
    {"objective.jury_weight", "nan", "not a number"},
    {NULL, NULL, NULL},
};

static void test_refused_values(void)
{
    cohort_scenario *s = load(EIG5);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    char *before = kv_text(s), *out_before = outputs(s);
    for (const badcase *c = BAD; c->key; c++) {
        cohort_diag d;
        cohort_diag_init(&d);
        int rc = cohort_scenario_set(s, c->key, c->value, &d);
        CU_ASSERT_EQUAL(rc, COHORT_EINPUT);
        int ok = d.nerrors == 1 && strstr(d.errors[0], c->says) &&
                 strstr(d.errors[0], "field '");
        if (!ok)
            printf("\n  %s=%s: expected an error saying '%s', got '%s'", c->key, c->value,
                   c->says, d.nerrors ? d.errors[0] : "(none)");
        CU_ASSERT(ok);
        cohort_diag_clear(&d);
        char *now = kv_text(s);
        CU_ASSERT_STRING_EQUAL(now, before); /* untouched */
        free(now);
    }
    char *out_after = outputs(s);
    CU_ASSERT_STRING_EQUAL(out_before, out_after);
    free(out_after);
    free(out_before);
    free(before);
    cohort_scenario_free(s);
}

/* params_json writes a scenario.json that loads back to the same parameters */
static void test_kv_json_round_trip(void)
{
    cohort_scenario *s = load(EIG5);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(cohort_scenario_set(s, "objective.candidate_weight", "0.3", NULL), 0);
    CU_ASSERT_EQUAL(cohort_scenario_set(s, "profile_quotas.geomatician.min_share", "0", NULL), 0);
    kvlist kv;
    kv_init(&kv);
    params_to_kv(s, &kv);
    CU_ASSERT_STRING_EQUAL(kv_get(&kv, "cofinancing.envelope"), "700000");
    CU_ASSERT_STRING_EQUAL(kv_get(&kv, "employer_cost_factor"), "1.8");
    CU_ASSERT_STRING_EQUAL(kv_get(&kv, "diversity.0.attribute"), "gender");
    CU_ASSERT_STRING_EQUAL(kv_get(&kv, "objective.order"), "staffed,filled,rank");
    CU_ASSERT_STRING_EQUAL(kv_get(&kv, "cofinancing.covered_months.to"), "2021-12");
    sbuf j;
    sb_init(&j);
    params_json(&kv, &j);
    char *dir = copy_scenario(EIG5, "params");
    char *sj = path_join(dir, "scenario.json");
    write_file(sj, j.s);
    cJSON *parsed = cJSON_Parse(j.s);
    CU_ASSERT_PTR_NOT_NULL(parsed); /* valid JSON */
    cJSON_Delete(parsed);
    cohort_scenario *b = load(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    char *ka = kv_text(s), *kb = kv_text(b);
    CU_ASSERT_STRING_EQUAL(ka, kb);
    free(ka);
    free(kb);
    char ratio_buf[64];
    ratio_text((ratio){1, 8}, ratio_buf, sizeof ratio_buf);
    CU_ASSERT_STRING_EQUAL(ratio_buf, "0.125");
    ratio_text((ratio){-3, 2}, ratio_buf, sizeof ratio_buf);
    CU_ASSERT_STRING_EQUAL(ratio_buf, "-1.5");
    sb_free(&j);
    kv_free(&kv);
    free(sj);
    cohort_scenario_free(s);
    cohort_scenario_free(b);
    remove_tree(dir);
    free(dir);
}

int main(void)
{
    static const test_case cases[] = {
        {"set equals the edited files, key by key", test_set_equals_edited_files},
        {"hosts.ID.budget equals the edited hosts.csv", test_host_budget},
        {"setting is absolute", test_set_is_absolute},
        {"refused values name the field and change nothing", test_refused_values},
        {"parameters -> scenario.json -> same parameters", test_kv_json_round_trip},
        {NULL, NULL},
    };
    return run_suite("params", cases);
}
