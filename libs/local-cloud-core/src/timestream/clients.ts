import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { TimestreamWriteClient } from '@aws-sdk/client-timestream-write';

/** Placeholder credentials for the local server (it does not hold secrets). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'LOCALCLOUDACCESSKEY', secretAccessKey: 'local-cloud-placeholder-secret' };

export function localWriteClient(endpoint: string, region: string): TimestreamWriteClient {
  return new TimestreamWriteClient({ endpoint, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 3 });
}

export function localQueryClient(endpoint: string, region: string): TimestreamQueryClient {
  return new TimestreamQueryClient({ endpoint, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 3 });
}
