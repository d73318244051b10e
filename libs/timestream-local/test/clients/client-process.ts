import { spawn } from 'node:child_process';
import path from 'node:path';
import type { AwsCli, PythonSdk } from './installed-clients';

/**
 * Child processes of the AWS clients with an environment of their own: placeholder credentials, us-east-1, no
 * config or credentials file, no profile, pager, instance metadata or endpoint from the caller's environment, one
 * attempt per call, no Python bytecode files beside the test scripts. Asynchronous, so that a server in the test's own process answers them meanwhile.
 */
export interface ProcessResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function clientEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('AWS_')) env[name] = value;
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_RETRY_MODE: 'standard',
    AWS_MAX_ATTEMPTS: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    ...extra,
  };
}

export function runProcess(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (status, signal) =>
      resolve(signal ? { status: 128, stdout, stderr: `${stderr}\n${command} ${args.join(' ')}: killed by ${signal} (timeout ${timeoutMs} ms)` } : { status: status ?? 1, stdout, stderr }),
    );
  });
}

/** What a script answered: its line of JSON, or an error carrying its exit status and stderr. */
function parsedOutput(what: string, result: ProcessResult): unknown {
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}:\n${result.stderr}`);
  try {
    return JSON.parse(result.stdout);
  } catch (cause) {
    throw new Error(`${what} printed no JSON: ${result.stdout}\n${result.stderr}`, { cause });
  }
}

/**
 * Runs `test/clients/boto3/<script>.py` with `sdk`'s python3. `endpoint` is given as endpoint_url= (no discovery);
 * `undefined` leaves where to go to the `env` (AWS_ENDPOINT_URL..., AWS_DATA_PATH).
 */
export async function runBoto3<T>(sdk: PythonSdk, script: string, endpoint: string | undefined, args: string[], env: Record<string, string> = {}): Promise<T> {
  const file = path.join(__dirname, 'boto3', `${script}.py`);
  const result = await runProcess(sdk.python, [file, endpoint ?? '-', ...args], clientEnv(env));
  return parsedOutput(`${sdk.label} ${script}.py`, result) as T;
}

export interface CliRun extends ProcessResult {
  /** stdout parsed as JSON (when this asked for JSON); {} when empty or failed */
  json: Record<string, unknown>;
}

/**
 * `aws <args>` with `--output json` unless the args name an output; with `endpoint` the calls go there by `--endpoint-url` (no discovery),
 * without it the caller's `env` says where (AWS_ENDPOINT_URL...).
 */
export async function runAws(cli: AwsCli, args: string[], options: { endpoint?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const endpointArgs = options.endpoint ? ['--endpoint-url', options.endpoint] : [];
  const outputArgs = args.includes('--output') ? [] : ['--output', 'json'];
  const result = await runProcess(cli.command, [...args, ...endpointArgs, ...outputArgs], clientEnv(options.env));
  let json: Record<string, unknown> = {};
  if (result.status === 0 && outputArgs.length > 0 && result.stdout.trim()) json = JSON.parse(result.stdout) as Record<string, unknown>;
  return { ...result, json };
}
