import { describe, expect, it } from 'vitest';
import { sourceLinesMatching } from '../source-lines.js';

// Every HTTP call goes through the Intercom client, over src/intercom/transport.ts: one place for auth,
// retries and limits, and one set of network modules loaded (issue 6: Node's fetch alone cost ~15 MB).
const WIRE = 'intercom/transport.ts';
const code = { skipComments: true };

describe('one wire to Intercom', () => {
  it('no source calls fetch or builds WHATWG requests', () => {
    const fetching = /(?<![\w.#])fetch\s*\(|\bnew (Request|Response|Headers)\s*\(|globalThis\.fetch/;
    expect(sourceLinesMatching(fetching, new Set(), code)).toEqual([]);
  });

  it('only the transport loads network modules, and never by ES import', () => {
    const network = /['"](node:)?(http|https|http2|net|tls|undici)['"]/;
    expect(sourceLinesMatching(network, new Set([WIRE]), code)).toEqual([]);
    // An ES import of a builtin reads all its exports; node:http's lazy getters then load undici (Node 22+).
    expect(sourceLinesMatching(/^\s*import\b.*['"](node:)?(http|https|zlib)['"]/, new Set(), code)).toEqual([]);
  });
});
