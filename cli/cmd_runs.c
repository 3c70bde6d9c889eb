/* cmd_runs.c - `cohort runs --db FILE [--json]`: the runs recorded in a store. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char HELP[] =
    "usage: cohort runs --db FILE [--json]\n"
    "\n"
    "Lists the runs recorded in the store FILE (by cohort solve --db or cohort\n"
    "sweep --db), oldest first: id, creation time (UTC), status, objective,\n"
    "programme share, scenario name and label.\n"
    "\n"
    "options:\n"
    "  --db FILE   the store (required)\n"
    "  --json      a JSON array of objects with id, name, label, status,\n"
    "              objective, created, source, command, engine_version, totals\n"
    "  --help      this text\n"
    "\n"
    "exit status: 0 listed; 2 bad usage or not a store.\n";

int cmd_runs(int argc, char **argv)
{
    const char *db = NULL;
    int json = 0;
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
            return cli_usage_error("runs", "unknown option or missing value: '%s'", a);
        } else {
            return cli_usage_error("runs", "unexpected argument '%s'", a);
        }
    }
    if (!db)
        return cli_usage_error("runs", "missing --db FILE");
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_store *st = NULL;
    char *text = NULL;
    int rc = cohort_store_open(db, 0, &st, &d);
    if (rc == COHORT_OK)
        rc = cohort_store_runs(st, json, &text, &d);
    cli_print_diag(&d);
    if (text)
        fputs(text, stdout);
    free(text);
    cohort_store_close(st);
    cohort_diag_clear(&d);
    return rc == COHORT_OK ? 0 : EXIT_USAGE;
}
