/* SPDX-License-Identifier: MIT */
/* Every semantic rule of format.md with a passing and a failing document:
 * exact code, line and column. A '^' in a case marks where a diagnostic
 * must point (mt_expect removes it before reading). */
#include "mtest.h"

#include <stdlib.h>
#include <string.h>

#define HEAD "format: pledge/1\nid: p\ntitle: T\nlanguage: sv\n"
#define PARTIES                                                                      \
    "parties:\n"                                                                     \
    "  - id: kommun\n    name: Kommun\n    kind: municipality\n"                     \
    "  - id: polis\n    name: Polis\n    kind: police\n"
#define PERIOD "period:\n  start: 2024\n"
#define THEMES                                                                       \
    "themes:\n"                                                                      \
    "  - id: t\n    title: Tema\n    activities:\n"                                  \
    "      - id: a1\n        text: Ett.\n        responsible: [kommun, polis]\n"     \
    "      - id: a2\n        text: Två.\n        responsible: [kommun]\n"
#define GOALS                                                                        \
    "goals:\n"                                                                       \
    "  - id: g\n    text: Mål\n    indicators:\n"                                    \
    "      - id: i\n        text: Andel\n        unit: percent\n"                    \
    "        direction: increase\n"                                                  \
    "      - id: t\n        text: Bedömning\n        unit: text\n"
#define BASE HEAD PARTIES PERIOD THEMES GOALS

#define FU(pledge) "---\nformat: follow-up/1\npledge: " pledge "\ndate: 2025-02-01\n"
#define FU_PERIOD "period:\n  start: 2024-01-01\n  end: 2024-12-31\n"

#define CODES(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define NONE ((const char *const[]){ NULL })

#define DUP "pledge.duplicate-id"
#define REF "pledge.unknown-reference"
#define ORDER "pledge.period-order"

START_TEST(clean)
{
    mt_expect("base pledge", BASE, 0, NONE);
    mt_expect("base pledge and follow-up",
              BASE FU("p") FU_PERIOD "activities:\n  - {activity: a1, status: in_progress}\n"
                                     "indicators:\n  - {indicator: i, value: 50, date: "
                                     "2024-10-01}\n",
              PLEDGE_SET_RESOLVE, NONE);
}
END_TEST

START_TEST(duplicate_id)
{
    char *msg;
    mt_expect("party", HEAD PARTIES "  - id: ^kommun\n    name: K\n    kind: other\n" PERIOD
                  THEMES GOALS, 0, CODES(DUP));
    mt_expect("activity in another theme",
              HEAD PARTIES PERIOD THEMES "  - id: t2\n    title: Tema 2\n    activities:\n"
              "      - id: ^a1\n        text: Igen.\n        responsible: [polis]\n" GOALS,
              0, CODES(DUP));
    /* Namespaces are separate: a theme, an indicator and a goal may share
     * an id ("t" is both a theme and an indicator here). */
    mt_expect("theme", HEAD PARTIES PERIOD THEMES "  - id: ^t\n    title: X\n    activities:\n"
              "      - {id: a3, text: X, responsible: [kommun]}\n" GOALS,
              0, CODES(DUP));
    mt_expect("goal", BASE "  - id: ^g\n    text: X\n    indicators: [{id: i2, text: X, unit: "
                           "count, direction: increase}]\n",
              0, CODES(DUP));
    mt_expect("indicator in another goal",
              BASE "  - id: g2\n    text: X\n    indicators: [{id: ^i, text: X, unit: count, "
                   "direction: increase}]\n",
              0, CODES(DUP));
    mt_expect("source and problem",
              BASE "situation:\n  sources:\n    - {id: s, kind: other}\n    - {id: ^s, kind: "
                   "other}\n  problems:\n    - {id: pr, title: X}\n    - {id: ^pr, title: Z}\n",
              0, CODES(DUP, DUP));
    mt_expect("distinct ids", BASE "situation:\n  sources:\n    - {id: s, kind: other}\n"
                                   "    - {kind: other}\n    - {kind: other}\n",
              0, NONE);
    msg = mt_message(HEAD PARTIES PERIOD THEMES "  - id: t2\n    title: Tema 2\n    activities:\n"
                     "      - {id: a2, text: X, responsible: [kommun]}\n" GOALS,
                     0, DUP);
    ck_assert_str_eq(msg, "id \"a2\" is already used by the activity at line 21");
    free(msg);
}
END_TEST

