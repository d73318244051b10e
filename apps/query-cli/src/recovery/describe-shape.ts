import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { runQuery } from '@iot-timeseries/queries';
import { tableShape, type TableShape } from './table-shape';

/** The table's shape from DESCRIBE. */
export async function describeShape(client: TimestreamQueryClient, table: string, timeoutMs: number): Promise<TableShape> {
  const { rows } = await runQuery(client, `DESCRIBE ${table}`, { timeoutMs });
  return tableShape(
    rows.map((r) => ({ column: String(r.Column), type: String(r.Type), attribute: String(r['Timestream attribute type']) })),
    table,
  );
}
