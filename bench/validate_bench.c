/* SPDX-License-Identifier: MIT */
/*
 * validate_bench: JSON Schema validation alone, over an already-built tree.
 *
 *   validate_bench [MEGABYTES]     (default 10)
 *
 * Generates about MEGABYTES of realistic pledge-like records as one JSON
 * array (fixed seed), reads it with the JSON reader, writes the same tree
 * as block YAML and reads that with the YAML reader, then times
 * pledge_schema_validate over the tree (best of several runs) and prints
 * throughput and the ratios to the readers' parse times. See
 * docs/performance.md ("JSON Schema validation").
 */
#include "pledge.h"
#include "core/buf.h"
#include "node/json_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *schema_text =
    "{\n"
    " \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n"
    " \"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/pledge\"},\n"
    " \"$defs\": {\n"
    "  \"text\": {\"type\": \"string\", \"minLength\": 1, \"maxLength\": 2000},\n"
    "  \"date\": {\"type\": \"string\", \"format\": \"date\",\n"
    "            \"pattern\": \"^[0-9]{4}-[0-9]{2}-[0-9]{2}$\"},\n"
    "  \"pledge\": {\"type\": \"object\", \"additionalProperties\": false,\n"
    "   \"required\": [\"format\", \"id\", \"title\", \"municipality\", \"period\", "
    "\"responsible\", \"themes\"],\n"
    "   \"properties\": {\n"
    "    \"format\": {\"const\": \"pledge/1\"},\n"
    "    \"id\": {\"type\": \"string\", \"pattern\": \"^[a-z]+-[0-9]{4}-[0-9]{4}$\"},\n"
    "    \"title\": {\"$ref\": \"#/$defs/text\"},\n"
    "    \"municipality\": {\"$ref\": \"#/$defs/text\"},\n"
    "    \"language\": {\"enum\": [\"sv\", \"en\", \"fi\"]},\n"
    "    \"period\": {\"type\": \"object\", \"required\": [\"from\", \"to\"],\n"
    "      \"additionalProperties\": false,\n"
    "      \"properties\": {\"from\": {\"$ref\": \"#/$defs/date\"}, \"to\": {\"$ref\": "
    "\"#/$defs/date\"}}},\n"
    "    \"responsible\": {\"type\": \"array\", \"minItems\": 1, \"items\": {\n"
    "      \"type\": \"object\", \"required\": [\"name\", \"role\"], \"additionalProperties\": false,\n"
    "      \"properties\": {\"name\": {\"$ref\": \"#/$defs/text\"},\n"
    "                     \"role\": {\"enum\": [\"kommun\", \"polis\", \"region\", \"förening\"]},\n"
    "                     \"email\": {\"type\": \"string\", \"format\": \"email\"}}}},\n"
    "    \"themes\": {\"type\": \"array\", \"minItems\": 1, \"items\": {\"$ref\": \"#/$defs/theme\"}},\n"
    "    \"goals\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/goal\"}},\n"
    "    \"contact\": {\"type\": \"object\", \"minProperties\": 1,\n"
    "      \"properties\": {\"email\": {\"type\": \"string\"}, \"phone\": {\"type\": \"string\"}},\n"
    "      \"additionalProperties\": false}\n"
    "   }},\n"
    "  \"theme\": {\"type\": \"object\", \"required\": [\"name\", \"activities\"],\n"
    "   \"additionalProperties\": false,\n"
    "   \"properties\": {\"name\": {\"$ref\": \"#/$defs/text\"},\n"
    "    \"activities\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/activity\"}}}},\n"
    "  \"activity\": {\"type\": \"object\", \"required\": [\"what\", \"status\"],\n"
    "   \"additionalProperties\": false,\n"
    "   \"properties\": {\"what\": {\"$ref\": \"#/$defs/text\"},\n"
    "    \"who\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"uniqueItems\": true},\n"
    "    \"when\": {\"$ref\": \"#/$defs/date\"},\n"
    "    \"status\": {\"enum\": [\"planned\", \"ongoing\", \"done\", \"cancelled\"]},\n"
    "    \"progress\": {\"type\": \"integer\", \"minimum\": 0, \"maximum\": 100}},\n"
    "   \"if\": {\"properties\": {\"status\": {\"const\": \"done\"}}},\n"
    "   \"then\": {\"properties\": {\"progress\": {\"const\": 100}}}},\n"
    "  \"goal\": {\"type\": \"object\", \"required\": [\"text\", \"indicator\"],\n"
    "   \"properties\": {\"text\": {\"$ref\": \"#/$defs/text\"},\n"
    "    \"indicator\": {\"type\": \"object\", \"required\": [\"name\", \"baseline\", \"target\"],\n"
    "     \"properties\": {\"name\": {\"type\": \"string\"},\n"
    "      \"baseline\": {\"type\": \"number\"}, \"target\": {\"type\": \"number\"},\n"
    "      \"unit\": {\"enum\": [\"percent\", \"count\"]}}}}}\n"
    " }\n"
    "}\n";

