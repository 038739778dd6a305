// The form's body blocks: containers of blocks with their add bars and
// move/indent/delete tools, paragraphs, sections and parts, lists.
import * as X from './xml.js';
import { el as h } from './ui.js';
import { BLOCK_NAMES, BODY_BLOCKS, CONTAINERS, NAMES, fresh } from './schema.js';

const LIST_ITEM = { targets: 'target', bullets: 'item', numbered: 'item' };
const STOP_LISTS = new Set(['bullets']);

export const blockMethods = {
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
  },

  // The block children of `el` (skipping `skip`), then the bar to add more.
  blocks(el, allowed, skip = new Set()) {
    const list = h('div', { class: 'blocks' });
    for (const c of el.children) if (!skip.has(c)) list.append(this.block(c, allowed));
    list.append(this.addBar(el, allowed, null));
    this.lists.set(el, { list, allowed });
    return list;
  },

  addBar(parent, allowed, after) {
    const bar = h('div', { class: 'addbar' }, h('span', { class: 'lbl', text: after ? 'Chèn sau:' : 'Thêm:' }));
    for (const name of allowed) {
      bar.append(this.tool(NAMES[name] || name, `thêm ${(NAMES[name] || name).toLowerCase()}`, () => {
        const mark = name === 'bullets' && ['target', 'item'].includes(parent.localName) ? '+' : undefined;
        const el = X.build(this.doc, fresh(name, { mark }), BLOCK_NAMES);
        X.insertBlock(parent, el, after ? after.nextElementSibling : null);
        if (after) bar.remove();
        this.text(true, el, parent, { kind: 'insert', el, parent });
      }));
    }
    return bar;
  },

  // The sibling block before (dir < 0) or after `el` in its container.
  sibling(el, allowed, dir) {
    for (let s = dir < 0 ? el.previousElementSibling : el.nextElementSibling; s;
      s = dir < 0 ? s.previousElementSibling : s.nextElementSibling)
      if (allowed.includes(s.localName)) return s;
    return null;
  },

  // What a block's tools can do where it stands now; the tools look their
  // neighbours up when pressed, so a card needs no rebuild when those change.
  toolState(el, allowed) {
    const parent = el.parentNode;
    const prev = this.sibling(el, allowed, -1);
    const host = parent.localName === 'section' || parent.localName === 'part' ? parent : null;
    return {
      up: !!prev,
      down: !!this.sibling(el, allowed, 1),
      out: !!host && (CONTAINERS[host.parentNode.localName] || []).includes(el.localName),
      in: !!prev && (prev.localName === 'section' || prev.localName === 'part'),
    };
  },

  refreshTools(parent, allowed) {
    for (const c of parent.children) {
      const r = this.reg.get(c);
      if (!r || !r.tools) continue;
      const st = this.toolState(c, allowed);
      for (const k of ['up', 'down', 'out', 'in']) r.tools[k].disabled = !st[k];
    }
  },

  // Structural edits inside one container, done on its cards in place:
  // a new block's card inserted, a moved one moved, a deleted one removed.
  applyOp(op) {
    const L = this.lists.get(op.parent);
    if (!L || !document.contains(L.list)) return false;
    if (op.kind === 'remove') {
      const r = this.reg.get(op.el);
      if (!r) return false;
      r.box.remove();
      for (const k of [...this.reg.keys()]) if (op.el.contains(k)) this.reg.delete(k);
    } else {
      let card;
      if (op.kind === 'insert') {
        card = this.block(op.el, L.allowed);
      } else {
        const r = this.reg.get(op.el);
        if (!r || r.box.parentNode !== L.list) return false;
        card = r.box;
      }
      const nx = op.el.nextElementSibling;
      const nr = nx && this.reg.get(nx);
      L.list.insertBefore(card, nr && nr.box.parentNode === L.list ? nr.box : L.list.lastElementChild);
    }
    this.refreshTools(op.parent, L.allowed);
    return true;
  },

  // Move/indent/delete tools of a block inside a container.
  blockTools(el, allowed) {
    const st = this.toolState(el, allowed);
    let after = null;
    const t = {
      up: this.tool('↑', 'lên trên', () => {
        const parent = el.parentNode;
        X.moveBlock(el, parent, this.sibling(el, allowed, -1));
        this.text(true, el, parent, { kind: 'move', el, parent });
      }, !st.up),
      down: this.tool('↓', 'xuống dưới', () => {
        const parent = el.parentNode;
        X.moveBlock(el, parent, this.sibling(el, allowed, 1).nextElementSibling);
        this.text(true, el, parent, { kind: 'move', el, parent });
      }, !st.down),
      out: this.tool('←', 'lùi ra (lên một cấp)', () => {
        const host = el.parentNode;
        const up = host.parentNode;
        X.moveBlock(el, up, host.nextElementSibling);
        this.text(true, el, up);
      }, !st.out),
      in: this.tool('→', 'thụt vào (thành mục con của mục trên)', () => {
        const parent = el.parentNode;
        X.moveBlock(el, this.sibling(el, allowed, -1), null);
        this.text(true, el, parent);
      }, !st.in),
    };
    const all = [t.up, t.down, t.out, t.in,
      this.tool('+', 'chèn sau', () => {
        if (after && after.isConnected) {
          after.remove();
          after = null;
          return;
        }
        after = this.addBar(el.parentNode, allowed, el);
        after.classList.add('inserting');
        this.entryFor(el).box.after(after);
      }),
      this.tool('✕', 'xoá', () => {
        const n = el.getElementsByTagName('*').length;
        if (n > 3 && !confirm(`Xoá ${NAMES[el.localName] || el.localName} này cùng nội dung bên trong?`)) return;
        const parent = el.parentNode;
        const focus = this.sibling(el, allowed, 1) || this.sibling(el, allowed, -1) || parent;
        X.removeBlock(el);
        this.text(true, focus, parent, { kind: 'remove', el, parent });
      })];
    all.refs = t;
    return all;
  },

  block(el, allowed) {
    const tools = this.blockTools(el, allowed);
    const box = this.blockCard(el, tools);
    const r = this.reg.get(el);
    if (r) {
      r.rebuild = () => this.block(el, allowed);
      r.tools = tools.refs;
    }
    return box;
  },

  blockCard(el, tools) {
    const name = el.localName;
    switch (name) {
      case 'p':
      case 'basis':
      case 'phase':
        return this.paraBlock(el, tools);
      case 'section':
      case 'part':
      case 'chapter':
      case 'division':
      case 'article':
      case 'clause':
      case 'point':
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
  },

  unknownCard(el, tools = []) {
    const { box, body } = this.card(el, `<${el.localName}>`, { cls: 'unknown', tools });
    body.append(h('p', { class: 'help', text: 'Biểu mẫu chưa có phần này: nó được giữ nguyên; sửa ở tab Mã XML.' }),
      h('pre', { class: 'xml', text: new XMLSerializer().serializeToString(el).slice(0, 600) }));
    this.register(el, box, null);
    return box;
  },

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
        this.text(true, n, parent, { kind: 'insert', el: n, parent });
      },
    });
    body.append(f.node);
    this.register(el, box, () => f.focus(), badge);
    return box;
  },

  sectionBlock(el, tools) {
    // Phần, Chương, Mục: a title over blocks; Điều, khoản, điểm like a section
    // without the run-on lead.
    const isPart = ['part', 'chapter', 'division'].includes(el.localName);
    const leadOk = el.localName === 'section';
    const title = X.kid(el, 'title');
    const lead = X.kid(el, 'lead');
    const { box, body, badge } = this.card(el, NAMES[el.localName] || 'Mục', { cls: `block ${el.localName}`, tools, badge: true });
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
        if (!lead && leadOk)
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
  },

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
  },

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
  },

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
  },
};
