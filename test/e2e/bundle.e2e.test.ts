// The bundle's alias of the SDK's private `@modelcontextprotocol/server/_shims` export (tsup.config.ts) to
// src/server/sdk-shims.ts, which leaves Ajv out. Two ways it can silently break on an SDK update:
// - the alias stops applying (the SDK moves or renames the shim import): Ajv is back in dist/, the shim is not;
// - the SDK starts using the validator the shim replaces (it throws) on a path this server takes: a
//   session through the built bin fails. Every tool is called here, as an MCP host would.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkNamed, readChunk, stdioStart } from './dist-chunks.js';
import { call, connect, ERAS, startFake, TOKEN, type RunningFake, type Session } from './harness.js';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const SHIM_SOURCE = readFileSync(fileURLToPath(new URL('../../src/server/sdk-shims.ts', import.meta.url)), 'utf8');

/** The message our stand-in throws: it must be in the bundle, and in no answer of a session. */
const SHIM_MARKER = /throw new Error\('([^']+)'\)/.exec(SHIM_SOURCE)?.[1] ?? '';

/** Texts only Ajv has (its error messages), found in what the SDK's real Node shim loads. */
const AJV_MARKERS = ['NOT SUPPORTED: keyword', 'schema with key or id'];

function bundleText(): string {
  return readdirSync(DIST)
    .filter((name) => name.endsWith('.js'))
    .map((name) => readFileSync(join(DIST, name), 'utf8'))
    .join('\n');
}

/** The SDK's own Node shim and the files it requires (the Ajv provider), as text. */
function sdkShimText(): string {
  const shim = createRequire(import.meta.url).resolve('@modelcontextprotocol/server/_shims');
  const text = readFileSync(shim, 'utf8');
  const deps = [...text.matchAll(/require\('(\.\/[^']+)'\)/g)].map((m) => readFileSync(join(dirname(shim), m[1]!), 'utf8'));
  return [text, ...deps].join('\n');
}

describe('the SDK shim alias in the bundle', () => {
  it('the markers mean something: Ajv text is in the SDK shim, the stand-in has its own message', () => {
    expect(SHIM_MARKER.length).toBeGreaterThan(20);
    const sdk = sdkShimText();
    for (const marker of AJV_MARKERS) expect(sdk, marker).toContain(marker);
    expect(sdk).not.toContain(SHIM_MARKER);
  });

  it('the stand-in exports what the SDK shim exports', async () => {
    const sdk = await import('@modelcontextprotocol/server/_shims');
    const ours = await import('../../src/server/sdk-shims.js');
    expect(Object.keys(ours).sort()).toEqual(Object.keys(sdk).sort());
  });

  it('dist/ has the stand-in and no Ajv', () => {
    const bundle = bundleText();
    expect(bundle.length).toBeGreaterThan(100_000);
    // Booleans, so a failure prints the message rather than 400 kB of bundle.
    expect(bundle.includes(SHIM_MARKER), 'the stand-in is not in dist/: the _shims alias no longer applies').toBe(true);
    for (const marker of AJV_MARKERS) {
      expect(bundle.includes(marker), `Ajv's "${marker}" is in dist/: the _shims alias no longer applies`).toBe(false);
    }
  });
});

// Each call's structuredContent is also checked by the SDK Client against the tool's outputSchema (with
// the client's own validator, which the test process has): a mismatch would throw.
describe.each(ERAS)('a full session through the built bin without the validator (%s era)', (era) => {
  let running: RunningFake;
  let session: Session;
  const answers: string[] = [];

  beforeAll(async () => {
    running = await startFake();
    session = await connect({ era, env: { INTERCOM_ACCESS_TOKEN: TOKEN, INTERCOM_API_BASE_URL: running.url } });
  });
  afterAll(async () => {
    const said = [...answers, session.stderr()].join('\n');
    expect(said).not.toContain(SHIM_MARKER);
    expect(said).not.toMatch(/validat(or|e JSON Schema)|ajv/i);
    await session.close();
    await running.close();
  });

  const CALLS: Array<[string, Record<string, unknown>]> = [
    ['search', { query: 'object_type:conversations state:open limit:2' }],
    ['fetch', { id: 'conversation_1060' }],
    ['search_conversations', { state: 'open', per_page: 2 }],
    ['get_conversation', { id: '1060' }],
    ['search_contacts', { role: 'user', per_page: 2 }],
    ['get_contact', { id: '6762f1000acb1825c460d835' }],
    ['list_companies', { per_page: 2 }],
    ['get_company', { company_id: 'acme-001' }],
  ];

  it('initialize and tools/list: every tool has an outputSchema, and each is called below', async () => {
    expect(session.client.getServerVersion()?.name).toBe('intercom-mcp');
    const { tools } = await session.client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    for (const tool of tools) expect(tool.outputSchema, tool.name).toMatchObject({ type: 'object' });
    expect(tools.map((t) => t.name).sort()).toEqual(CALLS.map(([name]) => name).sort());
  });

  it.each(CALLS)('%s answers with structuredContent that passes its outputSchema', async (name, args) => {
    const out = await call(session, name, args);
    answers.push(out.text);
    expect(out.isError, out.text).toBe(false);
    expect(out.structured).toBeTypeOf('object');
    expect(JSON.parse(out.text)).toEqual(out.structured);
  });

  it('an answer that is an error still works (the error path goes through the SDK too)', async () => {
    const out = await call(session, 'get_conversation', { id: '999999999' });
    answers.push(out.text);
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/not found/i);
  });
});

describe('serve in the bundle', () => {
  const read = readChunk;

  it('the stdio start path (cli.js, then the stdio chunk) loads no HTTP server code', () => {
    const { start } = stdioStart();
    expect(start.filter((name) => /^(serve|legacy-sse)-/.test(name))).toEqual([]);
    for (const name of start) expect(read(name), name).not.toMatch(/from\s*['"](node:)?http['"]/);
    // It is there for `serve`, loaded on demand.
    const serve = chunkNamed(/^serve-.*\.js$/);
    expect(serve).toBeTruthy();
    expect(read('cli.js')).toContain(`import('./${serve}')`);
  });

  it('the legacy SSE transport reads no body itself: raw-body is the stand-in, iconv-lite is not bundled', () => {
    const text = bundleText();
    expect(text).toContain('raw-body is not bundled');
    expect(text).not.toContain('iconv-lite');
    expect(text).not.toMatch(/windows-1252/i);
  });
});
