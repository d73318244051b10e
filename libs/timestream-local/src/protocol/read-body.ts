import type { IncomingMessage } from 'node:http';
import { RequestEntityTooLargeException } from '../errors';

/** True when the request declares (Content-Length) a body over `limit` bytes. */
export function declaresTooLarge(req: IncomingMessage, limit: number): boolean {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared > limit;
}

/**
 * Reads a request body up to `limit` bytes. A declared Content-Length over the limit is refused before reading;
 * a streamed body is refused as soon as it passes the limit. Either way the stream is left paused with the rest
 * unread: the caller answers and discards it (see `oversized-body.ts`).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (declaresTooLarge(req, limit)) return Promise.reject(new RequestEntityTooLargeException(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stop();
        req.pause();
        reject(new RequestEntityTooLargeException(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
