import { timestreamRequestMetric } from './request-metrics';

describe('timestreamRequestMetric', () => {
  const at = Date.UTC(2026, 0, 1);

  it('publishes the latency of a successful request per operation', () => {
    expect(timestreamRequestMetric({ operation: 'WriteRecords', statusCode: 200, latencyMs: 12.5, at })).toEqual({
      namespace: 'AWS/Timestream',
      name: 'SuccessfulRequestLatency',
      dimensions: { Operation: 'WriteRecords' },
      value: 12.5,
      timestamp: at,
    });
  });

  it.each([
    [400, 'UserErrors'],
    [404, 'UserErrors'],
    [500, 'SystemErrors'],
    [503, 'SystemErrors'],
  ])('counts a %i answer as one of %s', (statusCode, name) => {
    expect(timestreamRequestMetric({ operation: 'Query', statusCode, latencyMs: 3, at })).toEqual({ namespace: 'AWS/Timestream', name, dimensions: { Operation: 'Query' }, value: 1, timestamp: at });
  });
});
