/* SPDX-License-Identifier: MIT */
/* Fuzz target: JSON bytes -> tree, written back and read back equal. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read_all(data, size, "fuzz.json", PLEDGE_SYNTAX_JSON, fuzz_check_round_trip);
    return 0;
}
