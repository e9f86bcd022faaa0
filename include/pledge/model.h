/* SPDX-License-Identifier: MIT */
/**
 * @file pledge/model.h
 * @brief The pledge data model: pledges and follow-up reports, validated
 *        against the built-in schemas and the semantic rules, as typed,
 *        read-only objects; sets of documents with cross-document checks;
 *        progress.
 *
 * The formats are described in docs/format.md; the built-in schemas are
 * those of schema/ (compiled into the library).
 *
 * Loading a document runs, in order: the choice of the built-in schema by
 * the document's "format" key (pledge.unknown-format when it names no known
 * format), JSON Schema validation with format assertion on, and the
 * semantic checks of its kind (every problem is reported, not the first
 * only: the semantic checks also run on what they can read of a document
 * that the schema rejected). A document with an error gives no model but a
 * full list of diagnostics; warnings come with the model.
 *
 * Validating files as pledge-validate does: use pledge/session.h, which
 * takes files, folders, buffers and streams and does all of this. By hand:
 * read each tree in load order (pledge_reader_next), hand it to
 * pledge_set_load, then run pledge_set_check once; pledge_set_progress
 * answers from the same set.
 *
 * Ownership in one sentence: a pledge_doc owns its source tree and every
 * object reachable from it; every pointer an accessor returns (objects and
 * strings) is borrowed from the document and valid while the document
 * lives. Accessors accept NULL objects and then return NULL, 0 or an empty
 * value; on a document of the other kind they return the same.
 *
 * Strings: every string accessor returns NUL-terminated bytes and, when
 * @c len is non-NULL, stores their length in *len (strings may hold NUL
 * bytes: an escaped "\0" is content). An absent optional field gives NULL
 * (and *len = 0).
 *
 * Text fields (marked "text"): @p lang NULL means the document's language;
 * any other language tag returns that language's entry, or NULL when the
 * text has none. For a follow-up without a "language" key (its language is
 * its pledge's, unknown to the document alone), @p lang NULL returns a
 * plain string as is and the first entry of a language mapping.
 *
 * Thread safety: loading is thread-safe (the built-in schemas are compiled
 * once per process). A document is immutable: any number of threads may
 * read it at once.
 */
#ifndef PLEDGE_MODEL_H
#define PLEDGE_MODEL_H

#include "common.h"
#include "diag.h"
#include "node.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Value types                                                         */
/* ------------------------------------------------------------------ */

/** How much of a date was given. */
typedef enum pledge_date_precision {
    PLEDGE_DATE_NONE = 0,  /**< no date (absent, e.g. an open period end) */
    PLEDGE_DATE_YEAR = 1,  /**< "2024" or 2024: month and day are 0 */
    PLEDGE_DATE_MONTH = 2, /**< "2024-05": day is 0 */
    PLEDGE_DATE_DAY = 3    /**< "2024-05-17" */
} pledge_date_precision;

/**
 * A date or a partial date, exactly as written: parts that were not given
 * are 0. Use pledge_date_first_day() / pledge_date_last_day() for the day
 * a partial date stands for as a start or as an end.
 */
typedef struct pledge_date {
    int year;  /**< 1..9999; 0 when precision is NONE */
    int month; /**< 1..12, or 0 when not given */
    int day;   /**< 1..31, or 0 when not given */
    pledge_date_precision precision;
} pledge_date;

/**
 * Parse a date ("2024-05-17"), a month ("2024-05") or a year ("2024") of
 * @p len bytes. Days are checked against the calendar (2023-02-29 fails).
 * @return 0, or PLEDGE_EINVALID (then *out has precision NONE), PLEDGE_EARG.
 */
PLEDGE_EXTERN int pledge_date_parse(pledge_date *out, const char *s, size_t len);

/**
 * Order two dates by year, then month, then day, a part not given coming
 * before any given one (2024 < 2024-01 < 2024-01-01 < 2024-01-02); a date
 * with precision NONE comes before every other. @return <0, 0 or >0.
 */
PLEDGE_EXTERN int pledge_date_compare(pledge_date a, pledge_date b);

/** The first day @p d stands for (as a start): 2024 → 2024-01-01.
 *  Precision NONE stays NONE. */
PLEDGE_EXTERN pledge_date pledge_date_first_day(pledge_date d);

/** The last day @p d stands for (as an end): 2024-02 → 2024-02-29. */
PLEDGE_EXTERN pledge_date pledge_date_last_day(pledge_date d);

/** Days from 1970-01-01 to the first day of @p d (negative before it);
 *  0 for precision NONE. Calendar days, proleptic Gregorian. */
PLEDGE_EXTERN int64_t pledge_date_days(pledge_date d);

/**
 * Write @p d as it was given ("2024", "2024-05", "2024-05-17"; "" for
 * NONE) into @p buf of @p size bytes, NUL-terminated (truncated if short).
 * @return the length of the full text (at most 10).
 */
PLEDGE_EXTERN size_t pledge_date_format(pledge_date d, char *buf, size_t size);

/** A number of the source: always as a double, and exactly as an integer
 *  when the source wrote an integer that fits int64. */
typedef struct pledge_number {
    double value;     /**< the value (nearest double) */
    int64_t integer;  /**< the exact value when is_integer; else 0 */
    int is_integer;   /**< 1 when the source had an integer within int64 */
} pledge_number;

/* ------------------------------------------------------------------ */
/* Enumerations                                                        */
/* ------------------------------------------------------------------ */
/* Each enumeration has a _name() function that returns the keyword of the
 * format (a static string), or NULL for 0 (absent) and unknown values. */

/** The kind of a document. */
typedef enum pledge_doc_kind {
    PLEDGE_DOC_PLEDGE = 1,   /**< format: pledge/1 */
    PLEDGE_DOC_FOLLOW_UP = 2 /**< format: follow-up/1 */
} pledge_doc_kind;
/** "pledge/1" or "follow-up/1". */
PLEDGE_EXTERN const char *pledge_doc_kind_name(pledge_doc_kind kind);

/** A pledge's own status ("status" key). */
typedef enum pledge_doc_status {
    PLEDGE_DOC_STATUS_NONE = 0, /**< not a pledge */
    PLEDGE_DOC_STATUS_ACTIVE,
    PLEDGE_DOC_STATUS_DRAFT,
    PLEDGE_DOC_STATUS_ENDED,
    PLEDGE_DOC_STATUS_SUPERSEDED
} pledge_doc_status;
PLEDGE_EXTERN const char *pledge_doc_status_name(pledge_doc_status status);

typedef enum pledge_party_kind {
    PLEDGE_PARTY_NONE = 0,
    PLEDGE_PARTY_MUNICIPALITY,
    PLEDGE_PARTY_POLICE,
    PLEDGE_PARTY_REGION,
    PLEDGE_PARTY_RESCUE_SERVICE,
    PLEDGE_PARTY_HOUSING,
    PLEDGE_PARTY_TRANSPORT,
    PLEDGE_PARTY_BUSINESS,
    PLEDGE_PARTY_CIVIL_SOCIETY,
    PLEDGE_PARTY_SCHOOL,
    PLEDGE_PARTY_OTHER
} pledge_party_kind;
PLEDGE_EXTERN const char *pledge_party_kind_name(pledge_party_kind kind);

typedef enum pledge_source_kind {
    PLEDGE_SOURCE_NONE = 0,
    PLEDGE_SOURCE_CITIZEN_DIALOGUE,
    PLEDGE_SOURCE_STAFF_DIALOGUE,
    PLEDGE_SOURCE_PARTNER_DIALOGUE,
    PLEDGE_SOURCE_SAFETY_SURVEY,
    PLEDGE_SOURCE_CRIME_STATISTICS,
    PLEDGE_SOURCE_SCHOOL_SURVEY,
    PLEDGE_SOURCE_NATIONAL_REPORT,
    PLEDGE_SOURCE_OTHER
} pledge_source_kind;
PLEDGE_EXTERN const char *pledge_source_kind_name(pledge_source_kind kind);

