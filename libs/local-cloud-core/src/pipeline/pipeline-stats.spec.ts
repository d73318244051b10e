import { PipelineStats } from './pipeline-stats';

describe('PipelineStats put-aside groups', () => {
  it('counts reasons that differ only in their numbers together, and keeps the newest reason as written', () => {
    const stats = new PipelineStats();
    stats.putAside('lambda', 'humidity 140 is outside the plausible range 0..100 %RH', 'sensor-001', Date.UTC(2026, 0, 1, 10, 0, 0));
    stats.putAside('lambda', 'timestamp "2026-13-01T00:00:00Z" is not a valid calendar date-time', 'sensor-002', Date.UTC(2026, 0, 1, 10, 0, 1));
    stats.putAside('lambda', 'humidity 151.5 is outside the plausible range 0..100 %RH', 'sensor-003', Date.UTC(2026, 0, 1, 10, 0, 2));
    const snapshot = stats.snapshot();
    expect(snapshot.putAsideByReason).toEqual({
      'humidity N is outside the plausible range N..N %RH': 2,
      'timestamp "NNNTN:N:NZ" is not a valid calendar date-time': 1,
    });
    expect(snapshot.putAsideGroups).toEqual([
      {
        pattern: 'humidity N is outside the plausible range N..N %RH',
        count: 2,
        latest: { at: '2026-01-01T10:00:02.000Z', source: 'lambda', reason: 'humidity 151.5 is outside the plausible range 0..100 %RH', deviceId: 'sensor-003' },
      },
      {
        pattern: 'timestamp "NNNTN:N:NZ" is not a valid calendar date-time',
        count: 1,
        latest: { at: '2026-01-01T10:00:01.000Z', source: 'lambda', reason: 'timestamp "2026-13-01T00:00:00Z" is not a valid calendar date-time', deviceId: 'sensor-002' },
      },
    ]);
    expect(snapshot.putAsideTotal).toBe(3);
  });

  it('keeps at most maxReasons groups, dropping the oldest', () => {
    const stats = new PipelineStats(200, 2);
    for (const word of ['alpha', 'beta', 'gamma']) stats.putAside('rule', `${word} refused`);
    expect(stats.snapshot().putAsideGroups?.map((g) => g.pattern).sort()).toEqual(['beta refused', 'gamma refused']);
  });
});
