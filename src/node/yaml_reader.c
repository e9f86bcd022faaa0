/* SPDX-License-Identifier: MIT */
/*
 * The YAML front end: libyaml events to one pledge_tree per document.
 *
 * The source is a buffer, or a FILE* read 64 KB at a time into a window
 * that drops what precedes the last finished document: a stream of many
 * documents is never held whole.
 *
 * Before libyaml sees the bytes, one pass checks them as libyaml's reader
 * would (UTF-8, allowed characters) and hands libyaml only the bytes before
 * the first bad one: libyaml decodes 16 KB ahead of its parser, so left to
 * itself it would fail before returning the documents that precede a bad
 * byte. The same pass finds where the text stops being ASCII (libyaml's
 * marks count characters; below that point a character is a byte) and the
 * U+0085/U+2028/U+2029 line breaks to warn about.
 *
 * Building is iterative: an explicit stack of frames, one per open
 * collection, whose children collect on one reusable scratch stack and are
 * copied into the tree's arena once, when the collection closes. A small
 * tree whose arena grew much larger than its nodes (arena chunks double)
 * is copied once into an arena of the right size (compact()), unless the
 * caller frees its trees right away (pledge__yaml_set_compact()).
 *
 * Positions: libyaml's lines and columns are used as they are (+1); its
 * character index becomes a byte offset through the first pass's list of
 * the multi-byte characters (each event's mark is a few comparisons, not a
 * second walk over the text), or, past what that list holds, through a
 * cursor over the text.
 */
#include "yaml_reader.h"
#include "map_keys.h"
#include "pointer.h"
#include "position.h"
#include "scalar.h"
#include "tree.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/table.h"
#include "core/utf8.h"

#include <yaml.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Per-event code: the node constructors are inlined into the event
 * handlers (a call with a mark by value costs a third of the work), and
 * the diagnostics, rare, are kept out of them. */
#if defined(__GNUC__) || defined(__clang__)
#define NOINLINE __attribute__((noinline))
#define HOT_INLINE inline __attribute__((always_inline))
#else
#define NOINLINE
#define HOT_INLINE inline
#endif

#define Y_STOP 1             /* handler result: the document (and stream) ends here */
#define MAX_BREAK_WARNINGS 3 /* yaml.unicode-line-break warnings per file */
/* Directives (%YAML, %TAG) before one document. libyaml compares each %TAG
 * with all earlier ones (quadratic), so reading stops before the first
 * directive over the limit, before libyaml sees it. */
#define MAX_DIRECTIVES 64
#define CHUNK (64u << 10) /* streaming: bytes read at a time */
#define COMPACT_MAX (4u << 20) /* larger trees waste at most one 64 KB chunk */
/* The first document's arena is sized from at most this much source: a
 * guess for a larger one could waste more than it saves. */
#define HINT_MAX_SOURCE (64u << 10)

enum cut_kind { CUT_NONE, CUT_SIZE, CUT_UTF8, CUT_CONTROL, CUT_DIRECTIVES };

enum tag_kind {
    TAG_NONE, TAG_NONSPECIFIC, TAG_STR, TAG_INT, TAG_FLOAT, TAG_BOOL, TAG_NULL,
    TAG_SEQ, TAG_MAP, TAG_UNKNOWN
};

typedef struct anchor_rec {
    pledge_node *node;
    size_t height;             /* collection nesting of the node, aliases expanded */
    size_t count;              /* nodes of the node, aliases expanded (saturating) */
    int open;                  /* its collection is still being read */
} anchor_rec;

typedef struct frame {
    pledge_node *node;
    pledge_node *key;  /* MAPPING: the string key of the pair being read */
    size_t base;       /* first scratch slot of the children */
    size_t height;     /* deepest collection nesting among the children */
    size_t count;      /* nodes among the children, aliases expanded */
    size_t anchor;     /* anchor record + 1, or 0 */
    unsigned char want_value, drop;
} frame;

/* A multi-byte character the first pass found: its character index (from
 * base) and the bytes beyond one per character of the source up to and
 * including it, so that character i > index starts at base + i + extra
 * when no other multi-byte character comes between. */
typedef struct mb_char {
    size_t index;
    size_t extra;
} mb_char;

/* The list of multi-byte characters holds at least this many entries
 * before it stops growing, and more only up to the size of the bytes at
 * hand (16 bytes an entry): a source of nothing but multi-byte characters
 * cannot make it take more memory than the source itself. Past that,
 * positions come from the cursor. */
#define MB_MIN_CAP 65536u

typedef struct line_break {
    size_t at;
    unsigned long cp;
} line_break;

struct pledge_yaml_stream {
    const pledge_allocator *alloc;
    pledge_load_options opts;
    const char *name;
    /* The source. Offsets (marks, cursors, the fields below) count from
     * the start of the source; the bytes at hand are the window
     * data[0, avail - win_off), source bytes [win_off, avail). A buffer is
     * all window; a FILE* is read a chunk at a time, and the bytes before
     * the floor (the end of the last finished document) are dropped. */
    const unsigned char *data;
    size_t win_off;    /* source offset of data[0] */
    size_t avail;      /* source offset past the last byte read */
    FILE *fp;          /* streaming: the source (borrowed) until it is read to its end */
    unsigned char *win; /* streaming: the window's buffer (owned, a block of
                           core/arena.h; data == win) */
    size_t win_cap;
    size_t size_hint;  /* streaming: a regular file's size + 1, or 0 (unknown) */
    int read_errno;    /* streaming: a read failed with this errno */
    int oom;           /* no memory for the window or the list of multi-byte characters */
    size_t base;       /* 3 after a UTF-8 byte order mark, which libyaml never sees */
    size_t scanned;    /* the first pass has checked the bytes before this */
    size_t end;        /* libyaml may read [base, end): checked, before any cut */
    size_t fed;        /* streaming: libyaml has been given [base, fed) */
    int truncated;     /* the source was cut by max_file_bytes */
    int utf16;         /* the bytes look like UTF-16 or UTF-32 */
    int cut;           /* enum cut_kind: why the bytes stop at end */
    char cut_msg[160];
    size_t ascii_end;  /* first non-ASCII byte at or after base (or end) */
    int ascii_found;   /* ascii_end is final */
    /* directive_scan() between chunks: directives in the current run, and
     * whether we are inside a directive line, in the blank or comment lines
     * after one, in a comment there, and the byte before the next one */
    size_t drun;
    unsigned char dline, dgap, dcomment, dprev;
    line_break breaks[MAX_BREAK_WARNINGS];
    size_t nbreaks, breaks_total, breaks_done;
    pledge_mark break_mark;
    /* The last warning about line breaks waits for the end of the source
     * when the first pass has not seen it yet (it says how many more). */
    int break_held;
    pledge_mark held_mark;
    size_t held_doc;
    unsigned long held_cp;
    /* The floor: an exact mark (line, column, offset) and its character
     * index; nothing before it is needed again. */
    pledge_mark floor;
    size_t floor_index;

    yaml_parser_t parser;
    int parser_ready;
    yaml_event_t ev;
    int have_ev;       /* ev holds an event read ahead */
    int perr;          /* libyaml failed; its error is in parser */
    int started, finished, complete, failed;
    size_t doc;        /* index of the next document */

    size_t cur_index, cur_byte, chk_index, chk_byte; /* character index -> byte */
    size_t last_byte;  /* byte_at's last answer */
    int last_exact;    /* ... is where that character starts */
    /* Multi-byte characters from the floor on (mb[mb_first, nmb)), found
     * by the first pass; mb_extra0 is the extra of the last one dropped.
     * Until mb_full, every one the first pass has met is there; after,
     * those whose index is below mb_cover. mb_pos: byte_at's place. */
    mb_char *mb;
    size_t mb_first, nmb, mb_cap, mb_pos, mb_extra0, scan_extra, mb_cover;
    int mb_full;

    frame *frames;
    size_t nframes, frames_cap;
    pledge_node **scratch;
    size_t nscratch, scratch_cap;
    anchor_rec *anchors;
    size_t nanchors, anchors_cap;
    pledge__table anchor_index; /* name (in names) -> anchor record + 1 */
    pledge_arena names;         /* this document's anchor names */
    pledge__table map_keys;     /* keys of this document's large mappings */
    int tables_ready;           /* the three above are initialised */

    /* the document being read */
    pledge_tree *tree;
    size_t last_used;  /* arena bytes the previous document's tree used */
    int no_compact;    /* pledge__yaml_set_compact(st, 0): trees stay as read */
    pledge_diag_list *diags;
    size_t expansion;      /* nodes aliases added to this document */
    size_t file_expansion; /* ... and to every document of the source so far */
    int skipping;
    size_t skip_depth;
};

