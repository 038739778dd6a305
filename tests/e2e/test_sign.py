"""vanban sign / vanban verify, checked the way an office would: a covenant
signed by its five parties in turn (PKCS#12 files and a PKCS#11 token in
SoftHSM2), the organisation's seal, an attachment and an electronic copy;
pdfsig (poppler) must agree with vanban verify on every file; every refusal
leaves the input untouched and writes nothing. Keys and certificates are made
here with the OpenSSL command line, never committed."""
import hashlib
import os
import re
import shutil
import struct
import subprocess
import zlib

from common import args, check, finish, pdftotext, run

a = args()
W = a.work
VB = a.vanban
PIN = "1234"


def sh(cmd, what, **kw):
    r = run(cmd, **kw)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
        raise SystemExit(f"setup failed: {what}")
    return r


def path(*p):
    return os.path.join(W, *p)


def sha(p):
    with open(p, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


# --- keys and certificates ---------------------------------------------------------------------

KU = path("leaf.ext")
with open(KU, "w") as f:
    f.write("keyUsage=critical,digitalSignature,nonRepudiation\n")
sh(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
    "-keyout", path("ca.key"), "-out", path("ca.pem"), "-days", "30", "-subj", "/CN=vanban test CA",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"], "CA")


def leaf(name, cn, org, rsa=False, ext=KU):
    """A key and a certificate issued by the test CA, as a .p12 (password pw-NAME)."""
    key, csr, crt = path(name + ".key"), path(name + ".csr"), path(name + ".pem")
    algo = ["rsa:2048"] if rsa else ["ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
    sh(["openssl", "req", "-new", "-newkey", *algo, "-nodes", "-keyout", key, "-out", csr, "-utf8",
        "-subj", f"/CN={cn}/O={org}"], "CSR " + name)
    sh(["openssl", "x509", "-req", "-in", csr, "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
        "-set_serial", str(abs(hash(name)) % 10**9 + 1), "-days", "30", "-out", crt, "-extfile", ext], "cert " + name)
    p12 = path(name + ".p12")
    sh(["openssl", "pkcs12", "-export", "-in", crt, "-inkey", key, "-certfile", path("ca.pem"),
        "-out", p12, "-passout", "pass:pw-" + name], "p12 " + name)
    return p12


UNITS = ["Sở Ngoại vụ", "Bảo hiểm xã hội tỉnh", "Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế",
         "Sở Lao động - Thương binh và Xã hội"]
FIELDS = ["Đại diện " + u for u in UNITS]
p12 = [leaf(f"party{i}", f"Người ký {i + 1}", UNITS[i], rsa=(i == 1)) for i in range(5)]
org_p12 = leaf("org", "Sở Y tế", "Sở Y tế")

# An expired certificate: `openssl ca` can date it in the past.
ca_dir = path("expired")
os.makedirs(ca_dir)
open(os.path.join(ca_dir, "index.txt"), "w").close()
with open(os.path.join(ca_dir, "serial"), "w") as f:
    f.write("01\n")
with open(os.path.join(ca_dir, "ca.cnf"), "w") as f:
    f.write("[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\ndefault_md=sha256\n"
            "policy=p\nunique_subject=no\n[p]\ncommonName=supplied\n")
sh(["openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
    "-keyout", "old.key", "-out", "old.csr", "-subj", "/CN=Expired Signer"], "expired CSR", cwd=ca_dir)
sh(["openssl", "ca", "-batch", "-config", "ca.cnf", "-selfsign", "-keyfile", "old.key", "-in", "old.csr",
    "-out", "old.pem", "-startdate", "20200101000000Z", "-enddate", "20210101000000Z"], "expired cert", cwd=ca_dir)
expired_p12 = path("expired.p12")
sh(["openssl", "pkcs12", "-export", "-in", os.path.join(ca_dir, "old.pem"), "-inkey", os.path.join(ca_dir, "old.key"),
    "-out", expired_p12, "-passout", "pass:" + PIN], "expired p12")

# A PKCS#11 token: SoftHSM2 in this folder, party 3's key and certificate imported.
MODULES = ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"]
MODULE = next((m for m in MODULES if os.path.exists(m)), None)
check(MODULE is not None and shutil.which("softhsm2-util") and shutil.which("pkcs11-tool"),
      "SoftHSM2 and pkcs11-tool are installed (scripts/setup.sh)")
os.makedirs(path("tokens"))
with open(path("softhsm2.conf"), "w") as f:
    f.write(f"directories.tokendir = {path('tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n")
HSM = {"SOFTHSM2_CONF": path("softhsm2.conf")}
r = sh(["softhsm2-util", "--init-token", "--free", "--label", "vanban-test", "--pin", PIN, "--so-pin", "5678"],
       "token", env=HSM)
slot = re.search(r"slot (\d+)", r.stdout).group(1)
sh(["openssl", "pkcs8", "-topk8", "-nocrypt", "-in", path("party2.key"), "-out", path("party2.p8")], "pkcs8")
sh(["softhsm2-util", "--import", path("party2.p8"), "--token", "vanban-test", "--label", "party2", "--id", "02",
    "--pin", PIN], "import key", env=HSM)
sh(["openssl", "x509", "-in", path("party2.pem"), "-outform", "DER", "-out", path("party2.der")], "der")
sh(["pkcs11-tool", "--module", MODULE, "--token-label", "vanban-test", "--login", "--pin", PIN, "--write-object",
    path("party2.der"), "--type", "cert", "--id", "02", "--label", "party2"], "import cert", env=HSM)


# --- pictures: a blue signature and a red seal, transparent PNGs --------------------------------

def png(p, w, h, rgba, dpi):
    rows = b"".join(b"\0" + b"".join(bytes(rgba(x, y)) for x in range(w)) for y in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    ppm = round(dpi / 0.0254)
    with open(p, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)) +
                chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1)) + chunk(b"IDAT", zlib.compress(rows)) +
                chunk(b"IEND", b""))


