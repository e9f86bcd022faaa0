# SPDX-License-Identifier: MIT
"""python3 precommit_hooks.py SOURCE_DIR PLEDGE_VALIDATE: the pre-commit hook.

.pre-commit-hooks.yaml is well formed and its entry exists; the hook's
wrapper (tools/pre-commit/pledge-validate-hook) passes pledge-validate the
files that declare a format and skips other YAML and JSON (a workflow, a
tool's settings) which the tool itself, strict, rejects; the hook's options
reach the tool. Run as pre-commit runs it: from the root of a repository,
with the hook's args and then the commit's files. Prints "N passed, N failed".
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

from tally import check, finish

source, tool = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])


with open(os.path.join(source, ".pre-commit-hooks.yaml"), encoding="utf-8") as f:
    hooks = yaml.safe_load(f)
check(isinstance(hooks, list) and hooks, "a list of hooks")
hook = next(h for h in hooks if h["id"] == "pledge-validate")
entry = os.path.join(source, hook["entry"])
check(hook["language"] == "script" and os.access(entry, os.X_OK), "the entry is an executable script")
check(all(a.startswith("--") and ("=" in a) for a in hook["args"]), "each option is one word")
check(hook.get("require_serial") is True, "one call for all the files")
check(set(hook["types_or"]) == {"yaml", "json"}, "YAML and JSON files")

help_text = subprocess.run([tool, "--help"], capture_output=True, text=True, check=False).stdout
has_context = "--context" in help_text

with tempfile.TemporaryDirectory() as repo:
    def put(rel, text):
        path = os.path.join(repo, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    def copy(rel_src, rel_dst):
        os.makedirs(os.path.dirname(os.path.join(repo, rel_dst)), exist_ok=True)
        shutil.copyfile(os.path.join(source, rel_src), os.path.join(repo, rel_dst))

    copy("examples/ale-2024.yaml", "pledges/ale-2024.yaml")
    copy("examples/ale-2024-follow-up-2025.yaml", "pledges/ale-2024-follow-up-2025.yaml")
    copy("examples/invalid/required.activity-without-text.yaml", "pledges/broken.yaml")
    put(".github/workflows/ci.yml", "name: ci\non: [push]\njobs: {}\n")
    put("config.yaml", "settings:\n  format: wide\n")
    put("package.json", '{"name": "site", "version": "1.0.0"}\n')
    put("data.json", json.dumps({"format": "pledge/1"}) + "\n")

    def hook_run(*args, tool_path=tool):
        env = dict(os.environ, PLEDGE_VALIDATE=tool_path, NO_COLOR="1")
        env.pop("GITHUB_ACTIONS", None)
        return subprocess.run(["sh", entry, *args], cwd=repo, env=env,
                              capture_output=True, text=True, check=False)

    others = [".github/workflows/ci.yml", "config.yaml", "package.json"]

    # The tool, strict, rejects a YAML file without a format ...
    run = subprocess.run([tool, "config.yaml"], cwd=repo, capture_output=True, text=True,
                         check=False)
    check(run.returncode == 1 and "pledge.unknown-format" in run.stdout + run.stderr,
          "pledge-validate rejects config.yaml: " + run.stdout + run.stderr)
    # ... the hook skips it, and the other files that declare no format.
    run = hook_run(*others)
    check(run.returncode == 0 and not run.stdout and not run.stderr,
          f"only files without a format: nothing run ({run.returncode}) {run.stdout}{run.stderr}")
    run = hook_run("pledges/ale-2024.yaml", "pledges/ale-2024-follow-up-2025.yaml", *others)
    check(run.returncode == 0, f"the valid pledge and follow-up pass: {run.stdout}{run.stderr}")
    run = hook_run("pledges/broken.yaml", *others)
    out = run.stdout + run.stderr
    check(run.returncode == 1 and "pledges/broken.yaml:32:9" in out and "[required]" in out,
          "the invalid pledge is reported: " + out)
    check("config.yaml" not in out and "ci.yml" not in out and "package.json" not in out,
          "nothing about the skipped files: " + out)
    # A JSON file that declares a format is checked (this one is incomplete).
    run = hook_run("data.json")
    check(run.returncode == 1 and "data.json" in run.stdout + run.stderr,
          "data.json is checked: " + run.stdout + run.stderr)
    # The hook's options reach the tool.
    run = hook_run("--format=json", "pledges/broken.yaml", "config.yaml")
    try:
        report = json.loads(run.stdout)
        files = {f["path"] for f in report["files"]}
    except (ValueError, KeyError, TypeError) as error:
        files = {f"unreadable JSON: {error}: {run.stdout[:300]}"}
    check(files == {"pledges/broken.yaml"}, f"--format=json output about broken.yaml only: {files}")
    # A folder named in args is passed on (pass_filenames: false).
    run = hook_run("pledges/")
    check(run.returncode == 1 and "pledges/broken.yaml" in run.stdout + run.stderr,
          "a folder is validated: " + run.stdout + run.stderr)
    # "--" ends the options.
    run = hook_run("--", "pledges/ale-2024.yaml", "config.yaml")
    check(run.returncode == 0, "after --: files: " + run.stdout + run.stderr)
    # ... and a file after it that starts with "-" stays a file (for grep
    # and for the tool), whether it declares a format or not.
    copy("examples/invalid/required.activity-without-text.yaml", "-broken.yaml")
    put("-notes.yaml", "title: notes\n")
    run = hook_run("--", "-notes.yaml", "-broken.yaml")
    out = run.stdout + run.stderr
    check(run.returncode == 1 and "-broken.yaml:32:9" in out and "-notes.yaml" not in out,
          "after --: -broken.yaml validated, -notes.yaml skipped: " + out)
    run = hook_run("--", "-notes.yaml")
    check(run.returncode == 0 and not run.stdout and not run.stderr,
          "after --: nothing kept, nothing run: " + run.stdout + run.stderr)
    os.remove(os.path.join(repo, "-broken.yaml"))
    os.remove(os.path.join(repo, "-notes.yaml"))

    if has_context:
        # The hook's own args: a follow-up committed alone is checked
        # against its pledge elsewhere in the repository.
        os.remove(os.path.join(repo, "pledges/broken.yaml"))
        run = hook_run(*hook["args"], "--resolve", "pledges/ale-2024-follow-up-2025.yaml")
        check(run.returncode == 0, "follow-up alone, its pledge in --context: "
              + run.stdout + run.stderr)
        run = hook_run("--resolve", "pledges/ale-2024-follow-up-2025.yaml")
        check(run.returncode == 1, "follow-up alone without --context fails under --resolve")
    else:
        print("note: this pledge-validate has no --context; its case is not checked")

finish()
