/** The little static typing the translator needs (integer division, interval kinds, time series, UNNEST). */
export type StaticType =
  | { kind: 'integer' | 'bigint' | 'double' | 'varchar' | 'boolean' | 'timestamp' | 'date' | 'time' | 'intervalDayToSecond' | 'intervalYearToMonth' | 'varbinary' | 'unknown' }
  | { kind: 'timeseries'; value: StaticType }
  | { kind: 'array'; element: StaticType }
  | { kind: 'row'; fields: Array<{ name: string; type: StaticType }> };

export const T = {
  integer: { kind: 'integer' },
  bigint: { kind: 'bigint' },
  double: { kind: 'double' },
  varchar: { kind: 'varchar' },
  boolean: { kind: 'boolean' },
  timestamp: { kind: 'timestamp' },
  date: { kind: 'date' },
  time: { kind: 'time' },
  dayToSecond: { kind: 'intervalDayToSecond' },
  yearToMonth: { kind: 'intervalYearToMonth' },
  varbinary: { kind: 'varbinary' },
  unknown: { kind: 'unknown' },
} as const satisfies Record<string, StaticType>;

export const isIntegral = (t: StaticType): boolean => t.kind === 'integer' || t.kind === 'bigint';
export const isInterval = (t: StaticType): boolean => t.kind === 'intervalDayToSecond' || t.kind === 'intervalYearToMonth';

export function fromCatalogType(type: string): StaticType {
  switch (type) {
    case 'VARCHAR': return T.varchar;
    case 'DOUBLE': return T.double;
    case 'BIGINT': return T.bigint;
    case 'BOOLEAN': return T.boolean;
    case 'TIMESTAMP': return T.timestamp;
    default: return T.unknown;
  }
}

/** The wider of two numeric types (for arithmetic); unknown when either is unknown. */
export function numericResult(a: StaticType, b: StaticType): StaticType {
  if (a.kind === 'double' || b.kind === 'double') return T.double;
  if (a.kind === 'bigint' || b.kind === 'bigint') return isIntegral(a) && isIntegral(b) ? T.bigint : T.unknown;
  if (a.kind === 'integer' && b.kind === 'integer') return T.integer;
  return T.unknown;
}
