import { spawnLocalCloud, type SpawnedLocalCloud } from '@iot-timeseries/local-cloud-client';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');

/** apps/local-cloud's command. */
export const LOCAL_CLOUD_BIN = path.join(ROOT, 'apps', 'local-cloud', 'bin', 'local-cloud.js');

/** Starts the local cloud the way a user does (`npx local-cloud …`, apps/local-cloud), as its own process; `nodeArgs` go to its Node (e.g. --cpu-prof). */
export function startLocalCloudCli(args: readonly string[], timeoutMs: number, nodeArgs: readonly string[] = []): Promise<SpawnedLocalCloud> {
  return spawnLocalCloud({ command: [process.execPath, ...nodeArgs, LOCAL_CLOUD_BIN], args, cwd: ROOT, timeoutMs });
}
