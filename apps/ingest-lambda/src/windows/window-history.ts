import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import type { DeviceWindow } from '@iot-timeseries/analytics';
import { quoteIdentifier, runQuery, stringLiteral } from '@iot-timeseries/queries';
import { windowFromRow } from './window-rows';

/** SQL for the previous windows of some devices, oldest first, from `since` (epoch ms) up to before `before`. */
export function windowHistorySql(options: { database: string; table: string; measureName: string; deviceIds: readonly string[]; since: number; before: number }): string {
  const devices = options.deviceIds.map((d) => stringLiteral(d, 'deviceId')).join(', ');
  return [
    `SELECT * FROM ${quoteIdentifier(options.database)}.${quoteIdentifier(options.table)}`,
    `WHERE measure_name = ${stringLiteral(options.measureName, 'measureName')}`,
    `  AND time >= from_milliseconds(${Math.floor(options.since)}) AND time < from_milliseconds(${Math.floor(options.before)})`,
    `  AND device_id IN (${devices})`,
    'ORDER BY device_id, time',
  ].join('\n');
}

/** Reads the previous windows of the devices (in chunks of 200 devices per query). */
export async function readWindowHistory(
  client: TimestreamQueryClient,
  options: { database: string; table: string; measureName: string; deviceIds: readonly string[]; since: number; before: number; measures: readonly string[] },
): Promise<Map<string, DeviceWindow[]>> {
  const history = new Map<string, DeviceWindow[]>();
  for (let i = 0; i < options.deviceIds.length; i += 200) {
    let rows: Record<string, unknown>[];
    try {
      rows = (await runQuery(client, windowHistorySql({ ...options, deviceIds: options.deviceIds.slice(i, i + 200) }), { timeoutMs: 30_000 })).rows;
    } catch (error) {
      // A table nothing was written to yet has no columns: Timestream answers that the column does not exist.
      if (isEmptyTableError(error)) return history;
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

function isEmptyTableError(error: unknown): boolean {
  const e = error as { name?: string; message?: string; cause?: { name?: string; message?: string } };
  const text = `${e.name ?? ''} ${e.message ?? ''} ${e.cause?.name ?? ''} ${e.cause?.message ?? ''}`;
  return /ValidationException/.test(text) && /Column '[^']+' does not exist/.test(text);
}
