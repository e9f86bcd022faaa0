/* SPDX-License-Identifier: MIT */
/*
 * gen_pledges: synthetic citizen pledges like the Ale one, for benchmarks.
 *
 *   gen_pledges N STREAM.yaml      N pledges as one multi-document stream
 *   gen_pledges N --dir DIR        N pledges as DIR/pledge-00000.yaml ...
 *   gen_pledges N --follow-ups ... also one follow-up after each pledge
 *
 * Each pledge is valid pledge/1 with Swedish text, 10-25 activities under
 * 3-5 themes, 3-5 goals with 1-2 percent indicators (baselines and targets
 * that respect their direction), a lägesbild, channels and a contact:
 * about 8 KB. The output depends only on N and the fixed seed.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t state = 0x9E3779B97F4A7C15ull; /* fixed seed: the same corpus every time */

static uint32_t next(void)
{
    /* xorshift64* */
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return (uint32_t)((state * 0x2545F4914F6CDD1Dull) >> 32);
}

static int range(int lo, int hi) /* inclusive */
{
    return lo + (int)(next() % (uint32_t)(hi - lo + 1));
}

#define PICK(a) (a[next() % (sizeof(a) / sizeof((a)[0]))])

static const char *const kommuner[] = {
    "Ale", "Kungälv", "Lerum", "Alingsås", "Stenungsund", "Tjörn", "Orust", "Partille",
    "Härryda", "Mölndal", "Kungsbacka", "Varberg", "Falkenberg", "Uddevalla", "Trollhättan",
    "Vänersborg", "Borås", "Ulricehamn", "Skövde", "Lidköping", "Mariestad", "Strömstad",
    "Lysekil", "Munkedal", "Tanum", "Sotenäs", "Bengtsfors", "Åmål", "Mark", "Tranemo",
};

static const char *const verbs[] = {
    "Arbeta för", "Samverka kring", "Fördjupa arbetet med", "Genomföra insatser för",
    "Verka för", "Utveckla", "Stärka", "Informera om", "Bedriva ett systematiskt arbete med",
    "Rikta åtgärder mot", "Förebygga", "Öka kunskapen om",
};

static const char *const objects[] = {
    "tryggare trafikmiljö", "trygga och säkra fysiska miljöer",
    "belysning på gång- och cykelvägar", "brottsförebyggande åtgärder i centrum",
    "våld i nära relationer", "psykisk hälsa och suicidprevention",
    "säkrare digitala vanor för ungdomar", "tidiga insatser för unga i riskzon",
    "samverkan med det lokala näringslivet", "trygghetsvandringar i bostadsområden",
    "hastighetskontroller vid skolor", "störande moped- och A-traktorkörning",
    "narkotikaförebyggande arbete", "föräldrastöd och föräldramöten", "grannsamverkan",
    "klotter och skadegörelse", "trygghet i kollektivtrafiken", "langning av alkohol till unga",
};

static const char *const tails[] = {
    "i syfte att öka tryggheten i lokalsamhället",
    "med särskilt fokus på de platser som upplevs mörka och otrygga",
    "genom koordinerade insatser med relevanta aktörer",
    "tillsammans med skolor, föreningar och fastighetsägare",
    "så att invånarna ser resultat under perioden",
    "utifrån den gemensamma lokala lägesbilden",
    "både på större och mindre vägar i kommunen",
    "såväl mellan vuxna som mellan barn och unga",
};

static const char *const goal_texts[] = {
    "Ökad trygghet bland invånarna.",
    "Ökat förtroende för polis och kommun hos invånarna.",
    "Upplevda problem med narkotika och trafik ska minska.",
    "Polisen ska uppfattas som mer tillgänglig.",
    "Färre invånare ska avstå från aktiviteter av oro för brott.",
    "Minskad utsatthet för brott bland unga.",
};

static const char *const theme_titles[] = {
    "Samverkan för ökad trafiksäkerhet och trygga miljöer",
    "Samverkan med näringsliv",
    "Samverkan i det övergripande trygghetsfrämjande och brottsförebyggande arbetet",
    "Samverkan i det brottsförebyggande arbetet gentemot unga",
    "Trygghet i centrum och bostadsområden",
    "Stöd till brottsutsatta och anhöriga",
};

typedef struct out {
    char *data;
    size_t len, cap;
} out;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void put(out *o, const char *fmt, ...)
{
    va_list ap;
    int n;
    for (;;) {
        size_t room = o->cap - o->len;
        va_start(ap, fmt);
        n = vsnprintf(o->data + o->len, room, fmt, ap);
        va_end(ap);
        if (n < 0) {
            perror("vsnprintf");
            exit(1);
        }
        if ((size_t)n < room)
            break;
        o->cap = o->cap ? o->cap * 2 : 1 << 16;
        o->data = realloc(o->data, o->cap);
        if (!o->data) {
            perror("realloc");
            exit(1);
        }
    }
    o->len += (size_t)n;
}

