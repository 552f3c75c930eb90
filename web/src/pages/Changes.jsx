// Change requests (变更申请): an archivist proposes (client record, renumber,
// refile, level, document fields) with a reason; an approver other than the
// proposer approves or rejects; an approved change is applied at once.
import { useState } from 'preact/hooks';
import { get, itemsOf, post } from '../api.js';
import { useAction, useLoad } from '../hooks.js';
import { label, t } from '../i18n.js';
import { formatTime, jsonText, targetHref, targetText } from '../format.js';
import { can } from '../roles.js';
import { DecisionButtons } from '../components/DecisionButtons.jsx';
import { ErrorBox } from '../components/ErrorBox.jsx';
import { Loading } from '../components/Loading.jsx';

const KINDS = ['client', 'renumber', 'refile', 'level', 'fields'];
const LEVELS = ['public', 'internal', 'confidential', 'secret'];
const STATES = ['', 'pending', 'approved', 'rejected'];

// "phone=021-5555\nname=…" → {phone: "021-5555", name: "…"}
function parseSet(text) {
  const out = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

function ProposeForm({ initial, onDone }) {
  const [kind, setKind] = useState(KINDS.includes(initial.kind) ? initial.kind : 'client');
  const [target, setTarget] = useState(initial.target || '');
  const [set, setSet] = useState('');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction();
  const usesSet = kind === 'client' || kind === 'fields';
  const submit = (e) => {
    e.preventDefault();
    const body = { kind, target: target.trim(), reason };
    if (usesSet) body.set = parseSet(set);
    else body.value = value.trim();
    action.run(async () => {
      const r = await post('/changes', body);
      setReason('');
      onDone();
      return r;
    });
  };
  return (
    <form class="card stacked-form propose-change" onSubmit={submit}>
      <h2>{t('new_change')}</h2>
      <label>
        {t('kind')}
        <select name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
          {KINDS.map((k) => <option key={k} value={k}>{t(`kind_${k}`)}</option>)}
        </select>
      </label>
      <label>
        {t('target')}
        <input name="target" required value={target} placeholder={`${t('archive_no')} / ${t('document')} #`}
          onInput={(e) => setTarget(e.currentTarget.value)} />
      </label>
      {usesSet ? (
        <label>
          {t('set_fields')}
          <textarea name="set" rows="3" required value={set} placeholder="phone=021-5555" onInput={(e) => setSet(e.currentTarget.value)} />
        </label>
      ) : kind === 'level' ? (
        <label>
          {t('new_value')}
          <select name="value" value={value} onChange={(e) => setValue(e.currentTarget.value)}>
            <option value="" />
            {LEVELS.map((l) => <option key={l} value={l}>{label('level', l)}</option>)}
          </select>
        </label>
      ) : (
        <label>
          {t('new_value')}
          <input name="value" required value={value} placeholder={t('archive_no')} onInput={(e) => setValue(e.currentTarget.value)} />
        </label>
      )}
      <label>
        {t('reason')}
        <input name="reason" required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <button type="submit" class="primary" disabled={action.busy}>{t('submit')}</button>
      {action.done ? <p class="ok">{t('submitted')} #{action.done.id}</p> : null}
      <ErrorBox error={action.error} />
    </form>
  );
}

export function Changes({ me, params }) {
  const [state, setState] = useState('pending');
  const list = useLoad(() => get('/changes', { state }), [state]);
  return (
    <article>
      <h1>{t('changes_title')}</h1>
      {can.propose(me) ? <ProposeForm initial={params} onDone={list.reload} /> : null}
      <label class="state-filter">
        {t('state')}
        <select value={state} onChange={(e) => setState(e.currentTarget.value)}>
          {STATES.map((s) => <option key={s} value={s}>{s ? label('state', s) : t('any')}</option>)}
        </select>
      </label>
      {list.loading ? <Loading /> : <ErrorBox error={list.error} />}
      {list.data && !itemsOf(list.data).length ? <p class="muted">{t('none')}</p> : null}
      <table class="table">
        <thead>
          <tr>
            <th>#</th><th>{t('kind')}</th><th>{t('target')}</th><th>{t('before')}</th><th>{t('after')}</th>
            <th>{t('reason')}</th><th>{t('proposed_by')}</th><th>{t('state')}</th><th>{t('decided_by')}</th><th />
          </tr>
        </thead>
        <tbody>
          {itemsOf(list.data).map((c) => (
            <tr key={c.id} data-change={c.id}>
              <td>{c.id}</td>
              <td>{t(`kind_${c.kind}`)}</td>
              <td>{targetHref(c.target) ? <a href={targetHref(c.target)}>{targetText(c.target)}</a> : targetText(c.target)}</td>
              <td class="json">{jsonText(c.before)}</td>
              <td class="json">{jsonText(c.after)}</td>
              <td>{c.reason}</td>
              <td>{c.proposed_by}</td>
              <td><span class={`tag state-${c.state}`}>{label('state', c.state)}</span></td>
              <td>{c.decided_by} {formatTime(c.decided_at)}</td>
              <td>
                {c.state === 'pending' && can.approve(me) && c.proposed_by !== me.user ? (
                  <DecisionButtons base={`/changes/${c.id}`} onDone={list.reload} />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
