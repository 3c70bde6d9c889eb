/* main.c - entry point of the `cohort` command: dispatches subcommands. */
#include "cli.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const command COMMANDS[] = {
    {"solve", cmd_solve, "assemble the cohort of a scenario (teams, money, report)"},
    {"export-gmpl", cmd_export_gmpl, "write the GMPL data of a scenario for models/cohort.mod"},
    {"export-model", cmd_export_model, "write the MILP of a scenario as .lp or .mps"},
    {"explain", cmd_explain, "why a candidate is not on a team, or who a team left out"},
    {"sweep", cmd_sweep, "solve a scenario for a range of values of one or two parameters"},
    {"runs", cmd_runs, "list the runs recorded in a store (solve --db)"},
    {"show", cmd_show, "show one recorded run"},
    {"compare", cmd_compare, "compare two recorded runs: who moved, objective, money"},
    {"replay", cmd_replay, "write a recorded run's scenario and outputs back"},
    {"schedule", cmd_schedule, "schedule the jury interviews of the shortlist"},
};
#define NCOMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

static void usage(FILE *f)
{
    fprintf(f, "cohort %s - matching engine for a programme's yearly promotion\n\n"
               "usage: cohort COMMAND [OPTIONS]   (cohort COMMAND --help for its options)\n\n"
               "commands:\n", COHORT_VERSION);
    for (size_t k = 0; k < NCOMMANDS; k++)
        fprintf(f, "  %-14s %s\n", COMMANDS[k].name, COMMANDS[k].summary);
    fprintf(f, "\nexit status: 0 a cohort was written, 1 the scenario is infeasible (or no\n"
               "cohort within the time limit), 2 bad input or usage.\n");
}

void cli_print_diag(const cohort_diag *d)
{
    for (int k = 0; k < d->nwarnings; k++)
        fprintf(stderr, "warning: %s\n", d->warnings[k]);
    if (d->warnings_dropped)
        fprintf(stderr, "warning: ... and %d more warnings\n", d->warnings_dropped);
    for (int k = 0; k < d->nerrors; k++)
        fprintf(stderr, "%s\n", d->errors[k]);
    if (d->errors_dropped)
        fprintf(stderr, "... and %d more errors\n", d->errors_dropped);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "cohort %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (see cohort %s --help)\n", cmd);
    return EXIT_USAGE;
}

int cli_operand(const char *cmd, const char *a, const char **scenario)
{
    if (a[0] == '-' && a[1])
        return cli_usage_error(cmd, "unknown option or missing value: '%s'", a);
    if (*scenario)
        return cli_usage_error(cmd, "unexpected argument '%s'", a);
    *scenario = a;
    return 0;
}

int cli_scenario_out(const char *cmd, const char *scenario, const char *out)
{
    if (!scenario)
        return cli_usage_error(cmd, "missing SCENARIO (a folder or a JSON file)");
    if (!out)
        return cli_usage_error(cmd, "missing --out DIR");
    return 0;
}

int cli_parse_seconds(const char *cmd, const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v > 0) || v > MAX_SECONDS) {
        cli_usage_error(cmd, "--time-limit '%s': expected a number of seconds above 0, at "
                        "most %d (115 days)", s, MAX_SECONDS);
        return -1;
    }
    *out = v;
    return 0;
}

int cli_is_help(const char *arg)
{
    return !strcmp(arg, "--help") || !strcmp(arg, "-h");
}

/* Ctrl-C (SIGINT) or SIGTERM during a solve or a schedule: the library
 * ends the run as its time limit would (cohort_interrupt()), the outputs
 * are written, and the command exits 128 + the signal's number. The
 * handler is reset by its first call, so a second Ctrl-C ends the process
 * at once; a signal ignored when the command starts stays ignored
 * (docs/decisions.md). */
static volatile sig_atomic_t caught_signal;

static void on_interrupt(int sig)
{
    caught_signal = sig;
    cohort_interrupt();
}

void cli_catch_interrupts(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    static const int sigs[] = {SIGINT, SIGTERM};
    for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++) {
        /* a signal the caller ignores stays ignored (a background job of a
           script, nohup) */
        struct sigaction was;
        if (sigaction(sigs[k], NULL, &was) == 0 && was.sa_handler != SIG_IGN)
            sigaction(sigs[k], &sa, NULL);
    }
}

int cli_interrupt_exit(void)
{
    return caught_signal ? 128 + caught_signal : 128 + SIGINT;
}

/* GLPK's branch-and-cut allocates and frees its node arrays over and over;
 * with glibc's defaults the top of the heap is given back to the system
 * after each free and faulted in again at the next node. Measured on a
 * 17 x 800 scenario whose `filled` level needs a 3 s search: 681,000 page
 * faults and 1.0 s of system time; with the heap kept (trim threshold
 * 256 MB, 1 MB of top padding, blocks up to 4 MB from the heap): 3,600 and
 * 0.01 s, 3.3 s -> 2.0 s end to end; the national benchmark's peak memory
 * 52 -> 66 MB (docs/model.md). A process setting, so the command makes it,
 * not the library. */
static void keep_heap(void)
{
#if defined(__GLIBC__)
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 1 << 20);
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
#endif
}

int main(int argc, char **argv)
{
    keep_heap();
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (cli_is_help(argv[1]) || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("cohort %s\n", COHORT_VERSION);
        return 0;
    }
    for (size_t k = 0; k < NCOMMANDS; k++)
        if (!strcmp(argv[1], COMMANDS[k].name))
            return COMMANDS[k].run(argc - 1, argv + 1);
    fprintf(stderr, "cohort: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
