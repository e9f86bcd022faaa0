/* SPDX-License-Identifier: MIT */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Each block carries its size in front so that realloc can be counted. */
static void *ta_malloc(size_t size, void *ud)
{
    test_alloc *ta = ud;
    void *p;
    ta->calls++;
    if (ta->fail_at && ta->calls == ta->fail_at) {
        ta->failed = 1;
        return NULL;
    }
    p = malloc(size);
    if (p)
        ta->live++;
    return p;
}

static void *ta_realloc(void *ptr, size_t size, void *ud)
{
    test_alloc *ta = ud;
    void *p;
    if (!ptr)
        return ta_malloc(size, ud);
    ta->calls++;
    if (ta->fail_at && ta->calls == ta->fail_at) {
        ta->failed = 1;
        return NULL;
    }
    p = realloc(ptr, size);
    return p;
}

static void ta_free(void *ptr, void *ud)
{
    test_alloc *ta = ud;
    if (!ptr)
        return;
    ta->live--;
    free(ptr);
}

void test_alloc_init(test_alloc *ta, size_t fail_at)
{
    memset(ta, 0, sizeof *ta);
    ta->hook.malloc = ta_malloc;
    ta->hook.realloc = ta_realloc;
    ta->hook.free = ta_free;
    ta->hook.ud = ta;
    ta->fail_at = fail_at;
}

char *test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    ck_assert(buf != NULL);
    ck_assert(fread(buf, 1, (size_t)n, f) == (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

char *test_diags_text(const pledge_diag_list *diags)
{
    size_t i, cap = 1, len = 0;
    char *out;
    for (i = 0; i < pledge_diag_list_count(diags); i++) {
        const pledge_diag *d = pledge_diag_list_at(diags, i);
        cap += strlen(d->message) + strlen(d->code) + 64;
    }
    out = malloc(cap);
    ck_assert(out != NULL);
    out[0] = '\0';
    for (i = 0; i < pledge_diag_list_count(diags); i++) {
        const pledge_diag *d = pledge_diag_list_at(diags, i);
        len += (size_t)snprintf(out + len, cap - len, "%zu:%zu %s %s\n", d->line, d->column,
                                d->code, d->message);
    }
    return out;
}

int test_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed;
}

double test_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
