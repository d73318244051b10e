import type { TopicRuleSettings } from '@iot-timeseries/schema';
import { isUtf8 } from 'node:buffer';
import type { SelectStatement } from './iot-sql-ast';
import { applySelect, type JsonValue, type MessageContext } from './iot-sql-evaluator';
import { parseIotSql } from './iot-sql-parser';
import { parseSubstitutionTemplate, type SubstitutionTemplate } from './substitution-template';
import { topicMatches } from './topic-filter';
import { boundedMemo } from '../util/bounded-memo';

/** The outcome of applying the rule to one MQTT message. */
export type RuleOutcome =
  | { kind: 'not-matched' }
  | { kind: 'selected'; message: Record<string, JsonValue>; partitionKey: string }
  | { kind: 'error'; reason: string };

export interface CompiledTopicRule {
  readonly name: string;
  readonly statement: SelectStatement;
  readonly partitionKey: SubstitutionTemplate;
  apply(payload: Buffer | string, context: MessageContext): RuleOutcome;
}

/** IoT Core's largest message payload (128 KB); the local broker refuses the same at the rule. */
export const MAX_MESSAGE_BYTES = 128 * 1024;

/** Compiles the topic rule from settings (parsing its SQL once); throws RuleSqlError if it does not parse. */
export function compileTopicRule(settings: Pick<TopicRuleSettings, 'name' | 'sql' | 'kinesisPartitionKey'>): CompiledTopicRule {
  const statement = parseIotSql(settings.sql);
  const partitionKey = parseSubstitutionTemplate(settings.kinesisPartitionKey);
  const matches = boundedMemo((topic) => topicMatches(statement.topicFilter, topic));
  return {
    name: settings.name,
    statement,
    partitionKey,
    apply(payload, context) {
      if (!matches(context.topic)) return { kind: 'not-matched' };
      const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
      if (bytes.length > MAX_MESSAGE_BYTES) {
        return { kind: 'error', reason: `payload on ${context.topic} is ${bytes.length} bytes, above IoT Core's ${MAX_MESSAGE_BYTES}-byte message limit` };
      }
      if (!isUtf8(bytes)) return { kind: 'error', reason: `payload on ${context.topic} is binary (not UTF-8 text), so rule ${settings.name} cannot read it as JSON` };
      const text = bytes.toString('utf8');
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return { kind: 'error', reason: `payload on ${context.topic} is not JSON, so rule ${settings.name} cannot read its fields` };
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return { kind: 'error', reason: `payload on ${context.topic} is not a JSON object, so rule ${settings.name} cannot select from it` };
      }
      const message = applySelect(statement, parsed as Record<string, JsonValue>, context);
      if (!message) return { kind: 'not-matched' };
      // IoT Core renders the template against the message; an empty key falls back to the client id here
      // (Kinesis refuses empty partition keys).
      const key = partitionKey.render(parsed, context) || context.clientId;
      return { kind: 'selected', message, partitionKey: key };
    },
  };
}
