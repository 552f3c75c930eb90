// Access requests: a new request, my own requests, and (for approvers) the
// inbox of pending requests from others.
import { useState } from 'preact/hooks';
import { get, itemsOf, post } from '../api.js';
import { useAction, useLoad } from '../hooks.js';
import { t } from '../i18n.js';
import { can } from '../roles.js';
import { ErrorBox } from '../components/ErrorBox.jsx';
import { Loading } from '../components/Loading.jsx';
import { RequestTable } from '../components/RequestTable.jsx';

function NewRequest({ onDone }) {
  const [target, setTarget] = useState('');
  const [purpose, setPurpose] = useState('');
  const [days, setDays] = useState('');
  const action = useAction();
  const submit = (e) => {
    e.preventDefault();
    const v = target.trim();
    const body = /^\d+$/.test(v) ? { doc: Number(v) } : { archive: v };
    body.purpose = purpose;
    if (days) body.days = Number(days);
    action.run(async () => {
      const r = await post('/requests', body);
      setTarget('');
      setPurpose('');
      onDone();
      return r;
    });
  };
  return (
    <form class="inline-form card" onSubmit={submit}>
      <strong>{t('new_request')}</strong>
      <input name="target" required placeholder={`${t('archive_no')} / ${t('document')} #`} value={target}
        onInput={(e) => setTarget(e.currentTarget.value)} />
      <input name="purpose" required placeholder={t('purpose')} value={purpose} onInput={(e) => setPurpose(e.currentTarget.value)} />
      <input name="days" type="number" min="1" max="365" placeholder={t('days')} value={days} onInput={(e) => setDays(e.currentTarget.value)} />
      <button type="submit" class="primary" disabled={action.busy}>{t('submit')}</button>
      <ErrorBox error={action.error} />
    </form>
  );
}

export function Requests({ me }) {
  const mine = useLoad(() => get('/requests', { mine: 1 }), []);
  const inbox = useLoad(() => (can.approve(me) ? get('/requests', { state: 'pending' }) : Promise.resolve(null)), [me]);
  const reload = () => {
    mine.reload();
    inbox.reload();
  };
  return (
    <article>
      <h1>{t('requests_title')}</h1>
      <NewRequest onDone={reload} />
      {can.approve(me) ? (
        <section class="inbox">
          <h2>{t('inbox')}</h2>
          {inbox.loading ? <Loading /> : <ErrorBox error={inbox.error} />}
          {inbox.data ? <RequestTable items={itemsOf(inbox.data).filter((r) => r.requester !== me.user)} me={me} onChange={reload} /> : null}
        </section>
      ) : null}
      <section class="mine">
        <h2>{t('my_requests')}</h2>
        {mine.loading ? <Loading /> : <ErrorBox error={mine.error} />}
        {mine.data ? <RequestTable items={itemsOf(mine.data)} me={me} onChange={reload} /> : null}
      </section>
    </article>
  );
}
