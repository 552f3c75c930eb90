// A search snippet: HTML-escaped text whose only markup is <b>…</b> around the
// matches. We never hand it to innerHTML: it is split into text and <b> nodes
// here, and anything else that looks like a tag is shown as text.

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&apos;': "'" };

function unescape(s) {
  return s.replace(/&(?:amp|lt|gt|quot|apos|#39|#x27);/g, (e) => ENTITIES[e]);
}

// Returns [{text, bold}] for the snippet.
export function parseSnippet(html) {
  const parts = [];
  let bold = false;
  for (const piece of String(html || '').split(/(<\/?b>)/)) {
    if (piece === '<b>') bold = true;
    else if (piece === '</b>') bold = false;
    else if (piece) parts.push({ text: unescape(piece), bold });
  }
  return parts;
}

export function Snippet({ html }) {
  return (
    <p class="snippet">
      {parseSnippet(html).map((p, i) => (p.bold ? <b key={i}>{p.text}</b> : p.text))}
    </p>
  );
}
