// The facet lists of a search (type, year, client). Clicking a value adds the
// matching field (type:contract, year:2023, client:NAME) to the query.
import { label, t } from '../i18n.js';
import { fieldTerm } from '../query.js';

export const FACET_FIELDS = [
  ['doc_type', 'type', 'facet_doc_type'],
  ['year', 'year', 'facet_year'],
  ['client', 'client', 'facet_client'],
];

export function Facets({ facets, onPick }) {
  if (!facets) return null;
  return (
    <aside class="facets">
      {FACET_FIELDS.map(([key, field, title]) => {
        // Years newest first; types and clients by count.
        const values = Object.entries(facets[key] || {}).sort(key === 'year'
          ? (a, b) => String(b[0]).localeCompare(String(a[0]))
          : (a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
        if (!values.length) return null;
        return (
          <section class="facet" key={key} data-facet={key}>
            <h3>{t(title)}</h3>
            <ul>
              {values.slice(0, 12).map(([value, n]) => (
                <li key={value}>
                  <button type="button" class="link facet-value" data-value={value} onClick={() => onPick(fieldTerm(field, value))}>
                    {key === 'doc_type' ? label('type', value) : value}
                  </button>
                  <span class="count">{n}</span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </aside>
  );
}