static size_t sat_add(size_t a, size_t b)
{
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

/* ---- memory --------------------------------------------------------- */

/* Bump allocation in the tree's arena with only the alignment needed (the
 * arena itself aligns everything for max_align_t): strings are packed
 * byte by byte and nodes take sizeof(pledge_node), not more. */
static void *tree_alloc(pledge_yaml_stream *st, size_t size, size_t align)
{
    return pledge__arena_alloc_packed(&st->tree->arena, size, align);
}

static HOT_INLINE pledge_node *node_new(pledge_yaml_stream *st, pledge_node_type type,
                                        pledge_mark m)
{
    pledge_node *n = tree_alloc(st, sizeof *n, _Alignof(pledge_node));
    if (n)
        pledge__node_init(n, type, m);
    return n;
}

static int push(pledge_yaml_stream *st, pledge_node *n)
{
    if (st->nscratch == st->scratch_cap &&
        pledge__block_grow(st->alloc, (void **)&st->scratch, &st->scratch_cap, st->nscratch + 1,
                     sizeof *st->scratch))
        return PLEDGE_ENOMEM;
    st->scratch[st->nscratch++] = n;
    return PLEDGE_OK;
}

/* ---- word-at-a-time helpers ------------------------------------------- */

/* Eight bytes per step where the byte order allows it; the byte loops that
 * follow each fast loop handle the rest on any host. */
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WORDS 1
#else
#define WORDS 0
#endif
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

static uint64_t load64(const unsigned char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}

/* The high bit of each byte that is not printable ASCII (< 0x20, 0x7F or
 * >= 0x80). A borrow can flag bytes after a flagged one, never before, so
 * the first flag is exact. */
static uint64_t unusual_bytes(uint64_t x)
{
    uint64_t del = x ^ (0x7F * ONES);
    return (x | ((x - 0x20 * ONES) & ~x) | ((del - ONES) & ~del)) & HIGHS;
}

/* Index of the first flagged byte of a nonzero unusual_bytes() result. */
static size_t first_flag(uint64_t m)
{
#if defined(__GNUC__)
    return (size_t)__builtin_ctzll(m) >> 3;
#else
    size_t k = 0;
    while (!(m & 0x80)) {
        m >>= 8;
        k++;
    }
    return k;
#endif
}

/* The first byte at or after @p i that is not printable ASCII (as
 * unusual_bytes() flags), or a point less than 8 bytes before @p n from
 * which the caller goes on byte by byte. 16 bytes a step where SSE2 is
 * there (every x86-64): the first pass's loop. */
static size_t skip_printable(const unsigned char *p, size_t i, size_t n)
{
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F);
    while (n - i >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        /* signed comparison: bytes from 0x80 up are below 0x20 too */
        int m = _mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(x, space), _mm_cmpeq_epi8(x, del)));
        if (m)
            return i + (size_t)__builtin_ctz((unsigned)m);
        i += 16;
    }
#endif
    while (WORDS && n - i >= 8) {
        uint64_t m = unusual_bytes(load64(p + i));
        if (m)
            return i + first_flag(m);
        i += 8;
    }
    return i;
}

/* Characters that start in these 8 bytes: the bytes that are not UTF-8
 * continuation bytes (10xxxxxx). */
static size_t char_starts(uint64_t x)
{
    uint64_t cont = x & ~(x << 1) & HIGHS;
    return 8 - (size_t)((((cont >> 7) * ONES) >> 56) & 0xFF);
}

/* ---- positions ------------------------------------------------------ */

static size_t byte_at_slow(pledge_yaml_stream *st, size_t index);
static size_t walk_to(pledge_yaml_stream *st, size_t index);

/* The byte offset of libyaml's character @p index (from base). Marks
 * arrive in order, so the place in the list of multi-byte characters
 * moves forward by the few that lie between two marks. */
static size_t byte_at(pledge_yaml_stream *st, size_t index)
{
    const mb_char *mb = st->mb;
    size_t pos = st->mb_pos, n = st->nmb, first = st->mb_first, r;
    if (index < st->floor_index || (st->mb_full && index > st->mb_cover))
        return byte_at_slow(st, index);
    if (pos < n && mb[pos].index < index) {
        do
            pos++;
        while (pos < n && mb[pos].index < index);
    } else {
        while (pos > first && mb[pos - 1].index >= index)
            pos--;
    }
    st->mb_pos = pos;
    r = st->base + index + (pos > first ? mb[pos - 1].extra : st->mb_extra0);
    if (r > st->end)
        return byte_at_slow(st, index); /* past the characters at hand */
    st->last_exact = 1;
    return st->last_byte = r;
}

/* byte_at() below the floor, past the list, or past the bytes at hand. */
static NOINLINE size_t byte_at_slow(pledge_yaml_stream *st, size_t index)
{
    st->last_exact = 1;
    if (index <= st->ascii_end - st->base)
        return st->last_byte = st->base + index;
    st->last_exact = 0;
    if (index < st->floor_index)
        return st->last_byte = st->floor.offset; /* dropped: never asked for */
    if (st->mb_full && index > st->mb_cover)
        return st->last_byte = walk_to(st, index);
    return st->last_byte = st->end; /* as the cursor stops */
}

/* byte_at() by a cursor over the text, past the list's end (mb_full). It
 * starts from the nearest known point at or before the index: the
 * previous position when a mark goes back, the end of the list, the
 * floor. The cursor may rest inside a character: cur_index counts the
 * characters that start before cur_byte. */
static size_t walk_to(pledge_yaml_stream *st, size_t index)
{
    const unsigned char *d = st->data;
    size_t w = st->win_off, ascii = st->ascii_end - st->base, end = st->end, cb, gap;
    if (index < st->cur_index) {
        st->cur_index = st->chk_index;
        st->cur_byte = st->chk_byte;
        if (index < st->cur_index) {
            st->cur_index = 0;
            st->cur_byte = st->base;
        }
    } else {
        st->chk_index = st->cur_index;
        st->chk_byte = st->cur_byte;
    }
    if (st->cur_index < ascii) {
        st->cur_index = ascii;
        st->cur_byte = st->ascii_end;
    }
    if (st->cur_index < st->mb_cover) {
        /* the list has every multi-byte character before mb_cover */
        st->cur_index = st->mb_cover;
        st->cur_byte = st->base + st->mb_cover +
                       (st->nmb > st->mb_first ? st->mb[st->nmb - 1].extra : st->mb_extra0);
    }
    if (st->cur_index < st->floor_index) {
        st->cur_index = st->floor_index;
        st->cur_byte = st->floor.offset;
    }
    cb = st->cur_byte;
    gap = index - st->cur_index; /* characters still to pass */
    while (WORDS && gap && end - cb >= 8) {
        uint64_t x = load64(d + (cb - w));
        size_t n;
        if (!(x & HIGHS)) {
            /* ASCII: a byte per character, so the target may be inside */
            n = gap < 8 ? gap : 8;
            cb += n;
            gap -= n;
            continue;
        }
        n = char_starts(x);
        if (n > gap)
            break;
        cb += 8;
        gap -= n;
    }
    for (; cb < end; cb++) {
        if ((d[cb - w] & 0xC0) != 0x80) {
            if (!gap)
                break;
            gap--;
        }
    }
    st->cur_byte = cb;
    st->cur_index = index - gap;
    st->last_exact = gap == 0;
    return cb;
}

static pledge_mark mark_of(pledge_yaml_stream *st, const yaml_mark_t *m)
{
    pledge_mark r;
    r.line = m->line + 1;
    r.column = m->column + 1;
    r.offset = byte_at(st, m->index);
    return r;
}

/* Move @p m forward to byte @p target (both in the window). */
static void advance(const pledge_yaml_stream *st, pledge_mark *m, size_t target)
{
    size_t w = st->win_off;
    m->offset -= w;
    pledge__pos_advance((const char *)st->data, st->avail - w, m, target - w);
    m->offset += w;
}

/* Line and column of a byte offset, counted from the floor (errors only). */
static pledge_mark pos_of(const pledge_yaml_stream *st, size_t offset)
{
    pledge_mark m = st->floor;
    if (offset > m.offset)
        advance(st, &m, offset < st->avail ? offset : st->avail);
    return m;
}

/* Forget the multi-byte characters before the floor: the list holds
 * about one document and one chunk. Moved down when more than half of it
 * is dropped, so each entry moves a bounded number of times. */
static void drop_mb(pledge_yaml_stream *st)
{
    size_t k = st->mb_first;
    while (k < st->nmb && st->mb[k].index < st->floor_index)
        k++;
    if (k > st->mb_first)
        st->mb_extra0 = st->mb[k - 1].extra;
    st->mb_first = k;
    if (st->mb_pos < k)
        st->mb_pos = k;
    if (k && k >= st->nmb - k) {
        memmove(st->mb, st->mb + k, (st->nmb - k) * sizeof *st->mb);
        st->nmb -= k;
        st->mb_pos -= k;
        st->mb_first = 0;
    }
}

/* The first pass met a multi-byte character of @p width bytes at source
 * offset @p at: list it, while the list may grow (no memory for it sets
 * st->oom, which ends the reading with PLEDGE_ENOMEM). */
static void note_mb(pledge_yaml_stream *st, size_t at, size_t width)
{
    size_t index = at - st->base - st->scan_extra;
    st->scan_extra += width - 1;
    if (st->mb_full)
        return;
    if (st->nmb == st->mb_cap) {
        size_t held = st->avail - st->win_off, cap = held / sizeof *st->mb;
        if (cap < MB_MIN_CAP)
            cap = MB_MIN_CAP;
        if (st->nmb < cap &&
            pledge__block_grow(st->alloc, (void **)&st->mb, &st->mb_cap, st->nmb + 1, sizeof *st->mb))
            st->oom = 1;
        if (st->nmb == st->mb_cap) {
            /* full: the cursor takes over from here */
            st->mb_full = 1;
            st->mb_cover = index;
            return;
        }
    }
    st->mb[st->nmb].index = index;
    st->mb[st->nmb].extra = st->scan_extra;
    st->nmb++;
}

/* A document ended at DOCUMENT-END mark @p ym: nothing before it is
 * needed again, so the floor moves up to it. Not to the mark libyaml gives
 * the end of the stream, which it puts at the start of a line that is not
 * there (column 0, line + 1). */
static void raise_floor(pledge_yaml_stream *st, const yaml_mark_t *ym)
{
    size_t index = ym->index;
    pledge_mark m = mark_of(st, ym);
    unsigned char before;
    if (m.offset <= st->floor.offset || m.offset > st->end)
        return;
    if (!st->last_exact)
        return;
    before = st->data[m.offset - 1 - st->win_off];
    if (m.column == 1 && before != '\n' && before != '\r')
        return;
    st->floor = m;
    st->floor_index = index;
    drop_mb(st);
}

