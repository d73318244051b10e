import type { _Record } from '@aws-sdk/client-timestream-write';
import { utf8Bytes } from '../limits';

/**
 * A record's size as Timestream counts it against the 2 KB record limit and for metering:
 * dimension names and values, the measure name, measure names and values, 8 bytes of time and,
 * when present, 8 bytes of version.
 */
export function recordBytes(record: _Record): number {
  let bytes = 8;
  for (const d of record.Dimensions ?? []) bytes += utf8Bytes(d.Name ?? '') + utf8Bytes(d.Value ?? '');
  bytes += utf8Bytes(record.MeasureName ?? '');
  if (record.MeasureValue !== undefined) bytes += utf8Bytes(record.MeasureValue);
  for (const m of record.MeasureValues ?? []) bytes += utf8Bytes(m.Name ?? '') + utf8Bytes(m.Value ?? '');
  if (record.Version !== undefined) bytes += 8;
  return bytes;
}