/** follow_up.frequency */
typedef enum pledge_frequency {
    PLEDGE_FREQUENCY_NONE = 0,
    PLEDGE_FREQUENCY_CONTINUOUS,
    PLEDGE_FREQUENCY_TERTIAL,
    PLEDGE_FREQUENCY_HALF_YEAR,
    PLEDGE_FREQUENCY_ANNUAL,
    PLEDGE_FREQUENCY_END_OF_PERIOD
} pledge_frequency;
PLEDGE_EXTERN const char *pledge_frequency_name(pledge_frequency frequency);

typedef enum pledge_recurrence {
    PLEDGE_RECURRENCE_NONE = 0,
    PLEDGE_RECURRENCE_ONCE,
    PLEDGE_RECURRENCE_YEARLY,
    PLEDGE_RECURRENCE_CONTINUOUS,
    PLEDGE_RECURRENCE_DAILY,   /**< 1.1 */
    PLEDGE_RECURRENCE_WEEKLY,  /**< 1.1 */
    PLEDGE_RECURRENCE_MONTHLY  /**< 1.1 */
} pledge_recurrence;
PLEDGE_EXTERN const char *pledge_recurrence_name(pledge_recurrence recurrence);

/** activity target.comparator */
typedef enum pledge_comparator {
    PLEDGE_COMPARATOR_NONE = 0,
    PLEDGE_COMPARATOR_AT_LEAST,
    PLEDGE_COMPARATOR_EXACTLY,
    PLEDGE_COMPARATOR_AT_MOST
} pledge_comparator;
PLEDGE_EXTERN const char *pledge_comparator_name(pledge_comparator comparator);

/** activity target.per, and an output's per (1.1) */
typedef enum pledge_per {
    PLEDGE_PER_NONE = 0, /**< absent (e.g. a response time, "inom 24 timmar") */
    PLEDGE_PER_PERIOD,
    PLEDGE_PER_YEAR,
    PLEDGE_PER_DAY,   /**< 1.1 */
    PLEDGE_PER_WEEK,  /**< 1.1 */
    PLEDGE_PER_MONTH, /**< 1.1 */
    PLEDGE_PER_TERM   /**< 1.1: a school term */
} pledge_per;
PLEDGE_EXTERN const char *pledge_per_name(pledge_per per);

/** A party's role (1.1): absent means pledging. */
typedef enum pledge_party_role {
    PLEDGE_PARTY_ROLE_NONE = 0,
    PLEDGE_PARTY_ROLE_PLEDGING, /**< makes the pledge (the default) */
    PLEDGE_PARTY_ROLE_PARTNER   /**< takes part without making it */
} pledge_party_role;
PLEDGE_EXTERN const char *pledge_party_role_name(pledge_party_role role);

/** A place's kind (1.1). */
typedef enum pledge_place_kind {
    PLEDGE_PLACE_NONE = 0,
    PLEDGE_PLACE_ROAD,
    PLEDGE_PLACE_STREET,
    PLEDGE_PLACE_SQUARE,
    PLEDGE_PLACE_STATION,
    PLEDGE_PLACE_SCHOOL,
    PLEDGE_PLACE_PARK,
    PLEDGE_PLACE_TUNNEL,
    PLEDGE_PLACE_RESIDENTIAL_AREA,
    PLEDGE_PLACE_TOWN,
    PLEDGE_PLACE_OTHER
} pledge_place_kind;
PLEDGE_EXTERN const char *pledge_place_kind_name(pledge_place_kind kind);

/** How exact a follow-up's output is (1.1): absent means exactly. */
typedef enum pledge_qualifier {
    PLEDGE_QUALIFIER_NONE = 0,
    PLEDGE_QUALIFIER_EXACTLY,
    PLEDGE_QUALIFIER_ABOUT,     /**< "ca" */
    PLEDGE_QUALIFIER_AT_LEAST,  /**< "minst" */
    PLEDGE_QUALIFIER_MORE_THAN, /**< "drygt" */
    PLEDGE_QUALIFIER_AT_MOST
} pledge_qualifier;
PLEDGE_EXTERN const char *pledge_qualifier_name(pledge_qualifier qualifier);

typedef enum pledge_goal_level {
    PLEDGE_GOAL_LEVEL_NONE = 0,
    PLEDGE_GOAL_LEVEL_IMPACT,
    PLEDGE_GOAL_LEVEL_OUTCOME,
    PLEDGE_GOAL_LEVEL_OUTPUT
} pledge_goal_level;
PLEDGE_EXTERN const char *pledge_goal_level_name(pledge_goal_level level);

/** An indicator's unit. */
typedef enum pledge_unit {
    PLEDGE_UNIT_NONE = 0,
    PLEDGE_UNIT_PERCENT,
    PLEDGE_UNIT_COUNT,
    PLEDGE_UNIT_RATE,
    PLEDGE_UNIT_INDEX,
    PLEDGE_UNIT_TEXT
} pledge_unit;
PLEDGE_EXTERN const char *pledge_unit_name(pledge_unit unit);

/** An indicator's direction. */
typedef enum pledge_direction {
    PLEDGE_DIRECTION_NONE = 0, /**< absent (unit text) */
    PLEDGE_DIRECTION_INCREASE,
    PLEDGE_DIRECTION_DECREASE,
    PLEDGE_DIRECTION_MAINTAIN
} pledge_direction;
PLEDGE_EXTERN const char *pledge_direction_name(pledge_direction direction);

typedef enum pledge_channel_kind {
    PLEDGE_CHANNEL_NONE = 0,
    PLEDGE_CHANNEL_WEB,
    PLEDGE_CHANNEL_FACEBOOK,
    PLEDGE_CHANNEL_INSTAGRAM,
    PLEDGE_CHANNEL_X,
    PLEDGE_CHANNEL_YOUTUBE,
    PLEDGE_CHANNEL_NEWSLETTER,
    PLEDGE_CHANNEL_MEETING,
    PLEDGE_CHANNEL_OTHER
} pledge_channel_kind;
PLEDGE_EXTERN const char *pledge_channel_kind_name(pledge_channel_kind kind);

/**
 * The status of an activity in a follow-up report, and in progress.
 * PLEDGE_STATUS_NOT_REPORTED is progress only: no follow-up mentions the
 * activity.
 */
typedef enum pledge_status {
    PLEDGE_STATUS_NOT_REPORTED = 0, /**< "not_reported" */
    PLEDGE_STATUS_NOT_STARTED,      /**< "not_started", ej påbörjad */
    PLEDGE_STATUS_IN_PROGRESS,      /**< "in_progress", pågår */
    PLEDGE_STATUS_STALLED,          /**< "stalled", avstannad */
    PLEDGE_STATUS_PARTIALLY_DONE,   /**< "partially_done", delvis genomförd */
    PLEDGE_STATUS_DONE,             /**< "done", genomförd */
    PLEDGE_STATUS_CANCELLED,        /**< "cancelled", struken */
    PLEDGE_STATUS_NOT_ASSESSABLE,   /**< "not_assessable", kan ej bedömas */
    PLEDGE_STATUS_NOT_DONE          /**< "not_done", ej genomförd (1.1; last, so
                                         the earlier values keep theirs) */
} pledge_status;
#define PLEDGE_STATUS_COUNT 9 /**< statuses, not_reported included */

/** "not_reported", "not_started", ... (NOT_REPORTED has a name too). */
PLEDGE_EXTERN const char *pledge_status_name(pledge_status status);
/** The Swedish display form: "ej påbörjad", ...; "ej rapporterad" for
 *  NOT_REPORTED. UTF-8, static. */
PLEDGE_EXTERN const char *pledge_status_label_sv(pledge_status status);

/* ------------------------------------------------------------------ */
/* Documents                                                           */
/* ------------------------------------------------------------------ */

/** A validated pledge or follow-up report. Opaque, immutable. */
typedef struct pledge_doc pledge_doc;

