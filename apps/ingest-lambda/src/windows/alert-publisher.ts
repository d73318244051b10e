import { PublishBatchCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertMessage } from '@iot-timeseries/schema';
import type { AlertTarget } from '@iot-timeseries/schema';
import { appendFile, mkdir, open } from 'node:fs/promises';
import path from 'node:path';

export type PublishAlerts = (alerts: readonly AlertMessage[]) => Promise<void>;

/**
 * Where alerts go: the SNS topic (PublishBatch, 10 per call; the alert id as the batch entry id
 * and a `severity`/`kind` message attribute for subscription filters), a directory of JSON lines
 * (the local topic, fdatasync'd), or the log.
 */
export function createAlertPublisher(target: AlertTarget, deps: { sns?: SNSClient; log: (message: string, fields: object) => void }): PublishAlerts {
  if (target.kind === 'sns') {
    const sns = deps.sns;
    if (!sns) throw new Error('an SNS client is needed to publish to a topic');
    return async (alerts) => {
      for (let i = 0; i < alerts.length; i += 10) {
        const entries = alerts.slice(i, i + 10).map((a, n) => ({
          Id: `a${i + n}`,
          Subject: `${a.severity} ${a.kind} ${a.state}: ${a.deviceId}`.slice(0, 100),
          Message: JSON.stringify(a),
          MessageAttributes: { severity: { DataType: 'String', StringValue: a.severity }, kind: { DataType: 'String', StringValue: a.kind } },
        }));
        const out = await sns.send(new PublishBatchCommand({ TopicArn: target.topicArn, PublishBatchRequestEntries: entries }));
        if (out.Failed && out.Failed.length > 0) throw new Error(`SNS refused ${out.Failed.length} alert(s): ${out.Failed[0].Code} ${out.Failed[0].Message ?? ''}`);
      }
    };
  }
  if (target.kind === 'directory') {
    const file = path.join(target.dir, `alerts-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.jsonl`);
    return async (alerts) => {
      if (alerts.length === 0) return;
      await mkdir(target.dir, { recursive: true });
      await appendFile(file, alerts.map((a) => JSON.stringify(a)).join('\n') + '\n');
      const handle = await open(file, 'r');
      await handle.datasync().finally(() => handle.close());
    };
  }
  return async (alerts) => {
    for (const a of alerts) deps.log('alert', a);
  };
}
