import { FROM, readings, scalar } from './fixture';
import { useSensorServer } from './sdk-datasets';

/** GROUP BY ROLLUP / CUBE / GROUPING SETS and GROUPING(), through the SDK against the sensor readings. */
const { run, refuses } = useSensorServer();

const all = readings();
const countWhere = (f: (r: (typeof all)[number]) => boolean): string => String(all.filter(f).length);
const rowsOf = async (sql: string) => {
  const { first, rows } = await run(sql);
  return { types: first.ColumnInfo?.map((c) => c.Type?.ScalarType), rows: rows.map((r) => r.map(scalar)) };
};

describe('ROLLUP, CUBE and GROUPING SETS', () => {
  it('ROLLUP (location, device_id): per device, per location and the grand total, told apart by grouping()', async () => {
    const { types, rows } = await rowsOf(`SELECT location, device_id, count(*) AS n, grouping(location, device_id) AS g FROM ${FROM}
      GROUP BY ROLLUP (location, device_id) ORDER BY g, location, device_id`);
    expect(types).toEqual(['VARCHAR', 'VARCHAR', 'BIGINT', 'BIGINT']);
    expect(rows).toEqual([
      ['hall', 'dev-c', countWhere((r) => r.device_id === 'dev-c'), '0'],
      ['lab', 'dev-a', countWhere((r) => r.device_id === 'dev-a'), '0'],
      ['lab', 'dev-b', countWhere((r) => r.device_id === 'dev-b'), '0'],
      ['hall', undefined, countWhere((r) => r.location === 'hall'), '1'],
      ['lab', undefined, countWhere((r) => r.location === 'lab'), '1'],
      [undefined, undefined, String(all.length), '3'],
    ]);
  });

  it('CUBE (location, device_id) adds the per-device level without location', async () => {
    const { rows } = await rowsOf(`SELECT grouping(location, device_id) AS g, location, device_id, count(*) FROM ${FROM}
      GROUP BY CUBE (location, device_id) ORDER BY 1, 2, 3`);
    // bit 0: device_id left out of the row's set, bit 1: location left out
    expect(rows.map((r) => r[0])).toEqual(['0', '0', '0', '1', '1', '2', '2', '2', '3']);
    expect(rows.filter((r) => r[0] === '2')).toEqual(['dev-a', 'dev-b', 'dev-c'].map((d) => ['2', undefined, d, countWhere((r) => r.device_id === d)]));
  });

  it('GROUPING SETS with () and a single-key set; HAVING and ORDER BY see grouping()', async () => {
    const { types, rows } = await rowsOf(`SELECT location, device_id, round(avg(temperature), 3) AS t FROM ${FROM}
      GROUP BY GROUPING SETS ((location), device_id, ()) HAVING grouping(device_id) = 1 ORDER BY grouping(location), location`);
    const avg = (f: (r: (typeof all)[number]) => boolean): string => {
      const xs = all.filter(f).map((r) => r.temperature);
      return String(Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1000) / 1000);
    };
    expect(types).toEqual(['VARCHAR', 'VARCHAR', 'DOUBLE']);
    expect(rows).toEqual([
      ['hall', undefined, avg((r) => r.location === 'hall')],
      ['lab', undefined, avg((r) => r.location === 'lab')],
      [undefined, undefined, avg(() => true)],
    ]);
  });

  it('plain keys combine with a ROLLUP as a cross product; GROUP BY DISTINCT drops repeated sets, ALL keeps them', async () => {
    const mixed = await rowsOf(`SELECT location, device_id, count(*) FROM ${FROM} GROUP BY location, ROLLUP (device_id) ORDER BY 1, 2`);
    expect(mixed.rows.map((r) => [r[0], r[1]])).toEqual([['hall', 'dev-c'], ['hall', undefined], ['lab', 'dev-a'], ['lab', 'dev-b'], ['lab', undefined]]);
    // ROLLUP (location) x ROLLUP (location) = (location, location), (location), (location), ()
    const repeated = `SELECT location, count(*) FROM ${FROM} GROUP BY %s ROLLUP (location), ROLLUP (location) ORDER BY 1`;
    expect((await rowsOf(repeated.replace('%s', 'ALL'))).rows).toHaveLength(2 + 2 + 2 + 1);
    expect((await rowsOf(repeated.replace('%s', 'DISTINCT'))).rows).toEqual([['hall', countWhere((r) => r.location === 'hall')], ['lab', countWhere((r) => r.location === 'lab')], [undefined, String(all.length)]]);
  });

  it('select-list positions name keys inside ROLLUP too', async () => {
    const { rows } = await rowsOf(`SELECT upper(location) AS l, grouping(upper(location)) AS g, count(*) FROM ${FROM} GROUP BY ROLLUP (1) ORDER BY g, l`);
    expect(rows).toEqual([['HALL', '0', '20'], ['LAB', '0', '40'], [undefined, '1', '60']]);
  });
});

describe('the same call in the select list, GROUP BY and GROUPING()', () => {
  it('is one expression, also for functions written with lambdas (human_readable_seconds)', async () => {
    const d = 'human_readable_seconds(length(location) * 60)';
    const { rows } = await rowsOf(`SELECT ${d} AS d, grouping(${d}) AS g, count(*) FROM ${FROM} GROUP BY ROLLUP (${d}) HAVING count(*) > 0 ORDER BY g, d`);
    expect(rows).toEqual([['3 minutes', '0', countWhere((r) => r.location === 'lab')], ['4 minutes', '0', countWhere((r) => r.location === 'hall')], [undefined, '1', String(all.length)]]);
  });
});

describe('refusals', () => {
  refuses([
    [`SELECT grouping(temperature) FROM ${FROM} GROUP BY location`, 'line 1:17: The arguments to GROUPING() must be expressions referenced by the GROUP BY at the associated query level'],
    [`SELECT grouping(location) FROM ${FROM}`, 'line 1:8: A GROUPING() operation can only be used with a corresponding GROUPING SET/CUBE/ROLLUP/GROUP BY clause'],
    [`SELECT count(*) FROM ${FROM} GROUP BY CUBE (${Array.from({ length: 12 }, () => 'location').join(', ')})`, 'line 1:1: GROUP BY has 4096 grouping sets but can contain at most 2048'],
    [`SELECT count(*) FROM ${FROM} GROUP BY ROLLUP (nope)`, "line 1:66: Column 'nope' does not exist"],
    [`SELECT count(*) FROM ${FROM} GROUP BY ROLLUP (location, 3)`, 'line 1:76: GROUP BY position 3 is not in select list'],
  ]);
});
