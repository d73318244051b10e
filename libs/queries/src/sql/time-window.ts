import { QueryParameterError } from '../errors';
import { duration, durationLiteral, type Duration } from './duration';
import { templateToken, type TemplateToken } from './template';

/**
 * A time range a front end fills in: a predicate on the unqualified `time` column
 * (`$__timeFilter`) and the range's bounds as epoch milliseconds (`$__timeFrom`, `$__timeTo`).
 */
export interface TimeRangeTemplate {
  readonly kind: 'time-range-template';
  readonly filter: TemplateToken;
  readonly fromMs: TemplateToken;
  readonly toMs: TemplateToken;
}

/** The last `window` up to now (`10m`, `1d`), or a range a front end fills in. */
export type TimeWindow = string | Duration | TimeRangeTemplate;

export function isTimeRangeTemplate(window: TimeWindow): window is TimeRangeTemplate {
  return typeof window === 'object' && (window as { kind?: unknown }).kind === 'time-range-template';
}

function checkedTemplate(window: TimeRangeTemplate, parameter: string): TimeRangeTemplate {
  for (const key of ['filter', 'fromMs', 'toMs'] as const) {
    if (window[key]?.kind !== 'template') throw new QueryParameterError(`${parameter}.${key} must be a template token`);
  }
  return window;
}

/** `time >= ago(10m)`, or the front end's filter (`$__timeFilter`; `r.time BETWEEN ...` for an alias). */
export function timeCondition(window: TimeWindow, parameter: string, alias = ''): string {
  const column = alias ? `${alias}.time` : 'time';
  if (!isTimeRangeTemplate(window)) return `${column} >= ago(${durationLiteral(duration(window, parameter))})`;
  const t = checkedTemplate(window, parameter);
  return alias ? `${column} BETWEEN from_milliseconds(${t.fromMs.text}) AND from_milliseconds(${t.toMs.text})` : t.filter.text;
}

/** Where the window ends: `now()`, or the end of the front end's range (never later than now). */
export function windowEnd(window: TimeWindow, parameter: string): string {
  if (!isTimeRangeTemplate(window)) {
    duration(window, parameter);
    return 'now()';
  }
  return `least(now(), from_milliseconds(${checkedTemplate(window, parameter).toMs.text}))`;
}

/** Checks a window: a duration is parsed (naming the parameter), a template range is kept. */
export function timeWindow(window: TimeWindow, parameter: string): TimeWindow {
  return isTimeRangeTemplate(window) ? checkedTemplate(window, parameter) : duration(window, parameter);
}

/** A front end's time range from its three tokens, e.g. `$__timeFilter`, `$__timeFrom`, `$__timeTo`. */
export function timeRangeTemplate(filter: string, fromMs: string, toMs: string): TimeRangeTemplate {
  return { kind: 'time-range-template', filter: templateToken(filter, 'filter'), fromMs: templateToken(fromMs, 'fromMs'), toMs: templateToken(toMs, 'toMs') };
}
