import { REPLAY_ROUTE } from '@iot-timeseries/local-cloud-client';
import {
  ALARM_DEFINITIONS,
  analyticsTables,
  LOCAL_BUCKETS,
  LOCAL_PLACEHOLDER_CREDENTIALS,
  LOCAL_REJECTED_DATA_BUCKET,
  timestreamSettings,
  topicRule,
} from '@iot-timeseries/schema';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { followDeadLetters } from './actions/dead-letter-follower';
import { AlarmEvaluator, withOverrides } from './alarms/alarm-evaluator';
import { alarmScopes } from './alarms/alarm-scopes';
import { MetricStore } from './alarms/metric-store';
import { startBroker } from './broker/mqtt-broker';
import { SessionPersistence } from './broker/session-persistence';
import { parseReplayRequest, replayDeadLetters } from './dead-letters/dead-letter-replay';
import { openDeadLetters } from './dead-letters/dead-letter-service';
import { ReplayRequestError } from './errors';
import { buildHealthServer } from './http/health-server';
import { healthRoutes } from './http/health-routes';
import type { LocalCloudConfig } from './local-cloud-config';
import { createDirectRejectionsMetric } from './pipeline/direct-rejections-metric';
import { PipelineStats } from './pipeline/pipeline-stats';
import { openRuleAction } from './pipeline/rule-action';
import { createStaleDeviceProbe, type StaleDeviceCounter } from './pipeline/stale-device-probe';
import { startLocalS3 } from './s3/local-s3';
import { createRuleDispatch } from './rule/rule-dispatch';
import { compileTopicRule } from './rule/topic-rule';
import { ensureRollups } from './rollups/ensure-rollups';
import { SCHEDULED_QUERY_REFRESH_MS, ScheduledQueryMonitor } from './rollups/scheduled-query-monitor';
import { localQueryClient, localWriteClient } from './timestream/clients';
import { ensureDatabaseAndTable } from './timestream/ensure-table';
import { timestreamRequestMetric } from './timestream/request-metrics';
import type { StartTimestream, TimestreamService } from './timestream/timestream-service';

export type { StaleDeviceCounter } from './pipeline/stale-device-probe';

export interface LocalCloudDependencies {
  startTimestream: StartTimestream;
  countStaleDevices: StaleDeviceCounter;
  log?: (line: string) => void;
}