START_TEST(unknown_reference)
{
    char *msg;
    mt_expect("responsible",
              HEAD PARTIES PERIOD "themes:\n  - id: t\n    title: T\n    activities:\n"
                                  "      - {id: a, text: X, responsible: [kommun, ^polisen]}\n"
                                  "      - {id: b, text: X, responsible: [polis]}\n" GOALS,
              0, CODES(REF));
    msg = mt_message(HEAD PARTIES PERIOD "themes:\n  - id: t\n    title: T\n    activities:\n"
                                         "      - {id: a, text: X, responsible: [kommun, "
                                         "polisen, polis]}\n" GOALS,
                     0, REF);
    ck_assert_str_eq(msg, "unknown party \"polisen\" in responsible; parties are: kommun, polis");
    free(msg);
    mt_expect("channel owner and contact party",
              BASE "channels:\n  - {kind: facebook, name: X, owner: ^kommunen}\n"
                   "  - {kind: facebook, name: Z, owner: polis}\n"
                   "contacts:\n  - {party: ^polise, phone: \"010-123 45\"}\n"
                   "  - {party: polis, phone: \"010-123 45\"}\n",
              0, CODES(REF, REF));
    mt_expect("addresses, goals and problem sources",
              HEAD PARTIES PERIOD
              "situation:\n  sources: [{id: enkat, kind: other}]\n"
              "  problems:\n    - {id: klotter, title: K, sources: [enkat, ^enkaten]}\n"
              "themes:\n  - id: t\n    title: T\n    activities:\n"
              "      - {id: a, text: X, responsible: [kommun, polis], addresses: [klotter, "
              "^klottret], goals: [^mal, g]}\n" GOALS,
              0, CODES(REF, REF, REF));
    mt_expect("resolved references", HEAD PARTIES PERIOD
              "situation:\n  sources: [{id: enkat, kind: other}]\n"
              "  problems:\n    - {id: klotter, title: K, sources: [enkat]}\n"
              "themes:\n  - id: t\n    title: T\n    activities:\n"
              "      - {id: a, text: X, responsible: [kommun, polis], addresses: [klotter], "
              "goals: [g]}\n" GOALS "channels:\n  - {kind: facebook, name: X, owner: polis}\n"
              "contacts:\n  - {party: kommun, email: a@example.org}\n",
              0, NONE);
    msg = mt_message(HEAD PARTIES PERIOD "themes:\n  - id: t\n    title: T\n    activities:\n"
                                         "      - {id: a, text: X, responsible: [kommun, "
                                         "polis], addresses: [x]}\n" GOALS,
                     0, REF);
    ck_assert_str_eq(msg, "unknown problem \"x\" in addresses; the situation lists no problems");
    free(msg);
}
END_TEST

START_TEST(period_order)
{
    char *msg;
    mt_expect("end before start",
              HEAD PARTIES "period:\n  start: 2024\n  end: ^2023\n" THEMES GOALS, 0, CODES(ORDER));
    msg = mt_message(HEAD PARTIES "period:\n  start: 2024\n  end: 2023\n" THEMES GOALS, 0,
                     ORDER);
    ck_assert_str_eq(msg, "period ends (2023) before it starts (2024)");
    free(msg);
    mt_expect("month before month",
              HEAD PARTIES "period:\n  start: 2024-06\n  end: ^2024-05\n" THEMES GOALS, 0,
              CODES(ORDER));
    /* A year as an end is its last day; as a start, its first. */
    mt_expect("same year", HEAD PARTIES "period:\n  start: 2024\n  end: 2024\n" THEMES GOALS, 0,
              NONE);
    mt_expect("month within year",
              HEAD PARTIES "period:\n  start: 2024-06\n  end: 2024\n" THEMES GOALS, 0, NONE);
    mt_expect("day in month",
              HEAD PARTIES "period:\n  start: \"2024-06-30\"\n  end: 2024-06\n" THEMES GOALS, 0,
              NONE);
    mt_expect("target date before baseline date",
              HEAD PARTIES PERIOD THEMES
              "goals:\n  - id: g\n    text: M\n    indicators:\n"
              "      - id: i\n        text: X\n        unit: count\n        direction: increase\n"
              "        baseline: {value: 1, date: 2024-06-01}\n"
              "        target: {value: 2, date: ^2024-05-31}\n",
              0, CODES(ORDER));
    mt_expect("equal baseline and target dates",
              HEAD PARTIES PERIOD THEMES
              "goals:\n  - id: g\n    text: M\n    indicators:\n"
              "      - id: i\n        text: X\n        unit: count\n        direction: increase\n"
              "        baseline: {value: 1, date: 2024-06-01}\n"
              "        target: {value: 2, date: 2024-06-01}\n",
              0, NONE);
}
END_TEST

#define INDICATOR(unit, dir, b, t)                                                   \
    HEAD PARTIES PERIOD THEMES "goals:\n  - id: g\n    text: M\n    indicators:\n"   \
                               "      - id: i\n        text: X\n        unit: " unit \
                               "\n        direction: " dir "\n"                      \
                               "        baseline: {value: " b ", date: 2023-10-31}\n" \
                               "        target: {value: " t ", date: 2026-10-31}\n"

