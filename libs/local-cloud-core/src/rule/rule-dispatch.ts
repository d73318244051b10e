import type { Delivery } from '../pipeline/delivery';
import type { PipelineStats } from '../pipeline/pipeline-stats';
import type { CompiledTopicRule } from './topic-rule';

export interface BrokerMessage {
  topic: string;
  payload: Buffer;
  clientId: string;
  receivedAt: number;
}

/**
 * What IoT Core does with a published message: counts it, applies the topic rule, and hands what
 * the rule selects to its action. A message the rule cannot evaluate (not JSON, say) is put aside
 * with the reason, under the publishing client's id.
 */
export function createRuleDispatch(rule: CompiledTopicRule, stats: PipelineStats, delivery: Delivery): (message: BrokerMessage) => void {
  return (m) => {
    stats.messageReceived(m.receivedAt);
    const outcome = rule.apply(m.payload, { topic: m.topic, clientId: m.clientId, receivedAt: m.receivedAt });
    if (outcome.kind === 'not-matched') return;
    if (outcome.kind === 'error') {
      stats.counters.ruleErrors++;
      stats.putAside('rule', outcome.reason, m.clientId);
      return;
    }
    stats.counters.ruleMatched++;
    delivery.deliver(outcome.message, outcome.partitionKey, m.receivedAt);
  };
}
