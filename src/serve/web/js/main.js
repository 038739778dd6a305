// Routes: #/ the folder's documents, #/edit/NAME the editor.
import { api } from './api.js';
import { Editor } from './editor.js';
import { startPage } from './start.js';
import { el as h } from './ui.js';

let editor = null;
let info = null;
let route = null;

async function go() {
  const hash = location.hash || '#/';
  if (editor && editor.dirty() && hash !== route) {
    if (!confirm('Văn bản chưa lưu. Rời trang và bỏ các thay đổi?')) {
      history.replaceState(null, '', route);
      return;
    }
  }
  route = hash;
  if (editor) {
    editor.close();
    editor = null;
  }
  const root = document.getElementById('app');
  const m = /^#\/edit\/(.+)$/.exec(hash);
  try {
    if (!info || m) info = await api.info(m ? decodeURIComponent(m[1]) : '');
    if (m) {
      editor = new Editor(root, decodeURIComponent(m[1]), info);
      window.vbEditor = editor;
      await editor.open();
    } else {
      await startPage(root, info);
    }
  } catch (e) {
    root.textContent = '';
    root.append(h('div', { class: 'notice error' }, e.message), h('p', {}, h('a', { href: '#/', text: 'Về danh sách văn bản' })));
  }
}

// The preview draws with the PDF's own font files: wait for them.
Promise.all(['vbR', 'vbB', 'vbI', 'vbZ'].map((f) => document.fonts.load(`14px ${f}`))).finally(() => {
  window.addEventListener('hashchange', go);
  go();
});
