#!/usr/bin/env node
// `npm run bench`: the performance figures of issue 6, measured side by side in one run against a
// loopback fake of Intercom, printed as a table and written to bench/results.json. Not a test: the
// figures depend on the machine; the budgets are checked on ratios and sizes measured in the same run.
//
//   node bench/run.mjs [--runs N] [--node /path/to/node] [--strict]
//
// --runs     cold starts per server (default 21, at least 15)
// --node     the Node binary that runs the servers (default: the one running this script)
// --strict   exit 1 when a budget is missed
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, platform, release, tmpdir, totalmem, arch } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { distIsStale } from '../scripts/dist-is-stale.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'intercom-mcp.js');
const BARE = join(ROOT, 'bench', 'bare-server.mjs');
const TOKEN = 'YmVuY2gtdG9rZW4tbm90LWEtcmVhbC1vbmUtMDEyMzQ1Njc4OWFi';
const CONVERSATION_60 = '1060';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const RUNS = Math.max(15, Number(option('--runs', 21)) || 21);
const NODE = option('--node', process.execPath);
const STRICT = args.includes('--strict');

const log = (line) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------------
// Build if needed, and bundle the TypeScript fake of Intercom for this process.

function ensureBuilt() {
  if (!distIsStale(ROOT)) return;
  log('building (dist/ is missing or older than src/) ...');
  const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (built.status !== 0) throw new Error('npm run build failed');
}

async function loadFake(tmp) {
  const { build } = await import('esbuild');
  const outfile = join(tmp, 'fake-intercom.mjs');
  await build({
    entryPoints: [join(ROOT, 'src', 'demo', 'loopback.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'error',
  });
  return import(pathToFileURL(outfile).href);
}

// ---------------------------------------------------------------------------------------------------
// A raw JSON-RPC client over the child's stdio: no SDK on this side, so nothing but the server is timed.

class Session {
  constructor(file, env, extraArgs = [], nodeArgs = []) {
    this.t0 = performance.now();
    this.child = spawn(NODE, [...nodeArgs, file, ...extraArgs], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.pending = new Map();
    this.nextId = 1;
    this.stderr = '';
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    let buffer = '';
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.trim() === '') continue;
        const at = performance.now();
        const msg = JSON.parse(line);
        const waiter = msg.id !== undefined ? this.pending.get(msg.id) : undefined;
        if (waiter) {
          this.pending.delete(msg.id);
          waiter({ msg, at, bytes: Buffer.byteLength(line) });
        }
      }
    });
    this.child.stderr.on('data', (c) => (this.stderr += c));
  }

  request(method, params) {
    const id = this.nextId++;
    const sent = performance.now();
    const answer = new Promise((resolve) => this.pending.set(id, resolve));
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) })}\n`);
    return answer.then((a) => {
      if (a.msg.error) throw new Error(`${method}: ${JSON.stringify(a.msg.error)}`);
      return { ...a, ms: a.at - sent, sinceSpawn: a.at - this.t0 };
    });
  }

  notify(method) {
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method })}\n`);
  }

  async initialize() {
    const init = await this.request('initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'intercom-mcp-bench', version: '1.0.0' },
    });
    this.notify('notifications/initialized');
    return init;
  }

  async callTool(name, args) {
    const r = await this.request('tools/call', { name, arguments: args });
    const result = r.msg.result;
    const text = (result.content ?? []).map((c) => c.text ?? '').join('\n');
    return { ms: r.ms, isError: result.isError === true, text, result, bytes: r.bytes };
  }

  rssMb() {
    return rssMb(this.child.pid);
  }

  /** With bench/heap-probe.cjs preloaded: the live heap after a full GC, in MB. */
  async liveHeapMb() {
    const from = this.stderr.length;
    this.child.kill('SIGUSR2');
    for (let i = 0; i < 200; i++) {
      const m = /HEAP_PROBE (\d+)/.exec(this.stderr.slice(from));
      if (m) return Number(m[1]) / 1024 / 1024;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('the heap probe did not answer');
  }

  async close() {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    if (kb) return kb / 1024;
  } catch {
    // not Linux: ask ps
  }
  const ps = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
  return Number(ps.stdout.trim()) / 1024;
}

