// The unfiled queue: each document with the candidates routing considered;
// one click files it under a candidate that is a known client's archive, or
// under any archive typed in. Other candidates (a number no client has, or
// "no rule matched") are shown with their reason only.
import { useState } from 'preact/hooks';
import { get, itemsOf, post } from '../api.js';
import { useAction, useLoad } from '../hooks.js';
import { t } from '../i18n.js';
import { ErrorBox } from '../components/ErrorBox.jsx';
import { Loading } from '../components/Loading.jsx';

function UnfiledItem({ doc, known }) {
  const [other, setOther] = useState('');
  const action = useAction();
  const file = (archiveNo) =>
    action.run(async () => {
      await post(`/documents/${doc.id}/file`, { archive_no: archiveNo });
      return archiveNo;
    });
  if (action.done) return <li class="unfiled-item filed">{doc.title || doc.original_name} — {t('filed', { a: action.done })}</li>;
  return (
    <li class="unfiled-item card" data-doc={doc.id}>
      <h3><a href={`#/doc/${doc.id}`}>{doc.title || doc.original_name}</a></h3>
      <p class="muted">{(doc.sources || []).join(' · ')}</p>
      <ul class="candidates">
        {(doc.candidates || []).map((c) => (
          <li key={`${c.archive_no}-${c.rule}`}>
            {c.archive_no && known.has(c.archive_no) ? (
              <button type="button" class="primary file-candidate" data-archive={c.archive_no} disabled={action.busy}
                onClick={() => file(c.archive_no)}>
                {t('file_to', { a: c.archive_no })}
              </button>
            ) : c.archive_no ? <code>{c.archive_no}</code> : null}
            <span class="tag">{c.rule}</span> {c.why}
          </li>
        ))}
      </ul>
      <form class="inline-form" onSubmit={(e) => (e.preventDefault(), other && file(other.trim()))}>
        <input name="archive_no" list="archive-numbers" placeholder={t('archive_no')} value={other}
          onInput={(e) => setOther(e.currentTarget.value)} />
        <button type="submit" disabled={action.busy || !other}>{t('file_other')}</button>
      </form>
      <ErrorBox error={action.error} />
    </li>
  );
}

export function Unfiled() {
  const list = useLoad(() => get('/unfiled'), []);
  const clients = useLoad(() => get('/clients').catch(() => null), []);
  if (list.loading || clients.loading) return <Loading />;
  if (list.error) return <ErrorBox error={list.error} />;
  const docs = itemsOf(list.data, 'documents');
  const clientRows = itemsOf(clients.data, 'clients');
  const known = new Set(clientRows.map((c) => c.archive_no));
  return (
    <article>
      <h1>{t('unfiled_title')} ({docs.length})</h1>
      {docs.length ? null : <p class="muted">{t('unfiled_empty')}</p>}
      <ul class="unfiled-list">
        {docs.map((d) => <UnfiledItem key={d.id} doc={d} known={known} />)}
      </ul>
      <datalist id="archive-numbers">
        {clientRows.map((c) => <option key={c.archive_no} value={c.archive_no}>{c.name}</option>)}
      </datalist>
    </article>
  );
}
