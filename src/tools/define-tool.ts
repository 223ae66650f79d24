import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { IntercomError } from '../intercom/errors.js';
import { InvalidIdError } from '../intercom/ids.js';
import { QueryError } from '../query/index.js';
import { closest } from '../query/suggest.js';
import type { RecordKind } from '../intercom/record-kinds.js';
import type { ReadContext } from '../records/index.js';
import type { ToolsetName } from './toolsets.js';

/**
 * What a tool handler may use: the client, links and the call's signal, and which record kinds this server
 * serves (its toolsets; all when absent). Nothing here knows about MCP transports.
 */
export type ToolContext = ReadContext & { readonly served?: { readonly kinds: ReadonlySet<RecordKind>; readonly toolsets: ReadonlySet<ToolsetName> } };

/** Every tool here only reads: the type makes the four hints mandatory so none is forgotten. */
export type ReadOnlyAnnotations = Required<
  Pick<ToolAnnotations, 'readOnlyHint' | 'destructiveHint' | 'idempotentHint' | 'openWorldHint'>
>;

export const READ_ONLY: ReadOnlyAnnotations = Object.freeze({
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
});

export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  /** The family it belongs to (--toolsets): a kind's object type for its direct tools, `search` for search/fetch. */
  readonly toolset: ToolsetName;
  readonly title: string;
  readonly description: string;
  /**
   * As written in the tool file. defineTool() wraps it in zod preprocess steps (see lenientInput), so on a
   * defined tool use it as a schema (validate, JSON Schema), not for `.shape`.
   */
  readonly inputSchema: I;
  readonly outputSchema: O;
  readonly annotations: ReadOnlyAnnotations;
  /** Throws on failure; `runTool` turns the error into an `isError` result. */
  handler(args: z.output<I>, ctx: ToolContext): Promise<z.output<O>>;
}

/**
 * Registers a tool definition. Its input schema is made tolerant of known client habits (an object or array
 * argument sent as a JSON string, a numeric id sent as a JSON number) and strict about unknown argument
 * names, without changing the JSON Schema advertised in tools/list: all of it lives in zod preprocess steps,
 * which that schema does not show.
 */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(tool: ToolDefinition<I, O>): ToolDefinition<I, O> {
  return { ...tool, inputSchema: lenientInput(tool.inputSchema) };
}

const MAX_UNKNOWN_NAMES = 3;

/** The tool's object schema with the coercions of coerceProp on its properties, refusing unknown names. */
export function lenientInput<I extends z.ZodObject>(schema: I): I {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, prop] of Object.entries(schema.shape as Record<string, z.ZodType>)) shape[key] = coerceProp(key, prop);
  const known = Object.keys(shape);
  const object = z.object(shape);
  const meta = z.globalRegistry.get(schema);
  const described = meta ? object.meta(meta) : object;
  // An unknown name is refused rather than dropped: a model that sends `limit` to a tool that has no such
  // argument would otherwise believe it applied. The advertised schema already lists every argument; the
  // error also names the one that was probably meant.
  const guarded = z.preprocess((value, ctx) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const unknown = Object.keys(value).filter((k) => !Object.hasOwn(shape, k));
    if (unknown.length > 0) ctx.issues.push({ code: 'custom', input: value, message: unknownArguments(unknown, known, value) });
    return value;
  }, described);
  return guarded as unknown as I;
}

/** `unknown argument "limit"; did you mean per_page? this tool takes ...` (several: a hint after each name). */
function unknownArguments(unknown: readonly string[], known: readonly string[], given: object): string {
  const hints = unknown.slice(0, MAX_UNKNOWN_NAMES).map((name) => {
    const quoted = JSON.stringify(name.length > 40 ? `${name.slice(0, 39)}…` : name);
    const meant = nearMiss(name, known);
    if (meant === undefined) return { quoted, hint: '' };
    return { quoted, hint: Object.hasOwn(given, meant) ? `${meant} is already given, drop ${quoted}` : `did you mean ${meant}?` };
  });
  const more = unknown.length > MAX_UNKNOWN_NAMES ? ` and ${unknown.length - MAX_UNKNOWN_NAMES} more` : '';
  const names =
    hints.length === 1 && !more
      ? `${hints[0]!.quoted}${hints[0]!.hint ? `; ${hints[0]!.hint}` : ''}`
      : hints.map(({ quoted, hint }) => (hint ? `${quoted} (${hint})` : quoted)).join(', ') + more;
  return `unknown argument ${names}${names.endsWith('?') ? ' ' : '; '}this tool takes ${known.join(', ')}`;
}

/**
 * Names models use for an argument these tools call otherwise (other APIs' words, the result's own field
 * names), keyed by normalizeName; the first target the tool has wins. Typos are left to the edit distance.
 */
const NEAR_MISSES: Readonly<Record<string, readonly string[]>> = {
  limit: ['per_page'],
  pagesize: ['per_page'],
  count: ['per_page'],
  maxresults: ['per_page'],
  max: ['per_page'],
  size: ['per_page'],
  numresults: ['per_page'],
  top: ['per_page'],
  cursor: ['starting_after'],
  after: ['starting_after'],
  next: ['starting_after'],
  nextcursor: ['starting_after'],
  nextstartingafter: ['starting_after'],
  startafter: ['starting_after'],
  pagetoken: ['starting_after'],
  nextpagetoken: ['starting_after'],
  page: ['starting_after'],
  offset: ['part_offset', 'starting_after'],
  skip: ['part_offset'],
  start: ['part_offset'],
  q: ['query'],
  search: ['query'],
  querystring: ['query'],
  conversationid: ['id', 'ids'],
  contactid: ['id', 'ids'],
  recordid: ['id'],
  id: ['ids'],
  conversationids: ['ids'],
  contactids: ['ids'],
  teamid: ['team_assignee_id'],
  adminid: ['admin_assignee_id'],
  assigneeid: ['admin_assignee_id'],
  tag: ['tag_ids'],
  tags: ['tag_ids'],
  tagid: ['tag_ids'],
};

