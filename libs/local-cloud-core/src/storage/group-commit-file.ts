import { promises as fs } from 'node:fs';
import { StorageError } from '../errors';
import type { Durability } from './durability';

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * An append-only file with group commit: appends made while a write is under way are gathered and
 * written together with one write(2) (and one fdatasync in `fsync` mode); each append's promise
 * settles when its bytes are stored as the durability mode says. Appends are stored in call order.
 */
export class GroupCommitFile {
  private pending: Buffer[] = [];
  private waiters: Waiter[] = [];
  private flushing?: Promise<void>;
  private scheduled = false;
  private closed = false;
  private failure?: Error;
  /** Bytes in the file, appends already accepted included. */
  size: number;
  /** Groups written (each one write, plus one fdatasync in fsync mode). */
  groups = 0;

  private constructor(
    readonly file: string,
    private readonly handle: fs.FileHandle,
    private readonly durability: Durability,
    size: number,
  ) {
    this.size = size;
  }

  static async open(file: string, durability: Durability): Promise<GroupCommitFile> {
    try {
      const handle = await fs.open(file, 'a');
      const { size } = await handle.stat();
      return new GroupCommitFile(file, handle, durability, size);
    } catch (cause) {
      throw new StorageError(`could not open ${file} for appending`, { cause });
    }
  }

  /** Queues `bytes`; resolves once they are stored (rejects with StorageError when the write failed). */
  append(bytes: Buffer): Promise<void> {
    if (this.closed) return Promise.reject(new StorageError(`${this.file} is closed`));
    if (this.failure) return Promise.reject(this.failure);
    this.size += bytes.length;
    return new Promise<void>((resolve, reject) => {
      this.pending.push(bytes);
      this.waiters.push({ resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when everything appended so far is stored. */
  async flush(): Promise<void> {
    while (this.flushing || this.pending.length > 0) {
      if (!this.flushing) this.startFlush();
      await this.flushing;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush().catch(() => undefined);
    this.closed = true;
    await this.handle.close();
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // Let every append of this turn of the event loop (a socket read holds many packets) join the group.
    setImmediate(() => {
      this.scheduled = false;
      if (!this.flushing) this.startFlush();
    });
  }

  private startFlush(): void {
    if (this.pending.length === 0) return;
    const buffers = this.pending;
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    this.flushing = this.writeGroup(buffers).then(
      () => waiters.forEach((w) => w.resolve()),
      (cause: unknown) => {
        // A failed write leaves the file in an unknown state: refuse everything after it.
        this.failure = new StorageError(`could not store ${waiters.length} append(s) in ${this.file}`, { cause });
        waiters.forEach((w) => w.reject(this.failure as Error));
        this.waiters.splice(0).forEach((w) => w.reject(this.failure as Error));
        this.pending = [];
      },
    );
    void this.flushing.finally(() => {
      this.flushing = undefined;
      if (this.pending.length > 0) this.startFlush();
    });
  }

  private async writeGroup(buffers: Buffer[]): Promise<void> {
    let offset = 0;
    const total = buffers.reduce((n, b) => n + b.length, 0);
    while (offset < total) {
      const { bytesWritten } = await this.handle.writev(offset === 0 ? buffers : [Buffer.concat(buffers).subarray(offset)]);
      offset += bytesWritten;
    }
    if (this.durability === 'fsync') await this.handle.datasync();
    this.groups++;
  }
}