export interface LocalCloud {
  readonly config: LocalCloudConfig;
  readonly endpoints: { mqtt: string; timestream: string; health: string; s3: string };
  readonly stats: PipelineStats;
  readonly alarms: AlarmEvaluator;
  readonly metrics: MetricStore;
  /** Settles only if a part the local cloud cannot run without stops on its own (the Timestream server's process): why. */
  readonly failure: Promise<Error>;
  /** Waits until every tumbling window is closed (its final invocation done) and nothing waits for the window function (bounded). */
  drainWindows(timeoutMs: number): Promise<boolean>;
  /** Waits until the stream is empty and nothing is in flight (bounded). */
  drain(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Starts the whole AWS side on this machine: S3, Timestream, the broker, the rule, stream + Lambda (or the direct action), alarms. */
export async function startLocalCloud(config: LocalCloudConfig, deps: LocalCloudDependencies): Promise<LocalCloud> {
  const log = deps.log ?? (() => undefined);
  const closers: Array<() => Promise<void>> = [];
  const stoppers: Array<() => void> = [];
  const every = (ms: number, task: () => unknown) => {
    const timer = setInterval(task, ms);
    stoppers.push(() => clearInterval(timer));
  };
  const stopTimers = () => stoppers.splice(0).forEach((stop) => stop());
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
  };
  try {
    const timestreamDir = path.join(config.dataDir, 'timestream');
    await mkdir(timestreamDir, { recursive: true });
    const stats = new PipelineStats();
    const metrics = new MetricStore();

    const s3 = await startLocalS3({ host: config.host, port: config.s3Port, directory: path.join(config.dataDir, 's3'), buckets: LOCAL_BUCKETS, credentials: LOCAL_PLACEHOLDER_CREDENTIALS });
    closers.push(() => s3.close());

    const timestream: TimestreamService = config.timestreamEndpoint
      ? { endpoint: config.timestreamEndpoint, port: Number(new URL(config.timestreamEndpoint).port), close: async () => undefined }
      : await deps.startTimestream({ host: config.host, port: config.timestreamPort, dataDir: timestreamDir, region: config.region, accountId: config.accountId, s3Endpoint: s3.endpoint });
    closers.push(() => timestream.close());
    timestream.observeRequests?.((observed) => metrics.put(timestreamRequestMetric(observed)));
    const writeClient = localWriteClient(timestream.endpoint, config.region);
    const queryClient = localQueryClient(timestream.endpoint, config.region);
    const created = await ensureDatabaseAndTable(writeClient, timestreamSettings, LOCAL_REJECTED_DATA_BUCKET);
    if (created.length > 0) log(`created ${created.join(' and ')}`);
    if (config.windows && config.action === 'kinesis') {
      for (const table of [analyticsTables.windows, analyticsTables.events]) {
        const made = await ensureDatabaseAndTable(writeClient, { ...timestreamSettings, tableName: table.tableName, retention: analyticsTables.retention }, LOCAL_REJECTED_DATA_BUCKET);
        if (made.length > 0) log(`created ${made.join(' and ')}`);
      }
    }
    const alertDir = path.join(config.dataDir, 'alerts');
    // the rollups' tables and scheduled queries, as infra deploys them (libs/schema's definitions)
    const rollups = await ensureRollups({ write: writeClient, query: queryClient }, { region: config.region, accountId: config.accountId });
    rollups.actions.forEach((line) => log(line));
    const scheduledQueries = new ScheduledQueryMonitor({ query: queryClient, endpoint: timestream.endpoint, rollups });
    await scheduledQueries.refresh();

    const deadLetters = await openDeadLetters(config.dataDir, config.durability, stats);
    closers.push(() => deadLetters.close());
    const action = await openRuleAction({ config, timestreamEndpoint: timestream.endpoint, writeClient, deadLetterDir: deadLetters.dir, alertDir, stats, metrics, putAside: deadLetters.putAside, log });
    closers.push(() => action.close());
    const { delivery, stream } = action;
    if (stream) stoppers.push(await followDeadLetters(deadLetters.dir, stats));

    const rule = compileTopicRule(topicRule);
    const dispatch = createRuleDispatch(rule, stats, delivery, deadLetters.putAside);
    const sessions = new SessionPersistence(path.join(config.dataDir, 'mqtt', 'sessions.jsonl'), config.durability);
    const broker = await startBroker({ host: config.host, port: config.mqttPort, onMessage: dispatch, persistence: sessions, log });
    closers.push(() => broker.close());
    if (sessions.damagedLines > 0) log(`mqtt sessions: left out ${sessions.damagedLines} journal line(s) cut short by a crash`);
    const replay = async (body: unknown) => {
      try {
        return await replayDeadLetters(parseReplayRequest(body), {
          dir: deadLetters.dir,
          ledger: deadLetters.ledger,
          dispatch,
          delivery,
          partitionKeyOf: (message, clientId) => rule.partitionKey.render(message, { topic: rule.statement.topicFilter, clientId, receivedAt: Date.now() }) || clientId,
          onReplayed: () => stats.deadLetters.replayed++,
        });
      } catch (error) {
        throw error instanceof ReplayRequestError ? Object.assign(error, { status: 400 }) : error;
      }
    };

    const alarms = new AlarmEvaluator(withOverrides(ALARM_DEFINITIONS, config.alarmOverrides), metrics, alarmScopes(config.functionName), (t) => log(`alarm ${t.id}: ${t.from} -> ${t.to} (${t.reason})`));
    const probeStale = createStaleDeviceProbe({ count: deps.countStaleDevices, client: queryClient, staleAfterSeconds: config.staleAfterSeconds, metrics, log });
    const publishRejections = config.action === 'timestream' ? createDirectRejectionsMetric(stats, metrics) : undefined;
    every(config.staleCheckMs, () => probeStale().then(publishRejections));
    every(config.alarmIntervalMs, () => alarms.evaluate());
    every(SCHEDULED_QUERY_REFRESH_MS, () => scheduledQueries.refresh());
    alarms.evaluate();

    const health = buildHealthServer({
      ...healthRoutes({
        startedAt: Date.now(),
        dataDir: config.dataDir,
        action: config.action,
        endpoints: { mqtt: broker.url, timestream: timestream.endpoint, s3: s3.endpoint },
        database: timestreamSettings.databaseName,
        table: timestreamSettings.tableName,
        brokerClients: () => broker.connectedClients(),
        alarms,
        stats,
        stream,
        windows: action.windows,
        alertDir,
        directWritesInFlight: () => (stream ? 0 : delivery.pending()),
      }),
        '/scheduled-queries': () => scheduledQueries.report(),
      },
      { [REPLAY_ROUTE]: replay },
    );
    health.listen(config.httpPort, config.host);
    await once(health, 'listening');
    const healthPort = (health.address() as AddressInfo).port;
    closers.push(() => new Promise<void>((resolve) => health.close(() => resolve())));

    let closing: Promise<void> | undefined;
    return {
      config,
      endpoints: { mqtt: broker.url, timestream: timestream.endpoint, health: `http://${config.host}:${healthPort}`, s3: s3.endpoint },
      stats,
      alarms,
      metrics,
      failure: timestream.lost ?? new Promise<Error>(() => undefined),
      drain: (timeoutMs) => delivery.drain(timeoutMs),
      drainWindows: (timeoutMs) => action.windows?.drain(timeoutMs) ?? Promise.resolve(true),
      close() {
        // Stop the timers and taking messages first, then let what was handed on reach Timestream, then close the rest
        // (what the stream still holds stays on disk for the next start).
        closing ??= (async () => {
          stopTimers();
          await broker.close();
          await closeAll();
        })();
        return closing;
      },
    };
  } catch (error) {
    stopTimers();
    await closeAll();
    throw error;
  }
}
