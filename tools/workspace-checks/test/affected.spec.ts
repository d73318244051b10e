import { nx, readProjectGraph } from '../src/nx-graph';

/** The projects `nx affected -t test` would run for a change to these files. */
function affectedTestProjects(files: string[]): string[] {
  return (JSON.parse(nx(['show', 'projects', '--affected', `--files=${files.join(',')}`, '--withTarget=test', '--json'])) as string[]).sort();
}

/** Every project that imports `project`, directly or not, from the project graph. */
function dependentsOf(project: string): string[] {
  const graph = readProjectGraph();
  const found = new Set<string>([project]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [source, deps] of Object.entries(graph.dependencies)) {
      if (!found.has(source) && deps.some((d) => found.has(d.target))) {
        found.add(source);
        grew = true;
      }
    }
  }
  return [...found].sort();
}

jest.setTimeout(120_000);

describe('nx affected', () => {
  it('re-tests libs/schema and every project that imports it after a schema change', () => {
    const affected = affectedTestProjects(['libs/schema/src/measures.ts']);
    expect(affected).toEqual(dependentsOf('schema'));
    expect(affected).toEqual(expect.arrayContaining(['schema', 'queries', 'ingest-lambda', 'local-cloud', 'simulator', 'query-cli', 'pipeline-e2e']));
    expect(affected).not.toContain('workspace-checks');
  });

  it('re-tests only the simulator and the system tests after a change confined to the simulator', () => {
    expect(affectedTestProjects(['apps/simulator/src/cli/run-command.ts'])).toEqual(['pipeline-e2e', 'simulator']);
  });

  // One file of every project the whole pipeline runs on: a change to any of them re-runs the system tests.
  it.each([
    'libs/schema/src/measures.ts',
    'libs/queries/src/builders/trends.ts',
    'libs/timestream-local/src/server.ts',
    'apps/ingest-lambda/src/ingest/ingest-messages.ts',
    'libs/timestream-writer/src/write-readings.ts',
    'libs/local-cloud-core/src/local-cloud.ts',
    'libs/local-cloud-client/src/contract/ready.ts',
    'apps/local-cloud/src/main.ts',
    'libs/fleet/src/fleet/fleet.ts',
    'libs/dashboard/src/dashboard-data.ts',
    'apps/simulator/src/cli/serve-command.ts',
  ])('re-runs the system tests (pipeline-e2e) after a change to %s', (file) => {
    expect(affectedTestProjects([file])).toContain('pipeline-e2e');
  });

  it('does not re-run the system tests after a change confined to apps/infra', () => {
    const affected = affectedTestProjects(['apps/infra/src/stacks/pipeline-stack.ts']);
    expect(affected).toEqual(['infra']);
  });
});
