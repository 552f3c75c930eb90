// Destruction lists (销毁清册): an archivist proposes one from what retention
// says is due; distinct approvers (never the proposer) approve; an archivist
// executes an approved list. The printable record is a PDF.
import { useState } from 'preact/hooks';
import { get, itemsOf, post, url } from '../api.js';
import { useAction, useLoad } from '../hooks.js';
import { label, t } from '../i18n.js';
import { formatTime } from '../format.js';
import { can } from '../roles.js';
import { DecisionButtons } from '../components/DecisionButtons.jsx';
import { ErrorBox } from '../components/ErrorBox.jsx';
import { Loading } from '../components/Loading.jsx';

function ProposeList({ onDone }) {
  const [asOf, setAsOf] = useState('');
  const [archive, setArchive] = useState('');
  const action = useAction();
  const submit = (e) => {
    e.preventDefault();
    const body = {};
    if (asOf) body.as_of = asOf;
    if (archive.trim()) body.archive = archive.trim();
    action.run(async () => {
      const r = await post('/destruction', body);
      onDone();
      return r;
    });
  };
  return (
    <form class="inline-form card" onSubmit={submit}>
      <strong>{t('propose_list')}</strong>
      <label>{t('as_of')}<input type="date" name="as_of" value={asOf} onInput={(e) => setAsOf(e.currentTarget.value)} /></label>
      <input name="archive" placeholder={t('archive_no')} value={archive} onInput={(e) => setArchive(e.currentTarget.value)} />
      <button type="submit" class="primary" disabled={action.busy}>{t('submit')}</button>
      {action.done ? <span class="ok">#{action.done.id}</span> : null}
      <ErrorBox error={action.error} />
    </form>
  );
}

function ListDetail({ id }) {
  const { data, error, loading } = useLoad(() => get(`/destruction/${id}`), [id]);
  if (loading) return <Loading />;
  if (error) return <ErrorBox error={error} />;
  const docs = data.documents || [];
  return (
    <table class="table tombstones">
      <thead><tr><th>#</th><th>{t('archive_no')}</th><th>{t('title')}</th><th>{t('doc_type')}</th><th>{t('date')}</th><th>{t('sha256')}</th></tr></thead>
      <tbody>
        {docs.map((d, i) => (
          <tr key={d.id ?? d.doc_id ?? i}>
            <td>{d.id ?? d.doc_id}</td>
            <td>{d.archive_no}</td>
            <td>{d.title}</td>
            <td>{label('type', d.doc_type)}</td>
            <td>{d.date}</td>
            <td><code class="hash">{(d.sha256 || '').slice(0, 16)}</code></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ExecuteButton({ id, onDone }) {
  const action = useAction();
  return (
    <>
      <button type="button" class="danger" disabled={action.busy}
        onClick={() => action.run(async () => (await post(`/destruction/${id}/execute`), onDone()))}>
        {t('execute')}
      </button>
      <ErrorBox error={action.error} />
    </>
  );
}

function ListCard({ list, me, onChange }) {
  const [open, setOpen] = useState(false);
  const approvals = list.approvals || [];
  const approvedByMe = approvals.some((a) => a.user === me.user);
  return (
    <li class="card destruction-list" data-list={list.id} data-state={list.state}>
      <h3>
        #{list.id} {list.archive_no ? `${list.archive_no} ` : ''}{list.as_of ? `(${t('as_of')} ${list.as_of}) ` : ''}<span class={`tag state-${list.state}`}>{label('state', list.state)}</span>
        <small> {t('proposed_by')}: {list.proposed_by} {formatTime(list.proposed_at ?? list.created_at)}</small>
      </h3>
      <p>
        {t('approvals')} {approvals.length}{list.approvals_required ? ` / ${list.approvals_required}` : ''}: {approvals.length ? approvals.map((a) => `${a.user} (${formatTime(a.at)})`).join(', ') : t('none')}
        {' · '}{t('documents')}: {Array.isArray(list.documents) ? list.documents.length : list.documents ?? ''}
      </p>
      <div class="actions">
        <button type="button" onClick={() => setOpen(!open)}>{t('show_list')}</button>
        <a class="button" href={url(`/destruction/${list.id}`, { format: 'pdf' })} target="_blank" rel="noopener">{t('print_pdf')}</a>
        {list.state === 'proposed' && can.approve(me) && list.proposed_by !== me.user && !approvedByMe ? (
          <DecisionButtons base={`/destruction/${list.id}`} onDone={onChange} />
        ) : null}
        {list.state === 'approved' && can.destroy(me) ? <ExecuteButton id={list.id} onDone={onChange} /> : null}
      </div>
      {open ? <ListDetail id={list.id} /> : null}
    </li>
  );
}

export function Destruction({ me }) {
  const lists = useLoad(() => get('/destruction'), []);
  return (
    <article>
      <h1>{t('destruction_title')}</h1>
      {can.destroy(me) ? <ProposeList onDone={lists.reload} /> : null}
      {lists.loading ? <Loading /> : <ErrorBox error={lists.error} />}
      <ul class="destruction-lists">
        {itemsOf(lists.data).map((l) => <ListCard key={l.id} list={l} me={me} onChange={lists.reload} />)}
      </ul>
      {lists.data && !itemsOf(lists.data).length ? <p class="muted">{t('none')}</p> : null}
    </article>
  );
}
