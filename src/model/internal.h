/* SPDX-License-Identifier: MIT */
/* Internal: the layout of documents and their objects, shared by the
 * model's files. Objects live in the document's arena and point into its
 * source tree: strings are the tree's, never copied. */
#ifndef PLEDGE_MODEL_INTERNAL_H
#define PLEDGE_MODEL_INTERNAL_H

#include "pledge/model.h"
#include "pledge/schema.h"
#include "core/arena.h"
#include "core/buf.h"
#include "node/tree.h"

/* ---- id lookup: open addressing in an arena, fixed capacity ---------- */

/* Namespaces of ids: a party and a goal may share an id. */
enum {
    PLEDGE__ID_PARTY = 1,
    PLEDGE__ID_SOURCE,
    PLEDGE__ID_PROBLEM,
    PLEDGE__ID_THEME,
    PLEDGE__ID_ACTIVITY,
    PLEDGE__ID_GOAL,
    PLEDGE__ID_INDICATOR,
    PLEDGE__ID_ENTRY,       /* follow-up activity entries by activity id */
    PLEDGE__ID_MEASUREMENT, /* follow-up measurements by indicator id */
    PLEDGE__ID_PLEDGE,      /* pledges of a set */
    PLEDGE__ID_PLACE        /* places of a pledge (1.1) */
};

typedef struct pledge__idslot {
    const char *id; /* NULL: empty slot */
    size_t len;
    unsigned kind;
    void *obj;
} pledge__idslot;

typedef struct pledge__idmap {
    pledge__idslot *slots;
    size_t mask;     /* capacity - 1 (a power of two) */
    size_t count;
    size_t capacity_left; /* inserts allowed before the table is full */
} pledge__idmap;

/* A table for up to @p expected ids, from @p arena (or, when @p arena is
 * NULL, from @p allocator: free with pledge__idmap_free). 0 or ENOMEM. */
int pledge__idmap_init(pledge__idmap *m, pledge_arena *arena,
                       const pledge_allocator *allocator, size_t expected);
void pledge__idmap_free(pledge__idmap *m, const pledge_allocator *allocator);
void *pledge__idmap_get(const pledge__idmap *m, unsigned kind, const char *id, size_t len);
/* Insert @p obj under (kind, id) unless present: returns the object
 * already there (nothing inserted), or NULL once inserted (or when the
 * table is full, which its sizing rules out). */
void *pledge__idmap_put(pledge__idmap *m, unsigned kind, const char *id, size_t len,
                        void *obj);

/* ---- objects --------------------------------------------------------- */

/* An id with the node it came from (for positions). */
typedef struct pledge__id {
    const char *s; /* NULL when absent or not a string */
    size_t len;
    const pledge_node *node;
} pledge__id;

struct pledge_source {
    const pledge_doc *doc;
    pledge__id id;
    const pledge_node *title, *url;
    pledge_source_kind kind;
    int year;
};

struct pledge_party {
    const pledge_doc *doc;
    pledge__id id;
    const pledge_node *node; /* its mapping */
    const pledge_node *name, *url, *identifiers;
    pledge_party_kind kind;
    pledge_party_role role;
    size_t index;
    int used; /* responsible for or partner in an activity, or a signatory's */
};

struct pledge_place {
    const pledge_doc *doc;
    pledge__id id;
    const pledge_node *node; /* its mapping */
    const pledge_node *name;
    pledge_place_kind kind;
    size_t index;
};

struct pledge_output {
    const pledge_doc *doc;
    const pledge_node *node; /* its mapping */
    pledge_number value;
    const pledge_node *unit, *label;
    pledge_qualifier qualifier;
    pledge_per per;
};

/* outputs and events of an entry or of other work */
typedef struct pledge__results {
    pledge_output *outputs;
    size_t output_count;
    const pledge_node *events; /* the sequence, or NULL */
} pledge__results;

struct pledge_problem {
    const pledge_doc *doc;
    pledge__id id;
    const pledge_node *title, *description;
    const pledge_source **sources;
    size_t source_count;
    size_t index;
};

