import { createHash } from 'node:crypto';
import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { quoteIdentifier, runQuery, type DecodedRow } from '@iot-timeseries/queries';
import { timestreamSettings } from '@iot-timeseries/schema';
import type { CliConfig } from '../config';
import { UsageError } from '../errors';
import { valueText } from '../format-output';
import { describeShape } from './describe-shape';
import { checksumSql } from './table-shape';

export interface DeviceComparison {
  device: string;
  source_records: number;
  copy_records: number;
  source_checksum: string;
  copy_checksum: string;
  match: 'yes' | 'NO';
}

/** A device's checksum: SHA-256 (first 16 hex digits) of its row of counts, times and sums. */
const checksum = (row: DecodedRow): string => createHash('sha256').update(JSON.stringify(Object.values(row).map(valueText))).digest('hex').slice(0, 16);

/** Compares the per-device rows of source and copy (pure). */
export function compareDevices(source: DecodedRow[], copy: DecodedRow[]): DeviceComparison[] {
  const byDevice = (rows: DecodedRow[]) => new Map(rows.map((r) => [String(r.device), r]));
  const s = byDevice(source);
  const c = byDevice(copy);
  return [...new Set([...s.keys(), ...c.keys()])].sort().map((device) => {
    const a = s.get(device);
    const b = c.get(device);
    const source_checksum = a ? checksum(a) : '-';
    const copy_checksum = b ? checksum(b) : '-';
    return { device, source_records: Number(a?.records ?? 0), copy_records: Number(b?.records ?? 0), source_checksum, copy_checksum, match: a && b && source_checksum === copy_checksum ? 'yes' : 'NO' };
  });
}

/** `verify`: the source (`--source-table` in `--source-database`, default libs/schema's database, on `--source-endpoint` or the target) against the copy (`--database`/`--table`). */
export async function verifyCopy(config: CliConfig, copyClient: TimestreamQueryClient, sourceClient: TimestreamQueryClient): Promise<DeviceComparison[]> {
  if (!config.sourceTable) throw new UsageError('verify needs --source-table (and --source-database when it is not the default database)');
  const source = `${quoteIdentifier(config.sourceDatabase ?? timestreamSettings.databaseName)}.${quoteIdentifier(config.sourceTable)}`;
  const copy = `${quoteIdentifier(config.database)}.${quoteIdentifier(config.table)}`;
  const shape = await describeShape(sourceClient, source, config.timeoutMs);
  const [a, b] = await Promise.all([
    runQuery(sourceClient, checksumSql(shape, source, config.deviceDimension), { timeoutMs: config.timeoutMs }),
    runQuery(copyClient, checksumSql(shape, copy, config.deviceDimension), { timeoutMs: config.timeoutMs }),
  ]);
  return compareDevices(a.rows, b.rows);
}
