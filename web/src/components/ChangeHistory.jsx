// A list of changes (document or archive history): kind, before → after,
// reason, who and when.
import { t } from '../i18n.js';
import { formatTime, jsonText } from '../format.js';

export function ChangeHistory({ items }) {
  if (!items?.length) return <p class="muted">{t('none')}</p>;
  return (
    <table class="table history">
      <thead>
        <tr>
          <th>#</th><th>{t('kind')}</th><th>{t('before')}</th><th>{t('after')}</th>
          <th>{t('reason')}</th><th>{t('proposed_by')}</th><th>{t('decided_by')}</th><th>{t('state')}</th><th>{t('at')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c, i) => (
          <tr key={c.id ?? i}>
            <td>{c.id ?? ''}</td>
            <td>{c.kind ? t(`kind_${c.kind}`) : c.action ?? ''}</td>
            <td class="json">{jsonText(c.before)}</td>
            <td class="json">{jsonText(c.after)}</td>
            <td>{c.reason ?? ''}</td>
            <td>{c.proposed_by ?? c.user ?? ''}</td>
            <td>{c.decided_by ?? ''}</td>
            <td>{c.state ?? ''}</td>
            <td>{formatTime(c.decided_at ?? c.at ?? c.created_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
