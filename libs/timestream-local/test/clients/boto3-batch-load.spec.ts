import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTimestreamLocal, type RunningTimestreamLocal } from '../../src/start';
import { runBoto3 } from './client-process';
import { uniqueName } from './client-server';
import { pythonSdks, type PythonSdk } from './installed-clients';

jest.setTimeout(90_000);

/** Whether the boto3's botocore knows the batch-load operations (Debian 12's botocore 1.29.27 does not). */
const hasBatchLoad = (sdk: PythonSdk): boolean =>
  spawnSync(sdk.python, ['-c', "import boto3; print(hasattr(boto3.client('timestream-write', region_name='us-east-1'), 'create_batch_load_task'))"], { encoding: 'utf8' }).stdout.trim() === 'True';

const sdks = pythonSdks();
const withBatchLoad = sdks.filter(hasBatchLoad);

describe('boto3 batch load', () => {
  let dataDir: string;
  let ts: RunningTimestreamLocal;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'tsl-boto3-batch-'));
    ts = await startTimestreamLocal({ host: '127.0.0.1', port: 0, retentionSweepMs: 0, dataDir });
  });
  afterAll(async () => {
    await ts.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every installed boto3 without the batch-load operations has an older botocore than each one with them', () => {
    const version = (s: PythonSdk) => s.botocore.split('.').reduce((n, part) => n * 10_000 + Number(part), 0);
    const without = sdks.filter((s) => !withBatchLoad.includes(s));
    for (const old of without) for (const recent of withBatchLoad) expect(version(old)).toBeLessThan(version(recent));
    expect(without.length + withBatchLoad.length).toBe(sdks.length);
  });

  // one case per installed boto3 that has the operations (a machine with only Debian 12's runs none: see the README)
  const cases = withBatchLoad.map((sdk) => [sdk.label, sdk] as const);
  if (cases.length > 0) it.each(cases)('%s: create, describe until done, list, resume refused, rows read back', async (_label, sdk) => {
    const now = Math.floor(Date.now() / 1000) - 600;
    const prefix = `${uniqueName('boto3')}/`;
    const file = path.join(dataDir, 's3', 'sources', prefix, 'part.csv');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, ['device ; measure ; ts ; value', `d1 ; temperature ; ${now} ; 21.5`, `d1 ; status ; ${now} ; ok`, `d2 ; temperature ; ${now + 1} ; 19`, ''].join('\n'));
    const answered = await runBoto3<{ taskId: string; status: string; progress: Record<string, number>; listed: string[]; resumeError: string; rows: string[][] }>(
      sdk, 'batch_load', ts.endpoint, [uniqueName('batch'), 'copy', 'sources', prefix],
    );
    expect(answered.status).toBe('SUCCEEDED');
    expect(answered.progress).toMatchObject({ RecordsProcessed: 3, RecordsIngested: 3, ParseFailures: 0, RecordIngestionFailures: 0, FileFailures: 0 });
    expect(answered.listed).toContain(answered.taskId);
    expect(answered.resumeError).toBe('ValidationException');
    expect(answered.rows).toEqual([['d1', 'status', 'ok'], ['d1', 'temperature', '21.5'], ['d2', 'temperature', '19.0']]);
  });
});