struct pledge_theme {
    const pledge_doc *doc;
    pledge__id id;
    const pledge_node *node; /* its mapping */
    const pledge_node *title, *description;
    pledge_activity *activities; /* a slice of the document's array */
    size_t activity_count;
    size_t index;
};

struct pledge_activity {
    const pledge_doc *doc;
    pledge__id id;
    const pledge_node *node; /* its mapping */
    const pledge_party **partners;
    size_t partner_count;
    const pledge_place **places;
    size_t place_count;
    const pledge_node *text, *target_group, *target_unit;
    const pledge_theme *theme;
    size_t index;
    const pledge_party **responsible;
    size_t responsible_count;
    const pledge_problem **problems;
    size_t problem_count;
    const pledge_goal **goals;
    size_t goal_count;
    pledge_recurrence recurrence;
    int has_target;
    int64_t target_quantity;
    pledge_comparator target_comparator;
    pledge_per target_per;
};

struct pledge_indicator {
    const pledge_doc *doc;
    pledge__id id;
    const pledge_node *text;
    pledge_unit unit;
    pledge_direction direction;
    const pledge_source *source;
    const pledge_goal *goal;
    size_t index;
    int has_baseline, has_target;
    pledge_number baseline_value, target_value;
    pledge_date baseline_date, target_date;
};

struct pledge_goal {
    const pledge_doc *doc;
    pledge__id id;
    const pledge_node *node; /* its mapping */
    const pledge_node *text;
    pledge_goal_level level;
    pledge_indicator *indicators; /* a slice of the document's array */
    size_t indicator_count;
    size_t index;
};

struct pledge_channel {
    const pledge_doc *doc;
    pledge_channel_kind kind;
    const pledge_node *url, *name;
    const pledge_party *owner;
};

struct pledge_contact {
    const pledge_doc *doc;
    const pledge_party *party;
    const pledge_node *name, *role, *note, *phone, *email;
};

struct pledge_evidence {
    const pledge_doc *doc;
    const pledge_node *url, *title;
    pledge_date date;
};

struct pledge_entry {
    const pledge_doc *doc;
    pledge__id activity;
    const pledge_node *node; /* the entry's mapping */
    pledge_status status;
    int64_t done;
    const pledge_node *comment;
    pledge_evidence *evidence;
    size_t evidence_count;
    pledge__results results;
    size_t index;
};

struct pledge_measurement {
    const pledge_doc *doc;
    pledge__id indicator;
    const pledge_node *node;  /* the entry's mapping */
    const pledge_node *value_node;
    int has_value;
    pledge_number value;
    pledge_date date;
    const pledge_source *source;
    const pledge_node *comment;
    size_t index;
};

/* A text mapping of a follow-up without "language", kept so that the set
 * can check it against the pledge's language (pledge.missing-language). */
typedef struct pledge__textref {
    const pledge_node *node;
    const char *path; /* instance path, in the document's arena */
} pledge__textref;

struct pledge_doc {
    const pledge_allocator *allocator; /* as given (may be NULL) */
    pledge_doc_kind kind;
    pledge_tree *tree;
    int owns_tree;
    pledge_arena arena; /* every object of the model */
    const char *file;
    size_t index;
    const pledge_node *root;

    const char *lang; /* NULL: a follow-up without language */
    size_t lang_len;

    /* both kinds */
    pledge__id id; /* the pledge's id; a follow-up's own id */
    const pledge_node *summary;
    pledge_date start, end;

    /* pledge/1 */
    const pledge_node *title, *supersedes, *municipality, *municipality_code,
        *police_area, *region, *agreement_name, *agreement_url, *label, *focus,
        *situation, *fu_methods, *fu_description;
    pledge_doc_status status;
    pledge_frequency frequency;
    int planned_years;
    pledge_party *parties;
    size_t party_count;
    pledge_source *sources;
    size_t source_count;
    pledge_problem *problems;
    size_t problem_count;
    pledge_theme *themes;
    size_t theme_count;
    pledge_activity *activities;
    size_t activity_count;
    pledge_goal *goals;
    size_t goal_count;
    pledge_indicator *indicators;
    size_t indicator_count;
    pledge_channel *channels;
    size_t channel_count;
    pledge_contact *contacts;
    size_t contact_count;
    pledge_place *places;
    size_t place_count;
    size_t flat_count; /* activities of the flat "activities" list: the first ones */
    pledge_date published, signing_date;
    const pledge_party **signatory_parties; /* per signatory, NULL when none */
    size_t signatory_count;
    int any_responsible; /* some activity names a responsible party */
    pledge__idmap ids;

