import { t } from '../i18n.js';

// Previous / next over offset-based results; onPage(newOffset).
export function Pager({ total, offset, limit, onPage }) {
  if (!total || total <= limit) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.ceil(total / limit);
  return (
    <nav class="pager">
      <button type="button" disabled={offset <= 0} onClick={() => onPage(Math.max(0, offset - limit))}>
        {t('prev')}
      </button>
      <span>{t('page_of', { p: page, n: pages })}</span>
      <button type="button" disabled={offset + limit >= total} onClick={() => onPage(offset + limit)}>
        {t('next')}
      </button>
    </nav>
  );
}
