/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include "hash.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

static uint64_t key0, key1;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static atomic_int key_ready; /* set (release) once key0 and key1 are */

static void init_key(void)
{
    uint64_t k[2] = { 0, 0 };
    ssize_t got = getrandom(k, sizeof k, GRND_NONBLOCK);
    if (got != (ssize_t)sizeof k) {
        /* Without entropy the table still works; only its resistance to
         * chosen keys weakens. Mix what varies per process. */
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        k[0] ^= (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ull ^ (uint64_t)getpid();
        k[1] ^= (uint64_t)(uintptr_t)&k ^ ((uint64_t)ts.tv_sec << 32);
    }
    key0 = k[0];
    key1 = k[1];
    atomic_store_explicit(&key_ready, 1, memory_order_release);
}

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND                                                         \
    do {                                                                 \
        v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);        \
        v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;                           \
        v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;                           \
        v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);        \
    } while (0)

uint64_t pledge__hash(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t v0, v1, v2, v3, m, b = (uint64_t)len << 56;
    size_t i, blocks = len / 8;

    /* every hash needs the key: skip pthread_once's call once it is set */
    if (!atomic_load_explicit(&key_ready, memory_order_acquire))
        pthread_once(&key_once, init_key);
    v0 = 0x736f6d6570736575ull ^ key0;
    v1 = 0x646f72616e646f6dull ^ key1;
    v2 = 0x6c7967656e657261ull ^ key0;
    v3 = 0x7465646279746573ull ^ key1;
    for (i = 0; i < blocks; i++, p += 8) {
        memcpy(&m, p, 8); /* little-endian hosts; on others the hash differs
                             but stays keyed, which is all that matters */
        v3 ^= m;
        SIPROUND;
        v0 ^= m;
    }
    switch (len & 7) {
    case 7: b |= (uint64_t)p[6] << 48; /* fall through */
    case 6: b |= (uint64_t)p[5] << 40; /* fall through */
    case 5: b |= (uint64_t)p[4] << 32; /* fall through */
    case 4: b |= (uint64_t)p[3] << 24; /* fall through */
    case 3: b |= (uint64_t)p[2] << 16; /* fall through */
    case 2: b |= (uint64_t)p[1] << 8;  /* fall through */
    case 1: b |= (uint64_t)p[0]; break;
    case 0: break;
    }
    v3 ^= b;
    SIPROUND;
    v0 ^= b;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}