// ---------------------------------------------------------------------------------------------------

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.ceil(pos)] - s[lo]) * (pos - lo);
}
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

async function coldStart(file, env) {
  const s = new Session(file, env);
  const init = await s.initialize();
  const list = await s.request('tools/list');
  await s.close();
  return { initialize: init.sinceSpawn, toolsList: list.sinceSpawn };
}

async function measureColdStart(env) {
  log(`cold start: ${RUNS} runs each, interleaved ...`);
  for (let i = 0; i < 2; i++) {
    await coldStart(BIN, env); // warm the OS file cache (and Node's compile cache where it exists)
    await coldStart(BARE, env);
  }
  const ours = [];
  const bare = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternate who goes first so neither always runs on a machine the other just warmed.
    if (i % 2 === 0) {
      ours.push(await coldStart(BIN, env));
      bare.push(await coldStart(BARE, env));
    } else {
      bare.push(await coldStart(BARE, env));
      ours.push(await coldStart(BIN, env));
    }
  }
  const nodeAlone = [];
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    spawnSync(NODE, ['-e', '0'], { env }); // the servers' env: e.g. NODE_EXTRA_CA_CERTS costs Node 20 ~60 ms
    nodeAlone.push(performance.now() - t0);
  }
  const o = median(ours.map((r) => r.initialize));
  const b = median(bare.map((r) => r.initialize));
  return {
    runs: RUNS,
    ours_initialize_ms: round(o),
    bare_sdk_initialize_ms: round(b),
    ratio: round(o / b, 2),
    ours_tools_list_ms: round(median(ours.map((r) => r.toolsList))),
    bare_sdk_tools_list_ms: round(median(bare.map((r) => r.toolsList))),
    node_alone_ms: round(median(nodeAlone)),
  };
}

async function direct(url, request) {
  const res = await fetch(`${url}${request.path}${request.search ?? ''}`, {
    method: request.method,
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      'Intercom-Version': '2.16',
      Accept: 'application/json',
      ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
  });
  return res.text();
}

/** Replays what one call asked Intercom for (without GET /me and the directory lists) and returns the raw response bytes. */
async function rawBytesOf(fake, url, since, until) {
  let bytes = 0;
  for (const r of fake.requests.slice(since, until)) {
    if (['/me', '/tags', '/teams', '/admins'].includes(r.path)) continue;
    bytes += Buffer.byteLength(await direct(url, r));
  }
  return bytes;
}

