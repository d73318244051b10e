import type * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { PANEL_SQL, VARIABLES } from './panel-queries';

/** How often devices may report, for completeness (ms); the simulator's devices report every 2 s. */
export const READING_INTERVALS_MS = [1000, 2000, 5000, 10_000, 30_000, 60_000] as const;

const seconds = (ms: number) => (ms < 60_000 ? `${ms / 1000} s` : `${ms / 60_000} min`);

/** Location and device (multi-value, All by default; devices narrowed by the locations), and the reading interval. */
export function dashboardVariables(datasource: common.DataSourceRef, readingIntervalMs: number): Array<dashboard.QueryVariableBuilder | dashboard.CustomVariableBuilder> {
  const dimension = (name: string, label: string, query: string) =>
    new dashboard.QueryVariableBuilder(name)
      .label(label)
      .datasource(datasource)
      .query(query)
      .definition(query)
      .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
      .sort(dashboard.VariableSort.AlphabeticalAsc)
      .multi(true)
      .includeAll(true)
      .current({ selected: true, text: ['All'], value: ['$__all'] });
  const interval = new dashboard.CustomVariableBuilder(VARIABLES.readingIntervalMs)
    .label('Reading every')
    .description('How often each device is expected to report (completeness).')
    .values(READING_INTERVALS_MS.map((ms) => `${seconds(ms)} : ${ms}`).join(', '))
    .current({ selected: true, text: seconds(readingIntervalMs), value: String(readingIntervalMs) })
    .options(READING_INTERVALS_MS.map((ms) => ({ selected: ms === readingIntervalMs, text: seconds(ms), value: String(ms) })));
  return [dimension(VARIABLES.location, 'Location', PANEL_SQL.locations()), dimension(VARIABLES.device, 'Device', PANEL_SQL.devices()), interval];
}
