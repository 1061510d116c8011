// Nhiệm vụ: the item list with the API's filters (directive, agency, category, due within N
// days, overdue), paged by the server, with a text search and sorting within the page shown and
// export of the whole filtered list to .xlsx. The query lives in the address
// (#/nhiem-vu?agency=BTC&overdue=true), so a number on the overview opens its list; the address also
// holds the page (p) and its continuation token (t), so a reload shows the same page.
import { api } from '../api.js';
import { html, raw, day, CATEGORIES, categoryBadge, errorText } from '../format.js';
import { announce } from '../ui.js';

const PAGE_SIZES = [25, 50, 100, 200, 500, 1000];
const DEFAULT_PAGE_SIZE = 50;
const COLUMNS = [
  { key: 'label', name: 'Nhiệm vụ' },
  { key: 'task', name: 'Nội dung' },
  { key: 'agencyInChargeName', name: 'Cơ quan chủ trì' },
  { key: 'dueDate', name: 'Hạn' },
  { key: 'category', name: 'Tình trạng' },
];
const SERVER_FILTERS = ['directive', 'agency', 'category', 'dueWithinDays', 'overdue'];

// The tokens of the pages seen of one list (tokens[n - 1] opens page n), so "previous" needs no
// request of its own; the storage service's tokens only go forward.
let trail = { list: '', tokens: [null] };