    /* follow-up/1 */
    pledge__id pledge;
    pledge_date date;
    const pledge_node *start_node; /* period.start, for follow-up.outside-pledge */
    pledge_entry *entries;
    size_t entry_count;
    pledge_measurement *measurements;
    size_t measurement_count;
    pledge__textref *textrefs;
    size_t textref_count, textref_cap;
    const pledge_node *reported_by; /* the sequence, or NULL */
    pledge__results *other_work;   /* per "other_work" item */
    size_t other_work_count;
};

/* ---- the walk that checks a tree and builds the model ----------------- */

typedef struct pledge__seg {
    const char *key; /* NULL: an index */
    size_t index;
} pledge__seg;

#define PLEDGE__MAX_PATH 16

typedef struct pledge__walk {
    pledge_doc *doc;
    pledge_diag_list *diags;
    int rc;        /* PLEDGE_ENOMEM once an allocation failed */
    size_t errors; /* semantic errors found */
    int lang_ok;   /* the document's language is usable for text checks */
    pledge__seg path[PLEDGE__MAX_PATH];
    size_t depth;
} pledge__walk;

void pledge__walk_push_key(pledge__walk *w, const char *key);
void pledge__walk_push_index(pledge__walk *w, size_t index);
void pledge__walk_pop(pledge__walk *w);

/* The current path as a JSON Pointer, in the document's arena (NULL on
 * allocation failure). */
char *pledge__walk_path(pledge__walk *w);

/* Report a problem at @p node with the current path. */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
void pledge__walk_diag(pledge__walk *w, pledge_severity severity, const char *code,
                       const pledge_node *node, const char *fmt, ...);

/* Check a text field: a mapping must hold the document's language
 * (pledge.missing-language). The path is that of the text. */
void pledge__walk_text(pledge__walk *w, const pledge_node *text);

/* Zeroed memory from the document's arena; sets w->rc on failure. */
void *pledge__walk_alloc(pledge__walk *w, size_t count, size_t size);

/* A single source under key @p key of the current mapping (an
 * indicator's or a measurement's "source"); NULL when absent. */
const pledge_source *pledge__walk_source(pledge__walk *w, const char *key,
                                         const pledge_node *n);

/* Build a pledge / a follow-up from @p root into w->doc. */
void pledge__pledge_build(pledge__walk *w, const pledge_node *root);
void pledge__follow_up_build(pledge__walk *w, const pledge_node *root);

/* ---- small helpers over nodes ------------------------------------------ */

/* 1 when @p key (a key node) is @p lit. */
int pledge__key_is(const pledge_node *key, const char *lit);
/* The string of a STRING node, or NULL. */
pledge__id pledge__id_of(const pledge_node *node);
/* Keyword → 1-based index in @p names (NULL-terminated), 0 if none. */
int pledge__keyword(const pledge_node *node, const char *const *names);
/* A number node as pledge_number; 0 if not a number node. */
int pledge__number_of(const pledge_node *node, pledge_number *out);
/* A date node (string "YYYY-MM-DD") or, with @p partial, a partial date
 * (also an integer year). Precision NONE when invalid or absent. */
pledge_date pledge__date_of(const pledge_node *node, int partial);
/* Text of a text node in @p lang (NULL: the document's). */
const char *pledge__text(const pledge_doc *doc, const pledge_node *text, const char *lang,
                         size_t *len);
/* 1 when @p s is a usable language tag: 2-3 lowercase ASCII letters. */
int pledge__lang_valid(const char *s, size_t len);
/* 1 when @p id is a valid id of the formats: ^[a-z0-9][a-z0-9-]*$, at
 * most 64 bytes. Only such ids are registered, resolved and quoted in
 * messages (others are the schema's to report). */
