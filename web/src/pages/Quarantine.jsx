// Quarantined inputs with their reason and detail; an archivist releases one
// for a new ingest (after fixing what was wrong, e.g. a raised limit).
import { get, itemsOf, post } from '../api.js';
import { useAction, useLoad } from '../hooks.js';
import { label, t } from '../i18n.js';
import { formatTime } from '../format.js';
import { can } from '../roles.js';
import { ErrorBox } from '../components/ErrorBox.jsx';
import { Loading } from '../components/Loading.jsx';

function ReleaseButton({ id }) {
  const action = useAction();
  if (action.done) return <span class="ok">{t('released')}</span>;
  return (
    <>
      <button type="button" disabled={action.busy} onClick={() => action.run(() => post(`/quarantine/${encodeURIComponent(id)}/release`))}>
        {t('release')}
      </button>
      <ErrorBox error={action.error} />
    </>
  );
}

export function Quarantine({ me }) {
  const { data, error, loading } = useLoad(() => get('/quarantine'), []);
  if (loading) return <Loading />;
  if (error) return <ErrorBox error={error} />;
  const items = itemsOf(data, 'items');
  return (
    <article>
      <h1>{t('quarantine_title')} ({items.length})</h1>
      {items.length ? (
        <table class="table">
          <thead>
            <tr><th>#</th><th>{t('source')}</th><th>{t('reason')}</th><th>{t('detail')}</th><th>{t('at')}</th><th /></tr>
          </thead>
          <tbody>
            {items.map((q) => (
              <tr key={q.id}>
                <td>{q.id}</td>
                <td><code>{q.source}</code></td>
                <td><span class="tag warn" title={q.reason}>{label('qreason', q.reason)}</span></td>
                <td>{q.detail}</td>
                <td>{formatTime(q.at)}</td>
                <td>{can.quarantine(me) ? <ReleaseButton id={q.id} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p class="muted">{t('quarantine_empty')}</p>}
    </article>
  );
}
