import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { IntercomError } from '../intercom/errors.js';
import { InvalidIdError } from '../intercom/ids.js';
import { QueryError } from '../query/index.js';
import type { ReadContext } from '../records/index.js';

/** What a tool handler may use: the client, links and the call's signal. Nothing here knows about MCP transports. */
export type ToolContext = ReadContext;

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
 * Registers a tool definition. Its input schema is made tolerant of a known client habit (an object or
 * array argument sent as a JSON string) and strict about unknown argument names, without changing the
 * JSON Schema advertised in tools/list: both live in zod preprocess steps, which that schema does not show.
 */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(tool: ToolDefinition<I, O>): ToolDefinition<I, O> {
  return { ...tool, inputSchema: lenientInput(tool.inputSchema) };
}

const MAX_UNKNOWN_NAMES = 3;

/** The tool's object schema with JSON-string coercion on object/array properties, refusing unknown names. */
export function lenientInput<I extends z.ZodObject>(schema: I): I {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, prop] of Object.entries(schema.shape as Record<string, z.ZodType>)) shape[key] = coerceJsonString(prop);
  const known = Object.keys(shape);
  const object = z.object(shape);
  const meta = z.globalRegistry.get(schema);
  const described = meta ? object.meta(meta) : object;
  // An unknown name is refused rather than dropped: a model that sends `limit` to a tool that has no such
  // argument would otherwise believe it applied. The advertised schema already lists every argument.
  const guarded = z.preprocess((value, ctx) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const unknown = Object.keys(value).filter((k) => !Object.hasOwn(shape, k));
    if (unknown.length > 0) {
      const names = unknown.slice(0, MAX_UNKNOWN_NAMES).map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 39)}…` : k));
      const more = unknown.length > MAX_UNKNOWN_NAMES ? ` and ${unknown.length - MAX_UNKNOWN_NAMES} more` : '';
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `unknown argument ${names.join(', ')}${more}; this tool takes ${known.join(', ')}`,
      });
    }
    return value;
  }, described);
  return guarded as unknown as I;
}

/** The kinds of property a JSON string may stand for; anything else is left as the client sent it. */
function jsonKind(schema: z.ZodType): 'object' | 'array' | undefined {
  if (schema instanceof z.ZodObject || schema instanceof z.ZodRecord) return 'object';
  if (schema instanceof z.ZodArray) return 'array';
  return undefined;
}

/**
 * Some clients send `{"plan":"pro"}` as the string "{\"plan\":\"pro\"}". For a property that only takes an
 * object (or only an array), a string that parses as exactly that is unambiguous, so it is accepted.
 */
function coerceJsonString(prop: z.ZodType): z.ZodType {
  const optional = prop instanceof z.ZodOptional;
  const inner = optional ? (prop.unwrap() as z.ZodType) : prop;
  const kind = jsonKind(inner);
  if (kind === undefined) return prop;
  let out: z.ZodType = z.preprocess((value) => parseJsonAs(value, kind), inner);
  if (optional) out = out.optional();
  const meta = z.globalRegistry.get(prop);
  return meta ? out.meta(meta) : out;
}

// Every object/array argument here is small (at most 100 ids, a few attributes): a longer string is not parsed.
const MAX_JSON_STRING = 100_000;

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
