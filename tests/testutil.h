/* testutil.h - helpers shared by the CUnit test programs. */
#ifndef COHORT_TESTUTIL_H
#define COHORT_TESTUTIL_H

#include <CUnit/Basic.h>
#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdio.h>

/* The example promotion of the README (data/eig5). */
#define EIG5 SOURCE_DIR "/data/eig5"

/* The end-to-end programs' soft checks: a failed one prints the case's name
 * (a variable `name` where it is used) and the message, and is counted in
 * test_failures, which each case compares before and after. */
extern int test_failures;
#define EXPECT(cond, ...)                                                                      \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            printf("\n  %s: ", name);                                                          \
            printf(__VA_ARGS__);                                                               \
            test_failures++;                                                                   \
        }                                                                                      \
    } while (0)
/* strcmp() for qsort() on an array of strings. */
int test_cmp_str(const void *a, const void *b);
/* The entries of directory dir, sorted, into names (at most max; the caller
 * frees each): with all 0, none hidden and no README.md; with all 1, every
 * one but . and ... Returns how many, -1 when dir cannot be read. */
int test_list_dir(const char *dir, char **names, int max, int all);

/* Runs the suite table and returns the process exit status (0 = all passed). */
typedef struct test_case {
    const char *name;
    void (*fn)(void);
} test_case;
int run_suite(const char *suite, const test_case *cases);

/* Runs `cohort ARGS...` (argv NULL-terminated, without the program name);
 * captures stderr into *err (may be NULL). Returns the exit status. */
int run_cohort(const char *const *args, char **err);
/* The same, with stdout captured into *out as well (may be NULL). */
int run_cohort_out(const char *const *args, char **out, char **err);
/* Reads a whole file; NULL when absent. *len may be NULL. */
char *read_file(const char *path, size_t *len);
int write_file(const char *path, const char *text);
/* A fresh empty directory under the build's temporary area. */
char *make_temp_dir(const char *tag);
/* Removes a directory tree (only what tests created). */
void remove_tree(const char *path);
/* 1 when the directory exists. */
int dir_exists(const char *path);
/* Number of entries in a directory (without . and ..), -1 when absent. */
int dir_count(const char *path);
cJSON *read_json(const char *path);
/* Copies a scenario folder (flat) into a new temporary one. */
char *copy_scenario(const char *src, const char *tag);
char *path_join(const char *a, const char *b);

#endif
