import type { ObservedRequest } from './latency-observer';

/** What the local cloud hands its Timestream child: every option the embedded server gets. */
export interface ChildTimestreamOptions {
  host: string;
  port: number;
  dataDir: string;
  region: string;
  accountId: string;
  s3Endpoint: string;
  s3Credentials: { accessKeyId: string; secretAccessKey: string };
}

/** Local cloud -> child, over the IPC channel. */
export type ToTimestreamChild = { type: 'start'; options: ChildTimestreamOptions } | { type: 'close' };

/** Child -> local cloud: listening (or why not), the requests it answered (for the AWS/Timestream metrics). */
export type FromTimestreamChild =
  | { type: 'ready'; endpoint: string; port: number }
  | { type: 'start-failed'; message: string }
  | { type: 'requests'; observed: ObservedRequest[] };

/** How often the child sends the requests it observed (one IPC message per interval, not per request). */
export const REQUEST_REPORT_MS = 200;
