/* store_query.c - what `cohort runs`, `show` and `compare` share: the
 * arguments --db FILE, --json, --help and RUN ids, then the store opened
 * read-only and one listing printed. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_store_args(int argc, char **argv, const char *name, const char *help, int max_runs,
                   store_query *q)
{
    memset(q, 0, sizeof *q);
    for (int k = 1; k < argc; k++) {
        const char *a = argv[k];
        if (cli_is_help(a)) {
            fputs(help, stdout);
            return 0;
        } else if (!strcmp(a, "--db") && k + 1 < argc) {
            q->db = argv[++k];
        } else if (!strcmp(a, "--json")) {
            q->json = 1;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error(name, "unknown option or missing value: '%s'", a);
        } else if (q->nrun < max_runs) {
            q->run[q->nrun++] = a;
        } else {
            return cli_usage_error(name, "unexpected argument '%s'", a);
        }
    }
    if (!q->db)
        return cli_usage_error(name, "missing --db FILE");
    return -1;
}

int cli_store_print(const store_query *q, store_listing list)
{
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_store *st = NULL;
    char *text = NULL;
    int rc = cohort_store_open(q->db, 0, &st, &d);
    if (rc == COHORT_OK)
        rc = list(st, q, &text, &d);
    cli_print_diag(&d);
    if (text)
        fputs(text, stdout);
    free(text);
    cohort_store_close(st);
    cohort_diag_clear(&d);
    return rc == COHORT_OK ? 0 : EXIT_USAGE;
}
