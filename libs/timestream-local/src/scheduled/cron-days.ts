import { FIELDS, fieldValue, parseRangeItem } from './cron-fields';
import { ScheduleExpressionError } from './errors';

/**
 * The day fields of a cron expression as functions of a month: which days of (year, month) they allow.
 * Day-of-month: numbers, ranges, increments, `L` (last day), `LW` (last weekday), `nW` (the weekday nearest
 * to day n, within the month). Day-of-week (1 = SUN ... 7 = SAT): numbers, names, ranges, increments,
 * `L` (Saturday), `nL` (the month's last day n), `n#k` (the k-th day n of the month).
 */
export type DaySpec = (year: number, month: number) => Set<number>;

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** 1 = Sunday ... 7 = Saturday */
export const weekday = (year: number, month: number, day: number): number => new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;

/** The weekday (Mon-Fri) nearest to `day`, never leaving the month (EventBridge/Quartz `W`). */
export function nearestWeekday(year: number, month: number, day: number): number {
  const last = daysInMonth(year, month);
  const d = Math.min(day, last);
  const w = weekday(year, month, d);
  if (w === 7) return d === 1 ? 3 : d - 1; // Saturday: Friday before, or Monday after when the 1st
  if (w === 1) return d === last ? d - 2 : d + 1; // Sunday: Monday after, or Friday before when the last day
  return d;
}

type Item = (year: number, month: number, last: number) => number[];

function dayOfMonthItem(item: string): Item {
  if (item === 'L') return (_y, _m, last) => [last];
  if (item === 'LW') return (y, m, last) => [nearestWeekday(y, m, last)];
  const w = /^(\d+)W$/.exec(item);
  if (w) {
    const day = fieldValue(w[1], FIELDS.dayOfMonth);
    return (y, m, last) => (day <= last ? [nearestWeekday(y, m, day)] : []);
  }
  if (/[LW#]/.test(item)) throw new ScheduleExpressionError(`Day-of-month item ${JSON.stringify(item)} is not valid`);
  const values = parseRangeItem(item, FIELDS.dayOfMonth);
  return (_y, _m, last) => values.filter((d) => d <= last);
}

function dayOfWeekItem(item: string): Item {
  const days = (y: number, m: number, last: number, dow: number) => {
    const out: number[] = [];
    for (let d = 1; d <= last; d++) if (weekday(y, m, d) === dow) out.push(d);
    return out;
  };
  if (item === 'L') return (y, m, last) => days(y, m, last, 7);
  const lastOf = /^(\w+)L$/.exec(item);
  if (lastOf) {
    const dow = fieldValue(lastOf[1], FIELDS.dayOfWeek);
    return (y, m, last) => days(y, m, last, dow).slice(-1);
  }
  const nth = /^(\w+)#(\d+)$/.exec(item);
  if (nth) {
    const dow = fieldValue(nth[1], FIELDS.dayOfWeek);
    const k = Number(nth[2]);
    if (k < 1 || k > 5) throw new ScheduleExpressionError(`Day-of-week item ${item}: the instance after # must be 1-5`);
    return (y, m, last) => days(y, m, last, dow).slice(k - 1, k);
  }
  if (/[LW#]/.test(item)) throw new ScheduleExpressionError(`Day-of-week item ${JSON.stringify(item)} is not valid`);
  const values = new Set(parseRangeItem(item, FIELDS.dayOfWeek));
  return (y, m, last) => {
    const out: number[] = [];
    for (let d = 1; d <= last; d++) if (values.has(weekday(y, m, d))) out.push(d);
    return out;
  };
}

function daySpec(text: string, item: (text: string) => Item): DaySpec {
  const items = text.split(',').map(item);
  return (year, month) => {
    const last = daysInMonth(year, month);
    const days = new Set<number>();
    for (const it of items) for (const d of it(year, month, last)) days.add(d);
    return days;
  };
}

export const parseDayOfMonth = (text: string): DaySpec => daySpec(text, dayOfMonthItem);
export const parseDayOfWeek = (text: string): DaySpec => daySpec(text, dayOfWeekItem);
