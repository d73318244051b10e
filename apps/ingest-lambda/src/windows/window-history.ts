import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import type { DeviceWindow } from '@iot-timeseries/analytics';
import { deviceWindows, isMissingColumnError, runQuery } from '@iot-timeseries/queries';
import { windowFromRow } from './window-rows';

/** Reads the previous windows of the devices, oldest first, from `since` up to before `before` (epoch ms; 200 devices per query). */
export async function readWindowHistory(
  client: TimestreamQueryClient,
  options: { database: string; table: string; measureName: string; deviceIds: readonly string[]; since: number; before: number; measures: readonly string[] },
): Promise<Map<string, DeviceWindow[]>> {
  const history = new Map<string, DeviceWindow[]>();
  for (let i = 0; i < options.deviceIds.length; i += 200) {
    const query = deviceWindows({ database: options.database, table: options.table, measureName: options.measureName, devices: options.deviceIds.slice(i, i + 200), from: Math.max(0, Math.floor(options.since)), before: Math.floor(options.before) });
    let rows: Record<string, unknown>[];
    try {
      rows = (await runQuery(client, query, { timeoutMs: 30_000 })).rows;
    } catch (error) {
      // A table nothing was written to yet has no columns: Timestream answers that the column does not exist.
      if (isMissingColumnError(error)) return history;
      throw error;
    }
    for (const row of rows) {
      const w = windowFromRow(row, options.measures);
      if (!Number.isFinite(w.start)) continue;
      history.set(w.deviceId, [...(history.get(w.deviceId) ?? []), w]);
    }
  }
  return history;
}
