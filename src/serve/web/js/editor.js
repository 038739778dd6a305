// The editor page: the form (or the XML source) on the left, the pages as
// they will print on the right. One text is the truth at any moment: the
// DOM serialized after a form edit, or the source as typed; the preview,
// the checks and the save all use it.
import { api, download } from './api.js';
import * as X from './xml.js';
import { Form, diagNode } from './form.js';
import { InlineField } from './inline.js';
import { dialog, el as h, toast } from './ui.js';
import { previewMethods } from './preview.js';

export class Editor {
  constructor(root, name, info) {
    this.root = root;
    this.name = name;
    this.info = info;
    this.pageCache = new Map(); // svg hash → svg
    this.history = [];
    this.future = [];
    this.stats = (window.vbStats = { previews: 0, latencies: [], server: [], phases: [] });
    this.form = new Form({
      doc: () => this.doc,
      info,
      changed: (structural, focusEl, scope, op) => this.formChanged(structural, focusEl, scope, op),
      focused: (el) => this.highlight(el),
      editChip: (n, chip, field) => this.editChip(n, chip, field),
      upload: (f) => this.upload(f),
      imageUrl: (src) => `/img/${src.split('/').map(encodeURIComponent).join('/')}`,
    });
  }

  async open() {
    const f = await api.open(this.name);
    this.version = f.version;
    this.savedText = f.text;
    this.layout();
    if (!this.setText(f.text)) {
      this.showSource();
    } else {
      const again = X.serialize(this.state);
      this.exact = again === f.text;
      if (!this.exact) this.formatNotice(f.text, again);
      this.buildForm();
    }
    this.schedule();
    this.unload = (e) => {
      if (this.dirty()) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', this.unload);
    this.keys = (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 's') {
        e.preventDefault();
        this.save();
      } else if ((e.ctrlKey || e.metaKey) && e.key === 'z' && !e.target.closest('[contenteditable], input, textarea')) {
        e.preventDefault();
        this.undo();
      }
    };
    window.addEventListener('keydown', this.keys);
  }

  close() {
    window.removeEventListener('beforeunload', this.unload);
    window.removeEventListener('keydown', this.keys);
  }

  dirty() {
    return this.text !== this.savedText;
  }

  get doc() {
    return this.state.doc;
  }

  // ---------------------------------------------------------------- layout
  layout() {
    const tb = (label, title, fn, cls = '') =>
      h('button', { type: 'button', class: `tb ${cls}`, title, text: label, onmousedown: (e) => e.preventDefault(), onclick: fn });
    this.tabForm = tb('Biểu mẫu', 'soạn bằng biểu mẫu', () => this.showForm(), 'tab on');
    this.tabSource = tb('Mã XML', 'xem và sửa tệp dữ liệu', () => this.showSource(), 'tab');
    this.fmt = h('span', { class: 'fmt' },
      tb('B', 'in đậm (Ctrl+B)', () => document.execCommand('bold'), 'bold'),
      tb('I', 'in nghiêng (Ctrl+I)', () => document.execCommand('italic'), 'italic'),
      tb('Chú thích', 'thêm chú thích cuối trang ở con trỏ', () => this.insertFootnote()),
      this.insertMenu());
    this.undoBtn = tb('↶', 'hoàn tác (thay đổi cấu trúc và chữ)', () => this.undo());
    this.redoBtn = tb('↷', 'làm lại', () => this.redo());
    this.checks = h('div', { class: 'checks' });
    this.notices = h('div', { class: 'notices' });
    this.formBox = h('div', { class: 'form' });
    this.source = h('textarea', { class: 'source', spellcheck: 'false', name: 'source' });
    this.source.hidden = true;
    this.source.addEventListener('input', () => {
      clearTimeout(this.sourceTimer);
      this.sourceTimer = setTimeout(() => this.sourceChanged(), 250);
    });
    this.pages = h('div', { class: 'pages' });
    this.pending = new Set();
    this.observer = new IntersectionObserver((entries) => {
      for (const en of entries) {
        en.target.vbVisible = en.isIntersecting;
        if (en.isIntersecting) this.flush(en.target);
      }
    }, { rootMargin: '200px' });
    this.previewInfo = h('div', { class: 'pinfo' });
    this.pages.addEventListener('click', (e) => {
      const t = e.target.closest('[data-e]');
      if (t) this.selectOrdinal(parseInt(t.dataset.e, 10));
    });
    this.root.textContent = '';
    this.root.append(h('div', { class: 'editor' },
      h('div', { class: 'left' },
        h('div', { class: 'toolbar' }, this.tabForm, this.tabSource, h('span', { class: 'sep' }), this.fmt,
          h('span', { class: 'sep' }), this.undoBtn, this.redoBtn),
        this.checks, this.notices, this.formBox, this.source),
      h('div', { class: 'right' }, this.previewInfo, this.pages)));

    const actions = document.getElementById('top-actions');
    this.status = h('span', { class: 'status' });
    this.saveBtn = h('button', { type: 'button', class: 'primary', id: 'save', text: 'Lưu', title: 'Ctrl+S', onclick: () => this.save() });
    this.pdfBtn = h('button', { type: 'button', id: 'export-pdf', text: 'Xuất PDF', onclick: () => this.exportAs('pdf') });
    this.docxBtn = h('button', { type: 'button', id: 'export-docx', text: 'Xuất DOCX', onclick: () => this.exportAs('docx') });
    actions.textContent = '';
    actions.append(this.status, this.saveBtn, this.pdfBtn, this.docxBtn);
    document.getElementById('where').textContent = this.name;
    this.updateStatus();
  }

