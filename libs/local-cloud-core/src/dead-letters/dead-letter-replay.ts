import type { ReplayReport, ReplayRequest } from '@iot-timeseries/local-cloud-client';
import type { BrokerMessage } from '../broker/mqtt-broker';
import { ReplayRequestError } from '../errors';
import type { Delivery } from '../pipeline/delivery';
import { readDeadLetters, stageOf } from './dead-letter-files';
import type { ReplayLedger } from './replay-ledger';
import { replayPlan } from './replay-plan';

export interface ReplayDependencies {
  dir: string;
  ledger: ReplayLedger;
  /** The broker's path for a message: the topic rule, then its action. */
  dispatch: (message: BrokerMessage) => Promise<void>;
  delivery: Delivery;
  /** The partition key the rule gives a selected message. */
  partitionKeyOf: (message: Record<string, unknown>, clientId: string) => string;
  /** Called after each letter replayed (the /pipeline totals). */
  onReplayed?: () => void;
}

const MAX_LISTED = 1000;

/** Reads a replay request from JSON, refusing bad fields by name. */
export function parseReplayRequest(body: unknown): ReplayRequest {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new ReplayRequestError('the request must be a JSON object like {"since":"2026-01-01T00:00:00Z","reason":"humidity","dryRun":true}');
  const { since, reason, dryRun } = body as Record<string, unknown>;
  if (since !== undefined && (typeof since !== 'string' || Number.isNaN(Date.parse(since)))) throw new ReplayRequestError(`since must be an ISO 8601 time, got ${JSON.stringify(since)}`);
  if (reason !== undefined && typeof reason !== 'string') throw new ReplayRequestError(`reason must be text, got ${JSON.stringify(reason)}`);
  if (dryRun !== undefined && typeof dryRun !== 'boolean') throw new ReplayRequestError(`dryRun must be true or false, got ${JSON.stringify(dryRun)}`);
  return { since: since as string | undefined, reason: reason as string | undefined, dryRun: dryRun as boolean | undefined };
}

/**
 * Puts dead letters back into the pipeline after a fix: those put aside since `since` whose reason
 * contains `reason`, and not replayed before. Each goes in as `replayPlan` says and is marked in the
 * ledger once the pipeline kept it (stored, or put aside again with a new letter); one the pipeline
 * refuses (e.g. a full stream) is reported and stays unmarked for a later replay.
 */
export async function replayDeadLetters(request: ReplayRequest, deps: ReplayDependencies): Promise<ReplayReport> {
  const since = request.since ? Date.parse(request.since) : undefined;
  const needle = request.reason?.toLowerCase();
  const report: ReplayReport = { dryRun: request.dryRun === true, matched: 0, replayed: 0, alreadyReplayed: 0, notReplayable: [], failed: [], letters: [] };
  for (const { id, entry } of await readDeadLetters(deps.dir)) {
    const reason = typeof entry.reason === 'string' ? entry.reason : '';
    const at = typeof entry.at === 'string' ? Date.parse(entry.at) : Number.NaN;
    if (since !== undefined && !(at >= since)) continue;
    if (needle !== undefined && !reason.toLowerCase().includes(needle)) continue;
    if (deps.ledger.has(id)) {
      report.alreadyReplayed++;
      continue;
    }
    report.matched++;
    const plan = replayPlan(entry);
    if (plan.via === 'none') {
      report.notReplayable.push({ id, why: plan.why });
      continue;
    }
    if (report.letters.length < MAX_LISTED) {
      report.letters.push({ id, stage: stageOf(entry), reason, via: plan.via, ...(typeof entry.deviceId === 'string' ? { deviceId: entry.deviceId } : {}) });
    }
    if (report.dryRun) continue;
    try {
      if (plan.via === 'rule') await deps.dispatch({ topic: plan.topic, payload: plan.payload, clientId: plan.clientId, receivedAt: plan.receivedAt, qos: 1 });
      else await deps.delivery.deliver(plan.message, deps.partitionKeyOf(plan.message, plan.clientId), plan.receivedAt, { clientId: plan.clientId, receivedAt: new Date(plan.receivedAt).toISOString(), qos: 1 });
      await deps.ledger.mark({ id, at: new Date().toISOString(), via: plan.via });
      report.replayed++;
      deps.onReplayed?.();
    } catch (error) {
      report.failed.push({ id, error: (error as Error).message });
    }
  }
  return report;
}