/* ---- the first pass over the bytes ------------------------------------ */

static void set_cut(pledge_yaml_stream *st, int kind, size_t at)
{
    st->cut = kind;
    st->end = at;
}

/* Check the bytes from st->scanned up to @p lim (st->avail at the end of
 * the source; else a character starting before lim ends before avail). */
static void prescan(pledge_yaml_stream *st, size_t lim)
{
    const unsigned char *p = st->data;
    size_t w = st->win_off, i = st->scanned - w, n = st->avail - w;

    lim -= w;
    while (i < lim) {
        unsigned char c;
        unsigned long cp;
        size_t w8;
        i = skip_printable(p, i, n);
        if (i >= lim)
            break;
        c = p[i];
        if (c < 0x80) {
            if (c >= 0x20 ? c != 0x7F : (c == '\n' || c == '\t' || c == '\r')) {
                i++;
                continue;
            }
            set_cut(st, CUT_CONTROL, i + w);
            if (c == 0)
                snprintf(st->cut_msg, sizeof st->cut_msg, "a raw NUL byte is not allowed in "
                         "YAML (write \"\\0\" in a double-quoted string)");
            else
                snprintf(st->cut_msg, sizeof st->cut_msg, "the control character U+%04X is "
                         "not allowed in YAML (escape it in a double-quoted string)", c);
            break;
        }
        if (!st->ascii_found) {
            st->ascii_end = i + w;
            st->ascii_found = 1;
        }
        if (c >= 0xC2 && c <= 0xDF && n - i >= 2 && (p[i + 1] & 0xC0) == 0x80) {
            /* two bytes, well formed (Latin letters): decoded here, the
             * checks below still apply */
            cp = ((unsigned long)(c & 0x1F) << 6) | (p[i + 1] & 0x3F);
            w8 = 2;
        } else {
            /* core's decoder; core's words for what is wrong */
            size_t next = i;
            uint32_t cp32;
            if (pledge__utf8_next(p, n, &next, &cp32) != 0) {
                int ends = pledge__utf8_problem(p, n, i, st->cut_msg, sizeof st->cut_msg);
                set_cut(st, ends && st->truncated ? CUT_SIZE : CUT_UTF8, i + w);
                break;
            }
            cp = cp32;
            w8 = next - i;
        }
        if ((cp >= 0x80 && cp < 0xA0 && cp != 0x85) || cp == 0xFFFE || cp == 0xFFFF) {
            set_cut(st, CUT_CONTROL, i + w);
            snprintf(st->cut_msg, sizeof st->cut_msg, "the control character U+%04lX is not "
                     "allowed in YAML (escape it in a double-quoted string)", cp);
            break;
        }
        note_mb(st, i + w, w8);
        if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
            if (st->nbreaks < MAX_BREAK_WARNINGS) {
                st->breaks[st->nbreaks].at = i + w;
                st->breaks[st->nbreaks].cp = cp;
                st->nbreaks++;
            }
            st->breaks_total++;
        }
        i += w8;
    }
    if (!st->cut)
        st->scanned = st->end = (i > lim ? i : lim) + w;
}

/* Cut before the first directive over MAX_DIRECTIVES in a row (only blank
 * and comment lines between them: the directives of one document), in the
 * bytes [from, st->end) just checked; the state carries over to the next
 * ones. Outside a run, only '%' bytes are looked at: linear. */
static void directive_scan(pledge_yaml_stream *st, size_t from)
{
    const unsigned char *p = st->data;
    size_t w = st->win_off, i = from - w, to = st->end - w;
    while (i < to) {
        size_t at;
        if (st->dline) {
            /* the rest of a directive line */
            while (i < to && p[i] != '\n' && p[i] != '\r')
                i++;
            if (i == to)
                break;
            st->dline = 0;
            st->dgap = 1;
            st->dcomment = 0;
        }
        if (st->dgap) {
            /* after a directive: blank and comment lines keep the run */
            unsigned char c = p[i];
            if (c == '%' && (st->dprev == '\n' || st->dprev == '\r')) {
                at = i;
            } else {
                if (c == '\n' || c == '\r')
                    st->dcomment = 0;
                else if (!st->dcomment && c == '#')
                    st->dcomment = 1;
                else if (!st->dcomment && c != ' ' && c != '\t')
                    st->dgap = 0, st->drun = 0;
                st->dprev = c;
                i++;
                continue;
            }
        } else {
            const unsigned char *q = memchr(p + i, '%', to - i);
            if (!q)
                break;
            at = (size_t)(q - p);
            if (at + w != st->base && (at == i ? st->dprev : p[at - 1]) != '\n' &&
                (at == i ? st->dprev : p[at - 1]) != '\r') {
                st->dprev = '%';
                i = at + 1;
                continue;
            }
        }
        if (++st->drun > MAX_DIRECTIVES) {
            set_cut(st, CUT_DIRECTIVES, at + w);
            snprintf(st->cut_msg, sizeof st->cut_msg,
                     "more than %d directives before one document", MAX_DIRECTIVES);
            return;
        }
        st->dline = 1;
        st->dgap = 0;
        st->dprev = '%';
        i = at + 1;
    }
    if (to > from - w)
        st->dprev = p[to - 1];
}

/* UTF-16 and UTF-32 text: a byte order mark, or NUL bytes between ASCII
 * characters. libyaml would decode UTF-16; the project reads UTF-8 only. */
static int looks_utf16(const unsigned char *p, size_t n)
{
    if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
        return 1;
    if (n >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF)
        return 1;
    if (n >= 4 && ((!p[0] && p[1] && !p[2] && p[3]) || (p[0] && !p[1] && p[2] && !p[3])))
        return 1;
    return 0;
}

/* ---- diagnostics -------------------------------------------------------- */

static void path_segment(pledge_buf *b, const pledge_node *key)
{
    if (!key)
        return; /* a complex key: no segment names it */
    pledge__buf_putc(b, '/');
    pledge__json_pointer_escape(b, key->u.s.ptr, key->u.s.len);
}

/* The JSON Pointer of the node being attached to the innermost open
 * collection (@p key: that node when it is a mapping key). */
static void node_path(const pledge_yaml_stream *st, pledge_buf *b, const pledge_node *key)
{
    size_t i;
    for (i = 0; i < st->nframes; i++) {
        const frame *f = &st->frames[i];
        int top = i + 1 == st->nframes;
        if (f->node->type == PLEDGE_NODE_SEQUENCE)
            pledge__buf_printf(b, "/%zu", (top ? st->nscratch : st->frames[i + 1].base) - f->base);
        else
            path_segment(b, f->want_value ? f->key : top ? key : NULL);
    }
}

/* Add the message in @p msg (freed here) as a diagnostic at @p mark; an
 * error counts against the document. */
static int emit(pledge_yaml_stream *st, pledge_severity sev, const char *code, pledge_mark mark,
                int with_path, const pledge_node *key, pledge_buf *msg)
{
    pledge_buf path;
    pledge_diag_where w;
    int rc = PLEDGE_OK;
    pledge__buf_init(&path, st->alloc);
    if (with_path)
        node_path(st, &path, key);
    if (sev == PLEDGE_SEVERITY_ERROR && st->tree)
        st->tree->errors++;
    if (msg->failed || path.failed) {
        rc = PLEDGE_ENOMEM;
    } else {
        memset(&w, 0, sizeof w);
        w.file = st->name;
        /* between documents: the last one read */
        w.document = st->tree ? st->tree->index : st->doc ? st->doc - 1 : 0;
        w.mark = mark;
        w.instance_path = pledge__buf_cstr(&path);
        rc = pledge__diag_addf(st->diags, sev, code, &w, "%s", pledge__buf_cstr(msg));
    }
    pledge__buf_free(&path);
    pledge__buf_free(msg);
    return rc;
}

/* A tag as written: "!!int" for the YAML tags, else libyaml's text. */
static void put_tag(pledge_buf *b, const char *tag)
{
    static const char prefix[] = "tag:yaml.org,2002:";
    if (!strncmp(tag, prefix, sizeof prefix - 1)) {
        pledge__buf_puts(b, "!!");
        tag += sizeof prefix - 1;
    }
    pledge__buf_puts(b, tag); /* libyaml admits URI characters only */
}

static int tag_kind(const char *tag)
{
    static const char prefix[] = "tag:yaml.org,2002:";
    static const struct { const char *name; int kind; } known[] = {
        { "str", TAG_STR }, { "int", TAG_INT }, { "float", TAG_FLOAT }, { "bool", TAG_BOOL },
        { "null", TAG_NULL }, { "seq", TAG_SEQ }, { "map", TAG_MAP }
    };
    size_t i;
    if (!strcmp(tag, "!"))
        return TAG_NONSPECIFIC;
    if (strncmp(tag, prefix, sizeof prefix - 1))
        return TAG_UNKNOWN;
    for (i = 0; i < sizeof known / sizeof *known; i++)
        if (!strcmp(tag + sizeof prefix - 1, known[i].name))
            return known[i].kind;
    return TAG_UNKNOWN;
}

static int unknown_tag(pledge_yaml_stream *st, const char *tag, pledge_mark mark,
                       const pledge_node *key)
{
    pledge_buf m;
    pledge__buf_init(&m, st->alloc);
    pledge__buf_puts(&m, "unknown tag ");
    put_tag(&m, tag);
    pledge__buf_puts(&m, " (known: !!str, !!int, !!float, !!bool, !!null, !!seq, !!map and !); "
                         "the node is read as if it had no tag");
    return emit(st, PLEDGE_SEVERITY_ERROR, "yaml.unknown-tag", mark, 1, key, &m);
}

