import { mkdir, readdir, readFile, rm, truncate } from 'node:fs/promises';
import path from 'node:path';
import { StorageError } from '../errors';
import type { Durability } from '../storage/durability';
import { GroupCommitFile } from '../storage/group-commit-file';
import { decodeFrames, encodeFrame, type RecordFrame } from './log-frame';

export interface StreamLogOptions {
  dir: string;
  durability: Durability;
  /** A new segment file is started once the current one holds this many bytes. */
  segmentBytes?: number;
}

/** What a shard held when the log was opened: records after its checkpoint, and where numbering goes on. */
export interface RecoveredShard {
  checkpoint: bigint;
  /** The highest record index the log has seen for the shard (0 when none). */
  lastIndex: bigint;
  pending: RecordFrame[];
}

export interface OpenedStreamLog {
  log: StreamLog;
  shards: Map<number, RecoveredShard>;
  /** What recovery did that a person should know (a torn tail cut off, a damaged segment). */
  notes: string[];
}

interface Segment {
  number: number;
  file: string;
  /** Highest record index per shard in this segment. */
  highest: Map<number, bigint>;
}

const SEGMENT = /^segment-(\d{12})\.log$/;
const segmentName = (n: number) => `segment-${String(n).padStart(12, '0')}.log`;

/**
 * The stream on disk: records and checkpoints as CRC-checked frames appended to segment files with
 * group commit. A segment whose records are all behind their shard's checkpoint is deleted; each
 * new segment starts with the current checkpoints, so they survive the deletion of older ones.
 */
export class StreamLog {
  private current!: GroupCommitFile;
  private currentSegment!: Segment;
  private readonly checkpoints = new Map<number, bigint>();
  private checkpointTimer?: NodeJS.Immediate;
  private rolling?: Promise<void>;

  private constructor(
    private readonly options: Required<StreamLogOptions>,
    private readonly segments: Segment[],
  ) {}

  static async open(options: StreamLogOptions): Promise<OpenedStreamLog> {
    const settings = { segmentBytes: 64 * 1024 * 1024, ...options };
    await mkdir(settings.dir, { recursive: true });
    const names = (await readdir(settings.dir)).filter((n) => SEGMENT.test(n)).sort();
    const notes: string[] = [];
    const shards = new Map<number, RecoveredShard>();
    const shardOf = (i: number) => {
      let s = shards.get(i);
      if (!s) shards.set(i, (s = { checkpoint: 0n, lastIndex: 0n, pending: [] }));
      return s;
    };
    const segments: Segment[] = [];
    for (const [position, name] of names.entries()) {
      const file = path.join(settings.dir, name);
      const bytes = await readFile(file).catch((cause) => Promise.reject(new StorageError(`could not read ${file}`, { cause })));
      const { frames, validBytes } = decodeFrames(bytes);
      if (validBytes < bytes.length) {
        if (position === names.length - 1) {
          // Appends that were cut off by a crash were never acknowledged: cut them off the file too.
          await truncate(file, validBytes);
          notes.push(`${name}: cut ${bytes.length - validBytes} bytes of an incomplete last write`);
        } else {
          notes.push(`${name}: ${bytes.length - validBytes} damaged bytes after offset ${validBytes} were skipped`);
        }
      }
      const segment: Segment = { number: Number(SEGMENT.exec(name)?.[1]), file, highest: new Map() };
      for (const frame of frames) {
        const shard = shardOf(frame.shard);
        if (frame.type === 'checkpoint') {
          if (frame.index > shard.checkpoint) shard.checkpoint = frame.index;
          if (frame.index > shard.lastIndex) shard.lastIndex = frame.index;
          continue;
        }
        if (frame.index > shard.lastIndex) shard.lastIndex = frame.index;
        shard.pending.push(frame);
        segment.highest.set(frame.shard, frame.index);
      }
      segments.push(segment);
    }
    for (const shard of shards.values()) shard.pending = shard.pending.filter((f) => f.index > shard.checkpoint);
    const log = new StreamLog(settings, segments);
    for (const [i, s] of shards) log.checkpoints.set(i, s.checkpoint);
    await log.startSegment((segments.at(-1)?.number ?? 0) + 1);
    await log.deleteSettledSegments();
    return { log, shards, notes };
  }

  /** Stores one record; resolves when it is stored as the durability mode says. */
  async append(frame: RecordFrame): Promise<void> {
    if (this.rolling) await this.rolling;
    const segment = this.currentSegment;
    const stored = this.current.append(encodeFrame(frame));
    segment.highest.set(frame.shard, frame.index);
    if (this.current.size >= this.options.segmentBytes) this.rolling ??= this.roll().finally(() => (this.rolling = undefined));
    await stored;
  }

  /** Records the shard's checkpoint; it is written with the next group (a lost checkpoint only means a redelivery). */
  checkpoint(shard: number, index: bigint): void {
    if ((this.checkpoints.get(shard) ?? 0n) >= index) return;
    this.checkpoints.set(shard, index);
    this.checkpointTimer ??= setImmediate(() => {
      this.checkpointTimer = undefined;
      void this.writeCheckpoints().catch(() => undefined);
    });
  }

  /** Writes what is pending, then closes the current segment. */
  async close(): Promise<void> {
    if (this.checkpointTimer) clearImmediate(this.checkpointTimer);
    this.checkpointTimer = undefined;
    await this.rolling;
    await this.writeCheckpoints().catch(() => undefined);
    await this.current.close();
  }

  /** Segment files on disk (the current one included). */
  get segmentCount(): number {
    return this.segments.length;
  }

  private async writeCheckpoints(): Promise<void> {
    if (this.rolling) await this.rolling;
    const frames = [...this.checkpoints].map(([shard, index]) => this.current.append(encodeFrame({ type: 'checkpoint', shard, index })));
    await Promise.all(frames);
    await this.deleteSettledSegments();
  }

  private async roll(): Promise<void> {
    const previous = this.current;
    await this.startSegment(this.currentSegment.number + 1);
    await previous.close();
  }

  private async startSegment(number: number): Promise<void> {
    const segment: Segment = { number, file: path.join(this.options.dir, segmentName(number)), highest: new Map() };
    const file = await GroupCommitFile.open(segment.file, this.options.durability);
    this.segments.push(segment);
    this.current = file;
    this.currentSegment = segment;
    // Each segment begins with the checkpoints, so deleting older segments never loses them.
    await Promise.all([...this.checkpoints].map(([shard, index]) => file.append(encodeFrame({ type: 'checkpoint', shard, index }))));
  }

  private async deleteSettledSegments(): Promise<void> {
    for (const segment of [...this.segments]) {
      if (segment === this.currentSegment) continue;
      const settled = [...segment.highest].every(([shard, index]) => index <= (this.checkpoints.get(shard) ?? 0n));
      if (!settled) continue;
      this.segments.splice(this.segments.indexOf(segment), 1);
      await rm(segment.file, { force: true });
    }
  }
}
