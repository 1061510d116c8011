// Tổng quan: counts in the four official categories (total and by agency), a chart, what comes
// due in 14 days, the most overdue items. Every number links to the list behind it.
import { api } from '../api.js';
import { html, raw, day, CATEGORIES, categoryBadge } from '../format.js';
import { barChart } from '../ui.js';

const listLink = (params) => '#/nhiem-vu?' + new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();

export async function render(main, _args, query) {
  const directive = query.get('directive') ?? '';
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const period = from || to;
  const [directives, summary] = await Promise.all([api.directives(), api.overview(directive, from, to)]);
  const { dueSoon, mostOverdue: overdue } = summary;
  const base = { directive };
  const totals = summary.totals;
  const tiles = CATEGORIES.map((c) => html`<a class="tile tile-${c.css}" href="${listLink({ ...base, category: c.key })}" data-category="${c.key}">
      <span class="n" data-count="${c.key}">${totals[c.key] ?? 0}</span><span aria-hidden="true">${c.icon}</span> ${c.name}</a>`);
  const agencies = summary.agencies;
  const rows = agencies.map((a) => html`<tr data-agency="${a.agency}"><th scope="row">${a.agencyName} <span class="muted">(${a.agency})</span></th>
      ${raw(CATEGORIES.map((c) => html`<td class="num" data-label="${c.name}"><a href="${listLink({ ...base, agency: a.agency, category: c.key })}" aria-label="${a.agency}: ${a[c.key] ?? 0} ${c.name}">${a[c.key] ?? 0}</a></td>`).join(''))}</tr>`);
  const top = [...agencies].sort((a, b) => CATEGORIES.reduce((s, c) => s + (b[c.key] ?? 0) - (a[c.key] ?? 0), 0)).slice(0, 12);
  const chart = barChart(top.map((a) => ({ label: a.agency, values: a })), CATEGORIES, { width: 900, labelWidth: 150 });
  const mostOverdue = overdue.items;
  const soon = dueSoon.items;
  const itemRow = (i) => html`<tr><td data-label="Nhiệm vụ"><a href="#/nhiem-vu/${encodeURIComponent(i.directiveId)}/${encodeURIComponent(i.label)}">${i.label}</a> <span class="muted">${i.directiveId}</span></td>
      <td data-label="Cơ quan"><abbr title="${i.agencyInChargeName}">${i.agencyInCharge}</abbr></td><td data-label="Hạn">${day(i.dueDate)}</td><td data-label="Tình trạng">${raw(categoryBadge(i.category))}</td></tr>`;
  const itemTable = (list, caption, empty) => list.length
    ? html`<div class="table-wrap"><table class="responsive"><caption class="muted">${caption}</caption><thead><tr><th>Nhiệm vụ</th><th>Cơ quan chủ trì</th><th>Hạn</th><th>Tình trạng</th></tr></thead><tbody>${raw(list.map(itemRow).join(''))}</tbody></table></div>`
    : html`<p class="muted">${empty}</p>`;

  main.innerHTML = html`<h1>Tổng quan</h1>
    <form class="filters card" id="overview-filters" aria-label="Lọc">
      <div><label for="f-directive">Văn bản</label><select id="f-directive" name="directive"><option value="">Tất cả văn bản</option>
        ${raw(directives.directives.map((d) => html`<option value="${d.directiveId}" ${d.directiveId === directive ? raw('selected') : ''}>${d.documentNumber} — ${d.subject ?? ''}</option>`).join(''))}</select></div>
      <div><label for="f-from">Hạn từ ngày</label><input id="f-from" name="from" type="date" value="${from}"></div>
      <div><label for="f-to">đến ngày</label><input id="f-to" name="to" type="date" value="${to}"></div>
      <div><button type="submit">Lọc</button></div>
    </form>
    ${period ? html`<p class="muted">Số liệu của các nhiệm vụ có hạn trong kỳ ${from ? day(from) : '…'} – ${to ? day(to) : '…'}.</p>` : ''}
    <section aria-labelledby="h-cat"><h2 id="h-cat">Theo bốn loại tình trạng</h2><div class="tiles">${raw(tiles.join(''))}</div></section>
    <section class="card" aria-labelledby="h-chart"><h2 id="h-chart">Biểu đồ theo cơ quan chủ trì</h2>
      <p class="legend">${raw(CATEGORIES.map((c) => html`<span><i class="${c.css}"></i>${c.name}</span>`).join(''))}</p>
      ${raw(agencies.length ? chart : '<p class="muted">Chưa có số liệu.</p>')}
      <p class="muted">Cùng số liệu trong bảng “Theo cơ quan chủ trì” bên dưới.</p></section>
    <div class="grid grid-2">
      <section class="card" aria-labelledby="h-soon"><h2 id="h-soon">Đến hạn trong 14 ngày tới</h2>
        ${raw(itemTable(soon, `${dueSoon.count} nhiệm vụ`, 'Không có nhiệm vụ nào đến hạn trong 14 ngày tới.'))}
        ${dueSoon.count > soon.length ? html`<p><a href="${listLink({ ...base, dueWithinDays: 14 })}">Xem tất cả ${dueSoon.count}</a></p>` : ''}</section>
      <section class="card" aria-labelledby="h-overdue"><h2 id="h-overdue"><span aria-hidden="true">⚠</span> Quá hạn lâu nhất</h2>
        ${raw(itemTable(mostOverdue, `${overdue.count} nhiệm vụ quá hạn`, 'Không có nhiệm vụ quá hạn.'))}
        ${overdue.count > mostOverdue.length ? html`<p><a href="${listLink({ ...base, overdue: 'true' })}">Xem tất cả ${overdue.count}</a></p>` : ''}</section>
    </div>
    <section aria-labelledby="h-agency"><h2 id="h-agency">Theo cơ quan chủ trì</h2>
      <div class="table-wrap"><table id="by-agency" class="responsive"><thead><tr><th scope="col">Cơ quan</th>${raw(CATEGORIES.map((c) => html`<th scope="col" class="num">${c.name}</th>`).join(''))}</tr></thead>
      <tbody>${raw(rows.join(''))}</tbody>
      <tfoot><tr><th scope="row">Tổng</th>${raw(CATEGORIES.map((c) => html`<td class="num"><a href="${listLink({ ...base, category: c.key })}">${totals[c.key] ?? 0}</a></td>`).join(''))}</tr></tfoot></table></div>
    </section>`;
  main.querySelector('#overview-filters').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    const q = new URLSearchParams([...f.entries()].filter(([, v]) => v));
    location.hash = '#/tong-quan' + (q.toString() ? `?${q}` : '');
  });
}
