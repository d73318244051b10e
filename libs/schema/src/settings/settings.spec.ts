import { ALARM_DEFINITIONS, timestreamSettings, topicRule } from '../index';

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
