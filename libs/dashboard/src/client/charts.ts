import uPlot from 'uplot';
import type { DashboardModel } from '../dashboard-model';
import { PALETTE, timeTickLabels, timeTickSpace } from './format';

const HEIGHT = 220;
/** Least room a chart keeps (narrower cards clip it rather than overflow into their neighbours). */
const MIN_WIDTH = 240;

/**
 * How far past the last reading a chart's time axis reaches for forecasts, as a share of the readings' span: a
 * forecast further ahead (the window function's is an hour) is drawn as its dashed line towards the edge instead of
 * squeezing the readings into the chart's first tenth.
 */
const FORECAST_REACH = 0.25;

const charts = new Map<string, { plot: uPlot; key: string }>();
const resizes = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver((entries) => entries.forEach((e) => e.target instanceof HTMLElement && fit(e.target)));

/** Creates or updates one uPlot chart per measure, one line per device, each as wide as its card. */
export function renderCharts(container: HTMLElement, model: DashboardModel): void {
  // Every card first, so the grid has its final layout before any chart measures its width.
  const cards = model.measures.map((measure) => ({ measure, plotEl: chartCard(container, measure) }));
  for (const { measure, plotEl } of cards) {
    const data = model.charts[measure.name];
    if (!data || data.times.length === 0) {
      plotEl.innerHTML = '<p class="empty">Waiting for readings…</p>';
      charts.get(measure.name)?.plot.destroy();
      charts.delete(measure.name);
      continue;
    }
    const forecasts = data.forecasts ?? [];
    const key = `${data.series.map((s) => s.deviceId).join(',')}|${forecasts.map((f) => f.deviceId).join(',')}`;
    const aligned = [data.times, ...data.series.map((s) => s.values), ...forecasts.map((f) => f.values)] as uPlot.AlignedData;
    const card = plotEl.closest<HTMLElement>('[data-chart]');
    // Kept on the card so what is drawn can be checked without reading the canvas.
    if (card) card.dataset.forecasts = forecasts.map((f) => `${f.deviceId}@${f.at}`).join('|');
    const existing = charts.get(measure.name);
    if (existing && existing.key === key) {
      existing.plot.setData(aligned);
      continue;
    }
    existing?.plot.destroy();
    plotEl.innerHTML = '';
    const opts: uPlot.Options = {
      width: widthOf(plotEl),
      height: HEIGHT,
      cursor: { drag: { x: true, y: false } },
      scales: {
        x: {
          time: true,
          range: (u, min, max) => {
            const range = timeRange(u.data, data.series.length, min, max);
            // Kept on the card so the axis can be checked without reading the canvas.
            if (card) card.dataset.xRange = range.join(',');
            return range;
          },
        },
      },
      legend: { live: true },
      axes: [
        {
          stroke: '#9aa4b2',
          // Room per tick, so an HH:MM:SS (or dated) label never runs into the next.
          space: (_u, _axis, min, max) => timeTickSpace(max - min),
          grid: { stroke: '#2a3140', width: 1 },
          ticks: { stroke: '#2a3140' },
          values: (_u, splits, _axis, _space, step) => {
            const labels = timeTickLabels(splits, step);
            // Kept on the card so what the axis reads can be checked without reading the canvas.
            if (card) card.dataset.xTicks = labels.join('|');
            return labels;
          },
        },
        { stroke: '#9aa4b2', grid: { stroke: '#2a3140', width: 1 }, ticks: { stroke: '#2a3140' }, size: 60 },
      ],
      series: [
        { label: 'Time (UTC)', value: (_u, v) => (v === null || v === undefined ? '–' : new Date(v * 1000).toISOString().slice(11, 19)) },
        ...data.series.map((s, i) => ({ label: s.deviceId, stroke: PALETTE[i % PALETTE.length], width: 1.5, spanGaps: false, points: { show: false } })),
        // The forecast: dashed, in the device's colour, from its last value to the forecast point.
        ...forecasts.map((f) => {
          const colour = PALETTE[Math.max(0, data.series.findIndex((s) => s.deviceId === f.deviceId)) % PALETTE.length];
          return { label: `${f.deviceId} forecast`, stroke: colour, width: 1.5, dash: [6, 4], spanGaps: true, points: { show: true, size: 5, stroke: colour, fill: colour } };
        }),
      ],
    };
    charts.set(measure.name, { plot: new uPlot(opts, aligned, plotEl), key });
  }
}

function chartCard(container: HTMLElement, measure: DashboardModel['measures'][number]): HTMLElement {
  const existing = container.querySelector<HTMLElement>(`[data-plot="${measure.name}"]`);
  if (existing) return existing;
  const card = document.createElement('section');
  card.className = 'card chart';
  card.dataset.chart = measure.name;
  card.innerHTML = `<h2>${measure.name[0].toUpperCase()}${measure.name.slice(1)} <span class="unit">${measure.unit}</span></h2>`;
  const plotEl = document.createElement('div');
  plotEl.className = 'plot';
  plotEl.dataset.plot = measure.name;
  card.appendChild(plotEl);
  container.appendChild(card);
  resizes?.observe(plotEl);
  return plotEl;
}

function widthOf(plotEl: HTMLElement): number {
  return Math.max(MIN_WIDTH, Math.floor(plotEl.clientWidth));
}

/** Keeps a chart exactly as wide as its card when the grid, the window or the scrollbar changes. */
function fit(plotEl: HTMLElement): void {
  const entry = charts.get(plotEl.dataset.plot ?? '');
  if (entry && entry.plot.width !== widthOf(plotEl)) entry.plot.setSize({ width: widthOf(plotEl), height: HEIGHT });
}

export function resizeCharts(): void {
  for (const { plot } of charts.values()) {
    const plotEl = plot.root.parentElement;
    if (plotEl) fit(plotEl);
  }
}

/** The time axis: from the first reading to the last forecast, but at most FORECAST_REACH of the readings' span past the last reading. */
function timeRange(data: uPlot.AlignedData, observedSeries: number, min: number, max: number): uPlot.Range.MinMax {
  const times = data[0] as number[];
  const observed = data.slice(1, 1 + observedSeries);
  let last = min;
  for (let i = times.length - 1; i >= 0; i--) {
    if (observed.some((values) => values[i] !== null && values[i] !== undefined)) {
      last = times[i];
      break;
    }
  }
  const reach = last + Math.max(last - min, 60) * FORECAST_REACH;
  return [min, Math.max(Math.min(max, reach), min + 1)];
}
