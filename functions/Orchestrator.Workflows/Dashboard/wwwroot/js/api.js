// Every call the dashboard makes to the HTTP API, in one place (the pages never build URLs).
// The key lives in sessionStorage for this tab only and travels in the x-functions-key header,
// never in a URL.

const KEY = 'orchestrator.key';
const ROLE = 'orchestrator.role';
const ACTOR = 'orchestrator.actor';
const PLATFORM = 'orchestrator.platform';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
  /** The field errors of a 400 problem: [{field, message}]. */
  get fieldErrors() { return this.problem?.errors ?? []; }
}

export const session = {
  key: () => sessionStorage.getItem(KEY),
  /** Signed in with a key, or by the platform (Entra ID in Azure: the session cookie, no key). */
  signedIn: () => !!sessionStorage.getItem(KEY) || sessionStorage.getItem(PLATFORM) === '1',
  /** 'operator' (admin key) or 'officer' (API key). */
  role: () => sessionStorage.getItem(ROLE),
  actor: () => sessionStorage.getItem(ACTOR) || '',
  isOperator: () => sessionStorage.getItem(ROLE) === 'operator',

  /** Tries the key: the admin health route answers anything but 401 only to the admin key. */
  async signIn(key, actor) {
    const probe = (path) => fetch(path, { headers: { 'x-functions-key': key } });
    const admin = await probe('/api/admin/health');
    let role;
    if (admin.status !== 401) role = 'operator';
    else if ((await probe('/api/summary')).ok) role = 'officer';
    else throw new ApiError(401, { detail: 'Khóa không hợp lệ.' });
    sessionStorage.setItem(KEY, key);
    sessionStorage.setItem(ROLE, role);
    if (actor) sessionStorage.setItem(ACTOR, actor); else sessionStorage.removeItem(ACTOR);
    return role;
  },
  /**
   * In Azure with Entra ID sign-in, the platform's session cookie opens the API without a key: the
   * role is the one the API grants (admin routes answer the operator role only). Null when the
   * API asks for a key (the local host, or nobody signed in).
   */
  async signInPlatform() {
    const admin = await fetch('/api/admin/health');
    let role = null;
    if (admin.status !== 401 && admin.status !== 403) role = 'operator';
    else if ((await fetch('/api/summary')).ok) role = 'officer';
    if (!role) return null;
    sessionStorage.setItem(PLATFORM, '1');
    sessionStorage.setItem(ROLE, role);
    return role;
  },
  /** Whether the platform offers a sign-in (App Service Authentication answers /.auth/me; the local host does not). */
  async platformSignInOffered() {
    try { return (await fetch('/.auth/me')).status !== 404; } catch { return false; }
  },
  signOut() { sessionStorage.removeItem(KEY); sessionStorage.removeItem(ROLE); sessionStorage.removeItem(ACTOR); sessionStorage.removeItem(PLATFORM); },
};

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

async function send(method, path, { body, raw, contentType, passBody, ifMatch } = {}) {
  const headers = {};
  if (session.key()) headers['x-functions-key'] = session.key();
  if (ifMatch) headers['if-match'] = ifMatch;
  const actor = session.actor();
  if (actor) { headers['x-actor'] = actor; headers['x-operator'] = actor; }
  if (body !== undefined) headers['content-type'] = contentType ?? 'application/json';
  const response = await fetch(path, {
    method, headers,
    // passBody: a File or text sent as it is (a letter), not as JSON.
    body: body === undefined ? undefined : passBody || typeof body === 'string' ? body : JSON.stringify(body),
  });
  if (response.status === 401) {
    session.signOut();
    window.dispatchEvent(new CustomEvent('signed-out'));
  }
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not JSON */ }
    throw new ApiError(response.status, problem);
  }
  if (raw) return response;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

const get = (path, params) => send('GET', path + query(params));
const post = (path, body, params) => send('POST', path + query(params), { body: body ?? {} });
/**
 * A paged list, page after page (the API answers `continuationToken`, null on the last page): the
 * pages' arrays are joined, so a page of the dashboard sorts and searches the whole list.
 */
async function getAll(path, params) {
  let token = null;
  let all = null;
  do {
    const page = await get(path, { ...params, pageSize: 1000, continuationToken: token });
    if (all === null) all = page;
    else for (const [k, v] of Object.entries(page)) if (Array.isArray(v) && Array.isArray(all[k])) all[k] = all[k].concat(v);
    token = page?.continuationToken ?? null;
  } while (token);
  if (all && typeof all.count === 'number' && Array.isArray(all.items)) all.count = all.items.length;
  if (all) all.continuationToken = null;
  return all;
}

