import type { ScalarType } from '../storage/catalog-types';
import type { MeasureValueEntry } from '../storage/resource-types';
import type { RecordToStore } from '../storage/write-types';
import * as normalizer from '../operations/write/record-normalizer';
import * as recordValues from '../operations/write/record-values';
import type { TimeUnit } from '../operations/write/record-values';
import type { RecordBatch } from './record-batch';
import { referenceRecords, type RecordTarget } from './reference-records';
import type { RowPlan } from './row-mapper';

/** What a data row gave besides the records added to the batch: the row's reason, or its records' reasons. */
export type RowOutcome = { rowReason: string } | { refused: string[] };

interface FastDimension {
  name: string;
  at: number;
  nameBytes: number;
}
interface FastAttribute {
  name: string;
  type: ScalarType;
  at: number;
  nameBytes: number;
}
interface FastRecord {
  whenMeasureName?: string;
  /** undefined: the row's MeasureNameColumn value */
  fixedName?: string;
  fixedNameBytes: number;
  /** 'MULTI' or the single measure's type */
  kind: ScalarType | 'MULTI';
  attributes: FastAttribute[];
}
interface FastPlan {
  timeAt: number;
  unit: TimeUnit;
  /** digits a time may have (longer ones, leading zeros say, take the reference path) */
  maxDigits: number;
  dimensions: FastDimension[];
  measureNameAt: number;
  records: FastRecord[];
  version: number;
}

/** digits of the largest time in range (2^63 - 1 ns, as WriteRecords allows) in each unit */
const MAX_DIGITS: Record<TimeUnit, number> = { NANOSECONDS: 19, MICROSECONDS: 16, MILLISECONDS: 13, SECONDS: 10 };
/** 2^63 - 1 ns as whole milliseconds and the nanoseconds past them */
const MAX_MS = 9_223_372_036_854;
const MAX_NS_OF_MAX_MS = 775_807;
const SCALAR = new Set<string>(['VARCHAR', 'DOUBLE', 'BIGINT', 'BOOLEAN', 'TIMESTAMP']);
const NS_PER_MS = 1_000_000n;
// bound once: called per row, and a module's exports are read through getters once compiled to CommonJS
const { bytes, isReserved, LIMITS } = normalizer;
const { canonicalValue } = recordValues;
const { dimensionValueBytes: DIMENSION_VALUE_BYTES, measureNameBytes: MEASURE_NAME_BYTES, recordBytes: RECORD_BYTES } = LIMITS;

/** dimension lists kept for sharing (the cache is emptied when it holds this many) */
const DIMENSION_LISTS = 65_536;
/** a row that the fast path leaves to the reference path */
const REFERENCE = -1;

const nameProblem = (name: string, maxBytes: number): boolean => name.length === 0 || bytes(name) > maxBytes || isReserved(name);
const unique = (names: string[]): boolean => new Set(names).size === names.length;

/** The plan's names and types checked once for the whole file; undefined when a row of it could be refused for them. */
function fastPlanOf(plan: RowPlan): FastPlan | undefined {
  const dimensions = plan.dimensions.map((d) => ({ name: d.name, at: d.at, nameBytes: bytes(d.name) }));
  if (dimensions.length > LIMITS.dimensionsPerRecord || !unique(dimensions.map((d) => d.name))) return undefined;
  if (dimensions.some((d) => nameProblem(d.name, LIMITS.dimensionNameBytes))) return undefined;
  if (!Number.isSafeInteger(plan.version) || plan.version < 1) return undefined;
  const records: FastRecord[] = [];
  for (const { plan: p, at } of plan.records) {
    const when = p.whenMeasureName !== undefined ? { whenMeasureName: p.whenMeasureName } : {};
    if (p.kind === 'single') {
      if (p.measureName.length === 0 || bytes(p.measureName) > LIMITS.measureNameBytes || !SCALAR.has(p.type) || (p.type as ScalarType) === 'TIMESTAMP') return undefined;
      const attribute = { name: p.measureName, type: p.type, at: at.get(p.source) ?? -1, nameBytes: 0 };
      records.push({ ...when, fixedName: p.measureName, fixedNameBytes: bytes(p.measureName), kind: p.type, attributes: [attribute] });
      continue;
    }
    const attributes = p.attributes.map((a) => ({ name: a.target, type: a.type, at: at.get(a.source) ?? -1, nameBytes: bytes(a.target) }));
    if (attributes.length > LIMITS.measureValuesPerRecord || !unique(attributes.map((a) => a.name))) return undefined;
    if (attributes.some((a) => nameProblem(a.name, LIMITS.measureNameBytes) || !SCALAR.has(a.type))) return undefined;
    const fixed = 'fixed' in p.measureName ? p.measureName.fixed : undefined;
    if (fixed !== undefined && (fixed.length === 0 || bytes(fixed) > LIMITS.measureNameBytes)) return undefined;
    records.push({ ...when, ...(fixed !== undefined ? { fixedName: fixed } : {}), fixedNameBytes: fixed === undefined ? 0 : bytes(fixed), kind: 'MULTI', attributes });
  }
  return {
    timeAt: plan.timeColumn.at,
    unit: plan.timeUnit as TimeUnit,
    maxDigits: MAX_DIGITS[plan.timeUnit as TimeUnit] ?? 0,
    dimensions,
    measureNameAt: plan.measureNameAt?.at ?? -1,
    records,
    version: plan.version,
  };
}