int pledge__id_valid(const pledge__id *id);
/* A key of the formats with its length. */
typedef struct pledge__key {
    const char *s;
    size_t len;
} pledge__key;

/* Look up @p count keys of mapping @p map in one pass over its pairs:
 * vals[i] gets the value of names[i], or NULL. */
void pledge__fields(const pledge_node *map, const pledge__key *names, size_t count,
                    const pledge_node **vals);
/* Append "a, b, c" (the valid ids among @p count objects of @p stride
 * bytes whose pledge__id is at @p offset) to @p b, at most a dozen. */
void pledge__list_ids(pledge_buf *b, const void *base, size_t count, size_t stride,
                      size_t offset);

/* Keyword tables, NULL-terminated, in enum order from 1. */
extern const char *const pledge__party_kinds[];
extern const char *const pledge__source_kinds[];
extern const char *const pledge__frequencies[];
extern const char *const pledge__recurrences[];
extern const char *const pledge__comparators[];
extern const char *const pledge__pers[];
extern const char *const pledge__goal_levels[];
extern const char *const pledge__units[];
extern const char *const pledge__directions[];
extern const char *const pledge__channel_kinds[];
extern const char *const pledge__statuses[];    /* from NOT_STARTED */
extern const char *const pledge__doc_statuses[];
extern const char *const pledge__party_roles[];
extern const char *const pledge__place_kinds[];
extern const char *const pledge__qualifiers[];

/* ---- messages for pledge writers (messages.c) --------------------------- */

/* Append the diagnostics of @p from (from index @p first) to @p to,
 * reworded for the people who write pledges: no regular expression, one
 * diagnostic per mistake, Swedish words hinted, and no diagnostic that
 * only follows from a misspelt top-level key. 0 or PLEDGE_ENOMEM. */
int pledge__pledge_messages(pledge_diag_list *to, const pledge_diag_list *from, size_t first);

/* ---- built-in schemas -------------------------------------------------- */

/* The compiled built-in schema for @p kind (compiled once per process,
 * with format assertion). On failure returns NULL and sets *rc
 * (PLEDGE_ERROR with a diagnostic, or PLEDGE_ENOMEM). */
const pledge_schema *pledge__builtin_schema(pledge_doc_kind kind, pledge_diag_list *diags,
                                            int *rc);

/* ---- loading ------------------------------------------------------------ */

/* pledge_doc_from_tree_owned, except that the tree of a document found
 * invalid is not freed but handed to *invalid_tree (caller frees), and
 * that the built-in schema validates with @p validate_flags
 * (PLEDGE_VALIDATE_ALL_BRANCHES for pledge-validate --verbose). */
int pledge__doc_load(pledge_doc **out, pledge_tree *tree, const pledge_allocator *allocator,
                     pledge_diag_list *diags, pledge_tree **invalid_tree,
                     unsigned int validate_flags);

/* ---- sets, for the validation session ---------------------------------- */

/* Move every document of @p from to the end of @p set, in order, each
 * tagged with @p tag, and free @p from; on failure @p from stays the
 * caller's, unchanged, and @p set as it was. Into an empty set the records
 * move as they are; otherwise they are encoded again with @p set's
 * strings. For worker threads that fill one set per file, merged in load
 * order. 0, PLEDGE_ENOMEM, PLEDGE_EARG. */
int pledge__set_merge(pledge_set *set, pledge_set *from, size_t tag);

/* The list for the diagnostics of the document tagged @p tag (NULL:
 * drop them). */
typedef pledge_diag_list *(*pledge__set_route_fn)(void *ud, size_t tag);

/* pledge_set_check, each diagnostic going to the list @p route gives for
 * its document's tag (documents merged with pledge__set_merge; without
 * tags, everything goes to @p diags). */
int pledge__set_check_routed(pledge_set *set, unsigned int flags, pledge_diag_list *diags,
                             pledge__set_route_fn route, void *ud);

/* What of an invalid pledge the cross-document checks may still use (1.1):
 * the parts its errors do not touch. */
