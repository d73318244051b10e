// The execution environment of the local Lambda runner: a child process that loads the bundle once
// (its environment variables are set by the parent before this runs) and invokes `handler` for each
// invocation sent over IPC, one at a time, like a Lambda sandbox. stdout carries the function's logs
// and EMF lines; results go back over IPC.
'use strict';
const path = require('node:path');

const [bundlePath, handlerName = 'handler'] = process.argv.slice(2);
let handler;
try {
  const mod = require(path.resolve(bundlePath));
  handler = mod[handlerName];
  if (typeof handler !== 'function') throw new Error(`${bundlePath} does not export a function named ${handlerName}`);
} catch (error) {
  const firstLine = String(error.message).split('\n')[0];
  process.send({ type: 'init-error', errorType: error.name || 'Error', errorMessage: firstLine }, () => process.exit(1));
  return;
}
// An environment whose runner is gone (the local cloud was killed) ends too, instead of lingering.
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready' });

function invoke(event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (error, result) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve(result);
    };
    try {
      const returned = handler(event, context, callback);
      if (returned && typeof returned.then === 'function') returned.then((r) => callback(null, r), (e) => callback(e));
    } catch (error) {
      callback(error);
    }
  });
}

process.on('message', async (message) => {
  if (!message || message.type !== 'invoke') return;
  const deadline = Date.now() + message.timeoutMs;
  const context = {
    ...message.context,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  process.env._X_AMZN_TRACE_ID = message.traceId;
  try {
    const result = await invoke(message.event, context);
    process.send({ type: 'result', id: message.id, result: result === undefined ? null : result, maxRssBytes: process.memoryUsage().rss });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    process.send({ type: 'error', id: message.id, errorType: e.name, errorMessage: e.message, stack: (e.stack || '').split('\n'), maxRssBytes: process.memoryUsage().rss });
  }
});
