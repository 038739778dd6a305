// The form: every part of the data format as fields, built from the XML DOM
// and writing into it. Structural edits (add, delete, move, indent) change
// the DOM and rebuild the card concerned; typing changes only the element
// typed in. This file: the plumbing, the document, header and title cards;
// form-blocks.js, form-table.js and form-ending.js add the rest.
import * as X from './xml.js';
import { InlineField } from './inline.js';
import { BLOCK_NAMES, HEADER_ORDER, ROOT_ORDER, fresh } from './schema.js';
import { blockMethods } from './form-blocks.js';
import { endingMethods } from './form-ending.js';
import { tableMethods } from './form-table.js';
import { el as h } from './ui.js';


export class Form {
  // host: { doc(), changed(structural, focusEl), info, upload(file) → src, imageUrl(src) }
  constructor(host) {
    this.host = host;
    this.reg = new Map(); // XML element → { box, focus, badge, slot, tools, rebuild }
    this.lists = new Map(); // XML container → { list: its cards' element, allowed }
    this.current = null; // the element whose field has the focus
  }

  get doc() {
    return this.host.doc();
  }

  build(root) {
    this.reg.clear();
    this.lists.clear();
    const doc = this.doc;
    const d = doc.documentElement;
    root.textContent = '';
    const parts = [this.documentCard(d), this.headerCard(d), this.titleCard(d)];
    const opening = X.kid(d, 'opening');
    if (opening) parts.push(this.containerCard(opening, 'Căn cứ và mở đầu', true));
    const body = X.kid(d, 'body');
    if (body) parts.push(this.containerCard(body, 'Nội dung', false));
    const closing = X.kid(d, 'closing');
    if (closing) parts.push(this.containerCard(closing, 'Kết thúc', true));
    const rec = X.kid(d, 'recipients');
    if (rec) parts.push(this.recipientsCard(rec));
    const drafter = X.kid(d, 'drafter');
    if (drafter) parts.push(this.drafterCard(drafter));
    const sig = X.kid(d, 'signature');
    if (sig) parts.push(this.signatureCard(sig));
    const parties = X.kid(d, 'parties');
    if (parties) parts.push(this.partiesCard(parties));
    for (const a of X.kids(d, 'appendix')) parts.push(this.appendixCard(a));
    // Parts the form does not know (a newer format): shown, kept, edited as XML.
    for (const c of d.children) if (!ROOT_ORDER.includes(c.localName)) parts.push(this.unknownCard(c));
    parts.push(this.addPartsBar(d));
    root.append(...parts);
  }

  // ---------------------------------------------------------------- plumbing
  register(el, box, focus, badge) {
    const slot = h('div', { class: 'diags' });
    box.append(slot);
    box.vbEl = el;
    const r = { box, focus, badge, slot };
    this.reg.set(el, r);
    return r;
  }

  entryFor(el) {
    for (let e = el; e && e.nodeType === 1; e = e.parentNode) if (this.reg.has(e)) return this.reg.get(e);
    return null;
  }

  select(el) {
    const r = this.entryFor(el);
    if (!r) return false;
    r.box.scrollIntoView({ block: 'center' });
    r.box.classList.remove('flash');
    void r.box.offsetWidth;
    r.box.classList.add('flash');
    if (r.focus) r.focus();
    return true;
  }

  // Only what changed is touched: a keystroke's preview must not make the
  // browser lay out the whole form again.
  setLabels(labels) {
    for (const [el, r] of this.reg) {
      if (!r.badge) continue;
      const t = labels.get(el) || '';
      if (r.badge.textContent !== t) r.badge.textContent = t;
    }
  }

  setDiags(list) {
    const want = new Map();
    for (const { el, d } of list) {
      const r = el && this.entryFor(el);
      if (!r) continue;
      if (!want.has(r)) want.set(r, []);
      want.get(r).push(d);
    }
    for (const r of this.reg.values()) {
      const ds = want.get(r) || [];
      const key = JSON.stringify(ds.map((d) => [d.severity, d.message, d.hint]));
      if ((r.diagKey || '[]') === key) continue;
      r.diagKey = key;
      r.slot.textContent = '';
      for (const d of ds) r.slot.append(diagNode(d));
    }
  }

