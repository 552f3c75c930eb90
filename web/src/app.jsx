// The application shell: who is logged in (GET /me at start), the hash route,
// and the language. A 401 from any call sends the user to the login page.
import { useEffect, useState } from 'preact/hooks';
import { get, post, setCsrf, setUnauthenticatedHandler } from './api.js';
import { getLang, setLang } from './i18n.js';
import { match, navigate, parseHash } from './router.js';
import { Header } from './components/Header.jsx';
import { Loading } from './components/Loading.jsx';
import { Login } from './pages/Login.jsx';
import { Search } from './pages/Search.jsx';
import { Document } from './pages/Document.jsx';
import { Archive } from './pages/Archive.jsx';
import { Clients } from './pages/Clients.jsx';
import { Unfiled } from './pages/Unfiled.jsx';
import { Quarantine } from './pages/Quarantine.jsx';
import { Upload } from './pages/Upload.jsx';
import { Requests } from './pages/Requests.jsx';
import { Changes } from './pages/Changes.jsx';
import { Destruction } from './pages/Destruction.jsx';
import { Holds } from './pages/Holds.jsx';
import { Log } from './pages/Log.jsx';
import { Dashboard } from './pages/Dashboard.jsx';

const ROUTES = [
  ['/search', Search],
  ['/doc/:id', Document],
  ['/archive/:archive', Archive],
  ['/clients', Clients],
  ['/unfiled', Unfiled],
  ['/quarantine', Quarantine],
  ['/upload', Upload],
  ['/requests', Requests],
  ['/changes', Changes],
  ['/destruction', Destruction],
  ['/holds', Holds],
  ['/log', Log],
  ['/dashboard', Dashboard],
];

function pageFor(path) {
  for (const [pattern, Page] of ROUTES) {
    const args = match(pattern, path);
    if (args) return { Page, args };
  }
  return null;
}

export function App() {
  const [route, setRoute] = useState(parseHash());
  const [me, setMe] = useState(undefined); // undefined: asking; null: logged out
  const [lang, setLangState] = useState(getLang());

  useEffect(() => {
    const onHash = () => setRoute(parseHash());
    window.addEventListener('hashchange', onHash);
    setUnauthenticatedHandler(() => {
      setMe(null);
      setCsrf('');
    });
    get('/me').then(
      (m) => (setCsrf(m.csrf), setMe(m)),
      () => setMe(null),
    );
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const onLogin = (m) => {
    setCsrf(m.csrf);
    setMe(m);
    // Stay on the page that asked for the login, unless it was the login page.
    if (route.path === '/' || route.path === '/login') navigate('/search');
  };
  const onLogout = () => {
    // Logged out locally even when the server call fails (session gone already).
    const done = () => {
      setCsrf('');
      setMe(null);
      navigate('/login');
    };
    post('/logout').then(done, done);
  };
  const onToggleLang = () => {
    const next = lang === 'zh' ? 'en' : 'zh';
    setLang(next);
    setLangState(next);
  };

  let body;
  if (me === undefined) {
    body = <Loading />;
  } else if (me === null) {
    body = <Login onLogin={onLogin} />;
  } else {
    const found = pageFor(route.path === '/' || route.path === '/login' ? '/search' : route.path);
    body = found ? <found.Page me={me} params={route.params} {...found.args} /> : <Search me={me} params={route.params} />;
  }
  return (
    <div class={`app lang-${lang}`}>
      <Header me={me} path={route.path} onLogout={onLogout} onToggleLang={onToggleLang} />
      <main class="main">{body}</main>
    </div>
  );
}
