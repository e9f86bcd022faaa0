#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves the README on a fresh machine: a bare Debian 12 root
# (debootstrap --variant=minbase bookworm), a clean clone of the committed
# HEAD and a copy of ../shared beside it, then the README's two commands as
# root with an empty environment (env -i, a plain PATH). Fails if either
# fails. If debian/ and scripts/check-debs.sh exist, it also builds the
# Debian packages in that root and installs them into a second untouched
# root, where scripts/check-debs.sh uses them as a new user would.
#
# Run it by hand (as root) before you stop; .ci/run runs it on every CI run.
#
# Only what is committed is tested: commit first.
#
# Cache: the pristine base root is kept as a tarball in
#   ${PLEDGE_FRESH_CACHE:-/var/cache/libpledge-fresh}/bookworm-minbase.tar
# (outside any clone; made once with debootstrap, never written to after),
# and every run unpacks an untouched copy of it. Downloaded .deb files are
# kept in apt-archives/ beside it, as apt's own cache, to spare the mirror;
# they change nothing of what gets installed.
#
# Environment: PLEDGE_FRESH_MIRROR (default http://deb.debian.org/debian),
# PLEDGE_FRESH_KEEP=1 keeps the roots for inspection.
set -eu
cd "$(dirname "$0")/.."
repo=$(pwd)
shared=$(cd ../shared && pwd)
[ "$(id -u)" -eq 0 ] || { echo "$0: must run as root (chroot, mounts)" >&2; exit 2; }

cache=${PLEDGE_FRESH_CACHE:-/var/cache/libpledge-fresh}
mirror=${PLEDGE_FRESH_MIRROR:-http://deb.debian.org/debian}
base="$cache/bookworm-minbase.tar"
PATH_PLAIN=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

sh scripts/deps.sh fresh
mkdir -p "$cache/apt-archives/partial"

step() { printf '\n== fresh machine: %s ==\n' "$*"; }

if [ ! -s "$base" ]; then
    step "creating the pristine Debian 12 minbase root ($base)"
    tmp=$(mktemp -d /var/tmp/libpledge-debootstrap.XXXXXX)
    debootstrap --variant=minbase bookworm "$tmp/root" "$mirror" >"$tmp/log" 2>&1 || {
        tail -n 30 "$tmp/log" >&2
        rm -rf "$tmp"
        exit 1
    }
    cat >"$tmp/root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
    rm -rf "$tmp/root/var/cache/apt/archives/"*.deb "$tmp/root/var/lib/apt/lists/"*_Packages
    tar -C "$tmp/root" -cf "$base.part" .
    mv "$base.part" "$base"
    rm -rf "$tmp"
fi

work=$(mktemp -d /var/tmp/libpledge-fresh.XXXXXX)
mounted=""
cleanup() {
    status=$?
    for m in $mounted; do
        umount -l "$m" 2>/dev/null || true
    done
    if [ "${PLEDGE_FRESH_KEEP:-0}" = 1 ]; then
        echo "fresh machine: roots kept in $work" >&2
    else
        # Never remove a tree that still has something mounted in it.
        if grep -q " $work/" /proc/mounts; then
            echo "fresh machine: mounts left under $work; not removing it" >&2
        else
            rm -rf "$work"
        fi
    fi
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# new_root NAME: an untouched copy of the base root, with /proc, /dev,
# /dev/pts and apt's download cache mounted (newest mounts first in the
# list, so cleanup unmounts them in reverse order).
new_root() {
    r="$work/$1"
    mkdir -p "$r"
    tar -C "$r" -xf "$base"
    # The host's network setup carries over, as on any machine of this
    # network: its resolver, the local CA certificates of a TLS-inspecting
    # proxy (picked up when a package installs ca-certificates) and npm's
    # system-wide settings that point at them. No package comes with them.
    cp /etc/resolv.conf "$r/etc/resolv.conf"
    # debootstrap leaves /etc/hosts to the installer; every installed
    # machine has one, and without it "localhost" does not resolve.
    [ -f "$r/etc/hosts" ] || printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >"$r/etc/hosts"
    if [ -d /usr/local/share/ca-certificates ]; then
        mkdir -p "$r/usr/local/share/ca-certificates"
        cp -a /usr/local/share/ca-certificates/. "$r/usr/local/share/ca-certificates/"
    fi
    [ -f /etc/npmrc ] && cp /etc/npmrc "$r/etc/npmrc"
    mount -t proc proc "$r/proc" && mounted="$r/proc $mounted"
    mount --bind /dev "$r/dev" && mounted="$r/dev $mounted"
    mount -t devpts -o newinstance,ptmxmode=0666 devpts "$r/dev/pts" &&
        mounted="$r/dev/pts $mounted"
    mount --bind "$cache/apt-archives" "$r/var/cache/apt/archives" &&
        mounted="$r/var/cache/apt/archives $mounted"
}

# in_root NAME DIR COMMAND...: run as root in NAME with an empty environment.
in_root() {
    r="$work/$1" dir=$2
    shift 2
    chroot "$r" /usr/bin/env -i PATH=$PATH_PLAIN HOME=/root LANG=C.UTF-8 \
        /bin/sh -c 'cd "$0" && exec "$@"' "$dir" "$@"
}

step "a clean clone of $(git rev-parse --short HEAD) and a copy of ../shared"
new_root readme
mkdir -p "$work/readme/work"
git clone -q --no-hardlinks "$repo" "$work/readme/work/libpledge"
git -C "$work/readme/work/libpledge" checkout -q "$(git rev-parse HEAD)"
cp -a "$shared" "$work/readme/work/shared"

step "sh scripts/run.sh"
in_root readme /work/libpledge sh scripts/run.sh

step "sh scripts/test.sh"
in_root readme /work/libpledge sh scripts/test.sh

if [ -d debian ] && [ -f scripts/check-debs.sh ]; then
    step "Debian packages: apt-get build-dep ./ && dpkg-buildpackage -us -uc -b"
    in_root readme /work/libpledge sh -c '
        apt-get install -y -qq --no-install-recommends dpkg-dev >/dev/null &&
        DEBIAN_FRONTEND=noninteractive apt-get build-dep -y -qq ./ >/dev/null &&
        DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b >../dpkg-buildpackage.log 2>&1 ||
        { tail -n 40 ../dpkg-buildpackage.log; exit 1; }'
    step "apt-get install ./*.deb on a second fresh root, then scripts/check-debs.sh"
    new_root debs
    mkdir -p "$work/debs/work/debs"
    cp "$work/readme/work/"*.deb "$work/debs/work/debs/"
    cp scripts/check-debs.sh examples/ale-2024.yaml "$work/debs/work/debs/"
    in_root debs /work/debs sh check-debs.sh
fi

step "passed"
