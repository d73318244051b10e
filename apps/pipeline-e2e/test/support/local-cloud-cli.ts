import { spawnLocalCloud, type SpawnedLocalCloud } from '@iot-timeseries/local-cloud-client';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');

/** Starts the local cloud the way a user does (`npx local-cloud …`, apps/local-cloud), as its own process. */
export function startLocalCloudCli(args: readonly string[], timeoutMs: number): Promise<SpawnedLocalCloud> {
  return spawnLocalCloud({ command: [process.execPath, path.join(ROOT, 'apps', 'local-cloud', 'bin', 'local-cloud.js')], args, cwd: ROOT, timeoutMs });
}
