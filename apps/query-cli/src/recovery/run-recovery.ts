import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import type { CliConfig } from '../config';
import { CliError } from '../errors';
import { formatRows } from '../format-output';
import type { CliIo } from '../cli';
import { exportTable } from './export-command';
import { importTable } from './import-command';
import { createS3Client, createWriteClient } from './recovery-clients';
import { verifyCopy } from './verify-command';

export const RECOVERY_COMMANDS = ['export', 'import', 'verify'] as const;
export const isRecoveryCommand = (command: string): boolean => (RECOVERY_COMMANDS as readonly string[]).includes(command);

/** One summary row printed in the chosen format. */
const printRow = (io: CliIo, config: CliConfig, row: Record<string, string | number>) => {
  const names = Object.keys(row);
  io.stdout(formatRows(names.map((Name) => ({ Name, Type: { ScalarType: 'VARCHAR' as const } })), [row], config.format));
};

/** Runs export, import or verify; returns the exit code (verify: 1 when a device differs). */
export async function runRecovery(config: CliConfig, io: CliIo, makeQueryClient: (c: CliConfig) => TimestreamQueryClient): Promise<number> {
  const query = makeQueryClient(config);
  const write = createWriteClient(config);
  const s3 = createS3Client(config);
  const sourceQuery = config.sourceEndpoint ? makeQueryClient({ ...config, target: { kind: 'local', endpoint: config.sourceEndpoint } }) : query;
  try {
    if (config.command === 'export') printRow(io, config, await exportTable(config, query, { write, s3 }));
    else if (config.command === 'import') {
      let last = '';
      const summary = await importTable(config, { write, s3 }, (task) => {
        const p = task.ProgressReport ?? {};
        const line = `${task.TaskStatus} ${p.RecordsIngested ?? 0} records ingested, ${(p.ParseFailures ?? 0) + (p.RecordIngestionFailures ?? 0)} failed`;
        if (line !== last) io.stderr(`iot-query: import: ${line}\n`);
        last = line;
      });
      printRow(io, config, summary);
    } else {
      const compared = await verifyCopy(config, query, sourceQuery);
      const names = ['device', 'source_records', 'copy_records', 'source_checksum', 'copy_checksum', 'match'];
      io.stdout(formatRows(names.map((Name) => ({ Name, Type: { ScalarType: 'VARCHAR' as const } })), compared as unknown as Array<Record<string, string | number>>, config.format));
      const differing = compared.filter((c) => c.match !== 'yes').length;
      if (differing > 0) throw new CliError(`verify: ${differing} of ${compared.length} devices differ between the source and the copy`);
      if (compared.length === 0) throw new CliError('verify: the source has no device to compare');
    }
    return 0;
  } finally {
    write.destroy();
    s3.destroy();
    if (sourceQuery !== query) sourceQuery.destroy();
    query.destroy();
  }
}
