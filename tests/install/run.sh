#!/bin/sh
# SPDX-License-Identifier: MIT
# usage: run.sh BUILD_DIR CONSUMER_SRC WORK_DIR CC CMAKE
# Installs the build three ways and builds a consumer against each with
# pkg-config as it is installed (no --define-variable): the .pc must follow
# the install wherever it lands.
#   prefix   cmake --install BUILD --prefix DIR          (install-time prefix)
#   destdir  DESTDIR=STAGE cmake --install BUILD         (configure-time prefix)
#   both     DESTDIR=STAGE cmake --install BUILD --prefix /opt/pledge-test
# The last one also builds the find_package consumers, shared and static.
set -eu
build=$1 src=$2 work=$3 cc=$4 cmake=$5
rm -rf "$work"
mkdir -p "$work"
configured=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")

# check_tree ROOT STAGE: everything under ROOT, nothing else under STAGE.
check_tree() {
    root=$1 stage=$2
    libdir=$(ls -d "$root"/lib* | head -n 1)
    test -f "$root/include/pledge.h"
    test -f "$libdir/pkgconfig/pledge.pc"
    test -f "$libdir/cmake/pledge/pledgeConfig.cmake"
    for s in pledge-1 follow-up-1 pledge-validate-output-1; do
        test -s "$root/share/pledge/schema/$s.schema.json"
    done
    test -f "$root/share/man/man1/pledge-validate.1"
    test -x "$root/bin/pledge-validate"
    test -f "$root/share/man/man1/pledge-validate-hook.1"
    test -x "$root/bin/pledge-validate-hook"
    if find "$stage" -path "$root" -prune -o -type f -print | grep -q .; then
        echo "files installed outside $root" >&2
        exit 1
    fi
}

# consumers ROOT NAME: shared and static builds through the installed .pc.
consumers() {
    root=$1 name=$2
    libdir=$(ls -d "$root"/lib* | head -n 1)
    pc="env PKG_CONFIG_PATH=$libdir/pkgconfig pkg-config"
    test "$($pc --variable=includedir pledge)" -ef "$root/include" || {
        echo "$name: pledge.pc points at $($pc --variable=includedir pledge), not $root/include" >&2
        exit 1
    }
    # shellcheck disable=SC2046
    "$cc" -o "$work/consumer-$name" "$src/consumer.c" $($pc --cflags --libs pledge)
    LD_LIBRARY_PATH="$libdir" "$work/consumer-$name"
    # shellcheck disable=SC2046
    "$cc" -o "$work/consumer-$name-static" "$src/consumer.c" -DPLEDGE_STATIC \
        $($pc --cflags pledge) "$libdir/libpledge.a" \
        $($pc --static --libs-only-l pledge | sed 's/-lpledge//')
    "$work/consumer-$name-static"
}

"$cmake" --install "$build" --prefix "$work/prefix" >/dev/null
check_tree "$work/prefix" "$work/prefix"
consumers "$work/prefix" prefix

DESTDIR="$work/destdir" "$cmake" --install "$build" >/dev/null
check_tree "$work/destdir$configured" "$work/destdir"
consumers "$work/destdir$configured" destdir

root="$work/both/opt/pledge-test"
DESTDIR="$work/both" "$cmake" --install "$build" --prefix /opt/pledge-test >/dev/null
check_tree "$root" "$work/both"
consumers "$root" both
libdir=$(ls -d "$root"/lib* | head -n 1)
for kind in shared static; do
    "$cmake" -S "$src" -B "$work/cmake-$kind" -DCMAKE_PREFIX_PATH="$root" \
        -DCONSUMER_KIND=$kind >/dev/null
    "$cmake" --build "$work/cmake-$kind" >/dev/null
    LD_LIBRARY_PATH="$libdir" "$work/cmake-$kind/consumer"
done
echo "install consumers: --prefix, DESTDIR, DESTDIR+--prefix via pkg-config (shared+static); find_package shared+static: ok"
