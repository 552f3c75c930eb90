// Approve / reject (with a reason) for a request, change or destruction list.
// `base` is the item's API path, e.g. "/requests/3".
import { useState } from 'preact/hooks';
import { post } from '../api.js';
import { useAction } from '../hooks.js';
import { t } from '../i18n.js';
import { ErrorBox } from './ErrorBox.jsx';

export function DecisionButtons({ base, onDone, withDays = false }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [days, setDays] = useState('');
  const action = useAction();
  const act = (step, body) => action.run(async () => {
    const r = await post(`${base}/${step}`, body);
    onDone?.();
    return r;
  });
  return (
    <div class="decision">
      {withDays ? (
        <input class="days" type="number" min="1" max="365" placeholder={t('days')} value={days}
          onInput={(e) => setDays(e.currentTarget.value)} />
      ) : null}
      <button type="button" class="primary approve" disabled={action.busy}
        onClick={() => act('approve', withDays && days ? { days: Number(days) } : {})}>
        {t('approve')}
      </button>
      {rejecting ? (
        <form class="inline-form" onSubmit={(e) => (e.preventDefault(), act('reject', { reason }))}>
          <input name="reason" required placeholder={t('reject_reason')} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="submit" class="danger" disabled={action.busy}>{t('reject')}</button>
        </form>
      ) : (
        <button type="button" class="danger reject" onClick={() => setRejecting(true)}>{t('reject')}</button>
      )}
      <ErrorBox error={action.error} />
    </div>
  );
}
