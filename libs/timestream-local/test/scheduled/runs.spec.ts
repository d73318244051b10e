import { ExecuteScheduledQueryCommand, UpdateScheduledQueryCommand } from '@aws-sdk/client-timestream-query';
import { WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { create, describe as describeQuery, messages, reading, rollupByHand, rows, START, startSeeded, TARGET, targetRows, write, type SchedulerFixture } from './fixture';

const iso = (d: Date | undefined) => d?.toISOString();

describe('scheduled query runs on a moved clock', () => {
  let f: SchedulerFixture;
  beforeEach(async () => {
    f = await startSeeded();
  });
  afterEach(() => f.close());

  it('rate(5 minutes) fires every 5 minutes from the creation minute; each run writes exactly the rows the same query returns by hand', async () => {
    const arn = await create(f);
    let sq = await describeQuery(f, arn);
    expect(iso(sq.CreationTime)).toBe('2026-03-01T12:00:30.000Z');
    expect(iso(sq.NextInvocationTime)).toBe('2026-03-01T12:05:00.000Z');
    expect(sq.PreviousInvocationTime).toBeUndefined();
    expect(f.clock.pending()).toEqual([Date.parse('2026-03-01T12:01:30Z')]); // the scheduler never sleeps longer than a minute

    await f.clock.advanceTo('2026-03-01T12:04:59Z');
    expect((await describeQuery(f, arn)).LastRunSummary).toBeUndefined();
    await f.clock.advanceTo('2026-03-01T12:05:00Z');
    sq = await describeQuery(f, arn);
    expect(iso(sq.PreviousInvocationTime)).toBe('2026-03-01T12:05:00.000Z');
    expect(iso(sq.NextInvocationTime)).toBe('2026-03-01T12:10:00.000Z');
    expect(sq.LastRunSummary).toMatchObject({ RunStatus: 'AUTO_TRIGGER_SUCCESS', InvocationTime: new Date('2026-03-01T12:05:00Z'), TriggerTime: new Date('2026-03-01T12:05:00Z') });

    const byHand = await rows(f, rollupByHand('2026-03-01T12:05:00Z'));
    expect(byHand.map((r) => r[1])).toEqual(['2026-03-01 11:50:00.000000000', '2026-03-01 11:55:00.000000000', '2026-03-01 12:00:00.000000000', '2026-03-01 11:50:00.000000000', '2026-03-01 11:55:00.000000000', '2026-03-01 12:00:00.000000000']);
    expect(await targetRows(f)).toEqual(byHand);
    expect(sq.LastRunSummary?.ExecutionStats).toMatchObject({ RecordsIngested: 6, QueryResultRows: 6 });
    expect(sq.LastRunSummary?.ExecutionStats?.CumulativeBytesScanned).toBeGreaterThan(0);
    expect(sq.LastRunSummary?.ExecutionStats?.BytesMetered).toBeGreaterThanOrEqual(10_000_000);
    expect(sq.LastRunSummary?.ExecutionStats?.DataWrites).toBeGreaterThan(0);

    await f.clock.advanceTo('2026-03-01T12:20:00Z');
    const runs = messages(f).filter((m) => m.type === 'AUTO_TRIGGER_SUCCESS');
    expect(runs.map((m) => (m.scheduledQueryRunSummary as { invocationEpochSecond: number }).invocationEpochSecond)).toEqual(
      ['12:05', '12:10', '12:15', '12:20'].map((t) => Date.parse(`2026-03-01T${t}:00Z`) / 1000),
    );
    expect(runs[0]).toMatchObject({ arn, nextInvocationEpochSecond: Date.parse('2026-03-01T12:10:00Z') / 1000 });
  });

  it('a later run over the same window folds late data in: the newer values replace the bin (upsert, one row per bin)', async () => {
    const arn = await create(f);
    await f.clock.advanceTo('2026-03-01T12:05:00Z');
    const before = await targetRows(f, "WHERE device_id = 'd1' AND time = '2026-03-01 12:00:00'");
    expect(before).toHaveLength(1);

    await write(f, [reading('d1', '2026-03-01T12:02:30Z', 99, 10)]); // late: inside the 12:00 bin, after the 12:05 run
    await f.clock.advanceTo('2026-03-01T12:10:00Z');
    const after = await targetRows(f, "WHERE device_id = 'd1' AND time = '2026-03-01 12:00:00'");
    expect(after).toHaveLength(1);
    expect(after[0]).not.toEqual(before[0]);
    expect(after[0][4]).toBe(String(Number(before[0][4]) + 1));
    const byHand = await rows(f, rollupByHand('2026-03-01T12:10:00Z'));
    expect(byHand.find((r) => r[0] === 'd1' && r[1] === '2026-03-01 12:00:00.000000000')).toEqual(after[0]);
    // the bins of both windows, each once: 11:50 (first run only), 11:55 and 12:00 (both; no data after 12:02:30)
    expect((await targetRows(f, "WHERE device_id = 'd1'")).map((r) => r[1]?.slice(11, 16))).toEqual(['11:50', '11:55', '12:00']);
    expect((await describeQuery(f, arn)).RecentlyFailedRuns).toEqual([]);
  });

  it('ExecuteScheduledQuery runs as of InvocationTime (MANUAL_TRIGGER_SUCCESS), also for a DISABLED query', async () => {
    const arn = await create(f);
    await f.ts.queryClient().send(new UpdateScheduledQueryCommand({ ScheduledQueryArn: arn, State: 'DISABLED' }));
    await f.ts.queryClient().send(new ExecuteScheduledQueryCommand({ ScheduledQueryArn: arn, InvocationTime: new Date('2026-03-01T11:45:00Z') }));
    const sq = await describeQuery(f, arn);
    expect(sq.LastRunSummary).toMatchObject({ RunStatus: 'MANUAL_TRIGGER_SUCCESS', InvocationTime: new Date('2026-03-01T11:45:00Z'), TriggerTime: new Date(f.clock.now()) });
    expect(iso(sq.PreviousInvocationTime)).toBe('2026-03-01T11:45:00.000Z');
    expect(await targetRows(f)).toEqual(await rows(f, rollupByHand('2026-03-01T11:45:00Z')));
    expect((await targetRows(f)).map((r) => r[1]?.slice(11, 16))).toEqual(['11:30', '11:35', '11:40', '11:30', '11:35', '11:40']);
    expect(messages(f).map((m) => m.type)).toEqual(['SCHEDULED_QUERY_CREATING', 'SCHEDULED_QUERY_CREATED', 'SCHEDULED_QUERY_UPDATED', 'MANUAL_TRIGGER_SUCCESS']);
  });

  it('DISABLED stops the automatic runs; ENABLED resumes them from the clock (no catching up)', async () => {
    const arn = await create(f);
    await f.ts.queryClient().send(new UpdateScheduledQueryCommand({ ScheduledQueryArn: arn, State: 'DISABLED' }));
    expect((await describeQuery(f, arn)).NextInvocationTime).toBeUndefined();
    await f.clock.advanceTo('2026-03-01T12:30:00Z');
    expect((await describeQuery(f, arn)).LastRunSummary).toBeUndefined();
    expect(await rows(f, 'SELECT count(*) FROM rollups.readings_5m')).toEqual([['0']]);

    await f.clock.advanceTo('2026-03-01T12:31:10Z');
    await f.ts.queryClient().send(new UpdateScheduledQueryCommand({ ScheduledQueryArn: arn, State: 'ENABLED' }));
    const sq = await describeQuery(f, arn);
    expect(sq.State).toBe('ENABLED');
    expect(iso(sq.NextInvocationTime)).toBe('2026-03-01T12:35:00.000Z');
    await f.clock.advanceTo('2026-03-01T12:35:00Z');
    expect((await describeQuery(f, arn)).LastRunSummary?.InvocationTime).toEqual(new Date('2026-03-01T12:35:00Z'));
    expect(messages(f).filter((m) => m.type === 'SCHEDULED_QUERY_UPDATED').map((m) => m.state)).toEqual(['DISABLED', 'ENABLED']);
  });

  it('invocations missed while the process was suspended are not replayed; the next one runs at its time', async () => {
    const arn = await create(f, { ScheduleConfiguration: { ScheduleExpression: 'cron(0/10 * * * ? *)' } });
    expect(iso((await describeQuery(f, arn)).NextInvocationTime)).toBe('2026-03-01T12:10:00.000Z');
    await f.clock.jumpTo('2026-03-01T12:47:00Z'); // 12:10 .. 12:40 passed while nothing ran
    let sq = await describeQuery(f, arn);
    expect(sq.LastRunSummary).toBeUndefined();
    expect(iso(sq.NextInvocationTime)).toBe('2026-03-01T12:50:00.000Z');
    await f.clock.advanceTo('2026-03-01T12:50:00Z');
    sq = await describeQuery(f, arn);
    expect(sq.LastRunSummary?.InvocationTime).toEqual(new Date('2026-03-01T12:50:00Z'));
    expect(messages(f).filter((m) => m.type === 'AUTO_TRIGGER_SUCCESS')).toHaveLength(1);
  });

  it('a re-run over bins that did not change only raises their version, as the service upserts; a changed bin is replaced', async () => {
    const arn = await create(f);
    const execute = () => f.ts.queryClient().send(new ExecuteScheduledQueryCommand({ ScheduledQueryArn: arn, InvocationTime: new Date('2026-03-01T11:45:00Z') }));
    await execute();
    const first = await targetRows(f);
    await execute(); // nothing changed: every row keeps its values, at the run's higher version
    expect(await targetRows(f)).toEqual(first);
    expect((await describeQuery(f, arn)).LastRunSummary?.ExecutionStats).toMatchObject({ RecordsIngested: 6 });
    // the first run's version is now lower than the stored one: a write at it is refused, naming the second run's
    const bin = { Dimensions: [{ Name: 'device_id', Value: 'd1' }], MeasureName: 'rollup', MeasureValueType: 'MULTI' as const, Time: String(Date.parse('2026-03-01T11:30:00Z')) };
    const firstVersion = Date.parse(START);
    const refused = f.ts.writeClient().send(new WriteRecordsCommand({ ...TARGET, Records: [{ ...bin, MeasureValues: [{ Name: 'readings', Value: '1', Type: 'BIGINT' }], Version: firstVersion }] }));
    await expect(refused).rejects.toMatchObject({ RejectedRecords: [{ RecordIndex: 0, ExistingVersion: firstVersion + 1 }] });
    // late data in one bin: that bin changes, the others stay
    await write(f, [reading('d1', '2026-03-01T11:36:10Z', 80, 0)]);
    await execute();
    const third = await targetRows(f);
    expect(third).toEqual(await rows(f, rollupByHand('2026-03-01T11:45:00Z')));
    expect(third.filter((r, i) => JSON.stringify(r) !== JSON.stringify(first[i])).map((r) => [r[0], r[1]?.slice(11, 16), r[4]])).toEqual([['d1', '11:35', '6']]);
  });

  it('each run writes a higher version than the last, even on a clock that has not moved', async () => {
    const arn = await create(f);
    const execute = () => f.ts.queryClient().send(new ExecuteScheduledQueryCommand({ ScheduledQueryArn: arn, InvocationTime: new Date('2026-03-01T11:45:00Z') }));
    await execute();
    await write(f, [reading('d2', '2026-03-01T11:31:30Z', 0, 0)]);
    await execute(); // same clock instant, same window, changed data: must replace the first run's bin, not collide with it
    const sq = await describeQuery(f, arn);
    expect(sq.LastRunSummary?.RunStatus).toBe('MANUAL_TRIGGER_SUCCESS');
    expect(sq.RecentlyFailedRuns).toEqual([]);
    const target = await targetRows(f);
    expect(target).toEqual(await rows(f, rollupByHand('2026-03-01T11:45:00Z')));
    expect(target.find((r) => r[0] === 'd2' && r[1]?.startsWith('2026-03-01 11:30'))?.[4]).toBe('6');
  });
});
