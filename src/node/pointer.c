/* SPDX-License-Identifier: MIT */
#include "pointer.h"
#include "tree.h"

#include <stdint.h>
#include <string.h>

/* 1 when the escaped reference token @p tok equals the key @p key. */
static int token_equals(const char *tok, size_t tl, const char *key, size_t kl)
{
    size_t i = 0, k = 0;
    while (i < tl) {
        char c = tok[i];
        if (c == '~') {
            if (i + 1 >= tl || (tok[i + 1] != '0' && tok[i + 1] != '1'))
                return 0;
            c = tok[i + 1] == '0' ? '~' : '/';
            i++;
        }
        if (k >= kl || key[k] != c)
            return 0;
        i++;
        k++;
    }
    return k == kl;
}

/* Unescape token @p tok into @p out (@p cap bytes); its length, or
 * SIZE_MAX when it does not fit or is not a valid token. */
static size_t token_unescape(const char *tok, size_t tl, char *out, size_t cap)
{
    size_t i, k = 0;
    for (i = 0; i < tl; i++, k++) {
        char c = tok[i];
        if (k >= cap)
            return SIZE_MAX;
        if (c == '~') {
            if (i + 1 >= tl || (tok[i + 1] != '0' && tok[i + 1] != '1'))
                return SIZE_MAX;
            c = tok[++i] == '0' ? '~' : '/';
        }
        out[k] = c;
    }
    return k;
}

const pledge_node *pledge__json_pointer(const pledge_node *root, const char *ptr, size_t len)
{
    return pledge__json_pointer_with(root, ptr, len, NULL, NULL);
}

const pledge_node *pledge__json_pointer_with(const pledge_node *root, const char *ptr,
                                             size_t len, pledge__pointer_key_fn find,
                                             void *ud)
{
    const pledge_node *n = root;
    size_t i = 0;
    if (len == 0)
        return root;
    if (ptr[0] != '/')
        return NULL;
    while (i < len && n) {
        size_t j = i + 1, tl, m;
        const char *tok = ptr + i + 1;
        while (j < len && ptr[j] != '/')
            j++;
        tl = j - i - 1;
        if (n->type == PLEDGE_NODE_MAPPING && find && n->u.map.count > 16 &&
            (memchr(tok, '~', tl) == NULL || tl <= 256)) {
            char key[256];
            size_t kl = memchr(tok, '~', tl) ? token_unescape(tok, tl, key, sizeof key) : tl;
            n = kl == SIZE_MAX ? NULL : find(ud, n, kl == tl && !memchr(tok, '~', tl) ? tok : key,
                                             kl);
        } else if (n->type == PLEDGE_NODE_MAPPING) {
            const pledge_node *found = NULL;
            for (m = 0; m < n->u.map.count; m++) {
                const pledge_node *k = n->u.map.pairs[m].key;
                if (token_equals(tok, tl, k->u.s.ptr, k->u.s.len)) {
                    found = n->u.map.pairs[m].value;
                    break;
                }
            }
            n = found;
        } else if (n->type == PLEDGE_NODE_SEQUENCE) {
            size_t idx = 0;
            if (tl == 0 || (tl > 1 && tok[0] == '0')) {
                n = NULL;
            } else {
                for (m = 0; m < tl; m++) {
                    if (tok[m] < '0' || tok[m] > '9' || idx > (SIZE_MAX - 9) / 10) {
                        idx = SIZE_MAX;
                        break;
                    }
                    idx = idx * 10 + (size_t)(tok[m] - '0');
                }
                n = pledge_node_item(n, idx);
            }
        } else {
            n = NULL;
        }
        i = j;
    }
    return n;
}

void pledge__json_pointer_escape(pledge_buf *out, const char *s, size_t len)
{
    size_t i, run = 0;
    for (i = 0; i < len; i++) {
        if (s[i] == '~' || s[i] == '/') {
            pledge__buf_append(out, s + run, i - run);
            pledge__buf_puts(out, s[i] == '~' ? "~0" : "~1");
            run = i + 1;
        }
    }
    pledge__buf_append(out, s + run, len - run);
}
