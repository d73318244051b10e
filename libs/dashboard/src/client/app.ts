import type { DashboardModel } from '../dashboard-model';
import { renderCharts, resizeCharts } from './charts';
import { clock, esc } from './format';
import { renderAlarms, renderAlerts, renderAnomalies, renderCompleteness, renderHeader, renderLatest, renderPipeline, renderStale } from './panels';

const REFRESH_MS = Number(document.body.dataset.refreshMs ?? 5000);

function set(id: string, html: string): void {
  const el = document.getElementById(id);
  if (el) el.innerHTML = html;
}

function panelError(model: DashboardModel, panel: string): string | undefined {
  const reason = model.errors[panel];
  return reason ? `<p class="error">Query failed: ${esc(reason)}</p>` : undefined;
}

async function refresh(): Promise<void> {
  let model: DashboardModel;
  try {
    const response = await fetch('/api/dashboard', { cache: 'no-store' });
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    model = (await response.json()) as DashboardModel;
  } catch (error) {
    set('status', `<span class="bad">Cannot reach the simulator: ${esc((error as Error).message)}</span>`);
    return;
  }
  set('status', `Updated ${clock(model.generatedAt)} UTC · last ${model.windowMinutes} min · ${esc(model.source)}`);
  set('kpis', renderHeader(model));
  set('alarms', renderAlarms(model));
  const chartsEl = document.getElementById('charts');
  if (chartsEl) renderCharts(chartsEl, model);
  set('charts-note', model.devicesShown < model.devicesTotal ? `Showing ${model.devicesShown} of ${model.devicesTotal} devices` : '');
  set('latest', panelError(model, 'latest') ?? renderLatest(model));
  set('alerts', panelError(model, 'alerts') ?? renderAlerts(model));
  set('anomalies', panelError(model, 'anomalies') ?? renderAnomalies(model));
  set('stale', panelError(model, 'stale') ?? renderStale(model));
  set('completeness', panelError(model, 'completeness') ?? renderCompleteness(model));
  set('pipeline', renderPipeline(model));
  document.body.dataset.loaded = 'true';
}

window.addEventListener('resize', () => resizeCharts());
void refresh();
setInterval(() => void refresh(), REFRESH_MS);
