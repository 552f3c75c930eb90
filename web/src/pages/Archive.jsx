// One client archive: the client row, its documents, its change history,
// and the actions the user's roles allow (request access, propose a change,
// hold).
import { get, itemsOf } from '../api.js';
import { useLoad } from '../hooks.js';
import { label, t } from '../i18n.js';
import { can } from '../roles.js';
import { ChangeHistory } from '../components/ChangeHistory.jsx';
import { DocTable } from '../components/DocTable.jsx';
import { ErrorBox } from '../components/ErrorBox.jsx';
import { FieldList } from '../components/FieldList.jsx';
import { Loading } from '../components/Loading.jsx';
import { RequestAccess } from '../components/RequestAccess.jsx';

export function Archive({ archive, me }) {
  const client = useLoad(() => get(`/clients/${encodeURIComponent(archive)}`), [archive]);
  const history = useLoad(
    () => get(`/clients/${encodeURIComponent(archive)}/history`).catch(() => null),
    [archive],
  );
  if (client.loading) return <Loading />;
  if (client.error) return <ErrorBox error={client.error} />;
  const c = client.data.client || client.data;
  const docs = client.data.documents || [];
  return (
    <article class="archive-page">
      <h1>
        {c.archive_no || archive} <small>{c.name}</small>
      </h1>
      <FieldList rows={[
        [t('name'), c.name],
        [t('type'), c.type],
        [t('uscc'), c.uscc],
        [t('client_code'), c.client_code],
        [t('legal_rep'), c.legal_rep],
        [t('address'), c.address],
        [t('phone'), c.phone],
        [t('credit_rating'), c.credit_rating],
        [t('retention'), c.retention],
        [t('level'), label('level', c.level)],
        [t('opened'), c.opened],
      ]} />
      <p class="actions">
        <RequestAccess target={{ archive: c.archive_no || archive }} />
        {can.propose(me) ? <a class="button" href={`#/changes?target=${encodeURIComponent(archive)}&kind=client`}>{t('new_change')}</a> : null}
        {can.hold(me) ? <a class="button" href={`#/holds?target=${encodeURIComponent(archive)}`}>{t('add_hold')}</a> : null}
      </p>
      <h2>{t('documents')} ({docs.length})</h2>
      <DocTable docs={docs} />
      <h2>{t('history')}</h2>
      <ChangeHistory items={itemsOf(history.data, 'changes')} />
    </article>
  );
}
