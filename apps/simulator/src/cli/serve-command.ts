import { buildDashboardServer, createDashboardLoader, listen } from '@iot-timeseries/dashboard';
import { openGroundTruthFile } from '@iot-timeseries/fleet';
import { LocalCloudClient, type SpawnedLocalCloud } from '@iot-timeseries/local-cloud-client';
import { localHttpUrl } from '@iot-timeseries/schema';
import type { SimulatorConfig } from '../config';
import { createTarget, describeTarget } from '../targets/create-target';
import { dashboardQueryClient } from './dashboard-query-client';
import { fleetFromConfig } from './fleet-from-config';
import { formatProgress, ProgressLine } from './progress-line';
import { startLocalCloudProcess } from './local-cloud-process';

/** `simulator serve`: the fleet runs until Ctrl-C and the dashboard shows what reaches Timestream. */
export async function serveCommand(config: SimulatorConfig): Promise<void> {
  let spawned: SpawnedLocalCloud | undefined;
  let cloud: LocalCloudClient | undefined;
  if (config.target === 'local') {
    if (config.spawnLocalCloud) {
      spawned = await startLocalCloudProcess([], (l) => console.log(l));
      cloud = new LocalCloudClient(spawned.ready.health);
    } else {
      cloud = new LocalCloudClient(config.localCloudUrl);
      console.log(`[simulator] waiting for the local cloud at ${config.localCloudUrl} …`);
      await cloud.waitUntilReady(180_000, { hint: 'start it with `npx nx run local-cloud:serve`, or pass --spawn-local-cloud' });
    }
  }
  const target = createTarget(config);
  const fleet = fleetFromConfig(config, target, { groundTruth: config.groundTruthFile ? await openGroundTruthFile(config.groundTruthFile) : undefined });
  if (config.groundTruthFile) console.log(`[simulator] ground truth (injected failures, anomalies, dropouts) -> ${config.groundTruthFile}`);
  const queries = dashboardQueryClient(config, (line) => console.log(line));
  const server = await buildDashboardServer({
    title: 'Sensor fleet — live',
    refreshMs: config.refreshMs,
    loadModel: createDashboardLoader({
      queryClient: queries.client,
      source: queries.source,
      windowMinutes: config.windowMinutes,
      expectedIntervalMs: config.intervalMs,
      fleet,
      targetDescription: () => describeTarget(target),
      cloud,
    }),
  });
  const port = await listen(server, config.dashboardPort);
  const running = fleet.run();
  console.log(`\n  Dashboard: ${localHttpUrl(port)}/\n`);
  console.log(`[simulator] ${config.devices} devices -> ${target.description}; a reading every ${config.intervalMs / 1000} s; day runs ${config.timeScale}x; seed ${config.seed}`);
  const progress = new ProgressLine(() => formatProgress(fleet.stats()));
  if (!config.quiet) progress.start();
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    running.then(stop, (error: Error) => {
      console.error(`\n[simulator] the fleet stopped: ${error.message}`);
      stop();
    });
  });
  if (!config.quiet) progress.stop();
  fleet.stop();
  await running.catch(() => undefined);
  await new Promise((r) => server.close(r));
  await spawned?.stop();
}
