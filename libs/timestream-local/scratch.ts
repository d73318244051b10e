import { DuckDBInstance } from '@duckdb/node-api';
(async () => {
  const c = await (await DuckDBInstance.create(':memory:')).connect();
  for (const q of [
    "SELECT strptime('2024-02-05 10:11:12 123', '%Y-%m-%d %H:%M:%S %g')",
    "SELECT strptime('2024-02-05 10:11:12 5', '%Y-%m-%d %H:%M:%S %g')",
    "SELECT epoch_ms(CAST(floor((epoch_us(TIMESTAMP_NS '2024-02-05 09:07:03.9996') + 500) / 1000) AS BIGINT))",
    "SELECT regexp_extract('2024-02-05', '^(\\d+)-(\\d+)-(\\d+)$', 2), typeof(regexp_extract('2024-02-05', '^(\\d+)-(\\d+)-(\\d+)$', 2))",
    "SELECT regexp_extract_all('a1b22', p, 1) FROM (VALUES ('(\\d+)')) t(p)",
    "SELECT regexp_extract_all('a1b22', p, 2) FROM (VALUES ('(\\d+)')) t(p)",
    "SELECT regexp_extract_all('a1b22', p, g) FROM (VALUES ('(\\d+)', 1)) t(p, g)",
    "SELECT epoch_ns(TIMESTAMP_NS '2024-01-01 00:00:00.000000001') - epoch_ns(TIMESTAMP_NS '2024-01-01 00:00:00')",
  ]) {
    try { console.log(q, '=>', (await c.runAndReadAll(q)).getRowsJS()[0]); } catch (e) { console.log(q, 'ERR', (e as Error).message.split('\n')[0]); }
  }
})();
