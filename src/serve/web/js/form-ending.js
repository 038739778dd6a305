// The form's ending: Nơi nhận, the drafter line, the signature with its
// images, the covenant's parties, appendices.
import * as X from './xml.js';
import { el as h } from './ui.js';
import { BLOCK_NAMES, BODY_BLOCKS, PREFIXES, fresh } from './schema.js';

export const endingMethods = {
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
  },

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
  },

  // Signature fields shared by <signature> and <party>.
  signerFields(el, body, order) {
    body.append(this.row('Chức vụ người ký', this.childText(el, 'title', order)));
    body.append(this.row('Họ và tên', this.childText(el, 'name', order)));
    body.append(this.imageRow(el, 'image', 'Ảnh chữ ký', order));
    body.append(this.imageRow(el, 'seal', 'Ảnh con dấu', order));
  },

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
  },

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
  },

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
  },

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
  },
};