/* A sentence of Swedish-looking prose, folded at about 76 columns with
 * @p indent spaces. */
static void prose(out *o, int indent, int sentences)
{
    int s, col = indent;
    put(o, ">-\n%*s", indent, "");
    for (s = 0; s < sentences; s++) {
        char buf[400];
        const char *w;
        char *save = NULL;
        /* Every other sentence without its tail keeps a pledge near 8 KB. */
        if (next() % 2)
            snprintf(buf, sizeof buf, "%s %s %s.", PICK(verbs), PICK(objects), PICK(tails));
        else
            snprintf(buf, sizeof buf, "%s %s.", PICK(verbs), PICK(objects));
        for (w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
            int len = (int)strlen(w);
            if (col + len > 76 && col > indent) {
                put(o, "\n%*s", indent, "");
                col = indent;
            } else if (col > indent) {
                put(o, " ");
                col++;
            }
            put(o, "%s", w);
            col += len;
        }
    }
    put(o, "\n");
}

static void pledge(out *o, int i)
{
    const char *k = kommuner[i % (int)(sizeof kommuner / sizeof kommuner[0])];
    int year = 2023 + i % 4, t, a, g, n, themes = range(3, 5), goals = range(3, 5);
    int activities = range(10, 25), act = 0, has_third = i % 3 == 0;

    put(o, "format: pledge/1\nid: pledge-%05d-%d\n", i, year);
    put(o, "title: %s – medborgarlöften\nlanguage: sv\n", k);
    put(o, "area:\n  municipality: %s kommun\n  municipality_code: \"%04d\"\n"
           "  police_area: Lokalpolisområde %s\n", k, 1400 + i % 600, k);
    put(o, "agreement:\n  name: Trygg i %s\n  url: https://www.example.se/%05d/trygg\n", k, i);
    put(o, "parties:\n"
           "  - id: kommun\n    name: %s kommun\n    kind: municipality\n"
           "    identifiers:\n      - scheme: scb-kommunkod\n        value: \"%04d\"\n"
           "  - id: polis\n    name: Lokalpolisområde %s\n    kind: police\n",
        k, 1400 + i % 600, k);
    if (has_third)
        put(o, "  - id: bostadsbolag\n    name: %s Bostäder AB\n    kind: housing\n", k);
    put(o, "period:\n  start: %d\n  planned_years: 3\n  label: %d och tillsvidare\n", year, year);
    put(o, "focus: ");
    prose(o, 2, 1);
    put(o, "summary: ");
    prose(o, 2, 2);
    put(o, "situation:\n  description: ");
    prose(o, 4, 2);
    put(o, "  sources:\n"
           "    - {id: medborgardialoger, kind: citizen_dialogue, title: dialoger med medborgare}\n"
           "    - {id: trygghetsmatning, kind: safety_survey, title: Trygghetsmätning %d,\n"
           "       year: %d}\n"
           "    - {id: brottsstatistik, kind: crime_statistics, title: polisens brottsstatistik}\n"
           "    - {id: medarbetare, kind: staff_dialogue, title: dialoger med medarbetare}\n",
        year - 1, year - 1);
    put(o, "  problems:\n");
    for (n = 0; n < 3; n++) {
        put(o, "    - id: problem-%d\n      title: %s\n", n, PICK(objects));
        if (n == 0) {
            put(o, "      description: ");
            prose(o, 8, 1);
        }
        put(o, "      sources: [%s, trygghetsmatning]\n",
            n == 0 ? "medborgardialoger" : "brottsstatistik");
    }
    put(o, "themes:\n");
    for (t = 0; t < themes; t++) {
        int here = t == themes - 1 ? activities - act : activities / themes;
        put(o, "  - id: tema-%d\n    title: %s\n    activities:\n", t,
            theme_titles[(t + i) % 6]);
        for (a = 0; a < here; a++, act++) {
            int r = range(0, 5);
            put(o, "      - id: aktivitet-%d\n        text: ", act);
            prose(o, 10, range(0, 4) == 0 ? 2 : 1);
            /* The third party, when there is one, is responsible for the
             * second activity at least (an unused party is a warning). */
            put(o, "        responsible: [%s]\n",
                has_third && (act == 1 || r == 5) ? "kommun, bostadsbolag"
                : r < 2 ? "kommun, polis" : r < 4 ? "kommun" : r == 4 ? "polis" : "kommun, polis");
            if (act % 3 == 0)
                put(o, "        addresses: [problem-%d]\n", act % 3);
            if (act % 4 == 0)
                put(o, "        goals: [mal-%d]\n", act % goals);
            if (act % 5 == 0)
                put(o, "        recurrence: yearly\n        target: {quantity: %d, comparator: "
                       "at_least, unit: tillfällen, per: year}\n", range(2, 70));
        }
    }
    put(o, "goals:\n");
    for (g = 0; g < goals; g++) {
        int inds = range(0, 2) == 0 ? 2 : 1;
        put(o, "  - id: mal-%d\n    text: %s\n    level: outcome\n    indicators:\n", g,
            goal_texts[(g + i) % 6]);
        for (n = 0; n < inds; n++) {
            int up = (g + n) % 3 != 2, base = range(20, 70), delta = range(2, 15);
            put(o, "      - id: indikator-%d-%d\n"
                   "        text: Andel som %s\n"
                   "        unit: percent\n        direction: %s\n"
                   "        source: {kind: safety_survey, title: Trygghetsmätningen}\n"
                   "        baseline: {value: %d.%d, date: %d-10-31}\n"
                   "        target: {value: %d, date: %d-10-31}\n",
                g, n, up ? "känner sig trygga" : "upplever problem i området",
                up ? "increase" : "decrease", base, range(0, 9), year - 1,
                up ? base + delta : base - delta, year + 2);
        }
    }
    put(o, "follow_up:\n  methods: [safety_survey, citizen_dialogue]\n  frequency: annual\n"
           "  description: Målen följs upp årligen genom trygghetsmätningar och\n"
           "    medborgardialoger.\n");
    put(o, "channels:\n"
           "  - {kind: web, url: \"https://polisen.se/lokalpolisomrade/%05d\", owner: polis}\n"
           "  - {kind: facebook, name: Polisen %s, owner: polis}\n"
           "  - {kind: instagram, name: polisen.%05d, owner: polis}\n"
           "  - {kind: web, url: \"https://www.example.se/%05d\", owner: kommun}\n",
        i, k, i, i);
    put(o, "contacts:\n  - party: polis\n    name: Kontaktperson %d\n    role: kommunpolis\n"
           "    note: Har du synpunkter, tips och idéer? Välkommen att höra av dig.\n"
           "    phone: \"010-56%d %02d %02d\"\n", i, i % 10, i % 100, (i / 100) % 100);
}

