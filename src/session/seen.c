/* SPDX-License-Identifier: MIT */
/* The files a session has taken, so that a file reached twice (by two
 * arguments, through a link, or by a folder and by name) is read once. */
#include "internal.h"
#include "core/alloc.h"
#include "core/hash.h"

#include <string.h>

void pledge__seen_init(pledge__seen *s, const pledge_allocator *allocator)
{
    memset(s, 0, sizeof *s);
    s->allocator = allocator;
}

void pledge__seen_free(pledge__seen *s)
{
    size_t i;
    for (i = 0; i < s->capacity; i++)
        pledge__free(s->allocator, s->slots[i].name);
    pledge__free(s->allocator, s->slots);
    s->slots = NULL;
    s->capacity = s->count = 0;
}

static uint64_t slot_hash(const pledge__seen_slot *e)
{
    uint64_t id[2];
    if (e->name)
        return pledge__hash(e->name, strlen(e->name));
    id[0] = e->dev;
    id[1] = e->ino;
    return pledge__hash(id, sizeof id);
}

static int same(const pledge__seen_slot *a, const pledge__seen_slot *b)
{
    if (!a->name != !b->name)
        return 0;
    if (a->name)
        return strcmp(a->name, b->name) == 0;
    return a->dev == b->dev && a->ino == b->ino;
}

/* Index of @p e's slot, or of the empty slot where it would go. */
static size_t find(const pledge__seen_slot *slots, size_t capacity, const pledge__seen_slot *e)
{
    size_t i = (size_t)slot_hash(e) & (capacity - 1);
    while (slots[i].used && !same(&slots[i], e))
        i = (i + 1) & (capacity - 1);
    return i;
}

static int grow(pledge__seen *s)
{
    size_t cap = s->capacity ? s->capacity * 2 : 64, i;
    pledge__seen_slot *ns = pledge__calloc(s->allocator, cap, sizeof *ns);
    if (!ns)
        return PLEDGE_ENOMEM;
    for (i = 0; i < s->capacity; i++)
        if (s->slots[i].used)
            ns[find(ns, cap, &s->slots[i])] = s->slots[i];
    pledge__free(s->allocator, s->slots);
    s->slots = ns;
    s->capacity = cap;
    return PLEDGE_OK;
}

int pledge__seen_add(pledge__seen *s, int known, uint64_t dev, uint64_t ino, const char *name)
{
    pledge__seen_slot e;
    size_t i;
    memset(&e, 0, sizeof e);
    e.used = 1;
    if (known) {
        e.dev = dev;
        e.ino = ino;
    } else {
        e.name = (char *)name;
    }
    if ((s->count + 1) * 2 > s->capacity && grow(s) != PLEDGE_OK)
        return PLEDGE_ENOMEM;
    i = find(s->slots, s->capacity, &e);
    if (s->slots[i].used)
        return 0;
    if (e.name && !(e.name = pledge__strdup(s->allocator, name)))
        return PLEDGE_ENOMEM;
    s->slots[i] = e;
    s->count++;
    return 1;
}
