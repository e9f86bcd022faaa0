#!/bin/sh
# SPDX-License-Identifier: MIT
# usage: run.sh BUILD_DIR CONSUMER_SRC WORK_DIR CC CMAKE
set -eu
build=$1 src=$2 work=$3 cc=$4 cmake=$5
rm -rf "$work"
mkdir -p "$work"
prefix=/opt/pledge-test
# A staged install: everything must land under DESTDIR + prefix.
DESTDIR="$work/stage" "$cmake" --install "$build" --prefix "$prefix" >/dev/null
root="$work/stage$prefix"
libdir=$(ls -d "$root"/lib* | head -n 1)
test -f "$root/include/pledge.h"
test -f "$libdir/pkgconfig/pledge.pc"
test -f "$libdir/cmake/pledge/pledgeConfig.cmake"
for s in pledge-1 follow-up-1 pledge-validate-output-1; do
    test -s "$root/share/pledge/schema/$s.schema.json"
done
test -f "$root/share/man/man1/pledge-validate.1"
test -x "$root/bin/pledge-validate"
if find "$work/stage" -path "$work/stage$prefix" -prune -o -type f -print | grep -q .; then
    echo "files installed outside the prefix" >&2
    exit 1
fi

# pkg-config, with the .pc's prefix redirected to the staging tree.
export PKG_CONFIG_PATH="$libdir/pkgconfig"
pc="pkg-config --define-variable=prefix=$root"
# shellcheck disable=SC2046
"$cc" -o "$work/consumer-pc" "$src/consumer.c" $($pc --cflags --libs pledge)
LD_LIBRARY_PATH="$libdir" "$work/consumer-pc"
# shellcheck disable=SC2046
"$cc" -o "$work/consumer-pc-static" "$src/consumer.c" -DPLEDGE_STATIC \
    $($pc --cflags pledge) "$libdir/libpledge.a" $($pc --static --libs-only-l pledge | sed 's/-lpledge//')
"$work/consumer-pc-static"

# find_package, shared and static.
for kind in shared static; do
    "$cmake" -S "$src" -B "$work/cmake-$kind" -DCMAKE_PREFIX_PATH="$root" \
        -DCONSUMER_KIND=$kind >/dev/null
    "$cmake" --build "$work/cmake-$kind" >/dev/null
    LD_LIBRARY_PATH="$libdir" "$work/cmake-$kind/consumer"
done
echo "install consumers: pkg-config shared+static, find_package shared+static: ok"
