// One document: the original (PDF.js or image), its fields, routing, sources
// and history. A refused original (403) offers an access request.
import { get, itemsOf } from '../api.js';
import { useLoad } from '../hooks.js';
import { label, t } from '../i18n.js';
import { formatAmount, formatSize, formatTime } from '../format.js';
import { can } from '../roles.js';
import { ChangeHistory } from '../components/ChangeHistory.jsx';
import { DocumentText } from '../components/DocumentText.jsx';
import { ErrorBox } from '../components/ErrorBox.jsx';
import { FieldList } from '../components/FieldList.jsx';
import { Loading } from '../components/Loading.jsx';
import { OriginalViewer } from '../components/OriginalViewer.jsx';

function Candidates({ items }) {
  if (!items?.length) return null;
  return (
    <ul class="candidates">
      {items.map((c, i) => (
        <li key={i}>
          <a href={`#/archive/${encodeURIComponent(c.archive_no)}`}>{c.archive_no}</a> <span class="tag">{c.rule}</span> {c.why}
        </li>
      ))}
    </ul>
  );
}

export function Document({ id, me }) {
  const { data: doc, error, loading } = useLoad(() => get(`/documents/${encodeURIComponent(id)}`), [id]);
  if (loading) return <Loading />;
  if (error) return <ErrorBox error={error} />;
  const f = doc.fields || {};
  const history = doc.changes || doc.history || itemsOf(doc.history);
  return (
    <article class="document-page">
      <h1>{doc.title || doc.original_name}</h1>
      <div class="doc-layout">
        <section class="viewer">
          <OriginalViewer doc={doc} />
        </section>
        <section class="doc-info">
          <h2>{t('fields')}</h2>
          <FieldList rows={[
            [t('doc_type'), label('type', doc.doc_type)],
            [t('date'), f.date],
            [t('amount'), formatAmount(f.amount, f.currency)],
            [t('contract_no'), f.contract_no],
            [t('invoice_no'), f.invoice_no],
            [t('uscc'), f.uscc],
            [t('level'), label('level', doc.level)],
            [t('state'), label('state', doc.state)],
            [t('text_source'), doc.text_source],
          ]} />
          <h2>{t('routing')}</h2>
          <FieldList rows={[
            [t('archive_no'), doc.archive_no
              ? <a href={`#/archive/${encodeURIComponent(doc.archive_no)}`}>{doc.archive_no}</a>
              : <a href="#/unfiled">{t('nav_unfiled')}</a>],
            [t('routed_by'), doc.routed_by],
          ]} />
          <Candidates items={doc.candidates} />
          <h2>{t('sources')}</h2>
          <ul class="sources">{(doc.sources || []).map((s) => <li key={s}><code>{s}</code></li>)}</ul>
          <FieldList rows={[
            [t('original_name'), doc.original_name],
            [t('mime'), doc.mime],
            [t('size'), formatSize(doc.size)],
            [t('pages'), doc.pages],
            [t('ingested_at'), formatTime(doc.ingested_at)],
            [t('sha256'), doc.sha256 ? <code class="hash">{doc.sha256}</code> : ''],
          ]} />
          {can.propose(me) ? (
            <p class="actions">
              <a class="button" href={`#/changes?target=${doc.id}&kind=fields`}>{t('new_change')}</a>
            </p>
          ) : null}
          <DocumentText id={doc.id} />
        </section>
      </div>
      <section>
        <h2>{t('history')}</h2>
        <ChangeHistory items={Array.isArray(history) ? history : []} />
      </section>
    </article>
  );
}
