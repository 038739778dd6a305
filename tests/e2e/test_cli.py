"""The command line: subcommands, help, version, exit statuses."""
import os
import re

from common import args, check, finish, pdftotext, run

a = args()
v = a.vanban

r = run([v, "--version"])
check(r.returncode == 0 and r.stdout.startswith("vanban "), "--version prints the version")
r = run([v, "--help"])
check(r.returncode == 0 and "render FILE.xml" in r.stdout and "exit status: 0 success" in r.stdout, "--help lists the commands")
# Every subcommand's help comes from its declarations: each option it takes is listed.
options = {"check": ["--strict", "--templates", "--fonts"],
           "render": ["-o,--output", "--format", "--no-signature-fields", "--real-time", "--templates", "--fonts"],
           "build": ["-o,--output", "-j,--jobs", "--watch", "--format", "--no-signature-fields", "--templates", "--fonts"],
           "new": ["--templates"], "templates": ["--templates"]}
for sub, opts in options.items():
    r = run([v, sub, "--help"])
    check(r.returncode == 0 and r.stdout.startswith(f"usage: vanban {sub}") and all(o in r.stdout for o in opts),
          f"{sub} --help lists {', '.join(opts)}")
    r2 = run([v, "help", sub])
    check(r2.returncode == 0 and r2.stdout == r.stdout, f"vanban help {sub} is {sub} --help")

# Options a subcommand does not declare, or that mean nothing together, are refused with exit 2.
for bad, what in [(["render", "--watch", "-j", "3", "x.xml"], "The following arguments were not expected"),
                  (["render", "--strict", "x.xml"], "not expected"),
                  (["check", "-o", "out", "x.xml"], "not expected"),
                  (["templates", "extra"], "not expected"),
                  (["build", "-j", "0"], "--jobs"),
                  (["build", "-j", "many"], "--jobs"),
                  (["build", "data", "-o", ""], "--output: give a folder name"),
                  (["render", "x.xml", "--output="], "--output"),
                  (["render", "--format", "docx", "--no-signature-fields", "x.xml"], "applies to the PDF only"),
                  (["render", "x.xml", "--templates"], "--templates"),
                  (["new"], "KIND is required")]:
    r = run([v, *bad])
    check(r.returncode == 2 and what in r.stderr and r.stdout == "", f"vanban {' '.join(bad)}: exit 2, '{what}'")
check(not os.path.exists("/.vanban-manifest") or os.path.getmtime("/.vanban-manifest") < __import__("time").time() - 60,
      "build -o '' wrote no manifest to /")
r = run([v])
check(r.returncode == 2, "no command: exit 2")
r = run([v, "frobnicate"])
check(r.returncode == 2 and "unknown command 'frobnicate'" in r.stderr, "unknown command: exit 2")
r = run([v, "render", "--format", "odt", "x.xml"])
check(r.returncode == 2 and "unknown format 'odt'" in r.stderr, "bad --format: exit 2")
r = run([v, "check"])
check(r.returncode == 2, "check without files: exit 2")
r = run([v, "templates"])
check(r.returncode == 0 and "ke-hoach" in r.stdout and "giao-uoc" in r.stdout, "templates lists the kinds")
r = run([v, "check", *__import__("common").samples(a.source)])
check(r.returncode == 0 and r.stdout == "" and r.stderr == "", "check on the samples prints nothing, exit 0")
import os
# Every kind of the decree (and the covenant): a skeleton that passes
# check --strict and renders in both formats with its tên loại.
import glob
import zipfile
kinds = sorted(os.path.basename(p)[:-5] for p in glob.glob(os.path.join(a.source, "templates", "*.toml"))
               if not p.endswith("calendar.toml"))
check(len(kinds) == 30, f"30 kinds in templates/ ({len(kinds)})")
r = run([v, "templates"])
check(all(k in r.stdout for k in kinds), "templates lists every kind")
for kind in kinds:
    r = run([v, "new", kind])
    check(r.returncode == 0 and "<document kind=\"" + kind + "\"" in r.stdout and "<!--" in r.stdout, f"new {kind} prints a commented file")
    path = os.path.join(a.work, f"new-{kind}.xml")
    open(path, "w", encoding="utf-8").write(r.stdout)
    r = run([v, "check", "--strict", path])
    check(r.returncode == 0 and r.stderr == "", f"new {kind}: the file is valid and draws no warning {r.stderr.strip()[:160]}")
    r = run([v, "render", path, "-o", a.work])
    check(r.returncode == 0, f"new {kind}: renders")
    toml = open(os.path.join(a.source, "templates", kind + ".toml"), encoding="utf-8").read()
    title = re.search(r'^title = "([^"]*)"', toml, re.M).group(1).replace("{year}", "")
    if kind == "cong-van":
        title = "V/v"  # a công văn has no tên loại: its trích yếu is under the number
    pdf = pdftotext(os.path.join(a.work, f"new-{kind}.pdf"))
    docx = zipfile.ZipFile(os.path.join(a.work, f"new-{kind}.docx")).read("word/document.xml").decode()
    check(title.strip() in pdf and title.strip() in docx, f"new {kind}: PDF and DOCX show '{title.strip()}'")
