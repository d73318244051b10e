#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (no build step). The SDK's Node 22 notice is not the user's
// concern in a one-line-per-error CLI.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require('tsx/cjs');
require('../src/main.ts');
