// What the form knows of the data format (docs/format.md, schema/vanban.rng):
// the order of parts, which blocks each container holds, what a new element
// starts as, and the decree's Vietnamese names for all of it.

export const ROOT_ORDER = ['header', 'subject', 'opening', 'body', 'closing', 'recipients', 'drafter', 'signature',
  'parties', 'appendix'];
export const HEADER_ORDER = ['parent', 'agency', 'number', 'code', 'place', 'date'];

// Elements laid out one per line when the editor creates them.
export const BLOCK_NAMES = new Set(['header', 'subject', 'opening', 'body', 'closing', 'recipients', 'drafter',
  'signature', 'parties', 'party', 'appendix', 'parent', 'agency', 'number', 'code', 'place', 'date', 'section',
  'part', 'title', 'lead', 'p', 'basis', 'targets', 'target', 'bullets', 'item', 'numbered', 'phase', 'table',
  'col', 'row', 'group', 'to', 'archive', 'authority', 'name', 'unit', 'image', 'seal', 'chapter', 'division',
  'article', 'clause', 'point', 'field', 'issuer', 'addressees', 'minutes', 'signers', 'contact', 'attachment']);

// Inline content (where text goes).
export const INLINE = new Set(['b', 'i', 'fn', 'br', 'year', 'anniv', 'party-count', 'party-list']);

export const NAMES = {
  section: 'Mục',
  part: 'Phần',
  chapter: 'Chương',
  division: 'Mục (của chương)',
  article: 'Điều',
  clause: 'Khoản',
  point: 'Điểm',
  p: 'Đoạn văn',
  basis: 'Căn cứ',
  targets: 'Danh sách chỉ tiêu',
  target: 'Chỉ tiêu',
  bullets: 'Danh sách gạch đầu dòng',
  numbered: 'Danh sách đánh số',
  item: 'Ý',
  phase: 'Đợt thi đua',
  table: 'Bảng',
  appendix: 'Phụ lục',
  party: 'Bên giao ước',
  to: 'Nơi nhận',
};

// Blocks each container may hold (the schema's choices).
export const BODY_BLOCKS = ['p', 'section', 'part', 'targets', 'bullets', 'numbered', 'phase', 'table'];
export const CONTAINERS = {
  body: BODY_BLOCKS,
  section: BODY_BLOCKS,
  part: BODY_BLOCKS,
  appendix: BODY_BLOCKS,
  chapter: ['p', 'division', 'article', 'section', 'targets', 'bullets', 'numbered', 'table'],
  division: ['p', 'article', 'section', 'targets', 'bullets', 'numbered', 'table'],
  article: ['p', 'clause', 'targets', 'bullets', 'numbered', 'table'],
  clause: ['p', 'point', 'bullets', 'numbered', 'table'],
  point: ['p', 'bullets', 'table'],
  opening: ['basis', 'p'],
  closing: ['p'],
  cell: ['p', 'bullets'],
};

// New elements, as xml.build descriptions.
export function fresh(name, ctx = {}) {
  switch (name) {
    case 'p':
      return ['p', null, ''];
    case 'basis':
      return ['basis', null, 'Căn cứ '];
    case 'section':
      return ['section', null, ['title', null, 'Tiêu đề mục'], ['p', null, '']];
    case 'part':
      return ['part', null, ['title', null, 'Tên phần'], ['section', null, ['title', null, 'Tiêu đề mục'], ['p', null, '']]];
    case 'targets':
      return ['targets', null, ['target', null, '']];
    case 'target':
      return ['target', null, ''];
    case 'bullets':
      return ['bullets', ctx.mark ? { mark: ctx.mark } : null, ['item', null, '']];
    case 'numbered':
      return ['numbered', null, ['item', null, '']];
    case 'item':
      return ['item', null, ''];
    case 'article':
    case 'clause':
    case 'point':
      return [name, null, ['p', null, '']];
    case 'chapter':
    case 'division':
      return [name, null, ['title', null, name === 'chapter' ? 'Tên chương' : 'Tên mục'], ['article', null, ['p', null, '']]];
    case 'phase':
      return ['phase', null, 'Đợt thi đua thứ …: Từ ngày … đến ngày …'];
    case 'table':
      return ['table', { borders: 'all', numbered: 'true' },
        ['col', { width: '1', align: 'center' }, 'STT'], ['col', { width: '6' }, 'Nội dung'],
        ['col', { width: '2', align: 'center' }, 'Đơn vị thực hiện'],
        ['row', null, ['cell', null, ''], ['cell', null, '']]];
    case 'row':
      return ['row', null, ...Array.from({ length: Math.max(1, ctx.cells || 1) }, () => ['cell', null, ''])];
    case 'group':
      return ['group', null, 'Nhóm'];
    case 'col':
      return ['col', { width: '2' }, 'Cột mới'];
    case 'appendix':
      return ['appendix', null, ['title', null, 'Tên phụ lục'], ['p', null, '']];
    case 'party':
      return ['party', null, ['unit', null, 'Tên đơn vị'], ['name', null, '']];
    case 'to':
      return ['to', null, ''];
    case 'recipients':
      return ['recipients', null, ['to', null, ''], ['archive', null, 'VT']];
    case 'signature':
      return ['signature', null, ['authority', null, 'GIÁM ĐỐC'], ['name', null, '']];
    case 'parties':
      return ['parties', null, ['party', null, ['unit', null, 'Tên đơn vị'], ['name', null, '']]];
    case 'opening':
      return ['opening', null, ['basis', null, 'Căn cứ ']];
    case 'closing':
      return ['closing', null, ['p', null, 'Trên đây là …/.']];
    default:
      return [name, null];
  }
}

export const PREFIXES = [
  ['', '(không)'],
  ['TM.', 'TM. — thay mặt tập thể'],
  ['KT.', 'KT. — ký thay người đứng đầu'],
  ['TL.', 'TL. — thừa lệnh'],
  ['TUQ.', 'TUQ. — thừa ủy quyền'],
  ['Q.', 'Q. — quyền'],
];
