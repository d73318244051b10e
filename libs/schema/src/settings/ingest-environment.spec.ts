import fc from 'fast-check';
import { IngestEnvironmentError } from '../errors';
import { buildIngestEnvironment, INGEST_ENVIRONMENT, INGEST_ENVIRONMENT_DEFAULTS, parseIngestEnvironment, type IngestEnvironment } from '../index';

const table = { databaseName: 'iot-timeseries-db', tableName: 'sensor-data' };

describe('buildIngestEnvironment', () => {
  it('sets only what is given, under the contract names', () => {
    expect(buildIngestEnvironment({ ...table, deadLetter: { kind: 'directory', dir: '/data/dead-letters' }, serviceName: 'ingest' })).toEqual({
      DATABASE_NAME: 'iot-timeseries-db',
      TABLE_NAME: 'sensor-data',
      DEAD_LETTER_DIR: '/data/dead-letters',
      POWERTOOLS_SERVICE_NAME: 'ingest',
    });
    expect(buildIngestEnvironment({ ...table, deadLetter: { kind: 'log' } })).toEqual({ DATABASE_NAME: 'iot-timeseries-db', TABLE_NAME: 'sensor-data' });
  });

  it('writes numbers as text and the Powertools log level', () => {
    const variables = buildIngestEnvironment({ ...table, writeConcurrency: 3, staleAfterSeconds: 600, logLevel: 'WARN', deadLetter: { kind: 'sqs', queueUrl: '${aws_sqs_queue.dlq.url}' } });
    expect(variables).toMatchObject({ WRITE_CONCURRENCY: '3', STALE_AFTER_SECONDS: '600', POWERTOOLS_LOG_LEVEL: 'WARN', DEAD_LETTER_QUEUE_URL: '${aws_sqs_queue.dlq.url}' });
  });

  it.each([
    [{ writeConcurrency: 0 }, 'WRITE_CONCURRENCY'],
    [{ writeMaxAttempts: 2.5 }, 'WRITE_MAX_ATTEMPTS'],
    [{ staleAfterSeconds: 5 }, 'STALE_AFTER_SECONDS'],
  ])('refuses %j naming %s, with the range the parser would enforce', (extra, variable) => {
    expect(() => buildIngestEnvironment({ ...table, ...extra })).toThrow(expect.objectContaining({ name: 'IngestEnvironmentError', variable }));
  });
});

describe('parseIngestEnvironment', () => {
  it('falls back to the defaults', () => {
    expect(parseIngestEnvironment(buildIngestEnvironment(table))).toEqual({
      ...table,
      ...INGEST_ENVIRONMENT_DEFAULTS,
      timestreamEndpoint: undefined,
      deadLetter: { kind: 'log' },
    });
  });

  it('takes AWS_DEFAULT_REGION when the runtime sets only that', () => {
    expect(parseIngestEnvironment({ ...buildIngestEnvironment(table), [INGEST_ENVIRONMENT.defaultRegion]: 'ap-south-1' }).region).toBe('ap-south-1');
  });

  it('throws IngestEnvironmentError with the variable and the reason apart', () => {
    const parse = () => parseIngestEnvironment({ ...buildIngestEnvironment(table), TIMESTREAM_ENDPOINT: 'ftp://host' });
    expect(parse).toThrow(IngestEnvironmentError);
    expect(parse).toThrow(expect.objectContaining({ variable: 'TIMESTREAM_ENDPOINT', reason: '"ftp://host" must be an http(s) URL', message: 'TIMESTREAM_ENDPOINT: "ftp://host" must be an http(s) URL' }));
  });

  it('reads back every environment the builder writes', () => {
    const text = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
    const settings: fc.Arbitrary<IngestEnvironment> = fc.record({
      databaseName: text,
      tableName: text,
      region: fc.constantFrom('us-east-1', 'eu-west-1'),
      timestreamEndpoint: fc.option(fc.integer({ min: 1, max: 65535 }).map((port) => `http://127.0.0.1:${port}`), { nil: undefined }),
      deadLetter: fc.oneof(
        fc.constant({ kind: 'log' as const }),
        text.map((dir) => ({ kind: 'directory' as const, dir: `/tmp/${dir}` })),
        text.map((name) => ({ kind: 'sqs' as const, queueUrl: `https://sqs.eu-west-1.amazonaws.com/1/${name}` })),
      ),
      writeConcurrency: fc.integer({ min: 1, max: 64 }),
      writeMaxAttempts: fc.integer({ min: 1, max: 10 }),
      writeRetryMode: fc.constantFrom('standard' as const, 'adaptive' as const),
      serviceName: text,
      metricsNamespace: text,
      staleAfterSeconds: fc.integer({ min: 10, max: 7 * 24 * 3600 }),
    });
    fc.assert(fc.property(settings, (values) => expect(parseIngestEnvironment(buildIngestEnvironment(values))).toEqual(values)));
  });
});