async function main() {
  ensureBuilt();
  const tmp = mkdtempSync(join(tmpdir(), 'intercom-mcp-bench-'));
  try {
    const { IntercomEmulator, listen: listenOnLoopback } = await loadFake(tmp);
    const fake = new IntercomEmulator({ token: TOKEN });
    const server = await listenOnLoopback(fake);
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      INTERCOM_ACCESS_TOKEN: TOKEN,
      INTERCOM_API_BASE_URL: server.url,
    };
    const results = { date: new Date().toISOString(), machine: machine() };
    try {
      results.cold_start = await measureColdStart(env);
      Object.assign(results, await measureSession(fake, server.url, env));
      results.bare_memory = await measureBareMemory(env);
      results.low_memory = await measureLowMemory(fake, env);
      results.leak = await measureLeak(fake, env);
      results.concurrency = await measureConcurrency(fake, env);
    } finally {
      await server.close();
    }
    results.footprint = measureFootprint(tmp);
    results.budgets = budgets(results);
    writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    printTable(results);
    if (STRICT && results.budgets.some((b) => !b.ok)) process.exitCode = 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function measureSession(fake, url, env) {
  log('tool calls, output sizes, upstream requests, memory ...');
  const contactId = fake.workspace.contacts[0].id;
  const s = new Session(BIN, env);
  await s.initialize();
  await new Promise((r) => setTimeout(r, 200)); // let start-up garbage settle before reading RSS
  const rssAfterStart = s.rssMb();
  const list = await s.request('tools/list');

  // Upstream requests per call, cold then warm: the first call of the process also asks GET /me (for
  // links), once; the first read that names tags, admins or teams asks that directory list, once per few
  // minutes. The same calls again (warm) must ask Intercom once each.
  const upstream = [];
  const DIRECTORY = new Set(['/tags', '/teams', '/admins']);
  const countCall = async (label, name, toolArgs, pass) => {
    const before = fake.requests.length;
    const out = await s.callTool(name, toolArgs);
    const made = fake.requests.slice(before);
    upstream.push({
      call: label,
      pass,
      requests: made.length,
      me: made.filter((r) => r.path === '/me').length,
      directory: made.filter((r) => DIRECTORY.has(r.path)).length,
      isError: out.isError,
    });
    return { out, before, after: fake.requests.length };
  };
  const companyId = fake.workspace.companies[0].id;
  const measured = [
    ['get_contact', 'get_contact', { id: contactId }],
    ['search', 'search', { query: 'object_type:conversations state:open' }],
    ['fetch 60 parts', 'fetch', { id: `conversation_${CONVERSATION_60}` }],
    ['search 20 results', 'search', { query: 'object_type:conversations limit:20' }],
    ['search_conversations', 'search_conversations', { state: 'open' }],
    ['get_conversation', 'get_conversation', { id: CONVERSATION_60 }],
    ['search_contacts', 'search_contacts', { role: 'user' }],
    ['list_companies', 'list_companies', {}],
    ['get_company', 'get_company', { id: companyId }],
  ];
  const passes = {};
  for (const pass of ['cold', 'warm']) {
    passes[pass] = {};
    for (const [label, name, toolArgs] of measured) passes[pass][label] = await countCall(label, name, toolArgs, pass);
  }
  const fetched = passes.cold['fetch 60 parts'];
  const searched = passes.cold['search 20 results'];

  const fetchRaw = await rawBytesOf(fake, url, fetched.before, fetched.after);
  const searchRaw = await rawBytesOf(fake, url, searched.before, searched.after);
  const searchResults = searched.out.result.structuredContent?.results?.length ?? 0;
  const size = (out, raw) => {
    const bytes = Buffer.byteLength(out.text);
    return { bytes, tokens_est: Math.round(bytes / 4), raw_bytes: raw, ratio: round(bytes / raw, 3), jsonrpc_message_bytes: out.bytes, is_error: out.isError };
  };

  // Tool-call overhead: the same record through the server and straight from here, warmed alike.
  const contactPath = { method: 'GET', path: `/contacts/${contactId}` };
  for (let i = 0; i < 20; i++) {
    await s.callTool('get_contact', { id: contactId });
    await direct(url, contactPath);
  }
  const through = [];
  const straight = [];
  for (let i = 0; i < 200; i++) {
    const r = await s.callTool('get_contact', { id: contactId });
    if (r.isError) throw new Error(`get_contact failed: ${r.text}`);
    through.push(r.ms);
    const t0 = performance.now();
    await direct(url, contactPath);
    straight.push(performance.now() - t0);
  }
  const rssAfterCalls = s.rssMb();
  // On to 2,000 calls: memory that keeps growing would be a leak.
  const alone = await callMany(s, 'get_contact', { id: contactId }, 1800);
  const rssAfter2000 = s.rssMb();
  const code = await s.close();
  return {
    tool_call: {
      calls: 200,
      server_median_ms: round(median(through), 2),
      server_p95_ms: round(quantile(through, 0.95), 2),
      direct_median_ms: round(median(straight), 2),
      direct_p95_ms: round(quantile(straight, 0.95), 2),
      overhead_median_ms: round(median(through) - median(straight), 2),
      overhead_p95_ms: round(quantile(through, 0.95) - quantile(straight, 0.95), 2),
      // Calls 229-2,028, nothing interleaved: comparable with low_memory.server_median_ms.
      alone_median_ms: round(median(alone), 2),
    },
    output: {
      fetch_60_parts: size(fetched.out, fetchRaw),
      search_20_results: { ...size(searched.out, searchRaw), results: searchResults },
      tools_list_bytes: Buffer.byteLength(JSON.stringify(list.msg.result)),
      tools_list_tokens_est: Math.round(Buffer.byteLength(JSON.stringify(list.msg.result)) / 4),
    },
    upstream,
    memory: {
      rss_after_start_mb: round(rssAfterStart),
      rss_after_200_calls_mb: round(rssAfterCalls),
      rss_after_2000_calls_mb: round(rssAfter2000),
      exit_code: code,
    },
  };
}

async function callMany(s, name, toolArgs, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const r = await s.callTool(name, toolArgs);
    if (r.isError) throw new Error(`${name} failed: ${r.text}`);
    times.push(r.ms);
  }
  return times;
}

