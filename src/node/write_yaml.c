/* SPDX-License-Identifier: MIT */
/*
 * Trees to YAML text through libyaml's emitter: block style, UTF-8 kept
 * readable, one document, no anchors (a node shared by aliases is written
 * again where it is used). A string is written plain only when a plain
 * scalar would read back as the same string under both the YAML 1.2 core
 * schema and YAML 1.1; libyaml itself quotes what its syntax needs
 * (indicators, leading spaces, "a: b"...).
 */
#include "tree.h"
#include "scalar.h"
#include "core/alloc.h"

#include <limits.h>
#include <math.h>
#include <string.h>
#include <yaml.h>

typedef struct ywriter {
    pledge_write_fn write;
    void *ud;
    int failed; /* the sink refused */
} ywriter;

typedef struct yframe {
    const pledge_node *node;
    size_t next;
} yframe;

static int sink(void *data, unsigned char *buffer, size_t size)
{
    ywriter *y = data;
    if (y->write(y->ud, (const char *)buffer, size) != 0) {
        y->failed = 1;
        return 0;
    }
    return 1;
}

static int emitter_error(const yaml_emitter_t *e, const ywriter *y)
{
    if (y->failed || e->error == YAML_WRITER_ERROR)
        return PLEDGE_EIO;
    if (e->error == YAML_MEMORY_ERROR)
        return PLEDGE_ENOMEM;
    return PLEDGE_ERROR;
}

/* Emit @p ev (libyaml owns it from here, also on failure). */
static int emit(yaml_emitter_t *e, yaml_event_t *ev, const ywriter *y)
{
    return yaml_emitter_emit(e, ev) ? 0 : emitter_error(e, y);
}

/* Characters that only a double-quoted scalar can carry: control
 * characters (a NUL too), DEL, C1 controls with U+0085, U+2028, U+2029,
 * the BOM and the non-characters U+FFFE/U+FFFF. Keys also keep line breaks
 * in double quotes. */
static int needs_double_quotes(const unsigned char *s, size_t len, int is_key)
{
    size_t i;
    for (i = 0; i < len; i++) {
        unsigned char c = s[i];
        if (c < 0x20) {
            if (c == '\n' && !is_key)
                continue;
            return 1;
        }
        if (c < 0x7F)
            continue;
        if (c == 0x7F)
            return 1;
        if (c == 0xC2 && i + 1 < len && s[i + 1] < 0xA0)
            return 1;
        if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
            return 1;
        if (c == 0xEF && i + 2 < len &&
            ((s[i + 1] == 0xBB && s[i + 2] == 0xBF) || (s[i + 1] == 0xBF && s[i + 2] >= 0xBE)))
            return 1;
    }
    return 0;
}

static yaml_scalar_style_t string_style(const char *s, size_t len, int is_key)
{
    if (needs_double_quotes((const unsigned char *)s, len, is_key))
        return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    /* Would a plain scalar be read as null, a boolean or a number, or
     * differently by YAML 1.1, or as a merge key? */
    if (pledge__scalar_plain_type(s, len) != PLEDGE_NODE_STRING ||
        pledge__scalar_yaml11(s, len) != PLEDGE_YAML11_NONE ||
        (len == 2 && s[0] == '<' && s[1] == '<'))
        return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    /* Multi-line text stays readable as a literal block where libyaml can
     * write one (it falls back to double quotes where it cannot). */
    if (memchr(s, '\n', len))
        return YAML_LITERAL_SCALAR_STYLE;
    return YAML_PLAIN_SCALAR_STYLE;
}

static int emit_text(yaml_emitter_t *e, const ywriter *y, const char *s, size_t len,
                     int is_string, yaml_scalar_style_t style)
{
    yaml_event_t ev;
    if (len > INT_MAX)
        return PLEDGE_EINVALID;
    /* Strings are implicit in every style; other scalars only plain. */
    if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)(uintptr_t)s, (int)len, 1,
                                      is_string, style))
        return PLEDGE_ENOMEM;
    return emit(e, &ev, y);
}

typedef struct fixed_buf {
    char text[72];
    size_t len;
} fixed_buf;

static int fixed_write(void *ud, const char *bytes, size_t len)
{
    fixed_buf *b = ud;
    if (len >= sizeof b->text - b->len)
        return 1;
    memcpy(b->text + b->len, bytes, len);
    b->len += len;
    return 0;
}

static int emit_scalar(yaml_emitter_t *e, const ywriter *y, const pledge_node *n, int is_key)
{
    fixed_buf num;
    int rc;
    switch ((pledge_node_type)n->type) {
    case PLEDGE_NODE_NULL:
        return emit_text(e, y, "null", 4, 0, YAML_PLAIN_SCALAR_STYLE);
    case PLEDGE_NODE_BOOL:
        return n->u.b ? emit_text(e, y, "true", 4, 0, YAML_PLAIN_SCALAR_STYLE)
                      : emit_text(e, y, "false", 5, 0, YAML_PLAIN_SCALAR_STYLE);
    case PLEDGE_NODE_INT:
        return emit_text(e, y, n->u.i.text, strlen(n->u.i.text), 0, YAML_PLAIN_SCALAR_STYLE);
    case PLEDGE_NODE_FLOAT:
        if (isnan(n->u.d))
            return emit_text(e, y, ".nan", 4, 0, YAML_PLAIN_SCALAR_STYLE);
        if (isinf(n->u.d))
            return n->u.d > 0 ? emit_text(e, y, ".inf", 4, 0, YAML_PLAIN_SCALAR_STYLE)
                              : emit_text(e, y, "-.inf", 5, 0, YAML_PLAIN_SCALAR_STYLE);
        /* The JSON writer's shortest round-tripping, locale-independent
         * form, which always has a point ("1.0", "1.0e+300"). */
        num.len = 0;
        if ((rc = pledge_node_write_json(n, 0, fixed_write, &num)) != 0)
            return rc == PLEDGE_EIO ? PLEDGE_ERROR : rc;
        return emit_text(e, y, num.text, num.len, 0, YAML_PLAIN_SCALAR_STYLE);
    case PLEDGE_NODE_STRING:
        return emit_text(e, y, n->u.s.ptr, n->u.s.len, 1,
                         string_style(n->u.s.ptr, n->u.s.len, is_key));
    default:
        return PLEDGE_EARG;
    }
}

