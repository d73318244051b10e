import type { AlarmsReport } from './alarms';
import type { AlertsReport } from './analytics';
import type { HealthReport } from './health';
import type { PipelineReport } from './pipeline';
import type { ScheduledQueriesReport } from './scheduled-queries';

/** The health server's JSON routes and what each answers. */
export interface LocalCloudRoutes {
  '/health': HealthReport;
  '/alarms': AlarmsReport;
  '/pipeline': PipelineReport;
  '/alerts': AlertsReport;
  '/scheduled-queries': ScheduledQueriesReport;
}

export type LocalCloudRoute = keyof LocalCloudRoutes;

export const LOCAL_CLOUD_ROUTES: readonly LocalCloudRoute[] = ['/health', '/alarms', '/pipeline', '/alerts', '/scheduled-queries'];

/** The route that replays dead letters (POST, JSON body `ReplayRequest`, answer `ReplayReport`). */
export const REPLAY_ROUTE = '/dead-letters/replay';
