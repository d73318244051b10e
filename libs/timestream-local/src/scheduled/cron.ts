import { parseDayOfMonth, parseDayOfWeek, type DaySpec } from './cron-days';
import { FIELDS, parseNumericField } from './cron-fields';
import { ScheduleExpressionError } from './errors';

/** A parsed six-field EventBridge cron expression (UTC). */
export interface CronSchedule {
  minutes: number[];
  hours: number[];
  months: number[];
  years: number[];
  days: DaySpec;
}

const MINUTE_MS = 60_000;

/** Parses `min hour day-of-month month day-of-week year`; exactly one of the day fields must be `?`. */
export function parseCron(fields: string): CronSchedule {
  const parts = fields.trim().split(/\s+/);
  if (parts.length !== 6) throw new ScheduleExpressionError(`a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), got ${parts.length}`);
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = parts;
  for (const [text, name] of [[minutes, 'Minutes'], [hours, 'Hours'], [month, 'Month'], [year, 'Year']] as const) {
    if (text.includes('?')) throw new ScheduleExpressionError(`${name} cannot be ?; only Day-of-month or Day-of-week can`);
  }
  const domAny = dayOfMonth === '?';
  const dowAny = dayOfWeek === '?';
  if (domAny === dowAny) {
    throw new ScheduleExpressionError('exactly one of Day-of-month and Day-of-week must be ? (a value or * in one of them needs a ? in the other)');
  }
  return {
    minutes: parseNumericField(minutes, FIELDS.minutes),
    hours: parseNumericField(hours, FIELDS.hours),
    months: parseNumericField(month, FIELDS.month),
    years: parseNumericField(year, FIELDS.year),
    days: domAny ? parseDayOfWeek(dayOfWeek) : parseDayOfMonth(dayOfMonth),
  };
}

const firstAtLeast = (values: number[], min: number): number | undefined => values.find((v) => v >= min);

/** The first instant strictly after `afterMs` (epoch ms) the expression matches, or undefined when none is left (year 2199 passed). */
export function nextCronInstant(cron: CronSchedule, afterMs: number): number | undefined {
  const start = new Date((Math.floor(afterMs / MINUTE_MS) + 1) * MINUTE_MS);
  const [sy, sm, sd, sh, smin] = [start.getUTCFullYear(), start.getUTCMonth() + 1, start.getUTCDate(), start.getUTCHours(), start.getUTCMinutes()];
  for (const year of cron.years) {
    if (year < sy) continue;
    for (const month of cron.months) {
      if (year === sy && month < sm) continue;
      const sameMonth = year === sy && month === sm;
      const days = [...cron.days(year, month)].sort((a, b) => a - b);
      for (const day of days) {
        if (sameMonth && day < sd) continue;
        const sameDay = sameMonth && day === sd;
        for (const hour of cron.hours) {
          if (sameDay && hour < sh) continue;
          const minute = firstAtLeast(cron.minutes, sameDay && hour === sh ? smin : 0);
          if (minute !== undefined) return Date.UTC(year, month - 1, day, hour, minute);
        }
      }
    }
  }
  return undefined;
}
