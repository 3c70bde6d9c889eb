/* cmd_explain.c - `cohort explain SCENARIO --out DIR CANDIDATE_OR_CHALLENGE`:
 * the report's explanations, in the terminal. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char HELP[] =
    "usage: cohort explain SCENARIO --out DIR CANDIDATE_OR_CHALLENGE [options]\n"
    "\n"
    "Explains the cohort of SCENARIO as report.html does. For a candidate id:\n"
    "where they are, and why they are not on each other challenge they applied\n"
    "to. For a challenge id: its team, and why each other applicant is not on it.\n"
    "\n"
    "The cohort is the one in DIR/cohort.json when an earlier `cohort solve\n"
    "SCENARIO --out DIR` wrote it from the same data (checked: rebuilding the\n"
    "file from SCENARIO must give the same bytes); otherwise SCENARIO is solved\n"
    "again, and a note on stderr says why (cohort.json's scenario_digest\n"
    "tells another envelope, budget or rank). Nothing is written.\n"
    "\n"
    "options:\n"
    "  --out DIR            the folder of an earlier solve (required)\n"
    "  --solve              solve again even when DIR/cohort.json matches\n"
    "  --time-limit SECS    time limit of that solve\n"
    "  --quiet              no notes on stderr\n"
    "  --help               this text\n"
    "\n"
    "exit status: 0 explained; 1 the scenario has no cohort (the conflicting\n"
    "rules are printed); 2 bad input or usage, or an unknown id.\n";

int cmd_explain(int argc, char **argv)
{
    const char *scenario = NULL, *out = NULL, *who = NULL;
    int force = 0, quiet = 0, positional_only = 0;
    cohort_solve_opts so;
    cohort_solve_opts_init(&so);
    for (int k = 1; k < argc; k++) {
        const char *a = argv[k];
        if (!positional_only && cli_is_help(a)) {
            fputs(HELP, stdout);
            return 0;
        } else if (!positional_only && !strcmp(a, "--")) {
            positional_only = 1;
        } else if (!positional_only && !strcmp(a, "--out") && k + 1 < argc) {
            out = argv[++k];
        } else if (!positional_only && !strcmp(a, "--solve")) {
            force = 1;
        } else if (!positional_only && !strcmp(a, "--time-limit") && k + 1 < argc) {
            if (cli_parse_seconds("explain", argv[++k], &so.time_limit) < 0)
                return EXIT_USAGE;
        } else if (!positional_only && (!strcmp(a, "--quiet") || !strcmp(a, "-q"))) {
            quiet = 1;
        } else if (!positional_only && a[0] == '-' && a[1]) {
            return cli_usage_error("explain", "unknown option or missing value: '%s' (an id "
                                   "that starts with '-' goes after --)", a);
        } else if (!scenario) {
            scenario = a;
        } else if (!who) {
            who = a;
        } else {
            return cli_usage_error("explain", "unexpected argument '%s'", a);
        }
    }
    int bad = cli_scenario_out("explain", scenario, out);
    if (bad)
        return bad;
    if (!who)
        return cli_usage_error("explain", "missing CANDIDATE_OR_CHALLENGE (an id)");

    int exit_code = EXIT_USAGE;
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_scenario *s = NULL;
    cohort_result *r = NULL;
    char *text = NULL;
    if (cohort_scenario_load(scenario, &s, &d) != COHORT_OK ||
        cohort_explain_text(s, NULL, who, NULL, &d) != COHORT_OK) {
        cli_print_diag(&d);
        goto done;
    }
    cli_print_diag(&d); /* warnings of the loader */
    cohort_diag_clear(&d);
    if (!force && cohort_result_load(s, out, &r, &d) == COHORT_OK) {
        if (!quiet)
            fprintf(stderr, "cohort: explaining the cohort of %s/cohort.json\n", out);
    } else {
        if (!quiet) {
            for (int k = 0; k < d.nerrors; k++)
                fprintf(stderr, "cohort: note: %s\n", d.errors[k]);
            fprintf(stderr, "cohort: solving %s (nothing is written)\n", scenario);
        }
        cohort_diag_clear(&d);
        int rc = cohort_solve(s, &so, &r, &d);
        if (rc != COHORT_OK && rc != COHORT_INFEASIBLE) {
            cli_print_diag(&d);
            exit_code = EXIT_INFEASIBLE;
            goto done;
        }
    }
    if (cohort_explain_text(s, r, who, &text, &d) != COHORT_OK) {
        cli_print_diag(&d);
        goto done;
    }
    /* names come from the input: no control character reaches the terminal */
    for (unsigned char *c = (unsigned char *)text; *c; c++) {
        if ((*c < 0x20 && *c != '\n') || *c == 0x7f)
            *c = '?';
        else if (*c == 0xc2 && c[1] >= 0x80 && c[1] <= 0x9f) /* C1 controls, U+0080-U+009F */
            c[0] = c[1] = '?';
    }
    fputs(text, stdout);
    exit_code = strcmp(cohort_result_status(r), "optimal") && strcmp(cohort_result_status(r),
                                                                      "feasible")
                    ? EXIT_INFEASIBLE
                    : EXIT_SOLVED;
done:
    free(text);
    cohort_result_free(r);
    cohort_scenario_free(s);
    cohort_diag_clear(&d);
    return exit_code;
}
