// The login form: POST /login {user, password} → the session and CSRF token.
import { useState } from 'preact/hooks';
import { post } from '../api.js';
import { t } from '../i18n.js';

export function Login({ onLogin }) {
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      onLogin(await post('/login', { user, password }));
    } catch (err) {
      setError(err.status === 429 ? t('throttled') : err.status === 401 ? t('login_failed') : err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="login card" onSubmit={submit}>
      <h1>{t('login_title')}</h1>
      <label>
        {t('user')}
        <input name="user" autocomplete="username" required value={user} onInput={(e) => setUser(e.currentTarget.value)} />
      </label>
      <label>
        {t('password')}
        <input name="password" type="password" autocomplete="current-password" required value={password}
          onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
      {error ? <div class="error" role="alert">{error}</div> : null}
      <button type="submit" class="primary" disabled={busy}>{t('login')}</button>
    </form>
  );
}
