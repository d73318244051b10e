/**
 * The whole local pipeline under load, everything on this machine: a fleet of simulated devices
 * (libs/fleet, one MQTT connection each, QoS 1) -> the local cloud CLI as its own process (aedes,
 * topic rule, durable stream with fsync before each PUBACK, Lambda runner with the built
 * ingest-lambda bundle, timestream-local on DuckDB).
 *
 *   throughput: every device publishes every `--interval` s (1,000 devices x 0.2 s = 5,000 msg/s
 *               offered) for `--seconds`; figures: PUBACKed msg/s while publishing, readings stored
 *               per second from the first publish until the last reading was stored.
 *   latency:    `--latency-rate` msg/s (1,000 devices, one reading each per second) for `--seconds`;
 *               each reading's time from its publish until a poll of the Query API returned it.
 *
 * npx nx run pipeline-e2e:bench [-- --phase throughput|latency|both --devices 1000 --seconds 60]
 *   ['--local-cloud-args=--parallelization-factor 2'] ['--local-cloud-node-args=--cpu-prof --cpu-prof-dir=/tmp/prof']
 */
import { LocalCloudClient, type SpawnedLocalCloud } from '@iot-timeseries/local-cloud-client';
import { buildFleet, Fleet, MqttTarget, NO_FAULTS } from '@iot-timeseries/fleet';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalCloudCli } from '../test/support/local-cloud-cli';
import { ArrivalProbe } from './arrival-probe';
import { LagProbe } from './lag-probe';
import { cpuSplit, formatCpuPerMessage } from './cpu-time';
import { TimedTarget } from './timed-target';
import { formatLatencyTimeline, formatRateTimeline } from './timeline';

const TIMELINE_WINDOW_MS = 10_000;

const { values: args } = parseArgs({
  options: {
    phase: { type: 'string', default: 'both' },
    devices: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '60' },
    interval: { type: 'string', default: '0.2' },
    'latency-rate': { type: 'string', default: '1000' },
    'local-cloud-args': { type: 'string', default: '' },
    'local-cloud-node-args': { type: 'string', default: '' },
  },
});
const DEVICES = positive('devices');
const SECONDS = positive('seconds');
const DRAIN_TIMEOUT_MS = 180_000;

function positive(name: 'devices' | 'seconds' | 'interval' | 'latency-rate'): number {
  const value = Number(args[name]);
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`--${name} must be a positive number, got ${JSON.stringify(args[name])}`);
  return value;
}

function load(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Run {
  cloud: SpawnedLocalCloud;
  client: LocalCloudClient;
  target: TimedTarget;
  fleet: Fleet;
  dataDir: string;
}

async function startRun(intervalMs: number, ratePerSecond: number): Promise<Run> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pipeline-bench-'));
  const extra = args['local-cloud-args'] ? args['local-cloud-args'].split(' ') : [];
  const nodeArgs = args['local-cloud-node-args'] ? args['local-cloud-node-args'].split(' ') : [];
  const cloud = await startLocalCloudCli(['--mqtt-port', '0', '--timestream-port', '0', '--http-port', '0', '--data-dir', dataDir, ...extra], 60_000, nodeArgs);
  const target = new TimedTarget(new MqttTarget({ url: cloud.ready.mqtt }));
  const fleet = new Fleet(
    {
      devices: buildFleet(DEVICES),
      seed: 'pipeline-bench',
      intervalMs,
      durationMs: SECONDS * 1000,
      ratePerSecond,
      faults: NO_FAULTS,
      timeScale: 1,
      stagger: true,
      failureRampReadings: 120,
      keepLedger: false,
      maxInFlight: DEVICES * 8,
    },
    target,
  );
  return { cloud, client: new LocalCloudClient(cloud.ready.health), target, fleet, dataDir };
}

async function stopRun(run: Run): Promise<void> {
  await run.cloud.stop();
  rmSync(run.dataDir, { recursive: true, force: true });
}

