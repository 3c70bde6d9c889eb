/* testutil.c - process, file and folder helpers for the tests. */
#define _GNU_SOURCE
#include "testutil.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int run_suite(const char *suite, const test_case *cases)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = CU_add_suite(suite, NULL, NULL);
    for (const test_case *c = cases; c->name; c++)
        CU_add_test(s, c->name, c->fn);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}

char *path_join(const char *a, const char *b)
{
    char *p = malloc(strlen(a) + strlen(b) + 2);
    sprintf(p, "%s/%s", a, b);
    return p;
}

char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0, k;
    char *buf = malloc(cap);
    while ((k = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (n + 1 >= cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

int run_cohort_out(const char *const *args, char **out, char **err)
{
    char outpath[] = "/tmp/cohort-test-stdout-XXXXXX";
    char errpath[] = "/tmp/cohort-test-stderr-XXXXXX";
    int ofd = out ? mkstemp(outpath) : open("/dev/null", O_WRONLY);
    int fd = mkstemp(errpath);
    if (fd < 0 || ofd < 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(ofd, 1);
        dup2(fd, 2);
        int n = 0;
        while (args[n])
            n++;
        char **argv = calloc((size_t)n + 2, sizeof *argv);
        argv[0] = (char *)COHORT_BIN;
        for (int k = 0; k < n; k++)
            argv[k + 1] = (char *)args[k];
        execv(COHORT_BIN, argv);
        _exit(127);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    close(fd);
    close(ofd);
    if (out) {
        *out = read_file(outpath, NULL);
        unlink(outpath);
    }
    if (err)
        *err = read_file(errpath, NULL);
    unlink(errpath);
    if (WIFSIGNALED(st))
        return 128 + WTERMSIG(st);
    return WEXITSTATUS(st);
}

int run_cohort(const char *const *args, char **err)
{
    return run_cohort_out(args, NULL, err);
}

char *make_temp_dir(const char *tag)
{
    char *t = malloc(256);
    snprintf(t, 256, "/tmp/cohort-test-%s-XXXXXX", tag);
    if (!mkdtemp(t)) {
        free(t);
        return NULL;
    }
    return t;
}

void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (!d) {
        unlink(path);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *p = path_join(path, e->d_name);
        remove_tree(p);
        free(p);
    }
    closedir(d);
    rmdir(path);
}

int dir_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int dir_count(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

cJSON *read_json(const char *path)
{
    char *t = read_file(path, NULL);
    if (!t)
        return NULL;
    cJSON *j = cJSON_Parse(t);
    free(t);
    return j;
}

char *copy_scenario(const char *src, const char *tag)
{
    char *dst = make_temp_dir(tag);
    DIR *d = opendir(src);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *a = path_join(src, e->d_name), *b = path_join(dst, e->d_name);
        size_t n;
        char *t = read_file(a, &n);
        if (t) {
            FILE *f = fopen(b, "wb");
            fwrite(t, 1, n, f);
            fclose(f);
            free(t);
        }
        free(a);
        free(b);
    }
    if (d)
        closedir(d);
    return dst;
}

int test_failures;

int test_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int test_list_dir(const char *dir, char **names, int max, int all)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)) && n < max) {
        const char *x = e->d_name;
        if (!strcmp(x, ".") || !strcmp(x, "..") || (!all && (x[0] == '.' || !strcmp(x, "README.md"))))
            continue;
        names[n++] = strdup(x);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, test_cmp_str);
    return n;
}
