import { formatReplayReport, loadReplayOptions, parseSince } from './replay-command';

describe('the replay-dead-letters command', () => {
  const now = Date.UTC(2026, 11, 1, 12);

  it('reads which letters to replay and where the local cloud answers', () => {
    expect(loadReplayOptions({}, ['--since', '2h', '--reason', 'humidity', '--dry-run'], now)).toEqual({
      url: 'http://127.0.0.1:4566',
      request: { since: '2026-12-01T10:00:00.000Z', reason: 'humidity', dryRun: true },
    });
    expect(loadReplayOptions({ LOCAL_CLOUD_HTTP_PORT: '5001' }, [], now)).toEqual({ url: 'http://127.0.0.1:5001', request: {} });
    expect(parseSince('2026-11-30T00:00:00Z')).toBe('2026-11-30T00:00:00.000Z');
  });

  it.each([
    [['--since', 'last tuesday'], /--since must be an ISO 8601 time or a duration/],
    [['--http-port', 'x'], /--http-port must be a port/],
    [['--mqtt-port', '1'], /unknown option\(s\) for replay-dead-letters: --mqtt-port/],
  ])('refuses %j', (argv, message) => {
    expect(() => loadReplayOptions({}, argv)).toThrow(message);
  });

  it('says what was replayed, what was not and why', () => {
    const lines = formatReplayReport({
      dryRun: false,
      matched: 3,
      replayed: 1,
      alreadyReplayed: 2,
      notReplayable: [{ id: 'a.jsonl#2', why: 'the letter holds neither a message nor its original payload' }],
      failed: [{ id: 'a.jsonl#3', error: 'the stream is full' }],
      letters: [{ id: 'a.jsonl#1', stage: 'lambda', reason: 'humidity 140 is outside the plausible range 0..100 %RH', deviceId: 'sensor-001', via: 'action' }],
    });
    expect(lines).toEqual([
      'replayed 1 of 3 matching dead letter(s)',
      '2 matching letter(s) were replayed before and were left alone',
      '  a.jsonl#1  [lambda -> action]  sensor-001  humidity 140 is outside the plausible range 0..100 %RH',
      '  not replayable: a.jsonl#2: the letter holds neither a message nor its original payload',
      '  refused again: a.jsonl#3: the stream is full',
    ]);
  });
});
