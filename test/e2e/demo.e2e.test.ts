import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkNamed, readChunk, stdioStart } from './dist-chunks.js';
import { BIN, call, connect, ERAS, type Session } from './harness.js';

const NOTICE = /^DEMO MODE: answers come from a built-in sample workspace/;

/** A loopback port that takes every connection and drops it at once, counting them: nothing may come. */
let refusing: Server;
let connections = 0;
let refusingUrl = '';
beforeAll(async () => {
  refusing = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  refusingUrl = `http://127.0.0.1:${(refusing.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => refusing.close(() => resolve()));
  // Across this whole file, demo mode never opened a connection.
  expect(connections).toBe(0);
});

/** No token anywhere, and a base URL that would fail: whatever answers, it is not the network. */
const demoEnv = () => ({ INTERCOM_API_BASE_URL: refusingUrl, HOME: '/nonexistent-demo-home' });

function run(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** A valid call of every tool, answered from the demo workspace. */
const EVERY_TOOL: Array<[string, Record<string, unknown>]> = [
  ['search', { query: 'object_type:conversations state:open' }],
  ['fetch', { id: 'conversation_1060' }],
  ['search_conversations', { state: 'snoozed' }],
  ['get_conversation', { id: '1003' }],
  ['search_contacts', { role: 'lead' }],
  ['get_contact', { id: 'placeholder' }],
  ['search_articles', { phrase: 'password' }],
  ['list_articles', {}],
  ['get_article', { id: 'https://help.acme.example/en/articles/8001-reset-your-password' }],
  ['list_companies', { tag_id: '7005' }],
  ['get_company', { company_id: 'acme-001' }],
  ['search', { query: 'object_type:companies' }],
];

describe.each([
  ['--demo', { args: ['--demo'], env: {} }],
  ['INTERCOM_MCP_DEMO=1', { args: [], env: { INTERCOM_MCP_DEMO: '1' } }],
])('the server in demo mode (%s), no token, a base URL that refuses', (_how, mode) => {
  describe.each(ERAS)('%s client', (era) => {
    let session: Session;
    beforeAll(async () => {
      session = await connect({ era, args: mode.args, env: { ...demoEnv(), ...mode.env } });
    });
    afterAll(async () => {
      await session?.close();
    });

    it('says so in its instructions', () => {
      expect(session.client.getInstructions()).toMatch(NOTICE);
    });

    it('answers every tool from the sample workspace, each result opening with the notice', async () => {
      const contacts = await call(session, 'search_contacts', { role: 'user', per_page: 1 });
      const contactId = (contacts.structured as { results: Array<{ id: string }> }).results[0]!.id;
      for (const [tool, args] of EVERY_TOOL) {
        const outcome = await call(session, tool, tool === 'get_contact' ? { id: contactId } : args);
        expect(outcome.isError, `${tool}: ${outcome.text}`).toBe(false);
        expect(outcome.text.split('\n')[0], tool).toMatch(NOTICE);
        // The structured result is untouched (the SDK has already checked it against the outputSchema).
        expect(outcome.structured, tool).toBeTypeOf('object');
      }
      expect(session.stderr()).toContain('demo mode');
    });

    it('an error still has its hint, after the notice', async () => {
      const outcome = await call(session, 'search', { query: 'object_type:conversations stat:open' });
      expect(outcome.isError).toBe(true);
      expect(outcome.text).toMatch(NOTICE);
      expect(outcome.text).toContain('did you mean `state`?');
    });
  });
});

describe('intercom-mcp call: settings that cannot work', () => {
  it('a bad INTERCOM_REGION: exit 2, said before anything runs', async () => {
    const out = await run(['call', 'search', 'object_type:contacts role:lead', '--demo'], { ...demoEnv(), INTERCOM_REGION: 'mars' });
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/INTERCOM_REGION "mars" is not a region/);
  });
});

describe('intercom-mcp tools', () => {
  it('lists each tool with one line and its arguments, exit 0', async () => {
    const out = await run(['tools']);
    expect(out.status, out.stderr).toBe(0);
    for (const tool of ['search', 'fetch', 'search_conversations', 'get_conversation', 'search_contacts', 'get_contact', 'list_companies', 'get_company']) {
      expect(out.stdout).toMatch(new RegExp(`^${tool}: \\S.+$`, 'm'));
    }
    expect(out.stdout).toMatch(/^ {4}query \(string, required\)/m);
    expect(out.stdout).toMatch(/^ {4}part_offset \(integer\)/m);
  });
});

describe('intercom-mcp call', () => {
  it('a bare query string, printed for a person: the notice, then key: value lines, no JSON', async () => {
    const out = await run(['call', 'search', 'object_type:conversations state:open', '--demo'], demoEnv());
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toMatch(NOTICE);
    expect(out.stdout).toMatch(/^ {2}- id: conversation_\d+$/m);
    expect(out.stdout).toMatch(/^total_count: \d+$/m);
    expect(out.stdout).not.toContain('{"');
  });

  it('a JSON object with --json: the structured result, parseable, the notice on stderr', async () => {
    const out = await run(['call', 'search_conversations', '{"state":"closed","per_page":3}', '--json'], { ...demoEnv(), INTERCOM_MCP_DEMO: '1' });
    expect(out.status, out.stderr).toBe(0);
    const result = JSON.parse(out.stdout) as { results: Array<{ text: string }>; total_count: number };
    expect(result.results).toHaveLength(3);
    expect(result.results.every((c) => c.text.startsWith('closed | '))).toBe(true);
    expect(result.total_count).toBeGreaterThan(3);
    expect(out.stderr).toMatch(NOTICE);
  });

  it('a bare id for fetch, readable: the thread as text', async () => {
    const out = await run(['call', 'fetch', 'conversation_1060', '--demo'], demoEnv());
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^id: conversation_1060$/m);
    expect(out.stdout).toMatch(/^text:\n {2}\S/m);
  });

  it('a JSON object, readable', async () => {
    const out = await run(['call', 'get_conversation', '{"id":"1003"}', '--demo'], demoEnv());
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^id: 1003$/m);
  });

  it('the region flag works on call as on the server: links open in the EU app', async () => {
    const out = await run(['call', 'fetch', 'conversation_1060', '--demo', '--region', 'eu', '--json'], demoEnv());
    expect(out.status, out.stderr).toBe(0);
    expect((JSON.parse(out.stdout) as { url: string }).url).toMatch(/^https:\/\/app\.eu\.intercom\.com\//);
  });

  it('a tool error: its message and hint on stderr, nothing on stdout, exit 1', async () => {
    const out = await run(['call', 'get_contact', 'ffffffffffffffffffffffff', '--demo'], demoEnv());
    expect(out.status).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/not found/);
  });

  it('without a token and without --demo: the tool error says how to get one, exit 1', async () => {
    const out = await run(['call', 'search', 'object_type:contacts role:lead'], { INTERCOM_API_BASE_URL: refusingUrl });
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/INTERCOM_ACCESS_TOKEN/);
  });

  it.each([
    ['an unknown tool', ['call', 'nosuch', '{}'], /no tool named "nosuch"; the tools are: search, fetch/],
    ['ARGS that are not JSON', ['call', 'search_contacts', '{"role":'], /not valid JSON[\s\S]*usage: intercom-mcp call search_contacts/],
    ['a bare string for a tool that takes an object', ['call', 'search_contacts', 'lead'], /takes a JSON object[\s\S]*arguments:\n {2}ids/],
    ['an argument of the wrong type', ['call', 'search_contacts', '{"per_page":"many"}'], /per_page[\s\S]*usage: intercom-mcp call search_contacts/],
    ['a missing required argument', ['call', 'fetch'], /id: Invalid input[\s\S]*intercom-mcp call fetch ID/],
    ['an unknown argument', ['call', 'search', '{"query":"object_type:contacts role:lead","limit":3}'], /unknown argument "limit"[\s\S]*usage: intercom-mcp call search/],
  ])('%s: exit 2 with the usage on stderr', async (_name, args, message) => {
    const out = await run([...args, '--demo'], demoEnv());
    expect(out.status, out.stderr).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(message);
  });
});

describe('the demo loads only in demo mode', () => {
  const read = readChunk;

  it('the plain server start (cli.js, then the stdio chunk) reads no demo code or data', () => {
    const { stdio, start } = stdioStart();
    expect(start).toContain(stdio);
    for (const name of start) {
      const text = read(name);
      expect(text.includes('Acme Support'), `${name} has the demo workspace`).toBe(false);
      expect(text.includes('demo-workspace-token'), `${name} has the demo wire`).toBe(false);
    }
    // Nor the commands' chunks (the MCP client of `call`).
    expect(start.filter((name) => /^(call|tool-commands|demo)-/.test(name))).toEqual([]);
    // The demo is a chunk of its own, imported dynamically by the server's code (the wiring, a chunk the
    // stdio and HTTP servers share).
    const demo = chunkNamed(/^demo-.*\.js$/)!;
    expect(read(demo).includes('Acme Support'), 'the demo chunk has the workspace').toBe(true);
    expect(start.some((name) => read(name).includes(`import('./${demo}')`)), 'the server imports the demo chunk dynamically').toBe(true);
  });
});

describe('npm run demo', () => {
  it('the guided tour exits 0 and prints every request with its answer', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const out = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('npm', ['run', 'demo', '--silent'], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', INTERCOM_API_BASE_URL: refusingUrl },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^DEMO MODE: answers come from a built-in sample workspace/m);
    // Each request, then its answer.
    const sections = out.stdout.split(/^› /m).slice(1);
    expect(sections.map((s) => s.split(/[ \n]/)[0])).toEqual(['tools/list', 'search', 'fetch', 'search_contacts', 'get_contact', 'search']);
    expect(sections[0]).toMatch(/get_contact\s+Get one contact/);
    expect(sections[1]).toMatch(/conversation_\d+ {2}\S/);
    expect(sections[2]).toMatch(/Дмитрий Соколов/);
    expect(sections[2]).toMatch(/more lines/);
    expect(sections[3]).toMatch(/contact_[0-9a-f]{24} {2}\S/);
    expect(sections[4]).toMatch(/^ {2}email: \S+@\S+$/m);
    expect(sections[5]).toMatch(/did you mean `state`\?/);
  }, 60_000);
});
