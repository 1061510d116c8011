// Words, dates and small HTML helpers shared by the pages. Dates: dd/MM/yyyy; times in
// Asia/Ho_Chi_Minh whatever the browser's own zone.

const ZONE = 'Asia/Ho_Chi_Minh';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** Escapes text for HTML (every value from the API goes through it). */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** Markup built by html`` (or marked by raw()): inserted as is, never escaped again. */
class SafeHtml {
  constructor(text) { this.text = text; }
  toString() { return this.text; }
}

/** Tagged template: interpolated values are escaped, except markup from html`` or raw(); arrays are joined. */
export function html(strings, ...values) {
  return new SafeHtml(strings.reduce((out, s, i) => out + s + (i < values.length ? toHtml(values[i]) : ''), ''));
}
export const raw = (text) => new SafeHtml(String(text));
function toHtml(v) {
  if (v === null || v === undefined || v === false) return '';
  if (Array.isArray(v)) return v.map(toHtml).join('');
  if (v instanceof SafeHtml) return v.text;
  return esc(v);
}

/** "2024-03-31" → "31/03/2024". */
export function day(iso) {
  if (!iso) return '—';
  const [y, m, d] = String(iso).slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** An instant → "dd/MM/yyyy HH:mm" in Vietnam time. */
export function instant(value) {
  if (!value) return '—';
  const p = Object.fromEntries(parts.formatToParts(new Date(value)).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** Today in Vietnam as YYYY-MM-DD. */
export function todayIso() {
  const p = Object.fromEntries(parts.formatToParts(new Date()).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

/** The four official categories, with a word and an icon (colour is never the only signal). */
export const CATEGORIES = [
  { key: 'completedOnTime', name: 'Hoàn thành đúng hạn', icon: '✔', css: 'ok' },
  { key: 'completedLate', name: 'Hoàn thành quá hạn', icon: '◐', css: 'late' },
  { key: 'inProgressWithinDeadline', name: 'Đang thực hiện trong hạn', icon: '●', css: 'open' },
  { key: 'overdue', name: 'Quá hạn', icon: '⚠', css: 'overdue' },
];

export function categoryBadge(key) {
  const c = CATEGORIES.find((x) => x.key === key) ?? { name: 'Không tính', icon: '○', css: 'none' };
  return html`<span class="badge badge-${c.css}"><span aria-hidden="true">${c.icon}</span> ${c.name}</span>`;
}

const STATES = {
  Open: 'Đang mở', Overdue: 'Quá hạn', CompletedOnTime: 'Hoàn thành đúng hạn', CompletedLate: 'Hoàn thành quá hạn', Withdrawn: 'Đã rút',
};
export const stateName = (s) => STATES[s] ?? s ?? '—';

const KINDS = { Date: 'Ngày cụ thể', Urgent: 'Khẩn trương', None: 'Không có hạn', Standing: 'Thường xuyên' };
export const deadlineKind = (k) => KINDS[k] ?? k;

const STEPS = { Milestone: 'Mốc', Reminder: 'Nhắc hạn', Escalation: 'Đôn đốc' };
export const stepKind = (k) => STEPS[k] ?? k;

const NOTICE = { Sent: 'Đã gửi', NotSent: 'Đã ghi (không gửi email)', Pending: 'Đang gửi', Failed: 'Gửi lỗi' };
export const noticeState = (s) => (s ? NOTICE[s] ?? s : 'Chưa đến hạn');

/** The field errors of an ApiError as a list, or its message. */
export function errorText(error) {
  const fields = error?.fieldErrors ?? [];
  return fields.length ? fields.map((f) => `${f.field}: ${f.message}`).join('; ') : (error?.message ?? String(error));
}
