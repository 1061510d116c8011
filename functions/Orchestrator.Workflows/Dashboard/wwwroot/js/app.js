// The dashboard's shell: sign-in, navigation and a hash router (#/page/args?query), so the
// hosts serve one page and never need a route per screen.
import { session } from './api.js';
import { html, errorText } from './format.js';
import { announce } from './ui.js';
import * as overview from './pages/overview.js';
import * as items from './pages/items.js';
import * as item from './pages/item.js';
import * as directives from './pages/directives.js';
import * as operations from './pages/operations.js';
import * as directory from './pages/directory.js';

const main = document.getElementById('main');

/** page name → render(main, args, query); `operator` pages refuse the officer's key. */
const pages = {
  'tong-quan': { title: 'Tổng quan', render: overview.render },
  'nhiem-vu': { title: 'Nhiệm vụ', render: (m, args, q) => (args.length >= 2 ? item.render(m, args, q) : items.render(m, args, q)) },
  'van-ban': { title: 'Văn bản', render: directives.render },
  'van-hanh': { title: 'Vận hành', render: operations.render, operator: true },
  'danh-ba': { title: 'Danh bạ', render: directory.render },
};

export function parseHash() {
  const [path, search] = location.hash.replace(/^#\/?/, '').split('?');
  const [page, ...args] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { page: page || 'tong-quan', args, query: new URLSearchParams(search ?? '') };
}

/** Navigates to a page with query parameters (empty ones left out). */
export function go(page, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, v);
  const s = q.toString();
  location.hash = `#/${page}${s ? `?${s}` : ''}`;
}

function renderSignIn() {
  document.getElementById('nav').hidden = true;
  document.getElementById('who').textContent = '';
  document.title = 'Đăng nhập — Theo dõi nhiệm vụ';
  main.innerHTML = html`<section class="card signin"><h1>Đăng nhập</h1>
    <form id="signin" class="stack">
      <label for="key">Khóa truy cập <span class="req">(API key hoặc khóa quản trị)</span></label>
      <input id="key" name="key" type="password" required autocomplete="current-password">
      <label for="actor">Tên hoặc email của bạn <span class="req">(ghi vào nhật ký thao tác)</span></label>
      <input id="actor" name="actor" type="text" autocomplete="email">
      <p class="notice notice-error" role="alert" hidden></p>
      <div class="row"><button type="submit" class="primary">Đăng nhập</button></div>
    </form>
    <p class="muted">Khóa chỉ được giữ trong phiên làm việc của thẻ trình duyệt này.</p>
    <p id="platform-signin" hidden><a href="/.auth/login/aad?post_login_redirect_uri=/ui/">Đăng nhập bằng tài khoản Microsoft</a></p></section>`;
  session.platformSignInOffered().then((offered) => { const p = main.querySelector('#platform-signin'); if (p) p.hidden = !offered; });
  const form = main.querySelector('#signin');
  form.key.focus();
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const error = form.querySelector('[role=alert]');
    try {
      await session.signIn(form.key.value.trim(), form.actor.value.trim());
      route();
    } catch (err) {
      error.textContent = err.status === 401 ? 'Khóa không đúng.' : errorText(err);
      error.hidden = false;
      form.key.focus();
    }
  });
}

function renderChrome(page) {
  const nav = document.getElementById('nav');
  nav.hidden = false;
  nav.querySelector('[data-operator]').hidden = !session.isOperator();
  for (const a of nav.querySelectorAll('a')) {
    if (a.dataset.page === page) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  const who = document.getElementById('who');
  who.innerHTML = html`<span>${session.isOperator() ? 'Người vận hành' : 'Cán bộ theo dõi'}${session.actor() ? ` · ${session.actor()}` : ''}</span>
    <button type="button" id="signout">Đăng xuất</button>`;
  who.querySelector('#signout').addEventListener('click', () => {
    const platform = !session.key();
    session.signOut();
    // A platform sign-in ends at the platform; a key sign-in just forgets the key.
    if (platform) location.href = '/.auth/logout?post_logout_redirect_uri=/ui/'; else { location.hash = '#/tong-quan'; renderSignIn(); }
  });
}

let renderCount = 0;
export async function route({ keepFocus = false } = {}) {
  announce('');
  if (!session.signedIn()) {
    // Signed in by the platform (Entra ID in Azure)? Then no key is needed; else the key form.
    if (!(await session.signInPlatform().catch(() => null))) { renderSignIn(); return; }
  }
  const { page, args, query } = parseHash();
  const entry = pages[page];
  renderChrome(page);
  const mine = ++renderCount;
  delete main.dataset.ready;
  if (!entry) { main.innerHTML = html`<h1>Không tìm thấy trang</h1><p><a href="#/tong-quan">Về Tổng quan</a></p>`; return; }
  document.title = `${entry.title} — Theo dõi nhiệm vụ`;
  if (entry.operator && !session.isOperator()) {
    main.innerHTML = html`<h1>${entry.title}</h1><p class="notice notice-error" role="alert">Trang này chỉ dành cho người vận hành (khóa quản trị).</p>`;
    return;
  }
  main.innerHTML = '<p aria-busy="true">Đang tải…</p>';
  // Each page renders into its own view, shown only if no later navigation started meanwhile
  // (an earlier page's data arriving late must not overwrite a later page).
  const view = document.createElement('div');
  try {
    await entry.render(view, args, query);
  } catch (err) {
    view.innerHTML = html`<h1>${entry.title}</h1><p class="notice notice-error" role="alert">Không tải được: ${errorText(err)}</p>`;
  }
  if (mine !== renderCount) return;
  main.replaceChildren(view);
  if (!keepFocus) main.focus();
  main.dataset.ready = page;
}

window.addEventListener('hashchange', () => route());
window.addEventListener('signed-out', () => renderSignIn());
route();