  // ---------------------------------------------------------------- text & DOM
  // Sets the current text; parses it. False when it is not well-formed XML
  // (the form then waits; the source view and the preview still work).
  setText(text) {
    this.text = text;
    const p = X.parseXml(text);
    if (p.error) {
      this.parseError = p.error;
      return false;
    }
    this.parseError = null;
    this.state = p;
    return true;
  }

  formChanged(structural, focusEl, scope, op) {
    this.remember(structural);
    this.text = X.serialize(this.state);
    // The preview request goes first: the server lays the pages out while
    // the browser rebuilds the form.
    this.edited();
    if (structural) {
      if ((op && this.form.applyOp(op)) || (scope && this.form.rebuildAt(scope))) {
        this.checksKey = null;
        if (this.last) this.applyChecks(this.last);
      } else {
        this.buildForm();
      }
      if (focusEl) this.form.select(focusEl);
    }
  }

  edited() {
    if (this.editStart === undefined || this.editStart === null) this.editStart = performance.now();
    this.updateStatus();
    this.schedule();
  }

  buildForm() {
    const y = this.formBox.scrollTop;
    this.form.build(this.formBox);
    this.formBox.scrollTop = y;
    this.formStale = false;
    this.checksKey = null; // the list's links point into the DOM the form was built from
    if (this.last) this.applyChecks(this.last);
  }

  showForm() {
    if (this.parseError) {
      dialog('Mã XML đang có lỗi cú pháp', [h('p', { text: this.parseError }),
        h('p', { text: 'Sửa lỗi trong Mã XML rồi quay lại biểu mẫu.' })], [['Đóng', () => true]]);
      return;
    }
    this.source.hidden = true;
    this.formBox.hidden = false;
    this.fmt.hidden = false;
    this.tabForm.classList.add('on');
    this.tabSource.classList.remove('on');
    if (this.formStale) this.buildForm();
  }

  showSource() {
    this.source.value = this.text;
    this.source.hidden = false;
    this.formBox.hidden = true;
    this.fmt.hidden = true;
    this.tabSource.classList.add('on');
    this.tabForm.classList.remove('on');
  }

  sourceChanged() {
    if (this.source.value === this.text) return;
    this.remember(true);
    const ok = this.setText(this.source.value);
    this.formStale = true;
    this.showParseError(ok ? null : this.parseError);
    this.edited();
  }

