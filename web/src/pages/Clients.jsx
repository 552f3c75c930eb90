// The client archives, filtered as you type; each links to its archive page.
import { useState } from 'preact/hooks';
import { get, itemsOf } from '../api.js';
import { useLoad } from '../hooks.js';
import { label, t } from '../i18n.js';
import { ErrorBox } from '../components/ErrorBox.jsx';
import { Loading } from '../components/Loading.jsx';

export function Clients() {
  const { data, error, loading } = useLoad(() => get('/clients'), []);
  const [filter, setFilter] = useState('');
  if (loading) return <Loading />;
  if (error) return <ErrorBox error={error} />;
  const f = filter.trim().toLowerCase();
  const rows = itemsOf(data, 'clients').filter((c) => !f || `${c.archive_no} ${c.name} ${c.client_code || ''}`.toLowerCase().includes(f));
  return (
    <article>
      <h1>{t('clients')}</h1>
      <input class="filter-input" type="search" placeholder={t('filter')} value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
      <table class="table">
        <thead>
          <tr><th>{t('archive_no')}</th><th>{t('name')}</th><th>{t('type')}</th><th>{t('client_code')}</th><th>{t('retention')}</th><th>{t('level')}</th></tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.archive_no}>
              <td><a href={`#/archive/${encodeURIComponent(c.archive_no)}`}>{c.archive_no}</a></td>
              <td>{c.name}</td>
              <td>{c.type}</td>
              <td>{c.client_code}</td>
              <td>{c.retention}</td>
              <td>{label('level', c.level)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
