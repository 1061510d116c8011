// Vận hành (operators only; the API refuses the officer's key on every call here): failed
// instances with their reasons, rewind / restart / terminate with a reason, notices whose delivery
// is unknown (settled as delivered or sent again once), bulk actions that must be tried as a dry run
// first, the years of the working-day calendar (decided schedules, built in or loaded, and who
// loaded them), and the audit log.
import { api } from '../api.js';
import { html, raw, instant, errorText } from '../format.js';
import { announce, confirmDialog } from '../ui.js';

const SETTLE = [
  { id: 'delivered', label: 'Đã gửi tới nơi (có trong nhật ký SendGrid)' },
  { id: 'resend', label: 'Gửi lại một lần' },
];

const ACTIONS = [
  { id: 'rewind', label: 'Chạy lại từ chỗ lỗi (rewind)' },
  { id: 'restart', label: 'Khởi động lại (restart)' },
  { id: 'terminate', label: 'Dừng hẳn (terminate)', danger: true },
];

export async function render(main, _args, query) {
  // The audit log is kept by UTC day.
  const date = query.get('date') || new Date().toISOString().slice(0, 10);
  const [failed, unknown, audit, calendar] = await Promise.all([
    api.admin.instances({ status: 'Failed', limit: 200 }),
    api.admin.unknownNotices(),
    api.admin.audit({ date, limit: 200 }),
    api.admin.calendar(),
  ]);
  main.innerHTML = html`<h1>Vận hành</h1>
    <section class="card" aria-labelledby="h-failed"><h2 id="h-failed">Tiến trình lỗi (${failed.count}${failed.truncated ? '+' : ''})</h2>
      ${failed.count ? html`<div class="table-wrap"><table id="failed" class="responsive"><thead><tr><th>Tiến trình</th><th>Lý do lỗi</th><th>Cập nhật</th><th>Thao tác</th></tr></thead><tbody>
      ${raw(failed.instances.map((i) => html`<tr data-instance="${i.instanceId}"><td data-label="Tiến trình">${i.instanceId}${i.item?.agency ? html`<br><span class="muted">${i.item.agency}</span>` : ''}</td>
        <td data-label="Lý do lỗi"><span aria-hidden="true">⚠</span> ${i.failureType ?? ''}: ${i.failureMessage ?? ''}</td><td data-label="Cập nhật">${instant(i.lastUpdatedAt)}</td>
        <td data-label="Thao tác"><div class="row">${raw(ACTIONS.map((a) => html`<button type="button" class="${a.danger ? 'danger' : ''}" data-act="${a.id}" data-id="${i.instanceId}">${a.label}</button>`).join(''))}</div></td></tr>`).join(''))}
      </tbody></table></div>` : html`<p class="muted">Không có tiến trình lỗi.</p>`}</section>
    <section class="card" aria-labelledby="h-unknown"><h2 id="h-unknown">Thông báo chưa rõ đã gửi hay chưa (${unknown.count}${unknown.truncated ? '+' : ''})</h2>
      <p class="muted">Máy chủ dừng giữa lúc gửi: thư có thể đã tới người nhận, nên không tự gửi lại. Tra mã thông báo trong nhật ký hoạt động của SendGrid (custom_args notice_key) rồi chọn.</p>
      ${unknown.count ? html`<div class="table-wrap"><table id="unknown" class="responsive"><thead><tr><th>Mã thông báo</th><th>Gửi tới</th><th>Tiêu đề</th><th>Lập lúc</th><th>Thao tác</th></tr></thead><tbody>
      ${raw(unknown.notices.map((n) => html`<tr data-key="${n.instanceId}|${n.stepId}"><td data-label="Mã thông báo">${n.instanceId}|${n.stepId}</td>
        <td data-label="Gửi tới">${n.to.map((a) => a.email).join(', ')}</td><td data-label="Tiêu đề">${n.subject}</td><td data-label="Lập lúc">${instant(n.createdUtc)}</td>
        <td data-label="Thao tác"><div class="row">${raw(SETTLE.map((a) => html`<button type="button" data-settle="${a.id}" data-instance="${n.instanceId}" data-step="${n.stepId}">${a.label}</button>`).join(''))}</div></td></tr>`).join(''))}
      </tbody></table></div>` : html`<p class="muted">Không có thông báo nào chờ quyết định.</p>`}</section>
    <section class="card" aria-labelledby="h-bulk"><h2 id="h-bulk">Thao tác hàng loạt</h2>
      <form id="bulk" class="stack">
        <label for="b-action">Thao tác</label><select id="b-action" name="action">${raw(ACTIONS.map((a) => html`<option value="${a.id}">${a.label}</option>`).join(''))}</select>
        <label for="b-status">Trạng thái tiến trình</label><select id="b-status" name="status"><option>Failed</option><option>Running</option><option>Pending</option><option>Suspended</option></select>
        <label for="b-prefix">Mã tiến trình bắt đầu bằng <span class="req">(tùy chọn, ví dụ mã văn bản)</span></label><input id="b-prefix" name="instanceIdPrefix">
        <label for="b-reason">Lý do <span class="req">(bắt buộc)</span></label><textarea id="b-reason" name="reason" rows="2" required></textarea>
        <div class="row"><button type="submit" id="b-dry">Chạy thử (không thay đổi gì)</button>
          <button type="button" id="b-run" class="primary" disabled aria-describedby="b-hint">Thực hiện</button></div>
        <p id="b-hint" class="muted">Phải chạy thử trước; “Thực hiện” dùng đúng điều kiện vừa chạy thử.</p>
      </form><div id="bulk-report" aria-live="polite"></div></section>
    <section class="card" aria-labelledby="h-calendar"><h2 id="h-calendar">Lịch ngày làm việc (${calendar.firstYear}–${calendar.lastYear})</h2>
      <div class="table-wrap"><table id="calendar-years" class="responsive"><thead><tr><th>Năm</th><th>Tình trạng</th><th>Nguồn</th><th>Nạp bởi</th><th>Lúc</th></tr></thead><tbody>
      ${raw(calendar.decided.map((y) => html`<tr data-year="${y.year}"><td data-label="Năm">${y.year}</td><td data-label="Tình trạng">${y.status === 'official' ? 'chính thức' : y.status === 'announced' ? 'đã công bố' : y.status}</td>
        <td data-label="Nguồn">${y.origin === 'loaded' ? 'đã nạp' : 'có sẵn'}: ${y.source}</td><td data-label="Nạp bởi">${y.loadedBy ?? '—'}</td><td data-label="Lúc">${y.loadedAtUtc ? instant(y.loadedAtUtc) : '—'}</td></tr>`).join(''))}
      </tbody></table></div>
      <p class="muted">Các năm khác: dự kiến (tính theo Bộ luật Lao động 2019 Điều 112 và âm lịch Việt Nam, UTC+7). Nạp lịch chính thức: <code>orchestrator calendar load YYYY.json --reason "..."</code> hoặc PUT /api/admin/calendar/{năm}.</p></section>
    <section class="card" aria-labelledby="h-audit"><h2 id="h-audit">Nhật ký thao tác</h2>
      <form id="audit-date" class="filters"><div><label for="a-date">Ngày (UTC)</label><input id="a-date" name="date" type="date" value="${date}"></div><div><button type="submit">Xem</button></div></form>
      <div class="table-wrap"><table id="audit" class="responsive"><thead><tr><th>Lúc</th><th>Ai</th><th>Thao tác</th><th>Tiến trình</th><th>Lý do</th><th>Kết quả</th></tr></thead><tbody>
      ${raw(audit.entries.map((e) => html`<tr><td data-label="Lúc">${instant(e.atUtc)}</td><td data-label="Ai">${e.who}${e.onBehalfOf ? ` (${e.onBehalfOf})` : ''}</td>
        <td data-label="Thao tác">${e.action}${e.dryRun ? ' (chạy thử)' : ''}</td><td data-label="Tiến trình">${e.instanceId}</td><td data-label="Lý do">${e.reason}</td>
        <td data-label="Kết quả">${e.result}${e.detail ? ` — ${e.detail}` : ''}</td></tr>`).join(''))}
      </tbody></table></div>${audit.count ? '' : html`<p class="muted">Chưa có thao tác nào trong ngày.</p>`}</section>`;

  for (const button of main.querySelectorAll('#failed button[data-act]')) {
    button.addEventListener('click', async () => {
      const action = ACTIONS.find((a) => a.id === button.dataset.act);
      const done = await confirmDialog({
        title: `${action.label}`, intro: `Tiến trình ${button.dataset.id}.`,
        fields: [{ name: 'reason', label: 'Lý do', type: 'textarea', required: true }],
        submit: (v) => api.admin.act(button.dataset.id, action.id, v.reason),
      });
      if (!done) { button.focus(); return; }
      const { route } = await import('../app.js');
      await route({ keepFocus: true });
      announce(`Đã ${action.label.toLowerCase()}: ${button.dataset.id}.`);
      document.getElementById('h-audit')?.scrollIntoView();
    });
  }

  for (const button of main.querySelectorAll('#unknown button[data-settle]')) {
    button.addEventListener('click', async () => {
      const choice = SETTLE.find((a) => a.id === button.dataset.settle);
      const key = `${button.dataset.instance}|${button.dataset.step}`;
      const done = await confirmDialog({
        title: choice.label, intro: `Thông báo ${key}.`,
        fields: [{ name: 'reason', label: 'Lý do', type: 'textarea', required: true }],
        submit: (v) => api.admin.settleNotice(button.dataset.instance, button.dataset.step, choice.id, v.reason),
      });
      if (!done) { button.focus(); return; }
      const { route } = await import('../app.js');
      await route({ keepFocus: true });
      announce(`${choice.label}: ${key}.`);
    });
  }

  const bulk = main.querySelector('#bulk');
  const run = bulk.querySelector('#b-run');
  let tried = null;
  const filterOf = () => {
    const v = Object.fromEntries(new FormData(bulk).entries());
    return { action: v.action, body: { reason: v.reason.trim(), status: v.status, instanceIdPrefix: v.instanceIdPrefix.trim() || undefined } };
  };
  const report = (r) => html`<p>${r.dryRun ? 'Chạy thử' : 'Đã thực hiện'}: khớp ${r.matched}, áp dụng ${r.touched}, bỏ qua ${r.skipped}, lỗi ${r.failed}${r.truncated ? ' (chưa hết)' : ''}.</p>
    <ul>${raw(r.results.slice(0, 50).map((x) => html`<li>${x.instanceId}: ${x.result}${x.detail ? ` — ${x.detail}` : ''}</li>`).join(''))}</ul>`;
  bulk.addEventListener('input', () => { tried = null; run.disabled = true; });
  bulk.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = filterOf();
    if (!f.body.reason) { announce('Cần nhập lý do.', 'error'); bulk.reason.focus(); return; }
    try {
      const r = await api.admin.bulk(f.action, f.body, true);
      main.querySelector('#bulk-report').innerHTML = report(r);
      tried = JSON.stringify(f);
      run.disabled = r.matched === 0;
    } catch (err) { announce(`Không chạy thử được: ${errorText(err)}`, 'error'); }
  });
  run.addEventListener('click', async () => {
    const f = filterOf();
    if (JSON.stringify(f) !== tried) { run.disabled = true; return; }
    const ok = await confirmDialog({ title: 'Thực hiện thao tác hàng loạt', intro: `${f.action} theo điều kiện vừa chạy thử. Lý do: ${f.body.reason}`, fields: [] });
    if (!ok) { run.focus(); return; }
    try {
      const r = await api.admin.bulk(f.action, f.body, false);
      main.querySelector('#bulk-report').innerHTML = report(r);
      run.disabled = true;
      tried = null;
    } catch (err) { announce(`Không thực hiện được: ${errorText(err)}`, 'error'); }
  });
  main.querySelector('#audit-date').addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#/van-hanh?date=${encodeURIComponent(e.target.date.value)}`;
  });
}
