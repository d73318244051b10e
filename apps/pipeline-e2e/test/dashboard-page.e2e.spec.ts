import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { buildDashboardServer, listen } from '@iot-timeseries/dashboard';
import { sampleModel } from '@iot-timeseries/dashboard/testing';
import { launchChromium } from './support/browser';

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

  it('renders KPIs, one chart per measure, tables, completeness and alarm states', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 10_000 });
    expect(errors).toEqual([]);
    expect(await page.locator('[data-chart] canvas').count()).toBe(4);
    expect(await page.locator('#anomalies tbody tr').first().innerText()).toContain('sensor-002');
    expect(await page.locator('#stale tbody tr').first().innerText()).toContain('sensor-003');
    expect(await page.locator('#latest tbody tr').count()).toBe(3);
    expect(await page.locator('.alarm.bad').innerText()).toContain('stale-devices');
    expect(await page.locator('.bar-row').count()).toBe(3);
    expect(await page.locator('#pipeline').innerText()).toContain('humidity N is outside N..N %RH');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-sample.png'), fullPage: true });
  }, 30_000);

  it('serves 404 for unknown paths and refuses other methods', async () => {
    expect((await fetch(url + 'nope')).status).toBe(404);
    expect((await fetch(url, { method: 'POST' })).status).toBe(405);
  });
});
