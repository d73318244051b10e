import { createAugursEtsForecaster } from '../src';

// The cost of forecasting in the window function: loading augurs' AutoETS once (cold start) and one
// model search + forecast per device and measure at each window end. Prints figures; asserts nothing.
const devices = Number(process.argv[2] ?? 200);
const measures = 4;
const points = Number(process.argv[3] ?? 24);
const started = performance.now();
const ets = createAugursEtsForecaster();
const loadMs = performance.now() - started;
const fitStarted = performance.now();
let sum = 0;
for (let k = 0; k < devices * measures; k++) {
  const series = Array.from({ length: points }, (_, i) => 20 + Math.sin(i / 3 + k) + 0.01 * i);
  sum += ets.forecast(series, 3).value;
}
const fitMs = performance.now() - fitStarted;
console.log(`augurs AutoETS: load ${loadMs.toFixed(1)} ms; ${devices * measures} forecasts of ${points} points in ${fitMs.toFixed(0)} ms (${(fitMs / (devices * measures)).toFixed(2)} ms each)${Number.isFinite(sum) ? '' : ' (non-finite result)'}`);
