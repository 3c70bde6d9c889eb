/* test_e2e_schedule.c - runs the real `cohort schedule` on every hand-solved
 * scenario under tests/e2e/schedule/ (see its README.md) and compares with
 * expect.json: exit status, status, objective, placements, unplaced count
 * and the words of the infeasibility messages. Every schedule written is
 * re-checked rule by rule and its .ics parsed back (schedule_check.h), and
 * each case runs twice to check the outputs are byte-identical. Then the
 * example promotion, bad input (exit 2, nothing written) and the atomic
 * replacement of an existing folder.
 */
#define _GNU_SOURCE
#include "schedule_check.h"
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>


static const char *const OUT_FILES[] = {"schedule.csv", "schedule.ics", "schedule.json",
                                        "timetable.html"};


static int int_arg(const cJSON *args, const char *opt)
{
    int n = cJSON_GetArraySize(args);
    for (int k = 0; k + 1 < n; k++)
        if (!strcmp(cJSON_GetArrayItem(args, k)->valuestring, opt))
            return atoi(cJSON_GetArrayItem(args, k + 1)->valuestring);
    return 0;
}

/* "day start" of interview CAND/CHAL in schedule.json, or NULL */
static const char *placed_at(const cJSON *got, const char *key, char *buf, size_t n)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItem(got, "schedule"))
    {
        char k[256];
        snprintf(k, sizeof k, "%s/%s", cJSON_GetObjectItem(e, "candidate")->valuestring,
                 cJSON_GetObjectItem(e, "challenge")->valuestring);
        if (!strcmp(k, key)) {
            snprintf(buf, n, "%s %s", cJSON_GetObjectItem(e, "day")->valuestring,
                     cJSON_GetObjectItem(e, "start")->valuestring);
            return buf;
        }
    }
    return NULL;
}

