#!/usr/bin/env python3
"""vanban's benchmark: whole-process time and peak memory against LibreOffice's
DOCX → PDF conversion, scaling with document size, and batch throughput.
Not part of the test suite's pass/fail. Usage (after building build/vanban):

    python3 bench/bench.py [--runs 15] [--out output/bench.txt]

Prints a table and writes it (and a JSON twin) so runs can be compared
between commits."""
import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_measured(cmd, **kw):
    """Runs cmd; returns (seconds, peak RSS in MB) of that one process."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    _, status, ru = os.wait4(p.pid, 0)
    secs = time.perf_counter() - t
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return secs, ru.ru_maxrss / 1024


def median_run(cmd, runs):
    samples = [run_measured(cmd) for _ in range(runs)]
    return statistics.median(s for s, _ in samples), max(m for _, m in samples)


PARA = ("Phát huy truyền thống thi đua yêu nước, khơi dậy lòng tự hào dân tộc, yêu quê hương đất nước; "
        "tinh thần đoàn kết, sáng tạo của tập thể, cá nhân; phấn đấu hoàn thành và hoàn thành vượt mức chỉ tiêu, "
        "nhiệm vụ công tác đề ra góp phần thực hiện thắng lợi các nhiệm vụ chính trị của mỗi cơ quan, đơn vị.")


def plan(pages, year=2024, n=0):
    # About three sections of three paragraphs fill a page.
    sections = "".join(
        f"<section><title>Nội dung thi đua số {i + 1}</title><p>{PARA}</p><p>{PARA}</p>"
        f"<section><p>{PARA}</p></section></section>" for i in range(max(1, pages * 3 - 2)))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<document kind="ke-hoach" year="{year}">
  <header><parent>ỦY BAN NHÂN DÂN<br/>TỈNH BẮC GIANG</parent><agency>SỞ NỘI VỤ</agency><number>{n % 900 + 1}</number>
    <code>KH-SNV</code><place>Bắc Giang</place><date day="3" month="2"/></header>
  <subject>Tổ chức phong trào thi đua năm <year/></subject>
  <body>{sections}</body>
  <closing><p>Trên đây là Kế hoạch./.</p></closing>
  <recipients><to>Sở Nội vụ</to><archive>VT, VP</archive></recipients>
  <signature prefix="KT."><authority>GIÁM ĐỐC</authority><title>PHÓ GIÁM ĐỐC</title><name>Nguyễn Văn A</name></signature>
</document>
"""