/** The baseline for memory: the bare SDK server after as many calls of its own tool as ours had made (228). */
async function measureBareMemory(env) {
  log('bare SDK server: 2,000 calls, memory ...');
  const s = new Session(BARE, env);
  await s.initialize();
  await new Promise((r) => setTimeout(r, 200));
  const rssAfterStart = s.rssMb();
  await callMany(s, 'echo', { text: 'hello' }, 228);
  const rssAfterCalls = s.rssMb();
  await callMany(s, 'echo', { text: 'hello' }, 1800);
  const rssAfter2000 = s.rssMb();
  await s.close();
  return { rss_after_start_mb: round(rssAfterStart), rss_after_200_calls_mb: round(rssAfterCalls), rss_after_2000_calls_mb: round(rssAfter2000) };
}

/**
 * A leak shows as live heap (after a full GC) that grows with calls; V8 keeping the heap it grew does not.
 * One server with the probe preloaded: live heap after 200 calls, after 2,000 and after 4,000.
 */
async function measureLeak(fake, env) {
  log('leak check: live heap after a full GC at 200, 2,000 and 4,000 calls ...');
  const contactId = fake.workspace.contacts[0].id;
  const s = new Session(BIN, env, [], ['--expose-gc', '--require', join(ROOT, 'bench', 'heap-probe.cjs')]);
  await s.initialize();
  await callMany(s, 'get_contact', { id: contactId }, 200);
  const after200 = await s.liveHeapMb();
  await callMany(s, 'get_contact', { id: contactId }, 1800);
  const after2000 = await s.liveHeapMb();
  await callMany(s, 'get_contact', { id: contactId }, 2000);
  const after4000 = await s.liveHeapMb();
  await s.close();
  return { live_heap_after_200_calls_mb: round(after200, 2), live_heap_after_2000_calls_mb: round(after2000, 2), live_heap_after_4000_calls_mb: round(after4000, 2) };
}

/** The same calls with INTERCOM_MCP_LOW_MEMORY=1 (the V8 flags of bin/intercom-mcp.js). */
async function measureLowMemory(fake, env) {
  log('low-memory mode: 2,000 calls, memory ...');
  const contactId = fake.workspace.contacts[0].id;
  const s = new Session(BIN, { ...env, INTERCOM_MCP_LOW_MEMORY: '1' });
  await s.initialize();
  await new Promise((r) => setTimeout(r, 200));
  const rssAfterStart = s.rssMb();
  await callMany(s, 'get_contact', { id: contactId }, 228);
  const rssAfterCalls = s.rssMb();
  const times = await callMany(s, 'get_contact', { id: contactId }, 1800);
  const rssAfter2000 = s.rssMb();
  await s.close();
  return {
    server_median_ms: round(median(times), 2),
    rss_after_start_mb: round(rssAfterStart),
    rss_after_200_calls_mb: round(rssAfterCalls),
    rss_after_2000_calls_mb: round(rssAfter2000),
  };
}

