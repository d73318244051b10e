/**
 * Where the local stand-ins listen by default (the local cloud, the simulator, the query CLI and
 * the infra's local stack all read these), and the placeholder credentials their clients sign
 * with. Nothing here is a secret: the local servers run without signature checks unless started
 * with credentials of their own, and these values are never valid on AWS.
 */

/** The only address the local stand-ins bind to by default. */
export const LOOPBACK_HOST = '127.0.0.1';

/** Default ports of the local cloud: broker (IoT Core), Timestream (write and query), health server, S3. */
export const LOCAL_PORTS = {
  mqtt: 1883,
  timestream: 8000,
  health: 4566,
  s3: 4568,
} as const;

/** `mqtt://<host>:<port>`: the local broker standing in for IoT Core. */
export function localMqttUrl(port: number = LOCAL_PORTS.mqtt, host: string = LOOPBACK_HOST): string {
  return `mqtt://${host}:${port}`;
}

/** `http://<host>:<port>`: a local HTTP endpoint (Timestream, the health server, S3). */
export function localHttpUrl(port: number, host: string = LOOPBACK_HOST): string {
  return `http://${host}:${port}`;
}

/** The default URLs, built from the loopback host and the default ports. */
export const LOCAL_ENDPOINTS = {
  mqtt: localMqttUrl(),
  timestream: localHttpUrl(LOCAL_PORTS.timestream),
  health: localHttpUrl(LOCAL_PORTS.health),
  s3: localHttpUrl(LOCAL_PORTS.s3),
} as const;

/**
 * Placeholder credentials for SDK clients of the local stand-ins (the SDK signs every request, so
 * it needs some). Not secrets, and not accepted by AWS.
 */
export const LOCAL_PLACEHOLDER_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** The placeholder session token the local Lambda runner sets beside them, as the Lambda service sets one. */
export const LOCAL_PLACEHOLDER_SESSION_TOKEN = 'local-session';

/**
 * How an S3 client of the local S3 (s3rver) must be configured: path-style (buckets in the path, as with an IP
 * endpoint), and checksums only where S3 requires them — with the SDK's default, a streamed body is sent `aws-chunked`
 * with a trailing checksum, which s3rver stores as it came (chunk headers and all). Spread into `new S3Client({...})`.
 */
export const LOCAL_S3_CLIENT_OPTIONS = { forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' } as const;
