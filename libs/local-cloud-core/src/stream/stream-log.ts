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
  /** Every record still in the log for the shard (other consumers take theirs from it with their checkpoints). */
  records: RecordFrame[];
}

export interface OpenedStreamLog {
  log: StreamLog;
  shards: Map<number, RecoveredShard>;
  /** The checkpoints of named consumers (event source mappings other than the ingest function's), per shard. */
  consumers: Map<string, Map<number, bigint>>;
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
  /** Checkpoints per consumer ('' is the ingest function's mapping), per shard. */
  private readonly checkpoints = new Map<string, Map<number, bigint>>([['', new Map()]]);
  /** Consumers started in this run: only they hold segments back from deletion. */
  private readonly active = new Set<string>(['']);
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
      if (!s) shards.set(i, (s = { checkpoint: 0n, lastIndex: 0n, pending: [], records: [] }));
      return s;
    };
    const segments: Segment[] = [];
    const consumers = new Map<string, Map<number, bigint>>();
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
        if (frame.type === 'checkpoint' && frame.consumer) {
          const named = consumers.get(frame.consumer) ?? new Map<number, bigint>();
          consumers.set(frame.consumer, named);
          if (frame.index > (named.get(frame.shard) ?? 0n)) named.set(frame.shard, frame.index);
          continue;
        }
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
    for (const [i, shard] of shards) {
      const lowest = [...consumers.values()].reduce((low, named) => ((named.get(i) ?? 0n) < low ? (named.get(i) ?? 0n) : low), shard.checkpoint);
      shard.records = shard.pending.filter((f) => f.index > lowest);
      shard.pending = shard.pending.filter((f) => f.index > shard.checkpoint);
    }
    const log = new StreamLog(settings, segments);
    for (const [i, s] of shards) log.checkpointsOf('').set(i, s.checkpoint);
    for (const [name, named] of consumers) log.checkpoints.set(name, new Map(named));
    await log.startSegment((segments.at(-1)?.number ?? 0) + 1);
    await log.deleteSettledSegments();
    return { log, shards, consumers, notes };
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

  /**
   * A named consumer reads this log in this run: segments are kept until it is past them too. A
   * consumer without a checkpoint yet starts at the latest record (StartingPosition LATEST): its
   * checkpoint is set to the last index of each shard.
   */
  registerConsumer(name: string, lastIndexes: ReadonlyMap<number, bigint>): ReadonlyMap<number, bigint> {
    if (!name) throw new RangeError('a consumer needs a name');
    this.active.add(name);
    const known = this.checkpoints.get(name);
    if (known) return known;
    const start = new Map(lastIndexes);
    this.checkpoints.set(name, start);
    return start;
  }

  /** Records the shard's checkpoint (of `consumer`, the ingest function's by default); it is written with the next group (a lost checkpoint only means a redelivery). */
  checkpoint(shard: number, index: bigint, consumer = ''): void {
    const checkpoints = this.checkpointsOf(consumer);
    if ((checkpoints.get(shard) ?? 0n) >= index) return;
    checkpoints.set(shard, index);
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
    await Promise.all(this.checkpointFrames().map((frame) => this.current.append(frame)));
    await this.deleteSettledSegments();
  }

  private checkpointsOf(consumer: string): Map<number, bigint> {
    let checkpoints = this.checkpoints.get(consumer);
    if (!checkpoints) this.checkpoints.set(consumer, (checkpoints = new Map()));
    return checkpoints;
  }

  private checkpointFrames(): Buffer[] {
    return [...this.checkpoints].flatMap(([consumer, shards]) =>
      [...shards].map(([shard, index]) => encodeFrame({ type: 'checkpoint', shard, index, ...(consumer ? { consumer } : {}) })),
    );
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
    await Promise.all(this.checkpointFrames().map((frame) => file.append(frame)));
  }

  private async deleteSettledSegments(): Promise<void> {
    for (const segment of [...this.segments]) {
      if (segment === this.currentSegment) continue;
      const settled = [...segment.highest].every(([shard, index]) => [...this.active].every((consumer) => index <= (this.checkpointsOf(consumer).get(shard) ?? 0n)));
      if (!settled) continue;
      this.segments.splice(this.segments.indexOf(segment), 1);
      await rm(segment.file, { force: true });
    }
  }
}
