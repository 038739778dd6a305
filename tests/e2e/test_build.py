"""`vanban build`: renders what changed and only that, keeps going past a
broken file without touching its old outputs, same output with -j 1 and -j 2;
and the annual workflow: moving a plan to next year changes its years and
anniversaries and nothing else."""
import os
import re
import shutil
import signal
import subprocess
import time

from common import args, check, finish, pdftotext, run, samples

a = args()
data = os.path.join(a.work, "data")
out = os.path.join(a.work, "out")
shutil.copytree(os.path.join(a.source, "data"), data)
n = len(samples(a.source))


def build(*extra, outdir=out):
    return run([a.vanban, "build", data, "-o", outdir, *extra])


def counts(r):
    m = re.search(r"build: (\d+) rendered, (\d+) skipped, (\d+) failed", r.stdout)
    return tuple(map(int, m.groups())) if m else None


r = build()
check(r.returncode == 0 and counts(r) == (n, 0, 0), f"first build renders all {n}: {r.stdout.strip()[-80:]}")
check(r.stdout.count("rendered  ") == n, "one line per document")
r = build()
check(r.returncode == 0 and counts(r) == (0, n, 0), "second build renders nothing")

xmls = sorted(f for f in os.listdir(data) if f.endswith(".xml"))
one = xmls[0]
time.sleep(0.01)
os.utime(os.path.join(data, one))
r = build()
check(counts(r) == (1, n - 1, 0) and f"rendered  {os.path.join(data, one)}" in r.stdout, "touching one file renders one")

# A broken file: the others still build, its old outputs stay byte-identical.
victim = os.path.join(data, xmls[1])
stem = os.path.splitext(os.path.basename(victim))[0]
before = {e: open(os.path.join(out, stem + e), "rb").read() for e in (".docx", ".pdf")}
text = open(victim, encoding="utf-8").read()
open(victim, "w", encoding="utf-8").write(text.replace("</header>", "</heder>", 1))
os.utime(os.path.join(data, one))
r = build()
check(r.returncode == 1, "a broken file makes the exit status non-zero")
check(counts(r) == (1, n - 2, 1), f"the others still build: {r.stdout.strip()[-80:]}")
check(re.search(re.escape(victim) + r":\d+:\d+: error: malformed XML", r.stderr) is not None, "the error names file:line:col")
check(all(open(os.path.join(out, stem + e), "rb").read() == before[e] for e in before), "its old outputs are byte-identical")
open(victim, "w", encoding="utf-8").write(text)
r = build()
check(r.returncode == 0 and counts(r) == (1, n - 1, 0), "fixing it renders just it again")

# The folder's calendar is an input of every document in it.
cal = os.path.join(data, "calendar.toml")
open(cal, "a", encoding="utf-8").write("\n[ngay-moi]\nname = \"Ngày mới\"\ndate = \"2000-01-01\"\n")
r = build()
check(counts(r) == (n, 0, 0), "editing the calendar re-renders every document")


