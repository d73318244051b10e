import { topicRule } from '@iot-timeseries/schema';
import { recordingPutAside } from '../../test/support/recording-put-aside';
import type { Delivery, MessageOrigin } from '../pipeline/delivery';
import { PipelineStats } from '../pipeline/pipeline-stats';
import { createRuleDispatch } from './rule-dispatch';
import { compileTopicRule } from './topic-rule';

function recordingDelivery(): Delivery & { seen: Array<{ message: Record<string, unknown>; key: string; at: number; origin?: MessageOrigin }> } {
  const seen: Array<{ message: Record<string, unknown>; key: string; at: number; origin?: MessageOrigin }> = [];
  return { seen, deliver: async (message, key, at, origin) => void seen.push({ message, key, at, origin }), pending: () => 0, drain: async () => true, close: async () => undefined };
}

describe('createRuleDispatch', () => {
  const rule = compileTopicRule(topicRule);
  const at = Date.UTC(2026, 0, 1);

  it('hands what the rule selects to the action, with the partition key', () => {
    const stats = new PipelineStats();
    const delivery = recordingDelivery();
    void createRuleDispatch(rule, stats, delivery, recordingPutAside(stats).putAside)({ topic: 'topic/sensors', payload: Buffer.from(JSON.stringify({ device_id: 'sensor-001', temperature: 20 })), clientId: 'sensor-001', receivedAt: at, qos: 1 });
    expect(delivery.seen).toHaveLength(1);
    expect(delivery.seen[0].message).toMatchObject({ device_id: 'sensor-001', temperature: 20 });
    expect(delivery.seen[0].at).toBe(at);
    // as a dead letter would copy it, receive time as ISO text
    expect({ ...delivery.seen[0].origin }).toEqual({ topic: 'topic/sensors', clientId: 'sensor-001', receivedAt: '2026-01-01T00:00:00.000Z', qos: 1 });
    expect(stats.counters).toMatchObject({ messagesReceived: 1, ruleMatched: 1, ruleErrors: 0 });
  });

  it('counts but does not hand on a message on another topic', () => {
    const stats = new PipelineStats();
    const delivery = recordingDelivery();
    void createRuleDispatch(rule, stats, delivery, recordingPutAside(stats).putAside)({ topic: 'other/topic', payload: Buffer.from('{}'), clientId: 'c', receivedAt: at, qos: 1 });
    expect(delivery.seen).toEqual([]);
    expect(stats.counters).toMatchObject({ messagesReceived: 1, ruleMatched: 0, ruleErrors: 0 });
  });

  it('puts aside a message the rule cannot read, under the client id, with its bytes and origin', async () => {
    const stats = new PipelineStats();
    const delivery = recordingDelivery();
    const { putAside, letters } = recordingPutAside(stats);
    const dispatch = createRuleDispatch(rule, stats, delivery, putAside);
    await dispatch({ topic: 'topic/sensors', payload: Buffer.from('not json'), clientId: 'sensor-009', receivedAt: at, qos: 1 });
    await dispatch({ topic: 'topic/sensors', payload: Buffer.from([0xff, 0x00, 0xfe]), clientId: 'sensor-010', receivedAt: at, qos: 0 });
    expect(delivery.seen).toEqual([]);
    expect(stats.counters).toMatchObject({ ruleErrors: 2, putAsideTotal: 2 });
    expect(stats.snapshot().recentPutAside[1]).toMatchObject({ source: 'rule', deviceId: 'sensor-009' });
    expect(letters[0]).toMatchObject({
      kind: 'rule-error',
      stage: 'rule',
      payload: { encoding: 'utf8', data: 'not json', bytes: 8 },
      origin: { topic: 'topic/sensors', clientId: 'sensor-009', receivedAt: new Date(at).toISOString(), qos: 1, acknowledged: true },
    });
    expect(letters[1].payload).toEqual({ encoding: 'base64', data: Buffer.from([0xff, 0x00, 0xfe]).toString('base64'), bytes: 3 });
    expect(letters[1].reason).toMatch(/binary/);
  });
});
