import { render } from 'preact';
import { App } from './app.jsx';
import { getLang, setLang } from './i18n.js';
import './style.css';

setLang(getLang());
render(<App />, document.getElementById('app'));
