/* SPDX-License-Identifier: MIT */
/* Fuzz target: YAML bytes -> trees; every tree written back as JSON and
 * YAML must read back equal. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read_all(data, size, "fuzz.yaml", PLEDGE_SYNTAX_YAML, fuzz_check_round_trip);
    return 0;
}
