import { LOCAL_PLACEHOLDER_CREDENTIALS } from '@iot-timeseries/schema';
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TimestreamServerError } from '../errors';
import type { ObservedRequest } from './latency-observer';
import type { FromTimestreamChild, ToTimestreamChild } from './timestream-child-protocol';
import type { StartTimestream, TimestreamService } from './timestream-service';

/** The child's entry; its file name is the marker to find the process by (e.g. in /proc). */
export const TIMESTREAM_CHILD = path.join(__dirname, 'timestream-child.ts');
const START_TIMEOUT_MS = 60_000;
const CLOSE_TIMEOUT_MS = 15_000;

/**
 * libs/timestream-local in its own process, so DuckDB does not share the local cloud's one thread
 * with the broker, the stream and the Lambda runner. Same options as the embedded server; the
 * requests it answers come back over IPC for the AWS/Timestream metrics. It exits with the local
 * cloud (even on kill -9: it watches the IPC channel); `lost` settles if it ends on its own.
 */
export const startChildTimestream: StartTimestream = async (options) => {
  const child = fork(TIMESTREAM_CHILD, [], {
    execArgv: ['--require', require.resolve('tsx/cjs')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Its own process group: a Ctrl-C in the terminal reaches the local cloud, which stops the server after draining.
    detached: true,
  });
  const listeners = new Set<(observed: ObservedRequest) => void>();
  let closing = false;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`));
    child.once('error', (error) => resolve(error.message));
  });
  const lost = exited.then((how) => (closing ? new Promise<never>(() => undefined) : new TimestreamServerError(`the Timestream server (pid ${child.pid}) exited unexpectedly (${how})`)));
  child.on('message', (message: FromTimestreamChild) => {
    if (message.type === 'requests') message.observed.forEach((o) => listeners.forEach((listen) => listen(o)));
  });
  const ready = await new Promise<{ endpoint: string; port: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimestreamServerError(`the Timestream server did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    const settle = (fn: () => void) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      fn();
    };
    const onMessage = (message: FromTimestreamChild) => {
      if (message.type === 'ready') settle(() => resolve(message));
      else if (message.type === 'start-failed') settle(() => reject(new TimestreamServerError(`the Timestream server could not start: ${message.message}`)));
    };
    child.on('message', onMessage);
    void exited.then((how) => settle(() => reject(new TimestreamServerError(`the Timestream server exited before it listened (${how})`))));
    send(child, { type: 'start', options: { ...options, s3Credentials: LOCAL_PLACEHOLDER_CREDENTIALS } });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    throw error;
  });
  let closed: Promise<void> | undefined;
  const service: TimestreamService = {
    endpoint: ready.endpoint,
    port: ready.port,
    pid: child.pid,
    lost,
    observeRequests(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () =>
      (closed ??= (async () => {
        closing = true;
        const force = setTimeout(() => child.kill('SIGKILL'), CLOSE_TIMEOUT_MS);
        send(child, { type: 'close' });
        await exited;
        clearTimeout(force);
      })()),
  };
  return service;
};

function send(child: ChildProcess, message: ToTimestreamChild): void {
  if (child.connected) child.send(message);
}
