import { ALARM_DEFINITIONS, LOCAL_REJECTED_DATA_BUCKET, timestreamSettings, topicRule } from '@iot-timeseries/schema';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { followDeadLetters } from './actions/dead-letter-follower';
import { createTimestreamAction } from './actions/timestream-action';
import { AlarmEvaluator, withOverrides } from './alarms/alarm-evaluator';
import { alarmScopes } from './alarms/alarm-scopes';
import { MetricStore } from './alarms/metric-store';
import { startBroker } from './broker/mqtt-broker';
import { buildHealthServer } from './http/health-server';
import { healthRoutes } from './http/health-routes';
import { ingestFunctionSettings } from './lambda/ingest-function';
import { LambdaRunner } from './lambda/lambda-runner';
import type { LocalCloudConfig } from './local-cloud-config';
import { deviceIdOf, type Delivery } from './pipeline/delivery';
import { createDirectDelivery } from './pipeline/direct-delivery';
import { createDirectRejectionsMetric } from './pipeline/direct-rejections-metric';
import { createKinesisPipeline } from './pipeline/kinesis-pipeline';
import { recordEmf } from './pipeline/lambda-metrics';
import { PipelineStats } from './pipeline/pipeline-stats';
import { createStaleDeviceProbe, type StaleDeviceCounter } from './pipeline/stale-device-probe';
import { createStreamDelivery } from './pipeline/stream-delivery';
import { createRuleDispatch } from './rule/rule-dispatch';
import { compileTopicRule } from './rule/topic-rule';
import { ensureRollups } from './rollups/ensure-rollups';
import { SCHEDULED_QUERY_REFRESH_MS, ScheduledQueryMonitor } from './rollups/scheduled-query-monitor';
import type { KinesisBuffer } from './stream/kinesis-buffer';
import { localQueryClient, localWriteClient } from './timestream/clients';
import { ensureDatabaseAndTable } from './timestream/ensure-table';
import { observeRequestLatency } from './timestream/latency-observer';
import { timestreamRequestMetric } from './timestream/request-metrics';
import type { StartTimestream } from './timestream/timestream-service';

export type { StaleDeviceCounter } from './pipeline/stale-device-probe';

export interface LocalCloudDependencies {
  startTimestream: StartTimestream;
  countStaleDevices: StaleDeviceCounter;
  log?: (line: string) => void;
}

export interface LocalCloud {
  readonly config: LocalCloudConfig;
  readonly endpoints: { mqtt: string; timestream: string; health: string };
  readonly stats: PipelineStats;
  readonly alarms: AlarmEvaluator;
  readonly metrics: MetricStore;
  /** Waits until the stream is empty and nothing is in flight (bounded). */
  drain(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Starts the whole AWS side on this machine: Timestream, the broker, the rule, stream + Lambda (or the direct action), alarms. */
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
    const dirs = { timestream: path.join(config.dataDir, 'timestream'), deadLetters: path.join(config.dataDir, 'dead-letters') };
    for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
    const stats = new PipelineStats();
    const metrics = new MetricStore();

    const timestream = await deps.startTimestream({ host: config.host, port: config.timestreamPort, dataDir: dirs.timestream, region: config.region, accountId: config.accountId });
    closers.push(() => timestream.close());
    observeRequestLatency(timestream.httpServer, (observed) => metrics.put(timestreamRequestMetric(observed)));
    const writeClient = localWriteClient(timestream.endpoint, config.region);
    const queryClient = localQueryClient(timestream.endpoint, config.region);
    const created = await ensureDatabaseAndTable(writeClient, timestreamSettings, LOCAL_REJECTED_DATA_BUCKET);
    if (created.length > 0) log(`created ${created.join(' and ')}`);
    // the rollups' tables and scheduled queries, as infra deploys them (libs/schema's definitions)
    const rollups = await ensureRollups({ write: writeClient, query: queryClient }, { region: config.region, accountId: config.accountId });
    rollups.actions.forEach((line) => log(line));
    const scheduledQueries = new ScheduledQueryMonitor({ query: queryClient, endpoint: timestream.endpoint, dataDir: dirs.timestream, rollups });
    await scheduledQueries.refresh();

    let stream: KinesisBuffer | undefined;
    let delivery: Delivery;
    if (config.action === 'kinesis') {
      const runner = new LambdaRunner(ingestFunctionSettings(config, { timestreamEndpoint: timestream.endpoint, deadLetterDir: dirs.deadLetters }), {
        onLog: config.echoLambdaLogs ? (line) => log(`[lambda] ${line}`) : undefined,
        onMetrics: (data) => recordEmf(data, metrics, stats),
      });
      closers.push(() => runner.close());
      await runner.warm();
      stream = createKinesisPipeline({
        buffer: {
          shardCount: config.shardCount,
          batchSize: config.batchSize,
          batchingWindowMs: config.batchingWindowMs,
          maxRecordsPerShard: config.maxRecordsPerShard,
          maxRetryAttempts: config.maxRetryAttempts,
          retryDelayMs: 500,
        },
        runner,
        identity: { streamName: config.streamName, region: config.region, accountId: config.accountId, functionRoleName: `${config.functionName}-role` },
        metrics,
        stats,
      });
      delivery = createStreamDelivery(stream, stats);
      stoppers.push(followDeadLetters(dirs.deadLetters, stats));
    } else {
      const action = createTimestreamAction({ client: writeClient, settings: timestreamSettings, stats });
      delivery = createDirectDelivery(action, (error, message) => stats.putAside('timestream-action', `the Timestream action failed: ${(error as Error).message}`, deviceIdOf(message)));
    }

    const broker = await startBroker({ host: config.host, port: config.mqttPort, onMessage: createRuleDispatch(compileTopicRule(topicRule), stats, delivery) });
    closers.push(() => broker.close());

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
        endpoints: { mqtt: broker.url, timestream: timestream.endpoint },
        database: timestreamSettings.databaseName,
        table: timestreamSettings.tableName,
        brokerClients: () => broker.connectedClients(),
        alarms,
        stats,
        stream,
        directWritesInFlight: () => (stream ? 0 : delivery.pending()),
      }),
      '/scheduled-queries': () => scheduledQueries.report(),
    });
    health.listen(config.httpPort, config.host);
    await once(health, 'listening');
    const healthPort = (health.address() as AddressInfo).port;
    closers.push(() => new Promise<void>((resolve) => health.close(() => resolve())));

    let closing: Promise<void> | undefined;
    return {
      config,
      endpoints: { mqtt: broker.url, timestream: timestream.endpoint, health: `http://${config.host}:${healthPort}` },
      stats,
      alarms,
      metrics,
      drain: (timeoutMs) => delivery.drain(timeoutMs),
      close() {
        // Stop the timers and taking messages first, then let what was handed on reach Timestream, then close the rest.
        closing ??= (async () => {
          stopTimers();
          await broker.close();
          await delivery.close();
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
