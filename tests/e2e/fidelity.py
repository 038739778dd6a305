#!/usr/bin/env python3
"""Fidelity of vanban's PDF against LibreOffice's rendering of vanban's DOCX.

usage: fidelity.py [--keep DIR] [--min PCT] A.docx A.pdf [B.docx B.pdf ...]
       fidelity.py [--keep DIR] DIR          (every DIR/X.docx with DIR/X.pdf)

All DOCX files are converted in ONE soffice run (its start-up dominates).
Both PDFs are read with `pdftotext -bbox-layout`; words are grouped into
lines by baseline, lines compared page by page. Prints the differing lines
and per-document figures; exits 1 when a document has a different page
count or fewer than --min (default 99) percent identical lines.
Python 3 standard library only.
"""
import difflib
import html
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

WORD_RE = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
PAGE_RE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


# LibreOffice draws a non-breaking hyphen (w:noBreakHyphen) with a little room
# before it in justified lines, which pdftotext reads as a word gap: "NĐ -CP".
# No text has a hyphen glued to the next word but spaced from the previous
# one, so joining those compares the lines, not pdftotext's word splitting.
GLUED_HYPHEN_RE = re.compile(r'(\w) -(\w)')


def normal(line):
    return GLUED_HYPHEN_RE.sub(r'\1-\2', line)


def pdf_lines(path):
    """List of pages; each page a list of (y, text) lines, top to bottom."""
    out = subprocess.run(['pdftotext', '-bbox-layout', path, '-'], check=True,
                         capture_output=True).stdout.decode('utf-8', 'replace')
    pages = []
    for m in PAGE_RE.finditer(out):
        words = []
        for w in WORD_RE.finditer(m.group(3)):
            x0, y0, x1, y1 = map(float, w.groups()[:4])
            words.append((y1, x0, html.unescape(w.group(5))))
        # Group by bottom edge (baseline + descent): words of one visual line
        # (even in two table columns) share it within a couple of points.
        words.sort()
        lines = []
        for y, x, t in words:
            if lines and abs(y - lines[-1][0]) <= 2.0:
                lines[-1][1].append((x, t))
            else:
                lines.append([y, [(x, t)]])
        pages.append([(round(y, 1), normal(' '.join(t for _, t in sorted(ws)))) for y, ws in lines])
    return pages


def convert(docx_files, outdir, timeout=600):
    """Converts the files in one soffice run. Returns False when it had to be
    killed (a hang or crash): the whole process group goes, not only the
    launcher."""
    profile = tempfile.mkdtemp(prefix='lo-fid-')
    try:
        cmd = ['soffice', '--headless', f'-env:UserInstallation=file://{profile}',
               '--convert-to', 'pdf', '--outdir', outdir] + docx_files
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
        try:
            p.wait(timeout=timeout)
            return True
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            return False
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def compare(name, ref_pdf, our_pdf, verbose=True, counts=False):
    ref, ours = pdf_lines(ref_pdf), pdf_lines(our_pdf)
    total = same = 0
    report = []
    for i in range(max(len(ref), len(ours))):
        a = [t for _, t in ref[i]] if i < len(ref) else []
        b = [t for _, t in ours[i]] if i < len(ours) else []
        sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        ok = sum(bl.size for bl in sm.get_matching_blocks())
        total += max(len(a), len(b))
        same += ok
        for op, a0, a1, b0, b1 in sm.get_opcodes():
            if op == 'equal':
                continue
            for t in a[a0:a1]:
                report.append(f'  p{i + 1} LO  : {t}')
            for t in b[b0:b1]:
                report.append(f'  p{i + 1} ours: {t}')
    pct = 100.0 * same / total if total else 100.0
    print(f'{name}: pages LO {len(ref)} / ours {len(ours)}; lines identical {same}/{total} '
          f'({pct:.1f}%)')
    if verbose:
        for r in report:
            print(r)
    if counts:
        return len(ref) == len(ours), pct, same, total
    return len(ref) == len(ours), pct


def main(argv):
    keep, minimum, quiet = None, 99.0, False
    args = []
    it = iter(argv)
    for a in it:
        if a == '--keep':
            keep = next(it)
        elif a == '--min':
            minimum = float(next(it))
        elif a in ('-q', '--quiet'):
            quiet = True
        elif a in ('-h', '--help'):
            print(__doc__)
            return 0
        else:
            args.append(a)
    pairs = []
    if len(args) == 1 and os.path.isdir(args[0]):
        d = args[0]
        for f in sorted(os.listdir(d)):
            if f.endswith('.docx') and os.path.exists(os.path.join(d, f[:-5] + '.pdf')):
                pairs.append((os.path.join(d, f), os.path.join(d, f[:-5] + '.pdf')))
    elif args and len(args) % 2 == 0:
        pairs = list(zip(args[0::2], args[1::2]))
    if not pairs:
        print(__doc__, file=sys.stderr)
        return 2
    outdir = keep or tempfile.mkdtemp(prefix='fidelity-')
    os.makedirs(outdir, exist_ok=True)
    try:
        # Stems must be unique: soffice names outputs after them.
        convert([os.path.abspath(d) for d, _ in pairs], outdir)
        failed = False
        for docx, pdf in pairs:
            stem = os.path.splitext(os.path.basename(docx))[0]
            ref = os.path.join(outdir, stem + '.pdf')
            if not os.path.exists(ref):
                print(f'{stem}: LibreOffice produced no PDF')
                failed = True
                continue
            pages_ok, pct = compare(stem, ref, pdf, verbose=not quiet)
            if not pages_ok or pct < minimum:
                failed = True
        return 1 if failed else 0
    finally:
        if not keep:
            shutil.rmtree(outdir, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
