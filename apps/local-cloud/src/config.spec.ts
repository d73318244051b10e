import path from 'node:path';
import { loadConfig, parseFlags, workspaceRoot } from './config';

describe('loadConfig', () => {
  it('has defaults that need no AWS account', () => {
    const config = loadConfig({}, []);
    expect(config).toMatchObject({ host: '127.0.0.1', mqttPort: 1883, timestreamPort: 8000, action: 'kinesis', region: 'us-east-1' });
    expect(config.dataDir).toBe(path.join(workspaceRoot(), '.local-cloud'));
    expect(config.lambdaBundle).toBe(path.join(workspaceRoot(), 'dist/apps/ingest-lambda/index.js'));
  });

  it('lets flags win over environment variables', () => {
    const config = loadConfig({ LOCAL_CLOUD_MQTT_PORT: '1884', LOCAL_CLOUD_HTTP_PORT: '5000' }, ['--mqtt-port', '0', '--action=timestream']);
    expect(config).toMatchObject({ mqttPort: 0, httpPort: 5000, action: 'timestream' });
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
    [{}, ['stray'], /unexpected argument "stray"/],
  ])('refuses %j %j', (env, argv, message) => {
    expect(() => loadConfig(env, argv)).toThrow(message);
  });

  it('parses flag forms', () => {
    expect(parseFlags(['--a=1', '--b', '2', '--c'])).toEqual({ a: '1', b: '2', c: 'true' });
  });
});
