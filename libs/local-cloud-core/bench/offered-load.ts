import { performance } from 'node:perf_hooks';

export interface LoadResult {
  name: string;
  offered: number;
  achieved: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
}

/** One message body like a device's (about 250 bytes as the rule hands it on). */
export function sampleMessage(i: number): Buffer {
  const device = `sensor-${String(i % 50).padStart(3, '0')}`;
  return Buffer.from(
    JSON.stringify({ device_id: device, location: 'factory-floor-1', timestamp: new Date().toISOString(), sensors: { temperature: 21.5 + (i % 7), humidity: 40.2, pressure: 1012.3, vibration: 0.0312 }, client_id: device, received_at: Date.now() }),
  );
}

/**
 * Offers `rate` appends per second for `seconds` (released as the clock reaches them, as sockets
 * deliver them) and measures, per append, the time from when it was due to when it was stored (its
 * promise settled): the acknowledgement latency. Timing from the due time, not the call, keeps a
 * candidate that blocks the event loop (a synchronous commit) from hiding the appends it delayed.
 */
export async function offerLoad(name: string, rate: number, seconds: number, append: (i: number) => Promise<unknown>): Promise<LoadResult> {
  const latencies: number[] = [];
  let failed = 0;
  let sent = 0;
  const total = rate * seconds;
  const started = performance.now();
  const settled: Array<Promise<void>> = [];
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    while (sent < due) {
      const dueAt = started + (sent * 1000) / rate;
      settled.push(append(sent++).then(() => void latencies.push(performance.now() - dueAt), () => void failed++));
    }
    await new Promise((r) => setImmediate(r));
  }
  await Promise.all(settled);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? Number.NaN;
  return { name, offered: rate, achieved: latencies.length / elapsed, p50: q(0.5), p99: q(0.99), max: latencies[latencies.length - 1] ?? Number.NaN, failed };
}

export function formatResult(r: LoadResult): string {
  const ms = (v: number) => `${v.toFixed(2)} ms`.padStart(10);
  return `| ${r.name} | ${r.offered.toLocaleString('en-US')} | ${Math.round(r.achieved).toLocaleString('en-US')} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.failed} |`;
}
