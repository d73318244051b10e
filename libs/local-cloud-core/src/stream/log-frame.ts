import { crc32 } from 'node:zlib';

/** A record as the stream log stores it: its shard, its index there, arrival time, key and bytes. */
export interface RecordFrame {
  type: 'record';
  shard: number;
  index: bigint;
  arrival: number;
  partitionKey: string;
  data: Buffer;
}

/** The event source mapping's checkpoint of a shard: every record up to `index` is done with. */
export interface CheckpointFrame {
  type: 'checkpoint';
  shard: number;
  index: bigint;
}

export type LogFrame = RecordFrame | CheckpointFrame;

const HEADER = 8; // u32 body length, u32 CRC-32 of the body
const RECORD = 1;
const CHECKPOINT = 2;

/** One frame: length, CRC-32, then the body (type, shard, index, and for a record arrival, key, data). */
export function encodeFrame(frame: LogFrame): Buffer {
  const key = frame.type === 'record' ? Buffer.from(frame.partitionKey, 'utf8') : undefined;
  const bodyLength = frame.type === 'record' ? 1 + 2 + 8 + 8 + 2 + (key as Buffer).length + frame.data.length : 1 + 2 + 8;
  const out = Buffer.allocUnsafe(HEADER + bodyLength);
  let at = HEADER;
  out.writeUInt8(frame.type === 'record' ? RECORD : CHECKPOINT, at++);
  out.writeUInt16LE(frame.shard, at);
  out.writeBigUInt64LE(frame.index, at + 2);
  at += 10;
  if (frame.type === 'record' && key) {
    out.writeDoubleLE(frame.arrival, at);
    out.writeUInt16LE(key.length, at + 8);
    key.copy(out, at + 10);
    frame.data.copy(out, at + 10 + key.length);
  }
  out.writeUInt32LE(bodyLength, 0);
  out.writeUInt32LE(crc32(out.subarray(HEADER)), 4);
  return out;
}

export interface DecodedFrames {
  frames: LogFrame[];
  /** Bytes of whole, intact frames from the start; anything after is a torn or damaged tail. */
  validBytes: number;
}

/** Reads frames until the bytes end or a frame is incomplete or fails its CRC. */
export function decodeFrames(bytes: Buffer): DecodedFrames {
  const frames: LogFrame[] = [];
  let at = 0;
  while (at + HEADER <= bytes.length) {
    const bodyLength = bytes.readUInt32LE(at);
    const end = at + HEADER + bodyLength;
    if (bodyLength < 11 || end > bytes.length) break;
    const body = bytes.subarray(at + HEADER, end);
    if (crc32(body) !== bytes.readUInt32LE(at + 4)) break;
    const frame = decodeBody(body);
    if (!frame) break;
    frames.push(frame);
    at = end;
  }
  return { frames, validBytes: at };
}

function decodeBody(body: Buffer): LogFrame | undefined {
  const type = body.readUInt8(0);
  const shard = body.readUInt16LE(1);
  const index = body.readBigUInt64LE(3);
  if (type === CHECKPOINT) return { type: 'checkpoint', shard, index };
  if (type !== RECORD || body.length < 21) return undefined;
  const arrival = body.readDoubleLE(11);
  const keyLength = body.readUInt16LE(19);
  if (21 + keyLength > body.length) return undefined;
  const partitionKey = body.toString('utf8', 21, 21 + keyLength);
  // A copy, so a recovered record does not pin the whole segment's buffer in memory.
  const data = Buffer.from(body.subarray(21 + keyLength));
  return { type: 'record', shard, index, arrival, partitionKey, data };
}