enum {
    PLEDGE__PART_PARTIES = 1u,    /* "parties": reported_by */
    PLEDGE__PART_ACTIVITIES = 2u, /* "themes", "activities": entries */
    PLEDGE__PART_INDICATORS = 4u, /* "goals": measurements */
    PLEDGE__PART_PERIOD = 8u,     /* "period": follow-up.outside-pledge */
    PLEDGE__PART_LANGUAGE = 16u,  /* "language": texts of follow-ups without one */
    PLEDGE__PART_ALL = 31u
};

/* Load @p tree (borrowed: the model reads it in place, so free the
 * document before the tree) as a pledge and keep the model even when it has
 * errors; *unreliable gets the parts (PLEDGE__PART_*) that its errors
 * touch. Its diagnostics are dropped (they were reported when it was
 * loaded). 0 with *out set, PLEDGE_EINVALID when no model could be built
 * (not a pledge), PLEDGE_ENOMEM, PLEDGE_ERROR. */
int pledge__doc_load_partial(pledge_doc **out, const pledge_tree *tree,
                             const pledge_allocator *allocator, unsigned *unreliable);

/* ---- summaries: what sets and progress keep of a document --------------- */

/* A summary in its working form: what the cross-document checks and
 * progress read. Built from a document by pledge__sum_build (progress of
 * documents) or decoded from a set's record by pledge__store_get; it lives
 * in the arena given, its strings are the arena's or the store's. */

typedef struct pledge__sum_activity {
    const char *id;
    size_t len;
    /* 1.1: for progress per party and target met */
    const size_t *responsible; /* indices into the summary's parties */
    size_t responsible_count;
    int has_target;
    int64_t quantity; /* -1 when absent */
    pledge_comparator comparator;
    pledge_per per;
} pledge__sum_activity;

/* A party's id (a pledge's parties), or a follow-up's reported_by entry. */
typedef struct pledge__sum_ref {
    const char *id;
    size_t len;
    pledge_mark mark; /* a follow-up's only: a set keeps no position of a pledge's parties */
} pledge__sum_ref;

typedef struct pledge__sum_indicator {
    const char *id;
    size_t len;
    pledge_unit unit;
    pledge_direction direction;
    int has_baseline, has_target;
    pledge_number baseline_value, target_value;
    pledge_date baseline_date, target_date;
} pledge__sum_indicator;

typedef struct pledge__sum_entry {
    const char *id; /* activity id */
    size_t len;
    pledge_status status;
    pledge_mark mark; /* of the "activity" value */
    size_t index;     /* in the report's "activities" */
    int64_t done;     /* -1 when absent */
} pledge__sum_entry;

typedef struct pledge__sum_measurement {
    const char *id; /* indicator id */
    size_t len;
    int has_value;
    pledge_number value;
    pledge_date date;
    pledge_mark mark;       /* of the "indicator" value */
    pledge_mark value_mark; /* of the "value" value */
    pledge_mark entry_mark; /* of the entry's mapping */
    size_t index;           /* in the report's "indicators" */
} pledge__sum_measurement;

typedef struct pledge__sum_text {
    pledge_mark mark;
    const char *path;
    const char *langs; /* the mapping's keys, each followed by NUL; "" ends */
} pledge__sum_text;

typedef struct pledge__sum {
    pledge_doc_kind kind;
    int invalid; /* a record of a document that did not load: id only */
    const char *file;
    size_t doc_index;
    const char *id; /* a pledge's id; a follow-up's "pledge" */
    size_t id_len;
    pledge_mark id_mark;
    const char *lang; /* may be NULL for a follow-up */
    size_t lang_len;
    pledge_date start, end;
    pledge_mark start_mark; /* follow-up: of period.start */
    pledge_date date;
    pledge__sum_activity *activities;
    size_t activity_count;
    pledge__sum_indicator *indicators;
    size_t indicator_count;
    /* A pledge decoded by pledge__store_get: activities and indicators by
     * id, 4 bytes a slot (index * 2 + is-indicator, plus 1; 0 is empty),
     * at most half full. NULL after pledge__sum_build. */
    uint32_t *slots;
    size_t mask;
    pledge__sum_entry *entries;
    size_t entry_count;
    pledge__sum_measurement *measurements;
    size_t measurement_count;
    pledge__sum_text *texts;
    size_t text_count;
    /* 1.1: a pledge's parties; a follow-up's reported_by */
    pledge__sum_ref *refs;
    size_t ref_count;
    unsigned unreliable; /* an invalid pledge: PLEDGE__PART_* its errors touch */
} pledge__sum;