static void follow_up(out *o, int i)
{
    static const char *const statuses[] = { "not_started", "in_progress", "stalled",
                                            "partially_done", "done", "cancelled",
                                            "not_assessable" };
    int year = 2023 + i % 4, a;
    put(o, "format: follow-up/1\npledge: pledge-%05d-%d\ndate: %d-02-14\n"
           "period: {start: %d-01-01, end: %d-12-31}\nactivities:\n", i, year, year + 1, year,
        year);
    for (a = 0; a < 10; a++)
        put(o, "  - {activity: aktivitet-%d, status: %s, comment: Enligt plan.}\n", a,
            statuses[(a + i) % 7]);
    put(o, "indicators:\n  - {indicator: indikator-0-0, value: %d, date: %d-10-31}\n",
        range(20, 80), year);
}

static void write_file(const char *path, const out *o)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(o->data, 1, o->len, f) != o->len || fclose(f) != 0) {
        fprintf(stderr, "gen_pledges: cannot write %s: %s\n", path, strerror(errno));
        exit(1);
    }
}

int main(int argc, char **argv)
{
    int n, i, follow = 0, argi = 2;
    const char *dir = NULL, *stream = NULL;
    out o = { NULL, 0, 0 };

    if (argc < 3) {
        fprintf(stderr, "usage: gen_pledges N [--follow-ups] (STREAM.yaml | --dir DIR)\n");
        return 2;
    }
    n = atoi(argv[1]);
    if (argi < argc && strcmp(argv[argi], "--follow-ups") == 0) {
        follow = 1;
        argi++;
    }
    if (argi + 1 < argc && strcmp(argv[argi], "--dir") == 0)
        dir = argv[argi + 1];
    else if (argi < argc)
        stream = argv[argi];
    if (n <= 0 || (!dir && !stream)) {
        fprintf(stderr, "gen_pledges: bad arguments\n");
        return 2;
    }
    if (dir && mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "gen_pledges: cannot create %s: %s\n", dir, strerror(errno));
        return 1;
    }
    for (i = 0; i < n; i++) {
        if (stream && i)
            put(&o, "---\n");
        pledge(&o, i);
        if (follow) {
            put(&o, "---\n");
            follow_up(&o, i);
        }
        if (dir) {
            char path[4096];
            snprintf(path, sizeof path, "%s/pledge-%05d.yaml", dir, i);
            write_file(path, &o);
            o.len = 0;
        }
    }
    if (stream)
        write_file(stream, &o);
    free(o.data);
    return 0;
}