static int wrong_tag(pledge_yaml_stream *st, const char *tag, const char *what, const char *s,
                     size_t len, pledge_mark mark)
{
    pledge_buf m;
    pledge__buf_init(&m, st->alloc);
    if (s)
        pledge__buf_quote(&m, s, len, 60);
    else
        pledge__buf_puts(&m, what);
    pledge__buf_puts(&m, " is not a valid ");
    put_tag(&m, tag);
    pledge__buf_puts(&m, "; it is read as if it had no tag");
    return emit(st, PLEDGE_SEVERITY_ERROR, "yaml.syntax", mark, 1, NULL, &m);
}

static void stop(pledge_yaml_stream *st)
{
    st->finished = 1;
    st->complete = 0;
}

/* The error that explains where the bytes given to libyaml stop. */
static int cut_error(pledge_yaml_stream *st)
{
    pledge_buf m;
    const char *code = "yaml.syntax";
    pledge__buf_init(&m, st->alloc);
    if (st->cut == CUT_SIZE) {
        code = "yaml.limit";
        pledge__buf_printf(&m, "the file is larger than the size limit of %zu bytes",
                           st->opts.max_file_bytes);
    } else if (st->cut == CUT_DIRECTIVES) {
        code = "yaml.limit";
        pledge__buf_puts(&m, st->cut_msg);
    } else {
        if (st->cut == CUT_UTF8) {
            code = "yaml.invalid-utf8";
            pledge__buf_puts(&m, "invalid UTF-8: ");
        }
        pledge__buf_puts(&m, st->cut_msg);
    }
    pledge__buf_puts(&m, "; the rest of the file was not read");
    stop(st);
    return emit(st, PLEDGE_SEVERITY_ERROR, code, pos_of(st, st->end), 0, NULL, &m);
}

/* Reading the source failed (streaming): an io.error with its errno where
 * the bytes stop. */
static int read_error(pledge_yaml_stream *st)
{
    pledge_diag_where w;
    char reason[128];
    stop(st);
    if (st->tree)
        st->tree->errors++;
    if (strerror_r(st->read_errno, reason, sizeof reason) != 0)
        snprintf(reason, sizeof reason, "error %d", st->read_errno);
    memset(&w, 0, sizeof w);
    w.file = st->name;
    w.document = st->tree ? st->tree->index : st->doc ? st->doc - 1 : 0;
    w.mark = pos_of(st, st->end);
    w.instance_path = "";
    w.sys_errno = st->read_errno;
    return pledge__diag_addf(st->diags, PLEDGE_SEVERITY_ERROR, "io.error", &w,
                             "cannot read %s: %s; the rest of the file was not read",
                             *st->name ? st->name : "the input", reason);
}

/* libyaml failed: say why, where. */
static int parse_error(pledge_yaml_stream *st)
{
    yaml_parser_t *p = &st->parser;
    pledge_buf m;
    pledge_mark mark;
    const char *code = "yaml.syntax";

    if (p->error == YAML_MEMORY_ERROR || (p->error == YAML_READER_ERROR && st->oom))
        return PLEDGE_ENOMEM;
    if (p->error == YAML_READER_ERROR && st->read_errno)
        return read_error(st);
    pledge__buf_init(&m, st->alloc);
    if (p->error == YAML_READER_ERROR) {
        size_t off = st->base + p->problem_offset;
        if (off > st->end)
            off = st->end;
        if (st->cut && off >= st->end)
            return cut_error(st);
        mark = pos_of(st, off);
        if (p->problem && (strstr(p->problem, "UTF") || strstr(p->problem, "Unicode")))
            code = "yaml.invalid-utf8";
        pledge__buf_puts(&m, p->problem ? p->problem : "unreadable input");
    } else {
        mark = mark_of(st, &p->problem_mark);
        if (st->cut && mark.offset >= st->end)
            return cut_error(st);
        if (p->context)
            pledge__buf_printf(&m, "%s (line %zu, column %zu): ", p->context,
                               (size_t)p->context_mark.line + 1,
                               (size_t)p->context_mark.column + 1);
        pledge__buf_puts(&m, p->problem ? p->problem : "invalid YAML");
    }
    pledge__buf_puts(&m, "; the rest of the file was not read");
    stop(st);
    return emit(st, PLEDGE_SEVERITY_ERROR, code, mark, 0, NULL, &m);
}

static int emit_break(pledge_yaml_stream *st, pledge_mark mark, size_t doc, unsigned long cp,
                      int last)
{
    pledge_buf m;
    pledge_diag_where w;
    int rc;
    const char *what = cp == 0x85 ? "NEXT LINE" : cp == 0x2028 ? "LINE SEPARATOR"
                                                                : "PARAGRAPH SEPARATOR";
    pledge__buf_init(&m, st->alloc);
    pledge__buf_printf(&m,
                       "U+%04lX (%s) counts as a line break for YAML tools, so the lines "
                       "after it are numbered one more than in most editors",
                       cp, what);
    if (last && st->breaks_total > MAX_BREAK_WARNINGS)
        pledge__buf_printf(&m, " (%zu more in this file are not reported)",
                           st->breaks_total - MAX_BREAK_WARNINGS);
    if (m.failed) {
        pledge__buf_free(&m);
        return PLEDGE_ENOMEM;
    }
    memset(&w, 0, sizeof w);
    w.file = st->name;
    w.document = doc;
    w.mark = mark;
    w.instance_path = "";
    rc = pledge__diag_addf(st->diags, PLEDGE_SEVERITY_WARNING, "yaml.unicode-line-break", &w,
                           "%s", pledge__buf_cstr(&m));
    pledge__buf_free(&m);
    return rc;
}

/* The yaml.unicode-line-break warnings for breaks before byte @p limit.
 * The last one says how many more the file holds; until the first pass
 * has seen the whole source, it waits (flush_breaks). */
static int emit_breaks(pledge_yaml_stream *st, size_t limit)
{
    while (st->breaks_done < st->nbreaks && st->breaks[st->breaks_done].at < limit) {
        const line_break *b = &st->breaks[st->breaks_done++];
        size_t doc = st->tree ? st->tree->index : st->doc ? st->doc - 1 : 0;
        int last = st->breaks_done == MAX_BREAK_WARNINGS, rc;
        if (st->break_mark.offset < st->floor.offset)
            st->break_mark = st->floor;
        advance(st, &st->break_mark, b->at);
        if (last && st->fp && !st->cut) {
            st->break_held = 1;
            st->held_mark = st->break_mark;
            st->held_doc = doc;
            st->held_cp = b->cp;
            continue;
        }
        if ((rc = emit_break(st, st->break_mark, doc, b->cp, last)) != PLEDGE_OK)
            return rc;
    }
    return PLEDGE_OK;
}

/* The held warning, once the source is over. */
static int flush_breaks(pledge_yaml_stream *st)
{
    if (!st->break_held)
        return PLEDGE_OK;
    st->break_held = 0;
    return emit_break(st, st->held_mark, st->held_doc, st->held_cp, 1);
}

/* ---- anchors ------------------------------------------------------------ */

static anchor_rec *anchor_find(const pledge_yaml_stream *st, const char *name)
{
    void *e = pledge__table_get(&st->anchor_index, 0, name, strlen(name));
    return e ? &st->anchors[(uintptr_t)e - 1] : NULL;
}

/* Define (or redefine: an alias names the latest) anchor @p name. */
static int anchor_define(pledge_yaml_stream *st, const char *name, pledge_node *node, int open,
                         size_t *index_out)
{
    size_t len = strlen(name);
    void *e = pledge__table_get(&st->anchor_index, 0, name, len);
    anchor_rec *rec;
    if (e) {
        rec = &st->anchors[(uintptr_t)e - 1];
    } else {
        char *key;
        if (pledge__block_grow(st->alloc, (void **)&st->anchors, &st->anchors_cap, st->nanchors + 1,
                         sizeof *st->anchors) ||
            !(key = pledge__arena_strndup(&st->names, name, len)) ||
            pledge__table_put(&st->anchor_index, 0, key, len,
                              (void *)(uintptr_t)(st->nanchors + 1), NULL))
            return PLEDGE_ENOMEM;
        rec = &st->anchors[st->nanchors++];
    }
    rec->node = node;
    rec->height = 0;
    rec->count = 1;
    rec->open = open;
    if (index_out)
        *index_out = (size_t)(rec - st->anchors);
    return PLEDGE_OK;
}

/* ---- limits -------------------------------------------------------------- */

static int depth_error(pledge_yaml_stream *st, pledge_mark mark, int via_alias)
{
    pledge_buf m;
    int rc;
    pledge__buf_init(&m, st->alloc);
    pledge__buf_printf(&m, "the nesting is deeper than the limit of %zu levels%s; the rest of "
                           "the file was not read",
                       st->opts.max_depth, via_alias ? " (aliases counted as expanded)" : "");
    stop(st);
    rc = emit(st, PLEDGE_SEVERITY_ERROR, "yaml.limit", mark, 0, NULL, &m);
    return rc ? rc : Y_STOP;
}

static void drop_frames(pledge_yaml_stream *st)
{
    st->nframes = 0;
    st->nscratch = 0;
}

/* Over the alias limit, of this document or of the whole source: say so,
 * then read on to the end of the document without building, so that the
 * next document can be read. */
