"""The same lines as LibreOffice on documents never seen: a fixed set of
generated documents (tests/e2e/gendoc.py, seeds 1–20; the full corpus of 300
is bench/fidelity_corpus.py) rendered by vanban, their DOCX converted by
LibreOffice in one run, and the two PDFs compared line by line. Every
document has the same page count in both and at least 98 % identical lines;
the whole set at least 99.5 %. Each DOCX passes a well-formedness check."""
import os
import shutil
import sys
import zipfile
import xml.dom.minidom

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fidelity  # noqa: E402
import gendoc  # noqa: E402
from common import args, check, finish, run  # noqa: E402

SEEDS = range(1, 21)
a = args()
data, out, lo = (os.path.join(a.work, d) for d in ("data", "out", "lo"))
os.makedirs(data)
os.makedirs(lo)
stems = []
for s in SEEDS:
    stem = f"rnd-{s:04d}"
    with open(os.path.join(data, stem + ".xml"), "w", encoding="utf-8") as f:
        f.write(gendoc.generate(s))
    stems.append(stem)
r = run([a.vanban, "render", "-o", out] + [os.path.join(data, s + ".xml") for s in stems])
check(r.returncode == 0, f"render {len(stems)} generated documents ({r.stderr.strip()[-300:]})")
for s in stems:
    with zipfile.ZipFile(os.path.join(out, s + ".docx")) as z:
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                xml.dom.minidom.parseString(z.read(name))  # raises on a malformed part

if shutil.which("soffice"):
    check(fidelity.convert([os.path.join(out, s + ".docx") for s in stems], lo, timeout=600),
          "LibreOffice converts every generated DOCX (no hang)")
    same = total = 0
    worst = []
    for s in stems:
        ref = os.path.join(lo, s + ".pdf")
        if not check(os.path.exists(ref), f"{s}: LibreOffice made a PDF"):
            continue
        pages_ok, pct, n_same, n_total = fidelity.compare(s, ref, os.path.join(out, s + ".pdf"), verbose=False,
                                                         counts=True)
        same += n_same
        total += n_total
        worst.append((pct, s))
        check(pages_ok, f"{s}: same page count as LibreOffice")
        check(pct >= 98.0, f"{s}: {pct:.1f} % of lines identical (≥ 98 %)")
    figure = 100.0 * same / total if total else 0
    print(f"\nset: {total} lines, {figure:.2f} % identical; worst: {sorted(worst)[:3]}")
    check(figure >= 99.5, f"the set: {figure:.2f} % of lines identical (≥ 99.5 %)")
finish()
