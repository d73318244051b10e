import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { ObjectStoreError } from '../errors';
import { normalizedKey, type ObjectEntry, type ObjectStore } from './object-store';

export interface S3ObjectStoreOptions {
  /** e.g. http://127.0.0.1:4568 (the local cloud's S3) */
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/** Placeholder credentials for a local S3 (the local cloud's S3 accepts them); never valid on AWS. */
export const LOCAL_S3_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/**
 * An S3 client for a local S3: path-style addressing (buckets in the path, as with an IP endpoint), and checksums
 * only where S3 requires them: with the default, a streamed body is sent `aws-chunked` with a trailing checksum,
 * which s3rver stores as it came (chunk headers and all).
 */
export function localS3Client(options: S3ObjectStoreOptions): S3Client {
  return new S3Client({ endpoint: options.endpoint, region: options.region, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', credentials: options.credentials });
}

/** Files up to this size are sent from memory, so the SDK can retry them; larger ones are streamed (not retried). */
export const BUFFERED_UPLOAD_BYTES = 64 * 1024 * 1024;

const reasonOf = (cause: unknown): string => (cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause));
const isNoSuchBucket = (cause: unknown): boolean => cause instanceof Error && cause.name === 'NoSuchBucket';

/** Objects written to and read from an S3 API with @aws-sdk/client-s3 (the SDK retries transient failures of buffered bodies). */
export function s3ObjectStore(options: S3ObjectStoreOptions, client: S3Client = localS3Client(options)): ObjectStore {
  return {
    description: `s3 ${options.endpoint}`,
    async putObject(bucket, key, body, contentType) {
      const Key = normalizedKey(key);
      try {
        const file = typeof body === 'object' && 'file' in body ? body : undefined;
        const streamed = file !== undefined && file.size > BUFFERED_UPLOAD_BYTES;
        const Body = file === undefined ? (body as string | Uint8Array) : streamed ? createReadStream(file.file) : await readFile(file.file);
        await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body, ...(streamed ? { ContentLength: file.size } : {}), ContentType: contentType }));
      } catch (cause) {
        throw new ObjectStoreError(`could not write s3://${bucket}/${Key} to ${options.endpoint}: ${reasonOf(cause)}`, { cause, missingBucket: isNoSuchBucket(cause) });
      }
    },
    async listObjects(bucket, prefix) {
      const found: ObjectEntry[] = [];
      let ContinuationToken: string | undefined;
      try {
        do {
          const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ...(prefix ? { Prefix: prefix } : {}), ContinuationToken }));
          for (const o of page.Contents ?? []) if (o.Key !== undefined) found.push({ key: o.Key, size: o.Size ?? 0 });
          ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (ContinuationToken);
      } catch (cause) {
        throw new ObjectStoreError(`could not list s3://${bucket}/${prefix} at ${options.endpoint}: ${reasonOf(cause)}`, { cause, missingBucket: isNoSuchBucket(cause) });
      }
      return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
    async getObject(bucket, key) {
      try {
        const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        if (!Body) throw new Error('the answer has no body');
        return Body as Readable;
      } catch (cause) {
        throw new ObjectStoreError(`could not read s3://${bucket}/${key} at ${options.endpoint}: ${reasonOf(cause)}`, { cause, missingBucket: isNoSuchBucket(cause) });
      }
    },
  };
}
