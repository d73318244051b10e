import { S3Client } from '@aws-sdk/client-s3';
import { LOCAL_PLACEHOLDER_CREDENTIALS } from '@iot-timeseries/schema';

/**
 * An S3 client of the local S3: path-style, signed with libs/schema's placeholder credentials, checksums only where
 * S3 requires them (s3rver does not decode the `aws-chunked` uploads the SDK sends for streamed bodies by default).
 */
export function localS3Client(endpoint: string, region: string): S3Client {
  return new S3Client({ endpoint, region, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', credentials: LOCAL_PLACEHOLDER_CREDENTIALS, maxAttempts: 3 });
}
