// Small page helpers: elements, modal dialogs that resolve to the button
// chosen, passing messages.
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k === 'value') e.value = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

// buttons: [[label, () => result]] — a result other than undefined closes
// the dialog and resolves the promise with it.
export function dialog(title, content, buttons, id = '') {
  const host = document.getElementById('dialog-host');
  return new Promise((resolve) => {
    const close = (v) => {
      back.remove();
      document.removeEventListener('keydown', esc);
      resolve(v);
    };
    const esc = (e) => {
      if (e.key === 'Escape') close(null);
    };
    const box = el('div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true', id: id ? `dialog-${id}` : null },
      el('h2', { text: title }), el('div', { class: 'content' }, content),
      el('div', { class: 'buttons' }, buttons.map(([label, fn], k) => el('button', {
        type: 'button', class: k === 0 ? 'primary' : '', 'data-choice': String(k), text: label,
        onclick: () => {
          const v = fn();
          if (v !== undefined) close(v);
        },
      }))));
    const back = el('div', { class: 'backdrop' }, box);
    host.append(back);
    document.addEventListener('keydown', esc);
    const first = box.querySelector('input, select, .inline, button');
    if (first) setTimeout(() => first.focus(), 0);
  });
}

export function toast(msg) {
  const t = el('div', { class: 'toast', role: 'status', text: msg });
  document.body.append(t);
  setTimeout(() => t.remove(), 4000);
}