async function measureConcurrency(fake, env) {
  log('concurrency: 50 calls at once ...');
  const s = new Session(BIN, env);
  await s.initialize();
  // GET /me and the directory lists (tags, admins, teams) out of the way.
  await s.callTool('get_contact', { id: fake.workspace.contacts[5].id });
  const assigned = fake.workspace.conversations.find((c) => c.admin_assignee_id && c.team_assignee_id);
  await s.callTool('fetch', { id: `conversation_${assigned.id}` });
  fake.reset();
  // Each upstream answer takes 20 ms, so the calls overlap and the client's cap on requests in flight shows.
  fake.inject({ kind: 'delay', ms: 20, times: 50 });
  const contacts = fake.workspace.contacts;
  const conversations = fake.workspace.conversations;
  const calls = Array.from({ length: 50 }, (_, i) =>
    i % 2 === 0
      ? s.callTool('get_contact', { id: contacts[i % contacts.length].id })
      : s.callTool('fetch', { id: `conversation_${conversations[i % conversations.length].id}` }),
  );
  const settled = await Promise.allSettled(calls);
  const answered = settled.filter((r) => r.status === 'fulfilled');
  const errors = answered.filter((r) => r.value.isError).map((r) => r.value.text.slice(0, 200));
  await s.close();
  return {
    calls: 50,
    answered: answered.length,
    errors: errors.length,
    error_samples: [...new Set(errors)].slice(0, 3),
    upstream_requests: fake.requests.length,
    max_upstream_in_flight: fake.maxInFlight,
    client_limit: clientConcurrencyLimit(),
  };
}

/** The client's cap on requests in flight, as declared in src/intercom/client.ts (null: none declared). */
function clientConcurrencyLimit() {
  const source = readFileSync(join(ROOT, 'src', 'intercom', 'client.ts'), 'utf8');
  const m =
    /\bmaxConcurrent\s*\?\?\s*(\d+)/.exec(source) ??
    /\b(?:MAX_IN_FLIGHT|MAX_CONCURRENCY|MAX_CONCURRENT\w*)\s*=\s*(\d+)/.exec(source);
  return m ? Number(m[1]) : null;
}

function measureFootprint(tmp) {
  log('footprint: npm pack, install the tarball into an empty folder ...');
  const packDir = join(tmp, 'pack');
  mkdirSync(packDir);
  // ensureBuilt() has built dist/ already: skip prepack's build, whose output would mix with the JSON.
  const packed = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' });
  if (packed.status !== 0) return { error: `npm pack failed: ${packed.stderr.slice(0, 300)}` };
  const info = JSON.parse(packed.stdout)[0];
  const tarball = join(packDir, info.filename);
  const installDir = join(tmp, 'install');
  mkdirSync(installDir);
  writeFileSync(join(installDir, 'package.json'), '{"name":"bench-install","private":true}\n');
  const installed = spawnSync(
    'npm',
    ['install', tarball, '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', '--loglevel=error'],
    { cwd: installDir, encoding: 'utf8' },
  );
  let packages = null;
  let diskMb = null;
  if (installed.status === 0) {
    packages = countPackages(join(installDir, 'node_modules'));
    diskMb = round(diskBytes(join(installDir, 'node_modules')) / 1e6, 2);
  }
  const distBytes = readdirSync(join(ROOT, 'dist')).reduce((sum, f) => sum + statSync(join(ROOT, 'dist', f)).size, 0);
  return {
    tarball_kb: round(info.size / 1000),
    unpacked_kb: round(info.unpackedSize / 1000),
    files: info.entryCount,
    install_packages: packages,
    install_disk_mb: diskMb,
    ...(installed.status === 0 ? {} : { install_error: installed.stderr.slice(0, 300) }),
    bundle_kb: round(distBytes / 1000),
  };
}

function countPackages(nodeModules) {
  let n = 0;
  for (const name of readdirSync(nodeModules)) {
    if (name.startsWith('.')) continue;
    const path = join(nodeModules, name);
    if (name.startsWith('@')) {
      for (const sub of readdirSync(path)) n += 1 + nested(join(path, sub));
    } else n += 1 + nested(path);
  }
  return n;
}
function nested(pkg) {
  const inner = join(pkg, 'node_modules');
  return existsSync(inner) ? countPackages(inner) : 0;
}

function diskBytes(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((sum, name) => sum + diskBytes(join(path, name)), 0);
}

function machine() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model?.trim() ?? 'unknown',
    cores: cpu.length,
    memory_gb: round(totalmem() / 2 ** 30),
    free_memory_gb: round(freemem() / 2 ** 30),
    os: `${platform()} ${release()} ${arch()}`,
    node: spawnSync(NODE, ['--version'], { encoding: 'utf8' }).stdout.trim(),
  };
}

// ---------------------------------------------------------------------------------------------------

