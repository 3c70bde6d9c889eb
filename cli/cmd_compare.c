/* cmd_compare.c - `cohort compare --db FILE RUN_A RUN_B [--json]`. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char HELP[] =
    "usage: cohort compare --db FILE RUN_A RUN_B [--json]\n"
    "\n"
    "Compares two runs of the store FILE (ids listed by cohort runs, or last):\n"
    "the scenario parameters that differ, the objective per level, the money\n"
    "totals, who moved (joined a team, left one, changed team), the challenges\n"
    "newly staffed or unstaffed, and the money per host. Changes are B - A.\n"
    "\n"
    "options:\n"
    "  --db FILE   the store (required)\n"
    "  --json      one JSON object: moved [{candidate, from, to, change}] (from/to\n"
    "              null when not assigned), joined, left, changed_team,\n"
    "              newly_staffed, newly_unstaffed, objective_delta, totals_delta,\n"
    "              hosts_delta, params_changed, and a/b summaries\n"
    "  --help      this text\n"
    "\n"
    "exit status: 0 compared; 2 bad usage, not a store or no such run.\n";

int cmd_compare(int argc, char **argv)
{
    const char *db = NULL, *run[2] = {NULL, NULL};
    int json = 0, nrun = 0;
    for (int k = 1; k < argc; k++) {
        const char *a = argv[k];
        if (cli_is_help(a)) {
            fputs(HELP, stdout);
            return 0;
        } else if (!strcmp(a, "--db") && k + 1 < argc) {
            db = argv[++k];
        } else if (!strcmp(a, "--json")) {
            json = 1;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("compare", "unknown option or missing value: '%s'", a);
        } else if (nrun < 2) {
            run[nrun++] = a;
        } else {
            return cli_usage_error("compare", "unexpected argument '%s'", a);
        }
    }
    if (!db)
        return cli_usage_error("compare", "missing --db FILE");
    if (nrun < 2)
        return cli_usage_error("compare", "expected two runs RUN_A RUN_B (ids listed by "
                                          "cohort runs)");
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_store *st = NULL;
    char *text = NULL;
    int rc = cohort_store_open(db, 0, &st, &d);
    if (rc == COHORT_OK)
        rc = cohort_store_compare(st, run[0], run[1], json, &text, &d);
    cli_print_diag(&d);
    if (text)
        fputs(text, stdout);
    free(text);
    cohort_store_close(st);
    cohort_diag_clear(&d);
    return rc == COHORT_OK ? 0 : EXIT_USAGE;
}
