import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The workspace root (tools/workspace-checks/src -> ../../..). */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

export type DependencyType = 'static' | 'dynamic' | 'implicit';

export interface ProjectGraph {
  nodes: Record<string, { type: string; data: { root: string; tags?: string[] } }>;
  dependencies: Record<string, Array<{ source: string; target: string; type: DependencyType }>>;
}

/** Runs the workspace's own nx (no daemon, no cloud) and returns its stdout. */
export function nx(args: readonly string[], root = WORKSPACE_ROOT): string {
  return execFileSync(process.execPath, [path.join(root, 'node_modules/nx/dist/bin/nx.js'), ...args], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The project graph as `nx graph --file=stdout` prints it. */
export function readProjectGraph(root = WORKSPACE_ROOT): ProjectGraph {
  const out = nx(['graph', '--file=stdout'], root);
  return (JSON.parse(out.slice(out.indexOf('{'))) as { graph: ProjectGraph }).graph;
}
