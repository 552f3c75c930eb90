// A Chart.js bar or line chart of {label: count}.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n.js';

// Chart.js is loaded with the first chart (only the dashboard has charts).
let chartPromise = null;
function loadChart() {
  if (!chartPromise) chartPromise = import('../chart-setup.js').then((m) => m.Chart);
  return chartPromise;
}

export function BarChart({ data, label, kind = 'bar', sortKeys = false, labelOf = (k) => k }) {
  const canvas = useRef(null);
  const empty = !data || Object.keys(data).length === 0;
  useEffect(() => {
    if (empty) return undefined;
    const keys = Object.keys(data || {});
    if (sortKeys) keys.sort();
    let chart = null;
    let cancelled = false;
    loadChart().then((Chart) => {
      if (cancelled || !canvas.current) return;
      chart = new Chart(canvas.current, {
        type: kind,
        data: {
          labels: keys.map(labelOf),
          datasets: [{
            label,
            data: keys.map((k) => data[k]),
            backgroundColor: '#3b6ea5',
            borderColor: '#3b6ea5',
            tension: 0.2,
          }],
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { display: false } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      });
      canvas.current.dataset.drawn = '1';
    });
    return () => {
      cancelled = true;
      if (chart) chart.destroy();
    };
  }, [data, label, kind, sortKeys, empty]); // labelOf changes with the language, and so does label
  if (empty) return <p class="muted chart-empty">{t('none')}</p>;
  return (
    <div class="chart-box">
      <canvas ref={canvas} />
    </div>
  );
}