START_TEST(direction)
{
    char *msg;
    mt_expect("increase, equal", INDICATOR("count", "increase", "10", "^10"), 0,
              CODES("pledge.direction"));
    mt_expect("increase, lower", INDICATOR("count", "increase", "10", "^9.5"), 0,
              CODES("pledge.direction"));
    mt_expect("increase, higher", INDICATOR("count", "increase", "10", "10.5"), 0, NONE);
    mt_expect("decrease, higher", INDICATOR("percent", "decrease", "34", "^40"), 0,
              CODES("pledge.direction"));
    mt_expect("decrease, lower", INDICATOR("percent", "decrease", "34", "30"), 0, NONE);
    mt_expect("maintain, equal", INDICATOR("index", "maintain", "3.5", "3.5"), 0, NONE);
    mt_expect("maintain, other", INDICATOR("index", "maintain", "3.5", "3.7"), 0, NONE);
    msg = mt_message(INDICATOR("percent", "decrease", "34", "40"), 0, "pledge.direction");
    ck_assert_str_eq(msg, "target 40 is not below the baseline 34, but the direction is decrease");
    free(msg);
}
END_TEST

START_TEST(percent_range)
{
    mt_expect("baseline below 0", INDICATOR("percent", "increase", "^-1", "50"), 0,
              CODES("pledge.percent-range"));
    mt_expect("target above 100", INDICATOR("percent", "increase", "50", "^100.5"), 0,
              CODES("pledge.percent-range"));
    mt_expect("0 and 100", INDICATOR("percent", "increase", "0", "100"), 0, NONE);
    mt_expect("a count above 100", INDICATOR("count", "increase", "50", "755"), 0, NONE);
    mt_expect("measurement above 100",
              BASE FU("p") FU_PERIOD "indicators:\n  - {indicator: i, value: ^101, date: "
                                     "2024-10-01}\n",
              0, CODES("pledge.percent-range"));
    mt_expect("measurement of 100", BASE FU("p") FU_PERIOD
              "indicators:\n  - {indicator: i, value: 100, date: 2024-10-01}\n",
              0, NONE);
}
END_TEST

START_TEST(missing_language)
{
    char *msg;
    mt_expect("title", "format: pledge/1\nid: p\ntitle:\n  ^se: T\n  en: T\nlanguage: sv\n"
                       PARTIES PERIOD THEMES GOALS,
              0, CODES("pledge.missing-language"));
    msg = mt_message("format: pledge/1\nid: p\ntitle:\n  se: T\n  en: T\nlanguage: sv\n"
                     PARTIES PERIOD THEMES GOALS, 0, "pledge.missing-language");
    ck_assert_str_eq(msg, "text has no \"sv\" entry, the document's language; it has: se, en");
    free(msg);
    mt_expect("nested text", HEAD PARTIES PERIOD
              "themes:\n  - id: t\n    title: T\n    activities:\n"
              "      - id: a\n        text: ^{en: X}\n        responsible: [kommun, polis]\n"
              "        target: {quantity: 1, unit: ^{en: u}}\n" GOALS,
              0, CODES("pledge.missing-language", "pledge.missing-language"));
    mt_expect("with the language", "format: pledge/1\nid: p\ntitle: {en: T, sv: T}\n"
                                   "language: sv\n" PARTIES PERIOD THEMES GOALS,
              0, NONE);
    /* A follow-up with its own language. */
    mt_expect("follow-up with language", BASE FU("p") "language: en\n" FU_PERIOD
              "summary: ^{sv: S}\n",
              0, CODES("pledge.missing-language"));
    /* Without a language of its own, a follow-up is in its pledge's: the
     * set checks its mappings once the pledge is known. */
    mt_expect("follow-up in the pledge's language", BASE FU("p") FU_PERIOD
              "activities:\n  - activity: a1\n    status: in_progress\n"
              "    comment:\n      ^en: C\n",
              0, CODES("pledge.missing-language"));
    mt_expect("follow-up in the pledge's language, present", BASE FU("p") FU_PERIOD
              "activities:\n  - activity: a1\n    status: in_progress\n"
              "    comment:\n      en: C\n      sv: K\n",
              0, NONE);
    /* A language that is no tag gets the schema's error only. */
    mt_expect("bad language", "format: pledge/1\nid: p\ntitle: {sv: T}\nlanguage: ^sv-SE\n"
                              PARTIES PERIOD THEMES GOALS,
              0, CODES("pattern"));
}
END_TEST

START_TEST(duplicate_pledge)
{
    char *msg;
    mt_expect("same id", BASE "---\nformat: pledge/1\nid: ^p\ntitle: T\nlanguage: sv\n" PARTIES
                         PERIOD THEMES GOALS,
              0, CODES("pledge.duplicate-pledge"));
    mt_expect("other id", BASE "---\nformat: pledge/1\nid: p2\ntitle: T\nlanguage: sv\n" PARTIES
                          PERIOD THEMES GOALS,
              0, NONE);
    msg = mt_message(BASE "---\n" BASE, 0, "pledge.duplicate-pledge");
    ck_assert_str_eq(msg, "pledge id \"p\" is already used by the pledge of document 0, line 2");
    free(msg);
}
END_TEST

