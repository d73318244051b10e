import { BINARY_HASHES } from '../../duckdb-functions/binary-hashes';
import { engineFunctionName } from '../../duckdb-functions/names';
import type { Expr } from '../ast';
import { positioned } from '../errors';
import { T, type StaticType } from '../static-type';
import type { TranslationContext } from './context';
import { bind } from './time-series';
import type { Translated } from './translated';

type Call = Extract<Expr, { kind: 'call' }>;

/** The bytes of a BLOB as a list of integers 0-255 (DuckDB has no byte access on BLOBs: two hex digits each). */
const bytesOf = (tr: TranslationContext, blob: string): string => {
  const [h, i] = [tr.freshName('h'), tr.freshName('i')];
  return bind(`hex(${blob})`, h, `list_transform(range(0, length(${h}) // 2), lambda ${i}: CAST('0x' || substr(${h}, 2 * ${i} + 1, 2) AS INTEGER))`);
};

/** The table of CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), one entry per byte value. */
const CRC_TABLE: number[] = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

const binaryArgs = (call: Call, args: Translated[], count: number, signature: string): void => {
  const ok = (t: StaticType): boolean => t.kind === 'varbinary' || t.kind === 'unknown';
  if (args.length !== count || !args.every((a) => ok(a.type))) {
    throw positioned(call.pos, `Unexpected parameters (${args.map((a) => a.type.kind).join(', ')}) for function ${call.name}. Expected: ${call.name}(${signature})`);
  }
};

/** HMAC (RFC 2104) over one of DuckDB's digests, whose block is 64 bytes: a longer key is hashed first, then padded with zeros. */
const hmac = (digest: 'md5' | 'sha1' | 'sha256') => (tr: TranslationContext, call: Call, args: Translated[]): Translated => {
  binaryArgs(call, args, 2, 'varbinary, varbinary');
  const [k, b] = [tr.freshName('k'), tr.freshName('b')];
  const padded = `(CASE WHEN octet_length(${k}) > 64 THEN unhex(${digest}(${k})) ELSE ${k} END)`;
  const block = bind(padded, b, `${b} || unhex(repeat('00', 64 - octet_length(${b})))`);
  const x = tr.freshName('x');
  const xored = (pad: number): string => `unhex(array_to_string(list_transform(${bytesOf(tr, block)}, lambda ${x}: printf('%02X', xor(${x}, ${pad}))), ''))`;
  const inner = `unhex(${digest}(${xored(0x36)} || ${args[0].sql}))`;
  return { sql: bind(args[1].sql, k, `unhex(${digest}(${xored(0x5c)} || ${inner}))`), type: T.varbinary };
};

type Form = (tr: TranslationContext, call: Call, args: Translated[]) => Translated;

/** The hashes DuckDB has no function for, computed by the functions the storage registers (`duckdb-functions/binary-hashes.ts`). */
const REGISTERED_FORMS: Record<string, Form> = Object.fromEntries(BINARY_HASHES.map((hash): [string, Form] => [hash.name, (_tr, call, args) => {
  binaryArgs(call, args, hash.arity, hash.arity === 1 ? 'varbinary' : 'varbinary, varbinary');
  return { sql: `${engineFunctionName(hash.name)}(${args.map((a) => `CAST(${a.sql} AS BLOB)`).join(', ')})`, type: T.varbinary };
}]));

/** Trino's binary hashes: those DuckDB's digests can express, and the registered ones. */
export const DIGEST_FORMS: Record<string, Form> = {
  ...REGISTERED_FORMS,
  crc32: (tr, call, args) => {
    binaryArgs(call, args, 1, 'varbinary');
    const [c, y] = [tr.freshName('c'), tr.freshName('y')];
    const step = `list_reduce(${bytesOf(tr, args[0].sql)}, lambda ${c}, ${y}: xor([${CRC_TABLE.join(', ')}][(xor(${c}, ${y}) & 255) + 1], ${c} >> 8), CAST(4294967295 AS BIGINT))`;
    return { sql: `CASE WHEN ${args[0].sql} IS NULL THEN NULL ELSE xor(${step}, CAST(4294967295 AS BIGINT)) END`, type: T.bigint };
  },
  hmac_md5: hmac('md5'),
  hmac_sha1: hmac('sha1'),
  hmac_sha256: hmac('sha256'),
};
