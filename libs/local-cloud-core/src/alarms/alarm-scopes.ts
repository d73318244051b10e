import type { ScopeFilters } from './alarm-evaluator';

/** What each alarm scope selects among the local cloud's metrics (its resource names). */
export function alarmScopes(functionName: string): ScopeFilters {
  return {
    'timestream-write': { Operation: 'WriteRecords' },
    'timestream-query': { Operation: 'Query' },
    lambda: { FunctionName: functionName },
    pipeline: {},
  };
}
