// Văn bản: the list of directives, one directive with its items, and the import of a directive
// (JSON uploaded or pasted), its plan previewed before anything is stored.
import { api } from '../api.js';
import { html, raw, day, instant, categoryBadge, deadlineKind, stepKind, errorText } from '../format.js';
import { announce } from '../ui.js';

export async function render(main, args) {
  if (args[0] === 'nhap') return renderImport(main);
  // Loaded on demand: the first page of the dashboard does not fetch the letter import.
  if (args[0] === 'cong-van') return (await import('./letter.js')).render(main);
  if (args[0]) return renderOne(main, args[0]);
  const list = await api.directives();
  main.innerHTML = html`<h1>Văn bản</h1>
    <p><a href="#/van-ban/cong-van">Nhập văn bản mới từ công văn</a> · <a href="#/van-ban/nhap">Nhập từ tệp JSON</a></p>
    <div class="table-wrap"><table id="directives" class="responsive"><thead><tr><th>Số hiệu</th><th>Trích yếu</th><th>Nhập lúc</th><th class="num">Nhiệm vụ</th></tr></thead><tbody>
    ${raw(list.directives.map((d) => html`<tr><td data-label="Số hiệu"><a href="#/van-ban/${encodeURIComponent(d.directiveId)}">${d.documentNumber}</a><br><span class="muted">${d.directiveId}</span></td>
      <td data-label="Trích yếu">${d.subject ?? ''}</td><td data-label="Nhập lúc">${instant(d.importedUtc)}</td><td class="num" data-label="Nhiệm vụ">${d.itemCount}</td></tr>`).join(''))}
    </tbody></table></div>${list.count === 0 ? html`<p class="muted">Chưa có văn bản nào.</p>` : ''}`;
}

async function renderOne(main, id) {
  const d = await api.directive(id);
  main.innerHTML = html`<p><a href="#/van-ban">‹ Văn bản</a></p><h1>${d.documentNumber}</h1>
    <div class="card"><p>${d.subject ?? ''}</p><dl class="facts"><dt>Ngày ban hành</dt><dd>${day(d.issueDate)}</dd>
      <dt>Nhập lúc</dt><dd>${instant(d.importedUtc)}</dd>${d.shiftDays ? html`<dt>Dời lịch</dt><dd>${d.shiftDays} ngày</dd>` : ''}
      <dt>Nhiệm vụ theo dõi</dt><dd>${d.items.length}</dd><dt>Yêu cầu thường xuyên</dt><dd>${d.standing.length}</dd></dl>
      <p><a href="#/nhiem-vu?directive=${encodeURIComponent(d.directiveId)}">Mở danh sách nhiệm vụ (lọc, xuất Excel)</a> · <a href="#/tong-quan?directive=${encodeURIComponent(d.directiveId)}">Tổng quan của văn bản</a></p></div>
    <div class="table-wrap"><table class="responsive"><thead><tr><th>Nhiệm vụ</th><th>Cơ quan chủ trì</th><th>Hạn</th><th>Tình trạng</th></tr></thead><tbody>
    ${raw(d.items.map((i) => html`<tr><td data-label="Nhiệm vụ"><a href="#/nhiem-vu/${encodeURIComponent(i.directiveId)}/${encodeURIComponent(i.label)}">${i.label}</a> ${i.task.length > 120 ? i.task.slice(0, 117) + '…' : i.task}</td>
      <td data-label="Cơ quan chủ trì">${i.agencyInChargeName}</td><td data-label="Hạn">${day(i.dueDate)}</td><td data-label="Tình trạng">${raw(categoryBadge(i.category))}</td></tr>`).join(''))}
    </tbody></table></div>
    ${d.standing.length ? html`<h2>Yêu cầu thường xuyên (ghi nhận, không theo dõi hạn)</h2><ul>${raw(d.standing.map((s) => html`<li><strong>${s.label}</strong> ${s.text}</li>`).join(''))}</ul>` : ''}`;
}