  // A change of the DOM. Structural ones rebuild the form: the card of
  // `scope` (the element whose children changed) or, without one, all of it.
  text(structural = false, focusEl = null, scope = null, op = null) {
    this.host.changed(structural, focusEl, scope, op);
  }

  // Rebuilds the nearest card that can rebuild itself around `el`; false
  // when there is none (the caller rebuilds the whole form).
  rebuildAt(el) {
    for (let e = el; e && e.nodeType === 1; e = e.parentNode) {
      const r = this.reg.get(e);
      if (!r || !r.rebuild || !document.contains(r.box)) continue;
      for (const k of [...this.reg.keys()]) if (e.contains(k)) this.reg.delete(k);
      for (const k of [...this.lists.keys()]) if (e.contains(k)) this.lists.delete(k);
      const box = r.rebuild();
      r.box.replaceWith(box);
      return true;
    }
    return false;
  }

  tracked(field, el) {
    field.node.addEventListener('focus', () => this.focusOn(el));
    return field;
  }

  focusOn(el) {
    this.current = el;
    if (this.host.focused) this.host.focused(el);
  }

  inline(el, opts = {}) {
    const f = new InlineField(el, {
      ...opts,
      onChange: () => this.text(false),
      hooks: { chip: (n, chip, field) => this.host.editChip(n, chip, field) },
    });
    f.node.addEventListener('focus', () => {
      this.activeField = f;
      this.focusOn(el);
    });
    return f;
  }

  // A labelled row in a card. A <div>, not a <label>: a click anywhere in a
  // label would press the first button in it.
  row(label, ...control) {
    return h('div', { class: 'row' }, h('span', { class: 'lbl', text: label }), ...control);
  }

  input(value, onInput, attrs = {}) {
    const i = h('input', { type: 'text', ...attrs });
    i.value = value;
    i.addEventListener('input', () => onInput(i.value));
    return i;
  }

  // A plain text child element (<code>, <name> …), created when typed into.
  childText(parent, name, order, { remove = true } = {}) {
    const el = X.kid(parent, name);
    const i = this.input(X.plainText(el), (v) => {
      let e = X.kid(parent, name);
      if (!e && v === '') return;
      if (!e) e = X.ensureChild(parent, name, order);
      if (v === '' && remove) {
        X.removeBlock(e);
        this.text(false);
        return;
      }
      X.setText(e, v);
      this.text(false);
    }, { name });
    i.addEventListener('focus', () => this.focusOn(X.kid(parent, name) || parent));
    return i;
  }

  attrInput(el, attr, attrs = {}) {
    const i = this.input(el.getAttribute(attr) || '', (v) => {
      X.setAttr(el, attr, v.trim());
      this.text(false);
    }, attrs);
    i.addEventListener('focus', () => this.focusOn(el));
    return i;
  }

  select_(options, value, onChange) {
    const s = h('select');
    for (const [v, label] of options) {
      const o = h('option', { value: v, text: label });
      if (v === value) o.selected = true;
      s.append(o);
    }
    s.addEventListener('change', () => onChange(s.value));
    return s;
  }

  tool(label, title, fn, disabled = false) {
    return h('button', {
      type: 'button', class: 'tool', title, text: label, disabled,
      onclick: (e) => {
        e.preventDefault();
        fn();
      },
    });
  }

  card(el, title, { cls = '', badge = false, tools = [] } = {}) {
    const b = badge ? h('span', { class: 'badge' }) : null;
    const body = h('div', { class: 'body' });
    const box = h('section', { class: `card ${cls}` },
      h('div', { class: 'head' }, h('span', { class: 'title', text: title }), b, h('span', { class: 'spacer' }), ...tools),
      body);
    return { box, body, badge: b };
  }

