/* SPDX-License-Identifier: MIT */
#include "pledge/common.h"
#include "pledge/version.h"

const char *pledge_strerror(int code)
{
    switch (code) {
    case PLEDGE_OK: return "success";
    case PLEDGE_ERROR: return "error";
    case PLEDGE_ENOMEM: return "out of memory";
    case PLEDGE_EIO: return "input/output error";
    case PLEDGE_EINVALID: return "invalid input (see the diagnostics)";
    case PLEDGE_ELIMIT: return "a limit was reached";
    case PLEDGE_EARG: return "invalid argument";
    case PLEDGE_ENOTFOUND: return "not found";
    case PLEDGE_ERANGE: return "value out of range";
    default: return "unknown error code";
    }
}

const char *pledge_version(void)
{
    return PLEDGE_VERSION_STRING;
}

int pledge_version_number(void)
{
    return PLEDGE_VERSION_NUMBER;
}
