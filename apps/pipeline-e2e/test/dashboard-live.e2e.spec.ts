import { WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { buildDashboardServer, createDashboardLoader, listen } from '@iot-timeseries/dashboard';
import { buildFleet } from '@iot-timeseries/fleet';
import { timestreamSettings, toWriteRequests, type SensorReading } from '@iot-timeseries/schema';
import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { launchChromium } from './support/browser';
import { chartLayouts, layoutProblems, openDashboard } from './support/dashboard-page';

const ARTIFACTS = path.join(__dirname, '../../../test-artifacts/pipeline-e2e');
const INTERVAL_MS = 2000;

/** Five healthy devices that started 70 s ago and have reported every 2 s since: a fleet one minute after `npm start`. */
function healthyFleetSince(start: number, now: number): SensorReading[] {
  return buildFleet(5).flatMap((d, i) =>
    Array.from({ length: Math.floor((now - start) / INTERVAL_MS) + 1 }, (_, k) => ({
      deviceId: d.deviceId,
      location: d.location,
      time: start + k * INTERVAL_MS,
      timeFromReceipt: false,
      measures: { temperature: 20 + i + (k % 5) / 10, humidity: 45 + i, pressure: 1010 + i, vibration: 0.02 + i / 100 },
    })),
  );
}

describe('the dashboard one minute after a healthy fleet started (real queries against the local Timestream server)', () => {
  let ts: TestTimestream;
  let server: Server;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    ts = await startTestTimestream({ tables: [{ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName }] });
    const now = Date.now();
    const writer = ts.writeClient();
    // The fleet goes on reporting while the browser starts and the page loads (readings up to two minutes ahead), so
    // every bin that has ended by the time the page asks is full however slowly the machine gets there.
    for (const plan of toWriteRequests(healthyFleetSince(now - 70_000, now + 120_000), { databaseName: timestreamSettings.databaseName, tableName: timestreamSettings.tableName })) {
      await writer.send(new WriteRecordsCommand(plan.input));
    }
    const fleetStats = { elapsedMs: 70_000, devices: 5, silentDevices: 0, messagesSent: 175, messagesPerSecond: 2.5, duplicates: 0, late: 0, invalid: 0, anomalies: 0, failedSends: 0 };
    server = await buildDashboardServer({
      title: 'Sensor fleet — live',
      refreshMs: 60_000,
      loadModel: createDashboardLoader({ queryClient: ts.queryClient(), source: ts.endpoint, windowMinutes: 15, expectedIntervalMs: INTERVAL_MS, fleet: { stats: () => fleetStats }, targetDescription: 'seeded readings' }),
    });
    url = `http://127.0.0.1:${await listen(server, 0)}/`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    await ts?.close();
  });

  it('shows every healthy device complete over the bins that have ended, charts inside their cards, ticks that differ', async () => {
    const { page, problems } = await openDashboard(browser, url, 1400);
    await page.waitForLoadState('networkidle');
    const bars = await page.locator('#completeness .bar-row').allInnerTexts();
    expect(bars.map((b) => b.split(/\s+/)[0])).toEqual(['sensor-001', 'sensor-002', 'sensor-003', 'sensor-004', 'sensor-005']);
    for (const bar of bars) expect(bar).toMatch(/100\.0 %$/);
    const layouts = await chartLayouts(page);
    expect(layouts).toHaveLength(4);
    expect(layoutProblems(layouts)).toEqual([]);
    // About one minute of data: ticks seconds apart, each reading differently.
    for (const l of layouts) for (const tick of l.ticks) expect(tick).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    expect(await page.locator('#stale').innerText()).toContain('Every device is reporting');
    expect(problems).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-live-first-minute.png'), fullPage: true });
    await page.close();
  }, 60_000);
});
