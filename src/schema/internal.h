/* SPDX-License-Identifier: MIT */
/* Internal: the compiled form of a schema, shared by the compiler
 * (compile.c), the evaluator (validate.c), the messages (messages.c) and
 * the built-in metaschema documents (metaschema.c).
 *
 * Every subschema becomes one immutable sch_node; keywords are fields,
 * and the kw bits say which are present so that the evaluator skips whole
 * groups in one test. Values (enum members, bounds, names) point into the
 * schema's source trees, which the pledge_schema owns. */
#ifndef PLEDGE_SCHEMA_INTERNAL_H
#define PLEDGE_SCHEMA_INTERNAL_H

#include "pledge/schema.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/table.h"
#include "node/tree.h"
#include "regex.h"

#include <string.h>

/* type keyword bits */
#define TY_NULL 0x01u
#define TY_BOOL 0x02u
#define TY_INT 0x04u   /* "integer" */
#define TY_NUM 0x08u   /* "number" */
#define TY_STR 0x10u
#define TY_ARR 0x20u
#define TY_OBJ 0x40u
#define TY_ALL 0x7fu

/* keyword presence bits (sch_node.kw) */
#define KW_REF (1u << 0)
#define KW_DYNREF (1u << 1)
#define KW_TYPE (1u << 2)
#define KW_ENUM (1u << 3)
#define KW_CONST (1u << 4)
#define KW_NUMBER (1u << 5)  /* any numeric keyword */
#define KW_STRING (1u << 6)  /* any string keyword */
#define KW_ARRAY (1u << 7)   /* any array keyword */
#define KW_OBJECT (1u << 8)  /* any object keyword */
#define KW_ALLOF (1u << 9)
#define KW_ANYOF (1u << 10)
#define KW_ONEOF (1u << 11)
#define KW_NOT (1u << 12)
#define KW_IF (1u << 13)
#define KW_UNEVAL_PROPS (1u << 14)
#define KW_UNEVAL_ITEMS (1u << 15)
#define KW_MIN_CONTAINS (1u << 16)
#define KW_MAX_CONTAINS (1u << 17)
#define KW_UNIQUE (1u << 18)
#define KW_FORMAT_ASSERT (1u << 19)
#define KW_MIN_LENGTH (1u << 20)
#define KW_MAX_LENGTH (1u << 21)
#define KW_MIN_ITEMS (1u << 22)
#define KW_MAX_ITEMS (1u << 23)
#define KW_MIN_PROPS (1u << 24)
#define KW_MAX_PROPS (1u << 25)

/* vocabularies ($vocabulary) */
#define VOC_CORE 0x01u
#define VOC_APPLICATOR 0x02u
#define VOC_UNEVALUATED 0x04u
#define VOC_VALIDATION 0x08u
#define VOC_METADATA 0x10u
#define VOC_FORMAT_ANNOTATION 0x20u
#define VOC_FORMAT_ASSERTION 0x40u
#define VOC_CONTENT 0x80u
#define VOC_STANDARD 0xbfu /* everything but format-assertion */

typedef struct sch_node sch_node;
typedef struct sch_resource sch_resource;

/* A name the object keywords use: a property, a required name, a key of
 * dependentRequired or dependentSchemas. One lookup per instance key (in
 * the node's name_slots) finds all that apply to it. */
typedef struct sch_name {
    const char *s;             /* borrowed from the source tree */
    size_t len;
    const sch_node *prop;      /* properties[s], or NULL */
    const sch_node *dep_schema;/* dependentSchemas[s], or NULL */
    const uint32_t *dep_req;   /* dependentRequired[s] as name indexes */
    uint32_t n_dep_req;
    int has_dep_req;
} sch_name;

typedef struct sch_pattern {
    const pledge_regex *re;
    const struct pledge_regex_fast *fast; /* pledge__regex_fast_part(re) */
    const pledge_node *src;    /* the pattern text (a STRING node) */
    const sch_node *schema;    /* patternProperties value; NULL for "pattern" */
} sch_pattern;

typedef struct sch_anchor {
    const char *name;
    size_t len;
    const pledge_node *node;   /* the subschema carrying it */
    const sch_node *sch;       /* compiled (dynamic anchors: always) */
    int dynamic;
    struct sch_anchor *next;
} sch_anchor;

