import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ExecuteScheduledQueryCommand, ListScheduledQueriesCommand, ListTagsForResourceCommand, UpdateScheduledQueryCommand } from '@aws-sdk/client-timestream-query';
import { create, describe as describeQuery, messages, reading, rollupByHand, rows, sourceReadings, startScheduler, targetRows, write } from './fixture';

describe('scheduled queries across a restart (data directory)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'tsl-sq-restart-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps definitions, state, tags, run history and notifications; invocations missed while down are not replayed', async () => {
    let f = await startScheduler({ dataDir });
    await write(f, sourceReadings());
    const arn = await create(f, { Tags: [{ Key: 'team', Value: 'iot' }] });
    const paused = await create(f, { Name: 'paused' });
    await f.ts.queryClient().send(new UpdateScheduledQueryCommand({ ScheduledQueryArn: paused, State: 'DISABLED' }));
    await f.clock.advanceTo('2026-03-01T12:05:00Z');
    const before = await describeQuery(f, arn);
    const notified = messages(f).length;
    await f.close();

    f = await startScheduler({ dataDir, start: '2026-03-01T12:27:10Z' }); // 12:10 .. 12:25 passed while down
    try {
      const after = await describeQuery(f, arn);
      expect(after).toEqual({ ...before, NextInvocationTime: new Date('2026-03-01T12:30:00Z') });
      expect(after.LastRunSummary?.InvocationTime).toEqual(new Date('2026-03-01T12:05:00Z'));
      expect((await describeQuery(f, paused)).State).toBe('DISABLED');
      expect((await f.ts.queryClient().send(new ListScheduledQueriesCommand({}))).ScheduledQueries?.map((q) => q.Name)).toEqual(['paused', 'rollup-5m']);
      expect((await f.ts.queryClient().send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toEqual([{ Key: 'team', Value: 'iot' }]);
      expect(messages(f)).toHaveLength(notified);

      await f.clock.advanceTo('2026-03-01T12:30:00Z');
      const ran = await describeQuery(f, arn);
      expect(ran.LastRunSummary).toMatchObject({ RunStatus: 'AUTO_TRIGGER_SUCCESS', InvocationTime: new Date('2026-03-01T12:30:00Z') });
      expect((await describeQuery(f, paused)).LastRunSummary).toBeUndefined();
      expect(messages(f).slice(notified).map((m) => m.type)).toEqual(['AUTO_TRIGGER_SUCCESS']);
    } finally {
      await f.close();
    }
  });

  it('record versions keep growing across a restart, even when the clock is behind the last run', async () => {
    let f = await startScheduler({ dataDir, start: '2026-03-01T12:20:00Z' });
    await write(f, sourceReadings());
    const arn = await create(f);
    const execute = () => f.ts.queryClient().send(new ExecuteScheduledQueryCommand({ ScheduledQueryArn: arn, InvocationTime: new Date('2026-03-01T11:45:00Z') }));
    await execute();
    await f.close();

    f = await startScheduler({ dataDir, start: '2026-03-01T12:10:00Z' });
    try {
      await write(f, [reading('d1', '2026-03-01T11:32:30Z', 50, 50)]);
      await execute();
      expect((await describeQuery(f, arn)).LastRunSummary?.RunStatus).toBe('MANUAL_TRIGGER_SUCCESS');
      expect(await targetRows(f)).toEqual(await rows(f, rollupByHand('2026-03-01T11:45:00Z')));
    } finally {
      await f.close();
    }
  });
});
