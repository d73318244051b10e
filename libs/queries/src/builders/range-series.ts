import { rollupColumn, rollupSettings } from '@iot-timeseries/schema';
import { built, type BuiltQuery } from './built-query';
import type { AnalyticOptions, TimestampValue } from './common';
import { chooseSource, type RangeSource } from '../rollups/choose-source';
import { rollupCompleteUntil, rollupTableRef, windowStart, type RollupReadOptions } from '../rollups/rollup-tables';
import { duration, durationLiteral, durationMs, type Duration } from '../sql/duration';
import { quoteIdentifier, stringLiteral } from '../sql/escape';
import { deviceFilterSql, measureColumn, measureList } from '../sql/filters';
import { multiMeasureName, tableRef } from '../sql/table';
import { isTimeRangeTemplate, timeCondition, timeWindow, type TimeWindow } from '../sql/time-window';
import { QueryParameterError } from '../errors';

export interface RangeSeriesOptions extends AnalyticOptions, RollupReadOptions {
  /** How far back (default 1d), or a front end's time range. */
  window?: TimeWindow;
  /** Bin width (default 1h). */
  interval?: string | Duration;
  /** Measures (default: the whole catalogue). */
  measures?: readonly string[];
  /** Which statistics of each measure the rows carry (default all four): a chart of averages asks for `['avg']` and gets a quarter of the columns. */
  statistics?: readonly SeriesStatistic[];
  /**
   * `auto` (default): `chooseSource` for the window and the bin; `raw`; or a measure rollup's id (`rollup-1m`,
   * `rollup-1h`), which a front end's time range needs.
   */
  source?: 'auto' | 'raw' | string;
  /**
   * Only the first this many devices (by id) that have readings in the window, picked by the query itself (a chart
   * that shows a few devices need not first ask which there are); besides `devices` and `locations` when given.
   */
  firstDevices?: number;
}

/** The statistics a range series has of each measure. */
export const SERIES_STATISTICS = ['avg', 'min', 'max', 'count'] as const;
export type SeriesStatistic = (typeof SERIES_STATISTICS)[number];

/** The statistics asked for, in SERIES_STATISTICS order; fails naming the parameter. */
function seriesStatistics(asked: readonly string[] | undefined): SeriesStatistic[] {
  if (asked === undefined) return [...SERIES_STATISTICS];
  const unknown = asked.filter((s) => !(SERIES_STATISTICS as readonly string[]).includes(s));
  if (unknown.length > 0 || asked.length === 0) throw new QueryParameterError(`statistics must be some of ${SERIES_STATISTICS.join(', ')}, got ${JSON.stringify(asked)}`);
  return SERIES_STATISTICS.filter((s) => asked.includes(s));
}

/** One row per device and bin: each measure's avg, min, max and count in the bin (the statistics asked for). */
export type RangeSeriesRow = { device_id: string; location: string; bin_time: TimestampValue } & Record<string, number | bigint | null>;

/** The source the options ask for (named or chosen); fails naming the parameter. */
export function rangeSource(options: RangeSeriesOptions, window: TimeWindow, interval: Duration): RangeSource {
  const settings = options.rollups ?? rollupSettings;
  const source = options.source ?? 'auto';
  if (source === 'raw') return { kind: 'raw' };
  if (source === 'auto') {
    if (isTimeRangeTemplate(window)) throw new QueryParameterError(`source must be raw, ${settings.perMinute.id} or ${settings.perHour.id} with a front end's time range (its length is not known when the query is built)`);
    return chooseSource(durationMs(duration(window, 'window')), durationMs(interval), settings);
  }
  const rollup = [settings.perMinute, settings.perHour].find((r) => r.id === source);
  if (!rollup) throw new QueryParameterError(`source must be auto, raw, ${settings.perMinute.id} or ${settings.perHour.id}, got ${JSON.stringify(source)}`);
  if (durationMs(interval) % (rollup.binMinutes * 60_000) !== 0) throw new QueryParameterError(`interval must be a whole number of ${rollup.id}'s ${rollup.binMinutes}-minute bins`);
  return { kind: 'rollup', rollup };
}

/**
 * avg/min/max/count of each measure per device and `bin(time, interval)` over the window, from the raw
 * readings or from a measure rollup (whichever `source` picks). From a rollup, the bins its runs have
 * completed come from the rollup table (an average weighted by the counts, so a coarser bin equals the raw
 * answer) and the rest from the readings, so the newest minutes are always there.
 */