static int alias_limit(pledge_yaml_stream *st, pledge_mark mark)
{
    pledge_buf m;
    pledge__buf_init(&m, st->alloc);
    if (st->expansion > st->opts.max_alias_expansion)
        pledge__buf_printf(&m, "aliases expand this document by more than the limit of %zu "
                               "nodes; the document is not read",
                           st->opts.max_alias_expansion);
    else
        pledge__buf_printf(&m, "aliases expand the documents of this file by more than the "
                               "limit of %zu nodes in all; the document is not read",
                           st->opts.max_alias_expansion);
    st->skipping = 1;
    st->skip_depth = st->nframes;
    drop_frames(st);
    return emit(st, PLEDGE_SEVERITY_ERROR, "yaml.limit", mark, 0, NULL, &m);
}

/* ---- building -------------------------------------------------------------- */

static const char *type_article(pledge_node_type t)
{
    switch (t) {
    case PLEDGE_NODE_SEQUENCE: return "a sequence";
    case PLEDGE_NODE_MAPPING: return "a mapping";
    case PLEDGE_NODE_NULL: return "a null";
    case PLEDGE_NODE_BOOL: return "a boolean";
    case PLEDGE_NODE_INT: return "an integer";
    case PLEDGE_NODE_FLOAT: return "a float";
    default: return "a string";
    }
}

/* The diagnostics of attach(), apart so that its common path stays lean. */
static NOINLINE int complex_key(pledge_yaml_stream *st, const pledge_node *node,
                                pledge_mark mark)
{
    pledge_buf m;
    pledge__buf_init(&m, st->alloc);
    pledge__buf_printf(&m, "a mapping key must be a scalar string, not %s; this pair is "
                           "left out",
                       type_article((pledge_node_type)node->type));
    return emit(st, PLEDGE_SEVERITY_ERROR, "yaml.complex-key", mark, 1, NULL, &m);
}

static NOINLINE int merge_key(pledge_yaml_stream *st, const pledge_node *node, pledge_mark mark)
{
    pledge_buf m;
    pledge__buf_init(&m, st->alloc);
    pledge__buf_puts(&m, "merge keys (<<) are not supported: YAML 1.2 has none; write the "
                         "keys out (this pair is left out)");
    return emit(st, PLEDGE_SEVERITY_ERROR, "yaml.merge-key", mark, 1, node, &m);
}

static NOINLINE int duplicate_key(pledge_yaml_stream *st, const pledge_node *node,
                                  const pledge_node *first, pledge_mark mark)
{
    pledge_buf m;
    pledge__buf_init(&m, st->alloc);
    pledge__buf_puts(&m, "duplicate key ");
    pledge__buf_quote(&m, node->u.s.ptr, node->u.s.len, 60);
    pledge__buf_printf(&m, " (first at line %zu, column %zu); this pair is left out",
                       (size_t)first->line, (size_t)first->column);
    return emit(st, PLEDGE_SEVERITY_ERROR, "yaml.duplicate-key", mark, 1, node, &m);
}

/* Give a finished node (of nesting @p height and @p count nodes, aliases
 * expanded) to the innermost open collection, or make it the root. */
static HOT_INLINE int attach(pledge_yaml_stream *st, pledge_node *node, pledge_mark mark,
                             size_t height, size_t count)
{
    frame *f;
    int rc;
    if (!st->nframes) {
        st->tree->root = node;
        return PLEDGE_OK;
    }
    f = &st->frames[st->nframes - 1];
    if (f->node->type == PLEDGE_NODE_SEQUENCE || f->want_value) {
        if (f->node->type == PLEDGE_NODE_MAPPING) {
            f->want_value = 0;
            f->key = NULL;
            if (f->drop) {
                f->drop = 0;
                return PLEDGE_OK;
            }
        }
        if ((rc = push(st, node)))
            return rc;
        if (height > f->height)
            f->height = height;
        f->count = sat_add(f->count, count);
        return PLEDGE_OK;
    }

    /* a key */
    f->want_value = 1;
    f->key = NULL;
    f->drop = 1;
    if (node->type != PLEDGE_NODE_STRING)
        return complex_key(st, node, mark);
    f->key = node;
    if (node->flags == 0 && node->u.s.len == 2 && !memcmp(node->u.s.ptr, "<<", 2))
        return merge_key(st, node, mark);
    {
        const pledge_node *first;
        if ((rc = pledge__map_key_seen(&st->map_keys, f->node,
                                       st->scratch ? st->scratch + f->base : NULL,
                                       (st->nscratch - f->base) / 2, node, &first)))
            return rc;
        if (first)
            return duplicate_key(st, node, first, mark);
    }
    f->drop = 0;
    if ((rc = push(st, node)))
        return rc;
    f->count = sat_add(f->count, count);
    return PLEDGE_OK;
}

/* A STRING node with its text (and YAML 1.1 words) right after it, in one
 * allocation: the layout of a node then its text allocated apart. */
static HOT_INLINE pledge_node *string_node(pledge_yaml_stream *st, const char *s, size_t len,
                                           pledge_mark mark, unsigned flags, pledge_yaml11 y11,
                                           const char *words, size_t wlen)
{
    size_t extra = y11 != PLEDGE_YAML11_NONE ? wlen + 1 : 0;
    pledge_node *n;
    char *p;
    if (len > SIZE_MAX - sizeof *n - 2 - extra)
        return NULL;
    n = tree_alloc(st, sizeof *n + len + 1 + extra, _Alignof(pledge_node));
    if (!n)
        return NULL;
    pledge__node_init(n, PLEDGE_NODE_STRING, mark);
    p = (char *)(n + 1);
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    if (extra)
        memcpy(p + len + 1, words, wlen + 1);
    n->flags = (uint8_t)flags;
    n->yaml11 = (uint8_t)y11;
    n->u.s.ptr = p;
    n->u.s.len = len;
    return n;
}

/* A float literal with digits that became infinity is an error (.inf is
 * written with letters): it must not pass silently, or 1e400 would equal
 * 1e500. */
static int float_range(pledge_yaml_stream *st, const char *s, size_t len, double d,
                       pledge_mark mark)
{
    pledge_buf m;
    if (pledge__scalar_float_underflow(s, len, d)) {
        pledge__buf_init(&m, st->alloc);
        pledge__buf_printf(&m, PLEDGE__FLOAT_UNDERFLOW_FMT, len > 40 ? 40 : (int)len, s,
                           len > 40 ? "..." : "");
        return emit(st, PLEDGE_SEVERITY_WARNING, PLEDGE__FLOAT_UNDERFLOW_CODE, mark, 1, NULL, &m);
    }
    if (!isinf(d) || memchr(s, 'i', len) || memchr(s, 'I', len))
        return PLEDGE_OK;
    pledge__buf_init(&m, st->alloc);
    pledge__buf_puts(&m, "the number ");
    pledge__buf_append(&m, s, len > 40 ? 40 : len);
    pledge__buf_printf(&m, "%s is beyond the range of floating-point numbers (about 1.8e308)",
                       len > 40 ? "..." : "");
    return emit(st, PLEDGE_SEVERITY_ERROR, "yaml.limit", mark, 1, NULL, &m);
}

/* An INT node for a core-schema integer text. */
static int int_node(pledge_yaml_stream *st, const char *s, size_t len, pledge_mark mark,
                    unsigned flags, pledge_yaml11 y11, const char *words, size_t wlen,
                    pledge_node **out)
{
    int negative, base, big = 0;
    const char *digits, *text;
    size_t nd, tlen, extra = y11 != PLEDGE_YAML11_NONE ? wlen + 1 : 0;
    int64_t value = 0;
    pledge_node *n;
    char *p;

    *out = NULL;
    if (!pledge__scalar_int_parts(s, len, &negative, &base, &digits, &nd))
        return PLEDGE_EINVALID;
    while (nd > 1 && digits[0] == '0') {
        digits++;
        nd--;
    }
    if (base != 10 && nd > PLEDGE__RADIX_DIGITS_MAX) {
        /* Conversion to decimal is quadratic: refuse, keep the text. */
        pledge_buf m;
        int rc;
        pledge__buf_init(&m, st->alloc);
        pledge__buf_printf(&m, "%s integer of %zu digits, more than the limit of %d; it is "
                               "read as a string",
                           base == 16 ? "a hexadecimal" : "an octal", nd,
                           PLEDGE__RADIX_DIGITS_MAX);
        if ((rc = emit(st, PLEDGE_SEVERITY_ERROR, "yaml.limit", mark, 1, NULL, &m)))
            return rc;
        *out = string_node(st, s, len, mark, 0, PLEDGE_YAML11_NONE, NULL, 0);
        return *out ? PLEDGE_OK : PLEDGE_ENOMEM;
    }
    n = node_new(st, PLEDGE_NODE_INT, mark);
    if (!n)
        return PLEDGE_ENOMEM;
    if (base == 10 && nd <= 18) {
        /* The common case: the canonical text is the digits themselves. */
        size_t i;
        uint64_t v = 0;
        for (i = 0; i < nd; i++)
            v = v * 10 + (uint64_t)(digits[i] - '0');
        if (v == 0)
            negative = 0;
        value = negative ? -(int64_t)v : (int64_t)v;
        tlen = nd + (size_t)negative;
        p = tree_alloc(st, tlen + 1 + extra, 1);
        if (!p)
            return PLEDGE_ENOMEM;
        if (negative)
            p[0] = '-';
        memcpy(p + negative, digits, nd);
        p[tlen] = '\0';
        text = p;
    } else {
        if (pledge__int_from_digits(st->tree, digits, nd, base, negative, &value, &big, &text))
            return PLEDGE_ENOMEM;
        tlen = strlen(text);
        if (extra) {
            p = tree_alloc(st, tlen + 1 + extra, 1);
            if (!p)
                return PLEDGE_ENOMEM;
            memcpy(p, text, tlen + 1);
            text = p;
        }
    }
    if (extra)
        memcpy((char *)text + tlen + 1, words, wlen + 1);
    n->flags = (uint8_t)(flags | (big ? PLEDGE_NODE_BIGINT : 0));
    n->yaml11 = (uint8_t)y11;
    n->u.i.v = value;
    n->u.i.text = text;
    *out = n;
    return PLEDGE_OK;
}

