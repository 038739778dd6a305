"""The command line: subcommands, help, version, exit statuses."""
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
finish()
