/* test_schedule.c - the interview schedule at library level (schedule.c,
 * sched_*.c, schedule_out.c, ics.c): hand-solved cases with a known
 * optimum, GLPK alone against GLPK started from the heuristic, the time
 * limit, infeasible cases and their reasons, validation, the .ics format
 * (folding, escaping, parsing back), and the independent checker itself
 * (it must catch a broken schedule).
 */
#define _GNU_SOURCE
#include "schedule_check.h"
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------------ */

typedef struct file_spec {
    const char *name, *text;
} file_spec;

/* A scenario folder from the given files; scenario.json, hosts.csv and a
 * one-challenge challenges.csv by default. Caller frees and removes. */
static char *make_scenario(const file_spec *files)
{
    char *dir = make_temp_dir("unit-sched");
    static const file_spec dflt[] = {
        {"scenario.json", "{\"name\": \"unit schedule\"}\n"},
        {"hosts.csv", "id,name,kind\nH1,Host,state\n"},
        {"challenges.csv", "id,title,host\nD1,One,H1\nD2,Two,H1\nD3,Three,H1\n"},
        {"candidates.csv", "id,name,profile\nP1,Ann,developer\nP2,Bob,designer\nP3,Cy,developer\n"},
        {NULL, NULL}};
    for (const file_spec *f = dflt; f->name; f++) {
        char *p = path_join(dir, f->name);
        write_file(p, f->text);
        free(p);
    }
    for (const file_spec *f = files; f->name; f++) {
        char *p = path_join(dir, f->name);
        write_file(p, f->text);
        free(p);
    }
    return dir;
}

static cohort_scenario *load(const char *dir)
{
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_scenario *s = NULL;
    int rc = cohort_scenario_load(dir, &s, &d);
    if (rc != COHORT_OK)
        for (int k = 0; k < d.nerrors; k++)
            printf("\n    load: %s", d.errors[k]);
    cohort_diag_clear(&d);
    return s;
}

static int run(const cohort_scenario *s, int heuristic, int buffer, int maxpd, double limit,
               cohort_schedule_result **r)
{
    cohort_schedule_opts o;
    cohort_schedule_opts_init(&o);
    o.heuristic = heuristic;
    o.buffer = buffer;
    o.max_per_day = maxpd;
    o.time_limit = limit;
    cohort_diag d;
    cohort_diag_init(&d);
    int rc = cohort_schedule(s, &o, r, &d);
    cohort_diag_clear(&d);
    return rc;
}

/* "day HH:MM" of the interview cand/chal, or "" */
static const char *where(const cohort_scenario *s, const cohort_schedule_result *r,
                         const char *cand, const char *chal, char *buf)
{
    buf[0] = '\0';
    for (int k = 0; k < r->niv; k++) {
        const app *a = &s->apps[r->iv_app[k]];
        if (strcmp(s->cands[a->cand].id, cand) || strcmp(s->chals[a->chal].id, chal))
            continue;
        if (r->slot[k] >= 0) {
            const slot *sl = &s->slots[r->slot[k]];
            sprintf(buf, "%s %02d:%02d", sl->day, sl->start / 60, sl->start % 60);
        }
    }
    return buf;
}

/* Writes the outputs and runs the independent checker on them. */
static int check_written(const char *scenario, const cohort_scenario *s,
                         const cohort_schedule_result *r, int buffer, int maxpd, int complete)
{
    char *tmp = make_temp_dir("unit-sched-out");
    char *out = path_join(tmp, "out");
    cohort_diag d;
    cohort_diag_init(&d);
    int rc = cohort_write_schedule(s, r, out, &d);
    cohort_diag_clear(&d);
    sc_report rep;
    sc_check_outputs(scenario, out, buffer, maxpd, complete, &rep);
    if (rep.problems)
        printf("\n    checker: %d problems, first: %s", rep.problems, rep.first);
    remove_tree(tmp);
    free(tmp);
    free(out);
    return rc == COHORT_OK ? rep.problems : 1;
}

/* ---- hand-solved ----------------------------------------------------------------- */

static const char SLOTS3[] = "day,start,end\n2021-07-05,09:00,09:30\n2021-07-05,09:30,10:00\n"
                             "2021-07-05,10:00,10:30\n";

/* Days before gaps: P1 (D1, D2) and P2 (D1). D2 only at 09:30 on day 1, P2
 * only at 10:00. P1/D1 at 09:00 keeps P1 to one day but leaves D1 waiting at
 * 09:30; on day 2 it avoids the gap for one more candidate-day. The order of
 * the objective picks (2 candidate-days, 1 gap). */
