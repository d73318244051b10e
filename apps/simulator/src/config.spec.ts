import path from 'node:path';
import { loadConfig, parseArgs } from './config';

describe('simulator config', () => {
  it('reproduces the recipe by default for run: 5 devices, 10 rounds, 30 s apart, local broker', () => {
    const config = loadConfig({}, ['run']);
    expect(config).toMatchObject({ command: 'run', target: 'local', devices: 5, rounds: 10, intervalMs: 30_000, mqttUrl: 'mqtt://127.0.0.1:1883', timestreamEndpoint: 'http://127.0.0.1:8000', timeScale: 1 });
    expect(config.seedGiven).toBe(false);
    expect(config.seed).toMatch(/^[0-9a-f]{8}$/);
  });

  it('runs continuously for serve, with faster readings and a compressed day', () => {
    const config = loadConfig({ LOCAL_CLOUD_MQTT_PORT: '1999' }, ['serve', '--seed', '42', '--devices=2000']);
    expect(config).toMatchObject({ command: 'serve', rounds: undefined, intervalMs: 2000, timeScale: 60, seed: '42', seedGiven: true, devices: 2000, mqttUrl: 'mqtt://127.0.0.1:1999' });
  });

  it('takes a duration instead of rounds, fault rates and a rate limit', () => {
    const config = loadConfig({}, ['run', '--duration', '5', '--interval', '0.2', '--rate', '100', '--anomaly-rate', '0.05', '--dropout-rate', '0']);
    expect(config).toMatchObject({ rounds: undefined, durationMs: 5000, intervalMs: 200, ratePerSecond: 100 });
    expect(config.faults).toMatchObject({ anomalyRate: 0.05, dropoutRate: 0 });
  });

  it('writes the ground truth where --ground-truth says (an absolute path)', () => {
    expect(loadConfig({}, ['run']).groundTruthFile).toBeUndefined();
    expect(loadConfig({}, ['serve', '--ground-truth', 'out/truth.jsonl']).groundTruthFile).toBe(path.resolve('out/truth.jsonl'));
    expect(loadConfig({ SIMULATOR_GROUND_TRUTH: '/tmp/t.jsonl' }, ['run']).groundTruthFile).toBe('/tmp/t.jsonl');
  });

  it('reads lists of endpoints to fail over to, the first being the primary', () => {
    const config = loadConfig({ SIMULATOR_FAILOVER_REGIONS: 'eu-central-1' }, ['serve', '--mqtt-url', 'mqtt://127.0.0.1:1883, mqtt://127.0.0.1:2883', '--timestream-endpoint', 'http://127.0.0.1:8000,http://127.0.0.1:9000']);
    expect(config).toMatchObject({
      mqttUrl: 'mqtt://127.0.0.1:1883',
      mqttFailover: ['mqtt://127.0.0.1:2883'],
      timestreamEndpoint: 'http://127.0.0.1:8000',
      timestreamFailover: ['http://127.0.0.1:9000'],
      failoverRegions: ['eu-central-1'],
    });
    expect(loadConfig({}, ['run'])).toMatchObject({ mqttFailover: [], timestreamFailover: [], failoverRegions: [] });
    expect(() => loadConfig({}, ['run', '--mqtt-url', 'mqtt://127.0.0.1:1883,'])).toThrow('--mqtt-url must be one endpoint or a comma-separated list of them, got "mqtt://127.0.0.1:1883,"');
  });

  it('points at AWS for the lambda target', () => {
    const config = loadConfig({ LAMBDA_FUNCTION_NAME: 'ingest' }, ['run', '--target', 'lambda']);
    expect(config).toMatchObject({ target: 'lambda', functionName: 'ingest', timestreamEndpoint: undefined });
  });

  it.each([
    [['fly'], /unknown command "fly"/],
    [['run', '--target', 'sqs'], /--target must be local, iot-core, lambda or timestream/],
    [['run', '--devices', '0'], /--devices must be a whole number from 1/],
    [['run', '--anomaly-rate', '2'], /--anomaly-rate must be a number from 0 to 1/],
    [['run', '--target', 'lambda'], /--function-name \(or LAMBDA_FUNCTION_NAME\) is required/],
    [['run', '--target', 'iot-core'], /--iot-endpoint \(or IOT_ENDPOINT\) is required/],
    [['run', '--target', 'iot-core', '--iot-endpoint', 'x'], /--cert and --key/],
    [['run', '--signal-epoch', 'soon'], /--signal-epoch must be a date/],
    [['run', '--bogus', '1'], /unknown option\(s\): --bogus/],
    [['run', 'extra'], /unexpected argument "extra"/],
    [['run', '--ground-truth'], /--ground-truth needs a file name/],
  ])('refuses %j', (argv, message) => {
    expect(() => loadConfig({}, argv)).toThrow(message);
  });

  it('parses flags', () => {
    expect(parseArgs(['serve', '--a=1', '--b', '2', '--c'])).toEqual({ command: 'serve', flags: { a: '1', b: '2', c: 'true' } });
  });
});
