#!/usr/bin/env node
// Runs the local cloud CLI through tsx (no build step): `npx local-cloud --mqtt-port 0 ...`.
require('tsx/cjs');
require('../src/main.ts');
