// The document as the browser holds it: an XML DOM, the single source of
// truth. The form edits the DOM; the text sent for the preview and saved is
// the DOM serialized, with the file's own prolog (declaration, comments
// before the root) and epilogue kept byte for byte, so that a save that
// touches nothing writes the file as it was.

export function parseXml(text) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const err = doc.getElementsByTagName('parsererror')[0];
  if (err) {
    const t = err.textContent.replace(/\s+/g, ' ');
    const m = /line (\d+) at column (\d+): (.*?)(?: Below is a rendering.*)?$/.exec(t);
    return { error: m ? `dòng ${m[1]}, cột ${m[2]}: ${m[3].trim()}` : t.trim() };
  }
  return { doc, ...frame(text) };
}

// Where the root element starts and ends in the text: what lies outside
// it is kept verbatim.
function frame(text) {
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt < 0) return { prolog: '', epilogue: '' };
    if (text.startsWith('<?', lt)) i = end(text, lt, '?>');
    else if (text.startsWith('<!--', lt)) i = end(text, lt, '-->');
    else if (text.startsWith('<!', lt)) i = end(text, lt, '>');
    else {
      i = lt;
      break;
    }
  }
  const prolog = text.slice(0, i);
  // After the root: only whitespace, comments and PIs may follow.
  let j = text.length;
  for (;;) {
    const t = text.slice(0, j).replace(/\s+$/, '');
    if (t.endsWith('-->')) {
      const k = t.lastIndexOf('<!--');
      if (k < 0) break;
      j = k;
    } else if (t.endsWith('?>')) {
      const k = t.lastIndexOf('<?');
      if (k < 0) break;
      j = k;
    } else {
      j = t.length;
      break;
    }
  }
  return { prolog, epilogue: text.slice(j) };
}

function end(text, from, marker) {
  const k = text.indexOf(marker, from);
  return k < 0 ? text.length : k + marker.length;
}

export function serialize(state) {
  return state.prolog + new XMLSerializer().serializeToString(state.doc.documentElement) + state.epilogue;
}

// Lines where `b` differs from `a` (the editor's rewrite of a hand-written file).
export function changedLines(a, b) {
  const la = a.split('\n');
  const lb = b.split('\n');
  const out = [];
  const n = Math.max(la.length, lb.length);
  for (let k = 0; k < n && out.length < 50; ++k) if (la[k] !== lb[k]) out.push(k + 1);
  return out;
}

// ------------------------------------------------------------ element helpers
export const isEl = (n) => n && n.nodeType === 1;
export const kids = (el, name) => [...el.children].filter((c) => !name || c.localName === name);
export const kid = (el, name) => kids(el, name)[0] || null;

// The document order of each element: the number the server uses for it.
export function ordinals(doc) {
  const m = new Map();
  let k = 0;
  for (const e of doc.getElementsByTagName('*')) m.set(e, k++);
  return m;
}
export function elementAt(doc, n) {
  return doc.getElementsByTagName('*')[n] || null;
}

// Indentation of the line an element starts on (the whitespace before it).
export function indentOf(el) {
  const p = el.previousSibling;
  if (p && p.nodeType === 3) {
    const m = /\n([ \t]*)$/.exec(p.data);
    if (m) return m[1];
  }
  if (el.parentNode && isEl(el.parentNode)) return indentOf(el.parentNode) + '  ';
  return '';
}

// The indentation children of `parent` use (from an existing child, or one
// step more than the parent).
function childIndent(parent) {
  const first = parent.firstElementChild;
  if (first) {
    const p = first.previousSibling;
    if (p && p.nodeType === 3 && /\n[ \t]*$/.test(p.data)) return indentOf(first);
  }
  return indentOf(parent) + step(parent);
}

function step(el) {
  // The file's own indentation step, guessed from the root's first child.
  const root = el.ownerDocument.documentElement;
  const f = root.firstElementChild;
  if (f) {
    const m = f.previousSibling && f.previousSibling.nodeType === 3 && /\n([ \t]*)$/.exec(f.previousSibling.data);
    if (m && m[1].length) return m[1];
  }
  return '  ';
}

// Whitespace and comments just before an element belong to it: they move
// and go with it.
function leading(el) {
  const out = [];
  for (let p = el.previousSibling; p; p = p.previousSibling) {
    if (p.nodeType === 8 || (p.nodeType === 3 && !/\S/.test(p.data))) out.unshift(p);
    else break;
  }
  return out;
}

