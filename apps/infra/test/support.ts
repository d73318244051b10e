import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Testing, type TerraformStack } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { buildApp } from '../src/app';
import { loadConfig, type InfraConfig } from '../src/config';

/** An empty but valid zip standing in for the Lambda build (the infra never opens it). */
export function fakeArtifact(dir: string): string {
  const file = path.join(dir, 'ingest-lambda.zip');
  writeFileSync(file, Buffer.concat([Buffer.from('PK\x05\x06'), Buffer.alloc(18)]));
  return file;
}

export function testConfig(env: NodeJS.ProcessEnv = {}): InfraConfig {
  const dir = mkdtempSync(path.join(tmpdir(), 'infra-test-'));
  return loadConfig({ INGEST_LAMBDA_ZIP: fakeArtifact(dir), CDKTF_OUTDIR: path.join(dir, 'cdktf.out'), INFRA_STATE_DIR: path.join(dir, 'state'), ...env });
}

export interface SynthesizedStack {
  json: string;
  resource: Record<string, Record<string, Record<string, unknown>>>;
  output: Record<string, { value: string }>;
  provider: Record<string, Array<Record<string, unknown>>>;
  terraform: { backend: Record<string, Record<string, unknown>> };
}

/** Synthesizes one stack of the real app (buildApp) with the given environment. */
export function synthStack(stackId: string, env: NodeJS.ProcessEnv = {}): SynthesizedStack {
  const app = buildApp(testConfig(env));
  const json = Testing.synth(app.node.findChild(stackId) as TerraformStack);
  return { json, ...JSON.parse(json) };
}

/** The one resource of a type (fails when there are several or none). */
export function only(stack: SynthesizedStack, type: string): Record<string, unknown> {
  const all = Object.values(stack.resource[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

export function all(stack: SynthesizedStack, type: string): Array<Record<string, unknown>> {
  return Object.values(stack.resource[type] ?? {});
}

export interface Statement {
  Sid?: string;
  Effect: string;
  Action: string[];
  Resource?: string | string[];
  Principal?: unknown;
  Condition?: unknown;
}

export function statements(policy: unknown): Statement[] {
  return (JSON.parse(String(policy)) as { Statement: Statement[] }).Statement;
}

/** `${aws_x.name_1234.attr}` reference of the one resource of a type. */
export function ref(stack: SynthesizedStack, type: string, attr: string): string {
  const ids = Object.keys(stack.resource[type] ?? {});
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return `\${${type}.${ids[0]}.${attr}}`;
}

/** The logical id of the resource of a type whose property `key` equals `value` (fails when there are several or none). */
export function idWhere(stack: SynthesizedStack, type: string, key: string, value: unknown): string {
  const ids = Object.entries(stack.resource[type] ?? {}).filter(([, r]) => r[key] === value).map(([id]) => id);
  if (ids.length !== 1) throw new Error(`expected one ${type} with ${key} = ${String(value)}, found ${ids.length}`);
  return ids[0];
}

/** `${aws_x.name_1234.attr}` reference of the resource of a type whose property `key` equals `value`. */
export function refWhere(stack: SynthesizedStack, type: string, key: string, value: unknown, attr: string): string {
  return `\${${type}.${idWhere(stack, type, key, value)}.${attr}}`;
}

export function where(stack: SynthesizedStack, type: string, key: string, value: unknown): Record<string, unknown> {
  const found = all(stack, type).filter((r) => r[key] === value);
  if (found.length !== 1) throw new Error(`expected one ${type} with ${key} = ${String(value)}, found ${found.length}`);
  return found[0];
}

/** `${aws_timestreamwrite_table.<id>.attr}` of the readings' table (the stack also has the rollup tables). */
export function readingsTable(stack: SynthesizedStack, attr: string, tableName = 'sensor-data'): string {
  return refWhere(stack, 'aws_timestreamwrite_table', 'table_name', tableName, attr);
}