  showParseError(msg) {
    const old = this.notices.querySelector('.parse');
    if (old) old.remove();
    if (msg) this.notices.prepend(h('div', { class: 'notice parse error', text: `XML chưa đúng cú pháp: ${msg}` }));
  }

  formatNotice(orig, again) {
    const lines = X.changedLines(orig, again);
    const crlf = orig.includes('\r\n');
    this.notices.append(h('div', { class: 'notice format' },
      h('b', { text: 'Tệp này viết tay theo cách khác trình soạn thảo: ' }),
      `khi lưu, ${lines.length >= 50 ? 'nhiều' : lines.length} dòng sẽ được viết lại` +
        (lines.length ? ` (dòng ${lines.slice(0, 5).join(', ')}${lines.length > 5 ? '…' : ''})` : '') +
        (crlf ? ', xuống dòng kiểu Windows thành kiểu Unix' : '') +
        '. Nội dung và các ghi chú <!-- --> vẫn giữ; bản cũ được giữ ở ' + this.name + '~.'));
  }

  // Undo: snapshots of the text before each change (typing coalesced).
  remember(structural) {
    const now = Date.now();
    if (!structural && this.lastTyping && now - this.lastTyping < 1500) {
      this.lastTyping = now;
      return;
    }
    this.lastTyping = structural ? 0 : now;
    this.history.push(this.text);
    if (this.history.length > 200) this.history.shift();
    this.future = [];
  }

  restore(text) {
    const ok = this.setText(text);
    if (!this.source.hidden) this.source.value = text;
    if (ok) this.buildForm();
    else this.showSource();
    this.showParseError(ok ? null : this.parseError);
    this.edited();
  }

  undo() {
    if (!this.history.length) return;
    this.future.push(this.text);
    this.restore(this.history.pop());
    this.lastTyping = 0;
  }

  redo() {
    if (!this.future.length) return;
    this.history.push(this.text);
    this.restore(this.future.pop());
    this.lastTyping = 0;
  }

  // ---------------------------------------------------------------- inline tools
  activeField() {
    const a = document.activeElement;
    return a && a.inlineField ? a.inlineField : this.form.activeField && document.contains(this.form.activeField.node) ? this.form.activeField : null;
  }

  insertNode(n, field = null) {
    const f = field || this.activeField();
    if (!f || !document.contains(f.node)) {
      toast('Đặt con trỏ vào một ô chữ trước.');
      return null;
    }
    f.node.focus();
    return f.insert(n);
  }

  // Text vanban computes: the document's year (so that next year's plan
  // is one edit), anniversaries, the covenant's parties.
  insertMenu() {
    const sel = h('select', { class: 'tb insert', title: 'chèn chữ do vanban tính', name: 'insert' },
      [['', 'Chèn…'], ['year', 'Năm của văn bản'], ['year-1', 'Năm trước'], ['can-chi', 'Năm âm lịch'],
        ['anniv', 'Ngày kỷ niệm…'], ['party-count', 'Số bên giao ước'], ['party-list', 'Danh sách các bên']]
        .map(([v, t]) => h('option', { value: v, text: t })));
    sel.addEventListener('mousedown', () => {
      this.insertTarget = this.activeField();
    });
    sel.addEventListener('change', () => {
      const v = sel.value;
      sel.value = '';
      const f = this.insertTarget || this.activeField();
      if (!v) return;
      if (v === 'anniv') {
        this.insertAnniv(f);
        return;
      }
      const n = this.doc.createElement(v.startsWith('year') || v === 'can-chi' ? 'year' : v);
      if (v === 'year-1') n.setAttribute('offset', '-1');
      if (v === 'can-chi') n.setAttribute('form', 'can-chi');
      this.insertNode(n, f);
    });
    return sel;
  }

