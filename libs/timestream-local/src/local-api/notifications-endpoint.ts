import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ScheduledQueryService } from '../scheduled/scheduled-query-service';

/** Not an AWS API: what this server would have published to SNS, for the local cloud and tests to show. */
export const NOTIFICATIONS_PATH = '/_local/scheduled-query-notifications';

/** `GET /_local/scheduled-query-notifications[?topicArn=<arn>]` → `{ "Notifications": [<SNS notification>, ...] }`, oldest first. */
export function isNotificationsRequest(req: IncomingMessage): boolean {
  return req.method === 'GET' && new URL(req.url ?? '/', 'http://local').pathname === NOTIFICATIONS_PATH;
}

export function answerNotifications(req: IncomingMessage, res: ServerResponse, service: ScheduledQueryService): void {
  const topicArn = new URL(req.url ?? '/', 'http://local').searchParams.get('topicArn') ?? undefined;
  const body = JSON.stringify({ Notifications: service.notifications(topicArn) });
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