static uint64_t seed = 0x9E3779B97F4A7C15ull;

static unsigned rnd(unsigned n)
{
    seed ^= seed >> 12;
    seed ^= seed << 25;
    seed ^= seed >> 27;
    return (unsigned)(((seed * 0x2545F4914F6CDD1Dull) >> 33) % n);
}

static const char *const places[] = { "Ale", "Kungälv", "Lerum", "Alingsås", "Stenungsund",
                                      "Tjörn", "Orust", "Partille", "Härryda", "Mölndal" };
static const char *const words[] = {
    "trygghet", "samverkan", "ungdomar", "trafik", "centrum", "skolan", "nattvandring",
    "belysning", "föreningar", "polisen", "kommunen", "medborgardialog", "brott", "insatser",
    "grannsamverkan", "våld", "narkotika", "skadegörelse", "tillsyn", "uppföljning"
};
static const char *const statuses[] = { "planned", "ongoing", "done", "cancelled" };
static const char *const roles[] = { "kommun", "polis", "region", "förening" };

static void sentence(pledge_buf *b, int n)
{
    int i;
    pledge__buf_putc(b, '"');
    for (i = 0; i < n; i++)
        pledge__buf_printf(b, "%s%s", i ? " " : "", words[rnd(20)]);
    pledge__buf_putc(b, '"');
}

