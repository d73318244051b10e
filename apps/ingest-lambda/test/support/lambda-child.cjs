// Runs the built Lambda bundle in its own process, like the Lambda runtime: loads it once (cold
// start reads the environment), then answers invocations sent over IPC.
'use strict';
const bundle = process.argv[2];
let handler;
try {
  handler = require(bundle).handler;
} catch (error) {
  process.send({ type: 'init-error', error: { name: error.name, message: error.message } });
  process.exit(0);
}
let counter = 0;
process.on('message', async (msg) => {
  if (msg.type === 'exit') return process.exit(0);
  const started = Date.now();
  const context = {
    functionName: 'ingest-lambda',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:ingest-lambda',
    memoryLimitInMB: '256',
    awsRequestId: `req-${process.pid}-${++counter}`,
    logGroupName: '/aws/lambda/ingest-lambda',
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, 300000 - (Date.now() - started)),
  };
  try {
    const result = await handler(msg.event, context);
    process.send({ type: 'result', id: msg.id, result });
  } catch (error) {
    process.send({ type: 'result', id: msg.id, error: { name: error.name, message: error.message } });
  }
});
process.send({ type: 'ready' });
