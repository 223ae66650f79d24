// `intercom-mcp tools` and `intercom-mcp call`: the real server, built by the one factory, behind an
// in-memory MCP client, so a call from a terminal goes through exactly what an assistant's call does.
//
// Nothing of the CLI's own start path is imported here (config, output), and the server comes in as the
// plain server's own chunk (server/stdio.js): cli.ts hands these over, so the start path's chunks stay as
// they were and this file is a chunk of its own.
import { Client, InMemoryTransport, type jsonSchemaValidator } from '@modelcontextprotocol/client';
import type { ConfigError, ConfigFlags, resolveConfig } from '../config.js';
import type { writeErr, writeOut } from './output.js';

/** Handed over by cli.ts rather than imported, so these commands share no module with the start path. */
export interface CliDeps {
  /** `--demo` or INTERCOM_MCP_DEMO=1, as the server decides it. */
  readonly isDemo: (flag: boolean | undefined) => boolean;
  readonly resolveConfig: typeof resolveConfig;
  readonly ConfigError: typeof ConfigError;
  readonly writeOut: typeof writeOut;
  readonly writeErr: typeof writeErr;
}

/**
 * The client's check of each result against the tool's outputSchema, passed through: the server it talks
 * to is in this process and has checked the result already (zod, the same schema), so no Ajv is bundled.
 */
const PASS_THROUGH: jsonSchemaValidator = {
  getValidator: () => (input: unknown) => ({ valid: true, data: input as never, errorMessage: undefined }),
};

/** Exit codes: 0 done, 1 the tool answered with an error, 2 the command was wrong (usage printed). */
const OK = 0;
const TOOL_FAILED = 1;
const USAGE = 2;

interface ListedTool {
  name: string;
  description?: string;
  inputSchema: { properties?: Record<string, JsonSchema>; required?: string[] };
}
interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  description?: string;
}

interface Session {
  client: Client;
  close(): Promise<void>;
}

async function open(deps: CliDeps, options: { flags: ConfigFlags; demo: boolean; env?: NodeJS.ProcessEnv }): Promise<Session> {
  const config = deps.resolveConfig(options.flags, options.env ?? process.env);
  const { createServerFactory, wiring } = await import('../server/stdio.js');
  const wired = await wiring({ demo: options.demo, profile: config.profile });
  const { writeErr } = deps;
  const factory = createServerFactory({ config, ...wired, log: (line) => writeErr(`[intercom-mcp] ${line}\n`) });
  const server = factory();
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'intercom-mcp-cli', version: __VERSION__ }, { jsonSchemaValidator: PASS_THROUGH });
  await server.connect(serverSide);
  await client.connect(clientSide);
  return {
    client,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

async function listTools(client: Client): Promise<ListedTool[]> {
  return (await client.listTools()).tools as ListedTool[];
}

/** The first sentence of a description (up to a `.`, or a `:`/`;` with `cutAtColon`, outside parentheses), on one line. */
function oneLine(text: string | undefined, max = 110, cutAtColon = true): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim().replace(/\b(e\.g|i\.e)\./g, '$1\u2024');
  let depth = 0;
  let end = flat.length;
  for (let i = 0; i < flat.length; i++) {
    const ch = flat[i]!;
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (cutAtColon ? '.:;' : '.').includes(ch) && (i + 1 === flat.length || flat[i + 1] === ' ')) {
      end = i;
      break;
    }
  }
  const cut = flat.slice(0, end).replace(/\u2024/g, '.');
  return cut.length > max ? `${cut.slice(0, max - 1)}…` : cut;
}

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map(String).join('|');
  // An object with named properties shows them ({operator: eq|neq|..., value: number|string}), so its shape
  // can be learnt here.
  if (schema.properties) return `{${Object.entries(schema.properties).map(([k, v]) => `${k}: ${typeOf(v)}`).join(', ')}}`;
  if (schema.anyOf) return [...new Set(schema.anyOf.map(typeOf))].join('|');
  const type = Array.isArray(schema.type) ? schema.type.join('|') : (schema.type ?? 'any');
  return type === 'array' && schema.items ? `${typeOf(schema.items)}[]` : type;
}

function argumentLines(tool: ListedTool, indent: string): string[] {
  const required = new Set(tool.inputSchema.required ?? []);
  return Object.entries(tool.inputSchema.properties ?? {}).map(
    ([name, schema]) => `${indent}${name} (${typeOf(schema)}${required.has(name) ? ', required' : ''})${schema.description ? `: ${oneLine(schema.description, 120, false)}` : ''}`,
  );
}

/** The tool's one required string argument, if that is all it requires: `call search "..."` fills it. */
function bareArgument(tool: ListedTool): string | undefined {
  const required = tool.inputSchema.required ?? [];
  if (required.length !== 1) return undefined;
  const schema = tool.inputSchema.properties?.[required[0]!];
  return schema && typeOf(schema).split('|').includes('string') ? required[0] : undefined;
}

function usage(tool: ListedTool): string {
  const bare = bareArgument(tool);
  return [
    `usage: intercom-mcp call ${tool.name} '{"ARGUMENT": value, ...}' [--json] [--demo]`,
    ...(bare ? [`       intercom-mcp call ${tool.name} ${bare.toUpperCase()} [--json] [--demo]`] : []),
    `${tool.name}: ${oneLine(tool.description)}`,
    'arguments:',
    ...argumentLines(tool, '  '),
  ].join('\n');
}

