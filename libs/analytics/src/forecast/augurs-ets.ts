import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ForecastError } from '../errors';
import type { Forecaster, ForecastPoint } from './forecaster';

interface EtsModule {
  initSync(options: { module: BufferSource }): unknown;
  AutoETS: new (seasonLength: number, spec: string) => {
    fit(y: number[] | Float64Array): void;
    predict(horizon: number, level?: number): { point: number[]; intervals?: { lower: number[]; upper: number[] } };
    free(): void;
  };
}

/** Where the AutoETS WebAssembly binary is: beside the Lambda bundle, or in node_modules. */
export function augursEtsWasmPath(): string {
  return path.join(path.dirname(require.resolve('@bsull/augurs/ets')), 'ets_bg.wasm');
}

/**
 * AutoETS from Grafana's augurs (`@bsull/augurs`, Rust compiled to WebAssembly): picks the best
 * exponential smoothing model (error, trend, no season: `ZZN`) by AICc for each series and forecasts
 * it with a 95% interval. The WebAssembly module is compiled synchronously once from `wasmPath`.
 */
export function createAugursEtsForecaster(wasmPath = augursEtsWasmPath()): Forecaster {
  let ets: EtsModule;
  try {
    ets = require('@bsull/augurs/ets') as EtsModule;
    ets.initSync({ module: readFileSync(wasmPath) });
  } catch (cause) {
    throw new ForecastError(`could not load augurs AutoETS from ${wasmPath}: ${(cause as Error).message}`, { cause });
  }
  return {
    name: 'augurs-autoets',
    forecast(series, steps): ForecastPoint {
      const model = new ets.AutoETS(1, 'ZZN');
      try {
        model.fit(Float64Array.from(series));
        const out = model.predict(steps, 0.95);
        const i = steps - 1;
        return { steps, value: out.point[i], lower: out.intervals?.lower[i], upper: out.intervals?.upper[i] };
      } catch (cause) {
        throw new ForecastError(`AutoETS failed on a series of ${series.length} values: ${String(cause)}`, { cause });
      } finally {
        model.free();
      }
    },
  };
}

/** The naive forecast (the last value): the baseline a model must beat. */
export const lastValueForecaster: Forecaster = {
  name: 'last-value',
  forecast: (series, steps) => ({ steps, value: series[series.length - 1] }),
};
