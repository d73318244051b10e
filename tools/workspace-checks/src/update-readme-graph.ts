import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderMermaid, withGraph } from './graph-mermaid';
import { readProjectGraph, WORKSPACE_ROOT } from './nx-graph';

// Rewrites the project graph in the root README from the Nx project graph.
const file = path.join(WORKSPACE_ROOT, 'README.md');
const before = readFileSync(file, 'utf8');
const after = withGraph(before, renderMermaid(readProjectGraph()));
writeFileSync(file, after);
console.log(before === after ? 'README.md: the project graph was up to date' : 'README.md: project graph updated');
