/* SPDX-License-Identifier: MIT */
/**
 * @file pledge/version.h
 * @brief Compile-time and run-time version of libpledge.
 *
 * The release version follows semantic versioning; the shared library's
 * SOVERSION (the ABI) is kept apart from it (see CMakeLists.txt).
 * CMake reads the three numbers below: this file is the one place they live.
 */
#ifndef PLEDGE_VERSION_H
#define PLEDGE_VERSION_H

#include "common.h"

#define PLEDGE_VERSION_MAJOR 0
#define PLEDGE_VERSION_MINOR 1
#define PLEDGE_VERSION_PATCH 0
#define PLEDGE_VERSION_STRING "0.1.0"

/** Encoded as (major << 16) | (minor << 8) | patch, for comparisons. */
#define PLEDGE_VERSION_NUMBER \
    ((PLEDGE_VERSION_MAJOR << 16) | (PLEDGE_VERSION_MINOR << 8) | PLEDGE_VERSION_PATCH)

#ifdef __cplusplus
extern "C" {
#endif

/** The version of the library linked at run time, e.g. "0.1.0". Static. */
PLEDGE_EXTERN const char *pledge_version(void);

/** The run-time version as PLEDGE_VERSION_NUMBER encodes it. */
PLEDGE_EXTERN int pledge_version_number(void);

#ifdef __cplusplus
}
#endif

#endif /* PLEDGE_VERSION_H */
