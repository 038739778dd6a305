// The editor's preview: pages from the server put on screen line by line
// (only what an edit changed, on the pages in view), the checks at their
// fields and in the list, the numbering labels, clicks on a line, the
// focused element's lines marked.
import * as X from './xml.js';
import { diagNode } from './form.js';
import { el as h } from './ui.js';
import { api } from './api.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

// Puts a page into its box, replacing only the elements (lines) that differ
// from what the box shows: typing redraws a line or two, not the page.
function showPage(box, page) {
  const svg = box.firstElementChild;
  const old = box.vbParts;
  if (!svg || !old || box.vbOpen !== page.open) {
    box.innerHTML = page.open + page.parts.join('') + '</svg>';
  } else {
    const now = page.parts;
    let a = 0;
    while (a < old.length && a < now.length && old[a] === now[a]) ++a;
    let b = 0;
    while (b < old.length - a && b < now.length - a && old[old.length - 1 - b] === now[now.length - 1 - b]) ++b;
    const kids = svg.children;
    for (let k = old.length - b - 1; k >= a; --k) kids[k].remove();
    if (now.length - b > a) {
      const tmp = document.createElementNS(SVG_NS, 'svg');
      tmp.innerHTML = now.slice(a, now.length - b).join('');
      const frag = document.createDocumentFragment();
      while (tmp.firstChild) frag.appendChild(tmp.firstChild);
      svg.insertBefore(frag, kids[a] || null);
    }
  }
  box.vbParts = page.parts;
  box.vbOpen = page.open;
}

