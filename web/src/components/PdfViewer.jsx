// Renders a PDF (bytes already fetched) page by page on a canvas with PDF.js.
// CSP: no eval (isEvalSupported: false), the worker is a same-origin file,
// and character maps and standard fonts are served beside the app.
import { useEffect, useRef, useState } from 'preact/hooks';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { t } from '../i18n.js';

let pdfjsPromise = null;
function loadPdfjs() {
  if (!pdfjsPromise) {
    pdfjsPromise = import('pdfjs-dist').then((pdfjs) => {
      pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
      return pdfjs;
    });
  }
  return pdfjsPromise;
}

export function PdfViewer({ data }) {
  const canvas = useRef(null);
  const [doc, setDoc] = useState(null);
  const [page, setPage] = useState(1);
  const [scale, setScale] = useState(1.25);
  const [error, setError] = useState(null);
  const [rendered, setRendered] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let task = null;
    loadPdfjs()
      .then((pdfjs) => {
        task = pdfjs.getDocument({
          data: new Uint8Array(data),
          isEvalSupported: false,
          cMapUrl: '/pdfjs/cmaps/',
          cMapPacked: true,
          standardFontDataUrl: '/pdfjs/standard_fonts/',
        });
        return task.promise;
      })
      .then((d) => !cancelled && (setDoc(d), setPage(1)))
      .catch((e) => !cancelled && setError(e));
    return () => {
      cancelled = true;
      if (task) task.destroy();
    };
  }, [data]);

  useEffect(() => {
    if (!doc || !canvas.current) return undefined;
    let renderTask = null;
    let cancelled = false;
    doc.getPage(page).then((p) => {
      if (cancelled) return;
      const ratio = window.devicePixelRatio || 1;
      const viewport = p.getViewport({ scale: scale * ratio });
      const c = canvas.current;
      c.width = Math.floor(viewport.width);
      c.height = Math.floor(viewport.height);
      c.style.width = `${Math.floor(viewport.width / ratio)}px`; // CSSOM, allowed by the CSP
      renderTask = p.render({ canvasContext: c.getContext('2d'), viewport });
      renderTask.promise.then(
        () => !cancelled && setRendered((n) => n + 1),
        () => {},
      );
    });
    return () => {
      cancelled = true;
      if (renderTask) renderTask.cancel();
    };
  }, [doc, page, scale]);

  if (error) return <div class="error">PDF: {String(error.message || error)}</div>;
  return (
    <div class="pdf-viewer">
      <div class="toolbar">
        <button type="button" disabled={!doc || page <= 1} onClick={() => setPage(page - 1)}>‹</button>
        <span class="page-no">
          {t('page')} {doc ? `${page} / ${doc.numPages}` : '…'}
        </span>
        <button type="button" disabled={!doc || page >= doc.numPages} onClick={() => setPage(page + 1)}>›</button>
        <button type="button" onClick={() => setScale(Math.max(0.5, scale - 0.25))} title={t('zoom_out')}>−</button>
        <button type="button" onClick={() => setScale(Math.min(4, scale + 0.25))} title={t('zoom_in')}>+</button>
      </div>
      <div class="pdf-canvas-wrap">
        {rendered ? null : <p class="muted">{t('loading')}</p>}
        <canvas ref={canvas} class="pdf-canvas" data-rendered={rendered} />
      </div>
    </div>
  );
}
