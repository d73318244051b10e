import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { ALARM_DEFINITIONS, LOCAL_REJECTED_DATA_BUCKET, METRICS_NAMESPACE, PIPELINE_METRICS, timestreamSettings, topicRule } from '@iot-timeseries/schema';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { AlarmEvaluator, withOverrides, type ScopeFilters } from './alarms/alarm-evaluator';
import { MetricStore } from './alarms/metric-store';
import { DeadLetterReader } from './actions/dead-letter-reader';
import { createTimestreamAction } from './actions/timestream-action';
import { startBroker, type RunningBroker } from './broker/mqtt-broker';
import type { LocalCloudConfig } from './local-cloud-config';
import { StreamFullError } from './errors';
import { buildHealthServer } from './http/health-server';
import { LambdaRunner } from './lambda/lambda-runner';
import { createKinesisPipeline } from './pipeline/kinesis-pipeline';
import { recordEmf } from './pipeline/lambda-metrics';
import { PipelineStats } from './pipeline/pipeline-stats';
import { compileTopicRule } from './rule/topic-rule';
import type { KinesisBuffer } from './stream/kinesis-buffer';
import { localQueryClient, localWriteClient } from './timestream/clients';
import { ensureDatabaseAndTable } from './timestream/ensure-table';
import { observeRequestLatency } from './timestream/latency-observer';
import type { StartTimestream, TimestreamService } from './timestream/timestream-service';

