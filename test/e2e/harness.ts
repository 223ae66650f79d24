import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { IntercomEmulator, type EmulatorOptions } from '../../src/demo/emulator.js';
import { listen } from '../../src/demo/loopback.js';

export const BIN = fileURLToPath(new URL('../../bin/intercom-mcp.js', import.meta.url));
export const TOKEN = 'dG9rZW4tZm9yLXRlc3RzLW9ubHktOWY4ZTdkNmM1YjRhXk2';

/** Everything any session of this file produced: tool outputs and the server's stderr. */
const produced: string[] = [];

// Secrets: across the whole end-to-end suite, the token appears in nothing the server said.
afterAll(() => {
  for (const text of produced) expect(text).not.toContain(TOKEN);
});

/**
 * Every server and command of the suite gets an empty config folder of its own and no OS keychain (a
 * developer's real keychain and credentials file are never read or written); a test may pass its own.
 */
export function isolatedEnv(): Record<string, string> {
  const config = mkdtempSync(join(tmpdir(), 'intercom-mcp-e2e-'));
  return { XDG_CONFIG_HOME: config, APPDATA: config, INTERCOM_MCP_NO_KEYCHAIN: '1' };
}

/** Records text for the suite's closing scan: the token must appear in none of it. */
export function produce(text: string): void {
  produced.push(text);
}

export type Era = 'legacy' | 'modern';
export const ERAS: Era[] = ['legacy', 'modern'];

export interface RunningFake {
  fake: IntercomEmulator;
  url: string;
  close(): Promise<void>;
}

export async function startFake(options: EmulatorOptions = {}): Promise<RunningFake> {
  const fake = new IntercomEmulator({ token: TOKEN, ...options });
  const server = await listen(fake);
  return { fake, url: server.url, close: () => server.close() };
}

export interface Session {
  client: Client;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

/** Spawns the built CLI the way an MCP host does and connects the SDK's Client to it over stdio. */
export async function connect(options: {
  era: Era;
  env?: Record<string, string | undefined>;
  args?: string[];
}): Promise<Session> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...isolatedEnv() };
  for (const [key, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[key] = value;
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, ...(options.args ?? [])],
    env,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client(
    { name: 'intercom-mcp-e2e', version: '1.0.0' },
    options.era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
  );
  await client.connect(transport);
  return {
    client,
    stderr: () => stderr,
    close: async () => {
      await client.close();
      produced.push(stderr);
    },
  };
}

export interface ToolOutcome {
  isError: boolean;
  text: string;
  structured: Record<string, unknown> | undefined;
}

export async function call(session: Session, name: string, args: Record<string, unknown>): Promise<ToolOutcome> {
  const result = await session.client.callTool({ name, arguments: args });
  const content = (result.content ?? []) as Array<{ type: string; text?: string }>;
  produced.push(JSON.stringify(result));
  return {
    isError: result.isError === true,
    text: content.map((c) => c.text ?? '').join('\n'),
    structured: result.structuredContent as Record<string, unknown> | undefined,
  };
}

/** A loopback port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface StdioSuite {
  /** The fake of Intercom, reset after each test. */
  readonly running: RunningFake;
  readonly session: Session;
  /** Calls a tool; its answer joins the suite's closing scan for the token. */
  run(name: string, args: Record<string, unknown>): Promise<ToolOutcome>;
}

/**
 * The built CLI spawned over stdio for a describe block, against a fresh loopback fake, with the token in
 * the environment: set up before the block, the fake reset after each test, and at the end the token checked
 * absent from everything the server said (to the assistant or the log).
 */
export function stdioSuite(era: Era): StdioSuite {
  const outputs: string[] = [];
  const suite = {} as { running: RunningFake; session: Session };
  beforeAll(async () => {
    suite.running = await startFake();
    suite.session = await connect({ era, env: { INTERCOM_ACCESS_TOKEN: TOKEN, INTERCOM_API_BASE_URL: suite.running.url } });
  });
  afterEach(() => suite.running.fake.reset());
  afterAll(async () => {
    for (const text of [...outputs, suite.session.stderr()]) expect(text).not.toContain(TOKEN);
    await suite.session.close();
    await suite.running.close();
  });
  return {
    get running() {
      return suite.running;
    },
    get session() {
      return suite.session;
    },
    async run(name, args) {
      const outcome = await call(suite.session, name, args);
      outputs.push(outcome.text, JSON.stringify(outcome.structured ?? {}));
      return outcome;
    },
  };
}
