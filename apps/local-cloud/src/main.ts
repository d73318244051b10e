import { formatReadyLine } from '@iot-timeseries/local-cloud-client';
import { countStaleDevices, startChildTimestream, startLocalCloud, startLocalTimestream } from '@iot-timeseries/local-cloud-core';
import { LOCAL_BUCKETS, rollupList, timestreamSettings } from '@iot-timeseries/schema';
import { loadConfig } from './config';
import { REPLAY_COMMAND, runReplayCommand } from './replay-command';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => console.log(`[local-cloud] ${line}`);
  log(`data directory: ${config.dataDir}`);
  const startTimestream = config.timestreamProcess === 'embedded' ? startLocalTimestream : startChildTimestream;
  const cloud = await startLocalCloud(config, { startTimestream, countStaleDevices, log });
  // Handlers before the ready line: whoever reads it may stop us at once.
  let stopping = false;
  const stop = (why: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    log(`${why}: stopping (letting the stream drain)…`);
    cloud.close().then(
      () => {
        log('stopped');
        process.exit(code);
      },
      (error: Error) => {
        console.error(`[local-cloud] shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Without its Timestream server the pipeline cannot store anything: say so and exit non-zero (what the stream holds stays on disk for the next start).
  void cloud.failure.then((error) => {
    if (stopping) return; // stopping anyway (e.g. a process manager sent SIGTERM to every process of the tree)
    console.error(`[local-cloud] ${error.message}`);
    stop('the Timestream server is gone', 1);
  });
  const e = cloud.endpoints;
  console.log(
    [
      '',
      'Local cloud is up (nothing listens beyond 127.0.0.1):',
      `  MQTT broker (IoT Core)   ${e.mqtt}   topic rule: ${config.action === 'kinesis' ? 'Kinesis -> Lambda' : 'direct Timestream action'}`,
      `  Timestream endpoint      ${e.timestream}   ${timestreamSettings.databaseName}.${timestreamSettings.tableName}`,
      `  Health / alarms          ${e.health}/health  ${e.health}/alarms  ${e.health}/pipeline`,
      `  S3 (path-style)          ${e.s3}   buckets: ${LOCAL_BUCKETS.join(', ')}`,
      `  Rollups                  ${e.health}/scheduled-queries   ${rollupList().map((r) => `${timestreamSettings.databaseName}.${r.table.tableName}`).join('  ')}`,
      `  Data directory           ${config.dataDir}`,
      `  Try: AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws s3 ls --recursive --endpoint-url ${e.s3} s3://${LOCAL_BUCKETS[0]}`,
      `  Try: aws timestream-query query --endpoint-url ${e.timestream} --query-string 'SELECT * FROM "${timestreamSettings.databaseName}"."${timestreamSettings.tableName}" ORDER BY time DESC LIMIT 5'`,
      '',
    ].join('\n'),
  );
  console.log(formatReadyLine({ ...e, dataDir: config.dataDir }));
}

if (process.argv[2] === REPLAY_COMMAND) {
  runReplayCommand(process.env, process.argv.slice(3)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`[local-cloud] ${REPLAY_COMMAND}: ${error.message}`);
      process.exit(1);
    },
  );
} else {
  main().catch((error: Error) => {
    console.error(`[local-cloud] could not start: ${error.message}`);
    process.exit(1);
  });
}
