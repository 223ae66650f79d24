// The emulator on a real socket, 127.0.0.1 only: for the end-to-end tests and the bench, which need
// sockets, aborts and cut connections. `--demo` never loads this file (it answers in process).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IntercomEmulator } from './emulator.js';

export { IntercomEmulator, sampleWorkspace, type EmulatorOptions, type Fault } from './emulator.js';

export interface Listening {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the emulator on 127.0.0.1 (ephemeral port by default). */
export async function listen(emulator: IntercomEmulator, port = 0): Promise<Listening> {
  const server = createServer((req, res) => {
    void serveNode(emulator, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serveNode(emulator: IntercomEmulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  const method = req.method ?? 'GET';
  const hasBody = chunks.length > 0 && method !== 'GET' && method !== 'HEAD';
  // A client that goes away aborts the request, so a `delay` fault ends with it, as a real server's work would.
  const gone = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
    method,
    headers,
    signal: gone.signal,
    ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
  });
  const response = await emulator.handle(request);
  const outHeaders: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    outHeaders[key] = value;
  });
  res.writeHead(response.status, outHeaders);
  res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Wait for each chunk to reach the socket so a later `cut` really happens mid-body.
      await new Promise<void>((resolve) => res.write(value, () => resolve()));
    }
    res.end();
  } catch {
    // A `cut` fault: the body stream errors half-way; drop the connection like a dying proxy would.
    res.socket?.destroy();
    res.destroy();
  }
}
