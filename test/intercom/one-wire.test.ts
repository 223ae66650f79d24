import { describe, expect, it } from 'vitest';
import { sourceLinesMatching } from '../source-lines.js';

// Every HTTP call goes through the Intercom client (src/intercom/client.ts, ky over fetch): one place for
// auth, retries, limits and the body cap, and no other network stack loaded beside fetch.
const CLIENT = new Set(['intercom/client.ts']);
const code = { skipComments: true };
const fetching = /(?<![\w.#])fetch\s*\(|\bnew (Request|Response|Headers)\s*\(|globalThis\.fetch|['"]ky['"]/;

describe('one wire to Intercom', () => {
  it('only src/intercom/client.ts calls fetch, builds WHATWG requests or loads ky', () => {
    expect(sourceLinesMatching(fetching, CLIENT, code)).toEqual([]);
    // And the client does: the rule above is about something real.
    expect(sourceLinesMatching(fetching, new Set(), code).filter((line) => line.startsWith('intercom/client.ts:'))).not.toEqual([]);
  });

  it('no source loads network modules (fetch is the one wire)', () => {
    const network = /['"](node:)?(http|https|http2|net|tls|undici)['"]/;
    expect(sourceLinesMatching(network, new Set(), code)).toEqual([]);
  });
});
