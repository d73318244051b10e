import { isMissingColumnError, QueryFailedError, runQuery } from '@iot-timeseries/queries';
import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { HELP, commandSql } from './commands';
import { parseConfig, type CliConfig } from './config';
import { createQueryClient } from './create-client';
import { CliError } from './errors';
import { formatRows } from './format-output';
import { isRecoveryCommand, runRecovery } from './recovery/run-recovery';
import { isWindowCommand, windowCommandRows } from './window-commands';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Runs one command; returns the exit code. Errors are printed as one line. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv, io: CliIo, makeClient: (c: CliConfig) => TimestreamQueryClient = createQueryClient): Promise<number> {
  let client: TimestreamQueryClient | undefined;
  try {
    const config = parseConfig(argv, env);
    if (config.help) {
      io.stdout(HELP);
      return 0;
    }
    if (isRecoveryCommand(config.command)) return await runRecovery(config, io, makeClient);
    const sql = commandSql(config);
    client = makeClient(config);
    if (!isWindowCommand(config.command)) {
      const result = await runQuery(client, sql, { maxRows: config.maxRows, timeoutMs: config.timeoutMs });
      io.stdout(formatRows(result.columns, result.rows, config.format));
      return 0;
    }
    try {
      const result = await runQuery(client, sql, { maxRows: config.maxRows, timeoutMs: config.timeoutMs });
      const shown = windowCommandRows(config, result.columns, result.rows);
      io.stdout(formatRows(shown.columns, shown.rows, config.format));
    } catch (error) {
      // A table the window function has written nothing to yet has no columns.
      if (!isMissingColumnError(error)) throw error;
      io.stderr(`iot-query: the window function has written nothing to this table yet\n`);
      io.stdout(formatRows([], [], config.format));
    }
    return 0;
  } catch (error) {
    const code = error instanceof CliError ? error.exitCode : 1;
    io.stderr(`iot-query: ${oneLine(describe(error, argv, env))}\n`);
    return code;
  } finally {
    client?.destroy();
  }
}

function describe(error: unknown, argv: string[], env: NodeJS.ProcessEnv): string {
  if (error instanceof QueryFailedError) {
    const cause = error.cause as { code?: string; name?: string } | undefined;
    const code = cause?.code ?? cause?.name;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ECONNRESET' || code === 'TimeoutError') {
      let where = 'the Timestream endpoint';
      try {
        const c = parseConfig(argv, env);
        where = c.target.kind === 'local' ? c.target.endpoint : `Timestream in ${c.target.region}`;
      } catch {
        /* the config parsed before the query ran */
      }
      return `cannot reach ${where} (${code}); is the local cloud running? start it with: npx nx run local-cloud:serve`;
    }
  }
  return error instanceof Error ? error.message : String(error);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
