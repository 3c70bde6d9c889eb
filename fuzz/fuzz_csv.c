/* fuzz_csv.c - libFuzzer entry point on the CSV reader and the validation
 * of a table (csv_parse() then instance_build()).
 *
 * The input is one CSV file. Its header decides which table of a small
 * valid scenario it replaces (a header with "who" is unavailable.csv, with
 * "day" slots.csv, with "candidate" preferences.csv, with "profile"
 * candidates.csv, with "host" challenges.csv, else hosts.csv), so that real
 * files make good seeds (tests/fuzz-corpus/csv/). Whatever the bytes, the
 * reader and the validation must return, with or without messages, and
 * free everything. A scenario that validates is also turned into its model
 * and a first cohort when it is small, since GLPK aborts on a bad model.
 * One input in seven (by its length) also leaves another table out, as a
 * folder without that file: a missing hosts.csv once crashed the loader.
 */
#include "internal.h"
#include "model.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const BASE[6] = {
    "id,name,kind,budget,self_financed\nH1,Ministère,state,,0\nH2,Ville,local,90000,0\n",
    "id,title,host,min_team,max_team,needs,must_staff\nD1,A,H1,2,3,developer:1-2,0\n"
    "D2,B,H2,,,designer:1,1\n",
    "id,name,profile,monthly_salary,gender\nP1,Karl,developer,3500,M\nP2,Léa,designer,,F\n"
    "P3,Mehdi,data_scientist,4000,M\nP4,Anaïs,developer,,F\n",
    "candidate,challenge,candidate_rank,jury_rank,shortlisted\nP1,D1,1,1,1\nP2,D1,1,2,0\n"
    "P3,D1,2,3,0\nP3,D2,1,1,0\nP4,D2,1,2,0\nP2,D2,2,1,0\n",
    "day,start,end\n2021-07-05,09:00,09:30\n",
    "who,id,day,start,end\ncandidate,P1,2021-07-05,,\n",
};

static int which_table(const char *text, size_t len)
{
    size_t n = 0;
    while (n < len && n < 4096 && text[n] != '\n' && text[n] != '\r')
        n++;
    char head[4097];
    memcpy(head, text, n);
    head[n] = '\0';
    if (strstr(head, "who"))
        return 5;
    if (strstr(head, "day"))
        return 4;
    if (strstr(head, "candidate"))
        return 3;
    if (strstr(head, "profile"))
        return 2;
    if (strstr(head, "host"))
        return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    static const char *const names[6] = {"hosts.csv", "challenges.csv", "candidates.csv",
                                         "preferences.csv", "slots.csv", "unavailable.csv"};
    int k = which_table(text, size);
    raw_scenario raw;
    memset(&raw, 0, sizeof raw);
    sm_init(&raw.jl);
    raw.jprefix = "";
    raw.base = xstrdup("fuzz");
    table *ts[6] = {&raw.hosts, &raw.challenges, &raw.candidates, &raw.preferences, &raw.slots,
                    &raw.unavailable};
    cohort_diag d;
    cohort_diag_init(&d);
    int bad = 0, absent = (int)(size % 7) - 1; /* -1: none; else a table, when not k */
    for (int t = 0; t < 6; t++) {
        table_init(ts[t], names[t]);
        if (t == k)
            bad |= csv_parse(text, size, names[t], ts[t], &d) < 0;
        else if (t != absent)
            csv_parse(BASE[t], strlen(BASE[t]), names[t], ts[t], &d);
    }
    /* the accessors on whatever was read */
    for (int r = 0; r < ts[k]->nrows; r++)
        for (int c = 0; c < ts[k]->ncols; c++)
            (void)table_cell(ts[k], r, c);
    cohort_scenario *s = NULL;
    int rc = instance_build(&raw, "fuzz", &s, &d);
    if (rc == COHORT_OK && !bad && s->npairs <= 40 && s->nchals <= 12) {
        int *assign = xmalloc(sizeof *assign * (size_t)(s->ncands ? s->ncands : 1));
        if (greedy_cohort(s, assign))
            check_cohort(s, assign, NULL, 0);
        free(assign);
        model_opts mo = {0, 1, 0};
        model_free(model_build(s, &mo));
    }
    cohort_scenario_free(s);
    raw_free(&raw);
    cohort_diag_clear(&d);
    return 0;
}
