#!/bin/sh
# SPDX-License-Identifier: MIT
# The Debian packages as a user gets them: run as root inside a fresh
# Debian 12 root (a container, or a chroot made with
# `mmdebstrap --variant=apt bookworm ROOT`), from a checkout of libpledge
# and with the .deb files that `dpkg-buildpackage -us -uc -b` wrote:
#
#   sh scripts/check-debs.sh DEB_DIR
#
# Installs them with apt-get (which brings their dependencies), then:
# pledge-validate validates the Ale pledge and its follow-up (man page
# installed), pledge-report renders its page, python3 imports pledge,
# lua5.4 and lua5.3 require "pledge" without LUA_PATH/LUA_CPATH, and a C
# program builds with pkg-config against libpledge-dev and runs. Ends with "N passed, N failed".
#
# Around it, on the CI machine (bash, as root, from the checkout):
#
#   apt-get install -y -qq --no-install-recommends dpkg-dev lintian mmdebstrap
#   apt-get build-dep -y ./
#   work=$(mktemp -d); mkdir "$work/libpledge"
#   git archive HEAD | tar -x -C "$work/libpledge"
#   (cd "$work/libpledge" && DEB_BUILD_OPTIONS="nocheck parallel=$(nproc)" \
#       dpkg-buildpackage -us -uc -b)                # the tests ran in ctest already
#   lintian --fail-on error "$work"/libpledge_*.changes
#   root="$work/root"
#   mmdebstrap --variant=apt bookworm "$root"
#   mkdir "$root/src" "$root/debs"
#   git archive HEAD | tar -x -C "$root/src"
#   cp "$work"/*.deb "$root/debs/" && rm -f "$root"/debs/*-dbgsym_*.deb
#   cp /etc/resolv.conf "$root/etc/resolv.conf"
#   mount --bind /dev "$root/dev" && mount -t proc proc "$root/proc"
#   rc=0; chroot "$root" sh /src/scripts/check-debs.sh /debs || rc=$?
#   umount "$root/proc" "$root/dev" && rm -rf "$work"   # never rm before umount
#   [ "$rc" -eq 0 ]
set -eu
debs=$(cd "${1:?usage: check-debs.sh DEB_DIR}" && pwd)
cd "$(dirname "$0")/.."
src=$(pwd)

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# The packages, and what the checks themselves run: the interpreters
# (lua-pledge only suggests them), a compiler and pkg-config.
apt-get install -y -qq --no-install-recommends \
    "$debs"/libpledge0_*.deb "$debs"/libpledge-dev_*.deb "$debs"/pledge-validate_*.deb \
    "$debs"/python3-pledge_*.deb "$debs"/lua-pledge_*.deb "$debs"/pledge-report_*.deb \
    python3 lua5.4 lua5.3 gcc libc6-dev pkgconf >/dev/null

passed=0 failed=0
check() { # check NAME COMMAND...: runs it from a folder outside the checkout
    name=$1
    shift
    if out=$(cd /tmp && env -u LUA_PATH -u LUA_CPATH -u LUA_INIT -u PYTHONPATH "$@" 2>&1); then
        passed=$((passed + 1))
        echo "ok: $name"
    else
        failed=$((failed + 1))
        echo "FAIL: $name"
        echo "$out" | sed 's/^/    /'
    fi
}

check "pledge-validate validates the Ale pledge and its follow-up" \
    pledge-validate --resolve "$src/examples/ale-2024.yaml" "$src/examples/ale-2024-follow-up-2025.yaml"
check "pledge-validate reports an invalid pledge (exit status 1)" \
    sh -c "pledge-validate '$src/examples/invalid/required.activity-without-text.yaml'; test \$? -eq 1"
check "the man page is in pledge-validate" \
    sh -c "dpkg-deb -c '$debs'/pledge-validate_*.deb | grep -q man1/pledge-validate.1.gz"
check "python3 -c 'import pledge'" /usr/bin/python3 -c "
import pledge
assert pledge.__file__.startswith('/usr/lib/python3/dist-packages/'), pledge.__file__
assert len(pledge.load('$src/examples/ale-2024.yaml').activities) == 11"
for v in 5.4 5.3; do
    check "lua$v -e 'require \"pledge\"'" "lua$v" -e "
local pledge = require 'pledge'
assert(package.searchpath('pledge.core', package.cpath):find('/usr/lib/', 1, true))
assert(#assert(pledge.load('$src/examples/ale-2024.yaml')):activities() == 11)"
done
work=$(mktemp -d)
check "pledge-report renders the Ale pledge's page" sh -c "
pledge-report -q -o '$work/site' '$src/examples/ale-2024.yaml' '$src/examples/ale-2024-follow-up-2025.yaml' &&
grep -q 'Ale' '$work/site/ale-2024.html'"
check "a C program builds with pkg-config (examples/c/activities.c)" sh -c "
cc -std=c11 -Wall -Werror -o '$work/activities' '$src/examples/c/activities.c' \$(pkg-config --cflags --libs pledge) &&
'$work/activities' '$src/examples/ale-2024.yaml' '$src/examples/ale-2024-follow-up-2025.yaml' | grep -q '20% done'"
rm -rf "$work"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
