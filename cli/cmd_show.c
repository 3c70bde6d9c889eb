/* cmd_show.c - `cohort show --db FILE RUN [--json]`: one recorded run. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char HELP[] =
    "usage: cohort show --db FILE RUN [--json]\n"
    "\n"
    "Shows the run RUN (an id listed by cohort runs, or last) of the store FILE:\n"
    "when and from what it was made, status, objective per level, money totals,\n"
    "options, timings, the size of its scenario, every scenario parameter, the\n"
    "teams, the unstaffed challenges and the money per host.\n"
    "\n"
    "options:\n"
    "  --db FILE   the store (required)\n"
    "  --json      the same as one JSON object\n"
    "  --help      this text\n"
    "\n"
    "exit status: 0 shown; 2 bad usage, not a store or no such run.\n";

int cmd_show(int argc, char **argv)
{
    const char *db = NULL, *run = NULL;
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
            return cli_usage_error("show", "unknown option or missing value: '%s'", a);
        } else if (!run) {
            run = a;
        } else {
            return cli_usage_error("show", "unexpected argument '%s'", a);
        }
    }
    if (!db)
        return cli_usage_error("show", "missing --db FILE");
    if (!run)
        return cli_usage_error("show", "missing RUN (a run id listed by cohort runs, or last)");
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_store *st = NULL;
    char *text = NULL;
    int rc = cohort_store_open(db, 0, &st, &d);
    if (rc == COHORT_OK)
        rc = cohort_store_show(st, run, json, &text, &d);
    cli_print_diag(&d);
    if (text)
        fputs(text, stdout);
    free(text);
    cohort_store_close(st);
    cohort_diag_clear(&d);
    return rc == COHORT_OK ? 0 : EXIT_USAGE;
}
