import { FROM, readings, scalar } from './fixture';
import { useSensorServer } from './sdk-datasets';

/** VARBINARY inside a query (UTF-8, base64, hex, digests) through the SDK; a VARBINARY result column is refused. */
const { run, refuses, answers } = useSensorServer();

describe('VARBINARY functions', () => {
  answers([
    ["from_utf8(to_utf8('héllo'))", 'VARCHAR', 'héllo'],
    ["length(to_utf8('héllo'))", 'BIGINT', '6'],
    ["to_base64(to_utf8('hello'))", 'VARCHAR', 'aGVsbG8='],
    ["from_utf8(from_base64('aGVsbG8='))", 'VARCHAR', 'hello'],
    ["to_base64url(from_hex('FBFF'))", 'VARCHAR', '-_8='],
    ["to_hex(from_base64url('-_8='))", 'VARCHAR', 'FBFF'],
    ["to_hex(to_utf8('abc'))", 'VARCHAR', '616263'],
    ["from_utf8(from_hex('616263'))", 'VARCHAR', 'abc'],
    ["to_hex(md5(to_utf8('abc')))", 'VARCHAR', '900150983CD24FB0D6963F7D28E17F72'],
    ["to_hex(sha1(to_utf8('abc')))", 'VARCHAR', 'A9993E364706816ABA3E25717850C26C9CD0D89D'],
    ["to_hex(sha256(to_utf8('abc')))", 'VARCHAR', 'BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD'],
    ["to_hex(to_utf8('ab') || to_utf8('c'))", 'VARCHAR', '616263'],
    ["CAST(CAST('a\\b' AS varbinary) AS varchar)", 'VARCHAR', 'a\\b'],
    ["to_utf8('a') = from_hex('61')", 'BOOLEAN', 'true'],
    ['to_base64(CAST(NULL AS varbinary))', 'VARCHAR', undefined],
  ]);

  it('work on table columns', async () => {
    const { rows } = await run(`SELECT device_id, to_hex(to_utf8(device_id)), length(to_utf8(location)) FROM ${FROM} WHERE time = (SELECT max(time) FROM ${FROM}) ORDER BY 1`);
    const latest = readings().filter((r) => r.time === Math.max(...readings().map((x) => x.time))).sort((a, b) => a.device_id.localeCompare(b.device_id));
    expect(rows.map((r) => r.map(scalar))).toEqual(latest.map((r) => [r.device_id, Buffer.from(r.device_id).toString('hex').toUpperCase(), String(Buffer.byteLength(r.location))]));
  });

  refuses([
    ["SELECT to_utf8('abc')", "Column '_col0' is VARBINARY, which a query answer cannot hold (its ScalarType has no VARBINARY): return it as text with to_hex, to_base64 or from_utf8"],
    ["SELECT ARRAY[from_hex('00')] AS b", "Column 'b' is VARBINARY, which a query answer cannot hold (its ScalarType has no VARBINARY): return it as text with to_hex, to_base64 or from_utf8"],
    ["SELECT to_hex(from_hex('abc'))", 'invalid input length 3'],
    ["SELECT to_hex(from_hex('zz'))", 'invalid hex character: z'],
    ["SELECT to_hex(from_base64('***'))", 'Invalid base64 text: ***'],
    ["SELECT from_utf8(from_hex('FF'), 'ab')", 'Replacement character string must empty or a single character'],
    ["SELECT from_utf8(from_hex('61'), 'ab')", 'Replacement character string must empty or a single character'],
    ["SELECT from_utf8(from_hex('FF'), 55296)", 'Invalid replacement character'],
    ["SELECT from_utf8(from_hex('FF'), 1114112)", 'Invalid replacement character'],
    ["SELECT from_utf8(from_hex('FF'), 1.5)", 'line 1:8: Unexpected parameters (varbinary, double) for function from_utf8. Expected: from_utf8(varbinary), from_utf8(varbinary, varchar), from_utf8(varbinary, bigint)'],
    ["SELECT to_base64('abc')", 'line 1:8: Unexpected parameters (varchar) for function to_base64. Expected: to_base64(varbinary)'],
    ["SELECT sha256('abc')", 'line 1:8: Unexpected parameters (varchar) for function sha256. Expected: sha256(varbinary)'],
  ]);
});

describe('from_utf8 of bytes that are not UTF-8 (Trino: each invalid sequence becomes U+FFFD or the replacement)', () => {
  answers([
    ["from_utf8(from_hex('61FF62'))", 'VARCHAR', 'a\uFFFDb'],
    // a lead byte with one of its two continuation bytes is one invalid sequence
    ["from_utf8(from_hex('E28241'))", 'VARCHAR', '\uFFFDA'],
    // an overlong form, a surrogate and a code point above U+10FFFF: one each
    ["from_utf8(from_hex('C0AF61EDA080F4908080'))", 'VARCHAR', '\uFFFDa\uFFFD\uFFFD'],
    ["from_utf8(from_hex('80C3'))", 'VARCHAR', '\uFFFD\uFFFD'],
    ["from_utf8(from_hex('E282ACF09F9880'))", 'VARCHAR', '\u20AC\u{1F600}'],
    ["from_utf8(from_hex('61FF62'), '?')", 'VARCHAR', 'a?b'],
    ["from_utf8(from_hex('61FF62'), '')", 'VARCHAR', 'ab'],
    ["from_utf8(from_hex('61FF62'), 35)", 'VARCHAR', 'a#b'],
    ["from_utf8(from_hex('6162'), CAST(NULL AS varchar))", 'VARCHAR', undefined],
    ['from_utf8(CAST(NULL AS varbinary))', 'VARCHAR', undefined],
  ]);
});
