import { topicRule } from '@iot-timeseries/schema';
import type { Delivery } from '../pipeline/delivery';
import { PipelineStats } from '../pipeline/pipeline-stats';
import { createRuleDispatch } from './rule-dispatch';
import { compileTopicRule } from './topic-rule';

function recordingDelivery(): Delivery & { seen: Array<{ message: Record<string, unknown>; key: string; at: number }> } {
  const seen: Array<{ message: Record<string, unknown>; key: string; at: number }> = [];
  return { seen, deliver: (message, key, at) => void seen.push({ message, key, at }), pending: () => 0, drain: async () => true, close: async () => undefined };
}

describe('createRuleDispatch', () => {
  const rule = compileTopicRule(topicRule);
  const at = Date.UTC(2026, 0, 1);

  it('hands what the rule selects to the action, with the partition key', () => {
    const stats = new PipelineStats();
    const delivery = recordingDelivery();
    createRuleDispatch(rule, stats, delivery)({ topic: 'topic/sensors', payload: Buffer.from(JSON.stringify({ device_id: 'sensor-001', temperature: 20 })), clientId: 'sensor-001', receivedAt: at });
    expect(delivery.seen).toHaveLength(1);
    expect(delivery.seen[0].message).toMatchObject({ device_id: 'sensor-001', temperature: 20 });
    expect(delivery.seen[0].at).toBe(at);
    expect(stats.counters).toMatchObject({ messagesReceived: 1, ruleMatched: 1, ruleErrors: 0 });
  });

  it('counts but does not hand on a message on another topic', () => {
    const stats = new PipelineStats();
    const delivery = recordingDelivery();
    createRuleDispatch(rule, stats, delivery)({ topic: 'other/topic', payload: Buffer.from('{}'), clientId: 'c', receivedAt: at });
    expect(delivery.seen).toEqual([]);
    expect(stats.counters).toMatchObject({ messagesReceived: 1, ruleMatched: 0, ruleErrors: 0 });
  });

  it('puts aside a message the rule cannot read, under the client id', () => {
    const stats = new PipelineStats();
    const delivery = recordingDelivery();
    createRuleDispatch(rule, stats, delivery)({ topic: 'topic/sensors', payload: Buffer.from('not json'), clientId: 'sensor-009', receivedAt: at });
    expect(delivery.seen).toEqual([]);
    expect(stats.counters).toMatchObject({ ruleErrors: 1, putAsideTotal: 1 });
    expect(stats.snapshot().recentPutAside[0]).toMatchObject({ source: 'rule', deviceId: 'sensor-009' });
  });
});