  insertFootnote() {
    const fn = this.doc.createElement('fn');
    fn.textContent = 'Nội dung chú thích';
    const chip = this.insertNode(fn);
    if (chip) this.editChip(fn, chip, this.activeField());
  }

  insertAnniv(field = null) {
    const events = this.info.events || [];
    const sel = h('select', { name: 'event' }, events.map((e) => h('option', { value: e.id, text: e.name })));
    const f = field || this.activeField();
    if (!f || !document.contains(f.node)) {
      toast('Đặt con trỏ vào một ô chữ trước.');
      return;
    }
    dialog('Chèn ngày kỷ niệm', [h('p', { text: 'Số năm và ngày tháng được tính theo năm của văn bản.' }), sel], [
      ['Chèn', () => {
        const n = this.doc.createElement('anniv');
        n.setAttribute('event', sel.value);
        f.node.focus();
        f.insert(n);
        return true;
      }],
      ['Huỷ', () => true],
    ]);
  }

  // Footnotes and generated text are edited in a small dialog.
  editChip(n, chip, field) {
    if (n.localName === 'fn') {
      const inner = new InlineField(n, { onChange: () => this.formChanged(false) });
      dialog('Chú thích cuối trang', [inner.node, h('p', { class: 'help', text: 'Số chú thích được đánh tự động theo thứ tự.' })], [
        ['Xong', () => {
          field.refreshChip(chip);
          return true;
        }],
        ['Xoá chú thích', () => {
          chip.remove();
          field.commit();
          return true;
        }],
      ]);
      setTimeout(() => inner.focus(), 0);
    } else if (n.localName === 'year') {
      const off = h('input', { type: 'number', value: n.getAttribute('offset') || '0', class: 'small' });
      const form = h('select', {}, h('option', { value: '', text: 'số (2025)' }), h('option', { value: 'can-chi', text: 'âm lịch (Ất Tỵ)' }));
      form.value = n.getAttribute('form') === 'can-chi' ? 'can-chi' : '';
      dialog('Năm', [h('label', { class: 'row' }, 'Cách năm của văn bản', off), h('label', { class: 'row' }, 'Dạng', form)], [
        ['Xong', () => {
          X.setAttr(n, 'offset', off.value === '0' ? '' : off.value);
          X.setAttr(n, 'form', form.value);
          field.refreshChip(chip);
          field.commit();
          return true;
        }],
        ['Xoá', () => {
          chip.remove();
          field.commit();
          return true;
        }],
      ]);
    } else if (n.localName === 'anniv') {
      const sel = h('select', {}, (this.info.events || []).map((e) => h('option', { value: e.id, text: e.name })));
      sel.value = n.getAttribute('event');
      const form = h('select', {}, [['', 'đầy đủ'], ['years', 'số năm'], ['range', '(ngày - ngày)'], ['name', 'tên ngày'], ['date', 'ngày/tháng']]
        .map(([v, t]) => h('option', { value: v, text: t })));
      form.value = n.getAttribute('form') || '';
      dialog('Ngày kỷ niệm', [sel, h('label', { class: 'row' }, 'Cách viết', form)], [
        ['Xong', () => {
          n.setAttribute('event', sel.value);
          X.setAttr(n, 'form', form.value);
          field.refreshChip(chip);
          field.commit();
          return true;
        }],
        ['Xoá', () => {
          chip.remove();
          field.commit();
          return true;
        }],
      ]);
    } else {
      dialog('Chữ do vanban điền', [h('p', { text: `<${n.localName}/> được tính khi in.` })], [
        ['Xoá', () => {
          chip.remove();
          field.commit();
          return true;
        }],
        ['Đóng', () => true],
      ]);
    }
  }