/* A node of the type @p tag asks for, or *out NULL if the text does not
 * fit it. */
static int tagged_scalar(pledge_yaml_stream *st, int tag, const char *s, size_t len,
                         pledge_mark mark, pledge_node **out)
{
    int b, rc;
    double d;
    *out = NULL;
    switch (tag) {
    case TAG_INT:
        rc = int_node(st, s, len, mark, PLEDGE_NODE_TAGGED, PLEDGE_YAML11_NONE, NULL, 0, out);
        return rc == PLEDGE_EINVALID ? PLEDGE_OK : rc;
    case TAG_FLOAT:
        rc = pledge__scalar_float(s, len, st->alloc, &d);
        if (rc)
            return rc == PLEDGE_EINVALID ? PLEDGE_OK : rc;
        if ((rc = float_range(st, s, len, d, mark)))
            return rc;
        if (!(*out = node_new(st, PLEDGE_NODE_FLOAT, mark)))
            return PLEDGE_ENOMEM;
        (*out)->u.d = d;
        break;
    case TAG_BOOL:
        if (!pledge__scalar_bool(s, len, &b))
            return PLEDGE_OK;
        if (!(*out = node_new(st, PLEDGE_NODE_BOOL, mark)))
            return PLEDGE_ENOMEM;
        (*out)->u.b = b;
        break;
    case TAG_NULL:
        if (!pledge__scalar_is_null(s, len))
            return PLEDGE_OK;
        if (!(*out = node_new(st, PLEDGE_NODE_NULL, mark)))
            return PLEDGE_ENOMEM;
        break;
    default:
        return PLEDGE_OK; /* !!seq, !!map on a scalar */
    }
    (*out)->flags = PLEDGE_NODE_TAGGED;
    return PLEDGE_OK;
}

static int ambiguous(pledge_yaml_stream *st, const pledge_node *n, const char *s, size_t len,
                     const char *words, pledge_mark mark, int is_key)
{
    pledge_buf m;
    pledge__buf_init(&m, st->alloc);
    if (n->type == PLEDGE_NODE_INT) {
        pledge__buf_append(&m, s, len);
        pledge__buf_printf(&m, " is the integer %s in YAML 1.2", n->u.i.text);
    } else {
        pledge__buf_quote(&m, s, len, 40);
        pledge__buf_puts(&m, " is a string in YAML 1.2");
    }
    pledge__buf_printf(&m, " (YAML 1.1 read it as %s)", words);
    return emit(st, PLEDGE_SEVERITY_WARNING, "yaml.ambiguous-scalar", mark, 1,
                is_key ? n : NULL, &m);
}

static int on_scalar(pledge_yaml_stream *st, yaml_event_t *ev)
{
    const char *s = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    const char *tag = (const char *)ev->data.scalar.tag;
    const char *anchor = (const char *)ev->data.scalar.anchor;
    int plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    frame *top = st->nframes ? &st->frames[st->nframes - 1] : NULL;
    int is_key = top && top->node->type == PLEDGE_NODE_MAPPING && !top->want_value;
    pledge_mark mark = mark_of(st, &ev->start_mark);
    pledge_node *n = NULL;
    int kind = TAG_NONE, rc;
    char words[PLEDGE_YAML11_WORDS_MAX];
    size_t wlen = 0;
    pledge_yaml11 y11 = PLEDGE_YAML11_NONE;
    pledge_node_type type = PLEDGE_NODE_STRING;

    if (tag) {
        kind = tag_kind(tag);
        if (kind == TAG_UNKNOWN) {
            /* the path of a key names the key, which is not built yet */
            if ((rc = unknown_tag(st, tag, mark, NULL)))
                return rc;
            kind = TAG_NONE;
        }
    }
    if (kind == TAG_STR || kind == TAG_NONSPECIFIC) {
        n = string_node(st, s, len, mark, PLEDGE_NODE_TAGGED | (plain ? 0 : PLEDGE_NODE_QUOTED),
                        PLEDGE_YAML11_NONE, NULL, 0);
        if (!n)
            return PLEDGE_ENOMEM;
    } else if (kind != TAG_NONE && !is_key) {
        if ((rc = tagged_scalar(st, kind, s, len, mark, &n)))
            return rc;
        if (!n && (rc = wrong_tag(st, tag, NULL, s, len, mark)))
            return rc;
    }
    if (!n) {
        /* Untagged (or tagged in vain): the core schema. Keys are strings. */
        /* A tag, even one that did not fit, says the author chose: no
         * YAML 1.1 warning on top of the tag's own diagnostic. */
        if (plain && !tag) {
            if (!is_key)
                type = pledge__scalar_plain_type(s, len);
            if (type == PLEDGE_NODE_STRING || type == PLEDGE_NODE_INT) {
                if (pledge__scalar_yaml11_maybe(s, len))
                    y11 = pledge__scalar_yaml11_read(s, len, words, sizeof words, &wlen);
            }
        } else if (plain && !is_key) {
            type = pledge__scalar_plain_type(s, len);
        }
        switch (type) {
        case PLEDGE_NODE_NULL:
            n = node_new(st, PLEDGE_NODE_NULL, mark);
            break;
        case PLEDGE_NODE_BOOL:
            n = node_new(st, PLEDGE_NODE_BOOL, mark);
            if (n)
                pledge__scalar_bool(s, len, &n->u.b);
            break;
        case PLEDGE_NODE_INT:
            if ((rc = int_node(st, s, len, mark, 0, y11, words, wlen, &n)))
                return rc;
            break;
        case PLEDGE_NODE_FLOAT: {
            double d = 0;
            if ((rc = pledge__scalar_float(s, len, st->alloc, &d)))
                return rc == PLEDGE_EINVALID ? PLEDGE_ERROR : rc;
            if ((rc = float_range(st, s, len, d, mark)))
                return rc;
            n = node_new(st, PLEDGE_NODE_FLOAT, mark);
            if (n)
                n->u.d = d;
            break;
        }
        default:
            n = string_node(st, s, len, mark, plain ? 0 : PLEDGE_NODE_QUOTED, y11, words, wlen);
            break;
        }
        if (!n)
            return PLEDGE_ENOMEM;
        if ((y11 == PLEDGE_YAML11_BOOL || y11 == PLEDGE_YAML11_NUMBER) &&
            (rc = ambiguous(st, n, s, len, words, mark, is_key)))
            return rc;
    }
    if (anchor && (rc = anchor_define(st, anchor, n, 0, NULL)))
        return rc;
    return attach(st, n, mark, 0, 1);
}

static int on_start(pledge_yaml_stream *st, yaml_event_t *ev, pledge_node_type type)
{
    const char *tag, *anchor;
    pledge_mark mark = mark_of(st, &ev->start_mark);
    pledge_node *n;
    frame *f;
    int rc;
    if (type == PLEDGE_NODE_SEQUENCE) {
        tag = (const char *)ev->data.sequence_start.tag;
        anchor = (const char *)ev->data.sequence_start.anchor;
    } else {
        tag = (const char *)ev->data.mapping_start.tag;
        anchor = (const char *)ev->data.mapping_start.anchor;
    }
    if (st->nframes >= st->opts.max_depth)
        return depth_error(st, mark, 0);
    if (!(n = node_new(st, type, mark)))
        return PLEDGE_ENOMEM;
    if (tag) {
        int kind = tag_kind(tag);
        if (kind == TAG_UNKNOWN)
            rc = unknown_tag(st, tag, mark, NULL);
        else if ((kind == TAG_SEQ && type == PLEDGE_NODE_SEQUENCE) ||
                 (kind == TAG_MAP && type == PLEDGE_NODE_MAPPING))
            n->flags = PLEDGE_NODE_TAGGED, rc = PLEDGE_OK;
        else if (kind != TAG_NONSPECIFIC)
            rc = wrong_tag(st, tag, type_article(type), NULL, 0, mark);
        else
            rc = PLEDGE_OK;
        if (rc)
            return rc;
    }
    if (st->nframes == st->frames_cap &&
        pledge__block_grow(st->alloc, (void **)&st->frames, &st->frames_cap, st->nframes + 1,
                     sizeof *st->frames))
        return PLEDGE_ENOMEM;
    f = &st->frames[st->nframes];
    f->node = n;
    f->key = NULL;
    f->base = st->nscratch;
    f->height = 0;
    f->count = 0;
    f->anchor = 0;
    f->want_value = 0;
    f->drop = 0;
    if (anchor) {
        size_t idx;
        if ((rc = anchor_define(st, anchor, n, 1, &idx)))
            return rc;
        f->anchor = idx + 1;
    }
    st->nframes++;
    return PLEDGE_OK;
}

