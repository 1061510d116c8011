// Shared widgets: the confirmation dialog (with a required reason when the API wants one),
// status messages read out by screen readers, the bar chart.
import { esc, html, raw, errorText } from './format.js';

/** Shows a message in the page's live region. */
export function announce(text, kind = 'ok') {
  const region = document.getElementById('status');
  region.className = `notice notice-${kind}`;
  region.textContent = text;
  region.hidden = !text;
}

/**
 * Opens a modal dialog with a form; resolves with its values when confirmed, null when cancelled.
 * fields: [{name, label, type: 'text'|'date'|'textarea'|'select', required, options: [{value, label}], value}]
 * submit(values) may throw an ApiError: its message shows in the dialog, which stays open.
 */
export function confirmDialog({ title, intro, fields, confirmLabel = 'Xác nhận', submit }) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'dialog';
    dialog.setAttribute('aria-labelledby', 'dialog-title');
    const inputs = fields.map((f, i) => {
      const id = `dlg-${f.name}-${i}`;
      const req = f.required ? raw(' <span class="req">(bắt buộc)</span>') : '';
      const attrs = raw(`id="${id}" name="${esc(f.name)}"${f.required ? ' required' : ''}`);
      let control;
      if (f.type === 'textarea') control = html`<textarea ${attrs} rows="3" maxlength="4000">${f.value ?? ''}</textarea>`;
      else if (f.type === 'select') control = html`<select ${attrs}><option value="">— chọn —</option>${f.options.map((o) => html`<option value="${o.value}">${o.label}</option>`)}</select>`;
      else control = html`<input ${attrs} type="${f.type ?? 'text'}" value="${f.value ?? ''}" autocomplete="off">`;
      return html`<label for="${id}">${f.label}${req}</label>${raw(control)}`;
    });
    dialog.innerHTML = html`<form method="dialog" class="stack" novalidate>
      <h2 id="dialog-title">${title}</h2>
      ${intro ? html`<p>${intro}</p>` : ''}
      ${raw(inputs.join(''))}
      <p class="notice notice-error" role="alert" hidden></p>
      <div class="row"><button type="submit" class="primary" value="ok">${confirmLabel}</button>
      <button type="button" value="cancel" class="cancel">Hủy</button></div></form>`;
    document.body.append(dialog);
    const form = dialog.querySelector('form');
    const error = dialog.querySelector('[role=alert]');
    const close = (value) => { dialog.close(); dialog.remove(); resolve(value); };
    dialog.querySelector('.cancel').addEventListener('click', () => close(null));
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(null); });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const values = Object.fromEntries(new FormData(form).entries());
      for (const [k, v] of Object.entries(values)) if (typeof v === 'string') values[k] = v.trim();
      const missing = fields.filter((f) => f.required && !values[f.name]);
      if (missing.length) {
        error.textContent = `Cần nhập: ${missing.map((f) => f.label).join(', ')}.`;
        error.hidden = false;
        form.querySelector(`[name="${missing[0].name}"]`).focus();
        return;
      }
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      try {
        const result = submit ? await submit(values) : values;
        close(result ?? values);
      } catch (err) {
        error.textContent = errorText(err);
        error.hidden = false;
        button.disabled = false;
      }
    });
    dialog.showModal();
    (form.querySelector('input, textarea, select') ?? form.querySelector('button')).focus();
  });
}

/**
 * A horizontal stacked bar chart (SVG), one bar per row, one segment per series. Decorative for
 * screen readers: the same numbers are in the table next to it.
 */
export function barChart(rows, series, { width = 640, barHeight = 22, labelWidth = 90 } = {}) {
  const max = Math.max(1, ...rows.map((r) => series.reduce((s, x) => s + (r.values[x.key] ?? 0), 0)));
  const plot = width - labelWidth - 40;
  const height = rows.length * (barHeight + 8) + 8;
  const bars = rows.map((r, i) => {
    let x = labelWidth;
    const y = 8 + i * (barHeight + 8);
    const segments = series.map((s) => {
      const w = ((r.values[s.key] ?? 0) / max) * plot;
      const rect = w > 0 ? `<rect class="seg-${s.css}" x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}"></rect>` : '';
      x += w;
      return rect;
    }).join('');
    const total = series.reduce((s, x2) => s + (r.values[x2.key] ?? 0), 0);
    return `<text x="${labelWidth - 6}" y="${y + barHeight * 0.7}" text-anchor="end">${esc(r.label)}</text>${segments}` +
      `<text x="${(x + 4).toFixed(1)}" y="${y + barHeight * 0.7}">${total}</text>`;
  }).join('');
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" aria-hidden="true" focusable="false">${bars}</svg>`;
}
