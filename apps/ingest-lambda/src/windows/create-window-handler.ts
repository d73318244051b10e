import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { WriteRecordsCommand, type _Record, type TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { analyseWindow, deviceWindows, foldReadings, readWindowState, type Forecaster, type WindowState } from '@iot-timeseries/analytics';
import { analyticsTables, ANALYTICS_METRICS, type AnalyticsSettings, type WindowEnvironment } from '@iot-timeseries/schema';
import type { KinesisStreamTumblingWindowEvent } from 'aws-lambda';
import type { IngestMetrics } from '../observability/ingest-metrics';
import type { PublishAlerts } from './alert-publisher';
import { readWindowHistory } from './window-history';
import { windowReadings } from './window-records';
import { alertMessage, eventRecord, windowRecord } from './window-rows';

export interface WindowHandlerDeps {
  writeClient: TimestreamWriteClient;
  queryClient: TimestreamQueryClient;
  publish: PublishAlerts;
  config: WindowEnvironment;
  settings: AnalyticsSettings;
  forecaster?: Forecaster;
  logger: Pick<Logger, 'info' | 'warn'>;
  metrics: IngestMetrics;
}

export type WindowEvent = KinesisStreamTumblingWindowEvent & { shardId?: string; eventSourceARN?: string };
export interface WindowResult {
  state: WindowState | Record<string, never>;
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

/**
 * The window function (handler `index.windowHandler`, a tumbling-window event source mapping on the
 * sensor stream): each invocation folds its batch into the window's state (running sums per device
 * and measure, a few hundred bytes per device); the final invocation of a window computes the
 * features, reads each device's previous windows from the windows table (the state across windows:
 * Lambda gives every window a fresh state), runs detectors, rules, failure prediction and
 * forecasts, writes the windows and the events, publishes the alerts, and returns an empty state.
 * A failure throws: Lambda retries the invocation within the window with the state it had.
 */
export function createWindowHandler(deps: WindowHandlerDeps): (event: WindowEvent) => Promise<WindowResult> {
  const { settings, config } = deps;
  return async (event) => {
    const { readings, skipped } = windowReadings(event.Records ?? []);
    let state = foldReadings(readWindowState(event.state), readings, settings.measures, settings.ewmaAlpha);
    state = { ...state, skipped: state.skipped + skipped };
    if (!event.isFinalInvokeForWindow) return { state, batchItemFailures: [] };

    const start = Date.parse(event.window.start);
    const end = Date.parse(event.window.end);
    const windows = deviceWindows(state, start, end);
    if (windows.length === 0) return { state: {}, batchItemFailures: [] };
    const history = await readWindowHistory(deps.queryClient, {
      database: config.databaseName,
      table: config.windowsTableName,
      measureName: analyticsTables.windows.measureName,
      deviceIds: windows.map((w) => w.deviceId),
      since: start - (settings.historyWindows + 1) * (end - start) * 2,
      before: start,
      measures: settings.measures,
    });
    const result = analyseWindow({ settings, windows, history, forecaster: deps.forecaster, forecastHorizonSeconds: config.forecastHorizonSeconds, failureAlertWithinSeconds: config.failureAlertWithinSeconds });
    if (result.forecastErrors.length > 0) deps.logger.warn('forecasts failed', { count: result.forecastErrors.length, first: result.forecastErrors[0] });
    await write(deps.writeClient, config.databaseName, config.eventsTableName, result.events.map((e) => eventRecord(e, analyticsTables.events.measureName)));
    await write(deps.writeClient, config.databaseName, config.windowsTableName, result.windows.map((w) => windowRecord(w, analyticsTables.windows.measureName)));
    await deps.publish(result.events.map(alertMessage));
    const predicted = result.windows.filter((w) => Object.keys(w.episodes).some((k) => k.startsWith('failure-predicted:'))).length;
    deps.metrics.addMetric(ANALYTICS_METRICS.predictedFailures, MetricUnit.Count, predicted);
    deps.metrics.addMetric(ANALYTICS_METRICS.alertsRaised, MetricUnit.Count, result.events.filter((e) => e.state === 'alert').length);
    deps.metrics.addMetric(ANALYTICS_METRICS.windowsProcessed, MetricUnit.Count, 1);
    deps.metrics.publishStoredMetrics();
    deps.logger.info('window closed', { shardId: event.shardId, window: event.window, devices: windows.length, events: result.events.length, predictedFailures: predicted, terminatedEarly: event.isWindowTerminatedEarly, skipped: state.skipped });
    return { state: {}, batchItemFailures: [] };
  };
}

/** WriteRecords in batches of 100 (the API's limit); the records are idempotent (same time, same values), so a retried window rewrites them harmlessly. */
async function write(client: TimestreamWriteClient, database: string, table: string, records: _Record[]): Promise<void> {
  for (let i = 0; i < records.length; i += 100) {
    await client.send(new WriteRecordsCommand({ DatabaseName: database, TableName: table, Records: records.slice(i, i + 100) }));
  }
}
