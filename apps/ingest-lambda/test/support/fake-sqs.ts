import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSqs {
  /** Queue URL on this server; the SQS client sends to the QueueUrl's host (useQueueUrlAsEndpoint). */
  queueUrl: string;
  /** Bodies of the messages accepted so far. */
  readonly bodies: string[];
  /** While true, every entry of SendMessageBatch is answered as Failed (InternalError). */
  refuse: boolean;
  close(): Promise<void>;
}

/** A minimal SQS (awsJson1_0) on 127.0.0.1 that answers SendMessageBatch, with body MD5s the SDK checks. */
export async function startFakeSqs(): Promise<FakeSqs> {
  const fake = { bodies: [] as string[], refuse: false };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'fake-sqs' });
        res.end(JSON.stringify(body));
      };
      if (target !== 'AmazonSQS.SendMessageBatch') return reply(400, { __type: 'com.amazonaws.sqs#UnsupportedOperation', message: target });
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Entries: Array<{ Id: string; MessageBody: string }> };
      if (fake.refuse) return reply(200, { Successful: [], Failed: input.Entries.map((e) => ({ Id: e.Id, Code: 'InternalError', SenderFault: false, Message: 'try later' })) });
      fake.bodies.push(...input.Entries.map((e) => e.MessageBody));
      reply(200, {
        Successful: input.Entries.map((e, i) => ({ Id: e.Id, MessageId: `m-${fake.bodies.length}-${i}`, MD5OfMessageBody: createHash('md5').update(e.MessageBody).digest('hex') })),
        Failed: [],
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    queueUrl: `http://127.0.0.1:${port}/000000000000/ingest-dead-letters`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}
