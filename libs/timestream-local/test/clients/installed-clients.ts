import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';

/**
 * The AWS clients installed on this machine that the client tests drive: the `python3` and `aws` on the PATH and
 * Debian's in /usr/bin when they are other installations (here, say, a pip AWS CLI v1 and Debian's v2).
 * `tools/ensure-aws-clients.sh`, which the test target runs first, installs Debian's when none is found.
 */
const ENSURE = 'bash tools/ensure-aws-clients.sh';

export interface PythonSdk {
  python: string;
  boto3: string;
  botocore: string;
  /** reads AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> (botocore 1.31, boto3 1.28 and newer) */
  readsEndpointUrlEnv: boolean;
  label: string;
}

export interface AwsCli {
  command: string;
  version: string;
  major: number;
  /** reads AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> (AWS CLI 1.29.0 and 2.13.0 and newer) */
  readsEndpointUrlEnv: boolean;
  label: string;
}

// botocore names the setting that came with configured endpoint URLs in its table of session variables (sic)
const PROBE =
  'import json, boto3, botocore\n' +
  'from botocore.configprovider import BOTOCORE_DEFAUT_SESSION_VARIABLES as settings\n' +
  "print(json.dumps({'boto3': boto3.__version__, 'botocore': botocore.__version__, 'where': botocore.__file__, 'env': 'ignore_configured_endpoint_urls' in settings}))";

function resolve(command: string): string | undefined {
  const found = spawnSync('bash', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  if (found.status !== 0) return undefined;
  const path = found.stdout.trim();
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Every `command` on the PATH, in order, then `fallback`: nx puts /usr/bin (where node is) before the rest of the
 * PATH, so the first `python3` or `aws` a test target sees is Debian's even where the user's own (a pyenv's) comes first.
 */
function everyOnPath(command: string, fallback: string): string[] {
  const found = spawnSync('bash', ['-c', `which -a ${command}`], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  return [...new Set([...found, fallback])];
}

/**
 * The installations among `commands`: `probe` says what one is (and the key of its installation, so that two
 * commands of one installation count once) or undefined when it does not work.
 */
function installations<T>(commands: string[], probe: (command: string) => { key: string; found: T } | undefined): T[] {
  const seen = new Map<string, T>();
  for (const command of commands) {
    if (!resolve(command)) continue;
    const probed = probe(command);
    if (probed && !seen.has(probed.key)) seen.set(probed.key, probed.found);
  }
  return [...seen.values()];
}

function probePython(python: string): { key: string; found: PythonSdk } | undefined {
  const probe = spawnSync(python, ['-c', PROBE], { encoding: 'utf8' });
  if (probe.status !== 0) return undefined;
  const info = JSON.parse(probe.stdout) as { boto3: string; botocore: string; where: string; env: boolean };
  const label = `${python} (boto3 ${info.boto3}, botocore ${info.botocore})`;
  return { key: info.where, found: { python, boto3: info.boto3, botocore: info.botocore, readsEndpointUrlEnv: info.env, label } };
}

let pythons: PythonSdk[] | undefined;
/** Each python3 with boto3, once per botocore installation. Fails naming the install script when there is none. */
export function pythonSdks(): PythonSdk[] {
  if (pythons) return pythons;
  const found = installations(everyOnPath('python3', '/usr/bin/python3'), probePython);
  if (found.length === 0) throw new Error(`No python3 with boto3 is installed: run ${ENSURE}`);
  return (pythons = found);
}

/** `aws-cli/1.45.11 Python/3.11.7 Linux/6.18 botocore/1.43.11` → 1.45.11 */
export function cliVersionOf(versionLine: string): { version: string; major: number; readsEndpointUrlEnv: boolean } | undefined {
  const match = /aws-cli\/(\d+)\.(\d+)\.(\d+)/.exec(versionLine);
  if (!match) return undefined;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const readsEndpointUrlEnv = major > 2 || (major === 2 && minor >= 13) || (major === 1 && minor >= 29);
  return { version: `${match[1]}.${match[2]}.${match[3]}`, major, readsEndpointUrlEnv };
}

function probeCli(command: string): { key: string; found: AwsCli } | undefined {
  const run = spawnSync(command, ['--version'], { encoding: 'utf8' });
  const parsed = run.status === 0 ? cliVersionOf(`${run.stdout}${run.stderr}`) : undefined;
  return parsed && { key: resolve(command) ?? command, found: { command, ...parsed, label: `${command} (AWS CLI ${parsed.version})` } };
}

let clis: AwsCli[] | undefined;
/** Each AWS CLI installation (every `aws` on the PATH, then /usr/bin/aws). Fails naming the install script when there is none. */
export function awsClis(): AwsCli[] {
  if (clis) return clis;
  const found = installations(everyOnPath('aws', '/usr/bin/aws'), probeCli);
  if (found.length === 0) throw new Error(`No AWS CLI is installed: run ${ENSURE}`);
  return (clis = found);
}
