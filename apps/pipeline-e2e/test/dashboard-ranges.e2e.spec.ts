import { WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { buildDashboardServer, createDashboardLoader, listen, type DashboardModel } from '@iot-timeseries/dashboard';
import { backfillRollups, provisionRollups } from '@iot-timeseries/queries/testing';
import { timestreamSettings, toWriteRequests, type SensorReading } from '@iot-timeseries/schema';
import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { launchChromium } from './support/browser';
import { chartLayouts, layoutProblems, openDashboard } from './support/dashboard-page';

const ARTIFACTS = path.join(__dirname, '../../../test-artifacts/pipeline-e2e');
const MINUTE = 60_000;
const DAY = 86_400_000;

/** Three devices for 31 days: a reading a minute over the last 26 hours, one every 30 minutes before; sensor-003 silent two hours a day ago. */
function monthOfReadings(now: number): SensorReading[] {
  const out: SensorReading[] = [];
  const start = Math.floor((now - 31 * DAY) / MINUTE) * MINUTE;
  for (const [d, deviceId] of ['sensor-001', 'sensor-002', 'sensor-003'].entries()) {
    for (let t = start; t < now - MINUTE; t += t < now - 26 * 3_600_000 ? 30 * MINUTE : MINUTE) {
      if (deviceId === 'sensor-003' && t > now - 26 * 3_600_000 && t < now - 24 * 3_600_000) continue;
      const day = Math.sin((t / DAY) * 2 * Math.PI);
      out.push({ deviceId, location: `hall-${d + 1}`, time: t + d * 1000, timeFromReceipt: false, measures: { temperature: 20 + d + 3 * day, humidity: 45 + 5 * day, pressure: 1010 + d, vibration: 0.02 + d / 100 } });
    }
  }
  return out;
}

describe('the dashboard range selector (long ranges read the rollups) in Chromium', () => {
  let ts: TestTimestream;
  let server: Server;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    ts = await startTestTimestream({
      tables: [{ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName, RetentionProperties: { MemoryStoreRetentionPeriodInHours: 24, MagneticStoreRetentionPeriodInDays: 365 }, MagneticStoreWriteProperties: { EnableMagneticStoreWrites: true } }],
    });
    const now = Date.now();
    const write = ts.writeClient();
    const query = ts.queryClient();
    const provisioned = await provisionRollups({ write, query }, { seedTimeMs: now - 32 * DAY, rollupSeedTimeMs: now });
    for (const plan of toWriteRequests(monthOfReadings(now), { databaseName: timestreamSettings.databaseName, tableName: timestreamSettings.tableName })) await write.send(new WriteRecordsCommand(plan.input));
    await backfillRollups(query, provisioned, now - 31 * DAY, now);
    const fleetStats = { elapsedMs: 31 * DAY, devices: 3, silentDevices: 0, messagesSent: 0, messagesPerSecond: 0, duplicates: 0, late: 0, invalid: 0, anomalies: 0, failedSends: 0 };
    server = await buildDashboardServer({
      title: 'Sensor fleet — ranges',
      refreshMs: 60_000,
      loadModel: createDashboardLoader({ queryClient: ts.queryClient(), source: ts.endpoint, windowMinutes: 15, expectedIntervalMs: MINUTE, fleet: { stats: () => fleetStats }, targetDescription: 'seeded readings' }),
    });
    url = `http://127.0.0.1:${await listen(server, 0)}/`;
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    await ts?.close();
  });

  const model = async (range: string) => (await (await fetch(`${url}api/dashboard?range=${range}`)).json()) as DashboardModel;

  it('switches 15 min, 6 h, 24 h, 7 d and 30 d: raw readings, then the minute and hourly rollups, charts inside their cards, dated ticks for days', async () => {
    const { page, problems } = await openDashboard(browser, url, 1400);
    expect(await page.locator('#ranges button').allInnerTexts()).toEqual(['15 min', '6 h', '24 h', '7 d', '30 d']);
    expect(await page.locator('#ranges button[aria-pressed="true"]').innerText()).toBe('15 min');
    expect(await page.getAttribute('body', 'data-range-source')).toBe('raw');

    const expected = { '6 h': ['6h', 'rollup-1m'], '24 h': ['24h', 'rollup-1m'], '7 d': ['7d', 'rollup-1h'], '30 d': ['30d', 'rollup-1h'] } as const;
    for (const [label, [id, source]] of Object.entries(expected)) {
      await page.locator('#ranges button', { hasText: new RegExp(`^${label}$`) }).click();
      await page.waitForSelector(`body[data-loaded="true"][data-range="${id}"]`, { timeout: 30_000 });
      expect(await page.getAttribute('body', 'data-range-source')).toBe(source);
      expect(await page.locator('#ranges button[aria-pressed="true"]').innerText()).toBe(label);
      expect(await page.locator('#status').innerText()).toContain(`last ${label} from ${source === 'rollup-1h' ? 'hourly' : 'per-minute'} rollup`);
      expect(await page.evaluate(() => location.hash)).toBe(`#range=${id}`);
      await page.waitForFunction(() => document.querySelectorAll('[data-chart][data-x-ticks]').length === 4);
      const layouts = await chartLayouts(page);
      expect(layoutProblems(layouts)).toEqual([]);
      // ranges of days label their ticks with dates (MM-DD), hours-long ones with times
      for (const l of layouts) for (const tick of l.ticks) expect(tick).toMatch(id.endsWith('d') ? /^(\d{2}-\d{2}( \d{2}:\d{2})?|\d{4}-\d{2}-\d{2})$/ : /^(\d{2}-\d{2} )?\d{2}:\d{2}$/);
      expect(await page.locator('#quality tbody tr[data-device]').count()).toBe(3);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-30d.png'), fullPage: true });

    await page.reload();
    await page.waitForSelector('body[data-loaded="true"][data-range="30d"]', { timeout: 30_000 });
    expect(await page.locator('#ranges button[aria-pressed="true"]').innerText()).toBe('30 d');
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it('the 30-day model spans the month in 3-hour bins from the hourly rollup, and the data quality of the day puts the device that fell silent first', async () => {
    const month = await model('30d');
    expect(month.binSeconds).toBe(3 * 3600);
    const times = month.charts.temperature.times;
    expect(times[0] * 1000).toBeLessThan(Date.now() - 29.9 * DAY);
    expect(times.length).toBeGreaterThanOrEqual(240);
    expect(month.charts.temperature.series.map((s) => s.deviceId)).toEqual(['sensor-001', 'sensor-002', 'sensor-003']);
    expect(month.charts.temperature.series[0].values.filter((v) => v === null).length).toBeLessThanOrEqual(1);
    const day = await model('24h');
    const silent = day.dataQuality?.worst[0];
    expect(silent).toMatchObject({ deviceId: 'sensor-003' });
    expect(silent?.silentMinutes).toBeGreaterThan(0);
  }, 60_000);
});
