import type { DashboardModel } from '../dashboard-model';
import { ago, clock, count, esc, num } from './format';

export function renderHeader(model: DashboardModel): string {
  const p = model.pipeline;
  const online = p.fleet.devices - model.stale.length;
  const tiles: Array<[string, string, string?]> = [
    ['Messages / s', num(p.cloud?.messagesPerSecond ?? p.fleet.messagesPerSecond, 1)],
    ['Readings written', count(p.cloud?.readingsWritten)],
    ['Put aside', count(p.cloud?.putAsideTotal), (p.cloud?.putAsideTotal ?? 0) > 0 ? 'warn' : undefined],
    ['Devices reporting', `${count(online)} / ${count(p.fleet.devices)}`, model.stale.length > 0 ? 'bad' : 'good'],
    ['Anomalies (window)', count(model.anomalies.length), model.anomalies.length > 0 ? 'warn' : undefined],
    ['Active alerts', count(model.alerts.length), model.alerts.some((a) => a.severity === 'critical') ? 'bad' : model.alerts.length > 0 ? 'warn' : 'good'],
    ['Messages sent', count(p.fleet.messagesSent)],
  ];
  return tiles.map(([label, value, tone]) => `<div class="kpi ${tone ?? ''}"><div class="kpi-value">${value}</div><div class="kpi-label">${label}</div></div>`).join('');
}

export function renderAlarms(model: DashboardModel): string {
  if (!model.alarms) return '<p class="empty">Alarm states come from CloudWatch on AWS; not available from here.</p>';
  return model.alarms
    .map((a) => {
      const tone = a.state === 'ALARM' ? 'bad' : a.state === 'OK' ? 'good' : 'unknown';
      return `<div class="alarm ${tone}" title="${esc(a.reason)}"><span class="dot"></span><span class="alarm-id">${esc(a.id)}</span><span class="alarm-state">${esc(a.state.replace('_', ' '))}</span><span class="alarm-since">since ${clock(a.since)}</span></div>`;
    })
    .join('');
}

export function renderLatest(model: DashboardModel): string {
  const names = model.measures.map((m) => m.name);
  const head = `<tr><th>Device</th><th>Location</th>${model.measures.map((m) => `<th class="n">${esc(m.name)} <span class="unit">${esc(m.unit)}</span></th>`).join('')}<th class="n">Age</th></tr>`;
  const staleIds = new Set(model.stale.map((s) => s.deviceId));
  const rows = model.latest
    .map((r) => {
      const cls = staleIds.has(r.deviceId) ? 'stale' : '';
      const cells = names.map((n) => `<td class="n">${num(r.values[n], n === 'vibration' ? 3 : 1)}</td>`).join('');
      return `<tr class="${cls}"><td>${esc(r.deviceId)}</td><td>${esc(r.location)}</td>${cells}<td class="n">${ago(r.ageSeconds)}</td></tr>`;
    })
    .join('');
  return table(head, rows, model.measures.length + 3, 'No readings yet');
}

export function renderAnomalies(model: DashboardModel): string {
  const head = '<tr><th>Time (UTC)</th><th>Device</th><th>Measure</th><th class="n">Value</th><th class="n">Score</th></tr>';
  const rows = model.anomalies
    .slice(0, 50)
    .map((a) => `<tr><td>${clock(a.time)}</td><td>${esc(a.deviceId)}</td><td>${esc(a.measure)}</td><td class="n">${num(a.value, 2)}</td><td class="n">${num(a.score, 1)}</td></tr>`)
    .join('');
  return table(head, rows, 5, 'No anomalies in the window');
}

/** The window function's open episodes; a predicted failure shows when it is expected and the lead time left. */
export function renderAlerts(model: DashboardModel): string {
  const head = '<tr><th>Device</th><th>Alert</th><th>Severity</th><th>Since (UTC)</th><th>Predicted failure (UTC)</th><th class="n">Lead time</th></tr>';
  const rows = model.alerts
    .slice(0, 50)
    .map((a) => {
      const failure = a.predictedFailureAt ? clock(a.predictedFailureAt) : '–';
      const lead = a.leadSeconds === undefined ? '–' : ago(a.leadSeconds);
      return `<tr class="alert ${esc(a.severity)}" data-kind="${esc(a.kind)}" title="${esc(a.evidence)}"><td>${esc(a.deviceId)}</td><td>${esc(a.kind)}: ${esc(a.detector)}</td><td>${esc(a.severity)}</td><td>${clock(a.since)}</td><td>${failure}</td><td class="n lead">${lead}</td></tr>`;
    })
    .join('');
  return table(head, rows, 6, 'No open alerts');
}

export function renderStale(model: DashboardModel): string {
  const head = '<tr><th>Device</th><th>Location</th><th>Last reading</th><th class="n">Silent for</th></tr>';
  const rows = model.stale.map((s) => `<tr class="stale"><td>${esc(s.deviceId)}</td><td>${esc(s.location ?? '')}</td><td>${clock(s.lastSeen)}</td><td class="n">${ago(s.silentSeconds)}</td></tr>`).join('');
  return table(head, rows, 4, 'Every device is reporting');
}

