#!/usr/bin/env node
// Shim: refuse old Node with one clear line before any modern syntax is parsed, then load the bundle.
const major = Number(process.versions.node.split('.')[0]);
if (!(major >= 20)) {
  process.stderr.write(`intercom-mcp needs Node.js 20 or newer; this is Node.js ${process.versions.node}. Install a current Node.js from https://nodejs.org and try again.\n`);
  process.exit(1);
}
import('../dist/cli.js').catch((error) => {
  process.stderr.write(`intercom-mcp failed to start: ${error && error.message ? error.message : error}\n`);
  process.exit(1);
});
