"""vanban import reads what LibreOffice writes: DOCX converted from plain text
(each line a paragraph, blank lines empty paragraphs, tab-aligned lists) and
from an ODT document (here made by pandoc), with the words and the structure
of the text they came from; and vanban's own DOCX, opened and saved again in
LibreOffice (which renames the styles), imports as the original does."""
import os
import re
import shutil

from common import args, check, finish, run, samples, importable_samples
from import_measure import TEXTS, import_and_measure, source_words

a = args()
texts = os.path.join(a.source, "tests", "e2e", "import")
src_dir = os.path.join(a.work, "src")
os.makedirs(src_dir)


def plain(markdown):
    """The text as a copy without Markdown gives it: stars gone, table rows
    as tab-separated lines."""
    out = []
    for line in markdown.splitlines():
        if "|" in line and "-" in line and re.fullmatch(r"[\s|:\-]+", line):
            continue
        if "|" in line:
            line = "\t".join(c.strip() for c in line.strip().strip("|").split("|"))
        line = re.sub(r"^\*\*\* ", "* ", line).replace("**", "")
        line = re.sub(r"(?<!\S)\*(\S[^*]*?)\*", r"\1", line)
        out.append(line.rstrip())
    return "\n".join(out) + "\n"


inputs = []
for stem in TEXTS:
    md = open(os.path.join(texts, stem + ".txt"), encoding="utf-8").read()
    txt = os.path.join(src_dir, f"text-{stem}.txt")
    open(txt, "w", encoding="utf-8").write(plain(md))
    # pandoc reads "- | | |" (a table's empty header row) as a list holding
    # the table, which LibreOffice then drops: give it the header row as a table's.
    fixed = os.path.join(src_dir, f"{stem}.md")
    open(fixed, "w", encoding="utf-8").write(re.sub(r"(?m)^- \| \| \|$", "| | |", md))
    odt = os.path.join(src_dir, f"odt-{stem}.odt")
    r = run(["pandoc", "-f", "markdown-smart", "-t", "odt", fixed, "-o", odt])
    check(r.returncode == 0, f"pandoc made {os.path.basename(odt)}")
    inputs += [txt, odt]

ours = os.path.join(a.work, "ours")
r = run([a.vanban, "render", *importable_samples(a.source), "-o", ours, "--format", "docx"])
check(r.returncode == 0, "render the samples' DOCX")
inputs += sorted(os.path.join(ours, f) for f in os.listdir(ours) if f.endswith(".docx"))

soffice = shutil.which("soffice") or shutil.which("libreoffice")
check(soffice is not None, "LibreOffice is installed")
out = os.path.join(a.work, "docx")
profile = "file://" + os.path.join(a.work, "profile")
r = run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}", "--convert-to", "docx",
         "--outdir", out, *inputs], timeout=600)
check(r.returncode == 0, f"soffice converts the texts and the ODT files ({r.stderr.strip()[:200]})")

figures = []
for stem, expect in TEXTS.items():
    ref = source_words(open(os.path.join(texts, stem + ".txt"), encoding="utf-8").read())
    for how in ["text", "odt"]:
        docx = os.path.join(out, f"{how}-{stem}.docx")
        if not check(os.path.exists(docx), f"LibreOffice wrote {os.path.basename(docx)}"):
            continue
        work = os.path.join(a.work, how)
        os.makedirs(work, exist_ok=True)
        s = import_and_measure(a.vanban, docx, ref, work, f"LibreOffice from {how}: {stem}", expect,
                               ["section", "items", "phase", "table", "party"])
        figures.append((f"lo-{how}", stem, s))

# Saved again by LibreOffice: the same data as from vanban's own DOCX.
for xml in importable_samples(a.source):
    stem = os.path.splitext(os.path.basename(xml))[0]
    results = []
    for d in [ours, out]:
        r = run([a.vanban, "import", os.path.join(d, stem + ".docx")])
        results.append("\n".join(l for l in r.stdout.splitlines()[4:]))  # after the preamble comment
        check(r.returncode == 0, f"{stem}: imports from {os.path.basename(d)}")
    check(results[0] == results[1] and results[0], f"{stem}: saved again by LibreOffice, it imports the same")

print("\nsimilarity (rendered import vs source words):")
for how, stem, s in figures:
    print(f"  {how:12} {stem:36} {s:.4f}")
finish()
