#!/usr/bin/env node
// Shim: refuse old Node with one clear line before any modern syntax is parsed, then load the bundle.
import module from 'node:module';

const major = Number(process.versions.node.split('.')[0]);
if (!(major >= 20)) {
  process.stderr.write(
    'intercom-mcp needs Node.js 20 or newer; this is Node.js ' + process.versions.node + '. Install a current Node.js from https://nodejs.org and try again.\n',
  );
  process.exit(1);
}
// Node 22.1+ caches compiled code on disk: later starts skip most of the parsing.
if (typeof module.enableCompileCache === 'function') module.enableCompileCache();

import('../dist/cli.js').catch((error) => {
  process.stderr.write('intercom-mcp failed to start: ' + (error && error.message ? error.message : String(error)) + '\n');
  process.exit(1);
});
