import { SchemaError } from '../errors';

/** A Timestream bare interval for whole minutes: `5m`, `1h`, `6h`. */
export function minutesInterval(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes <= 0) throw new SchemaError(`an interval must be a positive whole number of minutes, got ${minutes}`);
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

/** A double-quoted identifier ("sensor-data", "temperature_avg"); quotes inside are doubled. */
export function sqlIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A single-quoted literal; quotes inside are doubled. */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `"database"."table"` */
export function sqlTable(databaseName: string, tableName: string): string {
  return `${sqlIdentifier(databaseName)}.${sqlIdentifier(tableName)}`;
}
