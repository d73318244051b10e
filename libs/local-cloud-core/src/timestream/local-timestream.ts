import { startTimestreamLocal } from '@iot-timeseries/timestream-local';
import { LOCAL_PLACEHOLDER_CREDENTIALS } from '@iot-timeseries/schema';
import { observeRequestLatency } from './latency-observer';
import type { StartTimestream } from './timestream-service';

/** The embedded Timestream: libs/timestream-local on DuckDB in this process, durable under the data directory, writing reports to the local S3. */
export const startLocalTimestream: StartTimestream = async (options) => {
  const running = await startTimestreamLocal({
    host: options.host,
    port: options.port,
    dataDir: options.dataDir,
    region: options.region,
    accountId: options.accountId,
    s3Endpoint: options.s3Endpoint,
    s3Credentials: LOCAL_PLACEHOLDER_CREDENTIALS,
  });
  return { endpoint: running.endpoint, port: running.port, observeRequests: (listener) => observeRequestLatency(running.server, listener), close: running.close };
};
