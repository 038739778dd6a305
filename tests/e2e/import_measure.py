"""What the import tests measure: the word sequence a reader sees, and the
structure a data file has (python3 standard library only)."""
import difflib
import os
import re
import xml.etree.ElementTree as ET

from common import check, pdftotext, run

# The texts of other hands in tests/e2e/import, with their structure as a
# person reads it (sections at every depth, list items: targets, dash and
# numbered items, and what else the text shows).
TEXTS = {
    "ke-hoach-khoi-vhxh2-2024": {"section": 17, "items": 19, "phase": 2, "fn": 3, "table": 0, "party": 0},
    "giao-uoc-khoi-vhxh2-2024": {"section": 0, "items": 6, "phase": 0, "fn": 0, "table": 0, "party": 5},
    "ke-hoach-so-ldtbxh-ha-tinh-2024": {"section": 26, "items": 19, "phase": 0, "fn": 0, "table": 2, "party": 0},
}


def source_words(text):
    """Words of a text as its reader sees them: Markdown's stars and pipes,
    table rules and note marks are not words."""
    text = re.sub("[\u00b9\u00b2\u00b3\u2070-\u2079]", "", text).replace("\\", "")
    lines = [l for l in text.splitlines() if not (re.fullmatch(r"[\s|:\-]*", l) and "-" in l and "|" in l)]
    return "\n".join(lines).replace("*", " ").replace("|", " ").split()


def pdf_words(text):
    """Words of pdftotext's output: page numbers and note marks (digits
    glued to a word) left out, as source_words leaves the source's out."""
    lines = [l for l in text.splitlines() if not re.fullmatch(r"\s*\d{1,4}\s*", l)]
    text = "\n".join(lines).replace("*", " ")
    text = re.sub(r"(?<=[^\W\d_])\d{1,2}(?=[,.;:)]|\s|$)", "", text)
    return text.split()


def similarity(a, b):
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def structure(xml_path):
    root = ET.parse(xml_path).getroot()
    n = lambda tag: len(root.findall(".//" + tag))
    return {"section": n("section"), "items": n("target") + n("item"), "phase": n("phase"), "fn": n("fn"),
            "table": n("table"), "party": n("party")}


def import_and_measure(vanban, source_file, reference_words, work, label, expect=None, keys=None):
    """Imports `source_file`, checks the data, renders it and compares the
    PDF's words with `reference_words`. Returns the similarity."""
    stem = os.path.splitext(os.path.basename(source_file))[0]
    xml = os.path.join(work, stem + ".xml")
    r = run([vanban, "import", source_file, "-o", xml])
    if not check(r.returncode == 0 and os.path.exists(xml), f"{label}: imports (exit {r.returncode}) {r.stderr[-300:]}"):
        return 0.0
    r = run([vanban, "check", xml])
    check(r.returncode == 0, f"{label}: the imported data passes vanban check {r.stderr[:300]}")
    r = run([vanban, "render", xml, "-o", work, "--format", "pdf"])
    if not check(r.returncode == 0, f"{label}: renders {r.stderr[:300]}"):
        return 0.0
    words = pdf_words(pdftotext(os.path.join(work, stem + ".pdf")))
    s = similarity(reference_words, words)
    check(s >= 0.97, f"{label}: word-sequence similarity {s:.4f} ≥ 0.97")
    if expect:
        got = structure(xml)
        for k in keys or expect:
            check(got[k] == expect[k], f"{label}: {k} {got[k]} (the text shows {expect[k]})")
    return s
