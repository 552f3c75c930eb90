// Hash routing: "#/search?q=合同&sort=date" → {path: "/search", params: {q, sort}}.
// The server serves only index.html and assets, so all state is in the hash.

export function parseHash(hash = window.location.hash) {
  const raw = hash.replace(/^#/, '') || '/';
  const i = raw.indexOf('?');
  const path = i < 0 ? raw : raw.slice(0, i);
  const params = Object.fromEntries(new URLSearchParams(i < 0 ? '' : raw.slice(i + 1)));
  return { path: path || '/', params };
}

export function href(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}

export function navigate(path, params) {
  window.location.hash = href(path, params);
}

// "/doc/42" matched against "/doc/:id" → {id: "42"}, else null.
export function match(pattern, path) {
  const p = pattern.split('/');
  const a = path.split('/');
  if (p.length !== a.length) return null;
  const out = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) out[p[i].slice(1)] = decodeURIComponent(a[i]);
    else if (p[i] !== a[i]) return null;
  }
  return out;
}
