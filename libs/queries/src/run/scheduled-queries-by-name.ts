import { ListScheduledQueriesCommand, type TimestreamQueryClient } from '@aws-sdk/client-timestream-query';

/** Every scheduled query of the account and region, name to ARN (ListScheduledQueries paged to its end). */
export async function scheduledQueriesByName(client: Pick<TimestreamQueryClient, 'send'>): Promise<Map<string, string>> {
  const byName = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await client.send(new ListScheduledQueriesCommand({ MaxResults: 1000, NextToken: token }));
    for (const q of page.ScheduledQueries ?? []) if (q.Name && q.Arn) byName.set(q.Name, q.Arn);
    token = page.NextToken;
  } while (token);
  return byName;
}
