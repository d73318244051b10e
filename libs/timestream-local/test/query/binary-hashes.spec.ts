import { useSensorServer } from './sdk-datasets';

/**
 * Trino's hashes that DuckDB lacks (computed by the functions the storage registers), through the SDK. The values
 * are Trino's own (TestVarbinaryFunctions) and, for longer input, Bob Jenkins' SpookyHash V2 table.
 */
const { answers, refuses, run } = useSensorServer();

/** The first n bytes of Jenkins' test buffer (buf[i] = i + 128) as hex. */
const jenkinsBuffer = (n: number): string => Buffer.from(Array.from({ length: n }, (_x, i) => (i + 128) & 255)).toString('hex');

describe('sha512, hmac_sha512', () => {
  answers([
    ["to_hex(sha512(CAST('' AS varbinary)))", 'VARCHAR', 'CF83E1357EEFB8BDF1542850D66D8007D620E4050B5715DC83F4A921D36CE9CE47D0D13C5D85F2B0FF8318D2877EEC2F63B931BD47417A81A538327AF927DA3E'],
    ["to_hex(sha512(CAST('hashme' AS varbinary)))", 'VARCHAR', '8A4B59FB9188D09B989FF596AC9CEFBF2ED91DED8DCD9498E8BF2236814A92B23BE6867E7FC340880E514F8FDF97E1F147EA4B0FD6C2DA3557D0CF1C0B58A204'],
    ["to_hex(hmac_sha512(CAST('' AS varbinary), CAST('key' AS varbinary)))", 'VARCHAR', '84FA5AA0279BBC473267D05A53EA03310A987CECC4C1535FF29B6D76B8F1444A728DF3AADB89D4A9A6709E1998F373566E8F824A8CA93B1821F0B69BC2A2F65E'],
    ["to_hex(hmac_sha512(CAST('hashme' AS varbinary), CAST('key' AS varbinary)))", 'VARCHAR', 'FEFA712B67DED871E1ED987F8B20D6A69EB9FCC87974218B9A1A6D5202B54C18ECDA4839A979DED22F07E0881CF40B762691992D120408F49D6212E112509D72'],
    ['sha512(CAST(NULL AS varbinary)) IS NULL', 'BOOLEAN', 'true'],
  ]);
});

describe('murmur3, xxhash64', () => {
  answers([
    ["to_hex(murmur3(CAST('' AS varbinary)))", 'VARCHAR', '00000000000000000000000000000000'],
    ["to_hex(murmur3(CAST('hashme' AS varbinary)))", 'VARCHAR', '93192FE805BE23041C8318F67EC4F2BC'],
    ["to_hex(xxhash64(CAST('' AS varbinary)))", 'VARCHAR', 'EF46DB3751D8E999'],
    ["to_hex(xxhash64(CAST('hashme' AS varbinary)))", 'VARCHAR', 'F9D96E0E1165E892'],
    ['length(murmur3(to_utf8(\'a\')))', 'BIGINT', '16'],
    ['xxhash64(NULL) IS NULL', 'BOOLEAN', 'true'],
  ]);
});

describe('spooky_hash_v2_32, spooky_hash_v2_64', () => {
  answers([
    ["to_hex(spooky_hash_v2_32(CAST('' AS varbinary)))", 'VARCHAR', '6BF50919'],
    ["to_hex(spooky_hash_v2_32(CAST('hello' AS varbinary)))", 'VARCHAR', 'D382E6CA'],
    ["to_hex(spooky_hash_v2_64(CAST('' AS varbinary)))", 'VARCHAR', '232706FC6BF50919'],
    ["to_hex(spooky_hash_v2_64(CAST('hello' AS varbinary)))", 'VARCHAR', '3768826AD382E6CA'],
    // Jenkins' table: 100 bytes (the short form), 192 and 200 (the long one)
    [`to_hex(spooky_hash_v2_32(from_hex('${jenkinsBuffer(100)}')))`, 'VARCHAR', 'DE4A961F'],
    [`to_hex(spooky_hash_v2_32(from_hex('${jenkinsBuffer(192)}')))`, 'VARCHAR', '77E012BD'],
    [`to_hex(spooky_hash_v2_32(from_hex('${jenkinsBuffer(200)}')))`, 'VARCHAR', '1F6F7162'],
  ]);
});

describe('the hashes over rows', () => {
  it('hash each row of a column, NULL rows to NULL', async () => {
    const { rows } = await run("SELECT to_hex(spooky_hash_v2_32(to_utf8(s))), to_hex(xxhash64(to_utf8(b))) FROM (VALUES ('hello', 'hashme'), (NULL, NULL), ('', '')) AS t(s, b)");
    expect(rows.map((r) => r.map((d) => (d.NullValue ? null : d.ScalarValue)))).toEqual([
      ['D382E6CA', 'F9D96E0E1165E892'],
      [null, null],
      ['6BF50919', 'EF46DB3751D8E999'],
    ]);
  });
});

refuses([
  ["SELECT to_hex(sha512('abc'))", 'line 1:15: Unexpected parameters (varchar) for function sha512. Expected: sha512(varbinary)'],
  ["SELECT to_hex(hmac_sha512(to_utf8('m')))", 'line 1:15: Unexpected parameters (varbinary) for function hmac_sha512. Expected: hmac_sha512(varbinary, varbinary)'],
  ["SELECT murmur3(to_utf8('m'))", "Column '_col0' is VARBINARY, which a query answer cannot hold (its ScalarType has no VARBINARY): return it as text with to_hex, to_base64 or from_utf8"],
]);
