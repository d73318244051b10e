/** Decoded forms of Timestream query values that JavaScript has no exact native type for. */

/** A TIMESTAMP: a Date (millisecond precision) plus the service's full nanosecond text. */
export interface TimestampValue {
  readonly kind: 'timestamp';
  /** As the service renders it, e.g. `2020-08-08 01:00:00.123456789` (UTC). */
  readonly text: string;
  readonly date: Date;
  /** Nanoseconds since the epoch, exact. */
  readonly epochNanoseconds: bigint;
}

/** INTERVAL_DAY_TO_SECOND, e.g. `1 21:00:00.000000000`. */
export interface DayToSecondInterval {
  readonly kind: 'interval_day_to_second';
  readonly text: string;
  /** Total length in nanoseconds (negative intervals are negative). */
  readonly nanoseconds: bigint;
}

/** INTERVAL_YEAR_TO_MONTH, e.g. `2-7`. */
export interface YearToMonthInterval {
  readonly kind: 'interval_year_to_month';
  readonly text: string;
  readonly months: number;
}

/** One point of a TIMESERIES value. */
export interface TimeSeriesPoint {
  readonly time: TimestampValue;
  readonly value: DecodedValue;
}

/**
 * DOUBLE/INTEGER → number, BIGINT → bigint, BOOLEAN → boolean, VARCHAR/DATE/TIME/UNKNOWN → string,
 * TIMESTAMP and intervals → the types above, arrays → arrays, rows → objects by field name,
 * time series → points, NULL → null.
 */
export type DecodedValue =
  | null
  | number
  | bigint
  | boolean
  | string
  | TimestampValue
  | DayToSecondInterval
  | YearToMonthInterval
  | DecodedValue[]
  | TimeSeriesPoint[]
  | { [field: string]: DecodedValue };

export type DecodedRow = Record<string, DecodedValue>;
