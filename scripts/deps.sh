#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs the Debian 12 packages that libpledge needs and that are missing.
#   scripts/deps.sh build   compiler, CMake, pkg-config, libyaml, PCRE2
#   scripts/deps.sh test    build + check, SWIG, Lua 5.4, Python 3 headers,
#                           python3-jsonschema/yaml, valgrind, g++
#   scripts/deps.sh fuzz    test + clang and its sanitizer/libFuzzer runtime
# apt-get update runs only when something must be installed.
set -eu

build="gcc make cmake pkg-config libyaml-dev libpcre2-dev"
test="$build g++ check swig lua5.4 liblua5.4-dev python3 python3-dev python3-jsonschema python3-yaml valgrind"
fuzz="$test clang libclang-rt-14-dev"

case "${1:-build}" in
build) wanted=$build ;;
test) wanted=$test ;;
fuzz) wanted=$fuzz ;;
*) echo "usage: $0 build|test|fuzz" >&2; exit 2 ;;
esac

missing=""
for p in $wanted; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo=sudo
echo "Installing:$missing"
$sudo apt-get update -qq
# shellcheck disable=SC2086 # word splitting of the package list is wanted
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