static int on_end(pledge_yaml_stream *st, yaml_event_t *ev)
{
    frame *f = &st->frames[st->nframes - 1];
    /* scratch is NULL until the first child: no arithmetic on NULL. */
    pledge_node *n = f->node, **kids = st->scratch ? st->scratch + f->base : NULL;
    size_t k = st->nscratch - f->base, i, height = f->height + 1, count = sat_add(f->count, 1);
    (void)ev;
    if (n->type == PLEDGE_NODE_SEQUENCE) {
        if (k) {
            pledge_node **items = tree_alloc(st, k * sizeof *items, _Alignof(pledge_node *));
            if (!items)
                return PLEDGE_ENOMEM;
            memcpy(items, kids, k * sizeof *items);
            n->u.seq.items = items;
            n->u.seq.count = k;
        }
    } else if (k / 2) {
        pledge_pair *pairs = tree_alloc(st, k / 2 * sizeof *pairs, _Alignof(pledge_pair));
        if (!pairs)
            return PLEDGE_ENOMEM;
        for (i = 0; i < k / 2; i++) {
            pairs[i].key = kids[2 * i];
            pairs[i].value = kids[2 * i + 1];
        }
        n->u.map.pairs = pairs;
        n->u.map.count = k / 2;
    }
    if (f->anchor) {
        anchor_rec *rec = &st->anchors[f->anchor - 1];
        if (rec->node == n) {
            rec->height = height;
            rec->count = count;
            rec->open = 0;
        }
    }
    st->nscratch = f->base;
    st->nframes--;
    return attach(st, n, pledge_node_mark(n), height, count);
}

static int on_alias(pledge_yaml_stream *st, yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    pledge_mark mark = mark_of(st, &ev->start_mark);
    anchor_rec *rec = anchor_find(st, name);
    int rc;
    if (!rec || rec->open) {
        pledge_node *n;
        pledge_buf m;
        pledge__buf_init(&m, st->alloc);
        pledge__buf_printf(&m, "the alias *%s ", name);
        if (!rec)
            pledge__buf_puts(&m, "names no anchor defined before it in this document");
        else
            pledge__buf_puts(&m, "refers to a collection that contains it (a recursive "
                                 "alias), which cannot be read");
        pledge__buf_puts(&m, "; it is read as null");
        if ((rc = emit(st, PLEDGE_SEVERITY_ERROR, "yaml.undefined-alias", mark, 1, NULL, &m)))
            return rc;
        if (!(n = node_new(st, PLEDGE_NODE_NULL, mark)))
            return PLEDGE_ENOMEM;
        return attach(st, n, mark, 0, 1);
    }
    if (st->nframes + rec->height > st->opts.max_depth)
        return depth_error(st, mark, 1);
    st->expansion = sat_add(st->expansion, rec->count);
    st->file_expansion = sat_add(st->file_expansion, rec->count);
    if (st->expansion > st->opts.max_alias_expansion ||
        st->file_expansion > st->opts.max_alias_expansion)
        return alias_limit(st, mark);
    return attach(st, rec->node, mark, rec->height, rec->count);
}

/* While a refused document is read to its end: only the nesting counts. */
static int skip_event(pledge_yaml_stream *st, yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        if (st->skip_depth >= st->opts.max_depth)
            return depth_error(st, mark_of(st, &ev->start_mark), 0);
        st->skip_depth++;
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        if (st->skip_depth)
            st->skip_depth--;
        break;
    default:
        break;
    }
    return PLEDGE_OK;
}

static int handle(pledge_yaml_stream *st, yaml_event_t *ev)
{
    if (st->skipping)
        return skip_event(st, ev);
    switch (ev->type) {
    case YAML_SCALAR_EVENT: return on_scalar(st, ev);
    case YAML_SEQUENCE_START_EVENT: return on_start(st, ev, PLEDGE_NODE_SEQUENCE);
    case YAML_MAPPING_START_EVENT: return on_start(st, ev, PLEDGE_NODE_MAPPING);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: return on_end(st, ev);
    case YAML_ALIAS_EVENT: return on_alias(st, ev);
    default: return PLEDGE_OK;
    }
}

/* ---- documents ------------------------------------------------------------ */

/* The next event into st->ev: 1, or 0 when libyaml failed (st->perr). */
static int next_event(pledge_yaml_stream *st)
{
    if (st->have_ev) {
        st->have_ev = 0;
        return 1;
    }
    if (st->perr)
        return 0;
    if (!yaml_parser_parse(&st->parser, &st->ev)) {
        st->perr = 1;
        return 0;
    }
    return 1;
}

static void reset_document(pledge_yaml_stream *st)
{
    drop_frames(st);
    if (!st->tables_ready) {
        pledge__table_init(&st->anchor_index, st->alloc);
        pledge__table_init(&st->map_keys, st->alloc);
        pledge__arena_init(&st->names, st->alloc);
        st->tables_ready = 1;
    } else {
        pledge__table_clear(&st->anchor_index);
        pledge__table_clear(&st->map_keys);
        pledge__arena_free(&st->names);
    }
    st->nanchors = 0;
    st->expansion = 0;
    st->skipping = 0;
    st->skip_depth = 0;
}

/*
 * The arena's chunks double, so a tree may hold up to twice the memory its
 * nodes take. A small tree is copied into a new tree whose arena has room
 * for exactly what it needs; a refused document gives up its partial tree.
 * The old tree is freed either way (pledge__node_move consumes its nodes).
 */
static int compact(pledge_yaml_stream *st, pledge_tree **inout)
{
    pledge_tree *old = *inout, *t;
    /* what the tree uses: the arena less the free end of its last chunk
     * (an upper bound: it counts the name and the ends of earlier chunks) */
    size_t used = old->arena.total - (size_t)(old->arena.end - old->arena.next);
    size_t need = used + used / 64 + 64;
    int rc;
    st->last_used = used;
    if (old->root && (st->no_compact || used > COMPACT_MAX ||
                      old->arena.total < need + need / 5 + 1024))
        return PLEDGE_OK;
    /* one chunk with room for all of the copy */
    if (!(t = pledge__tree_new_sized(st->alloc, old->name, old->index, old->root ? need : 0)))
        return PLEDGE_ENOMEM;
    t->errors = old->errors;
    if (old->root && (rc = pledge__node_move(&t->root, &t->arena, old->root, st->alloc))) {
        pledge_tree_free(t);
        return rc;
    }
    pledge_tree_free(old);
    *inout = t;
    st->tree = t;
    return PLEDGE_OK;
}

/* Read the document whose DOCUMENT-START was just consumed. */
static int read_document(pledge_yaml_stream *st, pledge_tree *t)
{
    size_t limit = SIZE_MAX;
    yaml_mark_t floor;
    int rc = PLEDGE_OK, have_floor = 0;
    reset_document(st);
    for (;;) {
        if (!next_event(st)) {
            t->root = NULL;
            rc = parse_error(st);
            break;
        }
        if (st->ev.type == YAML_DOCUMENT_END_EVENT) {
            int implicit = st->ev.data.document_end.implicit;
            floor = st->ev.start_mark;
            have_floor = 1;
            limit = byte_at(st, st->ev.end_mark.index);
            yaml_event_delete(&st->ev);
            if (st->skipping)
                t->root = NULL;
            /* An implicit end right before the cut: the document may go on
             * in the bytes that were not read. */
            if (st->cut && implicit && next_event(st)) {
                if (st->ev.type == YAML_STREAM_END_EVENT) {
                    yaml_event_delete(&st->ev);
                    t->root = NULL;
                    limit = SIZE_MAX;
                    rc = cut_error(st);
                } else {
                    st->have_ev = 1;
                }
            }
            break;
        }
        rc = handle(st, &st->ev);
        yaml_event_delete(&st->ev);
        if (rc) {
            if (rc == Y_STOP) {
                t->root = NULL;
                rc = PLEDGE_OK;
            }
            break;
        }
    }
    if (st->finished)
        limit = SIZE_MAX;
    if (rc == PLEDGE_OK)
        rc = emit_breaks(st, limit);
    if (rc == PLEDGE_OK && have_floor && !st->finished)
        raise_floor(st, &floor);
    return rc;
}

/* The document read into @p t is over: hand it out, or free it when @p rc
 * says the reading failed. */
static int hand_out(pledge_yaml_stream *st, pledge_tree *t, int rc, pledge_tree **out)
{
    st->tree = NULL;
    if (rc) {
        pledge_tree_free(t);
        return rc;
    }
    st->doc++;
    *out = t;
    return PLEDGE_OK;
}

/* A document that holds only an error (UTF-16 input, a problem between
 * documents, a cut after the last one). */
static int broken_document(pledge_yaml_stream *st, pledge_tree **out, int why)
{
    pledge_tree *t = pledge__tree_new(st->alloc, st->name, st->doc);
    int rc;
    if (!t)
        return PLEDGE_ENOMEM;
    st->tree = t;
    if (why == 1) {
        pledge_buf m;
        pledge__buf_init(&m, st->alloc);
        pledge__buf_puts(&m, "the file is not UTF-8 (it looks like UTF-16 or UTF-32); save it "
                             "as UTF-8");
        stop(st);
        rc = emit(st, PLEDGE_SEVERITY_ERROR, "yaml.invalid-utf8", pos_of(st, 0), 0, NULL, &m);
    } else if (why == 2) {
        rc = cut_error(st);
    } else {
        rc = parse_error(st);
    }
    if (!rc)
        rc = emit_breaks(st, SIZE_MAX);
    return hand_out(st, t, rc, out);
}

/* The arena to reserve for the next document. A tree that overflows its
 * first chunk gets a second one twice as large; one that leaves more than
 * a fifth of it unused is copied by compact(). Trees take some 3 to 4
 * times their text (3.6-4.0 in the benchmark corpus, less for schemas),
 * and documents of a stream tend to look alike. Without compaction a
 * generous guess costs nothing but address space (arena memory is only
 * touched as it is used), so the guess leans high; with compaction it
 * stays close. */
static size_t arena_hint(const pledge_yaml_stream *st)
{
    size_t rest = st->end > st->last_byte ? st->end - st->last_byte : 0;
    if (st->last_used)
        return st->last_used + st->last_used / (st->no_compact ? 2 : 8);
    if (rest > HINT_MAX_SOURCE)
        rest = HINT_MAX_SOURCE;
    return st->no_compact ? rest * 9 / 2 + 256 : rest * 19 / 5 + 256;
}

