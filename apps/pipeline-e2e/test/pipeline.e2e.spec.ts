import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { anomalies, runQuery } from '@iot-timeseries/queries';
import { LOCAL_PLACEHOLDER_CREDENTIALS, timestreamSettings } from '@iot-timeseries/schema';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildDashboardServer, createDashboardLoader, listen } from '@iot-timeseries/dashboard';
import { buildFleet, Fleet, MqttTarget } from '@iot-timeseries/fleet';
import { LocalCloudClient, type SpawnedLocalCloud } from '@iot-timeseries/local-cloud-client';
import { launchChromium } from './support/browser';
import { chartLayouts, layoutProblems, openDashboard } from './support/dashboard-page';
import { startLocalCloudCli } from './support/local-cloud-cli';
import { until } from './support/until';

jest.setTimeout(240_000);

const ARTIFACTS = path.join(__dirname, '../../../test-artifacts/pipeline-e2e');
const table = `"${timestreamSettings.databaseName}"."${timestreamSettings.tableName}"`;

describe('the whole pipeline on one machine (local cloud + simulator)', () => {
  let dataDir: string;
  let cloudProcess: SpawnedLocalCloud;
  let cloud: LocalCloudClient;
  let query: TimestreamQueryClient;
  let fleet: Fleet;
  let target: MqttTarget;
  let running: Promise<void>;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'pipeline-e2e-'));
    cloudProcess = await startLocalCloudCli(
      ['--data-dir', dataDir, '--mqtt-port', '0', '--timestream-port', '0', '--http-port', '0', '--s3-port', '0', '--batch-window-ms', '200',
        '--stale-after-seconds', '3', '--stale-check-ms', '500', '--alarm-interval-ms', '500',
        '--alarm-overrides', JSON.stringify({ 'stale-devices': { periodSeconds: 2, evaluationPeriods: 1 } })],
      90_000,
    );
    cloud = new LocalCloudClient(cloudProcess.ready.health);
    query = new TimestreamQueryClient({ endpoint: cloudProcess.ready.timestream, region: 'us-east-1', credentials: LOCAL_PLACEHOLDER_CREDENTIALS });
    target = new MqttTarget({ url: cloudProcess.ready.mqtt });
    fleet = new Fleet(
      {
        devices: buildFleet(5),
        seed: 'e2e-seed-42',
        intervalMs: 100,
        durationMs: 12_000,
        ratePerSecond: 0,
        faults: { anomalyRate: 0.02, dropoutRate: 0, lateRate: 0.03, duplicateRate: 0.03, invalidRate: 0.02, failureRate: 0 },
        timeScale: 60,
        signalEpoch: Date.UTC(2026, 0, 1),
        stagger: true,
        failureRampReadings: 120,
        keepLedger: true,
        maxInFlight: 64,
      },
      target,
    );
    running = fleet.run();
  });

  afterAll(async () => {
    fleet?.stop();
    await running?.catch(() => undefined);
    query?.destroy();
    await cloudProcess?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores exactly the valid readings (duplicates collapsed) and puts every invalid message aside with its reason', async () => {
    await running;
    const sent = fleet.ledger.sent;
    const summary = fleet.ledger.summary;
    expect(summary.failedSends).toBe(0);
    expect(summary.duplicates).toBeGreaterThan(0);
    expect(summary.late).toBeGreaterThan(0);
    expect(summary.invalid).toBeGreaterThan(0);
    await cloud.waitUntilDrained(summary.messagesSent, 60_000);

    // A reading is stored when it was a reading, a late one, or an invalid one whose only fault was
    // one measure (the rest of that reading is valid); a bad timestamp refuses the whole message.
    const stored = new Set(
      sent.filter((o) => o.kind !== 'duplicate' && (o.kind !== 'invalid' || o.invalid !== 'bad-timestamp')).map((o) => `${o.deviceId}|${o.readingTime}`),
    );
    const count = async () => {
      const { rows } = await runQuery(query, `SELECT count(*) AS n FROM ${table} WHERE measure_name = '${timestreamSettings.multiMeasureName}' AND time > ago(1h)`);
      const n = Number(rows[0].n);
      return n === stored.size ? n : undefined;
    };
    expect(await until('every valid reading to be stored', count, 30_000)).toBe(stored.size);
    const { rows: distinct } = await runQuery(query, `SELECT count(*) AS n FROM (SELECT DISTINCT device_id, time FROM ${table} WHERE measure_name = '${timestreamSettings.multiMeasureName}' AND time > ago(1h))`);
    expect(Number(distinct[0].n)).toBe(stored.size);

    const letters = await until(
      'the dead letters',
      async () => {
        const lines = readdirSync(path.join(dataDir, 'dead-letters'))
          .flatMap((f) => readFileSync(path.join(dataDir, 'dead-letters', f), 'utf8').split('\n'))
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { reason?: string; reasons?: string[]; message?: unknown; payload?: unknown });
        return lines.length >= summary.invalid ? lines : undefined;
      },
      15_000,
    );
    expect(letters).toHaveLength(summary.invalid);
    for (const letter of letters) expect(JSON.stringify(letter)).toMatch(/outside the plausible range|must be a number|timestamp/);
  });

  it('finds the injected anomalies with the anomaly query', async () => {
    const injected = fleet.ledger.anomalies();
    expect(injected.length).toBeGreaterThan(0);
    for (const measure of new Set(injected.map((a) => a.measure))) {
      const { rows } = await runQuery(query, anomalies({ measure, baseline: '1h', recent: '1h', threshold: 2 }));
      const found = new Set(rows.map((r) => `${r.device_id}|${r.time.date.getTime()}`));
      for (const a of injected.filter((x) => x.measure === measure)) expect(found).toContain(`${a.deviceId}|${a.time}`);
    }
  });

  it('raises the stale-device alarm when a device stops and clears it when it resumes', async () => {
    const stale = async (state: string) => ((await cloud.alarms()).find((a) => a.id === 'stale-devices')?.state === state ? state : undefined);
    // The first fleet closed its connections when it finished: a second one keeps sending.
    target = new MqttTarget({ url: cloudProcess.ready.mqtt });
    fleet = new Fleet(fleetOptions(), target);
    running = fleet.run();
    await until('the stale-devices alarm to be OK while all report', () => stale('OK'), 30_000);
    fleet.stopDevice('sensor-002');
    await until('the stale-devices alarm to fire', () => stale('ALARM'), 40_000);
    fleet.resumeDevice('sensor-002');
    await until('the stale-devices alarm to clear', () => stale('OK'), 40_000);
  });

  it('shows the live pipeline on the dashboard in a real browser', async () => {
    const server: Server = await buildDashboardServer({
      title: 'Sensor fleet — e2e',
      refreshMs: 60_000,
      loadModel: createDashboardLoader({ queryClient: query, source: cloudProcess.ready.timestream, windowMinutes: 15, expectedIntervalMs: 100, fleet, targetDescription: target.description, cloud }),
    });
    const url = `http://127.0.0.1:${await listen(server, 0)}/`;
    const browser = await launchChromium();
    try {
      const { page, problems } = await openDashboard(browser, url, 1400);
      await page.waitForLoadState('networkidle');
      expect(problems).toEqual([]);
      expect(await page.locator('[data-chart] canvas').count()).toBe(4);
      expect(layoutProblems(await chartLayouts(page))).toEqual([]);
      expect(await page.locator('#latest tbody tr').count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator('#anomalies tbody tr').count()).toBeGreaterThan(0);
      // The invalid messages were put aside: each kind shows its latest reason with the value it was about.
      const reasons = await page.locator('#pipeline tbody tr[data-reason-pattern] td.reason').allInnerTexts();
      expect(reasons.length).toBeGreaterThan(0);
      const written = new Set((await cloud.pipeline()).recentPutAside.map((p) => p.reason));
      for (const reason of reasons) {
        expect(written).toContain(reason);
        expect(reason).not.toMatch(/\bN\b/);
        if (reason.includes('outside the plausible range')) expect(reason).toMatch(/^humidity \d+(\.\d+)? is outside the plausible range 0\.\.100 %RH/);
      }
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-e2e.png'), fullPage: true });
    } finally {
      await browser.close();
      await new Promise((r) => server.close(r));
    }
  });

  function fleetOptions() {
    return {
      devices: buildFleet(5),
      seed: 'e2e-seed-43',
      intervalMs: 250,
      durationMs: 120_000,
      ratePerSecond: 0,
      faults: { anomalyRate: 0, dropoutRate: 0, lateRate: 0, duplicateRate: 0, invalidRate: 0, failureRate: 0 },
      timeScale: 60,
      signalEpoch: Date.UTC(2026, 0, 1),
      stagger: true,
      failureRampReadings: 120,
      keepLedger: false,
      maxInFlight: 64,
    };
  }
});
