// A table of documents (from list, clients show, locate), each row linking to
// the document page.
import { label, t } from '../i18n.js';
import { formatAmount } from '../format.js';

export function DocTable({ docs }) {
  if (!docs?.length) return <p class="muted">{t('none')}</p>;
  return (
    <table class="table">
      <thead>
        <tr>
          <th>#</th>
          <th>{t('title')}</th>
          <th>{t('doc_type')}</th>
          <th>{t('date')}</th>
          <th class="num">{t('amount')}</th>
          <th>{t('state')}</th>
        </tr>
      </thead>
      <tbody>
        {docs.map((d) => (
          <tr key={d.id}>
            <td>{d.id}</td>
            <td><a href={`#/doc/${d.id}`}>{d.title || d.original_name}</a></td>
            <td>{label('type', d.doc_type)}</td>
            <td>{d.fields?.date || d.date || ''}</td>
            <td class="num">{formatAmount(d.fields?.amount ?? d.amount, d.fields?.currency)}</td>
            <td>{label('state', d.state)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
