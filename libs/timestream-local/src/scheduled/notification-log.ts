import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SnsNotification } from './notifications';

/** `<dataDir>/sns/notifications.jsonl`: one SNS notification per line, in publishing order. */
export const NOTIFICATIONS_FILE = path.join('sns', 'notifications.jsonl');
const KEPT_IN_MEMORY = 10_000;

/**
 * Records every notification the service would publish to SNS: appended to a JSON Lines file under the data
 * directory (kept across restarts) and the latest 10,000 in memory (all there is without a data directory).
 */
export class NotificationLog {
  private readonly recent: SnsNotification[] = [];
  private writes: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string | undefined) {}

  static async open(dataDir: string | undefined): Promise<NotificationLog> {
    const log = new NotificationLog(dataDir ? path.join(dataDir, NOTIFICATIONS_FILE) : undefined);
    if (log.file) {
      const text = await readFile(log.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return '';
        throw error;
      });
      for (const line of text.split('\n')) if (line.trim()) log.keep(JSON.parse(line) as SnsNotification);
    }
    return log;
  }

  /** Records a notification; resolves once it is in the file. */
  publish(notification: SnsNotification): Promise<void> {
    this.keep(notification);
    const file = this.file;
    if (!file) return Promise.resolve();
    this.writes = this.writes.catch(() => undefined).then(async () => {
      await mkdir(path.dirname(file), { recursive: true });
      await appendFile(file, `${JSON.stringify(notification)}\n`);
    });
    return this.writes;
  }

  /** The notifications kept, oldest first; only those of `topicArn` when given. */
  list(topicArn?: string): SnsNotification[] {
    return topicArn === undefined ? [...this.recent] : this.recent.filter((n) => n.TopicArn === topicArn);
  }

  private keep(notification: SnsNotification): void {
    this.recent.push(notification);
    if (this.recent.length > KEPT_IN_MEMORY) this.recent.splice(0, this.recent.length - KEPT_IN_MEMORY);
  }
}
