import { spawnLocalCloud, type SpawnedLocalCloud } from '@iot-timeseries/local-cloud-client';
import path from 'node:path';

/** apps/local-cloud's `local-cloud` command (an implicit dependency of this project in the Nx graph). */
const LOCAL_CLOUD_BIN = path.resolve(__dirname, '../../../local-cloud/bin/local-cloud.js');

/** Starts the local cloud CLI as a child process, in the workspace root, and waits for its ready line. */
export function startLocalCloudProcess(args: readonly string[], onLine?: (line: string) => void): Promise<SpawnedLocalCloud> {
  return spawnLocalCloud({ command: [process.execPath, LOCAL_CLOUD_BIN], args, cwd: path.resolve(__dirname, '../../../..'), onLine });
}
