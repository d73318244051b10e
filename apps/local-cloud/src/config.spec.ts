import { analyticsSettings } from '@iot-timeseries/schema';
import path from 'node:path';
import { DEFAULT_PARALLELIZATION_FACTOR, loadConfig, parseFlags, workspaceRoot } from './config';

describe('loadConfig', () => {
  it('has defaults that need no AWS account', () => {
    const config = loadConfig({}, []);
    expect(config).toMatchObject({ host: '127.0.0.1', mqttPort: 1883, timestreamPort: 8000, action: 'kinesis', region: 'us-east-1', durability: 'fsync', streamRetentionHours: 24, maxRecordsPerShard: 20_000 });
    expect(config.timestreamEndpoint).toBeUndefined();
    expect(config.timestreamProcess).toBe('child');
    expect(config.dataDir).toBe(path.join(workspaceRoot(), '.local-cloud'));
    expect(config.lambdaBundle).toBe(path.join(workspaceRoot(), 'dist/apps/ingest-lambda/index.js'));
  });

  it('lets flags win over environment variables', () => {
    const config = loadConfig({ LOCAL_CLOUD_MQTT_PORT: '1884', LOCAL_CLOUD_HTTP_PORT: '5000' }, ['--mqtt-port', '0', '--action=timestream']);
    expect(config).toMatchObject({ mqttPort: 0, httpPort: 5000, action: 'timestream' });
  });

  it('reads the stream durability and retention, and an external Timestream endpoint', () => {
    const config = loadConfig({ LOCAL_CLOUD_DURABILITY: 'write', LOCAL_CLOUD_STREAM_RETENTION_HOURS: '48' }, ['--timestream-endpoint', 'http://127.0.0.1:8123/']);
    expect(config).toMatchObject({ durability: 'write', streamRetentionHours: 48, timestreamEndpoint: 'http://127.0.0.1:8123' });
  });

  it('runs the Timestream server in its own process unless told to embed it', () => {
    expect(loadConfig({ LOCAL_CLOUD_TIMESTREAM_PROCESS: 'embedded' }, []).timestreamProcess).toBe('embedded');
    expect(loadConfig({ LOCAL_CLOUD_TIMESTREAM_PROCESS: 'embedded' }, ['--timestream-process', 'child']).timestreamProcess).toBe('child');
    expect(() => loadConfig({}, ['--timestream-process', 'thread'])).toThrow('--timestream-process must be one of child, embedded, got "thread"');
  });

  it('runs the window function on the Kinesis path by default, as infra deploys it, and not with --window-seconds 0 or the direct action', () => {
    expect(loadConfig({}, []).windows).toMatchObject({ windowSeconds: analyticsSettings.windowSeconds, forecastHorizonSeconds: analyticsSettings.forecast.horizonSeconds });
    expect(loadConfig({}, ['--window-seconds', '10']).windows?.windowSeconds).toBe(10);
    expect(loadConfig({ LOCAL_CLOUD_WINDOW_SECONDS: '0' }, []).windows).toBeUndefined();
    expect(loadConfig({}, ['--action', 'timestream']).windows).toBeUndefined();
    expect(() => loadConfig({}, ['--window-seconds', '901'])).toThrow(/window-seconds/);
  });

  it("bounds what the window mapping holds in memory while it lags: 64 MiB per shard unless --window-backlog-mib says otherwise", () => {
    expect(loadConfig({}, []).windows?.maxBacklogBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({}, ['--window-backlog-mib', '8']).windows?.maxBacklogBytes).toBe(8 * 1024 * 1024);
    expect(loadConfig({ LOCAL_CLOUD_WINDOW_BACKLOG_MIB: '2' }, []).windows?.maxBacklogBytes).toBe(2 * 1024 * 1024);
    expect(() => loadConfig({}, ['--window-backlog-mib', '0'])).toThrow('--window-backlog-mib must be a whole number from 1 to 16384, got "0"');
  });

  it('gives the Lambda one execution environment per batch the stream can have in flight, unless told otherwise', () => {
    expect(loadConfig({}, [])).toMatchObject({ shardCount: 2, parallelizationFactor: DEFAULT_PARALLELIZATION_FACTOR, lambdaConcurrency: 2 * DEFAULT_PARALLELIZATION_FACTOR });
    expect(loadConfig({ LOCAL_CLOUD_PARALLELIZATION_FACTOR: '3' }, ['--shards', '4'])).toMatchObject({ shardCount: 4, parallelizationFactor: 3, lambdaConcurrency: 12 });
    expect(loadConfig({}, ['--parallelization-factor', '10', '--shards', '8'])).toMatchObject({ lambdaConcurrency: 64 });
    expect(loadConfig({}, ['--parallelization-factor', '4', '--lambda-concurrency', '3'])).toMatchObject({ parallelizationFactor: 4, lambdaConcurrency: 3 });
  });

  it('reads alarm overrides', () => {
    const config = loadConfig({ LOCAL_CLOUD_ALARM_OVERRIDES: '{"stale-devices":{"periodSeconds":2,"threshold":0}}' }, []);
    expect(config.alarmOverrides).toEqual({ 'stale-devices': { periodSeconds: 2, threshold: 0 } });
  });

  it.each([
    [{ LOCAL_CLOUD_MQTT_PORT: 'abc' }, [], /LOCAL_CLOUD_MQTT_PORT must be a whole number from 0 to 65535, got "abc"/],
    [{}, ['--timestream-port', '70000'], /--timestream-port must be a whole number/],
    [{ LOCAL_CLOUD_HOST: '0.0.0.0' }, [], /LOCAL_CLOUD_HOST must be a loopback address/],
    [{ LOCAL_CLOUD_ACTION: 'sqs' }, [], /LOCAL_CLOUD_ACTION must be "kinesis" or "timestream"/],
    [{ LOCAL_CLOUD_ALARM_OVERRIDES: '{"nope":{}}' }, [], /unknown alarm id "nope"/],
    [{ LOCAL_CLOUD_ALARM_OVERRIDES: '{"stale-devices":{"periodSeconds":-1}}' }, [], /must be a positive number/],
    [{ LOCAL_CLOUD_ALARM_OVERRIDES: 'x' }, [], /must be JSON/],
    [{}, ['--no-such-flag', '1'], /unknown option\(s\): --no-such-flag/],
    [{ LOCAL_CLOUD_DURABILITY: 'sometimes' }, [], /LOCAL_CLOUD_DURABILITY must be one of fsync, write, got "sometimes"/],
    [{}, ['--stream-retention-hours', '0'], /--stream-retention-hours must be a whole number from 1 to 8760/],
    [{}, ['--timestream-endpoint', 'http://10.0.0.5:8000'], /--timestream-endpoint must be an http URL on a loopback address/],
    [{ LOCAL_CLOUD_TIMESTREAM_ENDPOINT: 'not a url' }, [], /LOCAL_CLOUD_TIMESTREAM_ENDPOINT must be a URL like/],
    [{}, ['stray'], /unexpected argument "stray"/],
    [{}, ['--parallelization-factor', '11'], /--parallelization-factor must be a whole number from 1 to 10, got "11"/],
    [{ LOCAL_CLOUD_PARALLELIZATION_FACTOR: '0' }, [], /LOCAL_CLOUD_PARALLELIZATION_FACTOR must be a whole number from 1 to 10/],
  ])('refuses %j %j', (env, argv, message) => {
    expect(() => loadConfig(env, argv)).toThrow(message);
  });

  it('parses flag forms', () => {
    expect(parseFlags(['--a=1', '--b', '2', '--c'])).toEqual({ a: '1', b: '2', c: 'true' });
  });
});
