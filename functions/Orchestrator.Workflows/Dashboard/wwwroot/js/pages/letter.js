// Văn bản → Nhập từ công văn: a letter (pasted, or a .txt/.docx/.pdf file) is read into a draft
// (POST /api/drafts), shown beside the letter's lines; the officer corrects it in a form, previews
// the plan and imports it. Focusing a field highlights the lines it was read from.
import { api } from '../api.js';
import { html, raw, day, deadlineKind, stepKind, errorText } from '../format.js';
import { announce } from '../ui.js';

const TYPES = [['congVan', 'Công văn'], ['chiThi', 'Chỉ thị'], ['thongBao', 'Thông báo'], ['congDien', 'Công điện'], ['quyetDinh', 'Quyết định']];
const KINDS = [['task', 'Nhiệm vụ có thời hạn'], ['meeting', 'Cuộc họp, hội nghị'], ['standing', 'Yêu cầu thường xuyên']];
const HEADER = [
  ['number', 'Số'], ['code', 'Ký hiệu'], ['issueDate', 'Ngày ban hành', 'date'], ['issuer', 'Cơ quan ban hành'],
  ['place', 'Địa danh'], ['subject', 'Trích yếu'], ['signer.authority', 'Thẩm quyền ký'], ['signer.title', 'Chức vụ người ký'], ['signer.name', 'Người ký'],
];

export function render(main) {
  main.innerHTML = html`<p><a href="#/van-ban">‹ Văn bản</a></p><h1>Nhập văn bản từ công văn</h1>
    <p class="muted">Đọc công văn thành bản nháp để rà soát; chưa lưu gì cho đến khi bấm nhập. <a href="#/van-ban/nhap">Nhập từ tệp JSON</a></p>
    <form id="letter-form" class="card stack">
      <label for="letter-file">Tệp công văn <span class="req">(.txt, .docx hoặc PDF có lớp chữ)</span></label>
      <input id="letter-file" type="file" accept=".txt,text/plain,.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document,.pdf,application/pdf">
      <label for="letter-text">Hoặc dán nội dung công văn</label><textarea id="letter-text" rows="10"></textarea>
      <div class="row"><button type="submit" class="primary">Đọc công văn</button></div>
    </form>
    <section id="draft" aria-live="polite"></section>`;
  const form = main.querySelector('#letter-form');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const section = main.querySelector('#draft');
    const file = form.querySelector('#letter-file').files[0];
    const text = form.querySelector('#letter-text').value;
    if (!file && !text.trim()) { section.innerHTML = html`<p class="notice notice-error" role="alert">Chưa có công văn: chọn tệp hoặc dán nội dung.</p>`; return; }
    try {
      const draft = await api.draft(file ?? text);
      renderDraft(section, draft);
    } catch (err) {
      section.innerHTML = html`<p class="notice notice-error" role="alert">Không đọc được công văn: ${errorText(err)}</p>`;
    }
  });
}

/** A field's source as words ("dòng 12–13, độ tin cậy 0,8"), for its description. */
function sourceText(s) {
  if (!s) return 'Không tìm thấy trong công văn.';
  const lines = s.fromLine === s.toLine ? `dòng ${s.fromLine}` : `dòng ${s.fromLine}–${s.toLine}`;
  return `Từ ${lines}, độ tin cậy ${String(s.confidence).replace('.', ',')}`;
}

function field(path, label, value, sources, { type = 'text', textarea = false, hint } = {}) {
  const id = 'd-' + path.replace(/[^a-zA-Z0-9]+/g, '-');
  const s = sources[path];
  const attrs = raw(`id="${id}" data-path="${path}" aria-describedby="${id}-src"`);
  const control = textarea ? html`<textarea ${attrs} rows="3">${value ?? ''}</textarea>` : html`<input ${attrs} type="${type}" value="${value ?? ''}">`;
  return html`<div class="draft-field"><label for="${id}">${label}${hint ? html` <span class="req">(${hint})</span>` : ''}</label>${control}
    <span id="${id}-src" class="muted small" data-source="${s ? `${s.fromLine}-${s.toLine}` : ''}">${sourceText(s)}</span></div>`;
}

function select(path, label, value, options) {
  const id = 'd-' + path.replace(/[^a-zA-Z0-9]+/g, '-');
  return html`<div class="draft-field"><label for="${id}">${label}</label><select id="${id}" data-path="${path}"><option value="">—</option>
    ${options.map(([v, l]) => html`<option value="${v}"${v === value ? raw(' selected') : ''}>${l}</option>`)}</select></div>`;
}

