"""The editor in a real browser (Chromium headless through selenium): a clerk
makes a plan, fills the header, adds sections and a table, watches the
preview, fixes a reported error, saves; opens a sample, changes its year,
exports the PDF; two tabs save the same file. Screenshots go to the work
folder (editor.png is the one in the README).

Needs Debian's chromium, chromium-driver and python3-selenium; run with
/usr/bin/python3 (CTest does). Exits 77 (skipped) when they are missing."""
import difflib
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from common import args, check, finish, pdftotext, run, samples
from serve_common import Server, folder_with_samples

try:
    from selenium import webdriver
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    print("skip: python3-selenium is not installed (run with /usr/bin/python3)")
    sys.exit(77)

CHROMEDRIVER = "/usr/bin/chromedriver"


def browser(downloads):
    o = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1600,1000",
                "--user-data-dir=" + tempfile.mkdtemp(prefix="vb-chrome-")]:
        o.add_argument(arg)
    o.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
    d = webdriver.Chrome(service=Service(CHROMEDRIVER), options=o)
    d.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return d


class Page:
    def __init__(self, d):
        self.d = d

    def wait(self, cond, what, timeout=15):
        end = time.time() + timeout
        last = None
        while time.time() < end:
            try:
                v = cond()
                if v:
                    return v
            except (StaleElementReferenceException, WebDriverException) as e:
                last = e
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what} ({last})")

    def js(self, script, *a):
        return self.d.execute_script(script, *a)

    def preview_text(self):
        # Words of a justified line are runs of their own: join runs with a space.
        return self.js("return [...document.querySelectorAll('.pages text')].map(t => [...t.children]"
                       ".map(s => s.textContent).join(' ').replace(/ +/g, ' ')).join('\\n')")

    def settled(self):
        """The preview shows the current text (no request in flight)."""
        return self.js("const e = window.vbEditor; return !!e && !e.inflight && !e.wanted && e.last && e.last.text === e.text && !e.pending.size")

    def wait_preview(self, pred, what, timeout=15):
        return self.wait(lambda: self.settled() and pred(self.preview_text()), what, timeout)

    def field(self, placeholder, within=None):
        root = within or self.d
        return root.find_element(By.CSS_SELECTOR, f'[contenteditable][data-placeholder="{placeholder}"]')

    def type_into(self, el, *keys, clear=True):
        el.click()
        if clear:
            el.send_keys(Keys.CONTROL, "a")
            el.send_keys(Keys.DELETE)
        el.send_keys(*keys)

    def card(self, title):
        for c in self.d.find_elements(By.CSS_SELECTOR, "section.card"):
            t = c.find_elements(By.CSS_SELECTOR, ":scope > .head > .title")
            if t and t[0].text == title:
                return c
        raise AssertionError(f"no card {title!r}")

    def add_button(self, card, label):
        bars = card.find_elements(By.CSS_SELECTOR, ":scope > .body > .blocks > .addbar")
        for b in bars[-1].find_elements(By.TAG_NAME, "button"):
            if b.text == label:
                return b
        raise AssertionError(f"no add button {label!r}")

    def shot(self, path):
        self.d.save_screenshot(path)


