import { startTimestreamLocal } from '@iot-timeseries/timestream-local';
import type { StartTimestream } from './timestream-service';

/** The embedded Timestream: libs/timestream-local on DuckDB, durable under the data directory. */
export const startLocalTimestream: StartTimestream = async (options) => {
  const running = await startTimestreamLocal({
    host: options.host,
    port: options.port,
    dataDir: options.dataDir,
    region: options.region,
    accountId: options.accountId,
  });
  return { endpoint: running.endpoint, port: running.port, httpServer: running.server, close: running.close };
};
