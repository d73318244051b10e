import { ConfigError, readConfig } from '../../src/config';

describe('readConfig (CLI flags and environment)', () => {
  it('reads flags, with = or a separate value, over environment variables', () => {
    const config = readConfig(['--port', '9001', '--data-dir=/tmp/x'], { TIMESTREAM_LOCAL_PORT: '7000', TIMESTREAM_LOCAL_HOST: '0.0.0.0' });
    expect(config).toMatchObject({ port: 9001, dataDir: '/tmp/x', host: '0.0.0.0' });
    expect(config.credentials).toBeUndefined();
  });

  it('defaults to 127.0.0.1:8000 in memory and reads credentials from the environment', () => {
    const config = readConfig([], { TIMESTREAM_LOCAL_ACCESS_KEY_ID: 'AKID', TIMESTREAM_LOCAL_SECRET_ACCESS_KEY: 'secret' });
    expect(config).toMatchObject({ port: 8000, host: '127.0.0.1', dataDir: undefined, credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } });
  });

  it('fails naming the flag or variable', () => {
    expect(() => readConfig(['--port', 'eighty'], {})).toThrow(/--port .* must be an integer/);
    expect(() => readConfig([], { TIMESTREAM_LOCAL_PORT: '70000' })).toThrow(/TIMESTREAM_LOCAL_PORT/);
    expect(() => readConfig(['--verbose'], {})).toThrow(ConfigError);
    expect(() => readConfig(['--data-dir'], {})).toThrow(/--data-dir needs a value/);
    expect(() => readConfig([], { TIMESTREAM_LOCAL_ACCESS_KEY_ID: 'AKID' })).toThrow(/must be set together/);
  });

  it('reads the number of records kept in memory per table, within its bounds', () => {
    expect(readConfig(['--indexed-records', '250000'], {}).indexedRecords).toBe(250_000);
    expect(readConfig([], { TIMESTREAM_LOCAL_INDEXED_RECORDS: '5000' }).indexedRecords).toBe(5000);
    expect(readConfig([], {}).indexedRecords).toBeUndefined();
    expect(() => readConfig(['--indexed-records', '10'], {})).toThrow(/--indexed-records \(TIMESTREAM_LOCAL_INDEXED_RECORDS\) must be an integer from 1000/);
  });
});
