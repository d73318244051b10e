import type { ScalarType } from './catalog-types';
import type { NormalizedRecord, StoredValue } from './resource-types';
import type { TableLayout } from './table-layout';

export interface ColumnPlan {
  types: ScalarType[];
  position: Map<string, number>;
  dimensionPosition: Map<string, number>;
  valuePosition: Map<string, number>;
  /** reused by appendRecords: one row's cells (the append path is synchronous) */
  scratch: Array<StoredValue | undefined>;
}

export function columnPlan(layout: TableLayout): ColumnPlan {
  const position = new Map(layout.physicalOrder.map((c, i) => [c, i] as const));
  const types: ScalarType[] = layout.physicalOrder.map(() => 'VARCHAR');
  types[position.get('__version') as number] = 'BIGINT';
  types[position.get('time') as number] = 'TIMESTAMP';
  for (const v of layout.values) types[position.get(v.column) as number] = v.type;
  return {
    types,
    position,
    dimensionPosition: new Map(layout.dimensions.map((d) => [d.name, position.get(d.column) as number] as const)),
    valuePosition: new Map(layout.values.map((v) => [v.name, position.get(v.column) as number] as const)),
    scratch: new Array(types.length),
  };
}

export const singleColumnName = (type: ScalarType): string => `measure_value::${type.toLowerCase()}`;

export function physicalRow(record: NormalizedRecord, plan: ColumnPlan): Array<string | undefined> {
  const cells: Array<string | undefined> = new Array(plan.types.length);
  cells[plan.position.get('__version') as number] = String(record.version);
  cells[plan.position.get('measure_name') as number] = record.measureName;
  cells[plan.position.get('time') as number] = record.timeNs.toString();
  for (const d of record.dimensions) cells[plan.dimensionPosition.get(d.name) as number] = d.value;
  if (record.kind === 'MULTI') {
    for (const v of record.values) cells[plan.valuePosition.get(v.name) as number] = String(v.value);
  } else {
    cells[plan.valuePosition.get(singleColumnName(record.kind)) as number] = String(record.values[0].value);
  }
  return cells;
}

export function sqlLiteral(cell: string | undefined, type: ScalarType): string {
  if (cell === undefined) return 'NULL';
  switch (type) {
    case 'VARCHAR':
      return `'${cell.replace(/'/g, "''")}'`;
    case 'DOUBLE':
      return `CAST('${cell}' AS DOUBLE)`;
    case 'BIGINT':
      return `CAST('${cell}' AS BIGINT)`;
    case 'BOOLEAN':
      return cell === 'true' ? 'TRUE' : 'FALSE';
    case 'TIMESTAMP':
      return `make_timestamp_ns(CAST('${cell}' AS BIGINT))`;
  }
}
