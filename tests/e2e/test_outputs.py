"""Render every sample and check the files the way a reader would:
determinism, qpdf, embedded subset fonts, the text of the data in the PDF,
page sizes, page numbers, well-formed DOCX parts."""
import os
import re
import unicodedata
import xml.dom.minidom
import xml.etree.ElementTree as ET
import zipfile

from common import args, check, finish, page_count, pdftotext, run, samples

a = args()
out1 = os.path.join(a.work, "run1")
out2 = os.path.join(a.work, "run2")
files = samples(a.source)

for out in (out1, out2):
    r = run([a.vanban, "render", *files, "-o", out])
    check(r.returncode == 0, f"render all samples into {os.path.basename(out)}: {r.stderr.strip()}")


def ws(s):
    # Lines may break after a hyphen ("05-" / "CT/TW"): join such breaks on both sides.
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", s)).strip()


def paragraph_segments(xml_path):
    """Texts of the data's paragraphs, split at footnotes and generated fields."""
    root = ET.parse(xml_path).getroot()
    segs = []

    def walk(el, acc):
        if el.text:
            acc.append(el.text)
        for c in el:
            if c.tag in ("fn", "year", "anniv", "party-count", "party-list", "br", "bullets"):
                segs.append("".join(acc))
                acc.clear()
            else:
                walk(c, acc)
            if c.tail:
                acc.append(c.tail)

    for tag in ("p", "basis", "target", "item", "phase"):
        for p in root.iter(tag):
            acc = []
            walk(p, acc)
            segs.append("".join(acc))
    return [unicodedata.normalize("NFC", ws(s)) for s in segs if len(ws(s)) > 12]


def in_order(seg, words, max_gap=80):
    """The segment's words appear in order in the page text; a page break may
    put the page number and that page's footnotes in between."""
    first = seg[0]
    for start in (i for i, w in enumerate(words) if w == first or w.endswith(first)):
        i, gap, ok = start + 1, 0, True
        for w in seg[1:]:
            while i < len(words) and words[i] != w and not (w == seg[-1] and words[i].startswith(w)):
                i += 1
                gap += 1
                if gap > max_gap:
                    ok = False
                    break
            if not ok or i >= len(words):
                ok = False
                break
            i += 1
        if ok:
            return True
    return False


for f in files:
    stem = os.path.splitext(os.path.basename(f))[0]
    pdf1, pdf2 = os.path.join(out1, stem + ".pdf"), os.path.join(out2, stem + ".pdf")
    docx1, docx2 = os.path.join(out1, stem + ".docx"), os.path.join(out2, stem + ".docx")
    if not (os.path.exists(pdf1) and os.path.exists(docx1)):
        check(False, f"{stem}: outputs exist")
        continue
    check(open(pdf1, "rb").read() == open(pdf2, "rb").read(), f"{stem}: PDF is byte-identical between runs")
    check(open(docx1, "rb").read() == open(docx2, "rb").read(), f"{stem}: DOCX is byte-identical between runs")

    r = run(["qpdf", "--check", pdf1])
    check(r.returncode == 0 and "No syntax or stream encoding errors" in r.stdout, f"{stem}: qpdf --check is clean")

    fonts = run(["pdffonts", pdf1]).stdout.splitlines()[2:]
    check(len(fonts) >= 2, f"{stem}: fonts are listed")
    check(all(re.match(r"^[A-Z]{6}\+(LiberationSerif|TimesNewRoman)", l) for l in fonts),
          f"{stem}: every font is a Times New Roman or Liberation Serif subset")
    check(all(" yes yes yes " in re.sub(r"\s+", " ", l) + " " for l in fonts), f"{stem}: every font embedded, subset, with ToUnicode")

    text = pdftotext(pdf1)
    check(text == unicodedata.normalize("NFC", text), f"{stem}: PDF text is NFC")
    words = ws(pdftotext(pdf1, "-raw")).split(" ")
    missing = [s for s in paragraph_segments(f) if not in_order(s.split(" "), words)]
    check(not missing, f"{stem}: every paragraph of the data is in the PDF text" + (f" (missing: {missing[:2]})" if missing else ""))
    for s in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]:
        check(s in text, f"{stem}: header has '{s}'")

    pages = page_count(pdf1)
    check(pages >= 1, f"{stem}: {pages} pages")
    # Page numbers: none on page 1, "2" alone on the first line of page 2.
    first = pdftotext(pdf1, "-f", "1", "-l", "1").strip().splitlines()
    check(first and not first[0].strip().isdigit(), f"{stem}: no page number on page 1")
    if pages >= 2:
        p2 = pdftotext(pdf1, "-f", "2", "-l", "2").strip().splitlines()
        # (A one-page text followed by its appendix: the appendix numbers its own pages, from its second.)
        check(p2 and (p2[0].strip() == "2" or p2[0].strip().startswith("Phụ lục")),
              f"{stem}: page 2 starts with its number")

    info = run(["pdfinfo", pdf1]).stdout
    check(re.search(r"^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info, re.M) is not None, f"{stem}: A4 portrait first page")
    check(re.search(r"^Title:\s+\S", info, re.M) is not None, f"{stem}: PDF info has a title")

    with zipfile.ZipFile(docx1) as z:
        bad = []
        for n in z.namelist():
            if n.endswith(".xml") or n.endswith(".rels"):
                try:
                    xml.dom.minidom.parseString(z.read(n))
                except Exception as e:  # noqa: BLE001
                    bad.append(f"{n}: {e}")
        check(not bad, f"{stem}: every DOCX part is well-formed XML {bad[:1]}")
        names = set(z.namelist())
        check({"[Content_Types].xml", "word/document.xml", "word/styles.xml", "docProps/core.xml"} <= names,
              f"{stem}: DOCX has the core parts")
        core = z.read("docProps/core.xml").decode()
        check("<dc:title>" in core and "<dc:creator>" in core, f"{stem}: core.xml has title and creator")

# The appendix sample: landscape pages for the appendix.
pl = os.path.join(out1, "ke-hoach-ubnd-xa-phu-luc-2025.pdf")
if os.path.exists(pl):
    n = page_count(pl)
    info = run(["pdfinfo", "-f", "1", "-l", str(n), pl]).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    landscape = [i + 1 for i, (w, h) in enumerate(sizes) if float(w) > float(h)]
    check(len(landscape) >= 2, f"appendix sample: at least two landscape pages ({landscape})")
    text = pdftotext(pl)
    check("Phụ lục" in text and "(Kèm theo Kế hoạch số 16/KH-UBND" in text, "appendix: label and Kèm theo line")

finish()
