#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""pledge-report in a real browser: Debian's headless Chromium, driven by
Selenium (python3-selenium, chromium-driver), renders the Ale page, another
pledge with follow-ups and the index at phone and desktop widths, checks the
rendered DOM against the library's own progress, checks that nothing is
requested from the network, and runs axe-core (installed from npm into the
work folder by this script, never into the source tree) for WCAG 2.1 A/AA
and best practices: no violation is allowed. A screenshot of each page at
each width is kept in WORK/screenshots/.

    browser_test.py --work DIR

Exit status: 0 passed, 1 failed, 77 skipped (chromium or chromedriver is
not installed: the only reason to skip)."""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback

SRC = os.environ.get("PLEDGE_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
LAUNCHER = os.environ.get("PLEDGE_REPORT")
SKIP = 77
WIDTHS = {"phone": 375, "narrow": 320, "zoom200": 640, "desktop": 1280}
# 320 px is WCAG's reflow width; 640 px is a 1280 px window at 200% zoom.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars"]

failures: list[str] = []


def check(cond: bool, what: str) -> None:
    if not cond:
        failures.append(what)
        print(f"FAIL: {what}", flush=True)


def find_browser() -> tuple[str, str] | None:
    chrome = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or (
        "/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
    if not chrome or not driver:
        return None
    return chrome, driver


def install_axe(work: str) -> str:
    """axe-core from npm into WORK/npm (reused when already there)."""
    prefix = os.path.join(work, "npm")
    path = os.path.join(prefix, "node_modules", "axe-core", "axe.min.js")
    if not os.path.exists(path):
        npm = shutil.which("npm")
        if not npm:
            raise RuntimeError("npm is needed to install axe-core for the accessibility check")
        os.makedirs(prefix, exist_ok=True)
        subprocess.run([npm, "install", "--prefix", prefix, "--no-audit", "--no-fund",
                        "--no-save", "--no-package-lock", "axe-core@4"], check=True,
                       stdout=subprocess.DEVNULL)
    return path


def pick_other_pledge() -> tuple[list[str], str]:
    """Files of a pledge of examples/ (not Ale) that has follow-ups, and its
    id; without one, the invented pledge of tests/report/data."""
    from pledge_report.collect import collect
    folder = os.path.join(SRC, "examples")
    paths = [os.path.join(folder, n) for n in sorted(os.listdir(folder))
             if n.endswith((".yaml", ".yml")) and not n.startswith(".")]
    with open(os.devnull, "w") as null:
        col = collect(paths, stderr=null)
    for p in col.pledges:
        if p.id != "ale-2024" and col.follow_ups.get(p.id):
            files = [p.file] + [f.file for f in col.follow_ups[p.id]]
            return sorted(set(files)), p.id
    data = os.path.join(SRC, "tests", "report", "data")
    return [os.path.join(data, n) for n in ("exempel-2023.yaml", "exempel-2023-uppfoljning-2024.yaml",
                                            "exempel-2023-uppfoljning-2025.yaml")], "exempel-2023"


def expected_progress(files: list[str], pid: str) -> tuple[list[str], dict[str, str], dict[str, int]]:
    """What the page must show, computed by the library directly."""
    import pledge
    docs = []
    for f in files:
        docs += pledge.load_all(f)
    p = next(d for d in docs if isinstance(d, pledge.Pledge) and d.id == pid)
    fus = [d for d in docs if isinstance(d, pledge.FollowUp) and d.pledge_id == pid]
    prog = p.progress(fus)
    return [a.id for a in p.activities], prog.activity_statuses, prog.status_counts


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    work = os.path.abspath(args.work)

    found = find_browser()
    if not found:
        print("SKIPPED: Debian's chromium and chromium-driver are not installed "
              "(apt-get install chromium chromium-driver python3-selenium)")
        return SKIP
    chrome, chromedriver = found
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.makedirs(work, exist_ok=True)
    # A fresh machine may run this with an empty environment: npm and
    # Chromium want a home and a cache they can write.
    os.environ.setdefault("HOME", work)
    os.environ["npm_config_cache"] = os.path.join(work, "npm-cache")
    shots = os.path.join(work, "screenshots")
    shutil.rmtree(shots, ignore_errors=True)
    os.makedirs(shots)
    axe_source = open(install_axe(work), encoding="utf-8").read()

    # Render the pages: Ale with its follow-up, another pledge with its
    # follow-ups, and the index of both.
    ale = [os.path.join(SRC, "examples", "ale-2024.yaml"),
           os.path.join(SRC, "examples", "ale-2024-follow-up-2025.yaml")]
    other, other_id = pick_other_pledge()
    out = os.path.join(work, "site")
    out_en = os.path.join(work, "site-en")
    launcher = [LAUNCHER] if LAUNCHER else [sys.executable, "-m", "pledge_report"]
    for folder, extra in ((out, []), (out_en, ["--lang", "en"])):
        shutil.rmtree(folder, ignore_errors=True)
        r = subprocess.run(launcher + extra + ["-q", "-o", folder] + ale + other,
                           capture_output=True, text=True)
        if r.returncode != 0:
            print(r.stderr)
            check(False, f"pledge-report {' '.join(extra)} exited {r.returncode}")
            return 1
    pages = {"ale-2024": ale, other_id: other}
    print(f"pages: ale-2024, {other_id} ({', '.join(os.path.relpath(f, SRC) for f in other)}), index")

    opts = webdriver.ChromeOptions()
    opts.binary_location = chrome
    for flag in CHROME_FLAGS:
        opts.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="pledge-report-chromium-")
    opts.add_argument(f"--user-data-dir={profile}")
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=opts)
    results: dict[str, object] = {}
    try:
        driver.set_script_timeout(120)
        driver.execute_cdp_cmd("Network.enable", {})
        canary(driver, work, axe_source)
        # (name, folder, widths): every page in Swedish at every width, the
        # Ale page in English at phone and desktop width.
        runs = [(n, out, WIDTHS) for n in list(pages) + ["index"]]
        runs.append(("ale-2024", out_en, {k: WIDTHS[k] for k in ("phone", "desktop")}))
        for name, folder, widths in runs:
            url = "file://" + os.path.join(folder, f"{name}.html")
            en = folder == out_en
            for label, width in widths.items():
                driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                       {"width": width, "height": 900, "deviceScaleFactor": 1,
                                        "mobile": width < 700})
                driver.get_log("performance")  # drop what came before
                driver.get(url)
                where = f"{name}{' (en)' if en else ''} at {width}px"
                requested = requests_of(driver)
                check(all(u == url for u in requested),
                      f"{where}: requests beyond the page itself: {[u for u in requested if u != url]}")
                check(driver.execute_script("return document.scripts.length") == 0,
                      f"{where}: the page has scripts")
                res = driver.execute_script("return performance.getEntriesByType('resource').length")
                check(res == 0, f"{where}: {res} resources loaded")
                check_structure(driver, where)
                overflow = driver.execute_script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                check(overflow <= 0, f"{where}: {overflow}px of horizontal scrolling")
                if name != "index":
                    check_progress(driver, where, "en" if en else "sv",
                                   *expected_progress(pages[name], name))
                else:
                    rows = driver.execute_script(
                        "return [...document.querySelectorAll('tr[data-pledge]')].map(r => r.dataset.pledge)")
                    check(sorted(rows) == sorted(pages), f"{where}: index rows {rows}")
                violations = run_axe(driver, axe_source)
                key = f"{name}{'-en' if en else ''}@{width}"
                results[key] = [
                    {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
                    for v in violations]
                check(not violations, f"{where}: axe-core violations: "
                      + json.dumps(results[key], ensure_ascii=False))
                if label in ("phone", "desktop"):
                    shot = f"{name}{'-en' if en else ''}-{label}.png"
                    screenshot(driver, width, os.path.join(shots, shot))
                    if name == "ale-2024" and label == "desktop" and not en:
                        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                               {"width": 1100, "height": 1500, "deviceScaleFactor": 1,
                                                "mobile": False})
                        driver.execute_script("window.scrollTo(0, 0)")
                        driver.save_screenshot(os.path.join(shots, "ale-2024-top.png"))
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    axe_version = driver_axe_version(axe_source)
    with open(os.path.join(work, "axe-results.json"), "w", encoding="utf-8") as f:
        json.dump({"axe-core": axe_version, "tags": AXE_TAGS, "violations": results}, f,
                  indent=1, ensure_ascii=False)
    total = sum(len(v) for v in results.values())
    print(f"axe-core {axe_version} ({', '.join(AXE_TAGS)}): {total} violations over "
          f"{len(results)} page renderings; screenshots in {shots}")
    if failures:
        print(f"{len(failures)} failed checks")
        return 1
    print("all browser checks passed")
    return 0


def requests_of(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
    return urls


def canary(driver, work: str, axe_source: str) -> None:
    """The checks must see problems where there are some: a page with no
    lang, low-contrast text and an image from the network has to fail
    them (so a silent, broken check cannot pass the real pages)."""
    path = os.path.join(work, "canary.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><html><head><title>canary</title></head><body><main><h1>x</h1>'
                '<p style="color:#bbb">low contrast</p><img src="http://127.0.0.1:9/x.png"></main>'
                '</body></html>')
    driver.get_log("performance")
    driver.get("file://" + path)
    requested = requests_of(driver)
    check("http://127.0.0.1:9/x.png" in requested,
          f"canary: the network check did not see the image request ({requested})")
    ids = {v["id"] for v in run_axe(driver, axe_source)}
    check({"html-has-lang", "color-contrast", "image-alt"} <= ids,
          f"canary: axe-core did not report the canary's violations ({sorted(ids)})")


def driver_axe_version(source: str) -> str:
    import re
    m = re.search(r"axe v([0-9.]+)", source)
    return m[1] if m else "?"


def run_axe(driver, axe_source: str) -> list[dict]:
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(axe_source)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done(r.violations)).catch(e => done([{id: 'axe-error', impact: String(e), nodes: []}]));",
        AXE_TAGS)
    return result


def check_structure(driver, where: str) -> None:
    info = driver.execute_script("""
        const hs = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]);
        return {lang: document.documentElement.lang, h1: document.querySelectorAll('h1').length,
                levels: hs, main: document.querySelectorAll('main').length,
                banner: document.querySelectorAll('body > header').length,
                footer: document.querySelectorAll('body > footer').length};""")
    check(info["lang"] == ("en" if "(en)" in where else "sv"), f"{where}: lang {info['lang']!r}")
    check(info["h1"] == 1, f"{where}: {info['h1']} h1 elements")
    levels = info["levels"]
    check(levels and levels[0] == 1, f"{where}: the first heading is not h1")
    for a, b in zip(levels, levels[1:]):
        check(b <= a + 1, f"{where}: heading h{a} followed by h{b}")
    check(info["main"] == 1 and info["footer"] == 1, f"{where}: landmarks {info}")


def check_progress(driver, where: str, lang: str, ids: list[str], statuses: dict[str, str],
                   counts: dict[str, int]) -> None:
    from pledge_report.i18n import load_catalog
    from pledge_report.view import SYMBOLS
    labels = load_catalog(lang)["status"]
    shown = driver.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('li.promise')]"
        ".map(li => [li.dataset.activity, [li.dataset.status, li.querySelector('.latest').innerText.trim(),"
        " li.querySelector('.promise-text').getBoundingClientRect().height > 0]]))")
    check(sorted(shown) == sorted(ids), f"{where}: promises shown {sorted(shown)} != {sorted(ids)}")
    for aid, status in statuses.items():
        got = shown.get(aid)
        check(got is not None and got[0] == status, f"{where}: {aid} shows {got}, expected {status}")
        check(got is not None and got[2], f"{where}: {aid} not visible")
        # The status is a word and a symbol, not a colour only.
        check(got is not None and got[1] == f"{SYMBOLS[status]} {labels[status]}",
              f"{where}: {aid} status text {got and got[1]!r}")
    legend = driver.execute_script(
        "return [...document.querySelectorAll('.glance > ul.legend li')].map(li =>"
        " [li.querySelector('.status').className.split(' ').find(c => c.startsWith('s-')).slice(2),"
        "  +li.querySelector('strong').innerText])")
    want = sorted([k, v] for k, v in counts.items() if v)
    check(sorted(legend) == want, f"{where}: status counts {sorted(legend)} != {want}")
    done = counts.get("done", 0)
    denom = sum(counts.values()) - counts.get("cancelled", 0)
    share = round(100 * done / denom) if denom else 0
    big = driver.execute_script("return document.querySelector('.glance .big strong').innerText")
    check(big.replace("\u00a0", " ").replace(" ", "") == f"{share}%", f"{where}: share shown {big!r}, expected {share}%")


def screenshot(driver, width: int, path: str) -> None:
    """The whole page, as tall as it is (at most 16000 px)."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": min(int(height), 16000), "deviceScaleFactor": 1,
                            "mobile": width < 700})
    driver.save_screenshot(path)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:
        traceback.print_exc()
        sys.exit(1)