export const previewMethods = {
  // ---------------------------------------------------------------- preview
  schedule() {
    this.wanted = true;
    if (!this.inflight) this.sendPreview();
  },

  async sendPreview() {
    this.wanted = false;
    this.inflight = true;
    const text = this.text;
    const started = this.editStart;
    this.editStart = null;
    let res = null;
    const sent = performance.now();
    try {
      res = await api.preview(this.name, text, [...this.pageCache.keys()]);
    } catch (e) {
      this.previewInfo.textContent = e.message;
    }
    if (res) {
      const got = performance.now();
      this.applyPreview(res, text);
      const applied = performance.now();
      // Measured from the edit to the preview on screen (the frame after).
      requestAnimationFrame(() => requestAnimationFrame(() => {
        const shown = performance.now();
        this.stats.previews++;
        if (started !== null && started !== undefined) {
          this.stats.latencies.push(shown - started);
          this.stats.phases.push({ queued: sent - started, request: got - sent, apply: applied - got, paint: shown - applied,
            sent: res.pages ? res.pages.filter((pg) => pg.parts !== undefined).length : 0 });
        }
        if (res.ms) this.stats.server.push(res.ms.total || res.ms.load);
        this.stats.lastText = text;
      }));
    }
    this.inflight = false;
    if (this.wanted) this.sendPreview();
  },

  flush(box) {
    if (!box.vbPending) return;
    showPage(box, box.vbPending);
    box.vbPending = null;
    this.pending.delete(box);
  },

  flushLater() {
    if (this.idle) return;
    this.idle = requestIdleCallback(() => {
      this.idle = null;
      for (const box of [...this.pending]) this.flush(box);
    }, { timeout: 500 });
  },

  applyPreview(res, text) {
    this.last = { res, text };
    if (res.ok && res.pages) {
      const cache = new Map();
      const kids = [...this.pages.children];
      res.pages.forEach((p, i) => {
        const page = p.parts !== undefined ? { open: p.open, parts: p.parts } : this.pageCache.get(p.h);
        cache.set(p.h, page);
        let box = kids[i];
        if (!box) {
          box = h('div', { class: 'pagebox' });
          this.pages.append(box);
        }
        if (box.dataset.h !== p.h) {
          box.dataset.h = p.h;
          // Pages out of view are redrawn when they come into view, or when
          // the browser is idle: an edit costs the pages one sees.
          if (box.vbVisible) {
            showPage(box, page);
            box.vbPending = null;
          } else {
            if (!box.vbPending) this.pending.add(box);
            box.vbPending = page;
          }
        }
        if (!box.vbObserved) {
          this.observer.observe(box);
          box.vbObserved = true;
        }
      });
      if (this.pending.size) this.flushLater();
      for (let i = res.pages.length; i < kids.length; ++i) {
        this.pending.delete(kids[i]);
        this.observer.unobserve(kids[i]);
        kids[i].remove();
      }
      this.pageCache = cache;
      this.pages.classList.remove('stale');
      const more = res.page_count > res.pages.length ? ` (xem ${res.pages.length} trang đầu; xuất PDF để xem hết)` : '';
      const info = `${res.page_count} trang${more}`;
      if (this.previewInfo.textContent !== info) this.previewInfo.textContent = info;
      this.previewInfo.title = res.ms ? `máy chủ: ${Object.entries(res.ms).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(', ')}` : '';
    } else {
      this.pages.classList.add('stale');
      this.previewInfo.textContent = 'Chưa vẽ lại được trang: sửa các lỗi bên trái.';
    }
    const blocked = !(res.ok && res.errors === 0);
    if (this.pdfBtn.disabled !== blocked) {
      this.pdfBtn.disabled = this.docxBtn.disabled = blocked;
      this.pdfBtn.title = this.docxBtn.title = blocked ? 'văn bản còn lỗi: sửa rồi mới xuất được (vẫn lưu được)' : '';
    }
    this.applyChecks(this.last);
  },

  // Messages at their fields, and the list at the top; numbering labels.
  applyChecks({ res, text }) {
    const current = text === this.text && !this.parseError;
    const diags = res.diags || [];
    const located = diags.map((d) => ({ d, el: current && d.e >= 0 ? X.elementAt(this.doc, d.e) : null }));
    this.form.setDiags(located.filter((x) => x.el));
    const key = JSON.stringify([current, diags.map((d) => [d.severity, d.e, d.line, d.message])]);
    if (key !== this.checksKey) this.showChecks(diags, located);
    this.checksKey = key;
    if (current && res.labels) {
      const m = new Map();
      for (const [e, label] of res.labels) {
        const el = X.elementAt(this.doc, e);
        if (el) m.set(el, label);
      }
      this.form.setLabels(m);
    }
  },

  showChecks(diags, located) {
    this.checks.textContent = '';
    const errors = diags.filter((d) => d.severity === 'error').length;
    const warnings = diags.length - errors;
    this.checks.className = `checks ${errors ? 'has-errors' : warnings ? 'has-warnings' : 'ok'}`;
    this.checks.append(h('div', { class: 'summary', text: errors || warnings
      ? `Kiểm tra: ${errors} lỗi, ${warnings} cảnh báo` + (errors ? ' — chưa xuất được; vẫn lưu được.' : '')
      : 'Kiểm tra: không có lỗi theo Nghị định 30.' }));
    for (const { d, el } of located) {
      const n = diagNode(d);
      if (d.line) n.prepend(h('span', { class: 'pos', text: `dòng ${d.line}: ` }));
      if (el) {
        n.classList.add('link');
        n.addEventListener('click', () => this.goTo(el));
      }
      this.checks.append(n);
    }
  },

  goTo(el) {
    if (!this.source.hidden) this.showForm();
    this.form.select(el);
  },

  selectOrdinal(n) {
    if (!this.last || this.last.text !== this.text || this.parseError) return;
    const el = X.elementAt(this.doc, n);
    if (el) this.goTo(el);
  },

  // The lines of the focused element in the preview.
  highlight(el) {
    for (const t of this.pages.querySelectorAll('.hl')) t.classList.remove('hl');
    if (!el || !this.last || this.last.text !== this.text) return;
    // The nearest element with lines of its own, and everything inside it
    // (its descendants are the next numbers in document order).
    const ord = X.ordinals(this.doc);
    for (let e = el; e && e.nodeType === 1; e = e.parentNode) {
      const lo = ord.get(e);
      if (!this.pages.querySelector(`[data-e="${lo}"]`)) continue;
      const hi = e === this.doc.documentElement ? lo : lo + e.getElementsByTagName('*').length;
      let first = null;
      for (const t of this.pages.querySelectorAll('text[data-e]')) {
        const n = +t.dataset.e;
        if (n >= lo && n <= hi) {
          t.classList.add('hl');
          first = first || t;
        }
      }
      if (first && e !== this.doc.documentElement) first.scrollIntoView({ block: 'nearest' });
      return;
    }
  },
};
