import { FROM, readings, scalar, tsText } from './fixture';
import { useSensorServer } from './sdk-datasets';

/** `AT TIME ZONE` through the SDK: the wall-clock time in a zone, as a TIMESTAMP. */
const { run, refuses, firstRow: one } = useSensorServer();

describe('AT TIME ZONE', () => {
  it('IANA names (any case), with daylight saving at that instant; offsets and intervals; nanoseconds kept', async () => {
    const summer = "TIMESTAMP '2024-07-01 12:00:00.123456789'";
    const { types, values } = await one(`SELECT ${summer} AT TIME ZONE 'America/New_York', TIMESTAMP '2024-01-15 12:00:00' AT TIME ZONE 'america/new_york',
      ${summer} AT TIME ZONE 'Asia/Kolkata', ${summer} AT TIME ZONE '+05:30', ${summer} AT TIME ZONE '-08:00', ${summer} AT TIME ZONE INTERVAL '2' HOUR,
      ${summer} AT TIME ZONE 'UTC', CAST(NULL AS timestamp) AT TIME ZONE 'Europe/Berlin'`);
    expect(types).toEqual(Array(8).fill('TIMESTAMP'));
    expect(values).toEqual([
      '2024-07-01 08:00:00.123456789', '2024-01-15 07:00:00.000000000', '2024-07-01 17:30:00.123456789', '2024-07-01 17:30:00.123456789',
      '2024-07-01 04:00:00.123456789', '2024-07-01 14:00:00.123456789', '2024-07-01 12:00:00.123456789', undefined,
    ]);
  });

  it('follows the clock change: New York skips from 01:59:59 EST to 03:00:00 EDT', async () => {
    const { values } = await one(`SELECT TIMESTAMP '2024-03-10 06:59:59' AT TIME ZONE 'America/New_York', TIMESTAMP '2024-03-10 07:00:00' AT TIME ZONE 'America/New_York'`);
    expect(values).toEqual(['2024-03-10 01:59:59.000000000', '2024-03-10 03:00:00.000000000']);
  });

  it('applies to table times and feeds the date functions (local hour, local day)', async () => {
    const { rows } = await run(`SELECT time AT TIME ZONE 'Asia/Tokyo' AS local, hour(time AT TIME ZONE 'Asia/Tokyo'),
      date_trunc('day', time AT TIME ZONE 'Pacific/Kiritimati') FROM ${FROM} WHERE device_id = 'dev-a' ORDER BY time`);
    const times = readings().filter((r) => r.device_id === 'dev-a').map((r) => r.time).sort((a, b) => a - b);
    expect(rows.map((r) => r.map(scalar))).toEqual(times.map((ms) => {
      const tokyo = ms + 9 * 3_600_000;
      const kiritimati = ms + 14 * 3_600_000;
      return [tsText(tokyo), String(new Date(tokyo).getUTCHours()), `${new Date(kiritimati).toISOString().slice(0, 10)} 00:00:00.000000000`];
    }));
  });
});

describe('AT TIME ZONE in GROUP BY', () => {
  it('groups by the local hour (the same expression in the select list and GROUP BY, ROLLUP too)', async () => {
    const hour = "date_trunc('hour', time AT TIME ZONE 'Asia/Kolkata')";
    const { rows } = await run(`SELECT ${hour} AS h, count(*) FROM ${FROM} GROUP BY ${hour} ORDER BY 1`);
    const counts = new Map<string, number>();
    for (const r of readings()) {
      const local = new Date(r.time + 5.5 * 3_600_000);
      local.setUTCMinutes(0, 0, 0);
      counts.set(tsText(local.getTime()), (counts.get(tsText(local.getTime())) ?? 0) + 1);
    }
    expect(rows.map((r) => r.map(scalar))).toEqual([...counts].sort().map(([h, n]) => [h, String(n)]));
    const rolled = await run(`SELECT ${hour} AS h, grouping(${hour}), count(*) FROM ${FROM} GROUP BY ROLLUP (${hour}) ORDER BY 2, 1`);
    expect(rolled.rows.at(-1)?.map(scalar)).toEqual([undefined, '1', String(readings().length)]);
  });
});

describe('refusals', () => {
  refuses([
    ["SELECT now() AT TIME ZONE 'Mars/Olympus'", 'line 1:27: Time zone not supported: Mars/Olympus'],
    ["SELECT now() AT TIME ZONE '+15:00'", 'line 1:27: Time zone not supported: +15:00'],
    ["SELECT DATE '2024-01-01' AT TIME ZONE 'UTC'", 'line 1:26: AT TIME ZONE takes a timestamp, not date'],
    [`SELECT time AT TIME ZONE location FROM ${FROM}`, "line 1:26: mismatched input 'location'. Expecting: <string>, INTERVAL"],
  ]);
});
