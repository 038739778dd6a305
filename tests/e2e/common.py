"""Shared helpers for the end-to-end tests (python3 standard library only)."""
import argparse
import os
import shutil
import subprocess
import sys

FAILURES = []


def args():
    p = argparse.ArgumentParser()
    p.add_argument("--vanban", required=True)
    p.add_argument("--source", required=True)
    p.add_argument("--work", required=True)
    a, _ = p.parse_known_args()
    if os.path.isdir(a.work):
        shutil.rmtree(a.work)
    os.makedirs(a.work)
    return a


def run(cmd, timeout=120, env=None, **kw):
    e = dict(os.environ)
    if env:
        e.update(env)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=e, **kw)


def check(cond, what):
    if cond:
        print(f"ok   {what}")
    else:
        print(f"FAIL {what}")
        FAILURES.append(what)
    return cond


def finish():
    total = len(FAILURES)
    if total:
        print(f"\n{total} check(s) failed:")
        for f in FAILURES:
            print("  -", f)
        sys.exit(1)
    print("\nall checks passed")


def samples(source):
    d = os.path.join(source, "data")
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".xml"))


# Samples the importer reads back: not yet a công văn (its V/v under the
# number, no tên loại), Kính gửi, or a Biên bản's particulars and signers.
NOT_IMPORTED = ("cong-van-", "to-trinh-", "bien-ban-")


def importable_samples(source):
    return [s for s in samples(source) if not os.path.basename(s).startswith(NOT_IMPORTED)]


def pdftotext(pdf, *extra):
    return run(["pdftotext", "-enc", "UTF-8", *extra, pdf, "-"]).stdout


def page_count(pdf):
    out = run(["pdfinfo", pdf]).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return -1
