"""Fonts as a user meets them: `vanban fonts`; Times New Roman taken when
fontconfig has the real family; OpenType CFF (.otf) and collection (.ttc)
faces a user points to (made here from Liberation Serif with FontForge);
fonts refused with a clear message before anything is written; characters
the faces lack drawn from the fallback face in both outputs (LibreOffice
measures them in the same face); characters no face has reported by
`check` with their place."""
import os
import re
import shutil
import subprocess
import zipfile

from common import args, check, finish, pdftotext, run

a = args()
good = open(os.path.join(a.source, "tests", "bad", "good.xml"), encoding="utf-8").read()
LIB = "/usr/share/fonts/truetype/liberation2/"
FACES = ["Regular", "Bold", "Italic", "BoldItalic"]
FLAGS = ["--font-regular", "--font-bold", "--font-italic", "--font-bold-italic"]


def write(name, text):
    p = os.path.join(a.work, name)
    with open(p, "w", encoding="utf-8") as f:
        f.write(text)
    return p


def pdffonts(pdf):
    return [re.sub(r"\s+", " ", l) for l in run(["pdffonts", pdf]).stdout.splitlines()[2:]]


def font_args(files):
    return [x for pair in zip(FLAGS, files) for x in pair]


# A plan with more text than good.xml, so that line breaks are tested too.
body = ("<p>Phát huy truyền thống thi đua yêu nước, khơi dậy lòng tự hào dân tộc, yêu quê hương đất nước; "
        "tinh thần đoàn kết, sáng tạo của tập thể, cá nhân; <i>phấn đấu hoàn thành</i> và <b>hoàn thành vượt mức</b> "
        "chỉ tiêu, nhiệm vụ công tác đề ra.</p>")
plan = write("plan.xml", good.replace("<p>Một đoạn văn bản.</p>", body * 3))
ref = os.path.join(a.work, "ref")
r = run([a.vanban, "render", plan, "-o", ref])
check(r.returncode == 0, f"the reference plan renders {r.stderr.strip()[:200]}")
ref_text = pdftotext(os.path.join(ref, "plan.pdf"), "-layout")

# ------------------------------------------------------------------ vanban fonts
r = run([a.vanban, "fonts"])
check(r.returncode == 0 and re.search(r"^Regular: /\S+\.ttf", r.stdout, re.M) is not None,
      f"vanban fonts names the regular face's file ({r.stdout.strip()[:200]})")
check("DOCX names the family: Times New Roman" in r.stdout, "the DOCX names Times New Roman by default")
check("fallback for characters the faces lack: DejaVu Serif" in r.stdout, "vanban fonts names the fallback face")