export function renderCompleteness(model: DashboardModel): string {
  if (model.completeness.length === 0) return '<p class="empty">No data yet</p>';
  return model.completeness
    .map((c) => {
      const pct = Math.max(0, Math.min(100, c.percent));
      const tone = pct >= 95 ? 'good' : pct >= 80 ? 'warn' : 'bad';
      return `<div class="bar-row"><span class="bar-label">${esc(c.deviceId)}</span><span class="bar"><span class="fill ${tone}" style="width:${pct}%"></span></span><span class="bar-value">${num(pct, 1)} %</span></div>`;
    })
    .join('');
}

export function renderPipeline(model: DashboardModel): string {
  const f = model.pipeline.fleet;
  const c = model.pipeline.cloud;
  const rows: Array<[string, string]> = [
    ['Target', esc(f.target)],
    ['Sent by the fleet', `${count(f.messagesSent)} (${count(f.duplicates)} duplicates, ${count(f.late)} late, ${count(f.invalid)} invalid)`],
    ['Failed sends', count(f.failedSends)],
  ];
  if (c) {
    rows.push(
      ['Received by the broker', count(c.messagesReceived)],
      ['Lambda invocations', `${count(c.lambdaInvocations)} (${count(c.lambdaErrors)} errors)`],
      ['Waiting in the stream', count(c.streamPending)],
      ['Readings written', count(c.readingsWritten)],
      ['Invalid messages', count(c.messagesInvalid)],
      ['Records rejected', count(c.recordsRejected)],
    );
  }
  const groups = c ? [...c.putAsideGroups].sort((a, b) => b.count - a.count) : [];
  const reasonRows = groups
    .map((g) => {
      const example = g.latest;
      const where = example ? `${esc(example.deviceId ?? '–')}, ${clock(example.at)}` : '–';
      return `<tr data-reason-pattern="${esc(g.pattern)}"><td class="reason">${esc(example?.reason ?? g.pattern)}</td><td>${where}</td><td class="n">${count(g.count)}</td></tr>`;
    })
    .join('');
  return (
    `<dl class="figures">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>` +
    `<h3>Put aside, by reason (the latest of each kind)</h3>` +
    table('<tr><th>Reason</th><th>Device, time (UTC)</th><th class="n">Count</th></tr>', reasonRows, 3, 'Nothing put aside')
  );
}

function table(head: string, rows: string, columns: number, empty: string): string {
  return `<table><thead>${head}</thead><tbody>${rows || `<tr><td colspan="${columns}" class="empty">${empty}</td></tr>`}</tbody></table>`;
}

/** The range buttons; the one shown is pressed. */
export function renderRanges(model: DashboardModel): string {
  return model.ranges
    .map((r) => `<button type="button" data-range="${esc(r.id)}" aria-pressed="${r.id === model.range.id}">${esc(r.label)}</button>`)
    .join('');
}

/** Data quality over the range: totals, then the worst devices (received vs expected, silent minutes, gaps, put aside). */
export function renderQuality(model: DashboardModel): string {
  const q = model.dataQuality;
  if (!q || q.devices === 0) return '<p class="empty">No readings in the range</p>';
  const percent = q.expected > 0 ? Math.min(100, (100 * q.received) / q.expected) : 0;
  const figures: Array<[string, string]> = [
    ['Devices', `${count(q.devices)} (${count(q.belowTarget)} below 95 %)`],
    ['Readings received / expected', `${count(q.received)} / ${count(q.expected)} (${num(percent, 1)} %)`],
    ['Put aside: invalid / rejected', `${count(q.putAsideInvalid)} / ${count(q.putAsideRejected)}`],
  ];
  const head = '<tr><th>Device</th><th>Location</th><th class="n">Received</th><th class="n">Expected</th><th class="n">%</th><th class="n">Silent min</th><th class="n">Gaps</th><th class="n">Invalid</th><th class="n">Rejected</th></tr>';
  const rows = q.worst
    .map((d) => {
      const tone = d.percent >= 95 ? '' : 'stale';
      return `<tr class="${tone}" data-device="${esc(d.deviceId)}"><td>${esc(d.deviceId)}</td><td>${esc(d.location)}</td><td class="n">${count(d.received)}</td><td class="n">${count(d.expected)}</td><td class="n">${num(d.percent, 1)}</td><td class="n">${count(d.silentMinutes)}</td><td class="n">${count(d.gaps)}</td><td class="n">${count(d.putAsideInvalid)}</td><td class="n">${count(d.putAsideRejected)}</td></tr>`;
    })
    .join('');
  return `<dl class="figures">${figures.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl><h3>Least complete first</h3>${table(head, rows, 9, 'No devices')}`;
}