SIG = path("signature.png")
png(SIG, 150, 60, lambda x, y: (20, 40, 200, 255) if abs(y - 30 - 15 * ((x // 15) % 2 * 2 - 1) * (x % 15) / 15) < 3
    else (0, 0, 0, 0), 75)  # 51 × 20 mm
SEAL = path("seal.png")
R = 53  # 36 mm at 75 dpi
png(SEAL, 2 * R, 2 * R, lambda x, y: (220, 20, 30, 230) if R - 6 < ((x - R) ** 2 + (y - R) ** 2) ** 0.5 < R - 1
    else (0, 0, 0, 0), 75)


# --- readers: pdfsig and vanban verify ----------------------------------------------------------

def pdfsig(pdf):
    """{field: (valid, total document signed)} of the signed fields, as poppler sees them."""
    out = run(["pdfsig", "-nocert", pdf]).stdout
    res = {}
    for block in re.split(r"^Signature #\d+:", out, flags=re.M)[1:]:
        m = re.search(r"Signature Field Name: (.*)", block)
        if not m or "is not signed" in block:
            continue
        res[m.group(1).strip()] = ("Signature Validation: Signature is Valid." in block,
                                   "Total document signed" in block and "Not total document signed" not in block)
    return res


def verify(pdf, *extra):
    """(exit status, {field: (valid, unchanged since, changed-after line)}, report)."""
    r = run([VB, "verify", pdf, *extra])
    res = {}
    for block in re.split(r"^\[\d+\] ", r.stdout, flags=re.M)[1:]:
        name = re.sub(r" \(page \d+\)$", "", block.splitlines()[0])
        valid = re.search(r"^\s+signature:\s+valid", block, re.M) is not None
        after = re.search(r"^\s+changed after:\s+(.*)$", block, re.M).group(1)
        res[name] = (valid, after == "no", after)
    return r.returncode, res, r.stdout + r.stderr


def agree(pdf, what):
    p = pdfsig(pdf)
    rc, v, _ = verify(pdf)
    same = set(p) == set(v) and all(p[k] == v[k][:2] for k in p)
    check(same, f"{what}: vanban verify agrees with pdfsig ({p} / { {k: x[:2] for k, x in v.items()} })")
    return rc, v


def sign(pdf, *opts, env=None, pin=True):
    e = dict(env or {})
    if pin and "VANBAN_PIN" not in e:
        e["VANBAN_PIN"] = PIN
    return run([VB, "sign", pdf, *opts], env=e, start_new_session=True)


def pixels(pdf, page):
    """Blue and red pixel boxes of a page rendered at 50 dpi: [x0, y0, x1, y1] or None."""
    raw = subprocess.run(["pdftoppm", "-r", "50", "-f", str(page), "-l", str(page), pdf], capture_output=True).stdout
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", raw)
    w, h, data = int(m.group(1)), int(m.group(2)), raw[m.end():]
    boxes = {"blue": None, "red": None}
    for i in range(0, w * h * 3, 3):
        r, g, b = data[i], data[i + 1], data[i + 2]
        kind = "blue" if b > 150 and r < 110 and g < 130 else "red" if r > 170 and g < 110 and b < 120 else None
        if kind:
            x, y = (i // 3) % w, (i // 3) // w
            bx = boxes[kind]
            boxes[kind] = [x, y, x, y] if bx is None else [min(bx[0], x), min(bx[1], y), max(bx[2], x), max(bx[3], y)]
    return boxes


# --- the covenant, signed by its five parties in turn -------------------------------------------

sh([VB, "render", os.path.join(a.source, "data", "giao-uoc-khoi-vhxh2-2024.xml"), "-o", W, "--format", "pdf"],
   "render the covenant")
base = path("giao-uoc-khoi-vhxh2-2024.pdf")
base_hash = sha(base)
signed = path("giao-uoc-khoi-vhxh2-2024.signed.pdf")
blank = pixels(base, 3)
check(blank["blue"] is None and blank["red"] is None, "the rendered page has no blue or red ink")

previous = b""
for i, field in enumerate(FIELDS):
    src = base if i == 0 else signed
    if i == 2:
        r = sign(src, "--field", field, "--pkcs11", MODULE, "--slot", slot, "--image", SIG, env=HSM)
        how = "PKCS#11 token"
    else:
        r = sign(src, "--field", field, "--p12", p12[i], "--image", SIG, "--reason", "Ký giao ước",
                 env={"VANBAN_PIN": "pw-party%d" % i})
        how = "PKCS#12"
    check(r.returncode == 0, f"party {i + 1} signs '{field}' ({how}) [{r.stderr.strip()}]")
    check(re.search(r"at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", r.stdout) is not None,
          f"party {i + 1}: the signing time is reported in ISO 8601, Vietnam's time")
    with open(signed, "rb") as f:
        now = f.read()
    check(now.startswith(previous) and len(now) > len(previous),
          f"party {i + 1}: an incremental update (the earlier file is a prefix)")
    previous = now
    rc, v = agree(signed, f"after party {i + 1}")
    check(rc == 0 and len(v) == i + 1 and all(x[0] for x in v.values()), f"after party {i + 1}: {i + 1} valid signature(s)")
    check(all((x[2] == "no") == (k == field) for k, x in v.items()) and
          all(x[2] in ("no", "only by later signatures") for x in v.values()),
          f"after party {i + 1}: unchanged since each signature except by later signatures")
check(sha(base) == base_hash, "the rendered PDF itself was never modified")
check(not [f for f in os.listdir(W) if ".tmp-" in f], "no temporary files left behind")
r = run(["qpdf", "--check", signed])
check(r.returncode == 0, "qpdf --check: the five-times signed PDF is well formed")
p = pdfsig(signed)
check(len(p) == 5 and all(x[0] for x in p.values()), "pdfsig: all five signatures valid")
check(sum(x[1] for x in p.values()) == 1 and p[FIELDS[-1]][1], "pdfsig: only the last one covers the whole file")
out = run(["pdfsig", "-nocert", signed]).stdout
check(out.count("ETSI.CAdES.detached") == 5 and out.count("SHA-256") == 5, "pdfsig: ETSI.CAdES.detached, SHA-256")
check("Người ký 3" in out, "pdfsig: the token's certificate is the one embedded")
ink = pixels(signed, 3)
check(ink["blue"] is not None and ink["red"] is None, "the signature images show in blue on the signature page")
text_before, text_after = pdftotext(base), pdftotext(signed)
check(text_before == text_after, "signing changes no text of the document")

# With the test CA as trust anchor, the certificates check out.
rc, _, rep = verify(signed, "--ca", path("ca.pem"))
check(rc == 0 and rep.count("issuer trusted") == 5, "verify --ca: every issuer trusted")
rc, _, rep = verify(signed, "--ca", path("org.pem"))
check(rc == 1 and "issuer not trusted" in rep, "verify --ca with the wrong anchor fails")

# The organisation's seal over party 4's signature.
r = sign(signed, "--org", "--field", FIELDS[3], "--p12", org_p12, "--image", SEAL, env={"VANBAN_PIN": "pw-org"})
check(r.returncode == 0, f"the organisation seals '{FIELDS[3]}' [{r.stderr.strip()}]")
rc, v = agree(signed, "after the seal")
check(rc == 0 and len(v) == 6 and all(x[0] for x in v.values()), "six valid signatures")
ink = pixels(signed, 3)
if check(ink["red"] is not None, "the seal shows in red"):
    blue, red = ink["blue"], ink["red"]
    # Party 4's image is the rightmost blue on its row; the seal ends about a third into it.
    check(red[0] < blue[2] and red[2] < blue[2], "the seal is on the signer's image's left")
    check(abs((red[3] - red[1]) - 35.2 / 25.4 * 50) <= 3, f"the seal is drawn at its real size (35 mm: {red[3] - red[1]} px at 50 dpi)")
r = sign(signed, "--org", "--field", FIELDS[3], "--p12", org_p12, "--image", SEAL, env={"VANBAN_PIN": "pw-org"})
check(r.returncode == 1 and "already sealed" in r.stderr, "a second seal on the same signature is refused")
sealed = shutil.copy(signed, path("sealed.pdf"))

# --- tampering -----------------------------------------------------------------------------------

data = open(signed, "rb").read()
page1 = re.search(rb"/Type\s*/Page\b(?!s).*?/Contents\s+(\d+)\s+0\s+R", data, re.S) or \
    re.search(rb"/Contents\s+(\d+)\s+0\s+R", data)
obj = int(page1.group(1))
start = re.search(rb"(?:^|[\r\n])%d 0 obj" % obj, data).end()
sp = data.index(b"stream", start) + len(b"stream") + 1
flipped = bytearray(data)
flipped[sp + 10] ^= 0x01
open(path("flipped.pdf"), "wb").write(flipped)
p = pdfsig(path("flipped.pdf"))
rc, v = agree(path("flipped.pdf"), "one byte of page 1's text changed")
check(p and not any(x[0] for x in p.values()), "pdfsig reports every signature invalid after one byte changed")
check(rc == 1 and not any(x[0] for x in v.values()), "vanban verify too, and exits 1")

# An incremental update that redraws page 1 after the signatures: each signature is still valid for its
# revision (pdfsig: valid, not total), but the document changed after them.
trailer = re.findall(rb"trailer\s*<<(.*?)>>\s*startxref\s*(\d+)", data, re.S)[-1]
size = int(re.search(rb"/Size\s+(\d+)", trailer[0]).group(1))
root = re.search(rb"/Root\s+\d+\s+0\s+R", trailer[0]).group(0)
info = re.search(rb"/Info\s+\d+\s+0\s+R", trailer[0])
body = b"BT /F0 24 Tf 100 700 Td <0001> Tj ET"
upd = b"\n%d 0 obj\n<</Length %d>>\nstream\n%s\nendstream\nendobj\n" % (obj, len(body), body)
off = len(data) + 1
xref = len(data) + len(upd)
upd += b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \ntrailer\n<</Size %d %s %s/Prev %s>>\nstartxref\n%d\n%%%%EOF\n" % (
    obj, off, size, root, info.group(0) if info else b"", trailer[1], xref)
open(path("redrawn.pdf"), "wb").write(data + upd)
rc, v = agree(path("redrawn.pdf"), "page 1 redrawn in a later update")
check(rc == 1 and all(x[0] for x in v.values()) and all(x[2].startswith("YES") for x in v.values()),
      "vanban verify: valid signatures, but the document changed after them: exit 1")
check(all("page 1" in x[2] for x in v.values()), "… and it says page 1's drawing changed")

# --- refusals: clear, exit 1/2/3, input untouched, nothing written ------------------------------

def refused(what, pdf, opts, code, words, env=None, pin=True, out=None):
    before = sha(pdf)
    target = out or (pdf[:-4] + ".signed.pdf" if not pdf.endswith(".signed.pdf") else pdf)
    existed = os.path.exists(target)
    target_before = sha(target) if existed else None
    r = sign(pdf, *opts, env=env, pin=pin)
    ok = r.returncode == code and all(w in r.stderr for w in words)
    check(ok, f"refused: {what} (exit {r.returncode}: {r.stderr.strip()})")
    check(sha(pdf) == before, f"refused: {what}: the input is untouched")
    check((sha(target) == target_before) if existed else not os.path.exists(target),
          f"refused: {what}: nothing written")


one = path("one.pdf")
shutil.copy(base, one)
refused("wrong PKCS#12 password", one, ["--field", FIELDS[0], "--p12", p12[0]], 1, ["wrong password"],
        env={"VANBAN_PIN": "nope"})
refused("wrong token PIN", one, ["--field", FIELDS[0], "--pkcs11", MODULE, "--slot", slot], 1, ["wrong PIN"],
        env={**HSM, "VANBAN_PIN": "0000"})
refused("no such token slot", one, ["--field", FIELDS[0], "--pkcs11", MODULE, "--slot", "7"], 1, ["no token in slot 7"],
        env=HSM)
refused("expired certificate", one, ["--field", FIELDS[0], "--p12", expired_p12], 1, ["expired on 2021-01-01"])
refused("a field that does not exist", one, ["--field", "Đại diện Sở Tài chính", "--p12", p12[0]], 1,
        ["no signature field 'Đại diện Sở Tài chính'", FIELDS[0]], env={"VANBAN_PIN": "pw-party0"})
refused("a field already signed", signed, ["--field", FIELDS[1], "--p12", p12[1]], 1,
        ["already signed by Người ký 2"], env={"VANBAN_PIN": "pw-party1"})
sh([VB, "render", os.path.join(a.source, "data", "giao-uoc-khoi-vhxh2-2024.xml"), "-o", path("nofields"),
    "--format", "pdf", "--no-signature-fields"], "render without fields")
refused("a PDF without signature fields (not signed-ready)", path("nofields", "giao-uoc-khoi-vhxh2-2024.pdf"),
        ["--field", FIELDS[0], "--p12", p12[0]], 1, ["no signature fields"], env={"VANBAN_PIN": "pw-party0"})
trunc = path("truncated.pdf")
open(trunc, "wb").write(open(base, "rb").read()[:3000])
refused("a damaged (truncated) PDF", trunc, ["--field", FIELDS[0], "--p12", p12[0]], 1, ["damaged"],
        env={"VANBAN_PIN": "pw-party0"})
garbage = path("garbage.pdf")
open(garbage, "wb").write(b"this is not a PDF at all\n" * 20)
refused("a file that is not a PDF", garbage, ["--field", FIELDS[0], "--p12", p12[0]], 1, ["not a PDF"])
r = sign(path("missing.pdf"), "--field", FIELDS[0], "--p12", p12[0])
check(r.returncode == 3 and "cannot read" in r.stderr, "a missing input: exit 3")
refused("the PIN on the command line", one, ["--field", FIELDS[0], "--p12", p12[0], "--pin", "1234"], 2,
        ["never given on the command line"])
refused("no PIN and no terminal to ask", one, ["--field", FIELDS[0], "--p12", p12[0]], 2, ["VANBAN_PIN"], pin=False)
refused("an unwritable output", one, ["--field", FIELDS[0], "--p12", p12[0], "-o", path("no", "such", "dir.pdf")], 3,
        ["cannot write"], env={"VANBAN_PIN": "pw-party0"}, out=path("no", "such", "dir.pdf"))
with open(path("pin.txt"), "w") as f:
    f.write("pw-party0\n")
r = sign(one, "--field", FIELDS[0], "--p12", p12[0], "--pin-file", path("pin.txt"), "-o", path("pinfile.pdf"), pin=False)
check(r.returncode == 0 and os.path.exists(path("pinfile.pdf")), "--pin-file FILE gives the password")

# --- an attachment in its own file, and an electronic copy --------------------------------------

sh([VB, "render", os.path.join(a.source, "data", "ke-hoach-ubnd-xa-phu-luc-2025.xml"), "-o", W, "--format", "pdf"],
   "render the plan with an appendix")
plan = path("ke-hoach-ubnd-xa-phu-luc-2025.pdf")
pages = run(["pdftotext", plan, "-"]).stdout.split("\f")
first = next(i for i, t in enumerate(pages) if t.lstrip().startswith("Phụ lục")) + 1
appendix = path("phu-luc.pdf")
sh(["qpdf", plan, "--pages", ".", f"{first}-z", "--", appendix], "the appendix as its own file")
r = sign(appendix, "--attachment", "--p12", org_p12, env={"VANBAN_PIN": "pw-org"})
check(r.returncode == 0, f"the organisation signs the appendix file [{r.stderr.strip()}]")
att = path("phu-luc.signed.pdf")
top = pdftotext(att, "-l", "1").splitlines()[:2]
check(top[0] == "16/KH-UBND", f"the stamp shows the number read from 'Kèm theo … số …' ({top[:1]})")
check(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", top[1] if len(top) > 1 else "") is not None,
      f"the stamp shows the signing time in ISO 8601 with +07:00 ({top[1:2]})")
bbox = run(["pdftotext", "-bbox", "-l", "1", att, "-"]).stdout
m = re.search(r'<page width="([\d.]+)" height="([\d.]+)">', bbox)
pw = float(m.group(1))
words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">16/KH-UBND</word>', bbox)
check(words and float(words[0][2]) > pw * 0.8 and float(words[0][1]) < 20 / 25.4 * 72,
      "the stamp is at the top right of the first page, in the top margin")
check(words and abs((float(words[0][3]) - float(words[0][1])) - 10 * 1.15) < 2, "the stamp is set in 10 pt")
fonts = run(["pdffonts", att]).stdout
check(re.search(r"\+LiberationSerif\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes", fonts) is not None,
      "the stamp's font: Liberation Serif (Times New Roman's metrics), embedded subset with ToUnicode")
agree(att, "the signed appendix")
sh([VB, "render", os.path.join(a.source, "data", "ke-hoach-khoi-vhxh2-2024.xml"), "-o", W, "--format", "pdf"],
   "render a plan not numbered yet")
refused("an attachment whose page 1 has no number yet (Số: /KH-…)", path("ke-hoach-khoi-vhxh2-2024.pdf"),
        ["--attachment", "--p12", org_p12], 1, ["no number yet", "--number"], env={"VANBAN_PIN": "pw-org"})
r = sign(path("giao-uoc-khoi-vhxh2-2024.pdf"), "--attachment", "--p12", org_p12, "-o", path("x.pdf"),
         env={"VANBAN_PIN": "pw-org"})
check(r.returncode == 1 and "--number" in r.stderr, "an attachment with no number on page 1 asks for --number")

r = sign(plan, "--copy", "SL", "--p12", org_p12, "--copier", "Văn phòng Ủy ban nhân dân huyện Yên Dũng",
         "-o", path("sao-luc.pdf"), env={"VANBAN_PIN": "pw-org"})
check(r.returncode == 0, f"an electronic copy (sao lục) is signed [{r.stderr.strip()}]")
top = pdftotext(path("sao-luc.pdf"), "-l", "1").splitlines()[:3]
check(top[:2] == ["SAO LỤC", "Văn phòng Ủy ban nhân dân huyện Yên Dũng"] and re.search(r"\+07:00$", top[2]),
      f"the copy's stamp: form, copying organisation, time ({top})")
r = sign(plan, "--copy", "SY", "--p12", org_p12, "-o", path("sao-y.pdf"), env={"VANBAN_PIN": "pw-org"})
check(r.returncode == 0 and pdftotext(path("sao-y.pdf"), "-l", "1").splitlines()[:2] == ["SAO Y", "Sở Y tế"],
      "without --copier the certificate's organisation is the copier")
r = sign(plan, "--copy", "XX", "--p12", org_p12, "-o", path("bad.pdf"))
check(r.returncode == 2 and "SY" in r.stderr, "an unknown form of copy is a usage error")
agree(path("sao-luc.pdf"), "the signed copy")
r = run([VB, "verify", plan])
check(r.returncode == 1 and "no signatures" in r.stderr and "not signed:" in r.stdout,
      "verify on an unsigned document: exit 1, the unsigned fields listed")

finish()