/* A schema resource: a document root or a subschema with $id. */
struct sch_resource {
    const char *uri;           /* absolute, without fragment */
    const pledge_node *node;   /* its root schema */
    sch_anchor *anchors;       /* in the order found, newest first */
    const struct pledge__table *anchor_table; /* the owning schema's anchors */
    struct sch_doc *doc;
    sch_resource *next;
};

struct sch_node {
    uint32_t kw;
    uint8_t boolean;           /* 0: an object schema; 1: true; 2: false */
    uint8_t types;             /* TY_* when KW_TYPE */
    uint8_t is_resource;       /* the root of a resource (pushes dynamic scope) */
    const pledge_node *node;   /* the schema's source node */
    const sch_resource *res;   /* the resource it belongs to */

    const sch_node *ref;
    const sch_node *dynref;    /* initial target of $dynamicRef */
    const char *dyn_name;      /* anchor looked up in the dynamic scope, or NULL */
    size_t dyn_len;

    const sch_node **all_of, **any_of, **one_of;
    uint32_t n_all_of, n_any_of, n_one_of;
    const sch_node *not_, *if_, *then_, *else_;

    /* object */
    sch_name *names;
    uint32_t n_names;
    const uint32_t *name_slots;/* open addressing over names by
                                  pledge__sch_name_hash: index + 1, 0 empty;
                                  NULL when its clusters would be long */
    uint32_t name_mask;        /* slots - 1 (a power of two at least twice
                                  n_names) */
    const struct pledge__table *name_table; /* (this node, name) -> its
                                  sch_name, when name_slots is NULL */
    uint32_t n_props;          /* how many names carry a "properties" schema */
    const uint32_t *required;  /* name indexes */
    uint32_t n_required;
    sch_pattern *pprops;
    uint32_t n_pprops;
    const sch_node *additional, *property_names, *uneval_props;
    size_t min_props, max_props;
    int has_dependent;

    /* array */
    const sch_node **prefix;
    uint32_t n_prefix;
    const sch_node *items, *contains, *uneval_items;
    size_t min_contains, max_contains, min_items, max_items;

    /* validation */
    const pledge_node *enum_node;   /* the enum array */
    const pledge_node *const_val;
    const pledge_node *minimum, *maximum, *ex_minimum, *ex_maximum, *multiple_of;
    size_t min_length, max_length;
    sch_pattern pattern;            /* .re NULL when absent */
    const char *format;
};

typedef struct sch_doc {
    pledge_tree *tree;         /* owned; NULL when borrowed */
    const pledge_node *root;
    const char *uri;           /* retrieval URI, no fragment */
    const char *name;          /* for diagnostics: the path or the URI */
    unsigned int vocab;
    int builtin;               /* a stand-in for a built-in metaschema document:
                                  its nodes are compiled in the built-in
                                  metaschema (compile.c) */
    struct sch_doc *next;
} sch_doc;

typedef struct sch_regex_ref {
    pledge_regex *re;
    struct sch_regex_ref *next;
} sch_regex_ref;

/* node -> compiled schema, sorted by node address (for lookups into the
 * built-in metaschema from other schemas). */
typedef struct sch_map_entry {
    const pledge_node *node;
    const sch_node *sch;
} sch_map_entry;

struct pledge_schema {
    const pledge_allocator *allocator;
    pledge_arena arena;
    sch_doc *docs;
    sch_resource *resources;
    sch_regex_ref *regexes;
    const sch_node *root;
    unsigned int flags;
    sch_map_entry *map;        /* only for the built-in metaschema */
    size_t map_count;
    size_t max_evaluations;    /* the evaluation budget; 0: the default */
    pledge__table uris;        /* resource URI (ns 0) -> sch_resource */
    pledge__table anchors;     /* (resource | dynamic, name) -> sch_anchor;
                                  read by the evaluator for $dynamicRef */
    pledge__table names;       /* (sch_node, name) -> sch_name of its object
                                  keywords, while compiling (one entry per
                                  name); the evaluator reads name_slots */
};

