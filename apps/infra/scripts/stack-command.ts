/**
 * infra:deploy / infra:diff / infra:destroy — preflight checks, synth, then the CDKTF CLI on the
 * synthesized stack.
 *
 *   tsx scripts/stack-command.ts <deploy|diff|destroy> --stack <dev|prod|local> [--auto-approve]
 *
 * The stack directory is `terraform init`-ed first with the project's CLI config (the offline
 * provider mirror when there is one), so cdktf finds a lock file and never needs the registry.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { STSClient } from '@aws-sdk/client-sts';
import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { LOCAL_PLACEHOLDER_CREDENTIALS } from '@iot-timeseries/schema';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { ENVIRONMENTS, LOCAL_STACK, stackName } from '../src/environments';
import { InfraConfigError, InfraError } from '../src/errors';
import { adoptLocalTables } from './adopt-local-tables';
import { awsPreflight, localPreflight } from './preflight';
import { mustTerraform, terraformTooling, WORKSPACE_ROOT } from './terraform';

const COMMANDS = ['deploy', 'diff', 'destroy'] as const;
type Command = (typeof COMMANDS)[number];

export interface StackCommandArgs {
  command: Command;
  stack: 'local' | keyof typeof ENVIRONMENTS;
  autoApprove: boolean;
}

export function parseArgs(argv: string[]): StackCommandArgs {
  const [command, ...rest] = argv;
  if (!COMMANDS.includes(command as Command)) throw new InfraConfigError(`command must be one of ${COMMANDS.join(', ')}, got ${JSON.stringify(command)}`);
  let stack = 'dev';
  let autoApprove = false;
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = rest[i].split('=', 2);
    if (flag === '--stack') stack = inline ?? rest[++i];
    else if (flag === '--auto-approve') autoApprove = inline === undefined || inline === 'true';
    else throw new InfraConfigError(`unknown option ${rest[i]} (use --stack <${[...Object.keys(ENVIRONMENTS), 'local'].join('|')}> and --auto-approve)`);
  }
  if (stack !== 'local' && !(stack in ENVIRONMENTS)) throw new InfraConfigError(`--stack must be one of ${[...Object.keys(ENVIRONMENTS), 'local'].join(', ')}, got ${JSON.stringify(stack)}`);
  return { command: command as Command, stack: stack as StackCommandArgs['stack'], autoApprove };
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const tooling = terraformTooling();
  let config = loadConfig();
  let stack: string;
  let localClients: { write: TimestreamWriteClient; query: TimestreamQueryClient } | undefined;
  if (args.stack === 'local') {
    const local = { endpoint: config.localEndpoint, region: 'us-east-1', credentials: LOCAL_PLACEHOLDER_CREDENTIALS, maxAttempts: 1 };
    const timestream = new TimestreamWriteClient(local);
    localClients = { write: timestream, query: new TimestreamQueryClient(local) };
    await localPreflight({ terraformVersion: tooling.version, mirror: tooling.mirror, endpoint: config.localEndpoint, timestream });
    mkdirSync(path.dirname(config.localStatePath), { recursive: true });
    stack = LOCAL_STACK;
  } else {
    const env = config.environments.find((e) => e.environment === args.stack);
    if (!env) throw new InfraConfigError(`no environment ${args.stack}`);
    const { accountId } = await awsPreflight({
      terraformVersion: tooling.version,
      region: env.region,
      sts: new STSClient({ region: env.region }),
      timestream: new TimestreamWriteClient({ region: env.region }),
    });
    config = loadConfig({ ...process.env, AWS_ACCOUNT_ID: accountId });
    stack = stackName(args.stack);
  }
  buildApp(config).synth();
  const stackDir = path.join(config.outdir, 'stacks', stack);
  mustTerraform(['init', '-input=false', '-no-color'], stackDir, tooling.env);
  if (localClients && args.command === 'deploy') {
    for (const address of await adoptLocalTables(stackDir, localClients, tooling.env)) console.log(`imported ${address} (it already existed in the local server)`);
  }

  const cdktf = path.join(WORKSPACE_ROOT, 'node_modules/.bin/cdktf');
  const approve = args.command !== 'diff' && (args.autoApprove || args.stack === 'local') ? ['--auto-approve'] : [];
  const result = spawnSync(cdktf, [args.command, stack, '--skip-synth', '--output', config.outdir, ...approve], {
    cwd: path.resolve(__dirname, '..'),
    env: tooling.env,
    stdio: 'inherit',
  });
  return result.status ?? 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof InfraError ? error.message : error);
      process.exitCode = 1;
    },
  );
}
