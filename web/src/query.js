// The search query sent to the server: the user's text plus fields. Facets
// add `type:`, `year:`, `client:` terms to the text; the filter form's date
// and amount ranges and level become fields too (DESIGN §7).

// "client:Foo Bar" must stay one term: quote values with spaces or quotes.
export function fieldTerm(field, value) {
  const v = String(value);
  return /[\s"()]/.test(v) ? `${field}:"${v.replaceAll('"', '')}"` : `${field}:${v}`;
}

// {q, from, to, amin, amax, level} → "q date:from..to amount:amin..amax level:L"
export function composeQuery(p) {
  const parts = [];
  if (p.q) parts.push(p.q.trim());
  if (p.from || p.to) parts.push(`date:${p.from || ''}..${p.to || ''}`);
  if (p.amin || p.amax) parts.push(`amount:${p.amin || ''}..${p.amax || ''}`);
  if (p.level) parts.push(`level:${p.level}`);
  return parts.filter(Boolean).join(' ');
}

// Adds a term to the user's text unless it is there already.
export function addTerm(q, term) {
  const text = (q || '').trim();
  return text.split(/\s+/).includes(term) ? text : `${text} ${term}`.trim();
}
