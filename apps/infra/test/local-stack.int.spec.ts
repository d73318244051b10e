import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateDatabaseCommand, CreateTableCommand, DescribeTableCommand, ListDatabasesCommand } from '@aws-sdk/client-timestream-write';
import { timestreamSettings } from '@iot-timeseries/schema';
import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { findTerraform, WORKSPACE_ROOT } from '../scripts/terraform';
import { fakeArtifact } from './support';

jest.setTimeout(240_000);

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
  beforeAll(async () => {
    ts = await startTestTimestream();
    const dir = mkdtempSync(path.join(tmpdir(), 'infra-local-'));
    env = { LOCAL_TIMESTREAM_ENDPOINT: ts.endpoint, LOCAL_TERRAFORM_STATE: path.join(dir, 'state/local.tfstate'), CDKTF_OUTDIR: path.join(dir, 'cdktf.out'), INGEST_LAMBDA_ZIP: fakeArtifact(dir) };
  });
  afterAll(() => ts?.close());

  const describeTable = () => ts.writeClient().send(new DescribeTableCommand({ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName }));
  const databases = async () => (await ts.writeClient().send(new ListDatabasesCommand({}))).Databases?.map((d) => d.DatabaseName) ?? [];

  it('deploy creates the table with the configured retention; a second plan is empty; destroy leaves nothing', async () => {
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

    const diff = await stackCommand('diff', env);
    expect(diff.status).toBe(0);
    expect(diff.output).toMatch(/No changes\./);

    const destroy = await stackCommand('destroy', env);
    expect(destroy.status).toBe(0);
    expect(await databases()).toEqual([]);
  });

  it('takes over a database and table the local cloud already created, correcting their retention', async () => {
    if (!findTerraform()) return expect((await stackCommand('deploy', env)).output).toMatch(/terraform: not found on the PATH/);
    await ts.writeClient().send(new CreateDatabaseCommand({ DatabaseName: timestreamSettings.databaseName }));
    await ts.writeClient().send(new CreateTableCommand({ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName, RetentionProperties: { MemoryStoreRetentionPeriodInHours: 6, MagneticStoreRetentionPeriodInDays: 7 } }));
    const deploy = await stackCommand('deploy', env);
    expect(deploy.output).toMatch(/imported aws_timestreamwrite_table\.\S+ \(it already existed in the local server\)/);
    expect(deploy.status).toBe(0);
    expect((await describeTable()).Table?.RetentionProperties?.MemoryStoreRetentionPeriodInHours).toBe(timestreamSettings.retention.memoryStoreRetentionHours);
    expect((await stackCommand('destroy', env)).status).toBe(0);
    expect(await databases()).toEqual([]);
  });

  it('refuses to deploy, naming the server, when nothing answers at the endpoint', async () => {
    const run = await stackCommand('deploy', { ...env, LOCAL_TIMESTREAM_ENDPOINT: 'http://127.0.0.1:9' });
    expect(run.status).toBe(1);
    expect(run.output).toMatch(/local Timestream server at http:\/\/127.0.0.1:9: .*ECONNREFUSED/);
  });
});
