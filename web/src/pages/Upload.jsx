// Drag-and-drop upload: files go one at a time (the server ingests each under
// the writer lock), each with its own progress bar and then its own result:
// indexed, unfiled, duplicate, quarantined (with the reason) or needs OCR.
import { useRef, useState } from 'preact/hooks';
import { uploadFile } from '../api.js';
import { label, t } from '../i18n.js';
import { formatSize } from '../format.js';
import { ErrorBox } from '../components/ErrorBox.jsx';

const MAX_BUSY_RETRIES = 5;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function uploadWithRetry(file, onProgress) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await uploadFile(file, onProgress);
    } catch (err) {
      // 503: another process holds the writer lock; wait as told and retry.
      if (err.status !== 503 || attempt >= MAX_BUSY_RETRIES) throw err;
      await sleep(1000 * (err.retryAfter || 1));
    }
  }
}

function ItemResult({ item }) {
  if (item.error) return <ErrorBox error={item.error} />;
  const r = item.result;
  if (!r) {
    if (item.progress === null) return <span class="muted">{t('waiting')}</span>;
    const pct = Math.round(item.progress * 100);
    return (
      <span class="progress-cell">
        <progress max="100" value={pct} />
        <span>{pct < 100 ? t('uploading', { p: pct }) : t('ingesting')}</span>
      </span>
    );
  }
  return (
    <span class={`upload-result status-${r.status}`} data-status={r.status}>
      <span class="tag">{label('status', r.status)}</span>
      {r.doc_id ? <a href={`#/doc/${r.doc_id}`}>#{r.doc_id}</a> : null}
      {r.archive_no ? <a href={`#/archive/${encodeURIComponent(r.archive_no)}`}>{r.archive_no}</a> : null}
      {r.reason ? <span>{r.reason}</span> : null}
    </span>
  );
}

export function Upload() {
  const [items, setItems] = useState([]);
  const [over, setOver] = useState(false);
  const input = useRef(null);
  const queue = useRef(Promise.resolve());

  const update = (key, changes) => setItems((list) => list.map((it) => (it.key === key ? { ...it, ...changes } : it)));

  const add = (files) => {
    const added = Array.from(files).map((file, i) => ({ key: `${Date.now()}-${i}-${file.name}`, file, progress: null }));
    setItems((list) => [...list, ...added]);
    for (const it of added) {
      queue.current = queue.current.then(async () => {
        update(it.key, { progress: 0 });
        try {
          const body = await uploadWithRetry(it.file, (p) => update(it.key, { progress: p }));
          const result = body?.files?.find((f) => f.name === it.file.name) || body?.files?.[0] || { status: 'indexed' };
          update(it.key, { progress: 1, result });
        } catch (error) {
          update(it.key, { error });
        }
      });
    }
  };

  const onDrop = (e) => {
    e.preventDefault();
    setOver(false);
    if (e.dataTransfer?.files?.length) add(e.dataTransfer.files);
  };

  return (
    <article>
      <h1>{t('upload_title')}</h1>
      <div
        class={`dropzone ${over ? 'over' : ''}`}
        role="button"
        tabIndex={0}
        onClick={() => input.current.click()}
        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && input.current.click()}
        onDragOver={(e) => (e.preventDefault(), setOver(true))}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>{t('drop_here')}</p>
        <input ref={input} type="file" name="files" multiple class="hidden-input"
          onChange={(e) => (add(e.currentTarget.files), (e.currentTarget.value = ''))} />
      </div>
      {items.length ? (
        <table class="table uploads">
          <thead><tr><th>{t('original_name')}</th><th>{t('size')}</th><th>{t('state')}</th></tr></thead>
          <tbody>
            {items.map((it) => (
              <tr key={it.key} data-name={it.file.name}>
                <td>{it.file.name}</td>
                <td>{formatSize(it.file.size)}</td>
                <td><ItemResult item={it} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </article>
  );
}