static void check_case(const char *dir, const char *name)
{
    char *ep = path_join(dir, "expect.json");
    cJSON *ex = read_json(ep);
    free(ep);
    if (!ex) {
        EXPECT(0, "expect.json unreadable");
        return;
    }
    const cJSON *inp = cJSON_GetObjectItem(ex, "input");
    char *input = cJSON_IsString(inp) ? path_join(dir, inp->valuestring) : strdup(dir);
    const cJSON *xargs = cJSON_GetObjectItem(ex, "args");
    char *tmp = make_temp_dir("e2e-sched");
    char *out[2] = {path_join(tmp, "out1"), path_join(tmp, "out2")};
    int rc[2];
    char *err = NULL;
    for (int run = 0; run < 2; run++) {
        const char *args[16] = {"schedule", input, "--out", out[run], "--quiet"};
        int na = 5;
        const cJSON *a;
        cJSON_ArrayForEach(a, xargs) args[na++] = a->valuestring;
        args[na] = NULL;
        rc[run] = run_cohort(args, run ? NULL : &err);
    }
    int want_exit = cJSON_GetObjectItem(ex, "exit")->valueint;
    EXPECT(rc[0] == want_exit, "exit %d, expected %d; stderr: %s", rc[0], want_exit, err ? err : "");
    const cJSON *w;
    cJSON_ArrayForEach(w, cJSON_GetObjectItem(ex, "stderr_mention"))
        EXPECT(err && strstr(err, w->valuestring), "stderr does not mention \"%s\": %s",
               w->valuestring, err ? err : "");
    cJSON_ArrayForEach(w, cJSON_GetObjectItem(ex, "stderr_lacks"))
        EXPECT(!err || !strstr(err, w->valuestring), "stderr mentions \"%s\": %s",
               w->valuestring, err);
    char *jp = path_join(out[0], "schedule.json");
    cJSON *got = read_json(jp);
    free(jp);
    EXPECT(got != NULL, "no readable schedule.json");
    if (got) {
        const char *st = cJSON_GetObjectItem(got, "status")->valuestring;
        const char *want_st = cJSON_GetObjectItem(ex, "status")->valuestring;
        EXPECT(!strcmp(st, want_st), "status %s, expected %s", st, want_st);
        const cJSON *lv;
        cJSON_ArrayForEach(lv, cJSON_GetObjectItem(ex, "objective"))
        {
            const cJSON *g = cJSON_GetObjectItem(cJSON_GetObjectItem(got, "objective"), lv->string);
            EXPECT(cJSON_IsNumber(g) && g->valueint == lv->valueint, "objective.%s = %d, expected %d",
                   lv->string, cJSON_IsNumber(g) ? g->valueint : -1, lv->valueint);
        }
        const cJSON *ni = cJSON_GetObjectItem(ex, "interviews");
        if (ni)
            EXPECT(cJSON_GetObjectItem(got, "interviews")->valueint == ni->valueint,
                   "%d interviews, expected %d", cJSON_GetObjectItem(got, "interviews")->valueint,
                   ni->valueint);
        const cJSON *pl;
        cJSON_ArrayForEach(pl, cJSON_GetObjectItem(ex, "placements"))
        {
            char buf[64];
            const char *at = placed_at(got, pl->string, buf, sizeof buf);
            EXPECT(at && !strcmp(at, pl->valuestring), "%s at %s, expected %s", pl->string,
                   at ? at : "(unplaced)", pl->valuestring);
        }
        const cJSON *su = cJSON_GetObjectItem(ex, "slots_used");
        if (su) {
            char *used[64];
            int nu = 0;
            const cJSON *e;
            cJSON_ArrayForEach(e, cJSON_GetObjectItem(got, "schedule")) if (nu < 64)
            {
                char b[64];
                snprintf(b, sizeof b, "%s %s", cJSON_GetObjectItem(e, "day")->valuestring,
                         cJSON_GetObjectItem(e, "start")->valuestring);
                used[nu++] = strdup(b);
            }
            qsort(used, (size_t)nu, sizeof *used, test_cmp_str);
            int ok = nu == cJSON_GetArraySize(su);
            for (int k = 0; ok && k < nu; k++)
                ok = !strcmp(used[k], cJSON_GetArrayItem(su, k)->valuestring);
            EXPECT(ok, "slots used differ from expect.json's slots_used");
            for (int k = 0; k < nu; k++)
                free(used[k]);
        }
        const cJSON *un = cJSON_GetObjectItem(ex, "unplaced");
        if (un)
            EXPECT(cJSON_GetArraySize(cJSON_GetObjectItem(got, "unplaced")) == un->valueint,
                   "%d unplaced, expected %d",
                   cJSON_GetArraySize(cJSON_GetObjectItem(got, "unplaced")), un->valueint);
        char *probs = cJSON_PrintUnformatted(cJSON_GetObjectItem(got, "problems"));
        const cJSON *m;
        cJSON_ArrayForEach(m, cJSON_GetObjectItem(ex, "problems_mention"))
        {
            EXPECT(probs && strstr(probs, m->valuestring), "problems do not mention \"%s\": %s",
                   m->valuestring, probs ? probs : "(none)");
            EXPECT(err && strstr(err, m->valuestring), "stderr does not mention \"%s\"",
                   m->valuestring);
        }
        free(probs);
        if (!strcmp(want_st, "infeasible")) {
            /* every unplaced interview comes with a reason */
            const cJSON *e;
            cJSON_ArrayForEach(e, cJSON_GetObjectItem(got, "unplaced"))
            {
                const cJSON *why = cJSON_GetObjectItem(e, "reason");
                EXPECT(cJSON_IsString(why) && strlen(why->valuestring) > 10,
                       "an unplaced interview without a reason");
            }
        }
        cJSON_Delete(got);
    }
    /* every rule on the schedule written (partial when infeasible) */
    sc_report rep;
    sc_check_outputs(input, out[0], int_arg(xargs, "--buffer"), int_arg(xargs, "--max-per-day"),
                     want_exit == 0, &rep);
    EXPECT(rep.problems == 0, "checker: %d problems, first: %s", rep.problems, rep.first);
    /* same input, same bytes */
    EXPECT(rc[1] == rc[0], "second run exit %d", rc[1]);
    for (int f = 0; f < 4; f++) {
        char *a = path_join(out[0], OUT_FILES[f]), *b = path_join(out[1], OUT_FILES[f]);
        size_t la = 0, lb = 0;
        char *ta = read_file(a, &la), *tb = read_file(b, &lb);
        EXPECT(ta && tb && la == lb && !memcmp(ta, tb, la), "%s differs between two runs",
               OUT_FILES[f]);
        free(ta);
        free(tb);
        free(a);
        free(b);
    }
    free(err);
    remove_tree(tmp);
    free(tmp);
    free(out[0]);
    free(out[1]);
    free(input);
    cJSON_Delete(ex);
}

