import { LocalCloudClient, type ReplayReport, type ReplayRequest } from '@iot-timeseries/local-cloud-client';
import { LOCAL_PORTS, LOOPBACK_HOST } from '@iot-timeseries/schema';
import { parseFlags } from './config';
import { ConfigError } from './errors';

export const REPLAY_COMMAND = 'replay-dead-letters';

type Source = Record<string, string | undefined>;

const DURATION = /^(\d+)(s|m|h|d)$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `--since` as an ISO time, or a duration back from now (`30m`, `2h`, `7d`). */
export function parseSince(value: string, now = Date.now()): string {
  const match = DURATION.exec(value);
  if (match) return new Date(now - Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]).toISOString();
  if (Number.isNaN(Date.parse(value))) throw new ConfigError(`--since must be an ISO 8601 time or a duration like 30m, 2h, 7d, got ${JSON.stringify(value)}`);
  return new Date(value).toISOString();
}

/** The replay command's settings: which letters, and where the running local cloud answers. */
export function loadReplayOptions(env: Source, argv: readonly string[], now = Date.now()): { url: string; request: ReplayRequest } {
  const flags = parseFlags(argv);
  const known = new Set(['since', 'reason', 'dry-run', 'http-port', 'url']);
  const unknown = Object.keys(flags).filter((f) => !known.has(f));
  if (unknown.length > 0) throw new ConfigError(`unknown option(s) for ${REPLAY_COMMAND}: ${unknown.map((f) => `--${f}`).join(', ')} (known: --since, --reason, --dry-run, --http-port, --url)`);
  const port = flags['http-port'] ?? env.LOCAL_CLOUD_HTTP_PORT ?? String(LOCAL_PORTS.health);
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) throw new ConfigError(`--http-port must be a port from 1 to 65535, got ${JSON.stringify(port)}`);
  const url = (flags.url ?? `http://${LOOPBACK_HOST}:${port}`).replace(/\/$/, '');
  const request: ReplayRequest = {};
  if (flags.since !== undefined) request.since = parseSince(flags.since, now);
  if (flags.reason !== undefined) request.reason = flags.reason;
  if (flags['dry-run'] !== undefined) request.dryRun = flags['dry-run'] !== 'false';
  return { url, request };
}

export function formatReplayReport(report: ReplayReport): string[] {
  const lines = [
    report.dryRun ? `would replay ${report.matched - report.notReplayable.length} dead letter(s) (dry run: nothing changed)` : `replayed ${report.replayed} of ${report.matched} matching dead letter(s)`,
  ];
  if (report.alreadyReplayed > 0) lines.push(`${report.alreadyReplayed} matching letter(s) were replayed before and were left alone`);
  for (const letter of report.letters.slice(0, 20)) lines.push(`  ${letter.id}  [${letter.stage} -> ${letter.via}]  ${letter.deviceId ?? '-'}  ${letter.reason}`);
  if (report.letters.length > 20) lines.push(`  … and ${report.letters.length - 20} more`);
  for (const n of report.notReplayable) lines.push(`  not replayable: ${n.id}: ${n.why}`);
  for (const f of report.failed) lines.push(`  refused again: ${f.id}: ${f.error}`);
  return lines;
}

/** `local-cloud replay-dead-letters [--since 2h] [--reason humidity] [--dry-run]`: asks the running local cloud to replay. */
export async function runReplayCommand(env: Source, argv: readonly string[]): Promise<number> {
  const { url, request } = loadReplayOptions(env, argv);
  const client = new LocalCloudClient(url);
  await client.waitUntilReady(3_000, { intervalMs: 250, hint: 'replaying needs the local cloud running on the same data directory: start it with `npx local-cloud`' });
  const report = await client.replayDeadLetters(request);
  for (const line of formatReplayReport(report)) console.log(line);
  return report.failed.length > 0 ? 2 : 0;
}
