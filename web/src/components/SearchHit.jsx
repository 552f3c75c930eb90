// One search result: title link, archive, type, date, amount, snippet.
import { label, t } from '../i18n.js';
import { formatAmount } from '../format.js';
import { Snippet } from './Snippet.jsx';

export function SearchHit({ hit }) {
  return (
    <li class="hit" data-doc={hit.id}>
      <h3>
        <a href={`#/doc/${hit.id}`}>{hit.title || `#${hit.id}`}</a>
        {hit.partial ? <span class="tag">{t('partial')}</span> : null}
      </h3>
      <div class="hit-meta">
        {hit.archive_no ? <a href={`#/archive/${encodeURIComponent(hit.archive_no)}`}>{hit.archive_no}</a> : <span class="tag">{t('nav_unfiled')}</span>}
        {hit.client ? <span>{hit.client}</span> : null}
        {hit.doc_type ? <span class="tag">{label('type', hit.doc_type)}</span> : null}
        {hit.date ? <span>{hit.date}</span> : null}
        {hit.amount ? <span>{formatAmount(hit.amount)}</span> : null}
      </div>
      <Snippet html={hit.snippet} />
    </li>
  );
}
