// Access requests as a table, with the steps this user may take on each:
// approve/reject (approver, pending, not one's own), return (approved).
import { post } from '../api.js';
import { useAction } from '../hooks.js';
import { label, t } from '../i18n.js';
import { formatTime, targetHref, targetText } from '../format.js';
import { can } from '../roles.js';
import { DecisionButtons } from './DecisionButtons.jsx';
import { ErrorBox } from './ErrorBox.jsx';

function ReturnButton({ id, onDone }) {
  const action = useAction();
  return (
    <>
      <button type="button" class="return" disabled={action.busy}
        onClick={() => action.run(async () => (await post(`/requests/${id}/return`), onDone?.()))}>
        {t('return')}
      </button>
      <ErrorBox error={action.error} />
    </>
  );
}

export function RequestTable({ items, me, onChange }) {
  if (!items?.length) return <p class="muted">{t('none')}</p>;
  return (
    <table class="table requests">
      <thead>
        <tr>
          <th>#</th><th>{t('requester')}</th><th>{t('target')}</th><th>{t('purpose')}</th><th>{t('days')}</th>
          <th>{t('state')}</th><th>{t('decided_by')}</th><th>{t('expires_at')}</th><th>{t('created_at')}</th><th />
        </tr>
      </thead>
      <tbody>
        {items.map((r) => {
          const link = targetHref(r.target);
          const mine = r.requester === me.user;
          return (
            <tr key={r.id} data-request={r.id} data-state={r.state}>
              <td>{r.id}</td>
              <td>{r.requester}</td>
              <td>{link ? <a href={link}>{targetText(r.target)}</a> : targetText(r.target)}</td>
              <td>{r.purpose}</td>
              <td>{r.days}</td>
              <td><span class={`tag state-${r.state}`}>{label('state', r.state)}</span>{r.reason ? ` ${r.reason}` : ''}</td>
              <td>{r.decided_by}</td>
              <td>{formatTime(r.expires_at)}</td>
              <td>{formatTime(r.created_at)}</td>
              <td>
                {r.state === 'pending' && can.approve(me) && !mine ? (
                  <DecisionButtons base={`/requests/${r.id}`} withDays onDone={onChange} />
                ) : null}
                {r.state === 'approved' && (mine || can.file(me)) ? <ReturnButton id={r.id} onDone={onChange} /> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
