import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateScheduledQueryCommand, DescribeScheduledQueryCommand, ExecuteScheduledQueryCommand, ListScheduledQueriesCommand, QueryCommand } from '@aws-sdk/client-timestream-query';
import { CreateDatabaseCommand, CreateTableCommand, DescribeTableCommand, ListDatabasesCommand, WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import {
  LOCAL_ENVIRONMENT,
  LOCAL_REJECTED_DATA_BUCKET,
  localRollupDeployment,
  rollupList,
  rollupScheduledQueries,
  rollupScheduledQueryInput,
  rollupSeedRequests,
  rollupTableInput,
  schemaSeedRecord,
  timestreamSettings,
} from '@iot-timeseries/schema';
import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { findTerraform, WORKSPACE_ROOT } from '../scripts/terraform';
import { fakeArtifact } from './support';

// real Terraform (init, plan, apply, import) against the local server: ~2 min each alone, several times that on the shared 2-core machine under load
jest.setTimeout(600_000);

/**
 * `nx run infra:<command> --configuration=local`, as a user runs it, against the test server (which
 * lives in this process, so the child runs asynchronously).
 */
function stackCommand(command: 'deploy' | 'diff' | 'destroy', env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(WORKSPACE_ROOT, 'node_modules/.bin/tsx'), ['scripts/stack-command.ts', command, '--stack', 'local'], {
      cwd: path.resolve(__dirname, '..'),
      env: { ...process.env, ...env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

describe('the local stack, applied with real Terraform to the local Timestream server', () => {
  let ts: TestTimestream;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'infra-local-'));
    // a fresh data directory, as on a machine that never ran the local cloud
    ts = await startTestTimestream({ dataDir: path.join(dir, 'timestream') });
    env = { LOCAL_TIMESTREAM_ENDPOINT: ts.endpoint, LOCAL_TERRAFORM_STATE: path.join(dir, 'state/local.tfstate'), CDKTF_OUTDIR: path.join(dir, 'cdktf.out'), INGEST_LAMBDA_ZIP: fakeArtifact(dir) };
  });
  afterAll(async () => {
    await ts?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const definitions = rollupScheduledQueries({ environment: LOCAL_ENVIRONMENT });
  const scheduledQueries = async () => (await ts.queryClient().send(new ListScheduledQueriesCommand({}))).ScheduledQueries ?? [];

  const describeTable = () => ts.writeClient().send(new DescribeTableCommand({ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName }));
  const databases = async () => (await ts.writeClient().send(new ListDatabasesCommand({}))).Databases?.map((d) => d.DatabaseName) ?? [];

  it('deploy creates the table, the rollup tables, the seed and the scheduled queries; after a run a second plan is empty; destroy leaves nothing', async () => {
    if (!findTerraform()) {
      const run = await stackCommand('deploy', env);
      expect(run.status).toBe(1);
      expect(run.output).toMatch(/terraform: not found on the PATH/);
      return;
    }
    const deploy = await stackCommand('deploy', env);
    expect(deploy.status).toBe(0);
    const { Table } = await describeTable();
    expect(Table?.RetentionProperties).toEqual({
      MemoryStoreRetentionPeriodInHours: timestreamSettings.retention.memoryStoreRetentionHours,
      MagneticStoreRetentionPeriodInDays: timestreamSettings.retention.magneticStoreRetentionDays,
    });
    expect(Table?.MagneticStoreWriteProperties?.EnableMagneticStoreWrites).toBe(true);
    for (const rollup of rollupList()) {
      const { Table: derived } = await ts.writeClient().send(new DescribeTableCommand({ DatabaseName: timestreamSettings.databaseName, TableName: rollup.table.tableName }));
      expect(derived?.RetentionProperties?.MemoryStoreRetentionPeriodInHours).toBe(rollup.table.retention.memoryStoreRetentionHours);
      expect(derived?.MagneticStoreWriteProperties?.EnableMagneticStoreWrites).toBe(true);
    }
    const seeds = await ts.queryClient().send(new QueryCommand({ QueryString: `SELECT count(*) FROM "${timestreamSettings.databaseName}"."${timestreamSettings.tableName}" WHERE measure_name = 'schema_seed'` }));
    expect(seeds.Rows?.[0].Data?.[0].ScalarValue).toBe('1');
    const created = await scheduledQueries();
    expect(created.map((q) => q.Name).sort()).toEqual(definitions.map((d) => d.name).sort());
    for (const d of definitions) {
      const arn = created.find((q) => q.Name === d.name)?.Arn as string;
      const { ScheduledQuery } = await ts.queryClient().send(new DescribeScheduledQueryCommand({ ScheduledQueryArn: arn }));
      expect(ScheduledQuery).toMatchObject({ QueryString: d.queryString, State: 'ENABLED', ScheduleConfiguration: { ScheduleExpression: d.scheduleExpression }, TargetConfiguration: { TimestreamConfiguration: { TableName: d.target.TableName } } });
      await ts.queryClient().send(new ExecuteScheduledQueryCommand({ ScheduledQueryArn: arn, InvocationTime: new Date() }));
      expect((await ts.queryClient().send(new DescribeScheduledQueryCommand({ ScheduledQueryArn: arn }))).ScheduledQuery?.LastRunSummary?.RunStatus).toBe('MANUAL_TRIGGER_SUCCESS');
    }

    const diff = await stackCommand('diff', env);
    expect(diff.status).toBe(0);
    expect(diff.output).toMatch(/No changes\./);

    const destroy = await stackCommand('destroy', env);
    expect(destroy.status).toBe(0);
    expect(await databases()).toEqual([]);
    expect(await scheduledQueries()).toEqual([]);
  });

  it('takes over the tables and scheduled queries the local cloud already created, correcting what differs', async () => {
    if (!findTerraform()) return expect((await stackCommand('deploy', env)).output).toMatch(/terraform: not found on the PATH/);
    // what the local cloud creates at start (libs/local-cloud-core's ensureRollups), with the readings' table of an older setting
    const write = ts.writeClient();
    await write.send(new CreateDatabaseCommand({ DatabaseName: timestreamSettings.databaseName }));
    await write.send(new CreateTableCommand({ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName, RetentionProperties: { MemoryStoreRetentionPeriodInHours: 6, MagneticStoreRetentionPeriodInDays: 7 } }));
    for (const rollup of rollupList()) await write.send(new CreateTableCommand(rollupTableInput(rollup, { rejectedDataBucket: LOCAL_REJECTED_DATA_BUCKET })));
    await write.send(new WriteRecordsCommand({ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName, Records: [schemaSeedRecord(Date.now())] }));
    // and the rollup tables' seed records (the baseline's query reads the hourly rollup's columns)
    for (const request of rollupSeedRequests(Date.now())) await write.send(new WriteRecordsCommand(request));
    for (const d of definitions) await ts.queryClient().send(new CreateScheduledQueryCommand(rollupScheduledQueryInput(d, localRollupDeployment('us-east-1', '000000000000'))));
    const before = (await scheduledQueries()).map((q) => q.Arn).sort();

    const deploy = await stackCommand('deploy', env);
    expect(deploy.output).toMatch(/imported aws_timestreamwrite_table\.\S+ \(it already existed in the local server\)/);
    expect(deploy.output.match(/imported aws_timestreamquery_scheduled_query\.\S+ \(it already existed in the local server\)/g)).toHaveLength(definitions.length);
    expect(deploy.status).toBe(0);
    expect((await describeTable()).Table?.RetentionProperties?.MemoryStoreRetentionPeriodInHours).toBe(timestreamSettings.retention.memoryStoreRetentionHours);
    // the local cloud's scheduled queries were taken over as they were, not replaced
    expect((await scheduledQueries()).map((q) => q.Arn).sort()).toEqual(before);
    const diff = await stackCommand('diff', env);
    expect(diff.output).toMatch(/No changes\./);
    expect((await stackCommand('destroy', env)).status).toBe(0);
    expect(await databases()).toEqual([]);
  });

  it('refuses to deploy, naming the server, when nothing answers at the endpoint', async () => {
    const run = await stackCommand('deploy', { ...env, LOCAL_TIMESTREAM_ENDPOINT: 'http://127.0.0.1:9' });
    expect(run.status).toBe(1);
    expect(run.output).toMatch(/local Timestream server at http:\/\/127.0.0.1:9: .*ECONNREFUSED/);
  });
});
