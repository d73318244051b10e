import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mustTerraform, offlineEnv } from './terraform';

export interface OfflineCheckResult {
  stack: string;
  /** planned resources by type (all creates on an empty state) */
  resources: Record<string, number>;
  total: number;
  /** actions other than create (should be none on an empty state) */
  otherActions: string[];
}

/**
 * `terraform init -backend=false` + `validate`, then `plan` of one synthesized stack, offline:
 * in a copy of the stack directory, with an override that tells the provider not to call AWS
 * (fake credentials, no account lookup) and keeps state in the copy. The synthesized stack itself
 * is left as it is.
 */
export function offlineCheck(stackDir: string, workDir: string, env: NodeJS.ProcessEnv): OfflineCheckResult {
  const stack = path.basename(stackDir);
  const dir = path.join(workDir, stack);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(stackDir, 'cdk.tf.json'), path.join(dir, 'cdk.tf.json'));
  const tfEnv = offlineEnv(env);

  mustTerraform(['init', '-backend=false', '-input=false', '-no-color'], dir, tfEnv);
  const validation = JSON.parse(mustTerraform(['validate', '-json', '-no-color'], dir, tfEnv)) as { valid: boolean; error_count: number };
  if (!validation.valid) throw new Error(`terraform validate found ${validation.error_count} errors in ${stack}`);

  // Every AWS provider of the stack (the default one and aliases such as the second region's) is told not to call AWS.
  const offline = { skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: 'true', skip_region_validation: true };
  const aliases = providerAliases(path.join(dir, 'cdk.tf.json'));
  writeFileSync(
    path.join(dir, 'offline_override.tf.json'),
    JSON.stringify({
      terraform: { backend: { local: { path: path.join(dir, 'offline.tfstate') } } },
      provider: { aws: aliases.map((alias) => (alias ? { alias, ...offline } : offline)) },
    }),
  );
  mustTerraform(['init', '-input=false', '-no-color', '-reconfigure'], dir, tfEnv);
  mustTerraform(['plan', '-input=false', '-no-color', '-lock=false', '-out=offline.plan'], dir, tfEnv);
  const plan = JSON.parse(mustTerraform(['show', '-json', 'offline.plan'], dir, tfEnv)) as {
    resource_changes: Array<{ type: string; address: string; change: { actions: string[] } }>;
  };
  const resources: Record<string, number> = {};
  const otherActions: string[] = [];
  for (const change of plan.resource_changes) {
    resources[change.type] = (resources[change.type] ?? 0) + 1;
    if (change.change.actions.join() !== 'create') otherActions.push(`${change.address}: ${change.change.actions.join('+')}`);
  }
  return { stack, resources, total: plan.resource_changes.length, otherActions };
}

/** The aliases of the stack's AWS providers (undefined for the default provider). */
function providerAliases(stackFile: string): Array<string | undefined> {
  const stack = JSON.parse(readFileSync(stackFile, 'utf8')) as { provider?: { aws?: Array<{ alias?: string }> } };
  const aliases = (stack.provider?.aws ?? [{}]).map((p) => p.alias);
  return aliases.length ? aliases : [undefined];
}
