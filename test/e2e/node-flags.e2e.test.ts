// The shim's low-memory mode (README, Performance): no V8 flag by default; with INTERCOM_MCP_LOW_MEMORY=1
// the three, and a user's own flag wins.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN } from './harness.js';

// Preloaded before the shim: records every flag it sets, on stderr, before passing it on.
const RECORD =
  'data:text/javascript,import v8 from "node:v8";const set=v8.setFlagsFromString;' +
  'v8.setFlagsFromString=(f)=>{process.stderr.write("FLAG "+f+"\\n");set(f)}';

function flagsSet(nodeArgs: string[], env: Record<string, string> = {}): string[] {
  const out = spawnSync(process.execPath, [...nodeArgs, '--import', RECORD, BIN, '--version'], {
    encoding: 'utf8',
    timeout: 10_000,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  expect(out.status).toBe(0);
  expect(out.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/); // nothing but the version on stdout
  return out.stderr.split('\n').filter((l) => l.startsWith('FLAG ')).map((l) => l.slice(5));
}

const LOW = { INTERCOM_MCP_LOW_MEMORY: '1' };

describe('V8 memory settings of bin/intercom-mcp.js', () => {
  it("by default: none, Node's own settings", () => {
    expect(flagsSet([])).toEqual([]);
    expect(flagsSet([], { INTERCOM_MCP_LOW_MEMORY: '0' })).toEqual([]);
    // The old switch is gone: it neither sets nor unsets anything.
    expect(flagsSet([], { INTERCOM_MCP_NODE_DEFAULTS: '0' })).toEqual([]);
  });

  it('INTERCOM_MCP_LOW_MEMORY=1: a young generation that does not grow, no optimizing compilers', () => {
    expect(flagsSet([], LOW)).toEqual(['--semi-space-growth-factor=1', '--no-opt', '--no-maglev']);
  });

  it('in low-memory mode, a flag the user set, or its alias, is left to the user', () => {
    expect(flagsSet(['--turbofan'], LOW)).toEqual(['--semi-space-growth-factor=1', '--no-maglev']);
    expect(flagsSet(['--max-semi-space-size=8', '--maglev'], LOW)).toEqual(['--no-opt']);
    expect(flagsSet([], { ...LOW, NODE_OPTIONS: '--max-semi-space-size=4' })).toEqual(['--no-opt', '--no-maglev']);
  });
});
