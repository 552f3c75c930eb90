// A readable message for an ApiError: 403/404/409/503 get a sentence of their
// own, followed by the server's message.
import { t } from '../i18n.js';

function headline(error) {
  switch (error?.status) {
    case 403: return error.code === 'csrf' ? t('error') : t('denied');
    case 404: return t('not_found');
    case 409: return t('conflict');
    case 429: return t('throttled');
    case 503: return t('busy');
    default: return t('error');
  }
}

export function ErrorBox({ error }) {
  if (!error) return null;
  return (
    <div class="error" role="alert">
      <strong>{headline(error)}</strong>
      {error.message ? <span class="error-detail">{error.message}</span> : null}
    </div>
  );
}
