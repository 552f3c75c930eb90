// Search: free text plus fields, facets that add fields, filters (date and
// amount ranges, level) that become fields too, sort and paging. Everything
// lives in the hash (#/search?q=…&sort=…), so results can be bookmarked.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { useLoad } from '../hooks.js';
import { label, t } from '../i18n.js';
import { addTerm, composeQuery } from '../query.js';
import { navigate } from '../router.js';
import { ErrorBox } from '../components/ErrorBox.jsx';
import { Facets } from '../components/Facets.jsx';
import { Loading } from '../components/Loading.jsx';
import { Pager } from '../components/Pager.jsx';
import { SearchHit } from '../components/SearchHit.jsx';

const LIMIT = 20;
const LEVELS = ['public', 'internal', 'confidential', 'secret'];
const FILTER_KEYS = ['from', 'to', 'amin', 'amax', 'level'];
// A query that is just an archive number also offers the archive page.
const ARCHIVE_NO = /^[A-Z]{2,4}-\d{4}-\d{4,6}$/i;

function Filters({ params, onApply }) {
  const [f, setF] = useState(() => Object.fromEntries(FILTER_KEYS.map((k) => [k, params[k] || ''])));
  useEffect(() => setF(Object.fromEntries(FILTER_KEYS.map((k) => [k, params[k] || '']))), [params]);
  const set = (k) => (e) => setF({ ...f, [k]: e.currentTarget.value });
  const submit = (e) => {
    e.preventDefault();
    onApply(f);
  };
  return (
    <form class="filters" onSubmit={submit}>
      <h3>{t('filters')}</h3>
      <label>{t('date_from')}<input type="date" name="from" value={f.from} onInput={set('from')} /></label>
      <label>{t('date_to')}<input type="date" name="to" value={f.to} onInput={set('to')} /></label>
      <label>{t('amount_min')}<input type="number" name="amin" min="0" step="0.01" value={f.amin} onInput={set('amin')} /></label>
      <label>{t('amount_max')}<input type="number" name="amax" min="0" step="0.01" value={f.amax} onInput={set('amax')} /></label>
      <label>
        {t('level')}
        <select name="level" value={f.level} onChange={set('level')}>
          <option value="">{t('any')}</option>
          {LEVELS.map((l) => <option key={l} value={l}>{label('level', l)}</option>)}
        </select>
      </label>
      <div class="buttons">
        <button type="submit">{t('apply')}</button>
        <button type="button" onClick={() => onApply(Object.fromEntries(FILTER_KEYS.map((k) => [k, ''])))}>{t('clear')}</button>
      </div>
    </form>
  );
}

export function Search({ params }) {
  const [text, setText] = useState(params.q || '');
  useEffect(() => setText(params.q || ''), [params.q]);
  const offset = Number(params.offset) || 0;
  const sort = params.sort || 'relevance';
  const query = composeQuery(params);

  const result = useLoad(
    () => (query ? get('/search', { q: query, limit: LIMIT, offset, sort }) : Promise.resolve(null)),
    [query, offset, sort],
  );
  const go = (changes) => navigate('/search', { ...params, offset: '', ...changes });

  const submit = (e) => {
    e.preventDefault();
    go({ q: text.trim() });
  };
  const pickFacet = (term) => go({ q: addTerm(params.q, term) });

  const data = result.data;
  // total counts full matches; when they run short the server fills the page
  // with partial ones (a scan whose OCR misread part of the phrase).
  const total = data?.total || 0;
  const partial = (data?.hits || []).filter((h) => h.partial).length;
  return (
    <div class="search-page">
      <form class="search-bar" onSubmit={submit}>
        <input name="q" type="search" value={text} placeholder={t('search_placeholder')} autofocus
          onInput={(e) => setText(e.currentTarget.value)} />
        <button type="submit" class="primary">{t('search')}</button>
        <label class="sort">
          {t('sort')}
          <select name="sort" value={sort} onChange={(e) => go({ sort: e.currentTarget.value })}>
            <option value="relevance">{t('sort_relevance')}</option>
            <option value="date">{t('sort_date')}</option>
            <option value="amount">{t('sort_amount')}</option>
          </select>
        </label>
      </form>
      <div class="search-body">
        <div class="side">
          <Facets facets={data?.facets} onPick={pickFacet} />
          <Filters params={params} onApply={(f) => go(f)} />
        </div>
        <section class="results" data-query={query} data-state={result.loading ? 'loading' : 'done'}>
          {ARCHIVE_NO.test((params.q || '').trim()) ? (
            <p class="archive-link">
              {t('archive')}: <a href={`#/archive/${encodeURIComponent(params.q.trim().toUpperCase())}`}>{params.q.trim().toUpperCase()}</a>
            </p>
          ) : null}
          <ErrorBox error={result.error} />
          {result.loading && query ? <Loading /> : null}
          {data && !result.loading ? (
            <>
              <p class="total">
                {total ? t('results', { n: total }) : t('no_results')}
                {partial ? ` ${t('partial_n', { n: partial })}` : ''}
              </p>
              <ol class="hits">
                {(data.hits || []).map((h) => <SearchHit key={h.id} hit={h} />)}
              </ol>
              <Pager total={total} offset={offset} limit={LIMIT} onPage={(o) => go({ offset: o || '' })} />
            </>
          ) : null}
        </section>
      </div>
    </div>
  );
}
