import { describe, expect, it } from 'vitest';
import { sourceFiles, sourceLinesMatching } from '../source-lines.js';

// Every HTTP call goes through the Intercom client (src/intercom/client.ts, ky over fetch): one place for
// auth, retries, limits and the body cap, and no other network stack loaded beside fetch. src/demo/ is
// the other end of that wire (the emulator answers Requests with Responses and calls nothing), and only its
// loopback.ts, which the tests and the bench load and --demo never does, opens a socket. `serve` listens on
// one (src/server/http/): a server's socket, never a way out to Intercom.
const CLIENT_AND_EMULATOR = new Set(['intercom/client.ts', ...sourceFiles().filter((file) => /^demo\/[^/]+\.ts$/.test(file))]);
const LOOPBACK = new Set(['demo/loopback.ts', 'server/http/serve.ts', 'server/http/legacy-sse.ts']);
const code = { skipComments: true };
const fetching = /(?<![\w.#])fetch\s*\(|\bnew (Request|Response|Headers)\s*\(|globalThis\.fetch|['"]ky['"]/;

describe('one wire to Intercom', () => {
  it('only src/intercom/client.ts calls fetch or loads ky, and only it and the emulator build WHATWG requests', () => {
    expect(sourceLinesMatching(fetching, CLIENT_AND_EMULATOR, code)).toEqual([]);
    // And the client does: the rule above is about something real.
    expect(sourceLinesMatching(fetching, new Set(), code).filter((line) => line.startsWith('intercom/client.ts:'))).not.toEqual([]);
  });

  it('no source loads network modules (fetch is the one wire)', () => {
    const network = /['"](node:)?(http|https|http2|net|tls|undici)['"]/;
    expect(sourceLinesMatching(network, LOOPBACK, code)).toEqual([]);
  });
});