/* Objects of a document: opaque, immutable, borrowed from their document
 * and valid while it lives. */
typedef struct pledge_party pledge_party;       /**< a party (who pledges) */
typedef struct pledge_source pledge_source;     /**< a source of the lägesbild,
                                                     an indicator or a measurement */
typedef struct pledge_problem pledge_problem;   /**< a problem of the lägesbild */
typedef struct pledge_theme pledge_theme;       /**< a group of activities */
typedef struct pledge_activity pledge_activity; /**< one promised activity */
typedef struct pledge_goal pledge_goal;         /**< "Det här ska vi åstadkomma" */
typedef struct pledge_indicator pledge_indicator; /**< how a goal is measured */
typedef struct pledge_channel pledge_channel;   /**< where to follow the pledge */
typedef struct pledge_contact pledge_contact;   /**< who to turn to */
typedef struct pledge_entry pledge_entry;       /**< a follow-up's activity status */
typedef struct pledge_evidence pledge_evidence; /**< a link that documents an entry */
typedef struct pledge_measurement pledge_measurement; /**< a follow-up's indicator value */
typedef struct pledge_place pledge_place;       /**< a named place (1.1) */
typedef struct pledge_output pledge_output;     /**< a count a follow-up states (1.1) */

/**
 * Validate one document tree in pledge mode: choose the built-in schema by
 * its "format" key (pledge.unknown-format if none fits), validate it, then
 * run the semantic checks of its kind. Every problem is appended to
 * @p diags (file and document taken from the tree). Problems that the
 * reader found in the tree (pledge_tree_error_count) make it invalid too.
 *
 * When the document has no error and @p out is non-NULL, *out gets the
 * model (caller frees with pledge_doc_free); warnings are in @p diags.
 * The tree is borrowed during the call only: the document keeps a copy
 * (use pledge_doc_from_tree_owned to hand the tree over without a copy).
 * Thread-safe: the built-in schemas are compiled once per process.
 * @p allocator may be NULL.
 * @return 0 (valid, warnings allowed), PLEDGE_EINVALID, PLEDGE_ENOMEM,
 *         PLEDGE_EARG, PLEDGE_ERROR (a built-in schema could not be
 *         compiled: a diagnostic says why).
 */
PLEDGE_EXTERN int pledge_doc_from_tree(pledge_doc **out, const pledge_tree *tree,
                                       const pledge_allocator *allocator,
                                       pledge_diag_list *diags);

/**
 * As pledge_doc_from_tree, but takes ownership of @p tree (also on
 * failure: it is freed then), so the document keeps it without a copy.
 */
PLEDGE_EXTERN int pledge_doc_from_tree_owned(pledge_doc **out, pledge_tree *tree,
                                             const pledge_allocator *allocator,
                                             pledge_diag_list *diags);

/**
 * As pledge_doc_from_tree_owned, except that a document with errors hands
 * its tree back in *rejected (caller frees with pledge_tree_free) instead
 * of freeing it, when @p rejected is non-NULL. For pipelines that validate
 * in worker threads and then add every document, valid or not, to a set
 * in load order (pledge_set_add / pledge_set_add_invalid).
 * @return as pledge_doc_from_tree; *rejected is set only with
 *         PLEDGE_EINVALID.
 */
PLEDGE_EXTERN int pledge_doc_take_tree(pledge_doc **out, pledge_tree *tree,
                                       const pledge_allocator *allocator,
                                       pledge_diag_list *diags, pledge_tree **rejected);

/**
 * Read the next document of @p reader and load it (the tree is handed to
 * the document, no copy). @p allocator should be the reader's.
 * @return 0 with *out the document (caller frees), or 0 with *out NULL at
 *         the end of the stream; PLEDGE_EINVALID for a document with errors
 *         (*out NULL; call again for the next document); PLEDGE_ENOMEM,
 *         PLEDGE_EARG, PLEDGE_ERROR.
 */
PLEDGE_EXTERN int pledge_doc_read_next(pledge_doc **out, pledge_reader *reader,
                                       const pledge_allocator *allocator,
                                       pledge_diag_list *diags);

/**
 * Load the one document of the file at @p path (@p opts may be NULL: the
 * defaults; its allocator serves everything). Every document of the file
 * is read and validated; caller frees *out with pledge_doc_free.
 * @return 0; PLEDGE_EIO (unreadable: an io.error diagnostic);
 *         PLEDGE_EINVALID (a document has errors, the diagnostics say
 *         which, or the stream holds no document or more than one: a
 *         yaml.syntax diagnostic says so); PLEDGE_ENOMEM; PLEDGE_EARG.
 */
PLEDGE_EXTERN int pledge_doc_load_file(pledge_doc **out, const char *path,
                                       const pledge_load_options *opts,
                                       pledge_diag_list *diags);

/** As pledge_doc_load_file, from @p len bytes at @p data named @p name in
 *  diagnostics (NULL: ""). The bytes are copied. */
PLEDGE_EXTERN int pledge_doc_load_buffer(pledge_doc **out, const char *name,
                                         const void *data, size_t len,
                                         const pledge_load_options *opts,
                                         pledge_diag_list *diags);

/** Free a document and everything borrowed from it. Accepts NULL. */
PLEDGE_EXTERN void pledge_doc_free(pledge_doc *doc);

PLEDGE_EXTERN pledge_doc_kind pledge_doc_kind_of(const pledge_doc *doc);

/** The source name the document was read from (borrowed, never NULL). */
PLEDGE_EXTERN const char *pledge_doc_file(const pledge_doc *doc);

/** 0-based index of the document in its stream. */
PLEDGE_EXTERN size_t pledge_doc_index(const pledge_doc *doc);

/**
 * The source tree's root (borrowed): exactly the keys of the source, x-
 * keys included, no default filled in. Read it with the pledge_node_*
 * functions (e.g. to convert a document into a language's own data).
 */
PLEDGE_EXTERN const pledge_node *pledge_doc_root(const pledge_doc *doc);

/** Write the document back as YAML / as JSON (see pledge_node_write_yaml
 *  and pledge_node_write_json for @p flags and the sink). Loading the
 *  output again gives an equal document. @return as those functions. */
PLEDGE_EXTERN int pledge_doc_write_yaml(const pledge_doc *doc, unsigned int flags,
                                        pledge_write_fn write, void *ud);
PLEDGE_EXTERN int pledge_doc_write_json(const pledge_doc *doc, unsigned int flags,
                                        pledge_write_fn write, void *ud);

/** 1 when both documents are of the same kind and hold equal data (see
 *  pledge_node_equal; positions and key order ignored), else 0. */
PLEDGE_EXTERN int pledge_doc_equal(const pledge_doc *a, const pledge_doc *b);

/**
 * The embedded YAML text of the built-in schema of @p format ("pledge/1"
 * or "follow-up/1"); *len (if non-NULL) gets its length. Static, never to
 * be freed; NULL for any other format.
 */
PLEDGE_EXTERN const char *pledge_format_schema_source(const char *format, size_t *len);

/* ---- fields of both kinds --------------------------------------- */

/** "id": the pledge's id; a follow-up's own (optional) id. */
PLEDGE_EXTERN const char *pledge_doc_id(const pledge_doc *doc, size_t *len);

/** "language": the document's language tag; NULL for a follow-up
 *  without one (its language is its pledge's). */
PLEDGE_EXTERN const char *pledge_doc_language(const pledge_doc *doc, size_t *len);

/** "summary" (text). */
PLEDGE_EXTERN const char *pledge_doc_summary(const pledge_doc *doc, const char *lang,
                                             size_t *len);

/**
 * The text of the top-level key @p key ("title", "focus", "summary"; any
 * key whose value is a string or a language mapping) in @p lang (NULL:
 * the document's language); NULL when the key is absent, is not a text,
 * or has no such language. For bindings' text(key, lang).
 */
PLEDGE_EXTERN const char *pledge_doc_text(const pledge_doc *doc, const char *key,
                                          const char *lang, size_t *len);

