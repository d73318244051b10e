import type { TimestreamStorage } from '../../storage/timestream-storage';

export interface ServiceSettings {
  region: string;
  accountId: string;
}

export interface OperationContext {
  storage: TimestreamStorage;
  /** what DescribeEndpoints answers: the request's host, with its port and scheme as the calling SDK needs them */
  requestHost: string;
  requestId: string;
  now(): Date;
  settings: ServiceSettings;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- inputs arrive as JSON; each operation validates its own
export type OperationHandler = (input: any, ctx: OperationContext) => Promise<unknown>;
