// The keychain is asked in a helper process. With the keychain left on (no INTERCOM_MCP_NO_KEYCHAIN) and
// no Secret Service to reach, a command must still wait for that answer and say its piece: a helper that
// the process does not wait for would let the CLI exit 0 in silence.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from './harness.js';

describe('a command with the keychain on and none reachable', () => {
  it('status waits for the keychain helper, says it is not logged in, exits 1', () => {
    const home = mkdtempSync(join(tmpdir(), 'intercom-mcp-nokeyring-'));
    const out = spawnSync(process.execPath, [BIN, 'status'], {
      encoding: 'utf8',
      timeout: 60_000,
      // No D-Bus address and a runtime folder with no bus in it: the Secret Service is unreachable.
      env: { PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_RUNTIME_DIR: join(home, 'run') },
    });
    expect(out.status).toBe(1);
    expect(out.stdout).toMatch(/Not logged in/);
    expect(out.stdout + out.stderr).toMatch(/keychain/i);
  });
});