export async function runTools(deps: CliDeps, toolsets?: string): Promise<number> {
  // Listing needs no settings: a bad INTERCOM_REGION (or any other) must not stop it. Only the toolsets
  // (the flag, or INTERCOM_TOOLSETS) choose what is listed.
  const env = process.env.INTERCOM_TOOLSETS === undefined ? {} : { INTERCOM_TOOLSETS: process.env.INTERCOM_TOOLSETS };
  const session = await openOrExplain(deps, { flags: toolsets === undefined ? {} : { toolsets }, demo: false, env });
  if (typeof session === 'number') return session;
  try {
    const tools = await listTools(session.client);
    const blocks = tools.map((tool) => [`${tool.name}: ${oneLine(tool.description)}`, ...argumentLines(tool, '    ')].join('\n'));
    deps.writeOut(`${blocks.join('\n\n')}\n\nRun one: intercom-mcp call TOOL [ARGS] (add --demo to try it on a sample workspace).\n`);
    return OK;
  } finally {
    await session.close();
  }
}

async function openOrExplain(deps: CliDeps, options: { flags: ConfigFlags; demo: boolean; env?: NodeJS.ProcessEnv }): Promise<Session | number> {
  try {
    return await open(deps, options);
  } catch (error) {
    if (error instanceof deps.ConfigError) {
      deps.writeErr(`intercom-mcp: ${error.message}\n`);
      return USAGE;
    }
    throw error;
  }
}

/** ARGS as the tool's arguments: a JSON object, or the bare string for a tool with one required string. */
function parseArgs(tool: ListedTool, raw: string | undefined): Record<string, unknown> | string {
  if (raw === undefined) return {};
  const text = raw.trim();
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch (error) {
      return `ARGS is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
    }
    return 'ARGS must be a JSON object';
  }
  const bare = bareArgument(tool);
  if (!bare) return `${tool.name} takes a JSON object of arguments, e.g. '{"${Object.keys(tool.inputSchema.properties ?? {})[0] ?? 'name'}": ...}'`;
  return { [bare]: raw };
}

export async function runCall(
  deps: CliDeps,
  options: { tool: string; args: string | undefined; json: boolean; demo: boolean; flags: ConfigFlags },
): Promise<number> {
  const session = await openOrExplain(deps, { flags: options.flags, demo: options.demo });
  if (typeof session === 'number') return session;
  const { writeErr, writeOut } = deps;
  const { DEMO_NOTICE } = await import('../server/stdio.js');
  try {
    const tools = await listTools(session.client);
    const tool = tools.find((t) => t.name === options.tool);
    if (!tool) {
      writeErr(`intercom-mcp: no tool named ${JSON.stringify(options.tool)}; the tools are: ${tools.map((t) => t.name).join(', ')} (intercom-mcp tools describes them)\n`);
      return USAGE;
    }
    const args = parseArgs(tool, options.args);
    if (typeof args === 'string') {
      writeErr(`intercom-mcp: ${args}\n${usage(tool)}\n`);
      return USAGE;
    }
    const result = await session.client.callTool({ name: tool.name, arguments: args });
    const content = (result.content ?? []) as Array<{ type: string; text?: string }>;
    const text = content.map((c) => c.text ?? '').join('\n');
    if (result.isError) {
      // The SDK refuses arguments that do not fit the schema before the tool runs: that is a usage error.
      if (text.startsWith('Input validation error')) {
        writeErr(`intercom-mcp: ${text}\n${usage(tool)}\n`);
        return USAGE;
      }
      writeErr(`${text}\n`);
      return TOOL_FAILED;
    }
    const demoLine = text.startsWith(DEMO_NOTICE) ? DEMO_NOTICE : undefined;
    if (options.json) {
      // stdout stays pure JSON; the demo notice goes beside it.
      if (demoLine) writeErr(`${demoLine}\n`);
      writeOut(`${JSON.stringify(result.structuredContent ?? null, null, 2)}\n`);
    } else {
      writeOut(`${demoLine ? `${demoLine}\n\n` : ''}${readable(result.structuredContent ?? {}).join('\n')}\n`);
    }
    return OK;
  } finally {
    await session.close();
  }
}

// --- for a person: the structured result as indented `key: value` lines, long texts as indented blocks ---

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isScalar = (value: unknown): value is string | number | boolean | null => value === null || typeof value !== 'object';

function scalar(value: string | number | boolean | null): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Lines for an object's entries at `indent`; empty values (null, [], {}) are left out. */
export function readable(value: unknown, indent = ''): string[] {
  if (isScalar(value)) return [`${indent}${scalar(value)}`];
  if (Array.isArray(value)) return listLines(value as Json[], indent);
  const lines: string[] = [];
  for (const [key, item] of Object.entries(value as Record<string, Json>)) {
    if (item === null || item === undefined || (typeof item === 'object' && Object.keys(item).length === 0)) continue;
    if (typeof item === 'string' && item.includes('\n')) {
      lines.push(`${indent}${key}:`, ...item.split('\n').map((line) => (line ? `${indent}  ${line}` : '')));
    } else if (isScalar(item)) {
      lines.push(`${indent}${key}: ${scalar(item)}`);
    } else if (Array.isArray(item) && item.every(isScalar)) {
      lines.push(`${indent}${key}: ${item.map((x) => scalar(x as string)).join(', ')}`);
    } else {
      lines.push(`${indent}${key}:`, ...readable(item, `${indent}  `));
    }
  }
  return lines;
}

function listLines(items: Json[], indent: string): string[] {
  const lines: string[] = [];
  items.forEach((item, i) => {
    if (i > 0 && !isScalar(item)) lines.push('');
    const inner = readable(item, `${indent}  `);
    if (inner.length === 0) return;
    lines.push(`${indent}- ${inner[0]!.slice(indent.length + 2)}`, ...inner.slice(1));
  });
  return lines;
}
