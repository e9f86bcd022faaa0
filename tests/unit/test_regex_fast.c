/* SPDX-License-Identifier: MIT */
/* The simple-pattern matcher gives PCRE2's answer: which patterns it takes,
 * and random patterns and subjects compared with the PCRE2 interpreter. */
#include "testutil.h"
#include "schema/regex.h"
#include "schema/regex_fast.h"

#include <stdlib.h>
#include <string.h>

static int fast_ok(const char *pattern)
{
    pledge_regex_fast f;
    return pledge__regex_fast_compile(&f, pattern, strlen(pattern));
}

START_TEST(takes_simple_patterns_only)
{
    static const char *const simple[] = {
        "^[a-z0-9][a-z0-9-]*$", "^x-", "^[a-z]{2,3}$", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "^\\+?[0-9][0-9 ()-]{4,}$", "abc", "", "^$", "\\d+\\.\\w?", "[_a-z]{0,}",
    };
    static const char *const complex[] = {
        "a|b", "(ab)+", "^.$", "[^a]", "\\s", "å", "a+?", "\\bx", "[\\s]", "a{70}",
    };
    size_t i;
    for (i = 0; i < sizeof simple / sizeof simple[0]; i++)
        ck_assert_msg(fast_ok(simple[i]), "%s should be simple", simple[i]);
    for (i = 0; i < sizeof complex / sizeof complex[0]; i++)
        ck_assert_msg(!fast_ok(complex[i]), "%s should go to PCRE2", complex[i]);
}
END_TEST

START_TEST(first_byte_rejects)
{
    pledge_regex_fast f;
    ck_assert(pledge__regex_fast_compile(&f, "^x-", 3));
    ck_assert(pledge__regex_fast_rejects(&f, "ab", 2));
    ck_assert(pledge__regex_fast_rejects(&f, "", 0));
    ck_assert(pledge__regex_fast_rejects(&f, "\xc3\xa5", 2));
    ck_assert(!pledge__regex_fast_rejects(&f, "x", 1)); /* the search says no */
    ck_assert(pledge__regex_fast_compile(&f, "^[a-z0-9][a-z0-9-]*$", 20));
    ck_assert(pledge__regex_fast_rejects(&f, "-a", 2));
    ck_assert(!pledge__regex_fast_rejects(&f, "9a", 2));
    /* an empty match possible, or no ^: the first byte decides nothing */
    ck_assert(pledge__regex_fast_compile(&f, "^a*", 3));
    ck_assert(!pledge__regex_fast_rejects(&f, "b", 1));
    ck_assert(!pledge__regex_fast_rejects(&f, "", 0));
    ck_assert(pledge__regex_fast_compile(&f, "x-", 2));
    ck_assert(!pledge__regex_fast_rejects(&f, "ab", 2));
}
END_TEST

static const char *const atoms[] = {
    "a", "b", "-", "[ab]", "[a-c]", "\\d", "\\w", "[0-9-]", "\\.", "x", "[b-]",
};
static const char *const quants[] = { "", "", "*", "+", "?", "{2}", "{1,3}", "{0,}", "{2,}" };
static const char alphabet[] = "abcx-.09_\xc3\xa5";

/* @p pattern, taken by the simple matcher, gives PCRE2's answer on
 * @p subject, and its first-byte test never rejects a subject it matches. */
static void agrees(const char *pattern, const char *subject, size_t len)
{
    pledge_regex *re = NULL;
    char err[128];
    ck_assert_int_eq(pledge__regex_compile(&re, pattern, strlen(pattern), NULL, err, sizeof err),
                     0);
    ck_assert_msg(fast_ok(pattern), "%s", pattern);
    ck_assert_msg(pledge__regex_search(re, subject, len) ==
                      pledge__regex_search_interpreted(re, subject, len),
                  "pattern %s subject \"%s\"", pattern, subject);
    ck_assert_ptr_nonnull(pledge__regex_fast_part(re));
    ck_assert_msg(!pledge__regex_fast_rejects(pledge__regex_fast_part(re), subject, len) ||
                      pledge__regex_search_interpreted(re, subject, len) == 0,
                  "pattern %s rejects subject \"%s\"", pattern, subject);
    pledge__regex_free(re);
}

START_TEST(agrees_with_pcre2)
{
    size_t round, checked = 0;
    srand(12345);
    for (round = 0; round < 3000; round++) {
        char pattern[128] = "", subject[32];
        size_t n = (size_t)rand() % 5, k, len = (size_t)rand() % 12;
        if (rand() % 2)
            strcat(pattern, "^");
        for (k = 0; k < n; k++) {
            strcat(pattern, atoms[rand() % (int)(sizeof atoms / sizeof atoms[0])]);
            strcat(pattern, quants[rand() % (int)(sizeof quants / sizeof quants[0])]);
        }
        if (rand() % 2)
            strcat(pattern, "$");
        for (k = 0; k < len; k++) {
            char c = alphabet[rand() % (int)(sizeof alphabet - 3)];
            subject[k] = c;
        }
        if (len && rand() % 4 == 0 && len + 2 <= sizeof subject - 1) {
            subject[len++] = '\xc3'; /* an å: not ASCII, matched by nothing */
            subject[len++] = '\xa5';
        }
        subject[len] = '\0';
        agrees(pattern, subject, len);
        checked++;
    }
    ck_assert_uint_eq(checked, 3000);
}
END_TEST

/* Subjects made of runs of one character, up to 30 bytes: the matcher
 * skips a run that leaves its state unchanged in a loop of its own. */
START_TEST(agrees_on_runs)
{
    static const char *const patterns[] = {
        "^[a-z0-9][a-z0-9-]*$", "^[a-z]{2,3}$", "^x-", "[0-9]+-", "a*b*$", "^a+b?a*$",
        "[ab]*c", "^\\w*\\.?\\d{2,}$", "b+", "^-*[a-c]+-{2}$",
    };
    size_t round;
    srand(54321);
    for (round = 0; round < 4000; round++) {
        const char *pattern = patterns[rand() % (int)(sizeof patterns / sizeof patterns[0])];
        char subject[32];
        size_t len = 0, runs = (size_t)rand() % 4, k;
        for (k = 0; k < runs; k++) {
            char c = alphabet[rand() % (int)(sizeof alphabet - 3)]; /* ASCII */
            size_t n = 1 + (size_t)rand() % 9;
            while (n-- && len < sizeof subject - 2)
                subject[len++] = c;
        }
        subject[len] = '\0';
        agrees(pattern, subject, len);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("regex_fast");
    TCase *tc = tcase_create("regex_fast");
    tcase_add_test(tc, takes_simple_patterns_only);
    tcase_add_test(tc, agrees_with_pcre2);
    tcase_add_test(tc, agrees_on_runs);
    tcase_add_test(tc, first_byte_rejects);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return test_run(s) ? 1 : 0;
}
