import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TerraformCommandError } from '../src/errors';

/** Where the offline AWS provider mirror may be (first found wins); TF_PROVIDER_MIRROR overrides. */
const MIRROR_CANDIDATES = ['/opt/tf-plugins', '/usr/share/terraform/plugins', `${process.env.HOME ?? ''}/.terraform.d/plugins`];
export const AWS_PROVIDER = 'registry.terraform.io/hashicorp/aws';
export const AWS_PROVIDER_VERSION = '5.100.0';
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

export interface TerraformTooling {
  /** terraform's version, or undefined when it is not on the PATH */
  version?: string;
  /** the filesystem mirror holding the AWS provider, when there is one */
  mirror?: string;
  /** environment for terraform: the project CLI config (mirror, plugin cache), no checkpoint calls */
  env: NodeJS.ProcessEnv;
}

export function findTerraform(): string | undefined {
  const result = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8' });
  if (result.status !== 0 || !result.stdout) return undefined;
  return (JSON.parse(result.stdout) as { terraform_version: string }).terraform_version;
}

export function findProviderMirror(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.TF_PROVIDER_MIRROR ? [env.TF_PROVIDER_MIRROR] : MIRROR_CANDIDATES;
  return candidates.find((dir) => existsSync(path.join(dir, AWS_PROVIDER, AWS_PROVIDER_VERSION)));
}

/**
 * Writes the project's Terraform CLI config: the AWS provider from the filesystem mirror (nothing
 * from the network), providers linked from a plugin cache instead of copied per directory.
 */
export function writeCliConfig(file: string, mirror: string, pluginCache: string): string {
  mkdirSync(pluginCache, { recursive: true });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    [
      'provider_installation {',
      `  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["${AWS_PROVIDER}"]\n  }`,
      `  direct {\n    exclude = ["${AWS_PROVIDER}"]\n  }`,
      '}',
      `plugin_cache_dir = ${JSON.stringify(pluginCache)}`,
      'disable_checkpoint = true',
      '',
    ].join('\n'),
  );
  return file;
}

/** What this machine has: terraform, the provider mirror, and the environment to run terraform in. */
export function terraformTooling(workDir = path.join(WORKSPACE_ROOT, 'tmp/terraform'), env: NodeJS.ProcessEnv = process.env): TerraformTooling {
  const version = findTerraform();
  const mirror = findProviderMirror(env);
  const base: NodeJS.ProcessEnv = { ...env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  if (!mirror) return { version, env: base };
  const cliConfig = writeCliConfig(path.join(workDir, 'cli.tfrc'), mirror, path.join(workDir, 'plugin-cache'));
  return { version, mirror, env: { ...base, TF_CLI_CONFIG_FILE: cliConfig } };
}

/** Fake credentials for planning offline (the provider is told not to check them). */
export function offlineEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { AWS_PROFILE: _profile, AWS_SESSION_TOKEN: _token, ...rest } = env;
  return { ...rest, AWS_ACCESS_KEY_ID: 'AKIAOFFLINEPLANNING00', AWS_SECRET_ACCESS_KEY: 'offline-planning-not-a-secret', AWS_EC2_METADATA_DISABLED: 'true' };
}

export interface TerraformResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function terraform(args: string[], cwd: string, env: NodeJS.ProcessEnv): TerraformResult {
  const result = spawnSync('terraform', [...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status ?? 1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

export function mustTerraform(args: string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const result = terraform(args, cwd, env);
  if (result.status !== 0) throw new TerraformCommandError(`terraform ${args.join(' ')} failed in ${cwd}:\n${result.stderr || result.stdout}`);
  return result.stdout;
}
