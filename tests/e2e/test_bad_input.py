"""The bad-input corpus (tests/bad/cases.tsv plus generated monsters): each
case ends with the expected exit status and a one-line FILE:LINE:COL message,
in bounded time, and never touches an existing output."""
import os
import re
import resource
import shutil
import stat
import subprocess
import time

from common import args, check, finish, page_count, pdftotext, run

a = args()
bad = os.path.join(a.source, "tests", "bad")
out = os.path.join(a.work, "out")
os.makedirs(out)
SENTINEL = b"previous output, must survive a failed run\n"


def render(path, extra=(), env=None, timeout=60, cwd=bad, outdir=out):
    t = time.monotonic()
    r = run([a.vanban, "render", path, "-o", outdir, *extra], timeout=timeout, env=env, cwd=cwd)
    return r, time.monotonic() - t


def seed_outputs(stem, outdir=out):
    for ext in (".docx", ".pdf"):
        with open(os.path.join(outdir, stem + ext), "wb") as f:
            f.write(SENTINEL)


def outputs_untouched(stem, outdir=out):
    ok = all(open(os.path.join(outdir, stem + e), "rb").read() == SENTINEL for e in (".docx", ".pdf"))
    leftovers = [f for f in os.listdir(outdir) if ".tmp-" in f]
    return ok and not leftovers


