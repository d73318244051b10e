import type { BrokerMessage } from '../broker/mqtt-broker';
import { storedPayload } from '../dead-letters/dead-letter-entry';
import type { PutAside } from '../dead-letters/put-aside';
import type { Delivery, MessageOrigin } from '../pipeline/delivery';
import type { PipelineStats } from '../pipeline/pipeline-stats';
import type { CompiledTopicRule } from './topic-rule';

/**
 * What IoT Core does with a published message: counts it, applies the topic rule, and hands what
 * the rule selects to its action. A message the rule cannot evaluate (not JSON, binary, too large)
 * is put aside with the reason and its original bytes, under the publishing client's id. The
 * promise settles when the message is kept (handed to the action, or put aside): the broker
 * acknowledges it only then; a rejection refuses it.
 */
export function createRuleDispatch(rule: CompiledTopicRule, stats: PipelineStats, delivery: Delivery, putAside: PutAside): (message: BrokerMessage) => Promise<void> {
  return (m) => {
    stats.messageReceived(m.receivedAt);
    const outcome = rule.apply(m.payload, { topic: m.topic, clientId: m.clientId, receivedAt: m.receivedAt });
    if (outcome.kind === 'not-matched') return Promise.resolve();
    // The receive time as text is only read if the message is put aside (spread into its dead letter): not formatted for every message.
    const origin: MessageOrigin = {
      topic: m.topic,
      clientId: m.clientId,
      get receivedAt() {
        return new Date(m.receivedAt).toISOString();
      },
      qos: m.qos,
    };
    if (outcome.kind === 'error') {
      stats.counters.ruleErrors++;
      return putAside({ kind: 'rule-error', stage: 'rule', reason: outcome.reason, deviceId: m.clientId || undefined, origin: { ...origin, acknowledged: true }, payload: storedPayload(m.payload) });
    }
    stats.counters.ruleMatched++;
    return delivery.deliver(outcome.message, outcome.partitionKey, m.receivedAt, origin);
  };
}
