/* SPDX-License-Identifier: MIT */
/**
 * @file pledge.h
 * @brief libpledge: citizen pledges (medborgarlöften) as validated data.
 *
 * Include this one header. Modules:
 * - pledge/common.h  — error codes, allocator hook, export macro
 * - pledge/version.h — version macros and pledge_version()
 * - pledge/diag.h    — diagnostics (every problem, as data)
 * - pledge/node.h    — YAML/JSON documents as trees with positions
 * - pledge/schema.h  — JSON Schema 2020-12 validation
 * - pledge/model.h   — the pledge and follow-up model, sets, progress
 * - pledge/session.h — the front door: validate files, folders, buffers and
 *                      streams as pledge-validate does
 */
#ifndef PLEDGE_H
#define PLEDGE_H

#include "pledge/common.h"
#include "pledge/version.h"
#include "pledge/diag.h"
#include "pledge/node.h"
#include "pledge/schema.h"
#include "pledge/model.h"
#include "pledge/session.h"

#endif /* PLEDGE_H */
