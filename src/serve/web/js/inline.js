// A text field for inline content (<p>, <title>, <cell> …): what the clerk
// sees is the text with bold, italic and line breaks; footnotes and
// generated text (<year/>, <anniv/> …) are chips that hold their XML nodes,
// so that writing the field back into the DOM keeps them untouched.
import { INLINE } from './schema.js';

const CHIP_TEXT = {
  year: (n) => {
    const off = parseInt(n.getAttribute('offset') || '0', 10);
    if (n.getAttribute('form') === 'can-chi') return 'năm âm lịch';
    return off ? `năm ${off > 0 ? '+' : '−'}${Math.abs(off)}` : 'năm';
  },
  anniv: (n) => `kỷ niệm: ${n.getAttribute('event') || '?'}`,
  'party-count': () => 'số bên',
  'party-list': () => 'danh sách các bên',
};

// Elements of `el` that are its inline part (before a nested list).
export function inlineNodes(el, stopAt) {
  const out = [];
  for (const c of el.childNodes) {
    if (c.nodeType === 1 && stopAt && stopAt.has(c.localName)) break;
    out.push(c);
  }
  return out;
}

export class InlineField {
  // opts: {multiline, stopAt: Set of block children, onChange(), onEnter(shift), placeholder, hooks}
  constructor(el, opts = {}) {
    this.el = el;
    this.opts = opts;
    const d = document.createElement('div');
    d.className = 'inline' + (opts.multiline ? ' multi' : '');
    d.contentEditable = 'true';
    d.spellcheck = false;
    if (opts.placeholder) d.dataset.placeholder = opts.placeholder;
    d.inlineField = this;
    this.node = d;
    this.render();
    d.addEventListener('input', () => this.commit());
    // Where the caret was when the field lost the focus (to a toolbar menu).
    d.addEventListener('blur', () => {
      const sel = window.getSelection();
      this.lastRange = sel.rangeCount && d.contains(sel.anchorNode) ? sel.getRangeAt(0).cloneRange() : null;
    });
    d.addEventListener('keydown', (e) => this.key(e));
    d.addEventListener('paste', (e) => {
      e.preventDefault();
      const t = (e.clipboardData.getData('text/plain') || '').replace(/\r\n?/g, '\n');
      const lines = opts.multiline ? t.split('\n') : [t.replace(/\n/g, ' ')];
      lines.forEach((l, k) => {
        if (k) this.lineBreak();
        document.execCommand('insertText', false, l);
      });
    });
    d.addEventListener('click', (e) => {
      const chip = e.target.closest('.chip');
      if (chip && chip.vbNode && opts.hooks && opts.hooks.chip) opts.hooks.chip(chip.vbNode, chip, this);
    });
  }

  // XML → editable HTML.
  render() {
    const d = this.node;
    d.textContent = '';
    const nodes = inlineNodes(this.el, this.opts.stopAt);
    const add = (parent, list, first, last) => {
      list.forEach((n, k) => {
        if (n.nodeType === 3) {
          let t = n.data.replace(/\s+/g, ' ');
          if (first && k === 0) t = t.replace(/^ /, '');
          if (last && k === list.length - 1) t = t.replace(/ $/, '');
          if (t) parent.appendChild(document.createTextNode(t));
        } else if (n.nodeType === 1 && (n.localName === 'b' || n.localName === 'i')) {
          const h = document.createElement(n.localName);
          add(h, [...n.childNodes], false, false);
          parent.appendChild(h);
        } else if (n.nodeType === 1 && n.localName === 'br') {
          parent.appendChild(document.createElement('br'));
        } else {
          parent.appendChild(this.chip(n));
        }
      });
    };
    add(d, nodes, true, true);
    // A trailing <br> needs a second one to show as a line in contenteditable.
    if (d.lastChild && d.lastChild.nodeName === 'BR') d.appendChild(document.createElement('br'));
  }

  chip(n) {
    const s = document.createElement('span');
    s.contentEditable = 'false';
    s.vbNode = n;
    if (n.nodeType === 8 || n.nodeType === 7) {
      s.className = 'chip hidden';
      s.title = 'ghi chú trong tệp (giữ nguyên)';
      return s;
    }
    const name = n.localName;
    if (name === 'fn') {
      s.className = 'chip fn';
      s.textContent = '✱';
      s.title = 'Chú thích: ' + n.textContent.replace(/\s+/g, ' ').trim();
    } else if (CHIP_TEXT[name]) {
      s.className = 'chip field';
      s.textContent = CHIP_TEXT[name](n);
      s.title = 'Chữ do vanban tính (theo năm của văn bản)';
    } else {
      s.className = 'chip unknown';
      s.textContent = `<${name}>`;
      s.title = INLINE.has(name) ? '' : 'phần tử không thuộc định dạng';
    }
    return s;
  }