START_TEST(duplicate_pledge_across_files)
{
    pledge_diag_list *d;
    pledge_set *set;
    pledge_doc *a = mt_load(BASE), *b = mt_load(BASE);
    const pledge_diag *x;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    ck_assert_int_eq(pledge_set_new(&set, NULL), 0);
    ck_assert_int_eq(pledge_set_add(set, a), 0);
    ck_assert_int_eq(pledge_set_add(set, b), 0);
    ck_assert_uint_eq(pledge_set_count(set), 2);
    ck_assert_int_eq(pledge_set_check(set, 0, d), PLEDGE_EINVALID);
    ck_assert_uint_eq(pledge_diag_list_count(d), 1);
    x = pledge_diag_list_at(d, 0);
    ck_assert_str_eq(x->code, "pledge.duplicate-pledge");
    ck_assert_str_eq(x->instance_path, "/id");
    ck_assert_uint_eq(x->line, 2);
    ck_assert_uint_eq(x->column, 5);
    pledge_set_free(set);
    pledge_diag_list_free(d);
}
END_TEST

START_TEST(unused_party)
{
    char *msg;
    mt_expect("unused", HEAD PARTIES "  - id: ^raddning\n    name: R\n    kind: rescue_service\n"
                        PERIOD THEMES GOALS "channels:\n  - {kind: x, name: R, owner: raddning}\n",
              0, CODES("pledge.unused-party"));
    msg = mt_message(HEAD PARTIES "  - id: raddning\n    name: R\n    kind: rescue_service\n"
                     PERIOD THEMES GOALS, 0, "pledge.unused-party");
    ck_assert_str_eq(msg, "party \"raddning\" is neither responsible for nor partner in any "
                          "activity, nor a signatory's party");
    free(msg);
    mt_expect("used", HEAD PARTIES "  - id: raddning\n    name: R\n    kind: rescue_service\n"
                      PERIOD THEMES "      - {id: a3, text: X, responsible: [raddning]}\n" GOALS,
              0, NONE);
}
END_TEST

START_TEST(no_indicator)
{
    mt_expect("without indicators", BASE "  - ^id: g2\n    text: Mål 2\n", 0,
              CODES("pledge.no-indicator"));
    mt_expect("empty indicators", BASE "  - ^id: g2\n    text: Mål 2\n    indicators: []\n", 0,
              CODES("pledge.no-indicator"));
    mt_expect("flow goal", BASE "  - ^{id: g2, text: Mål 2}\n", 0, CODES("pledge.no-indicator"));
}
END_TEST

START_TEST(unknown_format)
{
    char *msg;
    mt_expect("missing", "^id: p\ntitle: T\n", 0, CODES("pledge.unknown-format"));
    mt_expect("unknown", "format: ^pledge/2\nid: p\n", 0, CODES("pledge.unknown-format"));
    mt_expect("not a string", "format: ^1\nid: p\n", 0, CODES("pledge.unknown-format"));
    mt_expect("a list", "^- format: pledge/1\n", 0, CODES("pledge.unknown-format"));
    msg = mt_message("format: pledge\n", 0, "pledge.unknown-format");
    ck_assert_str_eq(msg, "unknown format \"pledge\"; known formats are pledge/1 and follow-up/1");
    free(msg);
    msg = mt_message("id: x\n", 0, "pledge.unknown-format");
    ck_assert_str_eq(msg, "missing \"format\" key; known formats are pledge/1 and follow-up/1");
    free(msg);
}
END_TEST

START_TEST(follow_up_invalid_pledge)
{
    /* An invalid pledge is still among the validated files: a follow-up
     * naming it is no unknown-pledge (its checks against it are skipped),
     * and its id still counts for duplicates. */
    /* 1.1: its follow-ups are checked as far as its errors allow: an
     * error in its period leaves its activities to check against. */
    mt_expect("invalid pledge", HEAD PARTIES "period:\n  start: 2024\n  end: ^2023\n" THEMES GOALS
              FU("^p") FU_PERIOD "activities:\n  - {activity: ^nope, status: stalled}\n",
              PLEDGE_SET_RESOLVE, CODES(ORDER, "follow-up.unchecked", "follow-up.unknown-reference"));
    {
        char *msg = mt_message(HEAD PARTIES "period:\n  start: 2024\n  end: 2023\n" THEMES GOALS
                               FU("p") FU_PERIOD, 0, "follow-up.unchecked");
        ck_assert_str_eq(msg, "pledge \"p\" (case.yaml, line 2) has errors, so the checks of "
                              "this follow-up against its period were skipped; fix the pledge "
                              "first");
        free(msg);
    }
    /* An error in an activity: entries are not checked (nope would be a
     * false alarm if the broken activity were it), measurements are. */
    mt_expect("invalid activities", HEAD PARTIES PERIOD THEMES
              "      - {id: a3, text: X, responsible: ^kommun}\n" GOALS
              FU("^p") FU_PERIOD "activities:\n  - {activity: nope, status: stalled}\n"
              "indicators:\n  - {indicator: ^nix, value: 1, date: 2024-05-01}\n",
              PLEDGE_SET_RESOLVE, CODES("type", "follow-up.unchecked", "follow-up.unknown-reference"));
    /* An error in the goals: measurements are not checked, entries are. */
    mt_expect("invalid goals", HEAD PARTIES PERIOD THEMES "goals: ^7\n"
              FU("^p") FU_PERIOD "activities:\n  - {activity: ^nope, status: stalled}\n"
              "indicators:\n  - {indicator: nix, value: 1, date: 2024-05-01}\n",
              PLEDGE_SET_RESOLVE,
              CODES("type", "follow-up.unchecked", "follow-up.unknown-reference"));
    mt_expect("invalid duplicate", BASE "---\nformat: pledge/1\nid: ^p\ntitle: T\n"
              "language: ^sv-SE\n" PARTIES PERIOD THEMES GOALS,
              0, CODES("pledge.duplicate-pledge", "pattern"));
}
END_TEST