/* The hash of a property name in a node's name_slots: cheap, every byte
 * of a name of up to 16 (its first and last 8, or 4, read as words). It
 * need not resist chosen instance keys: the slots hold only the schema's
 * names, so a probe ends within one of the schema's own clusters, whatever
 * the key. The compiler bounds those clusters (SCH_NAME_CLUSTER_MAX); a
 * node whose names collide more (chosen to) keeps the keyed table. */
#define SCH_NAME_CLUSTER_MAX 16
static inline uint32_t pledge__sch_name_hash(const char *s, size_t len)
{
    uint64_t a = 0, b = 0, h;
    if (len >= 8) {
        memcpy(&a, s, 8);
        memcpy(&b, s + len - 8, 8);
    } else if (len >= 4) {
        uint32_t x, y;
        memcpy(&x, s, 4);
        memcpy(&y, s + len - 4, 4);
        a = x;
        b = y;
    } else if (len) {
        a = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[len / 2] << 8 |
            (uint64_t)(unsigned char)s[len - 1] << 16;
    }
    h = (a * 0x9e3779b97f4a7c15ull) ^ (b * 0xc2b2ae3d27d4eb4full) ^ len;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    return (uint32_t)(h >> 32);
}

/* The anchors table's namespace of @p res's static or dynamic anchors
 * (resources are aligned, so the low bit is free). */
static inline uintptr_t pledge__anchor_ns(const sch_resource *res, int dynamic)
{
    return (uintptr_t)res | (uintptr_t)(dynamic ? 1 : 0);
}


/* ---- metaschema.c: the embedded documents, nothing compiled ---- */

#define PLEDGE__META_URI "https://json-schema.org/draft/2020-12/schema"
#define PLEDGE__META_PREFIX "https://json-schema.org/draft/2020-12/"

/* 1 when @p uri (no fragment) names one of the built-in metaschemas. */
int pledge__metaschema_uri(const char *uri, size_t len);

/* The built-in metaschema document at @p uri, read through the node
 * layer's JSON reader with @p load's limits into *out (the caller frees
 * it). PLEDGE_ERROR when no built-in document has that URI or it does not
 * read without errors; PLEDGE_ENOMEM. */
int pledge__metaschema_tree(pledge_tree **out, const char *uri, size_t len,
                            const pledge_load_options *load, pledge_diag_list *diags);

/* The name of the @p i-th built-in vocabulary metaschema as its URI's last
 * segments ("meta/core"), @p len bytes, or NULL past the last. */
const char *pledge__metaschema_vocabulary(size_t i, size_t *len);

/* ---- validate.c ---- */

/* One validation problem, before it becomes a diagnostic. */
typedef struct sch_error {
    const char *code;          /* static: the keyword */
    char *message;             /* heap (the validation's allocator) */
    char *instance_path;
    char *schema_path;
    const pledge_node *node;   /* where it points */
    unsigned int depth;        /* instance depth, for the best match */
    int type_at_root;          /* a "type" failure at the branch's location */
} sch_error;

typedef struct sch_errors {
    const pledge_allocator *allocator;
    sch_error *items;
    size_t count, cap;
    int nomem;
} sch_errors;

void pledge__sch_errors_free(sch_errors *e);

/* Evaluate @p root against @p inst. With @p errs non-NULL, failures are
 * collected there (for a second pass after a failed first one). Returns
 * 1 valid, 0 invalid, PLEDGE_ENOMEM. */
int pledge__sch_eval(const sch_node *root, const pledge_node *inst, unsigned int flags,
                     sch_errors *errs);

/* ---- messages.c ---- */

/* Append a short rendering of @p n for a message: "string \"12\"",
 * "integer 5", "object", "null". */
void pledge__msg_value(pledge_buf *b, const pledge_node *n);

/* Append the type names of @p mask: "string or null". */
void pledge__msg_types(pledge_buf *b, unsigned int mask);

/* The declared property of @p s closest to @p key within a small edit
 * distance, or NULL. */
const char *pledge__msg_suggest(const sch_node *s, const char *key, size_t len,
                                size_t *out_len);

/* Append @p n as it would be written: "\"a\"", 5, true, [...]. */
void pledge__msg_literal(pledge_buf *b, const pledge_node *n);

#endif
