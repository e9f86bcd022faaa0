#!/bin/sh
# SPDX-License-Identifier: MIT
# The Debian packages as a user gets them: run as root inside a fresh
# Debian 12 root, with the .deb files that `dpkg-buildpackage -us -uc -b`
# wrote (scripts/fresh-machine.sh does it all):
#
#   sh check-debs.sh [DEB_DIR]
#
# DEB_DIR defaults to this script's folder. The pledge checked is
# examples/ale-2024.yaml of the checkout the script is in, or else
# ale-2024.yaml beside it; everything else it needs is written here.
# Installs the packages with apt-get (which brings their dependencies),
# then: pledge-validate validates the pledge and rejects an invalid one
# (exit status 1), its man page is packaged, pledge-report renders the
# pledge's page, python3 imports pledge, lua5.4 and lua5.3 require
# "pledge" without LUA_PATH/LUA_CPATH, and a C program builds with
# pkg-config against libpledge-dev and runs. Ends with "N passed, N failed".
set -eu
here=$(cd "$(dirname "$0")" && pwd)
debs=$(cd "${1:-$here}" && pwd)
if [ -f "$here/../examples/ale-2024.yaml" ]; then
    ale=$(cd "$here/../examples" && pwd)/ale-2024.yaml
else
    ale=$here/ale-2024.yaml
fi
[ -f "$ale" ] || { echo "check-debs.sh: no ale-2024.yaml (see the header)" >&2; exit 2; }

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# The packages, and what the checks themselves run: the interpreters
# (lua-pledge only suggests them), a compiler and pkg-config.
apt-get install -y -qq --no-install-recommends \
    "$debs"/libpledge0_*.deb "$debs"/libpledge-dev_*.deb "$debs"/pledge-validate_*.deb \
    "$debs"/python3-pledge_*.deb "$debs"/lua-pledge_*.deb "$debs"/pledge-report_*.deb \
    python3 lua5.4 lua5.3 gcc libc6-dev pkgconf >/dev/null

work=$(mktemp -d)
passed=0 failed=0
check() { # check NAME COMMAND...: run in an empty folder, without the Lua/Python paths
    name=$1
    shift
    if out=$(cd "$work" && env -u LUA_PATH -u LUA_CPATH -u LUA_INIT -u PYTHONPATH "$@" 2>&1); then
        passed=$((passed + 1))
        echo "ok: $name"
    else
        failed=$((failed + 1))
        echo "FAIL: $name"
        echo "$out" | sed 's/^/    /'
    fi
}

printf 'format: pledge/1\nid: utkast\n' >"$work/invalid.yaml"
cat >"$work/consumer.c" <<'C'
/* An installed libpledge's user: activities per party, and progress. */
#include <pledge.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    pledge_diag_list *diags = NULL;
    pledge_doc *doc = NULL;
    pledge_progress *progress = NULL;
    int rc = argc == 2 ? pledge_diag_list_new(&diags, NULL) : PLEDGE_EARG;
    if (rc == 0)
        rc = pledge_doc_load_file(&doc, argv[1], NULL, diags);
    if (rc == 0)
        rc = pledge_progress_compute(&progress, doc, NULL, 0, diags);
    for (size_t p = 0; rc == 0 && p < pledge_doc_party_count(doc); p++) {
        const pledge_party *party = pledge_doc_party_at(doc, p);
        size_t n = 0;
        for (size_t a = 0; a < pledge_doc_activity_count(doc); a++) {
            const pledge_activity *act = pledge_doc_activity_at(doc, a);
            for (size_t r = 0; r < pledge_activity_responsible_count(act); r++)
                n += pledge_activity_responsible_at(act, r) == party;
        }
        printf("%s: %zu\n", pledge_party_name(party, NULL, NULL), n);
    }
    if (rc == 0)
        printf("libpledge %s: %.0f%% done\n", pledge_version(),
               100.0 * pledge_progress_share_done(progress));
    else
        printf("%s\n", pledge_strerror(rc));
    pledge_progress_free(progress);
    pledge_doc_free(doc);
    pledge_diag_list_free(diags);
    return rc == 0 ? 0 : 1;
}
C

check "pledge-validate validates $ale" pledge-validate "$ale"
check "pledge-validate rejects an invalid pledge (exit status 1)" \
    sh -c 'pledge-validate invalid.yaml; test $? -eq 1'
check "the man pages are in the packages" sh -c "
dpkg-deb -c '$debs'/pledge-validate_*.deb | grep -q man1/pledge-validate.1.gz &&
dpkg-deb -c '$debs'/pledge-validate_*.deb | grep -q man1/pledge-validate-hook.1.gz &&
dpkg-deb -c '$debs'/pledge-report_*.deb | grep -q man1/pledge-report.1.gz"
check "the pre-commit hook is installed and runs" sh -c "
pledge-validate-hook '$ale' && ! pledge-validate-hook invalid.yaml"
check "pledge-report renders the pledge's page" sh -c "
pledge-report -q -o site '$ale' && grep -q 'ale-2024' site/index.html"
check "python3 -c 'import pledge'" /usr/bin/python3 -c "
import pledge
assert pledge.__file__.startswith('/usr/lib/python3/dist-packages/'), pledge.__file__
assert len(pledge.load('$ale').activities) == 11"
for v in 5.4 5.3; do
    check "lua$v -e 'require \"pledge\"'" "lua$v" -e "
local pledge = require 'pledge'
assert(package.searchpath('pledge.core', package.cpath):find('/usr/lib/', 1, true))
assert(#assert(pledge.load('$ale')):activities() == 11)"
done
check "a C program builds with pkg-config and runs" sh -c "
cc -std=c11 -Wall -Werror -o consumer consumer.c \$(pkg-config --cflags --libs pledge) &&
./consumer '$ale' | grep -q 'Ale kommun: 11'"
rm -rf "$work"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