static void test_days_before_gaps(void)
{
    static const file_spec f[] = {
        {"preferences.csv", "candidate,challenge,candidate_rank,jury_rank,shortlisted\n"
                            "P1,D1,1,1,1\nP1,D2,2,1,1\nP2,D1,1,2,1\n"},
        {"slots.csv", "day,start,end\n2021-07-05,09:00,09:30\n2021-07-05,09:30,10:00\n"
                      "2021-07-05,10:00,10:30\n2021-07-06,09:00,09:30\n"},
        {"unavailable.csv", "who,id,day,start,end\nchallenge,D2,2021-07-05,09:00,09:30\n"
                            "challenge,D2,2021-07-05,10:00,10:30\nchallenge,D2,2021-07-06,,\n"
                            "candidate,P2,2021-07-05,09:00,10:00\ncandidate,P2,2021-07-06,,\n"},
        {NULL, NULL}};
    char *dir = make_scenario(f);
    cohort_scenario *s = load(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    for (int heur = 1; heur >= 0; heur--) {
        cohort_schedule_result *r = NULL;
        CU_ASSERT_EQUAL(run(s, heur, 0, 0, 0, &r), COHORT_OK);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        CU_ASSERT_STRING_EQUAL(cohort_schedule_status(r), "optimal");
        CU_ASSERT_EQUAL(r->candidate_days, 2);
        CU_ASSERT_EQUAL(r->panel_gaps, 1);
        CU_ASSERT_EQUAL(r->proven_levels, 2);
        char b[64];
        CU_ASSERT_STRING_EQUAL(where(s, r, "P1", "D1", b), "2021-07-05 09:00");
        CU_ASSERT_STRING_EQUAL(where(s, r, "P1", "D2", b), "2021-07-05 09:30");
        CU_ASSERT_STRING_EQUAL(where(s, r, "P2", "D1", b), "2021-07-05 10:00");
        CU_ASSERT_EQUAL(check_written(dir, s, r, 0, 0, 1), 0);
        cohort_schedule_result_free(r);
    }
    cohort_scenario_free(s);
    remove_tree(dir);
    free(dir);
}

/* Buffer: two back-to-back slots a day. Without a buffer P1 sits both on
 * one day; with 15 minutes P1 must come on both days. */
static void test_buffer(void)
{
    static const file_spec f[] = {
        {"preferences.csv", "candidate,challenge,candidate_rank,jury_rank,shortlisted\n"
                            "P1,D1,1,1,1\nP1,D2,2,1,1\n"},
        {"slots.csv", "day,start,end\n2021-07-05,09:00,09:30\n2021-07-05,09:30,10:00\n"
                      "2021-07-06,09:00,09:30\n2021-07-06,09:30,10:00\n"},
        {NULL, NULL}};
    char *dir = make_scenario(f);
    cohort_scenario *s = load(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    static const int buffers[] = {0, 15, 30};
    static const int days[] = {1, 2, 2};
    for (int b = 0; b < 3; b++)
        for (int heur = 1; heur >= 0; heur--) {
            cohort_schedule_result *r = NULL;
            CU_ASSERT_EQUAL(run(s, heur, buffers[b], 0, 0, &r), COHORT_OK);
            CU_ASSERT_PTR_NOT_NULL_FATAL(r);
            CU_ASSERT_EQUAL(r->status, ST_OPTIMAL);
            CU_ASSERT_EQUAL(cohort_schedule_interrupted(r), 0);
            CU_ASSERT_EQUAL(r->candidate_days, days[b]);
            CU_ASSERT_EQUAL(check_written(dir, s, r, buffers[b], 0, 1), 0);
            cohort_schedule_result_free(r);
        }
    /* with a buffer of 31 minutes the slots 09:00 and 10:00 of one day are
     * too close too: only three slots a day would not help either */
    cohort_scenario_free(s);
    remove_tree(dir);
    free(dir);
}

/* Overlapping slots: a panel can hold only 09:00-10:00 and 10:00-11:00 of
 * the three; the 09:30 slot overlaps both interviews, so it is no gap. */
static void test_overlapping_slots(void)
{
    static const file_spec f[] = {
        {"preferences.csv", "candidate,challenge,candidate_rank,jury_rank,shortlisted\n"
                            "P1,D1,1,1,1\nP2,D1,1,2,1\n"},
        {"slots.csv", "day,start,end\n2021-07-05,09:30,10:30\n2021-07-05,09:00,10:00\n"
                      "2021-07-05,10:00,11:00\n"},
        {NULL, NULL}};
    char *dir = make_scenario(f);
    cohort_scenario *s = load(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    for (int heur = 1; heur >= 0; heur--) {
        cohort_schedule_result *r = NULL;
        CU_ASSERT_EQUAL(run(s, heur, 0, 0, 0, &r), COHORT_OK);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        CU_ASSERT_EQUAL(r->status, ST_OPTIMAL);
        CU_ASSERT_EQUAL(r->panel_gaps, 0);
        char b1[64], b2[64];
        where(s, r, "P1", "D1", b1);
        where(s, r, "P2", "D1", b2);
        CU_ASSERT((!strcmp(b1, "2021-07-05 09:00") && !strcmp(b2, "2021-07-05 10:00")) ||
                  (!strcmp(b2, "2021-07-05 09:00") && !strcmp(b1, "2021-07-05 10:00")));
        CU_ASSERT_EQUAL(check_written(dir, s, r, 0, 0, 1), 0);
        cohort_schedule_result_free(r);
    }
    cohort_scenario_free(s);
    remove_tree(dir);
    free(dir);
}

/* The second level counts gaps only where the panel could sit: D1 waits
 * between P1 (09:00 only) and P2 (10:00 only) unless it is unavailable at
 * 09:30 itself. */
static void test_gap_definition(void)
{
    for (int panel_off = 0; panel_off < 2; panel_off++) {
        file_spec f[] = {
            {"preferences.csv", "candidate,challenge,candidate_rank,jury_rank,shortlisted\n"
                                "P1,D1,1,1,1\nP2,D1,1,2,1\n"},
            {"slots.csv", SLOTS3},
            {"unavailable.csv", panel_off ? "who,id,day,start,end\n"
                                            "candidate,P1,2021-07-05,09:30,10:30\n"
                                            "candidate,P2,2021-07-05,09:00,10:00\n"
                                            "challenge,D1,2021-07-05,09:30,10:00\n"
                                          : "who,id,day,start,end\n"
                                            "candidate,P1,2021-07-05,09:30,10:30\n"
                                            "candidate,P2,2021-07-05,09:00,10:00\n"},
            {NULL, NULL}};
        char *dir = make_scenario(f);
        cohort_scenario *s = load(dir);
        CU_ASSERT_PTR_NOT_NULL_FATAL(s);
        cohort_schedule_result *r = NULL;
        CU_ASSERT_EQUAL(run(s, 0, 0, 0, 0, &r), COHORT_OK);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        CU_ASSERT_EQUAL(r->status, ST_OPTIMAL);
        CU_ASSERT_EQUAL(r->panel_gaps, panel_off ? 0 : 1);
        CU_ASSERT_EQUAL(check_written(dir, s, r, 0, 0, 1), 0);
        cohort_schedule_result_free(r);
        cohort_scenario_free(s);
        remove_tree(dir);
        free(dir);
    }
}

/* Every hand-solved end-to-end case, through the library: GLPK alone must
 * prove the same optimum as GLPK started from the heuristic. */
static void test_glpk_alone_agrees(void)
{
    char *root = path_join(TESTS_DIR, "e2e/schedule");
    DIR *d = opendir(root);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    struct dirent *e;
    int cases = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || !strcmp(e->d_name, "planted-300"))
            continue;
        char *dir = path_join(root, e->d_name);
        char *ep = path_join(dir, "expect.json");
        cJSON *ex = read_json(ep);
        free(ep);
        if (!ex) {
            free(dir);
            continue;
        }
        int buffer = 0, maxpd = 0;
        const cJSON *a = cJSON_GetObjectItem(ex, "args");
        for (int k = 0; k + 1 < cJSON_GetArraySize(a); k++) {
            if (!strcmp(cJSON_GetArrayItem(a, k)->valuestring, "--buffer"))
                buffer = atoi(cJSON_GetArrayItem(a, k + 1)->valuestring);
            if (!strcmp(cJSON_GetArrayItem(a, k)->valuestring, "--max-per-day"))
                maxpd = atoi(cJSON_GetArrayItem(a, k + 1)->valuestring);
        }
        cohort_scenario *s = load(dir);
        CU_ASSERT_PTR_NOT_NULL_FATAL(s);
        cohort_schedule_result *r1 = NULL, *r0 = NULL;
        int rc1 = run(s, 1, buffer, maxpd, 0, &r1), rc0 = run(s, 0, buffer, maxpd, 0, &r0);
        CU_ASSERT_EQUAL(rc1, rc0);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r1);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r0);
        CU_ASSERT_EQUAL(r1->status, r0->status);
        if (r1->status == ST_OPTIMAL) {
            CU_ASSERT_EQUAL(r1->candidate_days, r0->candidate_days);
            CU_ASSERT_EQUAL(r1->panel_gaps, r0->panel_gaps);
            const cJSON *obj = cJSON_GetObjectItem(ex, "objective");
            CU_ASSERT_EQUAL(r0->candidate_days,
                            cJSON_GetObjectItem(obj, "candidate_days")->valueint);
            CU_ASSERT_EQUAL(r0->panel_gaps, cJSON_GetObjectItem(obj, "panel_gaps")->valueint);
        } else {
            /* the elastic model: the fewest interviews left out */
            CU_ASSERT_EQUAL(r1->unplaced, r0->unplaced);
            CU_ASSERT_EQUAL(r0->unplaced, cJSON_GetObjectItem(ex, "unplaced")->valueint);
        }
        CU_ASSERT_EQUAL(check_written(dir, s, r0, buffer, maxpd, r0->status == ST_OPTIMAL), 0);
        cases++;
        cohort_schedule_result_free(r1);
        cohort_schedule_result_free(r0);
        cohort_scenario_free(s);
        cJSON_Delete(ex);
        free(dir);
    }
    closedir(d);
    free(root);
    CU_ASSERT(cases >= 16);
}