export type StaleDeviceCounter = (client: TimestreamQueryClient, staleAfterSeconds: number) => Promise<number>;

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
  const timers: NodeJS.Timeout[] = [];
  try {
    const dirs = { timestream: path.join(config.dataDir, 'timestream'), deadLetters: path.join(config.dataDir, 'dead-letters') };
    for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
    const stats = new PipelineStats();
    const metrics = new MetricStore();

    const timestream: TimestreamService = await deps.startTimestream({ host: config.host, port: config.timestreamPort, dataDir: dirs.timestream, region: config.region, accountId: config.accountId });
    closers.push(() => timestream.close());
    observeRequestLatency(timestream.httpServer, (o) => {
      if (o.statusCode >= 200 && o.statusCode < 300) {
        metrics.put({ namespace: 'AWS/Timestream', name: 'SuccessfulRequestLatency', dimensions: { Operation: o.operation }, value: o.latencyMs, timestamp: o.at });
      } else {
        metrics.put({ namespace: 'AWS/Timestream', name: o.statusCode >= 500 ? 'SystemErrors' : 'UserErrors', dimensions: { Operation: o.operation }, value: 1, timestamp: o.at });
      }
    });
    const writeClient = localWriteClient(timestream.endpoint, config.region);
    const queryClient = localQueryClient(timestream.endpoint, config.region);
    const created = await ensureDatabaseAndTable(writeClient, timestreamSettings, LOCAL_REJECTED_DATA_BUCKET);
    if (created.length > 0) log(`created ${created.join(' and ')}`);

    const rule = compileTopicRule(topicRule);
    let buffer: KinesisBuffer | undefined;
    let runner: LambdaRunner | undefined;
    let deliver: (message: Record<string, unknown>, partitionKey: string, receivedAt: number) => void;
    const pendingDirect = new Set<Promise<void>>();
    if (config.action === 'kinesis') {
      runner = new LambdaRunner(
        {
          functionName: config.functionName,
          bundlePath: config.lambdaBundle,
          handlerName: 'handler',
          timeoutMs: config.lambdaTimeoutMs,
          memorySizeMb: 256,
          region: config.region,
          accountId: config.accountId,
          concurrency: config.lambdaConcurrency,
          environment: {
            DATABASE_NAME: timestreamSettings.databaseName,
            TABLE_NAME: timestreamSettings.tableName,
            TIMESTREAM_ENDPOINT: timestream.endpoint,
            DEAD_LETTER_DIR: dirs.deadLetters,
            POWERTOOLS_SERVICE_NAME: config.functionName,
            POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
          },
        },
        {
          onLog: config.echoLambdaLogs ? (line) => log(`[lambda] ${line}`) : undefined,
          onMetrics: (data) => recordEmf(data, metrics, stats),
        },
      );
      closers.push(() => runner!.close());
      await runner.warm();
      const activeBuffer = createKinesisPipeline({
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
      buffer = activeBuffer;
      deliver = (message, partitionKey) => {
        try {
          activeBuffer.putRecord(partitionKey, Buffer.from(JSON.stringify(message)));
          stats.counters.recordsToStream++;
        } catch (error) {
          if (!(error instanceof StreamFullError)) throw error;
          stats.counters.streamRefused++;
          stats.putAside('stream', `Kinesis PutRecord failed: ${error.message}`, typeof message.device_id === 'string' ? message.device_id : undefined);
        }
      };
      const deadLetters = new DeadLetterReader(dirs.deadLetters);
      timers.push(
        setInterval(() => {
          void deadLetters.poll().then((letters) => letters.forEach((l) => stats.putAside('lambda', l.reason, l.deviceId)));
        }, 1000),
      );
    } else {
      const action = createTimestreamAction({ client: writeClient, settings: timestreamSettings, stats });
      deliver = (message, _key, receivedAt) => {
        const p = action(message, receivedAt).finally(() => pendingDirect.delete(p));
        pendingDirect.add(p);
      };
    }

    const broker: RunningBroker = await startBroker({
      host: config.host,
      port: config.mqttPort,
      onMessage: (m) => {
        stats.messageReceived(m.receivedAt);
        const outcome = rule.apply(m.payload, { topic: m.topic, clientId: m.clientId, receivedAt: m.receivedAt });
        if (outcome.kind === 'not-matched') return;
        if (outcome.kind === 'error') {
          stats.counters.ruleErrors++;
          stats.putAside('rule', outcome.reason, m.clientId);
          return;
        }
        stats.counters.ruleMatched++;
        deliver(outcome.message, outcome.partitionKey, m.receivedAt);
      },
    });
    closers.push(() => broker.close());

    const scopes: ScopeFilters = {
      'timestream-write': { Operation: 'WriteRecords' },
      'timestream-query': { Operation: 'Query' },
      lambda: { FunctionName: config.functionName },
      pipeline: {},
    };
    const definitions = withOverrides(ALARM_DEFINITIONS, config.alarmOverrides);
    const alarms = new AlarmEvaluator(definitions, metrics, scopes, (t) => log(`alarm ${t.id}: ${t.from} -> ${t.to} (${t.reason})`));
    // In the direct-action path there is no EMF: publish the pipeline's own counts the same way.
    let lastRejected = 0;
    const probeStale = async () => {
      try {
        const stale = await deps.countStaleDevices(queryClient, config.staleAfterSeconds);
        metrics.put({ namespace: METRICS_NAMESPACE, name: PIPELINE_METRICS.staleDevices, value: stale, timestamp: Date.now() });
      } catch (error) {
        log(`stale-device check failed: ${(error as Error).message}`);
      }
      if (config.action === 'timestream') {
        const rejected = stats.counters.recordsRejected + stats.counters.messagesInvalid;
        metrics.put({ namespace: METRICS_NAMESPACE, name: PIPELINE_METRICS.recordsRejected, value: rejected - lastRejected, timestamp: Date.now() });
        lastRejected = rejected;
      }
    };
    timers.push(setInterval(() => void probeStale(), config.staleCheckMs));
    timers.push(setInterval(() => alarms.evaluate(), config.alarmIntervalMs));
    alarms.evaluate();

    const startedAt = Date.now();
    const pipeline = () => ({
      ...stats.snapshot(),
      action: config.action,
      stream: buffer ? { ...buffer.stats, shards: buffer.shardDepths() } : null,
      directWritesInFlight: pendingDirect.size,
    });
    const health = buildHealthServer({
      '/health': () => ({
        status: 'ok',
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        dataDir: config.dataDir,
        action: config.action,
        endpoints: { mqtt: broker.url, timestream: timestream.endpoint },
        database: timestreamSettings.databaseName,
        table: timestreamSettings.tableName,
        brokerClients: broker.connectedClients(),
        alarmsInAlarm: alarms.list().filter((a) => a.state === 'ALARM').map((a) => a.id),
      }),
      '/alarms': () => ({ alarms: alarms.list(), history: alarms.history.slice(-100) }),
      '/pipeline': pipeline,
    });
    await listen(health, config.httpPort, config.host);
    closers.push(() => new Promise<void>((resolve) => health.close(() => resolve())));
    const healthUrl = `http://${config.host}:${(health.address() as AddressInfo).port}`;

    let closing: Promise<void> | undefined;
    return {
      config,
      endpoints: { mqtt: broker.url, timestream: timestream.endpoint, health: healthUrl },
      stats,
      alarms,
      metrics,
      async drain(timeoutMs) {
        const deadline = Date.now() + timeoutMs;
        if (buffer && !(await buffer.drain(timeoutMs))) return false;
        while (pendingDirect.size > 0 && Date.now() < deadline) await Promise.race([...pendingDirect, new Promise((r) => setTimeout(r, 50))]);
        return pendingDirect.size === 0;
      },
      close() {
        closing ??= (async () => {
          timers.forEach(clearInterval);
          // Stop taking messages first, then let what is in the stream reach Timestream.
          await broker.close();
          if (buffer) await buffer.drain(5000);
          await Promise.allSettled([...pendingDirect]);
          buffer?.close();
          for (const close of closers.reverse()) await close().catch(() => undefined);
        })();
        return closing;
      },
    };
  } catch (error) {
    timers.forEach(clearInterval);
    for (const close of closers.reverse()) await close().catch(() => undefined);
    throw error;
  }
}

async function listen(server: Server, port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
