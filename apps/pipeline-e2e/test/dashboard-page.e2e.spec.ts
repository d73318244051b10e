import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { buildDashboardServer, listen, type DashboardModel } from '@iot-timeseries/dashboard';
import { sampleModel } from '@iot-timeseries/dashboard/testing';
import { launchChromium } from './support/browser';
import { chartLayouts, horizontalOverflow, layoutProblems, openDashboard } from './support/dashboard-page';

const ARTIFACTS = path.join(__dirname, '../../../test-artifacts/pipeline-e2e');

describe('dashboard page (sample model)', () => {
  let server: Server;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    server = await buildDashboardServer({ title: 'Sensor fleet', refreshMs: 60_000, loadModel: async () => sampleModel() });
    url = `http://127.0.0.1:${await listen(server, 0)}/`;
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  /** Opens the page of a dashboard server of its own whose model is `loadModel`'s, at 1400 px; the server is closed after `check`. */
  const withOwnModel = async (loadModel: () => Promise<DashboardModel>, check: (opened: Awaited<ReturnType<typeof openDashboard>>) => Promise<void>) => {
    const own = await buildDashboardServer({ title: 'Sensor fleet', refreshMs: 60_000, loadModel });
    try {
      await check(await openDashboard(browser, `http://127.0.0.1:${await listen(own, 0)}/`, 1400));
    } finally {
      await new Promise((r) => own.close(r));
    }
  };

  it('renders KPIs, one chart per measure, tables, completeness and alarm states, with no error and no failed request', async () => {
    const { page, problems } = await openDashboard(browser, url, 1400);
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
    expect(await page.locator('[data-chart] canvas').count()).toBe(4);
    expect(await page.locator('#anomalies tbody tr').first().innerText()).toContain('sensor-002');
    expect(await page.locator('#stale tbody tr').first().innerText()).toContain('sensor-003');
    expect(await page.locator('#latest tbody tr').count()).toBe(3);
    expect(await page.locator('.alarm.bad').innerText()).toContain('stale-devices');
    expect(await page.locator('.bar-row').count()).toBe(3);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-sample.png'), fullPage: true });
    await page.close();
  }, 30_000);

  it('lists open alerts with the predicted failure and its lead time, and draws the forecast on every chart', async () => {
    const { page, problems } = await openDashboard(browser, url, 1400);
    await page.waitForFunction(() => document.querySelectorAll('[data-chart][data-forecasts]').length === 4);
    const rows = page.locator('#alerts tbody tr');
    expect(await rows.count()).toBe(2);
    const failure = page.locator('#alerts tr[data-kind="failure-predicted"]');
    expect(await failure.innerText()).toMatch(/sensor-002\s+failure-predicted: vibration-wear\s+critical\s+\d{2}:\d{2}:\d{2}\s+\d{2}:\d{2}:\d{2}\s+45 min/);
    expect(await page.locator('#kpis').innerText()).toMatch(/2\s+Active alerts/);
    for (const card of await page.locator('[data-chart]').all()) {
      expect(await card.getAttribute('data-forecasts')).toMatch(/^sensor-002@\d+$/);
      // uPlot's legend names the dashed forecast series beside the device's own
      expect(await card.locator('.u-legend').innerText()).toContain('sensor-002 forecast');
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 30_000);

  it('keeps the readings the chart\'s width: a forecast far ahead is drawn towards the edge, a near one in full', async () => {
    const now = Date.now();
    const lastReading = Math.floor(now / 1000);
    const span = 590; // sampleModel: 60 readings 10 s apart
    for (const [ahead, expectedMax] of [
      [3600, lastReading + span * 0.25],
      [60, lastReading + 60],
    ] as const) {
      await withOwnModel(async () => sampleModel(now, ahead), async ({ page, problems }) => {
        await page.waitForFunction(() => document.querySelectorAll('[data-chart][data-x-range]').length === 4);
        for (const card of await page.locator('[data-chart]').all()) {
          expect(await card.getAttribute('data-forecasts')).toBe(`sensor-002@${lastReading + ahead}`);
          const [min, max] = String(await card.getAttribute('data-x-range')).split(',').map(Number);
          expect(min).toBe(lastReading - span);
          expect(max).toBeCloseTo(expectedMax, 6);
        }
        expect(problems).toEqual([]);
        await page.close();
      });
    }
  }, 60_000);

  it('shows the range selector and the data-quality panel beside the alerts and the forecasts', async () => {
    const { page, problems } = await openDashboard(browser, url, 1400);
    await page.waitForFunction(() => document.querySelectorAll('[data-chart][data-forecasts]').length === 4);
    expect(await page.locator('#ranges button').allInnerTexts()).toEqual(['15 min', '6 h', '24 h', '7 d', '30 d']);
    expect(await page.locator('#ranges button[aria-pressed="true"]').innerText()).toBe('15 min');
    expect(await page.locator('#quality tbody tr[data-device]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-device')))).toEqual(['sensor-003', 'sensor-002', 'sensor-001']);
    expect(await page.locator('#quality-range').innerText()).toBe('last 15 min');
    expect(await page.locator('#alerts tbody tr').count()).toBe(2);
    expect(problems).toEqual([]);
    await page.close();
  }, 30_000);

  it('shows each put-aside reason with the reading value it was about, and how many were like it', async () => {
    const { page } = await openDashboard(browser, url, 1400);
    const row = page.locator('#pipeline tbody tr[data-reason-pattern]');
    expect(await row.count()).toBe(1);
    expect(await row.locator('td.reason').innerText()).toBe('humidity 140.5 is outside the plausible range 0..100 %RH');
    expect(await row.innerText()).toMatch(/sensor-002, \d{2}:\d{2}:\d{2}\s+1$/);
    expect(await page.locator('#pipeline').innerText()).not.toMatch(/\bN\b/);
    await page.close();
  }, 30_000);

  it.each([1024, 1400, 1920])('keeps every chart, its axis labels and legend inside its card at %i px, with distinct readable ticks', async (width) => {
    const { page, problems } = await openDashboard(browser, url, width, 1000);
    await page.waitForFunction(() => document.querySelectorAll('[data-chart][data-x-ticks]').length === 4);
    const layouts = await chartLayouts(page);
    expect(layouts.map((l) => l.measure)).toEqual(['temperature', 'humidity', 'pressure', 'vibration']);
    expect(layoutProblems(layouts)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    expect(problems).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, `dashboard-sample-${width}.png`), fullPage: true });
    await page.close();
  }, 30_000);

  it('refits the charts to their cards when the window is resized', async () => {
    const { page } = await openDashboard(browser, url, 1920, 1000);
    await page.setViewportSize({ width: 1024, height: 1000 });
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-chart]')).every((c) => (c.querySelector('.uplot')?.getBoundingClientRect().right ?? Infinity) <= c.getBoundingClientRect().right));
    expect(layoutProblems(await chartLayouts(page))).toEqual([]);
    await page.close();
  }, 30_000);

  it('says why the charts are empty when their query failed', async () => {
    const failing = async () => {
      const model = sampleModel();
      return { ...model, charts: {}, errors: { ...model.errors, charts: 'ValidationException: query timed out after 15000 ms' } };
    };
    await withOwnModel(failing, async ({ page, problems }) => {
      expect(await page.locator('#charts-note').innerText()).toBe('Query failed: ValidationException: query timed out after 15000 ms');
      expect(await page.locator('[data-chart] canvas').count()).toBe(0);
      expect(problems).toEqual([]);
      await page.close();
    });
  }, 30_000);

  it('says the window function is not running where its tables do not exist, as a notice and not a failure', async () => {
    const notice = "The window function is not running here (table 'iot-timeseries-db.device-events' does not exist): no alerts or forecasts.";
    await withOwnModel(async () => ({ ...sampleModel(), alerts: [], notices: { alerts: notice, forecasts: notice } }), async ({ page, problems }) => {
      const alerts = page.locator('#alerts');
      expect(await alerts.innerText()).toBe(notice);
      expect(await alerts.locator('.notice').count()).toBe(1);
      expect(await alerts.locator('.error').count()).toBe(0);
      // the charts are drawn all the same
      expect(await page.locator('[data-chart] canvas').count()).toBeGreaterThan(0);
      expect(problems).toEqual([]);
      await page.close();
    });
  }, 30_000);

  it('serves 404 for unknown paths and refuses other methods', async () => {
    expect((await fetch(url + 'nope')).status).toBe(404);
    expect((await fetch(url, { method: 'POST' })).status).toBe(405);
  });
});
