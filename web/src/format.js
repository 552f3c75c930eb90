// Small display helpers shared by the pages.
import { getLang } from './i18n.js';

export function formatAmount(amount, currency) {
  if (amount === null || amount === undefined || amount === '') return '';
  const n = Number(amount);
  if (!Number.isFinite(n)) return String(amount);
  const s = n.toLocaleString(getLang() === 'en' ? 'en-US' : 'zh-CN', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return currency && currency !== 'CNY' ? `${s} ${currency}` : `¥${s}`;
}

export function formatSize(bytes) {
  if (bytes === null || bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

// "2026-11-24T10:00:00Z" → local "2026-11-24 18:00".
export function formatTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const pad = (x) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// A request/hold/change target: {"archive": A} | {"doc": ID} | "A" | 42.
export function targetText(target) {
  if (target === null || target === undefined) return '';
  if (typeof target !== 'object') return String(target);
  if (target.archive) return String(target.archive);
  if (target.doc !== undefined) return `#${target.doc}`;
  return JSON.stringify(target);
}

export function targetHref(target) {
  if (target && typeof target === 'object') {
    if (target.archive) return `#/archive/${encodeURIComponent(target.archive)}`;
    if (target.doc !== undefined) return `#/doc/${encodeURIComponent(target.doc)}`;
  }
  return null;
}

export function jsonText(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