START_TEST(follow_up_unknown_pledge)
{
    char *msg;
    mt_expect("resolved", FU("^p2") FU_PERIOD, PLEDGE_SET_RESOLVE,
              CODES("follow-up.unknown-pledge"));
    /* Without resolving, its cross checks are skipped, and a warning at
     * its pledge value says so (1.1: no follow-up passes silently). */
    mt_expect("not resolved", FU("^p2") FU_PERIOD "activities:\n  - {activity: nope, status: "
                                                  "done, comment: C}\n",
              0, CODES("follow-up.unchecked"));
    msg = mt_message(FU("p2") FU_PERIOD, 0, "follow-up.unchecked");
    ck_assert_str_eq(msg, "pledge \"p2\" is not among the validated files, so this follow-up's "
                          "activities, indicators, parties and dates were not checked against "
                          "it; validate it together with its pledge");
    free(msg);
    msg = mt_message(FU("p2") FU_PERIOD, PLEDGE_SET_RESOLVE, "follow-up.unknown-pledge");
    ck_assert_str_eq(msg, "no pledge with id \"p2\" among the validated files");
    free(msg);
}
END_TEST

START_TEST(follow_up_unknown_reference)
{
    char *msg;
    mt_expect("activity and indicator",
              BASE FU("p") FU_PERIOD "activities:\n  - {activity: ^a9, status: in_progress}\n"
                                     "indicators:\n  - {indicator: ^j, value: 3, date: "
                                     "2024-10-01}\n",
              0, CODES("follow-up.unknown-reference", "follow-up.unknown-reference"));
    msg = mt_message(BASE FU("p") FU_PERIOD "activities:\n  - {activity: a9, status: stalled}\n",
                     0, "follow-up.unknown-reference");
    ck_assert_str_eq(msg, "unknown activity \"a9\": pledge \"p\" has no such activity; its "
                          "activities are: a1, a2");
    free(msg);
}
END_TEST

START_TEST(follow_up_period_order)
{
    mt_expect("end before start", BASE FU("p") "period:\n  start: 2024-01-01\n  end: ^2023-12-31\n",
              0, CODES("follow-up.period-order"));
    mt_expect("date before start",
              BASE "---\nformat: follow-up/1\npledge: p\ndate: ^2023-12-01\n" FU_PERIOD, 0,
              CODES("follow-up.period-order"));
    mt_expect("one-day period", BASE FU("p") "period:\n  start: 2024-06-01\n  end: 2024-06-01\n",
              0, NONE);
}
END_TEST

START_TEST(follow_up_outside_pledge)
{
    mt_expect("before the pledge",
              BASE FU("p") "period:\n  start: ^2023-01-01\n  end: 2024-12-31\n", 0,
              CODES("follow-up.outside-pledge"));
    mt_expect("after the pledge's end",
              HEAD PARTIES "period: {start: 2024, end: 2024}\n" THEMES GOALS
              "---\nformat: follow-up/1\npledge: p\ndate: 2025-06-01\n"
              "period:\n  start: ^2025-01-01\n  end: 2025-05-31\n",
              0, CODES("follow-up.outside-pledge"));
    mt_expect("within an open period",
              BASE "---\nformat: follow-up/1\npledge: p\ndate: 2031-06-01\n"
                   "period:\n  start: 2031-01-01\n  end: 2031-05-31\n",
              0, NONE);
    mt_expect("on the pledge's first and last day",
              HEAD PARTIES "period: {start: 2024-03, end: 2024}\n" THEMES GOALS
              "---\nformat: follow-up/1\npledge: p\ndate: 2025-06-01\n"
              "period:\n  start: 2024-03-01\n  end: 2024-12-31\n"
              "---\nformat: follow-up/1\npledge: p\ndate: 2025-06-01\n"
              "period:\n  start: 2024-12-31\n  end: 2024-12-31\n",
              0, NONE);
}
END_TEST

