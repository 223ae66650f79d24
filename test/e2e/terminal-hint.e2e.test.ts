// Started by hand in a terminal, the server says what it is on stderr; started by an MCP client (a pipe),
// it says nothing at all.
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN } from './harness.js';

function run(command: string, args: string[], stdin: 'pipe' | 'ignore'): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: [stdin, 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', TERM: 'dumb' } });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    // The server waits for a client forever: give it a moment to say what it says, then stop it.
    setTimeout(() => child.kill('SIGTERM'), 1_500);
    child.on('close', () => resolve(out));
  });
}

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe('started in a terminal', () => {
  it.runIf(hasScript)('prints one hint to stderr: an MCP server waiting for a client, the config snippet, --help', async () => {
    // util-linux `script` gives the server a real terminal on stdin.
    const out = await run('script', ['-qfec', `"${process.execPath}" "${BIN}"`, '/dev/null'], 'pipe');
    expect(out).toContain('intercom-mcp is an MCP server');
    expect(out).toContain('"command": "npx", "args": ["-y", "intercom-mcp"]');
    expect(out).toContain('intercom-mcp --help');
  });

  it('says nothing when stdin is not a terminal (an MCP client)', async () => {
    const out = await run(process.execPath, [BIN], 'pipe');
    expect(out).toBe('');
  });
});