# ------------------------------------------------------------------ fonts made with FontForge
ff = shutil.which("fontforge")
check(ff is not None, "FontForge is installed (scripts/setup.sh: fontforge-nox)")
fdir = os.path.join(a.work, "fonts")
tnr = os.path.join(a.work, "xdg", "fonts")
os.makedirs(fdir)
os.makedirs(tnr)
script = f"""
import fontforge
faces = {FACES!r}
fonts = [fontforge.open("{LIB}LiberationSerif-" + f + ".ttf") for f in faces]
for face, f in zip(faces, fonts):
    f.generate("{fdir}/serif-" + face + ".otf")          # CFF outlines
fonts[0].generateTtc("{fdir}/serif.ttc", tuple(fonts[1:]), layer=fonts[0].activeLayer)
# A stand-in "Times New Roman", to see fontconfig's real family taken.
for face, f in zip(faces, fonts):
    f.familyname = "Times New Roman"
    f.fullname = "Times New Roman " + face
    f.fontname = "TimesNewRoman-" + face
    f.appendSFNTName("English (US)", "Family", "Times New Roman")
    f.generate("{tnr}/times-" + face + ".ttf")
"""
if ff:
    r = run([ff, "-lang=py", "-script", "-"], input=script, timeout=300)
    check(r.returncode == 0, f"FontForge made the test fonts ({r.stderr.strip()[-200:]})")

    # OpenType with CFF outlines, one file per face.
    otf = [os.path.join(fdir, f"serif-{f}.otf") for f in FACES]
    check(all(open(p, "rb").read(4) == b"OTTO" for p in otf), "the .otf files have CFF outlines (OTTO)")
    out = os.path.join(a.work, "otf")
    r = run([a.vanban, "render", plan, "-o", out, *font_args(otf)])
    check(r.returncode == 0, f"a plan renders with CFF .otf fonts {r.stderr.strip()[:200]}")
    pdf = os.path.join(out, "plan.pdf")
    fonts = pdffonts(pdf)
    check(len(fonts) >= 3 and all("CID Type 0C (OT) Identity-H yes yes yes" in l for l in fonts),
          f"pdffonts: every CFF face embedded as an OpenType subset with ToUnicode {fonts}")
    q = run(["qpdf", "--check", pdf])
    check(q.returncode == 0 and "No syntax or stream encoding errors" in q.stdout, "CFF fonts: qpdf --check is clean")
    check(pdftotext(pdf, "-layout") == ref_text, "CFF fonts: the same lines as with the TrueType originals")

    # A collection: faces chosen by index and by name.
    ttc = os.path.join(fdir, "serif.ttc")
    check(open(ttc, "rb").read(4) == b"ttcf", "the .ttc is a collection")
    sel = [ttc + "#0", ttc + "#1", ttc + "#Liberation Serif Italic", ttc + "#LiberationSerif-BoldItalic"]
    out = os.path.join(a.work, "ttc")
    r = run([a.vanban, "render", plan, "-o", out, *font_args(sel)])
    check(r.returncode == 0, f"a plan renders with faces of a .ttc {r.stderr.strip()[:200]}")
    pdf = os.path.join(out, "plan.pdf")
    fonts = pdffonts(pdf)
    check(len(fonts) >= 3 and all("CID TrueType Identity-H yes yes yes" in l for l in fonts),
          f"pdffonts: collection faces embedded as subsets with ToUnicode {fonts}")
    check(any("+LiberationSerif-Italic " in l for l in fonts), "the face chosen by name is the italic")
    check(pdftotext(pdf, "-layout") == ref_text, ".ttc faces: the same lines as with the separate files")
    r = run([a.vanban, "render", plan, "-o", os.path.join(a.work, "bad"), *font_args([ttc + "#7"] * 4)])
    check(r.returncode == 3 and "serif.ttc: error: the font file has 4 face(s); there is no face 7" in r.stderr,
          f"a face index past the collection is refused ({r.stderr.strip()[:160]})")

    # Times New Roman when fontconfig really has it (a private font folder).
    env = {"XDG_DATA_HOME": os.path.join(a.work, "xdg"), "XDG_CACHE_HOME": os.path.join(a.work, "xdg-cache")}
    r = run([a.vanban, "fonts"], env=env)
    check("fonts: Times New Roman, found by fontconfig" in r.stdout and "times-Regular.ttf" in r.stdout,
          f"an installed Times New Roman is chosen ({r.stdout.strip()[:200]})")
    out = os.path.join(a.work, "tnr")
    r = run([a.vanban, "render", plan, "-o", out], env=env)
    fonts = pdffonts(os.path.join(out, "plan.pdf"))
    check(r.returncode == 0 and fonts and all("+TimesNewRoman-" in l for l in fonts),
          f"the PDF embeds Times New Roman {fonts}")

# ------------------------------------------------------------------ fonts refused before anything is written
seed = os.path.join(a.work, "refused")
os.makedirs(seed)
for ext in (".docx", ".pdf"):
    open(os.path.join(seed, "plan" + ext), "wb").write(b"previous")
woff = write("font.woff", "wOFF0000 not an sfnt")
cases = [
    (font_args([woff] * 4), r"font\.woff: error: not a TrueType or OpenType font file"),
    (["--font-regular", LIB + "LiberationSerif-Regular.ttf"], r"error: no font file is given for the Bold face \(give all four"),
    (["--font-family", "No Such Family"], r"No Such Family: error: fontconfig finds no font of the family 'No Such Family'"),
    (font_args(["/nonexistent/x.ttf"] * 4), r"/nonexistent/x\.ttf: error: font file not found"),
]
for extra, pattern in cases:
    r = run([a.vanban, "render", plan, "-o", seed, *extra])
    check(r.returncode == 3 and re.search(pattern, r.stderr) is not None,
          f"refused with exit 3: {' '.join(extra)[:60]} ({r.stderr.strip()[:160]})")
