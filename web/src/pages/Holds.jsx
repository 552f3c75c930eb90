// Legal holds: material under a hold never enters a destruction list.
import { useState } from 'preact/hooks';
import { get, itemsOf, post } from '../api.js';
import { useAction, useLoad } from '../hooks.js';
import { t } from '../i18n.js';
import { formatTime, targetHref, targetText } from '../format.js';
import { can } from '../roles.js';
import { ErrorBox } from '../components/ErrorBox.jsx';
import { Loading } from '../components/Loading.jsx';

function AddHold({ initial, onDone }) {
  const [target, setTarget] = useState(initial || '');
  const [reason, setReason] = useState('');
  const action = useAction();
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      const r = await post('/holds', { target: target.trim(), reason });
      setReason('');
      onDone();
      return r;
    });
  };
  return (
    <form class="inline-form card" onSubmit={submit}>
      <strong>{t('add_hold')}</strong>
      <input name="target" required placeholder={`${t('archive_no')} / ${t('document')} #`} value={target}
        onInput={(e) => setTarget(e.currentTarget.value)} />
      <input name="reason" required placeholder={t('reason')} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      <button type="submit" class="primary" disabled={action.busy}>{t('submit')}</button>
      <ErrorBox error={action.error} />
    </form>
  );
}

// The API names a hold's target as an archive number or a document id string.
function holdTarget(target) {
  if (target && typeof target === 'object') return target.archive ?? String(target.doc);
  return String(target);
}

function RemoveHold({ target, onDone }) {
  const action = useAction();
  return (
    <>
      <button type="button" disabled={action.busy}
        onClick={() => action.run(async () => (await post('/holds/remove', { target: holdTarget(target) }), onDone()))}>
        {t('remove_hold')}
      </button>
      <ErrorBox error={action.error} />
    </>
  );
}

export function Holds({ me, params }) {
  const [all, setAll] = useState(false);
  const list = useLoad(() => get('/holds', { all: all ? 1 : '' }), [all]);
  return (
    <article>
      <h1>{t('holds_title')}</h1>
      {can.hold(me) ? <AddHold initial={params.target} onDone={list.reload} /> : null}
      <label class="checkbox">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} /> {t('show_all')}
      </label>
      {list.loading ? <Loading /> : <ErrorBox error={list.error} />}
      <table class="table">
        <thead><tr><th>#</th><th>{t('target')}</th><th>{t('reason')}</th><th>{t('user')}</th><th>{t('at')}</th><th /></tr></thead>
        <tbody>
          {itemsOf(list.data).map((h, i) => (
            <tr key={h.id ?? i}>
              <td>{h.id}</td>
              <td>{targetHref(h.target) ? <a href={targetHref(h.target)}>{targetText(h.target)}</a> : targetText(h.target)}</td>
              <td>{h.reason}{h.removed_at ? ` (${t('remove_hold')}: ${formatTime(h.removed_at)} ${h.removed_by || ''} ${h.remove_reason || ''})` : ''}</td>
              <td>{h.added_by ?? h.user ?? ''}</td>
              <td>{formatTime(h.added_at ?? h.at)}</td>
              <td>{can.hold(me) && (h.in_force ?? !h.removed_at) ? <RemoveHold target={h.target} onDone={list.reload} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