  // ---------------------------------------------------------------- document
  documentCard(d) {
    const { box, body, badge } = this.card(d, 'Văn bản', { cls: 'doc', badge: true });
    const kinds = (this.host.info.kinds || []).map((k) => [k.kind, `${k.description} (${k.kind})`]);
    const kind = d.getAttribute('kind') || '';
    if (!kinds.find((k) => k[0] === kind)) kinds.unshift([kind, kind || '(chưa chọn)']);
    body.append(this.row('Loại văn bản', this.select_(kinds, kind, (v) => {
      d.setAttribute('kind', v);
      this.text(true, d);
    })));
    const year = this.attrInput(d, 'year', { inputmode: 'numeric', class: 'year', name: 'doc-year' });
    const bump = (k) => () => {
      const old = parseInt(d.getAttribute('year') || this.host.info.year, 10);
      const y = old + k;
      d.setAttribute('year', String(y));
      year.value = String(y);
      // A date that names the same year explicitly moves with it.
      const date = X.kid(X.kid(d, 'header') || d, 'date');
      if (date && date.getAttribute('year') === String(old)) {
        date.setAttribute('year', String(y));
        this.text(true, d);
      } else {
        this.text(false);
      }
    };
    body.append(this.row('Năm của văn bản', year, this.tool('− 1', 'năm trước', bump(-1)),
      this.tool('+ 1', 'năm sau: mọi <năm>, ngày kỷ niệm và ngày tháng theo', bump(1))));
    body.append(h('p', { class: 'help', text: 'Đổi năm một lần: năm trong văn bản, các ngày kỷ niệm và ngày ban hành đổi theo.' }));
    this.register(d, box, () => year.focus(), badge);
    return box;
  }

  // A required part that the file lacks: a button that creates it.
  missing(label, create) {
    return h('div', { class: 'field missing' }, this.row(label, this.tool(`Thêm ${label.toLowerCase()}`, 'phần bắt buộc còn thiếu', () => {
      const e = create();
      this.text(true, e);
    })));
  }

  headerCard(d) {
    const hd = X.kid(d, 'header');
    if (!hd) return this.missing('Phần đầu', () => X.ensureChild(d, 'header', ROOT_ORDER));
    const { box, body } = this.card(hd, 'Phần đầu (ô 1–4)');
    const field = (name, label, control, badge = false) => {
      const b = badge ? h('span', { class: 'badge' }) : null;
      const r = h('div', { class: 'field' }, this.row(label, control), b);
      const el = X.kid(hd, name);
      if (el) this.register(el, r, () => (control.focus ? control.focus() : null), b);
      return r;
    };
    const inlineChild = (name, label, extra) => {
      const el = X.kid(hd, name);
      if (!el) {
        return h('div', { class: 'field' }, this.row(label, this.tool('Thêm', `thêm ${label.toLowerCase()}`, () => {
          const e = X.ensureChild(hd, name, HEADER_ORDER);
          this.text(true, e);
        })));
      }
      const f = this.inline(el, { multiline: true, placeholder: label });
      const r = h('div', { class: 'field' }, this.row(label, f.node, ...(extra ? [extra(el)] : [])));
      this.register(el, r, () => f.focus());
      return r;
    };
    body.append(inlineChild('parent', 'Cơ quan chủ quản', (el) => this.tool('✕', 'bỏ cơ quan chủ quản', () => {
      X.removeBlock(el);
      this.text(true, hd);
    })));
    body.append(inlineChild('agency', 'Cơ quan ban hành'));
    const agency = X.kid(hd, 'agency');
    if (agency)
      body.append(this.row('Tên gọi trong văn bản', this.attrInput(agency, 'short', { placeholder: 'ví dụ: Ủy ban nhân dân xã Trí Yên' })));
    body.append(h('p', { class: 'help', text: 'Xuống dòng (Shift+Enter) ở chỗ nghĩa ngắt: cột đầu chỉ rộng khoảng 66 mm.' }));
    const numRow = h('div', { class: 'pair' },
      field('number', 'Số', this.childText(hd, 'number', HEADER_ORDER, { remove: false })),
      field('code', 'Ký hiệu', this.childText(hd, 'code', HEADER_ORDER), true));
    body.append(numRow, h('p', { class: 'help', text: 'Số để trống: điền khi đăng ký. Ký hiệu để trống: không in dòng “Số”.' }));
    body.append(field('place', 'Địa danh', this.childText(hd, 'place', HEADER_ORDER, { remove: false })));
    const date = X.kid(hd, 'date');
    if (!date) {
      body.append(this.missing('Ngày ban hành', () => X.ensureChild(hd, 'date', HEADER_ORDER)));
      this.register(hd, box, null);
      return box;
    }
    const b = h('span', { class: 'badge' });
    const dd = this.attrInput(date, 'day', { inputmode: 'numeric', class: 'small', name: 'date-day' });
    const dateBox = h('div', { class: 'field' }, h('div', { class: 'row' }, h('span', { class: 'lbl', text: 'Ngày ban hành' }),
      h('span', { text: 'ngày' }), dd,
      h('span', { text: 'tháng' }), this.attrInput(date, 'month', { inputmode: 'numeric', class: 'small', name: 'date-month' }),
      h('span', { text: 'năm' }), this.attrInput(date, 'year', { inputmode: 'numeric', class: 'year', placeholder: 'theo văn bản', name: 'date-year' })), b);
    this.register(date, dateBox, () => dd.focus(), b);
    body.append(dateBox);
    for (const c of hd.children) if (!HEADER_ORDER.includes(c.localName)) body.append(this.unknownCard(c));
    this.register(hd, box, () => {
      const f = box.querySelector('.inline, input');
      if (f) f.focus();
    });
    return box;
  }

