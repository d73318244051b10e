import { S3Client } from '@aws-sdk/client-s3';
import { LOCAL_PLACEHOLDER_CREDENTIALS, LOCAL_S3_CLIENT_OPTIONS } from '@iot-timeseries/schema';

/** An S3 client of the local S3: libs/schema's LOCAL_S3_CLIENT_OPTIONS, signed with its placeholder credentials. */
export function localS3Client(endpoint: string, region: string): S3Client {
  return new S3Client({ endpoint, region, ...LOCAL_S3_CLIENT_OPTIONS, credentials: LOCAL_PLACEHOLDER_CREDENTIALS, maxAttempts: 3 });
}