/** `perPage`, `Per-Page` and `per_page` are one name. */
function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

/** The argument an unknown name most likely meant: same name spelled otherwise, a known synonym, a typo. */
function nearMiss(name: string, known: readonly string[]): string | undefined {
  const norm = normalizeName(name);
  const sameName = known.find((k) => normalizeName(k) === norm);
  if (sameName !== undefined) return sameName;
  const synonym = Object.hasOwn(NEAR_MISSES, norm) ? NEAR_MISSES[norm]!.find((target) => known.includes(target)) : undefined;
  if (synonym !== undefined) return synonym;
  return closest(name, known);
}

/** Argument names that carry ids: `id`, `ids`, `tag_ids`, `admin_assignee_id`, and `external_id` (the customer's own, often digits too). */
const ID_ARGUMENT = /(^|_)ids?$/;

/**
 * What a property accepts beyond its schema, without changing that schema as advertised: a JSON string
 * for an object or array (parseJsonAs), a JSON number for an id (idFromNumber, also inside an id array).
 */
function coerceProp(key: string, prop: z.ZodType): z.ZodType {
  const optional = prop instanceof z.ZodOptional;
  const inner = optional ? (prop.unwrap() as z.ZodType) : prop;
  const kind = jsonKind(inner);
  const ids = ID_ARGUMENT.test(key);
  let out: z.ZodType;
  if (kind === 'array' && ids && inner instanceof z.ZodArray && inner.element instanceof z.ZodString) {
    out = z.preprocess((value, ctx) => {
      const parsed = parseJsonAs(value, kind);
      return Array.isArray(parsed) ? parsed.map((item) => idFromNumber(item, ctx)) : parsed;
    }, inner);
  } else if (kind !== undefined) {
    out = z.preprocess((value) => parseJsonAs(value, kind), inner);
  } else if (ids && inner instanceof z.ZodString) {
    out = z.preprocess((value, ctx) => idFromNumber(value, ctx), inner);
  } else {
    return prop;
  }
  if (!optional) return out; // its description, if any, is on `inner` and shows through the preprocess
  const meta = z.globalRegistry.get(prop);
  return meta ? out.optional().meta(meta) : out.optional();
}

/**
 * The MCP Inspector and some models send a numeric id as a JSON number (`"id": 215470185450388`). Intercom
 * ids are digit strings or hex, so a whole, non-negative number that JSON carried exactly is that id in
 * decimal. A number past 2^53 has already lost digits on the way: it is refused, asking for a string.
 */
function idFromNumber(value: unknown, ctx: { issues: Array<z.core.$ZodRawIssue> }): unknown {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return value;
  if (Number.isSafeInteger(value)) return String(value);
  ctx.issues.push({
    code: 'custom',
    input: value,
    message: `the id ${value} is too large a number to arrive exactly (JSON numbers keep about 15 digits); send the id as a string, in quotes`,
  });
  return value;
}

/** The kinds of property a JSON string may stand for; anything else is left as the client sent it. */
function jsonKind(schema: z.ZodType): 'object' | 'array' | undefined {
  if (schema instanceof z.ZodObject || schema instanceof z.ZodRecord) return 'object';
  if (schema instanceof z.ZodArray) return 'array';
  return undefined;
}

// Every object/array argument here is small (at most 100 ids, a few attributes): a longer string is not parsed.
const MAX_JSON_STRING = 100_000;

/**
 * Some clients send `{"plan":"pro"}` as the string "{\"plan\":\"pro\"}". For a property that only takes an
 * object (or only an array), a string that parses as exactly that is unambiguous, so it is accepted.
 */
function parseJsonAs(value: unknown, kind: 'object' | 'array'): unknown {
  if (typeof value !== 'string' || value.length > MAX_JSON_STRING) return value;
  const text = value.trim();
  if (!(kind === 'object' ? text.startsWith('{') : text.startsWith('['))) return value;
  try {
    const parsed: unknown = JSON.parse(text);
    const isArray = Array.isArray(parsed);
    const matches = kind === 'array' ? isArray : typeof parsed === 'object' && parsed !== null && !isArray;
    return matches ? parsed : value;
  } catch {
    return value;
  }
}

/** Errors we raise on purpose carry a message written for the assistant. */
function isAnswer(error: unknown): error is Error {
  return error instanceof QueryError || error instanceof InvalidIdError || error instanceof IntercomError;
}

export function errorMessage(error: unknown): string {
  if (isAnswer(error)) return error.message;
  return 'intercom-mcp hit an unexpected internal error while handling this call; the details are in the server log (stderr). Try again, and report it if it persists.';
}

/** The one place a tool's outcome becomes an MCP result. */
export async function runTool<I extends z.ZodObject, O extends z.ZodObject>(
  tool: ToolDefinition<I, O>,
  args: z.output<I>,
  ctx: ToolContext,
  log: (line: string) => void,
): Promise<CallToolResult> {
  try {
    const output = await tool.handler(args, ctx);
    return {
      content: [{ type: 'text', text: JSON.stringify(output) }],
      structuredContent: output as Record<string, unknown>,
    };
  } catch (error) {
    if (!isAnswer(error)) log(`tool ${tool.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { content: [{ type: 'text', text: errorMessage(error) }], isError: true };
  }
}