function budgets(r) {
  const list = [];
  const add = (name, value, limit, ok) => list.push({ budget: name, value, limit, ok: Boolean(ok) });
  add('cold start vs bare SDK server', `${r.cold_start.ratio}x`, '<= 0.75x', r.cold_start.ratio <= 0.75);
  add('tool-call overhead (median)', `${r.tool_call.overhead_median_ms} ms`, '<= 2.5 ms', r.tool_call.overhead_median_ms <= 2.5);
  add('fetch 60-part conversation vs raw', `${r.output.fetch_60_parts.ratio}x`, '<= 0.25x', r.output.fetch_60_parts.ratio <= 0.25 && !r.output.fetch_60_parts.is_error);
  add(
    'search 20 results vs raw',
    `${r.output.search_20_results.ratio}x`,
    '<= 0.12x',
    r.output.search_20_results.ratio <= 0.12 && r.output.search_20_results.results === 20,
  );
  // Issue 18: at most 14 kB for all the read tools (10 kB was the six of conversations and contacts).
  add('tools/list', `${round(r.output.tools_list_bytes / 1000, 2)} kB`, '<= 14 kB', r.output.tools_list_bytes <= 14_000);
  const cold = r.upstream.filter((u) => u.pass === 'cold');
  const warm = r.upstream.filter((u) => u.pass === 'warm');
  // get_company is the one call of two requests (the company and a page of its contacts), by design.
  const own = (u) => (u.call === 'get_company' ? 2 : 1);
  add(
    'upstream requests per call, cold',
    cold.map((u) => `${u.call} ${u.requests - u.me - u.directory}${u.me ? ` +${u.me} /me` : ''}${u.directory ? ` +${u.directory} directory` : ''}`).join(', '),
    '1 (+ GET /me and each directory list once)',
    cold.every((u) => u.requests - u.me - u.directory === own(u) && !u.isError) && cold.reduce((n, u) => n + u.me, 0) === 1,
  );
  add(
    'upstream requests per call, warm',
    warm.map((u) => `${u.call} ${u.requests}`).join(', '),
    '1 (get_company 2)',
    warm.every((u) => u.requests === own(u) && !u.isError),
  );
  const rssRatio = round(r.memory.rss_after_200_calls_mb / r.bare_memory.rss_after_200_calls_mb, 2);
  add(
    'RSS after 200 calls vs bare SDK server',
    `${r.memory.rss_after_200_calls_mb} vs ${r.bare_memory.rss_after_200_calls_mb} MB = ${rssRatio}x`,
    '<= 1.5x',
    rssRatio <= 1.5,
  );
  // No leak: the live heap after a full GC may not grow with calls. (Resident memory grows from 200 to
  // 2,000 calls for the bare SDK server too, as V8 sizes its heap to the allocation rate: a figure, not a budget.)
  const leak = r.leak;
  const heapGrowth = round(leak.live_heap_after_2000_calls_mb - leak.live_heap_after_200_calls_mb, 2);
  add('live heap growth, 200 to 2,000 calls', `${heapGrowth} MB (${leak.live_heap_after_200_calls_mb} -> ${leak.live_heap_after_2000_calls_mb} MB; ${leak.live_heap_after_4000_calls_mb} MB at 4,000)`, '< 10 MB', heapGrowth < 10);
  add('tarball', `${r.footprint.tarball_kb} kB`, '<= 300 kB', r.footprint.tarball_kb <= 300);
  add('packages an npx install pulls in', String(r.footprint.install_packages), '<= 4', r.footprint.install_packages !== null && r.footprint.install_packages <= 4);
  const c = r.concurrency;
  add(
    '50 concurrent calls',
    `${c.answered}/50 answered, ${c.errors} errors, ${c.upstream_requests} upstream, max ${c.max_upstream_in_flight} in flight`,
    c.client_limit === null ? 'all answered (no client limit declared)' : `all answered, <= ${c.client_limit} in flight`,
    c.answered === 50 && c.errors === 0 && c.upstream_requests === 50 && (c.client_limit === null || c.max_upstream_in_flight <= c.client_limit),
  );
  return list;
}

