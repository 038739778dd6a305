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

# The XXE case must not have read /etc/passwd into anything.
check(b"root:" not in open(os.path.join(out, "xxe.pdf"), "rb").read(), "xxe: /etc/passwd was not read")

gen = os.path.join(a.work, "gen")
os.makedirs(gen)
good = open(os.path.join(bad, "good.xml"), encoding="utf-8").read()


def write(name, text):
    p = os.path.join(gen, name)
    with open(p, "w", encoding="utf-8") as f:
        f.write(text)
    return p


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
