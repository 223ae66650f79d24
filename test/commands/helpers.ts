import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { CommandIo } from '../../src/commands/io.js';
import { createFileStore } from '../../src/credentials/file-store.js';
import { createCredentialStore, type CredentialStore } from '../../src/credentials/store.js';
import { fakeKeychain, type FakeKeychain } from '../credentials/fake-keychain.js';

export interface TestIo extends CommandIo {
  stdout: string;
  stderr: string;
  readonly credentialStore: CredentialStore;
  readonly keychain: FakeKeychain;
}

/** A command's world: stdin holding `input` (a TTY if asked), captured output, a fake keychain and a temp file store. */
export function testIo(options: { input?: string; tty?: boolean; env?: NodeJS.ProcessEnv; keychain?: FakeKeychain } = {}): TestIo {
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?: (on: boolean) => void };
  if (options.tty) {
    stdin.isTTY = true;
    stdin.setRawMode = () => {};
  }
  const keychain = options.keychain ?? fakeKeychain();
  const file = createFileStore({ path: join(mkdtempSync(join(tmpdir(), 'intercom-mcp-cmd-')), 'intercom-mcp', 'credentials.json') });
  const credentialStore = createCredentialStore({ keychain, file });
  const io: TestIo = {
    env: options.env ?? {},
    stdin,
    stdout: '',
    stderr: '',
    credentialStore,
    keychain,
    out: (text) => {
      io.stdout += text;
    },
    err: (text) => {
      io.stderr += text;
    },
    store: async () => credentialStore,
  };
  if (options.input !== undefined) {
    // A person types after the prompt appears; a pipe has it all at once.
    if (options.tty) setTimeout(() => stdin.write(options.input), 20);
    else stdin.end(options.input);
  }
  return io;
}

/** An msw server for this describe block that records the host of every request (cleared after each test). */
export function mswRecordingHosts() {
  const msw = setupServer();
  const hosts: string[] = [];
  msw.events.on('request:start', ({ request }) => hosts.push(new URL(request.url).host));
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    msw.resetHandlers();
    hosts.length = 0;
  });
  afterAll(() => msw.close());
  return { msw, hosts };
}