START_TEST(follow_up_undocumented_done)
{
    mt_expect("done and partially done",
              BASE FU("p") FU_PERIOD "activities:\n  - activity: ^a1\n    status: done\n"
                                     "  - activity: ^a2\n    status: partially_done\n    done: 2\n",
              0, CODES("follow-up.undocumented-done", "follow-up.undocumented-done"));
    mt_expect("documented",
              BASE FU("p") FU_PERIOD "activities:\n  - activity: a1\n    status: done\n"
                                     "    comment: Klart.\n"
                                     "  - activity: a2\n    status: partially_done\n"
                                     "    evidence: [{url: https://example.org/x}]\n",
              0, NONE);
    mt_expect("other statuses need nothing",
              BASE FU("p") FU_PERIOD "activities:\n  - {activity: a1, status: cancelled}\n"
                                     "  - {activity: a2, status: not_assessable}\n",
              0, NONE);
}
END_TEST

START_TEST(follow_up_duplicate_entry)
{
    char *msg;
    mt_expect("activity twice",
              BASE FU("p") FU_PERIOD "activities:\n  - {activity: a1, status: stalled}\n"
                                     "  - {activity: ^a1, status: in_progress}\n",
              0, CODES("follow-up.duplicate-entry"));
    mt_expect("indicator twice on one date",
              BASE FU("p") FU_PERIOD "indicators:\n  - {indicator: i, value: 3, date: "
                                     "2024-10-01}\n  - {indicator: ^i, value: 4, date: "
                                     "2024-10-01}\n",
              0, CODES("follow-up.duplicate-entry"));
    mt_expect("indicator on two dates",
              BASE FU("p") FU_PERIOD "indicators:\n  - {indicator: i, value: 3, date: "
                                     "2024-10-01}\n  - {indicator: i, value: 4, date: "
                                     "2024-11-01}\n",
              0, NONE);
    msg = mt_message(BASE FU("p") FU_PERIOD "activities:\n  - {activity: a1, status: stalled}\n"
                                            "  - {activity: a1, status: stalled}\n",
                     0, "follow-up.duplicate-entry");
    ck_assert_str_eq(msg, "activity \"a1\" is already reported at line 43");
    free(msg);
}
END_TEST

START_TEST(follow_up_missing_value)
{
    mt_expect("percent without value",
              BASE FU("p") FU_PERIOD "indicators:\n  - ^indicator: i\n    date: 2024-10-01\n", 0,
              CODES("follow-up.missing-value"));
    mt_expect("text without value", BASE FU("p") FU_PERIOD
              "indicators:\n  - indicator: t\n    date: 2024-10-01\n    comment: Bättre.\n",
              0, NONE);
    /* Unknown unit without the pledge: nothing to say. */
    mt_expect("unresolved", FU("^q") FU_PERIOD "indicators:\n  - indicator: i\n    date: "
                                               "2024-10-01\n",
              0, CODES("follow-up.unchecked"));
}
END_TEST

START_TEST(all_problems_at_once)
{
    /* A schema error and semantic errors of several kinds in one
     * document: all are reported, in reading order. */
    mt_expect("many",
              HEAD PARTIES "  - id: ^kommun\n    name: K\n    kind: ^kommun\n"
                           "period:\n  start: 2024\n  end: ^2023\n"
                           "themes:\n  - id: t\n    title: T\n    activities:\n"
                           "      - {id: a, text: X, responsible: [kommun, ^polisen]}\n"
                           "      - {id: b, text: X, responsible: [polis]}\n" GOALS,
              0, CODES(DUP, "enum", ORDER, REF));
}
END_TEST

static const pledge_diag *find_code(const pledge_diag_list *d, const char *code)
{
    size_t i;
    for (i = 0; i < pledge_diag_list_count(d); i++)
        if (strcmp(pledge_diag_list_at(d, i)->code, code) == 0)
            return pledge_diag_list_at(d, i);
    ck_abort_msg("no %s", code);
    return NULL;
}

