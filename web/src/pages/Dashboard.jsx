// Counts and charts from GET /stats: documents per type and per month,
// ingests per day over the last 30 days, and the processing state (OCR backlog).
import { get } from '../api.js';
import { useLoad } from '../hooks.js';
import { label, t } from '../i18n.js';
import { BarChart } from '../components/BarChart.jsx';
import { ErrorBox } from '../components/ErrorBox.jsx';
import { Loading } from '../components/Loading.jsx';

const typeLabel = (k) => label('type', k);

function Count({ name, value, href }) {
  const body = (
    <>
      <span class="count-value">{value ?? '–'}</span>
      <span class="count-name">{name}</span>
    </>
  );
  return href ? <a class="count-card" href={href}>{body}</a> : <div class="count-card">{body}</div>;
}

export function Dashboard() {
  const { data: s, error, loading } = useLoad(() => get('/stats'), []);
  if (loading) return <Loading />;
  if (error) return <ErrorBox error={error} />;
  const ocr = s.ocr_pending ?? s.by_state?.needs_ocr ?? 0;
  return (
    <article class="dashboard">
      <h1>{t('dashboard_title')}</h1>
      <div class="counts">
        <Count name={t('count_documents')} value={s.documents} />
        <Count name={t('count_archives')} value={s.archives} href="#/clients" />
        <Count name={t('count_unfiled')} value={s.unfiled} href="#/unfiled" />
        <Count name={t('count_quarantined')} value={s.quarantined} href="#/quarantine" />
        <Count name={t('count_ocr')} value={ocr} />
        <Count name={t('count_index')} value={s.index_docs} />
      </div>
      <div class="charts">
        <section class="card"><h2>{t('chart_by_type')}</h2><BarChart data={s.by_type} label={t('documents_n')} labelOf={typeLabel} /></section>
        <section class="card"><h2>{t('chart_by_month')}</h2><BarChart data={s.by_month} label={t('documents_n')} sortKeys /></section>
        <section class="card"><h2>{t('chart_ingest')}</h2><BarChart data={s.ingested_by_day} label={t('documents_n')} sortKeys kind="line" /></section>
        <section class="card"><h2>{t('chart_state')}</h2><BarChart data={s.by_state} label={t('documents_n')} /></section>
      </div>
    </article>
  );
}
