// Started by hand in a terminal, the server says what it is in one line on stderr; started by an MCP client
// (a pipe), it says nothing at all.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminalHint } from '../../src/server/stdio.js';
import { BIN } from './harness.js';

function run(command: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', TERM: 'dumb' } });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    // The server waits for a client forever: give it a moment to say what it says, then stop it.
    setTimeout(() => child.kill('SIGTERM'), 1_500);
    child.on('close', () => resolve({ stdout, stderr }));
  });
}

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe('started in a terminal', () => {
  it.runIf(hasScript)('prints one line to stderr, and nothing to stdout: an MCP server waiting for a client, its config, --help', async () => {
    // util-linux `script` gives the server a real terminal on stdin; its stderr and stdout go to files.
    const dir = mkdtempSync(join(tmpdir(), 'intercom-mcp-tty-'));
    const err = join(dir, 'stderr');
    const out = join(dir, 'stdout');
    await run('script', ['-qfec', `"${process.execPath}" "${BIN}" 2>"${err}" >"${out}"`, '/dev/null']);
    const lines = readFileSync(err, 'utf8').split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('intercom-mcp is an MCP server waiting for an MCP client');
    // Run from this checkout: the config names node and this very file.
    expect(lines[0]).toContain(JSON.stringify({ command: 'node', args: [BIN] }));
    expect(lines[0]).toContain(`node ${BIN} --help`);
    expect(readFileSync(out, 'utf8')).toBe('');
  });

  it('says nothing when stdin is not a terminal (an MCP client)', async () => {
    expect(await run(process.execPath, [BIN])).toEqual({ stdout: '', stderr: '' });
  });

  it('run through npx, the hint gives the npx config', () => {
    const hint = terminalHint(['', 'home', 'a', '.npm', '_npx', '1f2e', 'node_modules', 'intercom-mcp', 'bin', 'intercom-mcp.js'].join('/'));
    expect(hint).toContain('{"mcpServers":{"intercom":{"command":"npx","args":["-y","intercom-mcp"]}}}');
    expect(hint).toContain('npx intercom-mcp --help');
    expect(hint.trimEnd().split('\n')).toHaveLength(1);
  });
});
