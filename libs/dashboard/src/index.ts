export { buildDashboardServer, listen, type DashboardServerOptions } from './dashboard-server';
export { createDashboardLoader, qualityFigures, toCharts, type DashboardLoaderOptions } from './dashboard-data';
export { chooseBinSeconds, DASHBOARD_RANGES, DEFAULT_RANGE, rangeView, sourceLabel, type DashboardRangeId, type RangeView } from './ranges';
export type { DashboardModel, DataQualityFigures, DeviceQualityFigure, PipelineFigures, PutAsideGroupFigure } from './dashboard-model';
export type { DashboardQueries, TrendPoint, LatestReading, AnomalyPoint, StaleDevice, DeviceCompleteness, DeviceDataQuality } from './dashboard-queries';
export { createQueriesAdapter, DASHBOARD_Z_THRESHOLD, PANEL_QUERY_TIMEOUT_MS } from './queries-adapter';
export * from './errors';
