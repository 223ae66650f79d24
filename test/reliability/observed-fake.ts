// Serves a IntercomEmulator on loopback like `listen()` of src/demo/loopback.ts, but ties each Request's signal to its connection,
// so a client that aborts an HTTP call is seen by the fake (`aborted`), and a `delay` fault ends with it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IntercomEmulator, type EmulatorOptions } from '../../src/demo/emulator.js';

export interface ObservedFake {
  fake: IntercomEmulator;
  url: string;
  /** Paths of requests whose client went away before the answer was complete. */
  aborted: string[];
  /** Paths of requests received so far (including /me). */
  started: string[];
  close(): Promise<void>;
}

export async function startObservedFake(options: EmulatorOptions & { token: string }): Promise<ObservedFake> {
  const fake = new IntercomEmulator(options);
  const aborted: string[] = [];
  const started: string[] = [];
  const server = createServer((req, res) => {
    void serve(fake, req, res, aborted, started);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    fake,
    url: `http://127.0.0.1:${port}`,
    aborted,
    started,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(fake: IntercomEmulator, req: IncomingMessage, res: ServerResponse, aborted: string[], started: string[]): Promise<void> {
  const path = (req.url ?? '/').split('?')[0]!;
  started.push(path);
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) {
      aborted.push(path);
      controller.abort();
    }
  });
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(key, value);
  }
  const method = req.method ?? 'GET';
  const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
    method,
    headers,
    signal: controller.signal,
    ...(chunks.length > 0 && method !== 'GET' ? { body: Buffer.concat(chunks) } : {}),
  });
  const response = await fake.handle(request);
  if (controller.signal.aborted) return;
  const out: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    out[key] = value;
  });
  res.writeHead(response.status, out);
  res.end(Buffer.from(await response.arrayBuffer()));
}
