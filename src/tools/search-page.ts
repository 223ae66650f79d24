import { resultPage, type ResultPage } from '../format/page.js';
import type { SearchRequest } from '../intercom/types.js';
import type { ReadContext, RecordKindEntry } from '../records/index.js';

/**
 * The tail of every search tool: search the kind, summarize each hit, and page. `howToContinue` words the
 * next-page hint in the caller's own terms (a DSL term or a tool argument).
 */
export async function searchPage(
  record: RecordKindEntry,
  ctx: ReadContext,
  body: SearchRequest,
  howToContinue: (cursor: string) => string,
): Promise<ResultPage> {
  const found = await record.search(ctx, body);
  const page = resultPage(found.results, found.total_count, found.pages, howToContinue);
  if (found.note && !page._note) page._note = found.note;
  return page;
}

/** The hint of the structured search tools, whose cursor is an argument. */
export const callAgainWithCursor = (cursor: string): string => `call again with starting_after: "${cursor}"`;
