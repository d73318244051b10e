import { DuckDBDataChunk, DuckDBTimestampNanosecondsValue, TIMESTAMP_NS, VARCHAR, type DuckDBConnection, type DuckDBTimestampNanosecondsVector, type DuckDBVarCharVector } from '@duckdb/node-api';
import type { ScalarType } from './catalog-types';
import { storedDouble, type MeasureValueEntry, type NormalizedRecord, type StoredValue } from './resource-types';
import { fingerprintRecord, newFingerprint, valueHash } from './record-hash';
import type { RecordIndex } from './record-index';
import { CHUNK_ROWS } from './chunk-writer';
import { quoteIdent, type TableLayout } from './table-layout';

/** Keys per lookup at most, and the widest gap in time between consecutive keys of one lookup. */
const KEYS_PER_LOOKUP = 10_000;
const GAP_NS = 3_600_000_000_000n;
/** The write connection's table for the keys being looked up (temporary: in memory, never in the WAL). */
const KEYS_TABLE = '__lookup_keys';

/** The stored form of a value read back, as the write path's canonicalValue makes it. */
function canonical(value: unknown, type: ScalarType): StoredValue {
  if (type === 'DOUBLE') return storedDouble(Number(value));
  if (type === 'BOOLEAN') return value ? 'true' : 'false';
  return String(value);
}

const timestampNs = (ns: bigint): string => `make_timestamp_ns(${ns.toString()})`;

/**
 * Reads the stored records with the identities (time, measure name, dimensions) of `records` into `into`
 * (fingerprint, version, value hash, time). The keys, sorted by time and cut where they are more than an hour
 * apart, are appended to a temporary table and joined with the table restricted to their time range, which lets
 * DuckDB skip by their min/max statistics the row groups outside it: in a table written roughly in time order that
 * is all but a few, whatever the table's size. (Keys as a VALUES list cost DuckDB about 75 us each to bind.)
 */
export async function readStoredRecords(connection: DuckDBConnection, layout: TableLayout, records: NormalizedRecord[], into: RecordIndex): Promise<void> {
  const columnOf = new Map(layout.dimensions.map((d, i) => [d.name, i] as const));
  // a record naming a dimension the table never had is not stored
  const keys = records.filter((r) => r.dimensions.every((d) => columnOf.has(d.name))).sort((a, b) => (a.timeNs < b.timeNs ? -1 : a.timeNs > b.timeNs ? 1 : 0));
  for (let start = 0; start < keys.length; ) {
    let end = start + 1;
    while (end < keys.length && end - start < KEYS_PER_LOOKUP && keys[end].timeNs - keys[end - 1].timeNs <= GAP_NS) end++;
    await readMatching(connection, layout, columnOf, keys.slice(start, end), into);
    start = end;
  }
}

async function appendKeys(connection: DuckDBConnection, layout: TableLayout, columnOf: Map<string, number>, keys: NormalizedRecord[]): Promise<void> {
  const dimensionColumns = layout.dimensions.map((d) => `${quoteIdent(d.column)} VARCHAR`);
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${KEYS_TABLE} ("time" TIMESTAMP_NS, measure_name VARCHAR${dimensionColumns.map((c) => `, ${c}`).join('')})`);
  const appender = await connection.createAppender(KEYS_TABLE, 'main', 'temp');
  try {
    const types = [TIMESTAMP_NS, VARCHAR, ...layout.dimensions.map(() => VARCHAR)];
    for (let from = 0; from < keys.length; from += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, keys.length - from);
      const chunk = DuckDBDataChunk.create(types, rows);
      const vectors = types.map((_, i) => chunk.getColumnVector(i));
      for (let k = 0; k < rows; k++) {
        const record = keys[from + k];
        (vectors[0] as DuckDBTimestampNanosecondsVector).setItem(k, new DuckDBTimestampNanosecondsValue(record.timeNs));
        (vectors[1] as DuckDBVarCharVector).setItem(k, record.measureName);
        for (let d = 2; d < vectors.length; d++) (vectors[d] as DuckDBVarCharVector).setItem(k, null);
        for (const dim of record.dimensions) (vectors[2 + (columnOf.get(dim.name) as number)] as DuckDBVarCharVector).setItem(k, dim.value);
      }
      for (const vector of vectors) vector.flush();
      appender.appendDataChunk(chunk);
    }
  } finally {
    appender.closeSync();
  }
}

async function readMatching(connection: DuckDBConnection, layout: TableLayout, columnOf: Map<string, number>, keys: NormalizedRecord[], into: RecordIndex): Promise<void> {
  await appendKeys(connection, layout, columnOf, keys);
  const dimensionColumns = layout.dimensions.map((d) => quoteIdent(d.column));
  const on = ['t."time" = k."time"', 't.measure_name = k.measure_name', ...dimensionColumns.map((c) => `t.${c} IS NOT DISTINCT FROM k.${c}`)];
  const select = [
    't.__version',
    't.measure_name',
    'epoch_ms(t."time")',
    'CAST(epoch_ns(t."time") % 1000000 AS INTEGER)',
    ...dimensionColumns.map((c) => `t.${c}`),
    ...layout.values.map((v) => (v.type === 'TIMESTAMP' ? `CAST(epoch_ns(t.${quoteIdent(v.column)}) AS VARCHAR)` : `t.${quoteIdent(v.column)}`)),
  ];
  const sql =
    `SELECT ${select.join(', ')} FROM main.${quoteIdent(layout.storageName)} AS t JOIN temp.${KEYS_TABLE} AS k ON ${on.join(' AND ')} ` +
    `WHERE t."time" >= ${timestampNs(keys[0].timeNs)} AND t."time" <= ${timestampNs(keys[keys.length - 1].timeNs)}`;
  const nd = layout.dimensions.length;
  const fp = newFingerprint();
  const reader = await connection.runAndReadAll(sql);
  for (const row of reader.getRowsJS()) {
    const dims: Array<{ name: string; value: string }> = [];
    for (let i = 0; i < nd; i++) {
      const v = row[4 + i];
      if (v !== null && v !== undefined) dims.push({ name: layout.dimensions[i].name, value: String(v) });
    }
    const measureName = String(row[1]);
    const values: MeasureValueEntry[] = [];
    layout.values.forEach((col, i) => {
      const v = row[4 + nd + i];
      if (v === null || v === undefined) return;
      values.push({ name: col.kind === 'MULTI' ? col.name : measureName, type: col.type, value: canonical(v, col.type) });
    });
    const timeMs = Number(row[2]);
    fingerprintRecord(measureName, dims, timeMs, Number(row[3]), fp);
    into.set(fp[0], fp[1], fp[2], Number(row[0]), valueHash(values), timeMs);
  }
}

/** The time (whole ms) just after the table's latest stored record, or -Infinity when it holds none. */
export async function timeAfterLatestMs(connection: DuckDBConnection, layout: TableLayout): Promise<number> {
  const reader = await connection.runAndReadAll(`SELECT epoch_ms(max("time")) FROM main.${quoteIdent(layout.storageName)}`);
  const latest = reader.getRowsJS()[0]?.[0];
  return latest === null || latest === undefined ? -Infinity : Number(latest) + 1;
}
