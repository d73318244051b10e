import { QueryParameterError } from '../errors';

/** Double-quotes an identifier ("db"."table", "measure_value::double"); quotes inside are doubled. */
export function quoteIdentifier(name: string, parameter = 'identifier'): string {
  assertText(name, parameter);
  return `"${name.replace(/"/g, '""')}"`;
}

/** A single-quoted SQL string literal; quotes inside are doubled, so no value can end the literal. */
export function stringLiteral(value: string, parameter = 'value'): string {
  assertText(value, parameter);
  return `'${value.replace(/'/g, "''")}'`;
}

/** A finite number as SQL (never exponent notation that a dialect might misread). */
export function numberLiteral(value: number, parameter = 'number'): string {
  if (!Number.isFinite(value)) throw new QueryParameterError(`${parameter} must be a finite number, got ${value}`);
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/\.?0+$/, '') : text;
}

function assertText(value: string, parameter: string): void {
  if (typeof value !== 'string' || value.length === 0) throw new QueryParameterError(`${parameter} must be a non-empty string`);
  if (value.includes('\u0000')) throw new QueryParameterError(`${parameter} must not contain a NUL character`);
}
