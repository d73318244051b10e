import { topicRule } from '@iot-timeseries/schema';
import { MAX_MESSAGE_BYTES, compileTopicRule } from './topic-rule';
import { topicMatches } from './topic-filter';
import { parseSubstitutionTemplate } from './substitution-template';

const context = { topic: 'topic/sensors', clientId: 'sensor-001', receivedAt: 1_700_000_000_123 };

describe('topicMatches', () => {
  it.each([
    ['topic/sensors', 'topic/sensors', true],
    ['topic/sensors', 'topic/sensors/x', false],
    ['topic/+', 'topic/sensors', true],
    ['topic/+', 'topic', false],
    ['topic/#', 'topic/a/b', true],
    ['#', 'anything/at/all', true],
    ['+/sensors', 'other/sensors', true],
    ['topic/sensors', 'topic/other', false],
  ])('%s against %s is %s', (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected);
  });
});

describe('compileTopicRule with the settings rule', () => {
  const rule = compileTopicRule(topicRule);

  it('selects the whole message and adds client_id and received_at', () => {
    const payload = { device_id: 'sensor-001', location: 'factory-floor-1', sensors: { temperature: 21.5 } };
    const outcome = rule.apply(Buffer.from(JSON.stringify(payload)), context);
    expect(outcome).toEqual({
      kind: 'selected',
      message: { ...payload, client_id: 'sensor-001', received_at: 1_700_000_000_123 },
      partitionKey: 'sensor-001',
    });
  });

  it('ignores other topics', () => {
    expect(rule.apply('{}', { ...context, topic: 'topic/other' })).toEqual({ kind: 'not-matched' });
  });

  it('reports payloads that are not JSON objects', () => {
    expect(rule.apply('not json', context)).toEqual({ kind: 'error', reason: expect.stringContaining('is not JSON') });
    expect(rule.apply('[1,2]', context)).toEqual({ kind: 'error', reason: expect.stringContaining('not a JSON object') });
  });

  it('reports binary payloads and payloads above IoT Core size limit', () => {
    expect(rule.apply(Buffer.from([0x7b, 0xff, 0x7d]), context)).toEqual({ kind: 'error', reason: expect.stringContaining('is binary (not UTF-8 text)') });
    const big = JSON.stringify({ device_id: 'sensor-001', pad: 'x'.repeat(MAX_MESSAGE_BYTES) });
    expect(rule.apply(big, context)).toEqual({ kind: 'error', reason: `payload on topic/sensors is ${big.length} bytes, above IoT Core's 131072-byte message limit` });
  });

  it('falls back to the client id when the partition key field is missing', () => {
    const outcome = rule.apply('{"location":"x"}', context);
    expect(outcome.kind === 'selected' && outcome.partitionKey).toBe('sensor-001');
  });
});

describe('rule evaluation', () => {
  it('applies WHERE, aliases, default names and leaves out undefined fields', () => {
    const rule = compileTopicRule({
      name: 'r',
      sql: "SELECT device_id, sensors.temperature AS t, sensors.missing, topic(1) AS root, upper(location) AS loc FROM 'topic/+' WHERE sensors.temperature > 30 AND device_id <> 'x'",
      kinesisPartitionKey: '${location}-${device_id}',
    });
    const hot = { device_id: 'd1', location: 'hall', sensors: { temperature: 31 } };
    expect(rule.apply(JSON.stringify(hot), context)).toEqual({
      kind: 'selected',
      message: { device_id: 'd1', t: 31, root: 'topic', loc: 'HALL' },
      partitionKey: 'hall-d1',
    });
    expect(rule.apply(JSON.stringify({ ...hot, sensors: { temperature: 29 } }), context)).toEqual({ kind: 'not-matched' });
    expect(rule.apply(JSON.stringify({ ...hot, sensors: { temperature: '31' } }), context)).toEqual({ kind: 'not-matched' });
  });

  it('renders substitution templates with literal text and expressions', () => {
    const template = parseSubstitutionTemplate('dev/${device_id}/${abs(n) * 2}');
    expect(template.render({ device_id: 'a', n: -3 }, context)).toBe('dev/a/6');
    expect(() => parseSubstitutionTemplate('${device_id')).toThrow(/unterminated/);
  });
});
