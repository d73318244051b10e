import type { KinesisStreamTumblingWindowEvent } from 'aws-lambda';
import type { WindowInvocation } from '../stream/tumbling-window-mapping';
import { streamArn, toKinesisEvent, type StreamIdentity } from './kinesis-event';

/** The tumbling-window event as Lambda documents it (the `@types/aws-lambda` type lacks `shardId` and `eventSourceARN`). */
export type TumblingWindowEvent = KinesisStreamTumblingWindowEvent & { shardId: string; eventSourceARN: string };

/** The event the Lambda service hands a tumbling-window function: the batch, its window (ISO times), the state, the flags. */
export function toWindowEvent(shardId: string, invocation: WindowInvocation, identity: StreamIdentity): TumblingWindowEvent {
  return {
    ...toKinesisEvent(invocation.records, identity),
    window: { start: new Date(invocation.window.start).toISOString(), end: new Date(invocation.window.end).toISOString() },
    state: invocation.state,
    shardId,
    eventSourceARN: streamArn(identity),
    isFinalInvokeForWindow: invocation.isFinalInvokeForWindow,
    isWindowTerminatedEarly: invocation.isWindowTerminatedEarly,
  };
}