static int emit_start(yaml_emitter_t *e, const ywriter *y, const pledge_node *n)
{
    yaml_event_t ev;
    int ok = n->type == PLEDGE_NODE_SEQUENCE
                 ? yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
                                                        YAML_BLOCK_SEQUENCE_STYLE)
                 : yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                                       YAML_BLOCK_MAPPING_STYLE);
    if (!ok)
        return PLEDGE_ENOMEM;
    return emit(e, &ev, y);
}

static int emit_end(yaml_emitter_t *e, const ywriter *y, const pledge_node *n)
{
    yaml_event_t ev;
    int ok = n->type == PLEDGE_NODE_SEQUENCE ? yaml_sequence_end_event_initialize(&ev)
                                             : yaml_mapping_end_event_initialize(&ev);
    if (!ok)
        return PLEDGE_ENOMEM;
    return emit(e, &ev, y);
}

static int is_container(const pledge_node *n)
{
    return n->type == PLEDGE_NODE_SEQUENCE || n->type == PLEDGE_NODE_MAPPING;
}

/* The tree, depth first with an explicit stack. */
static int emit_tree(yaml_emitter_t *e, const ywriter *y, const pledge_node *root)
{
    yframe small[32], *stack = small;
    size_t depth = 0, cap = sizeof small / sizeof *small;
    int rc = 0;

    if (!is_container(root))
        return emit_scalar(e, y, root, 0);
    if ((rc = emit_start(e, y, root)) != 0)
        return rc;
    stack[depth].node = root;
    stack[depth++].next = 0;
    while (depth) {
        yframe *f = &stack[depth - 1];
        const pledge_node *n = f->node, *c;
        size_t size = n->type == PLEDGE_NODE_SEQUENCE ? n->u.seq.count : n->u.map.count;
        if (f->next == size) {
            if ((rc = emit_end(e, y, n)) != 0)
                break;
            depth--;
            continue;
        }
        if (n->type == PLEDGE_NODE_SEQUENCE) {
            c = n->u.seq.items[f->next++];
        } else {
            if ((rc = emit_scalar(e, y, n->u.map.pairs[f->next].key, 1)) != 0)
                break;
            c = n->u.map.pairs[f->next++].value;
        }
        if (!is_container(c)) {
            if ((rc = emit_scalar(e, y, c, 0)) != 0)
                break;
            continue;
        }
        if ((rc = emit_start(e, y, c)) != 0)
            break;
        if (depth == cap) {
            yframe *bigger;
            if (stack == small) {
                bigger = pledge__malloc(NULL, 2 * cap * sizeof *bigger);
                if (bigger)
                    memcpy(bigger, small, cap * sizeof *bigger);
                cap *= 2;
            } else if (pledge__grow(NULL, (void **)&stack, &cap, cap + 1, sizeof *stack)) {
                bigger = NULL;
            } else {
                bigger = stack;
            }
            if (!bigger) {
                rc = PLEDGE_ENOMEM;
                break;
            }
            stack = bigger;
        }
        stack[depth].node = c;
        stack[depth++].next = 0;
    }
    if (stack != small)
        pledge__free(NULL, stack);
    return depth ? rc : 0;
}

int pledge_node_write_yaml(const pledge_node *node, unsigned int flags, pledge_write_fn write,
                           void *ud)
{
    yaml_emitter_t emitter;
    yaml_event_t ev;
    ywriter y;
    int rc;

    (void)flags;
    if (!node || !write)
        return PLEDGE_EARG;
    y.write = write;
    y.ud = ud;
    y.failed = 0;
    if (!yaml_emitter_initialize(&emitter))
        return PLEDGE_ENOMEM;
    yaml_emitter_set_output(&emitter, sink, &y);
    yaml_emitter_set_unicode(&emitter, 1);
    yaml_emitter_set_width(&emitter, -1);
    yaml_emitter_set_indent(&emitter, 2);
    yaml_emitter_set_break(&emitter, YAML_LN_BREAK);

    rc = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) ? emit(&emitter, &ev, &y)
                                                                    : PLEDGE_ENOMEM;
    if (!rc)
        rc = yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1)
                 ? emit(&emitter, &ev, &y)
                 : PLEDGE_ENOMEM;
    if (!rc)
        rc = emit_tree(&emitter, &y, node);
    if (!rc)
        rc = yaml_document_end_event_initialize(&ev, 1) ? emit(&emitter, &ev, &y)
                                                         : PLEDGE_ENOMEM;
    if (!rc)
        rc = yaml_stream_end_event_initialize(&ev) ? emit(&emitter, &ev, &y) : PLEDGE_ENOMEM;
    if (!rc && !yaml_emitter_flush(&emitter))
        rc = emitter_error(&emitter, &y);
    yaml_emitter_delete(&emitter);
    return rc;
}