def watch(folder, outdir, save, stop):
    """Starts build --watch, calls save() once it watches, waits for the
    rebuild, stops it with `stop`; returns (lines after 'watching', exit)."""
    w = subprocess.Popen([a.vanban, "build", folder, "-o", outdir, "--watch"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    lines, deadline = [], time.time() + 30
    while time.time() < deadline and not (lines and lines[-1].startswith("watching")):
        lines.append(w.stdout.readline())
    time.sleep(0.3)
    save()
    lines = []
    while time.time() < deadline and not (lines and lines[-1].startswith("build:")):
        lines.append(w.stdout.readline())
    w.send_signal(stop)
    try:
        return lines, w.wait(timeout=10)
    except subprocess.TimeoutExpired:
        w.kill()
        return lines, None


# --watch: rebuilds on save, stops cleanly on SIGTERM.
lines, rc = watch(data, os.path.join(a.work, "watch"), lambda: os.utime(os.path.join(data, one)), signal.SIGTERM)
check(any(l.startswith(f"rendered  {os.path.join(data, one)}") for l in lines) and
      re.match(r"build: 1 rendered", lines[-1]), f"--watch re-renders the saved file: {lines[-1:]}")
check(rc == 0, f"--watch stops cleanly on SIGTERM (exit {rc})")

# Images: found from the loaded document, however its XML is written
# (single quotes, entities); a changed image re-renders its document only,
# and --watch reacts to it.
imgs = os.path.join(a.work, "imgs")
os.makedirs(imgs)
good = open(os.path.join(a.source, "tests", "bad", "good.xml"), encoding="utf-8").read()
sig = os.path.join(imgs, "sig.png")
png = open(os.path.join(a.source, "tests", "unit", "docx", "signature.png"), "rb").read()
seal = open(os.path.join(a.source, "tests", "unit", "docx", "seal.png"), "rb").read()
open(sig, "wb").write(png)
open(os.path.join(imgs, "a.xml"), "w", encoding="utf-8").write(
    good.replace("<name>Nguyễn Văn A</name>", "<name>Nguyễn Văn A</name><image src='sig.png'/>"))
open(os.path.join(imgs, "b.xml"), "w", encoding="utf-8").write(
    good.replace("<name>Nguyễn Văn A</name>", "<name>Nguyễn Văn A</name><image src=\"s&#105;g.png\"/>"))
open(os.path.join(imgs, "c.xml"), "w", encoding="utf-8").write(good)
iout = os.path.join(a.work, "imgs-out")
r = run([a.vanban, "build", imgs, "-o", iout])
check(counts(r) == (3, 0, 0), f"image folder: first build renders 3 ({r.stderr.strip()[:120]})")
open(sig, "wb").write(seal)
r = run([a.vanban, "build", imgs, "-o", iout])
check(counts(r) == (2, 1, 0) and "skipped   " + os.path.join(imgs, "c.xml") in r.stdout,
      f"a changed image re-renders the two documents that use it (src='…' and an entity): {r.stdout.strip()[-60:]}")
r = run([a.vanban, "build", imgs, "-o", iout])
check(counts(r) == (0, 3, 0), "and then nothing")
lines, rc = watch(imgs, iout, lambda: open(sig, "wb").write(png), signal.SIGINT)
check(any(re.match(r"build: 2 rendered, 1 skipped", l) for l in lines[-1:]), f"--watch re-renders when an image is saved: {lines[-1:]}")
check(rc == 0, f"--watch stops cleanly on SIGINT (exit {rc})")
check(not [f for f in os.listdir(iout) if ".tmp-" in f], "no temporary file left")

# -j 1 and -j 2 give identical files.
o1, o2 = os.path.join(a.work, "j1"), os.path.join(a.work, "j2")
build("-j", "1", outdir=o1)
build("-j", "2", outdir=o2)
same = all(open(os.path.join(o1, f), "rb").read() == open(os.path.join(o2, f), "rb").read()
           for f in os.listdir(o1) if not f.startswith("."))
check(same, "-j 1 and -j 2 outputs are byte-identical")

# Next year's plan in one edit: the year attribute of <document>.
src = os.path.join(a.source, "data", "ke-hoach-so-ldtbxh-ha-tinh-2024.xml")
nxt = os.path.join(a.work, "next")
os.makedirs(nxt)
t = open(src, encoding="utf-8").read()
p24 = os.path.join(nxt, "y2024.xml")
p25 = os.path.join(nxt, "y2025.xml")
open(p24, "w", encoding="utf-8").write(t)
open(p25, "w", encoding="utf-8").write(t.replace('year="2024"', 'year="2025"', 1))
r = run([a.vanban, "render", p24, p25, "-o", nxt, "--format", "pdf"])
check(r.returncode == 0, "render the plan for 2024 and for 2025")
w24 = pdftotext(os.path.join(nxt, "y2024.pdf"), "-raw").split()
w25 = pdftotext(os.path.join(nxt, "y2025.pdf"), "-raw").split()
can_chi = {"Giáp", "Thìn", "Ất", "Tỵ"}


def plus_one(x, y):
    nx, ny = re.findall(r"\d+", x), re.findall(r"\d+", y)
    if not nx or len(nx) != len(ny) or re.sub(r"\d+", "#", x) != re.sub(r"\d+", "#", y):
        return False
    # Every number either stays (day/month, 1930 …) or grows by one year.
    return all(int(b) - int(a_) in (0, 1) for a_, b in zip(nx, ny))


drop = lambda ws: [w for w in ws if not w.isdigit() or len(w) > 1]  # page numbers move
w24, w25 = drop(w24), drop(w25)
check(len(w24) == len(w25), f"same number of words ({len(w24)} / {len(w25)})")
diffs = [(x, y) for x, y in zip(w24, w25) if x != y]
bad = [(x, y) for x, y in diffs if not (plus_one(x, y) or (x.strip(";,.") in can_chi and y.strip(";,.") in can_chi))]
check(not bad, f"only years and anniversaries change ({len(diffs)} words changed; others: {bad[:6]})")
t24 = " ".join(w24)
t25 = " ".join(w25)
for s24, s25 in [("Kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2024)",
                  "Kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2025)"),
                 ("134 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2024)",
                  "135 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2025)"),
                 ("77 năm Ngày Thương binh, Liệt sỹ (27/7/1947 - 27/7/2024)",
                  "78 năm Ngày Thương binh, Liệt sỹ (27/7/1947 - 27/7/2025)")]:
    check(s24 in t24, f"2024 reads '{s24[:50]}…' as seed 004 does")
    check(s25 in t25, f"2025 reads '{s25[:50]}…'")
check("Xuân Ất Tỵ" in t25 and "Xuân Giáp Thìn" in t24, "the lunar year name moves too")

# A plan issued in December for next year's days: <anniv offset="1"/> or year="…".
dec = os.path.join(a.work, "december")
os.makedirs(dec)
plan = good.replace('year="2024" month="3" day="8"', 'year="2024" month="12" day="20"').replace(
    "Một đoạn văn bản.", 'Kỷ niệm <anniv event="thanh-lap-dang" offset="1"/>; <anniv event="sinh-nhat-bac" year="2025" form="years"/> năm; '
    '<anniv event="quoc-khanh"/>.')
p = os.path.join(dec, "plan.xml")
open(p, "w", encoding="utf-8").write(plan)
r = run([a.vanban, "render", p, "-o", dec, "--format", "pdf"])
text = " ".join(pdftotext(os.path.join(dec, "plan.pdf"), "-raw").split())
check(r.returncode == 0 and "Kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2025)" in text,
      f"offset=\"1\" counts next year's anniversary ({r.stderr.strip()[:100]})")
check("135 năm" in text, "year=\"2025\" counts that year's")
check("79 năm Ngày Quốc khánh" in text and "(02/9/1945 - 02/9/2024)" in text, "without either, the document's year")
open(p, "w", encoding="utf-8").write(plan.replace('offset="1"', 'offset="1" year="2025"'))
r = run([a.vanban, "check", p])
check(r.returncode == 1 and "error: <anniv> has both year and offset" in r.stderr, "year and offset together are refused")
finish()