  async upload(file) {
    if (file.size > this.info.max_image_bytes) {
      toast(`Ảnh lớn hơn ${this.info.max_image_bytes >> 20} MB.`);
      return null;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    if (bytes.length < 8 || png.some((b, k) => bytes[k] !== b)) {
      toast('Chỉ nhận ảnh PNG (chữ ký và con dấu nền trong suốt).');
      return null;
    }
    try {
      const r = await api.upload(file.name, bytes);
      return r.src;
    } catch (e) {
      toast(e.message);
      return null;
    }
  }

  // ---------------------------------------------------------------- save & export
  updateStatus() {
    const d = this.dirty();
    this.status.textContent = d ? 'Chưa lưu' : this.savedAt ? `Đã lưu ${this.savedAt}` : 'Đã mở';
    this.status.className = `status ${d ? 'dirty' : 'clean'}`;
    this.undoBtn.disabled = !this.history.length;
    this.redoBtn.disabled = !this.future.length;
  }

  async save(force = false) {
    if (!this.exact && !this.savedOnce && !force) {
      const go = await dialog('Lưu tệp viết tay', [h('p', { text: 'Khi lưu, một số dòng của tệp sẽ được viết lại theo cách của trình soạn thảo (nội dung và ghi chú giữ nguyên; bản cũ giữ ở ' + this.name + '~).' })],
        [['Lưu', () => 'save'], ['Huỷ', () => 'cancel']]);
      if (go !== 'save') return;
    }
    const text = this.text;
    try {
      const r = await api.save(this.name, text, this.version, force);
      this.version = r.version;
      this.savedText = text;
      this.savedOnce = true;
      this.savedAt = new Date().toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
      this.updateStatus();
      toast(`Đã lưu ${this.name} (bản trước ở ${r.backup}).`);
    } catch (e) {
      if (e.status === 409) this.conflict();
      else dialog('Không lưu được', [h('p', { text: e.message })], [['Đóng', () => true]]);
    }
  }

  // The file changed on disk since it was opened: nothing is overwritten
  // without the clerk's choice.
  async conflict() {
    const choice = await dialog('Tệp đã thay đổi trên đĩa', [
      h('p', { text: `${this.name} đã được sửa ở nơi khác (thẻ khác, trình soạn thảo khác hoặc git pull) từ khi bạn mở. Chưa có gì bị ghi đè.` }),
    ], [
      ['Lưu bản của tôi thành tệp mới…', () => 'copy'],
      ['Mở bản trên đĩa (bỏ thay đổi của tôi)', () => 'reload'],
      ['Ghi đè bằng bản của tôi', () => 'force'],
      ['Huỷ', () => 'cancel'],
    ], 'conflict');
    if (choice === 'force') this.save(true);
    else if (choice === 'reload') {
      this.savedText = this.text; // the clerk chose to drop the edits
      location.reload();
    } else if (choice === 'copy') {
      const base = this.name.replace(/\.xml$/, '');
      const input = h('input', { type: 'text', value: `${base}-ban-sao.xml`, name: 'copy-name' });
      const ok = await dialog('Lưu thành tệp mới', [input], [['Lưu', () => 'ok'], ['Huỷ', () => 'cancel']]);
      if (ok !== 'ok') return;
      let n = input.value.trim();
      if (!n.endsWith('.xml')) n += '.xml';
      try {
        await api.save(n, this.text, '');
        this.savedText = this.text;
        toast(`Đã lưu thành ${n}.`);
        location.hash = `#/edit/${encodeURIComponent(n)}`;
      } catch (e) {
        const msg = e.status === 409 ? `Đã có tệp ${n} trong thư mục: chọn tên khác.` : e.message;
        dialog('Không lưu được', [h('p', { text: msg })], [['Đóng', () => true]]);
      }
    }
  }

  async exportAs(format) {
    try {
      const res = await api.exportFile(this.name, this.text, format);
      const name = await download(res, this.name.replace(/\.xml$/, `.${format}`));
      toast(`Đã xuất ${name}.`);
    } catch (e) {
      const list = (e.body.diags || []).filter((d) => d.severity === 'error').map(diagNode);
      dialog('Chưa xuất được', [h('p', { text: e.message }), ...list], [['Đóng', () => true]]);
    }
  }
}

Object.assign(Editor.prototype, previewMethods);