  refreshChip(chip) {
    const n = this.chip(chip.vbNode);
    chip.replaceWith(n);
  }

  key(e) {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (this.opts.onEnter && !e.shiftKey) this.opts.onEnter();
      else if (this.opts.multiline) this.lineBreak();
    }
  }

  // A <br> at the caret (the browser's own line break is a "\n" in text).
  lineBreak() {
    const sel = window.getSelection();
    if (!sel.rangeCount || !this.node.contains(sel.anchorNode)) return;
    const r = sel.getRangeAt(0);
    r.deleteContents();
    const br = document.createElement('br');
    r.insertNode(br);
    let after = br.nextSibling;
    while (after && after.nodeType === 3 && after.data === '') after = after.nextSibling;
    if (!after) br.after(document.createElement('br')); // so that the new line shows
    r.setStartAfter(br);
    r.collapse(true);
    sel.removeAllRanges();
    sel.addRange(r);
    this.commit();
  }

  // Editable HTML → the element's inline XML children.
  commit() {
    const doc = this.el.ownerDocument;
    const out = [];
    const walk = (h, into) => {
      for (const c of h.childNodes) {
        if (c.nodeType === 3) {
          c.data.replace(/\u00a0/g, ' ').split('\n').forEach((t, k) => {
            if (k) into.push(doc.createElement('br'));
            if (t) into.push(doc.createTextNode(t));
          });
        } else if (c.nodeType === 1 && c.vbNode) {
          into.push(c.vbNode);
        } else if (c.nodeType === 1) {
          const tag = c.nodeName;
          if (tag === 'BR') {
            // The browser's placeholder line break at the very end is not content.
            if (!(c === h.lastChild && h === this.node && c.previousSibling && c.previousSibling.nodeName === 'BR'))
              into.push(doc.createElement('br'));
          } else if (tag === 'B' || tag === 'STRONG' || tag === 'I' || tag === 'EM') {
            const x = doc.createElement(tag === 'B' || tag === 'STRONG' ? 'b' : 'i');
            const inner = [];
            walk(c, inner);
            inner.forEach((n) => x.appendChild(n));
            if (x.firstChild) into.push(x);
          } else if (tag === 'DIV' || tag === 'P') {
            if (into.length) into.push(doc.createElement('br'));
            walk(c, into);
          } else {
            walk(c, into);
          }
        }
      }
    };
    walk(this.node, out);
    if (!this.opts.multiline) {
      for (let k = out.length - 1; k >= 0; --k) if (out[k].nodeType === 1 && out[k].localName === 'br') out.splice(k, 1);
    }
    const old = inlineNodes(this.el, this.opts.stopAt);
    const ref = old.length ? old[old.length - 1].nextSibling : this.el.firstChild;
    // Line breaks and indentation around the text (hand-written layout) stay.
    const first = old[0], last = old[old.length - 1];
    const lead = first && first.nodeType === 3 ? /^\s*\n[ \t]*/.exec(first.data) : null;
    const trail = last && last.nodeType === 3 ? /\n[ \t]*$/.exec(last.data) : null;
    if (lead) out.unshift(doc.createTextNode(lead[0]));
    if (trail && (ref || out.length > 1)) out.push(doc.createTextNode(trail[0]));
    const keep = new Set(out);
    for (const n of old) if (!keep.has(n)) n.remove();
    for (const n of out) this.el.insertBefore(n, ref);
    // Adjacent text nodes as one.
    for (let n = this.el.firstChild; n; n = n.nextSibling)
      while (n.nodeType === 3 && n.nextSibling && n.nextSibling.nodeType === 3) {
        n.data += n.nextSibling.data;
        n.nextSibling.remove();
      }
    if (this.opts.onChange) this.opts.onChange(this);
  }

  // Inserts a node (footnote, <year/> …) at the caret, as a chip.
  insert(n) {
    const sel = window.getSelection();
    const chip = this.chip(n);
    const r0 = sel.rangeCount && this.node.contains(sel.anchorNode) ? sel.getRangeAt(0) : this.lastRange;
    if (r0) {
      const r = r0;
      r.collapse(false);
      r.insertNode(chip);
      r.setStartAfter(chip);
      r.collapse(true);
      sel.removeAllRanges();
      sel.addRange(r);
    } else {
      this.node.appendChild(chip);
    }
    this.commit();
    return chip;
  }

  focus() {
    this.node.focus();
    const sel = window.getSelection();
    const r = document.createRange();
    r.selectNodeContents(this.node);
    r.collapse(false);
    sel.removeAllRanges();
    sel.addRange(r);
  }
}