export function rangeSeries(options: RangeSeriesOptions = {}): BuiltQuery<RangeSeriesRow> {
  const window = timeWindow(options.window ?? '1d', 'window');
  const interval = duration(options.interval ?? '1h', 'interval');
  const source = rangeSource(options, window, interval);
  const measures = measureList(options.measures, options.catalogue);
  const statistics = seriesStatistics(options.statistics);
  const bin = `bin(time, ${durationLiteral(interval)})`;
  // whole bins: a relative window starts at the start of its first bin (a front end's range is its own)
  const since = isTimeRangeTemplate(window) ? timeCondition(window, 'window') : `time >= bin(${windowStart(window, 'window')}, ${durationLiteral(interval)})`;
  const first = options.firstDevices;
  if (first !== undefined && (!Number.isInteger(first) || first < 1)) throw new QueryParameterError('firstDevices must be a positive whole number');
  const filters = (measureName: string, extra?: string) => `WHERE measure_name = ${stringLiteral(measureName)}\n  AND ${since}${extra ? ` AND ${extra}` : ''}${deviceFilterSql(options)}`;
  const where = (measureName: string, extra?: string) => filters(measureName, extra) + (first === undefined ? '' : ' AND device_id IN (SELECT device_id FROM shown)');
  // the devices shown: the first ones by id among those in the window's parts (each part's filters without the choice)
  const shown = (parts: Array<[table: string, measureName: string, extra?: string]>) =>
    first === undefined
      ? ''
      : `shown AS (\nSELECT device_id FROM (\n${parts.map(([table, name, extra]) => `SELECT DISTINCT device_id FROM ${table}\n${filters(name, extra)}`).join('\nUNION\n')}\n)\nORDER BY device_id\nLIMIT ${first}\n)`;
  const q = (name: string) => quoteIdentifier(name, 'measure');
  const group = `GROUP BY device_id, location, ${bin}`;
  if (source.kind === 'raw') {
    const stats = measures.map((m) => {
      const c = measureColumn(m, options.catalogue);
      return `  ${statistics.map((s) => `${s}(${c}) AS ${q(rollupColumn(m, s))}`).join(', ')}`;
    });
    const choice = shown([[tableRef(options), multiMeasureName(options)]]);
    const sql = [...(choice ? [`WITH ${choice}`] : []), `SELECT device_id, location, ${bin} AS bin_time,`, stats.join(',\n'), `FROM ${tableRef(options)}`, where(multiMeasureName(options)), group, 'ORDER BY bin_time, device_id, location'].join('\n');
    return built('range-series', sql);
  }
  const settings = options.rollups ?? rollupSettings;
  const until = rollupCompleteUntil(source.rollup);
  const partial = (m: string) => ['sum', 'count', 'min', 'max'].map((p) => q(`${m}__${p}`));
  // the partial sums each part gives: what the statistics asked for need (an average needs the sum and the count)
  const parts = (['sum', 'count', 'min', 'max'] as const).filter((p) => (p === 'sum' ? statistics.includes('avg') : p === 'count' ? statistics.includes('avg') || statistics.includes('count') : statistics.includes(p)));
  const fromRollup = measures.map((m) => {
    const [sum, count, min, max] = partial(m);
    const [avgC, countC, minC, maxC] = (['avg', 'count', 'min', 'max'] as const).map((s) => q(rollupColumn(m, s)));
    const expressions = { sum: `sum(${avgC} * ${countC}) AS ${sum}`, count: `sum(${countC}) AS ${count}`, min: `min(${minC}) AS ${min}`, max: `max(${maxC}) AS ${max}` };
    return `  ${parts.map((p) => expressions[p]).join(', ')}`;
  });
  const fromReadings = measures.map((m) => {
    const [sum, count, min, max] = partial(m);
    const c = measureColumn(m, options.catalogue);
    const expressions = { sum: `sum(${c}) AS ${sum}`, count: `count(${c}) AS ${count}`, min: `min(${c}) AS ${min}`, max: `max(${c}) AS ${max}` };
    return `  ${parts.map((p) => expressions[p]).join(', ')}`;
  });
  const combined = measures.map((m) => {
    const [sum, count, min, max] = partial(m);
    const expressions: Record<SeriesStatistic, string> = { avg: `sum(${sum}) / nullif(sum(${count}), 0)`, min: `min(${min})`, max: `max(${max})`, count: `sum(${count})` };
    return `  ${statistics.map((s) => `${expressions[s]} AS ${q(rollupColumn(m, s))}`).join(', ')}`;
  });
  const choice = shown([
    [rollupTableRef(source.rollup, options), settings.measureName, `time < ${until}`],
    [tableRef(options), multiMeasureName(options), `time >= ${until}`],
  ]);
  const sql = [
    `WITH ${choice ? `${choice}, ` : ''}parts AS (`,
    `SELECT device_id, location, ${bin} AS bin_time,`,
    fromRollup.join(',\n'),
    `FROM ${rollupTableRef(source.rollup, options)}`,
    where(settings.measureName, `time < ${until}`),
    group,
    'UNION ALL',
    `SELECT device_id, location, ${bin} AS bin_time,`,
    fromReadings.join(',\n'),
    `FROM ${tableRef(options)}`,
    where(multiMeasureName(options), `time >= ${until}`),
    group,
    ')',
    'SELECT device_id, location, bin_time,',
    combined.join(',\n'),
    'FROM parts',
    'GROUP BY device_id, location, bin_time',
    'ORDER BY bin_time, device_id, location',
  ].join('\n');
  return built('range-series', sql);
}