const item = (d, l) => `/api/items/${encodeURIComponent(d)}/${encodeURIComponent(l)}`;

export const api = {
  summary: (directive) => get('/api/summary', { directive }),
  /** The overview's counts (as the summary's) and its two short lists, in one answer: {agencies, totals, dueSoon, mostOverdue}. */
  overview: (directive, dueFrom, dueTo) => get('/api/overview', { directive, dueFrom, dueTo }),
  /**
   * One page of the item list, paged by the server. filter: {directive, agency, category, dueWithinDays,
   * overdue}; page: {pageSize, continuationToken} (the token of the previous answer; none for the first page).
   * Answers {count, items, continuationToken}: null on the last page; a page may hold fewer items than asked.
   */
  items: (filter, page) => get('/api/items', { ...filter, ...page }),
  item: (d, l) => get(item(d, l)),
  itemPlan: (d, l) => get(item(d, l) + '/plan'),
  outbox: (d, l) => getAll('/api/outbox', { directive: d, label: l }),
  complete: (d, l, body) => post(item(d, l) + '/complete', body),
  progress: (d, l, body) => post(item(d, l) + '/progress', body),
  extension: (d, l, body) => post(item(d, l) + '/extension', body),
  withdraw: (d, l, body) => post(item(d, l) + '/withdraw', body),
  transfer: (d, l, body) => post(item(d, l) + '/transfer', body),
  /** The .xlsx of the whole list the filter selects (the server follows every page; at most 10,000 items), as a Blob. */
  async exportItems(filter) { return (await send('GET', '/api/items/export' + query(filter), { raw: true })).blob(); },

  directives: () => get('/api/directives'),
  directive: (id) => getAll(`/api/directives/${encodeURIComponent(id)}`),
  previewDirective: (json, rebaseTo) => send('POST', '/api/directives/preview' + query({ rebaseTo }), { body: json }),
  importDirective: (json, rebaseTo, secondsPerDay) => send('POST', '/api/directives' + query({ rebaseTo, secondsPerDay }), { body: json }),
  agencies: () => get('/api/agencies'),

  admin: {
    /** params: {status, prefix, limit, continuation} */
    instances: (params) => get('/api/admin/instances', params),
    instance: (id) => get(`/api/admin/instances/${encodeURIComponent(id)}`),
    act: (id, action, reason) => post(`/api/admin/instances/${encodeURIComponent(id)}/${action}`, { reason }),
    bulk: (action, filter, dryRun) => post(`/api/admin/bulk/${action}`, filter, { dryRun: dryRun ? 'true' : 'false' }),
    audit: (params) => get('/api/admin/audit', params),
    /** Notices whose delivery is unknown: {count, truncated, notices}. */
    unknownNotices: () => get('/api/admin/notices/unknown'),
    /** outcome: 'delivered' (found in SendGrid's Activity feed) or 'resend'. */
    settleNotice: (instanceId, stepId, outcome, reason) =>
      post(`/api/admin/notices/${encodeURIComponent(instanceId)}/${encodeURIComponent(stepId)}/settle`, { outcome, reason }),
    calendar: () => get('/api/admin/calendar'),
  },
};

// The letter import and the editable directory (appended here so the list functions above stay
// as they are).

/** A letter's draft (POST /api/drafts): `letter` is a string (plain text) or a File (.txt, .docx, .pdf). */
api.draft = (letter) => {
  const type = typeof letter === 'string' ? 'text/plain; charset=utf-8' : letterType(letter);
  return send('POST', '/api/drafts', { body: letter, contentType: type, passBody: true });
};
/** How far a background import (202) has come: {state, done, items, started, failed, failedLabels}. */
api.importStatus = (id) => get(`/api/directives/${encodeURIComponent(id)}/import`);

function letterType(file) {
  const name = file.name.toLowerCase();
  if (name.endsWith('.docx')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (name.endsWith('.pdf')) return 'application/pdf';
  return 'text/plain; charset=utf-8';
}

const agencyPath = (code) => `/api/admin/agencies/${encodeURIComponent(code)}`;
Object.assign(api.admin, {
  agency: (code) => get(agencyPath(code)),
  /** The whole agency replaced; `etag` (from agency()) makes a change made meanwhile a 412. */
  editAgency: (code, agency, reason, etag) => send('PUT', agencyPath(code), { body: { agency, reason }, ifMatch: etag }),
  addAgency: (agency, reason) => post('/api/admin/agencies', { agency, reason }),
});
