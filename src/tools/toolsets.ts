// Toolsets: the families of tools a server serves (--toolsets, INTERCOM_TOOLSETS). Each record kind is a
// family named by its object type (its direct tools), and `search` is the search/fetch pair, which reads
// only the kinds whose family is served. Every tool definition names its family, so a new kind's tools
// join the selection without a line here.
import { KIND_IDENTITY, OBJECT_TYPES, RECORD_KINDS, type ObjectType, type RecordKind } from '../intercom/record-kinds.js';

export type ToolsetName = ObjectType | 'search';

/** In the order the README's table and errors list them. */
export const TOOLSET_NAMES: readonly ToolsetName[] = [...OBJECT_TYPES, 'search'];

export function isToolsetName(name: string): name is ToolsetName {
  return (TOOLSET_NAMES as readonly string[]).includes(name);
}

/** The record kinds `search` and `fetch` read under a selection: those whose own family is served. */
export function kindsServed(toolsets: ReadonlySet<ToolsetName>): ReadonlySet<RecordKind> {
  return new Set(RECORD_KINDS.filter((kind) => toolsets.has(KIND_IDENTITY[kind].objectType)));
}

/** An error for a kind this server does not serve: which families it serves, and how to add one. */
export function notServed(kind: RecordKind, toolsets: ReadonlySet<ToolsetName>): string {
  const family = KIND_IDENTITY[kind].objectType;
  return (
    `${family} are not served here: this server's toolsets are ${[...toolsets].join(', ')}. ` +
    `Restart it with ${family} in --toolsets (or INTERCOM_TOOLSETS), e.g. --toolsets ${[...toolsets, family].join(',')}.`
  );
}
