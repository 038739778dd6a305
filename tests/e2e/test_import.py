"""vanban import: texts and DOCX of other hands come back as data that
renders the same words with the same structure; hostile files end in a
located error, in bounded time and memory."""
import io
import os
import resource
import shutil
import struct
import time
import zipfile

from common import args, check, finish, pdftotext, run, samples, importable_samples
from import_measure import TEXTS, import_and_measure, pdf_words, source_words

a = args()
v = a.vanban
texts = os.path.join(a.source, "tests", "e2e", "import")
script = os.path.join(a.source, "tests", "e2e", "import_docx_script.py")
figures = []

# ---------------------------------------------------------------- texts
for stem, expect in TEXTS.items():
    src = os.path.join(texts, stem + ".txt")
    ref = source_words(open(src, encoding="utf-8").read())
    work = os.path.join(a.work, "text")
    os.makedirs(work, exist_ok=True)
    figures.append(("text", stem, import_and_measure(v, src, ref, work, f"text {stem}", expect)))

    # pandoc reads the text as Markdown and writes Word's numbering, its own styles.
    work = os.path.join(a.work, "pandoc")
    os.makedirs(work, exist_ok=True)
    docx = os.path.join(work, stem + ".docx")
    r = run(["pandoc", "-f", "markdown-smart", "-t", "docx", src, "-o", docx])
    if check(r.returncode == 0, f"pandoc {stem}: made a DOCX"):
        figures.append(("pandoc", stem, import_and_measure(v, docx, ref, work, f"pandoc {stem}", expect,
                                                           ["section", "items", "phase", "table", "party"])))

    # A script with python-docx (Debian's python3-docx), as a third party writes one.
    work = os.path.join(a.work, "python-docx")
    os.makedirs(work, exist_ok=True)
    docx = os.path.join(work, stem + ".docx")
    r = run(["/usr/bin/python3", script, src, docx])
    if check(r.returncode == 0, f"python-docx {stem}: made a DOCX {r.stderr[-200:]}"):
        figures.append(("python-docx", stem, import_and_measure(v, docx, ref, work, f"python-docx {stem}", expect)))

# pdftotext of vanban's own PDFs: the words come back.
work = os.path.join(a.work, "pdftotext")
os.makedirs(work)
r = run([v, "render", *importable_samples(a.source), "-o", work, "--format", "pdf"])
check(r.returncode == 0, "render the samples")
for xml in importable_samples(a.source):
    stem = os.path.splitext(os.path.basename(xml))[0]
    txt = os.path.join(work, stem + ".txt")
    run(["pdftotext", "-enc", "UTF-8", os.path.join(work, stem + ".pdf"), txt])
    ref = pdf_words(open(txt, encoding="utf-8").read())
    out = os.path.join(work, "again")
    os.makedirs(out, exist_ok=True)
    figures.append(("pdftotext", stem, import_and_measure(v, txt, ref, out, f"pdftotext {stem}")))

# ---------------------------------------------------------------- the data file
src = os.path.join(texts, "ke-hoach-khoi-vhxh2-2024.txt")
r = run([v, "import", src])
check(r.returncode == 0 and r.stdout.startswith("<?xml"), "without -o the data goes to standard output")
x = " ".join(r.stdout.split())  # the data file wraps long text at spaces
check("<year/>" in x and "<!-- 2024 → <year/>" in x, "the plan's year is offered as <year/>, with a comment")
check("ngày 06/4/2024 của Hội đồng" in x, "another document's date is not the plan's year")
check("giai đoạn 2021-2025" in x, "a range of years stays as written")
check("<fn>về \"Tiếp tục đổi mới" in x, "a note at the foot of a page is back at its mark")
check("<phase>Đợt thi đua thứ nhất" in x, "a starred phase")
check("<b>trước 31/7/<year/></b>" in x, "bold inside a paragraph is kept")
check("<i>“Đoàn kết" in x, "italic inside a paragraph is kept")
check("<archive>VT, VP</archive>" in x and "<authority>TRƯỞNG KHỐI</authority>" in x, "Nơi nhận and signature")
check("MỤC ĐÍCH" in x and "<title>MỤC ĐÍCH, YÊU CẦU</title>" in x, "the label I. is not kept in the title")
check("no issuing agency found" in r.stderr and ":3:1: warning:" in r.stderr,
      "what is missing is reported with its line")
r = run([v, "import", "--no-year-fields", src])
check(r.returncode == 0 and "<year" not in r.stdout and "năm 2024" in r.stdout, "--no-year-fields keeps the years")
r = run([v, "import", "--kind", "giao-uoc", src])
check(r.returncode == 0 and 'kind="giao-uoc"' in r.stdout and "tên loại is 'KẾ HOẠCH'" in r.stderr,
      "--kind overrides the tên loại, and says so")

# ---------------------------------------------------------------- command line
r = run([v, "import", "--help"])
check(r.returncode == 0 and r.stdout.startswith("usage: vanban import"), "import --help")
r = run([v, "import"])
check(r.returncode == 2, "import without a file: exit 2")
r = run([v, "import", src, "--kind", "quyet-dinh-x"])
check(r.returncode == 2 and "unknown document kind 'quyet-dinh-x'" in r.stderr, "an unknown --kind: exit 2")
r = run([v, "import", os.path.join(a.work, "missing.docx")])
check(r.returncode == 3 and "cannot read the file" in r.stderr, "a missing file: exit 3")
out = os.path.join(a.work, "out.xml")
open(out, "w").write("previous")
r = run([v, "import", os.path.join(a.work, "missing.docx"), "-o", out])
check(open(out).read() == "previous", "a failed import leaves the output as it was")