static void test_all_cases(void)
{
    char *root = path_join(TESTS_DIR, "e2e/schedule");
    char *names[256];
    int n = test_list_dir(root, names, 256, 0);
    CU_ASSERT_FATAL(n >= 0);
    int cases = 0;
    for (int k = 0; k < n; k++) {
        char *dir = path_join(root, names[k]);
        char *ep = path_join(dir, "expect.json");
        struct stat st;
        if (stat(ep, &st) == 0) {
            cases++;
            int before = test_failures;
            printf("\n  case %s", names[k]);
            check_case(dir, names[k]);
            if (test_failures == before)
                printf(" ok");
        }
        free(ep);
        free(dir);
        free(names[k]);
    }
    free(root);
    printf("\n  %d cases, %d failed checks\n", cases, test_failures);
    CU_ASSERT(cases >= 17);
    CU_ASSERT_EQUAL(test_failures, 0);
}

/* The example promotion: 96 interviews of 71 people; each can come on one
 * day (71 candidate-days is the bound and the optimum), and no panel needs
 * a gap. */
static void test_example_promotion(void)
{
    static const char *const inputs[] = {"data/eig5", "data/example.json"};
    for (int k = 0; k < 2; k++) {
        const char *name = inputs[k];
        char *input = path_join(SOURCE_DIR, inputs[k]);
        char *tmp = make_temp_dir("e2e-sched-eig5");
        char *out = path_join(tmp, "out");
        const char *args[] = {"schedule", input, "--out", out, "--quiet", NULL};
        char *err = NULL;
        int rc = run_cohort(args, &err);
        EXPECT(rc == 0, "exit %d: %s", rc, err ? err : "");
        char *jp = path_join(out, "schedule.json");
        cJSON *j = read_json(jp);
        CU_ASSERT_PTR_NOT_NULL_FATAL(j);
        EXPECT(!strcmp(cJSON_GetObjectItem(j, "status")->valuestring, "optimal"), "not optimal");
        const cJSON *obj = cJSON_GetObjectItem(j, "objective");
        EXPECT(cJSON_GetObjectItem(obj, "candidate_days")->valueint == 71, "candidate_days %d",
               cJSON_GetObjectItem(obj, "candidate_days")->valueint);
        EXPECT(cJSON_GetObjectItem(obj, "panel_gaps")->valueint == 0, "panel_gaps %d",
               cJSON_GetObjectItem(obj, "panel_gaps")->valueint);
        EXPECT(cJSON_GetObjectItem(j, "interviews")->valueint == 96, "interviews %d",
               cJSON_GetObjectItem(j, "interviews")->valueint);
        sc_report rep;
        sc_check_outputs(input, out, 0, 0, 1, &rep);
        EXPECT(rep.problems == 0 && rep.rows == 96, "checker: %d problems, %d rows, first: %s",
               rep.problems, rep.rows, rep.first);
        cJSON_Delete(j);
        free(jp);
        free(err);
        remove_tree(tmp);
        free(tmp);
        free(out);
        free(input);
    }
    CU_ASSERT_EQUAL(test_failures, 0);
}

/* Bad input: exit 2, a message naming the file, line and field, and
 * nothing created or changed under DIR. */
