import { createHmac } from 'node:crypto';
import { useSensorServer } from './sdk-datasets';

/** Trino's crc32 and hmac_* over DuckDB's digests, through the SDK; the expected values are computed apart (CRC-32 bit by bit below, HMAC by node:crypto). */
const { answers, refuses } = useSensorServer();

/** CRC-32 (IEEE) bit by bit, an implementation apart from the engine's table. */
function crc32(bytes: Buffer): string {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return String((c ^ 0xffffffff) >>> 0);
}

const hmac = (digest: string, data: string, key: string): string => createHmac(digest, Buffer.from(key)).update(Buffer.from(data)).digest('hex').toUpperCase();
const LONG_KEY = 'k'.repeat(100);

describe('crc32', () => {
  answers([
    ["crc32(to_utf8('abc'))", 'BIGINT', crc32(Buffer.from('abc'))],
    ["crc32(to_utf8('The quick brown fox jumps over the lazy dog'))", 'BIGINT', crc32(Buffer.from('The quick brown fox jumps over the lazy dog'))],
    ["crc32(from_hex('FF00FF'))", 'BIGINT', crc32(Buffer.from('FF00FF', 'hex'))],
    ["crc32(to_utf8(''))", 'BIGINT', '0'],
    ['crc32(CAST(NULL AS varbinary))', 'BIGINT', undefined],
  ]);
});

describe('hmac_md5, hmac_sha1, hmac_sha256', () => {
  answers([
    ["to_hex(hmac_md5(to_utf8('message'), to_utf8('key')))", 'VARCHAR', hmac('md5', 'message', 'key')],
    ["to_hex(hmac_sha1(to_utf8('message'), to_utf8('key')))", 'VARCHAR', hmac('sha1', 'message', 'key')],
    ["to_hex(hmac_sha256(to_utf8('message'), to_utf8('key')))", 'VARCHAR', hmac('sha256', 'message', 'key')],
    // a key longer than the 64-byte block is hashed first
    [`to_hex(hmac_sha256(to_utf8('message'), to_utf8('${LONG_KEY}')))`, 'VARCHAR', hmac('sha256', 'message', LONG_KEY)],
    ["to_hex(hmac_sha256(to_utf8(''), to_utf8('')))", 'VARCHAR', hmac('sha256', '', '')],
    ["to_hex(hmac_sha1(CAST(NULL AS varbinary), to_utf8('key')))", 'VARCHAR', undefined],
  ]);

  refuses([
    ["SELECT hmac_sha256('message', to_utf8('key'))", 'line 1:8: Unexpected parameters (varchar, varbinary) for function hmac_sha256. Expected: hmac_sha256(varbinary, varbinary)'],
    ["SELECT crc32('abc')", 'line 1:8: Unexpected parameters (varchar) for function crc32. Expected: crc32(varbinary)'],
    ["SELECT to_hex(hmac_sha1(to_utf8('m')))", 'line 1:15: Unexpected parameters (varbinary) for function hmac_sha1. Expected: hmac_sha1(varbinary, varbinary)'],
  ]);
});