/*
 * Generic access by key (1.1). Plain strings and texts are read by key,
 * so a key added to the format needs no accessor of its own; the typed
 * accessors below stay where they add meaning (resolved references,
 * dates with precision, enumerations, numbers).
 */

/**
 * The node at JSON Pointer @p pointer from the document's root ("" is the
 * root; "/signing/place", "/area/districts/0"), or NULL when absent.
 * Borrowed from the document. Read it with the pledge_node_* functions.
 */
PLEDGE_EXTERN const pledge_node *pledge_doc_get(const pledge_doc *doc, const char *pointer);

/**
 * The text (a plain string, or a language mapping read in @p lang as the
 * text accessors do) under @p key of the mapping @p map of @p doc (a
 * node of the document: pledge_doc_root, pledge_doc_get or an object's
 * pledge_*_node); NULL when absent or not a text. @p key starting with
 * '/' is a JSON Pointer from @p map ("/signatories/0/name").
 * E.g. pledge_doc_text_in(doc, pledge_activity_node(a), "when", NULL, &n).
 */
PLEDGE_EXTERN const char *pledge_doc_text_in(const pledge_doc *doc, const pledge_node *map,
                                             const char *key, const char *lang, size_t *len);

/**
 * "period.start": a partial date as written (pledge_date_first_day gives
 * the day it stands for); 1.1: a follow-up's too, and precision NONE for a
 * follow-up without a period.
 */
PLEDGE_EXTERN pledge_date pledge_doc_period_start(const pledge_doc *doc);

/** "period.end": precision NONE when the pledge's period is open
 *  ("tillsvidare"). */
PLEDGE_EXTERN pledge_date pledge_doc_period_end(const pledge_doc *doc);

/* ---- pledge/1 --------------------------------------------------- */

/** "title" (text). */
PLEDGE_EXTERN const char *pledge_doc_title(const pledge_doc *doc, const char *lang,
                                           size_t *len);
/** "status"; PLEDGE_DOC_STATUS_ACTIVE when absent ("absent means active"). */
PLEDGE_EXTERN pledge_doc_status pledge_doc_status_of(const pledge_doc *doc);
/** "supersedes": the id of the pledge this one replaces, or NULL. */
PLEDGE_EXTERN const char *pledge_doc_supersedes(const pledge_doc *doc, size_t *len);

/** "area.municipality", "area.municipality_code" (SCB kommunkod),
 *  "area.police_area", "area.region": strings or NULL. */
PLEDGE_EXTERN const char *pledge_doc_municipality(const pledge_doc *doc, size_t *len);
PLEDGE_EXTERN const char *pledge_doc_municipality_code(const pledge_doc *doc, size_t *len);
PLEDGE_EXTERN const char *pledge_doc_police_area(const pledge_doc *doc, size_t *len);
PLEDGE_EXTERN const char *pledge_doc_region(const pledge_doc *doc, size_t *len);

/** "agreement.name" (text) and "agreement.url". */
PLEDGE_EXTERN const char *pledge_doc_agreement_name(const pledge_doc *doc, const char *lang,
                                                    size_t *len);
PLEDGE_EXTERN const char *pledge_doc_agreement_url(const pledge_doc *doc, size_t *len);

/** "period.planned_years", 0 when absent. */
PLEDGE_EXTERN int pledge_doc_period_planned_years(const pledge_doc *doc);
/** "period.label" (text), e.g. "2024 och tillsvidare". */
PLEDGE_EXTERN const char *pledge_doc_period_label(const pledge_doc *doc, const char *lang,
                                                  size_t *len);

/** "published" (1.1): a partial date, precision NONE when absent. */
PLEDGE_EXTERN pledge_date pledge_doc_published(const pledge_doc *doc);

/** "signing.date" (1.1): a partial date, precision NONE when absent. */
PLEDGE_EXTERN pledge_date pledge_doc_signing_date(const pledge_doc *doc);
/** "signing.signatories" (1.1): their count, and the party the
 *  @p index-th signed for, resolved (NULL when it names none). Its name
 *  and role: pledge_doc_text_in(doc, pledge_doc_get(doc, "/signing"),
 *  "/signatories/0/name", ...). */
PLEDGE_EXTERN size_t pledge_doc_signatory_count(const pledge_doc *doc);
PLEDGE_EXTERN const pledge_party *pledge_doc_signatory_party(const pledge_doc *doc,
                                                             size_t index);

/** "focus" (text): the "Särskilt fokus på…" line. */
PLEDGE_EXTERN const char *pledge_doc_focus(const pledge_doc *doc, const char *lang,
                                           size_t *len);

/** "situation.description" (text): the lägesbild. */
PLEDGE_EXTERN const char *pledge_doc_situation(const pledge_doc *doc, const char *lang,
                                               size_t *len);

/** "follow_up.methods": count and the @p index-th source kind (NONE when
 *  out of range). */
PLEDGE_EXTERN size_t pledge_doc_follow_up_method_count(const pledge_doc *doc);
PLEDGE_EXTERN pledge_source_kind pledge_doc_follow_up_method_at(const pledge_doc *doc,
                                                                size_t index);
/** "follow_up.frequency", NONE when absent. */
PLEDGE_EXTERN pledge_frequency pledge_doc_follow_up_frequency(const pledge_doc *doc);
/** "follow_up.description" (text). */
PLEDGE_EXTERN const char *pledge_doc_follow_up_description(const pledge_doc *doc,
                                                           const char *lang, size_t *len);

/*
 * Lists of a pledge: a count, the @p index-th element in document order
 * (NULL when out of range), and for elements with ids a lookup by id
 * (NUL-terminated; a hash lookup; NULL when absent). Activities and
 * indicators are numbered over the whole pledge (all themes, all goals).
 * Every element returned is borrowed from the document (valid while it
 * lives).
 */
PLEDGE_EXTERN size_t pledge_doc_party_count(const pledge_doc *doc);
PLEDGE_EXTERN const pledge_party *pledge_doc_party_at(const pledge_doc *doc, size_t index);
PLEDGE_EXTERN const pledge_party *pledge_doc_party(const pledge_doc *doc, const char *id);

/** "situation.sources" (a source may lack an id: the lookup finds those
 *  that have one). */
PLEDGE_EXTERN size_t pledge_doc_source_count(const pledge_doc *doc);
PLEDGE_EXTERN const pledge_source *pledge_doc_source_at(const pledge_doc *doc, size_t index);
PLEDGE_EXTERN const pledge_source *pledge_doc_source(const pledge_doc *doc, const char *id);

/** "situation.problems" */
PLEDGE_EXTERN size_t pledge_doc_problem_count(const pledge_doc *doc);
PLEDGE_EXTERN const pledge_problem *pledge_doc_problem_at(const pledge_doc *doc, size_t index);
PLEDGE_EXTERN const pledge_problem *pledge_doc_problem(const pledge_doc *doc, const char *id);

/** "places" (1.1) */
PLEDGE_EXTERN size_t pledge_doc_place_count(const pledge_doc *doc);
PLEDGE_EXTERN const pledge_place *pledge_doc_place_at(const pledge_doc *doc, size_t index);
PLEDGE_EXTERN const pledge_place *pledge_doc_place(const pledge_doc *doc, const char *id);

PLEDGE_EXTERN size_t pledge_doc_theme_count(const pledge_doc *doc);
PLEDGE_EXTERN const pledge_theme *pledge_doc_theme_at(const pledge_doc *doc, size_t index);
PLEDGE_EXTERN const pledge_theme *pledge_doc_theme(const pledge_doc *doc, const char *id);

/** Every activity: those of the flat "activities" list (1.1) first, then
 *  those of every theme, in document order. */
PLEDGE_EXTERN size_t pledge_doc_activity_count(const pledge_doc *doc);
PLEDGE_EXTERN const pledge_activity *pledge_doc_activity_at(const pledge_doc *doc,
                                                            size_t index);
PLEDGE_EXTERN const pledge_activity *pledge_doc_activity(const pledge_doc *doc,
                                                         const char *id);

