import { t } from '../i18n.js';

export function Loading() {
  return <p class="muted">{t('loading')}</p>;
}