def pages_of(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return next((int(l.split()[1]) for l in out.splitlines() if l.startswith("Pages:")), 0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vanban", default=os.path.join(ROOT, "build", "vanban"))
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--lo-runs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--out", default=os.path.join(ROOT, "output", "bench.txt"))
    ap.add_argument("--baseline", help="another vanban binary, timed on the samples beside this one (before/after)")
    a = ap.parse_args()
    v = a.vanban
    work = tempfile.mkdtemp(prefix="vanban-bench-")
    lines, figures = [], {"samples": {}, "scaling": {}, "batch": {}}

    def say(s=""):
        print(s, flush=True)
        lines.append(s)

    say(f"vanban benchmark — {time.strftime('%Y-%m-%d %H:%M:%S')} — {os.cpu_count()} cores — {v}")
    say()
    soffice = shutil.which("soffice")
    profile = "file://" + os.path.join(work, "lo-profile")
    say(f"{'sample':42} {'docx ms':>8} {'pdf ms':>8} {'both ms':>8} {'MB':>6} {'LO ms':>8} {'LO MB':>6} {'ratio':>7}"
        + (f" {'base ms':>8}" if a.baseline else ""))
    for f in sorted(glob.glob(os.path.join(ROOT, "data", "*.xml"))):
        stem = os.path.splitext(os.path.basename(f))[0]
        od = os.path.join(work, "s")
        res = {}
        for fmt in ("docx", "pdf", "docx,pdf"):
            res[fmt] = median_run([v, "render", f, "-o", od, "--format", fmt], a.runs)
        lo_ms = lo_mb = float("nan")
        if soffice:
            docx = os.path.join(od, stem + ".docx")
            lo_cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
                      "--outdir", os.path.join(work, "lo"), docx]
            run_measured(lo_cmd)  # warm the profile
            lo_s, lo_mb = median_run(lo_cmd, a.lo_runs)
            lo_ms = lo_s * 1000
        both_ms = res["docx,pdf"][0] * 1000
        ratio = lo_ms / both_ms if both_ms else float("nan")
        base = ""
        if a.baseline:
            base_ms = median_run([a.baseline, "render", f, "-o", os.path.join(work, "b")], a.runs)[0] * 1000
            base = f" {base_ms:8.1f}"
            figures.setdefault("baseline", {})[stem] = base_ms
        say(f"{stem:42} {res['docx'][0]*1000:8.1f} {res['pdf'][0]*1000:8.1f} {both_ms:8.1f} {res['docx,pdf'][1]:6.1f} "
            f"{lo_ms:8.0f} {lo_mb:6.0f} {ratio:6.0f}×" + base)
        figures["samples"][stem] = {"docx_ms": res["docx"][0] * 1000, "pdf_ms": res["pdf"][0] * 1000, "both_ms": both_ms,
                                    "peak_mb": res["docx,pdf"][1], "lo_ms": lo_ms, "lo_mb": lo_mb, "ratio": ratio}
    say()
    say(f"{'scaling: generated plan':42} {'pages':>8} {'both ms':>8} {'MB':>6} {'ms/page':>8}")
    for n in (1, 10, 100, 1000):
        p = os.path.join(work, f"plan-{n}.xml")
        open(p, "w", encoding="utf-8").write(plan(n))
        runs = a.runs if n <= 100 else 3
        secs, mb = median_run([v, "render", p, "-o", os.path.join(work, "g")], runs)
        pg = pages_of(os.path.join(work, "g", f"plan-{n}.pdf"))
        say(f"{'plan-' + str(n):42} {pg:8d} {secs*1000:8.1f} {mb:6.1f} {secs*1000/max(pg,1):8.2f}")
        figures["scaling"][n] = {"pages": pg, "ms": secs * 1000, "peak_mb": mb}
    say()
    bd = os.path.join(work, "batch")
    os.makedirs(bd)
    for i in range(a.batch):
        open(os.path.join(bd, f"plan-{i:04d}.xml"), "w", encoding="utf-8").write(plan(1, 2024, i))
    say(f"{'batch: vanban build of ' + str(a.batch) + ' plans':42} {'jobs':>8} {'s':>8} {'docs/s':>8}")
    for j in sorted({1, os.cpu_count() or 1}):
        out = os.path.join(work, f"bo{j}")
        secs, _ = run_measured([v, "build", bd, "-o", out, "-j", str(j)])
        say(f"{'':42} {j:8d} {secs:8.2f} {a.batch/secs:8.0f}")
        figures["batch"][j] = {"seconds": secs, "docs_per_s": a.batch / secs}
    # The targets the project holds itself to.
    say()
    smp = figures["samples"].values()
    big = figures["scaling"].get(1000, {})
    jobs2 = figures["batch"].get(2, figures["batch"].get(max(figures["batch"])))
    for ok, what in [
        (all(x["both_ms"] <= 15 for x in smp), "every sample: DOCX+PDF ≤ 15 ms median whole-process"),
        (all(x["ratio"] >= 60 for x in smp), "every sample: ≥ 60× faster than LibreOffice's conversion"),
        (big.get("ms", 1e9) < 2000 and big.get("peak_mb", 1e9) < 150, "the 1,000-page plan: < 2 s and < 150 MB"),
        (jobs2["docs_per_s"] >= 300, "vanban build -j 2 of 1,000 plans: ≥ 300 documents/s"),
    ]:
        say(f"{'met ' if ok else 'MISSED'} {what}")
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    open(a.out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
    json.dump(figures, open(os.path.splitext(a.out)[0] + ".json", "w"), indent=1)
    say()
    say(f"written to {a.out} (and .json)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
