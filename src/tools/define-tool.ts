import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/server';
import type * as z from 'zod';
import type { Links } from '../format/index.js';
import type { IntercomClient } from '../intercom/client.js';
import { IntercomError } from '../intercom/errors.js';
import { InvalidIdError } from '../intercom/ids.js';
import { QueryError } from '../query/index.js';

/** What a tool handler may use. Nothing here knows about MCP transports. */
export interface ToolContext {
  readonly intercom: IntercomClient;
  /** Links into the Intercom web app; resolves without throwing (links are a nicety, never a failure). */
  links(signal: AbortSignal): Promise<Links>;
  /** Aborted when the MCP request is cancelled or the server shuts down. */
  readonly signal: AbortSignal;
}

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
  readonly inputSchema: I;
  readonly outputSchema: O;
  readonly annotations: ReadOnlyAnnotations;
  /** Throws on failure; `runTool` turns the error into an `isError` result. */
  handler(args: z.output<I>, ctx: ToolContext): Promise<z.output<O>>;
}

export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(tool: ToolDefinition<I, O>): ToolDefinition<I, O> {
  return tool;
}

/** Errors we raise on purpose carry a message written for the assistant. */
export function errorMessage(error: unknown): string {
  if (error instanceof QueryError || error instanceof InvalidIdError || error instanceof IntercomError) {
    return error.message;
  }
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
    const known = error instanceof QueryError || error instanceof InvalidIdError || error instanceof IntercomError;
    if (!known) log(`tool ${tool.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { content: [{ type: 'text', text: errorMessage(error) }], isError: true };
  }
}
