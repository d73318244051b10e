import { scoreAlerts, scoreForecasts } from '@iot-timeseries/analytics';
import { DEFAULT_FAULT_RATES, readGroundTruth } from '@iot-timeseries/fleet';
import { analyticsSettings } from '@iot-timeseries/schema';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readAlerts, readForecastedWindows } from './evaluate/read-results';
import { formatEvaluation, goalsMet } from './evaluate/report';
import { runEvaluationPipeline } from './evaluate/run-pipeline';

const ARTIFACTS = path.join(__dirname, '../../../test-artifacts/pipeline-e2e');

/**
 * `npx nx run pipeline-e2e:evaluate`: the predictive-maintenance evaluation. A seeded fleet runs
 * through the whole local pipeline (the local cloud CLI with the window function on, the built
 * Lambda bundle, MQTT) with an accelerated clock over a simulated day; the alerts in the events
 * table are scored against the fleet's ground truth and the forecasts in the windows table against
 * the windows that came. Bounded: the fleet runs `--duration` seconds, draining waits at most a few
 * minutes. Prints a Markdown table; writes it and the scores as JSON to test-artifacts/pipeline-e2e/.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      devices: { type: 'string', default: '200' },
      seed: { type: 'string', default: 'evaluate-1' },
      duration: { type: 'string', default: '480' },
      'time-scale': { type: 'string', default: '180' },
      interval: { type: 'string', default: '1' },
      'window-seconds': { type: 'string', default: '10' },
      'horizon-seconds': { type: 'string', default: '60' },
      'failure-rate': { type: 'string', default: String(DEFAULT_FAULT_RATES.failureRate) },
      keep: { type: 'boolean', default: false },
    },
  });
  const number = (name: keyof typeof values, min: number, max: number): number => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < min || n > max) throw new RangeError(`--${name} must be a number from ${min} to ${max}, got ${JSON.stringify(values[name])}`);
    return n;
  };
  const devices = number('devices', 1, 5000);
  const durationMs = number('duration', 10, 3600) * 1000;
  const timeScale = number('time-scale', 1, 100_000);
  const intervalMs = number('interval', 0.1, 60) * 1000;
  const windowSeconds = number('window-seconds', 1, 900);
  const horizonSeconds = number('horizon-seconds', 1, 86_400);
  const seed = String(values.seed);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'evaluate-'));
  const started = Date.now();
  const log = (line: string) => console.log(line);
  log(`[evaluate] ${devices} devices for ${durationMs / 1000} s (${((durationMs * timeScale) / 3_600_000).toFixed(1)} simulated hours), data in ${dataDir}`);
  const run = await runEvaluationPipeline({
    dataDir,
    devices,
    seed,
    intervalMs,
    durationMs,
    timeScale,
    windowSeconds,
    forecastHorizonSeconds: horizonSeconds,
    failureRampReadings: 120,
    faults: { ...DEFAULT_FAULT_RATES, failureRate: number('failure-rate', 0, 1) },
    signalEpoch: Date.UTC(2026, 0, 1),
    log,
  });
  try {
    const truth = await readGroundTruth(run.groundTruthFile);
    const endedAt = truth.run.endedAt ?? Date.now();
    const from = truth.run.startedAt - windowSeconds * 1000;
    const before = endedAt + 2 * windowSeconds * 1000;
    const alerts = await readAlerts(run.query, from, before);
    const windows = await readForecastedWindows(run.query, from, before, analyticsSettings.measures);
    const windowMs = windowSeconds * 1000;
    const prediction = analyticsSettings.failurePrediction;
    const alertScore = scoreAlerts(alerts, truth.events, {
      startedAt: truth.run.startedAt,
      endedAt,
      devices,
      timeScale,
      warmupMs: (prediction.minBaselineWindows + prediction.trendWindows) * windowMs,
      slackMs: windowMs,
    });
    const forecastScore = scoreForecasts(windows, analyticsSettings.measures);
    const table = formatEvaluation(
      { devices, seed, simulatedHours: ((endedAt - truth.run.startedAt) * timeScale) / 3_600_000, timeScale, intervalMs, windowSeconds, horizonSeconds, wallSeconds: (Date.now() - started) / 1000, messagesSent: run.messagesSent },
      alertScore,
      forecastScore,
    );
    const w = run.pipeline.windows;
    log(`[evaluate] windows closed ${w?.windowsClosed ?? 0}, dropped ${w?.windowsDropped ?? 0}, retries ${w?.retries ?? 0}; ${alerts.length} alerts, ${windows.length} window rows; ${truth.events.length} ground-truth events`);
    console.log(`\n${table}\n`);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, 'evaluation.md'), table + '\n');
    writeFileSync(path.join(ARTIFACTS, 'evaluation.json'), JSON.stringify({ alerts: alertScore, forecasts: forecastScore, pipeline: run.pipeline }, null, 2));
    if (!goalsMet(alertScore)) process.exitCode = 3;
  } finally {
    await run.close();
    if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
