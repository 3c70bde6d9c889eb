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
int cli_parse_seconds(const char *s, double *out);
int cli_is_help(const char *arg);

#endif