  titleCard(d) {
    const subject = X.kid(d, 'subject');
    if (!subject) return this.missing('Trích yếu', () => X.ensureChild(d, 'subject', ROOT_ORDER));
    const { box, body } = this.card(subject, 'Tên loại và trích yếu (ô 5a)');
    const f = this.inline(subject, { multiline: true, placeholder: 'Trích yếu nội dung' });
    body.append(this.row('Trích yếu', f.node), h('p', { class: 'help', text: 'Tên loại (KẾ HOẠCH …) theo loại văn bản; Shift+Enter để xuống dòng.' }));
    this.register(subject, box, () => f.focus());
    return box;
  }

  addPartsBar(d) {
    const bar = h('div', { class: 'addbar parts' }, h('span', { class: 'lbl', text: 'Thêm phần:' }));
    const add = (name, label) => {
      if (X.kid(d, name) && name !== 'appendix') return;
      bar.append(this.tool(label, `thêm ${label.toLowerCase()}`, () => {
        const el = name === 'appendix' ? null : X.build(this.doc, fresh(name), BLOCK_NAMES);
        if (name === 'appendix') {
          const a = X.build(this.doc, fresh('appendix'), BLOCK_NAMES);
          X.insertBlock(d, a, null);
          this.text(true, a);
        } else if (name === 'drafter') {
          const e = X.ensureChild(d, 'drafter', ROOT_ORDER);
          this.text(true, e);
        } else {
          const e = X.ensureChild(d, name, ROOT_ORDER, () => el);
          this.text(true, e);
        }
      }));
    };
    add('opening', 'Căn cứ và mở đầu');
    add('closing', 'Kết thúc');
    add('recipients', 'Nơi nhận');
    add('drafter', 'Người soạn');
    add('signature', 'Chữ ký');
    add('parties', 'Các bên giao ước');
    add('appendix', 'Phụ lục');
    return bar;
  }
}

Object.assign(Form.prototype, blockMethods, tableMethods, endingMethods);

export function diagNode(d) {
  const sev = d.severity === 'error' ? 'Lỗi' : 'Cảnh báo';
  return h('div', { class: `diag ${d.severity}` }, h('b', { text: `${sev}: ` }), d.message,
    d.hint ? h('span', { class: 'hint', text: ` — ${d.hint}` }) : null);
}