function itemFields(item, i, sources) {
  const p = `items[${i}]`;
  return html`<fieldset class="card draft-item" data-index="${i}"><legend>Nhiệm vụ ${item.label ?? i + 1}</legend>
    ${field(p + '.label', 'Số thứ tự (nhãn)', item.label, sources)}
    ${select(p + '.kind', 'Loại', item.kind ?? 'task', KINDS)}
    ${field(p + '.text', 'Nội dung', item.text, sources, { textarea: true })}
    ${field(p + '.lead', 'Cơ quan chủ trì', item.lead, sources)}
    ${field(p + '.leads', 'Các cơ quan chủ trì', (item.leads ?? []).join('; '), sources, { hint: 'khi nhiều cơ quan, cách nhau bởi dấu ;' })}
    ${field(p + '.coordinating', 'Cơ quan phối hợp', (item.coordinating ?? []).join('; '), sources, { hint: 'cách nhau bởi dấu ;' })}
    ${field(p + '.deadlinePhrase', 'Thời hạn (nguyên văn)', item.deadlinePhrase, sources)}
    ${field(p + '.explicitDate', 'Ngày hạn cụ thể', item.explicitDate, sources, { type: 'date', hint: 'tùy chọn, thay cho cách đọc thời hạn' })}
    ${field(p + '.explicitDateReason', 'Lý do của ngày hạn cụ thể', item.explicitDateReason, sources)}
  </fieldset>`;
}

function renderDraft(section, draft) {
  const d = draft.directive;
  const sources = draft.sources ?? {};
  const lines = draft.lines ?? [];
  section.innerHTML = html`<h2 tabindex="-1">Bản nháp ${d.number ?? '?'}/${d.code ?? '?'}</h2>
    <div class="draft-layout">
      <section class="card letter-lines" aria-labelledby="h-letter"><h3 id="h-letter">Nội dung công văn</h3>
        <ol id="letter-lines">${lines.map((l, i) => html`<li data-line="${i + 1}">${l || raw('&nbsp;')}</li>`)}</ol></section>
      <form id="draft-form" class="stack" novalidate>
        <section class="card" aria-labelledby="h-flags"><h3 id="h-flags">Cần kiểm tra</h3>
          <ul id="flags">${(draft.flags ?? []).map((f) => html`<li><strong>${f.field}</strong>: ${f.message}</li>`)}
            ${(draft.plan?.problems ?? []).map((f) => html`<li><strong>Nhiệm vụ ${f.label} · ${f.field}</strong>: ${f.message}</li>`)}</ul>
          ${draft.flags?.length || draft.plan?.problems?.length ? '' : html`<p class="muted">Không có cảnh báo.</p>`}
          <h4>Các đoạn không thành nhiệm vụ</h4>
          <ul id="not-items">${(draft.notItems ?? []).map((n) => html`<li><button type="button" class="link" data-lines="${n.fromLine}-${n.toLine}">dòng ${n.fromLine}–${n.toLine}</button> ${n.reason}: <span class="muted">${n.text.length > 160 ? n.text.slice(0, 157) + '…' : n.text}</span></li>`)}</ul></section>
        <fieldset class="card" id="draft-header"><legend>Thông tin văn bản</legend>
          ${HEADER.map(([path, label, type]) => field(path, label, path.split('.').reduce((o, k) => o?.[k], d), sources, { type }))}
          ${select('documentType', 'Loại văn bản', d.documentType, TYPES)}
          ${field('recipients', 'Nơi nhận (kính gửi)', (d.recipients ?? []).join('\n'), sources, { textarea: true, hint: 'mỗi dòng một nơi' })}
        </fieldset>
        ${(d.items ?? []).map((item, i) => itemFields(item, i, sources))}
        <p class="notice notice-error" role="alert" hidden></p>
        <div class="row"><button type="submit" class="primary">Xem trước kế hoạch</button></div>
      </form>
    </div>
    <section id="draft-preview" aria-live="polite"></section>`;

  const form = section.querySelector('#draft-form');
  const highlight = (range) => {
    for (const li of section.querySelectorAll('#letter-lines li.source')) li.classList.remove('source');
    if (!range) return;
    const [from, to] = range.split('-').map(Number);
    let first = null;
    for (let n = from; n <= to; n++) {
      const li = section.querySelector(`#letter-lines li[data-line="${n}"]`);
      if (li) { li.classList.add('source'); first ??= li; }
    }
    first?.scrollIntoView({ block: 'nearest' });
  };
  form.addEventListener('focusin', (e) => {
    const path = e.target.dataset?.path;
    if (path) { const s = sources[path]; highlight(s ? `${s.fromLine}-${s.toLine}` : null); }
    if (e.target.dataset?.lines) highlight(e.target.dataset.lines);
  });
  form.addEventListener('submit', (e) => { e.preventDefault(); preview(section, form, d); });
  section.querySelector('h2').focus();
}

