// The local Timestream server as a child process of the local cloud (started by child-timestream.ts
// through tsx): it takes its options over the IPC channel, reports when it listens and, every
// REQUEST_REPORT_MS, the requests it answered. It lives only as long as the local cloud: when the
// channel closes (the local cloud exited, even by kill -9) or its parent changes, it exits at once,
// as the embedded server would have died with the process.
import { startTimestreamLocal, type RunningTimestreamLocal } from '@iot-timeseries/timestream-local';
import { observeRequestLatency, type ObservedRequest } from './latency-observer';
import { REQUEST_REPORT_MS, type FromTimestreamChild, type ToTimestreamChild } from './timestream-child-protocol';

const PARENT_CHECK_MS = 500;

function send(message: FromTimestreamChild, then: () => void = () => undefined): void {
  if (process.connected && process.send) process.send(message, () => then());
  else then();
}

function watchParent(): void {
  const parent = process.ppid;
  process.on('disconnect', () => process.exit(0));
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, PARENT_CHECK_MS).unref();
}

function reportRequests(running: RunningTimestreamLocal): void {
  let observed: ObservedRequest[] = [];
  observeRequestLatency(running.server, (o) => observed.push(o));
  setInterval(() => {
    if (observed.length === 0) return;
    send({ type: 'requests', observed });
    observed = [];
  }, REQUEST_REPORT_MS).unref();
}

let running: RunningTimestreamLocal | undefined;
let closing = false;

async function close(code: number): Promise<void> {
  if (closing) return;
  closing = true;
  try {
    await running?.close();
  } finally {
    process.exit(code);
  }
}

watchParent();
// Ctrl-C reaches the whole process group: the local cloud stops this server itself, after its stream drained.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => void close(0));
process.on('message', (message: ToTimestreamChild) => {
  if (message.type === 'close') void close(0);
  else if (message.type === 'start' && !running) {
    startTimestreamLocal(message.options).then(
      (started) => {
        running = started;
        reportRequests(started);
        send({ type: 'ready', endpoint: started.endpoint, port: started.port });
      },
      (error: Error) => send({ type: 'start-failed', message: error.message }, () => process.exit(1)),
    );
  }
});