const cell = (fields: Array<string | null>, at: number): string | null => (at >= 0 && at < fields.length ? fields[at] : null);

/** milliseconds and nanoseconds within them of the last time parsed (module state: building is synchronous) */
let parsedMs = 0;
let parsedNsOfMs = 0;

/**
 * Parses a time of digits only (at most `maxDigits`) in `unit` into parsedMs/parsedNsOfMs (whole milliseconds stay
 * below 2^53, so the numbers are exact); false when it is not one or is past 2^63 - 1 ns.
 */
function parseTime(text: string, unit: TimeUnit, maxDigits: number): boolean {
  const n = text.length;
  if (n === 0 || n > maxDigits) return false;
  const fraction = unit === 'NANOSECONDS' ? 6 : unit === 'MICROSECONDS' ? 3 : 0;
  let whole = 0;
  let part = 0;
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (i < n - fraction) whole = whole * 10 + d;
    else part = part * 10 + d;
  }
  parsedMs = unit === 'SECONDS' ? whole * 1000 : whole;
  parsedNsOfMs = unit === 'MICROSECONDS' ? part * 1000 : part;
  return parsedMs < MAX_MS || (parsedMs === MAX_MS && parsedNsOfMs <= MAX_NS_OF_MAX_MS);
}

/**
 * Turns a file's data rows into WriteRecords' normalized records, built once in their final shape. A row that is
 * plainly valid (digits for the time, no empty or oversized text, every value of its type, the record within 2 KB)
 * is built here with the checks normalizeRecord applies; any other row takes the reference path (the row mapped to
 * WriteRecords records, each checked and normalized exactly as a WriteRecords call of it would be), which also
 * gives the reasons. So a row is kept or refused, for the same reason, as a WriteRecords call of its records would.
 */
export class RecordBuilder {
  private readonly fast: FastPlan | undefined;
  /** the row's dimension values by position (null: absent), reused row after row */
  private readonly present: Array<string | null>;
  private readonly dimensionLists = new Map<string, Array<{ name: string; value: string }>>();
  private lastMeasureName: string | undefined;
  /** rows that took the reference path */
  referenceRows = 0;

  constructor(
    private readonly plan: RowPlan,
    private readonly target: RecordTarget,
  ) {
    this.fast = fastPlanOf(plan);
    this.present = new Array<string | null>(this.fast?.dimensions.length ?? 0).fill(null);
  }

  /** Adds the records of one data row (its line in the file) to the batch; answers undefined or what was refused. */
  add(fields: Array<string | null>, line: number, batch: RecordBatch): RowOutcome | undefined {
    if (this.fast !== undefined && this.addFast(this.fast, fields, line, batch) !== REFERENCE) return undefined;
    this.referenceRows++;
    const reference = referenceRecords(this.plan, fields, this.target);
    if ('rowReason' in reference) return reference;
    for (const r of reference.records) batch.push(r.record, r.bytes, line);
    return reference.refused.length > 0 ? { refused: reference.refused } : undefined;
  }

