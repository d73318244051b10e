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
  for (const [version, same] of byVersion) statements.push(`UPDATE ${table} SET "__version" = ${sqlLiteral(String(version), 'BIGINT')} WHERE ${keysCondition(layout, same)}`);
  const changed = rows.filter((r) => r.replaces && !r.sameValues);
  if (changed.length > 0) statements.push(`DELETE FROM ${table} WHERE ${keysCondition(layout, changed)}`);
  const inserted = rows.filter((r) => !(r.replaces && r.sameValues));
  if (inserted.length > 0) {
    // Array.from visits the cells a record leaves empty (a measure it does not carry: NULL), which map would skip
    const values = inserted.map((r) => `(${Array.from(physicalRow(r.record, plan), (c, i) => sqlLiteral(c, plan.types[i])).join(', ')})`);
    statements.push(`INSERT INTO ${table} (${layout.physicalOrder.map(quoteIdent).join(', ')}) VALUES ${values.join(', ')}`);
  }
  return statements;
}

/** `"time" BETWEEN <first> AND <last> AND (<each row's key>)`: the stored records of the rows. */
function keysCondition(layout: TableLayout, rows: readonly PendingRow[]): string {
  let first = rows[0].record.timeNs;
  let last = first;
  const conditions = rows.map((r) => {
    if (r.record.timeNs < first) first = r.record.timeNs;
    if (r.record.timeNs > last) last = r.record.timeNs;
    const dims = new Map(r.record.dimensions.map((d) => [d.name, d.value] as const));
    const parts = [`measure_name = ${sqlLiteral(r.record.measureName, 'VARCHAR')}`, `"time" = ${sqlLiteral(r.record.timeNs.toString(), 'TIMESTAMP')}`];
    for (const d of layout.dimensions) {
      const value = dims.get(d.name);
      parts.push(value === undefined ? `${quoteIdent(d.column)} IS NULL` : `${quoteIdent(d.column)} = ${sqlLiteral(value, 'VARCHAR')}`);
    }
    return `(${parts.join(' AND ')})`;
  });
  return `"time" BETWEEN ${sqlLiteral(first.toString(), 'TIMESTAMP')} AND ${sqlLiteral(last.toString(), 'TIMESTAMP')} AND (${conditions.join(' OR ')})`;
}
