/* cmd_export.c - `cohort export-gmpl` and `cohort export-model`. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

typedef int (*export_fn)(const cohort_scenario *, const char *, int, cohort_diag *);

/* `plain` is -1 where the command has no --plain option. */
static int run(int argc, char **argv, const char *name, const char *help, export_fn fn, int plain)
{
    const char *scenario = NULL, *file = NULL;
    for (int k = 1; k < argc; k++) {
        if (cli_is_help(argv[k])) {
            fputs(help, stdout);
            return 0;
        } else if (plain >= 0 && !strcmp(argv[k], "--plain")) {
            plain = 1;
        } else if (argv[k][0] == '-' && argv[k][1]) {
            return cli_usage_error(name, "unknown option '%s'", argv[k]);
        } else if (!scenario) {
            scenario = argv[k];
        } else if (!file) {
            file = argv[k];
        } else {
            return cli_usage_error(name, "unexpected argument '%s'", argv[k]);
        }
    }
    if (!scenario || !file)
        return cli_usage_error(name, "expected SCENARIO and FILE");
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_scenario *s = NULL;
    int rc = cohort_scenario_load(scenario, &s, &d);
    if (rc == COHORT_OK)
        rc = fn(s, file, plain > 0, &d);
    cli_print_diag(&d);
    cohort_diag_clear(&d);
    cohort_scenario_free(s);
    return rc == COHORT_OK ? 0 : EXIT_USAGE;
}

static int export_gmpl(const cohort_scenario *s, const char *file, int plain, cohort_diag *d)
{
    (void)plain;
    return cohort_export_gmpl(s, file, d);
}

int cmd_export_gmpl(int argc, char **argv)
{
    static const char help[] =
        "usage: cohort export-gmpl SCENARIO FILE.dat\n\n"
        "Writes the data section of SCENARIO for the readable model models/cohort.mod:\n"
        "  glpsol -m models/cohort.mod -d FILE.dat\n"
        "solves the same lexicographic optimum as `cohort solve` (weights included).\n";
    return run(argc, argv, "export-gmpl", help, export_gmpl, -1);
}

int cmd_export_model(int argc, char **argv)
{
    static const char help[] =
        "usage: cohort export-model SCENARIO FILE.lp|FILE.mps [--plain]\n\n"
        "Writes the MILP that `cohort solve` builds (same rows, same weighted\n"
        "lexicographic objective), in CPLEX LP format for a .lp file or free MPS\n"
        "for a .mps file, e.g. for COIN-OR CBC: cbc FILE.lp solve solu out.txt\n\n"
        "  --plain   the model of CONTRACT.md section 2 as written instead: money\n"
        "            rows in cents and none of the implied rows that tighten the\n"
        "            relaxation (same integer optimum, a weaker relaxation)\n";
    return run(argc, argv, "export-model", help, cohort_export_model, 0);
}