function renderImport(main) {
  main.innerHTML = html`<p><a href="#/van-ban">‹ Văn bản</a></p><h1>Nhập văn bản</h1>
    <form id="import" class="card stack">
      <label for="file">Tệp JSON của văn bản</label><input id="file" type="file" accept="application/json,.json">
      <label for="json">Hoặc dán nội dung JSON</label><textarea id="json" name="json" rows="8" spellcheck="false"></textarea>
      <label for="rebaseTo">Dời lịch để ngày ban hành là <span class="req">(tùy chọn, dữ liệu thử)</span></label><input id="rebaseTo" name="rebaseTo" type="date">
      <label for="secondsPerDay">Thời gian nén: số giây cho một ngày <span class="req">(tùy chọn, dữ liệu thử)</span></label><input id="secondsPerDay" name="secondsPerDay" type="number" min="0.01" step="any">
      <div class="row"><button type="submit" class="primary">Xem trước kế hoạch</button></div>
    </form>
    <section id="preview" aria-live="polite"></section>`;
  const form = main.querySelector('#import');
  form.querySelector('#file').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (file) form.json.value = await file.text();
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const section = main.querySelector('#preview');
    const json = form.json.value;
    const rebaseTo = form.rebaseTo.value;
    const secondsPerDay = form.secondsPerDay.value;
    if (!json.trim()) { section.innerHTML = html`<p class="notice notice-error" role="alert">Chưa có nội dung JSON.</p>`; return; }
    try {
      const p = await api.previewDirective(json, rebaseTo);
      section.innerHTML = html`<h2>Kế hoạch của ${p.documentNumber} (${p.directiveId})</h2>
        <p>${p.items.length} nhiệm vụ sẽ được theo dõi; ${p.standingCount} yêu cầu thường xuyên được ghi nhận.${p.shiftDays ? ` Lịch dời ${p.shiftDays} ngày.` : ''}</p>
        <div class="table-wrap"><table id="preview-items" class="responsive"><thead><tr><th>Nhiệm vụ</th><th>Chủ trì</th><th>Thời hạn</th><th>Hạn</th><th>Các bước</th></tr></thead><tbody>
        ${raw(p.items.map((i) => html`<tr><td data-label="Nhiệm vụ">${i.label}</td><td data-label="Chủ trì">${i.leadAsWritten} (${i.leadCode})</td>
          <td data-label="Thời hạn">${i.deadlinePhrase ?? '—'}<br><span class="muted">${deadlineKind(i.deadlineKind)} · ${i.rule}</span></td><td data-label="Hạn">${day(i.dueDate)}</td>
          <td data-label="Các bước">${i.steps.map((s) => `${stepKind(s.kind)}${s.level ? ' ' + s.level : ''} ${day(s.date)}`).join('; ') || '—'}</td></tr>`).join(''))}
        </tbody></table></div>
        <div class="row"><button type="button" id="do-import" class="primary">Nhập văn bản và bắt đầu theo dõi</button></div>`;
      section.querySelector('#do-import').addEventListener('click', async (ev) => {
        ev.target.disabled = true;
        try {
          const result = await api.importDirective(json, rebaseTo, secondsPerDay);
          announce(result?.alreadyImported ? 'Văn bản đã được nhập trước đây; không có gì thay đổi.'
            : result?.statusUrl ? `Đã lưu văn bản; ${result.itemCount} nhiệm vụ đang được khởi động nền.`
            : `Đã nhập ${result?.items?.length ?? ''} nhiệm vụ.`);
          location.hash = `#/van-ban/${encodeURIComponent(result?.directiveId ?? p.directiveId)}`;
        } catch (err) {
          ev.target.disabled = false;
          announce(`Không nhập được: ${errorText(err)}`, 'error');
        }
      });
      section.querySelector('h2').setAttribute('tabindex', '-1');
      section.querySelector('h2').focus();
    } catch (err) {
      section.innerHTML = html`<p class="notice notice-error" role="alert">Văn bản chưa hợp lệ: ${errorText(err)}</p>`;
    }
  });
}
