// The form's table editor: options, columns (label, width, alignment),
// rows and group rows, cells as text or as paragraphs and lists.
import * as X from './xml.js';
import { el as h } from './ui.js';
import { BLOCK_NAMES, CONTAINERS, fresh } from './schema.js';

export const tableMethods = {
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
  },

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
  },

  // Columns and their cells move together (the STT column has no cells).
  cellIndex(table, k) {
    return table.getAttribute('numbered') === 'true' ? k - 1 : k;
  },

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
  },

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
  },

  addColumn(table) {
    const cols = X.kids(table, 'col');
    const col = X.build(this.doc, fresh('col'), BLOCK_NAMES);
    X.insertBlock(table, col, cols.length ? cols[cols.length - 1].nextElementSibling : table.firstElementChild);
    for (const r of X.kids(table, 'row')) r.appendChild(this.doc.createElement('cell'));
    this.text(true, col, table);
  },
};