PLEDGE_EXTERN size_t pledge_doc_goal_count(const pledge_doc *doc);
PLEDGE_EXTERN const pledge_goal *pledge_doc_goal_at(const pledge_doc *doc, size_t index);
PLEDGE_EXTERN const pledge_goal *pledge_doc_goal(const pledge_doc *doc, const char *id);

/** Every indicator of every goal, in document order. */
PLEDGE_EXTERN size_t pledge_doc_indicator_count(const pledge_doc *doc);
PLEDGE_EXTERN const pledge_indicator *pledge_doc_indicator_at(const pledge_doc *doc,
                                                              size_t index);
PLEDGE_EXTERN const pledge_indicator *pledge_doc_indicator(const pledge_doc *doc,
                                                           const char *id);

PLEDGE_EXTERN size_t pledge_doc_channel_count(const pledge_doc *doc);
PLEDGE_EXTERN const pledge_channel *pledge_doc_channel_at(const pledge_doc *doc, size_t index);

PLEDGE_EXTERN size_t pledge_doc_contact_count(const pledge_doc *doc);
PLEDGE_EXTERN const pledge_contact *pledge_doc_contact_at(const pledge_doc *doc, size_t index);

/* ---- party: borrowed from its document, valid while it lives; every
 *      pointer and string it gives is borrowed from the document too. */

PLEDGE_EXTERN const char *pledge_party_id(const pledge_party *party, size_t *len);
/** "name" (text) */
PLEDGE_EXTERN const char *pledge_party_name(const pledge_party *party, const char *lang,
                                            size_t *len);
PLEDGE_EXTERN pledge_party_kind pledge_party_kind_of(const pledge_party *party);
PLEDGE_EXTERN const char *pledge_party_url(const pledge_party *party, size_t *len);
/** "identifiers": count, and the @p index-th scheme and value (NULL when
 *  out of range). */
PLEDGE_EXTERN size_t pledge_party_identifier_count(const pledge_party *party);
PLEDGE_EXTERN const char *pledge_party_identifier_scheme(const pledge_party *party,
                                                         size_t index, size_t *len);
PLEDGE_EXTERN const char *pledge_party_identifier_value(const pledge_party *party,
                                                        size_t index, size_t *len);
/** Its position in pledge_doc_party_at order. */
PLEDGE_EXTERN size_t pledge_party_index(const pledge_party *party);
/** "role" (1.1): PLEDGING when absent. */
PLEDGE_EXTERN pledge_party_role pledge_party_role_of(const pledge_party *party);
/** The party's mapping, for pledge_doc_text_in. */
PLEDGE_EXTERN const pledge_node *pledge_party_node(const pledge_party *party);

/* ---- place (1.1): borrowed from its document, valid while it lives. */

PLEDGE_EXTERN const char *pledge_place_id(const pledge_place *place, size_t *len);
/** "name" (text) */
PLEDGE_EXTERN const char *pledge_place_name(const pledge_place *place, const char *lang,
                                            size_t *len);
/** "kind", NONE when absent. */
PLEDGE_EXTERN pledge_place_kind pledge_place_kind_of(const pledge_place *place);
PLEDGE_EXTERN size_t pledge_place_index(const pledge_place *place);
/** The place's mapping ("description": pledge_doc_text_in). */
PLEDGE_EXTERN const pledge_node *pledge_place_node(const pledge_place *place);

/* ---- source: borrowed from its document, valid while it lives; every
 *      pointer and string it gives is borrowed from the document too. */

PLEDGE_EXTERN pledge_source_kind pledge_source_kind_of(const pledge_source *source);
/** "id", or NULL when the source has none. */
PLEDGE_EXTERN const char *pledge_source_id(const pledge_source *source, size_t *len);
/** "title" (text) */
PLEDGE_EXTERN const char *pledge_source_title(const pledge_source *source, const char *lang,
                                              size_t *len);
/** "year", 0 when absent. */
PLEDGE_EXTERN int pledge_source_year(const pledge_source *source);
PLEDGE_EXTERN const char *pledge_source_url(const pledge_source *source, size_t *len);

/* ---- problem: borrowed from its document, valid while it lives; every
 *      pointer and string it gives is borrowed from the document too. */

PLEDGE_EXTERN const char *pledge_problem_id(const pledge_problem *problem, size_t *len);
PLEDGE_EXTERN const char *pledge_problem_title(const pledge_problem *problem,
                                               const char *lang, size_t *len);
PLEDGE_EXTERN const char *pledge_problem_description(const pledge_problem *problem,
                                                     const char *lang, size_t *len);
/** "sources": the situation's sources that raised it, resolved. */
PLEDGE_EXTERN size_t pledge_problem_source_count(const pledge_problem *problem);
PLEDGE_EXTERN const pledge_source *pledge_problem_source_at(const pledge_problem *problem,
                                                            size_t index);

/* ---- theme: borrowed from its document, valid while it lives; every
 *      pointer and string it gives is borrowed from the document too. */

PLEDGE_EXTERN const char *pledge_theme_id(const pledge_theme *theme, size_t *len);
PLEDGE_EXTERN const char *pledge_theme_title(const pledge_theme *theme, const char *lang,
                                             size_t *len);
PLEDGE_EXTERN const char *pledge_theme_description(const pledge_theme *theme,
                                                   const char *lang, size_t *len);
PLEDGE_EXTERN size_t pledge_theme_activity_count(const pledge_theme *theme);
PLEDGE_EXTERN const pledge_activity *pledge_theme_activity_at(const pledge_theme *theme,
                                                              size_t index);
PLEDGE_EXTERN size_t pledge_theme_index(const pledge_theme *theme);

/* ---- activity: borrowed from its document, valid while it lives; every
 *      pointer and string it gives is borrowed from the document too. */

PLEDGE_EXTERN const char *pledge_activity_id(const pledge_activity *activity, size_t *len);
/** "text" (text): what is promised. */
PLEDGE_EXTERN const char *pledge_activity_text(const pledge_activity *activity,
                                               const char *lang, size_t *len);
/** The theme it belongs to; NULL for one of the flat "activities" list. */
PLEDGE_EXTERN const pledge_theme *pledge_activity_theme(const pledge_activity *activity);
/** The activity's mapping, for pledge_doc_text_in ("when", "condition"). */
PLEDGE_EXTERN const pledge_node *pledge_activity_node(const pledge_activity *activity);
/** "partners" (1.1), resolved to parties, in the order written. */
PLEDGE_EXTERN size_t pledge_activity_partner_count(const pledge_activity *activity);
PLEDGE_EXTERN const pledge_party *pledge_activity_partner_at(const pledge_activity *activity,
                                                             size_t index);
/** "places" (1.1), resolved. */
PLEDGE_EXTERN size_t pledge_activity_place_count(const pledge_activity *activity);
PLEDGE_EXTERN const pledge_place *pledge_activity_place_at(const pledge_activity *activity,
                                                           size_t index);
/** Its position in pledge_doc_activity_at order. */
PLEDGE_EXTERN size_t pledge_activity_index(const pledge_activity *activity);
/** "responsible", resolved to parties, in the order written; 0 when the
 *  pledge does not say who (1.1: never a guessed party). */
PLEDGE_EXTERN size_t pledge_activity_responsible_count(const pledge_activity *activity);
PLEDGE_EXTERN const pledge_party *pledge_activity_responsible_at(
    const pledge_activity *activity, size_t index);
/** "addresses", resolved to problems. */
PLEDGE_EXTERN size_t pledge_activity_problem_count(const pledge_activity *activity);
PLEDGE_EXTERN const pledge_problem *pledge_activity_problem_at(
    const pledge_activity *activity, size_t index);
/** "goals", resolved. */
PLEDGE_EXTERN size_t pledge_activity_goal_count(const pledge_activity *activity);
PLEDGE_EXTERN const pledge_goal *pledge_activity_goal_at(const pledge_activity *activity,
                                                         size_t index);
