import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { GroundTruthFileError } from '../errors';
import type { GroundTruth, GroundTruthEvent, GroundTruthRun, GroundTruthSink } from './ground-truth';

/**
 * The ground-truth file: JSON lines, format version 1. The first line describes the run
 * (`"type":"run"`), each following line is an event (`"type":"failure" | "anomaly" | "dropout"`),
 * written when it ended — events still open at the end of the run come last with `"end": null` —
 * and the last line (`"type":"end"`) says when the run ended. Times are ISO 8601 (UTC).
 */
export const GROUND_TRUTH_FORMAT_VERSION = 1;

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

/** The line for one event (the file's format). */
export function groundTruthLine(event: GroundTruthEvent): string {
  const { kind, start, end, ...rest } = event;
  const line: Record<string, unknown> = { v: GROUND_TRUTH_FORMAT_VERSION, type: kind, ...rest, start: iso(start), end: iso(end) };
  if (event.kind === 'failure') line.repairedAt = iso(event.repairedAt);
  return JSON.stringify(line);
}

export function groundTruthRunLine(run: GroundTruthRun): string {
  const { signalEpoch, startedAt, endedAt: _ended, ...rest } = run;
  return JSON.stringify({ v: GROUND_TRUTH_FORMAT_VERSION, type: 'run', ...rest, signalEpoch: iso(signalEpoch), startedAt: iso(startedAt) });
}

/** A sink that writes the ground truth to `file` as it happens (the directory is created; an existing file is replaced). */
export async function openGroundTruthFile(file: string): Promise<GroundTruthSink & { file: string }> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const stream: WriteStream = createWriteStream(file, { flags: 'w' });
  await once(stream, 'open');
  let ended = false;
  return {
    file,
    start: (run) => void stream.write(groundTruthRunLine(run) + '\n'),
    record: (event) => {
      if (!ended) stream.write(groundTruthLine(event) + '\n');
    },
    end: async (endedAt) => {
      if (ended) return;
      ended = true;
      stream.write(JSON.stringify({ v: GROUND_TRUTH_FORMAT_VERSION, type: 'end', endedAt: iso(endedAt) }) + '\n');
      stream.end();
      await once(stream, 'finish');
    },
  };
}

/** Reads a ground-truth file back (typed, times as epoch ms); a bad line throws GroundTruthFileError naming the line and field. */
export async function readGroundTruth(file: string): Promise<GroundTruth> {
  return parseGroundTruth(await readFile(file, 'utf8'), file);
}

/** Parses the text of a ground-truth file (see GROUND_TRUTH_FORMAT_VERSION). */
export function parseGroundTruth(text: string, source = 'ground truth'): GroundTruth {
  let run: GroundTruthRun | undefined;
  const events: GroundTruthEvent[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    if (!raw.trim()) return;
    const fail = (field: string, reason: string, cause?: unknown): never => {
      throw new GroundTruthFileError(source, i + 1, field, reason, { cause });
    };
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (cause) {
      fail('line', 'is not JSON', cause);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('line', 'is not a JSON object');
    const o = value as Record<string, unknown>;
    if (o.v !== GROUND_TRUTH_FORMAT_VERSION) fail('v', `must be ${GROUND_TRUTH_FORMAT_VERSION}, got ${JSON.stringify(o.v)}`);
    const text = (field: string): string => (typeof o[field] === 'string' && o[field] !== '' ? (o[field] as string) : fail(field, 'must be a non-empty string'));
    const num = (field: string): number => (typeof o[field] === 'number' && Number.isFinite(o[field]) ? (o[field] as number) : fail(field, 'must be a number'));
    const time = (field: string): number => {
      const t = Date.parse(text(field));
      return Number.isNaN(t) ? fail(field, `is not an ISO time: ${JSON.stringify(o[field])}`) : t;
    };
    const maybeTime = (field: string): number | undefined => (o[field] === null || o[field] === undefined ? undefined : time(field));
    if (o.type === 'run') {
      if (run) fail('type', 'run appears twice');
      run = { seed: text('seed'), devices: num('devices'), intervalMs: num('intervalMs'), timeScale: num('timeScale'), failureRampReadings: num('failureRampReadings'), signalEpoch: time('signalEpoch'), startedAt: time('startedAt') };
      return;
    }
    if (!run) return fail('type', 'the first line must describe the run ("type": "run")');
    if (o.type === 'end') {
      run.endedAt = time('endedAt');
      return;
    }
    const base = { deviceId: text('deviceId'), location: text('location'), start: time('start'), ...(maybeTime('end') !== undefined ? { end: maybeTime('end') } : {}) };
    if (base.end !== undefined && base.end < base.start) fail('end', 'is before start');
    if (o.type === 'failure') {
      const repairedAt = maybeTime('repairedAt');
      events.push({ ...base, kind: 'failure', measure: 'vibration', ...(repairedAt !== undefined ? { repairedAt } : {}) });
    } else if (o.type === 'anomaly') events.push({ ...base, kind: 'anomaly', measure: text('measure'), value: num('value') });
    else if (o.type === 'dropout') events.push({ ...base, kind: 'dropout' });
    else fail('type', `must be run, failure, anomaly, dropout or end, got ${JSON.stringify(o.type)}`);
  });
  if (!run) throw new GroundTruthFileError(source, 1, 'type', 'the file has no run line (is it empty?)');
  return { run, events };
}
