// Spawns the built server and speaks raw lines to it: for protocol abuse, lifecycle and secrets tests, where
// the SDK Client would refuse to send what we want to send, or would hide what the server wrote.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN } from '../e2e/harness.js';

export interface RawServer {
  child: ChildProcessWithoutNullStreams;
  /** Everything written to stdout / stderr so far. */
  stdout(): string;
  stderr(): string;
  /** Parsed stdout lines (every one must be JSON). */
  messages(): Array<Record<string, unknown>>;
  send(message: object | string): void;
  /** The response to request `id`. */
  response(id: number | string): Promise<Record<string, unknown>>;
  initialize(): Promise<void>;
  call(id: number, name: string, args: unknown): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

export function spawnServer(env: Record<string, string>, args: string[] = []): RawServer {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (const w of waiters.splice(0)) w();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    child.on('exit', (code, signal) => {
      resolve({ code, signal, at: Date.now() });
      for (const w of waiters.splice(0)) w();
    });
  });
  const messages = () =>
    stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const server: RawServer = {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    messages,
    exited,
    send(message) {
      child.stdin.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
    },
    async response(id) {
      for (;;) {
        const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1);
        const found = complete
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => JSON.parse(l) as Record<string, unknown>)
          .find((m) => m.id === id && ('result' in m || 'error' in m));
        if (found) return found;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited before answering ${id}; stderr: ${stderr}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    async initialize() {
      server.send({
        jsonrpc: '2.0',
        id: 'init',
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
      });
      await server.response('init');
      server.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    },
    call(id, name, args) {
      server.send({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });
      return server.response(id);
    },
  };
  return server;
}

/** The text of a tools/call result. */
export function resultText(message: Record<string, unknown>): string {
  const result = message.result as { content?: Array<{ text?: string }> } | undefined;
  return (result?.content ?? []).map((c) => c.text ?? '').join('\n');
}

export function isErrorResult(message: Record<string, unknown>): boolean {
  return (message.result as { isError?: boolean } | undefined)?.isError === true;
}
