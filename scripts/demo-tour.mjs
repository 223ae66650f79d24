// `npm run demo`: a short guided tour. Starts the built server with --demo as a child process over stdio
// (as Claude Desktop or Cursor would), connects the MCP SDK's client, lists the tools and makes a few
// representative calls, printing each request and a readable answer. No token, no network.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { distIsStale } from './dist-is-stale.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'intercom-mcp.js');
const out = (text = '') => process.stdout.write(`${text}\n`);
const bold = (text) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
const dim = (text) => (process.stdout.isTTY ? `\x1b[2m${text}\x1b[0m` : text);

/** Builds dist/ when it is missing or older than the sources, as `npm run bench` does. */
function ensureBuilt() {
  if (!distIsStale(ROOT)) return;
  out(dim('building dist/ (npm run build) ...'));
  const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) throw new Error('npm run build failed; run it yourself to see why');
}

/** The first `max` lines of a text, and how many were left out. */
function head(text, max) {
  const lines = text.split('\n');
  return lines.length <= max ? lines : [...lines.slice(0, max), dim(`… ${lines.length - max} more lines`)];
}

const indent = (lines, by = '  ') => lines.map((line) => `${by}${line.length > 300 ? `${line.slice(0, 299)}…` : line}`).join('\n');

/** An object as indented `key: value` lines (what `intercom-mcp call` prints), empty values left out. */
function keyValues(value, pad = '') {
  const lines = [];
  for (const [key, item] of Object.entries(value)) {
    if (item === null || item === undefined || (typeof item === 'object' && Object.keys(item).length === 0)) continue;
    if (typeof item !== 'object') lines.push(`${pad}${key}: ${item}`);
    else if (Array.isArray(item) && item.every((x) => typeof x !== 'object')) lines.push(`${pad}${key}: ${item.join(', ')}`);
    else lines.push(`${pad}${key}:`, ...keyValues(item, `${pad}  `));
  }
  return lines;
}

/** The structured result, for a person: search pages as lines, a record's text as its thread. */
function readable(result) {
  const text = (result.content ?? []).map((c) => c.text ?? '').join('\n');
  if (result.isError) return indent(head(text, 12));
  const s = result.structuredContent ?? {};
  if (Array.isArray(s.results)) {
    const lines = s.results.flatMap((r) => [`${bold(r.id)}  ${r.title}`, dim(`    ${r.text}`)]);
    if (s._note) lines.push('', dim(s._note));
    return indent(lines);
  }
  if (typeof s.text === 'string') return indent([bold(`${s.id}  ${s.title}`), ...head(s.text, 24)]);
  return indent(head(keyValues(s).join('\n'), 24));
}

async function main() {
  ensureBuilt();
  // The user's INTERCOM_* settings pass on (a base URL, a region): demo mode must answer without them anyway.
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  for (const [key, value] of Object.entries(process.env)) if (key.startsWith('INTERCOM_') && value !== undefined) env[key] = value;
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, '--demo'], env, stderr: 'pipe' });
  const client = new Client({ name: 'intercom-mcp-tour', version: '1.0.0' });
  await client.connect(transport);

  out(bold('intercom-mcp: a tour of the demo workspace'));
  out(dim(`started: node bin/intercom-mcp.js --demo (an MCP server on stdio), connected with the MCP SDK's client`));
  out();
  out(dim(client.getInstructions()?.split('\n')[0] ?? ''));
  out();

  out(bold('› tools/list'));
  const { tools } = await client.listTools();
  for (const tool of tools) out(`  ${bold(tool.name.padEnd(21))} ${tool.description.split(/(?<=\.)\s/)[0]}`);
  out();

  const calls = [
    ['A search in the query DSL: what is waiting this week?', 'search', { query: 'object_type:conversations state:open OR state:snoozed created_at:gt:7d' }],
    ['The full record of a long WhatsApp thread (80 parts), as readable text', 'fetch', { id: 'conversation_1062' }],
    ['A structured contact search: users on the enterprise plan', 'search_contacts', { role: 'user', custom_attributes: { plan: 'enterprise' } }],
    ['One contact, structured', 'get_contact', { id: undefined }],
    ['A mistake, and the hint that comes with it', 'search', { query: 'object_type:conversations stat:open' }],
  ];
  let firstContact;
  for (const [why, name, args] of calls) {
    if (name === 'get_contact') args.id = firstContact;
    out(bold(`› ${name} ${JSON.stringify(args)}`));
    out(dim(`  ${why}`));
    const result = await client.callTool({ name, arguments: args });
    if (name === 'search_contacts') firstContact = result.structuredContent?.results?.[0]?.id;
    out(readable(result));
    out();
  }
  out(bold('Next:'));
  out('  node bin/intercom-mcp.js call search "object_type:contacts role:lead" --demo   one tool from the shell');
  out('  node bin/intercom-mcp.js tools                                                every tool and its arguments');
  out('  npm test                                                                      the test suite');
  await client.close();
}

main().catch((error) => {
  process.stderr.write(`demo tour failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