static void bad_case(const char *name, const char *file, const char *text, const char *extra,
                     const char *want_msg)
{
    char *src = path_join(TESTS_DIR, "e2e/schedule/days-one-each");
    char *sc = copy_scenario(src, "e2e-sched-bad");
    free(src);
    char *fp = path_join(sc, file);
    if (text)
        write_file(fp, text);
    else
        remove(fp);
    free(fp);
    char *tmp = make_temp_dir("e2e-sched-badout");
    char *out = path_join(tmp, "out");
    mkdir(out, 0777);
    char *marker = path_join(out, "keep.txt");
    write_file(marker, "old");
    const char *args[] = {"schedule", sc, "--out", out, "--quiet", extra, extra ? "x" : NULL, NULL};
    if (extra && !strcmp(extra, "--buffer"))
        args[6] = "-5";
    else if (extra && !strcmp(extra, "--max-per-day"))
        args[6] = "0";
    char *err = NULL;
    int rc = run_cohort(args, &err);
    EXPECT(rc == 2, "exit %d, expected 2", rc);
    EXPECT(err && strstr(err, want_msg), "stderr lacks \"%s\": %s", want_msg, err ? err : "");
    EXPECT(dir_count(out) == 1, "%d entries in DIR after bad input (expected only keep.txt)",
           dir_count(out));
    char *old = read_file(marker, NULL);
    EXPECT(old && !strcmp(old, "old"), "keep.txt changed");
    free(old);
    free(err);
    free(marker);
    remove_tree(tmp);
    free(tmp);
    free(out);
    remove_tree(sc);
    free(sc);
}

static void test_bad_input(void)
{
    const char *name = "bad input";
    bad_case(name, "slots.csv", NULL, NULL, "slots.csv:1: field 'day': no interview slot");
    bad_case(name, "slots.csv", "day,start,end\n2021-07-05,09:30,09:00\n", NULL,
             "slots.csv:2: field 'end'");
    bad_case(name, "slots.csv", "day,start,end\n2021-07-32,09:00,09:30\n", NULL,
             "slots.csv:2: field 'day'");
    bad_case(name, "unavailable.csv", "who,id,day,start,end\ncandidate,NOPE,2021-07-05,,\n",
             NULL, "unavailable.csv:2: field 'id'");
    bad_case(name, "unavailable.csv", "who,id,day,start,end\njury,D1,2021-07-05,,\n", NULL,
             "unavailable.csv:2: field 'who'");
    bad_case(name, "preferences.csv",
             "candidate,challenge,candidate_rank,jury_rank,shortlisted\nP1,D1,1,1,maybe\n", NULL,
             "preferences.csv:2: field 'shortlisted'");
    bad_case(name, "unavailable.csv", NULL, "--buffer", "--buffer '-5'");
    bad_case(name, "unavailable.csv", NULL, "--max-per-day", "--max-per-day '0'");
    CU_ASSERT_EQUAL(test_failures, 0);
}

/* An existing DIR: the four files are replaced, other files are kept. */
static void test_replaces_existing(void)
{
    const char *name = "existing DIR";
    char *sc = path_join(TESTS_DIR, "e2e/schedule/gap-forced");
    char *tmp = make_temp_dir("e2e-sched-dir");
    char *out = path_join(tmp, "out");
    mkdir(out, 0777);
    char *old = path_join(out, "schedule.csv"), *other = path_join(out, "notes.txt");
    write_file(old, "stale\n");
    write_file(other, "mine\n");
    const char *args[] = {"schedule", sc, "--out", out, "--quiet", NULL};
    int rc = run_cohort(args, NULL);
    EXPECT(rc == 0, "exit %d", rc);
    char *t = read_file(old, NULL);
    EXPECT(t && !strncmp(t, "candidate,challenge,day,start,end", 33), "schedule.csv not replaced");
    free(t);
    t = read_file(other, NULL);
    EXPECT(t && !strcmp(t, "mine\n"), "notes.txt changed");
    free(t);
    EXPECT(dir_count(out) == 5, "%d entries in DIR, expected 5", dir_count(out));
    EXPECT(dir_count(tmp) == 1, "a temporary folder was left beside DIR");
    /* usage */
    const char *help[] = {"schedule", "--help", NULL};
    char *err = NULL;
    EXPECT(run_cohort(help, NULL) == 0, "--help fails");
    const char *noout[] = {"schedule", sc, NULL};
    EXPECT(run_cohort(noout, &err) == 2 && err && strstr(err, "--out"), "missing --out accepted");
    free(err);
    free(old);
    free(other);
    remove_tree(tmp);
    free(tmp);
    free(out);
    free(sc);
    CU_ASSERT_EQUAL(test_failures, 0);
}

int main(void)
{
    static const test_case cases[] = {{"hand-solved schedules", test_all_cases},
                                      {"example promotion", test_example_promotion},
                                      {"bad input", test_bad_input},
                                      {"existing output folder", test_replaces_existing},
                                      {NULL, NULL}};
    return run_suite("e2e schedule", cases);
}
