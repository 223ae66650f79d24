#!/usr/bin/env node
// Shim: refuse old Node with one clear line before any modern syntax is parsed, then load the bundle.
import module from 'node:module';
import v8 from 'node:v8';

const major = Number(process.versions.node.split('.')[0]);
if (!(major >= 20)) {
  process.stderr.write(
    'intercom-mcp needs Node.js 20 or newer; this is Node.js ' + process.versions.node + '. Install a current Node.js from https://nodejs.org and try again.\n',
  );
  process.exit(1);
}
// Low-memory mode, opt-in with INTERCOM_MCP_LOW_MEMORY=1 (README, Performance). This process waits on the
// network and runs well under a millisecond of JavaScript per call, so two V8 defaults made for busy
// programs mostly add resident memory:
// - the young generation doubles up to 16 MB semi-spaces as objects survive; a call's garbage is small,
//   so it can stay at its 1 MB start size;
// - the optimizing compilers (TurboFan; Maglev on Node 22+) touch more of the node binary and keep
//   compiler memory that grows over a long session; the interpreter and baseline compiler remain.
// Not the default: Node's docs warn that V8 flags changed after start may behave unpredictably, and a
// JIT silently turned off would mislead anyone who profiles the server. Any of them the user set
// (node's command line or NODE_OPTIONS) is left to the user.
if (process.env.INTERCOM_MCP_LOW_MEMORY === '1') {
  const userFlags = ((process.env.NODE_OPTIONS || '') + ' ' + process.execArgv.join(' ')).replace(/_/g, '-');
  const given = (names) => new RegExp('--(no-)?(' + names + ')(?![\\w-])').test(userFlags);
  if (!given('semi-space-growth-factor|max-semi-space-size|min-semi-space-size|semi-space-size')) {
    v8.setFlagsFromString('--semi-space-growth-factor=1');
  }
  if (!given('opt|turbofan|max-opt|jitless')) v8.setFlagsFromString('--no-opt');
  if (!given('maglev|max-opt|jitless')) v8.setFlagsFromString('--no-maglev');
}
// Node 22.1+ caches compiled code on disk: later starts skip most of the parsing.
if (typeof module.enableCompileCache === 'function') module.enableCompileCache();

import('../dist/cli.js').catch((error) => {
  process.stderr.write('intercom-mcp failed to start: ' + (error && error.message ? error.message : String(error)) + '\n');
  process.exit(1);
});
