import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { buildFleet, DEFAULT_FAULT_RATES, Fleet, MqttTarget, openGroundTruthFile, type FaultRates } from '@iot-timeseries/fleet';
import { LocalCloudClient, type PipelineReport, type SpawnedLocalCloud } from '@iot-timeseries/local-cloud-client';
import { LOCAL_PLACEHOLDER_CREDENTIALS } from '@iot-timeseries/schema';
import path from 'node:path';
import { startLocalCloudCli } from '../../test/support/local-cloud-cli';

/** One evaluation run: a seeded fleet through the whole local pipeline with the window function on. */
export interface EvaluationRunOptions {
  dataDir: string;
  devices: number;
  seed: string;
  /** Wall-clock ms between a device's readings. */
  intervalMs: number;
  /** Wall-clock ms the fleet runs. */
  durationMs: number;
  /** Simulated time runs this many times faster (the fleet's timeScale). */
  timeScale: number;
  /** The window function's TumblingWindowInSeconds (message time). */
  windowSeconds: number;
  forecastHorizonSeconds: number;
  failureRampReadings: number;
  faults: FaultRates;
  signalEpoch: number;
  log: (line: string) => void;
}

export interface EvaluationRun {
  groundTruthFile: string;
  pipeline: PipelineReport;
  messagesSent: number;
  query: TimestreamQueryClient;
  /** Stops the local cloud (after the results were read). */
  close(): Promise<void>;
}

export const DEFAULT_EVALUATION_FAULTS: FaultRates = DEFAULT_FAULT_RATES;

/**
 * Starts the local cloud CLI (the built Lambda bundle: ingest and window functions) with the
 * window function on, runs the fleet over MQTT for `durationMs` while writing the ground truth,
 * then waits (bounded) until the stream is drained and every tumbling window is closed.
 */
export async function runEvaluationPipeline(o: EvaluationRunOptions): Promise<EvaluationRun> {
  const cloudProcess: SpawnedLocalCloud = await startLocalCloudCli(
    ['--data-dir', o.dataDir, '--mqtt-port', '0', '--timestream-port', '0', '--http-port', '0', '--durability', 'write',
      '--window-seconds', String(o.windowSeconds), '--forecast-horizon-seconds', String(o.forecastHorizonSeconds)],
    120_000,
  );
  const cloud = new LocalCloudClient(cloudProcess.ready.health);
  const query = new TimestreamQueryClient({ endpoint: cloudProcess.ready.timestream, region: 'us-east-1', credentials: LOCAL_PLACEHOLDER_CREDENTIALS, maxAttempts: 3 });
  const groundTruthFile = path.join(o.dataDir, 'ground-truth.jsonl');
  try {
    const fleet = new Fleet(
      {
        devices: buildFleet(o.devices),
        seed: o.seed,
        intervalMs: o.intervalMs,
        durationMs: o.durationMs,
        ratePerSecond: 0,
        faults: o.faults,
        timeScale: o.timeScale,
        signalEpoch: o.signalEpoch,
        stagger: true,
        failureRampReadings: o.failureRampReadings,
        keepLedger: false,
        maxInFlight: 256,
        groundTruth: await openGroundTruthFile(groundTruthFile),
      },
      new MqttTarget({ url: cloudProcess.ready.mqtt }),
    );
    const progress = setInterval(() => {
      const s = fleet.stats();
      void cloud.pipeline().then(
        (p) => o.log(`[evaluate] ${Math.round(s.elapsedMs / 1000)} s: ${s.messagesSent} sent (${s.messagesPerSecond}/s), ${s.silentDevices} silent; stream pending ${p.stream?.pending ?? 0}; windows closed ${p.windows?.windowsClosed ?? 0}, pending ${p.windows?.pending ?? 0}, dropped ${p.windows?.windowsDropped ?? 0}`),
        () => undefined,
      );
    }, 30_000);
    try {
      await fleet.run();
    } finally {
      clearInterval(progress);
    }
    const sent = fleet.ledger.summary.messagesSent;
    o.log(`[evaluate] fleet done: ${sent} messages sent, ${fleet.ledger.summary.failedSends} failed; draining…`);
    let pipeline = await cloud.waitUntilDrained(sent, 120_000);
    const deadline = Date.now() + (o.windowSeconds * 2 + 120) * 1000;
    while (Date.now() < deadline && ((pipeline.windows?.pending ?? 0) > 0 || (pipeline.windows?.openWindows ?? 0) > 0)) {
      await new Promise((r) => setTimeout(r, 500));
      pipeline = await cloud.pipeline();
    }
    return {
      groundTruthFile,
      pipeline,
      messagesSent: sent,
      query,
      close: async () => {
        query.destroy();
        await cloudProcess.stop();
      },
    };
  } catch (error) {
    query.destroy();
    await cloudProcess.stop();
    throw error;
  }
}
