// "Request access" for a document or an archive: purpose and days, then
// POST /requests. The request then waits in the approvers' inbox.
import { useState } from 'preact/hooks';
import { post } from '../api.js';
import { useAction } from '../hooks.js';
import { t } from '../i18n.js';
import { ErrorBox } from './ErrorBox.jsx';

export function RequestAccess({ target }) {
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState('');
  const [days, setDays] = useState('');
  const action = useAction();

  if (action.done) {
    return (
      <p class="ok">
        {t('submitted')} <a href="#/requests">#{action.done.id}</a>
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" class="primary request-access" onClick={() => setOpen(true)}>
        {t('request_access')}
      </button>
    );
  }
  const submit = (e) => {
    e.preventDefault();
    const body = { ...target, purpose };
    if (days) body.days = Number(days);
    action.run(() => post('/requests', body));
  };
  return (
    <form class="inline-form request-form" onSubmit={submit}>
      <label>
        {t('purpose')}
        <input name="purpose" required value={purpose} onInput={(e) => setPurpose(e.currentTarget.value)} />
      </label>
      <label>
        {t('days')}
        <input name="days" type="number" min="1" max="365" value={days} onInput={(e) => setDays(e.currentTarget.value)} />
      </label>
      <button type="submit" class="primary" disabled={action.busy}>{t('submit')}</button>
      <button type="button" onClick={() => setOpen(false)}>{t('cancel')}</button>
      <ErrorBox error={action.error} />
    </form>
  );
}
