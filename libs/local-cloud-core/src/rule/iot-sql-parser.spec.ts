import { topicRule } from '@iot-timeseries/schema';
import { RuleSqlError } from '../errors';
import { parseIotExpression, parseIotSql } from './iot-sql-parser';

describe('parseIotSql', () => {
  it('parses the topic rule from settings', () => {
    const statement = parseIotSql(topicRule.sql);
    expect(statement.topicFilter).toBe(topicRule.topic);
    expect(statement.select).toEqual([
      { type: 'all' },
      { type: 'expression', expression: { type: 'call', name: 'clientid', args: [] }, alias: 'client_id' },
      { type: 'expression', expression: { type: 'call', name: 'timestamp', args: [] }, alias: 'received_at' },
    ]);
    expect(statement.where).toBeUndefined();
  });

  it('parses field lists, nested paths and WHERE with precedence', () => {
    const statement = parseIotSql("select device_id, sensors.temperature as t from 'a/+/c' where t > 1 + 2 * 3 and not x = 'y' or z");
    expect(statement.select[1]).toEqual({
      type: 'expression',
      expression: { type: 'field', path: ['sensors', 'temperature'] },
      alias: 't',
    });
    expect(statement.topicFilter).toBe('a/+/c');
    expect(statement.where).toEqual({
      type: 'binary',
      operator: 'OR',
      left: {
        type: 'binary',
        operator: 'AND',
        left: {
          type: 'binary',
          operator: '>',
          left: { type: 'field', path: ['t'] },
          right: {
            type: 'binary',
            operator: '+',
            left: { type: 'literal', value: 1 },
            right: { type: 'binary', operator: '*', left: { type: 'literal', value: 2 }, right: { type: 'literal', value: 3 } },
          },
        },
        right: {
          type: 'unary',
          operator: 'NOT',
          operand: { type: 'binary', operator: '=', left: { type: 'field', path: ['x'] }, right: { type: 'literal', value: 'y' } },
        },
      },
      right: { type: 'field', path: ['z'] },
    });
  });

  it.each([
    ["SELECT * 'topic/sensors'", /expected FROM/],
    ['SELECT * FROM topic/sensors', /quoted topic filter/],
    ["SELECT *, FROM 'a'", /unexpected keyword "FROM"/],
    ["SELECT nosuch() FROM 'a'", /unsupported function nosuch\(\)/],
    ["SELECT clientid(1) FROM 'a'", /takes 0 argument/],
    ["SELECT * FROM 'a/#/b'", /'#' must be a whole, last level/],
    ["SELECT * FROM 'a' WHERE", /unexpected the end of the text/],
    ["SELECT * FROM 'a' extra", /expected the end of the statement/],
    ["SELECT * FROM 'a", /unterminated quoted text/],
    ["SELECT ; FROM 'a'", /unexpected character ";"/],
  ])('refuses %s with a clear error', (sql, message) => {
    expect(() => parseIotSql(sql)).toThrow(RuleSqlError);
    expect(() => parseIotSql(sql)).toThrow(message);
  });

  it('parses a single expression and refuses trailing text', () => {
    expect(parseIotExpression('device_id')).toEqual({ type: 'field', path: ['device_id'] });
    expect(() => parseIotExpression('device_id location')).toThrow(/expected the end of the expression/);
  });
});
