/* SPDX-License-Identifier: MIT */
/*
 * activities: a pledge's activities by responsible party, and its progress
 * by its follow-up reports. The program of docs/c.md.
 *
 *   cc -o activities activities.c $(pkg-config --cflags --libs pledge)
 *   ./activities examples/ale-2024.yaml examples/ale-2024-follow-up-2025.yaml
 */
#include <pledge.h>
#include <stdio.h>
#include <stdlib.h>

/* Every diagnostic of the list, as pledge-validate prints them. */
static void print_diagnostics(const pledge_diag_list *diags)
{
    for (size_t i = 0; i < pledge_diag_list_count(diags); i++) {
        const pledge_diag *d = pledge_diag_list_at(diags, i);
        fprintf(stderr, "%s:%zu:%zu: %s: %s [%s]\n", d->file, d->line, d->column,
                pledge_severity_name(d->severity), d->message, d->code);
    }
}

/* Under each party, in the pledge's order, the activities it is
 * responsible for (an activity may have several parties). */
static void print_by_party(const pledge_doc *pledge)
{
    for (size_t p = 0; p < pledge_doc_party_count(pledge); p++) {
        const pledge_party *party = pledge_doc_party_at(pledge, p);
        printf("%s:\n", pledge_party_name(party, NULL, NULL));
        for (size_t a = 0; a < pledge_doc_activity_count(pledge); a++) {
            const pledge_activity *activity = pledge_doc_activity_at(pledge, a);
            for (size_t r = 0; r < pledge_activity_responsible_count(activity); r++) {
                if (pledge_activity_responsible_at(activity, r) == party) {
                    printf("  - %s\n", pledge_activity_id(activity, NULL));
                }
            }
        }
    }
}

/* The share done and the number of activities in each status. */
static void print_progress(const pledge_progress *progress)
{
    printf("\nprogress of %s by %zu follow-up(s): %.0f%% done\n",
           pledge_progress_pledge_id(progress, NULL), pledge_progress_report_count(progress),
           100.0 * pledge_progress_share_done(progress));
    for (int s = 0; s < PLEDGE_STATUS_COUNT; s++) {
        size_t n = pledge_progress_status_count(progress, (pledge_status)s);
        if (n > 0) {
            printf("  %-15s %zu\n", pledge_status_name((pledge_status)s), n);
        }
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PLEDGE.yaml [FOLLOW-UP.yaml...]\n", argv[0]);
        return 2;
    }
    int n_docs = argc - 1;
    pledge_doc **docs = calloc((size_t)n_docs, sizeof *docs); /* freed below */
    pledge_diag_list *diags = NULL;                           /* freed below */
    pledge_progress *progress = NULL;                         /* freed below */
    int rc = docs ? pledge_diag_list_new(&diags, NULL) : PLEDGE_ENOMEM;

    /* Each file holds one document; every problem lands in diags. */
    for (int i = 0; rc == 0 && i < n_docs; i++) {
        rc = pledge_doc_load_file(&docs[i], argv[i + 1], NULL, diags);
    }
    if (rc == 0 && pledge_doc_kind_of(docs[0]) != PLEDGE_DOC_PLEDGE) {
        fprintf(stderr, "%s: not a pledge\n", argv[1]);
        rc = PLEDGE_EARG;
    } else if (rc == 0) {
        print_by_party(docs[0]);
        /* The follow-ups, in the order given (it breaks ties). */
        rc = pledge_progress_compute(&progress, docs[0], (const pledge_doc *const *)docs + 1,
                                     (size_t)n_docs - 1, diags);
        if (rc == 0) {
            print_progress(progress);
        }
    }
    if (rc != 0) {
        print_diagnostics(diags);
        fprintf(stderr, "activities: %s\n", pledge_strerror(rc));
    }

    pledge_progress_free(progress);
    for (int i = 0; docs && i < n_docs; i++) {
        pledge_doc_free(docs[i]);
    }
    free(docs);
    pledge_diag_list_free(diags);
    return rc == 0 ? 0 : 1;
}
