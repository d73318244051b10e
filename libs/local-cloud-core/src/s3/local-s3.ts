// s3rver ships no types: the shim declares the part of its API used here.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./s3rver.d.ts" />
import { mkdir } from 'node:fs/promises';
import S3rver from 's3rver';
import { DUMMY_ACCOUNT } from 's3rver/lib/models/account';
import { LocalS3Error } from '../errors';

export interface LocalS3Options {
  host: string;
  port: number;
  /** where buckets and objects are kept (`<bucket>/<key>._S3rver_object` and its metadata) */
  directory: string;
  /** created at start when missing; existing buckets and their objects are kept */
  buckets: readonly string[];
  /** the key pair clients sign with (requests signed with another key are refused: InvalidAccessKeyId, SignatureDoesNotMatch) */
  credentials: { accessKeyId: string; secretAccessKey: string };
}

export interface LocalS3 {
  /** http://127.0.0.1:<port>: path-style S3 endpoint */
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

/** Starts s3rver (a real S3 REST API on the file system) on the loopback address, with the given buckets. */
export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  await mkdir(options.directory, { recursive: true });
  DUMMY_ACCOUNT.createKeyPair(options.credentials.accessKeyId, options.credentials.secretAccessKey);
  const server = new S3rver({
    address: options.host,
    port: options.port,
    directory: options.directory,
    silent: true,
    vhostBuckets: false,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  let port: number;
  try {
    ({ port } = await server.run());
  } catch (cause) {
    throw new LocalS3Error(`the local S3 could not listen on ${options.host}:${options.port}: ${(cause as Error).message}`, { cause });
  }
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${host}:${port}`,
    port,
    close: () => (closing ??= server.close()),
  };
}
