import { scalar } from './fixture';
import { useSensorServer } from './sdk-datasets';

/** from_base, to_base and human_readable_seconds through the SDK: values, types and refusals. */
const { run, refuses, answers, firstRow } = useSensorServer();

describe('from_base and to_base (radix 2 to 36, as Java reads and writes them)', () => {
  answers([
    ["from_base('1010', 2)", 'BIGINT', '10'],
    ["from_base('ff', 16)", 'BIGINT', '255'],
    ["from_base('FF', 16)", 'BIGINT', '255'],
    ["from_base('-zz', 36)", 'BIGINT', '-1295'],
    ["from_base('+0017', 8)", 'BIGINT', '15'],
    ["from_base('7fffffffffffffff', 16)", 'BIGINT', '9223372036854775807'],
    ["from_base('-8000000000000000', 16)", 'BIGINT', '-9223372036854775808'],
    ["from_base(CAST(NULL AS varchar), 2)", 'BIGINT', undefined],
    ['to_base(255, 16)', 'VARCHAR', 'ff'],
    ['to_base(-255, 2)', 'VARCHAR', '-11111111'],
    ['to_base(0, 36)', 'VARCHAR', '0'],
    ['to_base(9223372036854775807, 36)', 'VARCHAR', '1y2p0ij32e8e7'],
    ['to_base(-9223372036854775807 - 1, 16)', 'VARCHAR', '-8000000000000000'],
    ["to_base(from_base('zebra', 36), 36)", 'VARCHAR', 'zebra'],
  ]);

  it('work on columns, the radix too', async () => {
    const { rows } = await run('SELECT to_base(x, r), from_base(to_base(x, r), r) FROM (VALUES (10, 2), (35, 36), (-64, 8)) t(x, r)');
    expect(rows.map((r) => r.map(scalar))).toEqual([['1010', '10'], ['z', '35'], ['-100', '-64']]);
  });

  refuses([
    ["SELECT from_base('12', 2)", 'Not a valid base-2 number: 12'],
    ["SELECT from_base('', 10)", 'Not a valid base-10 number: '],
    ["SELECT from_base('-', 10)", 'Not a valid base-10 number: -'],
    ["SELECT from_base('8000000000000000', 16)", 'Not a valid base-16 number: 8000000000000000'],
    ["SELECT from_base('1', 37)", 'Radix must be between 2 and 36'],
    ['SELECT to_base(10, 1)', 'Radix must be between 2 and 36'],
    ["SELECT to_base('10', 2)", 'line 1:8: Unexpected parameters (varchar, integer) for function to_base. Expected: to_base(bigint, bigint)'],
  ]);
});

describe('human_readable_seconds', () => {
  it.each([
    // the examples of Trino's documentation of the function (the language the service runs)
    ['96', '1 minute, 36 seconds'],
    ['3762', '1 hour, 2 minutes, 42 seconds'],
    ['56363463', '93 weeks, 1 day, 8 hours, 31 minutes, 3 seconds'],
    // and the edges: rounding, the sign, singulars, NULL
    ['0', '0 seconds'],
    ['0.4', '0 seconds'],
    ['1.5', '2 seconds'],
    ['-90061', '1 day, 1 hour, 1 minute, 1 second'],
    ['604800', '1 week'],
    ['CAST(NULL AS double)', undefined],
  ])('human_readable_seconds(%s) = %s', async (x, text) => {
    expect(await firstRow(`SELECT human_readable_seconds(${x})`)).toEqual({ types: ['VARCHAR'], values: [text] });
  });

  refuses([
    ['SELECT human_readable_seconds(nan())', 'Invalid argument found: NaN'],
    ['SELECT human_readable_seconds(-infinity())', 'Invalid argument found: -Infinity'],
    ["SELECT human_readable_seconds('96')", 'line 1:8: Unexpected parameters (varchar) for function human_readable_seconds. Expected: human_readable_seconds(double)'],
  ]);
});
