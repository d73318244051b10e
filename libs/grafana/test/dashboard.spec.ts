import { BarGaugeDisplayMode, DashboardCursorSync, LegendDisplayMode, ThresholdsMode, VariableRefresh, VariableSort, VisibilityMode, VizOrientation, type Dashboard as SchemaDashboard, type LegendPlacement, type Panel as SchemaPanel, type RowPanel as SchemaRowPanel } from '@grafana/schema';
import { MEASURE_NAMES, MEASURES, STALE_DEVICE_AFTER_SECONDS } from '@iot-timeseries/schema';
import { buildDashboard, DATASOURCE_INPUT, DATASOURCE_UID, GrafanaOptionError, importableDashboard, provisionedDashboard, TIMESTREAM_PLUGIN, type TimestreamQuery } from '../src';

type AnyPanel = SchemaPanel | SchemaRowPanel;
const flat = (panels: readonly AnyPanel[] = []): SchemaPanel[] => panels.flatMap((p) => ('panels' in p && p.type === 'row' ? [p as SchemaPanel, ...p.panels] : [p as SchemaPanel]));
const targets = (p: SchemaPanel) => (p.targets ?? []) as unknown as TimestreamQuery[];

describe('the Grafana dashboard', () => {
  // Read as JSON, as Grafana reads it.
  const importable = JSON.parse(JSON.stringify(importableDashboard())) as SchemaDashboard & { __inputs: Array<Record<string, string>>; __requires: Array<Record<string, string>> };
  const panels = flat(importable.panels as AnyPanel[]);
  const byTitle = (title: string) => panels.find((p) => p.title === title) as SchemaPanel;

  const rollupRow = (importable.panels ?? []).find((p) => p.type === 'row') as SchemaRowPanel;

  it('has a time series panel per catalogue measure, binned by $__interval_ms over $__timeFilter, as long rows turned into series', () => {
    const series = panels.filter((p) => p.type === 'timeseries' && !rollupRow.panels.includes(p));
    expect(series.map((p) => p.title)).toEqual(MEASURE_NAMES.map((m) => `${m[0].toUpperCase()}${m.slice(1)} (${MEASURES[m].unit})`));
    for (const [i, p] of series.entries()) {
      const [t] = targets(p);
      expect(t).toMatchObject({ refId: 'A', queryType: 'raw', format: 1, database: '"iot-timeseries-db"', table: '"sensor-data"', measure: 'sensor_reading' });
      expect(t.rawQuery).toContain(`bin(time, $__interval_ms) AS bin_time, avg("${MEASURE_NAMES[i]}") AS "${MEASURE_NAMES[i]}"`);
      expect(t.rawQuery).toContain('FROM $__database.$__table');
      expect(t.rawQuery).toContain('AND $__timeFilter AND device_id IN ($device) AND location IN ($location)');
      expect(t.rawQuery).toMatch(/ORDER BY bin_time/);
    }
  });

  it('has the live page panels: latest readings, anomalies of every measure, stale devices, completeness', () => {
    expect(targets(byTitle('Latest readings'))[0].rawQuery).toMatch(/max_by\("temperature", if\("temperature" IS NOT NULL, time\)\)/);
    const anomalies = targets(byTitle('Anomalies'));
    expect(anomalies.map((t) => t.refId)).toEqual(['A', 'B', 'C', 'D']);
    anomalies.forEach((t, i) => expect(t.rawQuery).toContain(`AS z_score, '${MEASURE_NAMES[i]}' AS measure`));
    for (const t of anomalies) expect(t.rawQuery).toContain('r.time BETWEEN from_milliseconds($__timeFrom) AND from_milliseconds($__timeTo)');
    expect(byTitle('Anomalies').transformations?.[0]).toEqual({ id: 'merge', options: {} });
    expect(targets(byTitle('Stale devices'))[0].rawQuery).toContain(`HAVING max(time) < ago(${STALE_DEVICE_AFTER_SECONDS}s)`);
    const completeness = byTitle('Completeness');
    expect(completeness.type).toBe('bargauge');
    expect(targets(completeness)[0].rawQuery).toContain('/ $reading_interval_ms AS expected');
    expect(targets(completeness)[0].rawQuery).toContain('AND time < bin(least(now(), from_milliseconds($__timeTo)), 1m)');
    expect(completeness.fieldConfig?.defaults).toMatchObject({ unit: 'percentunit', min: 0, max: 1 });
  });

  it('fills the collapsed rollups row: hourly series of every measure from the hourly rollup, and the data quality', () => {
    expect(rollupRow).toMatchObject({ title: 'Long ranges (rollups)', collapsed: true });
    expect(rollupRow.panels.map((p) => [p.type, p.title])).toEqual([
      ['text', 'About these panels'],
      ...MEASURE_NAMES.map((m) => ['timeseries', `Hourly ${m} (${MEASURES[m].unit}, rollup)`]),
      ['table', 'Data quality (rollup)'],
    ]);
    for (const [i, p] of rollupRow.panels.filter((x) => x.type === 'timeseries').entries()) {
      const [t] = targets(p as SchemaPanel);
      expect(t).toMatchObject({ format: 1, database: '"iot-timeseries-db"', table: '"sensor-data"' });
      expect(t.rawQuery).toMatch(new RegExp(`^SELECT device_id, location, bin_time, "${MEASURE_NAMES[i]}_avg" AS "${MEASURE_NAMES[i]}"`));
      expect(t.rawQuery).toContain('FROM $__database."sensor-data-1h"');
      expect(t.rawQuery).toContain('AND $__timeFilter AND time < bin(bin(now() - 7m, 1h) + 5m, 1h) AND device_id IN ($device) AND location IN ($location)');
    }
    const [quality] = targets(rollupRow.panels.find((p) => p.type === 'table') as SchemaPanel);
    expect(quality.rawQuery).toContain('FROM $__database."data-quality-1h"');
    expect(quality.rawQuery).toContain('* 60000 / $reading_interval_ms AS expected');
    // the panels inside the row do not overlap
    const inner = rollupRow.panels.map((p) => p.gridPos as { x: number; y: number; w: number; h: number });
    for (const [i, g] of inner.entries()) for (const h of inner.slice(i + 1)) expect(g.x < h.x + h.w && h.x < g.x + g.w && g.y < h.y + h.h && h.y < g.y + g.h).toBe(false);
  });

  it('filters by location and device (multi-value, All at first), the devices narrowed by the chosen locations', () => {
    const [location, device, interval] = importable.templating?.list ?? [];
    expect(location).toMatchObject({ name: 'location', type: 'query', multi: true, includeAll: true, refresh: 2, current: { value: ['$__all'] } });
    expect(device).toMatchObject({ name: 'device', type: 'query', multi: true, includeAll: true, refresh: 2 });
    expect(location.query).toBe(`SELECT DISTINCT "location"\nFROM $__database.$__table\nWHERE measure_name = 'sensor_reading'\n  AND $__timeFilter\nORDER BY "location"`);
    expect(device.query).toContain('AND $__timeFilter AND location IN (${location:sqlstring})');
    expect(interval).toMatchObject({ name: 'reading_interval_ms', type: 'custom', current: { value: '2000' } });
  });

  it('asks for its data source on import (__inputs, ${DS_AWS_TIMESTREAM} everywhere) and lists what it requires', () => {
    expect(importable.__inputs).toEqual([expect.objectContaining({ name: DATASOURCE_INPUT, type: 'datasource', pluginId: TIMESTREAM_PLUGIN.id })]);
    const refs = [...panels.filter((p) => p.type !== 'row' && p.type !== 'text').map((p) => p.datasource), ...(importable.templating?.list ?? []).filter((v) => v.type === 'query').map((v) => v.datasource)];
    expect(refs.length).toBe(15);
    for (const ref of refs) expect(ref).toEqual({ type: TIMESTREAM_PLUGIN.id, uid: `\${${DATASOURCE_INPUT}}` });
    expect(importable.__requires.map((r) => `${r.type}:${r.id}`)).toEqual(['grafana:grafana', `datasource:${TIMESTREAM_PLUGIN.id}`, 'panel:bargauge', 'panel:table', 'panel:text', 'panel:timeseries']);
    expect(importable).toMatchObject({ uid: 'iot-timeseries-fleet', id: null, timezone: 'utc', time: { from: 'now-15m', to: 'now' } });
  });

  it('names the provisioned data source by its fixed uid, and nothing to import', () => {
    const provisioned = JSON.stringify(provisionedDashboard(DATASOURCE_UID));
    expect(provisioned).not.toContain('${DS_');
    expect(provisioned).not.toContain('__inputs');
    expect(provisioned).toContain(`"uid":"${DATASOURCE_UID}"`);
  });

  it('lays the panels out on the 24-column grid without overlaps, with unique ids', () => {
    const top = (importable.panels ?? []) as SchemaPanel[];
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    for (const [i, a] of top.entries()) {
      const g = a.gridPos as { x: number; y: number; w: number; h: number };
      expect(g.x + g.w).toBeLessThanOrEqual(24);
      for (const b of top.slice(i + 1)) {
        const h = b.gridPos as typeof g;
        expect(g.x < h.x + h.w && h.x < g.x + g.w && g.y < h.y + h.h && h.y < g.y + g.h).toBe(false);
      }
    }
  });

  it('refuses a reading interval the variable does not offer, naming the option', () => {
    expect(() => buildDashboard({ datasourceUid: 'x', readingIntervalMs: 1234 })).toThrow(GrafanaOptionError);
    expect(() => buildDashboard({ datasourceUid: 'x', readingIntervalMs: 1234 })).toThrow('readingIntervalMs must be one of 1000, 2000, 5000, 10000, 30000, 60000');
  });

  it("uses only values @grafana/schema's enums define, where the schema has one", () => {
    const member = (e: object, value: unknown) => expect(Object.values(e)).toContain(value);
    member(DashboardCursorSync, importable.graphTooltip);
    for (const v of importable.templating?.list ?? []) {
      if (v.refresh !== undefined) member(VariableRefresh, v.refresh);
      if (v.sort !== undefined) member(VariableSort, v.sort);
    }
    for (const p of panels) {
      const options = (p.options ?? {}) as { legend?: { displayMode: string; placement: string }; displayMode?: string; orientation?: string };
      if (options.legend) {
        member(LegendDisplayMode, options.legend.displayMode);
        expect(['bottom', 'right'] satisfies LegendPlacement[]).toContain(options.legend.placement);
      }
      if (p.type === 'bargauge') {
        member(BarGaugeDisplayMode, options.displayMode);
        member(VizOrientation, options.orientation);
      }
      const custom = (p.fieldConfig?.defaults.custom ?? {}) as { showPoints?: string };
      if (custom.showPoints) member(VisibilityMode, custom.showPoints);
      if (p.fieldConfig?.defaults.thresholds) member(ThresholdsMode, p.fieldConfig.defaults.thresholds.mode);
      expect(Object.keys(p.gridPos ?? {}).sort()).toEqual(['h', 'w', 'x', 'y']);
    }
  });

  it('matches the reviewed dashboard JSON (snapshot)', () => {
    expect(importable).toMatchSnapshot();
  });
});
