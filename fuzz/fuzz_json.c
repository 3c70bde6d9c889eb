/* fuzz_json.c - libFuzzer entry point on the JSON loader and the validation
 * (json_parse_scenario_text() then instance_build()).
 *
 * The input is a scenario in the one-file JSON form (seeds in
 * tests/fuzz-corpus/json/). Whatever the bytes, the loader and the
 * validation must return, with or without messages, and free everything.
 * A scenario that validates is also turned into its model and a first
 * cohort when it is small, since GLPK aborts on a bad model.
 */
#include "internal.h"
#include "model.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    raw_scenario raw;
    cohort_diag d;
    cohort_diag_init(&d);
    int rc = json_parse_scenario_text((const char *)data, size, "fuzz.json", &raw, &d);
    if (raw.json_root) {
        cohort_scenario *s = NULL;
        int brc = instance_build(&raw, "fuzz.json", &s, &d);
        if (brc == COHORT_OK && rc == 0 && s->npairs <= 40 && s->nchals <= 12) {
            int *assign = xmalloc(sizeof *assign * (size_t)(s->ncands ? s->ncands : 1));
            if (greedy_cohort(s, assign))
                check_cohort(s, assign, NULL, 0);
            free(assign);
            model_opts mo = {0, 1, 0};
            model_free(model_build(s, &mo));
        }
        cohort_scenario_free(s);
    }
    raw_free(&raw);
    cohort_diag_clear(&d);
    return 0;
}
