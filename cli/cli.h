/* cli.h - the `cohort` command: one file per subcommand (cmd_*.c), dispatched
 * from the table in main.c. Only the CLI prints and chooses exit codes. */
#ifndef COHORT_CLI_H
#define COHORT_CLI_H

#include "cohort.h"

/* exit codes (CONTRACT.md section 3) */
enum { EXIT_SOLVED = 0, EXIT_INFEASIBLE = 1, EXIT_USAGE = 2 };

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

int cmd_solve(int argc, char **argv);
int cmd_export_gmpl(int argc, char **argv);
int cmd_export_model(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_runs(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_replay(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_schedule(int argc, char **argv);

/* shared helpers (main.c) */
void cli_print_diag(const cohort_diag *d);
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* --time-limit's value: seconds above 0, at most MAX_SECONDS; -1 after the
 * usage message otherwise */
enum { MAX_SECONDS = 10000000 };
int cli_parse_seconds(const char *cmd, const char *s, double *out);
int cli_is_help(const char *arg);
/* Ctrl-C and SIGTERM stop the run as its time limit would (main.c). */
void cli_catch_interrupts(void);
/* The exit status of an interrupted run: 128 + the signal's number. */
int cli_interrupt_exit(void);
/* An argument of cmd that no option took: the scenario the first time, an
 * unknown option or a second operand a usage error. Returns 0 when taken,
 * else the usage error's exit status. */
int cli_operand(const char *cmd, const char *a, const char **scenario);
/* 0 when both SCENARIO and --out DIR were given, else the usage error's
 * exit status (the scenario's first). */
int cli_scenario_out(const char *cmd, const char *scenario, const char *out);

/* runs, show and compare (store_query.c) */
typedef struct store_query {
    const char *db;
    const char *run[2];
    int nrun, json;
} store_query;
typedef int (*store_listing)(cohort_store *st, const store_query *q, char **text,
                             cohort_diag *d);
/* Reads --db FILE, --json, --help and up to max_runs RUN ids into q.
 * Returns -1 when the command goes on, else its exit status (help shown,
 * or a usage error printed). */
int cli_store_args(int argc, char **argv, const char *name, const char *help, int max_runs,
                   store_query *q);
/* Opens the store read-only, prints what list writes; the exit status. */
int cli_store_print(const store_query *q, store_listing list);

#endif
