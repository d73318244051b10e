import path from 'node:path';
import { App, LocalBackend, S3Backend, type TerraformStack } from 'cdktf';
import { lambdaArtifact } from './artifact';
import type { InfraConfig } from './config';
import { LOCAL_STACK, stackName } from './environments';
import { LocalTimestreamStack } from './stacks/local-timestream-stack';
import { PipelineStack } from './stacks/pipeline-stack';

/** Wires the stacks: one per environment, plus the local Timestream stack. */
export function buildApp(config: InfraConfig): App {
  const app = new App({ outdir: config.outdir, skipValidation: false });
  const artifact = lambdaArtifact(config.artifactPath);
  for (const env of config.environments) {
    const stack = new PipelineStack(app, stackName(env.environment), { ...env, accountId: config.accountId, lambdaArtifact: artifact });
    if (config.stateBucket) remoteState(stack, config.stateBucket, `iot-timeseries/${env.environment}.tfstate`);
    else new LocalBackend(stack, { path: path.join(config.stateDir, `${stack.node.id}.tfstate`) });
  }
  new LocalTimestreamStack(app, LOCAL_STACK, {
    endpoint: config.localEndpoint,
    statePath: config.localStatePath,
    seed: { interpreter: [path.join(config.workspaceRoot, 'node_modules/.bin/tsx')], script: path.join(config.workspaceRoot, 'apps/infra/scripts/seed-local-table.ts') },
  });
  return app;
}

/** S3 state, encrypted, locked with an S3 lock file (Terraform ≥ 1.10; no DynamoDB table needed). */
function remoteState(stack: TerraformStack, state: { bucket: string; region: string }, key: string): void {
  new S3Backend(stack, { bucket: state.bucket, region: state.region, key, encrypt: true });
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
}