/** The directive as the form now says: the draft's own fields the form does not show are kept. */
function directiveFrom(form, draft) {
  const value = (path) => form.querySelector(`[data-path="${CSS.escape(path)}"]`)?.value.trim() ?? '';
  const list = (path, sep) => value(path).split(sep).map((x) => x.trim()).filter(Boolean);
  const orNull = (v) => (v === '' ? null : v);
  const items = [...form.querySelectorAll('fieldset.draft-item')].map((fs) => {
    const i = Number(fs.dataset.index);
    const p = `items[${i}]`;
    const leads = list(p + '.leads', ';');
    return {
      ...draft.items[i],
      label: value(p + '.label'), kind: value(p + '.kind') || 'task', text: value(p + '.text'),
      lead: leads.length ? null : orNull(value(p + '.lead')), leads: leads.length ? leads : null,
      coordinating: list(p + '.coordinating', ';'), deadlinePhrase: orNull(value(p + '.deadlinePhrase')),
      explicitDate: orNull(value(p + '.explicitDate')), explicitDateReason: orNull(value(p + '.explicitDateReason')),
    };
  });
  const signer = { authority: orNull(value('signer.authority')), title: orNull(value('signer.title')), name: orNull(value('signer.name')) };
  return {
    ...draft,
    number: orNull(value('number')), code: orNull(value('code')), issueDate: orNull(value('issueDate')), issuer: orNull(value('issuer')),
    place: orNull(value('place')), subject: orNull(value('subject')), documentType: orNull(value('documentType')),
    signer: Object.values(signer).some(Boolean) ? signer : null, recipients: list('recipients', '\n'), items,
  };
}

async function preview(section, form, draft) {
  const out = section.querySelector('#draft-preview');
  const error = form.querySelector('[role=alert]');
  error.hidden = true;
  const directive = directiveFrom(form, draft);
  let p;
  try {
    p = await api.previewDirective(JSON.stringify(directive));
  } catch (err) {
    error.textContent = `Bản nháp chưa hợp lệ: ${errorText(err)}`;
    error.hidden = false;
    out.innerHTML = '';
    return;
  }
  out.innerHTML = html`<h2 tabindex="-1">Kế hoạch của ${p.documentNumber} (${p.directiveId})</h2>
    <p>${p.items.length} nhiệm vụ sẽ được theo dõi; ${p.standingCount} yêu cầu thường xuyên được ghi nhận.</p>
    <div class="table-wrap"><table id="draft-plan" class="responsive"><thead><tr><th>Nhiệm vụ</th><th>Chủ trì</th><th>Thời hạn</th><th>Hạn</th><th>Các bước</th></tr></thead><tbody>
    ${p.items.map((i) => html`<tr data-label="${i.label}"><td data-label="Nhiệm vụ">${i.label}</td><td data-label="Chủ trì">${i.leadAsWritten} (${i.leadCode})</td>
      <td data-label="Thời hạn">${i.deadlinePhrase ?? '—'}<br><span class="muted">${deadlineKind(i.deadlineKind)} · ${i.rule}</span></td><td data-label="Hạn">${day(i.dueDate)}</td>
      <td data-label="Các bước">${i.steps.map((s) => `${stepKind(s.kind)}${s.level ? ' ' + s.level : ''} ${day(s.date)}`).join('; ') || '—'}</td></tr>`)}
    </tbody></table></div>
    <div class="row"><button type="button" id="draft-import" class="primary">Nhập văn bản và bắt đầu theo dõi</button></div>
    <p id="import-progress" role="status" hidden></p>`;
  out.querySelector('h2').focus();
  out.querySelector('#draft-import').addEventListener('click', async (ev) => {
    ev.target.disabled = true;
    try {
      const result = await api.importDirective(JSON.stringify(directive));
      const id = result?.directiveId ?? p.directiveId;
      if (result?.statusUrl) await followImport(out.querySelector('#import-progress'), id);
      announce(result?.alreadyImported ? 'Văn bản đã được nhập trước đây; không có gì thay đổi.' : `Đã nhập văn bản ${p.documentNumber}.`);
      location.hash = `#/van-ban/${encodeURIComponent(id)}`;
    } catch (err) {
      ev.target.disabled = false;
      announce(`Không nhập được: ${errorText(err)}`, 'error');
    }
  });
}

/** A directive of more than 100 items starts in the background (202): its progress until it ends. */
async function followImport(progress, id) {
  progress.hidden = false;
  for (;;) {
    const s = await api.importStatus(id);
    progress.textContent = `Đang khởi động: ${s.started ?? 0}/${s.items ?? '?'} nhiệm vụ${s.failed ? `, ${s.failed} lỗi` : ''}.`;
    if (s.state === 'done') return;
    if (s.state === 'stopped' || s.state === 'unknown') throw new Error('Việc nhập đã dừng; hãy nhập lại (chỉ các nhiệm vụ còn thiếu được khởi động).');
    await new Promise((r) => setTimeout(r, 1000));
  }
}
