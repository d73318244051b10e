import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrokerMessage } from '../broker/mqtt-broker';
import { ReplayRequestError } from '../errors';
import type { Delivery } from '../pipeline/delivery';
import { PipelineStats } from '../pipeline/pipeline-stats';
import { storedPayload } from './dead-letter-entry';
import { readDeadLetters, summarizeDeadLetters } from './dead-letter-files';
import { parseReplayRequest, replayDeadLetters } from './dead-letter-replay';
import { DeadLetterStore } from './dead-letter-store';
import { createPutAside } from './put-aside';
import { ReplayLedger } from './replay-ledger';
import { replayPlan } from './replay-plan';

describe('dead letters on disk and their replay', () => {
  let dataDir: string;
  let dir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dead-letters-'));
    dir = path.join(dataDir, 'dead-letters');
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  const received = Date.UTC(2026, 11, 1, 10);
  const origin = { topic: 'topic/sensors', clientId: 'sensor-001', receivedAt: new Date(received).toISOString(), qos: 1, acknowledged: true };

  async function seed() {
    const stats = new PipelineStats();
    const store = await DeadLetterStore.open(dir, 'fsync', new Date(received));
    const putAside = createPutAside(store, stats, () => received + 1000);
    await putAside({ kind: 'rule-error', stage: 'rule', reason: 'payload on topic/sensors is not JSON', deviceId: 'sensor-001', origin, payload: storedPayload(Buffer.from('{oops')) });
    await putAside({ kind: 'rule-error', stage: 'rule', reason: 'payload on topic/sensors is binary (not UTF-8 text)', deviceId: 'sensor-001', origin, payload: storedPayload(Buffer.from([0xde, 0xad, 0xbe, 0xef])) });
    const message = { device_id: 'sensor-002', location: 'hall-1', timestamp: '2026-12-01T09:59:59.000Z', sensors: { temperature: 20 }, client_id: 'sensor-002', received_at: received };
    await putAside({ kind: 'stream-full', stage: 'stream', reason: 'Kinesis PutRecord failed: shardId-000000000000 holds 10 records, its limit', deviceId: 'sensor-002', origin: { ...origin, clientId: 'sensor-002', partitionKey: 'sensor-002' }, payload: storedPayload(Buffer.from(JSON.stringify(message))), message });
    await store.close();
    // The Lambda's own letters, in its own format and file.
    const lambdaLetter = { v: 1, kind: 'rejected-record', at: '2026-12-01T10:00:02.000Z', source: 'kinesis', item: '49000', index: 0, reason: 'The record timestamp is outside the time range', details: [], deviceId: 'sensor-003', reading: { deviceId: 'sensor-003', location: 'hall-2', time: received - 5000, timeFromReceipt: false, measures: { humidity: 40 } } };
    await appendFile(path.join(dir, 'dead-letters-x-1.jsonl'), JSON.stringify(lambdaLetter) + '\n' + '{"v":1,"reason":"half a li');
    return { stats, message };
  }

  function recorders() {
    const dispatched: BrokerMessage[] = [];
    const delivered: Array<{ message: Record<string, unknown>; key: string; receivedAt: number }> = [];
    const delivery: Delivery = { deliver: async (message, key, receivedAt) => void delivered.push({ message, key, receivedAt }), pending: () => 0, drain: async () => true, close: async () => undefined };
    return { dispatched, delivered, dispatch: async (m: BrokerMessage) => void dispatched.push(m), delivery };
  }

  it("keeps every letter with its stage, reason, origin and bytes (base64 when binary), readable beside the Lambda's", async () => {
    const { stats } = await seed();
    const letters = await readDeadLetters(dir);
    expect(letters.map((l) => [l.id.replace(/^local-cloud-.*\.jsonl/, 'local'), l.entry.stage ?? 'lambda'])).toEqual([
      ['dead-letters-x-1.jsonl#1', 'lambda'],
      ['local#1', 'rule'],
      ['local#2', 'rule'],
      ['local#3', 'stream'],
    ]);
    expect(letters[2].entry).toMatchObject({ v: 1, at: '2026-12-01T10:00:01.000Z', origin, payload: { encoding: 'base64', data: '3q2+7w==', bytes: 4 } });
    expect(summarizeDeadLetters(letters)).toEqual({ byStage: { lambda: 1, rule: 2, stream: 1 }, oldest: '2026-12-01T10:00:01.000Z' });
    expect(stats.counters.putAsideTotal).toBe(3);
  });

  it('replays each matching letter once, the way it came in, and lists them on a dry run first', async () => {
    const { message } = await seed();
    const ledger = await ReplayLedger.open(path.join(dataDir, 'dead-letter-replays.jsonl'), 'fsync');
    const r = recorders();
    const deps = { dir, ledger, dispatch: r.dispatch, delivery: r.delivery, partitionKeyOf: (m: Record<string, unknown>) => String(m.device_id) };

    const dry = await replayDeadLetters({ dryRun: true }, deps);
    expect(dry).toMatchObject({ dryRun: true, matched: 4, replayed: 0, alreadyReplayed: 0, failed: [], notReplayable: [] });
    expect(dry.letters.map((l) => [l.stage, l.via])).toEqual([['lambda', 'action'], ['rule', 'rule'], ['rule', 'rule'], ['stream', 'action']]);
    expect(r.dispatched).toEqual([]);

    const onlyStream = await replayDeadLetters({ reason: 'PUTRECORD failed' }, deps);
    expect(onlyStream).toMatchObject({ matched: 1, replayed: 1 });
    expect(r.delivered).toEqual([{ message, key: 'sensor-002', receivedAt: received }]);

    const rest = await replayDeadLetters({ since: '2026-12-01T10:00:00Z' }, deps);
    expect(rest).toMatchObject({ matched: 3, replayed: 3, alreadyReplayed: 1 });
    expect(r.dispatched.map((m) => [m.topic, m.clientId, m.receivedAt, m.payload.toString('hex')])).toEqual([
      ['topic/sensors', 'sensor-001', received, Buffer.from('{oops').toString('hex')],
      ['topic/sensors', 'sensor-001', received, 'deadbeef'],
    ]);
    // The Lambda's rejected reading goes back in as the message it came from, at its own time.
    expect(r.delivered[1]).toEqual({
      message: { device_id: 'sensor-003', location: 'hall-2', timestamp: new Date(received - 5000).toISOString(), sensors: { humidity: 40 }, client_id: 'sensor-003', received_at: received - 5000 },
      key: 'sensor-003',
      receivedAt: received - 5000,
    });
    await ledger.close();

    const reopened = await ReplayLedger.open(path.join(dataDir, 'dead-letter-replays.jsonl'), 'fsync');
    expect(reopened.size).toBe(4);
    expect(await replayDeadLetters({}, { ...deps, ledger: reopened })).toMatchObject({ matched: 0, replayed: 0, alreadyReplayed: 4 });
    expect((await readFile(path.join(dataDir, 'dead-letter-replays.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(4);
    await reopened.close();
  });

  it('leaves unmarked, for a later replay, a letter the pipeline refuses again', async () => {
    await seed();
    const ledger = await ReplayLedger.open(path.join(dataDir, 'dead-letter-replays.jsonl'), 'write');
    const r = recorders();
    const refusing: Delivery = { ...r.delivery, deliver: async () => Promise.reject(new Error('the stream is full')) };
    const report = await replayDeadLetters({ reason: 'putrecord' }, { dir, ledger, dispatch: r.dispatch, delivery: refusing, partitionKeyOf: () => 'k' });
    expect(report).toMatchObject({ matched: 1, replayed: 0, failed: [{ id: expect.stringMatching(/#3$/), error: 'the stream is full' }] });
    expect(ledger.has(report.failed[0].id)).toBe(false);
    await ledger.close();
  });

  it('says why a letter cannot be replayed, and refuses bad filters by name', () => {
    expect(replayPlan({ stage: 'rule', reason: 'x', payload: { encoding: 'utf8', data: 'a', bytes: 2_000_000, truncated: true }, origin })).toEqual({ via: 'none', why: 'only the first bytes of the 2000000-byte payload were kept' });
    expect(replayPlan({ kind: 'invalid-message', message: 'plain text' })).toEqual({ via: 'none', why: 'the message was not a JSON object, so the rule never selected it' });
    expect(() => parseReplayRequest({ since: 'yesterday' })).toThrow(ReplayRequestError);
    expect(() => parseReplayRequest({ dryRun: 'yes' })).toThrow('dryRun must be true or false, got "yes"');
    expect(parseReplayRequest(undefined)).toEqual({});
  });
});
