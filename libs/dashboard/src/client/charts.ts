import uPlot from 'uplot';
import type { DashboardModel } from '../dashboard-model';
import { PALETTE } from './format';

const charts = new Map<string, { plot: uPlot; key: string }>();

/** Creates or updates one uPlot chart per measure, one line per device. */
export function renderCharts(container: HTMLElement, model: DashboardModel): void {
  for (const measure of model.measures) {
    const data = model.charts[measure.name];
    let card = container.querySelector<HTMLElement>(`[data-chart="${measure.name}"]`);
    if (!card) {
      card = document.createElement('section');
      card.className = 'card chart';
      card.dataset.chart = measure.name;
      card.innerHTML = `<h2>${measure.name[0].toUpperCase()}${measure.name.slice(1)} <span class="unit">${measure.unit}</span></h2><div class="plot"></div>`;
      container.appendChild(card);
    }
    const plotEl = card.querySelector<HTMLElement>('.plot');
    if (!plotEl) continue;
    if (!data || data.times.length === 0) {
      plotEl.innerHTML = '<p class="empty">Waiting for readings…</p>';
      charts.get(measure.name)?.plot.destroy();
      charts.delete(measure.name);
      continue;
    }
    const key = data.series.map((s) => s.deviceId).join(',');
    const aligned = [data.times, ...data.series.map((s) => s.values)] as uPlot.AlignedData;
    const existing = charts.get(measure.name);
    if (existing && existing.key === key) {
      existing.plot.setData(aligned);
      continue;
    }
    existing?.plot.destroy();
    plotEl.innerHTML = '';
    const width = Math.max(320, plotEl.clientWidth || 560);
    const opts: uPlot.Options = {
      width,
      height: 220,
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: true } },
      legend: { live: true },
      axes: [
        {
          stroke: '#9aa4b2',
          grid: { stroke: '#2a3140', width: 1 },
          ticks: { stroke: '#2a3140' },
          values: (_u, splits) => splits.map((s) => new Date(s * 1000).toISOString().slice(11, 16)),
        },
        { stroke: '#9aa4b2', grid: { stroke: '#2a3140', width: 1 }, ticks: { stroke: '#2a3140' }, size: 60 },
      ],
      series: [
        { label: 'Time (UTC)', value: (_u, v) => (v === null || v === undefined ? '–' : new Date(v * 1000).toISOString().slice(11, 19)) },
        ...data.series.map((s, i) => ({ label: s.deviceId, stroke: PALETTE[i % PALETTE.length], width: 1.5, spanGaps: false, points: { show: false } })),
      ],
    };
    const plot = new uPlot(opts, aligned, plotEl);
    charts.set(measure.name, { plot, key });
  }
}

export function resizeCharts(): void {
  for (const { plot } of charts.values()) {
    const parent = plot.root.parentElement;
    if (parent) plot.setSize({ width: Math.max(320, parent.clientWidth), height: 220 });
  }
}
