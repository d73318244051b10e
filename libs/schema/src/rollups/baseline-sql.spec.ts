import { SchemaError } from '../errors';
import { BASELINE_POOLED_UNTIL_COLUMN, baselinePooledUntil, baselineRollupSql } from './baseline-sql';
import { baselineSourceRollup, rollupSettings } from './rollup-settings';
import { rollupScheduledQueries } from './scheduled-queries';

describe('the baseline rollup', () => {
  const baseline = rollupSettings.baseline;
  const sql = baselineRollupSql(baseline);

  it('pools the hourly rollup for the window in use and the next one, up to the bins its later runs no longer re-compute', () => {
    expect(baselineSourceRollup()).toBe(rollupSettings.perHour);
    expect(sql).toContain('UNNEST(ARRAY[bin(@scheduled_runtime, 1h) - 168h, bin(@scheduled_runtime, 1h) - 167h]) AS t (window_start)');
    expect(sql).toContain(`FROM "${rollupSettings.databaseName}"."${rollupSettings.perHour.table.tableName}" b CROSS JOIN starts s`);
    expect(baselinePooledUntil(baseline, '@scheduled_runtime')).toBe('bin(@scheduled_runtime, 1h) - 6h');
    // bins after that still name the device (a row of count 0), and count for nothing
    expect(sql).toContain('if(b.time < bin(@scheduled_runtime, 1h) - 6h, b."temperature_count", 0) AS "temperature__n"');
    expect(sql).toContain('AND b.time >= bin(@scheduled_runtime, 1h) - 168h AND b.time <= @scheduled_runtime AND b.time >= s.window_start');
    // M2 = ΣM2ᵢ + Σnᵢ·(meanᵢ − mean)², unknown where a bin has none
    expect(sql).toContain(
      'if(count_if(b."pressure__n" > 0 AND b."pressure__m2" IS NULL) = 0, sum(if(b."pressure__n" > 0, b."pressure__m2")) + sum(if(b."pressure__n" > 0, b."pressure__n" * (b."pressure__mean" - t."pressure__mean") * (b."pressure__mean" - t."pressure__mean")))) AS "pressure_m2"',
    );
    expect(sql).toContain(`to_milliseconds(bin(@scheduled_runtime, 1h) - 6h) AS ${BASELINE_POOLED_UNTIL_COLUMN}`);
    expect(sql).toMatchSnapshot();
  });

  it('is written as one multi-measure record per device and window start, its counts and end as BIGINT', () => {
    const query = rollupScheduledQueries({ environment: 'dev' }).find((q) => q.rollup.id === baseline.id);
    const mappings = query?.target.MultiMeasureMappings;
    expect(mappings?.TargetMultiMeasureName).toBe('baseline');
    const types = Object.fromEntries(mappings?.MultiMeasureAttributeMappings?.map((m) => [m.SourceColumn, m.MeasureValueType]) ?? []);
    expect(types).toMatchObject({ temperature_count: 'BIGINT', temperature_avg: 'DOUBLE', temperature_m2: 'DOUBLE', [BASELINE_POOLED_UNTIL_COLUMN]: 'BIGINT' });
    expect(Object.keys(types)).toHaveLength(4 * 3 + 1);
    expect(query?.target.TableName).toBe(baseline.table.tableName);
  });

  it('refuses settings it cannot pool, naming the field', () => {
    expect(() => baselineRollupSql({ ...baseline, sourceRollupId: 'rollup-2h' })).toThrow(new SchemaError('rollup baseline-7d: sourceRollupId must name a measure rollup (rollup-1m, rollup-1h), got "rollup-2h"'));
    expect(() => baselineRollupSql({ ...baseline, binMinutes: 30 })).toThrow(/binMinutes must be its source's \(rollup-1h: 60\), got 30/);
    expect(() => baselineRollupSql({ ...baseline, windowMinutes: 300 })).toThrow(/windowMinutes must be a whole number of bins longer than rollup-1h's overlap \(360\), got 300/);
  });
});
