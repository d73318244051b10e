import { METRICS_NAMESPACE, STALE_DEVICE_AFTER_SECONDS } from '@iot-timeseries/schema';
import { loadConfig } from '../../src/config';
import { ConfigError } from '../../src/errors';
import { timestreamWriteClientConfig } from '../../src/timestream-client';

const base = { DATABASE_NAME: 'iot-timeseries-db', TABLE_NAME: 'sensor-data' };

describe('loadConfig', () => {
  it.each(['DATABASE_NAME', 'TABLE_NAME'])('names the missing required variable %s', (name) => {
    const env = { ...base, [name]: '  ' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(`environment variable ${name} is required`);
  });

  it('uses defaults for what is optional', () => {
    expect(loadConfig(base)).toEqual({
      databaseName: 'iot-timeseries-db',
      tableName: 'sensor-data',
      region: 'us-east-1',
      timestreamEndpoint: undefined,
      deadLetter: { kind: 'log' },
      writeConcurrency: 8,
      writeMaxAttempts: 5,
      writeRetryMode: 'standard',
      serviceName: 'ingest-lambda',
      metricsNamespace: METRICS_NAMESPACE,
      staleAfterSeconds: STALE_DEVICE_AFTER_SECONDS,
    });
    expect(loadConfig({ ...base, STALE_AFTER_SECONDS: '600' }).staleAfterSeconds).toBe(600);
    expect(() => loadConfig({ ...base, STALE_AFTER_SECONDS: '5' })).toThrow(/STALE_AFTER_SECONDS/);
  });

  it('reads the dead-letter target, endpoint and tuning', () => {
    const config = loadConfig({
      ...base,
      AWS_REGION: 'eu-west-1',
      TIMESTREAM_ENDPOINT: 'http://127.0.0.1:8000',
      DEAD_LETTER_DIR: '/tmp/dl',
      WRITE_CONCURRENCY: '3',
      WRITE_MAX_ATTEMPTS: '2',
      WRITE_RETRY_MODE: 'adaptive',
    });
    expect(config).toMatchObject({ region: 'eu-west-1', timestreamEndpoint: 'http://127.0.0.1:8000', deadLetter: { kind: 'directory', dir: '/tmp/dl' }, writeConcurrency: 3, writeMaxAttempts: 2, writeRetryMode: 'adaptive' });
    expect(loadConfig({ ...base, DEAD_LETTER_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/dlq' }).deadLetter).toEqual({ kind: 'sqs', queueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/dlq' });
  });

  it.each([
    [{ TIMESTREAM_ENDPOINT: 'localhost:8000' }, 'TIMESTREAM_ENDPOINT'],
    [{ DEAD_LETTER_QUEUE_URL: 'not a url' }, 'DEAD_LETTER_QUEUE_URL'],
    [{ DEAD_LETTER_QUEUE_URL: 'https://q', DEAD_LETTER_DIR: '/tmp' }, 'DEAD_LETTER_DIR'],
    [{ WRITE_CONCURRENCY: '0' }, 'WRITE_CONCURRENCY'],
    [{ WRITE_MAX_ATTEMPTS: 'many' }, 'WRITE_MAX_ATTEMPTS'],
    [{ WRITE_RETRY_MODE: 'forever' }, 'WRITE_RETRY_MODE'],
  ])('refuses %j naming %s', (extra, variable) => {
    expect(() => loadConfig({ ...base, ...extra })).toThrow(expect.objectContaining({ name: 'ConfigError', variable }));
  });
});

describe('timestreamWriteClientConfig', () => {
  it('points at a custom endpoint without endpoint discovery, with the SDK retry settings', () => {
    const local = timestreamWriteClientConfig(loadConfig({ ...base, TIMESTREAM_ENDPOINT: 'http://127.0.0.1:9000', WRITE_MAX_ATTEMPTS: '3' }));
    expect(local).toEqual({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9000', maxAttempts: 3, retryMode: 'standard' });
    expect(local).not.toHaveProperty('endpointDiscoveryEnabled');
    expect(timestreamWriteClientConfig(loadConfig(base))).not.toHaveProperty('endpoint');
  });
});
