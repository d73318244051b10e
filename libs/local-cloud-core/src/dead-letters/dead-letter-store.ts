import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Durability } from '../storage/durability';
import { GroupCommitFile } from '../storage/group-commit-file';
import type { LocalDeadLetter } from './dead-letter-entry';

/** The prefix of the local cloud's own dead-letter files (the Lambda writes `dead-letters-…`). */
export const LOCAL_DEAD_LETTER_PREFIX = 'local-cloud-';

/**
 * The local cloud's dead letters: JSON lines appended, with group commit, to one file per start
 * (`local-cloud-<start time>-<pid>.jsonl`) in the dead-letter directory. `put` resolves once the
 * entry is stored as the durability mode says, so nothing is acknowledged before it is kept.
 */
export class DeadLetterStore {
  private constructor(
    readonly dir: string,
    private readonly file: GroupCommitFile,
  ) {}

  static async open(dir: string, durability: Durability, startedAt = new Date()): Promise<DeadLetterStore> {
    await mkdir(dir, { recursive: true });
    const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
    const file = await GroupCommitFile.open(path.join(dir, `${LOCAL_DEAD_LETTER_PREFIX}${stamp}-${process.pid}.jsonl`), durability);
    return new DeadLetterStore(dir, file);
  }

  get fileName(): string {
    return path.basename(this.file.file);
  }

  put(letter: LocalDeadLetter): Promise<void> {
    return this.file.append(Buffer.from(JSON.stringify(letter) + '\n', 'utf8'));
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
