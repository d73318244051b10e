import type { ProjectGraph } from './nx-graph';

export const GRAPH_START = '<!-- project-graph:start (generated: npx nx run workspace-checks:readme-graph) -->';
export const GRAPH_END = '<!-- project-graph:end -->';

const GROUPS: Array<[string, string]> = [
  ['apps/', 'apps'],
  ['libs/', 'libs'],
  ['tools/', 'tools'],
];

/**
 * The project graph as a mermaid flowchart: one node per project (grouped by folder), a solid arrow
 * for an import (static), a dotted arrow for an implicit dependency (a process started, a build
 * shipped). Sorted, so the same graph always gives the same text.
 */
export function renderMermaid(graph: ProjectGraph): string {
  const projects = Object.keys(graph.nodes).sort();
  const lines = ['```mermaid', 'flowchart LR'];
  for (const [prefix, title] of GROUPS) {
    const members = projects.filter((p) => graph.nodes[p].data.root.startsWith(prefix));
    if (members.length === 0) continue;
    lines.push(`  subgraph ${title}`);
    for (const p of members) lines.push(`    ${nodeId(p)}["${p}"]`);
    lines.push('  end');
  }
  for (const source of projects) {
    const edges = (graph.dependencies[source] ?? []).filter((d) => d.target in graph.nodes).sort((a, b) => a.target.localeCompare(b.target));
    const seen = new Set<string>();
    for (const edge of edges) {
      if (seen.has(edge.target)) continue;
      seen.add(edge.target);
      lines.push(`  ${nodeId(source)} ${edge.type === 'implicit' ? '-.->' : '-->'} ${nodeId(edge.target)}`);
    }
  }
  lines.push('```');
  return lines.join('\n');
}

/** The README with the text between the graph markers replaced; throws when the markers are missing. */
export function withGraph(readme: string, mermaid: string): string {
  const start = readme.indexOf(GRAPH_START);
  const end = readme.indexOf(GRAPH_END);
  if (start < 0 || end < start) throw new Error(`the README has no ${GRAPH_START} … ${GRAPH_END} block`);
  return `${readme.slice(0, start + GRAPH_START.length)}\n${mermaid}\n${readme.slice(end)}`;
}

function nodeId(project: string): string {
  return project.replace(/[^A-Za-z0-9]/g, '_');
}
