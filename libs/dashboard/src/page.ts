/** The dashboard's HTML shell; the bundled script fills it. */
export function dashboardPage(options: { title: string; refreshMs: number }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/uPlot.min.css">
<link rel="stylesheet" href="/dashboard.css">
</head>
<body data-refresh-ms="${options.refreshMs}">
<header>
  <div class="title"><h1>${options.title}</h1><div id="status" class="status">Loading…</div></div>
  <nav id="ranges" class="ranges" aria-label="Time range of the charts and the data quality"></nav>
  <div id="alarms" class="alarms"></div>
</header>
<main>
  <section id="kpis" class="kpis"></section>
  <div id="charts-note" class="note"></div>
  <section id="charts" class="charts"></section>
  <div class="grid">
    <section class="card wide"><h2>Latest readings</h2><div id="latest"></div></section>
    <section class="card wide"><h2>Active alerts and predicted failures</h2><div id="alerts"></div></section>
    <section class="card"><h2>Anomalies</h2><div id="anomalies"></div></section>
    <section class="card"><h2>Stale devices</h2><div id="stale"></div></section>
    <section class="card"><h2>Completeness</h2><div id="completeness"></div></section>
    <section class="card wide"><h2>Data quality <span id="quality-range" class="unit"></span></h2><div id="quality"></div></section>
    <section class="card"><h2>Pipeline</h2><div id="pipeline"></div></section>
  </div>
</main>
<script src="/app.js"></script>
</body>
</html>`;
}

/** The page's icon (a small chart line), so the browser does not ask for a /favicon.ico that is not there. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1a202b"/><path d="M5 22 L12 14 L17 19 L27 8" fill="none" stroke="#4e9af1" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

export const DASHBOARD_CSS = `
:root { color-scheme: dark; --bg:#11151c; --card:#1a202b; --line:#2a3140; --text:#e6e9ef; --muted:#9aa4b2;
  --good:#3fb950; --warn:#d29922; --bad:#f85149; --unknown:#6e7681; --accent:#4e9af1; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background:var(--bg); color:var(--text); }
header { display:flex; justify-content:space-between; align-items:flex-start; gap:16px; padding:14px 20px; border-bottom:1px solid var(--line); background:#0d1117; flex-wrap:wrap; }
h1 { margin:0; font-size:20px; font-weight:600; }
h2 { margin:0 0 10px; font-size:14px; font-weight:600; color:var(--muted); text-transform:uppercase; letter-spacing:.04em; }
h3 { margin:14px 0 6px; font-size:13px; color:var(--muted); font-weight:600; }
.unit { color:var(--muted); font-weight:400; text-transform:none; letter-spacing:0; }
.status { color:var(--muted); font-size:12px; margin-top:4px; }
main { padding:16px 20px 32px; }
.kpis { display:grid; grid-template-columns:repeat(auto-fit, minmax(150px, 1fr)); gap:12px; margin-bottom:12px; }
.kpi { background:var(--card); border:1px solid var(--line); border-left:4px solid var(--accent); border-radius:6px; padding:10px 14px; }
.kpi.good { border-left-color:var(--good); } .kpi.warn { border-left-color:var(--warn); } .kpi.bad { border-left-color:var(--bad); }
.kpi-value { font-size:24px; font-weight:600; font-variant-numeric:tabular-nums; }
.kpi-label { color:var(--muted); font-size:12px; }
.note { color:var(--muted); font-size:12px; margin:4px 0; }
.charts { display:grid; grid-template-columns:repeat(auto-fit, minmax(480px, 1fr)); gap:12px; margin-bottom:12px; }
.card { background:var(--card); border:1px solid var(--line); border-radius:6px; padding:12px 14px; min-width:0; }
.plot { min-width:0; overflow:hidden; }
.grid { display:grid; grid-template-columns:repeat(auto-fit, minmax(420px, 1fr)); gap:12px; }
.wide { grid-column:1 / -1; }
table { width:100%; border-collapse:collapse; font-variant-numeric:tabular-nums; }
th, td { text-align:left; padding:5px 8px; border-bottom:1px solid var(--line); white-space:nowrap; }
th { color:var(--muted); font-weight:500; font-size:12px; }
td.n, th.n { text-align:right; }
td.reason { white-space:normal; overflow-wrap:anywhere; }
tr.stale td { color:var(--bad); }
.empty { color:var(--muted); font-style:italic; }
.error { color:var(--bad); }
.notice { color:var(--muted); white-space:normal; }
.alarms { display:flex; flex-wrap:wrap; gap:6px; max-width:50%; justify-content:flex-end; }
.ranges { display:flex; gap:4px; align-self:center; }
.ranges button { font:inherit; font-size:12px; color:var(--text); background:var(--card); border:1px solid var(--line); border-radius:14px; padding:4px 12px; cursor:pointer; }
.ranges button[aria-pressed="true"] { background:var(--accent); border-color:var(--accent); color:#0d1117; font-weight:600; }
.ranges button:focus-visible { outline:2px solid var(--accent); outline-offset:2px; }
.alarm { display:flex; align-items:center; gap:6px; padding:4px 10px; border-radius:14px; background:var(--card); border:1px solid var(--line); font-size:12px; }
.alarm .dot { width:9px; height:9px; border-radius:50%; background:var(--unknown); }
.alarm.good .dot { background:var(--good); } .alarm.bad .dot { background:var(--bad); }
.alarm.bad { border-color:var(--bad); background:#3a1d1f; }
.alarm-state { font-weight:600; } .alarm-since { color:var(--muted); }
.bar-row { display:grid; grid-template-columns:110px 1fr 64px; align-items:center; gap:8px; margin:4px 0; }
.bar { height:10px; background:#0d1117; border-radius:5px; overflow:hidden; border:1px solid var(--line); }
.fill { display:block; height:100%; background:var(--good); } .fill.warn { background:var(--warn); } .fill.bad { background:var(--bad); }
.bar-value { text-align:right; font-variant-numeric:tabular-nums; color:var(--muted); }
dl.figures { display:grid; grid-template-columns:auto 1fr; gap:4px 14px; margin:0; }
dl.figures dt { color:var(--muted); } dl.figures dd { margin:0; font-variant-numeric:tabular-nums; }
.uplot { font-family:inherit; } .u-legend { font-size:12px; color:var(--text); } .u-legend th { color:var(--text); }
`;
