import { ALARM_DEFINITIONS, PARALLELIZATION_FACTOR_RANGE, streamConsumerSettings, timestreamSettings, topicRule } from '../index';

describe('shared settings', () => {
  it('uses the recipe retention by default', () => {
    expect(timestreamSettings.retention).toEqual({ memoryStoreRetentionHours: 24, magneticStoreRetentionDays: 365 });
  });
  it('routes the recipe topic', () => {
    expect(topicRule.sql).toContain("FROM 'topic/sensors'");
    expect(topicRule.name).toMatch(/^[a-zA-Z0-9_]+$/);
  });
  it('has unique alarm ids', () => {
    const ids = ALARM_DEFINITIONS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('stream consumer settings', () => {
  it('keeps the per-shard parallelization factor within Lambda\'s bounds', () => {
    const { parallelizationFactor } = streamConsumerSettings;
    expect(Number.isInteger(parallelizationFactor)).toBe(true);
    expect(parallelizationFactor).toBeGreaterThanOrEqual(PARALLELIZATION_FACTOR_RANGE.min);
    expect(parallelizationFactor).toBeLessThanOrEqual(PARALLELIZATION_FACTOR_RANGE.max);
  });
});
