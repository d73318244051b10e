import type { IncomingMessage, ServerResponse } from 'node:http';

/** How much of a refused body the server still reads (and throws away) before it closes the connection. */
export interface DiscardLimits {
  /** bytes read after the refusal (default 64 MiB) */
  maxBytes: number;
  /** time after the refusal (default 30 s) */
  maxMs: number;
}

export const DEFAULT_DISCARD_LIMITS: DiscardLimits = { maxBytes: 64 * 1024 * 1024, maxMs: 30_000 };

/**
 * Finishes a refused request whose answer (with `Connection: close`) is already written but not ended: reads and
 * discards the rest of its body, then ends the answer, which closes the connection. Closing while the client is
 * still sending would make the server's kernel reset the connection, and a reset makes the client's kernel drop
 * the answer it had not read yet: most clients write the whole body before they read, so they would see EPIPE or
 * ECONNRESET instead of the 413. Past `limits` the connection is cut anyway.
 */
export function discardRestOfBody(req: IncomingMessage, res: ServerResponse, limits: DiscardLimits): void {
  let discarded = 0;
  const timer = setTimeout(() => cut(), limits.maxMs);
  timer.unref();
  const done = () => {
    clearTimeout(timer);
    req.off('data', onData);
  };
  const cut = () => {
    done();
    res.end();
    req.socket.destroy();
  };
  const onData = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limits.maxBytes) cut();
  };
  req.on('data', onData);
  req.once('end', () => {
    done();
    res.end();
  });
  req.once('close', done);
  req.resume();
}
