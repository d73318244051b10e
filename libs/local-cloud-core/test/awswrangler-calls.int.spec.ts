import { CreateTableCommand, WriteRecordsCommand, type _Record } from '@aws-sdk/client-timestream-write';
import { LOCAL_EXPORTS_BUCKET, timestreamSettings } from '@iot-timeseries/schema';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { countStaleDevices, startChildTimestream, startLocalCloud, type LocalCloud } from '../src';
import { localWriteClient } from '../src/timestream/clients';
import { directConfig } from './support/direct-config';

jest.setTimeout(120_000);

const DB = timestreamSettings.databaseName;
const MEASURE = timestreamSettings.multiMeasureName;
const SCRIPT = path.join(__dirname, 'fixtures', 'awswrangler_calls.py');
const T0 = Date.now() - 3_600_000;
const DEVICES = ['sensor-001', 'sensor-002'];
const PER_DEVICE = 60;

/** The client's environment: none of the caller's AWS settings (other tests in this worker may set some), placeholder credentials. */
const clientEnv = (): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_'))),
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_MAX_ATTEMPTS: '1',
  PYTHONDONTWRITEBYTECODE: '1',
});

/**
 * A python3 whose boto3 has the batch-load operations awswrangler's batch_load calls: every python3 on the PATH is
 * tried (nx puts /usr/bin, Debian's python3 with its older boto3, before the user's own, a pyenv's say).
 */
function pythonWithBatchLoad(): { python?: string; tried: string[] } {
  const onPath = spawnSync('bash', ['-c', 'which -a python3'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  const tried: string[] = [];
  for (const python of [...new Set([...onPath, '/usr/bin/python3'])]) {
    const probe = spawnSync(python, ['-c', "import boto3; print(boto3.__version__, hasattr(boto3.client('timestream-write', region_name='us-east-1'), 'create_batch_load_task'))"], { encoding: 'utf8', env: clientEnv(), timeout: 60_000 });
    tried.push(`${python}: ${probe.stdout.trim() || probe.stderr.trim().split('\n').pop()}`);
    if (probe.stdout.trim().endsWith('True')) return { python, tried };
  }
  return { tried };
}

/** device|ms|location|temperature|humidity of each reading written. */
const written: string[] = [];
function records(device: string, d: number): _Record[] {
  return Array.from({ length: PER_DEVICE }, (_, i) => {
    const time = T0 + i * 1000 + d;
    const temperature = 20 + d + i / 8;
    const location = d === 0 ? 'hall "1", east' : 'hall-2';
    written.push(`${device}|${time}|${location}|${temperature}|${40 + i}`);
    return {
      Dimensions: [{ Name: 'device_id', Value: device }, { Name: 'location', Value: location }],
      MeasureName: MEASURE,
      MeasureValueType: 'MULTI',
      MeasureValues: [{ Name: 'temperature', Value: String(temperature), Type: 'DOUBLE' }, { Name: 'humidity', Value: String(40 + i), Type: 'DOUBLE' }],
      Time: String(time),
    };
  });
}

interface Seen {
  csv: { columns: string[]; rows: Array<Record<string, string>> };
  parquet: { files: number; magic: string[] };
  batchLoad: { status: string; progress: Record<string, number> };
  loaded: string[][];
}

// awswrangler cannot be installed here (see the README): its calls are replayed through boto3 instead
describe("awswrangler's wr.timestream.unload and batch_load calls, through boto3, against the local cloud", () => {
  let dataDir: string;
  let cloud: LocalCloud;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'local-cloud-wrangler-'));
    cloud = await startLocalCloud(directConfig(dataDir, { durability: 'write', alarmIntervalMs: 60_000, staleCheckMs: 60_000 }), { startTimestream: startChildTimestream, countStaleDevices });
    const write = localWriteClient(cloud.endpoints.timestream, 'us-east-1');
    for (const [d, device] of DEVICES.entries()) await write.send(new WriteRecordsCommand({ DatabaseName: DB, TableName: timestreamSettings.tableName, Records: records(device, d) }));
    await write.send(new CreateTableCommand({ DatabaseName: DB, TableName: 'wrangler-copy', RetentionProperties: { MemoryStoreRetentionPeriodInHours: 24, MagneticStoreRetentionPeriodInDays: 30 } }));
    write.destroy();
  });
  afterAll(async () => {
    await cloud?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('unload as CSV and Parquet, read back as awswrangler reads them, then batch load the rows into a copy', async () => {
    const { python, tried } = pythonWithBatchLoad();
    if (!python) throw new Error(`No python3 here has a boto3 with create_batch_load_task (botocore 1.31 or newer): ${tried.join('; ')}`);
    const env = clientEnv();
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(python, [SCRIPT, cloud.endpoints.timestream, cloud.endpoints.s3, DB, timestreamSettings.tableName, 'wrangler-copy', LOCAL_EXPORTS_BUCKET, MEASURE], { env, timeout: 90_000 }, (error, out, err) =>
        error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
      ),
    );
    const seen = JSON.parse(stdout) as Seen;
    // unload(format CSV): the names from the metadata file, every results object read headerless with them
    expect(seen.csv.columns).toEqual(['device_id', 'location', 'time', 'temperature', 'humidity']);
    const exported = seen.csv.rows.map((r) => `${r.device_id}|${Date.parse(`${r.time.slice(0, 23).replace(' ', 'T')}Z`)}|${r.location}|${Number(r.temperature)}|${Number(r.humidity)}`);
    expect(exported.sort()).toEqual([...written].sort());
    // unload's default: Parquet files under results/
    expect(seen.parquet.files).toBeGreaterThan(0);
    expect(seen.parquet.magic).toEqual(['PAR1']);
    // batch_load: the task ends SUCCEEDED and the copy holds every row exactly once
    expect(seen.batchLoad.status).toBe('SUCCEEDED');
    expect(seen.batchLoad.progress).toMatchObject({ RecordsProcessed: written.length, RecordsIngested: written.length, ParseFailures: 0, RecordIngestionFailures: 0 });
    const loaded = seen.loaded.map(([device, location, ms, temperature, humidity]) => `${device}|${ms}|${location}|${Number(temperature)}|${Number(humidity)}`);
    expect(loaded.sort()).toEqual([...written].sort());
  });
});
