"""Writes a DOCX from a plan's text with python-docx, as a third party's script
would: a borderless header table, bold headings with typed labels, Word's
automatic bullets (List Bullet), body paragraphs justified with a first-line
indent, raised digits for note marks and the notes typed as paragraphs, a
borderless table for Nơi nhận and the signature (or the covenant's parties).

Run with Debian's interpreter (python3-docx): /usr/bin/python3 THIS TEXT.txt OUT.docx
"""
import re
import sys

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

SUPER = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def add_runs(par, text, bold=False, italic=False, size=None):
    """Markdown emphasis to runs; superscript digits to raised ASCII digits."""
    for tok in re.split(r"(\*\*[^*]+\*\*|\*[^*\s][^*]*\*|[⁰¹²³⁴-⁹]+)", text):
        if not tok:
            continue
        b, i, sup = bold, italic, False
        if tok.startswith("**") and tok.endswith("**") and len(tok) > 4:
            tok, b = tok[2:-2], True
        elif tok.startswith("*") and tok.endswith("*") and len(tok) > 2:
            tok, i = tok[1:-1], True
        elif all(c in SUPER for c in tok):
            tok, sup = "".join(str(SUPER.index(c)) for c in tok), True
        r = par.add_run(tok)
        r.bold, r.italic = b or None, i or None
        if sup:
            r.font.superscript = True
        if size:
            r.font.size = Pt(size)


def borderless(table):
    tblPr = table._tbl.tblPr
    borders = tblPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblBorders")
    if borders is not None:
        tblPr.remove(borders)


def cell_lines(cell, lines, bold=False, center=False, size=None):
    first = True
    for line in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_runs(p, line, bold=bold, size=size)


LABEL = re.compile(r"^(\*\*)?([IVX]+\.|\d{1,2}\.(\d{1,2}\.)*|\(\d+\)\.?|[a-zđ]\))(\*\*)?\s")


def main(source, out):
    blocks = [b for b in re.split(r"\n\s*\n", open(source, encoding="utf-8").read()) if b.strip()]
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)

    # Page-1 header: the lines before the title, in a borderless table.
    head = []
    while blocks and not re.match(r"^\**(KẾ HOẠCH|BẢN GIAO ƯỚC)", blocks[0].strip()):
        head.append(blocks.pop(0).strip())
    t = doc.add_table(rows=2, cols=2)
    borderless(t)
    cell_lines(t.cell(0, 1), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], bold=True, center=True)
    number = [h for h in head if h.startswith("Số")]
    date = [h for h in head if "ngày" in h]
    cell_lines(t.cell(1, 0), number or [""], center=True)
    cell_lines(t.cell(1, 1), date or [""], center=True)

    # Title and trích yếu: centred, bold; the trích yếu's lines kept.
    title = blocks.pop(0).strip().split("\n")
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_runs(p, title[0].strip().strip("*").strip(), bold=True)
    subject = [l.strip().strip("*").strip() for l in title[1:]]
    if not subject and blocks and len(blocks[0]) < 300 and not blocks[0].startswith(("Thực hiện", "Căn cứ", "Nhằm")):
        subject = [blocks.pop(0).strip()]
    if subject:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for k, line in enumerate(subject):
            if k:
                p.add_run().add_break()
            add_runs(p, line, bold=True)

    ending = []
    for k, b in enumerate(blocks):
        if b.strip().startswith(("Nơi nhận", "**ĐẠI DIỆN")):
            ending = blocks[k:]
            blocks = blocks[:k]
            break

    for b in blocks:
        b = b.strip()
        if b.startswith("|") or "\n|" in b or b.startswith("- |"):
            rows = [l for l in b.split("\n") if "|" in l and not re.fullmatch(r"[\s|:-]+", l)]
            rows = [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows]
            rows = [r for r in rows if any(c.strip("- ") for c in r)]
            table = doc.add_table(rows=len(rows), cols=2)
            for r, cells in enumerate(rows):
                for c in range(2):
                    cell_lines(table.cell(r, c), [cells[c] if c < len(cells) else ""], size=13)
            continue
        for line in b.split("\n"):
            line = line.strip()
            if line.startswith("- "):
                p = doc.add_paragraph(style="List Bullet")
                add_runs(p, line[2:])
                continue
            if line.startswith("*** "):
                p = doc.add_paragraph()
                add_runs(p, "* ", bold=True)
                add_runs(p, line[4:].rstrip("*"), bold=True)
                continue
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            p.paragraph_format.first_line_indent = Cm(1.27)
            m = LABEL.match(line)
            heading = m and (re.match(r"^[IVX]+\.", line) or (len(line) < 110 and not line.rstrip("*").endswith((".", ";"))))
            add_runs(p, line, bold=bool(heading))

    if ending and ending[0].startswith("Nơi nhận"):
        lines = [l.strip() for b in ending for l in b.split("\n") if l.strip()]
        k = next(i for i, l in enumerate(lines) if l.startswith("- Lưu"))
        t = doc.add_table(rows=1, cols=2)
        borderless(t)
        cell_lines(t.cell(0, 0), lines[1:k + 1], size=11)
        label = t.cell(0, 0).paragraphs[0].insert_paragraph_before()
        add_runs(label, "Nơi nhận:", bold=True, italic=True, size=12)
        sign = [l.strip("*") for l in lines[k + 1:]]
        cell_lines(t.cell(0, 1), sign[:-1], bold=True, center=True)
        p = t.cell(0, 1).add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(60)
        add_runs(p, sign[-1], bold=True)
    elif ending:
        parties = [b.strip().strip("*").replace("  \n", "\n").split("\n") for b in ending]
        t = doc.add_table(rows=(len(parties) + 1) // 2, cols=2)
        borderless(t)
        for k, party in enumerate(parties):
            cell_lines(t.cell(k // 2, k % 2), [l.strip().strip("*") for l in party], bold=True, center=True)
    doc.save(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
