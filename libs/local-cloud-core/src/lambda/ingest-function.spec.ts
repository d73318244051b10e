import { METRICS_NAMESPACE, timestreamSettings } from '@iot-timeseries/schema';
import type { LocalCloudConfig } from '../local-cloud-config';
import { ingestFunctionSettings } from './ingest-function';

const config = { functionName: 'ingest', lambdaBundle: '/dist/index.js', lambdaTimeoutMs: 30_000, region: 'eu-west-1', accountId: '123456789012', lambdaConcurrency: 3 } as LocalCloudConfig;

describe('ingestFunctionSettings', () => {
  it('runs the bundle handler with the settings table, the local endpoint and the dead-letter directory', () => {
    expect(ingestFunctionSettings(config, { timestreamEndpoint: 'http://127.0.0.1:8000', deadLetterDir: '/data/dead-letters' })).toEqual({
      functionName: 'ingest',
      bundlePath: '/dist/index.js',
      handlerName: 'handler',
      timeoutMs: 30_000,
      memorySizeMb: 256,
      region: 'eu-west-1',
      accountId: '123456789012',
      concurrency: 3,
      environment: {
        DATABASE_NAME: timestreamSettings.databaseName,
        TABLE_NAME: timestreamSettings.tableName,
        TIMESTREAM_ENDPOINT: 'http://127.0.0.1:8000',
        DEAD_LETTER_DIR: '/data/dead-letters',
        POWERTOOLS_SERVICE_NAME: 'ingest',
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      },
    });
  });
});
