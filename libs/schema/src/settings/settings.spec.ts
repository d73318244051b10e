import { ALARM_DEFINITIONS, AWS_REGION_PATTERN, disasterRecoverySettings, PARALLELIZATION_FACTOR_RANGE, streamConsumerSettings, timestreamSettings, topicRule } from '../index';

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

describe('disaster recovery settings', () => {
  const { backup, exports, defaultRegion } = disasterRecoverySettings;
  it('backs up on an AWS Backup cron schedule whose window ends before the next run starts', () => {
    expect(backup.scheduleExpression).toMatch(/^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$/);
    // AWS Backup's limits: the start window is at least 60 minutes and the completion window longer than it.
    expect(backup.startWindowMinutes).toBeGreaterThanOrEqual(60);
    expect(backup.completionWindowMinutes).toBeGreaterThan(backup.startWindowMinutes);
    expect(backup.completionWindowMinutes).toBeLessThanOrEqual(6 * 60);
  });
  it('keeps recovery points and exports for whole days, old export versions shorter than current ones', () => {
    for (const days of [backup.retentionDays, backup.copyRetentionDays, exports.expireAfterDays, exports.noncurrentVersionDays]) expect(Number.isInteger(days) && days >= 1).toBe(true);
    expect(exports.noncurrentVersionDays).toBeLessThan(exports.expireAfterDays);
    expect(exports.keyPrefix).toMatch(/^[a-z0-9-]+\/$/);
  });
  it('names a real region shape as the default second region', () => {
    expect(defaultRegion).toMatch(AWS_REGION_PATTERN);
    expect('eu-west-1').toMatch(AWS_REGION_PATTERN);
    expect('Europe').not.toMatch(AWS_REGION_PATTERN);
  });
});
