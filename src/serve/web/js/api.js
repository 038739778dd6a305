// Calls to the vanban server. Every API request carries the run's token in
// a header (the page got it from the server in a meta tag).
const token = document.querySelector('meta[name="vanban-token"]').content;

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || `lỗi ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

async function call(method, path, { params = {}, body, json, raw = false } = {}) {
  const q = new URLSearchParams(params).toString();
  const headers = { 'X-Vanban-Token': token };
  let payload = body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(json);
  } else if (typeof body === 'string') {
    headers['Content-Type'] = 'application/xml; charset=utf-8';
  } else if (body) {
    headers['Content-Type'] = 'application/octet-stream';
  }
  let res;
  try {
    res = await fetch(`/api/${path}${q ? '?' + q : ''}`, { method, headers, body: payload, cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, { error: 'không kết nối được với vanban serve (máy chủ đã dừng?)' });
  }
  const type = res.headers.get('Content-Type') || '';
  if (raw && res.ok && !type.startsWith('application/json')) return res;
  let data = null;
  try {
    data = await res.json();
  } catch (e) {
    data = { error: `trả lời không đọc được (${res.status})` };
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export const api = {
  info: (name = '') => call('GET', 'info', { params: { name } }),
  files: () => call('GET', 'files'),
  create: (kind, name) => call('POST', 'new', { json: { kind, name } }),
  open: (name) => call('GET', 'file', { params: { name } }),
  save: (name, text, version, force = false) =>
    call('PUT', 'file', { params: { name, version, force: force ? '1' : '0' }, body: text }),
  preview: (name, text, have) => call('POST', 'preview', { params: { name }, json: { text, have } }),
  exportFile: (name, text, format) => call('POST', 'export', { params: { name, format }, body: text, raw: true }),
  upload: (name, bytes) => call('POST', 'upload', { params: { name }, body: bytes }),
  importFile: (name, bytes) => call('POST', 'import', { params: { name }, body: bytes }),
};

// Saves a response's bytes as a download, named by the server.
export async function download(res, fallback) {
  const blob = await res.blob();
  const cd = res.headers.get('Content-Disposition') || '';
  const star = /filename\*=UTF-8''([^;]+)/.exec(cd);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = star ? decodeURIComponent(star[1]) : fallback;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 1000);
  return a.download;
}
