#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs the Debian 12 packages that libpledge needs and that are missing.
#   scripts/deps.sh build   what the main job needs: compiler, CMake,
#                           pkg-config, libyaml, PCRE2 (no test framework)
#   scripts/deps.sh test    build + everything a test uses: SWIG and the
#                           Lua 5.3/5.4 and Python headers (bindings), pandoc
#                           (Lua filter), luarocks and venv/pip/setuptools
#                           (packaging tests), Jinja2 (pledge-report),
#                           Chromium, ChromeDriver, Selenium and npm (for
#                           axe-core) for the report's browser tests
#   scripts/deps.sh fuzz    test + clang and its sanitizer/libFuzzer runtime
#   scripts/deps.sh fresh   what scripts/fresh-machine.sh needs on the host
# Packages are installed with --no-install-recommends, so anything a test
# needs that another package only recommends is named here explicitly
# (python3-rfc3987: python3-jsonschema checks "uri" only with it).
# apt-get update runs only when something must be installed.
# docs/dependencies.md says why each package is there.
set -eu

build="gcc make cmake pkg-config libc6-dev libyaml-dev libpcre2-dev"
test="$build g++ check swig python3 python3-dev python3-jsonschema
      python3-rfc3987 python3-yaml valgrind
      lua5.4 liblua5.4-dev lua5.3 liblua5.3-dev pandoc luarocks
      python3-venv python3-pip python3-setuptools python3-wheel
      python3-jinja2 chromium chromium-driver python3-selenium
      fonts-dejavu-core npm"
fuzz="$test clang libclang-rt-14-dev"
fresh="debootstrap debian-archive-keyring git ca-certificates"

case "${1:-build}" in
build) wanted=$build ;;
test) wanted=$test ;;
fuzz) wanted=$fuzz ;;
fresh) wanted=$fresh ;;
*) echo "usage: $0 build|test|fuzz|fresh" >&2; exit 2 ;;
esac

missing=""
for p in $wanted; do
    # Node.js from elsewhere (e.g. NodeSource, whose nodejs conflicts with
    # Debian's npm) brings its own npm: any npm serves to fetch axe-core.
    if [ "$p" = npm ] && command -v npm >/dev/null 2>&1; then
        continue
    fi
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
