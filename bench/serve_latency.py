#!/usr/bin/python3
"""The editor's live preview, timed from the browser: a 10-page plan open in
Chromium headless, a character typed into a paragraph near the start (so the
pages after it reflow), and the time from the keystroke's input event to the
updated pages on screen (the frame after the SVG is in the page), as the
editor records it in window.vbStats. Also a structural edit (a section
added). Not part of the tests' pass/fail. Usage (after building):

    /usr/bin/python3 bench/serve_latency.py [--edits 40] [--pages 10]

(Debian's python3-selenium imports only under /usr/bin/python3.) Writes
output/serve-latency.txt and .json."""
import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from bench import plan  # noqa: E402  (the same generated plans as bench.py)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vanban", default=os.path.join(ROOT, "build", "vanban"))
    ap.add_argument("--edits", type=int, default=40)
    ap.add_argument("--pages", type=int, default=10)
    ap.add_argument("--out", default=os.path.join(ROOT, "output", "serve-latency.txt"))
    a = ap.parse_args()

    work = tempfile.mkdtemp(prefix="vb-serve-bench-")
    with open(os.path.join(work, "plan.xml"), "w", encoding="utf-8") as f:
        f.write(plan(a.pages))
    srv = subprocess.Popen([a.vanban, "serve", work, "--port", "0"], stdout=subprocess.PIPE, text=True)
    url = None
    for line in srv.stdout:
        m = re.search(r"http://127\.0\.0\.1:\d+/\?t=[0-9a-f]+", line)
        if m:
            url = m.group(0)
            break
    o = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1600,1000",
                "--user-data-dir=" + tempfile.mkdtemp(prefix="vb-chrome-")]:
        o.add_argument(arg)
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    settled = "const e = window.vbEditor; return !!e && !e.inflight && !e.wanted && e.last && e.last.text === e.text && !e.pending.size"

    def wait_settled():
        end = time.time() + 30
        while time.time() < end:
            if d.execute_script(settled):
                return
            time.sleep(0.01)
        sys.exit("the preview did not settle")

    try:
        d.get(url.replace("/?t=", "/?t=") + "#/edit/plan.xml")
        wait_settled()
        pages = d.execute_script("return window.vbEditor.last.res.page_count")
        fields = d.find_elements(By.CSS_SELECTOR, "section.card.block.p .inline")
        field = fields[min(2, len(fields) - 1)]
        field.click()
        field.send_keys(Keys.END)
        d.execute_script("window.vbStats.latencies = []; window.vbStats.server = []")
        for k in range(a.edits):
            field.send_keys("x" if k % 2 == 0 else Keys.BACKSPACE)
            wait_settled()
            time.sleep(0.05)  # the measurement lands two frames later
        typing = d.execute_script("return window.vbStats.latencies.slice()")
        phases = d.execute_script("return window.vbStats.phases.slice()")
        server = d.execute_script("return window.vbStats.server.slice()")
        # Structural edits: a section added (the form is rebuilt too).
        d.execute_script("window.vbStats.latencies = []")
        for _ in range(5):
            body = [c for c in d.find_elements(By.CSS_SELECTOR, "section.card.container")
                    if c.find_element(By.CSS_SELECTOR, ".head .title").text == "Nội dung"][0]
            bar = body.find_elements(By.CSS_SELECTOR, ":scope > .body > .blocks > .addbar")[-1]
            [b for b in bar.find_elements(By.TAG_NAME, "button") if b.text == "Mục"][0].click()
            wait_settled()
            time.sleep(0.05)
        structural = d.execute_script("return window.vbStats.latencies.slice()")
    finally:
        d.quit()
        srv.send_signal(signal.SIGTERM)
        srv.wait()

    lines = [
        f"vanban serve: live preview latency, measured in Chromium headless ({time.strftime('%Y-%m-%d %H:%M')})",
        f"document: generated plan, {pages} pages; {len(typing)} single keystrokes in its third paragraph",
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (other work slows the browser)",
        f"  keystroke → pages on screen  median {statistics.median(typing):6.1f} ms   p90 {pct(typing, .9):6.1f} ms   "
        f"max {max(typing):6.1f} ms",
        f"  of which the server (load, check, layout, SVG)  median {statistics.median(server):6.1f} ms",
        "  phases (median ms): " + ", ".join(f"{k} {statistics.median(ph[k] for ph in phases):.1f}"
                                            for k in ["queued", "request", "apply", "paint", "sent"]),
        f"  section added → form rebuilt and pages on screen  median {statistics.median(structural):6.1f} ms   "
        f"max {max(structural):6.1f} ms",
        f"  target: under 150 ms for a 10-page plan",
    ]
    print("\n".join(lines))
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.splitext(a.out)[0] + ".json", "w", encoding="utf-8") as f:
        json.dump({"pages": pages, "typing_ms": typing, "phases": phases, "server_ms": server, "structural_ms": structural}, f, indent=1)


if __name__ == "__main__":
    main()
