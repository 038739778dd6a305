// The start page: the folder's documents with their kind, trích yếu, date
// and whether `vanban check` passes; new documents from the skeletons;
// export; import of a Word file when the import stage is present.
import { api, download } from './api.js';
import { dialog, el as h, toast } from './ui.js';

export async function startPage(root, info) {
  document.getElementById('where').textContent = info.dir;
  document.getElementById('top-actions').textContent = '';
  root.textContent = '';
  const list = h('div', { class: 'files' }, h('p', { class: 'loading', text: 'Đang kiểm tra các tệp…' }));
  const kinds = h('select', { name: 'kind' }, info.kinds.map((k) => h('option', { value: k.kind, text: `${k.description} (${k.kind})` })));
  const name = h('input', { type: 'text', name: 'new-name', placeholder: `vd: ke-hoach-${info.year}`, required: true });
  const create = h('form', { class: 'create' },
    h('h2', { text: 'Văn bản mới' }), h('label', {}, 'Loại ', kinds), h('label', {}, 'Tên tệp ', name, '.xml'),
    h('button', { type: 'submit', class: 'primary', text: 'Tạo', id: 'create' }));
  create.addEventListener('submit', async (e) => {
    e.preventDefault();
    const n = name.value.trim();
    if (!n) {
      name.focus();
      return;
    }
    try {
      const r = await api.create(kinds.value, n);
      location.hash = `#/edit/${encodeURIComponent(r.name)}`;
    } catch (err) {
      toast(err.message);
    }
  });
  const side = h('div', { class: 'side' }, create);
  if (info.import) side.append(importBox());
  root.append(h('div', { class: 'start' }, h('div', { class: 'main' }, h('h1', { text: 'Các văn bản trong thư mục' }), list), side));
  await refresh(list);
}

function importBox() {
  const file = h('input', { type: 'file', accept: '.docx,.txt', name: 'import-file' });
  file.addEventListener('change', async () => {
    const f = file.files[0];
    if (!f) return;
    try {
      const r = await api.importFile(f.name, new Uint8Array(await f.arrayBuffer()));
      toast(`Đã nhập thành ${r.name}.`);
      location.hash = `#/edit/${encodeURIComponent(r.name)}`;
    } catch (e) {
      dialog('Không nhập được', [h('p', { text: e.message })], [['Đóng', () => true]]);
    }
  });
  return h('div', { class: 'import' }, h('h2', { text: 'Mở tệp Word' }),
    h('p', { text: 'Văn bản năm trước (.docx hoặc văn bản thuần .txt) thành tệp dữ liệu vanban.' }),
    h('label', { class: 'button' }, 'Chọn tệp…', file));
}

async function refresh(list) {
  let r;
  try {
    r = await api.files();
  } catch (e) {
    list.textContent = e.message;
    return;
  }
  list.textContent = '';
  if (!r.files.length) {
    list.append(h('p', { text: 'Thư mục chưa có tệp dữ liệu (.xml). Tạo văn bản mới ở bên phải.' }));
    return;
  }
  const status = (f) => {
    if (f.status === 'ok') return h('span', { class: 'ok', text: '✓ đạt' });
    if (f.status === 'warning') return h('span', { class: 'warn', text: `${f.warnings} cảnh báo`, title: f.message || '' });
    if (f.status === 'error') return h('span', { class: 'err', text: `${f.errors} lỗi`, title: f.message || '' });
    return h('span', { class: 'err', text: 'không đọc được', title: f.message || '' });
  };
  const exp = (f, fmt) => h('button', {
    type: 'button', class: 'small', text: fmt.toUpperCase(), disabled: f.status === 'error' || f.status === 'unreadable',
    title: f.errors ? 'còn lỗi: mở để sửa' : `tải ${fmt.toUpperCase()}`,
    onclick: async () => {
      try {
        const res = await api.exportFile(f.name, '', fmt);
        await download(res, f.name.replace(/\.xml$/, `.${fmt}`));
      } catch (e) {
        toast(e.message);
      }
    },
  });
  list.append(h('table', { class: 'filelist' },
    h('thead', {}, h('tr', {}, ['Tệp', 'Loại', 'Trích yếu', 'Ngày', 'Kiểm tra', 'Xuất'].map((t) => h('th', { text: t })))),
    h('tbody', {}, r.files.map((f) => h('tr', { 'data-name': f.name },
      h('td', {}, h('a', { href: `#/edit/${encodeURIComponent(f.name)}`, class: 'open', text: f.name })),
      h('td', { text: f.kind_name || f.kind || '' }),
      h('td', { class: 'subject', text: f.subject || '' }),
      h('td', { text: f.date || '' }),
      h('td', { class: 'check' }, status(f)),
      h('td', {}, exp(f, 'pdf'), exp(f, 'docx')))))));
}
