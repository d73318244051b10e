import { INGEST_ENVIRONMENT as ENV, METRICS_NAMESPACE, parseIngestEnvironment, timestreamSettings } from '@iot-timeseries/schema';
import type { LocalCloudConfig } from '../local-cloud-config';
import { ingestFunctionSettings } from './ingest-function';

const config = { functionName: 'ingest', lambdaBundle: '/dist/index.js', lambdaTimeoutMs: 30_000, region: 'eu-west-1', accountId: '123456789012', lambdaConcurrency: 3 } as LocalCloudConfig;
const resources = { timestreamEndpoint: 'http://127.0.0.1:8000', deadLetterDir: '/data/dead-letters' };

describe('ingestFunctionSettings', () => {
  it('runs the bundle handler with the settings table, the local endpoint and the dead-letter directory', () => {
    expect(ingestFunctionSettings(config, resources)).toEqual({
      functionName: 'ingest',
      bundlePath: '/dist/index.js',
      handlerName: 'handler',
      timeoutMs: 30_000,
      memorySizeMb: 256,
      region: 'eu-west-1',
      accountId: '123456789012',
      concurrency: 3,
      environment: {
        [ENV.databaseName]: timestreamSettings.databaseName,
        [ENV.tableName]: timestreamSettings.tableName,
        [ENV.timestreamEndpoint]: 'http://127.0.0.1:8000',
        [ENV.deadLetterDir]: '/data/dead-letters',
        [ENV.serviceName]: 'ingest',
        [ENV.metricsNamespace]: METRICS_NAMESPACE,
      },
    });
  });

  it('gives the function an environment its parser reads back', () => {
    expect(parseIngestEnvironment(ingestFunctionSettings(config, resources).environment)).toMatchObject({
      databaseName: timestreamSettings.databaseName,
      timestreamEndpoint: 'http://127.0.0.1:8000',
      deadLetter: { kind: 'directory', dir: '/data/dead-letters' },
      serviceName: 'ingest',
    });
  });
});
