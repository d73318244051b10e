import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { rollupByHand, rollupRequest, rows, startSeeded, targetRows, type SchedulerFixture } from './fixture';

jest.setTimeout(60_000);

/** The AWS CLI (botocore) when it is installed; this project does not install it. */
const cliVersion = (): string | undefined => {
  const result = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? `${result.stdout}${result.stderr}`.trim() : undefined;
};

const { AWS_PROFILE: _profile, AWS_SESSION_TOKEN: _token, ...cliEnv } = process.env;

describe('scheduled queries through the AWS CLI', () => {
  let f: SchedulerFixture;
  beforeAll(async () => {
    f = await startSeeded();
  });
  afterAll(() => f.close());

  /** `aws timestream-query ...` against the test server, as a child process (the server answers it meanwhile). */
  const aws = (...args: string[]): Promise<{ status: number; json: Record<string, unknown>; stderr: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn('aws', ['timestream-query', ...args, '--endpoint-url', f.ts.endpoint, '--output', 'json'], {
        env: { ...cliEnv, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status: status ?? 1, json: stdout.trim() ? JSON.parse(stdout) : {}, stderr }));
    });

  it('create, describe, list, execute, tag, disable and delete a scheduled query', async () => {
    const version = cliVersion();
    if (!version) {
      expect(spawnSync('aws', ['--version']).error).toBeDefined(); // not installed here: nothing to drive
      return;
    }
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
