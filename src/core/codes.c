/* SPDX-License-Identifier: MIT */
/* The table of every diagnostic code, for pledge_code_list (the CLI's
 * --list-codes) and for SARIF rule descriptions. Sorted by code. */
#include "pledge/diag.h"

#include <string.h>

#define E PLEDGE_SEVERITY_ERROR
#define W PLEDGE_SEVERITY_WARNING

static const pledge_code_info codes[] = {
    { "$dynamicRef", E, "a $dynamicRef cycle that never reaches into the data" },
    { "$ref", E, "a $ref cycle that never reaches into the data" },
    { "additionalProperties", E, "a property that the schema does not allow" },
    { "allOf", E, "the value fails one of the schemas it must all match" },
    { "anyOf", E, "the value matches none of the allowed alternatives" },
    { "const", E, "the value differs from the one value allowed" },
    { "contains", E, "no item (or too few items) of the array match" },
    { "dependentRequired", E, "a property requires another one that is missing" },
    { "dependentSchemas", E, "a property requires the object to match another schema" },
    { "diagnostics.suppressed", E, "more diagnostics of a file than the cap (--max-diagnostics): how many were left out, by code" },
    { "enum", E, "the value is not one of the allowed values" },
    { "exclusiveMaximum", E, "the number is not below the limit" },
    { "exclusiveMinimum", E, "the number is not above the limit" },
    { "false", E, "no value is allowed here (the schema is false)" },
    { "follow-up.duplicate-entry", E, "the same activity or indicator (and date) twice in one report" },
    { "follow-up.missing-value", E, "a measurement without value for an indicator that is not text" },
    { "follow-up.outside-pledge", W, "the report's period lies outside the pledge's period" },
    { "follow-up.period-order", E, "the period ends before it starts, or the date precedes the period" },
    { "follow-up.unchecked", W, "the follow-up's pledge is absent or invalid, so its checks against it were skipped" },
    { "follow-up.undated", E, "the follow-up has neither a date nor a period" },
    { "follow-up.undocumented-done", W, "status done or partially done without comment or evidence" },
    { "follow-up.unknown-party", E, "a reported_by entry names no party of the pledge" },
    { "follow-up.unknown-pledge", E, "the follow-up names a pledge that is not among the files (--resolve)" },
    { "follow-up.unknown-reference", E, "an activity or indicator that the pledge does not have" },
    { "format", E, "the string is not in the required format (date, url, email...)" },
    { "if", E, "the value fails the then/else schema chosen by if" },
    { "io.error", E, "a file could not be read" },
    { "items", E, "an item of the array fails its schema" },
    { "json.syntax", E, "the JSON text is not well-formed (RFC 8259)" },
    { "maxContains", E, "too many items of the array match" },
    { "maxItems", E, "the list has too many items" },
    { "maxLength", E, "the string is too long" },
    { "maxProperties", E, "the mapping has too many keys" },
    { "maximum", E, "the number is above the maximum" },
    { "minContains", E, "too few items of the array match" },
    { "minItems", E, "the list has too few items" },
    { "minLength", E, "the string is too short" },
    { "minProperties", E, "the mapping has too few keys" },
    { "minimum", E, "the number is below the minimum" },
    { "multipleOf", E, "the number is not a multiple of the required step" },
    { "not", E, "the value matches a schema it must not match" },
    { "oneOf", E, "the value matches none, or more than one, of the alternatives" },
    { "pattern", E, "the string does not match the required pattern" },
    { "pledge.area-conflict", E, "the area has both municipality (or municipality_code) and municipalities" },
    { "pledge.direction", E, "an indicator's target lies on the wrong side of its baseline" },
    { "pledge.duplicate-id", E, "an id is used twice where ids must be unique" },
    { "pledge.duplicate-pledge", E, "two pledges with the same id among the validated files" },
    { "pledge.missing-language", E, "a text mapping lacks the document's language" },
    { "pledge.no-goal", W, "the pledge states no goals, so what it should achieve cannot be followed up" },
    { "pledge.no-indicator", W, "a goal without indicators cannot be followed up by measurement" },
    { "pledge.percent-range", E, "a percent value outside 0-100" },
    { "pledge.period-order", E, "a period or baseline/target pair ends before it starts" },
    { "pledge.unknown-format", E, "the document has no known format key (pledge/1, follow-up/1)" },
    { "pledge.unknown-reference", E, "a reference to a party, problem, goal, source or place that does not exist" },
    { "pledge.unused-party", W, "a party that is neither responsible for nor partner in any activity, nor a signatory's" },
    { "prefixItems", E, "an item at a fixed position fails its schema" },
    { "propertyNames", E, "a key of the mapping is not an allowed name" },
    { "required", E, "a required property is missing" },
    { "schema.invalid", E, "the JSON Schema itself is invalid or refers to what cannot be found" },
    { "schema.limit", E, "validation stopped: the evaluation budget or the stack was used up" },
    { "schema.regex-limit", E, "a pattern was too costly to evaluate on this value" },
    { "type", E, "the value has the wrong type" },
    { "unevaluatedItems", E, "an array item that no subschema allows" },
    { "unevaluatedProperties", E, "a property that no subschema allows" },
    { "uniqueItems", E, "the list holds the same item twice" },
    { "yaml.ambiguous-scalar", W, "a plain scalar that YAML 1.1 reads differently (no, on, 010, 1:20...)" },
    { "yaml.complex-key", E, "a mapping key that is not a scalar" },
    { "yaml.duplicate-key", E, "a key appears twice in one mapping" },
    { "yaml.float-underflow", W, "a nonzero number too small for a floating-point number (below about 4.9e-324), read as 0" },
    { "yaml.invalid-utf8", E, "the bytes are not valid UTF-8" },
    { "yaml.limit", E, "a limit was reached (depth, alias expansion, file size, directives, number range)" },
    { "yaml.merge-key", E, "a merge key (<<), which YAML 1.2 does not have" },
    { "yaml.syntax", E, "the YAML text is not well-formed (control characters included)" },
    { "yaml.undefined-alias", E, "an alias to an anchor that is not defined before it" },
    { "yaml.unicode-line-break", W, "U+0085, U+2028 or U+2029, which YAML counts as line breaks" },
    { "yaml.unknown-tag", E, "a tag other than the YAML 1.2 core schema's" },
};

const pledge_code_info *pledge_code_list(size_t *count)
{
    if (count)
        *count = sizeof codes / sizeof codes[0];
    return codes;
}

const pledge_code_info *pledge_code_find(const char *code)
{
    size_t lo = 0, hi = sizeof codes / sizeof codes[0];
    if (!code)
        return NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(code, codes[mid].code);
        if (c == 0)
            return &codes[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}
