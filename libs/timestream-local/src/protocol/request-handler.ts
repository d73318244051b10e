import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceError, UnknownOperationException, ValidationException } from '../errors';
import type { OperationContext, OperationHandler, ServiceSettings } from '../operations/shared/context';
import type { TimestreamStorage } from '../storage/timestream-storage';
import { discoveryAddress } from './discovery-address';
import { encodeError } from './error-encoding';
import { AWS_JSON_1_0, requireAwsJson } from './content-type';
import { decodeJson, encodeJson } from './json-codec';
import { discardRestOfBody, type DiscardLimits } from './oversized-body';
import { readBody } from './read-body';
import { operationOf, serviceOf } from './service-target';
import { verifySignature, type Credentials } from './sigv4-verifier';

export interface RequestHandlerOptions {
  storage: TimestreamStorage;
  writeOperations: Record<string, OperationHandler>;
  queryOperations: Record<string, OperationHandler>;
  settings: ServiceSettings;
  maxBodyBytes: number;
  /** how much of a too-large body is still read and thrown away, so that the client receives the 413 */
  discardLimits: DiscardLimits;
  credentials?: Credentials;
  now: () => Date;
  /** called with unexpected (non-service) errors; their text never reaches the client */
  onInternalError?: (error: unknown, operation: string | undefined) => void;
  onRequest?: (operation: string | undefined, status: number) => void;
}

const REQUEST_ID_PREFIX = randomBytes(8).toString('hex').toUpperCase();
let requestCount = 0;
/** 26 upper-case hex digits: a random per-process prefix and a counter (unique without a random draw per request). */
export const newRequestId = (): string => REQUEST_ID_PREFIX + (requestCount++).toString(16).toUpperCase().padStart(10, '0');

/** awsJson1_0 over HTTP: routing by X-Amz-Target, JSON codec, error encoding, signature check. */
export function createRequestHandler(options: RequestHandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = newRequestId();
    let operation: string | undefined;
    /** writes the status line and headers; false when an answer was already sent */
    const head = (status: number, body: string, headers: Record<string, string>): boolean => {
      if (res.headersSent) return false;
      options.onRequest?.(operation, status);
      res.writeHead(status, { 'Content-Type': AWS_JSON_1_0, 'x-amzn-RequestId': requestId, 'Content-Length': Buffer.byteLength(body), ...headers });
      return true;
    };
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      if (head(status, body, headers)) res.end(body);
    };
    try {
      if (req.method !== 'POST') throw new UnknownOperationException('Only POST requests are accepted.');
      let body: Buffer;
      try {
        body = await readBody(req, options.maxBodyBytes);
      } catch (error) {
        // answer at once, then read and discard the rest before the connection closes (see oversized-body.ts)
        const encoded = encodeError(error);
        if (head(encoded.status, encoded.body, { ...encoded.headers, Connection: 'close' })) {
          res.write(encoded.body);
          discardRestOfBody(req, res, options.discardLimits);
        }
        return;
      }
      requireAwsJson(req.headers['content-type']);
      if (options.credentials) await verifySignature({ method: req.method, url: req.url ?? '/', headers: req.headers, body }, options.credentials, options.now().getTime());
      operation = operationOf(req.headers['x-amz-target'] as string | undefined);
      if (!operation) throw new UnknownOperationException('The X-Amz-Target header does not name a Timestream_20181101 operation.');
      const inWrite = Object.hasOwn(options.writeOperations, operation);
      const inQuery = Object.hasOwn(options.queryOperations, operation);
      if (!inWrite && !inQuery) throw new UnknownOperationException(`Operation ${operation} is not known.`);
      const input = decodeJson(body);
      const service = serviceOf(operation, req.headers['user-agent'], input, inWrite, inQuery);
      const handler = (service === 'query' ? options.queryOperations : options.writeOperations)[operation];
      const ctx: OperationContext = { storage: options.storage, requestHost: discoveryAddress(req.headers.host, req.headers['user-agent']), requestId, now: options.now, settings: options.settings };
      const output = await handler(input, ctx);
      send(200, encodeJson(output));
    } catch (error) {
      if (!(error instanceof ServiceError)) options.onInternalError?.(error, operation);
      const encoded = encodeError(error instanceof SyntaxError ? new ValidationException('The request could not be read.') : error);
      send(encoded.status, encoded.body, encoded.headers);
    }
  };
}
