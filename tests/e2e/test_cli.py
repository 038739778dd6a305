"""The command line: subcommands, help, version, exit statuses."""
import re

from common import args, check, finish, run

a = args()
v = a.vanban

r = run([v, "--version"])
check(r.returncode == 0 and r.stdout.startswith("vanban "), "--version prints the version")
r = run([v, "--help"])
check(r.returncode == 0 and "render FILE.xml" in r.stdout, "--help lists the commands")
for sub in ["check", "render", "templates"]:
    r = run([v, sub, "--help"])
    check(r.returncode == 0 and r.stdout.startswith(f"usage: vanban {sub}"), f"{sub} --help")
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
for kind in ["ke-hoach", "giao-uoc"]:
    r = run([v, "new", kind])
    check(r.returncode == 0 and "<document kind=\"" + kind + "\"" in r.stdout and "<!--" in r.stdout, f"new {kind} prints a commented file")
    path = os.path.join(a.work, f"new-{kind}.xml")
    open(path, "w", encoding="utf-8").write(r.stdout)
    r = run([v, "check", "--strict", path])
    check(r.returncode == 0 and r.stderr == "", f"new {kind}: the file is valid and draws no warning {r.stderr.strip()[:160]}")
    r = run([v, "render", path, "-o", a.work])
    check(r.returncode == 0, f"new {kind}: renders")
r = run([v, "new", "quyet-dinh"])
check(r.returncode == 2 and "unknown document kind 'quyet-dinh'" in r.stderr, "new with an unknown kind: exit 2")
bad = os.path.join(a.work, "warn.xml")
open(bad, "w", encoding="utf-8").write(open(os.path.join(a.work, "new-ke-hoach.xml"), encoding="utf-8").read().replace("<code>KH-SNV</code>", "<code>QĐ-SNV</code>"))
r = run([v, "check", bad])
check(r.returncode == 0 and re.search(r"warn\.xml:\d+:\d+: warning: ký hiệu 'QĐ-SNV'", r.stderr), "a warning does not fail check")
r = run([v, "check", "--strict", bad])
check(r.returncode == 1 and "error: ký hiệu 'QĐ-SNV'" in r.stderr, "--strict makes it an error")
finish()
