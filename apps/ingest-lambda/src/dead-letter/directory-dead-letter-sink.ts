import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { DeadLetterError } from '../errors';
import type { DeadLetter, DeadLetterSink } from './dead-letter';

/**
 * Local runs: appends letters as JSON lines to one file per function instance
 * (`<dir>/dead-letters-<start time>-<pid>.jsonl`), so concurrent instances never interleave lines.
 * Each append is flushed to the disk (fdatasync) before `putAside` resolves: the function reports
 * its items done only then, and the event source moves its checkpoint past them.
 */
export class DirectoryDeadLetterSink implements DeadLetterSink {
  readonly file: string;
  private ready?: Promise<unknown>;

  constructor(readonly dir: string, startedAt = new Date()) {
    const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
    this.file = path.join(dir, `dead-letters-${stamp}-${process.pid}.jsonl`);
  }

  async putAside(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    try {
      await (this.ready ??= mkdir(this.dir, { recursive: true }));
      const handle = await open(this.file, 'a');
      try {
        await handle.writeFile(letters.map((l) => JSON.stringify(l) + '\n').join(''), 'utf8');
        await handle.datasync();
      } finally {
        await handle.close();
      }
    } catch (cause) {
      this.ready = undefined;
      throw new DeadLetterError(`could not append ${letters.length} dead letter(s) to ${this.file}`, { cause });
    }
  }
}
