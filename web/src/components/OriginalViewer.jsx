// The document's original: fetched once (one `download` row in the log),
// then shown with PDF.js or as an image; anything else is offered as a file.
// A 403 means the document needs an approved access request: offer one.
import { useEffect, useState } from 'preact/hooks';
import { fetchOriginal } from '../api.js';
import { t } from '../i18n.js';
import { ErrorBox } from './ErrorBox.jsx';
import { Loading } from './Loading.jsx';
import { PdfViewer } from './PdfViewer.jsx';
import { RequestAccess } from './RequestAccess.jsx';

export function OriginalViewer({ doc }) {
  const [state, setState] = useState({ loading: true });

  useEffect(() => {
    let objectUrl = null;
    let cancelled = false;
    setState({ loading: true });
    fetchOriginal(doc.id).then(
      async ({ blob, type }) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(blob);
        const mime = type || doc.mime || '';
        const data = mime.includes('pdf') ? await blob.arrayBuffer() : null;
        if (!cancelled) setState({ objectUrl, mime, data });
      },
      (error) => !cancelled && setState({ error }),
    );
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [doc.id]);

  if (state.loading) return <Loading />;
  if (state.error?.status === 403) {
    return (
      <div class="denied-original">
        <p>{t('original_denied')}</p>
        <RequestAccess target={{ doc: doc.id }} />
      </div>
    );
  }
  if (state.error) return <ErrorBox error={state.error} />;
  const name = doc.original_name || `document-${doc.id}`;
  return (
    <div class="original">
      <p>
        <a class="button" href={state.objectUrl} download={name}>{t('download')}</a>
      </p>
      {state.mime.includes('pdf') ? <PdfViewer data={state.data} /> : null}
      {state.mime.startsWith('image/') ? <img class="original-image" src={state.objectUrl} alt={name} /> : null}
    </div>
  );
}
