import type { ColumnInfo } from '@aws-sdk/client-timestream-query';
import type { DecodedRow, DecodedValue } from '@iot-timeseries/queries';
import type { OutputFormat } from './config';

/** A value as text: timestamps and intervals as the service renders them, series and arrays as JSON. */
export function valueText(value: DecodedValue): string {
  if (value === null) return '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return String(value);
  if ('kind' in value && typeof value.kind === 'string' && 'text' in value) return String(value.text);
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v && typeof v === 'object' && 'kind' in v && 'text' in v ? v.text : v));
}

export function formatRows(columns: readonly ColumnInfo[], rows: readonly DecodedRow[], format: OutputFormat): string {
  const names = columns.map((c, i) => c.Name ?? `_col${i}`);
  const cells = rows.map((row) => names.map((n) => valueText(row[n])));
  if (format === 'json') return `${JSON.stringify(rows.map((_, r) => Object.fromEntries(names.map((n, i) => [n, jsonValue(rows[r][n], cells[r][i])]))), null, 2)}\n`;
  if (format === 'csv') return [names, ...cells].map((line) => line.map(csvCell).join(',')).join('\n') + '\n';
  const widths = names.map((n, i) => Math.max(n.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  const out = [line(names), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line), `(${rows.length} row${rows.length === 1 ? '' : 's'})`];
  return `${out.join('\n')}\n`;
}

function jsonValue(value: DecodedValue, text: string): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : text;
  return text.startsWith('[') || text.startsWith('{') ? JSON.parse(text) : text;
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
