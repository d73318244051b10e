import type { AnalyticsSettings } from '@iot-timeseries/schema';
import { runDetectors } from './detect/detectors';
import { updateEpisodes, type DeviceEvent } from './detect/episodes';
import type { Finding } from './detect/finding';
import { runTrendRules } from './detect/trend-rules';
import type { Forecaster, ForecastPoint } from './forecast/forecaster';
import { estimateFailure, failureFinding } from './predict/failure-prediction';
import type { DeviceWindow } from './window/device-window';

/** A forecast of a measure's window mean, `steps` windows after this one (at `at`, epoch ms). */
export interface MeasureForecast extends ForecastPoint {
  at: number;
}

/** A device's window after analysis: its features, the alerts open after it, its prediction and forecasts. */
export interface AnalysedWindow extends DeviceWindow {
  timeToFailureSeconds?: number;
  /** The lowest robust z of the recent windows of the failure measure (how clearly it is wearing). */
  wearZ?: number;
  forecasts: Record<string, MeasureForecast>;
}

export interface WindowAnalysisInput {
  settings: AnalyticsSettings;
  /** Every device seen in the window. */
  windows: readonly DeviceWindow[];
  /** Each device's previous windows, oldest first (what the windows table holds). */
  history: ReadonlyMap<string, readonly DeviceWindow[]>;
  forecaster?: Forecaster;
  forecastHorizonSeconds: number;
  failureAlertWithinSeconds: number;
}

/**
 * The final step of a tumbling window: per device, detectors, trend rules and failure prediction
 * on the window and its history; findings become episodes (one alert, one clear); each measure's
 * window mean is forecast `forecastHorizonSeconds` ahead.
 */
export function analyseWindow(input: WindowAnalysisInput): { windows: AnalysedWindow[]; events: DeviceEvent[]; forecastErrors: string[] } {
  const { settings } = input;
  const events: DeviceEvent[] = [];
  const forecastErrors: string[] = [];
  const windows = input.windows.map((current): AnalysedWindow => {
    const history = (input.history.get(current.deviceId) ?? []).filter((w) => w.start < current.start).slice(-settings.historyWindows);
    const estimate = estimateFailure(settings.failurePrediction, current, history);
    const failure = failureFinding(settings.failurePrediction, estimate, input.failureAlertWithinSeconds);
    const findings: Finding[] = [...runDetectors(settings.detectors, current, history), ...runTrendRules(settings.rules, current, history), ...(failure ? [failure] : [])];
    const open = history.length > 0 ? history[history.length - 1].episodes : {};
    const updated = updateEpisodes(open, findings, current, settings.clearAfterWindows);
    events.push(...updated.events);
    const forecasts: Record<string, MeasureForecast> = {};
    const windowMs = current.end - current.start;
    const steps = Math.max(1, Math.round((input.forecastHorizonSeconds * 1000) / windowMs));
    if (input.forecaster) {
      for (const measure of settings.measures) {
        const series = [...history, current].map((w) => w.features[measure]?.mean).filter((v): v is number => v !== undefined);
        if (series.length < settings.forecast.minHistory) continue;
        try {
          const point = input.forecaster.forecast(series, steps);
          if (Number.isFinite(point.value)) forecasts[measure] = { ...point, at: current.start + steps * windowMs };
        } catch (error) {
          forecastErrors.push(`${current.deviceId} ${measure}: ${(error as Error).message}`);
        }
      }
    }
    return {
      ...current,
      episodes: updated.episodes,
      forecasts,
      ...(estimate?.timeToFailureSeconds !== undefined && estimate.wearing ? { timeToFailureSeconds: Math.round(estimate.timeToFailureSeconds) } : {}),
      ...(estimate ? { wearZ: Math.min(...estimate.z) } : {}),
    };
  });
  return { windows, events, forecastErrors };
}
