// A search snippet rendered as text and <b> nodes (see snippet.js): the
// server's markup never reaches innerHTML.
import { parseSnippet } from '../snippet.js';

export function Snippet({ html }) {
  return (
    <p class="snippet">
      {parseSnippet(html).map((p, i) => (p.bold ? <b key={i}>{p.text}</b> : p.text))}
    </p>
  );
}