  /** The records added, or REFERENCE (nothing added) for a row the fast path does not decide. */
  private addFast(fast: FastPlan, fields: Array<string | null>, line: number, batch: RecordBatch): number {
    const time = cell(fields, fast.timeAt);
    if (time === null || !parseTime(time, fast.unit, fast.maxDigits)) return REFERENCE;
    const timeMs = parsedMs;
    const nsOfMs = parsedNsOfMs;
    let dimensionBytes = 8;
    const present = this.present;
    let key: string | undefined;
    for (let k = 0; k < fast.dimensions.length; k++) {
      const d = fast.dimensions[k];
      const value = cell(fields, d.at);
      present[k] = value;
      if (value === null) continue;
      const valueBytes = bytes(value);
      if (value.length === 0 || valueBytes > DIMENSION_VALUE_BYTES) return REFERENCE;
      dimensionBytes += d.nameBytes + valueBytes;
      key ??= value;
    }
    const dimensions = this.dimensionsOf(fast, key);
    let rowMeasureName = fast.measureNameAt >= 0 ? cell(fields, fast.measureNameAt) : undefined;
    if (rowMeasureName === null || rowMeasureName === '') return REFERENCE;
    if (rowMeasureName !== undefined) {
      if (rowMeasureName === this.lastMeasureName) rowMeasureName = this.lastMeasureName;
      else this.lastMeasureName = rowMeasureName;
    }
    const start = batch.length;
    let timeNs: bigint | undefined;
    for (const r of fast.records) {
      if (r.whenMeasureName !== undefined && r.whenMeasureName !== rowMeasureName) continue;
      let size = dimensionBytes;
      let values: MeasureValueEntry[] | undefined;
      for (const a of r.attributes) {
        const text = cell(fields, a.at);
        if (text === null) continue;
        if (text.length === 0 || text.length > 2048) return this.undo(batch, start);
        const value = canonicalValue(text, a.type, fast.unit);
        if (value === undefined) return this.undo(batch, start);
        size += a.nameBytes + bytes(text);
        (values ??= []).push({ name: a.name, type: a.type, value });
      }
      if (values === undefined) continue;
      const measureName = r.fixedName ?? (rowMeasureName as string);
      const nameBytes = r.fixedName !== undefined ? r.fixedNameBytes : bytes(measureName);
      size += nameBytes;
      if (nameBytes > MEASURE_NAME_BYTES || size > RECORD_BYTES) return this.undo(batch, start);
      timeNs ??= fast.unit === 'NANOSECONDS' ? BigInt(time) : nsOfMs === 0 ? BigInt(timeMs) * NS_PER_MS : BigInt(timeMs) * NS_PER_MS + BigInt(nsOfMs);
      const record: RecordToStore = { index: 0, dimensions, measureName, kind: r.kind, values, timeNs, timeMs, nsOfMs, version: fast.version, store: 'MEMORY' };
      batch.push(record, size, line);
    }
    // no record: the reference path names why (no measure value, no mapping of the measure name)
    return batch.length === start ? REFERENCE : batch.length - start;
  }

  /**
   * The row's dimensions (`present`, by position) as a list shared with the earlier rows of the same values: rows of
   * one device repeat them, and a shared list is one object less per record to build and keep until it is written
   * (storage only reads a record's dimensions). Lists are found by the first present value.
   */
  private dimensionsOf(fast: FastPlan, key: string | undefined): Array<{ name: string; value: string }> {
    if (key === undefined) return [];
    const present = this.present;
    const known = this.dimensionLists.get(key);
    if (known !== undefined) {
      let j = 0;
      let same = true;
      for (let k = 0; k < present.length && same; k++) {
        const value = present[k];
        if (value === null) continue;
        same = j < known.length && known[j].name === fast.dimensions[k].name && known[j].value === value;
        j++;
      }
      if (same && j === known.length) return known;
    }
    const list: Array<{ name: string; value: string }> = [];
    for (let k = 0; k < present.length; k++) {
      const value = present[k];
      if (value !== null) list.push({ name: fast.dimensions[k].name, value });
    }
    if (this.dimensionLists.size >= DIMENSION_LISTS) this.dimensionLists.clear();
    this.dimensionLists.set(key, list);
    return list;
  }

  private undo(batch: RecordBatch, start: number): number {
    batch.truncate(start);
    return REFERENCE;
  }
}
