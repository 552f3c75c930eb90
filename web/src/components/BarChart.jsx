// A Chart.js bar or line chart of {label: count}; only the parts we use are
// registered, so the bundle carries no unused chart types.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n.js';
import {
  BarController, BarElement, CategoryScale, Chart, LinearScale, LineController, LineElement,
  PointElement, Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip);

export function BarChart({ data, label, kind = 'bar', sortKeys = false, labelOf = (k) => k }) {
  const canvas = useRef(null);
  const empty = !data || Object.keys(data).length === 0;
  useEffect(() => {
    if (empty) return undefined;
    const keys = Object.keys(data || {});
    if (sortKeys) keys.sort();
    const chart = new Chart(canvas.current, {
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
    return () => chart.destroy();
  }, [data, label, kind, sortKeys, empty]); // labelOf changes with the language, and so does label
  if (empty) return <p class="muted chart-empty">{t('none')}</p>;
  return (
    <div class="chart-box">
      <canvas ref={canvas} />
    </div>
  );
}
