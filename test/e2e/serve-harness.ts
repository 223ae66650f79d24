// `intercom-mcp serve` spawned from the built bin, and MCP clients over HTTP to it: Streamable HTTP in
// either era, and the legacy SSE transport.
import { spawn, type ChildProcess } from 'node:child_process';
import { Client, SSEClientTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { BIN, isolatedEnv, produce, type Era } from './harness.js';

export interface Served {
  /** http://127.0.0.1:PORT/mcp */
  readonly url: string;
  /** http://127.0.0.1:PORT */
  readonly base: string;
  readonly port: number;
  readonly child: ChildProcess;
  stderr(): string;
  /** Sends the signal and waits for the exit: its code and how long it took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

/** Spawns `serve --port 0` with the given arguments and waits for the line naming its URL. */
export async function startServe(args: string[], env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...isolatedEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 15_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const match = /serving MCP at (http:\/\/\S+\/mcp)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code}: ${stderr}`));
    });
  });
  const base = url.replace(/\/mcp$/, '');
  return {
    url,
    base,
    port: Number(new URL(url).port),
    child,
    stderr: () => stderr,
    async stop(signal = 'SIGTERM') {
      const started = Date.now();
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      produce(stderr);
      // Server mode writes nothing to stdout but the protocol, and over HTTP there is no protocol on stdout.
      if (stdout !== '') throw new Error(`serve wrote to stdout: ${stdout.slice(0, 200)}`);
      return { code, ms: Date.now() - started };
    },
  };
}

const bearer = (token: string | undefined): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {});

/** The SDK's Client over Streamable HTTP: 2025-era (initialize) or pinned to 2026-07-28. */
export async function httpClient(url: string, options: { era: Era; token?: string }): Promise<Client> {
  const client = new Client(
    { name: 'intercom-mcp-e2e-http', version: '1.0.0' },
    options.era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
  );
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: bearer(options.token) } }));
  return client;
}

/** The SDK's Client over the legacy HTTP+SSE transport at /sse. */
export async function sseClient(base: string, token?: string): Promise<Client> {
  const client = new Client({ name: 'intercom-mcp-e2e-sse', version: '1.0.0' });
  await client.connect(new SSEClientTransport(new URL('/sse', base), { requestInit: { headers: bearer(token) } }));
  return client;
}

export interface Outcome {
  isError: boolean;
  text: string;
  structured: Record<string, unknown> | undefined;
}

export async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<Outcome> {
  const result = await client.callTool({ name, arguments: args });
  produce(JSON.stringify(result));
  const content = (result.content ?? []) as Array<{ type: string; text?: string }>;
  return {
    isError: result.isError === true,
    text: content.map((c) => c.text ?? '').join('\n'),
    structured: result.structuredContent as Record<string, unknown> | undefined,
  };
}

/** A raw JSON-RPC POST to /mcp as a 2025-era stateless client would send it. */
export function rpc(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'Mcp-Protocol-Version': '2025-06-18',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
