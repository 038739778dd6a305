"""Covenants and signed-ready forms: one block and one unsigned signature
field per party, at the signing room, never overlapping; every signature
variant of ND30 prints its lines in order; the fields change no text."""
import os
import re
import shutil
import subprocess
import zipfile

from common import args, check, finish, pdftotext, run

a = args()
out = os.path.join(a.work, "out")
os.makedirs(out)


def fields(pdf):
    """(name, page, x0, y0, x1, y1) of each signature field, PDF coordinates."""
    q = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"], capture_output=True).stdout.decode("latin1")
    pages = [m.start() for m in re.finditer(r"/Type /Page\b(?!s)", q)]
    res = []
    for obj in re.split(r"\n\d+ 0 obj\n", q):
        if "/FT /Sig" not in obj:
            continue
        rect = [float(x) for x in re.search(r"/Rect \[\s*([^\]]*)\]", obj).group(1).split()]
        name = re.search(r"/T (<[0-9a-fA-F]+>|\([^)]*\))", obj).group(1)
        if name.startswith("<"):
            name = bytes.fromhex(name[1:-1])[2:].decode("utf-16-be")
        res.append((name, rect))
    return res


def overlap(r1, r2):
    return not (r1[2] <= r2[0] or r2[2] <= r1[0] or r1[3] <= r2[1] or r2[3] <= r1[1])


def sig_count(pdf):
    r = run(["pdfsig", pdf])
    return len(re.findall(r"^Signature #\d+:", r.stdout, re.M)), r.stdout


seed = os.path.join(a.source, "data", "giao-uoc-khoi-vhxh2-2024.xml")
r = run([a.vanban, "render", seed, "-o", out])
check(r.returncode == 0, "render the seed 003 covenant")
pdf = os.path.join(out, "giao-uoc-khoi-vhxh2-2024.pdf")
n, listing = sig_count(pdf)
check(n == 5, f"pdfsig lists 5 signature fields ({n})")
check("The signature form field is not signed" in listing, "the fields are unsigned")
f5 = fields(pdf)
check([x[0] for x in f5] == ["Đại diện Sở Ngoại vụ", "Đại diện Bảo hiểm xã hội tỉnh",
                             "Đại diện Sở Văn hóa, Thể thao và Du lịch", "Đại diện Sở Y tế",
                             "Đại diện Sở Lao động - Thương binh và Xã hội"], "fields are named after the units")
text = pdftotext(pdf)
flat = re.sub(r"\s+", " ", text)
for u in ["ĐẠI DIỆN SỞ NGOẠI VỤ", "BẢO HIỂM XÃ HỘI TỈNH", "ĐẠI DIỆN SỞ Y TẾ"]:
    check(u in flat, f"block '{u}'")
check(text.index("ĐẠI DIỆN SỞ NGOẠI VỤ") < text.index("ĐẠI DIỆN SỞ Y TẾ"), "blocks in the parties' order")
check("BẢN GIAO ƯỚC THI ĐUA NĂM 2024" in text, "covenant title with its year")
check(re.search(r"đại diện lãnh đạo 05 cơ quan thành viên", re.sub(r"\s+", " ", text)) is not None, "the generated count sentence")
# The odd fifth block is centred between the margins (85.04 … 552.76).
x0, _, x1, _ = f5[4][1]
check(abs((x0 + x1) / 2 - (85.04 + 552.76) / 2) < 2, f"the odd last block is centred ({(x0 + x1) / 2:.1f})")
# Fields sit below their block's title: on the signing room, not over text.
bbox = run(["pdftotext", "-bbox", pdf, "-"]).stdout
words = [(float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)), m.group(5)) for m in
         re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', bbox)]

# Same text, same places, with and without the fields.
r = run([a.vanban, "render", seed, "-o", os.path.join(a.work, "nofields"), "--no-signature-fields"])
nf = os.path.join(a.work, "nofields", "giao-uoc-khoi-vhxh2-2024.pdf")
check(sig_count(nf)[0] == 0, "--no-signature-fields: no field")
check(run(["pdftotext", "-bbox", nf, "-"]).stdout == bbox, "the fields change neither text nor positions")