static int next_document(pledge_yaml_stream *st, pledge_tree **out)
{
    if (!st->started) {
        st->started = 1;
        if (st->utf16)
            return broken_document(st, out, 1);
    }
    for (;;) {
        if (!next_event(st))
            return broken_document(st, out, 3);
        switch (st->ev.type) {
        case YAML_DOCUMENT_START_EVENT: {
            pledge_tree *t;
            int rc;
            yaml_event_delete(&st->ev);
            /* Size the arena for the tree to come, so that it fits in one
             * chunk and compact() finds nothing to copy (arena_hint). */
            if (!(t = pledge__tree_new_sized(st->alloc, st->name, st->doc, arena_hint(st))))
                return PLEDGE_ENOMEM;
            st->tree = t;
            rc = read_document(st, t);
            if (!rc)
                rc = compact(st, &t);
            return hand_out(st, t, rc, out);
        }
        case YAML_STREAM_END_EVENT:
            yaml_event_delete(&st->ev);
            st->finished = 1;
            if (st->cut)
                return broken_document(st, out, 2);
            return emit_breaks(st, SIZE_MAX);
        default:
            yaml_event_delete(&st->ev);
            break;
        }
    }
}

int pledge__yaml_next(pledge_yaml_stream *st, pledge_tree **out, pledge_diag_list *diags)
{
    int rc;
    if (!out)
        return PLEDGE_EARG;
    *out = NULL;
    if (!st)
        return PLEDGE_EARG;
    if (st->failed || st->finished)
        return PLEDGE_OK;
    st->diags = diags;
    rc = next_document(st, out);
    if (!rc && st->finished)
        rc = flush_breaks(st);
    if (rc) {
        st->failed = 1;
        st->finished = 1;
        st->complete = 0;
        *out = NULL;
    }
    return rc;
}

/* ---- the source ----------------------------------------------------------- */

/* Streaming: read the next chunk of the source into the window, first
 * making room by dropping the bytes before the floor (when that frees at
 * least half the window: each byte moves a bounded number of times) or
 * growing it. 0, PLEDGE_ENOMEM (st->oom) or PLEDGE_EIO (st->read_errno).
 * At the end of the source, st->fp turns NULL. */
static int fill(pledge_yaml_stream *st)
{
    size_t used = st->avail - st->win_off, max = st->opts.max_file_bytes, room, got;
    size_t want = CHUNK;
    /* A file of known size smaller than a chunk gets a window its size
     * (+1 to meet its end): a large block freed per file would make malloc
     * consolidate its free lists every time. */
    if (st->size_hint > st->avail && st->size_hint - st->avail < want)
        want = st->size_hint - st->avail;
    if (st->win_cap - used < want) {
        size_t drop = st->floor.offset - st->win_off;
        if (drop && drop >= used / 2) {
            memmove(st->win, st->win + drop, used - drop);
            st->win_off += drop;
            used -= drop;
        }
        if (st->win_cap - used < want) {
            size_t cap = st->win_cap ? st->win_cap : want < CHUNK ? want : 2 * CHUNK;
            unsigned char *bigger;
            while (cap - used < want) {
                if (cap > SIZE_MAX / 2) {
                    st->oom = 1;
                    return PLEDGE_ENOMEM;
                }
                cap *= 2;
            }
            /* a block (core/arena.h): file after file reuses it */
            if (!(bigger = pledge__block_alloc(st->alloc, cap))) {
                st->oom = 1;
                return PLEDGE_ENOMEM;
            }
            if (used)
                memcpy(bigger, st->win, used);
            pledge__block_free(st->alloc, st->win);
            st->win = bigger;
            st->win_cap = cap;
            st->data = bigger;
        }
    }
    /* up to one byte past the limit, to see that the source goes on */
    room = st->win_cap - used;
    if (max < SIZE_MAX && room > max + 1 - st->avail)
        room = max + 1 - st->avail;
    errno = 0;
    got = fread(st->win + used, 1, room, st->fp);
    st->avail += got;
    if (got < room) {
        if (ferror(st->fp)) {
            st->read_errno = errno ? errno : EIO;
            st->fp = NULL;
            return PLEDGE_EIO;
        }
        st->fp = NULL;
    }
    if (st->avail > max) {
        st->avail = max;
        st->truncated = 1;
        st->fp = NULL;
    }
    return PLEDGE_OK;
}

/* The first pass over the bytes read since the last call; at the end of
 * the source, over all that is left. */
static void check_more(pledge_yaml_stream *st)
{
    size_t from = st->end, lim;
    if (st->cut || st->utf16)
        return;
    lim = !st->fp ? st->avail : st->avail - st->scanned > 3 ? st->avail - 3 : st->scanned;
    if (lim > st->scanned) {
        prescan(st, lim);
        directive_scan(st, from);
    }
    if (!st->ascii_found)
        st->ascii_end = st->end;
    if (!st->fp && !st->cut && st->truncated)
        set_cut(st, CUT_SIZE, st->avail);
}

/* libyaml's read handler (streaming): the checked bytes it has not had. */
static int feed(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
    pledge_yaml_stream *st = data;
    size_t n;
    while (st->fed == st->end) {
        if (st->cut || !st->fp) {
            *size_read = 0; /* the end, for libyaml */
            return 1;
        }
        if (fill(st) != PLEDGE_OK)
            return 0; /* libyaml reports an input error; parse_error says which */
        check_more(st);
        if (st->oom)
            return 0;
    }
    n = st->end - st->fed;
    if (n > size)
        n = size;
    memcpy(buffer, st->data + (st->fed - st->win_off), n);
    st->fed += n;
    *size_read = n;
    return 1;
}

static int open_common(pledge_yaml_stream *st)
{
    size_t n = st->avail;
    if (looks_utf16(st->data, n)) {
        st->utf16 = 1;
    } else {
        if (n >= 3 && !memcmp(st->data, "\xEF\xBB\xBF", 3))
            st->base = 3;
        st->scanned = st->end = st->fed = st->ascii_end = st->base;
        check_more(st);
        if (st->oom)
            return PLEDGE_ENOMEM;
    }
    st->cur_byte = st->chk_byte = st->last_byte = st->base;
    st->floor.line = st->floor.column = 1;
    st->floor.offset = st->base;
    st->break_mark = st->floor;
    if (!yaml_parser_initialize(&st->parser))
        return PLEDGE_ENOMEM;
    st->parser_ready = 1;
    yaml_parser_set_encoding(&st->parser, YAML_UTF8_ENCODING);
    if (st->fp)
        yaml_parser_set_input(&st->parser, feed, st);
    else
        yaml_parser_set_input_string(&st->parser, st->data + st->base, st->end - st->base);
    return PLEDGE_OK;
}

static pledge_yaml_stream *stream_new(const char *name, const pledge_load_options *opts)
{
    const pledge_allocator *a = opts ? opts->allocator : NULL;
    /* a block (core/arena.h): file after file reuses it */
    pledge_yaml_stream *st = pledge__block_alloc(a, sizeof *st);
    if (!st)
        return NULL;
    memset(st, 0, sizeof *st);
    st->alloc = a;
    st->opts = *opts;
    st->name = name ? name : "";
    st->complete = 1;
    st->dprev = '\n';
    return st;
}

int pledge__yaml_open(pledge_yaml_stream **out, const char *data, size_t len, int truncated,
                      const char *name, const pledge_load_options *opts)
{
    static const char empty[] = "";
    pledge_yaml_stream *st = stream_new(name, opts);
    *out = NULL;
    if (!st)
        return PLEDGE_ENOMEM;
    st->data = (const unsigned char *)(data ? data : empty);
    st->avail = data ? len : 0;
    st->truncated = truncated;
    if (open_common(st)) {
        pledge__yaml_free(st);
        return PLEDGE_ENOMEM;
    }
    *out = st;
    return PLEDGE_OK;
}

int pledge__yaml_open_fp(pledge_yaml_stream **out, FILE *fp, long long size, const char *name,
                         const pledge_load_options *opts, int *err)
{
    pledge_yaml_stream *st = stream_new(name, opts);
    int rc = PLEDGE_OK;
    *out = NULL;
    *err = 0;
    if (!st)
        return PLEDGE_ENOMEM;
    st->fp = fp;
    if (size >= 0 && (unsigned long long)size < SIZE_MAX / 2)
        st->size_hint = (size_t)size + 1;
    /* enough to see a byte order mark, or what UTF-16 looks like */
    while (!rc && st->fp && st->avail < 4)
        rc = fill(st);
    if (!rc)
        rc = open_common(st);
    if (rc) {
        *err = st->read_errno;
        pledge__yaml_free(st);
        return rc;
    }
    *out = st;
    return PLEDGE_OK;
}

void pledge__yaml_set_compact(pledge_yaml_stream *st, int on)
{
    st->no_compact = !on;
}

int pledge__yaml_complete(const pledge_yaml_stream *st)
{
    return st && st->complete && !st->failed;
}

void pledge__yaml_free(pledge_yaml_stream *st)
{
    if (!st)
        return;
    if (st->have_ev)
        yaml_event_delete(&st->ev);
    if (st->parser_ready)
        yaml_parser_delete(&st->parser);
    pledge__block_free(st->alloc, st->frames);
    pledge__block_free(st->alloc, st->scratch);
    pledge__block_free(st->alloc, st->anchors);
    pledge__block_free(st->alloc, st->mb);
    pledge__table_free(&st->anchor_index);
    pledge__table_free(&st->map_keys);
    pledge__arena_free(&st->names);
    pledge__block_free(st->alloc, st->win);
    pledge__block_free(st->alloc, st);
}
