import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartType,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';

// Only what the dashboard draws, so the rest of chart.js stays out of the bundle.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
);

/**
 * A chart.js chart on a canvas, drawn again when its configuration changes. The canvas is a
 * picture for sighted users only: `summary` names it, and the page puts the same numbers beside it
 * as a visually hidden table.
 */
export function ChartCanvas<T extends ChartType>({
  config,
  summary,
  height = 260,
}: {
  config: ChartConfiguration<T>;
  summary: string;
  height?: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const options = { responsive: true, maintainAspectRatio: false, animation: false, ...config.options };
    const chart = new Chart(canvas.current, { ...config, options } as ChartConfiguration<T>);
    return () => chart.destroy();
  }, [config]);
  return (
    <div style={{ position: 'relative', height }}>
      <canvas ref={canvas} role="img" aria-label={summary} />
    </div>
  );
}
