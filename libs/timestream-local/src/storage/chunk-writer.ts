import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBTimestampNanosecondsValue,
  TIMESTAMP_NS,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBBigIntVector,
  type DuckDBBooleanVector,
  type DuckDBDoubleVector,
  type DuckDBTimestampNanosecondsVector,
  type DuckDBType,
  type DuckDBVarCharVector,
  type DuckDBVector,
} from '@duckdb/node-api';
import type { ScalarType } from './catalog-types';
import { sameShape } from './record-shape';
import type { NormalizedRecord, StoredValue } from './resource-types';
import { singleColumnName, type ColumnPlan } from './row-values';

const DUCKDB_TYPE: Record<ScalarType, DuckDBType> = { VARCHAR, DOUBLE, BIGINT, BOOLEAN, TIMESTAMP: TIMESTAMP_NS };
/** DuckDB's vector size: rows per data chunk */
export const CHUNK_ROWS = 2048;
const VERSION_ONE = 1n;

/** what fills a column: a system column, or the canonical texts of a dimension or measure of a scalar type */
type ColumnRole = 'version' | 'measureName' | 'time' | ScalarType;

interface ChunkColumns {
  types: DuckDBType[];
  roles: ColumnRole[];
}

/** Per column plan (a plan lives until the table's columns change): the chunk's column types and roles. */
const chunkColumns = new WeakMap<ColumnPlan, ChunkColumns>();

function chunkColumnsOf(plan: ColumnPlan): ChunkColumns {
  let columns = chunkColumns.get(plan);
  if (columns === undefined) {
    const roles: ColumnRole[] = [...plan.types];
    roles[plan.position.get('__version') as number] = 'version';
    roles[plan.position.get('measure_name') as number] = 'measureName';
    roles[plan.position.get('time') as number] = 'time';
    columns = { types: plan.types.map((t) => DUCKDB_TYPE[t]), roles };
    chunkColumns.set(plan, columns);
  }
  return columns;
}

/** Where a record's dimensions and measure values go; reused for the following records of the same shape. */
interface Placement {
  shape: NormalizedRecord;
  dimensionAt: number[];
  valueAt: number[];
}

function placementOf(record: NormalizedRecord, plan: ColumnPlan): Placement {
  return {
    shape: record,
    dimensionAt: record.dimensions.map((d) => plan.dimensionPosition.get(d.name) as number),
    valueAt: record.kind === 'MULTI' ? record.values.map((v) => plan.valuePosition.get(v.name) as number) : [plan.valuePosition.get(singleColumnName(record.kind)) as number],
  };
}

/** Puts a record's dimension and measure texts at their physical column positions (the rest undefined). */
function placeCells(record: NormalizedRecord, placement: Placement, cells: Array<StoredValue | undefined>): void {
  cells.fill(undefined);
  const { dimensionAt, valueAt } = placement;
  for (let i = 0; i < dimensionAt.length; i++) cells[dimensionAt[i]] = record.dimensions[i].value;
  for (let i = 0; i < valueAt.length; i++) cells[valueAt[i]] = record.values[i].value;
}

/** Writes row `k` of every vector; one call site per vector class keeps each call monomorphic. */
function setRow(vectors: DuckDBVector[], roles: ColumnRole[], k: number, record: NormalizedRecord, cells: Array<StoredValue | undefined>): void {
  for (let i = 0; i < roles.length; i++) {
    const cell = cells[i];
    switch (roles[i]) {
      case 'version':
        (vectors[i] as DuckDBBigIntVector).setItem(k, record.version === 1 ? VERSION_ONE : BigInt(record.version));
        break;
      case 'measureName':
        (vectors[i] as DuckDBVarCharVector).setItem(k, record.measureName);
        break;
      case 'time':
        (vectors[i] as DuckDBTimestampNanosecondsVector).setItem(k, new DuckDBTimestampNanosecondsValue(record.timeNs));
        break;
      case 'VARCHAR':
        (vectors[i] as DuckDBVarCharVector).setItem(k, (cell as string | undefined) ?? null);
        break;
      case 'DOUBLE':
        (vectors[i] as DuckDBDoubleVector).setItem(k, cell === undefined ? null : (cell as number));
        break;
      case 'BIGINT':
        (vectors[i] as DuckDBBigIntVector).setItem(k, cell === undefined ? null : BigInt(cell));
        break;
      case 'BOOLEAN':
        (vectors[i] as DuckDBBooleanVector).setItem(k, cell === undefined ? null : cell === 'true');
        break;
      case 'TIMESTAMP':
        (vectors[i] as DuckDBTimestampNanosecondsVector).setItem(k, cell === undefined ? null : new DuckDBTimestampNanosecondsValue(BigInt(cell)));
        break;
    }
  }
}

/**
 * Appends records through DuckDB data chunks, a column vector at a time: numbers and times are written into
 * the vectors' typed arrays in JavaScript, so a row costs a native call per text cell instead of one per cell.
 */
export function appendRecords(appender: DuckDBAppender, records: ReadonlyArray<NormalizedRecord>, plan: ColumnPlan): void {
  const { types, roles } = chunkColumnsOf(plan);
  const cells = plan.scratch;
  let placement: Placement | undefined;
  for (let start = 0; start < records.length; start += CHUNK_ROWS) {
    const rows = Math.min(CHUNK_ROWS, records.length - start);
    const chunk = DuckDBDataChunk.create(types, rows);
    const vectors = types.map((_, i) => chunk.getColumnVector(i));
    for (let k = 0; k < rows; k++) {
      const record = records[start + k];
      if (placement === undefined || !sameShape(record, placement.shape)) placement = placementOf(record, plan);
      placeCells(record, placement, cells);
      setRow(vectors, roles, k, record, cells);
    }
    for (const vector of vectors) vector.flush();
    appender.appendDataChunk(chunk);
  }
}
