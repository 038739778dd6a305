"""LibreOffice opens every DOCX we write, without repair, and prints the
same text and page count as our own PDF."""
import glob
import os
import re
import shutil

from common import args, check, finish, page_count, pdftotext, run, samples

a = args()
out = os.path.join(a.work, "out")
lo = os.path.join(a.work, "lo")
os.makedirs(lo)
# The samples, and the layout test cases (parts, nested lists, long tables,
# footnotes in cells, line breaks around slashes and hyphens).
cases = sorted(glob.glob(os.path.join(a.source, "tests", "e2e", "cases", "*.xml")))
files = samples(a.source) + cases
r = run([a.vanban, "render", *files, "-o", out])
check(r.returncode == 0, "render the samples")
docx = sorted(glob.glob(os.path.join(out, "*.docx")))
soffice = shutil.which("soffice") or shutil.which("libreoffice")
check(soffice is not None, "LibreOffice is installed")
profile = "file://" + os.path.join(a.work, "profile")
r = run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
         "--outdir", lo, *docx], timeout=600)
check(r.returncode == 0, f"soffice exits 0 ({r.stderr.strip()[:200]})")
check("Error" not in r.stderr and "rror:" not in r.stdout, "soffice reports no error")

for d in docx:
    stem = os.path.splitext(os.path.basename(d))[0]
    lo_pdf = os.path.join(lo, stem + ".pdf")
    ours = os.path.join(out, stem + ".pdf")
    if not os.path.exists(lo_pdf):
        check(False, f"{stem}: LibreOffice converted the DOCX")
        continue
    text = pdftotext(lo_pdf)
    for s in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]:
        check(s in text, f"{stem}: LibreOffice shows '{s}'")
    flat = re.sub(r"\s+", " ", text)
    ours_text = re.sub(r"\s+", " ", pdftotext(ours))
    # Labels, recipients and signer as our PDF has them must be in LibreOffice's too.
    for label in re.findall(r"(?:^| )((?:[IVX]+|\d+(?:\.\d+)*)\.) [A-ZĐÂĂÊÔƠƯ]", ours_text)[:40]:
        if label not in flat:
            check(False, f"{stem}: label {label} in LibreOffice's rendering")
            break
    else:
        check(True, f"{stem}: numbering labels present in LibreOffice's rendering")
    if "Nơi nhận:" in ours_text:
        check("Nơi nhận:" in flat and "- Lưu: VT" in flat, f"{stem}: recipients in LibreOffice's rendering")
    lo_pages, our_pages = page_count(lo_pdf), page_count(ours)
    check(lo_pages == our_pages, f"{stem}: page count LibreOffice {lo_pages} = ours {our_pages}")

# Line-for-line fidelity (the PDF issue): our PDF against LibreOffice's, on
# the samples (≥ 99 %) and on the layout test cases (≥ 95 %: the stress case's
# table rows carry footnotes at page ends, where LibreOffice sometimes keeps a
# row and moves all its notes on, sometimes moves the row).
fid = os.path.join(a.source, "tests", "e2e", "fidelity.py")
if os.path.exists(fid):
    sample_stems = {os.path.splitext(os.path.basename(s))[0] for s in samples(a.source)}
    for which, minimum in (("samples", "99"), ("cases", "95")):
        pairs = []
        for d in docx:
            stem = os.path.splitext(os.path.basename(d))[0]
            if (stem in sample_stems) == (which == "samples"):
                pairs += [d, os.path.join(out, stem + ".pdf")]
        r = run(["python3", fid, "--min", minimum, *pairs], timeout=300)
        print(r.stdout[-4000:])
        check(r.returncode == 0, f"fidelity: ≥ {minimum}% of lines identical on every one of the {which}")
finish()
