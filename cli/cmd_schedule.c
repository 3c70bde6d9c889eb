/* cmd_schedule.c - `cohort schedule SCENARIO --out DIR`: the jury interviews. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char HELP[] =
    "usage: cohort schedule SCENARIO --out DIR [options]\n"
    "\n"
    "Places every shortlisted interview of SCENARIO (preferences.csv rows with\n"
    "shortlisted=1) in one slot of slots.csv, never while the candidate or the\n"
    "panel is unavailable (unavailable.csv), never two at once for a candidate or\n"
    "a panel. Among such schedules it takes the fewest candidate-days (distinct\n"
    "days each candidate must come), then the fewest panel gaps (empty slots\n"
    "between a panel's first and last interview of a day), proven optimal with\n"
    "GLPK. Writes DIR/schedule.csv, DIR/schedule.ics (a calendar to import),\n"
    "DIR/schedule.json and DIR/timetable.html (printable, per day and panel).\n"
    "Nothing under DIR is created or changed unless the whole run succeeds.\n"
    "\n"
    "options:\n"
    "  --out DIR            where to write the outputs (required)\n"
    "  --buffer MINUTES     free time a candidate keeps between two interviews of\n"
    "                       a day (default 0)\n"
    "  --max-per-day N      at most N interviews a day for each panel\n"
    "  --time-limit SECS    stop the search after SECS seconds and write the best\n"
    "                       schedule found, with status \"feasible\" and its gap\n"
    "  --quiet              no progress on stderr\n"
    "  --help               this text\n"
    "\n"
    "exit status: 0 a schedule was written (optimal or feasible); 1 the slots\n"
    "cannot hold every interview (schedule.json says which and why; the other\n"
    "files hold a partial schedule) or no schedule was found within the time\n"
    "limit; 2 bad input or usage (nothing written); 130 (143 for SIGTERM)\n"
    "interrupted by Ctrl-C, which ends the run as --time-limit would, the\n"
    "outputs written (a second Ctrl-C ends at once).\n";

typedef struct progress_state {
    int quiet;
} progress_state;

static void on_progress(const cohort_progress *p, void *user)
{
    progress_state *st = user;
    if (st->quiet || p->elapsed < 1.0 || !strcmp(p->phase, "done"))
        return;
    if (p->iterations > 0) /* GLPK's feasibility pump calls no callback: its passes */
        fprintf(stderr, "cohort: %6.1fs %-14s feasibility pump (pass %ld of at most 5)\n",
                p->elapsed, p->phase, p->iterations);
    else if (p->has_incumbent)
        fprintf(stderr, "cohort: %6.1fs %-14s incumbent %.0f bound %.0f\n", p->elapsed,
                p->phase, p->incumbent, p->bound);
    else
        fprintf(stderr, "cohort: %6.1fs %-14s no schedule yet\n", p->elapsed, p->phase);
}

static int parse_count(const char *s, int min, int max, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < min || v > max)
        return -1;
    *out = (int)v;
    return 0;
}

int cmd_schedule(int argc, char **argv)
{
    const char *scenario = NULL, *out = NULL;
    int bad; /* a usage error's exit status */
    cohort_schedule_opts so;
    cohort_schedule_opts_init(&so);
    progress_state ps = {0};
    for (int k = 1; k < argc; k++) {
        const char *a = argv[k];
        if (cli_is_help(a)) {
            fputs(HELP, stdout);
            return 0;
        } else if (!strcmp(a, "--out") && k + 1 < argc) {
            out = argv[++k];
        } else if (!strcmp(a, "--buffer") && k + 1 < argc) {
            if (parse_count(argv[++k], 0, 24 * 60, &so.buffer) < 0)
                return cli_usage_error("schedule", "--buffer '%s': expected a whole number of "
                                       "minutes from 0 to 1440", argv[k]);
        } else if (!strcmp(a, "--max-per-day") && k + 1 < argc) {
            if (parse_count(argv[++k], 1, 100000, &so.max_per_day) < 0)
                return cli_usage_error("schedule", "--max-per-day '%s': expected a whole "
                                       "number of interviews, 1 or more", argv[k]);
        } else if (!strcmp(a, "--time-limit") && k + 1 < argc) {
            if (cli_parse_seconds("schedule", argv[++k], &so.time_limit) < 0)
                return EXIT_USAGE;
        } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
            ps.quiet = 1;
        } else if ((bad = cli_operand("schedule", a, &scenario)) != 0) {
            return bad;
        }
    }
    if ((bad = cli_scenario_out("schedule", scenario, out)) != 0)
        return bad;
    so.progress = on_progress;
    so.progress_user = &ps;

    cohort_diag d;
    cohort_diag_init(&d);
    cohort_scenario *s = NULL;
    cli_catch_interrupts();
    int rc = cohort_scenario_load(scenario, &s, &d);
    if (rc != COHORT_OK) {
        cli_print_diag(&d);
        cohort_diag_clear(&d);
        return EXIT_USAGE;
    }
    cohort_schedule_result *r = NULL;
    rc = cohort_schedule(s, &so, &r, &d);
    int exit_code;
    if (rc == COHORT_OK || rc == COHORT_INFEASIBLE) {
        int wrc = cohort_write_schedule(s, r, out, &d);
        const char *st = cohort_schedule_status(r);
        /* an interrupt (Ctrl-C) ended the search before its proof */
        int stopped = cohort_schedule_interrupted(r);
        cli_print_diag(&d);
        if (wrc != COHORT_OK) {
            exit_code = EXIT_USAGE;
        } else if (rc == COHORT_INFEASIBLE) {
            fprintf(stderr, "cohort: the slots cannot hold every interview:\n");
            for (int k = 0; cohort_schedule_problem(r, k); k++)
                fprintf(stderr, "  %s\n", cohort_schedule_problem(r, k));
            fprintf(stderr, "cohort: details in %s/schedule.json (unplaced, problems); the "
                            "other files hold a partial schedule\n", out);
            exit_code = EXIT_INFEASIBLE;
        } else if (!strcmp(st, "unknown")) {
            fprintf(stderr, stopped ? "cohort: the run was interrupted before a schedule "
                                      "placing every interview was found\n"
                                    : "cohort: no schedule was found within the time limit; "
                                      "the slots may still hold every interview (raise "
                                      "--time-limit)\n");
            exit_code = EXIT_INFEASIBLE;
        } else {
            exit_code = EXIT_SOLVED;
        }
        if (stopped && wrc == COHORT_OK)
            exit_code = cli_interrupt_exit();
        if (!ps.quiet && wrc == COHORT_OK)
            fprintf(stderr, "cohort: %s%s, written to %s\n", stopped ? "interrupted: " : "", st,
                    out);
    } else {
        cli_print_diag(&d);
        exit_code = rc == COHORT_EINPUT ? EXIT_USAGE : EXIT_INFEASIBLE;
    }
    cohort_schedule_result_free(r);
    cohort_scenario_free(s);
    cohort_diag_clear(&d);
    return exit_code;
}
