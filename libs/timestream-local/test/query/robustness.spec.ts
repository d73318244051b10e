import fc from 'fast-check';
import { planQuery } from '../../src/query/engine';
import { QueryValidationError } from '../../src/query/errors';
import { DOC_SAMPLES } from './doc-sample-queries';
import { FROM, NOW, sensorStorage } from './fixture';
import type { MemoryStorage } from './memory-storage';

let storage: MemoryStorage;
beforeAll(async () => {
  storage = await sensorStorage();
});
afterAll(() => storage.close());

/** Any text is either planned or refused with a QueryValidationError; nothing else escapes. */
async function plannedOrRefused(sql: string): Promise<void> {
  try {
    await planQuery(sql, { storage, now: NOW });
  } catch (error) {
    if (!(error instanceof QueryValidationError)) throw error;
    expect(error.message).not.toMatch(/Binder Error|Parser Error|Catalog Error/);
  }
}

const VALID = [
  `SELECT device_id, bin(time, 5m) AS b, avg(temperature) FROM ${FROM} WHERE time > ago(1h) GROUP BY 1, 2 ORDER BY 2`,
  `SELECT filter(ARRAY[1, 2], x -> x > 1), CASE WHEN 1 = 1 THEN 'a' END, CAST('1' AS bigint), INTERVAL '1' DAY`,
  ...Object.values(DOC_SAMPLES),
];

describe('robustness', () => {
  it('random text never escapes as anything but a validation error', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 80 }), plannedOrRefused), { numRuns: 300 });
  });

  it('truncated and spliced valid queries are planned or refused cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...VALID), fc.nat(), fc.nat(), fc.constantFrom('', ' ', ')', '(', "'", ',', 'SELECT', '->', '"'), async (sql, a, b, junk) => {
        const cut = a % (sql.length + 1);
        const resume = Math.min(sql.length, cut + (b % 12));
        await plannedOrRefused(sql.slice(0, cut) + junk + sql.slice(resume));
      }),
      { numRuns: 300 },
    );
  });
});
