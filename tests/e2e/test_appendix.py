"""Appendices and tables: a landscape Phụ lục grouped by quarter, numbered on
its own, with its header row repeated and the Kèm theo line generated from the
main header (filled and blank)."""
import os
import re
import shutil
import zipfile

from common import args, check, finish, page_count, pdftotext, run

a = args()
src = os.path.join(a.source, "data", "ke-hoach-ubnd-xa-phu-luc-2025.xml")
out = os.path.join(a.work, "out")
r = run([a.vanban, "render", src, "-o", out])
check(r.returncode == 0, "render the appendix sample")
pdf = os.path.join(out, "ke-hoach-ubnd-xa-phu-luc-2025.pdf")
n = page_count(pdf)
info = run(["pdfinfo", "-f", "1", "-l", str(n), pdf]).stdout
sizes = [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]
land = [i + 1 for i, (w, h) in enumerate(sizes) if w > h]
check(len(land) >= 2 and land == list(range(land[0], n + 1)), f"the appendix is landscape, from page {land[:1]} to the end")
check(all(abs(w - 841.9) < 1 and abs(h - 595.3) < 1 for w, h in (sizes[i - 1] for i in land)), "landscape A4 (297 × 210 mm)")
first = land[0]
p1 = pdftotext(pdf, "-layout", "-f", str(first), "-l", str(first))
lines = [l.strip() for l in p1.splitlines() if l.strip()]
check(lines[0] == "Phụ lục", f"its first line is 'Phụ lục' (no page number): {lines[0]!r}")
check("DANH MỤC NHIỆM VỤ TRỌNG TÂM THỰC HIỆN PHONG TRÀO THI ĐUA NĂM 2025" in p1, "title in capitals")
check("(Kèm theo Kế hoạch số 16/KH-UBND ngày 03 tháng 02 năm 2025 của Ủy ban nhân dân xã Trí Yên)" in p1,
      "the Kèm theo line from the main header")
for pg in range(first + 1, n + 1):
    t = pdftotext(pdf, "-layout", "-f", str(pg), "-l", str(pg))
    tl = [l.strip() for l in t.splitlines() if l.strip()]
    check(tl[0] == str(pg - first + 1), f"appendix page {pg - first + 1} is numbered {pg - first + 1}")
    check(re.search(r"STT\s+Nội dung nhiệm vụ\s+Đơn vị chủ trì", t) is not None, f"page {pg}: header row repeated")
# Group numbering: I … IV, rows restarting at 1 inside each quarter.
text = pdftotext(pdf, "-layout", "-f", str(first), "-l", str(n))
groups = re.findall(r"^\s*(I|II|III|IV)\s+(Quý [IV]+)\s*$", text, re.M)
check(groups == [("I", "Quý I"), ("II", "Quý II"), ("III", "Quý III"), ("IV", "Quý IV")], f"group rows {groups}")
nums = [int(x) for x in re.findall(r"^\s{0,3}(\d{1,2})\s{2,}\S", text, re.M)]
restarts = [i for i, x in enumerate(nums) if x == 1]
check(len(restarts) == 4, f"row numbers restart at 1 in each group ({len(restarts)} restarts)")
check(all(nums[i + 1] == nums[i] + 1 for i in range(len(nums) - 1) if nums[i + 1] != 1), "rows count 1, 2, 3 … without gaps")
check(sum(1 for _ in nums) >= 20, f"at least 20 tasks ({len(nums)})")

with zipfile.ZipFile(os.path.join(out, "ke-hoach-ubnd-xa-phu-luc-2025.docx")) as z:
    doc = z.read("word/document.xml").decode()
check("<w:tblHeader" in doc, "DOCX: header row marked as repeating")
check("<w:cantSplit" in doc, "DOCX: rows do not split")
check(re.search(r'w:orient="landscape"', doc) is not None, "DOCX: a landscape section")
check(re.search(r'<w:pgNumType w:start="1"', doc) is not None, "DOCX: the appendix restarts page numbers")

# A blank number and day stay blank in the Kèm theo line.
t = open(src, encoding="utf-8").read().replace("<number>16</number>", "<number/>").replace('<date day="3" month="2"/>', '<date month="2"/>')
blank = os.path.join(a.work, "blank.xml")
shutil.copy(os.path.join(a.source, "data", "calendar.toml"), a.work)  # the province's day lives there
open(blank, "w", encoding="utf-8").write(t)
r = run([a.vanban, "render", blank, "-o", out, "--format", "pdf"])
bt = pdftotext(os.path.join(out, "blank.pdf"), "-layout")
check(re.search(r"\(Kèm theo Kế hoạch số\s+/KH-UBND ngày\s+tháng 02 năm 2025 của Ủy ban nhân dân xã Trí Yên\)", bt) is not None,
      "blank number and day stay blank in the Kèm theo line")
finish()