START_TEST(instance_paths)
{
    static const char text[] =
        HEAD PARTIES PERIOD "themes:\n  - id: t\n    title: T\n    activities:\n"
        "      - {id: a, text: X, responsible: [kommun, polisen]}\n"
        "      - {id: b, text: X, responsible: [polis]}\n" GOALS
        "  - {id: g2, text: X}\n";
    static const char text2[] =
        BASE FU("p") FU_PERIOD "activities:\n  - {activity: zz, status: stalled}\n"
        "indicators:\n  - {indicator: i, date: 2024-10-01}\n";
    pledge_diag_list *d = mt_validate("case.yaml", text, strlen(text), 0);
    const pledge_diag *x = find_code(d, REF);
    ck_assert_str_eq(x->instance_path, "/themes/0/activities/0/responsible/1");
    ck_assert_uint_eq(x->document, 0);
    ck_assert_int_eq(x->severity, PLEDGE_SEVERITY_ERROR);
    x = find_code(d, "pledge.no-indicator");
    ck_assert_str_eq(x->instance_path, "/goals/1");
    ck_assert_int_eq(x->severity, PLEDGE_SEVERITY_WARNING);
    pledge_diag_list_free(d);
    d = mt_validate("case.yaml", text2, strlen(text2), 0);
    x = find_code(d, "follow-up.unknown-reference");
    ck_assert_str_eq(x->instance_path, "/activities/0/activity");
    ck_assert_uint_eq(x->document, 1);
    ck_assert_str_eq(x->file, "case.yaml");
    ck_assert_str_eq(find_code(d, "follow-up.missing-value")->instance_path, "/indicators/0");
    pledge_diag_list_free(d);
    {
        static const char t2[] = HEAD PARTIES PERIOD THEMES
            "      - {id: b2, text: {en: X}, responsible: [polis]}\n" GOALS;
        d = mt_validate("case.yaml", t2, strlen(t2), 0);
        ck_assert_str_eq(find_code(d, "pledge.missing-language")->instance_path,
                         "/themes/0/activities/2/text");
        pledge_diag_list_free(d);
    }
}
END_TEST

/* Problems the reader found (a duplicate key) make the document invalid;
 * the other layers still report theirs. */
START_TEST(reader_errors_make_invalid)
{
    pledge_diag_list *d;
    pledge_doc *doc = NULL;
    static const char text[] = HEAD PARTIES "  - id: x\n    name: X\n    kind: other\n"
                                            "    kind: police\n" PERIOD THEMES GOALS;
    mt_expect("duplicate key", HEAD PARTIES "  - id: ^x\n    name: X\n    kind: other\n"
                               "    ^kind: police\n" PERIOD THEMES GOALS,
              0, CODES("pledge.unused-party", "yaml.duplicate-key"));
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    ck_assert_int_eq(pledge_doc_load_buffer(&doc, "t.yaml", text, strlen(text), NULL, d),
                     PLEDGE_EINVALID);
    ck_assert_ptr_null(doc);
    pledge_diag_list_free(d);
}
END_TEST


/* ---- format 1.1 ---------------------------------------------------------- */

#define PARTNER_PARTY "  - id: sb\n    name: Systembolaget\n    kind: business\n    role: partner\n"

START_TEST(rules_1_1)
{
    char *msg;
    /* partners: resolved, unknown, and not also responsible */
    mt_expect("partner", HEAD PARTIES PARTNER_PARTY PERIOD THEMES
              "      - {id: a3, text: X, responsible: [kommun], partners: [sb]}\n" GOALS,
              0, NONE);
    mt_expect("unknown partner", HEAD PARTIES PERIOD THEMES
              "      - {id: a3, text: X, responsible: [kommun], partners: [^sbx]}\n" GOALS,
              0, CODES(REF));
    mt_expect("partner and responsible", HEAD PARTIES PERIOD THEMES
              "      - {id: a3, text: X, responsible: [kommun], partners: [^kommun]}\n" GOALS,
              0, CODES(DUP));
    /* places */
    mt_expect("place", HEAD PARTIES PERIOD "places: [{id: torget, name: Torget, kind: square}]\n"
              THEMES "      - {id: a3, text: X, responsible: [kommun], places: [torget]}\n" GOALS,
              0, NONE);
    mt_expect("unknown place", HEAD PARTIES PERIOD "places: [{id: torget, name: Torget}]\n"
              THEMES "      - {id: a3, text: X, responsible: [kommun], places: [^torg]}\n" GOALS,
              0, CODES(REF));
    msg = mt_message(HEAD PARTIES PERIOD THEMES
                     "      - {id: a3, text: X, responsible: [kommun], places: [torg]}\n" GOALS,
                     0, REF);
    ck_assert_str_eq(msg, "unknown place \"torg\" in places; the pledge lists no places");
    free(msg);
    mt_expect("duplicate place", HEAD PARTIES PERIOD "places:\n  - {id: torget, name: A}\n"
              "  - {id: ^torget, name: B}\n" THEMES GOALS, 0, CODES(DUP));
    /* a signatory's party is used; an unknown one is a reference error */
    mt_expect("signatory", HEAD PARTIES "  - id: raddning\n    name: R\n    kind: rescue_service\n"
              PERIOD "signing: {date: 2024-03, signatories: [{party: raddning}]}\n" THEMES GOALS,
              0, NONE);
    mt_expect("unknown signatory", HEAD PARTIES PERIOD
              "signing: {signatories: [{name: A, party: ^polisen}]}\n" THEMES GOALS, 0, CODES(REF));
    /* no responsible anywhere: no party is warned */
    mt_expect("nobody responsible", HEAD PARTIES PERIOD
              "activities:\n  - {id: a1, text: Vi lovar.}\n" GOALS, 0, NONE);
    /* themes or activities: at least one */
    mt_expect("no activities", "^" HEAD PARTIES PERIOD GOALS, 0, CODES("required"));
    /* no goals */
    mt_expect("no goals", "^" HEAD PARTIES PERIOD THEMES, 0, CODES("pledge.no-goal"));
    /* several municipalities */
    mt_expect("municipalities", HEAD "area:\n  municipalities: [{name: A, code: \"1415\"}]\n"
              "  districts: [Centrum, {sv: Hisingen}]\n" PARTIES PERIOD THEMES GOALS, 0, NONE);
    mt_expect("area conflict", HEAD "area:\n  municipality_code: \"1440\"\n  municipalities:\n"
              "    ^- name: A\n" PARTIES PERIOD THEMES GOALS, 0, CODES("pledge.area-conflict"));
    /* text mappings of new keys are checked */
    mt_expect("when without sv", HEAD PARTIES PERIOD THEMES
              "      - id: a3\n        text: X\n        responsible: [kommun]\n"
              "        when: ^{en: Evenings}\n" GOALS, 0, CODES("pledge.missing-language"));
}
END_TEST