// Inserts `el` into `parent` before `ref` (null: at the end of the element
// children, before trailing text), on its own line at the children's indent.
export function insertBlock(parent, el, ref = null) {
  const doc = parent.ownerDocument;
  const ind = childIndent(parent);
  const hadChildren = !!parent.firstElementChild;
  if (ref && ref.nodeType === 1) {
    // Before the whitespace and comments that lead to `ref`.
    const lead = leading(ref);
    if (lead.length) ref = lead[0];
  } else if (!ref) {
    const last = parent.lastElementChild;
    if (last) {
      ref = last.nextSibling;
    } else {
      // No element yet: after the text of mixed content (an item's own
      // words come before its sub-list); inside an empty container the
      // blank space goes.
      for (const c of [...parent.childNodes]) if (c.nodeType === 3 && !/\S/.test(c.data)) c.remove();
      ref = null;
    }
  }
  reindent(el, '', ind, true);
  parent.insertBefore(doc.createTextNode('\n' + ind), ref);
  parent.insertBefore(el, ref);
  if (!hadChildren) {
    // The closing tag goes on its own line, at the parent's indent.
    const after = el.nextSibling;
    if (!after || after.nodeType !== 3 || !/\n/.test(after.data))
      parent.insertBefore(doc.createTextNode('\n' + indentOf(parent)), el.nextSibling);
  }
  return el;
}

export function removeBlock(el) {
  const parent = el.parentNode;
  const lead = leading(el);
  // Keep one line break before the next thing.
  for (const n of lead) if (n.nodeType === 8) n.remove();
  const ws = lead.filter((n) => n.nodeType === 3);
  for (const n of ws.slice(0, -1)) n.remove();
  const w = ws[ws.length - 1];
  el.remove();
  if (w && w.parentNode && !parent.firstElementChild) {
    // The container is now empty of elements: drop the inner whitespace.
    for (const c of [...parent.childNodes]) if (c.nodeType === 3 && !/\S/.test(c.data)) c.remove();
  } else if (w) {
    w.remove();
  }
}

// Moves an element (with its comments) before `ref` in `parent`.
export function moveBlock(el, parent, ref) {
  const lead = leading(el).filter((n) => n.nodeType === 8);
  const fromIndent = indentOf(el);
  removeBlock(el);
  for (const c of lead) c.remove();
  reindent(el, fromIndent, '', false);
  insertBlock(parent, el, ref);
  const ind = indentOf(el);
  for (const c of lead) {
    parent.insertBefore(c, el);
    parent.insertBefore(parent.ownerDocument.createTextNode('\n' + ind), el);
  }
}

// Re-indents the whitespace inside `el` from one indentation to another.
function reindent(el, from, to, fresh) {
  if (from === to && !fresh) return;
  const walk = (n) => {
    for (const c of n.childNodes) {
      if (c.nodeType === 3 && /\n/.test(c.data) && !/\S/.test(c.data)) {
        c.data = c.data.replace(/\n[ \t]*/g, (m) => {
          const cur = m.slice(1);
          return '\n' + (cur.startsWith(from) ? to + cur.slice(from.length) : to + cur);
        });
      } else if (c.nodeType === 1) walk(c);
    }
  };
  walk(el);
}

// A new element from a small description: ['section', {attrs}, child…]
// where a child is a string (text) or another description. Block children
// are laid out on their own lines.
export function build(doc, spec, blockNames) {
  if (typeof spec === 'string') return doc.createTextNode(spec);
  const [name, attrs, ...children] = spec;
  const el = doc.createElement(name);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) el.setAttribute(k, v);
  const blocky = children.some((c) => Array.isArray(c) && blockNames.has(c[0]));
  for (const c of children) {
    const n = build(doc, c, blockNames);
    if (blocky) el.appendChild(doc.createTextNode('\n  '));
    el.appendChild(n);
  }
  if (blocky) el.appendChild(doc.createTextNode('\n'));
  // Nested levels: indent relative to this element.
  if (blocky) reindentFresh(el, '');
  return el;
}

function reindentFresh(el, base) {
  for (const c of el.childNodes) {
    if (c.nodeType === 3 && /^\n/.test(c.data) && !/\S/.test(c.data)) {
      c.data = c === el.lastChild ? '\n' + base : '\n' + base + '  ';
    } else if (c.nodeType === 1) reindentFresh(c, base + '  ');
  }
}

// Sets an attribute, or removes it when the value is empty.
export function setAttr(el, name, value) {
  if (value === '' || value === null || value === undefined) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

// Sets the plain text of an element (its children replaced by one text node).
export function setText(el, value) {
  while (el.firstChild) el.removeChild(el.firstChild);
  if (value !== '') el.appendChild(el.ownerDocument.createTextNode(value));
}

// The element's text as shown in a plain input: whitespace collapsed.
export function plainText(el) {
  return el ? el.textContent.replace(/\s+/g, ' ').trim() : '';
}

// An optional child at its place in the order the format prescribes.
export function ensureChild(parent, name, order, make) {
  let el = kid(parent, name);
  if (el) return el;
  el = make ? make() : parent.ownerDocument.createElement(name);
  const pos = order.indexOf(name);
  let ref = null;
  for (const c of parent.children) {
    const i = order.indexOf(c.localName);
    if (i > pos) {
      ref = c;
      break;
    }
  }
  insertBlock(parent, el, ref);
  return el;
}
