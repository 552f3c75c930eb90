// The extracted text, fetched on demand (GET /documents/{id}/text is logged
// as an opening, so we do not fetch it unasked).
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { useAction } from '../hooks.js';
import { t } from '../i18n.js';
import { ErrorBox } from './ErrorBox.jsx';

function textOf(body) {
  if (typeof body === 'string') return body;
  if (typeof body?.text === 'string') return body.text;
  if (Array.isArray(body?.pages)) return body.pages.map((p) => (typeof p === 'string' ? p : p.text || '')).join('\n\f\n');
  return JSON.stringify(body, null, 2);
}

export function DocumentText({ id }) {
  const [shown, setShown] = useState(false);
  const action = useAction();
  const toggle = () => {
    if (!shown && !action.done) action.run(() => get(`/documents/${id}/text`));
    setShown(!shown);
  };
  return (
    <div class="doc-text">
      <button type="button" onClick={toggle}>{shown ? t('hide_text') : t('show_text')}</button>
      {shown && action.done ? <pre class="text">{textOf(action.done)}</pre> : null}
      {shown ? <ErrorBox error={action.error} /> : null}
    </div>
  );
}
