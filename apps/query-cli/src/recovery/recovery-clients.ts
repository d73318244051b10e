import { S3Client } from '@aws-sdk/client-s3';
import { TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { LOCAL_ENDPOINTS, LOCAL_PLACEHOLDER_CREDENTIALS, LOCAL_S3_CLIENT_OPTIONS } from '@iot-timeseries/schema';
import type { CliConfig } from '../config';

/** The write API of the target: the local endpoint with the placeholder credentials, or Timestream in the region. */
export function createWriteClient(config: CliConfig): TimestreamWriteClient {
  if (config.target.kind === 'local') return new TimestreamWriteClient({ endpoint: config.target.endpoint, region: 'us-east-1', credentials: LOCAL_PLACEHOLDER_CREDENTIALS, maxAttempts: 2 });
  return new TimestreamWriteClient({ region: config.target.region, ...(config.target.profile ? { profile: config.target.profile } : {}) });
}

/** S3 of the target: the local S3 (`--s3-endpoint`, default the local cloud's), or S3 in the region. */
export function createS3Client(config: CliConfig): S3Client {
  if (config.target.kind === 'local') {
    return new S3Client({ endpoint: config.s3Endpoint ?? LOCAL_ENDPOINTS.s3, region: 'us-east-1', ...LOCAL_S3_CLIENT_OPTIONS, credentials: LOCAL_PLACEHOLDER_CREDENTIALS, maxAttempts: 3 });
  }
  return new S3Client({ region: config.target.region, ...(config.s3Endpoint ? { endpoint: config.s3Endpoint } : {}), ...(config.target.profile ? { profile: config.target.profile } : {}) });
}

export interface RecoveryClients {
  write: TimestreamWriteClient;
  s3: S3Client;
}
