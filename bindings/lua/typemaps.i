/* SPDX-License-Identifier: MIT */
/* Lua conversions for bindings/pledge.i (included from it under SWIGLUA):
 * a placeholder until the Lua bindings provide the patterns that
 * pledge.i lists. */
