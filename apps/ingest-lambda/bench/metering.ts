/**
 * Timestream (LiveAnalytics) write metering, applied to a WriteRecords request body as sent:
 * - a record's size = timestamp (8 bytes) + UTF-8 bytes of each dimension name and value + the
 *   measure name(s) + measure values (8 bytes DOUBLE/BIGINT/TIMESTAMP, 1 byte BOOLEAN, UTF-8 bytes VARCHAR);
 *   in a MULTI record each measure value counts its name and value;
 * - attributes in CommonAttributes are counted once per request, not per record;
 * - each request is billed in 1 KiB write units, rounded up per request (at least 1).
 */

interface Dimension {
  Name?: string;
  Value?: string;
}
interface MeasureValue {
  Name?: string;
  Value?: string;
  Type?: string;
}
interface RecordBody {
  Dimensions?: Dimension[];
  MeasureName?: string;
  MeasureValue?: string;
  MeasureValueType?: string;
  MeasureValues?: MeasureValue[];
  Time?: string;
}
export interface WriteRecordsBody {
  CommonAttributes?: RecordBody;
  Records?: RecordBody[];
}

export const WRITE_UNIT_BYTES = 1024;
const TIMESTAMP_BYTES = 8;

const utf8 = (text: string | undefined) => (text === undefined ? 0 : Buffer.byteLength(text, 'utf8'));

function valueBytes(type: string | undefined, value: string | undefined): number {
  switch (type) {
    case 'BOOLEAN':
      return 1;
    case 'VARCHAR':
      return utf8(value);
    default:
      return 8; // DOUBLE, BIGINT, TIMESTAMP
  }
}

/** Bytes an attribute set adds: what it holds, its own scalar value typed by `valueType`. */
function attributeBytes(r: RecordBody, valueType: string | undefined): number {
  let bytes = r.Time !== undefined ? TIMESTAMP_BYTES : 0;
  for (const d of r.Dimensions ?? []) bytes += utf8(d.Name) + utf8(d.Value);
  bytes += utf8(r.MeasureName);
  if (r.MeasureValue !== undefined) bytes += valueBytes(valueType, r.MeasureValue);
  for (const m of r.MeasureValues ?? []) bytes += utf8(m.Name) + valueBytes(m.Type, m.Value);
  return bytes;
}

/** Metered size and billed write units of one WriteRecords request. */
export function meterWriteRequest(body: WriteRecordsBody): { bytes: number; units: number; records: number } {
  const common = body.CommonAttributes ?? {};
  const records = body.Records ?? [];
  let bytes = attributeBytes(common, common.MeasureValueType);
  for (const r of records) bytes += attributeBytes(r, r.MeasureValueType ?? common.MeasureValueType);
  return { bytes, units: Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES)), records: records.length };
}

/** Running totals over many requests. */
export class WriteMeter {
  calls = 0;
  units = 0;
  bytes = 0;
  records = 0;

  add(body: WriteRecordsBody): void {
    const m = meterWriteRequest(body);
    this.calls++;
    this.units += m.units;
    this.bytes += m.bytes;
    this.records += m.records;
  }
}