for line in open(os.path.join(bad, "cases.tsv"), encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    cols = line.rstrip("\n").split("\t")
    name, code, pattern = cols[0], int(cols[1]), cols[2]
    extra, env = [], {}
    for tok in (cols[3].split() if len(cols) > 3 else []):
        if "=" in tok and not tok.startswith("-"):
            k, v = tok.split("=", 1)
            env[k] = v
        else:
            extra.append(tok)
    stem = os.path.splitext(name)[0]
    seed_outputs(stem)
    r, secs = render(name, extra, env)
    err = r.stderr
    what = f"{name} {' '.join(cols[3:])}".strip()
    check(r.returncode == code, f"{what}: exit {r.returncode} (want {code}) {err.strip()[:160]}")
    check(re.search(pattern, err) is not None, f"{what}: message matches /{pattern}/")
    check(err.count("\n") <= 1, f"{what}: at most one line of diagnostics")
    check(secs < 10, f"{what}: finished in {secs:.2f} s")
    if code != 0:
        check(outputs_untouched(stem), f"{what}: previous outputs left byte-identical, no temp files")
    else:
        text = pdftotext(os.path.join(out, stem + ".pdf"))
        check("Một đoạn văn bản." in text, f"{what}: renders the document text (NFC)")

gen = os.path.join(a.work, "gen")
os.makedirs(gen)
good = open(os.path.join(bad, "good.xml"), encoding="utf-8").read()


def write(name, text, folder=gen):
    p = os.path.join(folder, name)
    with open(p, "w", encoding="utf-8") as f:
        f.write(text)
    return p


def bounded(cmd, what, timeout=10, **kw):
    """Runs cmd; a hang is a failure, not a stuck test."""
    t = time.monotonic()
    try:
        r = run(cmd, timeout=timeout, **kw)
    except subprocess.TimeoutExpired:
        check(False, f"{what}: still running after {timeout} s")
        return None
    check(True, f"{what}: finished in {time.monotonic() - t:.2f} s")
    return r


def docx_text(path):
    import zipfile
    with zipfile.ZipFile(path) as z:
        return b"".join(z.read(n) for n in z.namelist()).decode("utf-8", "replace")


# Ways to make the loader read a file it must not: none may put the secret
# into any output or message. Those it refuses fail with exit 1; any that
# renders is searched in its PDF text and its DOCX parts.
secret_dir = os.path.join(a.work, "secret")
os.makedirs(secret_dir)
SECRET = "SECRET-" + "7f3a9c"
write("secret.txt", f"root:x:0:0:{SECRET}\n", secret_dir)
write("calendar.toml", f'[{SECRET}]\nname = "{SECRET}"\ndate = "1930-02-03"\n', secret_dir)
xxe_dir = os.path.join(a.work, "xxe")
os.makedirs(xxe_dir)
secret = os.path.join(secret_dir, "secret.txt")
attacks = {
    "entity": good.replace("<document", f'<!DOCTYPE document [<!ENTITY s SYSTEM "file://{secret}">]>\n<document', 1)
              .replace("Một đoạn văn bản.", "Một đoạn văn bản. &s;"),
    "parameter-entity": good.replace("<document", f'<!DOCTYPE document [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>\n<document', 1),
    "xinclude": good.replace("<p>Một đoạn văn bản.</p>",
                             f'<p>Một đoạn văn bản.<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret}" parse="text"/></p>'),
    "image-path": good.replace("<name>Nguyễn Văn A</name>", f'<name>Nguyễn Văn A</name><image src="{secret}"/>'),
    "image-link": good.replace("<name>Nguyễn Văn A</name>", '<name>Nguyễn Văn A</name><image src="link.png"/>'),
}
os.symlink(secret, os.path.join(xxe_dir, "link.png"))
for name, text in attacks.items():
    p = write(name + ".xml", text, xxe_dir)
    r = bounded([a.vanban, "render", p, "-o", out], f"{name}: bounded")
    if r is None:
        continue
    check(r.returncode == 1, f"{name}: refused with exit 1 ({r.stderr.strip()[:120]})")
    check(SECRET not in r.stderr and "root:" not in r.stderr, f"{name}: the secret is not in the message")
    for ext, read in ((".pdf", pdftotext), (".docx", docx_text)):
        f = os.path.join(out, name + ext)
        if os.path.exists(f):
            check(SECRET not in read(f), f"{name}: the secret is not in {name}{ext}")
# A calendar linked out of the data folder is refused without printing it.
cal_dir = os.path.join(a.work, "cal-link")
os.makedirs(cal_dir)
os.symlink("/etc/passwd", os.path.join(cal_dir, "calendar.toml"))
p = write("good.xml", good, cal_dir)
r = bounded([a.vanban, "check", p], "calendar linked to /etc/passwd: bounded")
if r:
    check(r.returncode == 1 and re.search(r"calendar\.toml: error: cannot read the calendar: a symbolic link leads outside the folder", r.stderr),
          f"calendar linked to /etc/passwd: refused ({r.stderr.strip()[:160]})")
    check("root:" not in r.stderr, "calendar linked to /etc/passwd: none of its lines is printed")
os.unlink(os.path.join(cal_dir, "calendar.toml"))
os.symlink(os.path.join(secret_dir, "calendar.toml"), os.path.join(cal_dir, "calendar.toml"))
r = bounded([a.vanban, "render", p, "-o", out], "calendar linked to another folder: bounded")
if r:
    check(r.returncode == 1 and SECRET not in r.stderr, f"calendar linked to another folder: refused ({r.stderr.strip()[:120]})")

# FIFOs never block: as the data file (exit 3), as an image or a calendar (exit 1).
fifo_dir = os.path.join(a.work, "fifo")
os.makedirs(fifo_dir)
os.mkfifo(os.path.join(fifo_dir, "data.xml"))
for cmd in ("check", "render"):
    r = bounded([a.vanban, cmd, os.path.join(fifo_dir, "data.xml"), "-o", out][: 3 if cmd == "check" else 5], f"{cmd} of a FIFO data file: bounded")
    if r:
        check(r.returncode == 3 and "data.xml: error: cannot read the file: is not a regular file" in r.stderr,
              f"{cmd} of a FIFO data file: exit 3 ({r.stderr.strip()[:120]})")
r = bounded([a.vanban, "build", fifo_dir, "-o", os.path.join(a.work, "fifo-out")], "build over a FIFO data file: bounded")
if r:
    check(r.returncode == 3 and "is not a regular file" in r.stderr, f"build over a FIFO data file: exit 3 ({r.stderr.strip()[:120]})")
os.unlink(os.path.join(fifo_dir, "data.xml"))
os.mkfifo(os.path.join(fifo_dir, "sig.png"))
p = write("image.xml", good.replace("<name>Nguyễn Văn A</name>", '<name>Nguyễn Văn A</name><image src="sig.png"/>'), fifo_dir)
r = bounded([a.vanban, "render", p, "-o", out], "FIFO image: bounded")
if r:
    check(r.returncode == 1 and re.search(r"image\.xml:7:\d+: error: cannot read image 'sig\.png': is not a regular file", r.stderr),
          f"FIFO image: located error ({r.stderr.strip()[:120]})")
os.mkfifo(os.path.join(fifo_dir, "calendar.toml"))
p = write("plain.xml", good, fifo_dir)
r = bounded([a.vanban, "render", p, "-o", out], "FIFO calendar: bounded")
if r:
    check(r.returncode == 1 and "calendar.toml: error: cannot read the calendar: is not a regular file" in r.stderr,
          f"FIFO calendar: refused ({r.stderr.strip()[:120]})")

# A calendar beside the data file that is not UTF-8, or has a date that is not one.
for name, body, pattern in [
        ("utf8", b'[ngay]\nname = "Ng\xe0y"\ndate = "2000-01-01"\n', r"calendar\.toml:2:\d+: error: the file is not valid UTF-8"),
        ("feb29", '[ngay]\nname = "Ngày"\ndate = "2023-02-29"\n'.encode(), r"calendar\.toml:3:\d+: error: date 2023-02-29 of event 'ngay' is not a date: that month has 28 days"),
        ("toml-date", '[ngay]\nname = "Ngày"\ndate = 2023-02-29\n'.encode(), r"calendar\.toml:3:\d+: error: malformed TOML: .*day")]:
    d = os.path.join(a.work, "cal-" + name)
    os.makedirs(d)
    open(os.path.join(d, "calendar.toml"), "wb").write(body)
    p = write("plan.xml", good.replace("Một đoạn văn bản.", 'Một đoạn văn bản. <anniv event="ngay"/>'), d)
    seed_outputs("plan")
    r = bounded([a.vanban, "render", p, "-o", out], f"calendar {name}: bounded")
    if r:
        check(r.returncode == 1 and re.search(pattern, r.stderr), f"calendar {name}: located error ({r.stderr.strip()[:140]})")
        check(outputs_untouched("plan"), f"calendar {name}: no DOCX written, previous outputs byte-identical")

# Validation is linear: 100,000 <br/> in a paragraph, 50,000 <year/>.
for name, inner, limit in [("br", "a<br/>" * 100000, 5), ("year", "<year/> " * 50000, 5)]:
    p = write(f"many-{name}.xml", good.replace("<p>Một đoạn văn bản.</p>", "<p>" + inner + "</p>"))
    r = bounded([a.vanban, "check", p], f"100k-scale <{name}/>: check", timeout=30)
    if r:
        check(r.returncode == 0, f"many <{name}/> are valid ({r.stderr.strip()[:120]})")
t = time.monotonic()
p = write("many-year-render.xml", good.replace("<p>Một đoạn văn bản.</p>", "<p>" + "<year/> " * 50000 + "</p>"))
r = bounded([a.vanban, "render", p, "-o", out], "50,000 <year/>: render", timeout=60)
if r:
    check(r.returncode == 0, f"50,000 <year/> render ({r.stderr.strip()[:120]})")
# More elements than the documented limit: refused early, memory bounded.
p = write("elements.xml", good.replace("<p>Một đoạn văn bản.</p>", "<p>" + "a<br/>" * 600000 + "</p>"))
r = bounded([a.vanban, "check", p], "600,000 elements: bounded", timeout=30)
if r:
    check(r.returncode == 1 and "error: the document has more than 500000 elements (split it" in r.stderr,
          f"600,000 elements: refused ({r.stderr.strip()[:120]})")

# The PDF path is a folder: nothing is replaced, the message names the file.
pair = os.path.join(a.work, "pair")
os.makedirs(os.path.join(pair, "good.pdf"))
open(os.path.join(pair, "good.docx"), "wb").write(SENTINEL)
r = render("good.xml", outdir=pair)
check(r[0].returncode == 3 and re.search(r"good\.pdf: error: cannot write: a folder has this name", r[0].stderr),
      f"PDF path is a folder: exit 3 naming it ({r[0].stderr.strip()[:140]})")
check(open(os.path.join(pair, "good.docx"), "rb").read() == SENTINEL, "PDF path is a folder: the old DOCX is kept")
check(sorted(os.listdir(pair)) == ["good.docx", "good.pdf"], "PDF path is a folder: no temporary file left")

# A render stopped by SIGTERM or SIGINT leaves no temporary file, whenever it comes.
import signal
big = write("stopped.xml", good.replace("<p>Một đoạn văn bản.</p>", ("<p>" + " ".join(["Phong trào thi đua yêu nước"] * 40) + ".</p>") * 3000))
stop_out = os.path.join(a.work, "stopped")
os.makedirs(stop_out)
for i, delay in enumerate([0.05, 0.2, 0.4, 0.6, 0.8, 1.0, 1.3, 1.6]):
    pr = subprocess.Popen([a.vanban, "render", big, "-o", stop_out], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    pr.send_signal(signal.SIGTERM if i % 2 else signal.SIGINT)
    pr.wait(timeout=30)
left = [f for f in os.listdir(stop_out) if ".tmp-" in f or ".old-" in f]
check(not left, f"renders stopped at 8 moments leave no temporary file ({left[:3]})")


# 10,000 levels of nesting.
p = write("deep.xml", good.replace("<p>Một đoạn văn bản.</p>", "<p>" + "<b>" * 10000 + "x" + "</b>" * 10000 + "</p>"))
r, secs = render(p, cwd=gen)
check(r.returncode == 1 and re.match(r"^.*deep\.xml:5:\d+: error: malformed XML: Excessive depth", r.stderr),
      f"10,000 levels of nesting refused: {r.stderr.strip()[:120]}")
check(secs < 10, f"deep nesting: {secs:.2f} s")

# A 5 MB paragraph with no spaces: broken across lines, not overflowed.
p = write("long-word.xml", good.replace("Một đoạn văn bản.", "Một đoạn văn bản. " + "x" * (5 << 20)))
r, secs = render(p, cwd=gen, timeout=120)
check(r.returncode == 0, f"5 MB word renders: {r.stderr.strip()[:200]}")
check(secs < 60, f"5 MB word: {secs:.2f} s")
if r.returncode == 0:
    check(page_count(os.path.join(out, "long-word.pdf")) > 100, "5 MB word spans many pages")

# A 2,000-page document.
para = "<p>" + " ".join(["Phong trào thi đua yêu nước"] * 40) + ".</p>"
body = "".join(f"<section><title>Phần việc {i}</title>{para * 6}</section>" for i in range(1, 1001))
p = write("big.xml", good.replace("<section><title>Mục đích</title><p>Một đoạn văn bản.</p></section>", body))
r, secs = render(p, cwd=gen, timeout=180)
check(r.returncode == 0, f"2,000-page document renders: {r.stderr.strip()[:200]}")
if r.returncode == 0:
    n = page_count(os.path.join(out, "big.pdf"))
    check(n >= 2000, f"2,000-page document has {n} pages, in {secs:.1f} s")
maxrss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
check(maxrss_mb < 2048, f"peak memory of any run: {maxrss_mb:.0f} MB")

# A file over the size limit.
p = os.path.join(gen, "huge.xml")
with open(p, "wb") as f:
    f.write(b"<document>" + b" " * (51 << 20) + b"</document>")
r, _ = render(p, cwd=gen)
check(r.returncode == 1 and "error: the file is larger than 50 MiB" in r.stderr, "a file over 50 MiB is refused")

# An output folder that cannot be written.
ro = os.path.join(a.work, "readonly")
os.makedirs(ro)
seed_outputs("good", ro)
os.chmod(ro, stat.S_IRUSR | stat.S_IXUSR)
r, _ = render("good.xml", outdir=ro)
writable = os.access(ro, os.W_OK)  # root ignores the mode bits
if not writable:
    check(r.returncode == 3 and re.search(r"good\.docx: error: cannot write: ", r.stderr), f"read-only output folder: exit 3 ({r.stderr.strip()[:120]})")
    check(outputs_untouched("good", ro), "read-only output folder: outputs untouched")
os.chmod(ro, stat.S_IRWXU)
# Root writes anyway: use a path whose parent is a file to get the same class of error.
r, _ = render("good.xml", outdir="/dev/null/out")
check(r.returncode == 3 and "cannot create the output folder" in r.stderr, f"unwritable output path: exit 3 ({r.stderr.strip()[:120]})")

# A full disk: a 64 KiB tmpfs when we may mount one, else /dev/full as the output folder.
full = os.path.join(a.work, "full")
os.makedirs(full)
mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", full], capture_output=True).returncode == 0
if mounted:
    try:
        seed_outputs("good", full)
        with open(os.path.join(full, "filler"), "wb") as f:
            try:
                f.write(b"\0" * (1 << 20))
            except OSError:
                pass
        r, _ = render("good.xml", outdir=full)
        check(r.returncode == 3 and "No space left on device" in r.stderr, f"full disk: exit 3 ({r.stderr.strip()[:120]})")
        check(outputs_untouched("good", full), "full disk: previous outputs byte-identical, no temp files")
    finally:
        subprocess.run(["umount", full])
else:
    r, _ = render("good.xml", outdir="/dev/full")
    check(r.returncode == 3, f"/dev/full as output: exit 3 ({r.stderr.strip()[:120]})")
finish()
