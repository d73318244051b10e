import { ScheduleExpressionError } from './errors';

/** A numeric cron field as the set of values it allows, within [min, max]. */
export interface FieldRange {
  name: string;
  min: number;
  max: number;
  /** names accepted for values (JAN..DEC, SUN..SAT), index 0 = min */
  names?: readonly string[];
}

export const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
export const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

export const FIELDS = {
  minutes: { name: 'Minutes', min: 0, max: 59 },
  hours: { name: 'Hours', min: 0, max: 23 },
  dayOfMonth: { name: 'Day-of-month', min: 1, max: 31 },
  month: { name: 'Month', min: 1, max: 12, names: MONTH_NAMES },
  dayOfWeek: { name: 'Day-of-week', min: 1, max: 7, names: DAY_NAMES },
  year: { name: 'Year', min: 1970, max: 2199 },
} satisfies Record<string, FieldRange>;

/** One value of a field: a number or (for fields with names) a name, case-insensitively. */
export function fieldValue(text: string, field: FieldRange): number {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n < field.min || n > field.max) throw new ScheduleExpressionError(`${field.name} value ${text} is outside ${field.min}-${field.max}`);
    return n;
  }
  const index = field.names?.indexOf(text.toUpperCase() as never) ?? -1;
  if (index < 0) throw new ScheduleExpressionError(`${field.name} value ${JSON.stringify(text)} is not valid`);
  return field.min + index;
}

/**
 * Parses one list item of a numeric field: `*`, `n`, `a-b`, and the increments `x/step` where x is `*`, `n`
 * (from n to the field's maximum) or `a-b`. Ranges must not wrap around (`a` ≤ `b`).
 */
export function parseRangeItem(item: string, field: FieldRange): number[] {
  const [base, stepText, extra] = item.split('/');
  if (extra !== undefined || base === '') throw new ScheduleExpressionError(`${field.name} item ${JSON.stringify(item)} is not valid`);
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText) || Number(stepText) < 1) throw new ScheduleExpressionError(`${field.name} increment ${JSON.stringify(stepText)} must be a positive integer`);
    step = Number(stepText);
  }
  let from: number;
  let to: number;
  if (base === '*') {
    [from, to] = [field.min, field.max];
  } else if (base.includes('-')) {
    const [a, b, more] = base.split('-');
    if (more !== undefined || a === '' || b === '') throw new ScheduleExpressionError(`${field.name} range ${JSON.stringify(base)} is not valid`);
    [from, to] = [fieldValue(a, field), fieldValue(b, field)];
    if (from > to) throw new ScheduleExpressionError(`${field.name} range ${base} must go from the lower to the higher value`);
  } else {
    from = fieldValue(base, field);
    to = stepText === undefined ? from : field.max;
  }
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}

/** A whole numeric field (comma-separated items) as a sorted set. */
export function parseNumericField(text: string, field: FieldRange): number[] {
  const values = new Set<number>();
  for (const item of text.split(',')) for (const v of parseRangeItem(item, field)) values.add(v);
  return [...values].sort((a, b) => a - b);
}
