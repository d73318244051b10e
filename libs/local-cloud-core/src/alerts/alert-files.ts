import type { AlertMessage, AlertsReport } from '@iot-timeseries/local-cloud-client';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The local stand-in for the SNS topic: the window function appends each alert as a JSON line to
 * `<data dir>/alerts/alerts-<start>-<pid>.jsonl`; this reads them back for `/alerts` (the newest
 * `limit`, and the episodes still open: an alert without a later clear of the same device and detector).
 * A line cut short by a crash is skipped.
 */
export async function readAlerts(dir: string, limit = 200): Promise<AlertsReport> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.jsonl')).sort();
  const all: AlertMessage[] = [];
  for (const name of names) {
    const text = await readFile(path.join(dir, name), 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        all.push(JSON.parse(line) as AlertMessage);
      } catch {
        // an incomplete last line
      }
    }
  }
  all.sort((a, b) => a.time.localeCompare(b.time));
  const seen = new Set<string>();
  const unique = all.filter((a) => (seen.has(a.alertId) ? false : (seen.add(a.alertId), true)));
  const open = new Map<string, AlertMessage>();
  for (const a of unique) {
    const key = `${a.deviceId}|${a.kind}|${a.detector}`;
    if (a.state === 'alert') open.set(key, a);
    else open.delete(key);
  }
  return { total: unique.length, alerts: unique.slice(-limit), open: [...open.values()] };
}