check(all(open(os.path.join(seed, "plan" + e), "rb").read() == b"previous" for e in (".docx", ".pdf")),
      "refused fonts: the previous outputs are untouched")

# --font-family: the family's own files; the DOCX names that family.
out = os.path.join(a.work, "family")
r = run([a.vanban, "render", plan, "-o", out, "--font-family", "Liberation Serif"])
check(r.returncode == 0, f"--font-family 'Liberation Serif' renders {r.stderr.strip()[:160]}")
if r.returncode == 0:
    check(open(os.path.join(out, "plan.pdf"), "rb").read() == open(os.path.join(ref, "plan.pdf"), "rb").read(),
          "--font-family Liberation Serif: the same PDF bytes as the default")
    styles = zipfile.ZipFile(os.path.join(out, "plan.docx")).read("word/styles.xml").decode()
    check('w:ascii="Liberation Serif"' in styles, "the DOCX names the chosen family")

# ------------------------------------------------------------------ the fallback face
text = "Với mọi ∀x ⊕ y, ta đặt 𝑥 = 1."
fb = write("fallback.xml", good.replace("<p>Một đoạn văn bản.</p>", body.replace("chỉ tiêu,", "chỉ tiêu " + text)))
out = os.path.join(a.work, "fb")
r = run([a.vanban, "render", fb, "-o", out])
check(r.returncode == 0 and r.stderr == "", f"a plan with characters Liberation Serif lacks renders {r.stderr.strip()[:160]}")
pdf = os.path.join(out, "fallback.pdf")
fonts = pdffonts(pdf)
check(any(re.match(r"^[A-Z]{6}\+DejaVuSerif CID TrueType Identity-H yes yes yes", l) for l in fonts),
      f"pdffonts: the fallback face embedded, subset, with ToUnicode {fonts}")
ours = re.sub(r"\s+", " ", pdftotext(pdf))
check(text in ours, "pdftotext: the fallback characters are all there, in order")
doc = zipfile.ZipFile(os.path.join(out, "fallback.docx")).read("word/document.xml").decode()
runs = re.findall(r'<w:r><w:rPr><w:rFonts w:ascii="DejaVu Serif"[^>]*/></w:rPr><w:t[^>]*>([^<]*)</w:t>', doc)
check(runs == ["∀", "⊕", "𝑥"], f"DOCX: each fallback character in its own run naming DejaVu Serif ({runs})")
soffice = shutil.which("soffice") or shutil.which("libreoffice")
if soffice:
    lo = os.path.join(a.work, "lo")
    profile = "file://" + os.path.join(a.work, "lo-profile")
    r = run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
             "--outdir", lo, os.path.join(out, "fallback.docx")], timeout=300)
    lo_pdf = os.path.join(lo, "fallback.pdf")
    if check(os.path.exists(lo_pdf), "LibreOffice converts the fallback DOCX"):
        check(any("+DejaVuSerif " in l for l in pdffonts(lo_pdf)), "LibreOffice draws them in DejaVu Serif too")

        def lines(p):
            return [re.sub(r"\s+", " ", l).strip() for l in pdftotext(p, "-layout").splitlines() if l.strip()]
        check(lines(lo_pdf) == lines(pdf), "LibreOffice breaks the lines as our PDF does")

# ------------------------------------------------------------------ a character no face has
cjk = write("cjk.xml", good.replace("<p>Một đoạn văn bản.</p>", "<p>Một đoạn văn bản.</p><p>Chữ 中 không có.</p>"))
r = run([a.vanban, "check", cjk])
check(r.returncode == 1 and re.search(r"cjk\.xml:5:\d+: error: no font has the character U\+4E2D '中'", r.stderr),
      f"check reports a character no face has, with its place ({r.stderr.strip()[:200]})")
r = run([a.vanban, "render", cjk, "-o", os.path.join(a.work, "cjk")])
check(r.returncode == 1 and not os.path.exists(os.path.join(a.work, "cjk", "cjk.pdf")),
      "render refuses it too, and writes nothing")
finish()
