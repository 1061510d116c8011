// Nhiệm vụ: the item list with the API's filters (directive, agency, category, due within N
// days, overdue), a text search, sorting, paging and export to .xlsx. The query lives in the
// address (#/nhiem-vu?agency=BTC&overdue=true), so a number on the overview opens its list.
import { api } from '../api.js';
import { html, raw, day, CATEGORIES, categoryBadge, errorText } from '../format.js';
import { announce } from '../ui.js';

const PAGE_SIZE = 50;
const COLUMNS = [
  { key: 'label', name: 'Nhiệm vụ' },
  { key: 'task', name: 'Nội dung' },
  { key: 'agencyInChargeName', name: 'Cơ quan chủ trì' },
  { key: 'dueDate', name: 'Hạn' },
  { key: 'category', name: 'Tình trạng' },
];
const SERVER_FILTERS = ['directive', 'agency', 'category', 'dueWithinDays', 'overdue'];

export async function render(main, _args, query) {
  const q = Object.fromEntries(query.entries());
  const filter = Object.fromEntries(SERVER_FILTERS.map((k) => [k, q[k]]).filter(([, v]) => v));
  const [directives, directory, list] = await Promise.all([api.directives(), api.agencies(), api.items(filter)]);
  const text = (q.q ?? '').trim().toLocaleLowerCase('vi');
  let rows = list.items.filter((i) => !text || [i.label, i.task, i.agencyInChargeName, i.agencyInCharge, i.leadAsWritten, i.directiveId]
    .some((v) => (v ?? '').toLocaleLowerCase('vi').includes(text)));
  const sort = COLUMNS.some((c) => c.key === q.sort) ? q.sort : 'dueDate';
  const desc = q.dir === 'desc';
  rows = rows.sort((a, b) => String(a[sort] ?? '').localeCompare(String(b[sort] ?? ''), 'vi', { numeric: true }) * (desc ? -1 : 1));
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number(q.page) || 1));
  const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const link = (changes) => '#/nhiem-vu?' + new URLSearchParams(Object.entries({ ...q, ...changes }).filter(([, v]) => v)).toString();

  const option = (value, label, selected) => html`<option value="${value}" ${selected ? raw('selected') : ''}>${label}</option>`;
  const header = COLUMNS.map((c) => {
    const active = c.key === sort;
    const ariaSort = active ? (desc ? 'descending' : 'ascending') : 'none';
    return html`<th scope="col" aria-sort="${ariaSort}"><button type="button" class="sort" data-sort="${c.key}">${c.name}${active ? (desc ? ' ▼' : ' ▲') : ''}</button></th>`;
  });
  const body = shown.map((i) => html`<tr data-label="${i.label}" data-directive="${i.directiveId}">
      <td data-label="Nhiệm vụ"><a href="#/nhiem-vu/${encodeURIComponent(i.directiveId)}/${encodeURIComponent(i.label)}">${i.label}</a><br><span class="muted">${i.directiveId}</span></td>
      <td data-label="Nội dung">${i.task.length > 160 ? i.task.slice(0, 157) + '…' : i.task}</td>
      <td data-label="Cơ quan chủ trì">${i.agencyInChargeName} <span class="muted">(${i.agencyInCharge})</span></td>
      <td data-label="Hạn">${day(i.dueDate)}</td>
      <td data-label="Tình trạng">${raw(categoryBadge(i.category))}</td></tr>`);

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
      <div><label for="f-q">Tìm trong nội dung</label><input id="f-q" name="q" type="search" value="${q.q ?? ''}"></div>
      <div class="row"><button type="submit" class="primary">Lọc</button><a href="#/nhiem-vu">Bỏ lọc</a></div>
    </form>
    <div class="row"><p id="result-count" role="status">${rows.length} nhiệm vụ${rows.length > PAGE_SIZE ? ` · trang ${page}/${pages}` : ''}</p>
      <button type="button" id="export">Xuất Excel (.xlsx)</button></div>
    <div class="table-wrap"><table id="items" class="responsive"><thead><tr>${raw(header.join(''))}</tr></thead><tbody>${raw(body.join(''))}</tbody></table></div>
    ${pages > 1 ? html`<nav class="pager" aria-label="Phân trang">
      ${page > 1 ? html`<a href="${link({ page: page - 1 })}">‹ Trang trước</a>` : ''}<span>Trang ${page} / ${pages}</span>
      ${page < pages ? html`<a href="${link({ page: page + 1 })}">Trang sau ›</a>` : ''}</nav>` : ''}`;

  main.querySelector('#item-filters').addEventListener('submit', (e) => {
    e.preventDefault();
    const values = Object.fromEntries([...new FormData(e.target).entries()].filter(([, v]) => v));
    location.hash = '#/nhiem-vu?' + new URLSearchParams(values).toString();
  });
  for (const b of main.querySelectorAll('button.sort')) {
    b.addEventListener('click', () => {
      const key = b.dataset.sort;
      location.hash = link({ sort: key, dir: key === sort && !desc ? 'desc' : '', page: '' });
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
      announce(`Đã xuất ${list.count} nhiệm vụ ra tệp Excel${text ? ' (bộ lọc của máy chủ; không gồm từ khóa tìm kiếm)' : ''}.`);
    } catch (err) { announce(`Không xuất được: ${errorText(err)}`, 'error'); }
  });
}
