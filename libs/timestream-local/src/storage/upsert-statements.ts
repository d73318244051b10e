import type { PendingRow } from './pending-rows';
import { physicalRow, sqlLiteral, type ColumnPlan } from './row-values';
import { quoteIdent, type TableLayout } from './table-layout';

/**
 * The statements that write a call replacing stored records, as the service upserts: a record with the same values
 * as the stored one only raises its version (a scheduled query's re-run over bins that did not change); one with
 * other values replaces the row; new ones are inserted. Each statement is bounded by its records' times, so DuckDB
 * skips the row groups outside them instead of testing every row of the table against every key.
 */
export function upsertStatements(table: string, layout: TableLayout, plan: ColumnPlan, rows: readonly PendingRow[]): string[] {
  const statements: string[] = [];
  const byVersion = new Map<number, PendingRow[]>();
  for (const r of rows) if (r.replaces && r.sameValues) byVersion.set(r.record.version, [...(byVersion.get(r.record.version) ?? []), r]);
  for (const [version, same] of byVersion) {
    const keys = storedKeys(layout, same);
    statements.push(`UPDATE ${table} SET "__version" = ${sqlLiteral(String(version), 'BIGINT')} FROM ${keys.values} WHERE ${keys.condition(table)}`);
  }
  const changed = rows.filter((r) => r.replaces && !r.sameValues);
  if (changed.length > 0) {
    const keys = storedKeys(layout, changed);
    statements.push(`DELETE FROM ${table} USING ${keys.values} WHERE ${keys.condition(table)}`);
  }
  const inserted = rows.filter((r) => !(r.replaces && r.sameValues));
  if (inserted.length > 0) {
    // Array.from visits the cells a record leaves empty (a measure it does not carry: NULL), which map would skip
    const values = inserted.map((r) => `(${Array.from(physicalRow(r.record, plan), (c, i) => sqlLiteral(c, plan.types[i])).join(', ')})`);
    statements.push(`INSERT INTO ${table} (${layout.physicalOrder.map(quoteIdent).join(', ')}) VALUES ${values.join(', ')}`);
  }
  return statements;
}

/**
 * The rows' keys (measure name, time, each dimension) as a VALUES list, and the condition joining the table's stored
 * records to them: a hash join on the keys (a NULL dimension matches a NULL), within the rows' times so that DuckDB
 * skips the row groups outside them.
 */
function storedKeys(layout: TableLayout, rows: readonly PendingRow[]): { values: string; condition: (table: string) => string } {
  let first = rows[0].record.timeNs;
  let last = first;
  const tuples = rows.map((r) => {
    if (r.record.timeNs < first) first = r.record.timeNs;
    if (r.record.timeNs > last) last = r.record.timeNs;
    const dims = new Map(r.record.dimensions.map((d) => [d.name, d.value] as const));
    const cells = [sqlLiteral(r.record.measureName, 'VARCHAR'), sqlLiteral(r.record.timeNs.toString(), 'TIMESTAMP'), ...layout.dimensions.map((d) => `CAST(${sqlLiteral(dims.get(d.name), 'VARCHAR')} AS VARCHAR)`)];
    return `(${cells.join(', ')})`;
  });
  const names = ['__k_measure', '__k_time', ...layout.dimensions.map((_, i) => `__k_d${i}`)];
  return {
    values: `(VALUES ${tuples.join(', ')}) AS __k(${names.map(quoteIdent).join(', ')})`,
    condition: (table) =>
      [
        `${table}."time" BETWEEN ${sqlLiteral(first.toString(), 'TIMESTAMP')} AND ${sqlLiteral(last.toString(), 'TIMESTAMP')}`,
        `${table}.measure_name = __k.${quoteIdent(names[0])}`,
        `${table}."time" = __k.${quoteIdent(names[1])}`,
        ...layout.dimensions.map((d, i) => `${table}.${quoteIdent(d.column)} IS NOT DISTINCT FROM __k.${quoteIdent(names[i + 2])}`),
      ].join(' AND '),
  };
}
