// One item: the task, its lead (as written and today), coordinators, the deadline's reading,
// the plan with each step's notice state, the timeline with each notice's text, and the actions.
import { api } from '../api.js';
import { html, raw, day, instant, categoryBadge, stateName, deadlineKind, stepKind, noticeState, todayIso } from '../format.js';
import { announce, confirmDialog } from '../ui.js';

const KIND_NAMES = {
  Assigned: 'Giao nhiệm vụ', Completed: 'Hoàn thành', ProgressReported: 'Báo cáo tiến độ', ExtensionRequested: 'Đề nghị gia hạn',
  ExtensionGranted: 'Đồng ý gia hạn', ExtensionRefused: 'Từ chối gia hạn', Withdrawn: 'Rút nhiệm vụ', Transferred: 'Chuyển cơ quan chủ trì',
  Refused: 'Không áp dụng', Reminder: 'Nhắc hạn', Escalation: 'Đôn đốc', Milestone: 'Mốc',
  CalendarChanged: 'Lịch nghỉ thay đổi: tính lại kế hoạch',
};

/** The actions, their API call and the fields their confirmation asks for. */
function actions(agencies) {
  const reason = { name: 'reason', label: 'Lý do', type: 'textarea', required: true };
  return [
    { id: 'complete', label: 'Hoàn thành', call: api.complete, fields: [
      { name: 'reportNumber', label: 'Số văn bản báo cáo', required: true },
      { name: 'reportDate', label: 'Ngày báo cáo', type: 'date', value: todayIso() },
      { name: 'note', label: 'Ghi chú', type: 'textarea' }] },
    { id: 'progress', label: 'Báo cáo tiến độ', call: api.progress, fields: [
      { name: 'note', label: 'Tiến độ thực hiện', type: 'textarea', required: true },
      { name: 'reportNumber', label: 'Số văn bản báo cáo' }] },
    { id: 'extension-request', label: 'Đề nghị gia hạn', call: api.extension, extra: { action: 'request' }, fields: [
      { name: 'newDueDate', label: 'Gia hạn đến ngày', type: 'date', required: true }, reason] },
    { id: 'extension-grant', label: 'Đồng ý gia hạn', call: api.extension, extra: { action: 'grant' }, fields: [
      { name: 'newDueDate', label: 'Hạn mới', type: 'date', required: true }, reason] },
    { id: 'extension-refuse', label: 'Từ chối gia hạn', call: api.extension, extra: { action: 'refuse' }, fields: [reason] },
    { id: 'withdraw', label: 'Rút nhiệm vụ', call: api.withdraw, danger: true, fields: [reason] },
    { id: 'transfer', label: 'Chuyển cơ quan chủ trì', call: api.transfer, fields: [
      { name: 'toAgency', label: 'Cơ quan nhận', type: 'select', required: true,
        options: agencies.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` })) }, reason] },
  ];
}

export async function render(main, args) {
  const [directiveId, label] = args;
  const [item, plan, outbox, agencies] = await Promise.all([
    api.item(directiveId, label), api.itemPlan(directiveId, label).catch(() => null), api.outbox(directiveId, label),
    api.agencies().catch(() => ({ agencies: [] })),
  ]);
  const row = item.item;
  const ended = item.runtimeStatus && item.runtimeStatus !== 'Running' && item.runtimeStatus !== 'Pending';
  const notices = [...outbox.notices];
  const timeline = [
    // The declared actor, and beside it who the API authenticated (a key, a signed-in name, a link):
    // the declared name alone could be anyone's.
    ...item.timeline.map((t) => ({ at: t.atUtc, title: KIND_NAMES[t.kind] ?? t.kind, who: withCaller(t), detail: t.detail })),
    ...notices.map((n) => ({ at: n.sentUtc ?? n.createdUtc, title: `Thông báo: ${n.subject}`, who: n.to.map((x) => x.email ?? x.name ?? '').join(', '),
      detail: `${noticeState(n.state)}${n.lastError ? ` — ${n.lastError}` : ''}`, text: n.text })),
  ].sort((a, b) => String(b.at).localeCompare(String(a.at)));
  const steps = plan?.steps ?? [];
  const acts = actions(agencies.agencies);

  main.innerHTML = html`<p><a href="#/nhiem-vu?directive=${encodeURIComponent(directiveId)}">‹ Nhiệm vụ của văn bản ${directiveId}</a></p>
    <h1>Nhiệm vụ ${label} <span class="muted">— ${directiveId}</span></h1>
    <div class="card"><p id="item-category">${raw(row ? categoryBadge(row.category) : '')} <span class="muted">Trạng thái: <span id="item-state">${stateName(row?.state)}</span>${row?.level ? ` · mức đôn đốc ${row.level}` : ''}</span></p>
      <p>${plan?.text ?? row?.task ?? ''}</p>
      <dl class="facts">
        <dt>Chủ trì (theo văn bản)</dt><dd>${plan?.leadAsWritten ?? row?.leadAsWritten ?? '—'}</dd>
        <dt>Chủ trì hiện nay</dt><dd id="lead-today">${row ? `${row.agencyInChargeName} (${row.agencyInCharge})` : '—'}</dd>
        <dt>Phối hợp</dt><dd>${plan?.coordinating?.length ? plan.coordinating.join('; ') : '—'}</dd>
        <dt>Thời hạn (nguyên văn)</dt><dd>${plan?.deadlinePhrase ? `“${plan.deadlinePhrase}”` : '—'}</dd>
        <dt>Cách hiểu</dt><dd>${plan ? `${deadlineKind(plan.deadlineKind)}${plan.wordsDate ? ` · theo chữ: ${day(plan.wordsDate)}` : ''}${plan.rolledOver ? ' · lùi sang ngày làm việc kế tiếp' : ''}` : '—'}</dd>
        <dt>Quy tắc</dt><dd>${plan?.rule ?? '—'}</dd>
        <dt>Hạn</dt><dd id="due-date">${day(plan?.dueDate ?? row?.dueDate)}${row?.dueDateExpected ? raw(' <span class="muted expected" title="Năm chưa có lịch nghỉ chính thức: hạn tính theo Bộ luật Lao động 2019 Điều 112, sẽ tính lại khi có lịch chính thức">(dự kiến)</span>') : ''}</dd>
      </dl></div>
    <section class="card" aria-labelledby="h-actions"><h2 id="h-actions">Thao tác</h2>
      ${ended ? html`<p class="muted">Nhiệm vụ đã kết thúc (${item.runtimeStatus}); không nhận thêm thao tác.</p>` : ''}
      <div class="row" id="actions">${raw(acts.map((a) => html`<button type="button" data-action="${a.id}" class="${a.danger ? 'danger' : ''}" ${ended ? raw('disabled') : ''}>${a.label}</button>`).join(''))}</div>
    </section>
    <section class="card" aria-labelledby="h-plan"><h2 id="h-plan">Kế hoạch nhắc và đôn đốc${plan && plan.plan > 1 ? ` (lần ${plan.plan}, sau gia hạn)` : ''}</h2>
      ${steps.length ? html`<div class="table-wrap"><table id="plan" class="responsive"><thead><tr><th>Bước</th><th>Loại</th><th>Ngày</th><th>Thông báo</th></tr></thead><tbody>
        ${raw(steps.map((s) => html`<tr data-step="${s.stepKey}"><td data-label="Bước">${s.stepId}</td><td data-label="Loại">${stepKind(s.kind)}${s.level ? ` mức ${s.level}` : ''}</td>
          <td data-label="Ngày">${day(s.date)}${s.dateExpected ? raw(' <span class="muted expected">(dự kiến)</span>') : ''}</td><td data-label="Thông báo">${s.noticeState ? html`<span aria-hidden="true">✉</span> ${noticeState(s.noticeState)}` : noticeState(null)}</td></tr>`).join(''))}
      </tbody></table></div>` : html`<p class="muted">Không có bước nào còn lại.</p>`}</section>
    <section class="card" aria-labelledby="h-timeline"><h2 id="h-timeline" tabindex="-1">Diễn biến</h2>
      <ol class="timeline" id="timeline">${raw(timeline.map((t) => html`<li><strong>${t.title}</strong> <span class="muted">${instant(t.at)}${t.who ? ` · ${t.who}` : ''}</span>
        ${t.detail ? html`<div>${t.detail}</div>` : ''}${t.text ? html`<details><summary>Nội dung thông báo</summary><pre>${t.text}</pre></details>` : ''}</li>`).join(''))}</ol></section>`;

  for (const button of main.querySelectorAll('#actions button')) {
    const action = acts.find((a) => a.id === button.dataset.action);
    button.addEventListener('click', async () => {
      const before = item.timeline.length;
      const done = await confirmDialog({
        title: `${action.label} — nhiệm vụ ${label}`,
        intro: `Xác nhận ${action.label.toLowerCase()} cho nhiệm vụ ${label} của văn bản ${directiveId}.`,
        fields: action.fields,
        submit: (values) => action.call(directiveId, label, { ...(action.extra ?? {}), ...values, reportDate: values.reportDate || undefined }),
      });
      if (!done) { button.focus(); return; }
      announce(`Đã gửi “${action.label}”. Đang cập nhật…`);
      await waitForChange(directiveId, label, before);
      const { route } = await import('../app.js');
      await route({ keepFocus: true });
      announce(`Đã ghi nhận “${action.label}”.`);
      // The page was drawn again: focus the same action if it still applies, else the timeline's heading.
      const again = document.querySelector(`#actions [data-action="${action.id}"]:not([disabled])`);
      if (again) again.focus(); else document.getElementById('h-timeline')?.focus();
    });
  }
}

/** The event is applied by the item's orchestration a moment after the 202: wait for its timeline row (at most ~15 s). */
async function waitForChange(directiveId, label, before) {
  for (let i = 0; i < 30; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await api.item(directiveId, label).catch(() => null);
    if (now && now.timeline.length > before) return;
  }
}

/** "Nguyễn Văn A (tài khoản: function key)": the declared actor and the authenticated caller, when recorded. */
function withCaller(t) {
  return t.caller ? `${t.actor} (tài khoản: ${t.caller})` : t.actor;
}
