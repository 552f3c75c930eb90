// The REST client: every call goes to /api/v1 on the same origin with the
// session cookie. State-changing calls carry X-CSRF-Token (from login or /me).
// A 401 anywhere means the session is gone: we go to the login page.

const BASE = '/api/v1';
let csrf = '';

export function setCsrf(token) {
  csrf = token || '';
}

// An error from the server: status, machine code and a readable message.
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code || '';
  }
}

let onUnauthenticated = () => {};
export function setUnauthenticatedHandler(fn) {
  onUnauthenticated = fn;
}

async function errorFrom(res) {
  let code = '';
  let message = '';
  try {
    const body = await res.json();
    code = body?.error?.code || '';
    message = body?.error?.message || '';
  } catch {
    // not JSON (proxy error page): keep the status line
  }
  if (!message) message = `HTTP ${res.status} ${res.statusText}`;
  return new ApiError(res.status, code, message);
}

// Builds "/api/v1/path?k=v" leaving out empty parameters.
export function url(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return BASE + path + (s ? `?${s}` : '');
}

export async function request(method, path, { params, body, raw } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(url(path, params), {
    method,
    headers,
    credentials: 'same-origin',
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (res.status === 401 && path !== '/login' && path !== '/me') onUnauthenticated();
  if (!res.ok) throw await errorFrom(res);
  if (raw) return res;
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  return type.includes('json') ? res.json() : res.text();
}

export const get = (path, params) => request('GET', path, { params });
export const post = (path, body) => request('POST', path, { body: body ?? {} });

// Lists come as {"items": [...]} (api.md); some commands' own JSON names the
// list ({"requests": [...]}, {"documents": [...]}): take the key given, else
// the only array in the object.
export function itemsOf(body, key) {
  if (Array.isArray(body)) return body;
  if (!body || typeof body !== 'object') return [];
  if (Array.isArray(body.items)) return body.items;
  if (key && Array.isArray(body[key])) return body[key];
  const arrays = Object.values(body).filter(Array.isArray);
  return arrays.length === 1 ? arrays[0] : [];
}

// The original's bytes, fetched once (one `download` row in the log).
export async function fetchOriginal(id) {
  const res = await request('GET', `/documents/${encodeURIComponent(id)}/original`, { raw: true });
  return { blob: await res.blob(), type: res.headers.get('Content-Type') || '' };
}

// Uploads one file with XHR so that the browser reports upload progress.
// onProgress(fraction 0..1). Resolves with the server's JSON.
export function uploadFile(file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${BASE}/upload`);
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 401) onUnauthenticated();
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body);
      } else {
        const err = new ApiError(xhr.status, body?.error?.code, body?.error?.message || `HTTP ${xhr.status}`);
        err.retryAfter = Number(xhr.getResponseHeader('Retry-After')) || 0;
        reject(err);
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
    const form = new FormData();
    form.append('files', file, file.name);
    xhr.send(form);
  });
}
