import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { LOCAL_PLACEHOLDER_CREDENTIALS } from '@iot-timeseries/schema';
import type { CliConfig } from './config';

/** Local servers take libs/schema's placeholder credentials; on AWS the SDK's default chain (or --profile) applies. */
export function createQueryClient(config: CliConfig): TimestreamQueryClient {
  if (config.target.kind === 'local') {
    return new TimestreamQueryClient({ endpoint: config.target.endpoint, region: 'us-east-1', credentials: LOCAL_PLACEHOLDER_CREDENTIALS, maxAttempts: 2 });
  }
  return new TimestreamQueryClient({ region: config.target.region, ...(config.target.profile ? { profile: config.target.profile } : {}) });
}
