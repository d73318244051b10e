import type { StartOptions } from './start';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const USAGE = `Usage: timestream-local [--port <n>] [--host <addr>] [--data-dir <dir>] [--max-body-bytes <n>] [--indexed-records <n>]
  Credentials (optional, enables SigV4 checks): TIMESTREAM_LOCAL_ACCESS_KEY_ID and TIMESTREAM_LOCAL_SECRET_ACCESS_KEY.
  Environment fallbacks: TIMESTREAM_LOCAL_PORT, TIMESTREAM_LOCAL_HOST, TIMESTREAM_LOCAL_DATA_DIR, TIMESTREAM_LOCAL_MAX_BODY_BYTES,
  TIMESTREAM_LOCAL_INDEXED_RECORDS.`;

const FLAGS: Record<string, string> = {
  '--port': 'TIMESTREAM_LOCAL_PORT',
  '--host': 'TIMESTREAM_LOCAL_HOST',
  '--data-dir': 'TIMESTREAM_LOCAL_DATA_DIR',
  '--max-body-bytes': 'TIMESTREAM_LOCAL_MAX_BODY_BYTES',
  '--indexed-records': 'TIMESTREAM_LOCAL_INDEXED_RECORDS',
};

function integer(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
  return n;
}

/** Command-line flags win over environment variables; fails fast naming the flag or variable. */
export function readConfig(argv: readonly string[], env: NodeJS.ProcessEnv): StartOptions {
  const values: Record<string, string | undefined> = {};
  for (const [flag, variable] of Object.entries(FLAGS)) values[flag] = env[variable] === '' ? undefined : env[variable];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!(flag in FLAGS)) throw new ConfigError(`unknown argument ${arg}\n${USAGE}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new ConfigError(`${flag} needs a value`);
    values[flag] = value;
  }
  const keyId = env.TIMESTREAM_LOCAL_ACCESS_KEY_ID;
  const secret = env.TIMESTREAM_LOCAL_SECRET_ACCESS_KEY;
  if (Boolean(keyId) !== Boolean(secret)) throw new ConfigError('TIMESTREAM_LOCAL_ACCESS_KEY_ID and TIMESTREAM_LOCAL_SECRET_ACCESS_KEY must be set together');
  return {
    port: values['--port'] === undefined ? 8000 : integer('--port (TIMESTREAM_LOCAL_PORT)', values['--port'], 0, 65535),
    host: values['--host'] ?? '127.0.0.1',
    dataDir: values['--data-dir'],
    ...(values['--max-body-bytes'] !== undefined ? { maxBodyBytes: integer('--max-body-bytes (TIMESTREAM_LOCAL_MAX_BODY_BYTES)', values['--max-body-bytes'], 1024, 1 << 30) } : {}),
    ...(values['--indexed-records'] !== undefined ? { indexedRecords: integer('--indexed-records (TIMESTREAM_LOCAL_INDEXED_RECORDS)', values['--indexed-records'], 1000, 1 << 30) } : {}),
    ...(keyId && secret ? { credentials: { accessKeyId: keyId, secretAccessKey: secret } } : {}),
  };
}