# --output=DIR, -oDIR and -o DIR all work.
one = __import__("common").samples(a.source)[0]
stem = os.path.splitext(os.path.basename(one))[0]
for form in (["--output=" + os.path.join(a.work, "eq")], ["-o" + os.path.join(a.work, "glued")], ["-o", os.path.join(a.work, "sep")]):
    r = run([v, "render", one, *form, "--format", "docx"])
    d = form[-1].split("=", 1)[-1] if form[0].startswith("--") else (form[0][2:] if len(form) == 1 else form[1])
    check(r.returncode == 0 and os.path.exists(os.path.join(d, stem + ".docx")), f"render {' '.join(form)} writes there")
# Two inputs with one base name would overwrite each other's outputs: refused before anything is written.
twin = os.path.join(a.work, "twin")
os.makedirs(twin)
twin_file = os.path.join(twin, os.path.basename(one))
open(twin_file, "w", encoding="utf-8").write(open(one, encoding="utf-8").read())
r = run([v, "render", one, twin_file, "-o", os.path.join(a.work, "twins")])
check(r.returncode == 2 and "would both write" in r.stderr and one in r.stderr and twin_file in r.stderr,
      f"two inputs with one base name: exit 2 naming both ({r.stderr.strip()[:120]})")
check(not os.path.exists(os.path.join(a.work, "twins")), "two inputs with one base name: nothing written")
# A missing input file is an I/O error.
r = run([v, "render", os.path.join(a.work, "nope.xml"), "-o", a.work])
check(r.returncode == 3 and "nope.xml: error: cannot read the file: No such file or directory" in r.stderr, "a missing input: exit 3")
r = run([v, "check", os.path.join(a.work, "nope.xml")])
check(r.returncode == 3, "check of a missing input: exit 3")
# --real-time stamps the DOCX core properties too (not the header's date).
import time
import zipfile
rt = os.path.join(a.work, "realtime")
r = run([v, "render", one, "-o", rt, "--real-time"])
core = zipfile.ZipFile(os.path.join(rt, stem + ".docx")).read("docProps/core.xml").decode()
year = time.strftime("%Y", time.gmtime())
check(r.returncode == 0 and f'<dcterms:created xsi:type="dcterms:W3CDTF">{year}-' in core and
      f'<dcterms:modified xsi:type="dcterms:W3CDTF">{year}-' in core, "--real-time stamps the DOCX's core.xml with today")
stamp = re.search(r"<dcterms:created[^>]*>([^<]+)<", core)
info = run(["pdfinfo", "-isodates", os.path.join(rt, stem + ".pdf")]).stdout
pdf_stamp = re.search(r"CreationDate:\s+(\S+)", info)
check(stamp and pdf_stamp and pdf_stamp.group(1) == stamp.group(1),
      f"… and the PDF with the same second ({stamp and stamp.group(1)} / {pdf_stamp and pdf_stamp.group(1)})")

r = run([v, "new", "quyet-dinh-x"])
check(r.returncode == 2 and "unknown document kind 'quyet-dinh-x'" in r.stderr, "new with an unknown kind: exit 2")
bad = os.path.join(a.work, "warn.xml")
open(bad, "w", encoding="utf-8").write(open(os.path.join(a.work, "new-ke-hoach.xml"), encoding="utf-8").read().replace("<code>KH-SNV</code>", "<code>QĐ-SNV</code>"))
r = run([v, "check", bad])
check(r.returncode == 0 and re.search(r"warn\.xml:\d+:\d+: warning: ký hiệu 'QĐ-SNV'", r.stderr), "a warning does not fail check")
r = run([v, "check", "--strict", bad])
check(r.returncode == 1 and "error: ký hiệu 'QĐ-SNV'" in r.stderr, "--strict makes it an error")
finish()
