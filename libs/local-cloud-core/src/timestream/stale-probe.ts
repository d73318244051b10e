import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { runQuery, staleDevices } from '@iot-timeseries/queries';

/** How many devices are stale, by the same stale-devices analytic the dashboard and CLI use. */
export async function countStaleDevices(client: TimestreamQueryClient, staleAfterSeconds: number): Promise<number> {
  const { rows } = await runQuery(client, staleDevices({ staleAfter: `${staleAfterSeconds}s` }), { timeoutMs: 10_000 });
  return rows.length;
}
