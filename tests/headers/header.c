/* SPDX-License-Identifier: MIT */
/* Compiled alone, as C11 and as C++: the public header must stand on its own. */
#include <pledge.h>

int main(void)
{
    pledge_load_options opts = PLEDGE_LOAD_OPTIONS_INIT;
    pledge_schema_options sopts = PLEDGE_SCHEMA_OPTIONS_INIT;
    (void)opts;
    (void)sopts;
    return PLEDGE_VERSION_NUMBER > 0 ? 0 : 1;
}