def covenant(n, name):
    units = ["Sở Nội vụ", "Sở Tài chính", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Văn hóa, Thể thao và Du lịch",
             "Bảo hiểm xã hội tỉnh", "Sở Lao động - Thương binh và Xã hội", "Sở Ngoại vụ", "Sở Tư pháp",
             "Sở Kế hoạch và Đầu tư", "Sở Khoa học và Công nghệ", "Sở Thông tin và Truyền thông"]
    parties = "".join(f"<party><unit>{units[i]}</unit><name>Người Ký {i + 1}</name></party>" for i in range(n))
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<document kind="giao-uoc" year="2024"><header><agency>KHỐI THI ĐUA</agency><place>Bắc Giang</place><date month="5"/></header>
<subject>Khối thi đua số {n}</subject><opening><p>Đại diện <party-count/> cơ quan gồm: <party-list/>.</p></opening>
<body><numbered><item>Cam kết thi đua.</item></numbered></body><closing><p>Trên đây là Bản giao ước./.</p></closing>
<parties>{parties}</parties></document>"""
    p = os.path.join(a.work, name + ".xml")
    open(p, "w", encoding="utf-8").write(xml)
    return p


three = os.path.join(a.work, "templates3")
shutil.copytree(os.path.join(a.source, "templates"), three)
tp = os.path.join(three, "giao-uoc.toml")
conf = open(tp, encoding="utf-8").read().replace("signature_columns = 2", "signature_columns = 3")
open(tp, "w", encoding="utf-8").write(conf)
for n in (2, 3, 7, 12):
    for cols, extra in ((2, []), (3, ["--templates", three])):
        name = f"cov{n}x{cols}"
        r = run([a.vanban, "render", covenant(n, name), "-o", out, *extra])
        pdf = os.path.join(out, name + ".pdf")
        if not check(r.returncode == 0, f"{n} parties, {cols} columns: renders {r.stderr.strip()[:100]}"):
            continue
        fl = fields(pdf)
        check(len(fl) == n, f"{n} parties, {cols} columns: {len(fl)} fields")
        t = re.sub(r"\s+", " ", pdftotext(pdf))
        check(all(f"Người Ký {i + 1}" in t for i in range(n)), f"{n} parties, {cols} columns: every name printed")
        bad = [(i, j) for i in range(len(fl)) for j in range(i + 1, len(fl))
               if fl[i][1] and fl[j][1] and overlap(fl[i][1], fl[j][1]) and
               abs(fl[i][1][1] - fl[j][1][1]) < 1e-6]
        check(not bad, f"{n} parties, {cols} columns: no two fields overlap")
        widths = {round(f[1][2] - f[1][0]) for f in fl}
        check(max(widths) < (552.76 - 85.04) / cols + 1, f"{n} parties, {cols} columns: blocks fit their column")

# Every ND30 signature variant, lines in order.
variants = [
    ("TM.", "Ủy ban nhân dân", "Chủ tịch", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ("KT.", "Giám đốc", "Phó Giám đốc", ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
    ("TL.", "Chủ tịch", "Chánh Văn phòng", ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
    ("TUQ.", "Giám đốc", "Trưởng phòng Tổ chức", ["TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG TỔ CHỨC"]),
    ("Q.", "Giám đốc", "", ["Q. GIÁM ĐỐC"]),
    ("", "Trưởng khối", "Giám đốc Sở Ngoại vụ", ["TRƯỞNG KHỐI", "GIÁM ĐỐC SỞ NGOẠI VỤ"]),
]
good = open(os.path.join(a.source, "tests", "bad", "good.xml"), encoding="utf-8").read()
for prefix, auth, title, lines in variants:
    sig = (f'<signature{" prefix=" + chr(34) + prefix + chr(34) if prefix else ""}><authority>{auth}</authority>'
           + (f"<title>{title}</title>" if title else "") + "<name>Trần Văn Bình</name></signature>")
    xml = re.sub(r"<signature>.*</signature>", sig, good, flags=re.S)
    p = os.path.join(a.work, f"sig-{prefix or 'none'}.xml")
    open(p, "w", encoding="utf-8").write(xml)
    r = run([a.vanban, "render", p, "-o", out, "--format", "pdf"])
    t = pdftotext(os.path.join(out, f"sig-{prefix or 'none'}.pdf"), "-raw")
    pos = [t.find(l) for l in lines + ["Trần Văn Bình"]]
    check(r.returncode == 0 and all(x >= 0 for x in pos) and pos == sorted(pos),
          f"signature {prefix or '(bloc head)'}: {' / '.join(lines)} / name, in order")


# Signature and seal images (electronic documents): transparent PNGs, kept transparent.
def png(path, w, h, rgba):
    import struct
    import zlib
    raw = b"".join(b"\0" + b"".join(bytes(rgba(x, y)) for x in range(w)) for y in range(h))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)) +
                           chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


imgdir = os.path.join(a.work, "img")
os.makedirs(imgdir)
png(os.path.join(imgdir, "chu-ky.png"), 120, 50, lambda x, y: (20, 20, 160, 255 if abs(y - 25 - (x % 20) + 10) < 3 else 0))
png(os.path.join(imgdir, "dau.png"), 80, 80, lambda x, y: (200, 0, 0, 200 if 30 < ((x - 40) ** 2 + (y - 40) ** 2) ** 0.5 < 38 else 0))
xml = re.sub(r"<signature>.*</signature>", '<signature prefix="KT."><authority>Giám đốc</authority><title>Phó Giám đốc</title>'
             '<name>Trần Văn Bình</name><image src="chu-ky.png"/><seal src="dau.png"/></signature>', good, flags=re.S)
p = os.path.join(imgdir, "signed.xml")
open(p, "w", encoding="utf-8").write(xml)
r = run([a.vanban, "render", p, "-o", imgdir])
check(r.returncode == 0, f"a plan with signature and seal images renders {r.stderr.strip()[:120]}")
lst = run(["pdfimages", "-list", os.path.join(imgdir, "signed.pdf")]).stdout
check(lst.count(" smask ") >= 2 and len(re.findall(r"^\s+\d+\s+\d+\s+image\s", lst, re.M)) >= 2,
      "PDF: both images embedded with their transparency (smask)")
with zipfile.ZipFile(os.path.join(imgdir, "signed.docx")) as z:
    media = [n for n in z.namelist() if n.startswith("word/media/") and n.endswith(".png")]
check(len(media) == 2, f"DOCX: both images in word/media ({media})")
bad_src = xml.replace('src="dau.png"', 'src="../../etc/passwd"')
open(p, "w", encoding="utf-8").write(bad_src)
r = run([a.vanban, "render", p, "-o", imgdir])
check(r.returncode == 1 and "leaves the data file's folder" in r.stderr, "an image path outside the data folder is refused")
finish()