/** "target_group" (text) */
PLEDGE_EXTERN const char *pledge_activity_target_group(const pledge_activity *activity,
                                                       const char *lang, size_t *len);
PLEDGE_EXTERN pledge_recurrence pledge_activity_recurrence(const pledge_activity *activity);
/** "target": 1 when present. Its quantity (-1 when absent), comparator,
 *  unit (text) and per. */
PLEDGE_EXTERN int pledge_activity_has_target(const pledge_activity *activity);
PLEDGE_EXTERN int64_t pledge_activity_target_quantity(const pledge_activity *activity);
PLEDGE_EXTERN pledge_comparator pledge_activity_target_comparator(
    const pledge_activity *activity);
PLEDGE_EXTERN const char *pledge_activity_target_unit(const pledge_activity *activity,
                                                      const char *lang, size_t *len);
PLEDGE_EXTERN pledge_per pledge_activity_target_per(const pledge_activity *activity);

/* ---- goal: borrowed from its document, valid while it lives; every
 *      pointer and string it gives is borrowed from the document too. */

PLEDGE_EXTERN const char *pledge_goal_id(const pledge_goal *goal, size_t *len);
PLEDGE_EXTERN const char *pledge_goal_text(const pledge_goal *goal, const char *lang,
                                           size_t *len);
PLEDGE_EXTERN pledge_goal_level pledge_goal_level_of(const pledge_goal *goal);
PLEDGE_EXTERN size_t pledge_goal_indicator_count(const pledge_goal *goal);
PLEDGE_EXTERN const pledge_indicator *pledge_goal_indicator_at(const pledge_goal *goal,
                                                               size_t index);
PLEDGE_EXTERN size_t pledge_goal_index(const pledge_goal *goal);

/* ---- indicator: borrowed from its document, valid while it lives; every
 *      pointer and string it gives is borrowed from the document too. */

PLEDGE_EXTERN const char *pledge_indicator_id(const pledge_indicator *indicator,
                                              size_t *len);
PLEDGE_EXTERN const char *pledge_indicator_text(const pledge_indicator *indicator,
                                                const char *lang, size_t *len);
PLEDGE_EXTERN pledge_unit pledge_indicator_unit(const pledge_indicator *indicator);
PLEDGE_EXTERN pledge_direction pledge_indicator_direction(const pledge_indicator *indicator);
/** "source", or NULL. */
PLEDGE_EXTERN const pledge_source *pledge_indicator_source(const pledge_indicator *indicator);
/** The goal it belongs to. */
PLEDGE_EXTERN const pledge_goal *pledge_indicator_goal(const pledge_indicator *indicator);
PLEDGE_EXTERN size_t pledge_indicator_index(const pledge_indicator *indicator);
/** "baseline": 1 when present; its value and date (zero values when
 *  absent). */
PLEDGE_EXTERN int pledge_indicator_has_baseline(const pledge_indicator *indicator);
PLEDGE_EXTERN pledge_number pledge_indicator_baseline_value(const pledge_indicator *indicator);
PLEDGE_EXTERN pledge_date pledge_indicator_baseline_date(const pledge_indicator *indicator);
/** "target": likewise. */
PLEDGE_EXTERN int pledge_indicator_has_target(const pledge_indicator *indicator);
PLEDGE_EXTERN pledge_number pledge_indicator_target_value(const pledge_indicator *indicator);
PLEDGE_EXTERN pledge_date pledge_indicator_target_date(const pledge_indicator *indicator);

/* ---- channel: borrowed from its document, valid while it lives; every
 *      pointer and string it gives is borrowed from the document too. */

PLEDGE_EXTERN pledge_channel_kind pledge_channel_kind_of(const pledge_channel *channel);
PLEDGE_EXTERN const char *pledge_channel_url(const pledge_channel *channel, size_t *len);
/** "name" (text): e.g. "Polisen Kungälv och Ale". */
PLEDGE_EXTERN const char *pledge_channel_name(const pledge_channel *channel,
                                              const char *lang, size_t *len);
/** "owner", resolved; NULL when absent. */
PLEDGE_EXTERN const pledge_party *pledge_channel_owner(const pledge_channel *channel);

/* ---- contact: borrowed from its document, valid while it lives; every
 *      pointer and string it gives is borrowed from the document too. */

/** "party", resolved. */
PLEDGE_EXTERN const pledge_party *pledge_contact_party(const pledge_contact *contact);
/** "name": a person's name (a plain string, not a text). */
PLEDGE_EXTERN const char *pledge_contact_name(const pledge_contact *contact, size_t *len);
PLEDGE_EXTERN const char *pledge_contact_role(const pledge_contact *contact,
                                              const char *lang, size_t *len);
/** "note" (text): e.g. "Har du synpunkter, tips och idéer…". */
PLEDGE_EXTERN const char *pledge_contact_note(const pledge_contact *contact,
                                              const char *lang, size_t *len);
PLEDGE_EXTERN const char *pledge_contact_phone(const pledge_contact *contact, size_t *len);
PLEDGE_EXTERN const char *pledge_contact_email(const pledge_contact *contact, size_t *len);

/* ---- follow-up/1: entries, evidence and measurements are borrowed from
 *      their document and valid while it lives. */

/** "pledge": the id of the pledge reported on. */
PLEDGE_EXTERN const char *pledge_doc_pledge_id(const pledge_doc *doc, size_t *len);
/** "date": when it was published; 1.1: a partial date as written
 *  (precision NONE when absent). */
PLEDGE_EXTERN pledge_date pledge_doc_date(const pledge_doc *doc);

/** "reported_by" (1.1): the ids of the parties whose report it is (the
 *  pledge resolves them: follow-up.unknown-party). */
PLEDGE_EXTERN size_t pledge_doc_reported_by_count(const pledge_doc *doc);
PLEDGE_EXTERN const char *pledge_doc_reported_by_at(const pledge_doc *doc, size_t index,
                                                    size_t *len);

/** "other_work" (1.1): results tied to no promise. Their texts:
 *  pledge_doc_text_in(doc, pledge_doc_root(doc), "/other_work/0/text"). */
PLEDGE_EXTERN size_t pledge_doc_other_work_count(const pledge_doc *doc);
PLEDGE_EXTERN size_t pledge_doc_other_work_output_count(const pledge_doc *doc, size_t index);
PLEDGE_EXTERN const pledge_output *pledge_doc_other_work_output_at(const pledge_doc *doc,
                                                                   size_t index,
                                                                   size_t output);

/** "activities": the activity entries, in document order; lookup by the
 *  activity's id (an activity is reported at most once). */
PLEDGE_EXTERN size_t pledge_doc_entry_count(const pledge_doc *doc);
PLEDGE_EXTERN const pledge_entry *pledge_doc_entry_at(const pledge_doc *doc, size_t index);
PLEDGE_EXTERN const pledge_entry *pledge_doc_entry(const pledge_doc *doc,
                                                   const char *activity_id);

/** "indicators": the measurements, in document order (an indicator may
 *  appear once per date). */
PLEDGE_EXTERN size_t pledge_doc_measurement_count(const pledge_doc *doc);
PLEDGE_EXTERN const pledge_measurement *pledge_doc_measurement_at(const pledge_doc *doc,
                                                                  size_t index);

/** "activity": the id of the pledge's activity. */
PLEDGE_EXTERN const char *pledge_entry_activity_id(const pledge_entry *entry, size_t *len);
PLEDGE_EXTERN pledge_status pledge_entry_status(const pledge_entry *entry);
/** "done": how many were done; -1 when absent. */
PLEDGE_EXTERN int64_t pledge_entry_done(const pledge_entry *entry);
PLEDGE_EXTERN const char *pledge_entry_comment(const pledge_entry *entry, const char *lang,
                                               size_t *len);