export async function render(main, _args, query) {
  const q = Object.fromEntries(query.entries());
  const filter = Object.fromEntries(SERVER_FILTERS.map((k) => [k, q[k]]).filter(([, v]) => v));
  // The address may ask for any size the API takes (1–1000); the form offers the usual ones.
  const pageSize = Number.isInteger(Number(q.size)) && Number(q.size) >= 1 && Number(q.size) <= 1000 ? Number(q.size) : DEFAULT_PAGE_SIZE;
  const sizes = PAGE_SIZES.includes(pageSize) ? PAGE_SIZES : [...PAGE_SIZES, pageSize].sort((a, b) => a - b);
  const listKey = JSON.stringify([filter, pageSize]);
  if (trail.list !== listKey) trail = { list: listKey, tokens: [null] };
  const token = q.t || null;
  const pageNumber = token ? Math.max(2, Number(q.p) || 2) : 1;
  trail.tokens[pageNumber - 1] = token;

  const [directives, directory, list] = await Promise.all([api.directives(), api.agencies(),
    api.items(filter, { pageSize, continuationToken: token })]);
  trail.tokens.length = pageNumber; // a page reached again starts a new way forward
  if (list.continuationToken) trail.tokens[pageNumber] = list.continuationToken;

  const text = (q.q ?? '').trim().toLocaleLowerCase('vi');
  let rows = list.items.filter((i) => !text || [i.label, i.task, i.agencyInChargeName, i.agencyInCharge, i.leadAsWritten, i.directiveId]
    .some((v) => (v ?? '').toLocaleLowerCase('vi').includes(text)));
  const sort = COLUMNS.some((c) => c.key === q.sort) ? q.sort : null;
  const desc = q.dir === 'desc';
  if (sort) rows = rows.sort((a, b) => String(a[sort] ?? '').localeCompare(String(b[sort] ?? ''), 'vi', { numeric: true }) * (desc ? -1 : 1));
  const link = (changes) => '#/nhiem-vu?' + new URLSearchParams(Object.entries({ ...q, ...changes }).filter(([, v]) => v)).toString();
  const pageLink = (n) => link({ p: n > 1 ? n : '', t: trail.tokens[n - 1] ?? '' });

  const option = (value, label, selected) => html`<option value="${value}" ${selected ? raw('selected') : ''}>${label}</option>`;
  const header = COLUMNS.map((c) => {
    const active = c.key === sort;
    const ariaSort = active ? (desc ? 'descending' : 'ascending') : 'none';
    return html`<th scope="col" aria-sort="${ariaSort}"><button type="button" class="sort" data-sort="${c.key}">${c.name}${active ? (desc ? ' ▼' : ' ▲') : ''}</button></th>`;
  });
  const body = rows.map((i) => html`<tr data-label="${i.label}" data-directive="${i.directiveId}">
      <td data-label="Nhiệm vụ"><a href="#/nhiem-vu/${encodeURIComponent(i.directiveId)}/${encodeURIComponent(i.label)}">${i.label}</a><br><span class="muted">${i.directiveId}</span></td>
      <td data-label="Nội dung">${i.task.length > 160 ? i.task.slice(0, 157) + '…' : i.task}</td>
      <td data-label="Cơ quan chủ trì">${i.agencyInChargeName} <span class="muted">(${i.agencyInCharge})</span></td>
      <td data-label="Hạn">${day(i.dueDate)}${i.dueDateExpected ? raw(' <span class="muted expected" title="Năm chưa có lịch nghỉ chính thức: hạn tính theo Bộ luật Lao động, có thể đổi">(dự kiến)</span>') : ''}</td>
      <td data-label="Tình trạng">${raw(categoryBadge(i.category))}</td></tr>`);
  const more = Boolean(list.continuationToken);
  const previousKnown = pageNumber > 1 && trail.tokens[pageNumber - 2] !== undefined;
  const status = `Trang ${pageNumber}: ${rows.length} nhiệm vụ` + (text ? ` khớp từ khóa (trong ${list.items.length} của trang)` : '')
    + (more ? ' · còn trang sau' : ' · trang cuối');

  main.innerHTML = html`<h1>Nhiệm vụ</h1>
    <form class="filters card" id="item-filters" aria-label="Lọc nhiệm vụ">
      <div><label for="f-directive">Văn bản</label><select id="f-directive" name="directive">${raw(option('', 'Tất cả', !q.directive))}
        ${raw(directives.directives.map((d) => option(d.directiveId, d.documentNumber, d.directiveId === q.directive)).join(''))}</select></div>
      <div><label for="f-agency">Cơ quan chủ trì</label><select id="f-agency" name="agency">${raw(option('', 'Tất cả', !q.agency))}
        ${raw(directory.agencies.map((a) => option(a.code, `${a.name} (${a.code})`, a.code === q.agency)).join(''))}
        ${q.agency && !directory.agencies.some((a) => a.code === q.agency) ? raw(option(q.agency, q.agency, true)) : ''}</select></div>
      <div><label for="f-category">Tình trạng</label><select id="f-category" name="category">${raw(option('', 'Tất cả', !q.category))}
        ${raw(CATEGORIES.map((c) => option(c.key, c.name, c.key === q.category)).join(''))}</select></div>
      <div><label for="f-due">Đến hạn trong (ngày)</label><input id="f-due" name="dueWithinDays" type="number" min="0" max="3650" inputmode="numeric" value="${q.dueWithinDays ?? ''}"></div>
      <div><label><input type="checkbox" name="overdue" value="true" ${q.overdue === 'true' ? raw('checked') : ''}> Chỉ nhiệm vụ quá hạn</label></div>
      <div><label for="f-size">Số nhiệm vụ mỗi trang</label><select id="f-size" name="size">${raw(sizes.map((n) => option(String(n), String(n), n === pageSize)).join(''))}</select></div>
      <div><label for="f-q">Tìm trong trang này</label><input id="f-q" name="q" type="search" value="${q.q ?? ''}" aria-describedby="page-only"></div>
      <div class="row"><button type="submit" class="primary">Lọc</button><a href="#/nhiem-vu">Bỏ lọc</a></div>
      <p id="page-only" class="muted">Máy chủ lọc và chia trang; tìm kiếm và sắp xếp theo cột chỉ áp dụng cho trang đang xem.</p>
    </form>
    <div class="row"><p id="result-count" role="status">${status}</p>
      <button type="button" id="export">Xuất Excel (.xlsx)</button></div>
    <div class="table-wrap"><table id="items" class="responsive"><thead><tr>${raw(header.join(''))}</tr></thead><tbody>${raw(body.join(''))}</tbody></table></div>
    ${!rows.length && more ? html`<p class="muted">Không có nhiệm vụ nào khớp trên trang này; xem trang sau.</p>` : ''}
    ${pageNumber > 1 || more ? html`<nav class="pager" aria-label="Phân trang">
      ${pageNumber > 2 || (pageNumber > 1 && !previousKnown) ? html`<a href="${pageLink(1)}" id="first-page">« Trang đầu</a>` : ''}
      ${previousKnown ? html`<a href="${pageLink(pageNumber - 1)}" id="previous-page">‹ Trang trước</a>` : ''}<span>Trang ${pageNumber}</span>
      ${more ? html`<a href="${link({ p: pageNumber + 1, t: list.continuationToken })}" id="next-page">Trang sau ›</a>` : ''}</nav>` : ''}`;

  main.querySelector('#item-filters').addEventListener('submit', (e) => {
    e.preventDefault();
    const values = Object.fromEntries([...new FormData(e.target).entries()].filter(([, v]) => v));
    // Only a new search in the page: stay on the page (and its sorting); new server filters start at page 1.
    const sameList = JSON.stringify([Object.fromEntries(SERVER_FILTERS.map((k) => [k, values[k]]).filter(([, v]) => v)), Number(values.size)])
      === listKey;
    if (sameList) Object.assign(values, Object.fromEntries(['p', 't', 'sort', 'dir'].map((k) => [k, q[k]]).filter(([, v]) => v)));
    if (Number(values.size) === DEFAULT_PAGE_SIZE) delete values.size;
    location.hash = '#/nhiem-vu?' + new URLSearchParams(values).toString();
  });
  for (const b of main.querySelectorAll('button.sort')) {
    b.addEventListener('click', () => {
      const key = b.dataset.sort;
      location.hash = link({ sort: key, dir: key === sort && !desc ? 'desc' : '' });
    });
  }
  main.querySelector('#export').addEventListener('click', async () => {
    try {
      const blob = await api.exportItems(filter);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `nhiem-vu.xlsx`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      announce(`Đã xuất toàn bộ danh sách theo bộ lọc ra tệp Excel${text ? ' (không áp dụng từ khóa tìm kiếm trong trang)' : ''}.`);
    } catch (err) { announce(`Không xuất được: ${errorText(err)}`, 'error'); }
  });
}
