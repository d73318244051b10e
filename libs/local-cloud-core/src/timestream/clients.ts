import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { LOCAL_PLACEHOLDER_CREDENTIALS } from '@iot-timeseries/schema';

/** The local cloud's write client of its embedded server, signed with libs/schema's placeholder credentials. */
export function localWriteClient(endpoint: string, region: string): TimestreamWriteClient {
  return new TimestreamWriteClient({ endpoint, region, credentials: LOCAL_PLACEHOLDER_CREDENTIALS, maxAttempts: 3 });
}

/** The query client, with the same placeholder credentials and retries. */
export function localQueryClient(endpoint: string, region: string): TimestreamQueryClient {
  return new TimestreamQueryClient({ endpoint, region, credentials: LOCAL_PLACEHOLDER_CREDENTIALS, maxAttempts: 3 });
}