/* 300 interviews over 3 days (tests/e2e/schedule/planted-300, written by
 * bench/gen_schedule.py from a planted schedule: 167 candidate-days and no
 * gap are the bounds and are reached). */
static void test_300_interviews(void)
{
    char *dir = path_join(TESTS_DIR, "e2e/schedule/planted-300");
    cohort_scenario *s = load(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    cohort_schedule_result *r = NULL;
    CU_ASSERT_EQUAL(run(s, 1, 0, 0, 0, &r), COHORT_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(r->niv, 300);
    CU_ASSERT_EQUAL(r->status, ST_OPTIMAL);
    CU_ASSERT_EQUAL(r->candidate_days, 167);
    CU_ASSERT_EQUAL(r->panel_gaps, 0);
    CU_ASSERT_EQUAL(s->ndays, 3);
    CU_ASSERT_EQUAL(check_written(dir, s, r, 0, 0, 1), 0);
    cohort_schedule_result_free(r);
    /* GLPK alone under a short time limit: a schedule that keeps every rule,
     * with the gap stated when the proof is not complete */
    CU_ASSERT_EQUAL(run(s, 0, 0, 0, 2.0, &r), COHORT_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    if (r->status == ST_FEASIBLE) {
        CU_ASSERT(r->gap > 0 && r->gap <= 1.0);
        CU_ASSERT(r->proven_levels < 2);
        CU_ASSERT_EQUAL(check_written(dir, s, r, 0, 0, 1), 0);
    } else if (r->status == ST_OPTIMAL) {
        CU_ASSERT_EQUAL(r->candidate_days, 167);
        CU_ASSERT_EQUAL(r->panel_gaps, 0);
    } else {
        CU_ASSERT_EQUAL(r->status, ST_LIMIT);
        CU_ASSERT_PTR_NOT_NULL(r->message);
    }
    cohort_schedule_result_free(r);
    /* the same, with 20 minutes between a candidate's interviews and at most
     * 6 interviews a panel a day: still every rule */
    CU_ASSERT_EQUAL(run(s, 1, 20, 6, 20.0, &r), COHORT_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT(r->status == ST_OPTIMAL || r->status == ST_FEASIBLE);
    CU_ASSERT_EQUAL(check_written(dir, s, r, 20, 6, 1), 0);
    cohort_schedule_result_free(r);
    cohort_scenario_free(s);
    free(dir);
}

/* GLPK's feasibility pump calls no callback; its passes come as ticks
 * (iterations: the pass, 1 to 5) from its display (term_hook() in
 * schedule.c). planted-300 with at most 5 interviews a panel a day leaves
 * no spare slot: the greedy schedule misses the bound and the pump finds
 * it (7 s, docs/schedule.md); the schedule is the same with and without a
 * progress callback. */
typedef struct pass_ticks {
    int passes, bad;
} pass_ticks;

static void count_passes(const cohort_progress *p, void *user)
{
    pass_ticks *t = user;
    if (p->iterations > 0) {
        t->passes++;
        if (p->iterations > 5 || strcmp(p->phase, "candidate-days"))
            t->bad = 1;
    }
}

static void interrupt_at_first_pass(const cohort_progress *p, void *user)
{
    pass_ticks *t = user;
    if (p->iterations > 0) {
        t->passes++;
        cohort_interrupt();
    }
}

static void test_pump_passes(void)
{
    char *dir = path_join(TESTS_DIR, "e2e/schedule/planted-300");
    cohort_scenario *s = load(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    pass_ticks t = {0, 0};
    cohort_schedule_opts o;
    cohort_schedule_opts_init(&o);
    o.max_per_day = 5;
    o.progress = count_passes;
    o.progress_user = &t;
    cohort_schedule_result *r = NULL, *quiet = NULL;
    CU_ASSERT_EQUAL_FATAL(cohort_schedule(s, &o, &r, NULL), COHORT_OK);
    printf("\n  at most 5 a day: %s, %d candidate-days, %d pump passes",
           cohort_schedule_status(r), r->candidate_days, t.passes);
    CU_ASSERT_EQUAL(r->status, ST_OPTIMAL);
    CU_ASSERT_EQUAL(r->candidate_days, 167);
    CU_ASSERT(t.passes >= 1);
    CU_ASSERT(!t.bad);
    o.progress = NULL;
    CU_ASSERT_EQUAL_FATAL(cohort_schedule(s, &o, &quiet, NULL), COHORT_OK);
    CU_ASSERT_EQUAL(r->status, quiet->status);
    CU_ASSERT_EQUAL(r->niv, quiet->niv);
    CU_ASSERT(memcmp(r->slot, quiet->slot, sizeof *r->slot * (size_t)r->niv) == 0);
    cohort_schedule_result_free(r);
    cohort_schedule_result_free(quiet);
    /* the pump reads no interrupt; the tick of its pass does, and ends it
       through its time limit: interrupted at its first pass, no later one */
    pass_ticks i = {0, 0};
    o.progress = interrupt_at_first_pass;
    o.progress_user = &i;
    CU_ASSERT_EQUAL_FATAL(cohort_schedule(s, &o, &r, NULL), COHORT_OK);
    cohort_interrupt_clear();
    CU_ASSERT_EQUAL(i.passes, 1);
    CU_ASSERT_EQUAL(r->status, ST_FEASIBLE);
    CU_ASSERT(cohort_schedule_interrupted(r));
    CU_ASSERT(r->message && strstr(r->message, "the run was interrupted before the search ended"));
    CU_ASSERT_EQUAL(check_written(dir, s, r, 0, 5, 1), 0);
    cohort_schedule_result_free(r);
    cohort_scenario_free(s);
    free(dir);
}

/* An interrupt (Ctrl-C in `cohort schedule`) ends the search as a time
 * limit would: GLPK alone then has no schedule and says why; with the
 * greedy schedule first, that schedule is written and keeps every rule. */
static void test_interrupt(void)
{
    char *dir = path_join(TESTS_DIR, "e2e/schedule/planted-300");
    cohort_scenario *s = load(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    cohort_schedule_result *r = NULL;
    cohort_interrupt();
    CU_ASSERT_EQUAL(run(s, 0, 0, 0, 0, &r), COHORT_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(r->status, ST_LIMIT);
    CU_ASSERT(r->message && strstr(r->message, "the run was interrupted before a schedule"));
    CU_ASSERT_EQUAL(cohort_schedule_interrupted(r), 1);
    cohort_schedule_result_free(r);
    CU_ASSERT_EQUAL(run(s, 1, 0, 0, 0, &r), COHORT_OK);
    cohort_interrupt_clear();
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT(r->status == ST_FEASIBLE || r->status == ST_OPTIMAL);
    /* interrupted exactly when the proof was cut short */
    CU_ASSERT_EQUAL(cohort_schedule_interrupted(r), r->status != ST_OPTIMAL);
    CU_ASSERT_EQUAL(r->message != NULL, r->status != ST_OPTIMAL);
    printf("\n  interrupted with the greedy schedule: %s, %d candidate-days",
           cohort_schedule_status(r), r->candidate_days);
    CU_ASSERT_EQUAL(check_written(dir, s, r, 0, 0, 1), 0);
    cohort_schedule_result_free(r);
    cohort_scenario_free(s);
    free(dir);
}

/* ---- infeasible and validation ---------------------------------------------------- */

static void test_infeasible_reasons(void)
{
    static const file_spec f[] = {
        {"preferences.csv", "candidate,challenge,candidate_rank,jury_rank,shortlisted\n"
                            "P1,D1,1,1,1\nP2,D1,1,2,1\nP3,D1,1,3,1\n"},
        {"slots.csv", "day,start,end\n2021-07-05,09:00,09:30\n2021-07-05,09:30,10:00\n"},
        {NULL, NULL}};
    char *dir = make_scenario(f);
    cohort_scenario *s = load(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    for (int heur = 1; heur >= 0; heur--) {
        cohort_schedule_result *r = NULL;
        CU_ASSERT_EQUAL(run(s, heur, 0, 0, 0, &r), COHORT_INFEASIBLE);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        CU_ASSERT_STRING_EQUAL(cohort_schedule_status(r), "infeasible");
        CU_ASSERT_EQUAL(r->nproblems, 1);
        CU_ASSERT_EQUAL(r->problems[0].missing, 1);
        CU_ASSERT_STRING_EQUAL(r->problems[0].kind, "panel");
        CU_ASSERT_STRING_EQUAL(r->problems[0].subject, "D1");
        const char *msg = cohort_schedule_problem(r, 0);
        CU_ASSERT(msg && strstr(msg, "panel D1 has 3 shortlisted interviews but only 2 slots "
                                     "where it is available; 1 slot missing"));
        CU_ASSERT_PTR_NULL(cohort_schedule_problem(r, 1));
        CU_ASSERT_EQUAL(r->unplaced, 1);
        /* the partial schedule keeps every rule */
        CU_ASSERT_EQUAL(check_written(dir, s, r, 0, 0, 0), 0);
        cohort_schedule_result_free(r);
    }
    cohort_scenario_free(s);
    remove_tree(dir);
    free(dir);
}

/* Three interviews compete for two slots where both sides are free, while
 * the panel has three slots: the flow argument names those interviews. */
static void test_infeasible_hall(void)
{
    static const file_spec f[] = {
        {"preferences.csv", "candidate,challenge,candidate_rank,jury_rank,shortlisted\n"
                            "P1,D1,1,1,1\nP2,D1,1,2,1\nP3,D1,1,3,1\n"},
        {"slots.csv", SLOTS3},
        {"unavailable.csv", "who,id,day,start,end\ncandidate,P1,2021-07-05,10:00,10:30\n"
                            "candidate,P2,2021-07-05,10:00,10:30\n"
                            "candidate,P3,2021-07-05,10:00,10:30\n"},
        {NULL, NULL}};
    char *dir = make_scenario(f);
    cohort_scenario *s = load(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    cohort_schedule_result *r = NULL;
    CU_ASSERT_EQUAL(run(s, 1, 0, 0, 0, &r), COHORT_INFEASIBLE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(r->nproblems, 1);
    const char *msg = cohort_schedule_problem(r, 0);
    CU_ASSERT(msg && strstr(msg, "panel D1: its 3 interviews with P1, P2 and P3 can use only 2 "
                                 "slots where both the panel and the candidate are available"));
    CU_ASSERT(msg && strstr(msg, "2021-07-05 09:00, 2021-07-05 09:30"));
    CU_ASSERT_EQUAL(r->unplaced, 1);
    CU_ASSERT_EQUAL(check_written(dir, s, r, 0, 0, 0), 0);
    cohort_schedule_result_free(r);
    cohort_scenario_free(s);
    remove_tree(dir);
    free(dir);
}

static void test_validation(void)
{
    static const file_spec f[] = {
        {"preferences.csv", "candidate,challenge,candidate_rank,jury_rank,shortlisted\n"
                            "P1,D1,1,1,1\n"},
        {NULL, NULL}};
    char *dir = make_scenario(f);
    cohort_scenario *s = load(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    cohort_schedule_opts o;
    cohort_schedule_opts_init(&o);
    CU_ASSERT_EQUAL(o.heuristic, 1);
    CU_ASSERT_EQUAL(o.buffer, 0);
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_schedule_result *r = (cohort_schedule_result *)1;
    CU_ASSERT_EQUAL(cohort_schedule(s, &o, &r, &d), COHORT_EINPUT);
    CU_ASSERT_PTR_NULL(r);
    CU_ASSERT_EQUAL(d.nerrors, 1);
    CU_ASSERT(d.nerrors && strstr(d.errors[0], "slots.csv:1: field 'day': no interview slot"));
    cohort_diag_clear(&d);
    o.buffer = -1;
    CU_ASSERT_EQUAL(cohort_schedule(s, &o, &r, &d), COHORT_EINPUT);
    CU_ASSERT(d.nerrors >= 1 && strstr(d.errors[0], "--buffer"));
    cohort_diag_clear(&d);
    cohort_schedule_result_free(NULL);
    CU_ASSERT_STRING_EQUAL(cohort_schedule_status(NULL), "none");
    cohort_scenario_free(s);
    remove_tree(dir);
    free(dir);
}

/* ---- RFC 5545 ------------------------------------------------------------------ */

static void test_ics_folding(void)
{
    /* lengths around the fold, with 2-, 3- and 4-byte characters placed so
     * that a naive fold at 75 octets would split them */
    static const char *const pieces[] = {"a", "é", "’", "\xF0\x9F\x98\x80"};
    for (int len = 60; len < 260; len += 7)
        for (int pc = 0; pc < 4; pc++) {
            sbuf src, out;
            sb_init(&src);
            sb_init(&out);
            sb_puts(&src, "SUMMARY:");
            while (src.len < (size_t)len)
                sb_puts(&src, src.len % 3 ? pieces[pc] : "x");
            ics_line(&out, src.s);
            /* physical lines: CRLF, at most 75 octets, folds start with a space */
            size_t start = 0;
            int ok = 1;
            for (size_t k = 0; k < out.len; k++)
                if (out.s[k] == '\n') {
                    ok &= k > 0 && out.s[k - 1] == '\r' && k - 1 - start <= 75;
                    if (k + 1 < out.len) {
                        ok &= out.s[k + 1] == ' ';
                        /* never inside a UTF-8 character */
                        ok &= k + 2 >= out.len || ((unsigned char)out.s[k + 2] & 0xC0) != 0x80;
                    }
                    start = k + 1;
                }
            CU_ASSERT(ok);
            /* unfolding restores the text */
            sbuf un;
            sb_init(&un);
            for (size_t k = 0; k < out.len; k++) {
                if (out.s[k] == '\r' && k + 2 < out.len && out.s[k + 1] == '\n' &&
                    out.s[k + 2] == ' ') {
                    k += 2;
                    continue;
                }
                sb_putc(&un, out.s[k]);
            }
            CU_ASSERT(un.len == src.len + 2 && !memcmp(un.s, src.s, src.len) &&
                      !strcmp(un.s + src.len, "\r\n"));
            sb_free(&un);
            sb_free(&src);
            sb_free(&out);
        }
}

static void test_ics_escaping(void)
{
    sbuf b;
    sb_init(&b);
    ics_text(&b, "a,b;c\\d\ne\r\nf\tg\ah");
    CU_ASSERT_STRING_EQUAL(b.s, "a\\,b\\;c\\\\d\\ne\\nf\tgh");
    char *back = sc_ics_unescape(b.s);
    CU_ASSERT_STRING_EQUAL(back, "a,b;c\\d\ne\nf\tgh");
    free(back);
    sb_free(&b);
}

/* A whole calendar: names that need escaping and folding, a slot ending
 * at 24:00 on New Year's Eve (DTEND the next day, next year), a stable
 * UID per interview and scenario, DTSTAMP from the first slot day. */
static void test_ics_calendar(void)
{
    static const file_spec f[] = {
        {"scenario.json", "{\"name\": \"Calendar, test; \\\\ one\"}\n"},
        {"candidates.csv", "id,name,profile\nP1,\"Zoë, l'Hôte; \\\\ \"\"Q\"\" <b>\",developer\n"
                           "P2,Anne-Sophie Châteaubriand-Montmorency de La Tour d’Auvergne,"
                           "designer\n"},
        {"challenges.csv", "id,title,host\nD1,\"Défi « données »,\nsur deux lignes\",H1\n"},
        {"preferences.csv", "candidate,challenge,candidate_rank,jury_rank,shortlisted\n"
                            "P1,D1,1,1,1\nP2,D1,1,2,1\n"},
        {"slots.csv", "day,start,end\n2021-12-31,23:00,23:30\n2021-12-31,23:30,24:00\n"},
        {NULL, NULL}};
    char *dir = make_scenario(f);
    cohort_scenario *s = load(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    cohort_schedule_result *r = NULL;
    CU_ASSERT_EQUAL(run(s, 1, 0, 0, 0, &r), COHORT_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(check_written(dir, s, r, 0, 0, 1), 0);
    sbuf b;
    sb_init(&b);
    sched_out_ics(s, r, &b);
    sc_report rep;
    memset(&rep, 0, sizeof rep);
    int nev = 0;
    sc_event *ev = sc_ics_parse(b.s, b.len, &nev, &rep);
    CU_ASSERT_EQUAL(rep.problems, 0);
    if (rep.problems)
        printf("\n    %s", rep.first);
    CU_ASSERT_EQUAL(nev, 2);
    int late = 0;
    for (int k = 0; k < nev; k++) {
        CU_ASSERT(strstr(ev[k].summary, "Défi « données »,\nsur deux lignes") != NULL);
        if (!strcmp(ev[k].dtstart, "20211231T233000")) {
            late = 1;
            CU_ASSERT_STRING_EQUAL(ev[k].dtend, "20220101T000000");
        }
    }
    CU_ASSERT(late);
    int zoe = 0;
    for (int k = 0; k < nev; k++)
        zoe |= strstr(ev[k].summary, "Zoë, l'Hôte; \\\\ \"Q\" <b> (P1)") != NULL;
    CU_ASSERT(zoe);
    CU_ASSERT(strstr(b.s, "DTSTAMP:20211231T000000Z\r\n") != NULL);
    CU_ASSERT(strstr(b.s, "X-WR-CALNAME:Calendar\\, test\\; \\\\ one - interviews\r\n") != NULL);
    CU_ASSERT(strstr(b.s, "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n") != NULL);
    CU_ASSERT(strstr(b.s, "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n") != NULL);
    /* same input, same UIDs; another scenario name, other UIDs */
    sbuf b2;
    sb_init(&b2);
    sched_out_ics(s, r, &b2);
    CU_ASSERT(b.len == b2.len && !memcmp(b.s, b2.s, b.len));
    free(s->name);
    s->name = xstrdup("Another promotion");
    sbuf b3;
    sb_init(&b3);
    sched_out_ics(s, r, &b3);
    int nev3 = 0;
    sc_event *ev3 = sc_ics_parse(b3.s, b3.len, &nev3, &rep);
    CU_ASSERT_EQUAL(nev3, 2);
    for (int k = 0; k < nev && k < nev3; k++)
        for (int j = 0; j < nev3; j++)
            CU_ASSERT(strcmp(ev[k].uid, ev3[j].uid) != 0);
    sc_events_free(ev3, nev3);
    sc_events_free(ev, nev);
    sb_free(&b);
    sb_free(&b2);
    sb_free(&b3);
    cohort_schedule_result_free(r);
    cohort_scenario_free(s);
    remove_tree(dir);
    free(dir);
}

/* ---- the checker must catch broken schedules -------------------------------------- */

static void test_checker_catches(void)
{
    char *src = path_join(TESTS_DIR, "e2e/schedule/gap-forced");
    char *tmp = make_temp_dir("unit-sched-chk");
    char *out = path_join(tmp, "out");
    cohort_scenario *s = load(src);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    cohort_schedule_result *r = NULL;
    CU_ASSERT_EQUAL(run(s, 1, 0, 0, 0, &r), COHORT_OK);
    cohort_diag d;
    cohort_diag_init(&d);
    CU_ASSERT_EQUAL(cohort_write_schedule(s, r, out, &d), COHORT_OK);
    cohort_diag_clear(&d);
    sc_report rep;
    CU_ASSERT_EQUAL(sc_check_outputs(src, out, 0, 0, 1, &rep), 0);
    CU_ASSERT_EQUAL(rep.days, 2);
    CU_ASSERT_EQUAL(rep.gaps, 1);
    char *csv = path_join(out, "schedule.csv"), *ics = path_join(out, "schedule.ics");
    char *good_csv = read_file(csv, NULL);
    size_t ilen = 0;
    char *good_ics = read_file(ics, &ilen);
    static const char *const broken[] = {
        /* P2 moved to 09:00: the panel twice at once, and P2 unavailable */
        "candidate,challenge,day,start,end\r\nP1,D1,2021-07-05,09:00,09:30\r\n"
        "P2,D1,2021-07-05,09:00,09:30\r\n",
        /* an interview left out */
        "candidate,challenge,day,start,end\r\nP1,D1,2021-07-05,09:00,09:30\r\n",
        /* not a slot */
        "candidate,challenge,day,start,end\r\nP1,D1,2021-07-05,09:00,09:30\r\n"
        "P2,D1,2021-07-05,10:00,10:15\r\n",
        /* not shortlisted */
        "candidate,challenge,day,start,end\r\nP1,D1,2021-07-05,09:00,09:30\r\n"
        "P2,D1,2021-07-05,10:00,10:30\r\nP1,D1,2021-07-05,09:30,10:00\r\n",
    };
    for (int k = 0; k < 4; k++) {
        write_file(csv, broken[k]);
        CU_ASSERT(sc_check_outputs(src, out, 0, 0, 1, &rep) > 0);
    }
    write_file(csv, good_csv);
    /* LF line ends, an overlong line, a missing UID */
    sbuf b;
    sb_init(&b);
    for (size_t k = 0; k < ilen; k++)
        if (good_ics[k] != '\r')
            sb_putc(&b, good_ics[k]);
    write_file(ics, b.s);
    CU_ASSERT(sc_check_outputs(src, out, 0, 0, 1, &rep) > 0);
    sb_free(&b);
    sb_init(&b);
    for (const char *p = good_ics; *p; p++) {
        if (!strncmp(p, "UID:", 4)) {
            while (*p != '\n')
                p++;
            continue;
        }
        sb_putc(&b, *p);
    }
    write_file(ics, b.s);
    CU_ASSERT(sc_check_outputs(src, out, 0, 0, 1, &rep) > 0);
    sb_free(&b);
    write_file(ics, good_ics);
    CU_ASSERT_EQUAL(sc_check_outputs(src, out, 0, 0, 1, &rep), 0);
    /* a wrong objective in schedule.json */
    char *js = path_join(out, "schedule.json");
    char *jt = read_file(js, NULL);
    char *at = strstr(jt, "\"panel_gaps\": 1");
    CU_ASSERT_PTR_NOT_NULL_FATAL(at);
    at[14] = '0';
    write_file(js, jt);
    CU_ASSERT(sc_check_outputs(src, out, 0, 0, 1, &rep) > 0);
    free(jt);
    free(js);
    free(good_csv);
    free(good_ics);
    free(csv);
    free(ics);
    cohort_schedule_result_free(r);
    cohort_scenario_free(s);
    remove_tree(tmp);
    free(tmp);
    free(out);
    free(src);
}

int main(void)
{
    static const test_case cases[] = {{"days before gaps", test_days_before_gaps},
                                      {"buffer", test_buffer},
                                      {"overlapping slots", test_overlapping_slots},
                                      {"gap definition", test_gap_definition},
                                      {"GLPK alone agrees", test_glpk_alone_agrees},
                                      {"300 interviews", test_300_interviews},
                                      {"the feasibility pump's passes as ticks", test_pump_passes},
                                      {"an interrupt ends the search as a time limit would", test_interrupt},
                                      {"infeasible: reasons", test_infeasible_reasons},
                                      {"infeasible: competing interviews", test_infeasible_hall},
                                      {"validation", test_validation},
                                      {"ics folding", test_ics_folding},
                                      {"ics escaping", test_ics_escaping},
                                      {"ics calendar", test_ics_calendar},
                                      {"checker catches broken schedules", test_checker_catches},
                                      {NULL, NULL}};
    return run_suite("schedule", cases);
}
