// Search snippets are HTML-escaped text whose only markup is <b>…</b> around
// the matches. They are never given to innerHTML: parseSnippet splits one
// into text runs, bold or not; anything else that looks like a tag stays text.

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&apos;': "'" };

function unescapeHtml(s) {
  return s.replace(/&(?:amp|lt|gt|quot|apos|#39|#x27);/g, (e) => ENTITIES[e]);
}

// "a <b>合同</b> &lt;x&gt;" → [{text: "a ", bold: false}, {text: "合同", bold: true}, {text: " <x>", bold: false}]
export function parseSnippet(html) {
  const parts = [];
  let bold = false;
  for (const piece of String(html ?? '').split(/(<\/?b>)/)) {
    if (piece === '<b>') bold = true;
    else if (piece === '</b>') bold = false;
    else if (piece) parts.push({ text: unescapeHtml(piece), bold });
  }
  return parts;
}
