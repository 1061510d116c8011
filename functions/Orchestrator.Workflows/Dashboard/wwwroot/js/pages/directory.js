// Danh bạ: the agency directory as the host has it. Officers read it; operators (admin key) also
// edit an agency (aliases, contacts per level, successor link) and add one, each change with a
// reason (audited). The API refuses the officer's key on the admin routes anyway: the buttons are
// only left out of the officer's page.
import { api, session } from '../api.js';
import { html, raw, day } from '../format.js';
import { announce, confirmDialog } from '../ui.js';

export async function render(main) {
  const { agencies } = await api.agencies();
  const operator = session.isOperator();
  main.innerHTML = html`<h1>Danh bạ</h1><p class="muted">${agencies.length} cơ quan, đơn vị.${operator ? ' Mỗi thay đổi cần lý do và được ghi vào nhật ký thao tác.' : ' Chỉ xem.'}</p>
    ${operator ? html`<div class="row"><button type="button" id="agency-add">Thêm cơ quan</button></div>` : ''}
    <div class="table-wrap"><table id="agencies" class="responsive"><thead><tr><th>Mã</th><th>Tên</th><th>Đầu mối</th><th>Lãnh đạo</th><th>Kế thừa</th>${operator ? raw('<th>Sửa</th>') : ''}</tr></thead><tbody>
    ${raw(agencies.map((a) => html`<tr data-code="${a.code}"><td data-label="Mã">${a.code}</td><td data-label="Tên">${a.name}${a.members?.length ? html`<br><span class="muted">Gồm: ${a.members.join(', ')}</span>` : ''}${a.aliases?.length ? html`<br><span class="muted">Tên khác: ${a.aliases.join('; ')}</span>` : ''}</td>
      <td data-label="Đầu mối">${a.contacts?.focalPoint ?? '—'}</td><td data-label="Lãnh đạo">${a.contacts?.leadership ?? '—'}</td>
      <td data-label="Kế thừa">${(a.successors ?? []).map((s) => `${s.successor} từ ${day(s.effective)}`).join('; ') || '—'}</td>
      ${operator ? html`<td data-label="Sửa"><button type="button" data-edit="${a.code}" aria-label="Sửa ${a.name}">Sửa</button></td>` : ''}</tr>`).join(''))}
    </tbody></table></div>`;
  if (!operator) return;
  main.querySelector('#agency-add').addEventListener('click', () => add(main));
  for (const b of main.querySelectorAll('[data-edit]')) b.addEventListener('click', () => edit(main, b.dataset.edit, b));
}

const lines = (text) => (text ?? '').split('\n').map((x) => x.trim()).filter(Boolean);

/** The form's fields for the parts of an agency the office keeps up to date. */
function agencyFields(a) {
  const link = a.successors?.[a.successors.length - 1];
  return [
    { name: 'name', label: 'Tên', required: true, value: a.name },
    { name: 'aliases', label: 'Tên khác (mỗi dòng một tên)', type: 'textarea', value: (a.aliases ?? []).join('\n') },
    { name: 'focalPoint', label: 'Email đầu mối', type: 'email', value: a.contacts?.focalPoint },
    { name: 'leadership', label: 'Email lãnh đạo', type: 'email', value: a.contacts?.leadership },
    { name: 'successor', label: 'Cơ quan kế thừa (mã)', value: link?.successor },
    { name: 'effective', label: 'Kế thừa từ ngày', type: 'date', value: link?.effective },
    { name: 'basis', label: 'Căn cứ kế thừa', value: link?.basis },
    { name: 'reason', label: 'Lý do', type: 'textarea', required: true },
  ];
}

/** The agency with the form's values: the fields the form does not show are kept as stored. */
function withValues(agency, v) {
  const successors = [...(agency.successors ?? [])];
  if (v.successor) {
    const link = { successor: v.successor, effective: v.effective || null, basis: v.basis || null };
    if (successors.length) successors[successors.length - 1] = link; else successors.push(link);
  } else successors.pop();
  const contacts = v.focalPoint || v.leadership ? { focalPoint: v.focalPoint, leadership: v.leadership } : null;
  return { ...agency, name: v.name, aliases: lines(v.aliases), contacts, successors };
}

async function edit(main, code, button) {
  let stored;
  try { stored = await api.admin.agency(code); } catch (err) { announce(`Không đọc được ${code}: ${err.message}`, 'error'); return; }
  const done = await confirmDialog({
    title: `Sửa ${stored.agency.name} (${code})`,
    fields: agencyFields(stored.agency),
    confirmLabel: 'Lưu thay đổi',
    submit: (v) => api.admin.editAgency(code, withValues(stored.agency, v), v.reason, stored.etag),
  });
  button.focus();
  if (!done) return;
  announce(`Đã lưu ${code}.`);
  await render(main);
  main.querySelector(`[data-edit="${CSS.escape(code)}"]`)?.focus();
}

async function add(main) {
  const done = await confirmDialog({
    title: 'Thêm cơ quan',
    fields: [
      { name: 'code', label: 'Mã (không đổi được về sau)', required: true },
      { name: 'kind', label: 'Loại', type: 'select', required: true, options: [{ value: 'agency', label: 'Cơ quan' }, { value: 'group', label: 'Nhóm cơ quan' }, { value: 'descriptive', label: 'Mô tả (không gửi email)' }] },
      ...agencyFields({}),
    ],
    confirmLabel: 'Thêm',
    submit: (v) => api.admin.addAgency(withValues({ code: v.code, kind: v.kind }, v), v.reason),
  });
  if (!done) return;
  announce(`Đã thêm ${done.agency?.code ?? ''}.`);
  await render(main);
}
