/**
 * infra:validate — synthesizes every stack, then runs terraform init/validate/plan offline on each
 * AWS stack against the provider mirror. Says what it skipped when terraform or the mirror is missing.
 */
import path from 'node:path';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { LOCAL_STACK, stackName } from '../src/environments';
import { offlineCheck } from './offline-check';
import { terraformTooling, WORKSPACE_ROOT } from './terraform';

function main(): number {
  const config = loadConfig();
  buildApp(config).synth();
  const stacks = config.environments.map((e) => stackName(e.environment));
  console.log(`synthesized ${[...stacks, LOCAL_STACK].join(', ')} into ${config.outdir}`);

  const tooling = terraformTooling();
  if (!tooling.version) {
    console.log('SKIPPED terraform validate and plan: terraform is not on the PATH (install terraform >= 1.10 to run them).');
    return 0;
  }
  if (!tooling.mirror) {
    console.log('SKIPPED terraform validate and plan: no offline mirror of hashicorp/aws 5.100.0 was found (set TF_PROVIDER_MIRROR to one).');
    return 0;
  }
  console.log(`terraform ${tooling.version}, AWS provider from ${tooling.mirror}`);
  let failed = 0;
  for (const stack of stacks) {
    try {
      const result = offlineCheck(path.join(config.outdir, 'stacks', stack), path.join(WORKSPACE_ROOT, 'tmp/infra-validate'), tooling.env);
      const byType = Object.entries(result.resources).map(([type, n]) => `${type} ${n}`).join(', ');
      console.log(`${stack}: valid; plan creates ${result.total} resources (${byType})`);
      if (result.otherActions.length) throw new Error(`unexpected plan actions on an empty state: ${result.otherActions.join('; ')}`);
    } catch (error) {
      failed++;
      console.error(`${stack}: FAILED\n${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log(`${LOCAL_STACK}: not planned here (it needs the local Timestream server; see nx run infra:deploy --configuration=local)`);
  return failed ? 1 : 0;
}

process.exitCode = main();
