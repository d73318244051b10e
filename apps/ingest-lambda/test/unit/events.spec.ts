import { classifyEvent } from '../../src/events/classify-event';
import { directMessage, kinesisMessage, sqsMessage } from '../../src/events/event-messages';
import { kinesisEvent, sqsEvent } from '../support/events';

describe('classifyEvent', () => {
  it('tells Kinesis and SQS batches from direct payloads', () => {
    expect(classifyEvent(kinesisEvent([{ a: 1 }])).kind).toBe('kinesis');
    expect(classifyEvent(sqsEvent([{ a: 1 }])).kind).toBe('sqs');
    expect(classifyEvent({ device_id: 'd', location: 'l', sensors: {} })).toEqual({ kind: 'direct', payload: { device_id: 'd', location: 'l', sensors: {} } });
    expect(classifyEvent([{ device_id: 'd' }]).kind).toBe('direct');
  });

  it('refuses batches from other sources, naming them', () => {
    expect(() => classifyEvent({ Records: [{ eventSource: 'aws:sns' }] })).toThrow('unsupported batch event source(s): aws:sns');
    expect(() => classifyEvent({ Records: [...kinesisEvent([{}]).Records, ...sqsEvent([{}]).Records] })).toThrow('aws:kinesis, aws:sqs');
    expect(() => classifyEvent({ Records: [] })).toThrow(expect.objectContaining({ name: 'UnsupportedEventError' }));
  });
});

describe('incoming messages', () => {
  it('decodes Kinesis data and takes the arrival time in ms', () => {
    const [record] = kinesisEvent(['{"device_id":"ä"}'], { arrivalMs: 1_700_000_000_123 }).Records;
    expect(kinesisMessage(record, 5)).toEqual({ itemId: record.kinesis.sequenceNumber, source: 'kinesis', payload: { text: '{"device_id":"ä"}' }, receivedAt: 1_700_000_000_123 });
  });

  it('takes the SQS SentTimestamp, falling back to the invocation time when it is missing', () => {
    const [record] = sqsEvent(['{}'], { sentMs: 1_700_000_000_000 }).Records;
    expect(sqsMessage(record, 5)).toMatchObject({ itemId: 'msg-1', source: 'sqs', payload: { text: '{}' }, receivedAt: 1_700_000_000_000 });
    expect(sqsMessage({ ...record, attributes: { ...record.attributes, SentTimestamp: '' } }, 5).receivedAt).toBe(5);
  });

  it('keeps a direct payload as it is', () => {
    expect(directMessage([1, 2], 7)).toEqual({ itemId: 'direct', source: 'direct', payload: { value: [1, 2] }, receivedAt: 7 });
  });
});
