// The form: every part of the data format as fields, built from the XML DOM
// and writing into it. Structural edits (add, delete, move, indent) change
// the DOM and rebuild the form; typing changes only the element typed in.
import * as X from './xml.js';
import { InlineField } from './inline.js';
import { BLOCK_NAMES, BODY_BLOCKS, CONTAINERS, HEADER_ORDER, NAMES, PREFIXES, ROOT_ORDER, fresh } from './schema.js';

const h = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
};

const LIST_ITEM = { targets: 'target', bullets: 'item', numbered: 'item' };
const STOP_LISTS = new Set(['bullets']);

export class Form {
  // host: { doc(), changed(structural, focusEl), info, upload(file) → src, imageUrl(src) }
  constructor(host) {
    this.host = host;
    this.reg = new Map(); // XML element → { box, focus, badge, slot }
    this.current = null; // the element whose field has the focus
  }

  get doc() {
    return this.host.doc();
  }

  build(root) {
    this.reg.clear();
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
  text(structural = false, focusEl = null, scope = null) {
    this.host.changed(structural, focusEl, scope);
  }

  // Rebuilds the nearest card that can rebuild itself around `el`; false
  // when there is none (the caller rebuilds the whole form).
  rebuildAt(el) {
    for (let e = el; e && e.nodeType === 1; e = e.parentNode) {
      const r = this.reg.get(e);
      if (!r || !r.rebuild || !document.contains(r.box)) continue;
      for (const k of [...this.reg.keys()]) if (e.contains(k)) this.reg.delete(k);
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
      const y = parseInt(d.getAttribute('year') || this.host.info.year, 10) + k;
      d.setAttribute('year', String(y));
      year.value = String(y);
      this.text(false);
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

  // ---------------------------------------------------------------- blocks
  // A card for a whole container (<body>, <opening>, <closing>).
  containerCard(el, title, removable) {
    const tools = removable ? [this.tool('✕', `bỏ ${title.toLowerCase()}`, () => {
      if (el.firstElementChild && !confirm(`Bỏ cả phần “${title}”?`)) return;
      X.removeBlock(el);
      this.text(true, el.parentNode);
    })] : [];
    const { box, body } = this.card(el, title, { cls: 'container', tools });
    body.append(this.blocks(el, CONTAINERS[el.localName] || BODY_BLOCKS));
    this.register(el, box, () => {
      const f = body.querySelector('.inline, input');
      if (f) f.focus();
    }).rebuild = () => this.containerCard(el, title, removable);
    return box;
  }

  // The block children of `el` (skipping `skip`), then the bar to add more.
  blocks(el, allowed, skip = new Set()) {
    const list = h('div', { class: 'blocks' });
    for (const c of el.children) if (!skip.has(c)) list.append(this.block(c, allowed));
    list.append(this.addBar(el, allowed, null));
    return list;
  }

  addBar(parent, allowed, after) {
    const bar = h('div', { class: 'addbar' }, h('span', { class: 'lbl', text: after ? 'Chèn sau:' : 'Thêm:' }));
    for (const name of allowed) {
      bar.append(this.tool(NAMES[name] || name, `thêm ${(NAMES[name] || name).toLowerCase()}`, () => {
        const mark = name === 'bullets' && ['target', 'item'].includes(parent.localName) ? '+' : undefined;
        const el = X.build(this.doc, fresh(name, { mark }), BLOCK_NAMES);
        X.insertBlock(parent, el, after ? after.nextElementSibling : null);
        this.text(true, el, parent);
      }));
    }
    return bar;
  }

  // Move/indent/delete tools of a block inside a container.
  blockTools(el, allowed) {
    const parent = el.parentNode;
    const sib = (dir) => {
      for (let s = dir < 0 ? el.previousElementSibling : el.nextElementSibling; s;
        s = dir < 0 ? s.previousElementSibling : s.nextElementSibling)
        if (allowed.includes(s.localName)) return s;
      return null;
    };
    const prev = sib(-1);
    const next = sib(1);
    const host = parent.localName === 'section' || parent.localName === 'part' ? parent : null;
    const into = prev && (prev.localName === 'section' || prev.localName === 'part') ? prev : null;
    let after = null;
    const tools = [
      this.tool('↑', 'lên trên', () => {
        X.moveBlock(el, parent, prev);
        this.text(true, el, parent);
      }, !prev),
      this.tool('↓', 'xuống dưới', () => {
        X.moveBlock(el, parent, next.nextElementSibling);
        this.text(true, el, parent);
      }, !next),
      this.tool('←', 'lùi ra (lên một cấp)', () => {
        const up = host.parentNode;
        X.moveBlock(el, up, host.nextElementSibling);
        this.text(true, el, up);
      }, !host || !(CONTAINERS[host.parentNode.localName] || []).includes(el.localName)),
      this.tool('→', 'thụt vào (thành mục con của mục trên)', () => {
        X.moveBlock(el, into, null);
        this.text(true, el, parent);
      }, !into),
      this.tool('+', 'chèn sau', () => {
        if (after) {
          after.remove();
          after = null;
          return;
        }
        after = this.addBar(parent, allowed, el);
        after.classList.add('inserting');
        this.entryFor(el).box.after(after);
      }),
      this.tool('✕', 'xoá', () => {
        const n = el.getElementsByTagName('*').length;
        if (n > 3 && !confirm(`Xoá ${NAMES[el.localName] || el.localName} này cùng nội dung bên trong?`)) return;
        const focus = next || prev || parent;
        X.removeBlock(el);
        this.text(true, focus, parent);
      }),
    ];
    return tools;
  }

  block(el, allowed) {
    const box = this.blockCard(el, allowed);
    const r = this.reg.get(el);
    if (r) r.rebuild = () => this.block(el, allowed);
    return box;
  }

  blockCard(el, allowed) {
    const name = el.localName;
    const tools = this.blockTools(el, allowed);
    switch (name) {
      case 'p':
      case 'basis':
      case 'phase':
        return this.paraBlock(el, tools);
      case 'section':
      case 'part':
        return this.sectionBlock(el, tools);
      case 'targets':
      case 'bullets':
      case 'numbered':
        return this.listBlock(el, tools);
      case 'table':
        return this.tableBlock(el, tools);
      default:
        return this.unknownCard(el, tools);
    }
  }

  unknownCard(el, tools = []) {
    const { box, body } = this.card(el, `<${el.localName}>`, { cls: 'unknown', tools });
    body.append(h('p', { class: 'help', text: 'Biểu mẫu chưa có phần này: nó được giữ nguyên; sửa ở tab Mã XML.' }),
      h('pre', { class: 'xml', text: new XMLSerializer().serializeToString(el).slice(0, 600) }));
    this.register(el, box, null);
    return box;
  }

  paraBlock(el, tools) {
    const name = el.localName;
    const { box, body, badge } = this.card(el, NAMES[name], { cls: `block ${name}`, tools, badge: name === 'phase' });
    const f = this.inline(el, {
      multiline: true,
      placeholder: name === 'basis' ? 'Căn cứ …' : 'Nội dung đoạn văn',
      onEnter: () => {
        // Enter starts the next paragraph of the same kind, as in Word.
        const n = X.build(this.doc, fresh(name === 'phase' ? 'p' : name), BLOCK_NAMES);
        const parent = el.parentNode;
        X.insertBlock(parent, n, el.nextElementSibling);
        this.text(true, n, parent);
      },
    });
    body.append(f.node);
    this.register(el, box, () => f.focus(), badge);
    return box;
  }

  sectionBlock(el, tools) {
    const isPart = el.localName === 'part';
    const title = X.kid(el, 'title');
    const lead = X.kid(el, 'lead');
    const { box, body, badge } = this.card(el, isPart ? 'Phần' : 'Mục', { cls: `block ${el.localName}`, tools, badge: true });
    const skip = new Set();
    let focus = null;
    if (title) {
      skip.add(title);
      const f = this.inline(title, { placeholder: 'Tiêu đề', onEnter: () => {} });
      this.register(title, f.node, () => f.focus());
      focus = () => f.focus();
      body.append(this.row('Tiêu đề', f.node));
      if (lead) {
        skip.add(lead);
        const l = this.inline(lead, { placeholder: 'Lời dẫn chạy tiếp sau tiêu đề' });
        body.append(this.row('Lời dẫn', l.node, this.tool('✕', 'bỏ lời dẫn', () => {
          X.removeBlock(lead);
          this.text(true, el);
        })));
      }
    } else if (!isPart) {
      const first = el.firstElementChild;
      if (first && first.localName === 'p') {
        skip.add(first);
        const f = this.inline(first, { multiline: true, placeholder: 'Đoạn có số' });
        this.register(first, f.node, () => f.focus());
        focus = () => f.focus();
        body.append(this.row('Đoạn có số', f.node));
      }
    }
    if (!isPart) {
      const toggles = h('div', { class: 'toggles' });
      if (title) {
        toggles.append(this.tool('Bỏ tiêu đề (thành đoạn có số)', 'mục không tiêu đề: số chạy liền đoạn văn', () => {
          const p = this.doc.createElement('p');
          while (title.firstChild) p.appendChild(title.firstChild);
          title.replaceWith(p);
          if (lead) X.removeBlock(lead);
          this.text(true, p);
        }));
        if (!lead)
          toggles.append(this.tool('Thêm lời dẫn', 'chữ chạy tiếp sau tiêu đề, cùng dòng', () => {
            const l = this.doc.createElement('lead');
            X.insertBlock(el, l, title.nextElementSibling);
            this.text(true, l);
          }));
      } else {
        toggles.append(this.tool('Thêm tiêu đề', 'mục có tiêu đề in đậm', () => {
          const t = this.doc.createElement('title');
          const first = el.firstElementChild;
          if (first && first.localName === 'p') {
            while (first.firstChild) t.appendChild(first.firstChild);
            first.replaceWith(t);
          } else {
            X.insertBlock(el, t, el.firstElementChild);
          }
          this.text(true, t);
        }));
      }
      body.append(toggles);
    }
    body.append(this.blocks(el, BODY_BLOCKS, skip));
    this.register(el, box, focus, badge);
    return box;
  }

  listBlock(el, tools) {
    const name = el.localName;
    const { box, body } = this.card(el, NAMES[name], { cls: `block list ${name}`, tools });
    if (name === 'bullets') {
      body.append(this.row('Dấu đầu dòng', this.select_([['', 'mặc định (- hoặc + khi lồng)'], ['-', '-'], ['+', '+']],
        el.getAttribute('mark') || '', (v) => {
          X.setAttr(el, 'mark', v);
          this.text(true, el);
        })));
    }
    body.append(this.items(el));
    this.register(el, box, () => {
      const f = body.querySelector('.inline');
      if (f) f.focus();
    });
    return box;
  }

  items(list) {
    const itemName = LIST_ITEM[list.localName];
    const wrap = h('div', { class: 'items' });
    const items = X.kids(list, itemName);
    items.forEach((it, k) => wrap.append(this.item(it, list, items[k - 1], items[k + 1])));
    wrap.append(h('div', { class: 'addbar' }, this.tool(`+ ${NAMES[itemName]}`, 'thêm vào cuối danh sách', () => {
      const n = X.build(this.doc, fresh(itemName), BLOCK_NAMES);
      X.insertBlock(list, n, null);
      this.text(true, n, list);
    })));
    return wrap;
  }

  item(it, list, prev, next) {
    const badge = h('span', { class: 'badge' });
    const sub = X.kid(it, 'bullets');
    const f = this.inline(it, {
      multiline: true,
      stopAt: STOP_LISTS,
      placeholder: NAMES[it.localName],
      onEnter: () => {
        const n = X.build(this.doc, fresh(it.localName), BLOCK_NAMES);
        X.insertBlock(list, n, it.nextElementSibling);
        this.text(true, n, list);
      },
    });
    // An item's own sub-list: "→" makes it a sub-item of the one above.
    const parentItem = list.parentNode;
    const canOut = list.localName === 'bullets' && parentItem && parentItem.localName === 'item' &&
      parentItem.parentNode.localName !== 'targets';
    const tools = [
      this.tool('↑', 'lên trên', () => {
        X.moveBlock(it, list, prev);
        this.text(true, it, list);
      }, !prev),
      this.tool('↓', 'xuống dưới', () => {
        X.moveBlock(it, list, next.nextElementSibling);
        this.text(true, it, list);
      }, !next),
      this.tool('←', 'lùi ra', () => {
        const host = parentItem;
        const last = list.children.length === 1;
        X.moveBlock(it, host.parentNode, host.nextElementSibling);
        if (last) X.removeBlock(list);
        this.text(true, it, host.parentNode);
      }, !canOut),
      this.tool('→', 'thành ý con của ý trên', () => {
        let target = X.kid(prev, 'bullets');
        const moved = it.localName === 'item' ? it : null;
        if (!target) {
          target = this.doc.createElement('bullets');
          X.insertBlock(prev, target, null);
        }
        if (moved) {
          X.moveBlock(it, target, null);
        } else {
          // A target becomes an item of the sub-list.
          const n = this.doc.createElement('item');
          while (it.firstChild) n.appendChild(it.firstChild);
          X.removeBlock(it);
          X.insertBlock(target, n, null);
        }
        this.text(true, moved || target, list);
      }, !prev),
      !sub && this.tool('+ ý con', 'thêm danh sách con (+)', () => {
        const b = X.build(this.doc, fresh('bullets', { mark: '+' }), BLOCK_NAMES);
        X.insertBlock(it, b, null);
        this.text(true, b.firstElementChild, list);
      }),
      this.tool('✕', 'xoá', () => {
        const last = X.kids(list, it.localName).length === 1;
        X.removeBlock(it);
        if (last) {
          const up = list.parentNode;
          X.removeBlock(list);
          this.text(true, up, up);
        } else {
          this.text(true, next || prev, list);
        }
      }),
    ];
    const box = h('div', { class: 'item' }, h('div', { class: 'line' }, badge, f.node, h('span', { class: 'tools' }, ...tools.filter(Boolean))));
    this.register(it, box, () => f.focus(), badge);
    if (sub) {
      const nested = h('div', { class: 'nested' });
      nested.append(this.items(sub));
      this.register(sub, nested, null);
      box.append(nested);
    }
    return box;
  }

  // ---------------------------------------------------------------- tables
  tableBlock(el, tools) {
    const { box, body } = this.card(el, 'Bảng', { cls: 'block table', tools });
    const numbered = el.getAttribute('numbered') === 'true';
    const opt = (label, attr, on, off, dflt) => {
      const c = h('input', { type: 'checkbox' });
      c.checked = (el.getAttribute(attr) || dflt) === on;
      c.addEventListener('change', () => {
        el.setAttribute(attr, c.checked ? on : off);
        this.text(true, el);
      });
      return h('label', { class: 'check' }, c, label);
    };
    body.append(h('div', { class: 'opts' }, opt('Kẻ khung', 'borders', 'all', 'none', 'all'),
      opt('Dòng tiêu đề (lặp lại mỗi trang)', 'header', 'true', 'false', 'true'),
      opt('Cột STT tự đánh số', 'numbered', 'true', 'false', 'false')));
    const cols = X.kids(el, 'col');
    const grid = h('table', { class: 'grid' });
    // Column heads: label, width, alignment, move and delete.
    const headRow = h('tr', {}, h('th', { class: 'rowtools' }));
    cols.forEach((col, k) => {
      const f = this.inline(col, { placeholder: 'Tên cột' });
      this.register(col, f.node, () => f.focus());
      const w = this.attrInput(col, 'width', { class: 'small', title: 'độ rộng tương đối' });
      const a = this.select_([['', 'trái'], ['center', 'giữa'], ['right', 'phải'], ['justify', 'đều']],
        col.getAttribute('align') || '', (v) => {
          X.setAttr(col, 'align', v === 'left' ? '' : v);
          this.text(false);
        });
      const colTools = h('div', { class: 'coltools' }, w, a,
        this.tool('←', 'cột sang trái', () => this.moveColumn(el, k, -1), k === 0),
        this.tool('→', 'cột sang phải', () => this.moveColumn(el, k, 1), k === cols.length - 1),
        this.tool('✕', 'xoá cột', () => this.deleteColumn(el, k), cols.length <= 1));
      headRow.append(h('th', {}, f.node, colTools));
    });
    headRow.append(h('th', { class: 'add' }, this.tool('+ cột', 'thêm cột', () => this.addColumn(el))));
    grid.append(headRow);
    const rows = [...el.children].filter((c) => c.localName === 'row' || c.localName === 'group');
    rows.forEach((r, k) => grid.append(this.tableRow(el, r, rows[k - 1], rows[k + 1], cols.length, numbered)));
    body.append(h('div', { class: 'gridwrap' }, grid));
    body.append(h('div', { class: 'addbar' },
      this.tool('+ dòng', 'thêm dòng', () => {
        const r = X.build(this.doc, fresh('row', { cells: cols.length - (numbered ? 1 : 0) }), BLOCK_NAMES);
        X.insertBlock(el, r, null);
        this.text(true, r, el);
      }),
      this.tool('+ dòng nhóm', 'dòng nhóm (I, II …) trải ngang các cột', () => {
        const g = X.build(this.doc, fresh('group'), BLOCK_NAMES);
        X.insertBlock(el, g, null);
        this.text(true, g, el);
      })));
    this.register(el, box, () => {
      const f = body.querySelector('.inline');
      if (f) f.focus();
    });
    return box;
  }

  tableRow(table, r, prev, next, ncols, numbered) {
    const badge = h('span', { class: 'badge' });
    const tools = h('td', { class: 'rowtools' },
      this.tool('↑', 'lên', () => {
        X.moveBlock(r, table, prev);
        this.text(true, r, table);
      }, !prev),
      this.tool('↓', 'xuống', () => {
        X.moveBlock(r, table, next.nextElementSibling);
        this.text(true, r, table);
      }, !next),
      this.tool('✕', 'xoá dòng', () => {
        X.removeBlock(r);
        this.text(true, next || prev || table, table);
      }));
    const tr = h('tr', { class: r.localName }, tools);
    let focus = null;
    if (numbered) tr.append(h('td', { class: 'stt' }, badge));
    if (r.localName === 'group') {
      const f = this.inline(r, { placeholder: 'Tên nhóm' });
      focus = () => f.focus();
      tr.append(h('td', { colspan: String(Math.max(1, ncols - (numbered ? 1 : 0))), class: 'groupcell' }, f.node));
    } else {
      const cells = X.kids(r, 'cell');
      for (const c of cells) {
        const blocky = [...c.children].some((k) => k.localName === 'p' || k.localName === 'bullets');
        let node;
        if (blocky) {
          node = this.blocks(c, CONTAINERS.cell);
        } else {
          const f = this.inline(c, { multiline: true, placeholder: '' });
          if (!focus) focus = () => f.focus();
          // A cell may hold paragraphs and lists instead of one text.
          node = h('div', { class: 'cellbox' }, f.node, this.tool('≡', 'chia ô thành các đoạn, danh sách', () => {
            const p = this.doc.createElement('p');
            while (c.firstChild) p.appendChild(c.firstChild);
            c.appendChild(p);
            this.text(true, p, table);
          }));
        }
        const td = h('td', {}, node);
        this.register(c, td, null);
        tr.append(td);
      }
      for (let k = cells.length + (numbered ? 1 : 0); k < ncols; ++k) {
        tr.append(h('td', { class: 'missing' }, this.tool('+ ô', 'thêm ô còn thiếu', () => {
          const c = this.doc.createElement('cell');
          r.appendChild(c);
          this.text(true, c, table);
        })));
      }
    }
    tr.append(h('td'));
    this.register(r, tr, focus, badge);
    return tr;
  }

  // Columns and their cells move together (the STT column has no cells).
  cellIndex(table, k) {
    return table.getAttribute('numbered') === 'true' ? k - 1 : k;
  }

  moveColumn(table, k, dir) {
    const cols = X.kids(table, 'col');
    const a = cols[k];
    const b = cols[k + dir];
    if (dir < 0) X.moveBlock(a, table, b);
    else X.moveBlock(a, table, b.nextElementSibling);
    const i = this.cellIndex(table, k);
    const j = this.cellIndex(table, k + dir);
    for (const r of X.kids(table, 'row')) {
      const cells = X.kids(r, 'cell');
      if (i < 0 || j < 0 || !cells[i] || !cells[j]) continue;
      if (dir < 0) r.insertBefore(cells[i], cells[j]);
      else r.insertBefore(cells[j], cells[i]);
    }
    this.text(true, a, table);
  }

  deleteColumn(table, k) {
    const cols = X.kids(table, 'col');
    if (!confirm('Xoá cột này cùng các ô của nó?')) return;
    X.removeBlock(cols[k]);
    const i = this.cellIndex(table, k);
    if (i >= 0)
      for (const r of X.kids(table, 'row')) {
        const c = X.kids(r, 'cell')[i];
        if (c) c.remove();
      }
    if (k === 0 && table.getAttribute('numbered') === 'true') table.setAttribute('numbered', 'false');
    this.text(true, table, table);
  }

  addColumn(table) {
    const cols = X.kids(table, 'col');
    const col = X.build(this.doc, fresh('col'), BLOCK_NAMES);
    X.insertBlock(table, col, cols.length ? cols[cols.length - 1].nextElementSibling : table.firstElementChild);
    for (const r of X.kids(table, 'row')) r.appendChild(this.doc.createElement('cell'));
    this.text(true, col, table);
  }

  // ---------------------------------------------------------------- ending
  recipientsCard(rec) {
    const { box, body } = this.card(rec, 'Nơi nhận', {
      tools: [this.tool('✕', 'bỏ nơi nhận', () => {
        X.removeBlock(rec);
        this.text(true, rec.parentNode);
      })],
    });
    const tos = X.kids(rec, 'to');
    const list = h('div', { class: 'items' });
    tos.forEach((to, k) => {
      const f = this.inline(to, {
        placeholder: 'Tên nơi nhận',
        onEnter: () => {
          const n = X.build(this.doc, fresh('to'), BLOCK_NAMES);
          X.insertBlock(rec, n, to.nextElementSibling);
          this.text(true, n, rec);
        },
      });
      const line = h('div', { class: 'item' }, h('div', { class: 'line' }, h('span', { class: 'badge', text: '-' }), f.node,
        h('span', { class: 'tools' },
          this.tool('↑', 'lên', () => {
            X.moveBlock(to, rec, tos[k - 1]);
            this.text(true, to, rec);
          }, k === 0),
          this.tool('↓', 'xuống', () => {
            X.moveBlock(to, rec, tos[k + 1].nextElementSibling);
            this.text(true, to, rec);
          }, k === tos.length - 1),
          this.tool('✕', 'xoá', () => {
            X.removeBlock(to);
            this.text(true, rec, rec);
          }))));
      this.register(to, line, () => f.focus());
      list.append(line);
    });
    list.append(h('div', { class: 'addbar' }, this.tool('+ nơi nhận', 'thêm nơi nhận', () => {
      const n = X.build(this.doc, fresh('to'), BLOCK_NAMES);
      const arch = X.kid(rec, 'archive');
      X.insertBlock(rec, n, arch);
      this.text(true, n, rec);
    })));
    body.append(list);
    const arch = X.kid(rec, 'archive');
    const ai = this.input(X.plainText(arch).replace(/^Lưu:\s*/, ''), (v) => {
      let a = X.kid(rec, 'archive');
      if (!a && v === '') return;
      if (!a) {
        a = this.doc.createElement('archive');
        X.insertBlock(rec, a, null);
      }
      if (v === '') {
        X.removeBlock(a);
      } else X.setText(a, v);
      this.text(false);
    }, { placeholder: 'VT, VP', name: 'archive' });
    const ar = h('div', { class: 'field' }, this.row('Lưu:', ai));
    if (arch) this.register(arch, ar, () => ai.focus());
    body.append(ar, h('p', { class: 'help', text: 'Dấu “;” sau mỗi nơi nhận và “.” sau dòng Lưu được thêm khi in.' }));
    this.register(rec, box, () => {
      const f = body.querySelector('.inline, input');
      if (f) f.focus();
    }).rebuild = () => this.recipientsCard(rec);
    return box;
  }

  drafterCard(el) {
    const { box, body } = this.card(el, 'Người soạn, số bản (ô 12)', {
      tools: [this.tool('✕', 'bỏ', () => {
        X.removeBlock(el);
        this.text(true, el.parentNode);
      })],
    });
    const f = this.inline(el, { placeholder: 'ví dụ: PL.(300)' });
    body.append(f.node);
    this.register(el, box, () => f.focus());
    return box;
  }

  // Signature fields shared by <signature> and <party>.
  signerFields(el, body, order) {
    body.append(this.row('Chức vụ người ký', this.childText(el, 'title', order)));
    body.append(this.row('Họ và tên', this.childText(el, 'name', order)));
    body.append(this.imageRow(el, 'image', 'Ảnh chữ ký', order));
    body.append(this.imageRow(el, 'seal', 'Ảnh con dấu', order));
  }

  imageRow(el, name, label, order) {
    const img = X.kid(el, name);
    const src = img ? img.getAttribute('src') || '' : '';
    const file = h('input', { type: 'file', accept: 'image/png', class: 'file', name: `${name}-file` });
    file.addEventListener('change', async () => {
      const f = file.files[0];
      if (!f) return;
      const saved = await this.host.upload(f);
      if (!saved) return;
      const e = X.kid(el, name) || X.ensureChild(el, name, order);
      e.setAttribute('src', saved);
      this.text(true, e);
    });
    const box = h('div', { class: 'field image' }, this.row(label,
      src ? h('img', { class: 'thumb', src: this.host.imageUrl(src), alt: src }) : h('span', { class: 'none', text: 'chưa có' }),
      src ? h('code', { text: src }) : null,
      h('label', { class: 'button' }, 'Chọn ảnh PNG…', file),
      src ? this.tool('✕', 'bỏ ảnh', () => {
        X.removeBlock(img);
        this.text(true, el);
      }) : null));
    if (img) this.register(img, box, null);
    return box;
  }

  signatureCard(sig) {
    const { box, body, badge } = this.card(sig, 'Chữ ký (ô 7)', {
      badge: true,
      tools: [this.tool('✕', 'bỏ chữ ký', () => {
        X.removeBlock(sig);
        this.text(true, sig.parentNode);
      })],
    });
    const order = ['authority', 'title', 'name', 'image', 'seal'];
    body.append(this.row('Thẩm quyền ký', this.select_(PREFIXES, sig.getAttribute('prefix') || '', (v) => {
      X.setAttr(sig, 'prefix', v);
      this.text(false);
    })));
    const auth = this.childText(sig, 'authority', order, { remove: false });
    body.append(this.row('Tập thể / người đứng đầu', auth));
    this.signerFields(sig, body, order);
    body.append(this.row('Tên ô ký số', this.attrInput(sig, 'field', { placeholder: 'mặc định: họ và tên' })));
    this.register(sig, box, () => auth.focus(), badge);
    return box;
  }

  partiesCard(parties) {
    const { box, body } = this.card(parties, 'Các bên giao ước', {
      tools: [this.tool('✕', 'bỏ các bên', () => {
        if (!confirm('Bỏ danh sách các bên giao ước?')) return;
        X.removeBlock(parties);
        this.text(true, parties.parentNode);
      })],
    });
    const ps = X.kids(parties, 'party');
    const order = ['unit', 'title', 'name', 'image', 'seal'];
    ps.forEach((p, k) => {
      const { box: pb, body: b, badge } = this.card(p, `Bên ${k + 1}`, {
        cls: 'party', badge: true,
        tools: [
          this.tool('↑', 'lên', () => {
            X.moveBlock(p, parties, ps[k - 1]);
            this.text(true, p);
          }, k === 0),
          this.tool('↓', 'xuống', () => {
            X.moveBlock(p, parties, ps[k + 1].nextElementSibling);
            this.text(true, p);
          }, k === ps.length - 1),
          this.tool('✕', 'xoá bên này', () => {
            X.removeBlock(p);
            this.text(true, parties);
          }, ps.length <= 1),
        ],
      });
      const unit = X.kid(p, 'unit');
      const f = unit ? this.inline(unit, { multiline: true, placeholder: 'Tên đơn vị' }) : null;
      b.append(f ? this.row('Đơn vị', f.node) : this.missing('Đơn vị', () => X.ensureChild(p, 'unit', order)));
      this.signerFields(p, b, order);
      b.append(this.row('Tên ô ký số', this.attrInput(p, 'field', { placeholder: 'mặc định: họ và tên' })));
      this.register(p, pb, f ? () => f.focus() : null, badge);
      body.append(pb);
    });
    body.append(h('div', { class: 'addbar' }, this.tool('+ bên giao ước', 'thêm một bên', () => {
      const n = X.build(this.doc, fresh('party'), BLOCK_NAMES);
      X.insertBlock(parties, n, null);
      this.text(true, n);
    })));
    this.register(parties, box, null);
    return box;
  }

  appendixCard(a) {
    const all = X.kids(a.parentNode, 'appendix');
    const k = all.indexOf(a);
    const { box, body, badge } = this.card(a, 'Phụ lục', {
      cls: 'appendix', badge: true,
      tools: [
        this.tool('↑', 'lên', () => {
          X.moveBlock(a, a.parentNode, all[k - 1]);
          this.text(true, a);
        }, k === 0),
        this.tool('↓', 'xuống', () => {
          X.moveBlock(a, a.parentNode, all[k + 1].nextElementSibling);
          this.text(true, a);
        }, k === all.length - 1),
        this.tool('✕', 'xoá phụ lục', () => {
          if (!confirm('Xoá phụ lục này cùng nội dung?')) return;
          X.removeBlock(a);
          this.text(true, a.parentNode);
        }),
      ],
    });
    body.append(this.row('Khổ giấy', this.select_([['', 'dọc'], ['landscape', 'ngang']], a.getAttribute('orientation') === 'landscape' ? 'landscape' : '', (v) => {
      X.setAttr(a, 'orientation', v);
      this.text(true, a);
    })));
    const title = X.kid(a, 'title');
    const f = title ? this.inline(title, { multiline: true, placeholder: 'Tên phụ lục' }) : null;
    if (f) {
      this.register(title, f.node, () => f.focus());
      body.append(this.row('Tên phụ lục', f.node));
    } else {
      body.append(this.missing('Tên phụ lục', () => X.insertBlock(a, this.doc.createElement('title'), a.firstElementChild)));
    }
    body.append(this.blocks(a, BODY_BLOCKS, new Set([title])));
    this.register(a, box, f ? () => f.focus() : null, badge);
    return box;
  }
}

export function diagNode(d) {
  const sev = d.severity === 'error' ? 'Lỗi' : 'Cảnh báo';
  return h('div', { class: `diag ${d.severity}` }, h('b', { text: `${sev}: ` }), d.message,
    d.hint ? h('span', { class: 'hint', text: ` — ${d.hint}` }) : null);
}