static void record(pledge_buf *b, unsigned idx)
{
    int t, a, nt = 3 + (int)rnd(3), g;
    const char *place = places[rnd(10)];
    pledge__buf_printf(b, "{\"format\": \"pledge/1\", \"id\": \"ale-2024-%04u\", \"title\": ",
                       idx % 10000);
    sentence(b, 6);
    pledge__buf_printf(b, ", \"municipality\": \"%s\", \"language\": \"sv\", "
                          "\"period\": {\"from\": \"2024-01-01\", \"to\": \"2025-12-31\"}, "
                          "\"responsible\": [{\"name\": \"%s kommun\", \"role\": \"kommun\", "
                          "\"email\": \"info@%c%c.se\"}, {\"name\": \"Polisen\", \"role\": \"%s\"}], "
                          "\"themes\": [", place, place, 'a' + (int)rnd(26), 'a' + (int)rnd(26),
                       roles[1 + rnd(3)]);
    for (t = 0; t < nt; t++) {
        int na = 3 + (int)rnd(4);
        pledge__buf_puts(b, t ? ", {\"name\": " : "{\"name\": ");
        sentence(b, 2);
        pledge__buf_puts(b, ", \"activities\": [");
        for (a = 0; a < na; a++) {
            const char *st = statuses[rnd(4)];
            pledge__buf_puts(b, a ? ", {\"what\": " : "{\"what\": ");
            sentence(b, 8 + (int)rnd(10));
            pledge__buf_printf(b, ", \"who\": [\"kommunen\", \"polisen\"], \"when\": "
                                  "\"2024-%02u-%02u\", \"status\": \"%s\", \"progress\": %u}",
                               1 + rnd(12), 1 + rnd(28), st,
                               strcmp(st, "done") == 0 ? 100 : rnd(100));
        }
        pledge__buf_puts(b, "]}");
    }
    pledge__buf_puts(b, "], \"goals\": [");
    for (g = 0; g < 3; g++) {
        pledge__buf_puts(b, g ? ", {\"text\": " : "{\"text\": ");
        sentence(b, 10);
        pledge__buf_printf(b, ", \"indicator\": {\"name\": \"andel trygga\", \"baseline\": %u.%u, "
                              "\"target\": %u, \"unit\": \"percent\"}}",
                           40 + rnd(40), rnd(10), 60 + rnd(40));
    }
    pledge__buf_puts(b, "], \"contact\": {\"email\": \"trygghet@ale.se\", \"phone\": "
                        "\"0303-33 00 00\"}}");
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int to_buf(void *ud, const char *bytes, size_t len)
{
    pledge__buf_append(ud, bytes, len);
    return 0;
}

int main(int argc, char **argv)
{
    double mb = argc > 1 ? atof(argv[1]) : 10.0, t0, best_json = 1e9, best_yaml = 1e9;
    double best_val = 1e9, best_fmt = 1e9;
    size_t target = (size_t)(mb * 1024 * 1024), records = 0;
    pledge_buf json, yaml;
    pledge_tree *tree = NULL;
    pledge_schema *schema = NULL, *fschema = NULL;
    pledge_schema_options fo = PLEDGE_SCHEMA_OPTIONS_INIT;
    pledge_load_options lo = PLEDGE_LOAD_OPTIONS_INIT;
    pledge_diag_list *diags = NULL;
    int i, rc;

    pledge__buf_init(&json, NULL);
    pledge__buf_init(&yaml, NULL);
    pledge__buf_putc(&json, '[');
    while (json.len < target) {
        if (records)
            pledge__buf_puts(&json, ",\n");
        record(&json, (unsigned)records++);
    }
    pledge__buf_puts(&json, "]\n");
    lo.max_file_bytes = (size_t)1 << 30;
    pledge_diag_list_new(&diags, NULL);

    if (pledge_schema_compile_buffer(&schema, "bench.json", schema_text, strlen(schema_text),
                                     NULL, diags)) {
        fprintf(stderr, "the benchmark schema does not compile\n");
        return 1;
    }
    fo.flags = PLEDGE_SCHEMA_ASSERT_FORMATS;
    if (pledge_schema_compile_buffer(&fschema, "bench.json", schema_text, strlen(schema_text),
                                     &fo, diags))
        return 1;

    for (i = 0; i < 3; i++) {
        pledge_tree_free(tree);
        tree = NULL;
        t0 = now();
        rc = pledge__json_read(&tree, json.data, json.len, "bench.json", 0, &lo, diags);
        t0 = now() - t0;
        if (rc || !pledge_tree_root(tree)) {
            fprintf(stderr, "the JSON reader failed\n");
            return 1;
        }
        if (t0 < best_json)
            best_json = t0;
    }
    pledge_node_write_yaml(pledge_tree_root(tree), 0, to_buf, &yaml);
    for (i = 0; i < 3; i++) {
        pledge_tree *y = NULL;
        lo.syntax = PLEDGE_SYNTAX_YAML;
        t0 = now();
        rc = pledge_tree_parse(&y, "bench.yaml", yaml.data, yaml.len, &lo, NULL);
        t0 = now() - t0;
        if (rc) {
            fprintf(stderr, "the YAML reader failed (%s)\n", pledge_strerror(rc));
            return 1;
        }
        pledge_tree_free(y);
        if (t0 < best_yaml)
            best_yaml = t0;
    }
    for (i = 0; i < 7; i++) {
        t0 = now();
        rc = pledge_schema_validate(schema, pledge_tree_root(tree), "bench.json", 0, 0, diags);
        t0 = now() - t0;
        if (rc) {
            fprintf(stderr, "the generated document is invalid:\n%s\n",
                    pledge_diag_list_at(diags, 0) ? pledge_diag_list_at(diags, 0)->message : "");
            return 1;
        }
        if (t0 < best_val)
            best_val = t0;
        t0 = now();
        rc = pledge_schema_validate(fschema, pledge_tree_root(tree), "bench.json", 0, 0, diags);
        t0 = now() - t0;
        if (rc)
            return 1;
        if (t0 < best_fmt)
            best_fmt = t0;
    }
    printf("records: %zu; JSON text %.1f MB, the same as block YAML %.1f MB\n", records,
           (double)json.len / 1048576.0, (double)yaml.len / 1048576.0);
    printf("JSON reader:             %8.1f ms  %7.1f MB/s (of JSON text)\n", best_json * 1e3,
           (double)json.len / 1048576.0 / best_json);
    printf("YAML reader:             %8.1f ms  %7.1f MB/s (of YAML text)\n", best_yaml * 1e3,
           (double)yaml.len / 1048576.0 / best_yaml);
    printf("validate:                %8.1f ms  %7.1f MB/s (of JSON text), %.0f records/s\n",
           best_val * 1e3, (double)json.len / 1048576.0 / best_val,
           (double)records / best_val);
    printf("validate, formats on:    %8.1f ms  %7.1f MB/s (of JSON text)\n", best_fmt * 1e3,
           (double)json.len / 1048576.0 / best_fmt);
    printf("validate / JSON read:    %8.2f\n", best_val / best_json);
    printf("validate / YAML read:    %8.2f\n", best_val / best_yaml);
    pledge_tree_free(tree);
    pledge_schema_free(schema);
    pledge_schema_free(fschema);
    pledge_diag_list_free(diags);
    pledge__buf_free(&json);
    pledge__buf_free(&yaml);
    return 0;
}
