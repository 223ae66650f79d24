import { InvalidIdError, KindMismatchError, parseRecordRef, type RecordRef } from '../intercom/ids.js';
import { prefixedId, type RecordKind } from '../intercom/record-kinds.js';
import { QueryError } from '../query/index.js';
import { recordFor, type RecordKindEntry } from '../records/index.js';
import type { ToolContext } from './define-tool.js';
import { notServed } from './toolsets.js';

/**
 * parseRecordRef, with the hint only the tool layer can word: an id of another kind names the tool that
 * reads that kind (`use get_contact (or fetch with "contact_…") instead`).
 */
export function recordRef(input: string, expected?: RecordKind): RecordRef {
  try {
    return parseRecordRef(input, expected);
  } catch (error) {
    if (!(error instanceof KindMismatchError)) throw error;
    const { kind, id } = error.found;
    // `conversation_<contact id>` sent to get_contact: the id is unmistakably what this tool reads.
    if (kind === expected) return error.found;
    throw new InvalidIdError(`${error.lead}: use ${recordFor(kind).tools.get} (or fetch with "${prefixedId(kind, id)}") instead.`);
  }
}

/** The kind's entry, for `search` and `fetch`; an error naming the toolsets when its family is not served. */
export function servedRecord(kind: RecordKind, ctx: ToolContext): RecordKindEntry {
  if (ctx.served && !ctx.served.kinds.has(kind)) throw new QueryError(notServed(kind, ctx.served.toolsets));
  return recordFor(kind);
}