def preview_against_pdf(p, pdf):
    """Word by word on page 1: where the browser draws each one-word run of
    the preview ends, against where pdftotext finds that word in the PDF."""
    bbox = run(["pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, "-"]).stdout
    words = {}
    for x0, x1, w in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', bbox):
        words.setdefault(html.unescape(w), []).append((float(x0), float(x1)))
    runs = p.js("return [...document.querySelector('.pages svg').querySelectorAll('tspan')]"
                ".map(t => [t.textContent, parseFloat(t.getAttribute('x')), t.getComputedTextLength()])")
    diffs = []
    for text, x, width in runs:
        near = [c for c in words.get(text, []) if abs(c[0] - x) < 0.6]
        if " " not in text and near:
            diffs.append(abs(x + width - near[0][1]))
    return (max(diffs) if diffs else 99), len(diffs)


def main():
    a = args()
    if not (os.path.exists(CHROMEDRIVER) and shutil.which("chromium")):
        print("skip: chromium and chromium-driver are not installed")
        return 77
    t0 = time.time()
    folder = folder_with_samples(a.source, a.work)
    downloads = os.path.join(a.work, "downloads")
    os.makedirs(downloads)
    shots = a.work
    srv = Server(a.vanban, folder, a.source)
    d = browser(downloads)
    p = Page(d)
    try:
        # ------------------------------------------------------------ start page
        d.get(srv.url)
        rows = p.wait(lambda: d.find_elements(By.CSS_SELECTOR, ".filelist tbody tr"), "the list of documents")
        check(len(rows) == len(samples(a.source)), "the start page lists every sample")
        check(all("đạt" in r.find_element(By.CSS_SELECTOR, "td.check").text or "cảnh báo" in
                  r.find_element(By.CSS_SELECTOR, "td.check").text for r in rows),
              "… each with its check status (no errors)")
        p.shot(os.path.join(shots, "start.png"))

        # ------------------------------------------------------------ a new plan
        Select(d.find_element(By.NAME, "kind")).select_by_value("ke-hoach")
        d.find_element(By.NAME, "new-name").send_keys("ke-hoach-thu")
        d.find_element(By.ID, "create").click()
        p.wait(lambda: p.settled() and d.find_elements(By.CSS_SELECTOR, ".pages svg"), "the editor with a preview")
        check(os.path.exists(os.path.join(folder, "ke-hoach-thu.xml")), "the new plan is a file in the folder")

        p.type_into(p.field("Cơ quan chủ quản"), "ỦY BAN NHÂN DÂN", Keys.SHIFT, Keys.ENTER, Keys.NULL, "TỈNH HÀ TĨNH")
        p.type_into(p.field("Cơ quan ban hành"), "SỞ TƯ PHÁP")
        for name, value in [("number", "12"), ("code", "KH-STP"), ("place", "Hà Tĩnh")]:
            i = d.find_element(By.NAME, name)
            i.clear()
            i.send_keys(value)
        p.wait_preview(lambda t: "SỞ TƯ PHÁP" in t and "Số: 12/KH-STP" in t and "TỈNH HÀ TĨNH" in t and "Hà Tĩnh, ngày" in t,
                       "the header in the preview")
        check(True, "the header typed into the form shows in the preview (agency, Số line, place)")

        body = p.card("Nội dung")
        titles = ["Tổ chức thực hiện số 1", "Tổ chức thực hiện số 2", "Tổ chức thực hiện số 3"]
        for t in titles:
            p.add_button(p.card("Nội dung"), "Mục").click()
            # The new section's title has the focus.
            el = p.wait(lambda: d.switch_to.active_element if d.switch_to.active_element.get_attribute("data-placeholder") == "Tiêu đề" else None,
                        "the new section's title field")
            el.send_keys(Keys.CONTROL, "a")
            el.send_keys(t)
        p.wait_preview(lambda t: all(x.upper() in t for x in titles), "three new sections in the preview")
        check(True, "three sections added through the form print as level-1 headings")
        badges = [b.text for b in d.find_elements(By.CSS_SELECTOR, "section.card.block.section > .head > .badge")]
        check("V." in badges and "VI." in badges and "VII." in badges,
              f"the form shows their numbers as they will print ({[b for b in badges if b][-3:]})")

        p.add_button(p.card("Nội dung"), "Bảng").click()
        table = p.wait(lambda: d.find_elements(By.CSS_SELECTOR, "section.card.block.table"), "the new table")[-1]
        cell = table.find_elements(By.CSS_SELECTOR, "tr.row td .inline")[0]
        p.type_into(cell, "Rà soát văn bản quy phạm")
        p.wait_preview(lambda t: "Rà soát văn bản quy phạm" in t and "Đơn vị thực hiện" in t, "the table in the preview")
        check(True, "a table added and filled shows in the preview")

        # A signature image, uploaded.
        png = os.path.join(a.source, "tests/unit/docx/signature.png")
        sig = p.card("Chữ ký (ô 7)")
        sig.find_element(By.NAME, "image-file").send_keys(png)
        p.wait(lambda: p.settled() and p.js("return !!document.querySelector('.pages image')"), "the signature image in the preview")
        check(os.path.exists(os.path.join(folder, "signature.png")), "an uploaded signature image is stored in the folder and drawn")

        # An error reported at its field, then fixed.
        for name, v in [("date-day", "31"), ("date-month", "2")]:
            i = d.find_element(By.NAME, name)
            i.clear()
            i.send_keys(v)
        err = p.wait(lambda: d.find_elements(By.CSS_SELECTOR, ".field .diag.error"), "the date error at its field")
        check(err and "31" in err[0].text, f"the loader's message shows at the date field: {err[0].text[:90]!r}")
        check(not d.find_element(By.ID, "export-pdf").is_enabled(), "with an error the PDF cannot be exported")
        p.shot(os.path.join(shots, "error.png"))
        i = d.find_element(By.NAME, "date-day")
        i.clear()
        i.send_keys("28")
        p.wait(lambda: p.settled() and not d.find_elements(By.CSS_SELECTOR, ".diag.error"), "the error to go")
        check(d.find_element(By.ID, "export-pdf").is_enabled(), "fixed: the error is gone and export is possible")

        # Clicking a line of the preview selects its field.
        line = p.js("return [...document.querySelectorAll('.pages text')].find(t => t.textContent.includes('TỔ CHỨC THỰC HIỆN SỐ 2'))")
        line.click()
        p.wait(lambda: d.switch_to.active_element.text == titles[1], "the field of the clicked line")
        check(True, "clicking a preview line focuses the form field it comes from")

        # The source view and the form stay in step.
        d.find_element(By.XPATH, "//button[text()='Mã XML']").click()
        src = d.find_element(By.NAME, "source")
        check(titles[2] in src.get_attribute("value"), "the source view shows the form's edits")
        p.js("const s = arguments[0]; s.value = s.value.replace(arguments[1], 'Kiểm tra, đánh giá'); s.dispatchEvent(new Event('input'))",
             src, titles[2])
        p.wait_preview(lambda t: "KIỂM TRA, ĐÁNH GIÁ" in t, "the source edit in the preview")
        d.find_element(By.XPATH, "//button[text()='Biểu mẫu']").click()
        check(any(e.text == "Kiểm tra, đánh giá" for e in d.find_elements(By.CSS_SELECTOR, "[data-placeholder='Tiêu đề']")),
              "an edit in the source view shows in the form")

        unsaved = p.js("const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented")
        check(unsaved, "closing the tab with unsaved edits asks first")
        d.find_element(By.ID, "save").click()
        p.wait(lambda: "Đã lưu" in d.find_element(By.CSS_SELECTOR, ".status").text, "saved")
        path = os.path.join(folder, "ke-hoach-thu.xml")
        saved = open(path, encoding="utf-8").read()
        check("Sections are numbered for you" in saved and "<!-- Parent agency" in saved,
              "the skeleton's comments survive the form's edits")
        check(os.path.exists(path + "~"), "the previous version is kept as ke-hoach-thu.xml~")
        r = run([a.vanban, "check", path])
        check(r.returncode == 0, f"the saved file passes vanban check {r.stderr.strip()[:200]}")
        out = os.path.join(a.work, "out")
        r = run([a.vanban, "render", path, "-o", out])
        check(r.returncode == 0, "… and renders")
        txt = pdftotext(os.path.join(out, "ke-hoach-thu.pdf"))
        check(all(x in txt for x in ["SỞ TƯ PHÁP", "TỔ CHỨC THỰC HIỆN SỐ 1", "KIỂM TRA, ĐÁNH GIÁ", "Rà soát văn bản quy phạm"]),
              "the rendered PDF has what was typed")
        check(not p.js("const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented"),
              "after saving, leaving does not ask")

        # ------------------------------------------------------------ a sample: next year's plan
        sample = "ke-hoach-ubnd-xa-phu-luc-2025.xml"
        orig = open(os.path.join(folder, sample), encoding="utf-8").read()
        d.get(srv.base + "/#/")
        p.wait(lambda: d.find_elements(By.CSS_SELECTOR, f'tr[data-name="{sample}"] a.open'), "the list")[0].click()
        p.wait(lambda: p.settled() and "ngày 03 tháng 02 năm 2025" in p.preview_text(), "the sample's preview")
        check(not d.find_elements(By.CSS_SELECTOR, ".notice.format"), "a sample round-trips exactly (no rewrite notice)")
        # The preview draws the PDF's words where the PDF has them, with the same font files.
        r = run([a.vanban, "render", os.path.join(folder, sample), "-o", os.path.join(a.work, "orig"), "--format", "pdf"])
        worst, matched = preview_against_pdf(p, os.path.join(a.work, "orig", sample.replace(".xml", ".pdf")))
        check(matched > 200 and worst < 0.5,
              f"page 1: {matched} words of the preview end where the PDF's do (largest difference {worst:.2f} pt)")
        d.find_element(By.CSS_SELECTOR, "button[title^='năm sau']").click()
        p.wait_preview(lambda t: "ngày 03 tháng 02 năm 2026" in t and "Từ ngày 01/01/2026 đến 30/6/2026" in t,
                       "the year moved in the preview")
        check(True, "one click moves the plan to next year in the preview")
        line = p.js("return [...document.querySelectorAll('.pages text')].find(t => t.textContent.includes('MỤC ĐÍCH, YÊU CẦU'))")
        line.click()
        p.wait(lambda: d.switch_to.active_element.text == "Mục đích, yêu cầu", "the section's title field")
        p.wait(lambda: p.js("return document.querySelectorAll('.pages text.hl').length > 5"), "its lines marked in the preview")
        check(True, "a selected section's lines are marked in the preview")
        d.execute_script("document.body.dispatchEvent(new MouseEvent('mousemove'))")
        p.shot(os.path.join(shots, "editor.png"))  # the README's picture (docs/serve-editor.png)
        d.find_element(By.ID, "export-pdf").click()
        pdf = os.path.join(downloads, sample.replace(".xml", ".pdf"))
        p.wait(lambda: os.path.exists(pdf) and os.path.getsize(pdf) > 1000, "the downloaded PDF", 20)
        d.find_element(By.ID, "save").click()
        p.wait(lambda: "Đã lưu" in d.find_element(By.CSS_SELECTOR, ".status").text, "saved")
        now = open(os.path.join(folder, sample), encoding="utf-8").read()
        diff = [l for l in difflib.unified_diff(orig.splitlines(), now.splitlines(), lineterm="", n=0)
                if l[:1] in "+-" and l[:3] not in ("+++", "---")]
        check(len(diff) == 2 and 'year="2026"' in diff[1], f"the save changed only the year line ({diff})")
        r = run([a.vanban, "render", os.path.join(folder, sample), "-o", out, "--format", "pdf"])
        check(r.returncode == 0, "vanban render of the saved sample")
        check(pdftotext(pdf) == pdftotext(os.path.join(out, sample.replace(".xml", ".pdf"))),
              "the exported PDF has the same text as vanban render's")

        # ------------------------------------------------------------ two tabs
        other = "giao-uoc-khoi-vhxh2-2024.xml"
        url = srv.base + "/#/edit/" + other
        first = d.current_window_handle
        d.get(url)
        p.wait(lambda: p.settled(), "tab 1")
        d.switch_to.new_window("tab")
        d.get(url)
        p.wait(lambda: p.settled(), "tab 2")
        second = d.current_window_handle
        d.switch_to.window(first)
        p.type_into(p.field("Trích yếu nội dung"), Keys.END, " (tab một)", clear=False)
        p.wait(lambda: p.settled(), "tab 1 preview")
        d.find_element(By.ID, "save").click()
        p.wait(lambda: "Đã lưu" in d.find_element(By.CSS_SELECTOR, ".status").text, "tab 1 saved")
        d.switch_to.window(second)
        p.type_into(p.field("Trích yếu nội dung"), Keys.END, " (tab hai)", clear=False)
        d.find_element(By.ID, "save").click()
        dlg = p.wait(lambda: d.find_elements(By.ID, "dialog-conflict"), "the conflict dialog")
        p.shot(os.path.join(shots, "conflict.png"))
        ondisk = open(os.path.join(folder, other), encoding="utf-8").read()
        check(dlg and "(tab một)" in ondisk and "(tab hai)" not in ondisk,
              "the second tab's save is refused with a choice; the first tab's file stays")
        dlg[0].find_element(By.XPATH, ".//button[text()='Huỷ']").click()

        # ------------------------------------------------------------ open a Word file
        # Last year's document as Word has it: the DOCX of a sample, renamed.
        word = os.path.join(a.work, "word")
        run([a.vanban, "render", os.path.join(a.source, "data", "ke-hoach-so-ldtbxh-ha-tinh-2024.xml"),
             "-o", word, "--format", "docx"], env={"VANBAN_TEMPLATES": os.path.join(a.source, "templates")})
        upload = os.path.join(word, "ke-hoach-nam-truoc.docx")
        os.replace(os.path.join(word, "ke-hoach-so-ldtbxh-ha-tinh-2024.docx"), upload)
        d.get(srv.url)
        p.wait(lambda: d.find_elements(By.CSS_SELECTOR, ".filelist tbody tr"), "the start page again")
        d.find_element(By.CSS_SELECTOR, "input[name=import-file]").send_keys(upload)
        p.wait(lambda: "#/edit/" in d.current_url and p.settled() and d.find_elements(By.CSS_SELECTOR, ".pages svg"),
               "the imported document in the editor", timeout=30)
        imported = [f for f in os.listdir(folder) if f.startswith("ke-hoach-nam-truoc") and f.endswith(".xml")]
        check(len(imported) == 1, f"'Mở tệp Word' writes a data file into the folder {imported}")
        text = p.preview_text()
        check("KẾ HOẠCH" in text and "Nơi nhận:" in text and p.field("Trích yếu nội dung").text.strip() != "",
              "… and opens it in the editor: tên loại, trích yếu and Nơi nhận in the form and the preview")
        if imported:
            r = run([a.vanban, "check", os.path.join(folder, imported[0])],
                    env={"VANBAN_TEMPLATES": os.path.join(a.source, "templates")})
            check(r.returncode == 0, f"the imported file passes vanban check {r.stderr[-300:]}")
        p.shot(os.path.join(shots, "imported.png"))
        # No script error on the way (Chromium's own styling of an XML parse
        # error, blocked by the page's policy, is not one; nor the refused save).
        errs = [e["message"] for e in d.get_log("browser")
                if e["level"] == "SEVERE" and "Applying inline style violates" not in e["message"]
                and "status of 409" not in e["message"]]
        check(not errs, f"no error in the browser's console {errs[:3]}")

    finally:
        d.quit()
        srv.stop()
    print(f"browser tests took {time.time() - t0:.1f} s")
    finish()


if __name__ == "__main__":
    sys.exit(main())
