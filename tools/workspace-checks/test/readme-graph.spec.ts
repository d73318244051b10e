import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GRAPH_END, GRAPH_START, renderMermaid, withGraph } from '../src/graph-mermaid';
import { readProjectGraph, WORKSPACE_ROOT, type ProjectGraph } from '../src/nx-graph';

jest.setTimeout(120_000);

describe('the project graph in the root README', () => {
  it('is the graph Nx computes (run `npx nx run workspace-checks:readme-graph` after changing dependencies)', () => {
    const readme = readFileSync(path.join(WORKSPACE_ROOT, 'README.md'), 'utf8');
    expect(readme).toBe(withGraph(readme, renderMermaid(readProjectGraph())));
  });
});

describe('renderMermaid', () => {
  const graph: ProjectGraph = {
    nodes: {
      'my-app': { type: 'app', data: { root: 'apps/my-app' } },
      'my-e2e': { type: 'app', data: { root: 'apps/my-e2e' } },
      lib: { type: 'lib', data: { root: 'libs/lib' } },
    },
    dependencies: {
      'my-app': [{ source: 'my-app', target: 'lib', type: 'static' }, { source: 'my-app', target: 'npm:zod', type: 'static' }],
      'my-e2e': [{ source: 'my-e2e', target: 'my-app', type: 'implicit' }, { source: 'my-e2e', target: 'lib', type: 'static' }, { source: 'my-e2e', target: 'lib', type: 'dynamic' }],
      lib: [],
    },
  };

  it('draws imports solid and implicit dependencies dotted, once per pair, projects grouped by folder', () => {
    expect(renderMermaid(graph).split('\n')).toEqual([
      '```mermaid',
      'flowchart LR',
      '  subgraph apps',
      '    my_app["my-app"]',
      '    my_e2e["my-e2e"]',
      '  end',
      '  subgraph libs',
      '    lib["lib"]',
      '  end',
      '  my_app --> lib',
      '  my_e2e --> lib',
      '  my_e2e -.-> my_app',
      '```',
    ]);
  });

  it('replaces only the marked block of a README', () => {
    const readme = `# Title\n\n${GRAPH_START}\nold\n${GRAPH_END}\n\nafter\n`;
    expect(withGraph(readme, 'new')).toBe(`# Title\n\n${GRAPH_START}\nnew\n${GRAPH_END}\n\nafter\n`);
    expect(() => withGraph('# no markers', 'new')).toThrow(/has no/);
  });
});
