// Danh bạ: the agency directory as the host has it, read-only for now.
import { api } from '../api.js';
import { html, raw, day } from '../format.js';

export async function render(main) {
  const { agencies } = await api.agencies();
  main.innerHTML = html`<h1>Danh bạ</h1><p class="muted">${agencies.length} cơ quan, đơn vị. Chỉ xem.</p>
    <div class="table-wrap"><table id="agencies" class="responsive"><thead><tr><th>Mã</th><th>Tên</th><th>Đầu mối</th><th>Lãnh đạo</th><th>Kế thừa</th></tr></thead><tbody>
    ${raw(agencies.map((a) => html`<tr><td data-label="Mã">${a.code}</td><td data-label="Tên">${a.name}${a.members?.length ? html`<br><span class="muted">Gồm: ${a.members.join(', ')}</span>` : ''}</td>
      <td data-label="Đầu mối">${a.contacts?.focalPoint ?? '—'}</td><td data-label="Lãnh đạo">${a.contacts?.leadership ?? '—'}</td>
      <td data-label="Kế thừa">${(a.successors ?? []).map((s) => `${s.successor} từ ${day(s.effective)}`).join('; ') || '—'}</td></tr>`).join(''))}
    </tbody></table></div>`;
}
