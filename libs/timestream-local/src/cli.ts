import { ConfigError, readConfig } from './config';
import { startTimestreamLocal } from './start';

/** `timestream-local --port P --data-dir D`: prints one line with the endpoint once accepting; stops on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let options;
  try {
    options = readConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`timestream-local: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const running = await startTimestreamLocal(options);
  console.log(`timestream-local listening on ${running.endpoint} (${options.dataDir ? `data in ${options.dataDir}` : 'in memory'}${options.s3Endpoint ? `, reports and UNLOAD results to S3 at ${options.s3Endpoint}` : ''})`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.close().then(
      () => {
        console.error(`timestream-local: stopped (${signal})`);
        process.exit(0);
      },
      (error) => {
        console.error('timestream-local: failed to stop cleanly', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
  console.error('timestream-local: failed to start', error);
  process.exit(1);
});
