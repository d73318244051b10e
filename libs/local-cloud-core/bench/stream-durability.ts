// Measures the candidates for the local cloud's durable stream, and the publish path built on the
// chosen one: `npx nx run local-cloud-core:bench [-- --rates 1000,2000,5000 --seconds 5 --only log,duckdb,kinesalite,mqtt]`.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatResult, type LoadResult } from './offered-load';
import { measurePublishPath } from './publish-path';
import { measureDuckDb, measureKinesalite, measureStreamLog } from './stream-candidates';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const rates = option('rates', '1000,2000,5000').split(',').map(Number);
  const seconds = Number(option('seconds', '5'));
  const only = new Set(option('only', 'log,duckdb,kinesalite,mqtt').split(','));
  // On the disk the data directory lives on (the workspace), not a tmpfs.
  const dir = await mkdtemp(path.join(path.resolve(__dirname, '../../..'), '.bench-stream-'));
  console.log(`stream durability candidates: ${seconds} s per rate, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${dir}`);
  console.log('| candidate | offered msg/s | stored msg/s | ack p50 | ack p99 | ack max | failed |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const print = (r: LoadResult) => console.log(formatResult(r));
  try {
    for (const rate of rates) {
      if (only.has('log')) for (const mode of ['fsync', 'write'] as const) print(await measureStreamLog(dir, mode, rate, seconds));
      if (only.has('duckdb')) print(await measureDuckDb(dir, rate, seconds));
      if (only.has('kinesalite')) {
        const results = await measureKinesalite(dir, rate, seconds);
        if (results) results.forEach(print);
        else if (rate === rates[0]) console.log('(kinesalite skipped: npm install --no-save kinesalite@3.3.3 @aws-sdk/client-kinesis@3.1138.0 to measure it)');
      }
      if (only.has('mqtt')) for (const mode of ['fsync', 'write'] as const) print(await measurePublishPath(dir, mode, rate, seconds));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