function printTable(r) {
  const rows = [];
  const row = (a, b) => rows.push([a, String(b)]);
  const m = r.machine;
  row('machine', `${m.cpu}, ${m.cores} cores, ${m.memory_gb} GB, ${m.os}, Node ${m.node}`);
  const cs = r.cold_start;
  row(`cold start to initialize (median of ${cs.runs})`, `${cs.ours_initialize_ms} ms vs bare SDK ${cs.bare_sdk_initialize_ms} ms = ${cs.ratio}x (node -e 0: ${cs.node_alone_ms} ms)`);
  row('cold start to first tools/list', `${cs.ours_tools_list_ms} ms vs bare SDK ${cs.bare_sdk_tools_list_ms} ms`);
  const t = r.tool_call;
  row('get_contact x200 through the server', `median ${t.server_median_ms} ms, p95 ${t.server_p95_ms} ms`);
  row('same request x200 direct', `median ${t.direct_median_ms} ms, p95 ${t.direct_p95_ms} ms`);
  row('tool-call overhead', `median ${t.overhead_median_ms} ms, p95 ${t.overhead_p95_ms} ms`);
  row('get_contact x1,800 more, nothing interleaved', `median ${t.alone_median_ms} ms`);
  const f = r.output.fetch_60_parts;
  row('fetch, 60-part conversation', `${f.bytes} B (~${f.tokens_est} tokens) vs raw ${f.raw_bytes} B = ${f.ratio}x`);
  const s = r.output.search_20_results;
  row(`search, ${s.results} results`, `${s.bytes} B (~${s.tokens_est} tokens) vs raw ${s.raw_bytes} B = ${s.ratio}x`);
  row('tools/list', `${r.output.tools_list_bytes} B (~${r.output.tools_list_tokens_est} tokens)`);
  row('upstream requests, cold', r.upstream.filter((u) => u.pass === 'cold').map((u) => `${u.call}: ${u.requests} (${u.me} /me, ${u.directory} directory)`).join(', '));
  row('upstream requests, warm', r.upstream.filter((u) => u.pass === 'warm').map((u) => `${u.call}: ${u.requests}`).join(', '));
  row('RSS', `${r.memory.rss_after_start_mb} MB after start, ${r.memory.rss_after_200_calls_mb} MB after 200 calls, ${r.memory.rss_after_2000_calls_mb} MB after 2,000`);
  const bm = r.bare_memory;
  row('RSS, bare SDK server', `${bm.rss_after_start_mb} MB after start, ${bm.rss_after_200_calls_mb} MB after 200 calls, ${bm.rss_after_2000_calls_mb} MB after 2,000`);
  const lm = r.low_memory;
  row('RSS, INTERCOM_MCP_LOW_MEMORY=1', `${lm.rss_after_start_mb} MB after start, ${lm.rss_after_200_calls_mb} MB after 200 calls, ${lm.rss_after_2000_calls_mb} MB after 2,000 (x1,800 median ${lm.server_median_ms} ms)`);
  row('live heap after a full GC', `${r.leak.live_heap_after_200_calls_mb} MB after 200 calls, ${r.leak.live_heap_after_2000_calls_mb} MB after 2,000, ${r.leak.live_heap_after_4000_calls_mb} MB after 4,000`);
  const fp = r.footprint;
  row('footprint', `tarball ${fp.tarball_kb} kB (${fp.files} files, ${fp.unpacked_kb} kB unpacked), install ${fp.install_packages} package(s), ${fp.install_disk_mb} MB on disk, bundle ${fp.bundle_kb} kB`);
  const c = r.concurrency;
  row('50 calls at once', `${c.answered} answered, ${c.errors} errors, ${c.upstream_requests} upstream requests, max ${c.max_upstream_in_flight} in flight (client limit: ${c.client_limit ?? 'none declared'})`);
  const width = Math.max(...rows.map(([a]) => a.length));
  const out = [];
  for (const [a, b] of rows) out.push(`${a.padEnd(width)}  ${b}`);
  out.push('');
  const bw = Math.max(...r.budgets.map((b) => b.budget.length));
  for (const b of r.budgets) out.push(`${b.ok ? 'ok  ' : 'MISS'}  ${b.budget.padEnd(bw)}  ${b.value}  (${b.limit})`);
  out.push('', `written to ${join('bench', 'results.json')}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