# ---------------------------------------------------------------- hostile files
hostile = os.path.join(a.work, "hostile")
os.makedirs(hostile)
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
      'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(name, parts, extra=None):
    path = os.path.join(hostile, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        for n, data in parts:
            z.writestr(n, data)
        if extra:
            extra(z)
    return path


def bomb(z):
    with z.open("word/document.xml", "w") as f:
        f.write(f"<w:document {W}><w:body><w:p><w:r><w:t>".encode())
        chunk = b" " * (1 << 20)
        for _ in range(100):  # 100 MiB of spaces, deflated to about 100 KiB
            f.write(chunk)
        f.write(b"</w:t></w:r></w:p></w:body></w:document>")


cases = []
cases.append(("zip bomb", docx("bomb.docx", [], bomb), "inflates to more than"))
# The same, with sizes that lie: the archive says 1000 bytes.
lying = os.path.join(hostile, "lying.docx")
data = bytearray(open(os.path.join(hostile, "bomb.docx"), "rb").read())
name = b"word/document.xml"
for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
    k = 0
    while (k := data.find(sig, k)) >= 0:
        nlen_off = 26 if sig == b"PK\x03\x04" else 28
        nlen = struct.unpack_from("<H", data, k + nlen_off)[0]
        fname_at = k + (30 if sig == b"PK\x03\x04" else 46)
        if data[fname_at:fname_at + nlen] == name:
            struct.pack_into("<I", data, k + off, 1000)
        k += 4
open(lying, "wb").write(bytes(data))
cases.append(("zip bomb with lying sizes", lying, "error:"))
ok_doc = f'<w:document {W}><w:body><w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p></w:body></w:document>'
cases.append(("entry with ..", docx("dotdot.docx", [("word/document.xml", ok_doc), ("../../evil.txt", "x")]),
              "outside the package"))
cases.append(("absolute entry", docx("abs.docx", [("word/document.xml", ok_doc), ("/etc/evil", "x")]),
              "outside the package"))
laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]>' + f'<w:document {W}><w:body><w:p><w:r><w:t>&lol3;'
          '</w:t></w:r></w:p></w:body></w:document>')
cases.append(("entities (billion laughs)", docx("laughs.docx", [("word/document.xml", laughs)]), "DOCTYPE"))
xxe = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       f'<w:document {W}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
cases.append(("external entity", docx("xxe.docx", [("word/document.xml", xxe)]), "DOCTYPE"))
undeclared = f'<w:document {W}>\n<w:body><w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p></w:body></w:document>'
cases.append(("undeclared entity", docx("entity.docx", [("word/document.xml", undeclared)]),
              "[word/document.xml]:2:"))
deep = f'<w:document {W}><w:body>' + "<w:sdt><w:sdtContent>" * 5000 + "</w:sdtContent></w:sdt>" * 5000 + \
    "</w:body></w:document>"
cases.append(("nesting 10,000 deep", docx("deep.docx", [("word/document.xml", deep)]), "malformed XML"))
many = docx("many.docx", [("word/document.xml", ok_doc)] + [(f"x/{k}.xml", "") for k in range(5000)])
cases.append(("5,000 entries", many, "entries"))
good = os.path.join(a.work, "pandoc", "ke-hoach-khoi-vhxh2-2024.docx")
blob = open(good, "rb").read()
trunc = os.path.join(hostile, "truncated.docx")
open(trunc, "wb").write(blob[: len(blob) // 2])
cases.append(("truncated archive", trunc, "damaged"))
garbage = os.path.join(hostile, "garbage.docx")
open(garbage, "wb").write(b"PK\x03\x04" + os.urandom(4096))
cases.append(("garbage after a zip signature", garbage, "damaged"))
nodoc = docx("nodoc.docx", [("word/other.xml", ok_doc)])
cases.append(("no word/document.xml", nodoc, "not a Word document"))
odt = os.path.join(hostile, "doc.odt")
with zipfile.ZipFile(odt, "w") as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    z.writestr("content.xml", "<x/>")
cases.append(("an OpenDocument file", odt, "OpenDocument"))
pdf = os.path.join(hostile, "doc.pdf")
open(pdf, "wb").write(b"%PDF-1.7\n%\xe2\xe3\n")
cases.append(("a PDF", pdf, "pdftotext"))
latin = os.path.join(hostile, "latin1.txt")
open(latin, "wb").write("KẾ HOẠCH\n\nTổ chức\n".encode("utf-8") + b"caf\xe9 au lait\n")
cases.append(("text not in UTF-8", latin, "latin1.txt:4:4: error: the text is not UTF-8"))
big = os.path.join(hostile, "big.txt")
with open(big, "wb") as f:
    f.truncate((50 << 20) + 1)
cases.append(("a text larger than 50 MiB", big, "larger than 50 MiB"))
empty = os.path.join(hostile, "empty.docx")
open(empty, "wb").close()
cases.append(("an empty file", empty, "empty"))

for what, path, expect in cases:
    t0 = time.monotonic()
    r = run([v, "import", path, "-o", os.path.join(hostile, "out.xml")], timeout=60)
    dt = time.monotonic() - t0
    check(r.returncode == 1 and "error:" in r.stderr and expect in r.stderr,
          f"hostile: {what}: exit 1 with a located error ({r.returncode}: {r.stderr.strip()[:160]})")
    check(dt < 10, f"hostile: {what}: ends in {dt:.1f} s")
    check(not os.path.exists(os.path.join(hostile, "out.xml")), f"hostile: {what}: writes nothing")
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss >> 10
check(peak < 1024, f"hostile: the largest process peaked at {peak} MiB (bounded)")

print("\nsimilarity (rendered import vs source words):")
for how, stem, s in figures:
    print(f"  {how:12} {stem:36} {s:.4f}")
finish()
