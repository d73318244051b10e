import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { TimestreamWriteClient, type TimestreamWriteClientConfig } from '@aws-sdk/client-timestream-write';
import type { IngestConfig } from './config';

/**
 * The Timestream write client. Throttling, 5xx and network errors are retried by the SDK's retry
 * strategy (`retryMode`, `maxAttempts`: exponential backoff with jitter). With a custom endpoint
 * (local server) endpoint discovery stays off: the SDK skips DescribeEndpoints when `endpoint` is
 * given. Against AWS the client discovers the cell endpoint itself.
 */
export function timestreamWriteClientConfig(config: IngestConfig): TimestreamWriteClientConfig {
  return {
    region: config.region,
    maxAttempts: config.writeMaxAttempts,
    retryMode: config.writeRetryMode,
    ...(config.timestreamEndpoint ? { endpoint: config.timestreamEndpoint } : {}),
  };
}

export function createTimestreamWriteClient(config: IngestConfig): TimestreamWriteClient {
  return new TimestreamWriteClient(timestreamWriteClientConfig(config));
}

/** The query client of the stale-device probe: same region, endpoint and retries as the writer. */
export function createTimestreamQueryClient(config: IngestConfig): TimestreamQueryClient {
  return new TimestreamQueryClient(timestreamWriteClientConfig(config));
}
