export { buildDashboardServer, listen, type DashboardServerOptions } from './dashboard-server';
export { createDashboardLoader, chooseBinSeconds, toCharts, type DashboardLoaderOptions } from './dashboard-data';
export type { DashboardModel, PipelineFigures, PutAsideGroupFigure } from './dashboard-model';
export type { DashboardQueries, TrendPoint, LatestReading, AnomalyPoint, StaleDevice, DeviceCompleteness } from './dashboard-queries';
export { createQueriesAdapter, DASHBOARD_Z_THRESHOLD } from './queries-adapter';
export * from './errors';
