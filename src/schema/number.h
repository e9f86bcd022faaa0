/* SPDX-License-Identifier: MIT */
/* Internal: numbers compared as JSON numbers (number.c): integers of any
 * size exactly, 1.0 equal to 1, multipleOf exact for decimals. */
#ifndef PLEDGE_SCHEMA_NUMBER_H
#define PLEDGE_SCHEMA_NUMBER_H

#include "core/buf.h"
#include "pledge/node.h"

/* Compare two INT or FLOAT nodes: -1, 0 or 1; 2 when either is NaN. */
int pledge__num_cmp(const pledge_node *a, const pledge_node *b);

/* 1 when @p v is an integer multiple of @p m (m > 0), else 0. */
int pledge__num_multiple(const pledge_node *v, const pledge_node *m);

/* 1 for an INT node and for a FLOAT with an integral value. */
int pledge__num_is_integer(const pledge_node *n);

/* 1 when the number is > 0 (used to check multipleOf). */
int pledge__num_positive(const pledge_node *n);

/* Append the number as a person would write it: integers as their
 * digits, floats in the shortest form that reads back equal. */
void pledge__num_format(pledge_buf *out, const pledge_node *n);

#endif
