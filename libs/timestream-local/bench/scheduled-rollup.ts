/**
 * Scheduled-query benchmark: a 5-minute rollup (the developer guide's pattern) over the last hour of
 * DEVICES x 60 one-minute MULTI readings, run through ExecuteScheduledQuery over HTTP with the SDK: the run queries,
 * maps and writes DEVICES x 12 rollup records through WriteRecords with a new version each time (every run after the
 * first replaces the same bins). Prints the first run (inserts) and the median of RUNS later runs (each replacing every
 * bin: upserts): the run's own ExecutionTimeInMillis and the ExecuteScheduledQuery call's wall time. Run: npx tsx libs/timestream-local/bench/scheduled-rollup.ts [--devices N] [--runs R]
 */
import { DescribeScheduledQueryCommand, ExecuteScheduledQueryCommand, CreateScheduledQueryCommand } from '@aws-sdk/client-timestream-query';
import { WriteRecordsCommand, type _Record } from '@aws-sdk/client-timestream-write';
import { startTestTimestream } from '../src/testing';
import { ROLLUP_SQL, rollupRequest } from '../test/scheduled/fixture';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const DEVICES = arg('--devices', 1000);
const RUNS = arg('--runs', 5);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const ts = await startTestTimestream({ tables: [{ DatabaseName: 'iot', TableName: 'readings' }, { DatabaseName: 'rollups', TableName: 'readings_5m' }] });
  const write = ts.writeClient();
  const query = ts.queryClient();
  const end = Math.floor(Date.now() / 60_000) * 60_000;
  const records: _Record[] = [];
  for (let d = 0; d < DEVICES; d++) {
    for (let m = 1; m <= 60; m++) {
      records.push({
        Dimensions: [{ Name: 'device_id', Value: `dev-${d}` }],
        MeasureName: 'metrics',
        MeasureValueType: 'MULTI',
        MeasureValues: [{ Name: 'temperature', Value: String(20 + ((d + m) % 13) / 2), Type: 'DOUBLE' }, { Name: 'humidity', Value: String(40 + ((d * m) % 20)), Type: 'DOUBLE' }],
        Time: String(end - m * 60_000),
      });
    }
  }
  await Promise.all(Array.from({ length: 8 }, async (_, w) => {
    for (let i = w * 100; i < records.length; i += 800) await write.send(new WriteRecordsCommand({ DatabaseName: 'iot', TableName: 'readings', Records: records.slice(i, i + 100) }));
  }));
  const { Arn } = await query.send(new CreateScheduledQueryCommand(rollupRequest({
    Name: 'bench-rollup',
    QueryString: ROLLUP_SQL.replace('@scheduled_runtime - 15m', '@scheduled_runtime - 1h'),
    ScheduleConfiguration: { ScheduleExpression: 'rate(1 day)' },
  })));
  const runMs: number[] = [];
  const callMs: number[] = [];
  let ingested = 0;
  let firstMs = 0;
  for (let r = 0; r < RUNS + 1; r++) {
    const start = process.hrtime.bigint();
    await query.send(new ExecuteScheduledQueryCommand({ ScheduledQueryArn: Arn, InvocationTime: new Date(end + 1) }));
    const call = Number(process.hrtime.bigint() - start) / 1e6;
    const run = (await query.send(new DescribeScheduledQueryCommand({ ScheduledQueryArn: Arn }))).ScheduledQuery?.LastRunSummary;
    if (run?.RunStatus !== 'MANUAL_TRIGGER_SUCCESS') throw new Error(`run failed: ${run?.FailureReason}`);
    ingested = run.ExecutionStats?.RecordsIngested ?? 0;
    if (r === 0) {
      firstMs = run.ExecutionStats?.ExecutionTimeInMillis ?? 0;
      continue;
    }
    runMs.push(run.ExecutionStats?.ExecutionTimeInMillis ?? 0);
    callMs.push(call);
  }
  console.log(`source: ${records.length} MULTI records (${DEVICES} devices x 60 minutes); each run writes ${ingested} rollup records`);
  console.log(`first run (inserts): ExecutionTimeInMillis ${firstMs} ms (${(ingested / (firstMs / 1000)).toFixed(0)} rollup records/s)`);
  console.log(`median of ${RUNS} later runs (upserts): ExecutionTimeInMillis ${median(runMs)} ms, ExecuteScheduledQuery call ${median(callMs).toFixed(1)} ms (${(ingested / (median(runMs) / 1000)).toFixed(0)} rollup records/s)`);
  await ts.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