/* What sets and progress need of @p doc, in @p arena; its strings are the
 * document's (the summary is valid while @p doc lives). @p file, when
 * non-NULL, is the file name instead of the document's. 0 or
 * PLEDGE_ENOMEM. */
int pledge__sum_build(pledge__sum **out, const pledge_doc *doc, pledge_arena *arena,
                      const char *file);

/* The activity (@p indicator 0) or indicator (1) with id @p id of the
 * pledge summary @p s (decoded by pledge__store_get), or NULL. */
const void *pledge__sum_find(const pledge__sum *s, int indicator, const char *id, size_t len);

/* ---- what a set keeps: summaries as compact records --------------------- */

/* The summaries of a set, each encoded as one record (variable-length
 * integers: kind, flags, the file, the document index, the id and its
 * position first, then the rest; the numbers of the strings it names kept
 * apart from the rest) in blocks of bytes, with no alignment or
 * allocation per record. Strings are interned: each distinct string (ids,
 * file names, a follow-up's text paths) is stored once in the blocks as
 * 32 bits of its hash, its length (4 bytes), its bytes and a NUL, and
 * records name it by its number (1-based; 0 is NULL). A pledge's record
 * keeps what the checks and progress read, without the positions of its
 * parties. A synthetic pledge of bench/gen_pledges (8 KB, 18 activities, 5
 * indicators) takes about 170 bytes plus its id. Everything is freed with
 * the store. */
typedef struct pledge__store {
    const pledge_allocator *allocator; /* borrowed */
    pledge_arena arena;        /* the blocks */
    unsigned char *next, *end; /* free bytes of the current block */
    size_t block;              /* size of the next block */
    const char **strs;         /* interned strings by number - 1 (malloc'd) */
    size_t str_count, str_cap;
    uint32_t *slots;           /* string numbers by hash, 0 empty, at most half full */
    size_t slot_mask;          /* capacity - 1, or 0 when no slots yet */
    pledge_buf enc, refs;      /* the record being encoded: body, string numbers */
} pledge__store;

void pledge__store_init(pledge__store *st, const pledge_allocator *allocator);
void pledge__store_free(pledge__store *st);

/* Encode @p s into @p st; *rec gets the record (owned by the store).
 * 0 or PLEDGE_ENOMEM (then the store still works; its blocks may hold
 * unused bytes). */
int pledge__store_put(pledge__store *st, const pledge__sum *s, const unsigned char **rec);

/* Decode record @p rec of @p st into *out, allocated in @p arena (strings
 * stay the store's). 0 or PLEDGE_ENOMEM. */
int pledge__store_get(const pledge__store *st, const unsigned char *rec, pledge_arena *arena,
                      pledge__sum **out);

/* Decode only the head of @p rec into @p head (kind, invalid, unreliable,
 * file, doc_index, id, id_len, id_mark; everything else zero). Returns
 * the number of the id's string (0: none). */
uint32_t pledge__store_head(const pledge__store *st, const unsigned char *rec,
                            pledge__sum *head);

/* Copy record @p rec of @p from into @p to (*out), its strings interned
 * in @p to: @p map (from->str_count numbers, zeroed before the first
 * copy) remembers each string's number in @p to between calls. 0 or
 * PLEDGE_ENOMEM. */
int pledge__store_copy(pledge__store *to, const pledge__store *from, const unsigned char *rec,
                       uint32_t *map, const unsigned char **out);

/* The number of the string @p s of @p len bytes in @p st, or 0 when it was
 * never interned. */
uint32_t pledge__store_lookup(const pledge__store *st, const char *s, size_t len);

/* Progress from summaries (defined in progress.c). */
int pledge__progress_from_sums(pledge_progress **out, const pledge__sum *pledge,
                               const pledge__sum *const *follow_ups, size_t count,
                               const pledge_allocator *allocator);

#endif
