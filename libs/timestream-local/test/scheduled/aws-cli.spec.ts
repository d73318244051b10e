import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runAws } from '../clients/client-process';
import { awsClis } from '../clients/installed-clients';
import { rollupByHand, rollupRequest, rows, startSeeded, targetRows, type SchedulerFixture } from './fixture';

jest.setTimeout(240_000);

describe('scheduled queries through the AWS CLI', () => {
  let f: SchedulerFixture;
  beforeAll(async () => {
    f = await startSeeded();
  });
  afterAll(() => f.close());

  /** `aws timestream-query ...` against the test server, as a child process (the server answers it meanwhile). */
  const aws = (...args: string[]) => runAws(awsClis()[0], ['timestream-query', ...args], { endpoint: f.ts.endpoint });

  it('create, describe, list, execute, tag, disable and delete a scheduled query', async () => {
    const input = path.join(f.dataDir, 'create.json');
    writeFileSync(input, JSON.stringify(rollupRequest({ Name: 'cli-rollup', Tags: [{ Key: 'via', Value: 'cli' }] })));
    const created = await aws('create-scheduled-query', '--cli-input-json', `file://${input}`);
    expect(created.stderr).toBe('');
    const arn = created.json.Arn as string;
    expect(arn).toMatch(/:scheduled-query\/cli-rollup-[0-9a-f]{12}$/);

    const described = await aws('describe-scheduled-query', '--scheduled-query-arn', arn);
    expect(described.json.ScheduledQuery).toMatchObject({ Name: 'cli-rollup', State: 'ENABLED', ScheduleConfiguration: { ScheduleExpression: 'rate(5 minutes)' } });
    expect((await aws('list-scheduled-queries')).json.ScheduledQueries).toEqual([expect.objectContaining({ Arn: arn, Name: 'cli-rollup', State: 'ENABLED' })]);

    const executed = await aws('execute-scheduled-query', '--scheduled-query-arn', arn, '--invocation-time', '2026-03-01T11:45:00Z');
    expect([executed.status, executed.stderr]).toEqual([0, '']);
    const lastRun = ((await aws('describe-scheduled-query', '--scheduled-query-arn', arn)).json.ScheduledQuery as { LastRunSummary: Record<string, unknown> }).LastRunSummary;
    expect(lastRun).toMatchObject({ RunStatus: 'MANUAL_TRIGGER_SUCCESS', ExecutionStats: { RecordsIngested: 6, QueryResultRows: 6 } });
    expect(await targetRows(f)).toEqual(await rows(f, rollupByHand('2026-03-01T11:45:00Z')));

    await aws('tag-resource', '--resource-arn', arn, '--tags', 'Key=env,Value=local');
    expect((await aws('list-tags-for-resource', '--resource-arn', arn)).json.Tags).toEqual([{ Key: 'via', Value: 'cli' }, { Key: 'env', Value: 'local' }]);
    await aws('update-scheduled-query', '--scheduled-query-arn', arn, '--state', 'DISABLED');
    expect(((await aws('describe-scheduled-query', '--scheduled-query-arn', arn)).json.ScheduledQuery as { State: string }).State).toBe('DISABLED');

    expect((await aws('delete-scheduled-query', '--scheduled-query-arn', arn)).status).toBe(0);
    const gone = await aws('describe-scheduled-query', '--scheduled-query-arn', arn);
    expect(gone.status).not.toBe(0);
    expect(gone.stderr).toContain('ResourceNotFoundException');
  });
});
