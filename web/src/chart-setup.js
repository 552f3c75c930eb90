// Chart.js with only the parts the dashboard draws (bar and line charts), so
// the rest of the library is left out of the bundle. Loaded on first use.
import {
  BarController, BarElement, CategoryScale, Chart, LinearScale, LineController, LineElement,
  PointElement, Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip);

export { Chart };
