import type { DuckDBConnection } from '@duckdb/node-api';
import type { ScalarType } from './catalog-types';
import { storedDouble, type MeasureValueEntry, type StoredValue } from './resource-types';
import { fingerprintRecord, newFingerprint, valueHash } from './record-hash';
import { RecordIndex } from './record-index';
import { quoteIdent, type TableLayout } from './table-layout';

/** The stored form of a value read back, as the write path's canonicalValue makes it. */
function canonical(value: unknown, type: ScalarType): StoredValue {
  if (type === 'DOUBLE') return storedDouble(Number(value));
  if (type === 'BOOLEAN') return value ? 'true' : 'false';
  return String(value);
}

/** Builds the in-memory record index of a table from its stored rows. */
export async function loadRecordIndex(connection: DuckDBConnection, layout: TableLayout): Promise<RecordIndex> {
  const index = new RecordIndex();
  const valueSelect = layout.values.map((v) => (v.type === 'TIMESTAMP' ? `CAST(epoch_ns(${quoteIdent(v.column)}) AS VARCHAR)` : quoteIdent(v.column)));
  const select = [
    '__version',
    'measure_name',
    'epoch_ms("time")',
    'CAST(epoch_ns("time") % 1000000 AS INTEGER)',
    ...layout.dimensions.map((d) => quoteIdent(d.column)),
    ...valueSelect,
  ];
  const nd = layout.dimensions.length;
  const fp = newFingerprint();
  const addRow = (row: unknown[]): void => {
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
    index.set(fp[0], fp[1], fp[2], Number(row[0]), valueHash(values), timeMs);
  };
  // streamed a chunk at a time: a large table is never held in JavaScript whole
  const result = await connection.stream(`SELECT ${select.join(', ')} FROM main.${quoteIdent(layout.storageName)}`);
  for await (const rows of result.yieldRowsJs()) {
    for (const row of rows) addRow(row);
  }
  return index;
}
