import { openGroundTruthFile } from '@iot-timeseries/fleet';
import { LocalCloudClient, type SpawnedLocalCloud } from '@iot-timeseries/local-cloud-client';
import type { SimulatorConfig } from '../config';
import { createTarget } from '../targets/create-target';
import { fleetFromConfig } from './fleet-from-config';
import { formatProgress, ProgressLine } from './progress-line';
import { startLocalCloudProcess } from './local-cloud-process';

/**
 * `simulator run`: the recipe's generate-iot-data.py, grown up — rounds x devices readings, then a
 * summary. With the local target it uses a running local cloud, or starts one for the run.
 */
export async function runCommand(config: SimulatorConfig): Promise<void> {
  let spawned: SpawnedLocalCloud | undefined;
  let cloud: LocalCloudClient | undefined;
  if (config.target === 'local') {
    cloud = new LocalCloudClient(config.localCloudUrl);
    const up = await cloud.health().then(
      () => true,
      () => false,
    );
    if (!up || config.spawnLocalCloud) {
      console.log('[simulator] no local cloud answering; starting one for this run…');
      spawned = await startLocalCloudProcess(['--mqtt-port', '0', '--timestream-port', '0', '--http-port', '0'], (l) => !config.quiet && console.log(l));
      cloud = new LocalCloudClient(spawned.ready.health);
      config = { ...config, mqttUrl: spawned.ready.mqtt };
    }
  }
  const target = createTarget(config);
  const fleet = fleetFromConfig(config, target, { groundTruth: config.groundTruthFile ? await openGroundTruthFile(config.groundTruthFile) : undefined });
  if (config.groundTruthFile) console.log(`[simulator] ground truth (injected failures, anomalies, dropouts) -> ${config.groundTruthFile}`);
  console.log(
    `[simulator] ${config.devices} devices -> ${target.description}; ${config.rounds ?? '∞'} rounds every ${config.intervalMs / 1000} s; seed ${config.seed}${config.seedGiven ? '' : ' (pass --seed to repeat this run)'}`,
  );
  const progress = new ProgressLine(() => formatProgress(fleet.stats()));
  if (!config.quiet) progress.start();
  const onSignal = () => fleet.stop();
  process.once('SIGINT', onSignal);
  try {
    await fleet.run();
  } finally {
    process.off('SIGINT', onSignal);
    if (!config.quiet) progress.stop();
  }
  const s = fleet.ledger.summary;
  console.log(`[simulator] sent ${s.messagesSent} messages: ${s.readings} readings, ${s.duplicates} duplicates, ${s.late} late, ${s.invalid} invalid, ${s.anomalies} anomalies; ${s.failedSends} failed`);
  if (cloud) {
    const p = await cloud.waitUntilDrained(s.messagesSent, 30_000);
    console.log(`[simulator] local cloud: ${p.messagesReceived} received, ${p.readingsWritten} readings written, ${p.putAsideTotal} put aside`);
    for (const [reason, n] of Object.entries(p.putAsideByReason)) console.log(`  put aside ${n}x: ${reason}`);
  }
  await spawned?.stop();
  if (s.failedSends > 0) process.exitCode = 2;
}