/** The entry's mapping, for pledge_doc_text_in. */
PLEDGE_EXTERN const pledge_node *pledge_entry_node(const pledge_entry *entry);
/** "outputs" (1.1) */
PLEDGE_EXTERN size_t pledge_entry_output_count(const pledge_entry *entry);
PLEDGE_EXTERN const pledge_output *pledge_entry_output_at(const pledge_entry *entry,
                                                          size_t index);
/** "events" (1.1): count, the @p index-th date (a partial date) and text. */
PLEDGE_EXTERN size_t pledge_entry_event_count(const pledge_entry *entry);
PLEDGE_EXTERN pledge_date pledge_entry_event_date(const pledge_entry *entry, size_t index);
PLEDGE_EXTERN const char *pledge_entry_event_text(const pledge_entry *entry, size_t index,
                                                  const char *lang, size_t *len);

/* ---- output (1.1): borrowed from its document, valid while it lives. */

/** "value" */
PLEDGE_EXTERN pledge_number pledge_output_value(const pledge_output *output);
/** "unit" (text) */
PLEDGE_EXTERN const char *pledge_output_unit(const pledge_output *output, const char *lang,
                                             size_t *len);
/** "qualifier": EXACTLY when absent. */
PLEDGE_EXTERN pledge_qualifier pledge_output_qualifier(const pledge_output *output);
/** "per", NONE when absent. */
PLEDGE_EXTERN pledge_per pledge_output_per(const pledge_output *output);
/** "label" (text) */
PLEDGE_EXTERN const char *pledge_output_label(const pledge_output *output, const char *lang,
                                              size_t *len);

PLEDGE_EXTERN size_t pledge_entry_evidence_count(const pledge_entry *entry);
PLEDGE_EXTERN const pledge_evidence *pledge_entry_evidence_at(const pledge_entry *entry,
                                                              size_t index);

PLEDGE_EXTERN const char *pledge_evidence_url(const pledge_evidence *evidence, size_t *len);
PLEDGE_EXTERN const char *pledge_evidence_title(const pledge_evidence *evidence,
                                                const char *lang, size_t *len);
/** "date", precision NONE when absent. */
PLEDGE_EXTERN pledge_date pledge_evidence_date(const pledge_evidence *evidence);

/** "indicator": the id of the pledge's indicator. */
PLEDGE_EXTERN const char *pledge_measurement_indicator_id(const pledge_measurement *m,
                                                          size_t *len);
/** "value": 1 when present, and the value (zero when absent). */
PLEDGE_EXTERN int pledge_measurement_has_value(const pledge_measurement *m);
PLEDGE_EXTERN pledge_number pledge_measurement_value(const pledge_measurement *m);
PLEDGE_EXTERN pledge_date pledge_measurement_date(const pledge_measurement *m);
PLEDGE_EXTERN const pledge_source *pledge_measurement_source(const pledge_measurement *m);
PLEDGE_EXTERN const char *pledge_measurement_comment(const pledge_measurement *m,
                                                     const char *lang, size_t *len);

/* ------------------------------------------------------------------ */
/* Sets of documents                                                   */
/* ------------------------------------------------------------------ */

/** Documents validated together, in load order. Opaque. A set is used by
 *  one thread at a time (documents may be loaded in parallel and added in
 *  load order afterwards). */
typedef struct pledge_set pledge_set;

/** Set flags. */
#define PLEDGE_SET_RESOLVE 0x1u /**< a follow-up whose pledge is absent is
                                     follow-up.unknown-pledge */

/** Create an empty set. Caller frees with pledge_set_free(). */
PLEDGE_EXTERN int pledge_set_new(pledge_set **out, const pledge_allocator *allocator);

/** Free the set and all it holds. Accepts NULL. */
PLEDGE_EXTERN void pledge_set_free(pledge_set *set);

/**
 * Add @p doc, taking ownership of it (also on failure). Add documents in
 * load order: it decides which of two equal pledge ids is the duplicate
 * and the tie-breaks of progress.
 *
 * Memory: the set keeps only what the cross-document checks and progress
 * need — the file name and document index, the pledge's id, language and
 * period, its activities' ids and its indicators' ids, units, directions,
 * baselines and targets; a follow-up's pledge id, date, period, entries
 * (activity id, status) and measurements (indicator id, value, date), with
 * the positions its diagnostics need — and frees the document (its tree
 * and model) at once. It keeps that as a compact record, with each
 * distinct string stored once per set: a few hundred bytes per document.
 * @return 0, PLEDGE_ENOMEM, PLEDGE_EARG.
 */
PLEDGE_EXTERN int pledge_set_add(pledge_set *set, pledge_doc *doc);

/** As pledge_set_add, but @p doc stays the caller's (the set copies what
 *  it needs). */
PLEDGE_EXTERN int pledge_set_add_copy(pledge_set *set, const pledge_doc *doc);

/**
 * Record, in load order, a document that did not load (pledge_doc_from_tree
 * gave PLEDGE_EINVALID): it has no model, but an invalid pledge is still
 * among the validated files. Its id takes part in pledge.duplicate-pledge,
 * and a follow-up that names it is not follow-up.unknown-pledge. A pledge
 * is read again (its diagnostics are not repeated) so that its follow-ups
 * are checked against the parts its errors do not touch (1.1: an error in
 * its period leaves its activities, indicators and parties to check
 * against); the checks it makes impossible are skipped, and
 * follow-up.unchecked says which. @p tree is borrowed during the call. A
 * document of no known format is not recorded.
 * @return 0, PLEDGE_ENOMEM, PLEDGE_EARG.
 */
PLEDGE_EXTERN int pledge_set_add_invalid(pledge_set *set, const pledge_tree *tree);

/**
 * Load @p tree as pledge_doc_from_tree_owned does (taking it, also on
 * failure) and add the result to @p set: the document when it is valid
 * (as pledge_set_add), else a record of it (as pledge_set_add_invalid).
 * The simplest way to validate documents in load order.
 * @return 0 (valid, warnings allowed), PLEDGE_EINVALID, PLEDGE_ENOMEM,
 *         PLEDGE_EARG, PLEDGE_ERROR (as pledge_doc_from_tree).
 */
PLEDGE_EXTERN int pledge_set_load(pledge_set *set, pledge_tree *tree,
                                  const pledge_allocator *allocator, pledge_diag_list *diags);

/** Number of documents added (invalid ones recorded included). */
PLEDGE_EXTERN size_t pledge_set_count(const pledge_set *set);

/**
 * Run the cross-document checks over the documents added so far:
 * pledge.duplicate-pledge (at the id of the later pledge) and, for each
 * valid follow-up whose pledge is in the set (the first pledge with that
 * id, when it is valid),
 * follow-up.unknown-reference, follow-up.outside-pledge,
 * follow-up.missing-value, follow-up.unknown-party (1.1),
 * pledge.percent-range of measurements and pledge.missing-language of a
 * follow-up without "language". A follow-up whose pledge is absent is
 * follow-up.unknown-pledge with PLEDGE_SET_RESOLVE, else its cross checks
 * are skipped and follow-up.unchecked (a warning) says so: no follow-up
 * passes silently (1.1). A follow-up of an invalid pledge is checked as
 * far as the pledge's errors allow (see pledge_set_add_invalid). Diagnostics
 * carry the file and document index each document was read from. Each
 * call reports everything anew.
 * @return 0 if no error was found (warnings allowed), PLEDGE_EINVALID,
 *         PLEDGE_ENOMEM, PLEDGE_EARG.
 */
PLEDGE_EXTERN int pledge_set_check(pledge_set *set, unsigned int flags,
                                   pledge_diag_list *diags);

/* ------------------------------------------------------------------ */
/* Progress                                                            */
/* ------------------------------------------------------------------ */

/** The progress of one pledge by its follow-ups. Opaque, immutable;
 *  independent of the documents it was computed from. */
typedef struct pledge_progress pledge_progress;

/** The progress of one indicator, borrowed from its pledge_progress. */
typedef struct pledge_indicator_progress pledge_indicator_progress;

