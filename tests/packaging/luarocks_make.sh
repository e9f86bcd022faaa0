#!/bin/sh
# SPDX-License-Identifier: MIT
# sh luarocks_make.sh SOURCE_DIR WORK_DIR LUA_VERSION: `luarocks make` as a
# user runs it in a checkout (a copy of the source without build trees),
# into a local tree, then `require "pledge"` through `luarocks path` only.
set -eu
src=$1 work=$2 ver=$3
rm -rf "$work"
mkdir -p "$work/src"
(cd "$src" && tar -cf - --exclude=.git --exclude='./build' --exclude='./build-*' \
    --exclude='./obj-*' --exclude='./build.luarocks' --exclude='./_*' .) | tar -xf - -C "$work/src"
cd "$work/src"
luarocks --lua-version "$ver" --tree "$work/tree" make
eval "$(luarocks --lua-version "$ver" --tree "$work/tree" path)"
unset LUA_INIT
cd "$work"
out=$("lua$ver" -e "
local pledge = require 'pledge'
local core = package.searchpath('pledge.core', package.cpath)
assert(core:find('$work/tree/', 1, true), core)
assert(package.loaded['pledge.core'].built_for == _VERSION)
local doc = assert(pledge.load('$src/examples/ale-2024.yaml'))
assert(#doc:activities() == 11)
print(pledge.version .. ' ' .. doc.id .. ' ' .. core)")
echo "$out"
want=$(sed -n 's/^version = "\(.*\)-[0-9]*"$/\1/p' "$src"/pledge-*.rockspec)
case "$out" in
"$want ale-2024 "*) echo "1 passed, 0 failed" ;;
*) echo "rockspec version $want, module says: $out"; echo "0 passed, 1 failed"; exit 1 ;;
esac
