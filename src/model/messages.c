/* SPDX-License-Identifier: MIT */
/* Messages for the people who write pledges (pledge mode only): the JSON
 * Schema wording of a document's diagnostics is rewritten for safety
 * coordinators, not schema authors. A pattern is said in words ("an id is
 * lowercase letters a–z, digits and '-'"), never as a regular expression;
 * one mistake gives one diagnostic (a url that fails its pattern and its
 * format is one error); a Swedish word where an English keyword is
 * expected gets a hint ("kommun": did you mean "municipality"?); and a
 * misspelt top-level key does not bury its own error under the errors and
 * warnings that its absence causes. Schema mode (pledge_schema_validate)
 * keeps the JSON Schema wording: only documents loaded in pledge mode come
 * through here. Codes, positions and paths are never changed. */
#include "internal.h"
#include "core/buf.h"
#include "core/diag.h"

#include <string.h>

/* ---- what a pattern or a format means, in words -------------------------- */

typedef struct said {
    const char *pattern; /* as the schema writes it (and the message quotes it) */
    const char *what;    /* "is not <what>" */
    const char *words;
} said;

static const said patterns[] = {
    { "^[a-z0-9][a-z0-9-]*$", "a valid id",
      "an id is lowercase letters a–z, digits and '-' (write å, ä, ö as a, a, o), "
      "e.g. tryggare-trafik" },
    { "^[a-z]{2,3}$", "a language tag", "a language is two or three lowercase letters, e.g. sv (not sv-SE)" },
    { "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "a date", "a date is YYYY-MM-DD, e.g. 2025-03-31" },
    { "^[0-9]{4}(-(0[1-9]|1[0-2])(-[0-9]{2})?)?$", "a date",
      "a date is YYYY-MM-DD, or only YYYY-MM or YYYY where no more is known, e.g. 2024-03" },
    { "^https?://[^\\s/?#]+([/?#]\\S*)?$", "a url",
      "a url starts with https:// (or http://), e.g. https://www.ale.se" },
    { "^\\+?[0-9][0-9 ()-]{4,}$", "a phone number",
      "a phone number is digits, with an optional leading + and spaces, hyphens or "
      "parentheses, e.g. 010-565 44 56" },
    { "^[0-9]{4}$", "a municipality code", "a municipality code is SCB's four digits, quoted, e.g. \"1440\"" },
    { "^[^\\s@]+@[^\\s@]+$", "an e-mail address", "an e-mail address is name@domain, e.g. trygg@ale.se" },
};

/* "is not a valid <format>" of the format keyword. */
static const said formats[] = {
    { "uri", "a url", "a url starts with https:// (or http://), e.g. https://www.ale.se" },
    { "date", "a date in the calendar", "a date is YYYY-MM-DD and must exist in the calendar (2023-02-29 does not)" },
    { "email", "an e-mail address", "an e-mail address is name@domain, e.g. trygg@ale.se" },
};

/* ---- Swedish words for English keywords --------------------------------- */

typedef struct hint {
    const char *sv; /* lowercase */
    const char *en;
} hint;

static const hint words[] = {
    /* party kinds and roles */
    { "kommun", "municipality" }, { "kommunen", "municipality" },
    { "polis", "police" }, { "polisen", "police" }, { "lokalpolisområde", "police" },
    { "räddningstjänst", "rescue_service" }, { "räddningstjänsten", "rescue_service" },
    { "bostadsbolag", "housing" }, { "kollektivtrafik", "transport" },
    { "näringsliv", "business" }, { "företag", "business" },
    { "civilsamhälle", "civil_society" }, { "förening", "civil_society" },
    { "föreningar", "civil_society" }, { "skola", "school" }, { "annan", "other" },
    { "annat", "other" }, { "övrigt", "other" }, { "samverkanspartner", "partner" },
    /* statuses (the display names of format.md) */
    { "ej påbörjad", "not_started" }, { "ej påbörjat", "not_started" },
    { "inte påbörjad", "not_started" }, { "pågår", "in_progress" },
    { "pågående", "in_progress" }, { "avstannad", "stalled" }, { "avstannat", "stalled" },
    { "delvis genomförd", "partially_done" }, { "delvis genomfört", "partially_done" },
    { "genomförd", "done" }, { "genomfört", "done" }, { "klar", "done" }, { "klart", "done" },
    { "ej genomförd", "not_done" }, { "ej genomfört", "not_done" },
    { "inte genomförd", "not_done" }, { "struken", "cancelled" },
    { "kan ej bedömas", "not_assessable" }, { "ej rapporterad", "not_reported" },
    /* pledge statuses */
    { "utkast", "draft" }, { "gällande", "active" }, { "aktiv", "active" },
    { "avslutat", "ended" }, { "avslutad", "ended" }, { "ersatt", "superseded" },
    /* source kinds */
    { "medborgardialog", "citizen_dialogue" }, { "medborgardialoger", "citizen_dialogue" },
    { "medarbetardialog", "staff_dialogue" }, { "trygghetsmätning", "safety_survey" },
    { "trygghetsundersökning", "safety_survey" }, { "brottsstatistik", "crime_statistics" },
    { "skolenkät", "school_survey" }, { "elevenkät", "school_survey" },
    { "lägesbild", "national_report" },
    /* frequencies and recurrences */
    { "kontinuerligt", "continuous" }, { "löpande", "continuous" },
    { "halvår", "half_year" }, { "halvårsvis", "half_year" }, { "årligen", "annual" },
    { "årlig", "annual" }, { "varje år", "yearly" }, { "en gång", "once" },
    { "dagligen", "daily" }, { "varje dag", "daily" }, { "varje vecka", "weekly" },
    { "varje månad", "monthly" },
    /* units, directions, levels, comparators, per, qualifiers */
    { "procent", "percent" }, { "antal", "count" }, { "andel", "percent" },
    { "öka", "increase" }, { "minska", "decrease" }, { "bibehålla", "maintain" },
    { "behålla", "maintain" }, { "effektmål", "impact" }, { "resultatmål", "outcome" },
    { "prestationsmål", "output" }, { "minst", "at_least" }, { "exakt", "exactly" },
    { "högst", "at_most" }, { "år", "year" }, { "dag", "day" }, { "dygn", "day" },
    { "vecka", "week" }, { "månad", "month" }, { "termin", "term" }, { "ca", "about" },
    { "cirka", "about" }, { "omkring", "about" }, { "drygt", "more_than" },
    { "över", "more_than" },
    /* channels and places */
    { "webb", "web" }, { "webbplats", "web" }, { "hemsida", "web" },
    { "nyhetsbrev", "newsletter" }, { "möte", "meeting" }, { "väg", "road" },
    { "gata", "street" }, { "torg", "square" }, { "resecentrum", "station" },
    { "gångtunnel", "tunnel" }, { "bostadsområde", "residential_area" },
    { "tätort", "town" }, { "by", "town" },
};

/* Top-level keys written in Swedish (the keys of the formats are English). */
static const hint keys[] = {
    { "teman", "themes" }, { "tema", "themes" }, { "aktiviteter", "activities" },
    { "löften", "activities" }, { "mål", "goals" }, { "målen", "goals" },
    { "parter", "parties" }, { "titel", "title" }, { "rubrik", "title" },
    { "språk", "language" }, { "område", "area" }, { "kanaler", "channels" },
    { "kontakter", "contacts" }, { "lägesbild", "situation" },
    { "uppföljning", "follow_up" }, { "sammanfattning", "summary" },
    { "inledning", "summary" }, { "fokus", "focus" }, { "platser", "places" },
    { "undertecknande", "signing" }, { "datum", "date" }, { "löfte", "pledge" },
    { "indikatorer", "indicators" }, { "giltighetstid", "period" },
};

/* Lowercase ASCII and Å, Ä, Ö, É of @p len bytes into @p out (size
 * @p size); 0 when it does not fit. */
static int fold(const char *s, size_t len, char *out, size_t size)
{
    size_t i, n = 0;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (n + 2 >= size)
            return 0;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        else if (c == 0xC3 && i + 1 < len) {
            unsigned char d = (unsigned char)s[i + 1];
            if (d == 0x85 || d == 0x84 || d == 0x96 || d == 0x89) /* Å Ä Ö É */
                d = (unsigned char)(d + 0x20);
            out[n++] = (char)c;
            out[n++] = (char)d;
            i++;
            continue;
        }
        out[n++] = (char)c;
    }
    /* trim spaces at both ends */
    while (n && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    return 1;
}

static const char *lookup(const hint *table, size_t count, const char *s, size_t len)
{
    char folded[64];
    const char *f = folded;
    size_t i;
    if (!fold(s, len, folded, sizeof folded))
        return NULL;
    while (*f == ' ')
        f++;
    for (i = 0; i < count; i++)
        if (strcmp(table[i].sv, f) == 0)
            return table[i].en;
    return NULL;
}

/* ---- reading the schema layer's messages -------------------------------- */

/* The quoted value at the start of @p msg ("\"x\" does not match…"): its
 * text between the quotes (escapes left as they are), or 0. */
static int leading_quoted(const char *msg, const char **s, size_t *len)
{
    const char *p;
    if (msg[0] != '"')
        return 0;
    for (p = msg + 1; *p && *p != '"'; p++)
        if (*p == '\\' && p[1])
            p++;
    if (*p != '"')
        return 0;
    *s = msg + 1;
    *len = (size_t)(p - (msg + 1));
    return 1;
}

/* The property named in "unexpected property \"x\"…" or "missing required
 * property \"x\"…". */
static int quoted_after(const char *msg, const char *lead, const char **s, size_t *len)
{
    const char *p = strstr(msg, lead);
    if (!p)
        return 0;
    return leading_quoted(p + strlen(lead), s, len);
}

/* The key "did you mean \"y\"" suggests, or NULL. */
static int suggested(const char *msg, const char **s, size_t *len)
{
    return quoted_after(msg, "did you mean ", s, len);
}

/* ---- the rewrite ----------------------------------------------------------- */

typedef struct rewrite {
    pledge_buf msg;
    const pledge_allocator *allocator;
} rewrite;

/* @p d's instance path is "/key" of the root. */
static int root_key(const pledge_diag *d)
{
    return d->instance_path[0] == '/' && !strchr(d->instance_path + 1, '/');
}

/* What a misspelt top-level key was meant to be (its absence causes other
 * diagnostics), one per document at most: a "did you mean" of the schema
 * layer, or a Swedish key. */
typedef struct meant {
    char key[32];
} meant;

static void find_meant(const pledge_diag_list *from, size_t first, meant *m)
{
    size_t i, n = pledge_diag_list_count(from);
    m->key[0] = '\0';
    for (i = first; i < n; i++) {
        const pledge_diag *d = pledge_diag_list_at(from, i);
        const char *s, *en;
        size_t len;
        if (strcmp(d->code, "additionalProperties") != 0 || !root_key(d))
            continue;
        if (suggested(d->message, &s, &len) && len < sizeof m->key) {
            memcpy(m->key, s, len);
            m->key[len] = '\0';
            return;
        }
        if (quoted_after(d->message, "unexpected property ", &s, &len) &&
            (en = lookup(keys, sizeof keys / sizeof keys[0], s, len)) != NULL) {
            strcpy(m->key, en);
            return;
        }
    }
}

/* A diagnostic that only says that the key @p m->key is absent (or what
 * follows from its absence): dropped, so that the misspelt key's own error
 * shows. */
static int follows_from_absence(const pledge_diag *d, const meant *m)
{
    char quoted[40];
    const char *k = m->key;
    if (!k[0])
        return 0;
    snprintf(quoted, sizeof quoted, "\"%s\"", k);
    if ((strcmp(d->code, "required") == 0 || strcmp(d->code, "anyOf") == 0) &&
        d->instance_path[0] == '\0')
        return strstr(d->message, quoted) != NULL ||
               ((strcmp(k, "themes") == 0 || strcmp(k, "activities") == 0) &&
                (strstr(d->message, "\"themes\"") || strstr(d->message, "\"activities\"")));
    if (strcmp(d->code, "pledge.no-goal") == 0)
        return strcmp(k, "goals") == 0;
    if (strcmp(d->code, "follow-up.undated") == 0)
        return strcmp(k, "date") == 0 || strcmp(k, "period") == 0;
    if (strcmp(d->code, "pledge.unused-party") == 0)
        return strcmp(k, "themes") == 0 || strcmp(k, "activities") == 0 ||
               strcmp(k, "signing") == 0;
    if (strcmp(d->code, "pledge.unknown-reference") == 0)
        return (strcmp(k, "goals") == 0 && strstr(d->message, "unknown goal")) ||
               (strcmp(k, "places") == 0 && strstr(d->message, "unknown place")) ||
               (strcmp(k, "parties") == 0 && strstr(d->message, "unknown party"));
    return 0;
}

/* A pattern error at the same place as a format error of the same
 * document: the format error says it (one diagnostic per mistake). */
static int has_format_twin(const pledge_diag_list *from, size_t first, const pledge_diag *d)
{
    size_t i, n = pledge_diag_list_count(from);
    for (i = first; i < n; i++) {
        const pledge_diag *o = pledge_diag_list_at(from, i);
        if (o != d && strcmp(o->code, "format") == 0 && o->document == d->document &&
            strcmp(o->instance_path, d->instance_path) == 0)
            return 1;
    }
    return 0;
}

/* Put @p d's message for pledge writers in r->msg; 0 when it is kept as is. */
static int reword(rewrite *r, const pledge_diag *d)
{
    const char *s, *en;
    size_t len, i;
    pledge__buf_clear(&r->msg);
    if (strcmp(d->code, "pattern") == 0) {
        const char *p = strstr(d->message, " does not match the pattern \"");
        if (!p || !leading_quoted(d->message, &s, &len))
            return 0;
        p += strlen(" does not match the pattern \"");
        for (i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
            size_t pl = strlen(patterns[i].pattern);
            const char *q = p;
            size_t k;
            /* The message escapes the pattern's backslashes. */
            for (k = 0; k < pl && *q; k++, q++) {
                if (patterns[i].pattern[k] == '\\' && q[0] == '\\' && q[1] == '\\')
                    q++;
                else if (patterns[i].pattern[k] != *q)
                    break;
            }
            if (k == pl && *q == '"') {
                pledge__buf_printf(&r->msg, "\"%.*s\" is not %s: %s", (int)len, s,
                                   patterns[i].what, patterns[i].words);
                return 1;
            }
        }
        /* Some other pattern: say that its form is wrong, without the
         * regular expression. */
        pledge__buf_printf(&r->msg, "\"%.*s\" is not in the form this key needs", (int)len, s);
        return 1;
    }
    if (strcmp(d->code, "format") == 0) {
        const char *p = strstr(d->message, " is not a valid ");
        if (!p || !leading_quoted(d->message, &s, &len))
            return 0;
        p += strlen(" is not a valid ");
        for (i = 0; i < sizeof formats / sizeof formats[0]; i++)
            if (strcmp(p, formats[i].pattern) == 0) {
                pledge__buf_printf(&r->msg, "\"%.*s\" is not %s: %s", (int)len, s,
                                   formats[i].what, formats[i].words);
                return 1;
            }
        return 0;
    }
    if (strcmp(d->code, "enum") == 0 && leading_quoted(d->message, &s, &len) &&
        (en = lookup(words, sizeof words / sizeof words[0], s, len)) != NULL) {
        char quoted[40];
        snprintf(quoted, sizeof quoted, "\"%s\"", en);
        if (!strstr(d->message, quoted))
            return 0;
        pledge__buf_printf(&r->msg, "%s; did you mean \"%s\"? (keywords are English, the "
                           "Swedish word is the display form)", d->message, en);
        return 1;
    }
    if (strcmp(d->code, "additionalProperties") == 0 && !strstr(d->message, "did you mean") &&
        quoted_after(d->message, "unexpected property ", &s, &len) &&
        (en = lookup(keys, sizeof keys / sizeof keys[0], s, len)) != NULL && root_key(d)) {
        pledge__buf_printf(&r->msg, "%s (did you mean \"%s\"? keys are English)", d->message, en);
        return 1;
    }
    if (strcmp(d->code, "required") == 0 && d->instance_path[0] == '\0' &&
        strstr(d->message, "anyOf") &&
        (strstr(d->message, "\"themes\"") || strstr(d->message, "\"activities\""))) {
        pledge__buf_puts(&r->msg, "the pledge lists no promises: give them under \"themes\" "
                                  "(grouped under headings) or \"activities\" (a flat list)");
        return 1;
    }
    return 0;
}

int pledge__pledge_messages(pledge_diag_list *to, const pledge_diag_list *from, size_t first)
{
    rewrite r;
    meant m;
    size_t i, n = pledge_diag_list_count(from);
    int rc = PLEDGE_OK;
    r.allocator = pledge__diag_list_allocator(to);
    pledge__buf_init(&r.msg, r.allocator);
    find_meant(from, first, &m);
    for (i = first; i < n && !rc; i++) {
        const pledge_diag *d = pledge_diag_list_at(from, i);
        pledge_diag_where where;
        if (follows_from_absence(d, &m))
            continue;
        if (strcmp(d->code, "pattern") == 0 && has_format_twin(from, first, d))
            continue;
        memset(&where, 0, sizeof where);
        where.file = d->file;
        where.document = d->document;
        where.mark.line = d->line;
        where.mark.column = d->column;
        where.mark.offset = d->offset;
        where.instance_path = d->instance_path;
        where.schema_path = d->schema_path;
        if (reword(&r, d)) {
            if (r.msg.failed)
                rc = PLEDGE_ENOMEM;
            else
                rc = pledge__diag_addf(to, d->severity, d->code, &where, "%s",
                                       pledge__buf_cstr(&r.msg));
        } else {
            rc = pledge__diag_addf(to, d->severity, d->code, &where, "%s", d->message);
        }
    }
    pledge__buf_free(&r.msg);
    return rc;
}