async function throughput(): Promise<void> {
  const intervalMs = positive('interval') * 1000;
  const run = await startRun(intervalMs, 0);
  try {
    const loadBefore = load();
    const pid = run.cloud.child.pid ?? 0;
    let cpuFrom = cpuSplit(pid);
    run.target.onOpen = () => (cpuFrom = cpuSplit(pid));
    const lag = new LagProbe(run.client);
    lag.start();
    await run.fleet.run();
    const published = Date.now();
    const started = run.target.openedAt ?? published;
    const sent = run.target.acknowledged;
    const p = await run.client.waitUntilDrained(sent, DRAIN_TIMEOUT_MS);
    const drained = Date.now();
    const cpuTo = cpuSplit(pid);
    await lag.stop();
    const publishSeconds = (published - started) / 1000;
    console.log(`throughput: ${DEVICES} devices every ${intervalMs / 1000} s (${Math.round(DEVICES / (intervalMs / 1000))} msg/s offered) for ${SECONDS} s; load before ${loadBefore}, after ${load()}`);
    console.log(`  ${run.target.describeOpen(DEVICES)}`);
    console.log(`  PUBACKed ${sent} messages in ${publishSeconds.toFixed(1)} s = ${Math.round(sent / publishSeconds)} msg/s; not acknowledged ${run.target.failed}`);
    console.log(`  ${formatRateTimeline(run.target.acknowledgedAt, started, TIMELINE_WINDOW_MS)}`);
    console.log(`  ${formatCpuPerMessage(cpuFrom, cpuTo, p.readingsWritten)} (from the first publish until stored; the Lambda's environments as they are at the end)`);
    console.log(`  stored ${p.readingsWritten} readings by ${((drained - started) / 1000).toFixed(1)} s after the first publish = ${Math.round(p.readingsWritten / ((drained - started) / 1000))} readings/s end to end; put aside ${p.putAsideTotal} ${JSON.stringify(p.putAsideByReason)}`);
    console.log(`  ${lag.describe()}`);
  } finally {
    await stopRun(run);
  }
}

async function latency(): Promise<void> {
  const rate = positive('latency-rate');
  // Each device publishes once per second; the fleet's rate limit holds the total to `rate`.
  const run = await startRun(Math.max(1, DEVICES / rate) * 1000, rate);
  const probe = new ArrivalProbe(run.cloud.ready.timestream, run.target);
  try {
    const loadBefore = load();
    probe.start();
    await run.fleet.run();
    await probe.waitForAll(DRAIN_TIMEOUT_MS);
    const latencies: number[] = [];
    const timed: Array<{ publishedAt: number; latencyMs: number }> = [];
    let missing = 0;
    for (const [key, publishedAt] of run.target.published) {
      const seen = probe.seenAt.get(key);
      if (seen === undefined) missing++;
      else {
        latencies.push(seen - publishedAt);
        timed.push({ publishedAt, latencyMs: seen - publishedAt });
      }
    }
    latencies.sort((a, b) => a - b);
    const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(`latency: ${DEVICES} devices, ${rate} msg/s for ${SECONDS} s, publish -> returned by a Query API poll (every 250 ms); load before ${loadBefore}, after ${load()}`);
    console.log(`  ${run.target.describeOpen(DEVICES)}`);
    console.log(
      `  ${latencies.length} readings timed (${run.target.failed} not acknowledged, ${missing} never queryable), ${probe.polls} polls: p50 ${f(percentile(latencies, 50))}, p90 ${f(percentile(latencies, 90))}, p99 ${f(percentile(latencies, 99))}, max ${f(latencies[latencies.length - 1] ?? NaN)}`,
    );
    console.log(`  ${formatLatencyTimeline(timed, run.target.openedAt ?? 0, TIMELINE_WINDOW_MS, percentile)}`);
  } finally {
    await stopRun(run);
  }
}

async function main(): Promise<void> {
  const phase = args.phase;
  if (!['throughput', 'latency', 'both'].includes(phase ?? '')) throw new RangeError(`--phase must be throughput, latency or both, got ${JSON.stringify(phase)}`);
  if (phase !== 'latency') await throughput();
  if (phase !== 'throughput') await latency();
}

main().catch((error: Error) => {
  console.error(`[bench] failed: ${error.message}`);
  process.exit(1);
});
