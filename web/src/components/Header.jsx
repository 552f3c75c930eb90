// The top bar: the pages this user's roles can use, the user, the language
// switch and logout.
import { can, hasRole } from '../roles.js';
import { label, t } from '../i18n.js';

function navItems(me) {
  return [
    ['/search', 'nav_search', true],
    ['/dashboard', 'nav_dashboard', true],
    ['/clients', 'nav_clients', true],
    ['/unfiled', 'nav_unfiled', can.file(me)],
    ['/quarantine', 'nav_quarantine', can.quarantine(me)],
    ['/upload', 'nav_upload', can.upload(me)],
    ['/requests', 'nav_requests', true],
    ['/changes', 'nav_changes', can.seeChanges(me)],
    ['/destruction', 'nav_destruction', can.seeDestruction(me)],
    ['/holds', 'nav_holds', can.hold(me) || hasRole(me, 'auditor')],
    ['/log', 'nav_log', can.audit(me)],
  ].filter(([, , shown]) => shown);
}

export function Header({ me, path, onLogout, onToggleLang }) {
  return (
    <header class="header">
      <a class="brand" href="#/search">{t('app_name')}</a>
      {me ? (
        <nav class="nav">
          {navItems(me).map(([to, key]) => (
            <a key={to} href={`#${to}`} class={path.startsWith(to) ? 'active' : ''} data-nav={to.slice(1)}>
              {t(key)}
            </a>
          ))}
        </nav>
      ) : <span class="nav" />}
      <div class="who">
        {me ? (
          <span class="user" title={(me.roles || []).map((r) => label('role', r)).join(', ')}>
            {me.display || me.user}
            <small>{(me.roles || []).map((r) => label('role', r)).join(' · ')}</small>
          </span>
        ) : null}
        <button type="button" class="link lang-switch" onClick={onToggleLang}>{t('lang_switch')}</button>
        {me ? <button type="button" class="link logout" onClick={onLogout}>{t('logout')}</button> : null}
      </div>
    </header>
  );
}
