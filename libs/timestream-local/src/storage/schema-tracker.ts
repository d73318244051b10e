import type { ScalarType } from './catalog-types';
import type { NormalizedRecord } from './resource-types';
import { sameShape } from './record-shape';
import { singleColumnName } from './row-values';
import type { TableLayout } from './table-layout';
import { MAX_DIMENSIONS_PER_TABLE, type WriteProblem } from './write-types';

/**
 * Checks records against a table's schema (a measure keeps its first type, names are either dimensions or
 * measures, at most 128 dimensions) and collects the schema additions the accepted records need.
 */
export class SchemaTracker {
  private readonly measureType = new Map<string, ScalarType | 'MULTI'>();
  private readonly measureDims = new Map<string, Set<string>>();
  private readonly dimensions = new Set<string>();
  private readonly valueType = new Map<string, ScalarType>();
  private copy?: TableLayout;
  columnsAdded = false;
  measuresChanged = false;

  /** the layout with this call's additions (a copy made at the first addition; the caller commits it) */
  get draft(): TableLayout {
    return (this.copy ??= structuredClone(this.layout));
  }

  constructor(private readonly layout: TableLayout) {
    for (const m of layout.measures) {
      this.measureType.set(m.name, m.type);
      this.measureDims.set(m.name, new Set(m.dimensions));
    }
    for (const d of layout.dimensions) this.dimensions.add(d.name);
    for (const v of layout.values) this.valueType.set(v.name, v.type);
  }

  /** the last record admitted: one of the same shape is admitted too, and adds nothing */
  private lastAdmitted?: NormalizedRecord;

  /** Returns a problem, or undefined after recording what the record adds to the schema. */
  admit(record: NormalizedRecord): WriteProblem | undefined {
    if (this.lastAdmitted !== undefined && sameShape(record, this.lastAdmitted)) return undefined;
    this.adds = false;
    const problem = this.check(record);
    if (problem) return problem;
    if (this.adds) this.record(record);
    this.lastAdmitted = record;
    return undefined;
  }

  /** set by check(): the record adds something to the schema */
  private adds = false;

  private check(record: NormalizedRecord): WriteProblem | undefined {
    const existing = this.measureType.get(record.measureName);
    if (existing !== undefined && existing !== record.kind) {
      return { kind: 'MEASURE_TYPE', measureName: record.measureName, existingType: existing, newType: record.kind };
    }
    if (existing === undefined) this.adds = true;
    if (record.kind === 'MULTI') {
      for (const v of record.values) {
        const type = this.valueType.get(v.name);
        if (type === undefined) {
          this.adds = true;
          if (this.dimensions.has(v.name)) return { kind: 'NAME_CLASH', name: v.name, usedAs: 'dimension' };
        } else if (type !== v.type) return { kind: 'MEASURE_TYPE', measureName: v.name, existingType: type, newType: v.type };
      }
    } else if (!this.valueType.has(singleColumnName(record.kind))) this.adds = true;
    let added = 0;
    const measureDims = this.measureDims.get(record.measureName);
    for (const d of record.dimensions) {
      if (this.dimensions.has(d.name)) {
        if (measureDims !== undefined && !measureDims.has(d.name)) this.adds = true;
        continue;
      }
      if (this.valueType.has(d.name)) return { kind: 'NAME_CLASH', name: d.name, usedAs: 'measure' };
      added++;
      this.adds = true;
    }
    if (added > 0 && this.dimensions.size + added > MAX_DIMENSIONS_PER_TABLE) return { kind: 'DIMENSION_LIMIT', limit: MAX_DIMENSIONS_PER_TABLE };
    return undefined;
  }

  private record(record: NormalizedRecord): void {
    for (const d of record.dimensions) {
      if (this.dimensions.has(d.name)) continue;
      this.dimensions.add(d.name);
      const draft = this.draft;
      const column = `d${draft.dimensions.length}`;
      draft.dimensions.push({ name: d.name, column });
      draft.physicalOrder.push(column);
      this.columnsAdded = true;
    }
    if (record.kind === 'MULTI') {
      for (const v of record.values) this.addValueColumn(v.name, v.type, 'MULTI');
    } else {
      this.addValueColumn(singleColumnName(record.kind), record.kind, 'SINGLE_MEASURE_VALUE');
    }
    let dims = this.measureDims.get(record.measureName);
    if (!dims) {
      dims = new Set();
      this.measureDims.set(record.measureName, dims);
      this.measureType.set(record.measureName, record.kind);
      this.draft.measures.push({ name: record.measureName, type: record.kind, dimensions: [] });
      this.measuresChanged = true;
    }
    for (const d of record.dimensions) {
      if (dims.has(d.name)) continue;
      dims.add(d.name);
      this.draft.measures.find((m) => m.name === record.measureName)?.dimensions.push(d.name);
      this.measuresChanged = true;
    }
  }

  private addValueColumn(name: string, type: ScalarType, kind: 'MULTI' | 'SINGLE_MEASURE_VALUE'): void {
    if (this.valueType.has(name)) return;
    this.valueType.set(name, type);
    const column = `m${this.draft.values.length}`;
    this.draft.values.push({ name, type, kind, column });
    this.draft.physicalOrder.push(column);
    this.columnsAdded = true;
  }
}
