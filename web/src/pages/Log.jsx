// The access log (登记簿) for auditors: filters by user, document, archive,
// action and time; paging; the same filters as a CSV download.
import { useState } from 'preact/hooks';
import { get, itemsOf, url } from '../api.js';
import { useLoad } from '../hooks.js';
import { t } from '../i18n.js';
import { formatTime, jsonText } from '../format.js';
import { ErrorBox } from '../components/ErrorBox.jsx';
import { Loading } from '../components/Loading.jsx';

const LIMIT = 100;
const KEYS = ['user', 'doc', 'archive', 'action', 'since', 'until'];

export function Log() {
  const [form, setForm] = useState(Object.fromEntries(KEYS.map((k) => [k, ''])));
  const [filters, setFilters] = useState(form);
  const [offset, setOffset] = useState(0);
  const list = useLoad(() => get('/log', { ...filters, limit: LIMIT, offset }), [filters, offset]);
  const set = (k) => (e) => setForm({ ...form, [k]: e.currentTarget.value });
  const rows = itemsOf(list.data);
  return (
    <article>
      <h1>{t('log_title')}</h1>
      <form class="inline-form card log-filters" onSubmit={(e) => (e.preventDefault(), setOffset(0), setFilters(form))}>
        <input name="user" placeholder={t('user')} value={form.user} onInput={set('user')} />
        <input name="doc" placeholder={`${t('document')} #`} value={form.doc} onInput={set('doc')} />
        <input name="archive" placeholder={t('archive_no')} value={form.archive} onInput={set('archive')} />
        <input name="action" placeholder={t('action')} value={form.action} onInput={set('action')} />
        <label>{t('since')}<input type="date" name="since" value={form.since} onInput={set('since')} /></label>
        <label>{t('until')}<input type="date" name="until" value={form.until} onInput={set('until')} /></label>
        <button type="submit" class="primary">{t('filter')}</button>
        <a class="button csv" href={url('/log', { ...filters, format: 'csv' })} download="dangan-log.csv">{t('csv')}</a>
        <a class="button" href={url('/audit/report', { format: 'pdf' })} target="_blank" rel="noopener">{t('audit_pdf')}</a>
      </form>
      {list.loading ? <Loading /> : <ErrorBox error={list.error} />}
      <table class="table log">
        <thead><tr><th>{t('seq')}</th><th>{t('at')}</th><th>{t('user')}</th><th>{t('action')}</th><th>{t('target')}</th><th>{t('detail')}</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.seq}>
              <td>{r.seq}</td>
              <td>{formatTime(r.at)}</td>
              <td>{r.user}</td>
              <td><span class="tag">{r.action}</span></td>
              <td>{jsonText(r.target)}</td>
              <td class="json">{jsonText(r.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav class="pager">
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - LIMIT))}>{t('prev')}</button>
        <button type="button" disabled={rows.length < LIMIT} onClick={() => setOffset(offset + LIMIT)}>{t('next')}</button>
      </nav>
    </article>
  );
}
