#!/usr/bin/env python3
"""Fidelity over a corpus of generated documents: vanban's PDF against
LibreOffice's rendering of vanban's DOCX, line by line.

    python3 bench/fidelity_corpus.py [--count 300] [--seed 1] [--worst 10]

Generates the documents with tests/e2e/gendoc.py (seeded: the same corpus on
every machine), renders them with build/vanban, converts the DOCX files with
LibreOffice (many per invocation; PDFs are cached by the DOCX's SHA-256 in
--cache, so a rerun after a layout-only change converts nothing), and
compares with tests/e2e/fidelity.py. Prints the corpus figure, the number of
documents with unequal page counts, the worst documents with their differing
lines, and exits 1 when the corpus is below --min-total, a document below
--min-doc, or page counts differ. Not part of the test suite.
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
import fidelity  # noqa: E402
import gendoc  # noqa: E402


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vanban", default=os.path.join(ROOT, "build", "vanban"))
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "vanban-fidelity"))
    ap.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "vanban-fidelity-cache"))
    ap.add_argument("--batch", type=int, default=40, help="DOCX files per LibreOffice run")
    ap.add_argument("--worst", type=int, default=10)
    ap.add_argument("--min-total", type=float, default=99.5)
    ap.add_argument("--min-doc", type=float, default=98.0)
    a = ap.parse_args()

    data, out = os.path.join(a.work, "data"), os.path.join(a.work, "out")
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(data)
    os.makedirs(a.cache, exist_ok=True)
    stems = []
    for s in range(a.seed, a.seed + a.count):
        stem = f"rnd-{s:04d}"
        with open(os.path.join(data, stem + ".xml"), "w", encoding="utf-8") as f:
            f.write(gendoc.generate(s))
        stems.append(stem)
    t0 = time.perf_counter()
    r = subprocess.run([a.vanban, "render", "-o", out] + [os.path.join(data, s + ".xml") for s in stems],
                       capture_output=True, text=True)
    t_render = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"vanban render failed:\n{r.stderr[-3000:]}")

    # LibreOffice, only for DOCX files not seen before.
    def cached(s, ext=".pdf"):
        return os.path.join(a.cache, sha(os.path.join(out, s + ".docx")) + ext)

    # Documents known to hang LibreOffice are remembered too (".hang").
    failed = {s for s in stems if os.path.exists(cached(s, ".hang"))}
    todo = [s for s in stems if not os.path.exists(cached(s)) and s not in failed]
    t0 = time.perf_counter()
    def run_lo(batch, timeout):
        tmp = tempfile.mkdtemp(prefix="vanban-fid-lo-")
        ok = fidelity.convert([os.path.join(out, s + ".docx") for s in batch], tmp, timeout=timeout)
        for s in batch:
            pdf = os.path.join(tmp, s + ".pdf")
            if os.path.exists(pdf):
                shutil.move(pdf, os.path.join(a.cache, sha(os.path.join(out, s + ".docx")) + ".pdf"))
        shutil.rmtree(tmp, ignore_errors=True)
        return ok

    for i in range(0, len(todo), a.batch):
        batch = todo[i:i + a.batch]
        if not run_lo(batch, 60 + 15 * len(batch)):
            # A document hangs or crashes LibreOffice: find it, one by one.
            for s in batch:
                if not os.path.exists(os.path.join(a.cache, sha(os.path.join(out, s + ".docx")) + ".pdf")):
                    if not run_lo([s], 120):
                        failed.add(s)
                        open(cached(s, ".hang"), "w").close()
    t_lo = time.perf_counter() - t0

    results = []
    total = same = 0
    pages_off = []
    import contextlib
    import io
    for s in stems:
        ref = os.path.join(a.cache, sha(os.path.join(out, s + ".docx")) + ".pdf")
        if not os.path.exists(ref):
            why = "hangs or crashes LibreOffice" if s in failed else "LibreOffice produced no PDF"
            results.append((s, 0.0, False, 0, 0, f"{s}: {why}"))
            continue
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            pages_ok, pct, n_same, n_total = fidelity.compare(s, ref, os.path.join(out, s + ".pdf"), counts=True)
        total += n_total
        same += n_same
        if not pages_ok:
            pages_off.append(s)
        results.append((s, pct, pages_ok, n_same, n_total, buf.getvalue()))
    corpus = 100.0 * same / total if total else 100.0
    below = [x for x in results if x[1] < a.min_doc]
    print(f"corpus: {len(stems)} documents, {total} lines, {same} identical = {corpus:.2f}%")
    print(f"documents below {a.min_doc}%: {len(below)}; page counts differ: {len(pages_off)} {pages_off[:20]}")
    print(f"time: vanban render {t_render:.1f} s, LibreOffice {t_lo:.1f} s ({len(todo)} converted)")
    print(f"\nworst {a.worst}:")
    for s, pct, ok, n_same, n_total, rep in sorted(results, key=lambda x: (x[2], x[1]))[:a.worst]:
        print(rep.rstrip()[:3000])
    ok = corpus >= a.min_total and not below and not pages_off
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