/** Whether an indicator is on track. */
typedef enum pledge_track {
    PLEDGE_TRACK_UNKNOWN = 0, /**< no measurement (with a value) or no target */
    PLEDGE_TRACK_ON = 1,
    PLEDGE_TRACK_OFF = 2
} pledge_track;
/** "unknown", "on_track", "off_track". */
PLEDGE_EXTERN const char *pledge_track_name(pledge_track track);

/** Whether an activity's target is met (1.1). */
typedef enum pledge_target_met {
    PLEDGE_TARGET_UNKNOWN = 0, /**< no target, no "done", or a target per
                                    year, term, month, week or day */
    PLEDGE_TARGET_MET = 1,
    PLEDGE_TARGET_NOT_MET = 2
} pledge_target_met;
/** "unknown", "met", "not_met". */
PLEDGE_EXTERN const char *pledge_target_met_name(pledge_target_met met);

/** No such index (e.g. an activity no follow-up mentions). */
#define PLEDGE_NO_INDEX ((size_t)-1)

/** One measurement of an indicator, as progress sees it. */
typedef struct pledge_observation {
    pledge_date date;
    int has_value;       /**< 0 for a measurement without value (unit text) */
    pledge_number value;
    size_t report;       /**< index of its follow-up in the load order given */
} pledge_observation;

/**
 * Compute the progress of @p pledge from @p follow_ups (@p count of them,
 * in load order: it breaks ties), as docs/format.md defines it. Entries
 * and measurements that name no activity or indicator of the pledge are
 * ignored. Caller frees *out with pledge_progress_free.
 * @return 0; PLEDGE_EINVALID when a follow-up reports on another pledge
 *         (a problem with the input: a follow-up.unknown-pledge diagnostic
 *         at its "pledge" value is appended to @p diags, which may be
 *         NULL); PLEDGE_EARG when @p pledge is not a pledge or an element
 *         is not a follow-up (a mistake of the caller); PLEDGE_ENOMEM.
 */
PLEDGE_EXTERN int pledge_progress_compute(pledge_progress **out, const pledge_doc *pledge,
                                          const pledge_doc *const *follow_ups, size_t count,
                                          pledge_diag_list *diags);

/**
 * The progress of the pledge with id @p pledge_id in @p set (the first
 * valid pledge with that id) from the set's valid follow-ups for it, in
 * load order.
 * Measurement and entry report indices count those follow-ups.
 * @return 0, PLEDGE_ENOTFOUND (no such pledge), PLEDGE_ENOMEM, PLEDGE_EARG.
 */
PLEDGE_EXTERN int pledge_set_progress(pledge_progress **out, const pledge_set *set,
                                      const char *pledge_id, pledge_diag_list *diags);

/** Free a progress and its indicator progresses. Accepts NULL. */
PLEDGE_EXTERN void pledge_progress_free(pledge_progress *progress);

/** The pledge's id (borrowed from the progress). */
PLEDGE_EXTERN const char *pledge_progress_pledge_id(const pledge_progress *progress,
                                                    size_t *len);
/** Number of follow-ups that reported on the pledge. */
PLEDGE_EXTERN size_t pledge_progress_report_count(const pledge_progress *progress);

/** Number of activities whose latest status is @p status
 *  (NOT_REPORTED included); 0 for an unknown status. */
PLEDGE_EXTERN size_t pledge_progress_status_count(const pledge_progress *progress,
                                                  pledge_status status);

/** Activities done / all activities except cancelled ones; 0 when that
 *  is 0. */
PLEDGE_EXTERN double pledge_progress_share_done(const pledge_progress *progress);

/** The pledge's activities, in document order: id, latest status, and
 *  the index of the follow-up that gave it (PLEDGE_NO_INDEX when none). */
PLEDGE_EXTERN size_t pledge_progress_activity_count(const pledge_progress *progress);
PLEDGE_EXTERN const char *pledge_progress_activity_id(const pledge_progress *progress,
                                                      size_t index, size_t *len);
PLEDGE_EXTERN pledge_status pledge_progress_activity_status_at(
    const pledge_progress *progress, size_t index);
PLEDGE_EXTERN size_t pledge_progress_activity_report(const pledge_progress *progress,
                                                     size_t index);
/** The latest status of activity @p activity_id (a pledge_status), or
 *  PLEDGE_ENOTFOUND when the pledge has no such activity. */
PLEDGE_EXTERN int pledge_progress_activity_status(const pledge_progress *progress,
                                                  const char *activity_id);

/** "done" of the latest report on activity @p index that gives one (the
 *  order of "latest status"), or -1 when none does (1.1). */
PLEDGE_EXTERN int64_t pledge_progress_activity_done(const pledge_progress *progress,
                                                    size_t index);

/**
 * Whether activity @p index meets its target (1.1): from the latest report
 * that gives "done", compared with the target's quantity by its comparator
 * (absent: at_least), for a target "per: period" or without "per";
 * UNKNOWN without a target, without "done", or for a target per year,
 * term, month, week or day.
 */
PLEDGE_EXTERN pledge_target_met pledge_progress_activity_target_met(
    const pledge_progress *progress, size_t index);

/**
 * Status counts per party (1.1): the pledge's parties in document order
 * (pledge_progress_party_id), each with the counts of the activities it is
 * responsible for (an activity with several responsible parties counts
 * for each). @p party PLEDGE_NO_INDEX (or the party count, for bindings)
 * gives the counts of the activities with no responsible party, which are
 * never spread over the parties.
 * 0 for an unknown party or status.
 */
PLEDGE_EXTERN size_t pledge_progress_party_count(const pledge_progress *progress);
PLEDGE_EXTERN const char *pledge_progress_party_id(const pledge_progress *progress,
                                                   size_t index, size_t *len);
PLEDGE_EXTERN size_t pledge_progress_party_status_count(const pledge_progress *progress,
                                                        size_t party, pledge_status status);

/** The pledge's indicators, in document order, and lookup by id. */
PLEDGE_EXTERN size_t pledge_progress_indicator_count(const pledge_progress *progress);
PLEDGE_EXTERN const pledge_indicator_progress *pledge_progress_indicator_at(
    const pledge_progress *progress, size_t index);
PLEDGE_EXTERN const pledge_indicator_progress *pledge_progress_indicator(
    const pledge_progress *progress, const char *indicator_id);

PLEDGE_EXTERN const char *pledge_indicator_progress_id(const pledge_indicator_progress *ip,
                                                       size_t *len);
PLEDGE_EXTERN pledge_unit pledge_indicator_progress_unit(const pledge_indicator_progress *ip);
/** Its measurements in date order (ties: load order). */
PLEDGE_EXTERN size_t pledge_indicator_progress_measurement_count(
    const pledge_indicator_progress *ip);
/** The @p index-th measurement. @return 0 or PLEDGE_ENOTFOUND. */
PLEDGE_EXTERN int pledge_indicator_progress_measurement_at(const pledge_indicator_progress *ip,
                                                           size_t index,
                                                           pledge_observation *out);
/** The last measurement. @return 0 or PLEDGE_ENOTFOUND (none). */
PLEDGE_EXTERN int pledge_indicator_progress_latest(const pledge_indicator_progress *ip,
                                                   pledge_observation *out);
/** Latest value − baseline value, in the indicator's unit (percentage
 *  points for percent). @return 0, or PLEDGE_ENOTFOUND without a baseline
 *  or a latest value. */
PLEDGE_EXTERN int pledge_indicator_progress_change(const pledge_indicator_progress *ip,
                                                   double *out);
/** The value expected at the latest measurement's date (the baseline →
 *  target line; the target without a baseline). @return 0, or
 *  PLEDGE_ENOTFOUND when on-track is unknown. */
PLEDGE_EXTERN int pledge_indicator_progress_expected(const pledge_indicator_progress *ip,
                                                     double *out);
PLEDGE_EXTERN pledge_track pledge_indicator_progress_on_track(
    const pledge_indicator_progress *ip);

#ifdef __cplusplus
}
#endif

#endif /* PLEDGE_MODEL_H */
