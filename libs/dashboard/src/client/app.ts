import type { DashboardModel } from '../dashboard-model';
import { renderCharts, resizeCharts } from './charts';
import { clock, esc } from './format';
import { renderAlarms, renderAlerts, renderAnomalies, renderCompleteness, renderHeader, renderLatest, renderPipeline, renderQuality, renderRanges, renderStale } from './panels';

const REFRESH_MS = Number(document.body.dataset.refreshMs ?? 5000);
/** The range asked for: from the address (`#range=7d`), so a reload or a shared link keeps it. */
let range = new URLSearchParams(location.hash.slice(1)).get('range') ?? '';
let latestRequest = 0;

function set(id: string, html: string): void {
  const el = document.getElementById(id);
  if (el) el.innerHTML = html;
}

/** A failed query, or a panel whose source is not deployed where the page reads (a notice, not a failure). */
function panelError(model: DashboardModel, panel: string): string | undefined {
  const reason = model.errors[panel];
  if (reason) return `<p class="error">Query failed: ${esc(reason)}</p>`;
  const notice = model.notices?.[panel];
  return notice ? `<p class="notice">${esc(notice)}</p>` : undefined;
}

async function refresh(): Promise<void> {
  const request = ++latestRequest;
  let model: DashboardModel;
  try {
    const response = await fetch(`/api/dashboard${range ? `?range=${encodeURIComponent(range)}` : ''}`, { cache: 'no-store' });
    if (!response.ok) throw new Error(`${response.status} ${((await response.json().catch(() => ({}))) as { error?: string }).error ?? response.statusText}`);
    model = (await response.json()) as DashboardModel;
  } catch (error) {
    set('status', `<span class="bad">Cannot reach the simulator: ${esc((error as Error).message)}</span>`);
    return;
  }
  if (request !== latestRequest) return; // a newer request (another range) is on its way
  range = model.range.id;
  document.body.dataset.range = model.range.id;
  document.body.dataset.rangeSource = model.range.source;
  set('ranges', renderRanges(model));
  set('status', `Updated ${clock(model.generatedAt)} UTC · last ${esc(model.range.label)} from ${esc(model.range.sourceLabel)} · ${esc(model.source)}`);
  set('kpis', renderHeader(model));
  set('alarms', renderAlarms(model));
  const chartsEl = document.getElementById('charts');
  if (chartsEl) renderCharts(chartsEl, model);
  // A failed chart query says so (the cards alone would read "Waiting for readings…").
  set('charts-note', panelError(model, 'charts') ?? (model.devicesShown < model.devicesTotal ? `Showing ${model.devicesShown} of ${model.devicesTotal} devices` : ''));
  set('latest', panelError(model, 'latest') ?? renderLatest(model));
  set('alerts', panelError(model, 'alerts') ?? renderAlerts(model));
  set('anomalies', panelError(model, 'anomalies') ?? renderAnomalies(model));
  set('stale', panelError(model, 'stale') ?? renderStale(model));
  set('completeness', panelError(model, 'completeness') ?? renderCompleteness(model));
  set('quality-range', `last ${esc(model.range.label)}`);
  set('quality', panelError(model, 'dataQuality') ?? renderQuality(model));
  set('pipeline', renderPipeline(model));
  document.body.dataset.loaded = 'true';
}

window.addEventListener('resize', () => resizeCharts());
document.getElementById('ranges')?.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-range]');
  if (!button || button.dataset.range === range) return;
  range = button.dataset.range ?? '';
  history.replaceState(null, '', `#range=${range}`);
  document.body.dataset.loaded = 'false';
  void refresh();
});
void refresh();
setInterval(() => void refresh(), REFRESH_MS);