START_TEST(follow_up_rules_1_1)
{
    /* partial dates: a month as date, years as period */
    mt_expect("partial", BASE "---\nformat: follow-up/1\npledge: p\ndate: 2025-02\n"
              "period: {start: 2024, end: 2024, label: hela 2024}\n"
              "activities:\n  - {activity: a1, status: not_done}\n", PLEDGE_SET_RESOLVE, NONE);
    /* a date in the last month of its period is not before it */
    mt_expect("date in period", BASE "---\nformat: follow-up/1\npledge: p\ndate: 2024\n"
              "period: {start: 2024-05, end: 2024-07}\n", PLEDGE_SET_RESOLVE, NONE);
    mt_expect("period order", BASE "---\nformat: follow-up/1\npledge: p\n"
              "period: {start: 2024-05, end: ^2024-04}\n", PLEDGE_SET_RESOLVE,
              CODES("follow-up.period-order"));
    mt_expect("undated", BASE "---\n^format: follow-up/1\npledge: p\n", PLEDGE_SET_RESOLVE,
              CODES("follow-up.undated"));
    mt_expect("reported_by", BASE "---\nformat: follow-up/1\npledge: p\ndate: 2025\n"
              "reported_by: [polis, ^polisen]\n", PLEDGE_SET_RESOLVE,
              CODES("follow-up.unknown-party"));
    mt_expect("outputs, events, other work", BASE "---\nformat: follow-up/1\npledge: p\n"
              "date: 2025\nactivities:\n  - activity: a1\n    status: done\n    comment: C\n"
              "    outputs: [{value: 200, qualifier: more_than, unit: kontroller, per: year}]\n"
              "    events: [{date: 2024-03, text: Möte}]\n"
              "other_work:\n  - {text: Dialog, outputs: [{value: 2, unit: möten}], comment: C}\n",
              PLEDGE_SET_RESOLVE, NONE);
    mt_expect("output text without sv", BASE "---\nformat: follow-up/1\npledge: p\ndate: 2025\n"
              "other_work:\n  - text: ^{en: Dialogue}\n", PLEDGE_SET_RESOLVE,
              CODES("pledge.missing-language"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("model_rules");
    TCase *tc = tcase_create("pledge");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, clean);
    tcase_add_test(tc, duplicate_id);
    tcase_add_test(tc, unknown_reference);
    tcase_add_test(tc, period_order);
    tcase_add_test(tc, direction);
    tcase_add_test(tc, percent_range);
    tcase_add_test(tc, missing_language);
    tcase_add_test(tc, duplicate_pledge);
    tcase_add_test(tc, duplicate_pledge_across_files);
    tcase_add_test(tc, unused_party);
    tcase_add_test(tc, no_indicator);
    tcase_add_test(tc, unknown_format);
    tcase_add_test(tc, all_problems_at_once);
    tcase_add_test(tc, instance_paths);
    tcase_add_test(tc, reader_errors_make_invalid);
    suite_add_tcase(s, tc);
    tc = tcase_create("follow-up");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, follow_up_unknown_pledge);
    tcase_add_test(tc, follow_up_invalid_pledge);
    tcase_add_test(tc, follow_up_unknown_reference);
    tcase_add_test(tc, follow_up_period_order);
    tcase_add_test(tc, follow_up_outside_pledge);
    tcase_add_test(tc, follow_up_undocumented_done);
    tcase_add_test(tc, follow_up_duplicate_entry);
    tcase_add_test(tc, follow_up_missing_value);
    tcase_add_test(tc, rules_1_1);
    tcase_add_test(tc, follow_up_rules_1_1);
    suite_add_tcase(s, tc);
    return test_run(s) ? 1 : 0;
}
